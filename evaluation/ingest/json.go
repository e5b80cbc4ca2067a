package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// jsonColumns names the JSON keys in problems.
var jsonColumns = [numFields]string{"indicator", "unit", "period", "value", "source.document", "source.table", "source.location", "source.quote", "note"}

// sourceKeys maps the keys of a nested "source" object.
var sourceKeys = map[string]field{"document": fSourceDocument, "table": fSourceTable, "location": fSourceLocation, "quote": fSourceQuote}

// jsonStop is returned inside the JSON reader when the file cannot be read further; the problem
// has been recorded.
var jsonStop = errors.New("stop")

type jsonReader struct {
	s   *observationSink
	dec *json.Decoder
	row int
}

// readJSON reads an array of observation objects, or an object whose "observations" key holds
// one, token by token so that memory is bounded by one object.
func (s *observationSink) readJSON(br *bufio.Reader) error {
	if head, _ := br.Peek(3); bytes.HasPrefix(head, utf8BOM) {
		br.Discard(3)
	}
	j := &jsonReader{s: s, dec: json.NewDecoder(&utf8Checker{r: br})}
	j.dec.UseNumber()
	err := j.readTop()
	if err == jsonStop {
		return nil
	}
	return err
}

func (j *jsonReader) token() (json.Token, error) {
	tok, err := j.dec.Token()
	if err == nil {
		return tok, nil
	}
	var se *json.SyntaxError
	var nu *notUTF8Error
	var re *readError
	switch {
	case errors.As(err, &re):
		return nil, fmt.Errorf("ingest: reading input: %w", err)
	case errors.As(err, &se):
		j.s.problem(j.row, "", "", fmt.Sprintf("JSON syntax error at byte %d: %v", se.Offset, se))
	case errors.As(err, &nu):
		j.s.problem(j.row, "", "", nu.Error())
	case err == io.EOF, errors.Is(err, io.ErrUnexpectedEOF):
		j.s.problem(j.row, "", "", "the JSON file ends too early")
	default:
		j.s.problem(j.row, "", "", "the JSON file cannot be read: "+err.Error())
	}
	return nil, jsonStop
}

const jsonShape = `a JSON observation file is an array of observation objects, or {"observations": [...]}`

func (j *jsonReader) readTop() error {
	tok, err := j.token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('['):
		if err := j.readArray(); err != nil {
			return err
		}
	case json.Delim('{'):
		found := false
		for j.dec.More() {
			key, err := j.token()
			if err != nil {
				return err
			}
			if key == "observations" && !found {
				found = true
				tok, err := j.token()
				if err != nil {
					return err
				}
				if tok != json.Delim('[') {
					j.s.problem(0, "observations", "", "must be an array of observation objects")
					return jsonStop
				}
				if err := j.readArray(); err != nil {
					return err
				}
				continue
			}
			j.s.problem(0, fmt.Sprint(key), "", "unknown key; "+jsonShape)
			if err := j.skip(); err != nil {
				return err
			}
		}
		if _, err := j.token(); err != nil {
			return err
		}
		if !found {
			j.s.problem(0, "", "", `the object has no "observations" array`)
		}
	default:
		j.s.problem(0, "", "", jsonShape)
		return jsonStop
	}
	if _, err := j.dec.Token(); err != io.EOF {
		j.row = 0
		j.s.problem(0, "", "", "unexpected data after the end of the JSON value")
	}
	return nil
}

func (j *jsonReader) readArray() error {
	for j.dec.More() {
		j.row++
		if err := j.readObject(); err != nil {
			return err
		}
	}
	_, err := j.token() // ']'
	return err
}

