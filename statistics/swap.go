package statistics

import (
	"fmt"
	"math"
)

// RenormalisedSlope returns how fast a unit's linear composite moves when criterion j's weight
// moves and the other criteria of its node share the rest in their proportions
// (w_k' = w_k·(1 − w_j − Δ)/(1 − w_j) for k ≠ j):
//
//	dC/dΔ = (x_j − C)/(1 − w_j)
//
// where C = Σ_k w_k·x_k is the composite (or, a level down, the node's score) at the current
// weights and x_j the unit's score on criterion j. Derivation: C(Δ) = (w_j+Δ)·x_j +
// (1 − w_j − Δ)/(1 − w_j)·(C − w_j·x_j), whose derivative in Δ is the expression above. It
// panics when w_j is not in [0, 1).
func RenormalisedSlope(wj, xj, c float64) float64 {
	if !(wj >= 0 && wj < 1) {
		panic(fmt.Sprintf("statistics: weight %v not in [0, 1)", wj))
	}
	return (xj - c) / (1 - wj)
}

// WeightCrossing returns the change Δ of one weight at which two units whose composites move
// linearly with it, C_a(Δ) = c_a + Δ·m_a and C_b(Δ) = c_b + Δ·m_b, become equal:
//
//	Δ* = (c_b − c_a)/(m_a − m_b)
//
// ok is false when the lines are parallel (m_a = m_b, to 1e-12 relative to the larger slope):
// no change of that weight swaps the two units. This is the weighted-sum stability limit of
// Triantaphyllou & Sánchez (1997, Decision Sciences 28(1), 151–194, the weighted sum model), stated for slopes so that
// it holds for a weight moved with its siblings renormalised (RenormalisedSlope) and a level
// down in a hierarchy, where the slope is scaled by the node's global weight.
func WeightCrossing(ca, ma, cb, mb float64) (delta float64, ok bool) {
	d := ma - mb
	if d == 0 || math.Abs(d) <= 1e-12*math.Max(math.Abs(ma), math.Abs(mb)) {
		return 0, false
	}
	return (cb - ca) / d, true
}

// WeightSwap returns the smallest change Δ of criterion j's weight — the other weights
// renormalised in proportion so that they still sum to 1 — at which the weighted-sum composites
// of units a and b (C = Σ_k w_k·x_k) become equal:
//
//	Δ* = −(C_a − C_b)·(1 − w_j) / ((x_aj − C_a) − (x_bj − C_b))
//
// (WeightCrossing with the slopes of RenormalisedSlope). ok is false when no weight in [0, 1)
// makes them equal: the slopes are equal, or w_j + Δ* falls outside [0, 1). w must sum to 1
// and have one entry per column of xa and xb; it panics otherwise.
func WeightSwap(w, xa, xb []float64, j int) (delta float64, ok bool) {
	if len(xa) != len(w) || len(xb) != len(w) || j < 0 || j >= len(w) {
		panic(fmt.Sprintf("statistics: WeightSwap with %d weights, %d and %d scores, criterion %d", len(w), len(xa), len(xb), j))
	}
	var sum, ca, cb float64
	for k, wk := range w {
		sum += wk
		ca += wk * xa[k]
		cb += wk * xb[k]
	}
	if math.Abs(sum-1) > 1e-9 {
		panic(fmt.Sprintf("statistics: WeightSwap weights sum to %v, not 1", sum))
	}
	delta, ok = WeightCrossing(ca, RenormalisedSlope(w[j], xa[j], ca), cb, RenormalisedSlope(w[j], xb[j], cb))
	if !ok || !(w[j]+delta >= 0 && w[j]+delta < 1) {
		return 0, false
	}
	return delta, true
}
