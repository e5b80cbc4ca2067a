package calc

import (
	"testing"
)

func TestAHPScaleCalc(t *testing.T) {
	// Ma–Zheng (9/9–9/1): 3 → 9/7, 5 → 9/5, 2 → 9/8; upper triangle only.
	m := run(t, "ahp-scale", `{"matrix": [[1, 3, 5], [null, 1, 2], [null, null, 1]], "scale": "9/9-9/1", "method": "geometric"}`)
	rows := m["matrix"].([]any)
	near(t, "a01", floats(t, rows[0])[1], 9.0/7, 1e-12)
	near(t, "a20", floats(t, rows[2])[0], 5.0/9, 1e-12)
	w := floats(t, m["weights"])
	if len(w) != 3 || !(w[0] > w[1] && w[1] > w[2]) {
		t.Errorf("weights %v", w)
	}
	if _, ok := m["lower"]; ok {
		t.Error("interval without steps")
	}
	// Saaty's house matrix with ±1 step: the interval holds the published priorities.
	m = run(t, "ahp-scale", `{"matrix": `+houseMatrixJSON+`, "scale": "saaty", "steps": 1, "samples": 500, "seed": 3}`)
	w, lo, hi := floats(t, m["weights"]), floats(t, m["lower"]), floats(t, m["upper"])
	for i, want := range []float64{.173, .054, .188, .018, .031, .036, .167, .333} {
		near(t, "weight", w[i], want, 0.0005)
		if !(lo[i] <= w[i] && w[i] <= hi[i]) {
			t.Errorf("weight %d outside [%v, %v]", i, lo[i], hi[i])
		}
	}
}

const houseMatrixJSON = `[[1, 5, 3, 7, 6, 6, 0.3333333333333333, 0.25],
 [0.2, 1, 0.3333333333333333, 5, 3, 3, 0.2, 0.14285714285714285],
 [0.3333333333333333, 3, 1, 6, 3, 4, 6, 0.2],
 [0.14285714285714285, 0.2, 0.16666666666666666, 1, 0.3333333333333333, 0.25, 0.14285714285714285, 0.125],
 [0.16666666666666666, 0.3333333333333333, 0.3333333333333333, 3, 1, 0.5, 0.2, 0.16666666666666666],
 [0.16666666666666666, 0.3333333333333333, 0.25, 4, 2, 1, 0.2, 0.16666666666666666],
 [3, 5, 0.16666666666666666, 7, 5, 5, 1, 0.5],
 [4, 7, 5, 8, 6, 6, 2, 1]]`
