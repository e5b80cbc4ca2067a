package calc

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"evalbench/evaluation/engine"
)

func run(t *testing.T, method, body string) map[string]any {
	t.Helper()
	out, err := Run(method, []byte(body))
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("%s: response is not JSON: %v\n%s", method, err, out)
	}
	return m
}

func f(t *testing.T, v any) float64 {
	t.Helper()
	x, ok := v.(float64)
	if !ok {
		t.Fatalf("not a number: %#v", v)
	}
	return x
}

func floats(t *testing.T, v any) []float64 {
	t.Helper()
	a, ok := v.([]any)
	if !ok {
		t.Fatalf("not an array: %#v", v)
	}
	out := make([]float64, len(a))
	for i := range a {
		out[i] = f(t, a[i])
	}
	return out
}

func near(t *testing.T, name string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.6f, want %.6f ± %g", name, got, want, tol)
	}
}

// Saaty (1990) house example: λmax 9.669, CI 0.238, CR 0.169, priorities as printed.
const houseJSON = `{"matrix": [
 [1, 5, 3, 7, 6, 6, 0.3333333333333333, 0.25],
 [0.2, 1, 0.3333333333333333, 5, 3, 3, 0.2, 0.14285714285714285],
 [0.3333333333333333, 3, 1, 6, 3, 4, 6, 0.2],
 [0.14285714285714285, 0.2, 0.16666666666666666, 1, 0.3333333333333333, 0.25, 0.14285714285714285, 0.125],
 [0.16666666666666666, 0.3333333333333333, 0.3333333333333333, 3, 1, 0.5, 0.2, 0.16666666666666666],
 [0.16666666666666666, 0.3333333333333333, 0.25, 4, 2, 1, 0.2, 0.16666666666666666],
 [3, 5, 0.16666666666666666, 7, 5, 5, 1, 0.5],
 [4, 7, 5, 8, 6, 6, 2, 1]]}`

func TestAHP(t *testing.T) {
	m := run(t, "ahp", houseJSON)
	w := floats(t, m["weights"])
	for i, want := range []float64{.173, .054, .188, .018, .031, .036, .167, .333} {
		near(t, "weight", w[i], want, 0.0005)
	}
	near(t, "lambda_max", f(t, m["lambda_max"]), 9.669, 0.0005)
	near(t, "ci", f(t, m["ci"]), 0.238, 0.0005)
	near(t, "cr", f(t, m["cr"]), 0.169, 0.0005)
	if m["consistent"] != false {
		t.Error("consistent")
	}
	sug := m["suggestions"].([]any)
	if len(sug) != 3 {
		t.Fatalf("%d suggestions", len(sug))
	}
	s0 := sug[0].(map[string]any)
	for _, k := range []string{"i", "j", "current", "suggested", "cr"} {
		if _, ok := s0[k]; !ok {
			t.Errorf("suggestion lacks %q", k)
		}
	}
	// Upper triangle only, with nulls below; geometric method with Alonso–Lamata.
	m = run(t, "ahp", `{"matrix": [[1, 2, 4], [null, 1, 2], [0, null, 1]], "method": "geometric", "ri": "alonso-lamata"}`)
	w = floats(t, m["weights"])
	near(t, "w0", w[0], 4.0/7, 1e-12)
	near(t, "cr", f(t, m["cr"]), 0, 1e-12)
	if m["consistent"] != true {
		t.Error("consistent matrix not consistent")
	}
}

func TestAHPGroup(t *testing.T) {
	body := `{"matrices": [[[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]], [[1, 8, 4], [0.125, 1, 0.5], [0.25, 2, 1]]], "mode": "aij"}`
	m := run(t, "ahp-group", body)
	if len(m["individual"].([]any)) != 2 || len(floats(t, m["weights"])) != 3 {
		t.Errorf("shape: %v", m)
	}
	gsd := m["consensus"].(map[string]any)["cell_gsd"].([]any)
	near(t, "gsd[0][1]", floats(t, gsd[0])[1], 2, 1e-12)
	m = run(t, "ahp-group", `{"matrices": [[[1, 2], [0.5, 1]], [[1, 4], [0.25, 1]]], "expert_weights": [1, 1], "mode": "aip", "aip_mean": "arithmetic"}`)
	w := floats(t, m["weights"])
	near(t, "aip w0", w[0], (2.0/3+0.8)/2, 1e-12)
}

