package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// jsonStop is returned inside the JSON reader when the file cannot be read further; the problem
// has been recorded.
var jsonStop = errors.New("stop")

// readJSON reads an array of record objects, or an object whose key (see jsonLayout) holds one,
// token by token so that memory is bounded by one object.
func (rr *recordReader[F]) readJSON(br *bufio.Reader) error {
	if head, _ := br.Peek(3); bytes.HasPrefix(head, utf8BOM) {
		br.Discard(3)
	}
	rr.lines = &lineIndex{r: &utf8Checker{r: br}}
	rr.dec = json.NewDecoder(rr.lines)
	rr.lines.consumed, rr.lines.heldAt = rr.dec.InputOffset, -1
	rr.dec.UseNumber()
	err := rr.readTop()
	if errors.Is(err, jsonStop) {
		return nil
	}
	return err
}

// token reads the next token. A defect of the file is recorded as a problem and ends the reading
// with jsonStop; a failure of the reader is returned.
func (rr *recordReader[F]) token() (json.Token, error) {
	tok, err := rr.dec.Token()
	if err == nil {
		return tok, nil
	}
	var se *json.SyntaxError
	var nu *notUTF8Error
	var re *readError
	switch {
	case errors.As(err, &re):
		return nil, fmt.Errorf("ingest: reading input: %w", err)
	case errors.Is(err, errValueTooLong):
		rr.problem(rr.row, "", "", newMsg(messages.IngestJSONValueTooLong, "line", rr.lines.heldLine, "limit", "1 MiB"))
	case errors.As(err, &se):
		i := se.Offset
		if bad, ok := evaluation.JSONSyntaxChar(se); ok {
			i = rr.lines.syntaxIndex(se.Offset, bad)
		}
		if line, char, ok := rr.lines.position(i); ok {
			rr.problem(rr.row, "", "", newMsg(messages.IngestJSONSyntaxAt, "line", line, "column", char, "error", evaluation.JSONSyntaxReason(se)))
		} else {
			rr.problem(rr.row, "", "", newMsg(messages.IngestJSONSyntax, "offset", se.Offset, "error", evaluation.JSONSyntaxReason(se)))
		}
	case errors.As(err, &nu):
		rr.problem(rr.row, "", "", nu.message())
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		rr.problem(rr.row, "", "", newMsg(messages.IngestJSONTruncated))
	default:
		rr.problem(rr.row, "", "", newMsg(messages.IngestJSONUnreadable, "error", evaluation.JSONReason(err, nil)))
	}
	return nil, jsonStop
}

// skip consumes one value whose first token has not been read.
func (rr *recordReader[F]) skip() error {
	tok, err := rr.token()
	if err != nil {
		return err
	}
	return rr.skipRest(tok)
}

// skipRest consumes the rest of a value whose first token was tok.
func (rr *recordReader[F]) skipRest(tok json.Token) error {
	d, ok := tok.(json.Delim)
	if !ok || d == ']' || d == '}' {
		return nil
	}
	for depth := 1; depth > 0; {
		tok, err := rr.token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('['), json.Delim('{'):
			depth++
		case json.Delim(']'), json.Delim('}'):
			depth--
		}
	}
	return nil
}

