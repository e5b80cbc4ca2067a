package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"evalbench/messages"
)

// TextProblem says what is wrong with a text a user sends, or returns "" when nothing is.
//
// Every text that enters evalbench — a JSON string, a query or path parameter, a file name, a
// cell of an imported file — passes this one rule, checked once where it enters (package api for
// requests, package ingest for files): PostgreSQL refuses NUL and invalid UTF-8 (a 500 before this
// check existed), and a control character is never meant in a title, a name or a cell; it would
// be stored and shown as an invisible difference. Tab and line feed are text; so is a carriage
// return that ends a line (CRLF, as Windows editors and browser forms write it). A lone carriage
// return, the other C0 controls, DEL and the C1 controls are refused.
func TextProblem(s string) string {
	if m := TextProblemMessage(s); m.ID != "" {
		return english(m)
	}
	return ""
}

// TextProblemMessage is TextProblem's answer as a catalogue message (the zero Message when the
// text breaks no rule).
func TextProblemMessage(s string) messages.Message {
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f {
			i++ // printable ASCII, the common case: no rune to decode
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return messages.New(messages.TextInvalidUTF8At, "offset", i, "byte", fmt.Sprintf("0x%02X", s[i]))
		case r == 0:
			return messages.New(messages.TextNUL)
		case r == '\t' || r == '\n':
		case r == '\r' && i+1 < len(s) && s[i+1] == '\n':
		case r < 0x20 || (r >= 0x7f && r <= 0x9f):
			return messages.New(messages.TextControl, "char", fmt.Sprintf("U+%04X", r))
		}
		i += n
	}
	return messages.Message{}
}

// CheckText returns a single-problem ValidationError naming field when s breaks TextProblem's
// rule, and nil otherwise.
func CheckText(field, s string) error {
	if m := TextProblemMessage(s); m.ID != "" {
		v := validation(messages.ProblemDetailText)
		v.Add(CataloguedMessage(field, "", m))
		return v
	}
	return nil
}

// CheckTexts checks pairs of field name and text that an import stores beside its file (its name,
// a label) when they come from elsewhere than the API, whose boundary checks them already: the
// CLI passes file names as the file system spells them, which need not be UTF-8.
func CheckTexts(pairs ...string) error {
	v := validation(messages.ProblemDetailText)
	for i := 0; i+1 < len(pairs); i += 2 {
		if m := TextProblemMessage(pairs[i+1]); m.ID != "" {
			v.Add(CataloguedMessage(pairs[i], "", m))
		}
	}
	return v.Err()
}

// CheckJSONText checks every string of a JSON document — object keys and values — against
// TextProblem, on the raw bytes: encoding/json replaces invalid UTF-8 with U+FFFD while it
// decodes, so a later check of the decoded values could not see it. Each problem names its string
// by JSON pointer (RFC 6901). A syntax error ends the check quietly: the decoder that reads the
// document afterwards reports it.
func CheckJSONText(data []byte, v *ValidationError) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	type frame struct {
		object bool
		key    string // the current member's key (objects)
		index  int    // the current element's index (arrays)
		atKey  bool   // the next string is a key (objects)
	}
	var stack []frame
	pointer := func() string {
		var b strings.Builder
		for _, f := range stack {
			b.WriteByte('/')
			if f.object {
				b.WriteString(escapePointer(f.key))
			} else {
				b.WriteString(strconv.Itoa(f.index))
			}
		}
		if b.Len() == 0 {
			return "/"
		}
		return b.String()
	}
	// value moves the enclosing container on after a complete value.
	value := func() {
		if n := len(stack); n > 0 {
			if stack[n-1].object {
				stack[n-1].atKey = true
			} else {
				stack[n-1].index++
			}
		}
	}
	prev := int64(0)
	for {
		tok, err := dec.Token()
		if err != nil {
			if !errors.Is(err, io.EOF) && !utf8.Valid(data[prev:]) {
				v.Add(problem(pointer(), "", messages.TextInvalidUTF8))
			}
			return
		}
		end := dec.InputOffset()
		raw := data[prev:end]
		prev = end
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				stack = append(stack, frame{object: t == '{', atKey: t == '{'})
			default:
				stack = stack[:len(stack)-1]
				value()
			}
		case string:
			n := len(stack)
			isKey := n > 0 && stack[n-1].object && stack[n-1].atKey
			m := TextProblemMessage(t)
			if !utf8.Valid(raw) {
				m = messages.New(messages.TextInvalidUTF8)
			}
			if isKey {
				stack[n-1].key, stack[n-1].atKey = t, false
				if m.ID != "" {
					stack[n-1].key = sanitizeKey(t)
					v.Add(problem(pointer(), "", messages.TextKey, "problem", m))
				}
				continue
			}
			if m.ID != "" {
				v.Add(CataloguedMessage(pointer(), "", m))
			}
			value()
		default:
			value()
		}
	}
}

// JSONType names what a Go type holds in JSON terms ("a string", "an array", …), for problems
// about a value of the wrong type: encoding/json names the Go type (evaluation.Status,
// []*evaluation.Node), which means nothing to the user who sent the request.
func JSONType(t reflect.Type) string {
	if t == nil {
		return "a value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "a value of another type"
}

// escapePointer escapes a JSON pointer reference token (RFC 6901 §3).
func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// sanitizeKey makes a key that breaks the text rule printable in a problem.
func sanitizeKey(s string) string {
	q := strconv.QuoteToASCII(s)
	return q[1 : len(q)-1]
}
