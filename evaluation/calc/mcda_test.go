package calc

import (
	"errors"
	"fmt"
	"testing"

	"evalbench/evaluation/engine"
)

// Papathanasiou & Ploskas (2018), ch. 2 (VIKOR): printed Q 0.640 1.000 0.693 0.271 0.000 0.694
// with v = 0.625 (tolerance 0.0005), compromise solution A5.
const papathanasiouMatrix = `[[8, 7, 2, 1], [5, 3, 7, 5], [7, 5, 6, 4], [9, 9, 7, 3], [11, 10, 3, 7], [6, 9, 5, 4]]`

func TestVIKORCalc(t *testing.T) {
	m := run(t, "vikor", `{"matrix": `+papathanasiouMatrix+`, "weights": [0.4, 0.3, 0.1, 0.2], "v": 0.625}`)
	for i, want := range []float64{0.640, 1.000, 0.693, 0.271, 0.000, 0.694} {
		near(t, "q", floats(t, m["q"])[i], want, 0.0005)
	}
	for i, want := range []float64{3, 6, 4, 2, 1, 5} {
		near(t, "rank", floats(t, m["ranks"])[i], want, 0)
	}
	if m["acceptable_advantage"] != true || m["acceptable_stability"] != true {
		t.Errorf("conditions: %v", m)
	}
	if c := floats(t, m["compromise"]); len(c) != 1 || c[0] != 4 {
		t.Errorf("compromise %v", c)
	}
	for _, k := range []string{"s", "r", "dq"} {
		if _, ok := m[k]; !ok {
			t.Errorf("response lacks %q", k)
		}
	}
}

// Papathanasiou & Ploskas (2018), ch. 3: linear q = 1, p = 2 on every criterion; printed net
// flows −0.26 −0.52 −0.22 0.36 0.70 −0.06 (tolerance 0.005).
func TestPROMETHEE2Calc(t *testing.T) {
	lin := `{"type": "linear", "q": 1, "p": 2}`
	m := run(t, "promethee2", `{"matrix": `+papathanasiouMatrix+`, "weights": [0.4, 0.3, 0.1, 0.2], "functions": [`+lin+`, `+lin+`, `+lin+`, `+lin+`]}`)
	for i, want := range []float64{-0.26, -0.52, -0.22, 0.36, 0.70, -0.06} {
		near(t, "phi", floats(t, m["phi"])[i], want, 0.005)
	}
	for i, want := range []float64{5, 6, 4, 2, 1, 3} {
		near(t, "rank", floats(t, m["ranks"])[i], want, 0)
	}
	// Default usual criterion; a cost column.
	m = run(t, "promethee2", `{"matrix": [[1, 5], [2, 3], [3, 4]], "weights": [0.5, 0.5], "polarity": ["higher", "lower"]}`)
	// Row 1 against row 0: π = 0.5 (2 > 1) + 0.5 (3 < 5, a cost) = 1; against row 2: 0 + 0.5
	// (3 < 4) = 0.5; φ⁺ = 1.5/(3 − 1) = 0.75.
	near(t, "phi_plus[1]", floats(t, m["phi_plus"])[1], 0.75, 1e-12)
	if len(floats(t, m["phi_minus"])) != 3 {
		t.Error("phi_minus")
	}
}

// Yıldırım & Önder (2015) grey relational example (JMcDM test values), tolerance 1e-4.
func TestGRACalc(t *testing.T) {
	m := run(t, "gra", `{"matrix": [[105000, 105, 10, 4, 300, 10], [120000, 110, 15, 4, 500, 8], [150000, 120, 12, 3, 550, 12], [115000, 105, 20, 4, 600, 9], [135000, 115, 15, 5, 400, 9]],
		"weights": [0.05, 0.20, 0.10, 0.15, 0.10, 0.40], "polarity": ["lower", "higher", "lower", "higher", "higher", "lower"]}`)
	for i, want := range []float64{0.525, 0.7007, 0.5464, 0.5763, 0.6510} {
		near(t, "grade", floats(t, m["grades"])[i], want, 1e-4)
	}
	for i, want := range []float64{5, 1, 4, 3, 2} {
		near(t, "rank", floats(t, m["ranks"])[i], want, 0)
	}
	if n := m["normalised"].([]any); len(n) != 5 || len(m["coefficients"].([]any)) != 5 {
		t.Error("normalised/coefficients shape")
	}
	// Equal weights, a given reference and rho.
	m = run(t, "gra", `{"matrix": [[0, 1], [1, 0], [0.5, 0.5]], "reference": [0.5, 0.5], "rho": 0.5}`)
	near(t, "grade[2]", floats(t, m["grades"])[2], 1, 1e-15)
}

