package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"

	"evalbench/messages"
	"evalbench/statistics"
)

// Limits of the global sensitivity analysis.
const (
	// MaxSensitivitySamples bounds SensitivityConfig.Samples (base samples N).
	MaxSensitivitySamples = 20_000
	// MaxSensitivityResamples bounds the bootstrap resamples.
	MaxSensitivityResamples = 1000
	// MaxSensitivityEvaluations bounds N·(k + 2) · units, the work of one analysis and its memory
	// (every configuration's ranks are kept for the rank intervals, and the Sobol design holds
	// the outputs: about 16 bytes per unit and configuration, 320 MB at the bound).
	MaxSensitivityEvaluations = 20_000_000
)

// SensitivityConfig is a global (variance-based) sensitivity analysis over the choices that build
// the composite. Each factor with at least two levels (or, for the noise factors, a positive
// setting) enters the analysis; level 0 of every list factor should be the run's own choice, so
// that the run's ranking is one of the configurations the analysis explores.
type SensitivityConfig struct {
	// Samples N (default 512): the composite is computed N·(k + 2) times for k factors.
	Samples int `json:"samples"`
	// Seed (default: the Monte Carlo seed) of the Saltelli design and the bootstrap.
	Seed uint64 `json:"seed"`
	// Resamples of the bootstrap intervals (default 100; 0 is not allowed: use 1 for none).
	Resamples int `json:"resamples"`
	// Normalisation levels: "configured" (the run's scoring rules), "minmax", "zscore", "rank" —
	// the relative method applied to every indicator but the qualitative ones.
	Normalisation []string `json:"normalisation,omitempty"`
	// Scoring levels: "configured" or a scoring method (achievement, trajectory, distance, …)
	// applied to the indicators scored by achievement under the default rules (level and growth
	// targets); a normalisation level other than "configured" takes precedence.
	Scoring []string `json:"scoring,omitempty"`
	// Missing levels: exclude, zero, mean.
	Missing []string `json:"missing,omitempty"`
	// Aggregation levels: weighted-sum, geometric, topsis, vikor, promethee2, gra.
	Aggregation []string `json:"aggregation,omitempty"`
	// WeightSets are alternative weight sets (each with its judgments); the run's own set is
	// level 0 of the weight-set factor.
	WeightSets []RunWeights `json:"weight_sets,omitempty"`
	// WeightNoise > 0 adds a factor: the weights redrawn from Dirichlet(WeightNoise·w) around the
	// chosen set (the factor's value seeds the draw).
	WeightNoise float64 `json:"weight_noise,omitempty"`
	// JudgmentScales are levels of the judgment scale the AHP judgments are expressed on.
	JudgmentScales []string `json:"judgment_scales,omitempty"`
	// JudgmentSteps k > 0 adds a factor: every AHP judgment varied by ±k steps (the factor's
	// value seeds the draw).
	JudgmentSteps int `json:"judgment_steps,omitempty"`
}

// Sensitivity factor names, in the order they enter the analysis.
const (
	FactorNormalisation = "normalisation"
	FactorScoring       = "scoring"
	FactorMissing       = "missing"
	FactorAggregation   = "aggregation"
	FactorWeightSet     = "weight_set"
	FactorWeightNoise   = "weight_noise"
	FactorScale         = "judgment_scale"
	FactorJudgmentNoise = "judgment_noise"
)

// SensitivityResult is the outcome: Sobol indices of each factor for each unit's rank and for the
// ranking as a whole (the mean absolute rank shift from the run's ranking), and every unit's rank
// interval over all the configurations evaluated.
type SensitivityResult struct {
	Samples     int                 `json:"samples"`
	Seed        uint64              `json:"seed"`
	Resamples   int                 `json:"resamples"`
	Evaluations int                 `json:"evaluations"`
	Factors     []SensitivityFactor `json:"factors"`
	// Ranking: indices for the mean absolute rank shift, with its mean over the evaluations.
	Ranking   []FactorIndex     `json:"ranking"`
	MeanShift float64           `json:"mean_shift"`
	Units     []UnitSensitivity `json:"units"`
	// Failed counts evaluations whose configuration could not be computed (their ranking is the
	// run's, so they add no variance).
	Failed int `json:"failed,omitempty"`
}

