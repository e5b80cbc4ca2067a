package engine

import (
	"math"
	"strconv"
	"strings"

	"evalbench/messages"
	"evalbench/statistics"
)

// DefaultRule returns the scoring rule an indicator gets unless the run configures another: by
// target kind, achievement (level, growth_rate), prorata (cumulative), bands (upper and lower
// bounds) or rubric (qualitative); polarity target scores by distance. A qualitative indicator
// whose plan gives numeric yearly milestones is scored by achievement against them (a cell with a
// rubric label and no value still takes the rubric).
func DefaultRule(in *Indicator) ScoringRule {
	switch {
	case in.Polarity == PolarityTarget:
		return ScoringRule{Method: "distance"}
	case in.TargetKind == TargetCumulative:
		return ScoringRule{Method: "prorata"}
	case in.TargetKind == TargetUpperBound || in.TargetKind == TargetLowerBound:
		return ScoringRule{Method: "bands"}
	case in.TargetKind == TargetQualitative && in.HasNumericMilestones():
		return ScoringRule{Method: "achievement"}
	case in.TargetKind == TargetQualitative:
		return ScoringRule{Method: "rubric"}
	}
	return ScoringRule{Method: "achievement"}
}

// defaultBands are the pass/fail bands of bounds: within the bound 100, up to 5 % beyond 80, up to
// 10 % beyond 60, further 0.
var defaultBands = []ScoreBand{{UpTo: 1, Score: 100}, {UpTo: 1.05, Score: 80}, {UpTo: 1.10, Score: 60}}

func (e *engine) rule(n *Node) ScoringRule {
	r, ok := e.cfg.Scoring[n.Code]
	if !ok {
		r = DefaultRule(n.Indicator)
	}
	return r
}

func (r ScoringRule) limits() (floor, cap float64) {
	floor, cap = 0, 100
	if r.Floor != nil {
		floor = *r.Floor
	}
	if r.Cap != nil {
		cap = *r.Cap
	}
	return floor, cap
}

func (r ScoringRule) path() statistics.Path {
	if r.Path == "linear" {
		return statistics.Linear
	}
	return statistics.Compound
}

func polarity(p Polarity) statistics.Polarity {
	switch p {
	case PolarityLower:
		return statistics.Lower
	case PolarityTarget:
		return statistics.Target
	}
	return statistics.Higher
}

// StatedCaliber returns the caliber an observation's note states: the text after "口径:" (or
// "口径：", "caliber:") up to the next ";" or "；".
func StatedCaliber(note string) (string, bool) {
	for _, key := range []string{"口径:", "口径：", "caliber:", "Caliber:"} {
		if i := strings.Index(note, key); i >= 0 {
			rest := note[i+len(key):]
			if j := strings.IndexAny(rest, ";；"); j >= 0 {
				rest = rest[:j]
			}
			if rest = strings.TrimSpace(rest); rest != "" {
				return rest, true
			}
		}
	}
	return "", false
}

func formatValue(v obsValue) string {
	if v.value != nil {
		return formatFloat(*v.value)
	}
	return v.label
}

// scoreIndicator scores one indicator for every unit in the evaluated period.
func (e *engine) scoreIndicator(n *Node) ([]IndicatorCell, string) {
	in := n.Indicator
	r := e.rule(n)
	cells := make([]IndicatorCell, len(e.units))
	for i, u := range e.units {
		c := &cells[i]
		c.Unit = u
		if v, ok := e.value(n.Code, u, e.cfg.Period); ok {
			c.Value, c.Label, c.Dataset = v.value, v.label, v.dataset
			src := v.source
			c.Source = &src
			if in.Caliber != "" {
				if cal, ok := StatedCaliber(v.note); ok {
					c.Caliber = cal
				} else {
					e.warn(messages.WarningCaliberNotStated, n.Code, u, "period", string(e.cfg.Period), "value", formatValue(v), "caliber", in.Caliber)
				}
			}
		}
	}
	switch r.Method {
	case "minmax", "zscore", "rank", "distance":
		e.scoreRelative(n, r, cells)
	default:
		for i := range cells {
			e.scoreAbsolute(n, in, r, &cells[i])
		}
	}
	return cells, r.Method
}

