package statistics

import (
	"math"
	"testing"
)

// TestWeightSwapHandComputed checks the swap threshold against a case computed by hand.
//
// Three criteria weighing w = (0.5, 0.3, 0.2); unit a scores (80, 60, 70), unit b (60, 90, 65):
// C_a = 40 + 18 + 14 = 72, C_b = 30 + 27 + 13 = 70. Moving criterion 0 by Δ with the others renormalised:
// slope_a = (80 − 72)/0.5 = 16, slope_b = (60 − 70)/0.5 = −20, so
// Δ* = (70 − 72)/(16 − (−20)) = −2/36 = −0.0555…: at w_0 = 0.4444… the two tie. Check by hand:
// w' = (4/9, 0.3·(5/9)/0.5, 0.2·(5/9)/0.5) = (4/9, 1/3, 2/9);
// C_a = 320/9 + 20 + 140/9 = 460/9 + 20 = 71.111…, C_b = 240/9 + 30 + 130/9 = 370/9 + 30 = 71.111….
func TestWeightSwapHandComputed(t *testing.T) {
	w := []float64{0.5, 0.3, 0.2}
	xa := []float64{80, 60, 70}
	xb := []float64{60, 90, 65}
	d, ok := WeightSwap(w, xa, xb, 0)
	if !ok {
		t.Fatal("no swap found")
	}
	if want := -1.0 / 18; math.Abs(d-want) > 1e-12 {
		t.Errorf("Δ = %v, want %v", d, want)
	}
	// At the new weights the composites are equal (71.111… by hand).
	wj := w[0] + d
	scale := (1 - wj) / (1 - w[0])
	w2 := []float64{wj, w[1] * scale, w[2] * scale}
	var ca, cb float64
	for k := range w2 {
		ca += w2[k] * xa[k]
		cb += w2[k] * xb[k]
	}
	if math.Abs(ca-640.0/9) > 1e-9 || math.Abs(cb-640.0/9) > 1e-9 {
		t.Errorf("composites at Δ*: %v and %v, want 71.111… both", ca, cb)
	}
	// Criterion 1: slope_a = (60 − 72)/0.7, slope_b = (90 − 70)/0.7; Δ* = −2·0.7/(−12 − 20) = 0.04375.
	if d, ok := WeightSwap(w, xa, xb, 1); !ok || math.Abs(d-0.04375) > 1e-12 {
		t.Errorf("criterion 1: Δ = %v (ok %v), want 0.04375", d, ok)
	}
	// Criterion 2: slope_a = (70 − 72)/0.8 = −2.5, slope_b = (65 − 70)/0.8 = −6.25;
	// Δ* = −2/(−2.5 + 6.25) = −0.5333…, and w_2 + Δ* < 0: no weight swaps them.
	if d, ok := WeightSwap(w, xa, xb, 2); ok {
		t.Errorf("criterion 2: Δ = %v, want no feasible swap", d)
	}
}

func TestWeightCrossingParallel(t *testing.T) {
	if _, ok := WeightCrossing(70, 5, 72, 5); ok {
		t.Error("parallel lines cross")
	}
	if d, ok := WeightCrossing(70, 10, 72, 5); !ok || d != 0.4 {
		t.Errorf("Δ = %v (ok %v), want 0.4", d, ok)
	}
}

func TestRenormalisedSlopePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("weight 1 accepted")
		}
	}()
	RenormalisedSlope(1, 50, 40)
}
