package engine

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"

	"evalbench/messages"
	"evalbench/statistics"
)

// grade assigns grade bands (plan lines 3482, 3492). Units are first placed on their base scores
// (before bonus and penalty points), best first, each in the best band whose minimum score it
// reaches and whose quota is not yet full (units tied with the last place admitted share it).
// Then bonus points may lift a unit into a better band: when its final score reaches that band's
// cut-off (its minimum score, or when the quota is full the lowest base score admitted) it joins
// the band as an extra place — "加分后如晋档的，不挤占综合考评已进入先进档次单位的名额", the
// quota of the units already there is not squeezed. Penalty points that drop a unit below its
// band's minimum move it down to the band its final score reaches.
func (e *engine) grade() {
	bands := e.cfg.Grades
	if len(bands) == 0 {
		return
	}
	var ranked []int
	for i, u := range e.res.Units {
		if u.Base != nil {
			ranked = append(ranked, i)
		}
	}
	n := len(ranked)
	sort.SliceStable(ranked, func(a, b int) bool {
		ua, ub := e.res.Units[ranked[a]], e.res.Units[ranked[b]]
		if *ua.Base != *ub.Base {
			return *ua.Base > *ub.Base
		}
		return ua.Code < ub.Code
	})
	quota := make([]int, len(bands))
	for b, g := range bands {
		quota[b] = -1
		if g.QuotaCount != nil {
			quota[b] = *g.QuotaCount
		}
		if g.Quota != nil {
			q := int(math.Floor(*g.Quota*float64(n) + 1e-9))
			if quota[b] < 0 || q < quota[b] {
				quota[b] = q
			}
		}
	}
	count := make([]int, len(bands))
	lowest := make([]float64, len(bands)) // lowest base score admitted to each band
	for b := range lowest {
		lowest[b] = math.Inf(1)
	}
	baseBand := map[int]int{}
	for _, i := range ranked {
		s := *e.res.Units[i].Base
		placed := len(bands) - 1
		for b, g := range bands {
			if s < g.MinScore-1e-9 {
				continue
			}
			full := quota[b] >= 0 && count[b] >= quota[b]
			tie := count[b] > 0 && math.Abs(s-lowest[b]) <= 1e-9
			if full && !tie {
				continue
			}
			placed = b
			break
		}
		baseBand[i] = placed
		count[placed]++
		lowest[placed] = math.Min(lowest[placed], s)
	}
	cutoff := make([]float64, len(bands))
	for b, g := range bands {
		cutoff[b] = g.MinScore
		if quota[b] >= 0 && count[b] >= quota[b] && count[b] > 0 {
			cutoff[b] = math.Max(cutoff[b], lowest[b])
		}
	}
	final := make([]int, len(bands))
	lifted := make([]int, len(bands))
	for _, i := range ranked {
		u := &e.res.Units[i]
		b := baseBand[i]
		u.BaseGrade = bands[b].Code
		f := *u.Composite
		switch {
		case u.Bonus-u.Penalty > 0:
			for k := 0; k < b; k++ {
				if f >= cutoff[k]-1e-9 {
					b = k
					u.LiftedByBonus = true
					lifted[k]++
					e.warn(messages.WarningLiftedByBonus, "", u.Code, "from", nameOr(bands[baseBand[i]].Name, bands[baseBand[i]].Code),
						"to", nameOr(bands[k].Name, bands[k].Code))
					break
				}
			}
		case u.Bonus-u.Penalty < 0:
			for b < len(bands)-1 && f < bands[b].MinScore-1e-9 {
				b++
			}
		}
		u.Grade = bands[b].Code
		final[b]++
	}
	for b, g := range bands {
		e.res.Grades = append(e.res.Grades, GradeCount{Code: g.Code, Name: g.Name, Count: final[b], Quota: quota[b], Lifted: lifted[b]})
	}
}