func (e *engine) scoreAbsolute(n *Node, in *Indicator, r ScoringRule, c *IndicatorCell) {
	floor, cap := r.limits()
	if r.Method == "achievement" && in.TargetKind == TargetQualitative && c.Value == nil && c.Label != "" {
		// Milestones score the numbers; an assessment label is still read by the rubric.
		r = ScoringRule{Method: "rubric"}
	}
	if r.Method == "rubric" {
		if c.Label == "" {
			if c.Value != nil {
				c.Note = note(messages.ScoringNoteRubricLabelMissing)
			}
			return
		}
		table := map[string]float64{}
		for _, l := range in.Rubric {
			table[l.Label] = l.Score
		}
		s, err := statistics.Rubric(nil, []string{c.Label}, table)
		if err != nil {
			c.Note = errorNote(err)
			return
		}
		c.Score = ptr(s[0])
		return
	}
	if r.Method == "prorata" {
		e.scoreProRata(n, in, r, c)
		return
	}
	if c.Value == nil {
		return
	}
	v := *c.Value
	switch r.Method {
	case "achievement":
		target, basis, ok := e.expected(in, n.Code, c.Unit, e.year, r.path())
		if !ok {
			c.Note = &basis
			return
		}
		c.Target, c.TargetBasis = ptr(target), &basis
		e.achieve(in, v, target, floor, cap, c)
	case "trajectory":
		t, ok := e.trajectory(in, r.path())
		if !ok {
			c.Note = note(messages.ScoringNoteTrajectoryNeedsBaseline)
			return
		}
		c.Target, c.TargetBasis = ptr(t.Expected(e.year)), note(messages.BasisTrajectory, "path", pathName(r.path()))
		s, err := t.Progress(v, e.year, cap)
		if err != nil {
			c.Note = errorNote(err)
			return
		}
		// (actual − b)/(E − b) measures a falling path's progress the same way.
		c.Score = ptr(math.Max(floor, s))
	case "bands":
		bound, basis := e.bound(in)
		if bound == nil {
			c.Note = note(messages.ScoringNoteBoundNeedsTarget)
			return
		}
		c.Target, c.TargetBasis = bound, basis
		if *bound <= 0 {
			c.Note = note(messages.ScoringNoteBoundNotPositive)
			return
		}
		ratio := v / *bound
		bands := r.Bands
		if len(bands) == 0 {
			bands = defaultBands
		}
		score := 0.0
		if in.TargetKind == TargetLowerBound || in.Polarity == PolarityHigher && in.TargetKind != TargetUpperBound {
			// A floor: at or above it scores the first band; the bands mirror downwards.
			for _, b := range bands {
				if ratio >= 2-b.UpTo {
					score = b.Score
					break
				}
			}
			c.Ratio = ptr(ratio)
		} else {
			for _, b := range bands {
				if ratio <= b.UpTo {
					score = b.Score
					break
				}
			}
			c.Ratio = ptr(1 / ratio)
		}
		c.Score = ptr(score)
	case "threshold":
		table := make([]statistics.Threshold, len(r.Table))
		for k, t := range r.Table {
			table[k] = statistics.Threshold{Value: t.Value, Score: t.Score}
		}
		s, err := statistics.PiecewiseLinear(nil, []float64{v}, table)
		if err != nil {
			c.Note = errorNote(err)
			return
		}
		c.Score = ptr(s[0])
	}
}

// achieve scores actual against target: 100·actual/target (higher) or 100·target/actual
// (lower), clipped to [floor, cap].
func (e *engine) achieve(in *Indicator, actual, target, floor, cap float64, c *IndicatorCell) {
	pol := statistics.Higher
	if in.Polarity == PolarityLower {
		pol = statistics.Lower
	}
	if target <= 0 {
		c.Note = note(messages.ScoringNoteTargetNotPositive, "target", formatFloat(target))
		return
	}
	if actual < 0 {
		// A negative actual (a fall where growth was planned) achieves nothing.
		c.Ratio, c.Score = ptr(actual/target), ptr(floor)
		if pol == statistics.Lower {
			c.Note = note(messages.ScoringNoteNegativeLowerIsBetter)
			c.Ratio, c.Score = nil, nil
		}
		return
	}
	s, err := statistics.TargetAchievement(nil, []float64{actual}, target, pol, floor, cap)
	if err != nil {
		c.Note = errorNote(err)
		return
	}
	ratio := actual / target
	if pol == statistics.Lower {
		ratio = target / actual
	}
	c.Ratio, c.Score = ptr(ratio), ptr(s[0])
}

