package statistics

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// Shrout & Fleiss (1979): their example of six targets rated by four judges.
var shroutFleiss = mat.NewDense(6, 4, []float64{
	9, 2, 5, 8,
	6, 1, 3, 2,
	8, 4, 6, 8,
	7, 1, 2, 6,
	10, 5, 6, 9,
	6, 2, 4, 7,
})

func TestICCShroutFleiss(t *testing.T) {
	r, err := ICC(shroutFleiss, 0.05)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		got  ICCEstimate
		// value as printed by Shrout & Fleiss (1979) (two decimals, tolerance 0.005);
		// value3 as printed by R DescTools::ICC (three decimals, tolerance 0.0005);
		// lower/upper 95 % bounds as printed by R psych::ICC (lower to three decimals, tolerance
		// 0.0005; upper to two, tolerance 0.005); p as printed by DescTools (tolerance 5e-7).
		value, value3, lower, upper, f, p float64
	}{
		{"ICC(1,1)", r.ICC1, 0.17, 0.166, -0.133, 0.72, 1.79, 0.164769},
		{"ICC(2,1)", r.ICC2, 0.29, 0.290, 0.019, 0.76, 11.03, 0.000135},
		{"ICC(3,1)", r.ICC3, 0.71, 0.715, 0.342, 0.95, 11.03, 0.000135},
		{"ICC(1,4)", r.ICC1k, 0.44, 0.443, -0.884, 0.91, 1.79, 0.164769},
		{"ICC(2,4)", r.ICC2k, 0.62, 0.620, 0.071, 0.93, 11.03, 0.000135},
		{"ICC(3,4)", r.ICC3k, 0.91, 0.909, 0.676, 0.99, 11.03, 0.000135},
	}
	for _, tc := range tests {
		g := tc.got
		if !near(g.Value, tc.value, 0.005) || !near(g.Value, tc.value3, 0.0005) {
			t.Errorf("%s = %.4f, want %.2f (S&F) and %.3f (DescTools)", tc.name, g.Value, tc.value, tc.value3)
		}
		if !near(g.Lower, tc.lower, 0.0005) || !near(g.Upper, tc.upper, 0.005) {
			t.Errorf("%s CI = [%.4f, %.4f], want [%.3f, %.2f] (psych)", tc.name, g.Lower, g.Upper, tc.lower, tc.upper)
		}
		if !near(g.F, tc.f, 0.005) || !near(g.P, tc.p, 5e-7) {
			t.Errorf("%s F = %.4f p = %.7f, want %.2f, %.6f", tc.name, g.F, g.P, tc.f, tc.p)
		}
	}
	if r.ICC2.DF1 != 5 || r.ICC2.DF2 != 15 || r.ICC1.DF2 != 18 {
		t.Errorf("df = %v/%v, %v", r.ICC2.DF1, r.ICC2.DF2, r.ICC1.DF2)
	}
}

// McGraw & Wong (1996), Table 6 data (ten targets, two measurements), as verified against R
// DescTools::ICC: ICC1 0.722 [0.241, 0.922], ICC2 0.720 [0.228, 0.922], ICC3 0.714 [0.197, 0.920],
// ICC1k 0.838 [0.389, 0.959], ICC2k 0.837 [0.371, 0.959], ICC3k 0.833 [0.329, 0.959]; F 6.18 on
// (9, 10) p 0.00437 and F 6.00 on (9, 9) p 0.00677. Tolerance 0.0005 (three printed decimals).
func TestICCMcGrawWong(t *testing.T) {
	x := mat.NewDense(10, 2, []float64{103, 119, 82, 65, 116, 106, 102, 102, 99, 105, 98, 100, 104, 107, 62, 85, 97, 101, 107, 110})
	r, err := ICC(x, 0.05)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name            string
		got             ICCEstimate
		v, lo, hi, f, p float64
	}{
		{"ICC1", r.ICC1, 0.722, 0.241, 0.922, 6.18, 0.00437},
		{"ICC2", r.ICC2, 0.720, 0.228, 0.922, 6.00, 0.00677},
		{"ICC3", r.ICC3, 0.714, 0.197, 0.920, 6.00, 0.00677},
		{"ICC1k", r.ICC1k, 0.838, 0.389, 0.959, 6.18, 0.00437},
		{"ICC2k", r.ICC2k, 0.837, 0.371, 0.959, 6.00, 0.00677},
		{"ICC3k", r.ICC3k, 0.833, 0.329, 0.959, 6.00, 0.00677},
	} {
		g := tc.got
		if !near(g.Value, tc.v, 0.0005) || !near(g.Lower, tc.lo, 0.0005) || !near(g.Upper, tc.hi, 0.0005) || !near(g.F, tc.f, 0.005) || !near(g.P, tc.p, 0.000005) {
			t.Errorf("%s = %.4f [%.4f, %.4f] F %.3f p %.6f; want %.3f [%.3f, %.3f] F %.2f p %.5f", tc.name, g.Value, g.Lower, g.Upper, g.F, g.P, tc.v, tc.lo, tc.hi, tc.f, tc.p)
		}
	}
}