// SensitivityFactor is one factor: its levels (empty for the noise factors) and the mean absolute
// rank shift of the evaluations at each level.
type SensitivityFactor struct {
	Name   string    `json:"name"`
	Levels []string  `json:"levels,omitempty"`
	Shift  []float64 `json:"shift,omitempty"`
	// Ranks are the rank intervals per choice: for each level, each unit's rank quantiles over
	// the evaluations at that level (units in SensitivityResult.Units order).
	Ranks []LevelRanks `json:"ranks,omitempty"`
}

// LevelRanks is each unit's 5 %, 50 % and 95 % rank (the smallest rank whose cumulative share
// reaches p) over the evaluations at one level of a factor.
type LevelRanks struct {
	Level string    `json:"level"`
	P5    []float64 `json:"p5"`
	P50   []float64 `json:"p50"`
	P95   []float64 `json:"p95"`
}

// FactorIndex is a factor's first-order (S) and total (ST) Sobol index with bootstrap 95 %
// intervals; nil where the output does not vary.
type FactorIndex struct {
	Factor  string   `json:"factor"`
	First   *float64 `json:"first"`
	FirstLo *float64 `json:"first_lo,omitempty"`
	FirstHi *float64 `json:"first_hi,omitempty"`
	Total   *float64 `json:"total"`
	TotalLo *float64 `json:"total_lo,omitempty"`
	TotalHi *float64 `json:"total_hi,omitempty"`
}

// UnitSensitivity is one unit's rank in the run, its rank interval over the evaluations (type-7
// quantiles of the mean-tie ranks) and the factors' indices for its rank.
type UnitSensitivity struct {
	Unit    string        `json:"unit"`
	Rank    float64       `json:"rank"`
	Min     float64       `json:"min"`
	P5      float64       `json:"p5"`
	P50     float64       `json:"p50"`
	P95     float64       `json:"p95"`
	Max     float64       `json:"max"`
	Indices []FactorIndex `json:"indices"`
}

func (c *SensitivityConfig) defaults(seed uint64) {
	if c.Samples == 0 {
		c.Samples = 512
	}
	if c.Seed == 0 {
		c.Seed = seed
	}
	if c.Resamples == 0 {
		c.Resamples = 100
	}
}

// checkMethods validates the aggregation, the judgment-level Monte Carlo and the sensitivity and
// diagnostics settings (RunConfig.Check).
func (c *RunConfig) checkMethods(add func(field string, id messages.ID, kv ...any)) {
	c.Aggregation.check(add)
	mc := c.MonteCarlo
	if mc.JudgmentSteps < 0 || mc.JudgmentSteps > MaxJudgmentSteps {
		add("monte_carlo.judgment_steps", messages.RunConfigJudgmentSteps, "max", MaxJudgmentSteps)
	}
	if mc.JudgmentScale != "" {
		if _, err := statistics.ParseJudgmentScale(mc.JudgmentScale); err != nil {
			add("monte_carlo.judgment_scale", messages.RunConfigJudgmentScale, "scale", mc.JudgmentScale)
		}
	}
	if d := c.Diagnostics; d != nil {
		d.check(add)
	}
	s := c.Sensitivity
	if s == nil {
		return
	}
	if s.Samples < 0 || s.Samples == 1 || s.Samples > MaxSensitivitySamples {
		add("sensitivity.samples", messages.RunConfigSensitivitySamples, "max", MaxSensitivitySamples)
	}
	if s.Seed > 1<<53 {
		add("sensitivity.seed", messages.RunConfigSensitivitySeed)
	}
	if s.Resamples < 0 || s.Resamples > MaxSensitivityResamples {
		add("sensitivity.resamples", messages.RunConfigSensitivityResamples, "max", MaxSensitivityResamples)
	}
	levels := func(field string, got []string, allowed ...string) {
		seen := map[string]bool{}
		for i, l := range got {
			if !slices.Contains(allowed, l) || seen[l] {
				add(fmt.Sprintf("sensitivity.%s[%d]", field, i), messages.RunConfigSensitivityLevels, "allowed", fmt.Sprint(allowed), "level", l)
			}
			seen[l] = true
		}
	}
	levels("normalisation", s.Normalisation, "configured", "minmax", "zscore", "rank")
	levels("scoring", s.Scoring, "configured", "achievement", "trajectory", "minmax", "zscore", "rank", "distance")
	levels("missing", s.Missing, "exclude", "zero", "mean")
	levels("aggregation", s.Aggregation, AggregationMethods...)
	var scales []string
	for _, sc := range s.JudgmentScales {
		if _, err := statistics.ParseJudgmentScale(sc); err == nil {
			scales = append(scales, sc)
		}
	}
	levels("judgment_scales", s.JudgmentScales, scales...)
	if !(s.WeightNoise >= 0) || math.IsInf(s.WeightNoise, 0) {
		add("sensitivity.weight_noise", messages.RunConfigSensitivityWeightNoise)
	}
	if s.JudgmentSteps < 0 || s.JudgmentSteps > MaxJudgmentSteps {
		add("sensitivity.judgment_steps", messages.RunConfigJudgmentSteps, "max", MaxJudgmentSteps)
	}
	for i, w := range s.WeightSets {
		if w.Set.Name == "" {
			add(fmt.Sprintf("sensitivity.weight_sets[%d].set.name", i), messages.RunConfigSensitivityWeightSetName)
		}
	}
}

