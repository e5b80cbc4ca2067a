package ingest

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
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

// responseLayout is the layout of a survey response file: every column but comment is required.
var responseLayout = layout[rfield]{
	columns:  ResponseColumns,
	aliases:  responseAliases,
	help:     responseHelp,
	required: rComment,
	json: jsonLayout{
		columns:    ResponseColumns,
		key:        "responses",
		element:    "response",
		notObject:  messages.IngestResponseNotObject,
		shape:      messages.IngestResponseShape,
		valueFirst: true,
	},
}

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
// *engine.ValidationError after emit has seen every valid row, exactly as ReadObservations
// does; duplicate rows are not detected here. Memory is bounded by the longest row.
func ReadResponses(r io.Reader, opts Options, s *engine.Survey, units []string, emit func(evaluation.ResponseRow) error) (Summary, error) {
	var sum Summary
	in := newInput(r)
	v := newValidation(messages.IngestResponseFileProblems)
	rr := newRecordReader(&responseLayout, newResponseSink(s, units, emit, v, &sum), v, &sum)
	if err := rr.read(in, opts); err != nil {
		return sum, err
	}
	if err := in.finish(&sum); err != nil {
		return sum, err
	}
	return sum, v.Err()
}

// ReadResponses implements evaluation.ResponseReader.
func (c Codec) ReadResponses(r io.Reader, opts evaluation.FileOptions, s *engine.Survey, units []string, emit func(evaluation.ResponseRow) error) (evaluation.FileSummary, error) {
	sum, err := ReadResponses(r, c.options(opts), s, units, emit)
	return summary(sum), err
}

var _ evaluation.ResponseReader = Codec{}

// responseSink checks response rows against a survey.
type responseSink struct {
	units      map[string]bool
	groups     map[string]string // code or name → code
	items      map[string]bool
	labels     map[string]engine.ScaleCategory // cleaned label → category
	scoreLabel map[float64]string              // category score → label
	scale      engine.Scale
	labelList  string
	// labelsClean: every key of labels is its own clean form, so a cell equal to a key is
	// that label without cleaning it.
	labelsClean bool
	emit        func(evaluation.ResponseRow) error
	v           *engine.ValidationError
	sum         *Summary
	unitFold    map[string]string
	itemFold    map[string]string
	groupList   string
}

