package ingest

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

// survey360 is a 1–5 survey with two items and four groups; satisfaction is the four-level
// public-satisfaction scale of the plan's social evaluation.
func survey360() *engine.Survey {
	s := &engine.Survey{Code: "s360", Title: "360度测评", Kind: engine.Survey360,
		Scale: engine.Scale{Min: 1, Max: 5},
		Items: []engine.SurveyItem{{Code: "Q1", Text: "履职尽责"}, {Code: "Q2", Text: "工作作风"}},
		Groups: []engine.RaterGroup{{Code: "superior", Weight: 2}, {Code: "peer", Weight: 1},
			{Code: "self", Weight: 0}, {Code: "enterprise", Name: "企业代表", Weight: 1}},
	}
	s.Normalize()
	return s
}

func satisfaction() *engine.Survey {
	s := &engine.Survey{Code: "sat", Title: "满意度", Kind: engine.SurveySocial,
		Scale: engine.Scale{Categories: []engine.ScaleCategory{
			{Label: "满意", Score: 100}, {Label: "比较满意", Score: 80}, {Label: "一般", Score: 60}, {Label: "不满意", Score: 0}}},
		Items:  []engine.SurveyItem{{Code: "q1", Text: "总体满意度"}},
		Groups: []engine.RaterGroup{{Code: "public", Weight: 1}},
	}
	s.Normalize()
	return s
}

func readResponses(t *testing.T, data []byte, opts Options, s *engine.Survey) ([]evaluation.ResponseRow, Summary, *engine.ValidationError) {
	t.Helper()
	var rows []evaluation.ResponseRow
	sum, err := ReadResponses(bytes.NewReader(data), opts, s, planUnits, func(r evaluation.ResponseRow) error {
		rows = append(rows, r)
		return nil
	})
	var ve *engine.ValidationError
	if err != nil && !errors.As(err, &ve) {
		t.Fatal(err)
	}
	return rows, sum, ve
}

type at struct {
	row int
	col string
}

func problemsAt(ve *engine.ValidationError) map[at]engine.Problem {
	out := map[at]engine.Problem{}
	if ve != nil {
		for _, p := range ve.Problems {
			out[at{p.Row, p.Column}] = p
		}
	}
	return out
}

func TestReadResponsesCSVChineseHeadersGBK(t *testing.T) {
	csv := "被考评单位,评价主体,评价人,题目,分数,意见\n" +
		"JG,上级,L-01,Q1,5,\n" +
		"JG,superior,L-01,Q2,4.5,工作扎实\n" +
		"JG,同级,Ｐ０１ ,Q1,3,\"有时回复慢，\n建议改进\"\n" + // full-width key, a comment over two lines
		"SJQ,企业代表,E1,Q2,１,\n" + // a custom group by its name, a full-width score
		"\n" + // a blank line: row 6
		"SJQ,自评,SJQ-self,Q1,5,\n"
	rows, sum, ve := readResponses(t, gbk(t, csv), Options{FileName: "360.csv"}, survey360())
	if ve != nil {
		t.Fatalf("problems: %v", ve.Problems)
	}
	if sum.Rows != 5 || sum.Valid != 5 || sum.BlankRows != 1 || sum.Encoding != EncodingGB18030 || sum.Format != FormatCSV || len(sum.SHA256) != 64 {
		t.Fatalf("summary %+v", sum)
	}
	want := []evaluation.ResponseRow{
		{Row: 2, Unit: "JG", Group: "superior", Rater: "L-01", Item: "Q1", Score: 5},
		{Row: 3, Unit: "JG", Group: "superior", Rater: "L-01", Item: "Q2", Score: 4.5, Comment: "工作扎实"},
		{Row: 4, Unit: "JG", Group: "peer", Rater: "P01", Item: "Q1", Score: 3, Comment: "有时回复慢，\n建议改进"},
		{Row: 5, Unit: "SJQ", Group: "enterprise", Rater: "E1", Item: "Q2", Score: 1},
		{Row: 7, Unit: "SJQ", Group: "self", Rater: "SJQ-self", Item: "Q1", Score: 5},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows %+v", rows)
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Errorf("row %d: %+v, want %+v", i, rows[i], want[i])
		}
	}
}

