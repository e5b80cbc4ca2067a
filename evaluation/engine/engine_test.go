package engine_test

import (
	"errors"
	"math"
	"runtime"
	"strings"
	"testing"

	"evalbench/evaluation/engine"
)

func f64(x float64) *float64 { return &x }

// fiveUnits is a small evaluation worked by hand: one indicator per 4E dimension, equal weights,
// five units, and the plan's grade quota and bonus rules.
//
//	A economy, level 100 (annual target 2016), higher is better: 110 95 90 80 60 → 100 95 90 80 60
//	B effectiveness, upper bound 50: 45 52 50 54 60 → ratios ≤1, 1.04, 1, 1.08, 1.2 → 100 80 100 60 0
//	C equity, cumulative 500 over 2016–2020 (pro-rata 100 in 2016): 100 90 — 70 50 → 100 90 missing 70 50
//	D efficiency, qualitative: 完成 完成 基本完成 未完成 基本完成 → 100 100 60 0 60
//
// Targets (equal weights 1/4, u3 renormalised over three):
// u1 100, u2 (95+80+90+100)/4 = 91.25, u3 (90+100+60)/3 = 83.333…, u4 52.5, u5 42.5.
func fiveUnits() *engine.RunInputs {
	ind := func(code string, dim int, in engine.Indicator) *engine.Node {
		return &engine.Node{Code: code, Kind: engine.KindIndicator, Name: code, Indicator: &in}
	}
	f := &engine.Framework{Title: "five", PlanStart: 2016, PlanEnd: 2020}
	for _, d := range engine.Dimensions {
		f.Dimensions = append(f.Dimensions, &engine.Node{Code: string(d), Kind: engine.KindDimension, Name: engine.DimensionNames[d][0]})
	}
	f.Dimensions[0].Children = []*engine.Node{ind("A", 0, engine.Indicator{Unit: "亿元", ValueKind: engine.ValueQuantity,
		Polarity: engine.PolarityHigher, TargetKind: engine.TargetLevel, Baseline: &engine.Baseline{Year: 2015, Value: 90},
		AnnualTargets: []engine.AnnualTarget{{Year: 2016, Basis: engine.BasisLevel, Value: f64(100)}}, FinalTarget: f64(140)})}
	f.Dimensions[2].Children = []*engine.Node{ind("B", 2, engine.Indicator{Unit: "微克/M3", ValueKind: engine.ValueQuantity,
		Polarity: engine.PolarityLower, TargetKind: engine.TargetUpperBound, FinalTarget: f64(50)})}
	f.Dimensions[3].Children = []*engine.Node{ind("C", 3, engine.Indicator{Unit: "万个", ValueKind: engine.ValueQuantity,
		Polarity: engine.PolarityHigher, TargetKind: engine.TargetCumulative, FinalTarget: f64(500)})}
	f.Dimensions[1].Children = []*engine.Node{ind("D", 1, engine.Indicator{Unit: "项", ValueKind: engine.ValueCount,
		Polarity: engine.PolarityHigher, TargetKind: engine.TargetQualitative,
		Rubric: []engine.RubricLevel{{Label: "完成", Score: 100}, {Label: "基本完成", Score: 60}, {Label: "未完成", Score: 0}}})}
	in := &engine.RunInputs{
		Commission: engine.RunCommission{Title: "five", PeriodStart: 2016, PeriodEnd: 2020, EvaluatedPeriod: "2016"},
		Framework:  f,
		Weights:    engine.RunWeights{Set: engine.WeightSet{Method: engine.WeightEqual}},
		Config: engine.RunConfig{
			Grades: []engine.GradeBand{
				{Code: "excellent", Name: "优秀", MinScore: 90, Quota: f64(0.2)},
				{Code: "good", Name: "良好", MinScore: 80},
				{Code: "pass", Name: "合格", MinScore: 60},
				{Code: "fail", Name: "不合格", MinScore: 0},
			},
			MonteCarlo: engine.MonteCarloConfig{Samples: 3000, Seed: 7},
		},
	}
	values := map[string][]any{
		"A": {110.0, 95.0, 90.0, 80.0, 60.0},
		"B": {45.0, 52.0, 50.0, 54.0, 60.0},
		"C": {100.0, 90.0, nil, 70.0, 50.0},
		"D": {"完成", "完成", "基本完成", "未完成", "基本完成"},
	}
	d := engine.RunDataset{Number: 1, FileName: "five.csv"}
	for i := range 5 {
		u := "u" + string(rune('1'+i))
		in.Units = append(in.Units, engine.Unit{Code: u, Name: "单位" + u, Kind: engine.UnitSubdistrict})
		for _, code := range []string{"A", "B", "C", "D"} {
			o := engine.Observation{Indicator: code, Unit: u, Period: "2016", Row: len(d.Observations) + 2}
			switch v := values[code][i].(type) {
			case float64:
				o.Value = f64(v)
			case string:
				o.Label = v
			}
			d.Observations = append(d.Observations, o)
		}
	}
	in.Datasets = []engine.RunDataset{d}
	return in
}

