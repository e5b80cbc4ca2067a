package ingest

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// Schema is what observations are checked against: the framework's indicators by code and the
// codes of the commission's evaluated units.
type Schema struct {
	Indicators map[string]*engine.Indicator
	Units      map[string]bool
}

// NewSchema builds a Schema from a framework's indicators and the evaluated units' codes.
func NewSchema(f *engine.Framework, units []string) Schema {
	s := Schema{Indicators: map[string]*engine.Indicator{}, Units: make(map[string]bool, len(units))}
	if f != nil {
		for _, r := range f.Indicators() {
			if r.Node.Indicator != nil {
				s.Indicators[r.Node.Code] = r.Node.Indicator
			}
		}
	}
	for _, u := range units {
		s.Units[u] = true
	}
	return s
}

// field is one of the observation columns.
type field int

const (
	fIndicator field = iota
	fUnit
	fPeriod
	fValue
	fSourceDocument
	fSourceTable
	fSourceLocation
	fSourceQuote
	fNote
	numFields
)

// ObservationColumns are the canonical column names of an observation file, in the order the
// writers use.
var ObservationColumns = []string{"indicator", "unit", "period", "value", "source_document", "source_table", "source_location", "source_quote", "note"}

// columnAliases maps normalised headings (see headerKey) to columns.
var columnAliases = map[string]field{
	"indicator": fIndicator, "indicator_code": fIndicator, "指标代码": fIndicator, "指标": fIndicator, "指标编码": fIndicator,
	"unit": fUnit, "unit_code": fUnit, "单位代码": fUnit, "单位": fUnit, "被考评单位": fUnit, "被考评单位代码": fUnit,
	"period": fPeriod, "期间": fPeriod, "时期": fPeriod, "年份": fPeriod,
	"value": fValue, "数值": fValue, "值": fValue,
	"source_document": fSourceDocument, "source": fSourceDocument, "document": fSourceDocument, "来源文件": fSourceDocument, "来源": fSourceDocument,
	"source_table": fSourceTable, "table": fSourceTable, "来源表": fSourceTable,
	"source_location": fSourceLocation, "location": fSourceLocation, "来源位置": fSourceLocation, "行号": fSourceLocation, "页码": fSourceLocation,
	"source_quote": fSourceQuote, "quote": fSourceQuote, "原文": fSourceQuote, "引文": fSourceQuote,
	"note": fNote, "notes": fNote, "备注": fNote,
}

var columnHelp = "indicator (指标代码), unit (单位代码), period (期间), value (数值), source_document (来源文件), source_table (来源表), source_location (来源位置), source_quote (原文), note (备注)"

// observationLayout is the layout of an observation file: indicator, unit, period and value are
// required. A JSON observation may also give "label" (the value of a qualitative indicator),
// "row" (ignored) and a nested "source" object.
var observationLayout = layout[field]{
	columns:  ObservationColumns,
	aliases:  columnAliases,
	help:     columnHelp,
	required: fValue + 1,
	json: jsonLayout{
		columns:   []string{"indicator", "unit", "period", "value", "source.document", "source.table", "source.location", "source.quote", "note"},
		key:       "observations",
		element:   "observation",
		notObject: messages.IngestObservationNotObject,
		shape:     messages.IngestObservationShape,
	},
}

