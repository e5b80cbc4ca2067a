package statistics

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// PerturbationKind selects how weights are perturbed in MonteCarlo.
type PerturbationKind int

const (
	// Dirichlet: each group of sibling weights w is redrawn from Dirichlet(c·w), whose mean is w
	// and whose variance w_i(1 − w_i)/(c + 1) shrinks as the concentration c grows (Kotz,
	// Balakrishnan & Johnson, Continuous Multivariate Distributions, 2000, ch. 49; the use for
	// weight uncertainty follows Saisana, Saltelli & Tarantola 2005, J. R. Stat. Soc. A 168,
	// 307–323). Zero weights stay zero.
	Dirichlet PerturbationKind = iota
	// Uniform: each sibling weight is multiplied by 1 + p·U, U uniform on [−1, 1], and the group
	// is renormalised to sum 1 (the "±p %" perturbation of OECD/JRC Handbook 2008, §7).
	Uniform
)

// Perturbation describes the distribution of weights around the given ones, applied at every
// level of the weight tree.
type Perturbation struct {
	Kind PerturbationKind
	// Concentration c > 0 for Dirichlet.
	Concentration float64
	// Fraction p in [0, 1) for Uniform (0.2 for ±20 %).
	Fraction float64
}

// MonteCarloOptions configures MonteCarlo.
type MonteCarloOptions struct {
	Samples      int
	Seed         uint64
	Perturbation Perturbation
	// Bands are ascending score thresholds t_1 < … < t_m splitting 0–100 into m + 1 grade bands:
	// band 0 is s < t_1, band b is t_b ≤ s < t_{b+1}, band m is s ≥ t_m.
	Bands []float64
	// Workers bounds the goroutines; 0 means runtime.GOMAXPROCS(0). It never changes results.
	Workers int
	// Offsets, when not nil, add a constant to each unit's score in every sample (bonus and
	// penalty points, which do not depend on the weights): ranks, bands, swaps and the mean use
	// the shifted scores; percentiles are read from the histogram of the weighted part, which
	// lies on 0–100, and shifted back, which is exact because a shift commutes with quantiles.
	Offsets []float64
}

// MonteCarloChunk is the number of samples drawn from one random stream. Sample chunk c (0-based)
// uses PCG seeded from (Seed, c), so results depend on Seed and Samples but not on Workers or
// GOMAXPROCS.
const MonteCarloChunk = 1024

// HistogramBins is the number of equal bins on the 0–100 score scale from which MonteCarlo reads
// score percentiles: a resolution of 0.01 points, with linear interpolation inside the bin.
const HistogramBins = 10000

// UnitUncertainty summarises the distribution of one unit's score and rank.
type UnitUncertainty struct {
	// BaseScore and BaseRank use the given weights (rank 1 is best; ties broken by unit order).
	BaseScore float64
	BaseRank  int
	// Mean is the exact sample mean; P5, P50 and P95 are read from the 0.01-point histogram.
	Mean, P5, P50, P95 float64
	// MedianRank, RankP5 and RankP95 are quantiles of the rank distribution (the smallest rank r
	// whose cumulative share reaches p).
	MedianRank, RankP5, RankP95 int
	// BandProbability[b] is the share of samples in grade band b (nil without bands).
	BandProbability []float64
}

// SwapProbability is the share of samples in which Lower (ranked just below Upper with the given
// weights) ranks above Upper.
type SwapProbability struct {
	Upper, Lower int
	P            float64
}

// MonteCarloResult is the outcome of MonteCarlo; Units are in input order and Swaps follow the
// base ranking from the top.
type MonteCarloResult struct {
	Units   []UnitUncertainty
	Swaps   []SwapProbability
	Samples int
}

// flatTree is a Tree in breadth-first order, so that siblings are contiguous and parents precede
// their children.
type flatTree struct {
	parent []int
	weight []float64
	leaf   []int // column for leaves, −1 otherwise
	groups [][2]int
}

