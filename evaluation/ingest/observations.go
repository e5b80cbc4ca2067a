package ingest

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"evalbench/evaluation"
)

// Schema is what observations are checked against: the framework's indicators by code and the
// codes of the commission's evaluated units.
type Schema struct {
	Indicators map[string]*evaluation.Indicator
	Units      map[string]bool
}

// NewSchema builds a Schema from a framework's indicators and the evaluated units' codes.
func NewSchema(f *evaluation.Framework, units []string) Schema {
	s := Schema{Indicators: map[string]*evaluation.Indicator{}, Units: make(map[string]bool, len(units))}
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

const requiredFields = 4 // indicator, unit, period, value

// ReadObservations reads an observation file (CSV, TSV, XLSX or JSON; see the package
// documentation for every rule) and calls emit, in file order, for each row that has no
// problem. emit may be nil to validate only; an error from emit stops the reading and is
// returned wrapped.
//
// Every problem in the file is collected and returned at the end as a *evaluation.ValidationError
// (which unwraps to evaluation.ErrInvalid), after emit has seen every valid row: the caller that
// stores rows as they come rolls its transaction back when the error is non-nil. Duplicate
// (indicator, unit, period) rows are not detected here, so that memory stays bounded whatever the
// file size; the caller checks them where the rows are stored. Other errors are I/O errors.
//
// Memory is bounded by the longest row, not the file: CSV and JSON are read as streams, and an
// XLSX upload is spooled to a temporary file that excelize reads row by row (its shared-string
// table and styles are held in memory). The Summary is filled in even when the file is rejected.
func ReadObservations(r io.Reader, opts Options, schema Schema, emit func(evaluation.Observation) error) (Summary, error) {
	var sum Summary
	in := newInput(r)
	v := &evaluation.ValidationError{Summary: "the observation file has problems"}
	err := readObservations(in, opts, schema, emit, v, &sum)
	if err != nil {
		return sum, err
	}
	if err := in.finish(&sum); err != nil {
		return sum, err
	}
	sanitize(v)
	return sum, v.Err()
}

func readObservations(in *input, opts Options, schema Schema, emit func(evaluation.Observation) error, v *evaluation.ValidationError, sum *Summary) error {
	format, msg, err := detectFormat(opts, in.br)
	if err != nil {
		return err
	}
	if msg != "" {
		fileProblem(v, msg)
		return nil
	}
	sum.Format = format
	sink := newObservationSink(schema, emit, v, sum)
	switch format {
	case FormatJSON:
		return sink.readJSON(in.br)
	case FormatXLSX:
		t, msg, err := openXLSX(in.br, opts)
		if err != nil {
			return err
		}
		if msg != "" {
			fileProblem(v, msg)
			return nil
		}
		defer t.close()
		sum.Sheet = t.sheet
		return sink.readTable(t, t)
	default:
		t, format, msg, err := newCSVTable(in.br, format, opts.Encoding)
		if err != nil {
			return err
		}
		if msg != "" {
			fileProblem(v, msg)
			return nil
		}
		sum.Format = format
		err = sink.readTable(t, nil)
		sum.Encoding = t.dec.encoding()
		sum.BlankRows += t.blank
		return err
	}
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
	emit     func(evaluation.Observation) error
	v        *evaluation.ValidationError
	sum      *Summary
	periods  map[string]evaluation.Period
	slab     []float64
}

func newObservationSink(schema Schema, emit func(evaluation.Observation) error, v *evaluation.ValidationError, sum *Summary) *observationSink {
	s := &observationSink{
		ind:     make(map[string]*indicatorEntry, len(schema.Indicators)),
		units:   make(map[string]string, len(schema.Units)),
		emit:    emit,
		v:       v,
		sum:     sum,
		periods: map[string]evaluation.Period{},
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

// record is one row's cells by column, with how problems name each column.
type record struct {
	row   int
	vals  [numFields]string
	cols  *[numFields]string
	shown func(f field) string // display text of a cell (XLSX), or nil
	bad   bool                 // a problem was already found in the row: check, but do not emit
}

func (s *observationSink) problem(row int, col, value, msg string) {
	s.v.Add(evaluation.Problem{Row: row, Column: col, Value: clip(value), Message: msg})
}

// columnMap says where each observation column is in a table.
type columnMap struct {
	idx     [numFields]int
	labels  [numFields]string
	width   int
	headers []string
	named   []bool
}

// mapHeader reads the header row. It reports every unknown, duplicate or missing column and says
// whether the rows can be read (all required columns are present).
func (s *observationSink) mapHeader(row int, cells []string, t table) (*columnMap, bool) {
	cm := &columnMap{width: len(cells), headers: make([]string, len(cells)), named: make([]bool, len(cells))}
	for i := range cm.idx {
		cm.idx[i] = -1
	}
	for i, c := range cells {
		h := strings.TrimFunc(c, isBlankRune)
		cm.headers[i] = h
		if h == "" {
			continue
		}
		cm.named[i] = true
		f, ok := columnAliases[headerKey(h)]
		switch {
		case !ok:
			s.problem(row, t.column(i, h), h, "unknown column; the columns are "+columnHelp)
		case cm.idx[f] >= 0:
			s.problem(row, t.column(i, h), h, fmt.Sprintf("a second %s column (the first is %s)", ObservationColumns[f], cm.labels[f]))
		default:
			cm.idx[f] = i
			cm.labels[f] = t.column(i, h)
		}
	}
	var missing []string
	for f := field(0); f < requiredFields; f++ {
		if cm.idx[f] < 0 {
			missing = append(missing, ObservationColumns[f])
		}
	}
	if len(missing) > 0 {
		s.problem(row, "", "", fmt.Sprintf("missing required column(s): %s; the header row must name the columns %s", strings.Join(missing, ", "), columnHelp))
		return cm, false
	}
	return cm, true
}

// readTable reads a CSV or XLSX table: a header row, then observation rows. xl is the XLSX
// table when there is one, for display texts.
func (s *observationSink) readTable(t table, xl *xlsxTable) error {
	var cm *columnMap
	_, csvTab := t.(*csvTable)
	for {
		row, cells, err := t.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			var rp *rowProblem
			var se *sheetError
			switch {
			case errors.As(err, &rp):
				if cm != nil {
					s.sum.Rows++
				}
				col := ""
				if rp.col >= 0 && cm != nil && rp.col < len(cm.headers) {
					col = t.column(rp.col, cm.headers[rp.col])
				} else if rp.col >= 0 {
					col = t.column(rp.col, "")
				}
				s.problem(rp.row, col, rp.value, rp.reason)
				if cm == nil {
					return nil // the header itself cannot be read
				}
				continue
			case errors.As(err, &se):
				s.problem(0, "", "", se.msg)
				return nil
			}
			return fmt.Errorf("ingest: reading input: %w", err)
		}
		if isBlankRecord(cells) {
			if cm != nil {
				s.sum.BlankRows++
			}
			continue
		}
		if cm == nil {
			var ok bool
			if cm, ok = s.mapHeader(row, cells, t); !ok {
				return nil
			}
			continue
		}
		s.sum.Rows++
		rec := record{row: row, cols: &cm.labels}
		bad := false
		if csvTab && len(cells) < cm.width {
			s.problem(row, "", "", fmt.Sprintf("the row has %d fields but the header has %d", len(cells), cm.width))
			bad = true
		}
		for i := range cells {
			if i < cm.width && cm.named[i] {
				continue
			}
			if strings.TrimLeftFunc(cells[i], isBlankRune) == "" {
				continue
			}
			if csvTab && i >= cm.width {
				s.problem(row, "", "", fmt.Sprintf("the row has %d fields but the header has %d", len(cells), cm.width))
			} else {
				s.problem(row, t.column(i, ""), cells[i], "a value in a column that has no header")
			}
			bad = true
			break
		}
		if bad {
			continue
		}
		for f, i := range cm.idx {
			if i >= 0 && i < len(cells) {
				rec.vals[f] = cells[i]
			}
		}
		if xl != nil {
			rec.shown = func(f field) string { return xl.shownText(row, cm.idx[f]) }
		}
		if err := s.check(&rec); err != nil {
			return err
		}
	}
	if cm == nil {
		s.problem(0, "", "", "the file has no header row (it is empty or blank)")
	}
	return nil
}

// check validates one row and emits it when it has no problem.
func (s *observationSink) check(r *record) error {
	before := s.v.Total
	obs := evaluation.Observation{Row: r.row}

	rawInd := r.vals[fIndicator]
	var entry *indicatorEntry
	if code := clean(rawInd); code == "" {
		s.problem(r.row, r.cols[fIndicator], "", "the indicator code is required")
	} else if entry = s.ind[code]; entry == nil {
		s.problem(r.row, r.cols[fIndicator], rawInd, "unknown indicator: it is not in the framework"+s.hint(code, s.indicatorFold()))
	} else {
		obs.Indicator = entry.code
	}

	rawUnit := r.vals[fUnit]
	if code := clean(rawUnit); code == "" {
		s.problem(r.row, r.cols[fUnit], "", "the evaluated unit code is required")
	} else if u, ok := s.units[code]; !ok {
		s.problem(r.row, r.cols[fUnit], rawUnit, "unknown evaluated unit: it is not one of the commission's units"+s.hint(code, s.unitFoldMap()))
	} else {
		obs.Unit = u
	}

	rawPeriod := r.vals[fPeriod]
	p, reason := s.period(rawPeriod)
	if reason != "" {
		if r.shown != nil {
			if shown := r.shown(fPeriod); shown != "" && shown != rawPeriod {
				reason += fmt.Sprintf(" (the cell is shown as %q: Excel turned the period into a date or number; type it as text, e.g. 2017-09)", shown)
			}
		}
		s.problem(r.row, r.cols[fPeriod], rawPeriod, reason)
	}
	obs.Period = p

	if entry != nil {
		raw := r.vals[fValue]
		v, reason := entry.rules.parse(raw)
		if reason == "" && r.shown != nil && !v.Missing && v.Label == "" && isPlainNumber(raw) {
			v, reason = displayed(entry.rules, raw, v, r.shown(fValue))
		}
		switch {
		case reason != "":
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
	obs.Source = evaluation.Source{
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
func (s *observationSink) period(raw string) (evaluation.Period, string) {
	if p, ok := s.periods[raw]; ok {
		return p, ""
	}
	t := clean(raw)
	if t == "" {
		return "", "the period is required (2016, 2016-H1, 2016-Q3 or 2017-09)"
	}
	p, err := evaluation.ParsePeriod(t)
	if err != nil {
		return "", err.Error()
	}
	if len(s.periods) < 4096 {
		s.periods[strings.Clone(raw)] = p
	}
	return p, ""
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

func (s *observationSink) indicatorFold() map[string]string {
	if s.indFold == nil {
		s.indFold = foldMap(s.ind)
	}
	return s.indFold
}

func (s *observationSink) unitFoldMap() map[string]string {
	if s.unitFold == nil {
		s.unitFold = foldMap(s.units)
	}
	return s.unitFold
}

func foldMap[V any](m map[string]V) map[string]string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make(map[string]string, len(keys))
	for _, k := range keys {
		if _, dup := out[strings.ToLower(k)]; !dup {
			out[strings.ToLower(k)] = k
		}
	}
	return out
}

func (s *observationSink) hint(code string, fold map[string]string) string {
	if c, ok := fold[strings.ToLower(code)]; ok {
		return fmt.Sprintf(" (codes are case-sensitive: did you mean %q?)", c)
	}
	return ""
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
func displayed(rules *valueRules, raw string, v Value, shown string) (Value, string) {
	shown = strings.TrimFunc(shown, isBlankRune)
	if shown == "" || shown == raw {
		return v, ""
	}
	switch {
	case (raw == "0" || raw == "1") && (shown == "TRUE" || shown == "FALSE"):
		return Value{}, fmt.Sprintf("a TRUE/FALSE cell (shown as %s) is not a value; type the number", shown)
	case strings.HasSuffix(shown, "%"):
		if !rules.percent {
			return Value{}, fmt.Sprintf("the cell is formatted as a percentage (shown as %q, stored as %s); '%%' is accepted only on percent indicators, and this indicator's unit is %q", shown, raw, rules.unit)
		}
		x, reason := parseFloat(shiftDecimal(raw, 2))
		if reason != "" {
			return Value{}, reason
		}
		return Value{Number: x}, ""
	case dateShown(shown, raw):
		return Value{}, fmt.Sprintf("the cell is formatted as a date or time (shown as %q, stored as %s); a value cell holds a number", shown, raw)
	}
	return v, ""
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
