package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"evalbench/evaluation"
)

// rfield is one of the response columns.
type rfield int

const (
	rUnit rfield = iota
	rGroup
	rRater
	rItem
	rScore
	rComment
	numResponseFields
)

// ResponseColumns are the canonical column names of a survey response file.
var ResponseColumns = []string{"unit", "group", "rater", "item", "score", "comment"}

// responseAliases maps normalised headings (see headerKey) to response columns.
var responseAliases = map[string]rfield{
	"unit": rUnit, "unit_code": rUnit, "单位": rUnit, "单位代码": rUnit, "被考评单位": rUnit, "被考评单位代码": rUnit, "被评价单位": rUnit,
	"group": rGroup, "rater_group": rGroup, "评价主体": rGroup, "评价主体代码": rGroup, "评价群体": rGroup, "主体": rGroup,
	"rater": rRater, "rater_key": rRater, "rater_id": rRater, "评价人": rRater, "评价人编号": rRater, "评价人代码": rRater, "问卷编号": rRater, "答卷编号": rRater,
	"item": rItem, "item_code": rItem, "题目": rItem, "题目代码": rItem, "题号": rItem, "评价项目": rItem,
	"score": rScore, "value": rScore, "分数": rScore, "得分": rScore, "评分": rScore, "选项": rScore, "答案": rScore, "评价": rScore,
	"comment": rComment, "comments": rComment, "意见": rComment, "意见建议": rComment, "建议": rComment, "留言": rComment, "备注": rComment,
}

var responseHelp = "unit (被考评单位), group (评价主体), rater (评价人), item (题目), score (分数 or 选项: a number on the scale or a category label), comment (意见, optional)"

const requiredResponseFields = 5 // all but comment

// responseJSONColumns names the JSON keys in problems.
var responseJSONColumns = [numResponseFields]string{"unit", "group", "rater", "item", "score", "comment"}

// ReadResponses reads a survey response file (CSV, TSV, XLSX or JSON) against survey s and the
// commission's unit codes, and calls emit, in file order, for each row that has no problem. emit
// may be nil to validate only; an error from emit stops the reading and is returned wrapped.
//
// A file has one row per answer: the evaluated unit's code; the rater group, by its code or its
// name (a standard group also by its Chinese name: 上级, 同级, 下级, 自评, 公众, 专家); the rater
// key, any text that identifies the rater within the commission; the item code; the score, a
// number within the scale or one of the scale's category labels (on a categorical scale a number
// must be one of the categories' scores); and an optional comment. JSON files are an array of
// objects with these keys, or {"responses": [...]}. Headings and keys may be given in English or
// Chinese (see responseAliases); width, case, spaces and hyphens in headings do not matter.
//
// The rater key is trimmed and full-width characters are folded (so " Ａ01" and "A01" are one
// rater); the caller turns it into a pseudonym. Comments are passed on as written: the caller
// redacts them. Every problem is collected and returned at the end as a
// *evaluation.ValidationError after emit has seen every valid row, exactly as ReadObservations
// does; duplicate rows are not detected here. Memory is bounded by the longest row.
func ReadResponses(r io.Reader, opts Options, s *evaluation.Survey, units []string, emit func(evaluation.ResponseRow) error) (Summary, error) {
	var sum Summary
	in := newInput(r)
	v := &evaluation.ValidationError{Summary: "the response file has problems"}
	rs := newResponseSink(s, units, emit, v, &sum)
	if err := rs.read(in, opts); err != nil {
		return sum, err
	}
	if err := in.finish(&sum); err != nil {
		return sum, err
	}
	return sum, v.Err()
}

// ReadResponses implements evaluation.ResponseReader.
func (c Codec) ReadResponses(r io.Reader, opts evaluation.FileOptions, s *evaluation.Survey, units []string, emit func(evaluation.ResponseRow) error) (evaluation.FileSummary, error) {
	sum, err := ReadResponses(r, c.options(opts), s, units, emit)
	return summary(sum), err
}

var _ evaluation.ResponseReader = Codec{}

