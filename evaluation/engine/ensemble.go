package engine

import (
	"math"
	"math/rand/v2"
	"sort"

	"evalbench/messages"
	"evalbench/statistics"
)

// MaxJudgmentSteps bounds MonteCarloConfig.JudgmentSteps: the 17-point scale has 16 steps.
const MaxJudgmentSteps = 8

// objectiveData is the evaluated period's raw values, for the data-driven weight methods.
func (e *engine) objectiveData() *ObjectiveData {
	data := &ObjectiveData{Units: e.units}
	for _, r := range e.refs {
		data.Indicators = append(data.Indicators, r.Node.Code)
	}
	data.Values = make([][]float64, len(e.units))
	for i, u := range e.units {
		row := make([]float64, len(e.refs))
		for j, r := range e.refs {
			row[j] = math.NaN()
			if v, ok := e.value(r.Node.Code, u, e.cfg.Period); ok && v.value != nil {
				row[j] = *v.value
			}
		}
		data.Values[i] = row
	}
	return data
}

// deriveLocal derives a weight set's local weights on the framework; ok is false when the set
// cannot be used (a node without weights, every matrix of a node inconsistent under a block gate).
func (e *engine) deriveLocal(ws *WeightSet, js []Judgment) (local map[string][]float64, ok bool, err error) {
	var data *ObjectiveData
	if ws.Method == WeightEntropy || ws.Method == WeightCRITIC || ws.Method == WeightCombined {
		data = e.objectiveData()
	}
	wr, err := DeriveWeights(e.f, ws, js, data)
	if err != nil {
		return nil, false, err
	}
	if !wr.Complete {
		return nil, false, nil
	}
	local = map[string][]float64{}
	for _, n := range wr.Nodes {
		local[n.Node] = n.Weights
	}
	return local, true, nil
}

// leafWeights returns the global weights of the composite tree's leaves (weightTree's columns)
// with the indicator framework's local weights taken from local.
func (e *engine) leafWeights(local map[string][]float64) []float64 {
	saved := e.local
	e.local = local
	tree, cols, _ := e.weightTree()
	e.local = saved
	return tree.GlobalWeights(make([]float64, len(cols)))
}

// DerivesFromJudgments says whether a weight set derives (at least its subjective part) from AHP
// pairwise judgments, which judgment-level uncertainty varies.
func (ws *WeightSet) DerivesFromJudgments() bool { return isAHP(ws) }

// isAHP says whether a weight set derives (at least its subjective part) from pairwise judgments.
func isAHP(ws *WeightSet) bool {
	return ws.Method == WeightAHP || ws.Method == WeightCombined && ws.Combined != nil && ws.Combined.Subjective == WeightAHP
}

// perturbJudgments returns the judgments with every upper-triangle judgment on Saaty's scale
// moved by a uniform whole number of steps in [−k, k] on the 17-point scale 1/9 … 1 … 9 (clamped
// at the ends), re-expressed on scale, and its reciprocal set below the diagonal — AHP-OS's
// judgment variation (Goepel 2019, §5) applied to every expert's matrix of every node. A missing
// judgment (0) stays missing; a judgment off the scale (a revised or aggregated value) keeps its
// value and is counted in off.
func perturbJudgments(js []Judgment, k int, scale statistics.JudgmentScale, rng *rand.Rand) (out []Judgment, off int) {
	out = make([]Judgment, len(js))
	for n, j := range js {
		out[n] = j
		m := make([][]float64, len(j.Matrix))
		for a := range j.Matrix {
			m[a] = append([]float64(nil), j.Matrix[a]...)
		}
		for a := range m {
			for b := a + 1; b < len(m); b++ {
				v := m[a][b]
				if v == 0 {
					continue
				}
				p, ok := statistics.SaatyStep(v, 0.01)
				if !ok {
					off++
					continue
				}
				if k > 0 {
					p = max(-8, min(8, p+rng.IntN(2*k+1)-k))
				}
				w := scale.StepValue(p)
				m[a][b], m[b][a] = w, 1/w
			}
		}
		out[n].Matrix = m
	}
	return out, off
}