func flatten(t *Tree) flatTree {
	var f flatTree
	queue := []*Tree{t}
	f.parent = append(f.parent, -1)
	f.weight = append(f.weight, 1)
	for head := 0; head < len(queue); head++ {
		node := queue[head]
		if len(node.Children) == 0 {
			f.leaf = append(f.leaf, node.Indicator)
			continue
		}
		f.leaf = append(f.leaf, -1)
		f.groups = append(f.groups, [2]int{len(queue), len(node.Children)})
		for _, c := range node.Children {
			queue = append(queue, c)
			f.parent = append(f.parent, head)
			f.weight = append(f.weight, c.Weight)
		}
	}
	return f
}

// gammaSample draws from Gamma(shape, 1) by Marsaglia & Tsang (2000), "A simple method for
// generating gamma variables", ACM TOMS 26, 363–372, boosting shape < 1 with U^(1/shape).
func gammaSample(rng *rand.Rand, shape float64) float64 {
	boost := 1.0
	if shape < 1 {
		boost = math.Pow(1-rng.Float64(), 1/shape)
		shape++
	}
	d := shape - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := rng.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := 1 - rng.Float64()
		if u < 1-0.0331*x*x*x*x || math.Log(u) < 0.5*x*x+d*(1-v+math.Log(v)) {
			return d * v * boost
		}
	}
}

// logDirichlet redraws local[lo:hi] as exp(log G_i − max_k log G_k) and returns their sum.
func (f *flatTree) logDirichlet(rng *rand.Rand, c float64, lo, hi int, local []float64) float64 {
	top := math.Inf(-1)
	for i := lo; i < hi; i++ {
		w := f.weight[i]
		if w == 0 {
			local[i] = math.Inf(-1)
			continue
		}
		a := c * w
		local[i] = math.Log(gammaSample(rng, a+1)) + math.Log(1-rng.Float64())/a
		top = math.Max(top, local[i])
	}
	var sum float64
	for i := lo; i < hi; i++ {
		local[i] = math.Exp(local[i] - top)
		sum += local[i]
	}
	return sum
}

// sampleWeights fills local with perturbed local weights and g with leaf (column) global weights.
func (f *flatTree) sampleWeights(rng *rand.Rand, p Perturbation, local, glob, g []float64) {
	local[0] = 1
	for _, grp := range f.groups {
		lo, hi := grp[0], grp[0]+grp[1]
		var sum float64
		for i := lo; i < hi; i++ {
			w := f.weight[i]
			if w == 0 || grp[1] == 1 {
				local[i] = w
				sum += w
				continue
			}
			if p.Kind == Dirichlet {
				local[i] = gammaSample(rng, p.Concentration*w)
			} else {
				local[i] = w * (1 + p.Fraction*(2*rng.Float64()-1))
			}
			sum += local[i]
		}
		if sum == 0 {
			// Every Gamma variate of the group underflowed (shapes far below 1); redraw the group in
			// log space, where log G = log G(a+1) + log(U)/a cannot underflow.
			sum = f.logDirichlet(rng, p.Concentration, lo, hi, local)
		}
		for i := lo; i < hi; i++ {
			local[i] /= sum
		}
	}
	glob[0] = 1
	for i := 1; i < len(f.parent); i++ {
		glob[i] = glob[f.parent[i]] * local[i]
		if c := f.leaf[i]; c >= 0 {
			g[c] = glob[i]
		}
	}
}

// mcAccumulator holds one worker slot's counts, indexed by base position k (the unit ranked
// k + 1 with the given weights), not by unit; integer counts merge in any order.
type mcAccumulator struct {
	hist  []uint32 // positions × HistogramBins
	ranks []uint32 // positions × units
	bands []uint32 // positions × (len(Bands)+1)
	swaps []uint32 // units − 1
	sum   []float64
	// Scratch reused by every chunk the slot runs, so memory does not grow with the samples.
	rng            mcRNG
	local, glob, g []float64
	s              []float64
	rk             *mcRanker
}

