package evaluation

import (
	"math"
	"testing"

	"evalbench/evaluation/engine"
)

// TestPreviewRanking checks the preview's ranks and swap thresholds on composites computed by
// hand: three units whose composites move linearly with the weight (saved 0.2, probe 0.25,
// proposed 0.4).
//
// a: 90 at 0.2, slope 5 → 91 at 0.4; b: 80, slope 25 → 85; c: 70, slope −10 → 68.
// Neighbours at 0.4: a/b tie when 91 + 5Δ = 85 + 25Δ, Δ = 0.3 (weight 0.7);
// b/c: 85 + 25Δ = 68 − 10Δ, Δ = −17/35 = −0.4857…, weight −0.0857… < 0: no swap.
func TestPreviewRanking(t *testing.T) {
	res := func(xs ...float64) *engine.Result {
		r := &engine.Result{}
		for i, x := range xs {
			x := x
			r.Units = append(r.Units, engine.UnitResult{Code: string(rune('a' + i)), Name: string(rune('A' + i)), Composite: &x})
		}
		// ranks by composite, best first
		for i := range r.Units {
			rank := 1
			for j := range r.Units {
				if *r.Units[j].Composite > *r.Units[i].Composite {
					rank++
				}
			}
			r.Units[i].Rank = rank
		}
		return r
	}
	out := &AdjustmentPreview{Before: 0.2, After: 0.4}
	previewRanking(out, res(90, 80, 70), res(91, 85, 68), res(90.25, 81.25, 69.5), 0.25)
	if !out.Linear {
		t.Error("linear composites reported non-linear")
	}
	if len(out.Units) != 3 || out.Units[0].Unit != "a" || out.Units[1].Unit != "b" || out.Units[2].Unit != "c" {
		t.Fatalf("units: %+v", out.Units)
	}
	if len(out.Swaps) != 2 {
		t.Fatalf("swaps: %v", out.Swaps)
	}
	ab, bc := out.Swaps[0], out.Swaps[1]
	if ab.Delta == nil || math.Abs(*ab.Delta-0.3) > 1e-12 || math.Abs(*ab.Weight-0.7) > 1e-12 || ab.Gap != 6 {
		t.Errorf("a/b: %v gap %v, want Δ +0.3 at 0.7, gap 6", ab, ab.Gap)
	}
	if bc.Delta != nil {
		t.Errorf("b/c: %v, want no swap (the tie lies at a negative weight)", bc)
	}
	// A proposed point off the line is reported.
	out = &AdjustmentPreview{Before: 0.2, After: 0.4}
	previewRanking(out, res(90, 80, 70), res(91.5, 85, 68), res(90.25, 81.25, 69.5), 0.25)
	if out.Linear {
		t.Error("a composite off its line was not noticed")
	}
	// A rank change is counted in places.
	out = &AdjustmentPreview{Before: 0.2, After: 0.8}
	previewRanking(out, res(90, 80, 70), res(93, 95, 64), res(90.25, 81.25, 69.5), 0.25)
	if out.Units[0].Unit != "b" || out.Units[0].Moved != 1 || out.Units[1].Moved != -1 {
		t.Errorf("after the swap: %+v", out.Units)
	}
}