// pathName names a trajectory's path, as a message to nest in a basis.
func pathName(p statistics.Path) messages.Message {
	if p == statistics.Linear {
		return messages.New(messages.BasisPathLinear)
	}
	return messages.New(messages.BasisPathCompound)
}

// note is a catalogue message for a cell's note or basis.
func note(id messages.ID, kv ...any) *messages.Message {
	m := messages.New(id, kv...)
	return &m
}

// errorNote records an error of the statistics package as a cell's note, its reason a message of
// the catalogue (StatMessage: package statistics is pure and has no catalogue of its own).
func errorNote(err error) *messages.Message {
	return note(messages.ScoringNoteError, "error", errorMessage(err))
}

// trajectory is the plan path from the baseline to the final target (for a growth_rate
// indicator measured as a level, the final target is the rate and the path compounds it).
func (e *engine) trajectory(in *Indicator, path statistics.Path) (statistics.Trajectory, bool) {
	if in.Baseline == nil || in.FinalTarget == nil || e.f.PlanEnd <= in.Baseline.Year {
		return statistics.Trajectory{}, false
	}
	final := *in.FinalTarget
	if in.TargetKind == TargetGrowthRate && in.ValueKind != ValuePercent {
		final = in.Baseline.Value * math.Pow(1+final/100, float64(e.f.PlanEnd-in.Baseline.Year))
		path = statistics.Compound
	}
	if path == statistics.Compound && !(in.Baseline.Value > 0 && final > 0) {
		path = statistics.Linear
	}
	return statistics.Trajectory{BaseYear: in.Baseline.Year, Baseline: in.Baseline.Value, TargetYear: e.f.PlanEnd, Target: final, Path: path}, true
}

// isRate reports whether the indicator's values are themselves growth rates (a growth_rate
// target measured in percent).
func isRate(in *Indicator) bool {
	return in.TargetKind == TargetGrowthRate && in.ValueKind == ValuePercent
}

// expected returns what the plan expects of the indicator for unit in year, and how it was
// found: the year's annual target (a level; or a growth applied to the previous year's actual or
// the baseline), else the plan trajectory. When nothing applies it returns false and the reason.
func (e *engine) expected(in *Indicator, code, unit string, year int, path statistics.Path) (float64, messages.Message, bool) {
	if t := in.AnnualTarget(year); t != nil && t.Value != nil {
		switch {
		case t.Basis == BasisLevel:
			return *t.Value, messages.New(messages.BasisAnnualTarget, "year", year), true
		case isRate(in):
			return *t.Value, messages.New(messages.BasisAnnualGrowthTarget, "year", year), true
		default:
			if prev, basis, ok := e.actualOrBaseline(in, code, unit, year-1); ok {
				return prev * (1 + *t.Value/100), messages.New(messages.BasisAnnualGrowthOn, "year", year, "rate", formatFloat(*t.Value), "basis", basis), true
			}
		}
	}
	if isRate(in) {
		if in.FinalTarget != nil {
			return *in.FinalTarget, messages.New(messages.BasisPlanAverageGrowth), true
		}
		return 0, messages.New(messages.BasisNoGrowthTarget), false
	}
	t, ok := e.trajectory(in, path)
	if !ok {
		return 0, messages.New(messages.BasisNoTarget, "year", year), false
	}
	return t.Expected(year), messages.New(messages.BasisPlanTrajectory, "year", year, "path", pathName(t.Path)), true
}

// actualOrBaseline is the unit's value of a year: the observation, or the framework's baseline
// for the base year.
func (e *engine) actualOrBaseline(in *Indicator, code, unit string, year int) (float64, messages.Message, bool) {
	if v, ok := e.value(code, unit, Period(strconv.Itoa(year))); ok && v.value != nil {
		return *v.value, messages.New(messages.BasisActualOfYear, "year", year), true
	}
	if in.Baseline != nil && in.Baseline.Year == year {
		return in.Baseline.Value, messages.New(messages.BasisBaselineOfYear, "year", year), true
	}
	return 0, messages.Message{}, false
}