// ReadObservations reads an observation file (CSV, TSV, XLSX or JSON; see the package
// documentation for every rule) and calls emit, in file order, for each row that has no
// problem. emit may be nil to validate only; an error from emit stops the reading and is
// returned wrapped.
//
// Every problem in the file is collected and returned at the end as a *engine.ValidationError
// (which unwraps to engine.ErrInvalid), after emit has seen every valid row: the caller that
// stores rows as they come rolls its transaction back when the error is non-nil. Duplicate
// (indicator, unit, period) rows are not detected here, so that memory stays bounded whatever the
// file size; the caller checks them where the rows are stored. Other errors are I/O errors.
//
// Memory is bounded by the longest row, not the file: CSV and JSON are read as streams, and an
// XLSX upload is spooled to a temporary file that excelize reads row by row (its shared-string
// table and styles are held in memory). The Summary is filled in even when the file is rejected.
func ReadObservations(r io.Reader, opts Options, schema Schema, emit func(engine.Observation) error) (Summary, error) {
	var sum Summary
	in := newInput(r)
	v := newValidation(messages.IngestObservationFileProblems)
	rr := newRecordReader(&observationLayout, newObservationSink(schema, emit, v, &sum), v, &sum)
	if err := rr.read(in, opts); err != nil {
		return sum, err
	}
	if err := in.finish(&sum); err != nil {
		return sum, err
	}
	sanitize(v)
	return sum, v.Err()
}

type indicatorEntry struct {
	code  string
	rules *valueRules
}

type observationSink struct {
	ind      map[string]*indicatorEntry
	units    map[string]string
	indFold  map[string]string
	unitFold map[string]string
	emit     func(engine.Observation) error
	v        *engine.ValidationError
	sum      *Summary
	periods  map[string]engine.Period
	slab     []float64
}

func newObservationSink(schema Schema, emit func(engine.Observation) error, v *engine.ValidationError, sum *Summary) *observationSink {
	s := &observationSink{
		ind:     make(map[string]*indicatorEntry, len(schema.Indicators)),
		units:   make(map[string]string, len(schema.Units)),
		emit:    emit,
		v:       v,
		sum:     sum,
		periods: map[string]engine.Period{},
	}
	for code, in := range schema.Indicators {
		if in != nil {
			s.ind[code] = &indicatorEntry{code: code, rules: newValueRules(in)}
		}
	}
	for code, ok := range schema.Units {
		if ok {
			s.units[code] = code
		}
	}
	return s
}

func (s *observationSink) problem(row int, col, value string, m message) {
	addProblem(s.v, row, col, value, m)
}

// check validates one row and emits it when it has no problem.
func (s *observationSink) check(r *record[field]) error {
	before := s.v.Total
	obs := engine.Observation{Row: r.row}

	rawInd := r.vals[fIndicator]
	var entry *indicatorEntry
	if code := clean(rawInd); code == "" {
		s.problem(r.row, r.cols[fIndicator], "", newMsg(messages.IngestIndicatorRequired))
	} else if entry = s.ind[code]; entry == nil {
		s.problem(r.row, r.cols[fIndicator], rawInd, newMsg(messages.IngestIndicatorUnknown, "hint", caseHint(&s.indFold, s.ind, code)))
	} else {
		obs.Indicator = entry.code
	}

	rawUnit := r.vals[fUnit]
	if code := clean(rawUnit); code == "" {
		s.problem(r.row, r.cols[fUnit], "", newMsg(messages.IngestUnitRequired))
	} else if u, ok := s.units[code]; !ok {
		s.problem(r.row, r.cols[fUnit], rawUnit, newMsg(messages.IngestUnitUnknown, "hint", caseHint(&s.unitFold, s.units, code)))
	} else {
		obs.Unit = u
	}

	rawPeriod := r.vals[fPeriod]
	p, reason := s.period(rawPeriod)
	if reason.ID != "" {
		if reason.ID == messages.IngestPeriodInvalid && r.shown != nil {
			if shown := r.shown(fPeriod); shown != "" && shown != rawPeriod {
				reason.Args["hint"] = newMsg(messages.IngestPeriodShownAs, "shown", shown)
			}
		}
		s.problem(r.row, r.cols[fPeriod], rawPeriod, reason)
	}
	obs.Period = p

	if entry != nil {
		raw := r.vals[fValue]
		v, reason := entry.rules.parse(raw)
		if reason.ID == "" && r.shown != nil && !v.Missing && v.Label == "" && isPlainNumber(raw) {
			v, reason = displayed(entry.rules, raw, v, r.shown(fValue))
		}
		switch {
		case reason.ID != "":
			s.problem(r.row, r.cols[fValue], raw, reason)
		case v.Missing:
		case v.Label != "":
			obs.Label = v.Label
		default:
			obs.Value = s.number(v.Number)
		}
	}

	if r.bad || s.v.Total != before {
		return nil
	}
	obs.Source = engine.Source{
		Document: trimText(r.vals[fSourceDocument]),
		Table:    trimText(r.vals[fSourceTable]),
		Location: trimText(r.vals[fSourceLocation]),
		Quote:    trimText(r.vals[fSourceQuote]),
	}
	obs.Note = trimText(r.vals[fNote])
	s.sum.Valid++
	if s.emit != nil {
		if err := s.emit(obs); err != nil {
			return fmt.Errorf("ingest: row %d: %w", r.row, err)
		}
	}
	return nil
}

