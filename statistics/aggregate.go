package statistics

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// WeightedArithmetic fills dst with the weighted arithmetic mean of each row of x,
// dst_i = Σ_j w_j x_ij (OECD/JRC Handbook 2008, §6.1, linear aggregation). The weights are used
// as given; check them with CheckWeights first.
func WeightedArithmetic(dst []float64, x mat.Matrix, w []float64) []float64 {
	r, c := x.Dims()
	if len(w) != c {
		panic("statistics: weights length does not match columns")
	}
	dst = resize(dst, r)
	for i := 0; i < r; i++ {
		var s float64
		for j := 0; j < c; j++ {
			s += w[j] * x.At(i, j)
		}
		dst[i] = s
	}
	return dst
}

// WeightedGeometric fills dst with the weighted geometric mean of each row,
// dst_i = Π_j x_ij^(w_j) / computed as exp(Σ_j w_j ln x_ij) (OECD/JRC Handbook 2008, §6.2,
// geometric aggregation; UNDP HDI since 2010). A zero value with positive weight gives 0;
// a negative value returns a *CellError wrapping ErrNegative.
func WeightedGeometric(dst []float64, x mat.Matrix, w []float64) ([]float64, error) {
	r, c, err := checkMatrix(x, nil)
	if err != nil {
		return nil, err
	}
	if len(w) != c {
		panic("statistics: weights length does not match columns")
	}
	dst = resize(dst, r)
	for i := 0; i < r; i++ {
		var l float64
		zero := false
		for j := 0; j < c; j++ {
			v := x.At(i, j)
			if v < 0 {
				return nil, cellErr(i, j, ErrNegative)
			}
			if w[j] == 0 {
				continue
			}
			if v == 0 {
				zero = true
				continue
			}
			l += w[j] * math.Log(v)
		}
		if zero {
			dst[i] = 0
		} else {
			dst[i] = math.Exp(l)
		}
	}
	return dst, nil
}

// TOPSISResult holds the outcome of TOPSIS.
type TOPSISResult struct {
	// Closeness C_i = D⁻_i/(D⁺_i + D⁻_i) in [0, 1]; larger is better.
	Closeness []float64
	// DPlus and DMinus are the Euclidean distances to the ideal and anti-ideal solutions.
	DPlus, DMinus []float64
	// Ranks: 1 for the largest closeness; ties share the mean of their ranks.
	Ranks []float64
}

// TOPSIS ranks the rows of x by the technique for order preference by similarity to ideal
// solution of Hwang & Yoon (1981), Multiple Attribute Decision Making, Springer, pp. 128–134:
//
//	r_ij = x_ij / sqrt(Σ_i x_ij²)        (vector normalisation)
//	v_ij = w_j r_ij
//	A⁺_j = max_i v_ij for benefit (Higher) criteria, min_i v_ij for cost (Lower) ones; A⁻ opposite
//	D⁺_i = ‖v_i − A⁺‖₂, D⁻_i = ‖v_i − A⁻‖₂,  C_i = D⁻_i / (D⁺_i + D⁻_i)
//
// pol may be nil (all Higher). A column of zeros returns ErrZeroVariance; an alternative that is
// both ideal and anti-ideal (every column constant) gets C = 0/0 and returns ErrDegenerate.
func TOPSIS(x mat.Matrix, w []float64, pol []Polarity) (*TOPSISResult, error) {
	m, n, err := checkMatrix(x, pol)
	if err != nil {
		return nil, err
	}
	if len(w) != n {
		panic("statistics: weights length does not match columns")
	}
	v := mat.NewDense(m, n, nil)
	plus := make([]float64, n)
	minus := make([]float64, n)
	for j := 0; j < n; j++ {
		p := Higher
		if pol != nil {
			p = pol[j]
		}
		checkDirectional(p)
		var ss float64
		for i := 0; i < m; i++ {
			ss += x.At(i, j) * x.At(i, j)
		}
		if ss == 0 {
			return nil, cellErr(-1, j, ErrZeroVariance)
		}
		norm := math.Sqrt(ss)
		lo, hi := math.Inf(1), math.Inf(-1)
		for i := 0; i < m; i++ {
			e := w[j] * x.At(i, j) / norm
			v.Set(i, j, e)
			lo, hi = math.Min(lo, e), math.Max(hi, e)
		}
		if p == Higher {
			plus[j], minus[j] = hi, lo
		} else {
			plus[j], minus[j] = lo, hi
		}
	}
	res := &TOPSISResult{Closeness: make([]float64, m), DPlus: make([]float64, m), DMinus: make([]float64, m)}
	for i := 0; i < m; i++ {
		var dp, dm float64
		for j := 0; j < n; j++ {
			a, b := v.At(i, j)-plus[j], v.At(i, j)-minus[j]
			dp += a * a
			dm += b * b
		}
		res.DPlus[i], res.DMinus[i] = math.Sqrt(dp), math.Sqrt(dm)
		if res.DPlus[i]+res.DMinus[i] == 0 {
			return nil, cellErr(i, -1, ErrDegenerate)
		}
		res.Closeness[i] = res.DMinus[i] / (res.DPlus[i] + res.DMinus[i])
	}
	res.Ranks = DescendingRanks(nil, res.Closeness)
	return res, nil
}

// DescendingRanks ranks x from the largest (rank 1) down, ties sharing the mean rank.
func DescendingRanks(dst, x []float64) []float64 {
	neg := make([]float64, len(x))
	for i, v := range x {
		neg[i] = -v
	}
	return Ranks(dst, neg)
}