// MonteCarlo propagates weight uncertainty to scores and ranks. scores is units × indicators on
// 0–100; tree gives the weights (its leaves name the columns; use FlatTree for a flat weight
// vector) and must pass Tree.Validate. For each of opts.Samples samples every group of sibling
// weights is perturbed (see Perturbation) and renormalised, global weights are the products
// down the tree, and unit scores are s = X·g. Per unit it reports the mean score, the 5th, 50th
// and 95th percentiles (from a fixed 0.01-point histogram, linear within the bin, so memory does
// not grow with the number of samples), the median rank and its 5–95 % interval (from rank count
// tables), the probability of each grade band; and for each pair of neighbours in the base
// ranking the probability that they swap. Samples are processed in chunks of MonteCarloChunk,
// each with its own PCG stream seeded from (Seed, chunk index), in parallel; counts are integers
// and score sums are merged in chunk order, so the result is identical at any GOMAXPROCS.
func MonteCarlo(scores mat.Matrix, tree *Tree, opts MonteCarloOptions) (*MonteCarloResult, error) {
	units, nInd, err := checkMatrix(scores, nil)
	if err != nil {
		return nil, err
	}
	if opts.Samples < 1 {
		panic("statistics: MonteCarlo needs at least one sample")
	}
	switch opts.Perturbation.Kind {
	case Dirichlet:
		if !(opts.Perturbation.Concentration > 0) || math.IsInf(opts.Perturbation.Concentration, 0) {
			panic("statistics: Dirichlet concentration must be positive and finite")
		}
	case Uniform:
		if !(opts.Perturbation.Fraction >= 0 && opts.Perturbation.Fraction < 1) {
			panic("statistics: uniform perturbation fraction must be in [0, 1)")
		}
	default:
		panic("statistics: unknown PerturbationKind")
	}
	for b := 1; b < len(opts.Bands); b++ {
		if !(opts.Bands[b] > opts.Bands[b-1]) {
			panic("statistics: bands must increase strictly")
		}
	}
	nLeaves, err := tree.Validate(1e-9)
	if err != nil {
		return nil, err
	}
	if nLeaves != nInd {
		panic(fmt.Sprintf("statistics: tree has %d leaves for %d indicators", nLeaves, nInd))
	}
	for i := 0; i < units; i++ {
		for j := 0; j < nInd; j++ {
			if v := scores.At(i, j); v < 0 || v > 100 {
				return nil, cellErr(i, j, detail(ErrDegenerate, CheckScoreRange, fmt.Sprintf("score %v outside 0–100", v), "value", v))
			}
		}
	}
	if opts.Offsets != nil && len(opts.Offsets) != units {
		panic("statistics: MonteCarlo needs one offset per unit")
	}
	offset := make([]float64, units)
	for i, o := range opts.Offsets {
		if math.IsNaN(o) || math.IsInf(o, 0) {
			return nil, cellErr(i, -1, ErrNonFinite)
		}
		offset[i] = o
	}
	ft := flatten(tree)
	gBase := tree.GlobalWeights(make([]float64, nInd))
	base := append([]float64(nil), offset...)
	for j, w := range gBase {
		for i := 0; i < units; i++ {
			base[i] += float64(w * scores.At(i, j)) // rounded, then added: as floats.AddScaled
		}
	}
	order := make([]int, units)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return base[order[a]] > base[order[b]] })
	// xt is the score matrix transposed (indicators × units) with its units in base order: each
	// sample's unit scores are a sum of scaled rows of xt over contiguous memory, and come out
	// by base position, so ties by base rank are ties by position and no gather is needed.
	// offPos is the offsets in the same order.
	xt := make([]float64, nInd*units)
	offPos := make([]float64, units)
	for k, u := range order {
		offPos[k] = offset[u]
		for j := 0; j < nInd; j++ {
			xt[j*units+k] = scores.At(u, j)
		}
	}

	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	nChunks := (opts.Samples + MonteCarloChunk - 1) / MonteCarloChunk
	if workers > nChunks {
		workers = nChunks
	}
	nBands := len(opts.Bands) + 1
	gp := ft.mcGammaParams(opts.Perturbation)
	acc := make([]*mcAccumulator, workers)
	for w := range acc {
		acc[w] = &mcAccumulator{
			hist:  make([]uint32, units*HistogramBins),
			ranks: make([]uint32, units*units),
			bands: make([]uint32, units*nBands),
			swaps: make([]uint32, max(units-1, 0)),
			sum:   make([]float64, units),
			rk:    newMCRanker(units),
		}
	}
	total := make([]float64, units) // by base position
	for wave := 0; wave < nChunks; wave += workers {
		var wg sync.WaitGroup
		for w := 0; w < workers && wave+w < nChunks; w++ {
			wg.Add(1)
			go func(slot, chunk int) {
				defer wg.Done()
				n := min(MonteCarloChunk, opts.Samples-chunk*MonteCarloChunk)
				runChunk(acc[slot], &ft, gp, xt, offPos, units, nInd, opts, chunk, n)
			}(w, wave+w)
		}
		wg.Wait()
		for w := 0; w < workers && wave+w < nChunks; w++ {
			for i, v := range acc[w].sum {
				total[i] += v
				acc[w].sum[i] = 0
			}
		}
	}
	for w := 1; w < workers; w++ {
		addCounts(acc[0].hist, acc[w].hist)
		addCounts(acc[0].ranks, acc[w].ranks)
		addCounts(acc[0].bands, acc[w].bands)
		addCounts(acc[0].swaps, acc[w].swaps)
	}
	a := acc[0]
	res := &MonteCarloResult{Units: make([]UnitUncertainty, units), Samples: opts.Samples}
	baseRank := make([]int, units)
	for p, u := range order {
		baseRank[u] = p + 1
	}
	N := float64(opts.Samples)
	for u := range res.Units {
		k := baseRank[u] - 1
		h := a.hist[k*HistogramBins : (k+1)*HistogramBins]
		r := a.ranks[k*units : (k+1)*units]
		uu := UnitUncertainty{
			BaseScore: base[u], BaseRank: baseRank[u], Mean: total[k] / N,
			P5: histQuantile(h, 0.05, N) + offset[u], P50: histQuantile(h, 0.5, N) + offset[u], P95: histQuantile(h, 0.95, N) + offset[u],
			RankP5: countQuantile(r, 0.05, N), MedianRank: countQuantile(r, 0.5, N), RankP95: countQuantile(r, 0.95, N),
		}
		if len(opts.Bands) > 0 {
			uu.BandProbability = make([]float64, nBands)
			for b := range uu.BandProbability {
				uu.BandProbability[b] = float64(a.bands[k*nBands+b]) / N
			}
		}
		res.Units[u] = uu
	}
	for k := 0; k+1 < units; k++ {
		res.Swaps = append(res.Swaps, SwapProbability{Upper: order[k], Lower: order[k+1], P: float64(a.swaps[k]) / N})
	}
	return res, nil
}

