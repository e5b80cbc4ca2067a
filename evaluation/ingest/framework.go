package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// Framework table columns, in the order WriteFramework writes them; the target_YYYY columns come
// after baseline_value.
const (
	colKind          = "kind"
	colParent        = "parent"
	colCode          = "code"
	colName          = "name"
	colNameEN        = "name_en"
	colUnit          = "unit"
	colValueKind     = "value_kind"
	colCurrencyScale = "currency_scale"
	colPolarity      = "polarity"
	colTargetKind    = "target_kind"
	colKey           = "key"
	colCategory      = "category"
	colBaselineYear  = "baseline_year"
	colBaselineValue = "baseline_value"
	colFinalTarget   = "final_target"
	colTargetText    = "target_text"
	colRangeLow      = "range_low"
	colRangeHigh     = "range_high"
	colRubric        = "rubric"
	colSource        = "source"
	colResponsible   = "responsible"
	colNotes         = "notes"
	colCaliberNotes  = "caliber_notes"
	colCaliber       = "caliber"
	colAssessment    = "assessment"
	colChallenge     = "challenge_targets"
	colBenchmark     = "benchmark"
)

var frameworkColumnsBefore = []string{colKind, colParent, colCode, colName, colNameEN, colUnit, colValueKind, colCurrencyScale, colPolarity, colTargetKind, colKey, colCategory, colBaselineYear, colBaselineValue}
var frameworkColumnsAfter = []string{colFinalTarget, colTargetText, colRangeLow, colRangeHigh, colRubric, colSource, colResponsible, colNotes, colCaliberNotes, colCaliber, colAssessment, colChallenge, colBenchmark}

// Row kinds of a framework table besides the node kinds: one optional row carries the title.
const kindFramework = "framework"

// definition returns a copy of f with only the fields a framework file carries: the title, the
// plan period and the tree. Storage fields (ID, version, digest, times, lock) belong to the
// database, not to the file.
func definition(f *engine.Framework) *engine.Framework {
	return &engine.Framework{Title: f.Title, PlanStart: f.PlanStart, PlanEnd: f.PlanEnd, Dimensions: f.Dimensions}
}

