package engine_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"evalbench/evaluation/calc"
	"evalbench/evaluation/engine"
	"evalbench/statistics"
)

// methodsInputs is a synthetic evaluation of six units on eight level-target indicators (two per
// 4E dimension), weighted by one expert's AHP judgments, for the aggregation, judgment-level
// Monte Carlo, sensitivity and diagnostics tests. Values are a fixed arithmetic pattern, not data.
func methodsInputs() *engine.RunInputs {
	f := &engine.Framework{Title: "methods", PlanStart: 2016, PlanEnd: 2020}
	var codes []string
	for k, d := range engine.Dimensions {
		dim := &engine.Node{Code: string(d), Kind: engine.KindDimension, Name: engine.DimensionNames[d][0]}
		for q := range 2 {
			code := fmt.Sprintf("I%d%d", k, q)
			codes = append(codes, code)
			dim.Children = append(dim.Children, &engine.Node{Code: code, Kind: engine.KindIndicator, Name: code, Indicator: &engine.Indicator{
				Unit: "项", ValueKind: engine.ValueQuantity, Polarity: engine.PolarityHigher, TargetKind: engine.TargetLevel,
				Baseline: &engine.Baseline{Year: 2015, Value: 80}, FinalTarget: f64(140),
				AnnualTargets: []engine.AnnualTarget{{Year: 2016, Basis: engine.BasisLevel, Value: f64(100 + 5*float64(q))}}}})
		}
		f.Dimensions = append(f.Dimensions, dim)
	}
	judge := func(node string, criteria []string, m [][]float64) engine.Judgment {
		return engine.Judgment{Node: node, Expert: "e1", ExpertName: "专家一", Criteria: criteria, Matrix: m}
	}
	js := []engine.Judgment{judge(engine.RootNode, []string{"economy", "efficiency", "effectiveness", "equity"},
		[][]float64{{1, 2, 3, 4}, {0.5, 1, 2, 3}, {1.0 / 3, 0.5, 1, 2}, {0.25, 1.0 / 3, 0.5, 1}})}
	for k, d := range engine.Dimensions {
		js = append(js, judge(string(d), []string{codes[2*k], codes[2*k+1]}, [][]float64{{1, float64(k + 2)}, {1 / float64(k+2), 1}}))
	}
	in := &engine.RunInputs{
		Commission: engine.RunCommission{Title: "methods", PeriodStart: 2016, PeriodEnd: 2020, EvaluatedPeriod: "2016"},
		Framework:  f,
		Weights:    engine.RunWeights{Set: engine.WeightSet{Name: "AHP", Method: engine.WeightAHP}, Judgments: js},
		Config: engine.RunConfig{
			Grades:     []engine.GradeBand{{Code: "excellent", Name: "优秀", MinScore: 90}, {Code: "pass", Name: "合格", MinScore: 0}},
			MonteCarlo: engine.MonteCarloConfig{Samples: 300, Seed: 11},
		},
	}
	d := engine.RunDataset{Number: 1, FileName: "methods.csv"}
	for i := range 6 {
		u := fmt.Sprintf("u%d", i+1)
		in.Units = append(in.Units, engine.Unit{Code: u, Name: "单位" + u, Kind: engine.UnitSubdistrict})
		for j, code := range codes {
			v := 60 + float64((i*37+j*23)%50) // 60…109: some units exceed the target (capped at 100)
			o := engine.Observation{Indicator: code, Unit: u, Period: "2016", Row: len(d.Observations) + 2, Value: f64(v)}
			d.Observations = append(d.Observations, o)
		}
	}
	in.Datasets = []engine.RunDataset{d}
	return in
}

