package calc

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"evalbench/evaluation/engine"
)

var longNumber = regexp.MustCompile(`[0-9]{6}`)

// FuzzRun checks that no input makes a method panic (Run would recover and report "input
// rejected", which here counts as a failure: validation must catch it first) and that every
// error is a ValidationError.
func FuzzRun(f *testing.F) {
	seeds := []struct{ method, body string }{
		{"ahp", houseJSON},
		{"ahp", `{"matrix": [[1, 2, 0], [0.5, 1, 3], [0, 0.333, 1]], "tolerance": 0.01}`},
		{"ahp-group", `{"matrices": [[[1, 2], [0.5, 1]], [[1, 4], [0.25, 1]]], "mode": "aip"}`},
		{"entropy", `{"matrix": [[1, 2], [3, 4], [5, 7]], "polarity": ["lower", "higher"]}`},
		{"critic", `{"matrix": [[1, 2, 3], [3, 4, 1], [5, 7, 2]]}`},
		{"topsis", `{"matrix": [[1, 2], [3, 4]], "weights": [0.5, 0.5]}`},
		{"icc", `{"ratings": [[1, 2], [3, 4], [5, 5]]}`},
		{"icc", `{"ratings": [[1, 9], [5, 5]]}`}, // no between-target variance: ICC(2)'s ν is 0/0
		{"kendall-w", `{"scores": [[1, 2, 3], [3, 2, 1]]}`},
		{"normalise", `{"method": "trajectory", "values": [3], "year": 2022, "trajectory": {"base_year": 2020, "baseline": 1, "target_year": 2025, "target": 5, "path": "compound"}}`},
		{"montecarlo", mcBody},
		{"sensitivity", `{"scores": [[80, 60], [70, 68]], "weights": {"children": [{"weight": 0.5}, {"weight": 0.5}]}}`},
		{"hierarchy", `{"tree": {"children": [{"weight": 1, "children": [{"weight": 1}]}]}}`},
		{"vikor", `{"matrix": [[8, 7], [5, 3], [7, 5]], "weights": [0.6, 0.4], "polarity": ["higher", "lower"], "v": 0.625}`},
		{"promethee2", `{"matrix": [[8, 7], [5, 3], [7, 5]], "weights": [0.6, 0.4], "functions": [{"type": "linear", "q": 1, "p": 2}, {"type": "gaussian", "s": 1}]}`},
		{"gra", `{"matrix": [[8, 7], [5, 3], [7, 5]], "polarity": ["lower", "higher"], "rho": 0.5, "reference": [6, 6]}`},
		{"ahp-scale", `{"matrix": [[1, 3, 5], [null, 1, 2], [null, null, 1]], "scale": "balanced", "steps": 1, "samples": 20, "seed": 1}`},
		{"diagnostics", `{"matrix": [[1, 2, 3], [2, null, 5], [3, 1, 4], [4, 2, 9], [50, 3, 1]], "groups": [[0, 1], [2]], "winsor_max": 1}`},
		{"sobol", `{"function": "ishigami", "n": 64, "seed": 1, "resamples": 10}`},
		{"fce", `{"weights": [0.5, 0.5], "membership": [[0.2, 0.8], [0.6, 0.4]], "operator": "max-min", "grade_scores": [90, 60]}`},
	}
	for _, s := range seeds {
		f.Add(s.method, s.body)
	}
	f.Fuzz(func(t *testing.T, method, body string) {
		if (method == "montecarlo" || method == "bootstrap" || method == "ahp-scale" || method == "sobol") && longNumber.MatchString(body) {
			return // keep each execution fast: no sample counts of a million or more
		}
		_, err := Run(method, []byte(body))
		if err == nil {
			return
		}
		var ve *engine.ValidationError
		if !errors.As(err, &ve) {
			t.Fatalf("%s %q: error %v is not a ValidationError", method, body, err)
		}
		if strings.Contains(err.Error(), "input rejected") {
			t.Fatalf("%s %q: validation missed a panic: %v", method, body, err)
		}
		for _, p := range ve.Problems {
			if p.MessageID == "" || ve.SummaryID == "" {
				t.Fatalf("%s %q: a problem not from the catalogue: %+v", method, body, p)
			}
		}
	})
}
