package engine_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"evalbench/evaluation/engine"
)

// saatyRatio is the Saaty-scale value nearest to r (1/9 … 9).
func saatyRatio(r float64) float64 {
	if r >= 1 {
		return math.Min(9, math.Round(r))
	}
	return 1 / math.Min(9, math.Round(1/r))
}

// judgmentsFor returns one expert's judgments over criteria with hidden weights w, rounded to
// Saaty's scale.
func judgmentsFor(node string, criteria []string, w []float64) engine.Judgment {
	m := make([][]float64, len(w))
	for i := range m {
		m[i] = make([]float64, len(w))
		for j := range m[i] {
			switch {
			case i == j:
				m[i][j] = 1
			case i < j:
				m[i][j] = saatyRatio(w[i] / w[j])
			default:
				m[i][j] = 1 / saatyRatio(w[j]/w[i])
			}
		}
	}
	return engine.Judgment{Node: node, Expert: "e1", ExpertName: "专家", Criteria: criteria, Matrix: m}
}

// largeSensitivityInputs is the benchmark workload of issue 16: 300 units × 120 indicators
// (4 dimensions × 5 groups × 6 level-target indicators) weighted by AHP judgments at every node,
// and eight factors: normalisation (3 levels), scoring rule (2), missing-data policy (3; 2 % of the
// values are missing), aggregation (arithmetic or geometric), weight set (the AHP set or equal
// weights), weight noise, judgment scale (3) and judgment noise (±1 step).
func largeSensitivityInputs(samples int) *engine.RunInputs {
	rng := rand.New(rand.NewPCG(16, 16))
	f := &engine.Framework{Title: "bench", PlanStart: 2016, PlanEnd: 2020}
	var codes []string
	var js []engine.Judgment
	weights := func(n int) []float64 {
		w := make([]float64, n)
		for i := range w {
			w[i] = 0.5 + rng.Float64()
		}
		return w
	}
	var dims []string
	for k, d := range engine.Dimensions {
		dim := &engine.Node{Code: string(d), Kind: engine.KindDimension, Name: engine.DimensionNames[d][0]}
		var groups []string
		for g := range 5 {
			gc := fmt.Sprintf("g%d%d", k, g)
			group := &engine.Node{Code: gc, Kind: engine.KindGroup, Name: gc}
			var inds []string
			for q := range 6 {
				code := fmt.Sprintf("i%d%d%d", k, g, q)
				codes = append(codes, code)
				inds = append(inds, code)
				group.Children = append(group.Children, &engine.Node{Code: code, Kind: engine.KindIndicator, Name: code, Indicator: &engine.Indicator{
					Unit: "项", ValueKind: engine.ValueQuantity, Polarity: engine.PolarityHigher, TargetKind: engine.TargetLevel,
					Baseline: &engine.Baseline{Year: 2015, Value: 80}, FinalTarget: f64(140),
					AnnualTargets: []engine.AnnualTarget{{Year: 2016, Basis: engine.BasisLevel, Value: f64(100)}}}})
			}
			js = append(js, judgmentsFor(gc, inds, weights(6)))
			groups = append(groups, gc)
			dim.Children = append(dim.Children, group)
		}
		js = append(js, judgmentsFor(string(d), groups, weights(5)))
		dims = append(dims, string(d))
		f.Dimensions = append(f.Dimensions, dim)
	}
	js = append(js, judgmentsFor(engine.RootNode, dims, weights(4)))
	in := &engine.RunInputs{
		Commission: engine.RunCommission{Title: "bench", PeriodStart: 2016, PeriodEnd: 2020, EvaluatedPeriod: "2016"},
		Framework:  f,
		Weights:    engine.RunWeights{Set: engine.WeightSet{Name: "AHP", Method: engine.WeightAHP}, Judgments: js},
		Config: engine.RunConfig{
			MonteCarlo: engine.MonteCarloConfig{Off: true},
			Sensitivity: &engine.SensitivityConfig{
				Samples: samples, Seed: 1, Resamples: 100,
				Normalisation:  []string{"configured", "minmax", "zscore"},
				Scoring:        []string{"configured", "trajectory"},
				Missing:        []string{"exclude", "zero", "mean"},
				Aggregation:    []string{"weighted-sum", "geometric"},
				WeightSets:     []engine.RunWeights{{Set: engine.WeightSet{Name: "equal", Method: engine.WeightEqual}}},
				WeightNoise:    50,
				JudgmentScales: []string{"saaty", "balanced", "power"},
				JudgmentSteps:  1,
			},
		},
	}
	d := engine.RunDataset{Number: 1, FileName: "bench.csv"}
	for i := range 300 {
		u := fmt.Sprintf("u%03d", i)
		in.Units = append(in.Units, engine.Unit{Code: u, Name: u, Kind: engine.UnitSubdistrict})
		for _, code := range codes {
			o := engine.Observation{Indicator: code, Unit: u, Period: "2016", Row: len(d.Observations) + 2}
			if rng.Float64() >= 0.02 {
				o.Value = f64(60 + 50*rng.Float64())
			}
			d.Observations = append(d.Observations, o)
		}
	}
	in.Datasets = []engine.RunDataset{d}
	return in
}

// BenchmarkSensitivity300x120 is the whole run (scoring, weights, ranking and the global
// sensitivity analysis: 8 factors, 1,000 base samples, 10,000 evaluations, 100 bootstrap
// resamples) on 300 units × 120 indicators.
func BenchmarkSensitivity300x120(b *testing.B) {
	in := largeSensitivityInputs(benchSamples)
	for b.Loop() {
		res, err := engine.Compute(in)
		if err != nil {
			b.Fatal(err)
		}
		if s := res.Sensitivity; s == nil || len(s.Factors) != 8 || s.Evaluations != benchSamples*10 || s.Failed != 0 {
			b.Fatalf("sensitivity %+v", s)
		}
	}
}

// benchSamples is the base sample count of BenchmarkSensitivity300x120 (issue 16: 1,000).
var benchSamples = 1000
