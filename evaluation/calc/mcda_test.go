package calc

import (
	"errors"
	"testing"

	"evalbench/evaluation"
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

func TestMCDACalcValidation(t *testing.T) {
	for _, c := range []struct{ method, body, field string }{
		{"vikor", `{"matrix": [[1, 2], [3, 4]], "weights": [0.5]}`, "weights"},
		{"vikor", `{"matrix": [[1, 2], [3, 4]], "weights": [0.5, 0.5], "v": 2}`, "v"},
		{"vikor", `{"matrix": [[1, 2], [1, 4]], "weights": [0.5, 0.5]}`, "matrix[*][0]"},
		{"vikor", `{"matrix": [[1, 2]], "weights": [0.5, 0.5]}`, "matrix"},
		{"vikor", `{"matrix": [[1, 2], [3]], "weights": [0.5, 0.5]}`, "matrix[1]"},
		{"vikor", `{"matrix": [[1, 2], [3, 4]], "weights": [0.5, 0.5], "polarity": ["up", "lower"]}`, "polarity[0]"},
	} {
		_, err := Run(c.method, []byte(c.body))
		var ve *evaluation.ValidationError
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
