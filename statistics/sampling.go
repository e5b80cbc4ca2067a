package statistics

import (
	"math"
	"math/rand/v2"
	"sort"
)

// WeightSampler draws perturbed global leaf weights from a weight tree, one sample at a time, with
// the same perturbations as MonteCarlo (Dirichlet or uniform on every group of siblings, then
// products down the tree). It lets a caller propagate weight uncertainty through an aggregation
// that is not a weighted sum (geometric, TOPSIS, VIKOR, PROMETHEE II, grey relational grade).
type WeightSampler struct {
	f           flatTree
	local, glob []float64
	nLeaves     int
}

// NewWeightSampler prepares sampling from t, which must pass t.Validate (else the error).
func NewWeightSampler(t *Tree) (*WeightSampler, error) {
	n, err := t.Validate(1e-9)
	if err != nil {
		return nil, err
	}
	f := flatten(t)
	return &WeightSampler{f: f, local: make([]float64, len(f.parent)), glob: make([]float64, len(f.parent)), nLeaves: n}, nil
}

// Sample fills dst (length: the tree's leaves) with one draw of perturbed global weights from rng.
// A Dirichlet concentration that is not positive and finite, or a uniform fraction outside [0, 1),
// panics.
func (s *WeightSampler) Sample(dst []float64, rng *rand.Rand, p Perturbation) []float64 {
	switch p.Kind {
	case Dirichlet:
		if !(p.Concentration > 0) || math.IsInf(p.Concentration, 0) {
			panic("statistics: Dirichlet concentration must be positive and finite")
		}
	case Uniform:
		if !(p.Fraction >= 0 && p.Fraction < 1) {
			panic("statistics: uniform perturbation fraction must be in [0, 1)")
		}
	default:
		panic("statistics: unknown PerturbationKind")
	}
	dst = resize(dst, s.nLeaves)
	s.f.sampleWeights(rng, p, s.local, s.glob, dst)
	return dst
}

// SaatyStep returns the signed position p ∈ [−8, 8] of a pairwise judgment on the 17-point scale
// 1/9 … 1/2, 1, 2 … 9 (p = x − 1 for a = x ≥ 1, p = −(x − 1) for a = 1/x), accepting a relative
// error tol in x; ok is false for a value off the scale (Saaty 1980; the step arithmetic of
// Goepel 2019, §5).
func SaatyStep(a, tol float64) (p int, ok bool) { return saatyStep(a, tol) }

// StepValue is the ratio of signed step p ∈ [−8, 8] on scale s: c(p + 1) for p ≥ 0 and
// 1/c(1 − p) below (see JudgmentScale.Value). p outside [−8, 8] panics.
func (s JudgmentScale) StepValue(p int) float64 { return s.stepValue(p) }

// RankInterval summarises a unit's rank over samples: the type-7 quantiles at 0.05, 0.5 and 0.95
// and the extremes.
type RankInterval struct {
	Min, P5, P50, P95, Max float64
}

// RankIntervals summarises each column of ranks (ranks[s][i]: unit i's rank in sample s) by
// RankInterval. ranks must be non-empty and rectangular (else it panics).
func RankIntervals(ranks [][]float64) []RankInterval {
	if len(ranks) == 0 {
		panic("statistics: RankIntervals needs at least one sample")
	}
	n := len(ranks[0])
	out := make([]RankInterval, n)
	col := make([]float64, len(ranks))
	for i := 0; i < n; i++ {
		for s, r := range ranks {
			if len(r) != n {
				panic("statistics: RankIntervals needs rows of equal length")
			}
			col[s] = r[i]
		}
		sort.Float64s(col)
		out[i] = RankInterval{Min: col[0], P5: quantileSorted(0.05, col), P50: quantileSorted(0.5, col), P95: quantileSorted(0.95, col), Max: col[len(col)-1]}
	}
	return out
}

// DirichletAround fills dst with one draw from Dirichlet(c·w) (w sums to 1, c > 0): mean w,
// variance w_j(1 − w_j)/(c + 1) (Kotz, Balakrishnan & Johnson 2000, ch. 49), by normalised
// Gamma(c·w_j, 1) variates (Marsaglia & Tsang 2000). Zero weights stay zero. Should every variate
// underflow (shapes far below 1), the group is redrawn in log space as MonteCarlo does.
func DirichletAround(dst []float64, rng *rand.Rand, c float64, w []float64) []float64 {
	if !(c > 0) || math.IsInf(c, 0) {
		panic("statistics: Dirichlet concentration must be positive and finite")
	}
	dst = resize(dst, len(w))
	var sum float64
	for j, v := range w {
		dst[j] = 0
		if v > 0 {
			dst[j] = gammaSample(rng, c*v)
		}
		sum += dst[j]
	}
	if sum == 0 {
		f := flatTree{weight: w}
		sum = f.logDirichlet(rng, c, 0, len(w), dst)
	}
	for j := range dst {
		dst[j] /= sum
	}
	return dst
}