// monitor tracks every indicator with numeric targets against the plan, year by year up to the
// evaluated period, and projects the final year's value from the actuals so far.
func (e *engine) monitor() {
	cfg := e.cfg.Monitoring
	status := func(r float64) string {
		switch {
		case r >= cfg.OnTrack:
			return "on_track"
		case r >= cfg.AtRisk:
			return "at_risk"
		}
		return "off_track"
	}
	for _, ref := range e.refs {
		in := ref.Node.Indicator
		if in.TargetKind == TargetQualitative && !in.HasNumericMilestones() {
			continue
		}
		// A cumulative target follows the plan's own yearly split when it gives one for every
		// year so far; pro rata only when it does not.
		schedule := ""
		if in.TargetKind == TargetCumulative {
			schedule = "pro_rata"
			if cumulativeScheduled(in, e.f.PlanStart, e.year) {
				schedule = "annual_schedule"
			}
		}
		for _, u := range e.units {
			te := TrackEntry{Indicator: ref.Node.Code, Unit: u, Status: "no_data", Schedule: schedule}
			var xs, ys []float64
			if in.Baseline != nil && !isRate(in) && in.TargetKind != TargetCumulative {
				xs, ys = append(xs, float64(in.Baseline.Year)), append(ys, in.Baseline.Value)
			}
			cum, cumOK := 0.0, true
			for y := e.f.PlanStart; y <= e.year; y++ {
				ty := TrackYear{Year: y, Status: "no_data"}
				v, ok := e.value(ref.Node.Code, u, Period(strconv.Itoa(y)))
				var actual *float64
				if ok && v.value != nil {
					actual = v.value
				}
				var expected float64
				var basis *messages.Message
				var have bool
				switch in.TargetKind {
				case TargetCumulative:
					if actual != nil && cumOK {
						cum += *actual
						ty.Actual = ptr(cum)
					} else {
						cumOK = false
					}
					switch {
					case schedule == "annual_schedule":
						for k := e.f.PlanStart; k <= y; k++ {
							expected += *in.AnnualTarget(k).Value
						}
						basis, have = note(messages.MonitoringBasisSchedule, "start", e.f.PlanStart, "end", y), true
					case in.FinalTarget != nil:
						expected = *in.FinalTarget * float64(y-e.f.PlanStart+1) / float64(e.f.PlanEnd-e.f.PlanStart+1)
						basis, have = note(messages.MonitoringBasisProRata, "elapsed", y-e.f.PlanStart+1, "total", e.f.PlanEnd-e.f.PlanStart+1), true
					}
				case TargetUpperBound, TargetLowerBound:
					ty.Actual = actual
					saved := e.year
					e.year = y
					b, bb := e.bound(in)
					e.year = saved
					if b != nil {
						expected, basis, have = *b, bb, true
					}
				default:
					ty.Actual = actual
					var b messages.Message
					expected, b, have = e.expected(in, ref.Node.Code, u, y, statistics.Compound)
					basis = &b
				}
				if have {
					ty.Expected, ty.Basis = ptr(expected), basis
				}
				if have && ty.Actual != nil && expected != 0 {
					r := *ty.Actual / expected
					if in.Polarity == PolarityLower || in.TargetKind == TargetUpperBound {
						r = expected / *ty.Actual
					}
					if !math.IsInf(r, 0) && !math.IsNaN(r) {
						ty.Ratio = ptr(r)
						ty.Status = status(r)
						te.Status = ty.Status
					}
				}
				if actual != nil && in.TargetKind != TargetCumulative {
					xs, ys = append(xs, float64(y)), append(ys, *actual)
				}
				te.Years = append(te.Years, ty)
			}
			final := e.finalTarget(in)
			te.FinalTarget = final
			switch {
			case schedule == "annual_schedule" && cumOK && cum != 0 && final != nil:
				// The pace against the plan's own schedule so far, applied to the total: a
				// back-loaded schedule (30+20+90+60) is not read as a shortfall.
				due := 0.0
				for k := e.f.PlanStart; k <= e.year; k++ {
					due += *in.AnnualTarget(k).Value
				}
				if due > 0 {
					te.ProjectedLinear = ptr(cum / due * *final)
					te.ProjectionMethod = note(messages.ProjectionMethodSchedulePace, "start", e.f.PlanStart, "end", e.year)
					te.ProjectionCaveat = projectionCaveat(e.year-e.f.PlanStart+1, messages.ProjectionCountYears)
				}
			case in.TargetKind == TargetCumulative && cumOK && cum != 0:
				n := e.year - e.f.PlanStart + 1
				te.ProjectedLinear = ptr(cum / float64(n) * float64(e.f.PlanEnd-e.f.PlanStart+1))
				te.ProjectionMethod = note(messages.ProjectionMethodYearlyAverage, "start", e.f.PlanStart, "end", e.year, "final", e.f.PlanEnd)
				te.ProjectionCaveat = note(messages.ProjectionCaveatUneven, "caveat", *projectionCaveat(n, messages.ProjectionCountYears))
			case isRate(in) && len(ys) > 0:
				te.ProjectedLinear = ptr(statistics.Mean(ys))
				te.ProjectionMethod = note(messages.ProjectionMethodMeanRate)
				te.ProjectionCaveat = projectionCaveat(len(ys), messages.ProjectionCountRates)
			case len(xs) >= 2:
				te.ProjectedLinear = projectLinear(xs, ys, float64(e.f.PlanEnd))
				te.ProjectedCompound = projectCompound(xs, ys, float64(e.f.PlanEnd))
				te.ProjectionMethod = note(messages.ProjectionMethodTrend, "years", yearsList(xs))
				te.ProjectionCaveat = projectionCaveat(len(xs), messages.ProjectionCountPoints)
			}
			if final != nil && te.ProjectedLinear != nil && *final != 0 && *te.ProjectedLinear != 0 {
				p := *te.ProjectedLinear
				if te.ProjectedCompound != nil {
					p = *te.ProjectedCompound
				}
				r := p / *final
				if in.Polarity == PolarityLower || in.TargetKind == TargetUpperBound {
					r = *final / p
				}
				te.ProjectedRatio = ptr(r)
			}
			switch {
			case te.Status == "off_track":
				te.Warning = note(messages.MonitoringWarningOffTrackLatest)
			case te.Status == "at_risk":
				te.Warning = note(messages.MonitoringWarningAtRiskLatest)
			case te.ProjectedRatio != nil && *te.ProjectedRatio < cfg.OnTrack:
				te.Warning = note(messages.MonitoringWarningProjectedShort, "percent", fmt.Sprintf("%.1f", 100**te.ProjectedRatio), "year", e.f.PlanEnd)
			}
			if te.Status == "no_data" && te.ProjectedLinear == nil {
				continue
			}
			e.res.Monitoring = append(e.res.Monitoring, te)
		}
	}
}

