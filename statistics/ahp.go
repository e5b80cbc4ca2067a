package statistics

import (
	"fmt"
	"math"
	"math/cmplx"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// PriorityMethod selects how AHP priorities are derived from a pairwise comparison matrix.
type PriorityMethod int

const (
	// Eigenvector: the principal right eigenvector, normalised to sum 1 (Saaty 1977, §2;
	// Saaty 1980, ch. 2).
	Eigenvector PriorityMethod = iota
	// GeometricMean: the normalised row geometric means, w_i ∝ (Π_j a_ij)^(1/n), the logarithmic
	// least-squares solution (Crawford & Williams 1985, J. Math. Psych. 29, 387–405).
	GeometricMean
)

// RandomIndex names the random-index convention used for the consistency ratio.
type RandomIndex int

const (
	// RISaaty: CR = CI/RI_n with Saaty's random indices for n = 1…15,
	// 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59.
	// n = 1…10 are Saaty (1980), The Analytic Hierarchy Process, McGraw-Hill, p. 21; n = 11…15
	// are the extension Saaty printed in later works (Saaty & Vargas, Models, Methods, Concepts &
	// Applications of the AHP, Springer, ch. 1); docs/methods.md discusses the provenance.
	// Orders above 15 return ErrNoRandomIndex.
	RISaaty RandomIndex = iota
	// RIAlonsoLamata: CR = (λmax − n)/((2.7699·n − 4.3513) − n), the linear fit of the mean
	// random λmax by Alonso & Lamata (2006), "Consistency in the analytic hierarchy process: a
	// new approach", Int. J. Uncertainty, Fuzziness and Knowledge-Based Systems 14(4), 445–459,
	// eq. (12). Defined for every n ≥ 3.
	RIAlonsoLamata
)

var saatyRI = [...]float64{0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59}

// SaatyRI returns Saaty's random index for order n (see RISaaty) and whether the table has it.
func SaatyRI(n int) (float64, bool) {
	if n < 1 || n > len(saatyRI) {
		return 0, false
	}
	return saatyRI[n-1], true
}

// ConsistencyRatio returns CR for the principal eigenvalue lambdaMax of an n×n pairwise matrix:
// with RISaaty, CR = CI/RI_n where CI = (λmax − n)/(n − 1) (Saaty 1980, eq. 1.3 and p. 21); with
// RIAlonsoLamata, CR = (λmax − n)/(2.7699n − 4.3513 − n). Orders 1 and 2 are always consistent
// and give 0.
func ConsistencyRatio(lambdaMax float64, n int, ri RandomIndex) (float64, error) {
	if n < 1 {
		panic("statistics: ConsistencyRatio order < 1")
	}
	if n <= 2 {
		return 0, nil
	}
	switch ri {
	case RISaaty:
		r, ok := SaatyRI(n)
		if !ok {
			return 0, detail(ErrNoRandomIndex, CheckOrder, fmt.Sprintf("order %d", n), "order", n)
		}
		return (lambdaMax - float64(n)) / float64(n-1) / r, nil
	case RIAlonsoLamata:
		fn := float64(n)
		return (lambdaMax - fn) / ((2.7699*fn - 4.3513) - fn), nil
	}
	panic("statistics: unknown RandomIndex")
}

// GCIThreshold returns the thresholds of the geometric consistency index proposed by Aguarón &
// Moreno-Jiménez (2003), "The geometric consistency index: approximated thresholds", EJOR 147,
// 137–145: 0.31 for n = 3, 0.35 for n = 4 and 0.37 for n > 4 (each corresponding to
// CR = 0.10). For n ≤ 2 it returns +Inf (every such matrix is consistent).
func GCIThreshold(n int) float64 {
	switch {
	case n <= 2:
		return math.Inf(1)
	case n == 3:
		return 0.31
	case n == 4:
		return 0.35
	}
	return 0.37
}

// GCI returns the geometric consistency index of a complete pairwise matrix a for priorities w,
//
//	GCI = 2/((n − 1)(n − 2)) · Σ_{i<j} ln²(a_ij·w_j/w_i)
//
// (Crawford & Williams 1985; Aguarón & Moreno-Jiménez 2003, eq. 3). It is 0 for n ≤ 2.
func GCI(a mat.Matrix, w []float64) float64 {
	n, c := a.Dims()
	if n != c || len(w) != n {
		panic("statistics: GCI needs a square matrix and matching weights")
	}
	if n <= 2 {
		return 0
	}
	var s float64
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			e := math.Log(a.At(i, j) * w[j] / w[i])
			s += e * e
		}
	}
	return 2 * s / float64((n-1)*(n-2))
}

