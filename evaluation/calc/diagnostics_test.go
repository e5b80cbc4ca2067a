package calc

import (
	"math"
	"strconv"
	"testing"
)

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func TestDiagnosticsCalc(t *testing.T) {
	// Column 0: 1 … 20 and 100 (one winsorised point, as in statistics/diagnostics_test.go);
	// column 1 the Excel SKEW/KURT example data padded with 4.3, and a null in the last row;
	// column 2 = 2 × column 0 + 1 (collinear with column 0, flagged).
	rows := ""
	excel := []float64{3, 4, 5, 2, 3, 4, 5, 6, 4, 7, 4.3, 4.3, 4.3, 4.3, 4.3, 4.3, 4.3, 4.3, 4.3, 4.3, 4.3}
	for i := 0; i < 21; i++ {
		v := float64(i + 1)
		if i == 20 {
			v = 100
		}
		b := fmtNum(excel[i])
		if i == 20 {
			b = "null"
		}
		if rows != "" {
			rows += ", "
		}
		rows += "[" + fmtNum(v) + ", " + b + ", " + fmtNum(2*v+1) + "]"
	}
	m := run(t, "diagnostics", `{"matrix": [`+rows+`], "groups": [[0, 2], [1]]}`)
	ind := m["indicators"].([]any)
	c0 := ind[0].(map[string]any)
	if c0["outliers"] != true || f(t, c0["winsorised"]) != 1 || c0["pass"] != true {
		t.Errorf("column 0: %v", c0)
	}
	tr := c0["treated"].([]any)[0].(map[string]any)
	if f(t, tr["unit"]) != 20 || f(t, tr["original"]) != 100 || f(t, tr["value"]) != 20 || tr["kind"] != "winsorised-high" {
		t.Errorf("treated %v", tr)
	}
	if c1 := ind[1].(map[string]any); f(t, c1["n"]) != 20 || c1["outliers"] != false {
		t.Errorf("column 1: %v", c1)
	}
	if f(t, m["complete_rows"]) != 20 {
		t.Errorf("complete rows %v", m["complete_rows"])
	}
	flags := m["flags"].([]any)
	if len(flags) != 1 || flags[0].(map[string]any)["kind"] != "collinear" {
		t.Errorf("flags %v", flags)
	}
	corr := m["correlation"].([]any)
	near(t, "r02", floats(t, corr[0])[2], 1, 1e-12)
	if a, ok := m["alpha"].([]any); !ok || len(a) != 2 || a[1] != nil {
		t.Errorf("alpha %v (a one-column group has null α)", m["alpha"])
	}
	pca := m["pca"].(map[string]any)
	ex := floats(t, pca["explained"])
	if len(ex) != 3 || !(ex[0] >= ex[1] && ex[1] >= ex[2]) || math.Abs(floats(t, pca["cumulative"])[2]-1) > 1e-12 {
		t.Errorf("pca %v", pca)
	}
	av := floats(t, m["availability"])
	near(t, "availability[20]", av[20], 2.0/3, 1e-15)
}

// The Ishigami check of statistics/sobol_test.go through calc (N = 2^13, tolerance 0.04).
func TestSobolCalc(t *testing.T) {
	m := run(t, "sobol", `{"function": "ishigami", "n": 8192, "seed": 11, "resamples": 50}`)
	af, at := floats(t, m["analytic_first"]), floats(t, m["analytic_total"])
	near(t, "analytic S1", af[0], 0.3139, 5e-5)
	near(t, "analytic ST3", at[2], 0.2437, 5e-5)
	for i, ix := range m["indices"].([]any) {
		x := ix.(map[string]any)
		near(t, "first", f(t, x["first"]), af[i], 0.04)
		near(t, "total", f(t, x["total"]), at[i], 0.04)
		if f(t, x["first_lower"]) > f(t, x["first"]) {
			t.Error("interval")
		}
	}
	if f(t, m["evaluations"]) != 5*8192 {
		t.Errorf("evaluations %v", m["evaluations"])
	}
}
