package statistics

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// Microsoft's documentation of Excel's SKEW and KURT functions uses the data 3, 4, 5, 2, 3, 4, 5,
// 6, 4, 7 and prints SKEW = 0.359543 and KURT = −0.1518 (−0.151799637). Tolerance 5e-7 / 5e-10
// (the printed digits).
func TestSkewnessKurtosisExcel(t *testing.T) {
	x := []float64{3, 4, 5, 2, 3, 4, 5, 6, 4, 7}
	s, err := Skewness(x)
	if err != nil || !near(s, 0.359543, 5e-7) {
		t.Errorf("skewness %v %v, want 0.359543", s, err)
	}
	k, err := Kurtosis(x)
	if err != nil || !near(k, -0.151799637, 5e-10) {
		t.Errorf("kurtosis %.9f %v, want -0.151799637", k, err)
	}
	if _, err := Skewness([]float64{1, 1, 1}); !errors.Is(err, ErrZeroVariance) {
		t.Errorf("constant: %v", err)
	}
}

// Anscombe (1973), "Graphs in statistical analysis", The American Statistician 27, 17–21: the
// correlation of x and y in data set I is printed as 0.816 (the same for all four sets).
// Tolerance 0.0005.
func TestCorrelationAnscombe(t *testing.T) {
	x := []float64{10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5}
	y := []float64{8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68}
	m := mat.NewDense(11, 2, nil)
	m.SetCol(0, x)
	m.SetCol(1, y)
	c, err := CorrelationMatrix(nil, m)
	if err != nil {
		t.Fatal(err)
	}
	if !near(c.At(0, 1), 0.816, 0.0005) || c.At(0, 0) != 1 {
		t.Errorf("r = %v", c.At(0, 1))
	}
	fl := CorrelationFlags(c, [][]int{{0, 1}}, 0.8, -0.4)
	if len(fl) != 1 || fl[0].Kind != "collinear" {
		t.Errorf("flags %v", fl)
	}
	if fl := CorrelationFlags(c, [][]int{{0, 1}}, 0.9, -0.4); len(fl) != 0 {
		t.Errorf("flags at 0.9: %v", fl)
	}
}

// The outlier treatment is checked by hand: 1 … 20 and one value of 100 fail the rule (skew ≈
// 4.1, kurtosis ≈ 17.6 — asserted, then recomputed after treatment); winsorising the single
// maximum to 20 passes, and exactly that value is recorded.
func TestTreatOutliersWinsorise(t *testing.T) {
	x := make([]float64, 21)
	for i := range x[:20] {
		x[i] = float64(i + 1)
	}
	x[20] = 100
	r, err := TreatOutliers(x, DefaultOutlierRule)
	if err != nil {
		t.Fatal(err)
	}
	if !(r.SkewBefore >= 2 && r.KurtBefore >= 3.5) {
		t.Fatalf("example does not fail the rule: skew %v kurt %v", r.SkewBefore, r.KurtBefore)
	}
	if !r.Pass || r.Logged || r.Winsorised != 1 || len(r.Treated) != 1 {
		t.Fatalf("treatment %+v", r)
	}
	tv := r.Treated[0]
	if tv.Index != 20 || tv.Original != 100 || tv.Value != 20 || tv.Kind != TreatWinsorHigh {
		t.Errorf("treated %+v", tv)
	}
	s, _ := Skewness(r.Values)
	if !near(s, r.SkewAfter, 1e-15) || math.Abs(s) >= 2 {
		t.Errorf("skew after %v", s)
	}
	if x[20] != 100 {
		t.Error("input modified")
	}
	// A normal-looking indicator passes untouched.
	r, _ = TreatOutliers([]float64{3, 4, 5, 2, 3, 4, 5, 6, 4, 7}, DefaultOutlierRule)
	if !r.Pass || len(r.Treated) != 0 {
		t.Errorf("clean data treated: %+v", r)
	}
}