func addCounts(dst, src []uint32) {
	for i, v := range src {
		dst[i] += v
	}
}

// histQuantile reads the p-quantile from a histogram of N values on 0–100: the bin where the
// cumulative count reaches p·N, interpolated linearly inside it.
func histQuantile(h []uint32, p, n float64) float64 {
	const width = 100.0 / HistogramBins
	target := p * n
	var cum float64
	for b, c := range h {
		if c == 0 {
			continue
		}
		next := cum + float64(c)
		if next >= target {
			return (float64(b) + (target-cum)/float64(c)) * width
		}
		cum = next
	}
	return 100
}

// countQuantile returns the smallest rank r (1-based) whose cumulative share reaches p.
func countQuantile(c []uint32, p, n float64) int {
	target := p * n
	var cum float64
	for r, v := range c {
		cum += float64(v)
		if v > 0 && cum >= target {
			return r + 1
		}
	}
	return len(c)
}

// mcBatch is the number of samples scored together so each row of the score matrix is loaded once
// per batch.
const mcBatch = 4

func runChunk(a *mcAccumulator, ft *flatTree, gp []mcGamma, xt, offset []float64, units, nInd int, opts MonteCarloOptions, chunk, n int) {
	if a.local == nil {
		a.local = make([]float64, len(ft.parent))
		a.glob = make([]float64, len(ft.parent))
		a.g = make([]float64, mcBatch*nInd)
		a.s = make([]float64, mcBatch*units)
	}
	local, glob, g, s := a.local, a.glob, a.g, a.s
	rng := &a.rng
	rng.seed(opts.Seed, splitmix64(uint64(chunk))) // rand.NewPCG(Seed, splitmix64(chunk))
	bands := opts.Bands
	nBands := len(bands) + 1
	hist, ranks, bandCounts, swaps, sum := a.hist, a.ranks, a.bands, a.swaps, a.sum
	for done := 0; done < n; done += mcBatch {
		m := min(mcBatch, n-done)
		for b := 0; b < m; b++ {
			ft.sampleWeightsMC(rng, opts.Perturbation, gp, local, glob, g[b*nInd:(b+1)*nInd])
		}
		// s_b = offset + Σ_j g_bj·x_j over the indicator rows x_j of xt, accumulated in indicator
		// order with each product rounded before its addition: one fixed order of operations per
		// element, whatever the scheduling or the CPU (see mcScores).
		mcScores(s, xt, g, offset, m, units, nInd)
		for b := 0; b < m; b++ {
			// sc[k] is the score of the unit at base position k.
			sc := s[b*units : (b+1)*units]
			// Order by score, ties by base rank, i.e. by position.
			a.rk.order(sc)
			for p, k := range a.rk.idx[:units] {
				ranks[int(k)*units+p]++
			}
			for k, v := range sc {
				sum[k] += v
				if nBands > 1 {
					c := 0
					for c < len(bands) && v >= bands[c] {
						c++
					}
					bandCounts[k*nBands+c]++
				}
			}
			// The unit at position k + 1 ranks above the one at k exactly when its score is
			// higher (on equal scores the lower position ranks first).
			// (Counted without a branch: whether neighbours swap is a coin toss for close ones.)
			for k := 0; k+1 < units; k++ {
				var up uint32
				if sc[k+1] > sc[k] {
					up = 1
				}
				swaps[k] += up
			}
		}
		// Histogram counts unit by unit over the batch: a unit's m scores fall in nearby bins,
		// so its histogram's cache lines are fetched once for the batch.
		for k := 0; k < units; k++ {
			h := hist[k*HistogramBins : (k+1)*HistogramBins]
			off := offset[k]
			for b := 0; b < m; b++ {
				bin := int((s[b*units+k] - off) * (HistogramBins / 100))
				if bin >= HistogramBins {
					bin = HistogramBins - 1
				} else if bin < 0 {
					bin = 0
				}
				h[bin]++
			}
		}
	}
}