func TestObjectiveWeights(t *testing.T) {
	// Zavadskas & Podvezko (2016): entropy 0.1146 0.1981 0.4185 0.2689 (proportions).
	m := run(t, "entropy", `{"matrix": [[3.0,100,10,7],[2.5,80,8,5],[1.8,50,20,11],[2.2,70,12,9]], "normalization": "proportion"}`)
	for i, want := range []float64{0.1146, 0.1981, 0.4185, 0.2689} {
		near(t, "entropy", floats(t, m["weights"])[i], want, 0.00005)
	}
	// Tuş & Aytaç Adalı (2019): CRITIC 0.157 0.249 0.168 0.121 0.154 0.151.
	m = run(t, "critic", `{"matrix": [[5000,3,3,4,3,2],[680,5,3,2,2,1],[2000,3,2,3,4,3],[600,4,3,1,2,2],[800,2,4,3,3,4]]}`)
	for i, want := range []float64{0.157, 0.249, 0.168, 0.121, 0.154, 0.151} {
		near(t, "critic", floats(t, m["weights"])[i], want, 0.0005)
	}
	for _, method := range []string{"entropy", "sd", "cv"} {
		w := floats(t, run(t, method, `{"matrix": [[1, 10], [2, 30], [4, 20]], "polarity": ["higher", "lower"]}`)["weights"])
		near(t, method+" sum", w[0]+w[1], 1, 1e-12)
	}
	w := floats(t, run(t, "combine", `{"subjective": [0.5, 0.5], "objective": [0.2, 0.8], "alpha": 0.5}`)["weights"])
	near(t, "combine", w[0], 0.35, 1e-12)
	w = floats(t, run(t, "hierarchy", `{"tree": {"children": [{"weight": 0.6, "children": [{"weight": 0.5}, {"weight": 0.5}]}, {"weight": 0.4}]}}`)["weights"])
	near(t, "hierarchy", w[0], 0.3, 1e-12)
	near(t, "hierarchy", w[2], 0.4, 1e-12)
}

// Hwang & Yoon (1981), fighter aircraft: closeness 0.643 0.268 0.613 0.312 (tolerance 0.002).
func TestTOPSIS(t *testing.T) {
	m := run(t, "topsis", `{"matrix": [[2.0,1500,20000,5.5,5,9],[2.5,2700,18000,6.5,3,5],[1.8,2000,21000,4.5,7,7],[2.2,1800,20000,5.0,5,5]],
	 "weights": [0.2,0.1,0.1,0.1,0.2,0.3], "polarity": ["higher","higher","higher","lower","higher","higher"]}`)
	c := floats(t, m["closeness"])
	for i, want := range []float64{0.643, 0.268, 0.613, 0.312} {
		near(t, "closeness", c[i], want, 0.002)
	}
	r := floats(t, m["ranks"])
	for i, want := range []float64{1, 4, 2, 3} {
		near(t, "rank", r[i], want, 0)
	}
	s := floats(t, run(t, "aggregate", `{"matrix": [[4, 16]], "weights": [0.5, 0.5], "mean": "geometric"}`)["scores"])
	near(t, "geometric", s[0], 8, 1e-12)
}