// cumulativeScheduled reports whether the plan states a level annual target for every year from
// start to year (the plan's own yearly split of a cumulative total).
func cumulativeScheduled(in *Indicator, start, year int) bool {
	for y := start; y <= year; y++ {
		if t := in.AnnualTarget(y); t == nil || t.Value == nil || t.Basis != BasisLevel {
			return false
		}
	}
	return true
}

// projectionCaveat says how little a projection rests on: n years, rates or points (what is the
// message that counts them).
func projectionCaveat(n int, what messages.ID) *messages.Message {
	count := messages.New(what, "n", n)
	if n <= 2 {
		return note(messages.ProjectionCaveatFew, "count", count)
	}
	return note(messages.ProjectionCaveatMany, "count", count)
}

// yearsList lists the years of a projection, joined in the reader's language.
func yearsList(xs []float64) []string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(int(x))
	}
	return parts
}

// finalTarget is the final-year value the plan aims at (for a growth rate on a level, the
// baseline compounded).
func (e *engine) finalTarget(in *Indicator) *float64 {
	if in.FinalTarget == nil {
		return nil
	}
	if in.TargetKind == TargetGrowthRate && !isRate(in) {
		if in.Baseline == nil {
			return nil
		}
		return ptr(in.Baseline.Value * math.Pow(1+*in.FinalTarget/100, float64(e.f.PlanEnd-in.Baseline.Year)))
	}
	return ptr(*in.FinalTarget)
}

// projectLinear extrapolates the least-squares line through (x, y) to at.
func projectLinear(x, y []float64, at float64) *float64 {
	mx, my := statistics.Mean(x), statistics.Mean(y)
	var sxy, sxx float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
	}
	if sxx == 0 {
		return nil
	}
	return finitePtr(my + sxy/sxx*(at-mx))
}

// projectCompound extrapolates the least-squares line through (x, ln y) — constant growth — to
// at; it needs positive values.
func projectCompound(x, y []float64, at float64) *float64 {
	ly := make([]float64, len(y))
	for i, v := range y {
		if v <= 0 {
			return nil
		}
		ly[i] = math.Log(v)
	}
	p := projectLinear(x, ly, at)
	if p == nil {
		return nil
	}
	return finitePtr(math.Exp(*p))
}