// R irr::icc(model = "oneway") on the scorecard data of TestKendallWScorecard (12 subjects × 5
// raters) prints ICC(1) = 0.688, F(11,48) = 12, p = 2.16e-10, 95 % CI 0.462 < ICC < 0.876.
func TestICCOnewayIrr(t *testing.T) {
	r, err := ICC(mat.DenseCopyOf(scorecard.T()), 0.05)
	if err != nil {
		t.Fatal(err)
	}
	g := r.ICC1
	if !near(g.Value, 0.688, 0.0005) || !near(g.Lower, 0.462, 0.0005) || !near(g.Upper, 0.876, 0.0005) || !near(g.F, 12, 0.5) || !near(g.P, 2.16e-10, 0.005e-10) {
		t.Errorf("ICC1 = %+v", g)
	}
}

// Scorecard example (Kemp 2016, R irr::kendall(scorecard, correct = TRUE)): 5 raters rank 12
// items; rater 2 gives two items the value 6 (a tie). irr prints Wt = 0.735, Chisq(11) = 40.5,
// p-value = 2.99e-05. Rows are raters here. Tolerances: half a unit of the printed digit.
var scorecard = mat.NewDense(5, 12, []float64{
	4, 3, 1, 5, 6, 9, 8, 2, 7, 11, 10, 12,
	1, 2, 6, 3, 5, 4, 8, 9, 10, 11, 6, 12,
	1, 2, 6, 3, 4, 5, 8, 7, 10, 9, 11, 12,
	2, 3, 5, 6, 7, 1, 4, 10, 8, 9, 11, 12,
	1, 6, 2, 5, 3, 8, 4, 9, 7, 10, 11, 12,
})

func TestKendallWScorecard(t *testing.T) {
	r, err := KendallW(scorecard)
	if err != nil {
		t.Fatal(err)
	}
	if !near(r.W, 0.735, 0.0005) || !near(r.ChiSquare, 40.5, 0.05) || r.DF != 11 || !near(r.P, 2.99e-5, 0.005e-5) {
		t.Errorf("W = %.5f χ² = %.3f df = %d p = %.4g; want 0.735, 40.5, 11, 2.99e-05", r.W, r.ChiSquare, r.DF, r.P)
	}
	// One tie group of size 2: Σ(t³ − t) = 6, so W_uncorrected = W·(m²(n³−n) − 6m)/(m²(n³−n)).
	den := 25.0 * (1728 - 12)
	if !near(r.WUncorrected, r.W*(den-30)/den, 1e-12) || !(r.WUncorrected < r.W) {
		t.Errorf("uncorrected W = %v", r.WUncorrected)
	}
}