// responseSink checks response rows against a survey.
type responseSink struct {
	units      map[string]bool
	groups     map[string]string // code or name → code
	items      map[string]bool
	labels     map[string]evaluation.ScaleCategory // cleaned label → category
	scoreLabel map[float64]string                  // category score → label
	scale      evaluation.Scale
	labelList  string
	emit       func(evaluation.ResponseRow) error
	v          *evaluation.ValidationError
	sum        *Summary
	unitFold   map[string]string
	itemFold   map[string]string
	groupList  string
}

func newResponseSink(s *evaluation.Survey, units []string, emit func(evaluation.ResponseRow) error, v *evaluation.ValidationError, sum *Summary) *responseSink {
	rs := &responseSink{units: map[string]bool{}, groups: map[string]string{}, items: map[string]bool{},
		labels: map[string]evaluation.ScaleCategory{}, scoreLabel: map[float64]string{}, emit: emit, v: v, sum: sum}
	for _, u := range units {
		rs.units[u] = true
	}
	if s == nil {
		return rs
	}
	rs.scale = s.Scale
	var groupNames []string
	for _, g := range s.Groups {
		rs.groups[g.Code] = g.Code
		groupNames = append(groupNames, g.Code)
	}
	for _, g := range s.Groups {
		for _, name := range []string{g.Name, evaluation.StandardGroupNames[g.Code]} {
			if k := clean(name); k != "" {
				if _, taken := rs.groups[k]; !taken {
					rs.groups[k] = g.Code
				}
			}
		}
	}
	rs.groupList = strings.Join(groupNames, ", ")
	for _, it := range s.Items {
		rs.items[it.Code] = true
	}
	var labels []string
	for _, c := range s.Scale.Categories {
		if _, dup := rs.labels[clean(c.Label)]; !dup {
			rs.labels[clean(c.Label)] = c
		}
		if _, dup := rs.scoreLabel[c.Score]; !dup {
			rs.scoreLabel[c.Score] = c.Label
		}
		labels = append(labels, strconv.Quote(c.Label))
	}
	rs.labelList = strings.Join(labels, ", ")
	return rs
}

func (rs *responseSink) problem(row int, col, value, msg string) {
	rs.v.Add(evaluation.Problem{Row: row, Column: col, Value: clip(value), Message: msg})
}

func (rs *responseSink) read(in *input, opts Options) error {
	format, msg, err := detectFormat(opts, in.br)
	if err != nil {
		return err
	}
	if msg != "" {
		fileProblem(rs.v, msg)
		return nil
	}
	rs.sum.Format = format
	switch format {
	case FormatJSON:
		return rs.readJSON(in.br)
	case FormatXLSX:
		t, msg, err := openXLSX(in.br, opts)
		if err != nil {
			return err
		}
		if msg != "" {
			fileProblem(rs.v, msg)
			return nil
		}
		defer t.close()
		rs.sum.Sheet = t.sheet
		return rs.readTable(t, t)
	default:
		t, format, msg, err := newCSVTable(in.br, format, opts.Encoding)
		if err != nil {
			return err
		}
		if msg != "" {
			fileProblem(rs.v, msg)
			return nil
		}
		rs.sum.Format = format
		err = rs.readTable(t, nil)
		rs.sum.Encoding = t.dec.encoding()
		rs.sum.BlankRows += t.blank
		return err
	}
}

// responseRecord is one row's cells by column.
type responseRecord struct {
	row   int
	vals  [numResponseFields]string
	cols  *[numResponseFields]string
	shown func(f rfield) string // display text of a cell (XLSX), or nil
	bad   bool                  // a problem was already found in the row: check, but do not emit
}

// responseColumns says where each response column is in a table.
type responseColumns struct {
	idx     [numResponseFields]int
	labels  [numResponseFields]string
	width   int
	headers []string
	named   []bool
}

