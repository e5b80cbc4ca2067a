package statistics

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// Skewness returns the adjusted Fisher–Pearson sample skewness
//
//	G1 = √(n(n − 1))/(n − 2) · m3/m2^(3/2),   m_k = (1/n) Σ (x_i − x̄)^k
//
// (Joanes & Gill 1998, "Comparing measures of sample skewness and kurtosis", The Statistician 47,
// 183–189, type 2; the definition of Excel's SKEW, e1071::skewness(type = 2) and COINr::skew).
// It returns ErrTooFew for n < 3, ErrZeroVariance when all values are equal and ErrNonFinite when
// the moments overflow.
func Skewness(x []float64) (float64, error) {
	n := float64(len(x))
	if len(x) < 3 {
		return 0, ErrTooFew
	}
	if err := checkFinite(x); err != nil {
		return 0, err
	}
	m2, m3, _ := centralMoments(x)
	if m2 == 0 {
		return 0, ErrZeroVariance
	}
	return finiteOr(math.Sqrt(n*(n-1)) / (n - 2) * m3 / math.Pow(m2, 1.5))
}

// finiteOr returns v, or ErrNonFinite when the moments overflowed.
func finiteOr(v float64) (float64, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, detail(ErrNonFinite, CheckMomentsOverflow, "moments overflow")
	}
	return v, nil
}

// Kurtosis returns the adjusted sample excess kurtosis
//
//	G2 = ((n + 1)(m4/m2² − 3) + 6)·(n − 1)/((n − 2)(n − 3))
//
// (Joanes & Gill 1998, type 2; Excel's KURT, e1071::kurtosis(type = 2), COINr::kurt). A normal
// sample has G2 near 0. It returns ErrTooFew for n < 4, ErrZeroVariance when all values are
// equal and ErrNonFinite when the moments overflow.
func Kurtosis(x []float64) (float64, error) {
	n := float64(len(x))
	if len(x) < 4 {
		return 0, ErrTooFew
	}
	if err := checkFinite(x); err != nil {
		return 0, err
	}
	m2, _, m4 := centralMoments(x)
	if m2 == 0 {
		return 0, ErrZeroVariance
	}
	return finiteOr(((n+1)*(m4/(m2*m2)-3) + 6) * (n - 1) / ((n - 2) * (n - 3)))
}

func centralMoments(x []float64) (m2, m3, m4 float64) {
	var mean float64
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	for _, v := range x {
		d := v - mean
		m2 += d * d
		m3 += d * d * d
		m4 += d * d * d * d
	}
	n := float64(len(x))
	return m2 / n, m3 / n, m4 / n
}

// OutlierRule is the skewness–kurtosis rule of the JRC's COIN tool and COINr: an indicator has
// outliers to treat when |skewness| ≥ Skew and kurtosis ≥ Kurt (both must hold).
type OutlierRule struct {
	Skew, Kurt float64
	// WinsorMax is the most points winsorisation may change before falling back to the log
	// transform.
	WinsorMax int
}

// DefaultOutlierRule is COINr's default: |skew| 2, kurtosis 3.5, at most 5 winsorised points
// (COINr, Treat(): f1_para winmax = 5, skew_thresh = 2, kurt_thresh = 3.5; OECD/JRC Handbook 2008,
// §3.1 and the JRC COIN tool).
var DefaultOutlierRule = OutlierRule{Skew: 2, Kurt: 3.5, WinsorMax: 5}

// Treatment kinds recorded for each changed value.
const (
	TreatWinsorHigh = "winsorised-high"
	TreatWinsorLow  = "winsorised-low"
	TreatLog        = "log"
)

// TreatedValue records one value changed by TreatOutliers.
type TreatedValue struct {
	Index           int
	Original, Value float64
	Kind            string
}

// OutlierTreatment is the outcome of TreatOutliers for one indicator.
type OutlierTreatment struct {
	// Values are the treated values (a copy of x when nothing was needed).
	Values []float64
	// SkewBefore, KurtBefore describe x; SkewAfter, KurtAfter the treated values.
	SkewBefore, KurtBefore, SkewAfter, KurtAfter float64
	// Winsorised counts winsorised points; Logged says whether the log transform was applied
	// (in which case winsorisation was undone and Winsorised is 0).
	Winsorised int
	Logged     bool
	// Pass says whether the treated values satisfy the rule.
	Pass bool
	// Treated lists every changed value, in index order.
	Treated []TreatedValue
}

