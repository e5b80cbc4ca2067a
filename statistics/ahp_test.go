package statistics

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func checkSlice(t *testing.T, name string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %d values, want %d", name, len(got), len(want))
	}
	for i := range got {
		if !near(got[i], want[i], tol) {
			t.Errorf("%s[%d] = %.6f, want %.6f ± %g", name, i, got[i], want[i], tol)
		}
	}
}

// Saaty (1990), "How to make a decision: the analytic hierarchy process", EJOR 48, 9–26,
// the house-buying example (criteria matrix, eight criteria): priorities .173 .054 .188 .018 .031 .036 .167 .333,
// λmax = 9.669, CI = 0.238, CR = 0.169. Tolerance: half a unit of the last printed digit.
var saatyHouse = mat.NewDense(8, 8, []float64{
	1, 5, 3, 7, 6, 6, 1.0 / 3, 1.0 / 4,
	1.0 / 5, 1, 1.0 / 3, 5, 3, 3, 1.0 / 5, 1.0 / 7,
	1.0 / 3, 3, 1, 6, 3, 4, 6, 1.0 / 5,
	1.0 / 7, 1.0 / 5, 1.0 / 6, 1, 1.0 / 3, 1.0 / 4, 1.0 / 7, 1.0 / 8,
	1.0 / 6, 1.0 / 3, 1.0 / 3, 3, 1, 1.0 / 2, 1.0 / 5, 1.0 / 6,
	1.0 / 6, 1.0 / 3, 1.0 / 4, 4, 2, 1, 1.0 / 5, 1.0 / 6,
	3, 5, 1.0 / 6, 7, 5, 5, 1, 1.0 / 2,
	4, 7, 5, 8, 6, 6, 2, 1,
})

// Saaty (1980), The Analytic Hierarchy Process, ch. 2 (relative wealth of nations: US, USSR, China,
// France, UK, Japan, West Germany): eigenvector .427 .230 .021 .052 .052 .123 .094, λmax = 7.61.
var saatyWealth = mat.NewDense(7, 7, []float64{
	1, 4, 9, 6, 6, 5, 5,
	1.0 / 4, 1, 7, 5, 5, 3, 4,
	1.0 / 9, 1.0 / 7, 1, 1.0 / 5, 1.0 / 5, 1.0 / 7, 1.0 / 5,
	1.0 / 6, 1.0 / 5, 5, 1, 1, 1.0 / 3, 1.0 / 3,
	1.0 / 6, 1.0 / 5, 5, 1, 1, 1.0 / 3, 1.0 / 3,
	1.0 / 5, 1.0 / 3, 7, 3, 3, 1, 2,
	1.0 / 5, 1.0 / 4, 5, 3, 3, 1.0 / 2, 1,
})

func TestAHPSaatyPublished(t *testing.T) {
	r, err := AHP(saatyHouse, AHPOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "house weights", r.Weights, []float64{.173, .054, .188, .018, .031, .036, .167, .333}, 0.0005)
	if !near(r.LambdaMax, 9.669, 0.0005) || !near(r.CI, 0.238, 0.0005) || !near(r.CR, 0.169, 0.0005) {
		t.Errorf("house λmax, CI, CR = %.4f, %.4f, %.4f; want 9.669, 0.238, 0.169", r.LambdaMax, r.CI, r.CR)
	}
	if r.Consistent || len(r.Suggestions) == 0 {
		t.Errorf("house: CR 0.169 should be inconsistent with suggestions, got %v, %d", r.Consistent, len(r.Suggestions))
	}
	for _, s := range r.Suggestions {
		if !(s.CR < r.CR) {
			t.Errorf("suggestion %+v does not reduce CR %.4f", s, r.CR)
		}
	}

	r, err = AHP(saatyWealth, AHPOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "wealth weights", r.Weights, []float64{.427, .230, .021, .052, .052, .123, .094}, 0.0005)
	if !near(r.LambdaMax, 7.61, 0.005) {
		t.Errorf("wealth λmax = %.4f, want 7.61", r.LambdaMax)
	}
	// CR = CI/RI(7) = ((7.6077 − 7)/6)/1.32 = 0.0767: consistent at 0.10.
	if !r.Consistent || !near(r.CR, 0.0767, 0.0005) {
		t.Errorf("wealth CR = %.4f consistent=%v, want 0.0767 true", r.CR, r.Consistent)
	}
}