// WriteFramework writes the definition of f (title, plan period, dimensions, groups and
// indicators; not its storage fields) as JSON, CSV or XLSX. ReadFramework reads the file back to
// an identical framework (reflect.DeepEqual after Normalize) when f is valid and canonical: text
// trimmed, without carriage returns or (for XLSX) other control characters than tab and line
// feed, cells of at most 32,767 characters, and empty lists nil — which is what ReadFramework
// itself returns.
//
// CSV and XLSX hold one row per group and indicator (parents before children, children in
// order), plus a row of kind "framework" carrying the title and rows of kind "dimension" for
// dimensions whose names differ from engine.DimensionNames. The package documentation gives
// the conventions of every column.
func WriteFramework(w io.Writer, f *engine.Framework, format Format) error {
	switch format {
	case FormatJSON:
		b, err := json.MarshalIndent(definition(f), "", "  ")
		if err != nil {
			return fmt.Errorf("ingest: encoding framework: %w", err)
		}
		_, err = w.Write(append(b, '\n'))
		return err
	case FormatCSV, FormatTSV:
		header, rows := frameworkTable(f)
		bw := bufio.NewWriter(w)
		bw.Write(utf8BOM)
		cw := csv.NewWriter(bw)
		if format == FormatTSV {
			cw.Comma = '\t'
		}
		cw.Write(header)
		rec := make([]string, len(header))
		for _, r := range rows {
			for i, c := range r {
				rec[i] = c.text
			}
			cw.Write(rec)
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		return bw.Flush()
	case FormatXLSX:
		return writeFrameworkXLSX(w, f)
	}
	return unknownWriteFormat(format)
}

// cell is one exported cell: its text, and the number it holds when it is numeric (XLSX writes
// those as numeric cells).
type cell struct {
	text string
	num  *float64
}

func numCell(x float64) cell { return cell{text: formatNumber(x), num: &x} }

func frameworkYears(f *engine.Framework) []int {
	set := map[int]bool{}
	if f.PlanStart > 0 && f.PlanEnd >= f.PlanStart && f.PlanEnd-f.PlanStart < 1000 {
		for y := f.PlanStart; y <= f.PlanEnd; y++ {
			set[y] = true
		}
	}
	for _, r := range f.Indicators() {
		if in := r.Node.Indicator; in != nil {
			for _, t := range in.AnnualTargets {
				set[t.Year] = true
			}
		}
	}
	years := make([]int, 0, len(set))
	for y := range set {
		years = append(years, y)
	}
	sort.Ints(years)
	return years
}

func frameworkTable(f *engine.Framework) ([]string, [][]cell) {
	years := frameworkYears(f)
	header := append([]string(nil), frameworkColumnsBefore...)
	for _, y := range years {
		header = append(header, targetColumn(y))
	}
	header = append(header, frameworkColumnsAfter...)
	pos := map[string]int{}
	for i, h := range header {
		pos[h] = i
	}
	var rows [][]cell
	newRow := func() []cell { return make([]cell, len(header)) }
	if f.Title != "" {
		r := newRow()
		r[pos[colKind]].text = kindFramework
		r[pos[colName]].text = f.Title
		rows = append(rows, r)
	}
	for _, d := range f.Dimensions {
		names, ok := engine.DimensionNames[engine.Dimension(d.Code)]
		if ok && names[0] == d.Name && names[1] == d.NameEN {
			continue
		}
		r := newRow()
		r[pos[colKind]].text = string(engine.KindDimension)
		r[pos[colCode]].text = d.Code
		r[pos[colName]].text = d.Name
		r[pos[colNameEN]].text = d.NameEN
		rows = append(rows, r)
	}
	var walk func(parent string, n *engine.Node)
	walk = func(parent string, n *engine.Node) {
		r := newRow()
		r[pos[colKind]].text = string(n.Kind)
		r[pos[colParent]].text = parent
		r[pos[colCode]].text = n.Code
		r[pos[colName]].text = n.Name
		r[pos[colNameEN]].text = n.NameEN
		if in := n.Indicator; in != nil {
			r[pos[colUnit]].text = in.Unit
			r[pos[colValueKind]].text = string(in.ValueKind)
			if in.CurrencyScale != 0 {
				r[pos[colCurrencyScale]] = numCell(in.CurrencyScale)
			}
			r[pos[colPolarity]].text = string(in.Polarity)
			r[pos[colTargetKind]].text = string(in.TargetKind)
			if in.Key {
				r[pos[colKey]].text = "true"
			}
			r[pos[colCategory]].text = in.Category
			if in.Baseline != nil {
				r[pos[colBaselineYear]] = numCell(float64(in.Baseline.Year))
				r[pos[colBaselineValue]] = numCell(in.Baseline.Value)
			}
			for _, t := range in.AnnualTargets {
				r[pos[targetColumn(t.Year)]] = formatTarget(t)
			}
			if in.FinalTarget != nil {
				r[pos[colFinalTarget]] = numCell(*in.FinalTarget)
			}
			r[pos[colTargetText]].text = in.TargetText
			if in.RangeLow != nil {
				r[pos[colRangeLow]] = numCell(*in.RangeLow)
			}
			if in.RangeHigh != nil {
				r[pos[colRangeHigh]] = numCell(*in.RangeHigh)
			}
			r[pos[colRubric]].text = formatRubric(in.Rubric)
			r[pos[colSource]].text = in.Source
			r[pos[colResponsible]].text = in.Responsible
			r[pos[colNotes]].text = in.Notes
			if len(in.CaliberNotes) > 0 {
				b, _ := json.Marshal(in.CaliberNotes)
				r[pos[colCaliberNotes]].text = string(b)
			}
			r[pos[colCaliber]].text = in.Caliber
			r[pos[colAssessment]].text = in.Assessment
			if len(in.ChallengeTargets) > 0 {
				b, _ := json.Marshal(in.ChallengeTargets)
				r[pos[colChallenge]].text = string(b)
			}
			if in.Benchmark != nil {
				b, _ := json.Marshal(in.Benchmark)
				r[pos[colBenchmark]].text = string(b)
			}
		}
		rows = append(rows, r)
		for _, c := range n.Children {
			walk(n.Code, c)
		}
	}
	for _, d := range f.Dimensions {
		for _, c := range d.Children {
			walk(d.Code, c)
		}
	}
	return header, rows
}

func targetColumn(year int) string { return "target_" + strconv.Itoa(year) }

// formatTarget writes an annual target in the shortest form that reads back to the same target.
func formatTarget(t engine.AnnualTarget) cell {
	var head string
	if t.Value != nil {
		v := formatNumber(*t.Value)
		if t.Basis == engine.BasisGrowth {
			if !strings.HasPrefix(v, "-") {
				v = "+" + v
			}
			head = v + "%"
		} else {
			head = v
		}
	}
	candidates := []string{}
	switch {
	case t.Value != nil && t.Text == "":
		if t.Basis == engine.BasisLevel {
			x := *t.Value
			return cell{text: head, num: &x}
		}
		candidates = append(candidates, head)
	case t.Value != nil:
		candidates = append(candidates, head+" | "+t.Text)
	case t.Basis == engine.BasisLevel:
		candidates = append(candidates, t.Text)
	}
	prefix := string(t.Basis) + ":"
	if t.Value != nil {
		prefix += formatNumber(*t.Value)
	}
	if t.Text != "" {
		candidates = append(candidates, prefix+" | "+t.Text)
	} else {
		candidates = append(candidates, prefix)
	}
	for _, c := range candidates {
		if back, msg := parseTarget(c, t.Year); msg.ID == "" && back != nil && reflect.DeepEqual(*back, t) {
			return cell{text: c}
		}
	}
	return cell{text: candidates[len(candidates)-1]}
}

// parseTarget reads an annual target cell; nil for a blank cell.
func parseTarget(s string, year int) (*engine.AnnualTarget, message) {
	s = trimText(s)
	if s == "" {
		return nil, message{}
	}
	t := &engine.AnnualTarget{Year: year, Basis: engine.BasisLevel}
	head, text, hasText := strings.Cut(s, " | ")
	head = trimText(head)
	if hasText {
		text = trimText(text)
		if text == "" {
			return nil, newMsg(messages.IngestFrameworkTargetNothingAfter)
		}
	}
	// An explicit basis: level:X or growth:X (X may be empty when a text follows).
	for _, b := range []engine.TargetBasis{engine.BasisLevel, engine.BasisGrowth} {
		p := string(b) + ":"
		if len(head) >= len(p) && strings.EqualFold(head[:len(p)], p) {
			t.Basis = b
			num := clean(head[len(p):])
			if num == "" {
				if !hasText {
					return nil, newMsg(messages.IngestFrameworkTargetNeedsValue, "target", p)
				}
			} else {
				if b == engine.BasisGrowth {
					num = strings.TrimSuffix(num, "%")
				}
				x, msg := parseNumber(num)
				if msg.ID != "" {
					return nil, newMsg(messages.IngestFrameworkTargetAfter, "target", p, "reason", msg)
				}
				t.Value = &x
			}
			t.Text = text
			return t, message{}
		}
	}
	h := clean(head)
	if strings.HasSuffix(h, "%") {
		num := strings.TrimSpace(strings.TrimSuffix(h, "%"))
		if x, msg := parseNumber(num); msg.ID == "" {
			if num[0] != '+' && num[0] != '-' {
				return nil, newMsg(messages.IngestFrameworkTargetAmbiguous, "number", num)
			}
			t.Basis, t.Value, t.Text = engine.BasisGrowth, &x, text
			return t, message{}
		}
	}
	if x, msg := parseNumber(h); msg.ID == "" {
		t.Value, t.Text = &x, text
		return t, message{}
	}
	// Anything else is the target's wording ("完成市下达指标", "50以下").
	t.Text = s
	return t, message{}
}

// formatRubric writes "label=score;…", or a JSON array when a label would not survive that form.
func formatRubric(r []engine.RubricLevel) string {
	if len(r) == 0 {
		return ""
	}
	parts := make([]string, len(r))
	for i, l := range r {
		parts[i] = l.Label + "=" + formatNumber(l.Score)
	}
	s := strings.Join(parts, ";")
	if back, msgs := parseRubric(s); len(msgs) == 0 && reflect.DeepEqual(back, r) {
		return s
	}
	b, _ := json.Marshal(r)
	return string(b)
}

// parseRubric reads "完成=100;基本完成=60;未完成=0" (full-width ；and ＝ also accepted) or a JSON
// array [{"label": …, "score": …}].
func parseRubric(s string) ([]engine.RubricLevel, []message) {
	s = trimText(s)
	if s == "" {
		return nil, nil
	}
	if s[0] == '[' {
		var r []engine.RubricLevel
		dec := json.NewDecoder(strings.NewReader(s))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			return nil, []message{newMsg(messages.IngestFrameworkRubricNotArray, "error", evaluation.JSONReason(err, []byte(s)))}
		}
		if dec.More() {
			return nil, []message{newMsg(messages.IngestFrameworkRubricTrailing)}
		}
		for i := range r {
			r[i].Label = trimText(r[i].Label)
		}
		if len(r) == 0 {
			return nil, nil
		}
		return r, nil
	}
	var out []engine.RubricLevel
	var msgs []message
	for _, item := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '；' }) {
		item = trimText(item)
		if item == "" {
			continue
		}
		i := strings.LastIndexAny(item, "=＝")
		if i < 0 {
			msgs = append(msgs, newMsg(messages.IngestFrameworkRubricNoScore, "level", item))
			continue
		}
		_, size := utf8DecodeAt(item, i)
		score, msg := parseNumber(clean(item[i+size:]))
		if msg.ID != "" {
			msgs = append(msgs, newMsg(messages.IngestFrameworkRubricScore, "level", item, "reason", msg))
			continue
		}
		out = append(out, engine.RubricLevel{Label: trimText(item[:i]), Score: score})
	}
	return out, msgs
}