// Each aggregation of a run equals the statistics function on the run's recorded matrix, and
// `evalbench calc` given the recorded request returns exactly the recorded values.
func TestRunAggregationEqualsCalc(t *testing.T) {
	for _, method := range []string{"geometric", "topsis", "vikor", "promethee2", "gra"} {
		t.Run(method, func(t *testing.T) {
			in := methodsInputs()
			in.Config.Aggregation = engine.AggregationConfig{Method: method}
			if method == "promethee2" {
				in.Config.Aggregation.Function = &engine.PreferenceFunctionConfig{Type: "linear", Q: f64(2), P: f64(20)}
			}
			res, err := engine.Compute(in)
			if err != nil {
				t.Fatal(err)
			}
			rec := res.Aggregation
			if rec == nil || rec.Method != method || len(rec.Values) != 6 {
				t.Fatalf("aggregation record %+v", rec)
			}
			// The statistics function on the same matrix.
			x := mat.NewDense(len(rec.Request.Matrix), len(rec.Request.Matrix[0]), nil)
			for i, row := range rec.Request.Matrix {
				x.SetRow(i, row)
			}
			var want, composite []float64
			switch method {
			case "geometric":
				want, _ = statistics.WeightedGeometric(nil, x, rec.Request.Weights)
				composite = want
			case "topsis":
				r, _ := statistics.TOPSIS(x, rec.Request.Weights, nil)
				want = r.Closeness
				for _, c := range want {
					composite = append(composite, 100*c)
				}
			case "vikor":
				r, _ := statistics.VIKOR(x, rec.Request.Weights, nil, 0.5)
				want = r.Q
				for _, q := range want {
					composite = append(composite, 100*(1-q))
				}
			case "promethee2":
				fs := make([]statistics.PreferenceFunction, len(rec.Columns))
				for j := range fs {
					fs[j] = statistics.PreferenceFunction{Kind: statistics.PrefLinear, Q: 2, P: 20}
				}
				r, _ := statistics.PROMETHEE2(x, rec.Request.Weights, nil, fs)
				want = r.Phi
				for _, p := range want {
					composite = append(composite, 50*(1+p))
				}
			case "gra":
				r, _ := statistics.GreyRelational(x, rec.Request.Weights, nil, 0.5, nil)
				want = r.Grades
				for _, g := range want {
					composite = append(composite, 100*g)
				}
			}
			if !reflect.DeepEqual(want, rec.Values) {
				t.Errorf("recorded %v, statistics gives %v", rec.Values, want)
			}
			for r, u := range rec.Units {
				got := unit(t, res, u)
				if got.Base == nil || math.Abs(*got.Base-composite[r]) > 1e-12 {
					t.Errorf("%s: base %v, want %v", u, got.Base, composite[r])
				}
			}
			// evalbench calc with the recorded request gives the recorded values.
			body, _ := json.Marshal(rec.Request)
			out, err := calc.Run(rec.Calc, body)
			if err != nil {
				t.Fatalf("calc %s: %v", rec.Calc, err)
			}
			var resp map[string]any
			if err := json.Unmarshal(out, &resp); err != nil {
				t.Fatal(err)
			}
			vals, _ := resp[rec.Output].([]any)
			if len(vals) != len(rec.Values) {
				t.Fatalf("calc %s output %q: %s", rec.Calc, rec.Output, out)
			}
			for i, v := range vals {
				if v.(float64) != rec.Values[i] {
					t.Errorf("calc %s %s[%d] = %v, recorded %v", rec.Calc, rec.Output, i, v, rec.Values[i])
				}
			}
			// Ranks follow the composites, best first.
			for _, a := range res.Units {
				for _, b := range res.Units {
					if *a.Composite > *b.Composite+1e-9 && a.Rank >= b.Rank {
						t.Errorf("%s (%v) ranks %d, %s (%v) ranks %d", a.Code, *a.Composite, a.Rank, b.Code, *b.Composite, b.Rank)
					}
				}
			}
			if res.Uncertainty == nil || res.Uncertainty.Aggregation != method {
				t.Errorf("the Monte Carlo analysis does not use %s: %+v", method, res.Uncertainty)
			}
		})
	}
}

// The default aggregation records nothing new: the run is what it was.
func TestRunAggregationDefaultUnchanged(t *testing.T) {
	a, err := engine.Compute(methodsInputs())
	if err != nil {
		t.Fatal(err)
	}
	in := methodsInputs()
	in.Config.Aggregation = engine.AggregationConfig{Method: "weighted-sum"}
	b, err := engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	if a.Aggregation != nil || b.Aggregation != nil {
		t.Fatal("weighted-sum recorded an aggregation")
	}
	da, _ := engine.Digest(a)
	db, _ := engine.Digest(b)
	if da != db {
		t.Fatal("an explicit weighted-sum changed the result")
	}
}

