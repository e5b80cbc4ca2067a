package evaluation

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"evalbench/messages"
	"evalbench/messages/messagestest"
)

// TestJSONSyntaxReason decodes broken JSON with encoding/json and checks that every syntax error
// it writes today becomes a catalogued reason naming the character, at the right line and
// character: a wording the table misses would come back as English text and fail here.
func TestJSONSyntaxReason(t *testing.T) {
	for _, c := range []struct {
		doc       string
		id        messages.ID
		char      string
		line, col int
	}{
		{`{"a" 1}`, messages.JSONSyntaxAfterKey, "'1'", 1, 6},
		{"{\"a\":1\n \"b\":2}", messages.JSONSyntaxAfterPair, `'"'`, 2, 2},
		{`[1 2]`, messages.JSONSyntaxAfterElement, "'2'", 1, 4},
		{`{a:1}`, messages.JSONSyntaxKey, "'a'", 1, 2},
		{`{"a":1,}`, messages.JSONSyntaxKey, "'}'", 1, 8},
		{`[1,]`, messages.JSONSyntaxValue, "']'", 1, 4},
		{"\"a\x01\"", messages.JSONSyntaxString, `'\x01'`, 1, 3},
		{`"\q"`, messages.JSONSyntaxEscape, "'q'", 1, 3},
		{`"\u12x4"`, messages.JSONSyntaxEscape, "'x'", 1, 6},
		{`1.e5`, messages.JSONSyntaxNumber, "'e'", 1, 3},
		{`-x`, messages.JSONSyntaxNumber, "'x'", 1, 2},
		{`trux`, messages.JSONSyntaxLiteral, "'x'", 1, 4},
		{"{\"名称\":1} x", messages.JSONSyntaxTrailing, "'x'", 1, 10},
		{`x`, messages.JSONSyntaxValue, "'x'", 1, 1},
		{"[\n\"江干\" '", messages.JSONSyntaxAfterElement, `'\''`, 2, 6},
	} {
		var v any
		err := json.Unmarshal([]byte(c.doc), &v)
		var se *json.SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%q: %v is not a syntax error", c.doc, err)
			continue
		}
		m, ok := JSONSyntaxReason(se).(messages.Message)
		if !ok || m.ID != c.id || m.Args["char"] != c.char {
			t.Errorf("%q (%v): reason %#v, want %s with %s", c.doc, err, JSONSyntaxReason(se), c.id, c.char)
			continue
		}
		messagestest.Valid(t, m)
		if line, col := JSONPosition([]byte(c.doc), se.Offset); line != c.line || col != c.col {
			t.Errorf("%q: line %d character %d, want %d, %d", c.doc, line, col, c.line, c.col)
		}
		r, ok := JSONReason(err, []byte(c.doc)).(messages.Message)
		if !ok || r.ID != messages.JSONSyntaxAt {
			t.Errorf("%q: JSONReason %#v", c.doc, r)
		}
		messagestest.Valid(t, r)
	}
}

func TestJSONReason(t *testing.T) {
	decode := func(doc string, v any) error {
		dec := json.NewDecoder(strings.NewReader(doc))
		dec.DisallowUnknownFields()
		return dec.Decode(v)
	}
	var s struct {
		Title string `json:"title"`
	}
	var list []struct{ Year int }
	const doc = "[\n  {\"Year\": 2016},\n  {\"Year\" 2017}\n]"
	for _, c := range []struct {
		err    error
		zh, en string
	}{
		{decode(`{"title": 5}`, &s), "title应为字符串，实际为JSON 数字", "title: expected a string, found a JSON number"},
		{decode(`{"title": "x", "note": 1}`, &s), "无法识别的字段“note”", `unknown field "note"`},
		{decode(`{"title": "江`, &s), "JSON内容不完整（提前结束）", "the JSON ends too early"},
		{decode(`[{"Year": "2016"}]`, &list), "Year应为整数，实际为JSON 字符串", "Year: expected an integer, found a JSON string"},
		{decode(doc, &list), "第3行第11个字符处：键名之后应为冒号，却是'2'", "line 3, character 11: '2' after an object key, where a colon should be"},
	} {
		m, ok := JSONReason(c.err, []byte(doc)).(messages.Message)
		if !ok {
			t.Errorf("%v: not catalogued", c.err)
			continue
		}
		messagestest.Valid(t, m)
		if zh, en := messages.BothOf(m); zh != c.zh || en != c.en {
			t.Errorf("%v:\n got %s | %s\nwant %s | %s", c.err, zh, en, c.zh, c.en)
		}
	}
	// What it does not know stays the library's text, for the catalogued frame to quote.
	if got := JSONReason(fmt.Errorf("json: something new"), nil); got != "something new" {
		t.Errorf("an unknown error: %#v", got)
	}
}

func TestMultipartReason(t *testing.T) {
	for err, want := range map[error]messages.ID{
		http.ErrNotMultipart:                          messages.MultipartNotMultipart,
		http.ErrMissingBoundary:                       messages.MultipartNoBoundary,
		multipart.ErrMessageTooLarge:                  messages.MultipartTooLarge,
		io.ErrUnexpectedEOF:                           messages.MultipartEnded,
		fmt.Errorf("multipart: NextPart: %w", io.EOF): messages.MultipartEnded,
	} {
		if m, ok := MultipartReason(err).(messages.Message); !ok || m.ID != want {
			t.Errorf("%v: %#v, want %s", err, MultipartReason(err), want)
		}
	}
	// A real body cut short: the reader's own error.
	r := multipart.NewReader(strings.NewReader("--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc"), "b")
	p, err := r.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.ReadAll(p)
	if m, ok := UploadReason(err).(messages.Message); !ok || m.ID != messages.UploadEnded {
		t.Errorf("a part cut short (%v): %#v", err, UploadReason(err))
	}
}