func utf8DecodeAt(s string, i int) (rune, int) {
	for _, r := range s[i:] {
		return r, len(string(r))
	}
	return 0, 0
}

func parseBool(s string) (bool, bool) {
	switch strings.ToLower(clean(s)) {
	case "", "false", "no", "n", "0", "否":
		return false, true
	case "true", "yes", "y", "1", "是":
		return true, true
	}
	return false, false
}

// ReadFramework reads a framework file (JSON, CSV, TSV or XLSX; see the package documentation)
// and validates it with Framework.Validate. Problems are returned as a *engine.ValidationError
// naming the row and column of a table file (and the field path); the framework is nil then.
// Storage fields of a JSON file (id, version, digest, …) are ignored: a framework read from a
// file is a new definition.
func ReadFramework(r io.Reader, opts Options) (*engine.Framework, Summary, error) {
	var sum Summary
	in := newInput(r)
	v := newValidation(messages.IngestFrameworkFileProblems)
	f, err := readFramework(in, opts, v, &sum)
	if err != nil {
		return nil, sum, err
	}
	if err := in.finish(&sum); err != nil {
		return nil, sum, err
	}
	sanitize(v)
	if err := v.Err(); err != nil {
		return nil, sum, err
	}
	return f, sum, nil
}

func readFramework(in *input, opts Options, v *engine.ValidationError, sum *Summary) (f *engine.Framework, err error) {
	err = readFile(in, opts, v, sum, func(br *bufio.Reader) error {
		f, err = readFrameworkJSON(br, opts, v)
		return err
	}, func(t table, _ *xlsxTable) error {
		f, err = readFrameworkTable(t, opts, v, sum)
		return err
	})
	return f, err
}