func TestAHPSuggestionsRecomputeCR(t *testing.T) {
	r, err := AHP(saatyHouse, AHPOptions{MaxSuggestions: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range r.Suggestions {
		m := mat.DenseCopyOf(saatyHouse)
		m.Set(s.I, s.J, s.Suggested)
		m.Set(s.J, s.I, 1/s.Suggested)
		lambda, _, err := PrincipalEigen(nil, m)
		if err != nil {
			t.Fatal(err)
		}
		cr, _ := ConsistencyRatio(lambda, 8, RISaaty)
		if !near(cr, s.CR, 1e-9) {
			t.Errorf("suggestion %+v: recomputed CR %.6f", s, cr)
		}
		for _, v := range saatyScale {
			m.Set(s.I, s.J, v)
			m.Set(s.J, s.I, 1/v)
			l2, _, _ := PrincipalEigen(nil, m)
			c2, _ := ConsistencyRatio(l2, 8, RISaaty)
			if c2 < s.CR-1e-9 {
				t.Errorf("suggestion %+v: value %v gives lower CR %.6f", s, v, c2)
			}
		}
	}
}

// A perfectly consistent matrix a_ij = w_i/w_j has λmax = n, CR = 0 and GCI = 0, and both methods
// return w (Saaty 1977, Theorem 1). Tolerance 1e-10.
func TestAHPConsistentMatrixProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 1; n <= 12; n++ {
		w := make([]float64, n)
		var s float64
		for i := range w {
			w[i] = 0.1 + rng.Float64()
			s += w[i]
		}
		for i := range w {
			w[i] /= s
		}
		a := mat.NewDense(n, n, nil)
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				a.Set(i, j, w[i]/w[j])
			}
		}
		for _, m := range []PriorityMethod{Eigenvector, GeometricMean} {
			for _, ri := range []RandomIndex{RISaaty, RIAlonsoLamata} {
				r, err := AHP(a, AHPOptions{Method: m, RI: ri})
				if err != nil {
					t.Fatal(err)
				}
				checkSlice(t, "consistent weights", r.Weights, w, 1e-10)
				if !near(r.CR, 0, 1e-10) || !near(r.GCI, 0, 1e-10) || !near(r.LambdaMax, float64(n), 1e-9) || !r.Consistent {
					t.Errorf("n=%d: λ=%v CR=%v GCI=%v consistent=%v", n, r.LambdaMax, r.CR, r.GCI, r.Consistent)
				}
				var sum float64
				for _, v := range r.Weights {
					sum += v
				}
				if !near(sum, 1, 1e-12) {
					t.Errorf("weights sum %v", sum)
				}
			}
		}
	}
}

// Permuting the elements permutes the priorities (and leaves λmax unchanged).
func TestAHPPermutation(t *testing.T) {
	perm := []int{3, 0, 7, 5, 1, 6, 2, 4}
	p := mat.NewDense(8, 8, nil)
	for i := 0; i < 8; i++ {
		for j := 0; j < 8; j++ {
			p.Set(i, j, saatyHouse.At(perm[i], perm[j]))
		}
	}
	a, _ := AHP(saatyHouse, AHPOptions{})
	b, _ := AHP(p, AHPOptions{})
	for i := range perm {
		if !near(b.Weights[i], a.Weights[perm[i]], 1e-12) {
			t.Errorf("permuted weight %d", i)
		}
	}
	if !near(a.LambdaMax, b.LambdaMax, 1e-10) {
		t.Error("λmax changed under permutation")
	}
}