// The max–min example of statistics/fuzzy_test.go (printed B = 0.1 0.2 0.4 0.3 0.2) and the
// hand-computed weighted average and score.
func TestFCECalc(t *testing.T) {
	body := `{"weights": [0.2, 0.2, 0.2, 0.4], "membership": [[0, 0.1, 0.2, 0.3, 0.4], [0.1, 0.1, 0.4, 0.2, 0.2], [0, 0.1, 0.2, 0.6, 0.1], [0, 0.2, 0.5, 0.3, 0]], "operator": "%s"%s}`
	m := run(t, "fce", fmt.Sprintf(body, "max-min", ""))
	for i, want := range []float64{0.1, 0.2, 0.4, 0.3, 0.2} {
		near(t, "b", floats(t, m["b"])[i], want, 1e-12)
	}
	if f(t, m["grade"]) != 2 {
		t.Errorf("grade %v", m["grade"])
	}
	if _, ok := m["score"]; ok {
		t.Error("score without grade_scores")
	}
	m = run(t, "fce", fmt.Sprintf(body, "weighted-average", `, "grade_scores": [100, 80, 60, 40, 20]`))
	near(t, "score", f(t, m["score"]), 51.2, 1e-12)
	for _, op := range []string{"max-product", "bounded-sum"} {
		run(t, "fce", fmt.Sprintf(body, op, ""))
	}
}