func (rs *responseSink) mapHeader(row int, cells []string, t table) (*responseColumns, bool) {
	cm := &responseColumns{width: len(cells), headers: make([]string, len(cells)), named: make([]bool, len(cells))}
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
		f, ok := responseAliases[headerKey(h)]
		switch {
		case !ok:
			rs.problem(row, t.column(i, h), h, "unknown column; the columns are "+responseHelp)
		case cm.idx[f] >= 0:
			rs.problem(row, t.column(i, h), h, fmt.Sprintf("a second %s column (the first is %s)", ResponseColumns[f], cm.labels[f]))
		default:
			cm.idx[f] = i
			cm.labels[f] = t.column(i, h)
		}
	}
	var missing []string
	for f := rfield(0); f < requiredResponseFields; f++ {
		if cm.idx[f] < 0 {
			missing = append(missing, ResponseColumns[f])
		}
	}
	if len(missing) > 0 {
		rs.problem(row, "", "", fmt.Sprintf("missing required column(s): %s; the header row must name the columns %s", strings.Join(missing, ", "), responseHelp))
		return cm, false
	}
	return cm, true
}

// readTable reads a CSV or XLSX table: a header row, then response rows. xl is the XLSX table
// when there is one, for display texts.
func (rs *responseSink) readTable(t table, xl *xlsxTable) error {
	var cm *responseColumns
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
					rs.sum.Rows++
				}
				col := ""
				if rp.col >= 0 && cm != nil && rp.col < len(cm.headers) {
					col = t.column(rp.col, cm.headers[rp.col])
				} else if rp.col >= 0 {
					col = t.column(rp.col, "")
				}
				rs.problem(rp.row, col, rp.value, rp.reason)
				if cm == nil {
					return nil
				}
				continue
			case errors.As(err, &se):
				rs.problem(0, "", "", se.msg)
				return nil
			}
			return fmt.Errorf("ingest: reading input: %w", err)
		}
		if isBlankRecord(cells) {
			if cm != nil {
				rs.sum.BlankRows++
			}
			continue
		}
		if cm == nil {
			var ok bool
			if cm, ok = rs.mapHeader(row, cells, t); !ok {
				return nil
			}
			continue
		}
		rs.sum.Rows++
		rec := responseRecord{row: row, cols: &cm.labels}
		bad := false
		if csvTab && len(cells) < cm.width {
			rs.problem(row, "", "", fmt.Sprintf("the row has %d fields but the header has %d", len(cells), cm.width))
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
				rs.problem(row, "", "", fmt.Sprintf("the row has %d fields but the header has %d", len(cells), cm.width))
			} else {
				rs.problem(row, t.column(i, ""), cells[i], "a value in a column that has no header")
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
			rec.shown = func(f rfield) string { return xl.shownText(row, cm.idx[f]) }
		}
		if err := rs.check(&rec); err != nil {
			return err
		}
	}
	if cm == nil {
		rs.problem(0, "", "", "the file has no header row (it is empty or blank)")
	}
	return nil
}

// check validates one row and emits it when it has no problem.
func (rs *responseSink) check(r *responseRecord) error {
	before := rs.v.Total
	out := evaluation.ResponseRow{Row: r.row}

	raw := r.vals[rUnit]
	if code := clean(raw); code == "" {
		rs.problem(r.row, r.cols[rUnit], "", "the evaluated unit code is required")
	} else if !rs.units[code] {
		rs.problem(r.row, r.cols[rUnit], raw, "unknown evaluated unit: it is not one of the commission's units"+rs.hint(code, rs.unitFoldMap()))
	} else {
		out.Unit = code
	}

	raw = r.vals[rGroup]
	if key := clean(raw); key == "" {
		rs.problem(r.row, r.cols[rGroup], "", "the rater group is required")
	} else if code, ok := rs.groups[key]; !ok {
		rs.problem(r.row, r.cols[rGroup], raw, "unknown rater group: the survey's groups are "+rs.groupList+" (by code or name)")
	} else {
		out.Group = code
	}

	raw = r.vals[rRater]
	if key := clean(raw); key == "" {
		rs.problem(r.row, r.cols[rRater], "", "the rater key is required (any text that tells the raters apart)")
	} else if utf8.RuneCountInString(key) > evaluation.MaxRaterKeyLength {
		rs.problem(r.row, r.cols[rRater], raw, fmt.Sprintf("the rater key is longer than %d characters", evaluation.MaxRaterKeyLength))
	} else {
		out.Rater = key
	}

	raw = r.vals[rItem]
	if code := clean(raw); code == "" {
		rs.problem(r.row, r.cols[rItem], "", "the item code is required")
	} else if !rs.items[code] {
		rs.problem(r.row, r.cols[rItem], raw, "unknown item: it is not an item of the survey"+rs.hint(code, rs.itemFoldMap()))
	} else {
		out.Item = code
	}

	raw = r.vals[rScore]
	score, label, reason := rs.score(raw)
	if r.shown != nil && isPlainNumber(raw) {
		// A number cell shown as something else (a percentage, TRUE, a date) is explained by how
		// it is shown, whatever its stored number.
		if why := shownScore(raw, r.shown(rScore)); why != "" {
			reason = why
		}
	}
	if reason != "" {
		rs.problem(r.row, r.cols[rScore], raw, reason)
	} else {
		out.Score, out.Label = score, label
	}

	out.Comment = trimText(r.vals[rComment])
	if utf8.RuneCountInString(out.Comment) > evaluation.MaxResponseComment {
		rs.problem(r.row, r.cols[rComment], out.Comment, fmt.Sprintf("the comment is longer than %d characters", evaluation.MaxResponseComment))
	}

	if r.bad || rs.v.Total != before {
		return nil
	}
	rs.sum.Valid++
	if rs.emit != nil {
		if err := rs.emit(out); err != nil {
			return fmt.Errorf("ingest: row %d: %w", r.row, err)
		}
	}
	return nil
}

