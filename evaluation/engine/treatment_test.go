package engine_test

import (
	"math"
	"testing"

	"evalbench/evaluation/engine"
)

// treatmentInputs is methodsInputs with indicator I00 scored by min–max and valued 60, 62, 64,
// 66, 68, 200 for u1…u6 (one extreme value: skewness 2.435, kurtosis 5.946 by the type-2
// formulas, so the rule flags it; winsorising 200 to 68 gives skewness −0.383, which passes), and
// I01 (scored by achievement against its target) valued the same way.
func treatmentInputs(treat bool) *engine.RunInputs {
	in := methodsInputs()
	vals := []float64{60, 62, 64, 66, 68, 200}
	d := &in.Datasets[0]
	for k := range d.Observations {
		o := &d.Observations[k]
		if o.Indicator == "I00" || o.Indicator == "I01" {
			i := int(o.Unit[1] - '1')
			o.Value = f64(vals[i])
		}
	}
	in.Config.Scoring = map[string]engine.ScoringRule{"I00": {Method: "minmax"}}
	in.Config.Diagnostics = &engine.DiagnosticsConfig{Treat: treat}
	return in
}

func outlierOf(t *testing.T, res *engine.Result, code string) engine.IndicatorOutliers {
	t.Helper()
	for _, o := range res.Diagnostics.Outliers {
		if o.Indicator == code {
			return o
		}
	}
	t.Fatalf("no outlier record for %s", code)
	return engine.IndicatorOutliers{}
}

// A treated run scores the winsorised values: min–max of 60, 62, 64, 66, 68, 68 is 0, 25, 50, 75,
// 100, 100 (by hand), where the run without treatment scores (x − 60)/140·100. The cell keeps the
// imported value; the diagnostics record u6's 200 → 68 as winsorised-high and applied. I01,
// flagged too but scored against its target, is left untreated and says so. The same inputs give
// the same digest.
func TestTreatmentAppliedBeforeScoring(t *testing.T) {
	plain, err := engine.Compute(treatmentInputs(false))
	if err != nil {
		t.Fatal(err)
	}
	res, err := engine.Compute(treatmentInputs(true))
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{0, 25, 50, 75, 100, 100}
	for i, c := range indicatorResult(t, res, "I00").Cells {
		if c.Score == nil || math.Abs(*c.Score-want[i]) > 1e-9 {
			t.Errorf("treated %s: score %v, want %v", c.Unit, c.Score, want[i])
		}
	}
	if c := indicatorResult(t, res, "I00").Cells[5]; c.Value == nil || *c.Value != 200 {
		t.Errorf("cell value %v, want the imported 200", c.Value)
	}
	for i, c := range indicatorResult(t, plain, "I00").Cells {
		w := ([]float64{0, 2, 4, 6, 8, 140})[i] / 140 * 100
		if c.Score == nil || math.Abs(*c.Score-w) > 1e-9 {
			t.Errorf("untreated %s: score %v, want %v", c.Unit, c.Score, w)
		}
	}
	if !res.Diagnostics.Applied || plain.Diagnostics.Applied {
		t.Errorf("applied: treated %v, plain %v", res.Diagnostics.Applied, plain.Diagnostics.Applied)
	}
	o := outlierOf(t, res, "I00")
	if !o.Flagged || !o.Applied || o.Winsorised != 1 || o.Logged || !o.Pass || len(o.Treated) != 1 {
		t.Fatalf("I00 record %+v", o)
	}
	if tr := o.Treated[0]; tr != (engine.TreatedRecord{Unit: "u6", Original: 200, Value: 68, Kind: "winsorised-high"}) {
		t.Errorf("treated record %+v", tr)
	}
	if po := outlierOf(t, plain, "I00"); po.Applied || len(po.Treated) != 1 {
		t.Errorf("plain record %+v", po)
	}
	o1 := outlierOf(t, res, "I01")
	if !o1.Flagged || o1.Applied || o1.Note != "not_treated_target_scored" {
		t.Errorf("I01 record %+v", o1)
	}
	// I01's scores are the untreated run's.
	a, b := indicatorResult(t, res, "I01").Cells, indicatorResult(t, plain, "I01").Cells
	for i := range a {
		if *a[i].Score != *b[i].Score {
			t.Errorf("I01 %s: %v vs %v", a[i].Unit, *a[i].Score, *b[i].Score)
		}
	}
	// The composite moves with the treated scores (u2's I00 score 25 instead of 1.43).
	found := false
	for i, u := range res.Units {
		if u.Code == "u2" && plain.Units[i].Code == "u2" {
			found = true
			if *u.Composite <= *plain.Units[i].Composite {
				t.Errorf("u2 composite %v, untreated %v", *u.Composite, *plain.Units[i].Composite)
			}
		}
	}
	if !found {
		t.Error("u2 not at the same place in both results")
	}
	again, _ := engine.Compute(treatmentInputs(true))
	d1, _ := engine.Digest(res)
	d2, _ := engine.Digest(again)
	if d1 != d2 {
		t.Error("treated run not deterministic")
	}
}