// maxFrameworkJSON bounds a framework JSON file, which is decoded whole: the plan's framework of
// 38 indicators takes 60 KB, a framework of a thousand indicators with their annual targets and
// sources about 2 MB.
const maxFrameworkJSON = 8 << 20

func readFrameworkJSON(br *bufio.Reader, opts Options, v *engine.ValidationError) (*engine.Framework, error) {
	if head, _ := br.Peek(3); bytes.HasPrefix(head, utf8BOM) {
		br.Discard(3)
	}
	var f engine.Framework
	// The bytes read are kept to check the framework's texts once it decodes (see
	// engine.CheckJSONText); the decoder holds the whole object in memory anyway.
	var raw bytes.Buffer
	limited := &io.LimitedReader{R: &utf8Checker{r: br}, N: maxFrameworkJSON + 1}
	dec := json.NewDecoder(io.TeeReader(limited, &raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(&f)
	if limited.N <= 0 {
		fileProblem(v, newMsg(messages.IngestFrameworkTooLarge, "limit", "8 MiB"))
		return nil, nil
	}
	if err != nil {
		var nu *notUTF8Error
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &nu):
			fileProblem(v, nu.message())
		case errors.As(err, &se):
			line, col := evaluation.JSONPosition(raw.Bytes(), se.Offset)
			fileProblem(v, newMsg(messages.IngestJSONSyntaxAt, "line", line, "column", col, "error", evaluation.JSONSyntaxReason(se)))
		case errors.As(err, &te):
			v.Add(fieldProblem(te.Field, newMsg(messages.IngestJSONType, "type", evaluation.JSONTypeName(te.Type), "found", evaluation.JSONKindName(te.Value))))
		case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
			fileProblem(v, newMsg(messages.IngestJSONEmpty))
		case strings.HasPrefix(err.Error(), "json: unknown field"):
			fileProblem(v, newMsg(messages.IngestFrameworkUnknownField, "field", strings.TrimPrefix(err.Error(), "json: unknown field ")))
		default:
			var rerr *readError
			if errors.As(err, &rerr) {
				return nil, err
			}
			fileProblem(v, newMsg(messages.IngestFrameworkJSONUnreadable, "error", evaluation.JSONReason(err, raw.Bytes())))
		}
		return nil, nil
	}
	if dec.More() {
		fileProblem(v, newMsg(messages.IngestFrameworkJSONTrailing))
		return nil, nil
	}
	if engine.CheckJSONText(raw.Bytes(), v); v.Total > 0 {
		return nil, nil
	}
	def := definition(&f)
	if nilNodes(def, v) {
		return nil, nil
	}
	if opts.PlanStart != 0 || opts.PlanEnd != 0 {
		def.PlanStart, def.PlanEnd = opts.PlanStart, opts.PlanEnd
	}
	canonicalize(def)
	if err := def.Validate(); err != nil {
		var ve *engine.ValidationError
		if errors.As(err, &ve) {
			for _, p := range ve.Problems {
				v.Add(p)
			}
			v.Total += ve.Total - len(ve.Problems)
		}
		return nil, nil
	}
	def.Normalize()
	return def, nil
}

// nilNodes reports null entries in a JSON framework's tree, which Validate cannot walk.
func nilNodes(f *engine.Framework, v *engine.ValidationError) bool {
	found := false
	var walk func(path string, n *engine.Node)
	walk = func(path string, n *engine.Node) {
		if n == nil {
			v.Add(fieldProblem(path, newMsg(messages.IngestFrameworkNullNode)))
			found = true
			return
		}
		for i, c := range n.Children {
			walk(fmt.Sprintf("%s.children[%d]", path, i), c)
		}
	}
	for i, d := range f.Dimensions {
		walk(fmt.Sprintf("dimensions[%d]", i), d)
	}
	return found
}

// canonicalize trims text, width-normalises codes and enumerations, and makes empty lists nil, so
// that a framework means the same whichever format it came in.
func canonicalize(f *engine.Framework) {
	f.Title = trimText(f.Title)
	f.Walk(func(n *engine.Node) {
		n.Code = clean(n.Code)
		n.Kind = engine.NodeKind(strings.ToLower(clean(string(n.Kind))))
		n.Name = trimText(n.Name)
		n.NameEN = trimText(n.NameEN)
		if in := n.Indicator; in != nil {
			in.Unit = trimText(in.Unit)
			in.ValueKind = engine.ValueKind(strings.ToLower(clean(string(in.ValueKind))))
			in.Polarity = engine.Polarity(strings.ToLower(clean(string(in.Polarity))))
			in.TargetKind = engine.TargetKind(strings.ToLower(clean(string(in.TargetKind))))
			in.Category = trimText(in.Category)
			in.TargetText = trimText(in.TargetText)
			in.Source = trimText(in.Source)
			in.Responsible = trimText(in.Responsible)
			in.Notes = trimText(in.Notes)
			for i := range in.AnnualTargets {
				in.AnnualTargets[i].Basis = engine.TargetBasis(strings.ToLower(clean(string(in.AnnualTargets[i].Basis))))
				in.AnnualTargets[i].Text = trimText(in.AnnualTargets[i].Text)
			}
			for i := range in.Rubric {
				in.Rubric[i].Label = trimText(in.Rubric[i].Label)
			}
			for i := range in.CaliberNotes {
				in.CaliberNotes[i].Reason = trimText(in.CaliberNotes[i].Reason)
			}
		}
		n.Compact()
	})
}