// Warning is a non-fatal remark about a judgment (a value outside Saaty's 1/9–9 scale). Code
// names the remark for callers that say it in their own words (WarningOffScale, with the pair
// I, J and the Value); Message is its English text.
type Warning struct {
	I, J    int
	Value   float64
	Code    string
	Message string
}

// WarningOffScale is the Code of a judgment outside Saaty's 1/9–9 scale.
const WarningOffScale = "off_scale"

// CompletePairwise checks a pairwise comparison matrix in place and completes what may be
// completed: a zero diagonal entry becomes 1; when a_ji is zero and a_ij positive, a_ji is set to
// 1/a_ij (so an upper-triangle-only matrix is completed). A pair with both entries zero is
// missing; missing reports their count. Every given entry must be finite and positive
// (ErrNonFinite, ErrNonPositive), diagonal entries must be 1 (ErrDiagonal) and given pairs
// reciprocal, |a_ij·a_ji − 1| ≤ tol (ErrNotReciprocal); each error is a *CellError. Values
// outside [1/9, 9] are returned as warnings (Saaty 1980, ch. 1, the fundamental scale).
func CompletePairwise(a *mat.Dense, tol float64) (missing int, warnings []Warning, err error) {
	n, c := a.Dims()
	if n != c {
		panic("statistics: pairwise matrix is not square")
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			v := a.At(i, j)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return 0, nil, cellErr(i, j, ErrNonFinite)
			}
			if v < 0 {
				return 0, nil, cellErr(i, j, ErrNonPositive)
			}
		}
	}
	for i := 0; i < n; i++ {
		switch d := a.At(i, i); {
		case d == 0:
			a.Set(i, i, 1)
		case math.Abs(d-1) > tol:
			return 0, nil, cellErr(i, i, ErrDiagonal)
		}
	}
	const lo, hi = 1.0 / 9, 9.0
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			u, l := a.At(i, j), a.At(j, i)
			switch {
			case u == 0 && l == 0:
				missing++
				continue
			case l == 0:
				l = 1 / u
				a.Set(j, i, l)
			case u == 0:
				u = 1 / l
				a.Set(i, j, u)
			case math.Abs(u*l-1) > tol:
				return 0, nil, cellErr(j, i, detail(ErrNotReciprocal, CheckReciprocalProduct, fmt.Sprintf("a[%d][%d]·a[%d][%d] = %.6g", i, j, j, i, u*l), "product", u*l))
			}
			if u < lo*(1-1e-9) || u > hi*(1+1e-9) {
				warnings = append(warnings, Warning{I: i, J: j, Value: u, Code: WarningOffScale, Message: "outside Saaty's 1/9–9 scale"})
			}
		}
	}
	return missing, warnings, nil
}