// skip consumes one value whose first token has not been read.
func (j *jsonReader) skip() error {
	depth := 0
	for {
		tok, err := j.token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('['), json.Delim('{'):
			depth++
		case json.Delim(']'), json.Delim('}'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

// scalar reads a value meant to be text or a number. ok is false (and a problem recorded) for
// anything else.
func (j *jsonReader) scalar(col string, number bool) (string, bool, error) {
	tok, err := j.token()
	if err != nil {
		return "", false, err
	}
	switch t := tok.(type) {
	case string:
		return t, true, nil
	case json.Number:
		return string(t), true, nil
	case nil:
		return "", true, nil
	case bool:
		if number {
			j.s.problem(j.row, col, fmt.Sprint(t), "true/false is not a value; give a number or a text")
		} else {
			j.s.problem(j.row, col, fmt.Sprint(t), "expected a string")
		}
		return "", false, nil
	case json.Delim:
		j.s.problem(j.row, col, "", "expected a string or a number, not an object or an array")
		depth := 1
		for depth > 0 {
			tok, err := j.token()
			if err != nil {
				return "", false, err
			}
			switch tok {
			case json.Delim('['), json.Delim('{'):
				depth++
			case json.Delim(']'), json.Delim('}'):
				depth--
			}
		}
		return "", false, nil
	}
	return "", false, nil
}

func (j *jsonReader) readObject() error {
	before := j.s.v.Total
	rec := record{row: j.row, cols: &jsonColumns}
	tok, err := j.token()
	if err != nil {
		return err
	}
	j.s.sum.Rows++
	if tok != json.Delim('{') {
		j.s.problem(j.row, "", "", "an observation must be a JSON object")
		if d, ok := tok.(json.Delim); ok && d == '[' {
			for depth := 1; depth > 0; {
				tok, err := j.token()
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
		}
		return nil
	}
	var seen [numFields]bool
	label, hasLabel := "", false
	set := func(f field, v string, col string) {
		if seen[f] {
			j.s.problem(j.row, col, "", "the key is given twice")
			return
		}
		seen[f] = true
		rec.vals[f] = v
	}
	for j.dec.More() {
		kt, err := j.token()
		if err != nil {
			return err
		}
		key := kt.(string)
		switch key {
		case "row":
			if _, _, err := j.scalar(key, true); err != nil {
				return err
			}
			continue
		case "label":
			v, ok, err := j.scalar(key, false)
			if err != nil {
				return err
			}
			if ok {
				if hasLabel {
					j.s.problem(j.row, key, "", "the key is given twice")
				}
				label, hasLabel = v, true
			}
			continue
		case "source":
			tok, err := j.token()
			if err != nil {
				return err
			}
			if tok == nil {
				continue
			}
			if tok != json.Delim('{') {
				j.s.problem(j.row, key, fmt.Sprint(tok), `"source" must be an object {"document", "table", "location", "quote"}`)
				if d, ok := tok.(json.Delim); ok && d == '[' {
					for depth := 1; depth > 0; {
						tok, err := j.token()
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
				}
				continue
			}
			for j.dec.More() {
				kt, err := j.token()
				if err != nil {
					return err
				}
				sk := kt.(string)
				f, ok := sourceKeys[sk]
				if !ok {
					j.s.problem(j.row, "source."+sk, "", `unknown key; "source" holds document, table, location and quote`)
					if err := j.skip(); err != nil {
						return err
					}
					continue
				}
				v, ok, err := j.scalar(jsonColumns[f], false)
				if err != nil {
					return err
				}
				if ok {
					set(f, v, jsonColumns[f])
				}
			}
			if _, err := j.token(); err != nil {
				return err
			}
			continue
		}
		f, ok := columnAliases[headerKey(key)]
		if !ok {
			j.s.problem(j.row, key, "", "unknown key; the keys are "+columnHelp+", or a nested source object")
			if err := j.skip(); err != nil {
				return err
			}
			continue
		}
		v, ok, err := j.scalar(jsonColumns[f], f == fValue)
		if err != nil {
			return err
		}
		if ok {
			set(f, v, jsonColumns[f])
		}
	}
	if _, err := j.token(); err != nil { // '}'
		return err
	}
	if hasLabel {
		if clean(rec.vals[fValue]) != "" {
			j.s.problem(j.row, "label", label, `give either "value" or "label", not both`)
		} else {
			rec.vals[fValue] = label
		}
	}
	rec.bad = j.s.v.Total != before
	return j.s.check(&rec)
}
