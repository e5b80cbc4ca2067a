package statistics

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// The 9/9–9/1 (Ma–Zheng) and 10/10–18/2 (Salo–Hämäläinen balanced) scales are defined by their
// printed fractions (the scales' names; Dong, Xu, Li & Dai 2008, EJOR 186, 229–242, §2, list both
// with the Saaty and geometric scales): 9/9, 9/8, …, 9/1 and 10/10, 11/9, …, 18/2. The other
// scales are checked against their defining formulas at x = 1, 5, 9 (Goepel 2019, Table 1).
// Tolerance 1e-12.
func TestJudgmentScales(t *testing.T) {
	for x := 1; x <= 9; x++ {
		fx := float64(x)
		if got := ScaleMaZheng.Value(fx); !near(got, 9/float64(10-x), 1e-12) {
			t.Errorf("ma-zheng(%d) = %v", x, got)
		}
		if got := ScaleBalanced.Value(fx); !near(got, float64(9+x)/float64(11-x), 1e-12) {
			t.Errorf("balanced(%d) = %v", x, got)
		}
	}
	checkSlice(t, "balanced 1,3,5,7,9 (0.5/0.5, 0.6/0.4, …, 0.9/0.1)", []float64{
		ScaleBalanced.Value(1), ScaleBalanced.Value(3), ScaleBalanced.Value(5), ScaleBalanced.Value(7), ScaleBalanced.Value(9),
	}, []float64{1, 1.5, 7.0 / 3, 4, 9}, 1e-12)
	for _, c := range []struct {
		s    JudgmentScale
		want [3]float64 // x = 1, 5, 9
	}{
		{ScaleSaaty, [3]float64{1, 5, 9}},
		{ScalePower, [3]float64{1, 25, 81}},
		{ScaleGeometric, [3]float64{1, 16, 256}},
		{ScaleExponential, [3]float64{1, 3, 9}},
		{ScaleLogarithmic, [3]float64{1, math.Log2(6), math.Log2(10)}},
		{ScaleRootSquare, [3]float64{1, math.Sqrt(5), 3}},
	} {
		for k, x := range []float64{1, 5, 9} {
			if got := c.s.Value(x); !near(got, c.want[k], 1e-12) {
				t.Errorf("%v(%v) = %v, want %v", c.s, x, got, c.want[k])
			}
		}
		if s, err := ParseJudgmentScale(c.s.String()); err != nil || s != c.s {
			t.Errorf("parse %v", c.s)
		}
	}
	for _, alias := range []string{"10/10-18/2", "9/9-9/1", "lootsma", "salo-hamalainen", "inverse-linear"} {
		if _, err := ParseJudgmentScale(alias); err != nil {
			t.Errorf("alias %q: %v", alias, err)
		}
	}
}

func TestRescaleJudgments(t *testing.T) {
	// Upper triangle 3, 5, 2 typed with rounded reciprocals; on the Ma–Zheng scale 3 → 9/7,
	// 5 → 9/5, 2 → 9/8.
	a := mat.NewDense(3, 3, []float64{1, 3, 5, 0.333, 1, 2, 0.2, 0.5, 1})
	r, err := RescaleJudgments(nil, a, ScaleMaZheng, 0.01)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{1, 9.0 / 7, 9.0 / 5, 7.0 / 9, 1, 9.0 / 8, 5.0 / 9, 8.0 / 9, 1}
	checkSlice(t, "ma-zheng", r.RawMatrix().Data, want, 1e-12)
	// The Saaty scale is the identity on exact judgments.
	s, _ := RescaleJudgments(nil, saatyHouse, ScaleSaaty, 1e-9)
	checkSlice(t, "saaty identity", s.RawMatrix().Data, saatyHouse.RawMatrix().Data, 1e-12)
	var ce *CellError
	if _, err := RescaleJudgments(nil, mat.NewDense(2, 2, []float64{1, 2.5, 0.4, 1}), ScaleSaaty, 0.01); !errors.Is(err, ErrNotOnScale) || !errors.As(err, &ce) || ce.Row != 0 || ce.Col != 1 {
		t.Errorf("2.5: %v", err)
	}
}

// Judgment-level uncertainty has no published Monte Carlo figures to compare with; these are
// properties: zero steps give degenerate intervals at the point weights, the point weights on the
// Saaty scale are the AHP priorities, the same seed gives the same intervals, and ±1 step gives
// intervals around the point weights that are wider for larger k.
func TestJudgmentUncertainty(t *testing.T) {
	opts := JudgmentUncertaintyOptions{Scale: ScaleSaaty, Steps: 0, Samples: 50, Seed: 7}
	r, err := JudgmentUncertainty(saatyHouse, opts)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "point = published", r.Weights, []float64{.173, .054, .188, .018, .031, .036, .167, .333}, 0.0005)
	checkSlice(t, "k=0 lo", r.Lo, r.Weights, 1e-12)
	checkSlice(t, "k=0 hi", r.Hi, r.Weights, 1e-12)
	opts.Steps, opts.Samples = 1, 2000
	r1, err := JudgmentUncertainty(saatyHouse, opts)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := JudgmentUncertainty(saatyHouse, opts)
	checkSlice(t, "deterministic", again.Hi, r1.Hi, 0)
	opts.Steps = 2
	r2, _ := JudgmentUncertainty(saatyHouse, opts)
	for i := range r1.Weights {
		if !(r1.Lo[i] <= r1.Weights[i] && r1.Weights[i] <= r1.Hi[i] && r1.Lo[i] < r1.Hi[i]) {
			t.Errorf("weight %d: %v outside [%v, %v]", i, r1.Weights[i], r1.Lo[i], r1.Hi[i])
		}
		if !(r2.Hi[i]-r2.Lo[i] > r1.Hi[i]-r1.Lo[i]) {
			t.Errorf("weight %d: ±2 interval not wider than ±1", i)
		}
	}
	// Balanced scale, geometric method: runs and compresses the largest weight.
	opts.Scale, opts.Method = ScaleBalanced, GeometricMean
	rb, err := JudgmentUncertainty(saatyHouse, opts)
	if err != nil || !(rb.Weights[7] < r.Weights[7]) {
		t.Errorf("balanced: %v, w8 %v vs %v", err, rb.Weights[7], r.Weights[7])
	}
	bad := mat.NewDense(2, 2, []float64{1, 3, 0.5, 1})
	if _, err := JudgmentUncertainty(bad, opts); !errors.Is(err, ErrNotReciprocal) {
		t.Errorf("non-reciprocal: %v", err)
	}
}