// TreatOutliers applies COINr's two-stage outlier treatment (Becker, Caperna et al., COINr
// package, Treat.numeric with f1 = winsorise, f2 = log_CT, combine_treat = FALSE; OECD/JRC
// Handbook 2008 §3.1):
//
//  1. If x passes the rule (|skew| < Skew or kurtosis < Kurt), nothing changes.
//  2. Otherwise winsorise: while the rule fails and fewer than WinsorMax points have been changed,
//     if skewness ≥ 0 replace every occurrence of the maximum by the largest remaining value,
//     else every occurrence of the minimum by the smallest remaining value.
//  3. If the rule still fails, discard the winsorisation and apply the log transform to the
//     original values: x′ = ln(x − min x + 0.01(max x − min x)) (COINr's log_CT).
//
// Each changed value is recorded. Unlike COINr's winsorise (which counts only the latest tied
// set), WinsorMax bounds the total number of changed points. It returns ErrTooFew for fewer than
// four values and ErrZeroVariance for constant x.
func TreatOutliers(x []float64, rule OutlierRule) (*OutlierTreatment, error) {
	if rule.WinsorMax < 0 {
		panic("statistics: negative WinsorMax")
	}
	sk, err := Skewness(x)
	if err != nil {
		return nil, err
	}
	ku, err := Kurtosis(x)
	if err != nil {
		return nil, err
	}
	passes := func(s, k float64) bool { return math.Abs(s) < rule.Skew || k < rule.Kurt }
	res := &OutlierTreatment{Values: append([]float64(nil), x...), SkewBefore: sk, KurtBefore: ku, SkewAfter: sk, KurtAfter: ku}
	if passes(sk, ku) {
		res.Pass = true
		return res, nil
	}
	v := res.Values
	kind := make([]string, len(v))
	n := 0
	for n < rule.WinsorMax {
		high := res.SkewAfter >= 0
		ext := v[0]
		for _, y := range v {
			if (high && y > ext) || (!high && y < ext) {
				ext = y
			}
		}
		repl, found := 0.0, false
		for _, y := range v {
			if y != ext && (!found || (high && y > repl) || (!high && y < repl)) {
				repl, found = y, true
			}
		}
		if !found {
			break
		}
		var idx []int
		for i, y := range v {
			if y == ext {
				idx = append(idx, i)
			}
		}
		if n+len(idx) > rule.WinsorMax {
			break
		}
		for _, i := range idx {
			v[i] = repl
			kind[i] = TreatWinsorHigh
			if !high {
				kind[i] = TreatWinsorLow
			}
		}
		n += len(idx)
		s, err1 := Skewness(v)
		k, err2 := Kurtosis(v)
		if err1 != nil || err2 != nil {
			break // winsorised to a constant: fall through to the log transform
		}
		res.SkewAfter, res.KurtAfter = s, k
		if passes(s, k) {
			res.Pass, res.Winsorised = true, n
			for i := range v {
				if kind[i] != "" {
					res.Treated = append(res.Treated, TreatedValue{Index: i, Original: x[i], Value: v[i], Kind: kind[i]})
				}
			}
			return res, nil
		}
	}
	lo, hi := x[0], x[0]
	for _, y := range x {
		lo, hi = math.Min(lo, y), math.Max(hi, y)
	}
	for i, y := range x {
		v[i] = math.Log(y - lo + 0.01*(hi-lo))
		res.Treated = append(res.Treated, TreatedValue{Index: i, Original: y, Value: v[i], Kind: TreatLog})
	}
	res.Logged = true
	var err1, err2 error
	res.SkewAfter, err1 = Skewness(v)
	res.KurtAfter, err2 = Kurtosis(v)
	if err1 != nil || err2 != nil {
		return nil, detail(errors.Join(err1, err2), CheckLogTransform, "log transform")
	}
	res.Pass = passes(res.SkewAfter, res.KurtAfter)
	return res, nil
}

// CorrelationMatrix fills dst (nil: a new matrix) with Pearson's correlations between the columns
// of x, r_jk = Σ_i (x_ij − x̄_j)(x_ik − x̄_k)/√(Σ_i (x_ij − x̄_j)² Σ_i (x_ik − x̄_k)²). A constant
// column returns a *CellError wrapping ErrZeroVariance (ErrNonFinite when its sum of squares
// overflows); fewer than two rows ErrTooFew.
func CorrelationMatrix(dst *mat.SymDense, x mat.Matrix) (*mat.SymDense, error) {
	m, n, err := checkMatrix(x, nil)
	if err != nil {
		return nil, err
	}
	if m < 2 {
		return nil, ErrTooFew
	}
	cols := make([][]float64, n)
	for j := range cols {
		cols[j] = make([]float64, m)
		var mean float64
		for i := 0; i < m; i++ {
			cols[j][i] = x.At(i, j)
			mean += cols[j][i]
		}
		mean /= float64(m)
		var ss float64
		for i := range cols[j] {
			cols[j][i] -= mean
			ss += cols[j][i] * cols[j][i]
		}
		if ss == 0 {
			return nil, cellErr(-1, j, ErrZeroVariance)
		}
		if math.IsInf(ss, 0) || math.IsNaN(ss) {
			return nil, cellErr(-1, j, ErrNonFinite)
		}
	}
	if dst == nil {
		dst = mat.NewSymDense(n, nil)
	} else if dst.SymmetricDim() != n {
		panic("statistics: CorrelationMatrix destination has the wrong size")
	}
	for j := 0; j < n; j++ {
		dst.SetSym(j, j, 1)
		for k := j + 1; k < n; k++ {
			dst.SetSym(j, k, pearsonCentred(cols[j], cols[k]))
		}
	}
	return dst, nil
}

