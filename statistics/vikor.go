package statistics

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// VIKORResult holds the outcome of VIKOR. Smaller S, R and Q are better.
type VIKORResult struct {
	// S is the group utility S_i = Σ_j w_j (f*_j − f_ij)/(f*_j − f⁻_j).
	S []float64
	// R is the individual regret R_i = max_j w_j (f*_j − f_ij)/(f*_j − f⁻_j).
	R []float64
	// Q is the compromise index v(S_i − S*)/(S⁻ − S*) + (1 − v)(R_i − R*)/(R⁻ − R*).
	Q []float64
	// Ranks by Q ascending: 1 for the smallest Q; ties share the mean of their ranks.
	Ranks []float64
	// Order lists the alternatives by Q ascending (ties in row order); Order[0] is a′, Order[1]
	// a″.
	Order []int
	// DQ = 1/(m − 1), the threshold of acceptable advantage.
	DQ float64
	// AcceptableAdvantage is condition C1: Q(a″) − Q(a′) ≥ DQ.
	AcceptableAdvantage bool
	// AcceptableStability is condition C2: a′ is also best (smallest, ties included) by S or by R.
	AcceptableStability bool
	// Compromise is the compromise set, in Order: {a′} if C1 and C2 hold; {a′, a″} if only C2
	// fails; otherwise a′, a″, …, a^(M), M the largest position with Q(a^(M)) − Q(a′) < DQ.
	Compromise []int
}

// VIKOR ranks the rows of x by the compromise-ranking method of Opricovic & Tzeng (2004),
// "Compromise solution by MCDM methods: A comparative analysis of VIKOR and TOPSIS", EJOR 156,
// 445–455, §3:
//
//	f*_j = max_i x_ij, f⁻_j = min_i x_ij for Higher criteria (swapped for Lower)
//	S_i = Σ_j w_j (f*_j − x_ij)/(f*_j − f⁻_j),   R_i = max_j w_j (f*_j − x_ij)/(f*_j − f⁻_j)
//	Q_i = v (S_i − S*)/(S⁻ − S*) + (1 − v)(R_i − R*)/(R⁻ − R*)
//
// with S* = min S, S⁻ = max S, R* = min R, R⁻ = max R and v the weight of the "majority of
// criteria" strategy (usually 0.5). When all S (or all R) are equal their term is 0. Conditions C1
// (acceptable advantage, DQ = 1/(m − 1)) and C2 (acceptable stability) and the compromise set
// follow the same section. pol may be nil (all Higher). A constant column returns a *CellError
// wrapping ErrZeroVariance, and a range beyond the float64 range
// ErrNonFinite. Fewer than two rows, a weights length other than the column count or v
// outside [0, 1] panic.
func VIKOR(x mat.Matrix, w []float64, pol []Polarity, v float64) (*VIKORResult, error) {
	m, n, err := checkMatrix(x, pol)
	if err != nil {
		return nil, err
	}
	if len(w) != n {
		panic("statistics: weights length does not match columns")
	}
	if m < 2 {
		panic("statistics: VIKOR needs at least two alternatives")
	}
	if !(v >= 0 && v <= 1) {
		panic("statistics: VIKOR v outside [0, 1]")
	}
	res := &VIKORResult{S: make([]float64, m), R: make([]float64, m), Q: make([]float64, m)}
	for j := 0; j < n; j++ {
		p := Higher
		if pol != nil {
			p = pol[j]
		}
		checkDirectional(p)
		lo, hi := math.Inf(1), math.Inf(-1)
		for i := 0; i < m; i++ {
			lo, hi = math.Min(lo, x.At(i, j)), math.Max(hi, x.At(i, j))
		}
		if hi == lo {
			return nil, cellErr(-1, j, ErrZeroVariance)
		}
		best, worst := hi, lo
		if p == Lower {
			best, worst = lo, hi
		}
		for i := 0; i < m; i++ {
			d := w[j] * (best - x.At(i, j)) / (best - worst)
			res.S[i] += d
			res.R[i] = math.Max(res.R[i], d)
		}
	}
	if err := checkFinite(res.S); err != nil {
		return nil, err
	}
	sLo, sHi := minMax(res.S)
	rLo, rHi := minMax(res.R)
	for i := 0; i < m; i++ {
		var q float64
		if sHi > sLo {
			q += v * (res.S[i] - sLo) / (sHi - sLo)
		}
		if rHi > rLo {
			q += (1 - v) * (res.R[i] - rLo) / (rHi - rLo)
		}
		res.Q[i] = q
	}
	res.Ranks = Ranks(nil, res.Q)
	res.Order = make([]int, m)
	for i := range res.Order {
		res.Order[i] = i
	}
	sort.SliceStable(res.Order, func(a, b int) bool { return res.Q[res.Order[a]] < res.Q[res.Order[b]] })
	res.DQ = 1 / float64(m-1)
	a1, a2 := res.Order[0], res.Order[1]
	res.AcceptableAdvantage = res.Q[a2]-res.Q[a1] >= res.DQ
	res.AcceptableStability = res.S[a1] == sLo || res.R[a1] == rLo
	switch {
	case res.AcceptableAdvantage && res.AcceptableStability:
		res.Compromise = []int{a1}
	case res.AcceptableAdvantage:
		res.Compromise = []int{a1, a2}
	default:
		for _, a := range res.Order {
			if res.Q[a]-res.Q[a1] < res.DQ {
				res.Compromise = append(res.Compromise, a)
			}
		}
	}
	return res, nil
}

func minMax(x []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range x {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	return lo, hi
}