// Bad options are 422 problems naming the field.
func TestRunMethodsConfigProblems(t *testing.T) {
	cases := []struct {
		field string
		set   func(c *engine.RunConfig)
	}{
		{"aggregation.method", func(c *engine.RunConfig) { c.Aggregation.Method = "median" }},
		{"aggregation.v", func(c *engine.RunConfig) { c.Aggregation = engine.AggregationConfig{Method: "vikor", V: f64(1.5)} }},
		{"aggregation.rho", func(c *engine.RunConfig) { c.Aggregation = engine.AggregationConfig{Method: "topsis", Rho: f64(0.5)} }},
		{"aggregation.function", func(c *engine.RunConfig) {
			c.Aggregation = engine.AggregationConfig{Method: "promethee2", Function: &engine.PreferenceFunctionConfig{Type: "linear", Q: f64(5), P: f64(2)}}
		}},
		{"monte_carlo.judgment_steps", func(c *engine.RunConfig) { c.MonteCarlo.JudgmentSteps = 9 }},
		{"monte_carlo.judgment_scale", func(c *engine.RunConfig) { c.MonteCarlo.JudgmentScale = "fibonacci" }},
		{"sensitivity.missing[1]", func(c *engine.RunConfig) {
			c.Sensitivity = &engine.SensitivityConfig{Missing: []string{"exclude", "drop"}}
		}},
		{"sensitivity.samples", func(c *engine.RunConfig) { c.Sensitivity = &engine.SensitivityConfig{Samples: 1} }},
		{"diagnostics.collinear", func(c *engine.RunConfig) { c.Diagnostics = &engine.DiagnosticsConfig{Collinear: 2} }},
		{"diagnostics.winsorise_limit", func(c *engine.RunConfig) {
			c.Diagnostics = &engine.DiagnosticsConfig{Treat: true, WinsoriseLimit: -1}
		}},
		{"diagnostics.winsorise_limit", func(c *engine.RunConfig) { c.Diagnostics = &engine.DiagnosticsConfig{WinsoriseLimit: 101} }},
	}
	for _, tc := range cases {
		in := methodsInputs()
		tc.set(&in.Config)
		_, err := engine.Compute(in)
		var ve *engine.ValidationError
		if !errorsAs(err, &ve) {
			t.Errorf("%s: got %v, want a validation error", tc.field, err)
			continue
		}
		found := false
		for _, p := range ve.Problems {
			found = found || p.Field == tc.field
		}
		if !found {
			t.Errorf("%s: problems %v do not name the field", tc.field, ve.Problems)
		}
	}
	// Judgment steps on a weight set without judgments.
	in := fiveUnits()
	in.Config.MonteCarlo.JudgmentSteps = 1
	_, err := engine.Compute(in)
	if err == nil || !strings.Contains(err.Error(), "monte_carlo.judgment_steps") {
		t.Errorf("judgment steps on an equal weight set: %v", err)
	}
}

// Judgment-level uncertainty: each judgment varied by ±k steps gives rank intervals; the same
// seed gives the same bytes, a wider k wider weight variation, k = 0 on Saaty's scale no
// variation at all.
func TestJudgmentLevelMonteCarlo(t *testing.T) {
	run := func(k int, scale string, seed uint64) (*engine.Result, string) {
		in := methodsInputs()
		in.Config.MonteCarlo = engine.MonteCarloConfig{Samples: 200, Seed: seed, JudgmentSteps: k, JudgmentScale: scale}
		res, err := engine.Compute(in)
		if err != nil {
			t.Fatal(err)
		}
		d, err := engine.Digest(res)
		if err != nil {
			t.Fatal(err)
		}
		return res, d
	}
	r1, d1 := run(2, "", 5)
	_, d2 := run(2, "", 5)
	if d1 != d2 {
		t.Fatal("the same seed gave different bytes")
	}
	if _, d3 := run(2, "", 6); d3 == d1 {
		t.Fatal("another seed gave the same bytes")
	}
	u := r1.Uncertainty
	if u.Perturbation != "judgments" || u.JudgmentSteps != 2 || u.JudgmentScale != "saaty" || u.Samples+u.Rejected != 200 {
		t.Fatalf("summary %+v", u)
	}
	wide := 0
	for _, ur := range r1.Units {
		uu := ur.Uncertainty
		if uu == nil || uu.RankP5 > uu.MedianRank || uu.MedianRank > uu.RankP95 || uu.P5 > uu.P50 || uu.P50 > uu.P95 {
			t.Fatalf("%s: interval %+v", ur.Code, uu)
		}
		wide += uu.RankP95 - uu.RankP5
	}
	if wide == 0 {
		t.Error("±2 steps moved no rank interval")
	}
	r0, _ := run(0, "saaty", 5)
	for _, ur := range r0.Units {
		if uu := ur.Uncertainty; uu.P5 != uu.P95 || uu.RankP5 != uu.RankP95 {
			t.Errorf("%s: no perturbation, yet %+v", ur.Code, uu)
		}
	}
	// Another scale moves the weights away from Saaty's even without steps.
	rp, _ := run(0, "power", 5)
	moved := false
	for i, ur := range rp.Units {
		moved = moved || math.Abs(ur.Uncertainty.Mean-*r0.Units[i].Base) > 1e-9
	}
	if !moved {
		t.Error("the power scale changed no score")
	}
}

