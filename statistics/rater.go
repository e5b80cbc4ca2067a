package statistics

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Mean returns the arithmetic mean of x (NaN for an empty slice).
func Mean(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	m, _ := meanSD(x)
	return m
}

// StdDev returns the sample standard deviation s = sqrt(Σ(x_i − x̄)²/(n − 1)) (0 for fewer than
// two values), by the corrected two-pass algorithm (Chan, Golub & LeVeque 1983, Am. Stat. 37,
// 242–247, eq. 1.7).
func StdDev(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	_, sd := meanSD(x)
	return sd
}

// Median returns the sample median: the middle order statistic, or the mean of the two middle
// ones for an even count (Hyndman & Fan 1996, definition 7 at p = 0.5). x is not modified.
func Median(x []float64) float64 {
	return Quantile(0.5, x)
}

// Quantile returns the p-quantile of x by Hyndman & Fan's (1996) definition 7 (R's default):
// with the sorted values x_(1) ≤ … ≤ x_(n) and h = (n − 1)p, Q = x_(⌊h⌋+1) + (h − ⌊h⌋)(x_(⌊h⌋+2)
// − x_(⌊h⌋+1)). "Sample quantiles in statistical packages", Am. Stat. 50, 361–365. x is not
// modified; NaN for an empty slice. p outside [0, 1] panics.
func Quantile(p float64, x []float64) float64 {
	if !(p >= 0 && p <= 1) {
		panic("statistics: quantile probability outside [0, 1]")
	}
	if len(x) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), x...)
	sort.Float64s(s)
	return quantileSorted(p, s)
}

func quantileSorted(p float64, s []float64) float64 {
	h := float64(len(s)-1) * p
	lo := int(math.Floor(h))
	if lo >= len(s)-1 {
		return s[len(s)-1]
	}
	return s[lo] + (h-float64(lo))*(s[lo+1]-s[lo])
}

// TrimmedMean drops the k smallest and the k largest values and returns the mean of the rest
// (the trimmed mean used to discount extreme expert scores; Wilcox, Introduction to Robust
// Estimation and Hypothesis Testing, 4th ed., 2017, ch. 3). It returns ErrTooFew when
// 2k ≥ len(x). k < 0 panics.
func TrimmedMean(x []float64, k int) (float64, error) {
	if k < 0 {
		panic("statistics: negative trim count")
	}
	if 2*k >= len(x) {
		return 0, detail(ErrTooFew, CheckTrim, fmt.Sprintf("trimming %d from each end of %d values", k, len(x)), "trim", k, "count", len(x))
	}
	s := append([]float64(nil), x...)
	sort.Float64s(s)
	return Mean(s[k : len(s)-k]), nil
}

// ICCEstimate is one intraclass correlation with its F test and confidence interval.
type ICCEstimate struct {
	Value, Lower, Upper float64
	// F is the statistic testing ICC = 0 on (DF1, DF2) degrees of freedom; P its upper-tail p.
	F, DF1, DF2, P float64
}

// ICCResult holds the six intraclass correlations of Shrout & Fleiss (1979) and the ANOVA mean
// squares they are built from.
type ICCResult struct {
	ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k ICCEstimate
	// MSR between targets, MSW within targets, MSC between raters, MSE residual.
	MSR, MSW, MSC, MSE float64
	N, K               int
}

