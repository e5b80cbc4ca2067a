package statistics

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// Offsets shift each unit's scores by a constant: a shift by the same constant for every unit
// moves the percentiles and the mean by it and leaves ranks alone; a unit-specific shift enters
// the ranking (bonus points lift a unit).
func TestMonteCarloOffsets(t *testing.T) {
	x := mat.NewDense(3, 3, []float64{
		80, 60, 70,
		75, 65, 72,
		50, 90, 60,
	})
	tree := FlatTree([]float64{0.5, 0.3, 0.2})
	opts := MonteCarloOptions{Samples: 4000, Seed: 3, Perturbation: Perturbation{Kind: Dirichlet, Concentration: 20}, Bands: []float64{60, 75}}
	plain, err := MonteCarlo(x, tree, opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.Offsets = []float64{5, 5, 5}
	shifted, err := MonteCarlo(x, tree, opts)
	if err != nil {
		t.Fatal(err)
	}
	for u := range plain.Units {
		p, s := plain.Units[u], shifted.Units[u]
		for _, q := range [][2]float64{{p.P5, s.P5}, {p.P50, s.P50}, {p.P95, s.P95}, {p.Mean, s.Mean}, {p.BaseScore, s.BaseScore}} {
			if math.Abs(q[1]-q[0]-5) > 1e-9 {
				t.Errorf("unit %d: %v shifted to %v, want +5", u, q[0], q[1])
			}
		}
		if p.MedianRank != s.MedianRank || p.RankP5 != s.RankP5 || p.RankP95 != s.RankP95 {
			t.Errorf("unit %d: ranks moved under a common shift", u)
		}
	}
	// 20 points for the third unit (base 64 → 84) take it to the top.
	opts.Offsets = []float64{0, 0, 20}
	lifted, err := MonteCarlo(x, tree, opts)
	if err != nil {
		t.Fatal(err)
	}
	if lifted.Units[2].BaseRank != 1 || lifted.Units[2].MedianRank != 1 || lifted.Units[2].BandProbability[2] < 0.99 {
		t.Errorf("lifted unit %+v", lifted.Units[2])
	}
}