// fwRow is one group or indicator row read from a table.
type fwRow struct {
	row    int
	kind   string
	parent string
	node   *engine.Node
	bad    bool // its cells had problems
}

type cellKey struct {
	row int
	col string
}

// fwReader holds the state of a framework table import.
type fwReader struct {
	v        *engine.ValidationError
	t        table
	pos      map[string]int
	headers  []string
	names    []string    // canonical column name by index ("" for unknown or blank headings)
	years    map[int]int // target year → column index
	cellBad  map[cellKey]bool
	title    string
	hasTitle int
}

func (r *fwReader) col(name string) string {
	i, ok := r.pos[name]
	if !ok {
		return ""
	}
	return r.t.column(i, r.headers[i])
}

func (r *fwReader) problem(row int, colName, value string, m message) {
	col := r.col(colName)
	r.cellBad[cellKey{row, col}] = true
	r.v.Add(problemOf(row, col, value, m))
}

func readFrameworkTable(t table, opts Options, v *engine.ValidationError, sum *Summary) (*engine.Framework, error) {
	r := &fwReader{v: v, t: t, pos: map[string]int{}, years: map[int]int{}, cellBad: map[cellKey]bool{}}
	var rows []fwRow
	var dimRows []fwRow
	header := func(row int, cells []string) ([]string, bool) {
		ok := r.mapHeader(row, cells)
		return r.headers, ok
	}
	complete, err := readRows(t, v, sum, header, func(row int, cells []string) error {
		fr := r.readRow(row, cells)
		switch fr.kind {
		case string(engine.KindDimension):
			dimRows = append(dimRows, fr)
		case string(engine.KindGroup), string(engine.KindIndicator):
			rows = append(rows, fr)
		}
		if !fr.bad {
			sum.Valid++
		}
		return nil
	})
	if !complete {
		return nil, err
	}
	f := &engine.Framework{Title: r.title, PlanStart: opts.PlanStart, PlanEnd: opts.PlanEnd}
	if f.PlanStart == 0 && f.PlanEnd == 0 {
		if len(r.years) == 0 {
			fileProblem(v, newMsg(messages.IngestFrameworkPlanUnknown))
			return nil, nil
		}
		f.PlanStart, f.PlanEnd = math.MaxInt, math.MinInt
		for y := range r.years {
			f.PlanStart, f.PlanEnd = min(f.PlanStart, y), max(f.PlanEnd, y)
		}
	}
	paths := r.build(f, dimRows, rows)
	if err := f.Validate(); err != nil {
		var ve *engine.ValidationError
		if errors.As(err, &ve) {
			for _, p := range ve.Problems {
				r.locate(&p, paths, f)
				if p.Row > 0 && r.cellBad[cellKey{p.Row, p.Column}] {
					continue
				}
				v.Add(p)
			}
		}
	}
	if v.Total > 0 {
		return nil, nil
	}
	f.Normalize()
	return f, nil
}

var knownFrameworkColumns = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range append(append([]string{}, frameworkColumnsBefore...), frameworkColumnsAfter...) {
		m[c] = true
	}
	return m
}()

func (r *fwReader) mapHeader(row int, cells []string) bool {
	r.headers = make([]string, len(cells))
	r.names = make([]string, len(cells))
	ok := true
	for i, c := range cells {
		h := trimText(c)
		r.headers[i] = h
		if h == "" {
			continue
		}
		key := headerKey(h)
		if y, isTarget := targetYear(key); isTarget {
			if prev, dup := r.years[y]; dup {
				r.v.Add(problemOf(row, r.t.column(i, h), h, newMsg(messages.IngestFrameworkSecondYearColumn, "year", y, "first", r.t.column(prev, r.headers[prev]))))
				ok = false
				continue
			}
			r.years[y] = i
			r.pos[targetColumn(y)] = i
			r.names[i] = targetColumn(y)
			continue
		}
		if !knownFrameworkColumns[key] {
			r.v.Add(problemOf(row, r.t.column(i, h), h, newMsg(messages.IngestUnknownColumn, "columns",
				newMsg(messages.IngestFrameworkColumns, "before", frameworkColumnsBefore, "after", frameworkColumnsAfter))))
			ok = false
			continue
		}
		if prev, dup := r.pos[key]; dup {
			r.v.Add(problemOf(row, r.t.column(i, h), h, newMsg(messages.IngestDuplicateColumn, "column", key, "first", r.t.column(prev, r.headers[prev]))))
			ok = false
			continue
		}
		r.pos[key] = i
		r.names[i] = key
	}
	for _, req := range []string{colKind, colParent, colCode, colName} {
		if _, found := r.pos[req]; !found {
			r.v.Add(problemOf(row, "", "", newMsg(messages.IngestFrameworkMissingColumn, "column", req)))
			ok = false
		}
	}
	return ok
}

