package evaluation

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"evalbench/messages"
)

// The readers of uploads and request bodies (encoding/json, mime/multipart; archive/zip and the
// XML of workbooks in package ingest) explain a defect in English. The functions below turn the
// common defects into messages of the catalogue, with their position where the library gives one,
// so that the API and the pages say them in the reader's language. What they do not recognise
// they return as the library's text (a string), which the catalogued message around it quotes:
// rare defects stay readable, in English, rather than being hidden.

// jsonSyntaxContexts maps the context encoding/json names after "invalid character 'x' " to the
// message that says what was expected there; the first that the context contains wins, so a
// context that holds another comes before it.
var jsonSyntaxContexts = []struct {
	context string
	id      messages.ID
}{
	{"after object key:value pair", messages.JSONSyntaxAfterPair},
	{"after object key", messages.JSONSyntaxAfterKey},
	{"after array element", messages.JSONSyntaxAfterElement},
	{"looking for beginning of object key string", messages.JSONSyntaxKey},
	{"looking for beginning of value", messages.JSONSyntaxValue},
	{"in string literal", messages.JSONSyntaxString},
	{"in string escape code", messages.JSONSyntaxEscape},
	{`in \u hexadecimal character escape`, messages.JSONSyntaxEscape},
	{"numeric literal", messages.JSONSyntaxNumber},
	{"in literal ", messages.JSONSyntaxLiteral},
	{"after top-level value", messages.JSONSyntaxTrailing},
}

// JSONSyntaxReason says what is wrong at a JSON syntax error: a message naming the character
// found and what was expected instead ("键名之后应为冒号，却是'1'"), or the library's English
// text when its wording is not one of those encoding/json writes today.
func JSONSyntaxReason(se *json.SyntaxError) any {
	text := se.Error()
	rest, ok := strings.CutPrefix(text, "invalid character ")
	end := strings.Index(rest, "' ")
	if !ok || !strings.HasPrefix(rest, "'") || end < 1 {
		return text
	}
	char, context := rest[:end+1], rest[end+2:]
	for _, c := range jsonSyntaxContexts {
		if strings.Contains(context, c.context) {
			return messages.New(c.id, "char", char)
		}
	}
	return text
}

// JSONSyntaxChar is the character a JSON syntax error names ("invalid character 'x' …"), and
// whether it names one.
func JSONSyntaxChar(se *json.SyntaxError) (rune, bool) {
	rest, ok := strings.CutPrefix(se.Error(), "invalid character ")
	end := strings.Index(rest, "' ")
	if !ok || end < 1 {
		return 0, false
	}
	r, _, tail, err := strconv.UnquoteChar(rest[1:end+1], '\'')
	if err != nil || tail != "'" {
		return 0, false
	}
	return r, true
}

// JSONPosition is the line and column (both from 1; the column counts characters) of the
// character a JSON syntax error's Offset points just past, in data.
func JSONPosition(data []byte, offset int64) (line, column int) {
	off := int(max(0, min(offset-1, int64(len(data)))))
	head := data[:off]
	line = 1 + bytes.Count(head, []byte{'\n'})
	start := bytes.LastIndexByte(head, '\n') + 1
	return line, utf8.RuneCount(head[start:]) + 1
}

// JSONReason says why a JSON text that was decoded into a Go value (a cell, a form field, a
// request) does not decode, for a catalogued message that quotes it: a syntax error with its line
// and column in data, a value of the wrong type at its field, an unknown field, a text that ends
// early; any other error as its text.
func JSONReason(err error, data []byte) any {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		line, col := JSONPosition(data, se.Offset)
		return messages.New(messages.JSONSyntaxAt, "line", line, "column", col, "reason", JSONSyntaxReason(se))
	case errors.As(err, &te):
		if te.Field == "" {
			return messages.New(messages.JSONWrongType, "expected", JSONTypeName(te.Type), "found", JSONKindName(te.Value))
		}
		return messages.New(messages.JSONWrongTypeAt, "field", te.Field, "expected", JSONTypeName(te.Type), "found", JSONKindName(te.Value))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return messages.New(messages.JSONEnded)
	}
	if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return messages.New(messages.JSONUnknownField, "field", strings.Trim(f, `"`))
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// MultipartReason says why a multipart/form-data body cannot be read: not multipart, no boundary,
// too large, ended early; any other error as its text.
func MultipartReason(err error) any {
	switch {
	case errors.Is(err, http.ErrNotMultipart):
		return messages.New(messages.MultipartNotMultipart)
	case errors.Is(err, http.ErrMissingBoundary):
		return messages.New(messages.MultipartNoBoundary)
	case errors.Is(err, multipart.ErrMessageTooLarge):
		return messages.New(messages.MultipartTooLarge)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return messages.New(messages.MultipartEnded)
	}
	text := err.Error()
	if strings.HasSuffix(text, ": EOF") || strings.HasSuffix(text, "unexpected EOF") {
		return messages.New(messages.MultipartEnded)
	}
	return text
}

// UploadReason says why an uploaded file (a request body, or the file part of a form) could not be
// read to its end: it ended early, or the form around it is malformed (MultipartReason).
func UploadReason(err error) any {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return messages.New(messages.UploadEnded)
	}
	return MultipartReason(err)
}