// period parses a period, remembering recent answers: a file holds few distinct periods.
func (s *observationSink) period(raw string) (engine.Period, message) {
	if p, ok := s.periods[raw]; ok {
		return p, message{}
	}
	t := clean(raw)
	if t == "" {
		return "", newMsg(messages.IngestPeriodRequired)
	}
	p, err := engine.ParsePeriod(t)
	if err != nil {
		return "", newMsg(messages.IngestPeriodInvalid, "period", t, "hint", hint(message{}))
	}
	if len(s.periods) < 4096 {
		s.periods[strings.Clone(raw)] = p
	}
	return p, message{}
}

// number returns a pointer to x, carving values out of a shared block to avoid one allocation
// per row.
func (s *observationSink) number(x float64) *float64 {
	if len(s.slab) == 0 {
		s.slab = make([]float64, 256)
	}
	p := &s.slab[0]
	*p = x
	s.slab = s.slab[1:]
	return p
}

// sourceKeys maps the keys of a JSON observation's nested "source" object.
var sourceKeys = map[string]field{"document": fSourceDocument, "table": fSourceTable, "location": fSourceLocation, "quote": fSourceQuote}

// readMembers reads a JSON observation object's members.
func (s *observationSink) readMembers(rr *recordReader[field]) error {
	rec := &rr.rec
	label, hasLabel := "", false
	for rr.dec.More() {
		kt, err := rr.token()
		if err != nil {
			return err
		}
		key := kt.(string)
		switch key {
		case "row":
			if _, _, err := rr.scalar(key, true); err != nil {
				return err
			}
			continue
		case "label":
			v, ok, err := rr.scalar(key, false)
			if err != nil {
				return err
			}
			if ok {
				if hasLabel {
					rr.problem(rr.row, key, "", newMsg(messages.IngestJSONKeyTwice))
				}
				label, hasLabel = v, true
			}
			continue
		case "source":
			if err := s.readSource(rr); err != nil {
				return err
			}
			continue
		}
		f, ok := columnAliases[headerKey(key)]
		if !ok {
			rr.problem(rr.row, key, "", newMsg(messages.IngestJSONUnknownKey, "keys", columnHelp+", source {document, table, location, quote}"))
			if err := rr.skip(); err != nil {
				return err
			}
			continue
		}
		if err := rr.field(f, f == fValue); err != nil {
			return err
		}
	}
	if _, err := rr.token(); err != nil { // '}'
		return err
	}
	if hasLabel {
		if clean(rec.vals[fValue]) != "" {
			rr.problem(rr.row, "label", label, newMsg(messages.IngestValueAndLabel))
		} else {
			rec.vals[fValue] = label
		}
	}
	return nil
}

