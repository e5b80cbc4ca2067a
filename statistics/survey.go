package statistics

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// SignedToRatio converts one answer on the signed scale of AHP questionnaire exports to a
// pairwise ratio a_lr (left factor over right factor). The scale is that of the R package
// ahpsurvey (Cho 2019, "Using the ahpsurvey package", CRAN vignette, §"Data format"): an answer
// s in {−9,…,−2, 1, 2,…,9} says the left factor is s times as important as the right when s > 0
// and the right |s| times as important as the left when s < 0; ±1 are both "equal":
//
//	a_lr = s      if s ≥ 1
//	a_lr = 1/|s|  if s ≤ −1
//
// Answers strictly between −1 and 1 (including 0) or beyond ±9 are not on the scale and return
// an error.
func SignedToRatio(s float64) (float64, error) {
	switch {
	case math.IsNaN(s) || math.IsInf(s, 0):
		return 0, ErrNonFinite
	case s >= 1 && s <= 9:
		return s, nil
	case s <= -1 && s >= -9:
		return -1 / s, nil
	}
	return 0, detail(nil, CheckSignedScale, fmt.Sprintf("%g is not on the signed scale −9…−1, 1…9", s), "value", s)
}

// Revision is one judgment revised by ReviseHarker: a_IJ changed from Original to Revised (and
// a_JI to its reciprocal); Derivative is ∂λmax/∂a_IJ at the matrix before the change, CRBefore
// and CRAfter the consistency ratios around it.
type Revision struct {
	I          int     `json:"i"`
	J          int     `json:"j"`
	Original   float64 `json:"original"`
	Revised    float64 `json:"revised"`
	Derivative float64 `json:"derivative"`
	CRBefore   float64 `json:"cr_before"`
	CRAfter    float64 `json:"cr_after"`
}

// PerronDerivatives returns, for a complete positive reciprocal matrix a, the matrix D of the
// derivatives of its Perron root along each reciprocal pair (Harker 1987, "Derivatives of the
// Perron root of a positive reciprocal matrix: with application to the analytic hierarchy
// process", Applied Mathematics and Computation 22, 217–232, Theorem 2 and §4):
//
//	D_ij = ∂λmax/∂a_ij = v_i·w_j − v_j·w_i / a_ij²   (a_ji = 1/a_ij moving with a_ij)
//
// where w is the principal right and v the principal left eigenvector, scaled so that vᵀw = 1.
// D_ii = 0 and D_ji = −a_ij²·D_ij. The judgment with the largest |D_ij| is the one whose change
// moves λmax, and hence CR, the most.
func PerronDerivatives(a mat.Matrix) (*mat.Dense, error) {
	n, c := a.Dims()
	if n != c {
		panic("statistics: PerronDerivatives needs a square matrix")
	}
	_, w, err := PrincipalEigen(nil, a)
	if err != nil {
		return nil, err
	}
	_, v, err := PrincipalEigen(nil, mat.DenseCopyOf(a.T()))
	if err != nil {
		return nil, err
	}
	var vw float64
	for i := range w {
		vw += v[i] * w[i]
	}
	d := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if i == j {
				continue
			}
			aij := a.At(i, j)
			d.Set(i, j, (v[i]*w[j]-v[j]*w[i]/(aij*aij))/vw)
		}
	}
	return d, nil
}

// ReviseHarker revises the most inconsistent judgments of a complete positive reciprocal matrix
// by Harker's method (Harker 1987, Applied Mathematics and Computation 22, 217–232, §5; the
// procedure of ahpsurvey's ahp.harker): while CR > threshold and fewer than max judgments have
// been revised, take the pair (i < j) not yet revised with the largest |∂λmax/∂a_ij| (see
// PerronDerivatives) and replace a_ij by w_i/w_j, the ratio of the current eigenvector weights
// (a_ji by w_j/w_i), so that the pair agrees with the rest of the matrix. With round true the
// replacement is the nearest value of Saaty's scale 1/9…9 in log distance, as an expert would
// answer. a is not modified; the revised matrix and the revisions in order are returned.
// threshold 0 means 0.10; max ≤ 0 means n(n−1)/2.
func ReviseHarker(a mat.Matrix, threshold float64, max int, ri RandomIndex, round bool) (*mat.Dense, []Revision, error) {
	n, c := a.Dims()
	if n != c {
		panic("statistics: ReviseHarker needs a square matrix")
	}
	if threshold == 0 {
		threshold = 0.10
	}
	if max <= 0 {
		max = n * (n - 1) / 2
	}
	m := mat.DenseCopyOf(a)
	done := map[[2]int]bool{}
	var revs []Revision
	for len(revs) < max {
		lambda, w, err := PrincipalEigen(nil, m)
		if err != nil {
			return nil, nil, err
		}
		cr, err := ConsistencyRatio(lambda, n, ri)
		if err != nil {
			return nil, nil, err
		}
		if cr <= threshold {
			break
		}
		d, err := PerronDerivatives(m)
		if err != nil {
			return nil, nil, err
		}
		bi, bj, best := -1, -1, -1.0
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				if done[[2]int{i, j}] {
					continue
				}
				if g := math.Abs(d.At(i, j)); g > best {
					bi, bj, best = i, j, g
				}
			}
		}
		if bi < 0 {
			break
		}
		done[[2]int{bi, bj}] = true
		r := Revision{I: bi, J: bj, Original: m.At(bi, bj), Revised: w[bi] / w[bj], Derivative: d.At(bi, bj), CRBefore: cr}
		if round {
			r.Revised = nearestSaaty(r.Revised)
		}
		m.Set(bi, bj, r.Revised)
		m.Set(bj, bi, 1/r.Revised)
		lambda, _, err = PrincipalEigen(nil, m)
		if err != nil {
			return nil, nil, err
		}
		if r.CRAfter, err = ConsistencyRatio(lambda, n, ri); err != nil {
			return nil, nil, err
		}
		revs = append(revs, r)
	}
	return m, revs, nil
}

