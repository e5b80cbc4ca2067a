package ingest

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"evalbench/evaluation/engine"
)

func exportFramework(t testing.TB, f *engine.Framework, format Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteFramework(&buf, f, format); err != nil {
		t.Fatalf("WriteFramework %s: %v", format, err)
	}
	return buf.Bytes()
}

func importFramework(t testing.TB, data []byte, opts Options) (*engine.Framework, *engine.ValidationError) {
	t.Helper()
	f, _, err := ReadFramework(bytes.NewReader(data), opts)
	if err == nil {
		return f, nil
	}
	ve, ok := err.(*engine.ValidationError)
	if !ok {
		t.Fatalf("ReadFramework: %v", err)
	}
	return nil, ve
}

func jsonOf(f *engine.Framework) string {
	b, _ := json.MarshalIndent(f, "", " ")
	return string(b)
}

func TestFrameworkRoundTrip(t *testing.T) {
	want := planFramework()
	if err := want.Validate(); err != nil {
		t.Fatalf("fixture: %v", err)
	}
	want.Normalize()
	renamed := planFramework()
	renamed.Dimensions[3].Name, renamed.Dimensions[3].NameEN = "公正", "Equity (fairness)"
	renamed.Normalize()
	for _, format := range []Format{FormatJSON, FormatCSV, FormatTSV, FormatXLSX} {
		for name, f := range map[string]*engine.Framework{"plan": want, "renamed dimension": renamed} {
			t.Run(string(format)+"/"+name, func(t *testing.T) {
				data := exportFramework(t, f, format)
				got, ve := importFramework(t, data, Options{})
				if ve != nil {
					t.Fatalf("problems:\n%s\nfile:\n%s", problems(ve), data)
				}
				if !reflect.DeepEqual(got, f) {
					t.Fatalf("round trip differs:\n got %s\nwant %s", jsonOf(got), jsonOf(f))
				}
			})
		}
	}
}

func TestFrameworkExportDropsStorageFields(t *testing.T) {
	f := planFramework()
	f.ID, f.CommissionID, f.Number, f.Version, f.Locked, f.BasedOn, f.Digest = "fw1", "c1", 3, 7, true, "fw0", "abc"
	f.CreatedAt = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	f.Normalize()
	want := planFramework()
	want.Normalize()
	for _, format := range []Format{FormatJSON, FormatCSV, FormatXLSX} {
		got, ve := importFramework(t, exportFramework(t, f, format), Options{})
		if ve != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: %s\n%s", format, problems(ve), jsonOf(got))
		}
	}
	// A JSON export from the API, storage fields included, imports as a new definition.
	b, _ := json.Marshal(f)
	got, ve := importFramework(t, b, Options{})
	if ve != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("API JSON: %s", problems(ve))
	}
}

func TestFrameworkCSVExportShape(t *testing.T) {
	data := exportFramework(t, planFramework(), FormatCSV)
	lines := strings.Split(string(data), "\n")
	wantHeader := "\xEF\xBB\xBFkind,parent,code,name,name_en,unit,value_kind,currency_scale,polarity,target_kind,key,category,baseline_year,baseline_value,target_2016,target_2017,target_2018,target_2019,target_2020,final_target,target_text,range_low,range_high,rubric,source,responsible,notes,caliber_notes,caliber,assessment,challenge_targets,benchmark" // caliber: the caliber in use; assessment, challenge_targets, benchmark: the plan's remaining rules (issue 12)
	if lines[0] != wantHeader {
		t.Fatalf("header\n%s", lines[0])
	}
	for _, want := range []string{
		"framework,,,江干区“十三五”绩效管理规划,",
		"group,economy,fiscal,财政,",
		`indicator,fiscal,local_revenue,地方财政收入,Local fiscal revenue,亿元,currency,100000000,higher,level,,经济发展,2015,63.8,80.5,87.3,89,92,94 | 94.0亿元（新口径）,94,`,
		`"[{""year"":2015,""original"":74.03,""restated"":63.8,""reason"":""营改增后按中央与地方50:50口径调整""}]"`,
		`indicator,equity,income,城镇居民人均可支配收入,Urban disposable income per capita,元,currency,1,higher,growth_rate,,民生福祉,,,+8%,+8%,+8%,+8%,growth: | 同比增长8%左右,8,年均增长8%左右`,
		`2015,50,50以下,,,,,50,50以下,`,
		"完成=100;基本完成=60;未完成=0",
		"-3%,-3%",
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the export lacks %q:\n%s", want, data)
		}
	}
}