// PrincipalEigen returns the Perron root λmax of a non-negative irreducible square matrix and its
// eigenvector normalised to sum 1, computed with gonum's mat.Eigen: the eigenvalue of largest real
// part (which for such matrices is real, simple and dominant, Perron–Frobenius) is taken and the
// real part of its eigenvector is divided by its sum, which also fixes the sign. dst, if not nil,
// receives the vector. It returns ErrDegenerate if the factorisation fails or the vector is not
// strictly positive.
func PrincipalEigen(dst []float64, a mat.Matrix) (float64, []float64, error) {
	n, c := a.Dims()
	if n != c {
		panic("statistics: PrincipalEigen needs a square matrix")
	}
	dst = resize(dst, n)
	if n == 1 {
		dst[0] = 1
		return a.At(0, 0), dst, nil
	}
	var eig mat.Eigen
	if !eig.Factorize(a, mat.EigenRight) {
		return 0, nil, detail(ErrDegenerate, CheckEigen, "eigendecomposition failed")
	}
	vals := eig.Values(nil)
	k := 0
	for i, v := range vals {
		if real(v) > real(vals[k]) {
			k = i
		}
	}
	lambda := vals[k]
	if math.Abs(imag(lambda)) > 1e-9*cmplx.Abs(lambda) {
		return 0, nil, detail(ErrDegenerate, CheckEigenvalueReal, fmt.Sprintf("principal eigenvalue %v is not real", lambda), "value", fmt.Sprint(lambda))
	}
	var vecs mat.CDense
	eig.VectorsTo(&vecs)
	var sum float64
	for i := 0; i < n; i++ {
		dst[i] = real(vecs.At(i, k))
		sum += dst[i]
	}
	for i := range dst {
		dst[i] /= sum
		if !(dst[i] > 0) {
			return 0, nil, detail(ErrDegenerate, CheckEigenvectorPositive, "principal eigenvector not positive")
		}
	}
	return real(lambda), dst, nil
}

// RowGeometricMean fills dst with the normalised row geometric means of a complete positive
// matrix, w_i = (Π_j a_ij)^(1/n) / Σ_k (Π_j a_kj)^(1/n), computed through logarithms.
func RowGeometricMean(dst []float64, a mat.Matrix) []float64 {
	n, c := a.Dims()
	if n != c {
		panic("statistics: RowGeometricMean needs a square matrix")
	}
	dst = resize(dst, n)
	var sum float64
	for i := 0; i < n; i++ {
		var l float64
		for j := 0; j < n; j++ {
			l += math.Log(a.At(i, j))
		}
		dst[i] = math.Exp(l / float64(n))
		sum += dst[i]
	}
	for i := range dst {
		dst[i] /= sum
	}
	return dst
}

// HarkerMatrix returns the auxiliary matrix of Harker (1987), "Incomplete pairwise comparisons in
// the analytic hierarchy process", Mathematical Modelling 9(11), 837–848 (also in Harker 1987,
// "Alternative modes of questioning in the analytic hierarchy process", Mathematical Modelling
// 9(3–5), 353–360), for a pairwise matrix
// whose missing pairs are zero: missing entries stay 0 and each diagonal entry becomes 1 + m_i,
// m_i the number of missing comparisons in row i. Its principal eigenvector is Harker's priority
// vector. It returns ErrDisconnected when the graph of known comparisons is not connected.
func HarkerMatrix(a mat.Matrix) (*mat.Dense, error) {
	n, _ := a.Dims()
	h := mat.DenseCopyOf(a)
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := 0; i < n; i++ {
		m := 0
		for j := 0; j < n; j++ {
			if j == i {
				continue
			}
			if a.At(i, j) == 0 {
				m++
			} else {
				parent[find(i)] = find(j)
			}
		}
		h.Set(i, i, float64(1+m))
	}
	for i := 1; i < n; i++ {
		if find(i) != find(0) {
			return nil, ErrDisconnected
		}
	}
	return h, nil
}

// AHPOptions configures AHP. The zero value means: eigenvector priorities, Saaty's RI table,
// reciprocity tolerance 1e-6, CR threshold 0.10 and up to 3 suggestions.
type AHPOptions struct {
	Method PriorityMethod
	RI     RandomIndex
	// Tolerance for |a_ij·a_ji − 1|; 0 means 1e-6. Judgments entered as rounded decimals
	// (0.333 for 1/3) need a larger tolerance such as 1e-2.
	Tolerance float64
	// CRThreshold is the largest acceptable CR; 0 means 0.10 (Saaty 1980, p. 21).
	CRThreshold float64
	// MaxSuggestions bounds the number of revision suggestions; 0 means 3, negative means none.
	MaxSuggestions int
}

