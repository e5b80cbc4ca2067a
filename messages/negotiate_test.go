package messages

import "testing"

func TestFromAcceptLanguage(t *testing.T) {
	tests := []struct {
		header string
		want   Language
	}{
		{"", Chinese},
		{"zh", Chinese},
		{"zh-CN", Chinese},
		{"zh-Hans", Chinese},
		{"zh-Hans-CN", Chinese},
		{"zh-TW", Chinese},
		{"zh-Hant-HK", Chinese},
		{"ZH-cn", Chinese},
		{"cmn", Chinese},
		{"en", English},
		{"en-US", English},
		{"en-GB", English},
		{"en-US,en;q=0.9", English},
		{"zh-CN,zh;q=0.9,en;q=0.8", Chinese},
		{"en-US,en;q=0.9,zh-CN;q=0.8", English},
		{"en;q=0.5, zh-CN;q=0.9", Chinese}, // q-values, not order, decide
		{"zh;q=0.8, en-GB;q=0.9", English}, // likewise
		{"en, zh", English},                // a tie: the first listed wins
		{"zh, en", Chinese},                //
		{"zh;q=0, en", English},            // q=0: not Chinese
		{"en;q=0", Chinese},                // nothing acceptable: the default
		{"fr-FR, de;q=0.9", Chinese},       // only other languages: the default
		{"fr-FR, en;q=0.5", English},       // other languages are skipped
		{"fr, zh-TW;q=0.5, en;q=0.4", Chinese},
		{"*", Chinese},
		{"fr, *;q=0.5, en;q=0.3", Chinese}, // the wildcard ranks above English
		{"en;q=abc", Chinese},              // malformed: the default
		{"this is not a header", Chinese},
		{"x-klingon", Chinese},
	}
	for _, tt := range tests {
		if got := FromAcceptLanguage(tt.header); got != tt.want {
			t.Errorf("FromAcceptLanguage(%q) = %s, want %s", tt.header, got, tt.want)
		}
	}
}

func TestParseLanguage(t *testing.T) {
	tests := []struct {
		in   string
		want Language // "" for an error
	}{
		{"zh", Chinese},
		{"en", English},
		{"zh-CN", Chinese},
		{"zh_CN", Chinese},
		{"zh_CN.UTF-8", Chinese},
		{"zh_CN.GB18030", Chinese},
		{"zh_TW.UTF-8", Chinese},
		{"zh-Hans", Chinese},
		{" ZH ", Chinese},
		{"en_US.UTF-8", English},
		{"en_GB.UTF-8@euro", English},
		{"en-US", English},
		{"C", English},
		{"POSIX", English},
		{"C.UTF-8", English},
		{"C.utf8", English},
		{"", ""},
		{"fr_FR.UTF-8", ""},
		{"chinese", ""},
		{"xx-bogus-tag-", ""},
	}
	for _, tt := range tests {
		got, err := ParseLanguage(tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("ParseLanguage(%q) = %s, want an error", tt.in, got)
		case tt.want != "" && (err != nil || got != tt.want):
			t.Errorf("ParseLanguage(%q) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestCLILanguage(t *testing.T) {
	tests := []struct {
		name    string
		flag    string
		env     map[string]string
		want    Language
		wantErr bool
	}{
		{"nothing set", "", nil, Chinese, false},
		{"LANG Chinese", "", map[string]string{"LANG": "zh_CN.UTF-8"}, Chinese, false},
		{"LANG English", "", map[string]string{"LANG": "en_US.UTF-8"}, English, false},
		{"LANG C", "", map[string]string{"LANG": "C.UTF-8"}, English, false},
		{"LANG POSIX", "", map[string]string{"LANG": "POSIX"}, English, false},
		{"LANG other language", "", map[string]string{"LANG": "de_DE.UTF-8"}, Chinese, false},
		{"LANG garbage", "", map[string]string{"LANG": "???"}, Chinese, false},
		{"LC_MESSAGES over LANG", "", map[string]string{"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, English, false},
		{"LC_ALL over both", "", map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, Chinese, false},
		{"LC_ALL=C wins", "", map[string]string{"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, English, false},
		{"empty LC_ALL is unset", "", map[string]string{"LC_ALL": "", "LANG": "en_US.UTF-8"}, English, false},
		{"flag over environment", "zh", map[string]string{"LC_ALL": "en_US.UTF-8"}, Chinese, false},
		{"flag en", "en", nil, English, false},
		{"flag locale form", "en_US.UTF-8", nil, English, false},
		{"flag unsupported", "fr", map[string]string{"LANG": "zh_CN.UTF-8"}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CLILanguage(tt.flag, func(k string) string { return tt.env[k] })
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("CLILanguage(%q, %v) = %q, %v; want %q (error %v)", tt.flag, tt.env, got, err, tt.want, tt.wantErr)
			}
		})
	}
}