func newResponseSink(s *engine.Survey, units []string, emit func(evaluation.ResponseRow) error, v *engine.ValidationError, sum *Summary) *responseSink {
	rs := &responseSink{units: map[string]bool{}, groups: map[string]string{}, items: map[string]bool{},
		labels: map[string]engine.ScaleCategory{}, scoreLabel: map[float64]string{}, emit: emit, v: v, sum: sum}
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
		for _, name := range []string{g.Name, engine.StandardGroupNames[g.Code]} {
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
	rs.labelsClean = true
	for k := range rs.labels {
		rs.labelsClean = rs.labelsClean && clean(k) == k
	}
	return rs
}

func (rs *responseSink) problem(row int, col, value string, m message) {
	addProblem(rs.v, row, col, value, m)
}

// check validates one row and emits it when it has no problem.
func (rs *responseSink) check(r *record[rfield]) error {
	before := rs.v.Total
	out := evaluation.ResponseRow{Row: r.row}

	raw := r.vals[rUnit]
	if code := clean(raw); code == "" {
		rs.problem(r.row, r.cols[rUnit], "", newMsg(messages.IngestUnitRequired))
	} else if !rs.units[code] {
		rs.problem(r.row, r.cols[rUnit], raw, newMsg(messages.IngestUnitUnknown, "hint", caseHint(&rs.unitFold, rs.units, code)))
	} else {
		out.Unit = code
	}

	raw = r.vals[rGroup]
	if key := clean(raw); key == "" {
		rs.problem(r.row, r.cols[rGroup], "", newMsg(messages.IngestRaterGroupRequired))
	} else if code, ok := rs.groups[key]; !ok {
		rs.problem(r.row, r.cols[rGroup], raw, newMsg(messages.IngestRaterGroupUnknown, "groups", rs.groupList))
	} else {
		out.Group = code
	}

	raw = r.vals[rRater]
	if key := clean(raw); key == "" {
		rs.problem(r.row, r.cols[rRater], "", newMsg(messages.IngestRaterKeyRequired))
	} else if utf8.RuneCountInString(key) > engine.MaxRaterKeyLength {
		rs.problem(r.row, r.cols[rRater], raw, newMsg(messages.IngestRaterKeyTooLong, "max", engine.MaxRaterKeyLength))
	} else {
		out.Rater = key
	}

	raw = r.vals[rItem]
	if code := clean(raw); code == "" {
		rs.problem(r.row, r.cols[rItem], "", newMsg(messages.IngestItemRequired))
	} else if !rs.items[code] {
		rs.problem(r.row, r.cols[rItem], raw, newMsg(messages.IngestItemUnknown, "hint", caseHint(&rs.itemFold, rs.items, code)))
	} else {
		out.Item = code
	}

	raw = r.vals[rScore]
	score, label, reason := rs.score(raw)
	if r.shown != nil && isPlainNumber(raw) {
		// A number cell shown as something else (a percentage, TRUE, a date) is explained by how
		// it is shown, whatever its stored number.
		if why := shownScore(raw, r.shown(rScore)); why.ID != "" {
			reason = why
		}
	}
	if reason.ID != "" {
		rs.problem(r.row, r.cols[rScore], raw, reason)
	} else {
		out.Score, out.Label = score, label
	}

	out.Comment = trimText(r.vals[rComment])
	if utf8.RuneCountInString(out.Comment) > engine.MaxResponseComment {
		rs.problem(r.row, r.cols[rComment], out.Comment, newMsg(messages.IngestCommentTooLong, "max", engine.MaxResponseComment))
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
func (rs *responseSink) score(raw string) (float64, string, message) {
	if c, ok := rs.labels[raw]; ok && rs.labelsClean {
		// A label as the scale writes it: clean would return it unchanged (and allocates on
		// non-ASCII text).
		return c.Score, c.Label, message{}
	}
	s := clean(raw)
	if c, ok := rs.labels[s]; ok {
		return c.Score, c.Label, message{}
	}
	categorical := len(rs.scale.Categories) > 0
	// What the scale allows, made only for a problem: a message allocates (its arguments are a
	// map), and most rows have none.
	allowed := func() message {
		if categorical {
			return newMsg(messages.IngestScoreLabels, "labels", rs.labelList)
		}
		return newMsg(messages.IngestScoreRange, "min", formatNumber(rs.scale.Min), "max", formatNumber(rs.scale.Max))
	}
	if isMissingMarker(s) {
		return 0, "", newMsg(messages.IngestScoreRequired, "allowed", allowed())
	}
	if e := excelError(s); e != "" {
		return 0, "", excelErrorReason(e)
	}
	x, reason := parseNumber(s)
	if reason.ID != "" {
		if categorical {
			return 0, "", newMsg(messages.IngestScoreNotLabel, "allowed", allowed())
		}
		return 0, "", newMsg(messages.IngestScoreNotNumber, "reason", reason, "allowed", allowed())
	}
	if x < rs.scale.Min || x > rs.scale.Max {
		return 0, "", newMsg(messages.IngestScoreOutside, "allowed", allowed())
	}
	if categorical {
		l, ok := rs.scoreLabel[x]
		if !ok {
			return 0, "", newMsg(messages.IngestScoreNotCategory, "allowed", allowed())
		}
		return x, l, message{}
	}
	return x, "", message{}
}

// shownScore checks a numeric XLSX score cell against its display text: a TRUE/FALSE cell, a
// percentage and a date are not scores.
func shownScore(raw, shown string) message {
	shown = strings.TrimFunc(shown, isBlankRune)
	if shown == "" || shown == raw {
		return message{}
	}
	switch {
	case (raw == "0" || raw == "1") && (shown == "TRUE" || shown == "FALSE"):
		return newMsg(messages.IngestCellBooleanScore, "shown", shown)
	case strings.HasSuffix(shown, "%"):
		return newMsg(messages.IngestCellPercentScore, "shown", shown, "raw", raw)
	case dateLike(shown):
		return newMsg(messages.IngestCellDateScore, "shown", shown, "raw", raw)
	}
	return message{}
}

// readMembers reads a JSON response object's members. The first token of each value is read
// before its key is judged.
func (rs *responseSink) readMembers(rr *recordReader[rfield]) error {
	for rr.dec.More() {
		kt, err := rr.token()
		if err != nil {
			return err
		}
		key := kt.(string)
		vt, err := rr.token()
		if err != nil {
			return err
		}
		f, ok := responseAliases[headerKey(key)]
		if !ok {
			rs.problem(rr.row, key, "", newMsg(messages.IngestJSONUnknownKey, "keys", responseHelp))
			if err := rr.skipRest(vt); err != nil {
				return err
			}
			continue
		}
		val, ok, err := rr.scalarOf(vt, rr.rec.cols[f], true)
		if err != nil {
			return err
		}
		if ok {
			rr.set(f, val)
		}
	}
	_, err := rr.token() // '}'
	return err
}
