package statistics

import (
	"errors"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// A worked example of fuzzy comprehensive evaluation from Chinese training material ("关于模糊综合
// 评价的矩阵算法", reproduced at wenku365.com/d-44813560.html): A = (0.2, 0.2, 0.2, 0.4), four
// factors × five grades; the max–min composition printed there is B = (0.1, 0.2, 0.4, 0.3, 0.2),
// normalised (0.083, 0.167, 0.333, 0.250, 0.167). The other three operators have no printed
// values in that source; their values below are hand computed (each entry is a sum or maximum
// of four products, written out in the comments), so tolerance 1e-12 everywhere.
var fceA = []float64{0.2, 0.2, 0.2, 0.4}
var fceR = mat.NewDense(4, 5, []float64{
	0, 0.1, 0.2, 0.3, 0.4,
	0.1, 0.1, 0.4, 0.2, 0.2,
	0, 0.1, 0.2, 0.6, 0.1,
	0, 0.2, 0.5, 0.3, 0,
})

func TestFuzzyComposePublished(t *testing.T) {
	b, err := FuzzyCompose(nil, fceA, fceR, FuzzyMaxMin)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "max-min", b, []float64{0.1, 0.2, 0.4, 0.3, 0.2}, 1e-12)
	var s float64
	for _, v := range b {
		s += v
	}
	norm := make([]float64, len(b))
	for i, v := range b {
		norm[i] = v / s
	}
	checkSlice(t, "max-min normalised", norm, []float64{0.083, 0.167, 0.333, 0.250, 0.167}, 0.0005)
	if g := MaxMembership(b); g != 2 {
		t.Errorf("grade %d, want 2", g)
	}
	// Weighted average: column 3 = .2·.2 + .2·.4 + .2·.2 + .4·.5 = .36, column 4 = .06 + .04 + .12 + .12 = .34.
	b, _ = FuzzyCompose(nil, fceA, fceR, FuzzyWeightedAverage)
	checkSlice(t, "weighted-average", b, []float64{0.02, 0.14, 0.36, 0.34, 0.14}, 1e-12)
	// Score with grade scores 100, 80, 60, 40, 20: 2 + 11.2 + 21.6 + 13.6 + 2.8 = 51.2.
	sc, err := FuzzyScore(b, []float64{100, 80, 60, 40, 20})
	if err != nil || !near(sc, 51.2, 1e-12) {
		t.Errorf("score %v %v", sc, err)
	}
	// Max–product: column 3 = max(.04, .08, .04, .20) = .2.
	b, _ = FuzzyCompose(nil, fceA, fceR, FuzzyMaxProduct)
	checkSlice(t, "max-product", b, []float64{0.02, 0.08, 0.2, 0.12, 0.08}, 1e-12)
	// Bounded sum of minima: column 3 = min(1, .2 + .2 + .2 + .4) = 1.
	b, _ = FuzzyCompose(nil, fceA, fceR, FuzzyBoundedSum)
	checkSlice(t, "bounded-sum", b, []float64{0.1, 0.5, 1, 0.9, 0.5}, 1e-12)
}

func TestFuzzyHelpers(t *testing.T) {
	r, err := MembershipFromCounts(nil, mat.NewDense(2, 3, []float64{2, 5, 3, 0, 0, 4}))
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "row 0", r.RawRowView(0), []float64{0.2, 0.5, 0.3}, 1e-15)
	checkSlice(t, "row 1", r.RawRowView(1), []float64{0, 0, 1}, 1e-15)
	if _, err := MembershipFromCounts(nil, mat.NewDense(1, 2, []float64{0, 0})); !errors.Is(err, ErrTooFew) {
		t.Errorf("empty row: %v", err)
	}
	checkSlice(t, "triangular", TriangularMembership(nil, 75, []float64{50, 70, 90}), []float64{0, 0.75, 0.25}, 1e-15)
	checkSlice(t, "below", TriangularMembership(nil, 10, []float64{50, 70, 90}), []float64{1, 0, 0}, 0)
	checkSlice(t, "above", TriangularMembership(nil, 95, []float64{50, 70, 90}), []float64{0, 0, 1}, 0)
	// Two levels under the weighted average equal one level with product weights.
	g1 := FuzzyGroup{Weights: []float64{0.5, 0.5}, Membership: mat.NewDense(2, 5, fceR.RawMatrix().Data[:10])}
	g2 := FuzzyGroup{Weights: []float64{1.0 / 3, 2.0 / 3}, Membership: mat.NewDense(2, 5, fceR.RawMatrix().Data[10:])}
	lv, err := FuzzyLevel([]FuzzyGroup{g1, g2}, FuzzyWeightedAverage)
	if err != nil {
		t.Fatal(err)
	}
	top, _ := FuzzyCompose(nil, []float64{0.4, 0.6}, lv, FuzzyWeightedAverage)
	flat, _ := FuzzyCompose(nil, []float64{0.2, 0.2, 0.2, 0.4}, fceR, FuzzyWeightedAverage)
	checkSlice(t, "two levels", top, flat, 1e-15)
	if _, err := FuzzyCompose(nil, fceA, mat.NewDense(4, 1, []float64{0, 0, 1.5, 0}), FuzzyMaxMin); !errors.Is(err, ErrDegenerate) {
		t.Errorf("membership > 1: %v", err)
	}
	if _, err := FuzzyScore([]float64{0, 0}, []float64{1, 2}); !errors.Is(err, ErrDegenerate) {
		t.Errorf("zero vector: %v", err)
	}
}
