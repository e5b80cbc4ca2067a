package engine_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// Issue 12, "Monitoring and scoring follow the plan's own schedule": these tests read the
// Jianggan example as committed and hold each point against the plan's text.

func track(t *testing.T, res *engine.Result, code string) engine.TrackEntry {
	t.Helper()
	for _, m := range res.Monitoring {
		if m.Indicator == code {
			return m
		}
	}
	t.Fatalf("no monitoring entry for %s", code)
	return engine.TrackEntry{}
}

func indicatorResult(t *testing.T, res *engine.Result, code string) engine.IndicatorResult {
	t.Helper()
	for _, ir := range res.Indicators {
		if ir.Code == code {
			return ir
		}
	}
	t.Fatalf("no indicator %s", code)
	return engine.IndicatorResult{}
}

func findIndicator(f *engine.Framework, code string) *engine.Indicator {
	var found *engine.Indicator
	f.Walk(func(n *engine.Node) {
		if n.Code == code {
			found = n.Indicator
		}
	})
	return found
}

// relocation_housing_starts: the plan splits the five-year 200 万M2 as 30+20+90+60 (lines
// 1808–1828). 2016's 31 meets the 2016 step (30), so it is on track — not "off track" against a
// fifth of the total (40). Without a split, monitoring falls back to pro rata and says so.
func TestMonitoringFollowsPlanSchedule(t *testing.T) {
	in := jiangganInputs(t)
	res, err := engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	m := track(t, res, "relocation_housing_starts")
	y := m.Years[0]
	if y.Year != 2016 || y.Expected == nil || *y.Expected != 30 || y.Actual == nil || *y.Actual != 31 {
		t.Fatalf("2016: %+v", y)
	}
	if m.Status != "on_track" || m.Warning != nil || m.Schedule != "annual_schedule" || !strings.Contains(en(y.Basis), "schedule") {
		t.Errorf("relocation_housing_starts: status %s, schedule %q, basis %q, warning %q", m.Status, m.Schedule, en(y.Basis), en(m.Warning))
	}
	// Scoring and monitoring agree on the target.
	c := indicatorResult(t, res, "relocation_housing_starts").Cells[0]
	if c.Target == nil || *c.Target != 30 || c.Score == nil || *c.Score != 100 {
		t.Errorf("score cell %+v", c)
	}

	// The same indicator without the plan's split: pro rata, and the basis says why.
	in = jiangganInputs(t)
	findIndicator(in.Framework, "relocation_housing_starts").AnnualTargets = nil
	res, err = engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	m = track(t, res, "relocation_housing_starts")
	if m.Schedule != "pro_rata" || *m.Years[0].Expected != 40 || m.Status != "off_track" || !strings.Contains(en(m.Years[0].Basis), "no yearly schedule") {
		t.Errorf("pro rata fallback: %+v %+v", m, m.Years[0])
	}
}

// electricity_intensity_reduction is worded "完成市下达指标" (qualitative) but the plan gives its
// yearly milestones (2016: 2.8, line 2105; 3.0 a year after); the work report gives a 5 %
// reduction for 2016 (line 8). It is scored and monitored against the milestone, so Efficiency
// has a score. one_visit_share, with no numeric milestone, keeps the rubric.
func TestQualitativeWithMilestonesIsScored(t *testing.T) {
	res, err := engine.Compute(jiangganInputs(t))
	if err != nil {
		t.Fatal(err)
	}
	ir := indicatorResult(t, res, "electricity_intensity_reduction")
	c := ir.Cells[0]
	if ir.Method != "achievement" || c.Target == nil || *c.Target != 2.8 || c.Value == nil || *c.Value != 5 || c.Score == nil || *c.Score != 100 {
		t.Errorf("electricity: method %s cell %+v", ir.Method, c)
	}
	m := track(t, res, "electricity_intensity_reduction")
	if m.Status != "on_track" || *m.Years[0].Expected != 2.8 {
		t.Errorf("electricity monitoring %+v", m)
	}
	if ir := indicatorResult(t, res, "one_visit_share"); ir.Method != "rubric" {
		t.Errorf("one_visit_share method %s, want rubric", ir.Method)
	}
	var eff *float64
	for _, d := range res.Units[0].Dimensions {
		if d.Dimension == engine.Efficiency {
			eff = d.Score
		}
	}
	if eff == nil || *eff != 100 {
		t.Errorf("efficiency score %v, want 100 (electricity 5 against 2.8)", eff)
	}
	// A qualitative indicator still reads an assessment label by its rubric.
	r := engine.DefaultRule(findIndicator(jiangganInputs(t).Framework, "electricity_intensity_reduction"))
	if r.Method != "achievement" {
		t.Errorf("default rule %s", r.Method)
	}
}

