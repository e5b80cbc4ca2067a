package evaluation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"gonum.org/v1/gonum/mat"

	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/statistics"
)

// SheetReader reads tables whose columns the caller interprets (questionnaire exports). Package
// ingest's Codec implements it; the service finds it on its codec by a type assertion.
type SheetReader interface {
	// ReadSheet reads a CSV, TSV or XLSX file as every import does (encoding detected, XLSX
	// bounded, text checked): header gets the first row that is not blank (its headings and how
	// problems name each column) and says whether to go on; row gets every later row that is
	// not blank. The file's own problems come back as a *ValidationError.
	ReadSheet(r io.Reader, opts FileOptions, header func(row int, headings, columns []string) bool, row func(row int, cells []string) error) (FileSummary, error)
}

// SurveyColumn maps one column of a questionnaire export to a pair of one node's children: the
// answer says how much more important Left is than Right on the signed scale (SurveyMap).
type SurveyColumn struct {
	Column string `json:"column"` // the column's heading, as in the file
	Node   string `json:"node"`   // the framework node whose children are compared
	Left   string `json:"left"`   // the child code on the left of the question
	Right  string `json:"right"`  // the child code on the right
}

// SurveyRevision asks that inconsistent matrices be revised by Harker's method before they are
// stored (statistics.ReviseHarker): at most Max judgments per matrix (0: as many as needed),
// each replaced by the ratio of the current weights, rounded to Saaty's scale when Round. The
// matrix as answered is kept beside the revised one (engine.JudgmentIntake).
type SurveyRevision struct {
	Max   int  `json:"max,omitempty"`
	Round bool `json:"round,omitempty"`
}

// SurveyMap says how to read a questionnaire export with one row per respondent and one column
// per pair. Each answer is on the signed scale of R's ahpsurvey: 2…9 the left factor is that
// many times as important, −2…−9 the right one, ±1 equal; a blank cell is a missing pair
// (completed by Harker's incomplete-matrix method when the weights are derived). Verbal answers
// are read through Labels, then the built-in Chinese and English labels (SurveyLabel).
type SurveyMap struct {
	// Respondent is the heading of the column that identifies respondents; their keys become
	// the experts' keys (prefixed "r-" when not a code). Empty: keys row-N by file row.
	Respondent string `json:"respondent,omitempty"`
	// Name is the heading of the column holding the respondent's name; empty: the key.
	Name string `json:"name,omitempty"`
	// Organisation is the heading of the column holding the respondent's organisation (单位),
	// as a panel file's experts[].organisation; empty: none.
	Organisation string         `json:"organisation,omitempty"`
	Columns      []SurveyColumn `json:"columns"`
	// Labels maps answers as written (trimmed) to the signed scale, before the built-in labels.
	Labels map[string]float64 `json:"labels,omitempty"`
	// Revise, when present, revises inconsistent complete matrices (Harker 1987).
	Revise       *SurveyRevision `json:"revise,omitempty"`
	Illustrative bool            `json:"illustrative,omitempty"`
	Note         string          `json:"note,omitempty"`
}

// SurveyIntakeInput is a questionnaire export to import and its map: Map, or when it is nil
// MapJSON, the map as a JSON object (unknown fields refused), read once the caller's permission
// is known.
type SurveyIntakeInput struct {
	Options FileOptions
	Body    io.Reader
	Map     *SurveyMap
	MapJSON string
}

