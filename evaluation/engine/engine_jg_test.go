package engine_test

import (
	"encoding/json"
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
		t.Logf("%-28s %-12s w=%.4f value=%v target=%v (%s) score=%v note=%s", ir.Code, ir.Method, ir.Weight, deref(c.Value), deref(c.Target), c.TargetBasis, deref(c.Score), c.Note)
	}
	for _, m := range res.Monitoring {
		t.Logf("track %-28s %s %s", m.Indicator, m.Status, m.Warning)
	}
	for _, w := range res.Warnings {
		t.Logf("warn %s %s %s", w.Code, w.Indicator, w.Message)
	}
}

func deref(p *float64) any {
	if p == nil {
		return "-"
	}
	return *p
}