// ungated returns the weight set with the consistency gate opened: a judgment varied by a step
// or re-expressed on another scale changes the consistency ratio (and Saaty's random indices do
// not apply to the other scales), and AHP-OS's weight uncertainty keeps every varied matrix
// (Goepel 2019, §5) rather than dropping some. A high CR still skips the revision suggestions.
func ungated(ws WeightSet) WeightSet {
	ws.AHP.ungated = true
	ws.AHP.CRThreshold = 1
	return ws
}

// ensemble holds the samples' composites and ranks.
type ensemble struct {
	scores [][]float64 // samples × units (composites including bonus and penalty)
	ranks  [][]float64
}

// ordinalRanks ranks composites descending, ties broken by unit order (1 = best).
func ordinalRanks(dst []float64, s []float64, order []int) {
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return s[order[a]] > s[order[b]] })
	for k, i := range order {
		dst[i] = float64(k + 1)
	}
}

// ensembleUncertainty is the Monte Carlo analysis when it cannot be done by the linear
// statistics.MonteCarlo: the run aggregates by a method other than the weighted sum, or its AHP
// judgments are varied step by step. In each of Samples draws (one PCG stream seeded (Seed,
// 0x16a1b2c3d4e5f607)) the weights come either from the judgments varied by ±JudgmentSteps on
// the 17-point scale and re-expressed on JudgmentScale, propagated through the hierarchy by the
// weight set's own AHP configuration, or (without judgment steps) from the configured Dirichlet or
// uniform perturbation of every group of sibling weights; the run's aggregation turns the leaf
// matrix into composites and the units are ranked. Percentiles are type-7 quantiles of the
// samples; rank quantiles the smallest rank whose cumulative share reaches p. A judgment sample
// whose weights cannot be derived (every matrix of a node inconsistent under the block gate) is
// rejected and counted.
func (e *engine) ensembleUncertainty(idx []int) error {
	mc := e.cfg.MonteCarlo
	a := newAggregator(e.cfg.Aggregation)
	_, x, _, _, tree, _ := e.leafMatrix()
	offsets := make([]float64, len(idx))
	for r, i := range idx {
		offsets[r] = e.res.Units[i].Bonus - e.res.Units[i].Penalty
	}
	rng := rand.New(rand.NewPCG(mc.Seed, 0x16a1b2c3d4e5f607))
	sum := &UncertaintySummary{Samples: mc.Samples, Seed: mc.Seed, Aggregation: e.res.aggregationName()}
	var sampler *statistics.WeightSampler
	var pert statistics.Perturbation
	scale := statistics.ScaleSaaty
	if mc.JudgmentSteps > 0 || mc.JudgmentScale != "" {
		if !isAHP(&e.in.Weights.Set) {
			return Invalid("monte_carlo.judgment_steps", messages.RunConfigJudgmentNeedsAHP, "method", string(e.in.Weights.Set.Method))
		}
		if mc.JudgmentScale != "" {
			scale, _ = statistics.ParseJudgmentScale(mc.JudgmentScale) // checked by RunConfig.Check
		}
		sum.Perturbation, sum.JudgmentSteps, sum.JudgmentScale = "judgments", mc.JudgmentSteps, scale.String()
	} else {
		var err error
		if sampler, err = statistics.NewWeightSampler(tree); err != nil {
			return &messageError{m: messages.New(messages.UncertaintyFailed, "error", errorMessage(err)), kind: err}
		}
		sum.Perturbation = mc.Perturbation
		pert = statistics.Perturbation{Kind: statistics.Dirichlet, Concentration: mc.Concentration}
		sum.Concentration = mc.Concentration
		if mc.Perturbation == "uniform" {
			pert = statistics.Perturbation{Kind: statistics.Uniform, Fraction: mc.Fraction}
			sum.Concentration, sum.Fraction = 0, mc.Fraction
		}
	}
	ens := ensemble{}
	g := make([]float64, len(tree.GlobalWeights(nil)))
	order := make([]int, len(idx))
	for s := 0; s < mc.Samples; s++ {
		if sampler != nil {
			sampler.Sample(g, rng, pert)
		} else {
			js, off := perturbJudgments(e.in.Weights.Judgments, mc.JudgmentSteps, scale, rng)
			if s == 0 {
				sum.OffScale = off
			}
			ws := ungated(e.in.Weights.Set)
			local, ok, err := e.deriveLocal(&ws, js)
			if err != nil {
				return &messageError{m: messages.New(messages.UncertaintySampleFailed, "sample", s, "error", errorMessage(err)), kind: err}
			}
			if !ok {
				sum.Rejected++
				continue
			}
			g = e.leafWeights(local)
		}
		ar, err := a.aggregate(x, g)
		if err != nil {
			sum.Rejected++
			continue
		}
		row := make([]float64, len(idx))
		for r := range row {
			row[r] = ar.composite[r] + offsets[r]
		}
		rk := make([]float64, len(idx))
		ordinalRanks(rk, row, order)
		ens.scores = append(ens.scores, row)
		ens.ranks = append(ens.ranks, rk)
	}
	if len(ens.scores) == 0 {
		return Invalid("monte_carlo", messages.RunConfigMonteCarloNoSample, "rejected", sum.Rejected)
	}
	e.summarise(idx, ens, sum)
	return nil
}