// bound is the upper or lower bound for the period: the annual target if the plan gives one, else
// the final target.
func (e *engine) bound(in *Indicator) (*float64, *messages.Message) {
	if t := in.AnnualTarget(e.year); t != nil && t.Value != nil && t.Basis == BasisLevel {
		return ptr(*t.Value), note(messages.BasisAnnualBound, "year", e.year)
	}
	if in.FinalTarget != nil {
		return ptr(*in.FinalTarget), note(messages.BasisFinalBound)
	}
	return nil, nil
}

// scoreProRata compares the cumulative actual since the plan began with the share of the
// cumulative target due by the period.
func (e *engine) scoreProRata(n *Node, in *Indicator, r ScoringRule, c *IndicatorCell) {
	floor, cap := r.limits()
	start := e.f.PlanStart
	var actual float64
	for y := start; y <= e.year; y++ {
		v, ok := e.value(n.Code, c.Unit, Period(strconv.Itoa(y)))
		if !ok || v.value == nil {
			if c.Value != nil {
				c.Note = note(messages.ScoringNoteCumulativeYearMissing, "start", start, "year", y)
			}
			return
		}
		actual += *v.value
	}
	var expected float64
	var basis *messages.Message
	allAnnual := true
	for y := start; y <= e.year; y++ {
		t := in.AnnualTarget(y)
		if t == nil || t.Value == nil || t.Basis != BasisLevel {
			allAnnual = false
			break
		}
		expected += *t.Value
	}
	switch {
	case allAnnual:
		basis = note(messages.BasisSumAnnualTargets, "start", start, "end", e.year)
	case in.FinalTarget != nil:
		share := float64(e.year-start+1) / float64(e.f.PlanEnd-start+1)
		expected = *in.FinalTarget * share
		basis = note(messages.BasisProRataShare, "elapsed", e.year-start+1, "total", e.f.PlanEnd-start+1, "target", formatFloat(*in.FinalTarget))
	default:
		c.Note = note(messages.ScoringNoteCumulativeNeedsTarget)
		return
	}
	c.Target, c.TargetBasis = ptr(expected), basis
	c.Note = note(messages.ScoringNoteCumulativeActual, "start", start, "end", e.year, "actual", formatFloat(actual))
	e.achieve(in, actual, expected, floor, cap, c)
}

// scoreRelative scores units against each other (min–max, z-score, rank, distance to target).
func (e *engine) scoreRelative(n *Node, r ScoringRule, cells []IndicatorCell) {
	var xs []float64
	var idx []int
	for i, c := range cells {
		if c.Value != nil {
			x := *c.Value
			if t, ok := e.treatedValue(n.Code, c.Unit); ok {
				x = t // the outlier treatment's value (treatment.go); the cell keeps the imported one
			}
			xs = append(xs, x)
			idx = append(idx, i)
		}
	}
	if len(xs) == 0 {
		return
	}
	in := n.Indicator
	pol := polarity(in.Polarity)
	var out []float64
	var err error
	switch r.Method {
	case "minmax":
		var g *statistics.Goalposts
		if r.Goalposts != nil {
			g = &statistics.Goalposts{Worst: r.Goalposts[0], Best: r.Goalposts[1]}
		}
		if pol == statistics.Target {
			pol = statistics.Higher
		}
		out, err = statistics.MinMax(nil, xs, pol, g)
	case "zscore":
		if pol == statistics.Target {
			pol = statistics.Higher
		}
		out, err = statistics.ZScore(nil, xs, pol)
	case "rank":
		if pol == statistics.Target {
			pol = statistics.Higher
		}
		out, err = statistics.RankScore(nil, xs, pol)
	case "distance":
		if in.FinalTarget == nil {
			for _, i := range idx {
				cells[i].Note = note(messages.ScoringNoteDistanceNeedsFinal)
			}
			e.warn(messages.WarningScoringFailed, n.Code, "", "method", r.Method, "error", messages.New(messages.ScoringNoteDistanceNeedsFinal))
			return
		}
		out, err = statistics.DistanceToTarget(nil, xs, *in.FinalTarget, r.Distance)
		for _, i := range idx {
			cells[i].Target, cells[i].TargetBasis = ptr(*in.FinalTarget), note(messages.BasisFinalTarget)
		}
	}
	if err != nil {
		for _, i := range idx {
			cells[i].Note = errorNote(err)
		}
		e.warn(messages.WarningScoringFailed, n.Code, "", "method", r.Method, "error", errorMessage(err))
		return
	}
	for k, i := range idx {
		cells[i].Score = ptr(out[k])
	}
}