// Perfect agreement gives W = 1; reversing one of two raters gives W = 0.
func TestKendallWBounds(t *testing.T) {
	r, _ := KendallW(mat.NewDense(3, 4, []float64{1, 2, 3, 4, 10, 20, 30, 40, 5, 6, 7, 8}))
	if !near(r.W, 1, 1e-12) {
		t.Errorf("W = %v", r.W)
	}
	r, _ = KendallW(mat.NewDense(2, 4, []float64{1, 2, 3, 4, 4, 3, 2, 1}))
	if !near(r.W, 0, 1e-12) {
		t.Errorf("W = %v", r.W)
	}
	if _, err := KendallW(mat.NewDense(2, 3, []float64{1, 1, 1, 2, 2, 2})); !errors.Is(err, ErrZeroVariance) {
		t.Errorf("all tied: %v", err)
	}
}

// Cronbach's α equals ICC(3,k) on the same matrix (McGraw & Wong 1996, p. 41), so for the
// Shrout–Fleiss data α = 0.909 and for McGraw & Wong's Table 6 data α = 0.833, as DescTools::ICC
// prints ICC3k. Tolerance 0.0005.
func TestCronbachAlpha(t *testing.T) {
	a, del, err := CronbachAlpha(shroutFleiss)
	if err != nil {
		t.Fatal(err)
	}
	if !near(a, 0.909, 0.0005) || len(del) != 4 {
		t.Errorf("α = %v, deleted %v", a, del)
	}
	icc, _ := ICC(shroutFleiss, 0.05)
	if !near(a, icc.ICC3k.Value, 1e-12) {
		t.Errorf("α %v ≠ ICC3k %v", a, icc.ICC3k.Value)
	}
	// α if item 0 deleted equals α of the remaining three columns.
	sub := mat.DenseCopyOf(shroutFleiss.Slice(0, 6, 1, 4))
	a3, _, _ := CronbachAlpha(sub)
	if !near(del[0], a3, 1e-12) {
		t.Errorf("α-if-deleted[0] = %v, want %v", del[0], a3)
	}
	a2, del2, err := CronbachAlpha(mat.NewDense(10, 2, []float64{103, 119, 82, 65, 116, 106, 102, 102, 99, 105, 98, 100, 104, 107, 62, 85, 97, 101, 107, 110}))
	if err != nil || !near(a2, 0.833, 0.0005) || del2 != nil {
		t.Errorf("McGraw–Wong α = %v (%v), deleted %v", a2, err, del2)
	}
}

func TestDescriptive(t *testing.T) {
	x := []float64{7, 1, 3, 9, 100}
	if Mean(x) != 24 || Median(x) != 7 || Median([]float64{4, 1, 3, 2}) != 2.5 {
		t.Error("mean/median")
	}
	tm, err := TrimmedMean(x, 1)
	if err != nil || !near(tm, 19.0/3, 1e-12) {
		t.Errorf("trimmed mean = %v", tm)
	}
	if _, err := TrimmedMean(x, 3); !errors.Is(err, ErrTooFew) {
		t.Errorf("over-trim: %v", err)
	}
	// Hyndman & Fan type 7 (R quantile default): quantile(c(1,2,3,4,10), 0.3) = 2.2.
	if !near(Quantile(0.3, []float64{10, 1, 4, 2, 3}), 2.2, 1e-12) {
		t.Error("quantile type 7")
	}
}

func TestBootstrapDeterministic(t *testing.T) {
	x := []float64{3, 5, 8, 2, 9, 4, 7, 6, 1, 10}
	e1, l1, h1, err := BootstrapPercentile(x, Mean, 2000, 0.95, 42)
	if err != nil {
		t.Fatal(err)
	}
	e2, l2, h2, _ := BootstrapPercentile(x, Mean, 2000, 0.95, 42)
	if e1 != e2 || l1 != l2 || h1 != h2 {
		t.Error("same seed, different interval")
	}
	y := []float64{3.17, 5.02, 8.93, 2.41, 9.66, 4.28, 7.35, 6.74, 1.59, 10.08}
	_, ya, yb, _ := BootstrapPercentile(y, Mean, 2000, 0.95, 42)
	_, yc, yd, _ := BootstrapPercentile(y, Mean, 2000, 0.95, 43)
	if ya == yc && yb == yd {
		t.Error("different seed, identical interval")
	}
	// The mean is 5.5; the percentile interval of the mean of 10 values with SD 3.03 is near
	// 5.5 ± 1.96·3.03/√10 ≈ [3.6, 7.4] (normal approximation; tolerance 0.4).
	if e1 != 5.5 || !near(l1, 3.6, 0.4) || !near(h1, 7.4, 0.4) {
		t.Errorf("bootstrap = %v [%v, %v]", e1, l1, h1)
	}
}