// variantKey names a scores matrix: normalisation, scoring and missing-policy levels.
type variantKey struct{ norm, scoring, missing string }

// noisyKey names the weights of a set on a scale with judgments varied from a seed.
type noisyKey struct {
	set, scale int
	seed       uint64
}

// sensitivityModel evaluates the composite under one configuration of the factors.
type sensitivityModel struct {
	e        *engine
	idx      []int
	offsets  []float64
	cfg      SensitivityConfig
	factors  []SensitivityFactor
	matrices map[variantKey]*mat.Dense
	weights  map[[2]int][]float64 // (set, scale) → leaf weights; nil: not derivable
	noisy    map[noisyKey][]float64
	logs     map[*mat.Dense][]float64 // ln x (−Inf for 0), row-major, for the geometric mean
	order    []int
	noiseBuf []float64
	pick     map[string]string
	sets     []RunWeights
	base     []float64 // the run's ranks (mean ties)
	runScale string
}

// level reads factor f's level from u ∈ [0, 1).
func level(u float64, n int) int { return min(n-1, int(u*float64(n))) }

// seedOf turns a factor value into a seed.
func seedOf(u float64) uint64 { return uint64(u * (1 << 53)) }

// variant returns the filled units × leaves matrix under the scoring and missing levels.
func (m *sensitivityModel) variant(k variantKey) *mat.Dense {
	if x, ok := m.matrices[k]; ok {
		return x
	}
	e := m.e
	cfg := e.cfg
	cfg.Missing = k.missing
	cfg.Scoring = map[string]ScoringRule{}
	for code, r := range e.cfg.Scoring {
		cfg.Scoring[code] = r
	}
	for _, r := range e.refs {
		in := r.Node.Indicator
		def := DefaultRule(in)
		switch {
		case k.norm != "configured" && !(in.TargetKind == TargetQualitative && def.Method == "rubric"):
			cfg.Scoring[r.Node.Code] = ScoringRule{Method: k.norm}
		case k.scoring != "configured" && def.Method == "achievement" && in.TargetKind != TargetQualitative:
			cfg.Scoring[r.Node.Code] = ScoringRule{Method: k.scoring}
		}
	}
	scratch := &engine{in: e.in, cfg: cfg, f: e.f, year: e.year, units: e.units, refs: e.refs, obs: e.obs,
		res: &Result{Weights: e.res.Weights}, survey: e.survey, surveyResults: e.surveyResults,
		local: e.local, global: e.global, children: e.children}
	scratch.treat() // diagnostics.treat: the variant's relative rules score treated values too
	scratch.score()
	_ = scratch.compose() // the constraints hold: the components are the run's
	x := scratch.leafMatrixFor(m.idx)
	r, c := x.Dims()
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			if v := x.At(i, j); math.IsNaN(v) {
				x.Set(i, j, 0)
			} else {
				x.Set(i, j, math.Min(100, math.Max(0, v)))
			}
		}
	}
	m.matrices[k] = x
	return x
}

// leafMatrixFor is leafMatrix's matrix for the given units (those the run ranked).
func (e *engine) leafMatrixFor(idx []int) *mat.Dense {
	_, cols, _ := e.weightTree()
	x := mat.NewDense(len(idx), len(cols), nil)
	for r, i := range idx {
		row := e.filledRow(i)
		for c, col := range cols {
			x.Set(r, c, row[col])
		}
	}
	return x
}