// score reads a score cell: a category label of the scale, or a number within it (on a
// categorical scale, one of the categories' scores).
func (rs *responseSink) score(raw string) (float64, string, string) {
	s := clean(raw)
	categorical := len(rs.scale.Categories) > 0
	allowed := fmt.Sprintf("a number from %s to %s", formatNumber(rs.scale.Min), formatNumber(rs.scale.Max))
	if categorical {
		allowed = "one of the scale's labels " + rs.labelList + " (or its score)"
	}
	if c, ok := rs.labels[s]; ok {
		return c.Score, c.Label, ""
	}
	if isMissingMarker(s) {
		return 0, "", "the score is required: " + allowed + "; leave out the row of an unanswered item"
	}
	if e := excelError(s); e != "" {
		return 0, "", excelErrorReason(e)
	}
	x, reason := parseNumber(s)
	if reason != "" {
		if categorical {
			return 0, "", "not a label of the scale; allowed: " + allowed
		}
		return 0, "", reason + "; a score is " + allowed
	}
	if x < rs.scale.Min || x > rs.scale.Max {
		return 0, "", "outside the scale; a score is " + allowed
	}
	if categorical {
		l, ok := rs.scoreLabel[x]
		if !ok {
			return 0, "", "not one of the scale's scores; allowed: " + allowed
		}
		return x, l, ""
	}
	return x, "", ""
}

// shownScore checks a numeric XLSX score cell against its display text: a TRUE/FALSE cell, a
// percentage and a date are not scores.
func shownScore(raw, shown string) string {
	shown = strings.TrimFunc(shown, isBlankRune)
	if shown == "" || shown == raw {
		return ""
	}
	switch {
	case (raw == "0" || raw == "1") && (shown == "TRUE" || shown == "FALSE"):
		return fmt.Sprintf("a TRUE/FALSE cell (shown as %s) is not a score; type the number", shown)
	case strings.HasSuffix(shown, "%"):
		return fmt.Sprintf("the cell is formatted as a percentage (shown as %q, stored as %s); type the score on the survey's scale", shown, raw)
	case dateLike(shown):
		return fmt.Sprintf("the cell is formatted as a date or time (shown as %q, stored as %s); a score cell holds a number", shown, raw)
	}
	return ""
}

func (rs *responseSink) unitFoldMap() map[string]string {
	if rs.unitFold == nil {
		rs.unitFold = foldMap(rs.units)
	}
	return rs.unitFold
}

func (rs *responseSink) itemFoldMap() map[string]string {
	if rs.itemFold == nil {
		rs.itemFold = foldMap(rs.items)
	}
	return rs.itemFold
}

func (rs *responseSink) hint(code string, fold map[string]string) string {
	if c, ok := fold[strings.ToLower(code)]; ok {
		return fmt.Sprintf(" (codes are case-sensitive: did you mean %q?)", c)
	}
	return ""
}

// responseJSON reads a JSON response file token by token, so that memory is bounded by one
// object.
type responseJSON struct {
	rs  *responseSink
	dec *json.Decoder
	row int
}