// checkConstraints checks each constraint's nominal share, refusing the run when one is not met,
// and reports the units whose effective share fell below it.
func (e *engine) checkConstraints() error {
	v := validation(messages.RunConstraintsViolated)
	for _, k := range e.cfg.Constraints {
		nominal, perUnit, err := e.share(k.Source)
		if err != nil {
			v.Add(problem("constraints", k.Source, messages.RunConstraintSource, "error", reason(err)))
			continue
		}
		cc := ConstraintCheck{Constraint: k, Share: nominal, Met: nominal >= k.Min-1e-9}
		if !cc.Met {
			label := k.Label
			if label == "" {
				label = k.Source
			}
			v.Add(problem("constraints", k.Source, messages.RunConstraintShare, "label", label, "share", fmt.Sprintf("%.4f", nominal), "min", fmt.Sprintf("%.4f", k.Min)))
		}
		for i, s := range perUnit {
			if s < k.Min-1e-9 {
				cc.UnitsBelow = append(cc.UnitsBelow, UnitShare{Unit: e.units[i], Share: s})
				e.warn(messages.WarningConstraintUnit, "", e.units[i], "source", nameOr(k.Label, k.Source), "share", fmt.Sprintf("%.4f", s),
					"nominal", fmt.Sprintf("%.4f", nominal), "min", fmt.Sprintf("%.4f", k.Min))
			}
		}
		e.res.Constraints = append(e.res.Constraints, cc)
	}
	return v.Err()
}

// share returns the nominal share of a constraint source in the composite, and each unit's
// effective share.
func (e *engine) share(source string) (float64, []float64, error) {
	comp, group, _ := strings.Cut(source, "/")
	var total float64
	for _, c := range e.cfg.Components {
		total += c.Weight
	}
	k := -1
	for i, c := range e.cfg.Components {
		if "component:"+c.Code == comp || (strings.HasPrefix(comp, "survey:") && c.Source == comp) {
			k = i
		}
	}
	if k < 0 {
		return 0, nil, &messageError{m: messages.New(messages.ConstraintNoComponent, "source", comp)}
	}
	nominal := e.cfg.Components[k].Weight / total
	perUnit := make([]float64, len(e.units))
	for i, u := range e.res.Units {
		perUnit[i] = u.Components[k].EffectiveWeight
	}
	if group == "" {
		return nominal, perUnit, nil
	}
	g, ok := strings.CutPrefix(group, "group:")
	if !ok || !strings.HasPrefix(e.cfg.Components[k].Source, "survey:") {
		return 0, nil, &messageError{m: messages.New(messages.ConstraintGroupNeedsSurvey)}
	}
	gn, gu, err := e.groupShare(e.cfg.Components[k].Source[7:], g)
	if err != nil {
		return 0, nil, err
	}
	for i := range perUnit {
		perUnit[i] *= gu[i]
	}
	return nominal * gn, perUnit, nil
}

// uncertainty propagates weight uncertainty with Monte Carlo and finds, for neighbours in the
// ranking, the smallest single-weight change that swaps them.
func (e *engine) uncertainty() error {
	mc := e.cfg.MonteCarlo
	var idx []int
	for i, u := range e.res.Units {
		if u.Base != nil {
			idx = append(idx, i)
		}
	}
	if mc.Off || len(idx) < 2 {
		return nil
	}
	if e.cfg.Aggregation.method() != AggregateWeightedSum || mc.JudgmentSteps > 0 || mc.JudgmentScale != "" {
		return e.ensembleUncertainty(idx)
	}
	tree, cols, paths := e.weightTree()
	x := mat.NewDense(len(idx), len(cols), nil)
	offsets := make([]float64, len(idx))
	for r, i := range idx {
		row := e.filledRow(i)
		for c, col := range cols {
			x.Set(r, c, row[col])
		}
		offsets[r] = e.res.Units[i].Bonus - e.res.Units[i].Penalty
	}
	var thresholds []float64
	for b := len(e.cfg.Grades) - 2; b >= 0; b-- {
		thresholds = append(thresholds, e.cfg.Grades[b].MinScore)
	}
	for k := 1; k < len(thresholds); k++ {
		if thresholds[k] <= thresholds[k-1] {
			thresholds = nil // equal minimum scores: bands are not separable by score
			break
		}
	}
	opts := statistics.MonteCarloOptions{Samples: mc.Samples, Seed: mc.Seed, Bands: thresholds, Offsets: offsets,
		Perturbation: statistics.Perturbation{Kind: statistics.Dirichlet, Concentration: mc.Concentration}}
	if mc.Perturbation == "uniform" {
		opts.Perturbation = statistics.Perturbation{Kind: statistics.Uniform, Fraction: mc.Fraction}
	}
	r, err := statistics.MonteCarlo(x, tree, opts)
	if err != nil {
		return fmt.Errorf("monte carlo: %w", err)
	}
	sum := &UncertaintySummary{Samples: r.Samples, Seed: mc.Seed, Perturbation: mc.Perturbation}
	if mc.Perturbation == "uniform" {
		sum.Fraction = mc.Fraction
	} else {
		sum.Concentration = mc.Concentration
	}
	for k, i := range idx {
		uu := r.Units[k]
		out := &UnitUncertainty{Mean: uu.Mean, P5: uu.P5, P50: uu.P50, P95: uu.P95, MedianRank: uu.MedianRank, RankP5: uu.RankP5, RankP95: uu.RankP95}
		// Band b counts from the worst grade up; report the best grade first.
		for b := len(uu.BandProbability) - 1; b >= 0; b-- {
			out.GradeProbability = append(out.GradeProbability, GradeProbability{Grade: e.cfg.Grades[len(e.cfg.Grades)-1-b].Code, P: uu.BandProbability[b]})
		}
		e.res.Units[i].Uncertainty = out
	}
	swaps, err := statistics.SmallestSwaps(x, tree)
	if err != nil {
		return fmt.Errorf("sensitivity: %w", err)
	}
	byPair := map[[2]int]statistics.SwapThreshold{}
	for _, s := range swaps {
		byPair[[2]int{s.Upper, s.Lower}] = s
	}
	for _, s := range r.Swaps {
		ns := NeighbourSwap{Upper: e.units[idx[s.Upper]], Lower: e.units[idx[s.Lower]], Probability: s.P}
		if t, ok := byPair[[2]int{s.Upper, s.Lower}]; ok && t.Found {
			ns.Node = paths[t.Node]
			ns.Weight, ns.NewWeight = ptr(t.Weight), ptr(t.NewWeight)
		}
		sum.Swaps = append(sum.Swaps, ns)
	}
	e.res.Uncertainty = sum
	return nil
}