// localWeights derives weight set s on judgment scale level sc (the judgments re-expressed on it,
// or varied by ±steps from seed when steps > 0).
func (m *sensitivityModel) localWeights(s int, scale string, steps int, seed uint64) (map[string][]float64, error) {
	rw := m.sets[s]
	js := rw.Judgments
	if isAHP(&rw.Set) && (scale != "saaty" || steps > 0) {
		rw.Set = ungated(rw.Set)
		sc, _ := statistics.ParseJudgmentScale(scale)
		js, _ = perturbJudgments(js, steps, sc, rand.New(rand.NewPCG(seed, 0x2f1e0d9c8b7a6954)))
	}
	local, ok, err := m.e.deriveLocal(&rw.Set, js)
	if err != nil || !ok {
		return nil, fmt.Errorf("weight set %q cannot be derived", rw.Set.Name)
	}
	return local, nil
}

// evaluate fills ranks (mean ties) with the ranking under factor values u; false when the
// configuration cannot be computed.
func (m *sensitivityModel) evaluate(ranks []float64, u []float64) bool {
	pick := m.pick
	pick[FactorNormalisation], pick[FactorScoring], pick[FactorMissing] = "configured", "configured", m.e.cfg.Missing
	pick[FactorAggregation], pick[FactorScale] = m.e.cfg.Aggregation.method(), m.runScale
	set, noise, jnoise := 0, -1.0, -1.0
	for f, fac := range m.factors {
		switch fac.Name {
		case FactorWeightSet:
			set = level(u[f], len(fac.Levels))
		case FactorWeightNoise:
			noise = u[f]
		case FactorJudgmentNoise:
			jnoise = u[f]
		default:
			pick[fac.Name] = fac.Levels[level(u[f], len(fac.Levels))]
		}
	}
	x := m.variant(variantKey{pick[FactorNormalisation], pick[FactorScoring], pick[FactorMissing]})
	scaleLevel := 0
	for f, fac := range m.factors {
		if fac.Name == FactorScale {
			scaleLevel = level(u[f], len(fac.Levels))
		}
	}
	var g []float64
	if jnoise >= 0 {
		// The A_B^(i) rows of the Saltelli design share the judgment-noise value of their A row
		// unless i is this factor: the weights are cached by (set, scale, seed).
		key := noisyKey{set, scaleLevel, seedOf(jnoise)}
		w, ok := m.noisy[key]
		if !ok {
			if local, err := m.localWeights(set, pick[FactorScale], m.cfg.JudgmentSteps, key.seed); err == nil {
				w = m.e.leafWeights(local)
			}
			m.noisy[key] = w
		}
		if w == nil {
			return false
		}
		g = w
	} else {
		key := [2]int{set, scaleLevel}
		w, ok := m.weights[key]
		if !ok {
			if local, err := m.localWeights(set, pick[FactorScale], 0, 0); err == nil {
				w = m.e.leafWeights(local)
			}
			m.weights[key] = w
		}
		if w == nil {
			return false
		}
		g = w
	}
	if noise >= 0 {
		g = statistics.DirichletAround(m.noiseBuf, rand.New(rand.NewPCG(seedOf(noise), 0x6c8e9cf570932bd5)), m.cfg.WeightNoise, g)
	}
	agg := AggregationConfig{Method: pick[FactorAggregation]}
	if agg.Method == m.e.cfg.Aggregation.method() {
		agg = m.e.cfg.Aggregation
	}
	var composite []float64
	switch agg.method() {
	case AggregateWeightedSum:
		composite = m.weightedSum(x, g)
	case AggregateGeometric:
		composite = m.geometric(x, g)
	default:
		ar, err := newAggregator(agg).aggregate(x, g)
		if err != nil {
			return false
		}
		composite = ar.composite
	}
	for r := range composite {
		composite[r] += m.offsets[r]
	}
	m.rank(ranks, composite)
	return true
}

// rank fills ranks with the descending ranks of s, ties sharing the mean of their ranks (as
// statistics.DescendingRanks, without allocating).
func (m *sensitivityModel) rank(ranks, s []float64) {
	order := m.order[:len(s)]
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case s[a] > s[b]:
			return -1
		case s[a] < s[b]:
			return 1
		}
		return 0
	})
	for k := 0; k < len(order); {
		l := k
		for l+1 < len(order) && s[order[l+1]] == s[order[k]] {
			l++
		}
		r := float64(k+l)/2 + 1
		for q := k; q <= l; q++ {
			ranks[order[q]] = r
		}
		k = l + 1
	}
}

