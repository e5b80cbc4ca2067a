package reports

import (
	"testing"

	"evalbench/messages"
)

// The verifier's differences quote the JSON found on each side; where there is none to quote — a
// member missing, arrays of different lengths, a document that does not parse or a value that does
// not encode — they say so in the reader's language, inside the check's message.
func TestDiffValuesInBothLanguages(t *testing.T) {
	zh, en := messages.For(messages.Chinese), messages.For(messages.English)
	render := func(p *messages.Printer, v any) string {
		if m, ok := v.(messages.Message); ok {
			return p.Render(m)
		}
		return v.(string)
	}
	cases := []struct {
		name           string
		a, b           string
		where          string
		zhA, zhB       string
		enA, enB       string
		zhLine, enLine string
	}{
		{"a member missing", `{"x": 1, "y": 2}`, `{"x": 1}`, "results.y", "2", "（无此项）", "2", "nothing",
			"重算得到（无此项），报告记为2", "recomputing gives nothing where the report says 2"},
		{"lengths", `{"x": [1, 2]}`, `{"x": [1, 2, 3]}`, "results.x", "2个元素", "3个元素", "2 elements", "3 elements",
			"重算得到3个元素，报告记为2个元素", "recomputing gives 3 elements where the report says 2 elements"},
		{"unparsable", `{"x": `, `{"x": 1}`, "results", "（无法解析的JSON）", "（无法解析的JSON）", "unparsable", "unparsable",
			"重算得到（无法解析的JSON），报告记为（无法解析的JSON）", "recomputing gives unparsable where the report says unparsable"},
		{"a value", `{"u": [{"code": "a", "v": 1}]}`, `{"u": [{"code": "a", "v": 2}]}`, "results.u[0]{code=a}.v", "1", "2", "1", "2",
			"重算得到2，报告记为1", "recomputing gives 2 where the report says 1"},
	}
	for _, tc := range cases {
		where, said, got := firstRawDiff([]byte(tc.a), []byte(tc.b), "results")
		if where != tc.where || render(zh, said) != tc.zhA || render(zh, got) != tc.zhB || render(en, said) != tc.enA || render(en, got) != tc.enB {
			t.Errorf("%s: %s %q %q / %q %q", tc.name, where, render(zh, said), render(zh, got), render(en, said), render(en, got))
		}
		m := messages.New(messages.VerifyRecomputeDiffers, "got", got, "said", said)
		if zh.Render(m) != tc.zhLine || en.Render(m) != tc.enLine {
			t.Errorf("%s: %q / %q", tc.name, zh.Render(m), en.Render(m))
		}
	}
	where, said, got := firstJSONDiff(func() {}, 1, "manifest.config")
	if m := messages.New(messages.VerifyManifestConfig, "said", said, "got", got); where != "manifest.config" ||
		zh.Render(m) != "清单中的运行配置记为（无法编码为JSON），输入中为（无法编码为JSON）" ||
		en.Render(m) != "the manifest's run configuration says unencodable, the inputs' unencodable" {
		t.Errorf("unencodable: %s %q / %q", where, zh.Render(m), en.Render(m))
	}
}

// Why a text is not an envelope or a bundle reads in the reader's language; the library's own
// text (encoding/json's, encoding/base64's) is quoted inside; the English is the error's text.
func TestParseReasonsInBothLanguages(t *testing.T) {
	zh, en := messages.For(messages.Chinese), messages.For(messages.English)
	envelope := func(s string) error { _, _, err := ParseEnvelope([]byte(s)); return err }
	bundle := func(s string) error { _, err := ParseBundle([]byte(s)); return err }
	for _, tc := range []struct {
		err    error
		zh, en string
	}{
		{envelope(`{}`), "不是DSSE信封：缺少payloadType或payload", "not a DSSE envelope: payloadType and payload are required"},
		{envelope(`{"payloadType": "x", "payload": "eA=="} {}`), "不是DSSE信封：JSON之后还有多余的内容", "not a DSSE envelope: trailing data"},
		{envelope(`{"payloadType": "x", "payload": "%%"}`), "载荷不是base64编码：illegal base64 data at input byte 0", "the payload is not base64: illegal base64 data at input byte 0"},
		{envelope(`[1]`), "不是DSSE信封：json: cannot unmarshal array into Go value of type reports.Envelope", "not a DSSE envelope: json: cannot unmarshal array into Go value of type reports.Envelope"},
		{bundle(`{"manifest": {"format": "x"}}`), "格式“x”不是“" + Format + "”", `format "x" is not "` + Format + `"`},
		{bundle(`{"manifest": {"format": "` + Format + `"}}`), "数据包缺少输入或结果", "the bundle has no inputs or no results"},
		{bundle(`{"manifest": {"format": "` + Format + `"}} 1`), "数据包之后还有多余的内容", "trailing data after the bundle"},
	} {
		m, ok := ParseReason(tc.err).(messages.Message)
		if !ok {
			t.Errorf("%v: no message", tc.err)
			continue
		}
		if zh.Render(m) != tc.zh || en.Render(m) != tc.en || tc.err.Error() != tc.en {
			t.Errorf("%q / %q (Error %q), want %q / %q", zh.Render(m), en.Render(m), tc.err, tc.zh, tc.en)
		}
	}
	v := Verify([]byte(`{}`), nil, nil)
	if c := v.Checks[0]; zh.Render(c.Message) != "信封文件无法解析：不是DSSE信封：缺少payloadType或payload" ||
		c.Detail != "the envelope does not parse: not a DSSE envelope: payloadType and payload are required" {
		t.Errorf("the envelope check: %q / %q", zh.Render(c.Message), c.Detail)
	}
}