// TestFrameworkImportHandWritten reads a CSV as an institute would type it: Chinese text,
// full-width digits, rows in any order, implicit dimensions, the plan period from the columns.
func TestFrameworkImportHandWritten(t *testing.T) {
	in := strings.Join([]string{
		"Kind,Parent,Code,Name,Unit,Value Kind,Polarity,Target Kind,Key,Baseline Year,Baseline Value,target_2016,target_2017,target_2018,final_target,rubric",
		"indicator,econ_growth,gdp,地区生产总值,亿元,quantity,higher,level,是,2015,４９５,535,\"1,578\",+8%,723,",
		"group,economy,econ_growth,经济增长,,,,,,,,,,,,",
		"indicator,equity,air,空气质量,%,percent,higher,qualitative,,,,完成市下达指标,,,,完成=100；基本完成＝60;未完成=0",
	}, "\n")
	f, ve := importFramework(t, []byte(in), Options{FileName: "指标体系.csv"})
	if ve != nil {
		t.Fatalf("problems:\n%s", problems(ve))
	}
	if f.PlanStart != 2016 || f.PlanEnd != 2018 || f.Title != "" {
		t.Fatalf("plan %d–%d", f.PlanStart, f.PlanEnd)
	}
	econ := f.Dimensions[0]
	if econ.Name != "经济" || len(econ.Children) != 1 || econ.Children[0].Code != "econ_growth" {
		t.Fatalf("economy %+v", econ)
	}
	gdp := econ.Children[0].Children[0].Indicator
	wantTargets := []engine.AnnualTarget{
		{Year: 2016, Basis: engine.BasisLevel, Value: fp(535)},
		{Year: 2017, Basis: engine.BasisLevel, Value: fp(1578)},
		{Year: 2018, Basis: engine.BasisGrowth, Value: fp(8)},
	}
	if !gdp.Key || gdp.CurrencyScale != 0 || gdp.Baseline.Value != 495 || !reflect.DeepEqual(gdp.AnnualTargets, wantTargets) || *gdp.FinalTarget != 723 {
		t.Fatalf("gdp %+v", gdp)
	}
	air := f.Dimensions[3].Children[0].Indicator
	wantRubric := []engine.RubricLevel{{Label: "完成", Score: 100}, {Label: "基本完成", Score: 60}, {Label: "未完成", Score: 0}}
	if !reflect.DeepEqual(air.Rubric, wantRubric) || air.AnnualTargets[0].Text != "完成市下达指标" || air.AnnualTargets[0].Value != nil {
		t.Fatalf("air %+v", air)
	}
}