// CorrelationFlag is a pair of indicators in the same group whose correlation crosses a
// threshold.
type CorrelationFlag struct {
	Group, I, J int
	R           float64
	// Kind is "collinear" (r > the collinear threshold) or "negative" (r < the negative one).
	Kind string
}

// CorrelationFlags lists the pairs of indicators within each group (a list of column indices)
// whose correlation exceeds collinear (COINr's default 0.9) or falls below negative (COINr's
// default −0.4): near-duplicates that double-count, and indicators pulling against their
// dimension (COINr, get_corr_flags; OECD/JRC Handbook 2008, §4).
func CorrelationFlags(corr mat.Symmetric, groups [][]int, collinear, negative float64) []CorrelationFlag {
	var out []CorrelationFlag
	for g, cols := range groups {
		for a := 0; a < len(cols); a++ {
			for b := a + 1; b < len(cols); b++ {
				r := corr.At(cols[a], cols[b])
				switch {
				case r > collinear:
					out = append(out, CorrelationFlag{Group: g, I: cols[a], J: cols[b], R: r, Kind: "collinear"})
				case r < negative:
					out = append(out, CorrelationFlag{Group: g, I: cols[a], J: cols[b], R: r, Kind: "negative"})
				}
			}
		}
	}
	return out
}

// GroupAlpha returns Cronbach's α (CronbachAlpha) of the columns of x in each group; a group with
// fewer than two columns has NaN. Errors name the group.
func GroupAlpha(x mat.Matrix, groups [][]int) ([]float64, error) {
	r, _ := x.Dims()
	out := make([]float64, len(groups))
	for g, cols := range groups {
		if len(cols) < 2 {
			out[g] = math.NaN()
			continue
		}
		sub := mat.NewDense(r, len(cols), nil)
		for k, j := range cols {
			for i := 0; i < r; i++ {
				sub.Set(i, k, x.At(i, j))
			}
		}
		a, _, err := CronbachAlpha(sub)
		if err != nil {
			return nil, detail(err, CheckInGroup, fmt.Sprintf("group %d", g), "group", g)
		}
		out[g] = a
	}
	return out, nil
}

// PCAResult holds a principal component analysis of standardised indicators.
type PCAResult struct {
	// Eigenvalues of the correlation matrix, descending (the variances of the components).
	Eigenvalues []float64
	// Explained[k] = λ_k/Σλ, the share of variance of component k; Cumulative sums it.
	Explained, Cumulative []float64
	// Loadings has one column per component: the unit eigenvector, signed so that its
	// largest-magnitude entry is positive (the first such entry on ties).
	Loadings *mat.Dense
}

// PCA computes the principal components of the columns of x on the correlation matrix (each
// indicator standardised, as R's prcomp(x, scale. = TRUE) and COINr's get_PCA do), by the
// symmetric eigendecomposition of gonum's mat.EigenSym (Jolliffe 2002, Principal Component
// Analysis, 2nd ed., Springer, §2.3). The sign of an eigenvector is arbitrary; for
// determinism each is signed so that its largest-magnitude entry is positive. Errors are those
// of CorrelationMatrix, or ErrDegenerate if the factorisation fails.
func PCA(x mat.Matrix) (*PCAResult, error) {
	c, err := CorrelationMatrix(nil, x)
	if err != nil {
		return nil, err
	}
	n := c.SymmetricDim()
	var eig mat.EigenSym
	if !eig.Factorize(c, true) {
		return nil, detail(ErrDegenerate, CheckEigen, "eigendecomposition failed")
	}
	vals := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return vals[order[a]] > vals[order[b]] })
	res := &PCAResult{Eigenvalues: make([]float64, n), Explained: make([]float64, n), Cumulative: make([]float64, n), Loadings: mat.NewDense(n, n, nil)}
	var total float64
	for _, v := range vals {
		total += math.Max(v, 0)
	}
	var cum float64
	for k, o := range order {
		l := math.Max(vals[o], 0) // clip round-off below zero
		res.Eigenvalues[k] = l
		res.Explained[k] = l / total
		cum += res.Explained[k]
		res.Cumulative[k] = cum
		big := 0
		for i := 0; i < n; i++ {
			if math.Abs(vecs.At(i, o)) > math.Abs(vecs.At(big, o))+1e-12 {
				big = i
			}
		}
		sign := 1.0
		if vecs.At(big, o) < 0 {
			sign = -1
		}
		for i := 0; i < n; i++ {
			res.Loadings.Set(i, k, sign*vecs.At(i, o))
		}
	}
	return res, nil
}

// ScreenUnits reports, for each row of x (NaN = missing), the share of indicators with data and
// whether it reaches threshold (COINr's data-availability screening, default 0.66).
func ScreenUnits(x mat.Matrix, threshold float64) (availability []float64, keep []bool) {
	r, c := x.Dims()
	availability = make([]float64, r)
	keep = make([]bool, r)
	for i := 0; i < r; i++ {
		have := 0
		for j := 0; j < c; j++ {
			if !math.IsNaN(x.At(i, j)) {
				have++
			}
		}
		availability[i] = float64(have) / float64(c)
		keep[i] = availability[i] >= threshold
	}
	return availability, keep
}