func (rr *recordReader[F]) readTop() error {
	js := &rr.layout.json
	tok, err := rr.token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('['):
		if err := rr.readArray(); err != nil {
			return err
		}
	case json.Delim('{'):
		found := false
		for rr.dec.More() {
			key, err := rr.token()
			if err != nil {
				return err
			}
			var first json.Token // the value's first token
			if js.valueFirst {
				if first, err = rr.token(); err != nil {
					return err
				}
			}
			wanted := key == js.key && !found
			if !wanted {
				rr.problem(0, fmt.Sprint(key), "", newMsg(messages.IngestJSONUnknownTopKey, "shape", newMsg(js.shape)))
			}
			if !js.valueFirst {
				if first, err = rr.token(); err != nil {
					return err
				}
			}
			if !wanted {
				if err := rr.skipRest(first); err != nil {
					return err
				}
				continue
			}
			found = true
			if first != json.Delim('[') {
				rr.problem(0, js.key, "", newMsg(messages.IngestJSONNotArray, "element", js.element))
				return jsonStop
			}
			if err := rr.readArray(); err != nil {
				return err
			}
		}
		if _, err := rr.token(); err != nil {
			return err
		}
		if !found {
			rr.problem(0, "", "", newMsg(messages.IngestJSONNoArray, "key", js.key))
		}
	default:
		rr.problem(0, "", "", newMsg(js.shape))
		return jsonStop
	}
	if _, err := rr.dec.Token(); !errors.Is(err, io.EOF) {
		rr.problem(0, "", "", newMsg(messages.IngestJSONTrailing))
	}
	return nil
}

func (rr *recordReader[F]) readArray() error {
	for rr.dec.More() {
		rr.row++
		if err := rr.readObject(); err != nil {
			return err
		}
	}
	_, err := rr.token() // ']'
	return err
}

// readObject reads one record object and hands it to the sink.
func (rr *recordReader[F]) readObject() error {
	before := rr.v.Total
	rec := rr.startRecord(rr.row, rr.layout.json.columns)
	rr.seen = [maxFields]bool{}
	tok, err := rr.token()
	if err != nil {
		return err
	}
	rr.sum.Rows++
	if tok != json.Delim('{') {
		rr.problem(rr.row, "", "", newMsg(rr.layout.json.notObject))
		return rr.skipRest(tok)
	}
	if err := rr.sink.readMembers(rr); err != nil {
		return err
	}
	rec.bad = rr.v.Total != before
	return rr.sink.check(rec)
}

// field reads the value of a member that names field f and keeps it, or records why not.
// number says whether a number is what the field holds (for the problem of a true/false).
func (rr *recordReader[F]) field(f F, number bool) error {
	col := rr.rec.cols[f]
	v, ok, err := rr.scalar(col, number)
	if err != nil || !ok {
		return err
	}
	rr.set(f, v)
	return nil
}

// set keeps the value of field f, unless the object gave it before.
func (rr *recordReader[F]) set(f F, v string) {
	if rr.seen[f] {
		rr.problem(rr.row, rr.rec.cols[f], "", newMsg(messages.IngestJSONKeyTwice))
		return
	}
	rr.seen[f] = true
	rr.rec.vals[f] = v
}

// scalar reads a value meant to be text or a number. ok is false (and a problem recorded) for
// anything else.
func (rr *recordReader[F]) scalar(col string, number bool) (string, bool, error) {
	tok, err := rr.token()
	if err != nil {
		return "", false, err
	}
	return rr.scalarOf(tok, col, number)
}

// scalarOf is scalar for a value whose first token, tok, has been read.
func (rr *recordReader[F]) scalarOf(tok json.Token, col string, number bool) (string, bool, error) {
	switch t := tok.(type) {
	case string:
		if msg := engine.TextProblemMessage(t); msg.ID != "" {
			rr.problem(rr.row, col, "", newMsg(messages.IngestJSONText, "reason", msg))
			return "", false, nil
		}
		return t, true, nil
	case json.Number:
		return string(t), true, nil
	case nil:
		return "", true, nil
	case bool:
		if number {
			rr.problem(rr.row, col, fmt.Sprint(t), newMsg(messages.IngestJSONBoolean))
		} else {
			rr.problem(rr.row, col, fmt.Sprint(t), newMsg(messages.IngestJSONExpectedString))
		}
		return "", false, nil
	case json.Delim:
		rr.problem(rr.row, col, "", newMsg(messages.IngestJSONExpectedScalar))
		return "", false, rr.skipRest(tok)
	}
	return "", false, nil
}