// Suggestion proposes revising one judgment of an inconsistent matrix.
type Suggestion struct {
	I, J int
	// Current is a_ij as given; Suggested is the value on Saaty's scale {1/9, …, 1/2, 1, 2, …, 9}
	// that minimises CR when a_ij (and a_ji = 1/a_ij) alone is changed.
	Current, Suggested float64
	// Deviation is |ln(a_ij·w_j/w_i)|, the judgment's departure from the priorities.
	Deviation float64
	// CR is the consistency ratio after the change.
	CR float64
}

// AHPResult is the outcome of AHP.
type AHPResult struct {
	// Weights are the priorities, summing to 1.
	Weights []float64
	// LambdaMax is the principal eigenvalue of the (completed, or Harker auxiliary) matrix; it
	// does not depend on the priority method.
	LambdaMax float64
	// CI = (λmax − n)/(n − 1); CR as chosen by AHPOptions.RI. Both are 0 for n ≤ 2.
	CI, CR float64
	// GCI is the geometric consistency index for the row-geometric-mean priorities (computed for
	// complete matrices whatever the method; 0 for incomplete ones).
	GCI float64
	// Consistent is CR ≤ CRThreshold for the eigenvector method and GCI ≤ GCIThreshold(n) for
	// the geometric method; for an incomplete matrix it is CR ≤ CRThreshold whatever the method.
	Consistent bool
	// Missing is the number of missing pairs filled by Harker's method.
	Missing int
	// Completed is the matrix as used: reciprocals filled in, and for an incomplete matrix each
	// missing a_ij replaced by w_i/w_j.
	Completed *mat.Dense
	Warnings  []Warning
	// Suggestions rank the judgments contributing most to inconsistency (largest Deviation
	// first) when the matrix is complete and not Consistent.
	Suggestions []Suggestion
}

// saatyScale is Saaty's fundamental scale and its reciprocals (Saaty 1980, ch. 1).
var saatyScale = [...]float64{1.0 / 9, 1.0 / 8, 1.0 / 7, 1.0 / 6, 1.0 / 5, 1.0 / 4, 1.0 / 3, 1.0 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9}

