package statistics

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// expertWeights returns normalised expert weights (equal when w is nil). Weights must be
// non-negative with a positive sum; here, unlike criterion weights, normalisation is the
// documented behaviour because expert weights are relative credibilities (Forman & Peniwati 1998).
func expertWeights(w []float64, k int) []float64 {
	out := make([]float64, k)
	if w == nil {
		for i := range out {
			out[i] = 1 / float64(k)
		}
		return out
	}
	if len(w) != k {
		panic("statistics: expert weights length does not match the number of experts")
	}
	var s float64
	for _, v := range w {
		if !(v >= 0) || math.IsInf(v, 0) {
			panic("statistics: expert weights must be finite and non-negative")
		}
		s += v
	}
	if s == 0 {
		panic("statistics: expert weights sum to zero")
	}
	for i, v := range w {
		out[i] = v / s
	}
	return out
}

// AggregateJudgments combines complete pairwise matrices by aggregation of individual judgments
// (AIJ): the weighted geometric mean of each cell,
//
//	a_ij = Π_k (a_ij^(k))^(λ_k),  Σ_k λ_k = 1,
//
// which is the only aggregation that keeps the reciprocal property (Aczél & Saaty 1983,
// "Procedures for synthesizing ratio judgements", J. Math. Psych. 27, 93–102; Forman & Peniwati
// 1998, "Aggregating individual judgments and priorities with the AHP", EJOR 108, 165–169).
// expertWeights may be nil (equal weights) and are normalised to sum 1. Matrices must be
// positive; dst may be nil.
func AggregateJudgments(dst *mat.Dense, matrices []mat.Matrix, expertW []float64) *mat.Dense {
	if len(matrices) == 0 {
		panic("statistics: no matrices to aggregate")
	}
	n, _ := matrices[0].Dims()
	lam := expertWeights(expertW, len(matrices))
	if dst == nil {
		dst = mat.NewDense(n, n, nil)
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			var l float64
			for k, m := range matrices {
				if r, c := m.Dims(); r != n || c != n {
					panic("statistics: matrices differ in size")
				}
				l += lam[k] * math.Log(m.At(i, j))
			}
			dst.Set(i, j, math.Exp(l))
		}
	}
	return dst
}

// AggregatePriorities combines individual priority vectors (AIP). With geometric true it is the
// weighted geometric mean w_i ∝ Π_k (w_i^(k))^(λ_k); otherwise the weighted arithmetic mean
// w_i ∝ Σ_k λ_k w_i^(k); the result is renormalised to sum 1 (Forman & Peniwati 1998, §3).
func AggregatePriorities(dst []float64, priorities [][]float64, expertW []float64, geometric bool) []float64 {
	if len(priorities) == 0 {
		panic("statistics: no priorities to aggregate")
	}
	n := len(priorities[0])
	lam := expertWeights(expertW, len(priorities))
	dst = resize(dst, n)
	var sum float64
	for i := 0; i < n; i++ {
		var v float64
		for k, p := range priorities {
			if len(p) != n {
				panic("statistics: priority vectors differ in length")
			}
			if geometric {
				v += lam[k] * math.Log(p[i])
			} else {
				v += lam[k] * p[i]
			}
		}
		if geometric {
			v = math.Exp(v)
		}
		dst[i] = v
		sum += v
	}
	for i := range dst {
		dst[i] /= sum
	}
	return dst
}

// Consensus describes the agreement of a group of experts' pairwise matrices.
type Consensus struct {
	// CellGSD[i][j] is the weighted geometric standard deviation of a_ij across experts,
	// exp(sqrt(Σ_k λ_k (ln a_ij^(k) − ln ā_ij)²)) with ā_ij the AIJ value: 1 means every expert
	// gave the same judgment, 2 means a typical factor-of-two spread. The diagonal is 1.
	CellGSD [][]float64
	// GCOMPI[k] is expert k's geometric compatibility index with the group priorities w,
	// 2/((n − 1)(n − 2)) · Σ_{i<j} ln²(a_ij^(k) w_j/w_i): the GCI of Aguarón & Moreno-Jiménez
	// (2003) evaluated against the group's priorities instead of the expert's own, the
	// compatibility measure used for row-geometric-mean group decisions by Escobar, Aguarón &
	// Moreno-Jiménez (2004), "A note on AHP group consistency for the row geometric mean
	// prioritization procedure", EJOR 153, 318–322. It is 0 for n ≤ 2.
	GCOMPI []float64
	// Index is the expert-weighted mean GCOMPI, the group's overall incompatibility; values up to
	// the GCI thresholds (GCIThreshold) indicate acceptable consensus.
	Index float64
}

// GroupConsensus computes per-cell dispersion and the geometric compatibility of each expert's
// complete matrix with the group priorities w (normally those of the AIJ matrix by row geometric
// mean). See Consensus for the formulas and sources.
func GroupConsensus(matrices []mat.Matrix, expertW, w []float64) Consensus {
	if len(matrices) == 0 {
		panic("statistics: no matrices")
	}
	n, _ := matrices[0].Dims()
	if len(w) != n {
		panic("statistics: group priorities length mismatch")
	}
	lam := expertWeights(expertW, len(matrices))
	c := Consensus{CellGSD: make([][]float64, n), GCOMPI: make([]float64, len(matrices))}
	for i := 0; i < n; i++ {
		c.CellGSD[i] = make([]float64, n)
		for j := 0; j < n; j++ {
			var mean float64
			for k, m := range matrices {
				mean += lam[k] * math.Log(m.At(i, j))
			}
			var v float64
			for k, m := range matrices {
				d := math.Log(m.At(i, j)) - mean
				v += lam[k] * d * d
			}
			c.CellGSD[i][j] = math.Exp(math.Sqrt(v))
		}
	}
	for k, m := range matrices {
		c.GCOMPI[k] = GCI(m, w)
		c.Index += lam[k] * c.GCOMPI[k]
	}
	return c
}

// CheckWeights verifies that w is finite, non-negative and sums to 1 within tol (ErrWeightSum,
// ErrNegative, ErrNonFinite). Weights are never renormalised silently.
func CheckWeights(w []float64, tol float64) error {
	var s float64
	for i, v := range w {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return cellErr(i, -1, ErrNonFinite)
		}
		if v < 0 {
			return cellErr(i, -1, ErrNegative)
		}
		s += v
	}
	if math.Abs(s-1) > tol {
		return detail(ErrWeightSum, CheckWeightSum, fmt.Sprintf("sum %.12g", s), "sum", s)
	}
	return nil
}
