package evaluation

import (
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