// Treat off (the default) is the run as it was: diagnostics with winsorise_limit left at 0 and
// treat false give the same digest as before the option existed (no new field is recorded).
func TestTreatmentDefaultOff(t *testing.T) {
	in := treatmentInputs(false)
	a, err := engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	in2 := treatmentInputs(false)
	in2.Config.Diagnostics = &engine.DiagnosticsConfig{Availability: 0.66}
	b, err := engine.Compute(in2)
	if err != nil {
		t.Fatal(err)
	}
	da, _ := engine.Digest(a)
	db, _ := engine.Digest(b)
	if da != db {
		t.Error("an explicit default availability changed the result")
	}
	if a.Diagnostics.Applied {
		t.Error("treatment applied by default")
	}
}

// Unit screening: u6 with values on 2 of 8 indicators (25 %) is below the default threshold 66 %
// and, with screen_units, is neither scored nor ranked, while its availability stays recorded;
// without screen_units it is only flagged. A threshold no unit reaches is refused, naming the
// field.
func TestScreenUnitsByAvailability(t *testing.T) {
	in := func(screen bool, threshold float64) *engine.RunInputs {
		x := methodsInputs()
		d := &x.Datasets[0]
		var obs []engine.Observation
		for _, o := range d.Observations {
			if o.Unit == "u6" && o.Indicator != "I00" && o.Indicator != "I10" {
				continue
			}
			if threshold == 1 && o.Indicator == "I31" && o.Unit != "u6" {
				continue // every unit misses one value
			}
			obs = append(obs, o)
		}
		d.Observations = obs
		x.Config.Diagnostics = &engine.DiagnosticsConfig{ScreenUnits: screen, Availability: threshold}
		return x
	}
	res, err := engine.Compute(in(true, 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Units) != 5 {
		t.Fatalf("%d units, want 5", len(res.Units))
	}
	for _, u := range res.Units {
		if u.Code == "u6" {
			t.Error("u6 scored although screened out")
		}
		if u.Name != "单位"+u.Code {
			t.Errorf("unit %s named %q", u.Code, u.Name)
		}
	}
	av := res.Diagnostics.Availability
	if len(av) != 6 || av[5] != (engine.UnitAvailability{Unit: "u6", Share: 0.25, Kept: false}) || !av[0].Kept {
		t.Errorf("availability %+v", av)
	}
	flag, err := engine.Compute(in(false, 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(flag.Units) != 6 || flag.Diagnostics.Availability[5].Kept {
		t.Errorf("flag only: %d units, availability %+v", len(flag.Units), flag.Diagnostics.Availability)
	}
	_, err = engine.Compute(in(true, 1))
	var ve *engine.ValidationError
	if !errorsAs(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].Field != "diagnostics.screen_units" {
		t.Errorf("no unit left: %v", err)
	}
}
