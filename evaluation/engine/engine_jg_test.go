package engine_test

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"evalbench/evaluation/engine"
	"evalbench/evaluation/ingest"
)

// jiangganInputs builds the run inputs of the Jianggan mid-term evaluation from the example
// files: the plan's data first, the work report's second.
func jiangganInputs(t *testing.T) *engine.RunInputs {
	t.Helper()
	f, js := jianggan(t)
	in := &engine.RunInputs{
		Commission: engine.RunCommission{Title: "江干区“十三五”规划中期评估", PeriodStart: 2016, PeriodEnd: 2020, EvaluatedPeriod: "2016"},
		Framework:  f,
		Units:      []engine.Unit{{Code: "jianggan", Name: "江干区", Kind: engine.UnitDistrict}},
		Weights:    engine.RunWeights{Set: engine.WeightSet{Method: engine.WeightAHP}, Judgments: js},
	}
	for n, file := range []string{"data-plan.csv", "data-workreport.csv"} {
		fh, err := os.Open("../../examples/jianggan/" + file)
		if err != nil {
			t.Fatal(err)
		}
		d := engine.RunDataset{Number: n + 1, FileName: file}
		_, err = ingest.ReadObservations(fh, ingest.Options{FileName: file}, ingest.NewSchema(f, []string{"jianggan"}), func(o engine.Observation) error {
			d.Observations = append(d.Observations, o)
			return nil
		})
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
		in.Datasets = append(in.Datasets, d)
	}
	return in
}

func TestComputeJianggan(t *testing.T) {
	in := jiangganInputs(t)
	res, err := engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(res.Units, "", " ")
	t.Logf("%s", b)
	for _, ir := range res.Indicators {
		c := ir.Cells[0]
		t.Logf("%-28s %-12s w=%.4f value=%v target=%v (%s) score=%v note=%s", ir.Code, ir.Method, ir.Weight, deref(c.Value), deref(c.Target), en(c.TargetBasis), deref(c.Score), en(c.Note))
	}
	for _, m := range res.Monitoring {
		t.Logf("track %-28s %s %s", m.Indicator, m.Status, en(m.Warning))
	}
	for _, w := range res.Warnings {
		t.Logf("warn %s %s %s", w.Code, w.Indicator, en(&w.Message))
	}
}

func deref(p *float64) any {
	if p == nil {
		return "-"
	}
	return *p
}

// The result says how much of the framework the composite rests on: Jianggan's 2016 run scores
// only part of the 38 indicators, so it is provisional under the default 0.8 threshold.
func TestCoverageJianggan(t *testing.T) {
	in := jiangganInputs(t)
	in.Config.Defaults("2016")
	res, err := engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	c := res.Coverage
	t.Logf("scored %d of %d, weight %.4f, threshold %.2f, provisional %v", c.Scored, c.Indicators, c.Weight, c.Threshold, c.Provisional)
	if c.Indicators != len(res.Indicators) || c.Scored == 0 || c.Scored >= c.Indicators {
		t.Fatalf("coverage counts %d of %d (indicators %d)", c.Scored, c.Indicators, len(res.Indicators))
	}
	if c.Threshold != 0.8 || !c.Provisional || !(c.Weight > 0 && c.Weight < 0.8) {
		t.Fatalf("coverage weight %.4f threshold %.2f provisional %v", c.Weight, c.Threshold, c.Provisional)
	}
	var n, s int
	var w, sw float64
	for _, d := range c.Dimensions {
		t.Logf("%s: %d of %d, weight %.4f of %.4f", d.Dimension, d.Scored, d.Indicators, d.ScoredWeight, d.Weight)
		n, s, w, sw = n+d.Indicators, s+d.Scored, w+d.Weight, sw+d.ScoredWeight
	}
	if len(c.Dimensions) != 4 || n != c.Indicators || s != c.Scored || math.Abs(w-1) > 1e-9 || math.Abs(sw-c.Weight) > 1e-9 {
		t.Fatalf("dimensions do not add up: %+v", c.Dimensions)
	}
	in.Config.CoverageThreshold = c.Weight / 2
	res, err = engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	if res.Coverage.Provisional {
		t.Fatal("a run above its threshold is not provisional")
	}
}