func unit(t *testing.T, r *engine.Result, code string) engine.UnitResult {
	t.Helper()
	for _, u := range r.Units {
		if u.Code == code {
			return u
		}
	}
	t.Fatalf("no unit %s", code)
	return engine.UnitResult{}
}

func nearP(t *testing.T, what string, got *float64, want float64) {
	t.Helper()
	if got == nil || math.Abs(*got-want) > 1e-9 {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func TestComputeScoresGradesBonusAndBottomTwo(t *testing.T) {
	in := fiveUnits()
	in.Adjustments = []engine.Adjustment{{Unit: "u2", Points: 10, Reason: "创新奖"}}
	in.Previous = &engine.PreviousRun{Period: "2015", Bottom: []string{"u3", "u5"}}
	res, err := engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"u1": 100, "u2": 91.25, "u3": 250.0 / 3, "u4": 52.5, "u5": 42.5}
	for u, w := range want {
		nearP(t, u+" base", unit(t, res, u).Base, w)
	}
	// Indicator scores, as worked in fiveUnits.
	cells := map[string][]any{}
	for _, ir := range res.Indicators {
		for _, c := range ir.Cells {
			if c.Score == nil {
				cells[ir.Code] = append(cells[ir.Code], nil)
			} else {
				cells[ir.Code] = append(cells[ir.Code], *c.Score)
			}
		}
	}
	wantCells := map[string][]any{
		"A": {100.0, 95.0, 90.0, 80.0, 60.0},
		"B": {100.0, 80.0, 100.0, 60.0, 0.0},
		"C": {100.0, 90.0, nil, 70.0, 50.0},
		"D": {100.0, 100.0, 60.0, 0.0, 60.0},
	}
	for code, w := range wantCells {
		for i := range w {
			if w[i] != cells[code][i] {
				t.Errorf("%s u%d: %v, want %v", code, i+1, cells[code][i], w[i])
			}
		}
	}
	// u2's 10 bonus points give 101.25, above u1's 100, the lowest score admitted to the
	// excellent band by its one-unit quota: u2 is lifted into it as an extra place and u1 keeps
	// its place (plan line 3492).
	u1, u2, u3 := unit(t, res, "u1"), unit(t, res, "u2"), unit(t, res, "u3")
	if u2.BaseGrade != "good" || u2.Grade != "excellent" || !u2.LiftedByBonus || u1.Grade != "excellent" || u3.Grade != "good" {
		t.Errorf("grades: u1 %s, u2 %s (base %s, lifted %v), u3 %s", u1.Grade, u2.Grade, u2.BaseGrade, u2.LiftedByBonus, u3.Grade)
	}
	if g := res.Grades[0]; g.Code != "excellent" || g.Count != 2 || g.Quota != 1 || g.Lifted != 1 {
		t.Errorf("excellent band %+v", g)
	}
	nearP(t, "u2 composite", u2.Composite, 101.25)
	if u2.Rank != 1 || u1.Rank != 2 || u3.Rank != 3 {
		t.Errorf("ranks u2 %d u1 %d u3 %d", u2.Rank, u1.Rank, u3.Rank)
	}
	// The last two places: u4 and u5; u5 was in them the previous period too (plan line 3482).
	u4, u5 := unit(t, res, "u4"), unit(t, res, "u5")
	if !u4.BottomTwo || !u5.BottomTwo || u4.Flagged || !u5.Flagged || u3.BottomTwo {
		t.Errorf("bottom two: u3 %v, u4 %v/%v, u5 %v/%v", u3.BottomTwo, u4.BottomTwo, u4.Flagged, u5.BottomTwo, u5.Flagged)
	}
	if u4.Grade != "fail" || u5.Grade != "fail" {
		t.Errorf("u4 %s, u5 %s, want fail", u4.Grade, u5.Grade)
	}
	// Coverage: one of 20 values is missing, and the exclusion is reported.
	if res.Coverage.Expected != 20 || res.Coverage.Present != 19 || len(res.Coverage.Missing) != 1 {
		t.Errorf("coverage %+v", res.Coverage)
	}
	// Monitoring of A against its 2016 target: 110, 95, 90, 80, 60 → on track, at risk (0.95),
	// at risk (0.90), off track, off track.
	status := map[string]string{}
	for _, m := range res.Monitoring {
		if m.Indicator == "A" {
			status[m.Unit] = m.Status
		}
	}
	for u, w := range map[string]string{"u1": "on_track", "u2": "at_risk", "u3": "at_risk", "u4": "off_track", "u5": "off_track"} {
		if status[u] != w {
			t.Errorf("A for %s: %s, want %s", u, status[u], w)
		}
	}
	// Uncertainty: present, ordered, and the grade probabilities of each unit sum to 1.
	if res.Uncertainty == nil || res.Uncertainty.Samples != 3000 || len(res.Uncertainty.Swaps) != 4 {
		t.Fatalf("uncertainty %+v", res.Uncertainty)
	}
	for _, u := range res.Units {
		uu := u.Uncertainty
		if uu == nil || !(uu.P5 <= uu.P50 && uu.P50 <= uu.P95) || uu.RankP5 > uu.RankP95 {
			t.Errorf("%s uncertainty %+v", u.Code, uu)
			continue
		}
		var p float64
		for _, g := range uu.GradeProbability {
			p += g.P
		}
		if math.Abs(p-1) > 1e-9 {
			t.Errorf("%s grade probabilities sum to %v", u.Code, p)
		}
	}
	if p := unit(t, res, "u2").Uncertainty.GradeProbability[0]; p.Grade != "excellent" || p.P < 0.99 {
		t.Errorf("u2 with its bonus is excellent in %v of the samples", p.P)
	}
}

// The same inputs give a byte-identical result whatever GOMAXPROCS is.
func TestComputeDigestStable(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var digests []string
	for _, procs := range []int{1, 4, 2} {
		runtime.GOMAXPROCS(procs)
		res, err := engine.Compute(fiveUnits())
		if err != nil {
			t.Fatal(err)
		}
		d, err := engine.Digest(res)
		if err != nil {
			t.Fatal(err)
		}
		digests = append(digests, d)
	}
	if digests[0] != digests[1] || digests[1] != digests[2] {
		t.Fatalf("digests differ across GOMAXPROCS: %v", digests)
	}
	in := fiveUnits()
	in.Config.MonteCarlo.Seed = 8
	res, _ := engine.Compute(in)
	if d, _ := engine.Digest(res); d == digests[0] {
		t.Fatal("a different seed gave the same digest")
	}
}

// The social-evaluation component (plan line 3424): public satisfaction must weigh at least 70 %
// of the composite; a suppressed public group is reported per unit.
func TestComputeSurveyComponentConstraintAndSuppression(t *testing.T) {
	in := fiveUnits()
	sv := &engine.Survey{Code: "social", Title: "公众满意度", Kind: engine.SurveySocial, Scale: engine.Scale{Min: 0, Max: 100},
		Items:  []engine.SurveyItem{{Code: "q1", Text: "总体满意度"}},
		Groups: []engine.RaterGroup{{Code: "public", Name: "公众", Weight: 0.8, MinRaters: 3}, {Code: "superior", Name: "上级", Weight: 0.2, MinRaters: 3}}}
	var rs []engine.Response
	add := func(u, g string, n int, score float64) {
		for k := range n {
			rs = append(rs, engine.Response{Unit: u, Group: g, Rater: g + u + string(rune('a'+k)), Item: "q1", Score: score})
		}
	}
	// Public and superior raters agree within each unit; u3 has two public raters only.
	for i, s := range []float64{90, 80, 70, 60, 50} {
		u := "u" + string(rune('1'+i))
		n := 3
		if u == "u3" {
			n = 2
		}
		add(u, "public", n, s)
		add(u, "superior", 3, s-10)
	}
	in.Surveys = []engine.RunSurvey{{Survey: sv, Responses: rs}}
	in.Config.Components = []engine.Component{
		{Code: "targets", Name: "目标考核", Weight: 0.3, Source: "indicators"},
		{Code: "social", Name: "社会评价", Weight: 0.7, Source: "survey:social"},
	}
	in.Config.Constraints = []engine.Constraint{{Kind: "min_share", Source: "survey:social/group:public", Min: 0.7, Label: "公众满意度比重"}}
	// Public weighs 0.7 × 0.8 = 0.56 < 0.70: the run refuses.
	_, err := engine.Compute(in)
	var ve *engine.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(ve.Problems[0].Message, "0.5600") {
		t.Fatalf("constraint violated, err = %v", err)
	}
	sv.Groups[0].Weight, sv.Groups[1].Weight = 1, 0
	res, err := engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	// u1: 0.3·100 + 0.7·90 = 93; u3: public suppressed, superior weighs 0 → no survey score,
	// so its composite is its targets score alone (components renormalised).
	nearP(t, "u1 composite", unit(t, res, "u1").Composite, 0.3*100+0.7*90)
	nearP(t, "u3 composite", unit(t, res, "u3").Composite, 250.0/3)
	cc := res.Constraints[0]
	if !cc.Met || math.Abs(cc.Share-0.7) > 1e-12 || len(cc.UnitsBelow) != 1 || cc.UnitsBelow[0].Unit != "u3" {
		t.Errorf("constraint check %+v", cc)
	}
	var suppressed bool
	for _, w := range res.Warnings {
		if w.Code == "group_suppressed" && w.Unit == "u3" && strings.Contains(en(&w.Message), "公众") {
			suppressed = true
		}
	}
	if !suppressed {
		t.Errorf("no suppression warning for u3's public group: %+v", res.Warnings)
	}
}

// A renormalised weighted mean of scores of 100 is 100: with weights 0.01 and 0.06 left (the third
// sibling missing), (0.01·100 + 0.06·100)/0.07 is 100.00000000000001 in floating point, which must
// neither leave the 0–100 scale nor stop the uncertainty analysis.
func TestComputeRenormalisedMeanStaysOnScale(t *testing.T) {
	f := smallFramework(3)
	in := &engine.RunInputs{
		Commission: engine.RunCommission{EvaluatedPeriod: "2016", PeriodStart: 2016, PeriodEnd: 2020},
		Framework:  f,
		Units:      []engine.Unit{{Code: "a", Name: "A"}, {Code: "b", Name: "B"}},
		Config:     engine.RunConfig{Scoring: map[string]engine.ScoringRule{}, MonteCarlo: engine.MonteCarloConfig{Samples: 200}},
	}
	direct := []engine.NodeWeights{{Node: "root", Children: []string{"economy", "efficiency", "effectiveness", "equity"}, Weights: []float64{0.25, 0.25, 0.25, 0.25}}}
	d := engine.RunDataset{Number: 1}
	for _, dim := range f.Dimensions {
		var codes []string
		for k, c := range dim.Children {
			codes = append(codes, c.Code)
			in.Config.Scoring[c.Code] = engine.ScoringRule{Method: "threshold", Table: []engine.ScoreThreshold{{Value: 0, Score: 0}, {Value: 10, Score: 100}}}
			if k < 2 {
				for _, u := range []string{"a", "b"} {
					d.Observations = append(d.Observations, engine.Observation{Indicator: c.Code, Unit: u, Period: "2016", Value: f64(20), Row: len(d.Observations) + 2})
				}
			}
		}
		direct = append(direct, engine.NodeWeights{Node: dim.Code, Children: codes, Weights: []float64{0.01, 0.06, 0.93}})
	}
	in.Datasets = []engine.RunDataset{d}
	in.Weights = engine.RunWeights{Set: engine.WeightSet{Method: engine.WeightDirect, Direct: direct}}
	res, err := engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range res.Units {
		if u.Composite == nil || *u.Composite != 100 {
			t.Errorf("%s composite %v, want exactly 100", u.Code, u.Composite)
		}
		for _, ds := range u.Dimensions {
			if ds.Score == nil || *ds.Score != 100 {
				t.Errorf("%s %s: %v", u.Code, ds.Dimension, ds.Score)
			}
		}
	}
}
