package statistics

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// BenchmarkAHP9 derives eigenvector priorities, λmax, CR, GCI and (the matrix being
// inconsistent) three revision suggestions for a random 9×9 reciprocal matrix on Saaty's scale.
func BenchmarkAHP9(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	a := mat.NewDense(9, 9, nil)
	for i := 0; i < 9; i++ {
		a.Set(i, i, 1)
		for j := i + 1; j < 9; j++ {
			v := saatyScale[rng.IntN(len(saatyScale))]
			a.Set(i, j, v)
			a.Set(j, i, 1/v)
		}
	}
	b.Run("eigenvector+suggestions", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := AHP(a, AHPOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("eigenvector-only", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := AHP(a, AHPOptions{MaxSuggestions: -1}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkICC computes all six ICCs with intervals for 10,000 targets × 50 raters.
func BenchmarkICC(b *testing.B) {
	rng := rand.New(rand.NewPCG(2, 2))
	x := mat.NewDense(10000, 50, nil)
	for i := 0; i < 10000; i++ {
		t := rng.NormFloat64()
		for j := 0; j < 50; j++ {
			x.Set(i, j, t+0.5*rng.NormFloat64()+0.1*float64(j%5))
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ICC(x, 0.05); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMonteCarlo runs 100,000 Dirichlet weight samples for 300 units × 120 indicators in a
// 4 × 5 × 6 tree, with three grade bands — the workload of bench/reference/montecarlo.py.
func BenchmarkMonteCarlo(b *testing.B) {
	x, tree := benchProblem(300, 4, 5, 6, 42)
	opts := MonteCarloOptions{Samples: 100000, Seed: 1, Perturbation: Perturbation{Kind: Dirichlet, Concentration: 100}, Bands: []float64{60, 75, 90}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := MonteCarlo(x, tree, opts); err != nil {
			b.Fatal(err)
		}
	}
}