// targetYear recognises target_YYYY.
func targetYear(key string) (int, bool) {
	rest, ok := strings.CutPrefix(key, "target_")
	if !ok || len(rest) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(rest)
	if err != nil || y < 1000 {
		return 0, false
	}
	return y, true
}

func (r *fwReader) readRow(row int, cells []string) fwRow {
	get := func(name string) string {
		i, ok := r.pos[name]
		if !ok || i >= len(cells) {
			return ""
		}
		return cells[i]
	}
	fr := fwRow{row: row, kind: strings.ToLower(clean(get(colKind)))}
	before := r.v.Total
	if len(cells) > len(r.headers) {
		for i := len(r.headers); i < len(cells); i++ {
			if strings.TrimLeftFunc(cells[i], isBlankRune) != "" {
				r.v.Add(problemOf(row, r.t.column(i, ""), cells[i], newMsg(messages.IngestValueWithoutHeader)))
				break
			}
		}
	}
	for i, h := range r.headers {
		if h == "" && i < len(cells) && strings.TrimLeftFunc(cells[i], isBlankRune) != "" {
			r.v.Add(problemOf(row, r.t.column(i, ""), cells[i], newMsg(messages.IngestValueWithoutHeader)))
		}
	}
	// nonIndicator reports cells that only indicator rows may fill.
	nonIndicator := func(what string, allowed ...string) {
		for i, name := range r.names {
			if name == "" || i >= len(cells) || strings.TrimLeftFunc(cells[i], isBlankRune) == "" {
				continue
			}
			if name == colKind || slices.Contains(allowed, name) {
				continue
			}
			r.problem(row, name, cells[i], newMsg(messages.IngestFrameworkRowFills, "kind", what, "column", name))
		}
	}
	switch fr.kind {
	case kindFramework:
		r.hasTitle++
		if r.hasTitle > 1 {
			r.problem(row, colKind, get(colKind), newMsg(messages.IngestFrameworkSecondFrameworkRow))
		}
		r.title = trimText(get(colName))
		nonIndicator("framework", colName)
	case string(engine.KindDimension):
		nonIndicator("dimension", colCode, colName, colNameEN)
		fr.node = &engine.Node{Code: clean(get(colCode)), Kind: engine.KindDimension, Name: trimText(get(colName)), NameEN: trimText(get(colNameEN))}
	case string(engine.KindGroup):
		nonIndicator("group", colParent, colCode, colName, colNameEN)
		fr.parent = clean(get(colParent))
		fr.node = &engine.Node{Code: clean(get(colCode)), Kind: engine.KindGroup, Name: trimText(get(colName)), NameEN: trimText(get(colNameEN))}
	case string(engine.KindIndicator):
		fr.parent = clean(get(colParent))
		fr.node = &engine.Node{Code: clean(get(colCode)), Kind: engine.KindIndicator, Name: trimText(get(colName)), NameEN: trimText(get(colNameEN))}
		fr.node.Indicator = r.readIndicator(row, get)
	case "":
		r.problem(row, colKind, "", newMsg(messages.IngestFrameworkKindRequired))
	default:
		r.problem(row, colKind, get(colKind), newMsg(messages.IngestFrameworkKindInvalid))
	}
	fr.bad = r.v.Total != before
	return fr
}