const responseJSONShape = `a JSON response file is an array of response objects, or {"responses": [...]}`

func (rs *responseSink) readJSON(br *bufio.Reader) error {
	if head, _ := br.Peek(3); bytes.HasPrefix(head, utf8BOM) {
		br.Discard(3)
	}
	j := &responseJSON{rs: rs, dec: json.NewDecoder(&utf8Checker{r: br})}
	j.dec.UseNumber()
	err := j.readTop()
	if err == jsonStop {
		return nil
	}
	return err
}

func (j *responseJSON) token() (json.Token, error) {
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
		j.rs.problem(j.row, "", "", fmt.Sprintf("JSON syntax error at byte %d: %v", se.Offset, se))
	case errors.As(err, &nu):
		j.rs.problem(j.row, "", "", nu.Error())
	case err == io.EOF, errors.Is(err, io.ErrUnexpectedEOF):
		j.rs.problem(j.row, "", "", "the JSON file ends too early")
	default:
		j.rs.problem(j.row, "", "", "the JSON file cannot be read: "+err.Error())
	}
	return nil, jsonStop
}

// skip consumes the rest of a value whose first token was tok.
func (j *responseJSON) skip(tok json.Token) error {
	d, ok := tok.(json.Delim)
	if !ok || d == ']' || d == '}' {
		return nil
	}
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
	return nil
}

func (j *responseJSON) readTop() error {
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
			tok, err := j.token()
			if err != nil {
				return err
			}
			if key == "responses" && !found {
				found = true
				if tok != json.Delim('[') {
					j.rs.problem(0, "responses", "", "must be an array of response objects")
					return jsonStop
				}
				if err := j.readArray(); err != nil {
					return err
				}
				continue
			}
			j.rs.problem(0, fmt.Sprint(key), "", "unknown key; "+responseJSONShape)
			if err := j.skip(tok); err != nil {
				return err
			}
		}
		if _, err := j.token(); err != nil {
			return err
		}
		if !found {
			j.rs.problem(0, "", "", `the object has no "responses" array`)
		}
	default:
		j.rs.problem(0, "", "", responseJSONShape)
		return jsonStop
	}
	if _, err := j.dec.Token(); err != io.EOF {
		j.rs.problem(0, "", "", "unexpected data after the end of the JSON value")
	}
	return nil
}

func (j *responseJSON) readArray() error {
	for j.dec.More() {
		j.row++
		if err := j.readObject(); err != nil {
			return err
		}
	}
	_, err := j.token() // ']'
	return err
}

func (j *responseJSON) readObject() error {
	rs := j.rs
	before := rs.v.Total
	rec := responseRecord{row: j.row, cols: &responseJSONColumns}
	tok, err := j.token()
	if err != nil {
		return err
	}
	rs.sum.Rows++
	if tok != json.Delim('{') {
		rs.problem(j.row, "", "", "a response must be a JSON object")
		return j.skip(tok)
	}
	var seen [numResponseFields]bool
	for j.dec.More() {
		kt, err := j.token()
		if err != nil {
			return err
		}
		key := kt.(string)
		vt, err := j.token()
		if err != nil {
			return err
		}
		f, ok := responseAliases[headerKey(key)]
		if !ok {
			rs.problem(j.row, key, "", "unknown key; the keys are "+responseHelp)
			if err := j.skip(vt); err != nil {
				return err
			}
			continue
		}
		col := responseJSONColumns[f]
		var val string
		switch t := vt.(type) {
		case string:
			val = t
		case json.Number:
			val = string(t)
		case nil:
		case bool:
			rs.problem(j.row, col, fmt.Sprint(t), "true/false is not a value; give a number or a text")
			continue
		default:
			rs.problem(j.row, col, "", "expected a string or a number, not an object or an array")
			if err := j.skip(vt); err != nil {
				return err
			}
			continue
		}
		if seen[f] {
			rs.problem(j.row, col, "", "the key is given twice")
			continue
		}
		seen[f] = true
		rec.vals[f] = val
	}
	if _, err := j.token(); err != nil { // '}'
		return err
	}
	rec.bad = rs.v.Total != before
	return rs.check(&rec)
}