// ICC computes the six intraclass correlations of Shrout & Fleiss (1979), "Intraclass
// correlations: uses in assessing rater reliability", Psychological Bulletin 86(2), 420–428,
// for an n×k matrix (targets in rows, raters in columns), with confidence intervals at
// level 1 − alpha by McGraw & Wong (1996), "Forming inferences about some intraclass correlation
// coefficients", Psychological Methods 1(1), 30–46, Tables 7–8 (with the 1996 erratum):
//
//	ICC(1,1) = (MSR − MSW)/(MSR + (k−1)MSW)            ICC(1,k) = (MSR − MSW)/MSR
//	ICC(2,1) = (MSR − MSE)/(MSR + (k−1)MSE + k(MSC − MSE)/n)
//	ICC(2,k) = (MSR − MSE)/(MSR + (MSC − MSE)/n)
//	ICC(3,1) = (MSR − MSE)/(MSR + (k−1)MSE)            ICC(3,k) = (MSR − MSE)/MSR
//
// F tests: MSR/MSW on (n−1, n(k−1)) for ICC(1,·) and MSR/MSE on (n−1, (n−1)(k−1)) for the
// others. Intervals: for ICC(1,·) and ICC(3,·) from F_L = F/F_{1−α/2}(df1, df2) and
// F_U = F·F_{1−α/2}(df2, df1); for ICC(2,·) McGraw & Wong's Satterthwaite-type ν (their Table 7,
// case 2A), with the average-measure bounds their Spearman–Brown step-ups. The F quantiles and p
// values come from gonum's distuv.F. These are the formulas of R's psych::ICC and irr::icc.
// It returns ErrTooFew for n < 2 or k < 2 and ErrZeroVariance when every rating is equal.
func ICC(ratings mat.Matrix, alpha float64) (*ICCResult, error) {
	if !(alpha > 0 && alpha < 1) {
		panic("statistics: ICC alpha outside (0, 1)")
	}
	n, k, err := checkMatrix(ratings, nil)
	if err != nil {
		return nil, err
	}
	if n < 2 || k < 2 {
		return nil, detail(ErrTooFew, CheckTargetsRaters, fmt.Sprintf("%d targets × %d raters", n, k), "targets", n, "raters", k)
	}
	raw := ratingsRows(ratings)
	rowMean := make([]float64, n)
	colMean := make([]float64, k)
	var grand float64
	for i := 0; i < n; i++ {
		row := raw[i*k : (i+1)*k]
		var s float64
		for j, v := range row {
			s += v
			colMean[j] += v
		}
		rowMean[i] = s / float64(k)
		grand += s
	}
	fn, fk := float64(n), float64(k)
	grand /= fn * fk
	for j := range colMean {
		colMean[j] /= fn
	}
	var ssr, ssc, sst float64
	for i := 0; i < n; i++ {
		d := rowMean[i] - grand
		ssr += d * d
		row := raw[i*k : (i+1)*k]
		for _, v := range row {
			e := v - grand
			sst += e * e
		}
	}
	ssr *= fk
	for _, m := range colMean {
		d := m - grand
		ssc += d * d
	}
	ssc *= fn
	sse := math.Max(0, sst-ssr-ssc)
	ssw := math.Max(0, sst-ssr)
	r := &ICCResult{N: n, K: k}
	r.MSR = ssr / (fn - 1)
	r.MSC = ssc / (fk - 1)
	r.MSE = sse / ((fn - 1) * (fk - 1))
	r.MSW = ssw / (fn * (fk - 1))
	if sst == 0 {
		return nil, ErrZeroVariance
	}
	df1, dfW, dfE := fn-1, fn*(fk-1), (fn-1)*(fk-1)
	q := 1 - alpha/2
	fq := func(d1, d2 float64) float64 { return distuv.F{D1: d1, D2: d2}.Quantile(q) }
	pval := func(f, d1, d2 float64) float64 {
		if math.IsInf(f, 1) {
			return 0
		}
		return distuv.F{D1: d1, D2: d2}.Survival(f)
	}

	// ICC(1,·): one-way random effects.
	f1 := r.MSR / r.MSW
	p1 := pval(f1, df1, dfW)
	fl, fu := f1/fq(df1, dfW), f1*fq(dfW, df1)
	r.ICC1 = ICCEstimate{Value: (r.MSR - r.MSW) / (r.MSR + (fk-1)*r.MSW), Lower: (fl - 1) / (fl + fk - 1), Upper: (fu - 1) / (fu + fk - 1), F: f1, DF1: df1, DF2: dfW, P: p1}
	r.ICC1k = ICCEstimate{Value: (r.MSR - r.MSW) / r.MSR, Lower: 1 - 1/fl, Upper: 1 - 1/fu, F: f1, DF1: df1, DF2: dfW, P: p1}

	// ICC(3,·): two-way mixed, consistency.
	f3 := r.MSR / r.MSE
	p3 := pval(f3, df1, dfE)
	fl, fu = f3/fq(df1, dfE), f3*fq(dfE, df1)
	r.ICC3 = ICCEstimate{Value: (r.MSR - r.MSE) / (r.MSR + (fk-1)*r.MSE), Lower: (fl - 1) / (fl + fk - 1), Upper: (fu - 1) / (fu + fk - 1), F: f3, DF1: df1, DF2: dfE, P: p3}
	r.ICC3k = ICCEstimate{Value: (r.MSR - r.MSE) / r.MSR, Lower: 1 - 1/fl, Upper: 1 - 1/fu, F: f3, DF1: df1, DF2: dfE, P: p3}

	// ICC(2,·): two-way random, absolute agreement.
	icc2 := (r.MSR - r.MSE) / (r.MSR + (fk-1)*r.MSE + fk*(r.MSC-r.MSE)/fn)
	a := fk * icc2 / (fn * (1 - icc2))
	b := 1 + fk*icc2*(fn-1)/(fn*(1-icc2))
	nu := (a*r.MSC + b*r.MSE) * (a*r.MSC + b*r.MSE) / ((a*r.MSC)*(a*r.MSC)/(fk-1) + (b*r.MSE)*(b*r.MSE)/((fn-1)*(fk-1)))
	// ν is undefined (0/0, or not positive) when the estimate itself is degenerate — no
	// between-target variance, say, so ICC(2,1) ≤ 0 and a·MSC + b·MSE vanishes —; R's qf then
	// returns NaN, and so do these bounds (gonum's F quantile would panic on ν ≤ 0).
	lo2, hi2 := math.NaN(), math.NaN()
	if nu > 0 && !math.IsInf(nu, 0) {
		fs := fq(df1, nu)
		fsl := fq(nu, df1)
		lo2 = fn * (r.MSR - fs*r.MSE) / (fs*(fk*r.MSC+(fk*fn-fk-fn)*r.MSE) + fn*r.MSR)
		hi2 = fn * (fsl*r.MSR - r.MSE) / (fk*r.MSC + (fk*fn-fk-fn)*r.MSE + fn*fsl*r.MSR)
	}
	r.ICC2 = ICCEstimate{Value: icc2, Lower: lo2, Upper: hi2, F: f3, DF1: df1, DF2: dfE, P: p3}
	sb := func(x float64) float64 { return fk * x / (1 + (fk-1)*x) }
	r.ICC2k = ICCEstimate{Value: (r.MSR - r.MSE) / (r.MSR + (r.MSC-r.MSE)/fn), Lower: sb(lo2), Upper: sb(hi2), F: f3, DF1: df1, DF2: dfE, P: p3}
	// Perfect agreement (MSW or MSE zero) makes F infinite and the interval formulas 0/0 or
	// ∞/∞; the estimate is then exactly 1 and so is each bound.
	for _, e := range []*ICCEstimate{&r.ICC1, &r.ICC2, &r.ICC3, &r.ICC1k, &r.ICC2k, &r.ICC3k} {
		if e.Value == 1 {
			if math.IsNaN(e.Lower) {
				e.Lower = 1
			}
			if math.IsNaN(e.Upper) {
				e.Upper = 1
			}
		}
	}
	return r, nil
}