// With WinsorMax 0 the log transform applies: x′ = ln(x − min + 0.01(max − min)) (COINr log_CT).
func TestTreatOutliersLog(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1000}
	r, err := TreatOutliers(x, OutlierRule{Skew: 2, Kurt: 3.5, WinsorMax: 0})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Logged || len(r.Treated) != len(x) || r.Treated[12].Kind != TreatLog {
		t.Fatalf("%+v", r)
	}
	for i, v := range x {
		if want := math.Log(v - 1 + 0.01*999); !near(r.Values[i], want, 1e-12) {
			t.Errorf("log[%d] = %v, want %v", i, r.Values[i], want)
		}
	}
}

// Closed forms: for standardised indicators with equal correlation ρ the correlation matrix has
// eigenvalues 1 + (p − 1)ρ and 1 − ρ (p − 1 times), the first eigenvector (1, …, 1)/√p
// (Jolliffe 2002, §2.3; Morrison, Multivariate Statistical Methods, 2nd ed. 1976, §8.4). With two
// columns ρ is any r: eigenvalues 1 ± r, vectors (1, 1)/√2 and (1, −1)/√2. No published PCA table
// is reproduced here; the closed forms are exact, so tolerance 1e-12.
func TestPCAClosedForm(t *testing.T) {
	x := mat.NewDense(11, 2, nil)
	x.SetCol(0, []float64{10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5})
	x.SetCol(1, []float64{8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68})
	c, _ := CorrelationMatrix(nil, x)
	r := c.At(0, 1)
	p, err := PCA(x)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "eigenvalues", p.Eigenvalues, []float64{1 + r, 1 - r}, 1e-12)
	checkSlice(t, "explained", p.Explained, []float64{(1 + r) / 2, (1 - r) / 2}, 1e-12)
	checkSlice(t, "cumulative", p.Cumulative, []float64{(1 + r) / 2, 1}, 1e-12)
	s := 1 / math.Sqrt2
	checkSlice(t, "PC1", mat.Col(nil, 0, p.Loadings), []float64{s, s}, 1e-12)
	// PC2 is ±(1, −1)/√2 with equal magnitudes; the tie keeps the first entry positive.
	checkSlice(t, "PC2", mat.Col(nil, 1, p.Loadings), []float64{s, -s}, 1e-12)
}

// Three indicators with equal correlations: columns built from a common factor plus orthogonal
// parts, x_j = f + e_j with f ⟂ e_j, e_j mutually orthogonal, zero means and equal norms, give
// ρ = |f|²/(|f|² + |e|²) = 0.5 when |f| = |e|. Eigenvalues 1 + 2ρ = 2, 1 − ρ = 0.5, 0.5.
func TestPCAEquicorrelation(t *testing.T) {
	f := []float64{1, 1, 1, 1, -1, -1, -1, -1}
	e := [][]float64{
		{1, -1, 1, -1, 1, -1, 1, -1},
		{1, 1, -1, -1, 1, 1, -1, -1},
		{1, -1, -1, 1, 1, -1, -1, 1},
	}
	x := mat.NewDense(8, 3, nil)
	for j := 0; j < 3; j++ {
		for i := 0; i < 8; i++ {
			x.Set(i, j, f[i]+e[j][i])
		}
	}
	p, err := PCA(x)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "eigenvalues", p.Eigenvalues, []float64{2, 0.5, 0.5}, 1e-12)
	s := 1 / math.Sqrt(3)
	checkSlice(t, "PC1", mat.Col(nil, 0, p.Loadings), []float64{s, s, s}, 1e-12)
	a, err := GroupAlpha(x, [][]int{{0, 1, 2}, {0}})
	// α = kρ̄/(1 + (k − 1)ρ̄) = 1.5/2 = 0.75 for equal variances (standardised α = raw α here).
	if err != nil || !near(a[0], 0.75, 1e-12) || !math.IsNaN(a[1]) {
		t.Errorf("alpha %v %v", a, err)
	}
	avail, keep := ScreenUnits(mat.NewDense(2, 3, []float64{1, math.NaN(), 3, math.NaN(), math.NaN(), 1}), 0.66)
	checkSlice(t, "availability", avail, []float64{2.0 / 3, 1.0 / 3}, 1e-15)
	if !keep[0] || keep[1] {
		t.Errorf("keep %v", keep)
	}
}