// Shrout & Fleiss (1979) data; values as printed by psych::ICC (see statistics tests).
func TestICC(t *testing.T) {
	m := run(t, "icc", `{"ratings": [[9,2,5,8],[6,1,3,2],[8,4,6,8],[7,1,2,6],[10,5,6,9],[6,2,4,7]]}`)
	for _, tc := range []struct {
		key          string
		v, lo, hi, p float64
	}{
		{"ICC1", 0.17, -0.133, 0.72, 0.164769}, {"ICC2", 0.29, 0.019, 0.76, 0.000135}, {"ICC3", 0.71, 0.342, 0.95, 0.000135},
		{"ICC1k", 0.44, -0.884, 0.91, 0.164769}, {"ICC2k", 0.62, 0.071, 0.93, 0.000135}, {"ICC3k", 0.91, 0.676, 0.99, 0.000135},
	} {
		e := m[tc.key].(map[string]any)
		near(t, tc.key, f(t, e["value"]), tc.v, 0.005)
		near(t, tc.key+" lower", f(t, e["lower"]), tc.lo, 0.0005)
		near(t, tc.key+" upper", f(t, e["upper"]), tc.hi, 0.005)
		near(t, tc.key+" p", f(t, e["p"]), tc.p, 5e-7)
		if _, ok := e["f"]; !ok {
			t.Errorf("%s lacks f", tc.key)
		}
	}
	a := run(t, "alpha", `{"scores": [[9,2,5,8],[6,1,3,2],[8,4,6,8],[7,1,2,6],[10,5,6,9],[6,2,4,7]]}`)
	near(t, "alpha", f(t, a["alpha"]), 0.909, 0.0005)
	if len(floats(t, a["alpha_if_deleted"])) != 4 {
		t.Error("alpha_if_deleted")
	}
}

// irr::kendall(scorecard, correct = TRUE): Wt = 0.735, Chisq(11) = 40.5, p = 2.99e-05.
func TestKendallW(t *testing.T) {
	m := run(t, "kendall-w", `{"scores": [[4,3,1,5,6,9,8,2,7,11,10,12],[1,2,6,3,5,4,8,9,10,11,6,12],[1,2,6,3,4,5,8,7,10,9,11,12],[2,3,5,6,7,1,4,10,8,9,11,12],[1,6,2,5,3,8,4,9,7,10,11,12]]}`)
	near(t, "w", f(t, m["w"]), 0.735, 0.0005)
	near(t, "chi2", f(t, m["chi2"]), 40.5, 0.05)
	near(t, "df", f(t, m["df"]), 11, 0)
	near(t, "p", f(t, m["p"]), 2.99e-5, 0.005e-5)
	if !(f(t, m["w_uncorrected"]) < f(t, m["w"])) {
		t.Error("uncorrected W should be smaller with ties")
	}
}

func TestDescriptiveBootstrapNormalise(t *testing.T) {
	m := run(t, "descriptive", `{"values": [7, 1, 3, 9, 100], "trim": 1}`)
	near(t, "median", f(t, m["median"]), 7, 0)
	near(t, "trimmed", f(t, m["trimmed_mean"]), 19.0/3, 1e-12)
	b1, _ := Run("bootstrap", []byte(`{"values": [3.1, 5.2, 8.3, 2.4, 9.5, 4.6], "seed": 7, "resamples": 500}`))
	b2, _ := Run("bootstrap", []byte(`{"values": [3.1, 5.2, 8.3, 2.4, 9.5, 4.6], "seed": 7, "resamples": 500}`))
	if string(b1) != string(b2) || len(b1) == 0 {
		t.Errorf("bootstrap not deterministic: %s vs %s", b1, b2)
	}
	for _, tc := range []struct {
		body string
		want []float64
	}{
		{`{"method": "minmax", "values": [10, 20, 30]}`, []float64{0, 50, 100}},
		{`{"method": "minmax", "values": [10, 20], "polarity": "lower", "goalposts": {"worst": 40, "best": 0}}`, []float64{75, 50}},
		{`{"method": "rank", "values": [5, 1, 5]}`, []float64{75, 0, 75}},
		{`{"method": "target", "values": [50, 150], "target": 100, "ceiling": 120}`, []float64{50, 120}},
		{`{"method": "trajectory", "values": [13], "year": 2023, "trajectory": {"base_year": 2020, "baseline": 10, "target_year": 2025, "target": 20}}`, []float64{50}},
		{`{"method": "distance", "values": [7, 5], "target": 7, "distance": 4}`, []float64{100, 50}},
		{`{"method": "thresholds", "values": [70], "thresholds": [{"value": 60, "score": 60}, {"value": 80, "score": 90}]}`, []float64{75}},
		{`{"method": "rubric", "labels": ["good"], "rubric": {"good": 80, "fair": 60}}`, []float64{80}},
		{`{"method": "zscore", "values": [1, 2, 3]}`, []float64{40, 50, 60}},
	} {
		got := floats(t, run(t, "normalise", tc.body)["scores"])
		for i := range tc.want {
			near(t, tc.body, got[i], tc.want[i], 1e-9)
		}
	}
}