// no_illegal_construction: the plan's 2016 row "成功创建1个“无违建街道”(凯旋街道)" (line 2856) is a
// step of its schedule and stays in the framework, so 2016 (1 of 8 = 12.5 %) meets it instead of
// falling short of a 0 → 100 interpolation (20).
func TestPlanScheduleRowsKeptAsWritten(t *testing.T) {
	in := jiangganInputs(t)
	at := findIndicator(in.Framework, "no_illegal_construction").AnnualTarget(2016)
	if at == nil || at.Value == nil || *at.Value != 12.5 || !strings.Contains(at.Text, "成功创建1个“无违建街道”") {
		t.Fatalf("2016 row: %+v", at)
	}
	res, err := engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	m := track(t, res, "no_illegal_construction")
	if m.Years[0].Status != "on_track" || m.Status != "on_track" || strings.Contains(en(m.Warning), "off track") {
		t.Errorf("no_illegal_construction 2016: %+v %+v", m, m.Years[0])
	}
	if c := indicatorResult(t, res, "no_illegal_construction").Cells[0]; c.Score == nil || *c.Score != 100 {
		t.Errorf("no_illegal_construction score %+v", c)
	}
}

// The plan names the fourth E 公正 (line 3368: 经济、效率、效益、公正), not 公平.
func TestEquityIsGongzheng(t *testing.T) {
	if n := engine.DimensionNames[engine.Equity]; n != [2]string{"公正", "Equity"} {
		t.Errorf("DimensionNames[Equity] = %v", n)
	}
	for _, p := range []string{"../../examples/jianggan/framework.json", "../../examples/subdistricts/framework.json"} {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var f engine.Framework
		if err := json.Unmarshal(raw, &f); err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Dimensions {
			if d.Code == "equity" && d.Name != "公正" {
				t.Errorf("%s: equity is named %q", p, d.Name)
			}
		}
	}
}

// Every projection says how it was made and what it rests on; the fiscal revenue projection
// (338.44 against a final 169 from two points) is marked as an extrapolation from two points.
func TestProjectionsCarryMethodAndCaveat(t *testing.T) {
	res, err := engine.Compute(jiangganInputs(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range res.Monitoring {
		if (m.ProjectedLinear != nil || m.ProjectedCompound != nil) && (m.ProjectionMethod == nil || m.ProjectionCaveat == nil) {
			t.Errorf("%s: projection without method or caveat", m.Indicator)
		}
	}
	m := track(t, res, "fiscal_revenue_total")
	if !strings.Contains(en(m.ProjectionCaveat), "only 2 point") || !strings.Contains(en(m.ProjectionMethod), "least-squares") {
		t.Errorf("fiscal_revenue_total: %q / %q", en(m.ProjectionMethod), en(m.ProjectionCaveat))
	}
	if zh := messages.For(messages.Chinese).Render(*m.ProjectionCaveat); !strings.Contains(zh, "仅依据2个数据点外推") {
		t.Errorf("fiscal_revenue_total caveat in Chinese: %q", zh)
	}
}

// local_fiscal_revenue was restated after the VAT reform (营改增, plan lines 1225–1311): the
// baseline (63.80) and targets are on the new caliber. The work report's 2016 actual (87.5, line
// 8) does not state its caliber, so the result warns; a value whose note states it carries it.
func TestCaliberNotStatedIsWarned(t *testing.T) {
	in := jiangganInputs(t)
	ind := findIndicator(in.Framework, "local_fiscal_revenue")
	if ind.Caliber == "" || len(ind.CaliberNotes) != 1 || ind.CaliberNotes[0].Original != 74.03 || ind.CaliberNotes[0].Restated != 63.8 {
		t.Fatalf("local_fiscal_revenue caliber %q notes %+v", ind.Caliber, ind.CaliberNotes)
	}
	res, err := engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	c := indicatorResult(t, res, "local_fiscal_revenue").Cells[0]
	if c.Value == nil || *c.Value != 87.5 || c.Caliber != "" {
		t.Errorf("2016 cell %+v", c)
	}
	var warned bool
	for _, w := range res.Warnings {
		if w.Code == "caliber_not_stated" {
			if w.Indicator != "local_fiscal_revenue" || !strings.Contains(en(&w.Message), "87.5") {
				t.Errorf("warning %+v", w)
			}
			warned = true
		}
	}
	if !warned {
		t.Error("no caliber_not_stated warning for the 2016 actual")
	}
	// A stated caliber is carried and not warned about.
	for i := range in.Datasets[1].Observations {
		o := &in.Datasets[1].Observations[i]
		if o.Indicator == "local_fiscal_revenue" {
			o.Note = "口径: 新口径; " + o.Note
		}
	}
	res, err = engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	if c := indicatorResult(t, res, "local_fiscal_revenue").Cells[0]; c.Caliber != "新口径" {
		t.Errorf("stated caliber %q", c.Caliber)
	}
	for _, w := range res.Warnings {
		if w.Code == "caliber_not_stated" {
			t.Errorf("warned although stated: %+v", w)
		}
	}
	if cal, ok := engine.StatedCaliber("口径：原口径；其他"); !ok || cal != "原口径" {
		t.Errorf("StatedCaliber = %q %v", cal, ok)
	}
}