// surveyMapOf returns the map of an intake, or a *ValidationError on field map.
func surveyMapOf(in SurveyIntakeInput) (SurveyMap, error) {
	if in.Map != nil {
		return *in.Map, nil
	}
	v := newInvalid(messages.IntakeNotImported)
	if strings.TrimSpace(in.MapJSON) == "" {
		v.Add(withText(engine.Problem{Field: "map"}, messages.IntakeMapRequired))
		return SurveyMap{}, v
	}
	var m SurveyMap
	dec := json.NewDecoder(strings.NewReader(in.MapJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		v.Add(withText(engine.Problem{Field: "map"}, messages.IntakeMapShape, "error", JSONReason(err, []byte(in.MapJSON))))
		return SurveyMap{}, v
	}
	if dec.More() {
		v.Add(withText(engine.Problem{Field: "map"}, messages.IntakeMapTrailing))
		return SurveyMap{}, v
	}
	return m, nil
}

// SurveyIntake reports a questionnaire import: the file read, the respondents, the matrices
// stored and how many were revised, and the weight set after.
type SurveyIntake struct {
	File        FileSummary      `json:"file"`
	Respondents int              `json:"respondents"`
	Revised     int              `json:"revised"`  // matrices revised by Harker's method
	Missing     int              `json:"missing"`  // pairs left blank, over all matrices
	Imported    int              `json:"imported"` // matrices stored
	Replaced    int              `json:"replaced"` // of which replaced a matrix of the same node and expert
	WeightSet   *WeightSetDetail `json:"weight_set"`
}

// surveyLabels are the built-in verbal answers: Saaty's five named degrees in the Chinese of
// AHP questionnaires and in English, with the side named by a prefix (左/右, left/right) unless
// equal; intermediate steps are written "介于A与B之间" or "A与B之间" (A, B adjacent degrees).
var surveyDegrees = map[string]float64{
	"同等重要": 1, "同样重要": 1, "一样重要": 1, "稍微重要": 3, "稍重要": 3, "略微重要": 3, "明显重要": 5, "较重要": 5,
	"强烈重要": 7, "非常重要": 7, "极端重要": 9, "绝对重要": 9,
	"equal": 1, "equally important": 1, "moderate": 3, "moderately more important": 3, "strong": 5, "strongly more important": 5,
	"very strong": 7, "very strongly more important": 7, "extreme": 9, "extremely more important": 9,
}

// SurveyLabel reads one answer of a questionnaire export as a signed value −9…9: a number (with
// its sign; full-width digits and signs folded), a label of custom, or a built-in label:
// 同等重要 (1), 稍微重要 (3), 明显重要 (5), 强烈重要 (7), 极端重要 (9), the intermediate steps
// "介于同等重要与稍微重要之间" (2) and so on, prefixed by 左/左边/左侧 (left more important, +)
// or 右/右边/右侧 (right, −) unless equal; the English equal, moderate, strong, very strong,
// extreme likewise with left/right. blank says the cell was empty (a missing pair).
func SurveyLabel(cell string, custom map[string]float64) (v float64, blank bool, err error) {
	s := strings.TrimSpace(foldWidth(cell))
	if s == "" {
		return 0, true, nil
	}
	if x, ok := custom[s]; ok {
		return x, false, nil
	}
	if x, err := strconv.ParseFloat(s, 64); err == nil {
		return x, false, nil
	}
	l := strings.ToLower(s)
	sign := 0.0
	for _, p := range []struct {
		prefix string
		sign   float64
	}{{"左边", 1}, {"左侧", 1}, {"左", 1}, {"右边", -1}, {"右侧", -1}, {"右", -1}, {"left ", 1}, {"right ", -1}, {"left:", 1}, {"right:", -1}} {
		if strings.HasPrefix(l, p.prefix) {
			sign, l = p.sign, strings.TrimSpace(strings.TrimPrefix(l, p.prefix))
			break
		}
	}
	deg, ok := surveyDegree(l)
	switch {
	case !ok:
		return 0, false, &surveyLabelError{messages.IntakeNotOnScale}
	case deg == 1:
		return 1, false, nil
	case sign == 0:
		return 0, false, &surveyLabelError{messages.IntakeNoSide}
	}
	return sign * deg, false, nil
}

func surveyDegree(l string) (float64, bool) {
	if d, ok := surveyDegrees[l]; ok {
		return d, true
	}
	l = strings.TrimSuffix(strings.TrimPrefix(l, "介于"), "之间")
	for _, sep := range []string{"与", "和", "至", "到", "~", "～"} {
		a, b, found := strings.Cut(l, sep)
		if !found {
			continue
		}
		da, okA := degreeWord(a)
		db, okB := degreeWord(b)
		if okA && okB && math.Abs(da-db) == 2 {
			return (da + db) / 2, true
		}
	}
	return 0, false
}

func degreeWord(w string) (float64, bool) {
	w = strings.TrimSpace(w)
	if d, ok := surveyDegrees[w]; ok {
		return d, true
	}
	d, ok := surveyDegrees[w+"重要"]
	return d, ok
}

// foldWidth folds full-width ASCII (digits, signs, letters) and the ideographic space.
func foldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '！' && r <= '～':
			return r - '！' + '!'
		case r == '\u3000':
			return ' '
		case r == '−' || r == '－':
			return '-'
		}
		return r
	}, s)
}

