package statistics

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Dirichlet(c·w) has mean w and variance w_j(1 − w_j)/(c + 1) (Kotz, Balakrishnan & Johnson
// 2000, ch. 49, eq. 49.9); 200,000 draws estimate both within 3 standard errors (≈ 0.002 and
// 0.0003 here).
func TestDirichletAroundMoments(t *testing.T) {
	w := []float64{0.5, 0.3, 0.2, 0}
	const c, n = 20.0, 200_000
	rng := rand.New(rand.NewPCG(1, 2))
	mean := make([]float64, len(w))
	sq := make([]float64, len(w))
	g := make([]float64, len(w))
	for range n {
		DirichletAround(g, rng, c, w)
		var sum float64
		for j, v := range g {
			mean[j] += v
			sq[j] += v * v
			sum += v
		}
		if math.Abs(sum-1) > 1e-12 || g[3] != 0 {
			t.Fatalf("draw %v", g)
		}
	}
	for j := range w {
		m := mean[j] / n
		v := sq[j]/n - m*m
		if math.Abs(m-w[j]) > 0.002 || math.Abs(v-w[j]*(1-w[j])/(c+1)) > 0.0003 {
			t.Errorf("w_%d = %v: mean %v, variance %v (want %v)", j, w[j], m, v, w[j]*(1-w[j])/(c+1))
		}
	}
}

// WeightSampler draws global weights that sum to 1 with the tree's weights as their mean.
func TestWeightSamplerMean(t *testing.T) {
	tree := &Tree{Weight: 1, Children: []*Tree{
		{Weight: 0.6, Children: []*Tree{{Weight: 0.5, Indicator: 0}, {Weight: 0.5, Indicator: 1}}},
		{Weight: 0.4, Indicator: 2},
	}}
	s, err := NewWeightSampler(tree)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	mean := make([]float64, 3)
	const n = 100_000
	for range n {
		g := s.Sample(nil, rng, Perturbation{Kind: Dirichlet, Concentration: 50})
		var sum float64
		for j, v := range g {
			mean[j] += v / n
			sum += v
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Fatalf("weights sum to %v", sum)
		}
	}
	for j, want := range []float64{0.3, 0.3, 0.4} {
		if math.Abs(mean[j]-want) > 0.002 {
			t.Errorf("leaf %d: mean %v, want %v", j, mean[j], want)
		}
	}
}

// RankIntervals reads type-7 quantiles (R's quantile(type = 7)): for ranks 1…5 of one unit over
// five samples, P5 = 1.2, P50 = 3, P95 = 4.8.
func TestRankIntervals(t *testing.T) {
	got := RankIntervals([][]float64{{3, 1}, {1, 1}, {5, 2}, {2, 1}, {4, 1}})
	if g := got[0]; math.Abs(g.P5-1.2) > 1e-12 || g.P50 != 3 || math.Abs(g.P95-4.8) > 1e-12 || g.Min != 1 || g.Max != 5 {
		t.Errorf("unit 0: %+v", g)
	}
	if g := got[1]; g.Min != 1 || g.P50 != 1 || g.Max != 2 || math.Abs(g.P95-1.8) > 1e-12 {
		t.Errorf("unit 1: %+v", g)
	}
}

// SaatyStep and StepValue: 1/3 is step −2 on Saaty's scale; step 2 is 3², 9 on the power scale.
func TestSaatyStepAndStepValue(t *testing.T) {
	if p, ok := SaatyStep(0.333, 0.01); !ok || p != -2 {
		t.Errorf("SaatyStep(0.333) = %d, %v", p, ok)
	}
	if _, ok := SaatyStep(2.5, 0.01); ok {
		t.Error("2.5 read as a Saaty value")
	}
	if v := ScalePower.StepValue(2); v != 9 {
		t.Errorf("power step 2 = %v", v)
	}
	if v := ScalePower.StepValue(-2); v != 1.0/9 {
		t.Errorf("power step −2 = %v", v)
	}
}