func TestFrameworkImportProblems(t *testing.T) {
	header := "kind,parent,code,name,unit,value_kind,currency_scale,polarity,target_kind,baseline_year,baseline_value,target_2016,target_2017,rubric,caliber_notes"
	cases := []struct {
		name string
		rows []string
		opts Options
		want [][3]string // row, column, message fragment
	}{
		{"validate problems located", []string{
			"indicator,economy,gdp,地区生产总值,亿元,currency,,up,level,,,,,,",
		}, Options{}, [][3]string{
			{"2", "currency_scale", "positive scale"},
			{"2", "polarity", "polarity must be higher, lower, target or range"},
		}},
		{"cell problems", []string{
			"indicator,economy,gdp,地区生产总值,亿元,currency,1e8,higher,level,2015,abc,85%,,,",
		}, Options{}, [][3]string{
			{"2", "baseline_value", "not a number"},
			{"2", "target_2016", "ambiguous"},
		}},
		{"baseline halves", []string{
			"indicator,economy,a,A,个,count,,higher,level,2015,,,,,",
			"indicator,economy,b,B,个,count,,higher,level,,5,,,,",
		}, Options{}, [][3]string{
			{"2", "baseline_value", "a baseline year needs its value"},
			{"3", "baseline_year", "a baseline value needs its year"},
		}},
		{"tree problems", []string{
			"group,economy,g,组,,,,,,,,,,,",
			"indicator,nowhere,a,A,个,count,,higher,level,,,,,,",
			"indicator,a,b,B,个,count,,higher,level,,,,,,",
			"indicator,g,g,重复,个,count,,higher,level,,,,,,",
			"group,,h,无上级,,,,,,,,,,,",
			"indicator,economy,economy,维度码,个,count,,higher,level,,,,,,",
			"group,g,c,C,个,,,,,,,,,,",
		}, Options{}, [][3]string{
			{"3", "parent", "unknown parent"},
			{"4", "parent", "the parent is the indicator on row 3"},
			{"5", "code", `code "g" is already used on row 2`},
			{"6", "parent", "parent is required"},
			{"7", "code", "the code of a dimension cannot be used"},
			{"8", "unit", "a group row does not fill unit"},
		}},
		{"cycle", []string{
			"group,y,x,X,,,,,,,,,,,",
			"group,x,y,Y,,,,,,,,,,,",
		}, Options{}, [][3]string{
			{"2", "parent", "never reaches a dimension"},
			{"3", "parent", "never reaches a dimension"},
		}},
		{"kinds and dimensions", []string{
			"dimension,,economy,经济维度,,,,,,,,,,,",
			"dimension,,economy,又一次,,,,,,,,,,,",
			"dimension,,speed,速度,,,,,,,,,,,",
			",economy,x,X,,,,,,,,,,,",
			"leaf,economy,x,X,,,,,,,,,,,",
			"framework,,,标题一,,,,,,,,,,,",
			"framework,,,标题二,,,,,,,,,,,",
		}, Options{}, [][3]string{
			{"3", "code", "already renamed on row 2"},
			{"4", "code", "renames one of the four dimensions"},
			{"5", "kind", "kind is required"},
			{"6", "kind", "kind must be group or indicator"},
			{"8", "kind", "a second framework row"},
		}},
		{"rubric and caliber notes", []string{
			"indicator,equity,q,定性,%,percent,,higher,qualitative,,,,,完成;未完成=abc,\"[{\"\"year\"\":2015}\"",
		}, Options{}, [][3]string{
			{"2", "rubric", `rubric level "完成" has no score`},
			{"2", "rubric", "score not a number"},
			{"2", "caliber_notes", "caliber_notes is a JSON array"},
		}},
		{"targets outside an explicit plan", []string{
			"indicator,economy,gdp,地区生产总值,亿元,currency,1e8,higher,level,,,535,578,,",
		}, Options{PlanStart: 2017, PlanEnd: 2020}, [][3]string{
			{"2", "target_2016", "outside the plan period 2017–2020"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := header + "\n" + strings.Join(c.rows, "\n") + "\n"
			f, ve := importFramework(t, []byte(in), c.opts)
			if f != nil || ve == nil {
				t.Fatalf("accepted: %s", jsonOf(f))
			}
			for _, w := range c.want {
				found := false
				for _, p := range ve.Problems {
					if itoa(p.Row) == w[0] && p.Column == w[1] && strings.Contains(p.Message, w[2]) {
						found = true
					}
				}
				if !found {
					t.Errorf("no problem at row %s column %s containing %q; got:\n%s", w[0], w[1], w[2], problems(ve))
				}
			}
			if ve.Total != len(c.want) {
				t.Errorf("%d problems, want %d:\n%s", ve.Total, len(c.want), problems(ve))
			}
		})
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestFrameworkHeaderProblems(t *testing.T) {
	cases := []struct{ in, msg string }{
		{"kind,parent,code,name,weight\n", "unknown column"},
		{"kind,parent,code\n", "missing required column name"},
		{"kind,parent,code,name,target_2016,Target 2016\n", "a second column for 2016"},
		{"kind,parent,code,name,unit,unit\n", "a second unit column"},
		{"kind,parent,code,name\ngroup,economy,g,G\n", "the plan period is unknown"},
		{"", "no header row"},
	}
	for _, c := range cases {
		_, ve := importFramework(t, []byte(c.in), Options{Format: FormatCSV})
		if ve == nil || !strings.Contains(problems(ve), c.msg) {
			t.Errorf("%q: %s", c.in, problems(ve))
		}
	}
}

func TestFrameworkXLSXProblemsNameColumns(t *testing.T) {
	data := makeXLSX(t, map[string][][]xcell{"指标": {
		strCells("kind", "parent", "code", "name", "unit", "value_kind", "polarity", "target_kind", "target_2016", "target_2017"),
		strCells("indicator", "economy", "gdp", "地区生产总值", "亿元", "quantity", "higher", "level", "535", "oops%"),
		strCells("indicator", "economy", "bad code", "坏代码", "个", "count", "higher", "level", "", ""),
	}}, "指标")
	_, ve := importFramework(t, data, Options{})
	wantProblem(t, ve, 3, "C (code)", "code must start with a letter")
	if ve.Total != 1 {
		t.Fatalf("problems:\n%s", problems(ve))
	}
	f, ve := importFramework(t, makeXLSX(t, map[string][][]xcell{"指标": {
		strCells("kind", "parent", "code", "name", "unit", "value_kind", "polarity", "target_kind", "target_2016", "target_2017"),
		{{Kind: "s", Text: "indicator"}, {Kind: "s", Text: "economy"}, {Kind: "s", Text: "gdp"}, {Kind: "s", Text: "GDP"}, {Kind: "s", Text: "亿元"},
			{Kind: "s", Text: "quantity"}, {Kind: "s", Text: "higher"}, {Kind: "s", Text: "level"}, {Kind: "f", Num: 535.125, Format: "0"}, {Kind: "s", Text: "oops%"}},
	}}, "指标"), Options{})
	if ve != nil {
		t.Fatal(problems(ve))
	}
	got := f.Dimensions[0].Children[0].Indicator.AnnualTargets
	if *got[0].Value != 535.125 || got[1].Text != "oops%" || got[1].Value != nil {
		t.Fatalf("%+v", got)
	}
}

func TestFrameworkJSONProblems(t *testing.T) {
	cases := []struct{ in, field, msg string }{
		{`{"title":"x","plan_start":2016,"plan_end":2020,"dimensions":[]}`, "dimensions", "exactly the four 4E dimensions"},
		{`{"title":"x","plan_start":2016,"plan_end":2020,"dimensions":[],"colour":1}`, "", `unknown field "colour"`},
		{`{"title":3}`, "title", "expected a string"},
		{`{"title":`, "", "ends too early"},
		{`{"title":"x"} {}`, "", "unexpected data after"},
	}
	for _, c := range cases {
		_, ve := importFramework(t, []byte(c.in), Options{})
		if ve == nil {
			t.Fatalf("%s accepted", c.in)
		}
		found := false
		for _, p := range ve.Problems {
			if p.Field == c.field && strings.Contains(p.Message, c.msg) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: want field %q %q, got:\n%s", c.in, c.field, c.msg, problems(ve))
		}
	}
}

func TestTargetCells(t *testing.T) {
	cases := []struct {
		cell string
		want *engine.AnnualTarget
		msg  string
	}{
		{"", nil, ""},
		{"154.2", &engine.AnnualTarget{Year: 2017, Basis: "level", Value: fp(154.2)}, ""},
		{"１５４．２", &engine.AnnualTarget{Year: 2017, Basis: "level", Value: fp(154.2)}, ""},
		{"+8%", &engine.AnnualTarget{Year: 2017, Basis: "growth", Value: fp(8)}, ""},
		{"-3%", &engine.AnnualTarget{Year: 2017, Basis: "growth", Value: fp(-3)}, ""},
		{"＋８％", &engine.AnnualTarget{Year: 2017, Basis: "growth", Value: fp(8)}, ""},
		{"growth:8", &engine.AnnualTarget{Year: 2017, Basis: "growth", Value: fp(8)}, ""},
		{"Growth: 8%", &engine.AnnualTarget{Year: 2017, Basis: "growth", Value: fp(8)}, ""},
		{"level:78", &engine.AnnualTarget{Year: 2017, Basis: "level", Value: fp(78)}, ""},
		{"完成市下达指标", &engine.AnnualTarget{Year: 2017, Basis: "level", Text: "完成市下达指标"}, ""},
		{"50以下", &engine.AnnualTarget{Year: 2017, Basis: "level", Text: "50以下"}, ""},
		{"+5% | 同比增长5%左右", &engine.AnnualTarget{Year: 2017, Basis: "growth", Value: fp(5), Text: "同比增长5%左右"}, ""},
		{"80.5 | 约80.5亿元", &engine.AnnualTarget{Year: 2017, Basis: "level", Value: fp(80.5), Text: "约80.5亿元"}, ""},
		{"growth: | 同比增长5%左右", &engine.AnnualTarget{Year: 2017, Basis: "growth", Text: "同比增长5%左右"}, ""},
		{"level: | 8", &engine.AnnualTarget{Year: 2017, Basis: "level", Text: "8"}, ""},
		{"甲 | 乙", &engine.AnnualTarget{Year: 2017, Basis: "level", Text: "甲 | 乙"}, ""},
		{"85%", nil, "ambiguous"},
		{"growth:", nil, "needs a number"},
		{"growth:abc", nil, "after growth:"},
		{"8 | ", &engine.AnnualTarget{Year: 2017, Basis: "level", Text: "8 |"}, ""},
		{"8 |  ", &engine.AnnualTarget{Year: 2017, Basis: "level", Text: "8 |"}, ""},
	}
	for _, c := range cases {
		got, m := parseTarget(c.cell, 2017)
		msg := ""
		if m.ID != "" {
			msg = english(m)
		}
		if c.msg != "" {
			if !strings.Contains(msg, c.msg) {
				t.Errorf("%q: message %q, want %q", c.cell, msg, c.msg)
			}
			continue
		}
		if msg != "" || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: got %+v %q, want %+v", c.cell, got, msg, c.want)
			continue
		}
		if got != nil {
			back, _ := parseTarget(formatTarget(*got).text, 2017)
			if !reflect.DeepEqual(back, got) {
				t.Errorf("%q: formatted as %q, read back %+v", c.cell, formatTarget(*got).text, back)
			}
		}
	}
}

func TestRubricCells(t *testing.T) {
	for _, r := range [][]engine.RubricLevel{
		{{Label: "完成", Score: 100}, {Label: "未完成", Score: 0}},
		{{Label: "a=b", Score: 1}, {Label: "c;d", Score: 2.5}},
		{{Label: "[x]", Score: 1}},
	} {
		s := formatRubric(r)
		back, msgs := parseRubric(s)
		if len(msgs) > 0 || !reflect.DeepEqual(back, r) {
			t.Errorf("%+v → %q → %+v %v", r, s, back, msgs)
		}
	}
	if s := formatRubric([]engine.RubricLevel{{Label: "完成", Score: 100}, {Label: "基本完成", Score: 60}}); s != "完成=100;基本完成=60" {
		t.Errorf("simple form %q", s)
	}
}

func TestFrameworkJSONNullNodes(t *testing.T) {
	in := `{"title":"x","plan_start":2016,"plan_end":2020,"dimensions":[{"code":"economy","kind":"dimension","name":"经济","children":[null]},null]}`
	_, ve := importFramework(t, []byte(in), Options{})
	if ve == nil || ve.Total != 2 || ve.Problems[0].Field != "dimensions[0].children[0]" || ve.Problems[1].Field != "dimensions[1]" {
		t.Fatalf("%s", problems(ve))
	}
}

// TestFrameworkImportPlanRuleCells: the cells of issue 12 — an unknown assessment dimension, a
// challenge target short of the annual target, and a benchmark that is not JSON — are reported
// at their row and column.
func TestFrameworkImportPlanRuleCells(t *testing.T) {
	in := "kind,parent,code,name,unit,value_kind,polarity,target_kind,target_2016,assessment,challenge_targets,benchmark\n" +
		`indicator,economy,gdp,地区生产总值,亿元,quantity,higher,level,535,both,"[{""year"":2016,""basis"":""level"",""value"":530}]",{name` + "\n"
	f, ve := importFramework(t, []byte(in), Options{})
	if f != nil || ve == nil {
		t.Fatalf("accepted: %s", jsonOf(f))
	}
	want := map[string]string{"assessment": "achievement (实现程度) or measurement", "challenge_targets": "short of the annual target", "benchmark": "benchmark is a JSON object"}
	for col, frag := range want {
		found := false
		for _, p := range ve.Problems {
			if p.Row == 2 && p.Column == col && strings.Contains(p.Message, frag) {
				found = true
			}
		}
		if !found {
			t.Errorf("no problem at row 2 column %s containing %q; got:\n%s", col, frag, problems(ve))
		}
	}
}