// weightedSum is Σ_j g_j x_ij over the raw row-major data (statistics.WeightedArithmetic without
// the interface calls).
func (m *sensitivityModel) weightedSum(x *mat.Dense, g []float64) []float64 {
	raw := x.RawMatrix()
	out := make([]float64, raw.Rows)
	for i := range out {
		row := raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols]
		var s float64
		for j, v := range row {
			s += g[j] * v
		}
		out[i] = math.Min(100, math.Max(0, s))
	}
	return out
}

// geometric is exp(Σ_j g_j ln x_ij), 0 when a score with positive weight is 0, as
// statistics.WeightedGeometric, with the logarithms computed once per matrix.
func (m *sensitivityModel) geometric(x *mat.Dense, g []float64) []float64 {
	raw := x.RawMatrix()
	logs, ok := m.logs[x]
	if !ok {
		logs = make([]float64, raw.Rows*raw.Cols)
		for i := 0; i < raw.Rows; i++ {
			for j := 0; j < raw.Cols; j++ {
				logs[i*raw.Cols+j] = math.Log(raw.Data[i*raw.Stride+j])
			}
		}
		m.logs[x] = logs
	}
	out := make([]float64, raw.Rows)
	for i := range out {
		var l float64
		zero := false
		for j, w := range g {
			if w == 0 {
				continue
			}
			v := logs[i*raw.Cols+j]
			if math.IsInf(v, -1) {
				zero = true
				break
			}
			l += w * v
		}
		if !zero {
			out[i] = math.Min(100, math.Exp(l))
		}
	}
	return out
}