// ImportSurveyJudgments reads a questionnaire export (CSV, TSV or XLSX; one row per
// respondent, one column per pair, SurveyMap) into matrices on an AHP weight set: one per
// respondent and node of the map, on behalf of the respondent as an expert. Like the panel
// import it is all or nothing: every problem of the map (field columns[i].node, …), of the file
// and of each answer (row and column) is listed and nothing is stored. A respondent who left
// every pair of a node blank gives no matrix for it; blank pairs are missing judgments. With
// Revise, each complete matrix whose CR exceeds the set's threshold is revised by Harker's
// method and stored revised, the answered matrix and the revisions kept in its intake record
// (and so in the bundle of a run). The set's gate then excludes matrices still inconsistent,
// and its aggregation (aij, aij-trimmed, aij-quantile, …) combines the rest.
func (s *Service) ImportSurveyJudgments(ctx context.Context, a Actor, commissionID, id string, in SurveyIntakeInput) (*SurveyIntake, error) {
	if err := s.needCodec(); err != nil {
		return nil, err
	}
	sr, ok := s.codec.(SheetReader)
	if !ok {
		return nil, errors.New("evaluation: the service's codec reads no questionnaire tables")
	}
	var out *SurveyIntake
	err := s.inCommission(ctx, a, commissionID, PermWeights, func(tx Tx) error {
		c, ws, f, err := s.judgedWeightSet(ctx, tx, commissionID, id)
		if err != nil {
			return err
		}
		m, mapErr := surveyMapOf(in)
		var rd *surveyRead
		if mapErr == nil {
			rd, mapErr = newSurveyRead(f, ws, m)
		}
		if mapErr != nil {
			// The map cannot be applied; the file is still read for its own problems, so that
			// every problem is listed at once.
			var mv *engine.ValidationError
			if !errors.As(mapErr, &mv) {
				return mapErr
			}
			_, err := sr.ReadSheet(in.Body, in.Options, func(int, []string, []string) bool { return true }, func(int, []string) error { return nil })
			if err := mergeProblems(mv, err); err != nil {
				return err
			}
			return mv
		}
		sum, err := sr.ReadSheet(in.Body, in.Options, rd.header, rd.row)
		var fileErr *engine.ValidationError
		switch {
		case errors.As(err, &fileErr):
			fileErr.Summary, fileErr.SummaryID, fileErr.SummaryArgs = rd.v.Summary, rd.v.SummaryID, rd.v.SummaryArgs
			if err := mergeProblems(fileErr, rd.v); err != nil {
				return err
			}
			return fileErr
		case err != nil:
			return err
		}
		if rd.respondents == 0 && len(rd.v.Problems) == 0 {
			rd.v.Add(withText(engine.Problem{}, messages.IntakeNoRespondent))
		}
		if err := rd.v.Err(); err != nil {
			return err
		}
		now := s.now()
		for i := range rd.js {
			rd.js[i].SubmittedAt = now
			rd.js[i].Intake.File = in.Options.FileName
			rd.js[i].Intake.SHA256 = sum.SHA256
		}
		imp, err := s.storeJudgments(ctx, tx, a, c, ws, rd.js, m.Illustrative, m.Note, "judgments.survey",
			map[string]any{"file": sum, "map": m})
		if err != nil {
			return err
		}
		out = &SurveyIntake{File: sum, Respondents: rd.respondents, Revised: rd.revised, Missing: rd.missing,
			Imported: imp.Imported, Replaced: imp.Replaced, WeightSet: imp.WeightSet}
		return nil
	})
	return out, err
}

