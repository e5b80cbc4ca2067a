package messages

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
)

// FromAcceptLanguage chooses the language of an HTTP Accept-Language header. The preferences are
// taken in order of q-value (the first listed wins a tie; q=0 means "not this one"), and the first
// that is Chinese (zh, zh-CN, zh-Hans, zh-TW, …) or English (en, en-US, …) decides. A wildcard "*",
// an empty or malformed header, or a header naming only other languages gives the Default,
// Chinese.
func FromAcceptLanguage(header string) Language {
	tags, q, err := language.ParseAcceptLanguage(header)
	if err != nil {
		return Default
	}
	for i, t := range tags {
		if q[i] <= 0 {
			continue
		}
		if b, _ := t.Base(); b.String() == "mul" { // "*": any language will do
			return Default
		}
		if l, ok := fromTag(t); ok {
			return l
		}
	}
	return Default
}

// fromTag maps a tag to the catalogue language of its base language. Traditional Chinese maps to
// Chinese too: Simplified serves its readers better than English does.
func fromTag(t language.Tag) (Language, bool) {
	base, conf := t.Base()
	if conf == language.No {
		return "", false
	}
	switch base.String() {
	case "zh", "cmn": // cmn: Mandarin, as some clients write it
		return Chinese, true
	case "en":
		return English, true
	}
	return "", false
}

// ParseLanguage reads a --lang value or a POSIX locale: "zh", "en", "zh-CN", "zh_CN.UTF-8",
// "en_US.UTF-8@euro", "zh-Hans". The C and POSIX locales (with or without a codeset, as in
// C.UTF-8) are English: they ask for untranslated output, and evalbench's untranslated language
// is English. Anything else — an empty value, another language — is an error that says which
// values are accepted.
func ParseLanguage(s string) (Language, error) {
	v := strings.TrimSpace(s)
	if i := strings.IndexAny(v, ".@"); i >= 0 {
		v = v[:i]
	}
	switch v {
	case "C", "POSIX":
		return English, nil
	}
	t, err := language.Parse(strings.ReplaceAll(v, "_", "-"))
	if err == nil {
		if l, ok := fromTag(t); ok {
			return l, nil
		}
	}
	return "", fmt.Errorf("messages: unsupported language %q: use zh (中文) or en (English)", s)
}

// CLILanguage chooses the language of a command: the --lang value if one is given (an
// unsupported value is an error), else the first of LC_ALL, LC_MESSAGES and LANG that is set, as
// POSIX orders them. A locale in another language, or none at all, gives the Default, Chinese;
// LANG=C gives English (see ParseLanguage). getenv is os.Getenv, or a map's lookup in tests.
func CLILanguage(flag string, getenv func(string) string) (Language, error) {
	if strings.TrimSpace(flag) != "" {
		return ParseLanguage(flag)
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			if l, err := ParseLanguage(v); err == nil {
				return l, nil
			}
			return Default, nil
		}
	}
	return Default, nil
}
