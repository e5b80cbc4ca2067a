package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"evalbench/evaluation"
)

// TestLineIndexPositions reads broken JSON token by token, as the readers of JSON files do, and
// checks the line and character each syntax error is reported at: the character the decoder could
// not take, wherever the decoder's offset pointed (before white space, at the character, past it).
func TestLineIndexPositions(t *testing.T) {
	long := `{"observations": [` + strings.Repeat(`{"indicator": "gdp", "unit": "JG", "period": "2016", "value": 1},`+"\n", 20000)
	for _, c := range []struct {
		doc        string
		line, char int
	}{
		{`{"a" 1}`, 1, 6},
		{"[1,\n  ,]", 2, 3},
		{"[1 \n\n   2]", 3, 4},
		{`x`, 1, 1},
		{"[\"江干区\"  \"x\"]", 1, 9},
		{"[1,,]", 1, 4},
		// A syntax error some megabytes in: the window slid, the lines before it are counted.
		{long + `{"indicator": "gdp" "unit": "JG"}]}`, 20001, 21},
	} {
		l := &lineIndex{r: strings.NewReader(c.doc)}
		dec := json.NewDecoder(l)
		var err error
		for err == nil {
			_, err = dec.Token()
		}
		var se *json.SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%.40q: %v", c.doc, err)
			continue
		}
		bad, ok := evaluation.JSONSyntaxChar(se)
		if !ok {
			t.Errorf("%.40q: no character in %v", c.doc, se)
			continue
		}
		line, char, ok := l.position(l.syntaxIndex(se.Offset, bad))
		if !ok || line != c.line || char != c.char {
			t.Errorf("%.40q (%v, offset %d): line %d character %d (%v), want %d, %d", c.doc, se, se.Offset, line, char, ok, c.line, c.char)
		}
		if len(l.window) > lineWindow {
			t.Errorf("the window holds %d bytes", len(l.window))
		}
	}
	// A position before the window is not guessed.
	l := &lineIndex{r: strings.NewReader(long)}
	if _, err := io.Copy(io.Discard, l); err != nil {
		t.Fatal(err)
	}
	if _, _, ok := l.position(10); ok {
		t.Error("a position before the window was answered")
	}
}

// FuzzLineIndex decodes any input token by token through a lineIndex: a syntax error's position,
// when there is one, is a line and character of the input.
func FuzzLineIndex(f *testing.F) {
	for _, s := range []string{`{"a" 1}`, "[1,\n  ,]", `x`, "[\"江干区\"  \"x\"]", "\"a\x01\"", "[\n\xff]"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		l := &lineIndex{r: bytes.NewReader(data)}
		dec := json.NewDecoder(l)
		var err error
		for err == nil {
			_, err = dec.Token()
		}
		var se *json.SyntaxError
		if !errors.As(err, &se) {
			return
		}
		i := se.Offset
		if bad, ok := evaluation.JSONSyntaxChar(se); ok {
			i = l.syntaxIndex(se.Offset, bad)
		}
		line, char, ok := l.position(i)
		if !ok {
			t.Fatalf("offset %d of %d bytes: no position", i, len(data))
		}
		if lines := bytes.Count(data, []byte{'\n'}) + 1; line < 1 || line > lines || char < 1 {
			t.Fatalf("line %d character %d of %d lines", line, char, lines)
		}
	})
}
