package reports

import (
	"errors"

	"evalbench/messages"
)

// parseError is why ParseEnvelope or ParseBundle refused a text: a message of the catalogue,
// which quotes the library's error (encoding/json's, encoding/base64's) where there is one. Its
// Error is the message's English.
type parseError struct {
	m     messages.Message
	cause error
}

func (e *parseError) Error() string { return messages.For(messages.English).Render(e.m) }
func (e *parseError) Unwrap() error { return e.cause }

// refuseParse is a parseError of message id with name/value pairs; cause, when not nil, is
// quoted as its {error}.
func refuseParse(cause error, id messages.ID, kv ...any) error {
	if cause != nil {
		kv = append(kv, "error", cause.Error())
	}
	return &parseError{messages.New(id, kv...), cause}
}

// ParseReason is why ParseEnvelope or ParseBundle refused a text, for a catalogued message that
// quotes it (verify.envelope_invalid, verify.not_bundle, the command line's errors): a message
// of the catalogue, or the error's text for an error they did not make (a bundle's JSON that does
// not decode: encoding/json's text).
func ParseReason(err error) any {
	var pe *parseError
	if errors.As(err, &pe) {
		return pe.m
	}
	return err.Error()
}