// mergeProblems adds the problems of err, a *ValidationError or nil, to v; any other error is
// returned.
func mergeProblems(v *engine.ValidationError, err error) error {
	var o *engine.ValidationError
	switch {
	case err == nil:
		return nil
	case !errors.As(err, &o):
		return err
	}
	for _, p := range o.Problems {
		v.Add(p)
	}
	v.Uncounted(o.Total - len(o.Problems))
	return nil
}

// surveyRead turns the rows of a questionnaire export into judgments.
type surveyRead struct {
	f        *engine.Framework
	m        SurveyMap
	v        *engine.ValidationError
	nodes    []string            // the map's nodes, in order of first column
	children map[string][]string // node → criteria
	pairs    map[string][]surveyPair
	thr      float64
	ri       statistics.RandomIndex

	idx                           []int // map column → file column
	resp, name, org               int   // file columns, or −1
	cols                          []string
	keys                          map[string]int // respondent key → row
	js                            []engine.Judgment
	respondents, revised, missing int
}

type surveyPair struct {
	col  int // index into SurveyMap.Columns
	i, j int // left, right child indices
}

func newSurveyRead(f *engine.Framework, ws *engine.WeightSet, m SurveyMap) (*surveyRead, error) {
	rd := &surveyRead{f: f, m: m, v: newInvalid(messages.IntakeNotImported),
		children: map[string][]string{}, pairs: map[string][]surveyPair{}, thr: ws.AHP.Threshold(), keys: map[string]int{}}
	if ws.AHP.RI == "alonso-lamata" {
		rd.ri = statistics.RIAlonsoLamata
	}
	if len(m.Columns) == 0 {
		rd.v.Add(withText(engine.Problem{Field: "columns"}, messages.IntakeNoColumn))
	}
	heads := map[string]int{}
	seen := map[[3]string]int{}
	for k, c := range m.Columns {
		field := fmt.Sprintf("columns[%d]", k)
		if strings.TrimSpace(c.Column) == "" {
			rd.v.Add(withText(engine.Problem{Field: field + ".column"}, messages.IntakeHeadingRequired))
		} else if prev, dup := heads[strings.TrimSpace(c.Column)]; dup {
			rd.v.Add(withText(engine.Problem{Field: field + ".column", Value: c.Column}, messages.IntakeSameColumn, "index", prev))
		} else {
			heads[strings.TrimSpace(c.Column)] = k
		}
		ch, ok := rd.children[c.Node]
		if !ok {
			var found bool
			ch, found = engine.WeightedChildren(f, c.Node)
			if !found || len(ch) < 2 {
				rd.v.Add(withText(engine.Problem{Field: field + ".node", Value: c.Node}, messages.IntakeNodeUnknown))
				continue
			}
			rd.children[c.Node] = ch
			rd.nodes = append(rd.nodes, c.Node)
		}
		i, j := indexOf(ch, c.Left), indexOf(ch, c.Right)
		if i < 0 {
			rd.v.Add(withText(engine.Problem{Field: field + ".left", Value: c.Left}, messages.IntakeNotAChild, "node", c.Node, "children", ch))
		}
		if j < 0 {
			rd.v.Add(withText(engine.Problem{Field: field + ".right", Value: c.Right}, messages.IntakeNotAChild, "node", c.Node, "children", ch))
		}
		if i < 0 || j < 0 {
			continue
		}
		if i == j {
			rd.v.Add(withText(engine.Problem{Field: field + ".right", Value: c.Right}, messages.IntakeSameChild))
			continue
		}
		key := [3]string{c.Node, ch[min(i, j)], ch[max(i, j)]}
		if prev, dup := seen[key]; dup {
			rd.v.Add(withText(engine.Problem{Field: field}, messages.IntakeSamePair, "index", prev))
			continue
		}
		seen[key] = k
		rd.pairs[c.Node] = append(rd.pairs[c.Node], surveyPair{col: k, i: i, j: j})
	}
	for label, x := range m.Labels {
		if _, err := statistics.SignedToRatio(x); err != nil {
			rd.v.Add(withText(engine.Problem{Field: "labels", Value: label}, messages.IntakeLabelScale))
		}
	}
	if m.Revise != nil && m.Revise.Max < 0 {
		rd.v.Add(withText(engine.Problem{Field: "revise.max"}, messages.IntakeReviseMax))
	}
	return rd, rd.v.Err()
}

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