// ratingsRows returns the row-major contents of m, without copying a *mat.Dense whose stride is
// its width.
func ratingsRows(m mat.Matrix) []float64 {
	r, c := m.Dims()
	if d, ok := m.(*mat.Dense); ok {
		raw := d.RawMatrix()
		if raw.Stride == c {
			return raw.Data[:r*c]
		}
	}
	out := make([]float64, 0, r*c)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			out = append(out, m.At(i, j))
		}
	}
	return out
}

// CronbachAlpha returns Cronbach's (1951) coefficient α for an n×k matrix (respondents in rows,
// items in columns),
//
//	α = k/(k − 1) · (1 − Σ_j s_j² / s_T²)
//
// s_j² the item variances and s_T² the variance of the row totals ("Coefficient alpha and the
// internal structure of tests", Psychometrika 16, 297–334, eq. 2), and α with each item deleted
// (nil when k = 2, where one item remains). α equals ICC(3,k) computed on the same matrix
// (McGraw & Wong 1996, p. 41). It returns ErrTooFew for n < 2 or k < 2 and ErrZeroVariance when
// the totals do not vary. A matrix that implements RowReader is read a row at a time.
func CronbachAlpha(scores mat.Matrix) (alpha float64, ifDeleted []float64, err error) {
	n, k, err := checkMatrix(scores, nil)
	if err != nil {
		return 0, nil, err
	}
	if n < 2 || k < 2 {
		return 0, nil, ErrTooFew
	}
	cov := covariance(scores)
	alphaOf := func(skip int) (float64, error) {
		var items, total float64
		m := 0
		for i := 0; i < k; i++ {
			if i == skip {
				continue
			}
			m++
			items += cov[i][i]
			for j := 0; j < k; j++ {
				if j != skip {
					total += cov[i][j]
				}
			}
		}
		if total <= 0 {
			return 0, ErrZeroVariance
		}
		fm := float64(m)
		return fm / (fm - 1) * (1 - items/total), nil
	}
	alpha, err = alphaOf(-1)
	if err != nil {
		return 0, nil, err
	}
	if k > 2 {
		ifDeleted = make([]float64, k)
		for j := range ifDeleted {
			if ifDeleted[j], err = alphaOf(j); err != nil {
				return 0, nil, cellErr(-1, j, err)
			}
		}
	}
	return alpha, ifDeleted, nil
}