// splitmix64 scrambles a chunk index into a PCG seed word (Steele, Lea & Flood 2014, "Fast
// splittable pseudorandom number generators", OOPSLA).
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// SwapThreshold is the smallest change of one local weight that makes two neighbours in the base
// ranking swap.
type SwapThreshold struct {
	Upper, Lower int
	// Node is the path of the weight's node in the tree ("root/0/2"), Indicator its column for a
	// leaf and −1 for an inner node. Found is false when no single weight change can swap the
	// pair (then the other fields are zero).
	Found     bool
	Node      string
	Indicator int
	// Weight is the current local weight, Delta the change (with its sign) and NewWeight = Weight
	// + Delta, at which the two scores are equal.
	Weight, Delta, NewWeight float64
}

// SmallestSwaps finds, for each pair of neighbours (Upper ranked just above Lower under the given
// weights), the single local weight whose smallest change swaps them. Changing node N's local
// weight ℓ_N by δ while its siblings are rescaled proportionally, ℓ_s(1 − ℓ_N − δ)/(1 − ℓ_N), is
// linear in δ: with G the global weight of N's parent, V_s(u) the score of unit u on the subtree
// of sibling s (its leaves weighted by their local products), ΔV_s = V_s(a) − V_s(b) and
// R = Σ_{s≠N} ℓ_s ΔV_s,
//
//	d(δ) = d₀ + G·δ·(ΔV_N − R/(1 − ℓ_N)),   so   δ* = −d₀ / (G·(ΔV_N − R/(1 − ℓ_N)))
//
// for the score difference d = s_a − s_b (the one-at-a-time weight sensitivity of Butler, Jia &
// Dyer 1997, "Simulation techniques for the sensitivity analysis of multi-criteria decision
// models", EJOR 103, 531–546, §2, solved analytically). Only changes keeping ℓ_N + δ* in [0, 1]
// count; nodes whose weight is 1 or that have no siblings are skipped.
func SmallestSwaps(scores mat.Matrix, tree *Tree) ([]SwapThreshold, error) {
	return SmallestSwapsOffset(scores, tree, nil)
}