// weightTree builds the statistics tree of the whole composite: components at the top, the
// indicator framework (dimensions, groups, indicators) under "indicators", surveys as leaves.
// It returns the columns each leaf reads (indicator j, or len(refs)+k for survey component k)
// and the names of tree paths ("root/0/2" → node code).
func (e *engine) weightTree() (*statistics.Tree, []int, map[string]string) {
	var cols []int
	paths := map[string]string{}
	leaf := map[string]int{}
	for j, r := range e.refs {
		leaf[r.Node.Code] = j
	}
	var build func(code, path string, w float64) *statistics.Tree
	build = func(code, path string, w float64) *statistics.Tree {
		t := &statistics.Tree{Name: code, Weight: w}
		paths[path] = code
		if j, ok := leaf[code]; ok {
			t.Indicator = len(cols)
			cols = append(cols, j)
			return t
		}
		for k, c := range e.children[code] {
			t.Children = append(t.Children, build(c, path+"/"+strconv.Itoa(k), e.local[code][k]))
		}
		return t
	}
	var total float64
	for _, c := range e.cfg.Components {
		total += c.Weight
	}
	root := &statistics.Tree{Name: "composite", Weight: 1}
	paths["root"] = "composite"
	for k, c := range e.cfg.Components {
		path := "root/" + strconv.Itoa(k)
		if c.Source == "indicators" {
			t := build(RootNode, path, c.Weight/total)
			t.Name = c.Code
			paths[path] = c.Code
			root.Children = append(root.Children, t)
			continue
		}
		paths[path] = c.Code
		root.Children = append(root.Children, &statistics.Tree{Name: c.Code, Weight: c.Weight / total, Indicator: len(cols)})
		cols = append(cols, len(e.refs)+k)
	}
	return root, cols, paths
}

// filledRow returns unit i's leaf scores (indicators, then components) with every missing score
// replaced by its parent's renormalised score, which leaves the composite unchanged: the Monte
// Carlo analysis then perturbs the weights of the scores the unit has.
func (e *engine) filledRow(i int) []float64 {
	leaf := map[string]int{}
	for j, r := range e.refs {
		leaf[r.Node.Code] = j
	}
	row := make([]float64, len(e.refs)+len(e.cfg.Components))
	copy(row, e.scores[i])
	var fill func(code string, parent float64)
	fill = func(code string, parent float64) {
		if j, ok := leaf[code]; ok {
			if math.IsNaN(row[j]) {
				row[j] = parent
			}
			return
		}
		s := e.nodeScore(i, code, leaf)
		if math.IsNaN(s) {
			s = parent
		}
		for _, c := range e.children[code] {
			fill(c, s)
		}
	}
	base := e.base[i]
	for k, c := range e.cfg.Components {
		if c.Source == "indicators" {
			fill(RootNode, base)
			row[len(e.refs)+k] = math.NaN()
			continue
		}
		s := e.survey[c.Source[7:]][i]
		if math.IsNaN(s) {
			s = base
		}
		row[len(e.refs)+k] = s
	}
	return row
}
