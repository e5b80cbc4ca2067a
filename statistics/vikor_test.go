package statistics

import (
	"errors"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// Papathanasiou & Ploskas (2018), Multiple Criteria Decision Aid: Methods, Examples and Python
// Implementations, Springer, ch. 2 "VIKOR", worked example: six alternatives, four benefit criteria,
// w = 0.4 0.3 0.1 0.2, v = 0.625; printed Q = 0.640 1.000 0.693 0.271 0.000 0.694 (reproduced
// in the pyrepo-mcda test suite, tests/test_mcda_methods.py). Tolerance: half a unit of the last
// printed digit, 0.0005. The same matrix is the book's PROMETHEE example (ch. 3).
var papathanasiouMatrix = mat.NewDense(6, 4, []float64{
	8, 7, 2, 1,
	5, 3, 7, 5,
	7, 5, 6, 4,
	9, 9, 7, 3,
	11, 10, 3, 7,
	6, 9, 5, 4,
})

func TestVIKORPapathanasiouPloskas(t *testing.T) {
	r, err := VIKOR(papathanasiouMatrix, []float64{0.4, 0.3, 0.1, 0.2}, nil, 0.625)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "Q", r.Q, []float64{0.640, 1.000, 0.693, 0.271, 0.000, 0.694}, 0.0005)
	checkSlice(t, "ranks", r.Ranks, []float64{3, 6, 4, 2, 1, 5}, 0)
	// a′ = A5 (index 4), a″ = A4 (index 3): Q(a″) − Q(a′) = 0.271 ≥ DQ = 0.2, and A5 has the
	// smallest S and R, so the compromise solution is A5 alone.
	if !r.AcceptableAdvantage || !r.AcceptableStability || len(r.Compromise) != 1 || r.Compromise[0] != 4 {
		t.Errorf("C1 %v, C2 %v, compromise %v; want true, true, [4]", r.AcceptableAdvantage, r.AcceptableStability, r.Compromise)
	}
	if !near(r.DQ, 0.2, 1e-15) {
		t.Errorf("DQ = %v", r.DQ)
	}
}

// Hand-checked values and conditions (no published source needed: each value is a line of
// arithmetic, written out below).
func TestVIKORConditions(t *testing.T) {
	// Polarity Lower on a column is the same as negating it.
	x := mat.NewDense(3, 2, []float64{1, 10, 2, 9, 3, 1})
	neg := mat.NewDense(3, 2, []float64{1, -10, 2, -9, 3, -1})
	a, err := VIKOR(x, []float64{0.5, 0.5}, []Polarity{Higher, Lower}, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := VIKOR(neg, []float64{0.5, 0.5}, nil, 0.5)
	checkSlice(t, "lower = negated", a.Q, b.Q, 1e-15)
	// row 0: 0.5·(3−1)/2 + 0.5·(1−10)/(1−10) = 1, R 0.5; row 1: 0.25 + 0.5·8/9, R 4/9; row 2: 0, 0.
	checkSlice(t, "S", a.S, []float64{1, 0.25 + 4.0/9, 0}, 1e-12)
	checkSlice(t, "R", a.R, []float64{0.5, 4.0 / 9, 0}, 1e-12)
	// Q = 0.5·S/1 + 0.5·R/0.5.
	checkSlice(t, "Q", a.Q, []float64{1, 0.5*(0.25+4.0/9) + 4.0/9, 0}, 1e-12)

	// Four alternatives, DQ = 1/3: C = (6, 5) and D = (5, 6) tie at Q = 0, so C1 fails; C has
	// the smallest S, so C2 holds; the compromise set is {C, D}.
	y := mat.NewDense(4, 2, []float64{10, 0, 0, 10, 6, 5, 5, 6})
	c, err := VIKOR(y, []float64{0.5, 0.5}, nil, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "Q tie", c.Q, []float64{1, 1, 0, 0}, 1e-12)
	checkSlice(t, "ranks tie", c.Ranks, []float64{3.5, 3.5, 1.5, 1.5}, 0)
	if c.AcceptableAdvantage || !c.AcceptableStability || len(c.Compromise) != 2 || c.Compromise[0] != 2 || c.Compromise[1] != 3 {
		t.Errorf("C1 %v C2 %v compromise %v; want false true [2 3]", c.AcceptableAdvantage, c.AcceptableStability, c.Compromise)
	}
	if _, err := VIKOR(mat.NewDense(2, 2, []float64{1, 2, 1, 3}), []float64{0.5, 0.5}, nil, 0.5); !errors.Is(err, ErrZeroVariance) {
		t.Errorf("constant column: %v", err)
	}
}