func TestMCDACalcValidation(t *testing.T) {
	for _, c := range []struct{ method, body, field string }{
		{"vikor", `{"matrix": [[1, 2], [3, 4]], "weights": [0.5]}`, "weights"},
		{"vikor", `{"matrix": [[1, 2], [3, 4]], "weights": [0.5, 0.5], "v": 2}`, "v"},
		{"vikor", `{"matrix": [[1, 2], [1, 4]], "weights": [0.5, 0.5]}`, "matrix[*][0]"},
		{"vikor", `{"matrix": [[1, 2]], "weights": [0.5, 0.5]}`, "matrix"},
		{"vikor", `{"matrix": [[1, 2], [3]], "weights": [0.5, 0.5]}`, "matrix[1]"},
		{"vikor", `{"matrix": [[1, 2], [3, 4]], "weights": [0.5, 0.5], "polarity": ["up", "lower"]}`, "polarity[0]"},
		{"promethee2", `{"matrix": [[1, 2], [3, 4]], "weights": [0.5, 0.5], "functions": [{"type": "usual"}]}`, "functions"},
		{"promethee2", `{"matrix": [[1, 2], [3, 4]], "weights": [0.5, 0.5], "functions": [{"type": "usual"}, {"type": "w-shape"}]}`, "functions[1].type"},
		{"promethee2", `{"matrix": [[1, 2], [3, 4]], "weights": [0.5, 0.5], "functions": [{"type": "usual", "q": 1}, {"type": "v-shape"}]}`, "functions[1].p"},
		{"promethee2", `{"matrix": [[1, 2], [3, 4]], "weights": [0.5, 0.5], "functions": [{"type": "usual", "q": 1}, {"type": "v-shape", "p": 1}]}`, "functions[0].q"},
		{"promethee2", `{"matrix": [[1, 2], [3, 4]], "weights": [0.5, 0.5], "functions": [{"type": "linear", "q": 2, "p": 1}, {"type": "gaussian", "s": 0}]}`, "functions[0].p"},
		{"promethee2", `{"matrix": [[1, 2], [3, 4]], "weights": [0.5, 0.5], "functions": [{"type": "level", "q": -1, "p": 1}, {"type": "gaussian", "s": 0}]}`, "functions[1].s"},
		{"promethee2", `{"matrix": [[1, 2], [3, 4]], "weights": [0.5, 0.5], "functions": [{"type": "level", "q": -1, "p": 1}, {"type": "v-shape", "p": 0}]}`, "functions[0].q"},
		{"gra", `{"matrix": [[1, 2], [3, 4]], "rho": 0}`, "rho"},
		{"gra", `{"matrix": [[1, 2], [3, 4]], "reference": [1]}`, "reference"},
		{"gra", `{"matrix": [[1, 2], [3, 4]], "weights": [0.3, 0.3]}`, "weights"},
		{"gra", `{"matrix": [[1, 2], [1, 4]]}`, "matrix[*][0]"},
		{"gra", `{"matrix": [[1, 2], [3, 4]], "reference": [1, 2, 3]}`, "reference"},
		{"fce", `{"weights": [0.5, 0.5], "membership": [[0.5, 0.5], [1, 0]], "operator": "max"}`, "operator"},
		{"fce", `{"weights": [0.5, 0.5], "membership": [[0.5, 0.5], [1.5, 0]], "operator": "max-min"}`, "membership[1][0]"},
		{"fce", `{"weights": [0.5, 0.5], "membership": [[0.5, 0.5], [-1, 0]], "operator": "max-min"}`, "membership[1][0]"},
		{"fce", `{"weights": [1], "membership": [[0.5, 0.5], [1, 0]], "operator": "max-min"}`, "weights"},
		{"fce", `{"weights": [0.5, 0.5], "membership": [[0.5, 0.5], [1, 0]], "operator": "max-min", "grade_scores": [1]}`, "grade_scores"},
		{"fce", `{"weights": [0.5, 0.5], "membership": [[0, 0], [0, 0]], "operator": "max-min", "grade_scores": [1, 2]}`, "membership"},
		{"ahp-scale", `{"matrix": [[1, 2], [0.5, 1]], "scale": "fibonacci"}`, "scale"},
		{"ahp-scale", `{"matrix": [[1, 2.5], [0.4, 1]], "scale": "saaty"}`, "matrix[0][1]"},
		{"ahp-scale", `{"matrix": [[1, 2], [0.4, 1]], "scale": "saaty"}`, "matrix[1][0]"},
		{"ahp-scale", `{"matrix": [[1, 0, 2], [0, 1, 0], [0.5, 0, 1]], "scale": "saaty"}`, "matrix[0][1]"},
		{"ahp-scale", `{"matrix": [[1, 2], [0.5, 1]], "scale": "saaty", "steps": 1}`, "seed"},
		{"ahp-scale", `{"matrix": [[1, 2], [0.5, 1]], "scale": "saaty", "seed": 1}`, "seed"},
		{"ahp-scale", `{"matrix": [[1, 2], [0.5, 1]], "scale": "saaty", "steps": 1, "seed": 1, "samples": 0}`, "samples"},
		{"ahp-scale", `{"matrix": [[1, 2], [0.5, 1]], "scale": "saaty", "steps": -1, "seed": 1}`, "steps"},
		{"ahp-scale", `{"matrix": [[1, 2, 3]], "scale": "saaty"}`, "matrix"},
		{"diagnostics", `{"matrix": [[1, 2], [3, 4]], "groups": [[0, 2]]}`, "groups[0][1]"},
		{"diagnostics", `{"matrix": [[1, 2], [3, 4]], "groups": [[0, 1], [1]]}`, "groups[1][0]"},
		{"diagnostics", `{"matrix": [[1, 2], [3, 4]], "availability": 2}`, "availability"},
		{"diagnostics", `{"matrix": [[1, 2], [3, 4]], "winsor_max": -1}`, "winsor_max"},
		{"diagnostics", `{"matrix": [[1, 2], [3]]}`, "matrix[1]"},
		{"diagnostics", `{"matrix": []}`, "matrix"},
		{"sobol", `{"function": "rosenbrock", "n": 10, "seed": 1}`, "function"},
		{"sobol", `{"function": "ishigami", "n": 1, "seed": 1}`, "n"},
		{"sobol", `{"function": "ishigami", "n": 10}`, "seed"},
		{"sobol", `{"function": "ishigami", "n": 10, "seed": 1, "level": 1}`, "level"},
		{"sobol", `{"function": "ishigami", "n": 10, "seed": 1, "a": 1e300}`, "a"},
	} {
		_, err := Run(c.method, []byte(c.body))
		var ve *engine.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s %s: error %v is not a ValidationError", c.method, c.body, err)
			continue
		}
		found := false
		for _, p := range ve.Problems {
			if p.Field == c.field {
				found = true
			}
		}
		if !found {
			t.Errorf("%s %s: no problem at %q: %v", c.method, c.body, c.field, err)
		}
	}
}
