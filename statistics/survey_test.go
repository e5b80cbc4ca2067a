package statistics

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestSignedToRatio(t *testing.T) {
	for s, want := range map[float64]float64{1: 1, -1: 1, 3: 3, -3: 1.0 / 3, 9: 9, -9: 1.0 / 9, 2: 2, -8: 0.125} {
		got, err := SignedToRatio(s)
		if err != nil || math.Abs(got-want) > 1e-15 {
			t.Errorf("SignedToRatio(%g) = %g, %v; want %g", s, got, err, want)
		}
	}
	for _, s := range []float64{0, 0.5, -0.5, 10, -10, math.NaN(), math.Inf(1)} {
		if _, err := SignedToRatio(s); err == nil {
			t.Errorf("SignedToRatio(%g) accepted", s)
		}
	}
}

// inconsistent4 is a hand-made 4×4 matrix with one reversed judgment: a_14 = 1/5 where the rest
// (a_12 = 2, a_23 = 3, a_34 = 2) implies a_14 ≈ 12. Its CR is far above 0.10.
func inconsistent4() *mat.Dense {
	return mat.NewDense(4, 4, []float64{
		1, 2, 5, 1.0 / 5,
		1.0 / 2, 1, 3, 5,
		1.0 / 5, 1.0 / 3, 1, 2,
		5, 1.0 / 5, 1.0 / 2, 1,
	})
}

// The derivatives agree with central finite differences of the Perron root along each
// reciprocal pair.
func TestPerronDerivativesFiniteDifference(t *testing.T) {
	a := inconsistent4()
	d, err := PerronDerivatives(a)
	if err != nil {
		t.Fatal(err)
	}
	const h = 1e-6
	for i := 0; i < 4; i++ {
		for j := i + 1; j < 4; j++ {
			lam := func(x float64) float64 {
				m := mat.DenseCopyOf(a)
				m.Set(i, j, x)
				m.Set(j, i, 1/x)
				l, _, err := PrincipalEigen(nil, m)
				if err != nil {
					t.Fatal(err)
				}
				return l
			}
			fd := (lam(a.At(i, j)+h) - lam(a.At(i, j)-h)) / (2 * h)
			if math.Abs(fd-d.At(i, j)) > 1e-5*math.Max(1, math.Abs(fd)) {
				t.Errorf("D[%d][%d] = %.8g, finite difference %.8g", i, j, d.At(i, j), fd)
			}
			if got, want := d.At(j, i), -a.At(i, j)*a.At(i, j)*d.At(i, j); math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
				t.Errorf("D[%d][%d] = %g, want −a²·D_ij = %g", j, i, got, want)
			}
		}
	}
}

// Hand-worked case: Harker's rule picks the reversed judgment a_14 first (largest |∂λ/∂a|),
// raises it to w_1/w_4 (≈ 0.97 at the distorted weights), and after the further revisions CR
// falls under 0.10, each step lowering it; the input stays as it was.
func TestReviseHarker(t *testing.T) {
	a := inconsistent4()
	lam0, _, _ := PrincipalEigen(nil, a)
	cr0, _ := ConsistencyRatio(lam0, 4, RISaaty)
	if cr0 <= 0.10 {
		t.Fatalf("fixture CR %g is not inconsistent", cr0)
	}
	m, revs, err := ReviseHarker(a, 0.10, 0, RISaaty, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) == 0 {
		t.Fatal("no revision")
	}
	if r := revs[0]; r.I != 0 || r.J != 3 || r.Original != 1.0/5 || r.Revised <= r.Original {
		t.Errorf("first revision %+v, want a_14 = 1/5 raised", r)
	}
	prev := cr0
	for _, r := range revs {
		if r.CRAfter >= r.CRBefore || math.Abs(r.CRBefore-prev) > 1e-12 {
			t.Errorf("revision %+v does not lower CR from %g", r, prev)
		}
		prev = r.CRAfter
	}
	if prev > 0.10 {
		t.Errorf("CR after revision %g > 0.10", prev)
	}
	if a.At(0, 3) != 1.0/5 {
		t.Error("input modified")
	}
	if math.Abs(m.At(3, 0)*m.At(0, 3)-1) > 1e-12 {
		t.Error("revised matrix not reciprocal")
	}
	// rounded to Saaty's scale
	_, rr, err := ReviseHarker(a, 0.10, 1, RISaaty, true)
	if err != nil || len(rr) != 1 || !onSaatyScale(rr[0].Revised) || rr[0].CRAfter >= cr0 {
		t.Errorf("rounded revision %+v, %v", rr, err)
	}
	// a consistent matrix is left alone
	c := mat.NewDense(3, 3, []float64{1, 2, 4, 0.5, 1, 2, 0.25, 0.5, 1})
	if _, rs, err := ReviseHarker(c, 0.10, 0, RISaaty, false); err != nil || len(rs) != 0 {
		t.Errorf("consistent matrix revised: %+v, %v", rs, err)
	}
}

func onSaatyScale(x float64) bool {
	for _, v := range saatyScale {
		if v == x {
			return true
		}
	}
	return false
}

func TestRobustLogMeans(t *testing.T) {
	x := []float64{9, 1.0 / 9, 2, 1, 3}
	if got, want := TrimmedLogMean(x, 0.2), math.Cbrt(6); math.Abs(got-want) > 1e-12 {
		t.Errorf("TrimmedLogMean = %g, want 6^(1/3) = %g", got, want)
	}
	if got, want := TrimmedLogMean(x, 0), math.Pow(6, 0.2); math.Abs(got-want) > 1e-12 {
		t.Errorf("TrimmedLogMean(0) = %g, want the geometric mean %g", got, want)
	}
	// k = 5, p = 0.1: kp = 0.5, the extremes count half: (½(ln 1/9 + ln 9) + ln 6)/4.
	if got, want := QuantileLogMean(x, 0.1), math.Pow(6, 0.25); math.Abs(got-want) > 1e-12 {
		t.Errorf("QuantileLogMean = %g, want 6^(1/4) = %g", got, want)
	}
	if got, want := QuantileLogMean(x, 0.2), TrimmedLogMean(x, 0.2); math.Abs(got-want) > 1e-12 {
		t.Errorf("QuantileLogMean(0.2) = %g, want the trimmed mean %g", got, want)
	}
	if got := QuantileLogMean([]float64{2, 3, 4}, 0.4); math.Abs(got-3) > 1e-12 {
		t.Errorf("QuantileLogMean near the median = %g, want 3", got)
	}
	ms := []mat.Matrix{inconsistent4(), mat.NewDense(4, 4, []float64{1, 9, 1, 1, 1.0 / 9, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}), inconsistent4()}
	for _, q := range []bool{false, true} {
		agg := AggregateJudgmentsRobust(nil, ms, 0.34, q)
		for i := 0; i < 4; i++ {
			for j := 0; j < 4; j++ {
				if math.Abs(agg.At(i, j)*agg.At(j, i)-1) > 1e-12 {
					t.Fatalf("quantile=%v: aggregate not reciprocal at %d,%d", q, i, j)
				}
			}
		}
		if !q && math.Abs(agg.At(0, 1)-2) > 1e-12 { // the median of 2, 9, 2
			t.Errorf("trimmed a_12 = %g, want 2", agg.At(0, 1))
		}
	}
}
