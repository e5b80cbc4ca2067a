package main

import (
	"errors"
	"io/fs"
	"strconv"
	"syscall"

	"evalbench/evaluation"
	"evalbench/messages"
)

// The operating system, encoding/json and strconv explain their errors in English. The functions
// below say the common ones in the catalogue's words, naming the file (or the value) they concern,
// so that the command line shows them in the command's language. What they do not recognise is
// quoted as the library wrote it, inside a catalogued frame.

// systemErrnos maps the errors of the system that readers meet to the message that says them.
var systemErrnos = []struct {
	err error
	id  messages.ID
}{
	{fs.ErrNotExist, messages.CLIOSNotExist},
	{fs.ErrExist, messages.CLIOSExist},
	{fs.ErrPermission, messages.CLIOSPermission},
	{syscall.EISDIR, messages.CLIOSIsDirectory},
	{syscall.ENOTDIR, messages.CLIOSNotDirectory},
	{syscall.ENOSPC, messages.CLIOSNoSpace},
	{syscall.EDQUOT, messages.CLIOSNoSpace},
	{syscall.EROFS, messages.CLIOSReadOnly},
	{syscall.ENAMETOOLONG, messages.CLIOSNameTooLong},
}

// systemReason is an error of the system about a file (*fs.PathError) or of encoding/json about
// a file's text (*jsonFileError) as a catalogue message, or as the library's text for an error of
// that kind it does not recognise; ok is false for any other error.
func systemReason(err error) (reason any, ok bool) {
	var je *jsonFileError
	if errors.As(err, &je) {
		return evaluation.JSONReason(je.err, je.data), true
	}
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return nil, false
	}
	for _, e := range systemErrnos {
		if errors.Is(pe.Err, e.err) {
			return messages.New(e.id, "file", pe.Path), true
		}
	}
	return messages.New(messages.CLIOSOther, "file", pe.Path, "error", pe.Err.Error()), true
}

// jsonFileError is an error of encoding/json decoding data (a file's text), kept with the data so
// that a syntax error can be placed by line and column.
type jsonFileError struct {
	err  error
	data []byte
}

func (e *jsonFileError) Error() string { return e.err.Error() }
func (e *jsonFileError) Unwrap() error { return e.err }

// flagValueReason says why strconv refused a flag's value (pflag's *strconv.NumError): not an
// integer, not true or false, not a number, out of range; the error's text for anything else.
func flagValueReason(err error) any {
	var ne *strconv.NumError
	if !errors.As(err, &ne) {
		return err.Error()
	}
	if errors.Is(ne.Err, strconv.ErrRange) {
		return messages.New(messages.CLIValueRange)
	}
	switch ne.Func {
	case "ParseInt", "ParseUint", "Atoi":
		return messages.New(messages.CLIValueInteger)
	case "ParseBool":
		return messages.New(messages.CLIValueBoolean)
	case "ParseFloat":
		return messages.New(messages.CLIValueNumber)
	}
	return err.Error()
}