// readSource reads the value of a JSON observation's "source" key: null or an object.
func (s *observationSink) readSource(rr *recordReader[field]) error {
	tok, err := rr.token()
	if err != nil {
		return err
	}
	if tok == nil {
		return nil
	}
	if tok != json.Delim('{') {
		rr.problem(rr.row, "source", fmt.Sprint(tok), newMsg(messages.IngestSourceNotObject))
		return rr.skipRest(tok)
	}
	for rr.dec.More() {
		kt, err := rr.token()
		if err != nil {
			return err
		}
		sk := kt.(string)
		f, ok := sourceKeys[sk]
		if !ok {
			rr.problem(rr.row, "source."+sk, "", newMsg(messages.IngestSourceUnknownKey))
			if err := rr.skip(); err != nil {
				return err
			}
			continue
		}
		if err := rr.field(f, false); err != nil {
			return err
		}
	}
	_, err = rr.token() // '}'
	return err
}

// trimText trims white space around free text without changing the text itself.
func trimText(s string) string {
	if s == "" {
		return s
	}
	if s[0] < 0x80 && s[0] > ' ' && s[len(s)-1] < 0x80 && s[len(s)-1] > ' ' {
		return s
	}
	return strings.TrimFunc(s, isBlankRune)
}

// isPlainNumber reports whether an XLSX raw value is a stored number (not text).
func isPlainNumber(raw string) bool {
	return raw != "" && numberEnd(raw) == len(raw) && strings.IndexByte(raw, ',') < 0
}

// displayed checks a numeric XLSX cell against its display text. The raw number is the value,
// except that a cell formatted as a percentage stores a fraction (85% is stored as 0.85): on a
// percent indicator it is read as raw × 100 percentage points (by moving the decimal point, so
// 0.123 gives exactly 12.3), on other indicators it is an error. A TRUE/FALSE cell (stored as
// 1/0) and a date or time are errors.
func displayed(rules *valueRules, raw string, v Value, shown string) (Value, message) {
	shown = strings.TrimFunc(shown, isBlankRune)
	if shown == "" || shown == raw {
		return v, message{}
	}
	switch {
	case (raw == "0" || raw == "1") && (shown == "TRUE" || shown == "FALSE"):
		return Value{}, newMsg(messages.IngestCellBooleanValue, "shown", shown)
	case strings.HasSuffix(shown, "%"):
		if !rules.percent {
			return Value{}, newMsg(messages.IngestCellPercentValue, "shown", shown, "raw", raw, "unit", rules.unit)
		}
		x, reason := parseFloat(shiftDecimal(raw, 2))
		if reason.ID != "" {
			return Value{}, reason
		}
		return Value{Number: x}, message{}
	case dateShown(shown, raw):
		return Value{}, newMsg(messages.IngestCellDateValue, "shown", shown, "raw", raw)
	}
	return v, message{}
}

// shiftDecimal multiplies a decimal numeral by 10^k exactly, by changing its exponent.
func shiftDecimal(num string, k int) string {
	if i := strings.IndexAny(num, "eE"); i >= 0 {
		exp, err := strconv.Atoi(num[i+1:])
		if err != nil {
			return num
		}
		return num[:i] + "e" + strconv.Itoa(exp+k)
	}
	return num + "e" + strconv.Itoa(k)
}

// dateLike reports whether a display text has the punctuation of a date or a time.
func dateLike(shown string) bool {
	if strings.ContainsAny(shown, "/:年月日") {
		return true
	}
	for i := 1; i+1 < len(shown); i++ {
		if shown[i] == '-' && shown[i-1] >= '0' && shown[i-1] <= '9' && shown[i+1] >= '0' && shown[i+1] <= '9' {
			return true
		}
	}
	return false
}

// dateShown reports whether the number raw is displayed as a date or a time: the display text
// looks like one and does not show raw's integer digits (so a format such as 0.00"元/吨", which
// shows "5.50元/吨" for 5.5, is not taken for a date).
func dateShown(shown, raw string) bool {
	if !dateLike(shown) {
		return false
	}
	intPart := strings.TrimLeft(raw, "+-")
	if i := strings.IndexAny(intPart, ".eE"); i >= 0 {
		intPart = intPart[:i]
	}
	if intPart == "" || intPart == "0" || strings.ContainsAny(raw, "eE") {
		return true
	}
	return !strings.Contains(strings.ReplaceAll(shown, ",", ""), intPart)
}