func (rd *surveyRead) header(row int, headings, cols []string) bool {
	rd.cols = cols
	find := func(h string) int {
		for i, x := range headings {
			if x == strings.TrimSpace(h) {
				return i
			}
		}
		return -1
	}
	ok := true
	rd.idx = make([]int, len(rd.m.Columns))
	for k, c := range rd.m.Columns {
		if rd.idx[k] = find(c.Column); rd.idx[k] < 0 {
			rd.v.Add(withText(engine.Problem{Row: row, Field: fmt.Sprintf("columns[%d].column", k), Value: c.Column}, messages.IntakeHeadingMissing))
			ok = false
		}
	}
	rd.resp, rd.name, rd.org = -1, -1, -1
	if rd.m.Respondent != "" {
		if rd.resp = find(rd.m.Respondent); rd.resp < 0 {
			rd.v.Add(withText(engine.Problem{Row: row, Field: "respondent", Value: rd.m.Respondent}, messages.IntakeHeadingMissing))
			ok = false
		}
	}
	if rd.m.Name != "" {
		if rd.name = find(rd.m.Name); rd.name < 0 {
			rd.v.Add(withText(engine.Problem{Row: row, Field: "name", Value: rd.m.Name}, messages.IntakeHeadingMissing))
			ok = false
		}
	}
	if rd.m.Organisation != "" {
		if rd.org = find(rd.m.Organisation); rd.org < 0 {
			rd.v.Add(withText(engine.Problem{Row: row, Field: "organisation", Value: rd.m.Organisation}, messages.IntakeHeadingMissing))
			ok = false
		}
	}
	return ok
}

func cellAt(cells []string, i int) string {
	if i >= 0 && i < len(cells) {
		return cells[i]
	}
	return ""
}

