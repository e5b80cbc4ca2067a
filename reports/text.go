package reports

import (
	"fmt"
	"html/template"
	"strings"
	"unicode"

	"evalbench/messages"
)

// The report's fixed text — headings, column names, captions, method names and limitations —
// comes from the message catalogue (messages/, ids report.*), Chinese first with English
// alongside. The template calls these functions; TestTemplateTextFromCatalogue keeps Chinese
// out of the template's own text.
var textFuncs = template.FuncMap{
	// t: Chinese, then English in <span class="en">, as the report's headings show them.
	"t": func(id string, kv ...any) template.HTML {
		zh, en := messages.Both(messages.ID(id), escapeArgs(kv)...)
		return template.HTML(zh + ` <span class="en">` + en + `</span>`)
	},
	// tb: Chinese, then English, in one run of text (no space after Chinese punctuation).
	"tb": func(id string, kv ...any) template.HTML {
		zh, en := messages.Both(messages.ID(id), escapeArgs(kv)...)
		return template.HTML(joinBilingual(zh, en))
	},
	// tj: Chinese and English joined by sep (" — " in the banners).
	"tj": func(sep, id string, kv ...any) template.HTML {
		zh, en := messages.Both(messages.ID(id), escapeArgs(kv)...)
		return template.HTML(zh + escapeText(sep) + en)
	},
	// zh and en: one language of id, where the report places the two apart (a condition or a
	// table between them).
	"zh": func(id string, kv ...any) template.HTML {
		return template.HTML(messages.For(messages.Chinese).Sprintf(messages.ID(id), escapeArgs(kv)...))
	},
	"en": func(id string, kv ...any) template.HTML {
		return template.HTML(messages.For(messages.English).Sprintf(messages.ID(id), escapeArgs(kv)...))
	},
	// code and mono: an argument shown as a command or a digest inside a catalogue text.
	"code": func(s string) template.HTML {
		return template.HTML("<code>" + template.HTMLEscapeString(s) + "</code>")
	},
	"mono": func(s string) template.HTML {
		return template.HTML(`<span class="mono">` + template.HTMLEscapeString(s) + "</span>")
	},
}

// escapeArgs escapes the arguments of a catalogue text for an element's content, as the
// template escapes a value it prints: the names of units and indicators may hold & < > ' ".
// The catalogue's own report.* texts hold none of these (TestReportTextsArePlain).
func escapeArgs(kv []any) []any {
	out := make([]any, len(kv))
	for i, v := range kv {
		switch v := v.(type) {
		case template.HTML:
			out[i] = string(v)
		case string:
			if i%2 == 1 {
				out[i] = template.HTMLEscapeString(v)
			} else {
				out[i] = v
			}
		case fmt.Stringer:
			out[i] = template.HTMLEscapeString(v.String())
		default:
			out[i] = v
		}
	}
	return out
}

// bilingual formats id in Chinese and then English, as the report's running text does: a space
// between them unless the Chinese ends with a full-width punctuation mark (。，）：).
func bilingual(id messages.ID, kv ...any) string {
	zh, en := messages.Both(id, kv...)
	return joinBilingual(zh, en)
}

func joinBilingual(zh, en string) string {
	if zh == en {
		return zh
	}
	if r := lastRune(zh); r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef {
		return zh + en
	}
	return zh + " " + en
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return unicode.ReplacementChar
	}
	return r[len(r)-1]
}

// escapeText escapes text for an element's content: the catalogue's texts and their arguments
// (names of units and indicators) may hold & < >.
var escapeText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace

// both is id in Chinese and in English, for views that place them apart.
func both(id messages.ID) [2]string {
	zh, en := messages.Both(id)
	return [2]string{zh, en}
}