func TestReadResponsesCategoricalScale(t *testing.T) {
	csv := "unit,group,rater,item,score,comment\n" +
		"JG,public,p1,q1,满意,\n" +
		"JG,公众,p2,q1, 比较满意 ,\n" +
		"JG,public,p3,q1,60,\n" + // a category's score names its category
		"JG,public,p4,q1,70,\n" + // between categories
		"JG,public,p5,q1,非常满意,\n" + // not a label
		"JG,public,p6,q1,,\n" + // no score
		"JG,public,p7,q1,#N/A,\n"
	rows, _, ve := readResponses(t, []byte(csv), Options{}, satisfaction())
	if len(rows) != 3 || rows[0].Label != "满意" || rows[0].Score != 100 || rows[1].Label != "比较满意" || rows[1].Score != 80 ||
		rows[2].Label != "一般" || rows[2].Score != 60 {
		t.Fatalf("rows %+v", rows)
	}
	ps := problemsAt(ve)
	for _, r := range []int{5, 6, 7, 8} {
		p, ok := ps[at{r, "score"}]
		if !ok {
			t.Errorf("no score problem on row %d: %+v", r, ve)
			continue
		}
		if r != 8 && !strings.Contains(p.Message, `"满意", "比较满意", "一般", "不满意"`) {
			t.Errorf("row %d: the message does not list the labels: %s", r, p.Message)
		}
	}
	if ve.Total != 4 {
		t.Errorf("%d problems, want 4: %+v", ve.Total, ve.Problems)
	}
}

func TestReadResponsesEveryProblemLocated(t *testing.T) {
	csv := "unit,group,rater,item,score,comment,extra\n" +
		"jg,superior,r1,Q1,4,,\n" + // unit in the wrong case
		"JG,boss,r1,Q1,4,,\n" + // unknown group
		"JG,superior,,Q1,4,,\n" + // no rater key
		"JG,superior,r1,q3,4,,\n" + // unknown item
		"JG,superior,r1,Q1,6,,\n" + // above the scale
		"JG,superior,r1,Q1,0.5,,\n" + // below it
		"JG,superior,r1,Q1,4分,,\n" + // not a number
		"JG,superior,r1,Q1,4\n" // short row
	_, sum, ve := readResponses(t, []byte(csv), Options{}, survey360())
	if ve == nil {
		t.Fatal("no problems")
	}
	ps := problemsAt(ve)
	for _, want := range []at{{1, "extra"}, {2, "unit"}, {3, "group"}, {4, "rater"}, {5, "item"}, {6, "score"}, {7, "score"}, {8, "score"}, {9, ""}} {
		if _, ok := ps[want]; !ok {
			t.Errorf("no problem at row %d column %q; problems %+v", want.row, want.col, ve.Problems)
		}
	}
	if p := ps[at{2, "unit"}]; !strings.Contains(p.Message, `did you mean "JG"`) {
		t.Errorf("unit hint: %s", p.Message)
	}
	if p := ps[at{6, "score"}]; !strings.Contains(p.Message, "from 1 to 5") {
		t.Errorf("scale message: %s", p.Message)
	}
	if sum.Valid != 0 {
		t.Errorf("valid rows %d", sum.Valid)
	}

	_, _, ve = readResponses(t, []byte("单位,评价人,分数\nJG,r1,4\n"), Options{}, survey360())
	if ve == nil || ve.Total != 1 || !strings.Contains(ve.Problems[0].Message, "group, item") {
		t.Fatalf("missing columns: %+v", ve)
	}
}

