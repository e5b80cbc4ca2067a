package evaluation

import (
	"errors"
	"reflect"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// withText gives p the catalogue message id with name/value pairs: its id and arguments, for the
// reader's language, and its English text in Message (see engine.Problem).
func withText(p engine.Problem, id messages.ID, kv ...any) engine.Problem {
	m := messages.New(id, kv...)
	p.Message, p.MessageID, p.Args = messages.For(messages.English).Render(m), string(m.ID), m.Args
	return p
}

// setSummary makes v's summary the catalogue message id with name/value pairs.
func setSummary(v *engine.ValidationError, id messages.ID, kv ...any) {
	m := messages.New(id, kv...)
	v.Summary, v.SummaryID, v.SummaryArgs = messages.For(messages.English).Render(m), string(m.ID), m.Args
}

// newInvalid is an empty ValidationError whose summary is the catalogue message id.
func newInvalid(id messages.ID, kv ...any) *engine.ValidationError {
	v := &engine.ValidationError{}
	setSummary(v, id, kv...)
	return v
}

// JSONTypeName is engine.JSONType(t) ("a string", "an integer", …) as a catalogue message id, for
// a problem about a value of the wrong type; a name the catalogue lacks stays as it is.
func JSONTypeName(t reflect.Type) any {
	name := engine.JSONType(t)
	if id, ok := jsonTypeIDs[name]; ok {
		return id
	}
	return name
}

var jsonTypeIDs = map[string]messages.ID{
	"a string": messages.JSONExpectedString, "true or false": messages.JSONExpectedBool,
	"an integer": messages.JSONExpectedInteger, "a number": messages.JSONExpectedNumber,
	"an array": messages.JSONExpectedArray, "an object": messages.JSONExpectedObject,
	"a value": messages.JSONExpectedValue, "a value of another type": messages.JSONExpectedOther,
}

// JSONKindName is encoding/json's name of the kind of value a request sent (an
// UnmarshalTypeError's Value: "number", "string", …) as a catalogue message id, or as it is.
func JSONKindName(kind string) any {
	if id := messages.ID("json.kind." + kind); hasMessage(id) {
		return id
	}
	return kind
}

// errorReason is why the engine refused to compute, as a message of the catalogue: the first
// problem of a *engine.ValidationError (else its summary), a *engine.Refusal's detail, and what
// engine.StatMessage makes of anything else (the data problems of package statistics).
func errorReason(err error) messages.Message {
	var ve *engine.ValidationError
	var rf *engine.Refusal
	switch {
	case errors.As(err, &ve):
		if len(ve.Problems) > 0 && ve.Problems[0].MessageID != "" {
			p := ve.Problems[0]
			return messages.Message{ID: messages.ID(p.MessageID), Args: p.Args}
		}
		if ve.SummaryID != "" {
			return messages.Message{ID: messages.ID(ve.SummaryID), Args: ve.SummaryArgs}
		}
	case errors.As(err, &rf):
		return rf.Message
	}
	return engine.StatMessage(err)
}