// RowReader is implemented by a matrix that copies out a row faster than At reads its cells one
// by one (a view of rows scattered in a larger array, say). CronbachAlpha reads such a matrix a
// row at a time: it need not be made into a Dense first.
type RowReader interface {
	// ReadRow copies row i into dst, whose length is the number of columns.
	ReadRow(i int, dst []float64)
}

// covariance returns the sample covariance matrix (divisor n − 1) of the columns of x. It reads
// x a row at a time: a dense matrix's rows from its backing array (mat.Dense.At checks bounds on
// every call, which was most of the time), a RowReader's by ReadRow, another matrix's through
// At; the additions are the same, in the same order, whichever way the rows are read.
func covariance(x mat.Matrix) [][]float64 {
	n, k := x.Dims()
	buf := make([]float64, k)
	row := func(i int) []float64 {
		for j := range buf {
			buf[j] = x.At(i, j)
		}
		return buf
	}
	switch m := x.(type) {
	case *mat.Dense:
		raw := m.RawMatrix()
		row = func(i int) []float64 { return raw.Data[i*raw.Stride : i*raw.Stride+k] }
	case RowReader:
		row = func(i int) []float64 { m.ReadRow(i, buf); return buf }
	}
	// mean[j] = Σ_i x_ij / n, each sum over i in order.
	mean := make([]float64, k)
	for i := 0; i < n; i++ {
		for j, v := range row(i) {
			mean[j] += v
		}
	}
	for j := range mean {
		mean[j] /= float64(n)
	}
	cov := make([][]float64, k)
	for a := range cov {
		cov[a] = make([]float64, k)
	}
	for i := 0; i < n; i++ {
		r := row(i)
		for a := 0; a < k; a++ {
			da := r[a] - mean[a]
			ca := cov[a]
			for b := a; b < k; b++ {
				ca[b] += da * (r[b] - mean[b])
			}
		}
	}
	for a := 0; a < k; a++ {
		for b := a; b < k; b++ {
			cov[a][b] /= float64(n - 1)
			cov[b][a] = cov[a][b]
		}
	}
	return cov
}