func TestReadResponsesXLSX(t *testing.T) {
	data := makeXLSX(t, map[string][][]xcell{"问卷": {
		strCells("单位代码", "评价主体代码", "评价人编号", "题目代码", "得分", "意见建议"),
		{parseXCell("s:JG"), parseXCell("s:superior"), parseXCell("n:1001"), parseXCell("s:Q1"), parseXCell("n:4"), parseXCell("s:好")},
		{parseXCell("s:JG"), parseXCell("s:superior"), parseXCell("n:1001"), parseXCell("s:Q2"), parseXCell("f:0%:0.8"), {}},
		{parseXCell("s:JG"), parseXCell("s:superior"), parseXCell("n:1002"), parseXCell("s:Q2"), parseXCell("b:TRUE"), {}},
	}}, "问卷")
	rows, sum, ve := readResponses(t, data, Options{FileName: "360.xlsx"}, survey360())
	if sum.Format != FormatXLSX || sum.Sheet != "问卷" || sum.Rows != 3 {
		t.Fatalf("summary %+v", sum)
	}
	if len(rows) != 1 || rows[0].Rater != "1001" || rows[0].Score != 4 || rows[0].Comment != "好" {
		t.Fatalf("rows %+v", rows)
	}
	ps := problemsAt(ve)
	if p, ok := ps[at{3, "E (得分)"}]; !ok || !strings.Contains(p.Message, "percentage") {
		t.Errorf("percent cell: %+v", ve.Problems)
	}
	if p, ok := ps[at{4, "E (得分)"}]; !ok || !strings.Contains(p.Message, "TRUE/FALSE") {
		t.Errorf("boolean cell: %+v", ve.Problems)
	}
}

func TestReadResponsesJSON(t *testing.T) {
	doc := `{"responses": [
		{"unit": "JG", "group": "peer", "rater": "p1", "item": "Q1", "score": 4, "comment": "联系我13812345678"},
		{"unit": "JG", "group": "peer", "rater": "p2", "item": "Q1", "score": "3"},
		{"unit": "JG", "group": "peer", "rater": "p3", "item": "Q1", "score": true},
		{"unit": "JG", "group": "peer", "rater": "p4", "item": "Q1", "score": 2, "score": 3},
		{"unit": "JG", "group": "peer", "rater": "p5", "item": "Q1", "score": 2, "mood": "ok"},
		["not", "an", "object"]
	]}`
	rows, sum, ve := readResponses(t, []byte(doc), Options{}, survey360())
	if sum.Format != FormatJSON || sum.Rows != 6 {
		t.Fatalf("summary %+v", sum)
	}
	if len(rows) != 2 || rows[0].Comment != "联系我13812345678" || rows[1].Score != 3 || rows[1].Row != 2 {
		t.Fatalf("rows %+v (comments are redacted by the service, not the reader)", rows)
	}
	ps := problemsAt(ve)
	for _, want := range []at{{3, "score"}, {4, "score"}, {5, "mood"}, {6, ""}} {
		if _, ok := ps[want]; !ok {
			t.Errorf("no problem at %+v: %+v", want, ve.Problems)
		}
	}
	_, _, ve = readResponses(t, []byte(`{"answers": []}`), Options{}, survey360())
	if ve == nil || ve.Total != 2 {
		t.Fatalf("wrong top-level key: %+v", ve)
	}
}

// TestScoreAllocatesOnlyOnProblem: a valid score cell (a number, a category label, a
// category's score) allocates nothing — the scale's "allowed" message is made only for a
// problem (at ten million rows it was 3.3 GB of garbage) — and a problem still names it.
func TestScoreAllocatesOnlyOnProblem(t *testing.T) {
	for _, c := range []struct {
		s     *engine.Survey
		valid []string
		bad   string
		want  string // argument of the problem's "allowed" message
	}{
		{survey360(), []string{"4", " 3.5 ", "1"}, "6", "max"},
		{satisfaction(), []string{"满意", "80", "不满意"}, "70", "labels"},
	} {
		var v engine.ValidationError
		var sum Summary
		rs := newResponseSink(c.s, planUnits, nil, &v, &sum)
		for _, raw := range c.valid {
			var m message
			if n := testing.AllocsPerRun(100, func() { _, _, m = rs.score(raw) }); n != 0 {
				t.Errorf("%s: score(%q) allocates %v times", c.s.Code, raw, n)
			}
			if m.ID != "" {
				t.Errorf("%s: score(%q) = problem %s", c.s.Code, raw, m.ID)
			}
		}
		_, _, m := rs.score(c.bad)
		allowed, ok := m.Args["allowed"].(message)
		if m.ID == "" || !ok {
			t.Fatalf("%s: score(%q) = %+v, want a problem naming what is allowed", c.s.Code, c.bad, m)
		}
		if _, ok := allowed.Args[c.want]; !ok {
			t.Errorf("%s: score(%q) allowed = %+v, want an argument %q", c.s.Code, c.bad, allowed, c.want)
		}
	}
}
