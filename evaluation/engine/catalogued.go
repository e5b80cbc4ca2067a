package engine

import (
	"errors"

	"evalbench/messages"
)

// english is a message's English text: what Problem.Message, ValidationError.Summary and error
// strings carry beside the message id, so that logs and English assertions read as before.
func english(m messages.Message) string { return messages.For(messages.English).Render(m) }

// problem is a problem of a field (and the value found there, "" for none) as a message of the
// catalogue: the id and arguments that the API, the pages and the CLI render in the reader's
// language, and the English text.
func problem(field, value string, id messages.ID, kv ...any) Problem {
	m := messages.New(id, kv...)
	return Problem{Field: field, Value: value, Message: english(m), MessageID: string(m.ID), Args: m.Args}
}

// validation is an empty ValidationError whose summary is message id.
func validation(id messages.ID) *ValidationError {
	return &ValidationError{Summary: english(messages.New(id)), SummaryID: string(id)}
}

// Invalid returns a single-problem ValidationError for a request field whose message is id with
// name/value pairs.
func Invalid(field string, id messages.ID, kv ...any) error {
	v := validation(messages.ProblemDetailInvalidRequest)
	v.Add(problem(field, "", id, kv...))
	return v
}

// Catalogued is a problem of a field (and the value found there, "" for none) whose message is id
// with name/value pairs: for the service's validation, as the engine's own problems.
func Catalogued(field, value string, id messages.ID, kv ...any) Problem {
	return problem(field, value, id, kv...)
}

// CataloguedMessage is Catalogued for a message already made (such as TextProblemMessage's).
func CataloguedMessage(field, value string, m messages.Message) Problem {
	return Problem{Field: field, Value: value, Message: english(m), MessageID: string(m.ID), Args: m.Args}
}

// NewValidation is an empty ValidationError whose summary is message id.
func NewValidation(id messages.ID) *ValidationError { return validation(id) }

// Refusal is a domain error of a kind (ErrConflict, ErrForbidden, …) whose detail is a message
// of the catalogue, so that the API and the pages render it in the reader's language. Its Error
// reads as fmt.Errorf("%w: %s", Kind, English) did before the conversion.
type Refusal struct {
	Kind    error
	Message messages.Message
}

func (e *Refusal) Error() string { return e.Kind.Error() + ": " + english(e.Message) }

// Unwrap makes errors.Is match the kind.
func (e *Refusal) Unwrap() error { return e.Kind }

// Refuse returns a Refusal of kind whose detail is message id with name/value pairs.
func Refuse(kind error, id messages.ID, kv ...any) error {
	return &Refusal{Kind: kind, Message: messages.New(id, kv...)}
}

// RefuseWith returns a Refusal of kind whose detail is message m.
func RefuseWith(kind error, m messages.Message) error { return &Refusal{Kind: kind, Message: m} }

// MessageOf returns err as a catalogue message where the engine or the service can say it in the
// catalogue's words: a *Refusal's message; a *ValidationError's summary with its first problem
// (and how many more, as its Error reads); an engine error such as "every unit has the same score
// on every leaf". A summary or problem not catalogued yet is kept as its English text
// (messages.LegacyText). ok is false for any other error (a driver's, a library's), whose text is
// not for users.
func MessageOf(err error) (m messages.Message, ok bool) {
	var rf *Refusal
	var ve *ValidationError
	var me *messageError
	switch {
	case errors.As(err, &ve):
		return validationMessage(ve), true
	case errors.As(err, &rf):
		return rf.Message, true
	case errors.As(err, &me):
		return me.m, true
	}
	return messages.Message{}, false
}

// validationMessage is a ValidationError as one message, as its Error reads.
func validationMessage(ve *ValidationError) messages.Message {
	summary := messages.New(messages.LegacyText, "text", ve.Summary)
	if ve.SummaryID != "" {
		summary = messages.Message{ID: messages.ID(ve.SummaryID), Args: messages.Args(ve.SummaryArgs)}
	}
	if len(ve.Problems) == 0 {
		return summary
	}
	p := ve.Problems[0]
	first := messages.New(messages.LegacyText, "text", p.String())
	if p.MessageID != "" {
		first = messages.Message{ID: messages.ID(p.MessageID), Args: messages.Args(p.Args)}
	}
	if more := max(ve.Total, len(ve.Problems)) - 1; more > 0 {
		return messages.New(messages.RunErrorProblems, "summary", summary, "problem", first, "more", more)
	}
	return messages.New(messages.RunErrorProblem, "summary", summary, "problem", first)
}