// sensitivity runs the global sensitivity analysis: Sobol first-order and total indices
// (statistics.Sobol: Saltelli 2010 design, Saltelli first-order and Jansen total estimators,
// bootstrap intervals) of every factor for each unit's rank and for the mean absolute rank shift
// from the run's ranking, with rank intervals over every evaluated configuration.
func (e *engine) sensitivity() error {
	if e.cfg.Sensitivity == nil {
		return nil
	}
	cfg := *e.cfg.Sensitivity
	cfg.defaults(e.cfg.MonteCarlo.Seed)
	var idx []int
	for i, u := range e.res.Units {
		if u.Composite != nil {
			idx = append(idx, i)
		}
	}
	if len(idx) < 2 {
		return nil
	}
	m := &sensitivityModel{e: e, idx: idx, cfg: cfg, matrices: map[variantKey]*mat.Dense{}, weights: map[[2]int][]float64{},
		noisy: map[noisyKey][]float64{}, logs: map[*mat.Dense][]float64{}, pick: map[string]string{}, runScale: "saaty"}
	m.offsets = make([]float64, len(idx))
	m.order = make([]int, len(idx))
	comp := make([]float64, len(idx))
	for r, i := range idx {
		m.offsets[r] = e.res.Units[i].Bonus - e.res.Units[i].Penalty
		comp[r] = *e.res.Units[i].Composite
	}
	m.base = statistics.DescendingRanks(nil, comp)
	m.sets = append([]RunWeights{e.in.Weights}, cfg.WeightSets...)
	add := func(name string, levels []string) {
		if len(levels) >= 2 {
			m.factors = append(m.factors, SensitivityFactor{Name: name, Levels: levels})
		}
	}
	add(FactorNormalisation, cfg.Normalisation)
	add(FactorScoring, cfg.Scoring)
	add(FactorMissing, cfg.Missing)
	add(FactorAggregation, cfg.Aggregation)
	var names []string
	for _, s := range m.sets {
		names = append(names, s.Set.Name)
	}
	if len(m.sets) >= 2 {
		add(FactorWeightSet, names)
	}
	if cfg.WeightNoise > 0 {
		m.factors = append(m.factors, SensitivityFactor{Name: FactorWeightNoise})
	}
	add(FactorScale, cfg.JudgmentScales)
	if cfg.JudgmentSteps > 0 {
		m.factors = append(m.factors, SensitivityFactor{Name: FactorJudgmentNoise})
	}
	k, n := len(m.factors), len(idx)
	if k == 0 {
		return Invalid("sensitivity", messages.RunConfigSensitivityNoFactor)
	}
	if cfg.Samples*(k+2)*n > MaxSensitivityEvaluations {
		return Invalid("sensitivity.samples", messages.RunConfigSensitivityTooLarge, "max", MaxSensitivityEvaluations)
	}
	res := &SensitivityResult{Samples: cfg.Samples, Seed: cfg.Seed, Resamples: cfg.Resamples}
	// Every evaluation's factor levels and ranks, for the rank intervals and per-level shifts.
	var allRanks [][]float64
	var allU [][]float64
	ranks := make([]float64, n)
	sob, err := statistics.Sobol(k, n+1, func(y, u []float64) {
		if !m.evaluate(ranks, u) {
			res.Failed++
			copy(ranks, m.base)
		}
		var shift float64
		for r := range ranks {
			y[r] = ranks[r]
			shift += math.Abs(ranks[r] - m.base[r])
		}
		y[n] = shift / float64(n)
		allRanks = append(allRanks, append([]float64(nil), ranks...))
		allU = append(allU, append([]float64(nil), u...))
	}, statistics.SobolOptions{N: cfg.Samples, Seed: cfg.Seed, Resamples: cfg.Resamples})
	if err != nil {
		return &messageError{m: messages.New(messages.SensitivityFailed, "error", errorMessage(err)), kind: err}
	}
	res.Evaluations = sob.Evaluations
	indices := func(o int) []FactorIndex {
		out := make([]FactorIndex, k)
		for f := range out {
			ix := sob.Indices[o][f]
			out[f] = FactorIndex{Factor: m.factors[f].Name, First: finitePtr(ix.First), Total: finitePtr(ix.Total)}
			if cfg.Resamples > 1 {
				out[f].FirstLo, out[f].FirstHi = finitePtr(ix.FirstLo), finitePtr(ix.FirstHi)
				out[f].TotalLo, out[f].TotalHi = finitePtr(ix.TotalLo), finitePtr(ix.TotalHi)
			}
		}
		return out
	}
	res.Ranking = indices(n)
	intervals := statistics.RankIntervals(allRanks)
	for r, i := range idx {
		iv := intervals[r]
		res.Units = append(res.Units, UnitSensitivity{Unit: e.units[i], Rank: m.base[r], Min: iv.Min, P5: iv.P5, P50: iv.P50, P95: iv.P95, Max: iv.Max, Indices: indices(r)})
	}
	shifts := make([]float64, len(allRanks))
	for s, rk := range allRanks {
		for r := range rk {
			shifts[s] += math.Abs(rk[r] - m.base[r])
		}
		shifts[s] /= float64(n)
		res.MeanShift += shifts[s]
	}
	res.MeanShift /= float64(len(allRanks))
	for f := range m.factors {
		fac := &m.factors[f]
		if len(fac.Levels) == 0 {
			continue
		}
		sum := make([]float64, len(fac.Levels))
		cnt := make([]float64, len(fac.Levels))
		for s, u := range allU {
			l := level(u[f], len(fac.Levels))
			sum[l] += shifts[s]
			cnt[l]++
		}
		fac.Shift = make([]float64, len(fac.Levels))
		for l := range sum {
			if cnt[l] > 0 {
				fac.Shift[l] = sum[l] / cnt[l]
			}
		}
		fac.Ranks = levelRanks(fac.Levels, n, allRanks, func(s int) int { return level(allU[s][f], len(fac.Levels)) })
	}
	res.Factors = m.factors
	e.res.Sensitivity = res
	return nil
}

// levelRanks counts, for each level, each unit's ranks (mean-tie ranks are multiples of 1/2, so
// 2n bins hold them exactly) over the evaluations at that level, and reads the quantiles.
func levelRanks(levels []string, n int, ranks [][]float64, levelOf func(s int) int) []LevelRanks {
	bins := 2 * n
	counts := make([]uint32, len(levels)*n*bins)
	total := make([]int, len(levels))
	for s, rk := range ranks {
		l := levelOf(s)
		total[l]++
		for u, r := range rk {
			counts[(l*n+u)*bins+int(2*r)-2]++
		}
	}
	out := make([]LevelRanks, len(levels))
	for l, name := range levels {
		lr := LevelRanks{Level: name, P5: make([]float64, n), P50: make([]float64, n), P95: make([]float64, n)}
		for u := 0; u < n; u++ {
			c := counts[(l*n+u)*bins : (l*n+u+1)*bins]
			q := func(p float64) float64 {
				need := int(math.Ceil(p * float64(total[l])))
				var acc int
				for b, k := range c {
					acc += int(k)
					if acc >= max(need, 1) {
						return float64(b+2) / 2
					}
				}
				return math.NaN()
			}
			if total[l] > 0 {
				lr.P5[u], lr.P50[u], lr.P95[u] = q(0.05), q(0.5), q(0.95)
			}
		}
		out[l] = lr
	}
	return out
}