func (rd *surveyRead) row(row int, cells []string) error {
	rd.respondents++
	key := fmt.Sprintf("row-%d", row)
	if rd.resp >= 0 {
		raw := strings.TrimSpace(foldWidth(cellAt(cells, rd.resp)))
		switch {
		case raw == "":
			rd.v.Add(withText(engine.Problem{Row: row, Column: rd.cols[rd.resp]}, messages.IntakeRespondentRequired))
			return nil
		case engine.ValidCode(raw) && !validID(raw):
			key = raw
		case engine.ValidCode("r-" + raw):
			key = "r-" + raw
		default:
			rd.v.Add(withText(engine.Problem{Row: row, Column: rd.cols[rd.resp], Value: raw}, messages.IntakeRespondentKey))
			return nil
		}
		if prev, dup := rd.keys[key]; dup {
			rd.v.Add(withText(engine.Problem{Row: row, Column: rd.cols[rd.resp], Value: raw}, messages.IntakeRespondentDuplicate, "row", prev))
			return nil
		}
		rd.keys[key] = row
	}
	name := key
	if rd.name >= 0 {
		if n := strings.TrimSpace(cellAt(cells, rd.name)); n != "" {
			name = n
		}
	}
	org := strings.TrimSpace(cellAt(cells, rd.org))
	// The text rule (no NUL, no control character) the row reader applied to every cell; the
	// length is a panel file's (MaxExpertTextRunes), at the cell.
	long := false
	for _, c := range [...]struct {
		col  int
		text string
		id   messages.ID
	}{{rd.name, name, messages.PanelExpertNameLong}, {rd.org, org, messages.PanelOrganisationLong}} {
		if c.col >= 0 && utf8.RuneCountInString(c.text) > MaxExpertTextRunes {
			rd.v.Add(withText(engine.Problem{Row: row, Column: rd.cols[c.col]}, c.id, "max", MaxExpertTextRunes))
			long = true
		}
	}
	if long {
		return nil
	}
	for _, node := range rd.nodes {
		ch := rd.children[node]
		n := len(ch)
		matrix := make([][]float64, n)
		for i := range matrix {
			matrix[i] = make([]float64, n)
			matrix[i][i] = 1
		}
		answered, bad := 0, false
		for _, p := range rd.pairs[node] {
			ci := rd.idx[p.col]
			cell := cellAt(cells, ci)
			x, blank, err := SurveyLabel(cell, rd.m.Labels)
			if blank {
				continue
			}
			var r float64
			if err == nil {
				r, err = statistics.SignedToRatio(x)
			}
			if err != nil {
				p := engine.CataloguedMessage("", strings.TrimSpace(cell), engine.StatMessage(err))
				p.Row, p.Column = row, rd.cols[ci]
				var le *surveyLabelError
				if errors.As(err, &le) {
					p = withText(p, le.id)
				}
				rd.v.Add(p)
				bad = true
				continue
			}
			matrix[p.i][p.j], matrix[p.j][p.i] = r, 1/r
			answered++
		}
		if bad || answered == 0 {
			continue
		}
		missing := n*(n-1)/2 - answered
		j := engine.Judgment{Node: node, Expert: key, ExpertName: name, Organisation: org, Criteria: ch, Matrix: matrix,
			Intake: &engine.JudgmentIntake{Source: "survey", Row: row, Missing: missing}}
		if missing > 0 {
			m := mat.NewDense(n, n, nil)
			for i, r := range matrix {
				m.SetRow(i, r)
			}
			if _, err := statistics.HarkerMatrix(m); err != nil {
				rd.v.Add(withText(engine.Problem{Row: row}, messages.IntakeNotConnected, "node", node, "count", n))
				continue
			}
		}
		if err := engine.CheckJudgment(rd.f, &j); err != nil {
			var ve *engine.ValidationError
			if !errors.As(err, &ve) {
				return err
			}
			for _, p := range ve.Problems {
				p.Row, p.Field = row, node+"."+p.Field
				rd.v.Add(p)
			}
			continue
		}
		if rd.m.Revise != nil && missing == 0 && n >= 3 {
			if err := rd.revise(&j); err != nil {
				rd.v.Add(withText(engine.Problem{Row: row}, messages.IntakeNodeProblem, "node", node, "reason", engine.StatMessage(err)))
				continue
			}
		}
		rd.missing += missing
		rd.js = append(rd.js, j)
	}
	return nil
}

// revise applies Harker's revision to j when its CR exceeds the threshold, keeping the answered
// matrix in j.Intake.
func (rd *surveyRead) revise(j *engine.Judgment) error {
	n := len(j.Matrix)
	m := mat.NewDense(n, n, nil)
	for i, r := range j.Matrix {
		m.SetRow(i, r)
	}
	rev, steps, err := statistics.ReviseHarker(m, rd.thr, rd.m.Revise.Max, rd.ri, rd.m.Revise.Round)
	if err != nil || len(steps) == 0 {
		return err
	}
	j.Intake.Original = j.Matrix
	j.Matrix = make([][]float64, n)
	for i := range j.Matrix {
		j.Matrix[i] = mat.Row(nil, i, rev)
	}
	for _, s := range steps {
		j.Intake.Revisions = append(j.Intake.Revisions, engine.JudgmentRevision{Row: j.Criteria[s.I], Column: j.Criteria[s.J],
			Original: s.Original, Revised: s.Revised, Derivative: s.Derivative, CRBefore: s.CRBefore, CRAfter: s.CRAfter})
	}
	rd.revised++
	return nil
}

// surveyLabelError is why a questionnaire cell is not a judgment: a catalogue message.
type surveyLabelError struct{ id messages.ID }

func (e *surveyLabelError) Error() string { return messages.For(messages.English).Sprintf(e.id) }