func errorsAs(err error, target any) bool { return err != nil && errors.As(err, target) }

// sensitivityInputs configures every factor the methods example can vary.
func sensitivityInputs(samples int) *engine.RunInputs {
	in := methodsInputs()
	in.Config.Sensitivity = &engine.SensitivityConfig{
		Samples: samples, Seed: 3, Resamples: 50,
		Normalisation:  []string{"configured", "minmax", "rank"},
		Missing:        []string{"exclude", "zero"},
		Aggregation:    []string{"weighted-sum", "geometric"},
		WeightSets:     []engine.RunWeights{{Set: engine.WeightSet{Name: "equal", Method: engine.WeightEqual}}},
		WeightNoise:    30,
		JudgmentScales: []string{"saaty", "balanced", "power"},
		JudgmentSteps:  1,
	}
	return in
}

// The Sobol indices of the construction choices: for each output the first-order indices sum to
// at most about 1 and each lies within about its total index (sampling error aside); the factors
// the example's data make inert (missing policy: no value is missing) have total index 0; rank
// intervals contain the run's rank; the same seed gives the same bytes.
func TestSensitivityOverConstructionChoices(t *testing.T) {
	res, err := engine.Compute(sensitivityInputs(400))
	if err != nil {
		t.Fatal(err)
	}
	s := res.Sensitivity
	if s == nil || len(s.Factors) != 7 || s.Evaluations != 400*9 || s.Failed != 0 {
		t.Fatalf("sensitivity %+v", s)
	}
	names := []string{"normalisation", "missing", "aggregation", "weight_set", "weight_noise", "judgment_scale", "judgment_noise"}
	for f, name := range names {
		if s.Factors[f].Name != name {
			t.Errorf("factor %d is %s, want %s", f, s.Factors[f].Name, name)
		}
	}
	// Rank outputs are discrete, so their estimates are noisier than the ranking's mean shift:
	// the tolerance is the sampling error seen at N = 400 (bootstrap half-widths about 0.1).
	check := func(what string, ix []engine.FactorIndex, tol float64) {
		var sum float64
		for _, x := range ix {
			if x.First == nil || x.Total == nil {
				continue
			}
			sum += *x.First
			if x.FirstLo == nil || x.TotalHi == nil || *x.FirstLo > *x.First || *x.TotalHi < *x.Total {
				t.Errorf("%s %s: the bootstrap interval misses the estimate: %+v", what, x.Factor, x)
			}
			if *x.Total < -0.05 || *x.First > *x.Total+0.15 {
				t.Errorf("%s %s: S %.3f, ST %.3f", what, x.Factor, *x.First, *x.Total)
			}
		}
		if sum > 1+tol {
			t.Errorf("%s: first-order indices sum to %.3f", what, sum)
		}
	}
	check("ranking", s.Ranking, 0.1)
	if m := s.Ranking[1]; m.Total == nil || math.Abs(*m.Total) > 1e-12 {
		t.Errorf("the missing-data policy moves the ranking though nothing is missing: %+v", m)
	}
	if n := s.Ranking[0]; n.Total == nil || *n.Total < 0.05 {
		t.Errorf("normalisation has total index %v on the ranking", n.Total)
	}
	for _, u := range s.Units {
		check(u.Unit, u.Indices, 0.3)
		if !(u.Min <= u.P5 && u.P5 <= u.P50 && u.P50 <= u.P95 && u.P95 <= u.Max && u.Min <= u.Rank && u.Rank <= u.Max) {
			t.Errorf("%s: rank %v outside its interval %+v", u.Unit, u.Rank, u)
		}
	}
	// Rank intervals per choice: every level of every list factor, every unit, ordered quantiles
	// inside the unit's overall range.
	for _, fac := range s.Factors {
		if len(fac.Ranks) != len(fac.Levels) {
			t.Errorf("%s: %d level rank sets for %d levels", fac.Name, len(fac.Ranks), len(fac.Levels))
		}
		for _, lr := range fac.Ranks {
			for u, us := range s.Units {
				if !(us.Min <= lr.P5[u] && lr.P5[u] <= lr.P50[u] && lr.P50[u] <= lr.P95[u] && lr.P95[u] <= us.Max) {
					t.Errorf("%s=%s, %s: %v %v %v outside %v–%v", fac.Name, lr.Level, us.Unit, lr.P5[u], lr.P50[u], lr.P95[u], us.Min, us.Max)
				}
			}
		}
	}
	a, _ := engine.Digest(res)
	again, err := engine.Compute(sensitivityInputs(400))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := engine.Digest(again); a != b {
		t.Fatal("the same seed gave different bytes")
	}
}