// summarise fills the units' uncertainty and the neighbours' swap probabilities from an ensemble.
func (e *engine) summarise(idx []int, ens ensemble, sum *UncertaintySummary) {
	n := float64(len(ens.scores))
	col := make([]float64, len(ens.scores))
	rankQ := func(c []float64, p float64) int {
		// c is sorted: the smallest rank whose cumulative share reaches p.
		k := int(math.Ceil(p*n)) - 1
		return int(c[max(0, min(len(c)-1, k))])
	}
	for r, i := range idx {
		var mean float64
		for s := range ens.scores {
			col[s] = ens.scores[s][r]
			mean += col[s]
		}
		sort.Float64s(col)
		uu := &UnitUncertainty{Mean: mean / n, P5: quantile7(col, 0.05), P50: quantile7(col, 0.5), P95: quantile7(col, 0.95)}
		for b := range e.cfg.Grades {
			var k int
			for _, v := range col {
				in := v >= e.cfg.Grades[b].MinScore
				if b > 0 {
					in = in && v < e.cfg.Grades[b-1].MinScore
				}
				if in {
					k++
				}
			}
			uu.GradeProbability = append(uu.GradeProbability, GradeProbability{Grade: e.cfg.Grades[b].Code, P: float64(k) / n})
		}
		for s := range ens.ranks {
			col[s] = ens.ranks[s][r]
		}
		sort.Float64s(col)
		uu.MedianRank, uu.RankP5, uu.RankP95 = rankQ(col, 0.5), rankQ(col, 0.05), rankQ(col, 0.95)
		e.res.Units[i].Uncertainty = uu
	}
	// Neighbours in the run's ranking (ties by unit order, as the samples).
	base := make([]float64, len(idx))
	for r, i := range idx {
		base[r] = *e.res.Units[i].Composite
	}
	order := make([]int, len(idx))
	ordinalRanks(make([]float64, len(idx)), base, order)
	sum.Swaps = []NeighbourSwap{}
	for k := 0; k+1 < len(order); k++ {
		up, lo := order[k], order[k+1]
		var c int
		for s := range ens.scores {
			if ens.ranks[s][lo] < ens.ranks[s][up] {
				c++
			}
		}
		sum.Swaps = append(sum.Swaps, NeighbourSwap{Upper: e.units[idx[up]], Lower: e.units[idx[lo]], Probability: float64(c) / n})
	}
	sum.Samples = len(ens.scores)
	e.res.Uncertainty = sum
}

// quantile7 is the type-7 (linear interpolation) quantile of sorted x.
func quantile7(x []float64, p float64) float64 {
	h := p * float64(len(x)-1)
	lo := math.Floor(h)
	i := int(lo)
	if i+1 >= len(x) {
		return x[len(x)-1]
	}
	return x[i] + (h-lo)*(x[i+1]-x[i])
}

// aggregationName is the run's aggregation method (weighted-sum when none was recorded).
func (r *Result) aggregationName() string {
	if r.Aggregation != nil {
		return r.Aggregation.Method
	}
	return ""
}
