package ingest

import (
	"encoding/json"
	"sort"
	"strings"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// A record file holds one record a row (CSV, TSV, XLSX) or a JSON array of record objects:
// observation files and survey response files. recordReader reads either kind in every format;
// what differs between the kinds is their layout and their recordSink.

// layout describes the columns of one kind of record file. F numbers its fields.
type layout[F ~int] struct {
	columns  []string     // canonical column names, by field
	aliases  map[string]F // normalised heading or JSON key (see headerKey) → field
	help     string       // the columns as problems list them
	required F            // the fields before this one are required
	json     jsonLayout
}

// jsonLayout describes the JSON form of a record file: an array of record objects, or an object
// whose key holds one.
type jsonLayout struct {
	columns   []string    // how problems name each field of a record object
	key       string      // the key of the array in a wrapping object
	element   string      // what one record is, in problems ("observation")
	notObject messages.ID // the problem of an array element that is not an object
	shape     messages.ID // what the file must be, in problems
	// valueFirst reads the first token of a wrapping object's value before judging its key, as
	// response files always have; observation files report an unknown key first. The two orders
	// differ only when the file breaks off right after an unknown key.
	valueFirst bool
}

// maxFields bounds the fields of a layout. A record holds its cells in an array of this size:
// reading a row then costs no allocation and no bounds check on the hot path of a large import.
const maxFields = 9

// record is one row's cells by field, with how problems name each column.
type record[F ~int] struct {
	row   int
	vals  [maxFields]string
	cols  []string
	shown func(f F) string // display text of a cell (XLSX), or nil
	bad   bool             // a problem was already found in the row: check, but do not emit
}

// recordSink checks the records of one kind.
type recordSink[F ~int] interface {
	// check validates one record and emits it when it has no problem.
	check(r *record[F]) error
	// readMembers reads the members of a JSON record object into rr.rec, up to and including
	// its closing brace.
	readMembers(rr *recordReader[F]) error
}

// recordReader reads a record file and hands each record to its sink. Every problem is added to
// v; sum counts the rows.
type recordReader[F ~int] struct {
	layout *layout[F]
	sink   recordSink[F]
	v      *engine.ValidationError
	sum    *Summary
	rec    record[F]       // the record being read
	seen   [maxFields]bool // the fields given in the JSON object being read

	dec   *json.Decoder // the JSON file being read
	lines *lineIndex    // its lines, for the position of a syntax error
	row   int           // the JSON record being read (1-based), or 0
}

func newRecordReader[F ~int](l *layout[F], sink recordSink[F], v *engine.ValidationError, sum *Summary) *recordReader[F] {
	if len(l.columns) > maxFields {
		panic("ingest: a layout has more than maxFields fields")
	}
	return &recordReader[F]{layout: l, sink: sink, v: v, sum: sum}
}

// addProblem records a problem of a row or a cell, clipping the value it quotes.
func addProblem(v *engine.ValidationError, row int, col, value string, m message) {
	v.Add(problemOf(row, col, value, m))
}

func (rr *recordReader[F]) problem(row int, col, value string, m message) {
	addProblem(rr.v, row, col, value, m)
}

// startRecord makes rr.rec an empty record of the given row.
func (rr *recordReader[F]) startRecord(row int, cols []string) *record[F] {
	rec := &rr.rec
	rec.vals = [maxFields]string{}
	rec.row, rec.cols, rec.shown, rec.bad = row, cols, nil, false
	return rec
}

// read detects the format and reads the file.
func (rr *recordReader[F]) read(in *input, opts Options) error {
	return readFile(in, opts, rr.v, rr.sum, rr.readJSON, rr.readTable)
}

// columnMap says where each field is in a table.
type columnMap struct {
	idx     []int    // by field; -1 when the table has no such column
	labels  []string // by field: how problems name the column
	width   int
	headers []string
	named   []bool
}

// mapHeader reads the header row. It reports every unknown, duplicate or missing column and says
// whether the rows can be read (all required columns are present).
func (rr *recordReader[F]) mapHeader(row int, cells []string, t table) (*columnMap, bool) {
	l := rr.layout
	cm := &columnMap{idx: make([]int, len(l.columns)), labels: make([]string, len(l.columns)),
		width: len(cells), headers: make([]string, len(cells)), named: make([]bool, len(cells))}
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
		f, ok := l.aliases[headerKey(h)]
		switch {
		case !ok:
			rr.problem(row, t.column(i, h), h, newMsg(messages.IngestUnknownColumn, "columns", l.help))
		case cm.idx[f] >= 0:
			rr.problem(row, t.column(i, h), h, newMsg(messages.IngestDuplicateColumn, "column", l.columns[f], "first", cm.labels[f]))
		default:
			cm.idx[f] = i
			cm.labels[f] = t.column(i, h)
		}
	}
	var missing []string
	for f := F(0); f < l.required; f++ {
		if cm.idx[f] < 0 {
			missing = append(missing, l.columns[f])
		}
	}
	if len(missing) > 0 {
		rr.problem(row, "", "", newMsg(messages.IngestMissingColumns, "missing", strings.Join(missing, ", "), "columns", l.help))
		return cm, false
	}
	return cm, true
}

// readTable reads a CSV or XLSX table: a header row, then record rows. xl is the XLSX table when
// there is one, for display texts.
func (rr *recordReader[F]) readTable(t table, xl *xlsxTable) error {
	var cm *columnMap
	_, csvTab := t.(*csvTable)
	header := func(row int, cells []string) ([]string, bool) {
		var ok bool
		cm, ok = rr.mapHeader(row, cells, t)
		return cm.headers, ok
	}
	_, err := readRows(t, rr.v, rr.sum, header, func(row int, cells []string) error {
		if rr.strayCells(t, row, cells, cm, csvTab) {
			return nil
		}
		rec := &rr.rec
		rec.row, rec.cols, rec.shown, rec.bad = row, cm.labels, nil, false
		for f, i := range cm.idx {
			if i >= 0 && i < len(cells) {
				rec.vals[f] = cells[i]
			} else {
				rec.vals[f] = ""
			}
		}
		if xl != nil {
			rec.shown = func(f F) string { return xl.shownText(row, cm.idx[f]) }
		}
		return rr.sink.check(rec)
	})
	return err
}

// strayCells reports (and says whether there is) a problem with a row's shape: a CSV row with
// fewer fields than the header, or a value in a column that has no header.
func (rr *recordReader[F]) strayCells(t table, row int, cells []string, cm *columnMap, csvTab bool) bool {
	bad := false
	if csvTab && len(cells) < cm.width {
		rr.problem(row, "", "", newMsg(messages.IngestFieldCount, "fields", len(cells), "width", cm.width))
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
			rr.problem(row, "", "", newMsg(messages.IngestFieldCount, "fields", len(cells), "width", cm.width))
		} else {
			rr.problem(row, t.column(i, ""), cells[i], newMsg(messages.IngestValueWithoutHeader))
		}
		return true
	}
	return bad
}

// caseHint suggests the code that differs from code only in case, for a problem, or returns "".
// fold, the lower-case index of codes, is built on first use.
func caseHint[V any](fold *map[string]string, codes map[string]V, code string) any {
	if *fold == nil {
		*fold = foldMap(codes)
	}
	if c, ok := (*fold)[strings.ToLower(code)]; ok {
		return hint(newMsg(messages.IngestCaseHint, "code", c))
	}
	return hint(message{})
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
