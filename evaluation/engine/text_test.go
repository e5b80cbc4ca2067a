package engine

import (
	"strings"
	"testing"
)

func TestTextProblem(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"江干区 plan\tA\nB", true},
		{"line\r\nnext", true},
		{"", true},
		{"a\x00b", false},
		{"a\rb", false},
		{"end\r", false},
		{"bell\a", false},
		{"del\x7f", false},
		{"c1\u0085", false},
		{"bad\xffutf8", false},
		{"cut\xe6\xb1", false},
	} {
		if got := TextProblem(tc.in) == ""; got != tc.ok {
			t.Errorf("TextProblem(%q) ok = %v, want %v (%s)", tc.in, got, tc.ok, TextProblem(tc.in))
		}
	}
}

func TestCheckJSONTextNamesThePointer(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		want []string // fields, in order
	}{
		{`{"title":"ok","client":"a\u0000b"}`, []string{"/client"}},
		{`{"title":"bad` + "\xff" + `"}`, []string{"/title"}},
		{`{"dimensions":[{"name":"x"},{"name":"y\u001b","children":[]}]}`, []string{"/dimensions/1/name"}},
		{`{"a/b~":{"k":["ok","\u0007"]}}`, []string{"/a~1b~0/k/1"}},
		{`{"k\u0000":1}`, []string{`/k\x00`}},
		{`["x","\r"]`, []string{"/1"}},
		{`"\u0000"`, []string{"/"}},
		{`{"fine":"line\r\nnext\ttab","n":1.5,"b":true,"z":null}`, nil},
		{`{"broken":`, nil},
	} {
		v := &ValidationError{}
		CheckJSONText([]byte(tc.doc), v)
		var got []string
		for _, p := range v.Problems {
			got = append(got, p.Field)
		}
		if strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("%s: problems at %q, want %q (%v)", tc.doc, got, tc.want, v.Problems)
		}
	}
}

func TestCheckTexts(t *testing.T) {
	if err := CheckTexts("filename", "数据.csv", "label", "2016"); err != nil {
		t.Fatal(err)
	}
	err := CheckTexts("filename", "bad\xff.csv", "label", "a\x00")
	ve, ok := err.(*ValidationError)
	if !ok || ve.Total != 2 || ve.Problems[0].Field != "filename" || ve.Problems[1].Field != "label" {
		t.Fatalf("%v", err)
	}
}