// SmallestSwapsOffset is SmallestSwaps with per-unit offsets added to the scores (bonus or penalty
// points, as MonteCarloOptions.Offsets): they enter the base ranking and d₀ but not the slope,
// since they do not depend on the weights. offsets may be nil; otherwise it needs one entry per
// unit.
func SmallestSwapsOffset(scores mat.Matrix, tree *Tree, offsets []float64) ([]SwapThreshold, error) {
	units, nInd, err := checkMatrix(scores, nil)
	if err != nil {
		return nil, err
	}
	if offsets != nil && len(offsets) != units {
		panic("statistics: SmallestSwapsOffset needs one offset per unit")
	}
	if err := checkFinite(offsets); err != nil {
		return nil, err
	}
	n, err := tree.Validate(1e-9)
	if err != nil {
		return nil, err
	}
	if n != nInd {
		panic("statistics: tree leaves do not match indicators")
	}
	type nodeInfo struct {
		node   *Tree
		path   string
		parent *Tree
		g      float64 // global weight of the parent
		v      []float64
	}
	var nodes []*nodeInfo
	var walk func(t *Tree, path string, parent *Tree, pg float64) []float64
	walk = func(t *Tree, path string, parent *Tree, pg float64) []float64 {
		v := make([]float64, units)
		if len(t.Children) == 0 {
			for u := range v {
				v[u] = scores.At(u, t.Indicator)
			}
		} else {
			myG := pg
			if parent != nil {
				myG *= t.Weight
			}
			for i, c := range t.Children {
				cv := walk(c, fmt.Sprintf("%s/%d", path, i), t, myG)
				for u := range v {
					v[u] += c.Weight * cv[u]
				}
			}
		}
		if parent != nil {
			nodes = append(nodes, &nodeInfo{node: t, path: path, parent: parent, g: pg, v: v})
		}
		return v
	}
	total := walk(tree, "root", nil, 1)
	for u, o := range offsets {
		total[u] += o
	}
	byNode := map[*Tree]*nodeInfo{}
	for _, ni := range nodes {
		byNode[ni.node] = ni
	}
	order := make([]int, units)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return total[order[a]] > total[order[b]] })
	var out []SwapThreshold
	for k := 0; k+1 < units; k++ {
		a, b := order[k], order[k+1]
		d0 := total[a] - total[b]
		best := SwapThreshold{Upper: a, Lower: b}
		for _, ni := range nodes {
			sib := ni.parent.Children
			l := ni.node.Weight
			if len(sib) < 2 || l >= 1 {
				continue
			}
			var r float64
			for _, s := range sib {
				if s != ni.node {
					sv := byNode[s].v
					r += s.Weight * (sv[a] - sv[b])
				}
			}
			slope := ni.g * ((ni.v[a] - ni.v[b]) - r/(1-l))
			if slope == 0 {
				continue
			}
			delta := -d0 / slope
			if l+delta < -1e-12 || l+delta > 1+1e-12 {
				continue
			}
			if !best.Found || math.Abs(delta) < math.Abs(best.Delta) {
				ind := -1
				if len(ni.node.Children) == 0 {
					ind = ni.node.Indicator
				}
				best = SwapThreshold{Upper: a, Lower: b, Found: true, Node: ni.path, Indicator: ind, Weight: l, Delta: delta, NewWeight: l + delta}
			}
		}
		out = append(out, best)
	}
	return out, nil
}
