package statistics

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// GreyResult holds the outcome of grey relational analysis.
type GreyResult struct {
	// Normalised is the polarity-aware min–max matrix r_ij ∈ [0, 1].
	Normalised *mat.Dense
	// Reference is the normalised reference series r_0j (all ones for the ideal).
	Reference []float64
	// Coefficients ξ_ij, the grey relational coefficients.
	Coefficients *mat.Dense
	// Grades γ_i = Σ_j w_j ξ_ij; larger is closer to the reference.
	Grades []float64
	// Ranks by grade descending: 1 for the largest; ties share the mean of their ranks.
	Ranks []float64
}

// GreyRelational computes Deng's grey relational grades of the rows of x against a reference
// series (Deng Julong 1989, "Introduction to grey system theory", J. Grey System 1(1), 1–24, §6;
// Liu Sifeng & Lin Yi, Grey Systems: Theory and Applications, Springer 2010, §3.2):
//
//	r_ij = (x_ij − min_i x_ij)/(max_i x_ij − min_i x_ij)    (Higher; (max − x_ij)/(max − min) for Lower)
//	r_0j = 1 for the ideal series, or the given reference x_0j normalised the same way
//	Δ_ij = |r_0j − r_ij|,  Δmin = min_i min_j Δ_ij,  Δmax = max_i max_j Δ_ij  (Deng's two-level extremes)
//	ξ_ij = (Δmin + ρΔmax)/(Δ_ij + ρΔmax)
//	γ_i  = Σ_j w_j ξ_ij
//
// ρ ∈ (0, 1] is the distinguishing coefficient (usually 0.5). w nil means equal weights 1/n.
// reference nil means the ideal series; otherwise it is in the units of x (one value per column).
// pol may be nil (all Higher). A constant column returns ErrZeroVariance; Δmax = 0 (every row
// equal to the reference) returns ErrDegenerate, and differences beyond the float64 range
// ErrNonFinite. Mismatched lengths or ρ outside (0, 1] panic.
func GreyRelational(x mat.Matrix, w []float64, pol []Polarity, rho float64, reference []float64) (*GreyResult, error) {
	m, n, err := checkMatrix(x, pol)
	if err != nil {
		return nil, err
	}
	if w != nil && len(w) != n {
		panic("statistics: weights length does not match columns")
	}
	if reference != nil && len(reference) != n {
		panic("statistics: reference length does not match columns")
	}
	if !(rho > 0 && rho <= 1) {
		panic("statistics: grey relational rho outside (0, 1]")
	}
	if err := checkFinite(reference); err != nil {
		return nil, err
	}
	r, err := minMaxColumns(x, pol)
	if err != nil {
		return nil, err
	}
	ref := make([]float64, n)
	for j := range ref {
		ref[j] = 1
		if reference == nil {
			continue
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for i := 0; i < m; i++ {
			lo, hi = math.Min(lo, x.At(i, j)), math.Max(hi, x.At(i, j))
		}
		ref[j] = (reference[j] - lo) / (hi - lo)
		if pol != nil && pol[j] == Lower {
			ref[j] = (hi - reference[j]) / (hi - lo)
		}
	}
	delta := mat.NewDense(m, n, nil)
	dMin, dMax := math.Inf(1), 0.0
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			d := math.Abs(ref[j] - r.At(i, j))
			delta.Set(i, j, d)
			dMin, dMax = math.Min(dMin, d), math.Max(dMax, d)
		}
	}
	if math.IsInf(dMax, 0) || math.IsNaN(dMax) {
		return nil, detail(ErrNonFinite, CheckDifferencesOverflow, "differences overflow")
	}
	if dMax == 0 {
		return nil, detail(ErrDegenerate, CheckSeriesEqualReference, "every series equals the reference")
	}
	res := &GreyResult{Normalised: r, Reference: ref, Coefficients: mat.NewDense(m, n, nil), Grades: make([]float64, m)}
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			xi := (dMin + rho*dMax) / (delta.At(i, j) + rho*dMax)
			res.Coefficients.Set(i, j, xi)
			wj := 1 / float64(n)
			if w != nil {
				wj = w[j]
			}
			res.Grades[i] += wj * xi
		}
	}
	res.Ranks = DescendingRanks(nil, res.Grades)
	return res, nil
}