// AHP derives priorities and consistency measures from a pairwise comparison matrix a (a_ij: how
// many times i is preferred to j). a is not modified. Missing judgments are zeros; when only the
// upper triangle is given the lower is completed by reciprocals (see CompletePairwise). When
// pairs remain missing, priorities come from Harker's (1987) auxiliary matrix and λmax and CR are
// those of that matrix, as Harker proposes (for the geometric method the row geometric means of
// the Harker-completed matrix are used).
//
// For a complete matrix: w by Eigenvector or GeometricMean; λmax the principal eigenvalue (gonum
// mat.Eigen); CI = (λmax − n)/(n − 1); CR by the RandomIndex; GCI as in GCI. When the matrix is
// not consistent, every judgment is ranked by its deviation |ln(a_ij·w_j/w_i)| — the logarithm of
// Saaty's ε_ij = a_ij·w_j/w_i whose mean over all pairs is λmax (Saaty 2003, "Decision-making
// with the AHP: why is the principal eigenvector necessary", EJOR 145, 85–91, §3, and the
// perturbation analysis of Harker 1987, "Derivatives of the Perron root of a positive reciprocal
// matrix", Math. Modelling 9, 353–360) — and, for the most deviant judgments, every value of
// Saaty's scale is tried and the one that gives the lowest recomputed CR is suggested.
func AHP(a mat.Matrix, opts AHPOptions) (*AHPResult, error) {
	n, c := a.Dims()
	if n != c || n == 0 {
		panic("statistics: AHP needs a non-empty square matrix")
	}
	tol := opts.Tolerance
	if tol == 0 {
		tol = 1e-6
	}
	thr := opts.CRThreshold
	if thr == 0 {
		thr = 0.10
	}
	if opts.Method != Eigenvector && opts.Method != GeometricMean {
		panic("statistics: unknown PriorityMethod")
	}
	if opts.RI != RISaaty && opts.RI != RIAlonsoLamata {
		panic("statistics: unknown RandomIndex")
	}
	m := mat.DenseCopyOf(a)
	missing, warnings, err := CompletePairwise(m, tol)
	if err != nil {
		return nil, err
	}
	if opts.RI == RISaaty && n > len(saatyRI) {
		return nil, detail(ErrNoRandomIndex, CheckOrder, fmt.Sprintf("order %d", n), "order", n)
	}
	res := &AHPResult{Missing: missing, Warnings: warnings}
	if missing > 0 {
		h, err := HarkerMatrix(m)
		if err != nil {
			return nil, err
		}
		lambda, w, err := PrincipalEigen(nil, h)
		if err != nil {
			return nil, err
		}
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				if m.At(i, j) == 0 {
					m.Set(i, j, w[i]/w[j])
				}
			}
		}
		if opts.Method == GeometricMean {
			w = RowGeometricMean(w, m)
		}
		res.Weights, res.LambdaMax, res.Completed = w, lambda, m
		if err := res.consistency(n, opts.RI); err != nil {
			return nil, err
		}
		res.Consistent = res.CR <= thr
		return res, nil
	}
	lambda, w, err := PrincipalEigen(nil, m)
	if err != nil {
		return nil, err
	}
	gm := RowGeometricMean(nil, m)
	res.LambdaMax, res.Completed = lambda, m
	res.GCI = GCI(m, gm)
	if opts.Method == GeometricMean {
		w = gm
	}
	res.Weights = w
	if err := res.consistency(n, opts.RI); err != nil {
		return nil, err
	}
	if opts.Method == GeometricMean {
		res.Consistent = res.GCI <= GCIThreshold(n)
	} else {
		res.Consistent = res.CR <= thr
	}
	max := opts.MaxSuggestions
	if max == 0 {
		max = 3
	}
	if !res.Consistent && max > 0 {
		res.Suggestions, err = suggest(m, w, opts.RI, max)
		if err != nil {
			return nil, err
		}
	}
	return res, nil
}

func (r *AHPResult) consistency(n int, ri RandomIndex) error {
	if n <= 2 {
		r.LambdaMax = float64(n) // exact for reciprocal matrices of order ≤ 2
		return nil
	}
	r.CI = (r.LambdaMax - float64(n)) / float64(n-1)
	cr, err := ConsistencyRatio(r.LambdaMax, n, ri)
	r.CR = cr
	return err
}

func suggest(m *mat.Dense, w []float64, ri RandomIndex, max int) ([]Suggestion, error) {
	n, _ := m.Dims()
	var cand []Suggestion
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			cand = append(cand, Suggestion{I: i, J: j, Current: m.At(i, j), Deviation: math.Abs(math.Log(m.At(i, j) * w[j] / w[i]))})
		}
	}
	sort.SliceStable(cand, func(a, b int) bool { return cand[a].Deviation > cand[b].Deviation })
	if len(cand) > max {
		cand = cand[:max]
	}
	trial := mat.NewDense(n, n, nil)
	vec := make([]float64, n)
	for k := range cand {
		s := &cand[k]
		s.CR = math.Inf(1)
		for _, v := range saatyScale {
			trial.Copy(m)
			trial.Set(s.I, s.J, v)
			trial.Set(s.J, s.I, 1/v)
			lambda, _, err := PrincipalEigen(vec, trial)
			if err != nil {
				return nil, err
			}
			cr, err := ConsistencyRatio(lambda, n, ri)
			if err != nil {
				return nil, err
			}
			if cr < s.CR-1e-12 {
				s.CR, s.Suggested = cr, v
			}
		}
	}
	return cand, nil
}
