package statistics

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestMCRNGMatchesRand checks that mcRNG draws exactly what math/rand/v2's PCG and Rand draw from
// the same seeds: the raw 64-bit stream, Float64 and NormFloat64 (2,000,000 normal draws, which
// take the ziggurat's slow paths, the base strip's tail included, thousands of times), and that
// the stream stays aligned when the kinds of draw are mixed.
func TestMCRNGMatchesRand(t *testing.T) {
	for _, seed := range [][2]uint64{{0, 0}, {1, splitmix64(0)}, {99, splitmix64(7)}, {math.MaxUint64, 12345}} {
		var r mcRNG
		r.seed(seed[0], seed[1])
		want := rand.New(rand.NewPCG(seed[0], seed[1]))
		for i := 0; i < 10000; i++ {
			if g, w := r.uint64(), want.Uint64(); g != w {
				t.Fatalf("seed %v, draw %d: uint64 %#x, want %#x", seed, i, g, w)
			}
		}
		for i := 0; i < 10000; i++ {
			if g, w := r.float64(), want.Float64(); math.Float64bits(g) != math.Float64bits(w) {
				t.Fatalf("seed %v, draw %d: float64 %v, want %v", seed, i, g, w)
			}
		}
		tails := 0
		for i := 0; i < 500000; i++ {
			g, w := r.norm(), want.NormFloat64()
			if math.Float64bits(g) != math.Float64bits(w) {
				t.Fatalf("seed %v, draw %d: norm %v, want %v", seed, i, g, w)
			}
			if math.Abs(g) > zigR {
				tails++
			}
			if i%3 == 0 {
				if g, w := r.float64(), want.Float64(); g != w {
					t.Fatalf("seed %v, mixed draw %d: float64 %v, want %v", seed, i, g, w)
				}
			}
		}
		if tails < 50 {
			t.Fatalf("seed %v: only %d normal draws beyond the base strip, the tail path is not exercised", seed, tails)
		}
	}
}

// TestSampleWeightsMCMatches checks MonteCarlo's sampler (mcRNG, precomputed Gamma constants)
// against sampleWeights on rand.Rand — the sampler MonteCarlo used before and WeightSampler
// uses — weight for weight and bit for bit (10,000 samples per case; 2,000 under the race
// detector), with the streams still aligned afterwards: Dirichlet
// with shapes above and below 1 (concentrations 100, 2, 0.5), tiny concentrations whose
// variates underflow (the log-space redraw), zero weights, single children, and uniform.
func TestSampleWeightsMCMatches(t *testing.T) {
	_, bench := benchProblem(1, 4, 5, 6, 1)
	tree := &Tree{Children: []*Tree{
		{Weight: 0.5, Children: []*Tree{{Weight: 0.7, Indicator: 0}, {Weight: 0, Indicator: 1}, {Weight: 0.3, Indicator: 2}}},
		{Weight: 0.3, Children: []*Tree{{Weight: 1, Indicator: 3}}},
		{Weight: 0.2, Indicator: 4},
	}}
	perts := []Perturbation{
		{Kind: Dirichlet, Concentration: 100},
		{Kind: Dirichlet, Concentration: 2},
		{Kind: Dirichlet, Concentration: 0.5},
		{Kind: Dirichlet, Concentration: 1e-3},
		{Kind: Dirichlet, Concentration: 1e-6},
		{Kind: Uniform, Fraction: 0.3},
	}
	for ti, tr := range []*Tree{bench, tree} {
		ft := flatten(tr)
		n, err := tr.Validate(1e-9)
		if err != nil {
			t.Fatal(err)
		}
		for pi, p := range perts {
			gp := ft.mcGammaParams(p)
			var r mcRNG
			r.seed(uint64(pi), splitmix64(uint64(ti)))
			want := rand.New(rand.NewPCG(uint64(pi), splitmix64(uint64(ti))))
			l1, g1, w1 := make([]float64, len(ft.parent)), make([]float64, len(ft.parent)), make([]float64, n)
			l2, g2, w2 := make([]float64, len(ft.parent)), make([]float64, len(ft.parent)), make([]float64, n)
			samples := 10000
			if raceEnabled {
				samples = 2000
			}
			for s := 0; s < samples; s++ {
				ft.sampleWeightsMC(&r, p, gp, l1, g1, w1)
				ft.sampleWeights(want, p, l2, g2, w2)
				for j := range w1 {
					if math.Float64bits(w1[j]) != math.Float64bits(w2[j]) {
						t.Fatalf("tree %d, %+v, sample %d, leaf %d: %v, want %v", ti, p, s, j, w1[j], w2[j])
					}
				}
			}
			if r.uint64() != want.Uint64() {
				t.Fatalf("tree %d, %+v: streams out of step after the samples", ti, p)
			}
		}
	}
}

// TestGammaShapeMatches checks mcRNG.gammaShape against gammaSample draw for draw on shapes
// below and above 1.
func TestGammaShapeMatches(t *testing.T) {
	var r mcRNG
	r.seed(3, 4)
	want := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 200000; i++ {
		shape := []float64{1e-3, 0.3, 0.999, 1, 1.5, 7, 250}[i%7]
		if g, w := r.gammaShape(shape), gammaSample(want, shape); math.Float64bits(g) != math.Float64bits(w) {
			t.Fatalf("draw %d, shape %v: %v, want %v", i, shape, g, w)
		}
	}
}