func (r *fwReader) readIndicator(row int, get func(string) string) *engine.Indicator {
	in := &engine.Indicator{
		Unit:        trimText(get(colUnit)),
		ValueKind:   engine.ValueKind(strings.ToLower(clean(get(colValueKind)))),
		Polarity:    engine.Polarity(strings.ToLower(clean(get(colPolarity)))),
		TargetKind:  engine.TargetKind(strings.ToLower(clean(get(colTargetKind)))),
		Category:    trimText(get(colCategory)),
		TargetText:  trimText(get(colTargetText)),
		Source:      trimText(get(colSource)),
		Responsible: trimText(get(colResponsible)),
		Notes:       trimText(get(colNotes)),
		Caliber:     trimText(get(colCaliber)),
		Assessment:  strings.ToLower(clean(get(colAssessment))),
	}
	optNum := func(name string) *float64 {
		s := clean(get(name))
		if s == "" {
			return nil
		}
		x, msg := parseNumber(s)
		if msg.ID != "" {
			r.problem(row, name, get(name), msg)
			return nil
		}
		return &x
	}
	if x := optNum(colCurrencyScale); x != nil {
		in.CurrencyScale = *x
	}
	if k, ok := parseBool(get(colKey)); ok {
		in.Key = k
	} else {
		r.problem(row, colKey, get(colKey), newMsg(messages.IngestFrameworkKeyBoolean))
	}
	year, value := clean(get(colBaselineYear)), clean(get(colBaselineValue))
	switch {
	case year == "" && value == "":
	case year == "":
		r.problem(row, colBaselineYear, "", newMsg(messages.IngestFrameworkBaselineNeedsYear))
	case value == "":
		r.problem(row, colBaselineValue, "", newMsg(messages.IngestFrameworkBaselineNeedsValue))
	default:
		y, msg := parseNumber(year)
		if msg.ID == "" && (y != math.Trunc(y) || math.Abs(y) > 1e6) {
			msg = newMsg(messages.IngestFrameworkNotAYear)
		}
		if msg.ID != "" {
			r.problem(row, colBaselineYear, get(colBaselineYear), msg)
		}
		if x := optNum(colBaselineValue); x != nil && msg.ID == "" {
			in.Baseline = &engine.Baseline{Year: int(y), Value: *x}
		}
	}
	years := make([]int, 0, len(r.years))
	for y := range r.years {
		years = append(years, y)
	}
	sort.Ints(years)
	for _, y := range years {
		name := targetColumn(y)
		t, msg := parseTarget(get(name), y)
		if msg.ID != "" {
			r.problem(row, name, get(name), msg)
			continue
		}
		if t != nil {
			in.AnnualTargets = append(in.AnnualTargets, *t)
		}
	}
	in.FinalTarget = optNum(colFinalTarget)
	in.RangeLow = optNum(colRangeLow)
	in.RangeHigh = optNum(colRangeHigh)
	rubric, msgs := parseRubric(get(colRubric))
	for _, m := range msgs {
		r.problem(row, colRubric, get(colRubric), m)
	}
	in.Rubric = rubric
	if s := trimText(get(colCaliberNotes)); s != "" {
		var notes []engine.CaliberNote
		dec := json.NewDecoder(strings.NewReader(s))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&notes); err != nil || dec.More() {
			msg := newMsg(messages.IngestFrameworkCaliberNotesShape)
			if err != nil {
				msg = newMsg(messages.IngestFrameworkCaliberNotesError, "error", evaluation.JSONReason(err, []byte(s)))
			}
			r.problem(row, colCaliberNotes, s, msg)
		} else if len(notes) > 0 {
			for i := range notes {
				notes[i].Reason = trimText(notes[i].Reason)
			}
			in.CaliberNotes = notes
		}
	}
	if s := trimText(get(colChallenge)); s != "" {
		var ts []engine.AnnualTarget
		if !r.jsonCell(row, colChallenge, s, &ts, messages.IngestFrameworkChallengeShape, messages.IngestFrameworkChallengeError) && len(ts) > 0 {
			in.ChallengeTargets = ts
		}
	}
	if s := trimText(get(colBenchmark)); s != "" {
		var b engine.Benchmark
		if !r.jsonCell(row, colBenchmark, s, &b, messages.IngestFrameworkBenchmarkShape, messages.IngestFrameworkBenchmarkError) {
			in.Benchmark = &b
		}
	}
	return in
}

// jsonCell decodes a cell holding JSON strictly into v; it reports a problem and answers true
// when the cell does not decode.
// shape says what the cell must hold; withError says the same with the decoder's {error}.
func (r *fwReader) jsonCell(row int, col, s string, v any, shape, withError messages.ID) bool {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil || dec.More() {
		msg := newMsg(shape)
		if err != nil {
			msg = newMsg(withError, "error", evaluation.JSONReason(err, []byte(s)))
		}
		r.problem(row, col, s, msg)
		return true
	}
	return false
}

// build assembles the tree and returns the row of each node's field path (as Validate names it).
func (r *fwReader) build(f *engine.Framework, dimRows, rows []fwRow) map[string]int {
	byCode := map[string]*fwRow{}
	dims := map[string]*engine.Node{}
	dimRow := map[string]int{}
	for _, d := range engine.Dimensions {
		names := engine.DimensionNames[d]
		n := &engine.Node{Code: string(d), Kind: engine.KindDimension, Name: names[0], NameEN: names[1]}
		dims[string(d)] = n
		f.Dimensions = append(f.Dimensions, n)
	}
	for _, dr := range dimRows {
		n, ok := dims[dr.node.Code]
		switch {
		case !ok:
			r.problem(dr.row, colCode, dr.node.Code, newMsg(messages.IngestFrameworkDimensionRename))
		case dimRow[dr.node.Code] != 0:
			r.problem(dr.row, colCode, dr.node.Code, newMsg(messages.IngestFrameworkDimensionRenamedTwice, "row", dimRow[dr.node.Code]))
		default:
			n.Name, n.NameEN = dr.node.Name, dr.node.NameEN
			dimRow[dr.node.Code] = dr.row
		}
	}
	for i := range rows {
		fr := &rows[i]
		code := fr.node.Code
		if code == "" {
			r.problem(fr.row, colCode, "", newMsg(messages.IngestFrameworkCodeRequired))
			fr.bad = true
			continue
		}
		if _, isDim := dims[code]; isDim {
			r.problem(fr.row, colCode, code, newMsg(messages.IngestFrameworkCodeIsDimension))
			fr.bad = true
			continue
		}
		if prev, dup := byCode[code]; dup {
			r.problem(fr.row, colCode, code, newMsg(messages.IngestFrameworkCodeDuplicate, "code", code, "row", prev.row))
			fr.bad = true
			continue
		}
		byCode[code] = fr
	}
	for i := range rows {
		fr := &rows[i]
		if fr.node.Code == "" || byCode[fr.node.Code] != fr {
			continue
		}
		if fr.parent == "" {
			r.problem(fr.row, colParent, "", newMsg(messages.IngestFrameworkParentRequired))
			continue
		}
		if d, ok := dims[fr.parent]; ok {
			d.Children = append(d.Children, fr.node)
			continue
		}
		p, ok := byCode[fr.parent]
		switch {
		case !ok:
			r.problem(fr.row, colParent, fr.parent, newMsg(messages.IngestFrameworkParentUnknown))
		case p.kind != string(engine.KindGroup):
			r.problem(fr.row, colParent, fr.parent, newMsg(messages.IngestFrameworkParentIsIndicator, "row", p.row))
		default:
			p.node.Children = append(p.node.Children, fr.node)
		}
	}
	// Paths as Validate names them, and rows cut off from the dimensions (a cycle of parents).
	paths := map[string]int{}
	rowOf := map[*engine.Node]int{}
	for i := range rows {
		rowOf[rows[i].node] = rows[i].row
	}
	reached := map[*engine.Node]bool{}
	var walk func(path string, n *engine.Node)
	walk = func(path string, n *engine.Node) {
		reached[n] = true
		if row, ok := rowOf[n]; ok {
			paths[path] = row
		}
		for i, c := range n.Children {
			walk(fmt.Sprintf("%s.children[%d]", path, i), c)
		}
	}
	for i, d := range f.Dimensions {
		path := fmt.Sprintf("dimensions[%d]", i)
		if row := dimRow[d.Code]; row != 0 {
			paths[path] = row
		}
		walk(path, d)
	}
	for i := range rows {
		fr := &rows[i]
		if !reached[fr.node] && byCode[fr.node.Code] == fr && fr.parent != "" {
			if p, ok := byCode[fr.parent]; ok && p.kind == string(engine.KindGroup) {
				r.problem(fr.row, colParent, fr.parent, newMsg(messages.IngestFrameworkParentCycle))
			}
		}
	}
	return paths
}