// Identical ratings from every rater: every ICC is 1, with degenerate intervals [1, 1].
func TestICCPerfectAgreement(t *testing.T) {
	r, err := ICC(mat.NewDense(3, 2, []float64{1, 1, 2, 2, 3, 3}), 0.05)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []ICCEstimate{r.ICC1, r.ICC2, r.ICC3, r.ICC1k, r.ICC2k, r.ICC3k} {
		if e.Value != 1 || e.Lower != 1 || e.Upper != 1 || e.P != 0 {
			t.Errorf("perfect agreement: %+v", e)
		}
	}
}

// No between-target variance (both targets' means are 5): MSR = 0, so ICC(2,1)'s Satterthwaite ν
// is 0/0 (found by the calculator's fuzz target, where gonum's F quantile panicked). By hand,
// Shrout & Fleiss's one-way table gives MSW = (16 + 16 + 0 + 0)/2 = 16, ICC(1,1) = (0 − 16)/(0 + 16)
// = −1; the ICC(2,·) estimates stay defined and their bounds are NaN, as R's qf gives for ν = 0.
func TestICCNoBetweenTargetVariance(t *testing.T) {
	r, err := ICC(mat.NewDense(2, 2, []float64{1, 9, 5, 5}), 0.05)
	if err != nil {
		t.Fatal(err)
	}
	if r.MSR != 0 || r.MSW != 16 || r.ICC1.Value != -1 {
		t.Errorf("MSR %v MSW %v ICC(1,1) %v", r.MSR, r.MSW, r.ICC1.Value)
	}
	for _, e := range []ICCEstimate{r.ICC2, r.ICC2k} {
		if math.IsNaN(e.Value) || !math.IsNaN(e.Lower) || !math.IsNaN(e.Upper) {
			t.Errorf("ICC(2): %+v", e)
		}
	}
}

// plainMatrix hides a matrix's type, so that covariance reads it through At.
type plainMatrix struct{ mat.Matrix }

// rowMatrix is a matrix read a row at a time (RowReader).
type rowMatrix struct{ mat.Matrix }

func (m rowMatrix) ReadRow(i int, dst []float64) {
	for j := range dst {
		dst[j] = m.At(i, j)
	}
}

// Cronbach's α of a dense matrix, read from its backing array, is bit for bit α of the same
// matrix read through At, and read a row at a time (RowReader), and of a dense view with a
// stride wider than its columns.
func TestCronbachAlphaDenseLikeAt(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const n, k = 400, 7
	wide := mat.NewDense(n, k+3, nil)
	for i := range n {
		for j := range k + 3 {
			wide.Set(i, j, float64(1+rng.IntN(5))+0.25*float64(rng.IntN(4)))
		}
	}
	view := wide.Slice(0, n, 1, 1+k).(*mat.Dense)
	dense := mat.DenseCopyOf(view)
	want, wantDel, err := CronbachAlpha(plainMatrix{dense})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []mat.Matrix{dense, view, rowMatrix{dense}} {
		got, gotDel, err := CronbachAlpha(m)
		if err != nil {
			t.Fatal(err)
		}
		if math.Float64bits(got) != math.Float64bits(want) || len(gotDel) != len(wantDel) {
			t.Fatalf("α %v, through At %v", got, want)
		}
		for j := range gotDel {
			if math.Float64bits(gotDel[j]) != math.Float64bits(wantDel[j]) {
				t.Fatalf("α without item %d: %v, through At %v", j, gotDel[j], wantDel[j])
			}
		}
	}
}
