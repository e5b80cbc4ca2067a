package ingest

import (
	"strings"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// message is what a problem says: a message of the catalogue (package messages) with its arguments,
// rendered in the reader's language where it is shown (the API by Accept-Language, the pages by
// their language, the CLI by --lang). The zero message means "no problem".
type message = messages.Message

// newMsg records message id with name/value pairs, as messages.New.
func newMsg(id messages.ID, kv ...any) message { return messages.New(id, kv...) }

// english is a message's English text: what engine.Problem.Message and error strings carry
// beside the message id.
func english(m message) string { return messages.For(messages.English).Render(m) }

// problemOf is a problem of the file, a row or a cell (row 0 and col "" where it has none),
// carrying its message both as id and arguments and as English text.
func problemOf(row int, col, value string, m message) engine.Problem {
	return engine.Problem{Row: row, Column: col, Value: clip(value), Message: english(m), MessageID: string(m.ID), Args: m.Args}
}

// newValidation is an empty ValidationError whose summary is message id.
func newValidation(id messages.ID) *engine.ValidationError {
	return &engine.ValidationError{Summary: english(newMsg(id)), SummaryID: string(id)}
}

// fieldProblem is a problem of a JSON field path (a framework document's nodes).
func fieldProblem(field string, m message) engine.Problem {
	return engine.Problem{Field: field, Message: english(m), MessageID: string(m.ID), Args: m.Args}
}

// untranslated is a problem whose text comes from elsewhere in English (engine.TextProblem,
// a library's error) and has no catalogue message yet.
func untranslated(row int, col, value, text string) engine.Problem {
	return engine.Problem{Row: row, Column: col, Value: clip(value), Message: text}
}

// hint is an optional hint appended to a message ({hint} in its text): the message, or "" for
// none.
func hint(m message) any {
	if m.ID == "" {
		return ""
	}
	return m
}

// sanitizeArgs makes the string arguments of a message valid UTF-8 (see sanitize).
func sanitizeArgs(args map[string]any) {
	for k, v := range args {
		switch x := v.(type) {
		case string:
			args[k] = strings.ToValidUTF8(x, "�")
		case messages.Message:
			sanitizeArgs(x.Args)
		}
	}
}