// KendallWResult holds Kendall's coefficient of concordance and its χ² test.
type KendallWResult struct {
	// W is corrected for ties; WUncorrected is not.
	W, WUncorrected float64
	// ChiSquare = m(n − 1)W on DF = n − 1 degrees of freedom, P its upper-tail probability.
	ChiSquare float64
	DF        int
	P         float64
	// RankSums R_j of each object.
	RankSums []float64
}

// KendallW computes Kendall's coefficient of concordance for an m×n matrix with raters in rows
// and objects in columns (the layout of Kendall & Babington Smith 1939 and of Siegel & Castellan
// 1988). Each row is ranked, ties receiving mean ranks; with R_j the column rank sums and
// S = Σ_j (R_j − m(n + 1)/2)²,
//
//	W = 12S / (m²(n³ − n))                       (uncorrected)
//	W = 12S / (m²(n³ − n) − m Σ_t (t³ − t))       (corrected; t the size of each tie group)
//
// (Kendall & Gibbons 1990, Rank Correlation Methods, 5th ed., §6.10; Siegel & Castellan 1988,
// Nonparametric Statistics, 2nd ed., eq. 9.16), with χ² = m(n − 1)W on n − 1 degrees of freedom,
// p from gonum's distuv.ChiSquared. It returns ErrTooFew for m < 2 or n < 2 and ErrZeroVariance
// when every rater ties every object.
func KendallW(scores mat.Matrix) (*KendallWResult, error) {
	m, n, err := checkMatrix(scores, nil)
	if err != nil {
		return nil, err
	}
	if m < 2 || n < 2 {
		return nil, ErrTooFew
	}
	sums := make([]float64, n)
	row := make([]float64, n)
	ranks := make([]float64, n)
	var ties float64
	for i := 0; i < m; i++ {
		mat.Row(row, i, scores)
		Ranks(ranks, row)
		for j, r := range ranks {
			sums[j] += r
		}
		sorted := append([]float64(nil), row...)
		sort.Float64s(sorted)
		for a := 0; a < n; {
			b := a + 1
			for b < n && sorted[b] == sorted[a] {
				b++
			}
			t := float64(b - a)
			ties += t*t*t - t
			a = b
		}
	}
	fm, fn := float64(m), float64(n)
	var s float64
	for _, r := range sums {
		d := r - fm*(fn+1)/2
		s += d * d
	}
	den := fm * fm * (fn*fn*fn - fn)
	denT := den - fm*ties
	if denT <= 0 {
		return nil, ErrZeroVariance
	}
	res := &KendallWResult{W: 12 * s / denT, WUncorrected: 12 * s / den, DF: n - 1, RankSums: sums}
	res.ChiSquare = fm * (fn - 1) * res.W
	res.P = distuv.ChiSquared{K: fn - 1}.Survival(res.ChiSquare)
	return res, nil
}

// BootstrapPercentile returns the percentile bootstrap interval (Efron & Tibshirani 1993, An
// Introduction to the Bootstrap, §13.3) of stat over x at level (for example 0.95): b resamples
// of len(x) values drawn with replacement by a PCG generator seeded with seed, the statistic of
// each, and the (1 − level)/2 and (1 + level)/2 quantiles of those replicates by Hyndman & Fan
// definition 7 (see Quantile). The same seed gives the same interval. It also returns stat(x).
func BootstrapPercentile(x []float64, stat func([]float64) float64, b int, level float64, seed uint64) (est, lo, hi float64, err error) {
	if b < 1 {
		panic("statistics: bootstrap needs at least one resample")
	}
	if !(level > 0 && level < 1) {
		panic("statistics: bootstrap level outside (0, 1)")
	}
	if len(x) == 0 {
		return 0, 0, 0, ErrTooFew
	}
	if err := checkFinite(x); err != nil {
		return 0, 0, 0, err
	}
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	rep := make([]float64, b)
	buf := make([]float64, len(x))
	for r := range rep {
		for i := range buf {
			buf[i] = x[rng.IntN(len(x))]
		}
		rep[r] = stat(buf)
	}
	sort.Float64s(rep)
	return stat(x), quantileSorted((1-level)/2, rep), quantileSorted((1+level)/2, rep), nil
}