// nearestSaaty returns the value of Saaty's scale 1/9…9 nearest to x in log distance.
func nearestSaaty(x float64) float64 {
	best, bd := 1.0, math.Inf(1)
	for _, v := range saatyScale {
		if d := math.Abs(math.Log(x / v)); d < bd {
			best, bd = v, d
		}
	}
	return best
}

// TrimmedLogMean returns the trimmed geometric mean of positive judgments x: the logarithms are
// sorted, ⌊trim·k⌋ are dropped at each end (k = len(x), 0 ≤ trim < 0.5) and the exponential of
// the mean of the rest is returned,
//
//	ā = exp( 1/(k − 2g) · Σ_{r=g+1}^{k−g} ln x_(r) ),  g = ⌊trim·k⌋,
//
// the trimmed mean of Tukey & McLaughlin (1963) applied to log judgments, so that a_ji stays
// 1/a_ij (the log scale is symmetric and trimming is symmetric). trim 0 is the AIJ geometric
// mean of Aczél & Saaty (1983). It panics on an empty x or a trim outside [0, 0.5).
func TrimmedLogMean(x []float64, trim float64) float64 {
	if len(x) == 0 || trim < 0 || trim >= 0.5 || math.IsNaN(trim) {
		panic("statistics: TrimmedLogMean needs judgments and 0 ≤ trim < 0.5")
	}
	l := make([]float64, len(x))
	for i, v := range x {
		l[i] = math.Log(v)
	}
	sort.Float64s(l)
	g := int(math.Floor(trim * float64(len(l))))
	var s float64
	for _, v := range l[g : len(l)-g] {
		s += v
	}
	return math.Exp(s / float64(len(l)-2*g))
}

// QuantileLogMean returns the interquantile geometric mean of positive judgments x: the mean of
// the log judgments between their p and 1 − p quantiles (0 ≤ p < 0.5), the fractional ends
// weighted, i.e. the trimmed mean with a fractional trim (Stigler 1973, "The asymptotic
// distribution of the trimmed mean", Ann. Statist. 1, 472–477, eq. 1.1):
//
//	ā = exp( 1/(k(1 − 2p)) · [ (1 − f)·(ln x_(g+1) + ln x_(k−g)) + Σ_{r=g+2}^{k−g−1} ln x_(r) ] ),
//
// with kp = g + f, g an integer and 0 ≤ f < 1. For kp an integer it equals TrimmedLogMean(x, p).
func QuantileLogMean(x []float64, p float64) float64 {
	if len(x) == 0 || p < 0 || p >= 0.5 || math.IsNaN(p) {
		panic("statistics: QuantileLogMean needs judgments and 0 ≤ p < 0.5")
	}
	k := len(x)
	l := make([]float64, k)
	for i, v := range x {
		l[i] = math.Log(v)
	}
	sort.Float64s(l)
	kp := float64(k) * p
	g := int(math.Floor(kp))
	f := kp - float64(g)
	if k-2*g == 1 { // only the median remains
		return math.Exp(l[g])
	}
	s := (1 - f) * (l[g] + l[k-1-g])
	for _, v := range l[g+1 : k-1-g] {
		s += v
	}
	return math.Exp(s / (float64(k) * (1 - 2*p)))
}

// AggregateJudgmentsRobust combines complete pairwise matrices cell by cell with a robust mean of
// the log judgments: TrimmedLogMean(·, trim) when quantile is false, QuantileLogMean(·, trim)
// when true. The result is reciprocal (a_ji = 1/a_ij) because both means are symmetric in the
// log scale. Expert weights do not enter: trimming is unweighted. dst may be nil.
func AggregateJudgmentsRobust(dst *mat.Dense, matrices []mat.Matrix, trim float64, quantile bool) *mat.Dense {
	if len(matrices) == 0 {
		panic("statistics: no matrices to aggregate")
	}
	n, _ := matrices[0].Dims()
	if dst == nil {
		dst = mat.NewDense(n, n, nil)
	}
	x := make([]float64, len(matrices))
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			for k, m := range matrices {
				if r, c := m.Dims(); r != n || c != n {
					panic("statistics: matrices differ in size")
				}
				x[k] = m.At(i, j)
			}
			if quantile {
				dst.Set(i, j, QuantileLogMean(x, trim))
			} else {
				dst.Set(i, j, TrimmedLogMean(x, trim))
			}
		}
	}
	return dst
}