const mcBody = `{"scores": [[80, 60, 70], [75, 65, 72], [60, 90, 50], [50, 50, 50]],
 "weights": {"children": [{"weight": 0.5, "children": [{"weight": 0.5, "indicator": 0}, {"weight": 0.5, "indicator": 1}]}, {"weight": 0.5, "indicator": 2}]},
 "samples": 3000, "seed": 11, "perturbation": {"kind": "dirichlet", "concentration": 30}, "bands": [60, 70]}`

func TestMonteCarloAndSensitivity(t *testing.T) {
	a, err := Run("montecarlo", []byte(mcBody))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Run("montecarlo", []byte(mcBody))
	if string(a) != string(b) {
		t.Error("montecarlo output not byte-identical for the same seed")
	}
	var m MonteCarloResponse
	if err := json.Unmarshal(a, &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Units) != 4 || len(m.Swaps) != 3 || m.Units[3].BaseRank != 4 || len(m.Units[0].BandProbability) != 3 {
		t.Errorf("shape: %s", a)
	}
	var off MonteCarloResponse
	ob, err := Run("montecarlo", []byte(strings.Replace(mcBody, `"bands"`, `"offsets": [0, 0, 0, 30], "bands"`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(ob, &off); err != nil {
		t.Fatal(err)
	}
	if off.Units[3].BaseRank != 1 || float64(off.Units[3].BaseScore) != 80 {
		t.Errorf("offset unit: %+v", off.Units[3])
	}
	flat := run(t, "montecarlo", `{"scores": [[80, 60], [70, 75]], "weights": [0.5, 0.5], "samples": 100, "seed": 1, "perturbation": {"kind": "uniform", "percent": 20}}`)
	if len(flat["units"].([]any)) != 2 {
		t.Error("flat weights")
	}
	s := run(t, "sensitivity", `{"scores": [[80, 60], [70, 68]], "weights": [0.5, 0.5]}`)
	p0 := s["pairs"].([]any)[0].(map[string]any)
	// Unit 0 leads by 1 point; moving weight from indicator 0 to 1 by δ: 70·… equal at
	// w0 = 8/18 (80w + 60(1−w) = 70w + 68(1−w) ⇒ w = 4/9), so |δ| = 0.5 − 4/9 = 1/18.
	near(t, "delta", math.Abs(f(t, p0["delta"])), 1.0/18, 1e-12)
}

// Every bad input is a *engine.ValidationError that unwraps to ErrInvalid, names the field,
// and never panics.
func TestBadInput(t *testing.T) {
	for _, tc := range []struct {
		method, body, field string
	}{
		{"nope", `{}`, "method"},
		{"ahp", `{"matrix": [[1, 2], [0.5]]}`, "matrix[1]"},
		{"ahp", `{"matrix": [[1, 2, 3], [0.5, 1, 2], [0.2, 0.5, 1]]}`, "matrix[2][0]"},
		{"ahp", `{"matrix": [[1, -2], [-0.5, 1]]}`, "matrix[0][1]"},
		{"ahp", `{"matrix": [[1, 2], [0.5, 1]], "method": "power"}`, "method"},
		{"ahp", `{"matrix": [[1, 2], [0.5, 1]], "extra": 1}`, ""},
		{"ahp", `{"matrix": [[1, 2], [0.5, 1]]} {}`, ""},
		{"ahp", `{"matrix": [[1, "x"], [0.5, 1]]}`, "matrix"},
		{"ahp", `{"matrix": [[1, NaN], [0.5, 1]]}`, ""},
		{"ahp", `{"matrix": [[1, 1e400], [0.5, 1]]}`, ""},
		{"ahp", `{"matrix": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}`, "matrix"},
		{"ahp-group", `{"matrices": []}`, "matrices"},
		{"ahp-group", `{"matrices": [[[1, 2], [0.5, 1]], [[1, 2, 3], [0.5, 1, 1], [0.3333333333333333, 1, 1]]]}`, "matrices[1]"},
		{"entropy", `{"matrix": [[1, 2], [1, 3]]}`, "matrix[*][0]"},
		{"entropy", `{"matrix": [[1, 2], [3]]}`, "matrix[1]"},
		{"entropy", `{"matrix": [[1, null], [2, 3]]}`, "matrix[0][1]"},
		{"critic", `{"matrix": [[1, 2], [2, 3]], "polarity": ["up", "higher"]}`, "polarity[0]"},
		{"critic", `{"matrix": [[1, 2], [2, 3]], "polarity": ["higher"]}`, "polarity"},
		{"topsis", `{"matrix": [[1, 2], [2, 3]], "weights": [0.5, 0.6]}`, "weights"},
		{"topsis", `{"matrix": [[0, 2], [0, 3]], "weights": [0.5, 0.5]}`, "matrix[*][0]"},
		{"icc", `{"ratings": [[1, 2]]}`, "ratings"},
		{"icc", `{"ratings": [[1, 1], [1, 1]]}`, "ratings"},
		{"alpha", `{"scores": [[1, 2], [1, 2]]}`, "scores"},
		{"kendall-w", `{"scores": [[1, 1], [2, 2]]}`, "scores"},
		{"montecarlo", `{"scores": [[80, 60], [70, 75]], "weights": [0.5, 0.4], "samples": 10, "perturbation": {"kind": "uniform", "percent": 10}}`, "weights"},
		{"montecarlo", `{"scores": [[80, 160], [70, 75]], "weights": [0.5, 0.5], "samples": 10, "perturbation": {"kind": "uniform", "percent": 10}}`, "scores[0][1]"},
		{"montecarlo", `{"scores": [[80, 60], [70, 75]], "weights": [0.5, 0.5], "samples": 0, "perturbation": {"kind": "dirichlet"}}`, "samples"},
		{"montecarlo", `{"scores": [[80, 60], [70, 75]], "weights": [0.5, 0.5], "samples": 5, "perturbation": {"kind": "uniform", "percent": 5}, "offsets": [1]}`, "offsets"},
		{"montecarlo", `{"scores": [[80, 60], [70, 75]], "weights": {"children": [{"weight": 1, "indicator": 0}]}, "samples": 5, "perturbation": {"kind": "uniform", "percent": 1}}`, "weights"},
		{"normalise", `{"method": "minmax", "values": [3, 3]}`, "values"},
		{"normalise", `{"method": "rubric", "labels": ["x"], "rubric": {"good": 1}}`, "labels[0]"},
		{"normalise", `{"method": "thresholds", "values": [1], "thresholds": [{"value": 2, "score": 1}, {"value": 1, "score": 2}]}`, "thresholds[1].value"},
		{"descriptive", `{"values": [1, 2], "trim": 1}`, "trim"},
		{"combine", `{"subjective": [0.5, 0.5], "objective": [1, 0], "alpha": 2}`, "alpha"},
	} {
		out, err := Run(tc.method, []byte(tc.body))
		if err == nil {
			t.Errorf("%s %s: no error, got %s", tc.method, tc.body, out)
			continue
		}
		var ve *engine.ValidationError
		if !errors.Is(err, engine.ErrInvalid) || !errors.As(err, &ve) {
			t.Errorf("%s %s: %v is not a ValidationError", tc.method, tc.body, err)
			continue
		}
		if tc.field != "" {
			found := false
			for _, p := range ve.Problems {
				if p.Field == tc.field {
					found = true
				}
			}
			if !found {
				t.Errorf("%s %s: problems %+v lack field %q", tc.method, tc.body, ve.Problems, tc.field)
			}
		}
	}
}

func TestMethodsAndDeterministicOutput(t *testing.T) {
	ms := Methods()
	if len(ms) < 9 || !strings.Contains(strings.Join(ms, " "), "kendall-w") {
		t.Errorf("methods %v", ms)
	}
	a, _ := Run("ahp", []byte(houseJSON))
	b, _ := Run("ahp", []byte(houseJSON))
	if string(a) != string(b) {
		t.Error("ahp output differs between runs")
	}
	if !strings.HasPrefix(string(a), `{"weights":[`) {
		t.Errorf("field order: %.40s", a)
	}
}