func TestAHPValidation(t *testing.T) {
	upper := mat.NewDense(3, 3, []float64{1, 3, 5, 0, 1, 2, 0, 0, 1})
	r, err := AHP(upper, AHPOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Completed.At(2, 0) != 1.0/5 || r.Missing != 0 {
		t.Errorf("upper triangle not completed: %v", r.Completed.At(2, 0))
	}
	bad := mat.NewDense(3, 3, []float64{1, 3, 5, 1.0 / 3, 1, 2, 1.0 / 5, 2, 1})
	_, err = AHP(bad, AHPOptions{})
	var ce *CellError
	if !errors.Is(err, ErrNotReciprocal) || !errors.As(err, &ce) || ce.Row != 2 || ce.Col != 1 {
		t.Errorf("non-reciprocal: %v", err)
	}
	neg := mat.NewDense(2, 2, []float64{1, -2, -0.5, 1})
	if _, err := AHP(neg, AHPOptions{}); !errors.Is(err, ErrNonPositive) {
		t.Errorf("negative: %v", err)
	}
	wide := mat.NewDense(2, 2, []float64{1, 12, 1.0 / 12, 1})
	r, err = AHP(wide, AHPOptions{})
	if err != nil || len(r.Warnings) != 1 || r.CR != 0 {
		t.Errorf("out-of-scale warning: %v %+v", err, r)
	}
	one, err := AHP(mat.NewDense(1, 1, []float64{1}), AHPOptions{})
	if err != nil || one.Weights[0] != 1 || one.CR != 0 {
		t.Errorf("n=1: %v %+v", err, one)
	}
	if _, err := AHP(mat.NewDense(16, 16, nil), AHPOptions{}); !errors.Is(err, ErrNoRandomIndex) {
		t.Errorf("n=16 Saaty RI: %v", err)
	}
}

// Harker (1987): for an incomplete but connected matrix, the auxiliary matrix's eigenvector
// reproduces w exactly when the known judgments are consistent (a_ij = w_i/w_j).
func TestAHPHarkerIncomplete(t *testing.T) {
	w := []float64{0.4, 0.3, 0.2, 0.1}
	a := mat.NewDense(4, 4, nil)
	known := [][2]int{{0, 1}, {1, 2}, {2, 3}, {0, 3}}
	for i := 0; i < 4; i++ {
		a.Set(i, i, 1)
	}
	for _, k := range known {
		a.Set(k[0], k[1], w[k[0]]/w[k[1]])
		a.Set(k[1], k[0], w[k[1]]/w[k[0]])
	}
	r, err := AHP(a, AHPOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Missing != 2 {
		t.Errorf("missing = %d, want 2", r.Missing)
	}
	checkSlice(t, "Harker", r.Weights, w, 1e-10)
	if !near(r.CR, 0, 1e-10) || !near(r.Completed.At(0, 2), 2, 1e-10) {
		t.Errorf("CR %v, completed a02 %v", r.CR, r.Completed.At(0, 2))
	}
	d := mat.NewDense(4, 4, []float64{1, 2, 0, 0, 0.5, 1, 0, 0, 0, 0, 1, 3, 0, 0, 1.0 / 3, 1})
	if _, err := AHP(d, AHPOptions{}); !errors.Is(err, ErrDisconnected) {
		t.Errorf("disconnected: %v", err)
	}
}

// Alonso & Lamata (2006): CR = (λmax − n)/(2.7699n − 4.3513 − n); for the house matrix
// (9.66889 − 8)/(2.7699·8 − 4.3513 − 8) = 1.66889/9.8079 = 0.17016 (direct evaluation of their eq. 12).
func TestAlonsoLamata(t *testing.T) {
	r, err := AHP(saatyHouse, AHPOptions{RI: RIAlonsoLamata})
	if err != nil {
		t.Fatal(err)
	}
	want := (r.LambdaMax - 8) / (2.7699*8 - 4.3513 - 8)
	if !near(r.CR, want, 1e-12) || !near(r.CR, 0.17016, 0.00005) {
		t.Errorf("CR = %v, want %v", r.CR, want)
	}
}

// Geometric method: priorities are the normalised row geometric means and consistency is judged
// by GCI against Aguarón & Moreno-Jiménez's (2003) thresholds.
func TestAHPGeometric(t *testing.T) {
	r, err := AHP(saatyWealth, AHPOptions{Method: GeometricMean})
	if err != nil {
		t.Fatal(err)
	}
	var s float64
	for i := 0; i < 7; i++ {
		p := 1.0
		for j := 0; j < 7; j++ {
			p *= saatyWealth.At(i, j)
		}
		s += math.Pow(p, 1.0/7)
	}
	for i, v := range r.Weights {
		p := 1.0
		for j := 0; j < 7; j++ {
			p *= saatyWealth.At(i, j)
		}
		if !near(v, math.Pow(p, 1.0/7)/s, 1e-12) {
			t.Errorf("geometric weight %d", i)
		}
	}
	if r.Consistent != (r.GCI <= 0.37) {
		t.Errorf("GCI %v consistent %v", r.GCI, r.Consistent)
	}
}

func TestGroupAHP(t *testing.T) {
	a := mat.NewDense(3, 3, []float64{1, 2, 4, 0.5, 1, 2, 0.25, 0.5, 1})
	b := mat.NewDense(3, 3, []float64{1, 8, 4, 1.0 / 8, 1, 0.5, 0.25, 2, 1})
	g := AggregateJudgments(nil, []mat.Matrix{a, b}, nil)
	// sqrt(2·8) = 4, sqrt(2·0.5) = 1.
	if !near(g.At(0, 1), 4, 1e-12) || !near(g.At(1, 2), 1, 1e-12) || !near(g.At(2, 1)*g.At(1, 2), 1, 1e-12) {
		t.Errorf("AIJ = %v", mat.Formatted(g))
	}
	gw := AggregateJudgments(nil, []mat.Matrix{a, b}, []float64{3, 1})
	if !near(gw.At(0, 1), math.Pow(2, 0.75)*math.Pow(8, 0.25), 1e-12) {
		t.Errorf("weighted AIJ a01 = %v", gw.At(0, 1))
	}
	p := AggregatePriorities(nil, [][]float64{{0.5, 0.3, 0.2}, {0.2, 0.3, 0.5}}, nil, false)
	checkSlice(t, "AIP arithmetic", p, []float64{0.35, 0.3, 0.35}, 1e-12)
	p = AggregatePriorities(nil, [][]float64{{0.5, 0.3, 0.2}, {0.2, 0.3, 0.5}}, nil, true)
	checkSlice(t, "AIP geometric", p, []float64{math.Sqrt(.1) / (2*math.Sqrt(.1) + .3), .3 / (2*math.Sqrt(.1) + .3), math.Sqrt(.1) / (2*math.Sqrt(.1) + .3)}, 1e-12)
	c := GroupConsensus([]mat.Matrix{a, a}, nil, RowGeometricMean(nil, a))
	if !near(c.CellGSD[0][1], 1, 1e-12) || !near(c.Index, 0, 1e-12) {
		t.Errorf("identical experts: %+v", c)
	}
	c = GroupConsensus([]mat.Matrix{a, b}, nil, RowGeometricMean(nil, g))
	// ln-values ln2 and ln8 around ln4: SD = ln 2, GSD = 2.
	if !near(c.CellGSD[0][1], 2, 1e-12) || !(c.Index > 0) {
		t.Errorf("GSD = %v", c.CellGSD[0][1])
	}
}