// locate maps a Validate problem's field path back to a row and column.
func (r *fwReader) locate(p *engine.Problem, paths map[string]int, f *engine.Framework) {
	field := p.Field
	for i := len(field); i > 0; i-- {
		if i < len(field) && field[i] != '.' {
			continue
		}
		row, ok := paths[field[:i]]
		if !ok {
			continue
		}
		p.Row = row
		rest := field[i:]
		var name string
		switch {
		case rest == ".code" || rest == ".name" || rest == ".kind":
			name = rest[1:]
		case rest == "" || rest == ".indicator" || strings.HasPrefix(rest, ".children"):
			name = colKind
		case strings.HasPrefix(rest, ".indicator.annual_targets["):
			num, _, _ := strings.Cut(strings.TrimPrefix(rest, ".indicator.annual_targets["), "]")
			idx, _ := strconv.Atoi(num)
			if n := nodeAt(f, field[:i]); n != nil && n.Indicator != nil && idx < len(n.Indicator.AnnualTargets) {
				name = targetColumn(n.Indicator.AnnualTargets[idx].Year)
			}
		case strings.HasPrefix(rest, ".indicator.rubric"):
			name = colRubric
		case strings.HasPrefix(rest, ".indicator.caliber_notes"):
			name = colCaliberNotes
		case rest == ".indicator.caliber":
			name = colCaliber
		case strings.HasPrefix(rest, ".indicator.challenge_targets"):
			name = colChallenge
		case strings.HasPrefix(rest, ".indicator.benchmark"):
			name = colBenchmark
		case rest == ".indicator.baseline.value":
			name = colBaselineValue
		case strings.HasPrefix(rest, ".indicator.baseline"):
			name = colBaselineYear
		case strings.HasPrefix(rest, ".indicator."):
			name = strings.TrimPrefix(rest, ".indicator.")
		}
		p.Column = r.col(name)
		return
	}
}

// nodeAt follows a Validate field path ("dimensions[1].children[0]") to its node.
func nodeAt(f *engine.Framework, path string) *engine.Node {
	var n *engine.Node
	for _, seg := range strings.Split(path, ".") {
		open := strings.IndexByte(seg, '[')
		if open < 0 || !strings.HasSuffix(seg, "]") {
			return nil
		}
		i, err := strconv.Atoi(seg[open+1 : len(seg)-1])
		if err != nil {
			return nil
		}
		var list []*engine.Node
		if seg[:open] == "dimensions" {
			list = f.Dimensions
		} else if n != nil {
			list = n.Children
		}
		if i < 0 || i >= len(list) {
			return nil
		}
		n = list[i]
	}
	return n
}

func writeFrameworkXLSX(w io.Writer, f *engine.Framework) error {
	header, rows := frameworkTable(f)
	x := excelize.NewFile()
	defer x.Close()
	const sheet = "framework"
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := x.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	vals := make([]any, len(header))
	for i, h := range header {
		vals[i] = h
	}
	if err := sw.SetRow("A1", vals); err != nil {
		return err
	}
	for ri, r := range rows {
		for i, c := range r {
			switch {
			case c.num != nil:
				vals[i] = xlsxNumber(*c.num)
			case c.text == "":
				vals[i] = nil
			default:
				vals[i] = c.text
			}
		}
		name, _ := excelize.CoordinatesToCellName(1, ri+2)
		if err := sw.SetRow(name, vals); err != nil {
			return fmt.Errorf("ingest: writing framework row %d: %w", ri+2, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return x.Write(w)
}
