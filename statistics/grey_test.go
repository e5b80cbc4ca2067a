package statistics

import (
	"errors"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// Yıldırım & Önder (eds., 2015), Çok Kriterli Karar Verme Yöntemleri, Dora, 2nd ed., grey
// relational analysis example: five alternatives, six criteria (1, 3 and 6 costs),
// w = 0.05 0.20 0.10 0.15 0.10 0.40, ρ = 0.5; grades 0.525 0.7007 0.5464 0.5763 0.6510
// (reproduced in JMcDM, test/mcdm/testgra.jl, to 1e-4). Tolerance 1e-4.
func TestGreyYildirimOnder(t *testing.T) {
	x := mat.NewDense(5, 6, []float64{
		105000, 105, 10, 4, 300, 10,
		120000, 110, 15, 4, 500, 8,
		150000, 120, 12, 3, 550, 12,
		115000, 105, 20, 4, 600, 9,
		135000, 115, 15, 5, 400, 9,
	})
	pol := []Polarity{Lower, Higher, Lower, Higher, Higher, Lower}
	w := []float64{0.05, 0.20, 0.10, 0.15, 0.10, 0.40}
	r, err := GreyRelational(x, w, pol, 0.5, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "grades", r.Grades, []float64{0.525, 0.7007142857142857, 0.5464285714285715, 0.5762820512820512, 0.650952380952381}, 1e-4)
	checkSlice(t, "ranks", r.Ranks, []float64{5, 1, 4, 3, 2}, 0)
	// A given reference equal to the ideal (best value of each column) gives the same grades.
	ideal := []float64{105000, 120, 10, 5, 600, 8}
	r2, err := GreyRelational(x, w, pol, 0.5, ideal)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "ideal reference", r2.Grades, r.Grades, 1e-15)
}

// Hand-computed: two series, equal weights. x = [[0, 1], [1, 0], [0.5, 0.5]] is already on
// [0, 1]; Δ against the ideal = [[1, 0], [0, 1], [0.5, 0.5]], Δmin 0, Δmax 1, ρ = 0.5:
// ξ = 0.5/(Δ + 0.5) → [[1/3, 1], [1, 1/3], [0.5, 0.5]]; γ = 2/3, 2/3, 1/2.
func TestGreyHand(t *testing.T) {
	x := mat.NewDense(3, 2, []float64{0, 1, 1, 0, 0.5, 0.5})
	r, err := GreyRelational(x, nil, nil, 0.5, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "grades", r.Grades, []float64{2.0 / 3, 2.0 / 3, 0.5}, 1e-15)
	checkSlice(t, "ranks", r.Ranks, []float64{1.5, 1.5, 3}, 0)
	// Reference (0.5, 0.5): Δ = [[.5, .5], [.5, .5], [0, 0]], ξ = (0 + .25)/(Δ + .25).
	r, _ = GreyRelational(x, nil, nil, 0.5, []float64{0.5, 0.5})
	checkSlice(t, "grades ref", r.Grades, []float64{1.0 / 3, 1.0 / 3, 1}, 1e-15)
	if _, err := GreyRelational(mat.NewDense(2, 1, []float64{3, 3}), nil, nil, 0.5, nil); !errors.Is(err, ErrZeroVariance) {
		t.Errorf("constant: %v", err)
	}
}
