package engine

import (
	"evalbench/messages"
	"fmt"
	"math"
	"sort"
	"strings"
)

// Compute runs an evaluation on self-contained inputs. It is pure and deterministic: the same
// inputs give a byte-identical result (after Canonical) whatever the machine, time zone, locale
// or GOMAXPROCS. The server and the offline verifier (evalbench verify) both call it.
func Compute(in *RunInputs) (*Result, error) {
	cfg := in.Config
	cfg.Defaults(in.Commission.EvaluatedPeriod)
	surveyCodes := make([]string, len(in.Surveys))
	for i, s := range in.Surveys {
		surveyCodes[i] = s.Survey.Code
	}
	if in.Framework == nil {
		return nil, Invalid("framework", messages.RunNeedsFramework)
	}
	if err := cfg.Check(in.Framework, surveyCodes); err != nil {
		return nil, err
	}
	if len(in.Units) == 0 {
		return nil, Invalid("units", messages.RunNeedsUnits)
	}
	e := &engine{in: in, cfg: cfg, f: in.Framework, year: cfg.Period.Year()}
	e.units = make([]string, len(in.Units))
	for i, u := range in.Units {
		e.units[i] = u.Code
	}
	e.refs = in.Framework.Indicators()
	res := &Result{Engine: BuildVersion, Period: cfg.Period, Synthetic: in.Commission.Synthetic}
	e.res = res
	e.index()
	if err := e.screenUnits(); err != nil {
		return nil, err
	}
	wr, err := e.weights()
	if err != nil {
		return nil, err
	}
	res.Weights = wr
	if !wr.Complete {
		return nil, &ValidationError{Summary: english(messages.New(messages.RunWeightSetUnusable)), SummaryID: string(messages.RunWeightSetUnusable),
			Total: len(wr.Problems), Problems: problemsOf("weights", wr.Problems)}
	}
	e.treat()
	e.score()
	if err := e.surveys(); err != nil {
		return nil, err
	}
	if err := e.compose(); err != nil {
		return nil, err
	}
	if err := e.reaggregate(); err != nil {
		return nil, err
	}
	e.diagnose()
	e.rank()
	e.grade()
	e.monitor()
	e.assessments()
	e.benchmarks()
	e.panel()
	if err := e.uncertainty(); err != nil {
		return nil, err
	}
	if err := e.sensitivity(); err != nil {
		return nil, err
	}
	sort.SliceStable(res.Warnings, func(i, j int) bool {
		a, b := res.Warnings[i], res.Warnings[j]
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		if a.Indicator != b.Indicator {
			return a.Indicator < b.Indicator
		}
		return a.Unit < b.Unit
	})
	return res, nil
}

// problemsOf lists messages as problems of field, each with its message id and arguments beside
// its English text.
func problemsOf(field string, msgs []messages.Message) []Problem {
	out := make([]Problem, len(msgs))
	for i, m := range msgs {
		out[i] = Problem{Field: field, Message: english(m), MessageID: string(m.ID), Args: m.Args}
	}
	return out
}

type obsKey struct {
	indicator, unit string
	period          Period
}

type obsValue struct {
	value   *float64
	label   string
	dataset int
	source  Source
	note    string
}

// engine holds a run's working state.
type engine struct {
	in    *RunInputs
	cfg   RunConfig
	f     *Framework
	year  int
	units []string
	refs  []IndicatorRef
	obs   map[obsKey]obsValue
	res   *Result

	scores        [][]float64 // units × indicators, NaN missing
	survey        map[string][]float64
	surveyResults map[string]*SurveyResult
	local         map[string][]float64 // node → local weights
	global        []float64
	children      map[string][]string
	base          []float64          // composite before bonus, NaN missing
	availability  []UnitAvailability // every unit's data availability, when screened (diagnostics.screen_units)

	treated     map[string]map[string]float64 // indicator → unit → treated value (diagnostics.treat)
	outlierRecs []IndicatorOutliers           // the treatment's record, when applied
}

// warn records a warning: its code is the id's last part (id warning.<code>), its message the id
// with name/value arguments, rendered later in the reader's language.
func (e *engine) warn(id messages.ID, indicator, unit string, kv ...any) {
	code := strings.TrimPrefix(string(id), "warning.")
	e.res.Warnings = append(e.res.Warnings, Warning{Code: code, Indicator: indicator, Unit: unit, Message: messages.New(id, kv...)})
}

// nameOr is a configured name, or the code when the configuration gives none.
func nameOr(name, code string) string {
	if name != "" {
		return name
	}
	return code
}

// index merges the datasets: for each indicator × unit × period the first dataset (in priority
// order) that has a value wins; a later dataset that disagrees is reported.
func (e *engine) index() {
	e.obs = map[obsKey]obsValue{}
	type conflict struct{ a, b obsValue }
	conflicts := map[obsKey]conflict{}
	for _, d := range e.in.Datasets {
		for _, o := range d.Observations {
			k := obsKey{o.Indicator, o.Unit, o.Period}
			if o.Value == nil && o.Label == "" {
				continue
			}
			v := obsValue{value: o.Value, label: o.Label, dataset: d.Number, source: o.Source, note: o.Note}
			prev, ok := e.obs[k]
			if !ok {
				e.obs[k] = v
				continue
			}
			same := prev.label == v.label && (prev.value == nil) == (v.value == nil) && (prev.value == nil || *prev.value == *v.value)
			if !same {
				if _, seen := conflicts[k]; !seen {
					conflicts[k] = conflict{prev, v}
				}
			}
		}
	}
	keys := make([]obsKey, 0, len(conflicts))
	for k := range conflicts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.indicator != b.indicator {
			return a.indicator < b.indicator
		}
		if a.unit != b.unit {
			return a.unit < b.unit
		}
		return a.period < b.period
	})
	for _, k := range keys {
		c := conflicts[k]
		e.warn(messages.WarningSourcesDisagree, k.indicator, k.unit, "period", string(k.period), "dataset", c.a.dataset,
			"value", describeValue(c.a), "other_dataset", c.b.dataset, "other_value", describeValue(c.b))
	}
}

func describeValue(v obsValue) string {
	if v.label != "" {
		return v.label
	}
	if v.value == nil {
		return "no value"
	}
	return formatFloat(*v.value)
}

func formatFloat(x float64) string {
	s := fmt.Sprintf("%.6f", x)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

func (e *engine) value(indicator, unit string, p Period) (obsValue, bool) {
	v, ok := e.obs[obsKey{indicator, unit, p}]
	return v, ok && (v.value != nil || v.label != "")
}

// weights derives the weight set on the framework, with the evaluated period's data for the
// objective methods.
func (e *engine) weights() (*WeightResult, error) {
	ws := e.in.Weights.Set
	var data *ObjectiveData
	if ws.Method == WeightEntropy || ws.Method == WeightCRITIC || ws.Method == WeightCombined {
		data = &ObjectiveData{Units: e.units}
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
	}
	wr, err := DeriveWeights(e.f, &ws, e.in.Weights.Judgments, data)
	if err != nil {
		return nil, err
	}
	if !wr.Complete {
		return wr, nil
	}
	e.local = map[string][]float64{}
	e.children = map[string][]string{}
	for _, n := range wr.Nodes {
		e.local[n.Node] = n.Weights
		e.children[n.Node] = n.Children
	}
	e.global = make([]float64, len(wr.Global))
	for i, g := range wr.Global {
		e.global[i] = g.Weight
	}
	return wr, nil
}

func ptr(x float64) *float64 { return &x }

func finitePtr(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// score fills the units × indicators score matrix and the indicator results.
func (e *engine) score() {
	n, m := len(e.units), len(e.refs)
	e.scores = make([][]float64, n)
	for i := range e.scores {
		e.scores[i] = make([]float64, m)
	}
	cov := &e.res.Coverage
	for j, r := range e.refs {
		ir := IndicatorResult{Code: r.Node.Code, Name: r.Node.Name, Dimension: r.Dimension, Weight: e.global[j]}
		cells, method := e.scoreIndicator(r.Node)
		ir.Method = method
		for i, c := range cells {
			cov.Expected++
			if c.Value != nil || c.Label != "" {
				cov.Present++
			} else {
				cov.Missing = append(cov.Missing, MissingValue{Indicator: r.Node.Code, Unit: e.units[i], Period: e.cfg.Period})
			}
			s := math.NaN()
			if c.Score != nil {
				s = *c.Score
			}
			e.scores[i][j] = s
		}
		ir.Cells = cells
		e.res.Indicators = append(e.res.Indicators, ir)
		scored := len(cells) > 0
		for _, c := range cells {
			if c.Score == nil {
				scored = false
			}
		}
		e.coverDimension(r.Dimension, e.global[j], scored)
	}
	cov.Threshold = e.cfg.CoverageThreshold
	cov.Provisional = cov.Weight < cov.Threshold-1e-9
	e.imputeMissing()
}

// coverDimension counts one indicator of dimension d, of global weight w, in the coverage.
func (e *engine) coverDimension(d Dimension, w float64, scored bool) {
	cov := &e.res.Coverage
	var dc *DimensionCoverage
	for i := range cov.Dimensions {
		if cov.Dimensions[i].Dimension == d {
			dc = &cov.Dimensions[i]
		}
	}
	if dc == nil {
		cov.Dimensions = append(cov.Dimensions, DimensionCoverage{Dimension: d})
		dc = &cov.Dimensions[len(cov.Dimensions)-1]
	}
	cov.Indicators++
	dc.Indicators++
	dc.Weight += w
	if scored {
		cov.Scored++
		cov.Weight += w
		dc.Scored++
		dc.ScoredWeight += w
	}
}

// imputeMissing applies the missing-data policy to scores that could not be computed.
func (e *engine) imputeMissing() {
	if e.cfg.Missing == "exclude" {
		for j, ir := range e.res.Indicators {
			for i := range e.units {
				if math.IsNaN(e.scores[i][j]) {
					e.warn(messages.WarningMissingExcluded, ir.Code, e.units[i], "period", string(e.cfg.Period))
				}
			}
		}
		return
	}
	for j := range e.refs {
		var sum float64
		var k int
		for i := range e.units {
			if !math.IsNaN(e.scores[i][j]) {
				sum += e.scores[i][j]
				k++
			}
		}
		for i := range e.units {
			if !math.IsNaN(e.scores[i][j]) {
				continue
			}
			cell := &e.res.Indicators[j].Cells[i]
			switch {
			case e.cfg.Missing == "zero": // scoring.imputed.zero
				e.scores[i][j] = 0
				cell.Score, cell.Imputed = ptr(0), "zero"
			case k > 0: // scoring.imputed.mean
				e.scores[i][j] = sum / float64(k)
				cell.Score, cell.Imputed = ptr(sum/float64(k)), "mean"
			default:
				// The code stays missing_excluded (what happened); the message says why.
				e.res.Warnings = append(e.res.Warnings, Warning{Code: "missing_excluded", Indicator: e.refs[j].Node.Code, Unit: e.units[i],
					Message: messages.New(messages.WarningMissingExcludedAll)})
				continue
			}
			e.warn(messages.WarningMissingImputed, e.refs[j].Node.Code, e.units[i], "period", string(e.cfg.Period),
				"imputed", messages.New(messages.ID("scoring.imputed."+cell.Imputed)))
		}
	}
}

// nodeScore is the weighted mean of the children's scores of a node for unit i, renormalised
// over the children that have a score; NaN when none has.
func (e *engine) nodeScore(i int, code string, leaf map[string]int) float64 {
	if j, ok := leaf[code]; ok {
		return e.scores[i][j]
	}
	var num, den float64
	lo, hi := math.Inf(1), math.Inf(-1)
	for k, c := range e.children[code] {
		s := e.nodeScore(i, c, leaf)
		if math.IsNaN(s) {
			continue
		}
		w := e.local[code][k]
		num += w * s
		den += w
		lo, hi = math.Min(lo, s), math.Max(hi, s)
	}
	if den == 0 {
		return math.NaN()
	}
	// A weighted mean lies between its smallest and largest term; rounding in the division
	// must not carry it outside (100.00000000000001 is not a score).
	return math.Min(hi, math.Max(lo, num/den))
}

// compose computes dimension and component scores and the composite of every unit.
func (e *engine) compose() error {
	leaf := map[string]int{}
	for j, r := range e.refs {
		leaf[r.Node.Code] = j
	}
	var total float64
	for _, c := range e.cfg.Components {
		total += c.Weight
	}
	for _, c := range e.cfg.Components {
		e.res.Components = append(e.res.Components, ComponentShare{Code: c.Code, Name: c.Name, Source: c.Source, Weight: c.Weight, Share: c.Weight / total})
	}
	adjust := map[string][2]float64{}
	for _, a := range e.in.Adjustments {
		v := adjust[a.Unit]
		if a.Points >= 0 {
			v[0] += a.Points
		} else {
			v[1] -= a.Points
		}
		adjust[a.Unit] = v
	}
	e.base = make([]float64, len(e.units))
	names := make(map[string]string, len(e.in.Units))
	for _, u := range e.in.Units {
		names[u.Code] = u.Name
	}
	for i, u := range e.units {
		ur := UnitResult{Code: u, Name: names[u]}
		for k, d := range e.f.Dimensions {
			s := e.nodeScore(i, d.Code, leaf)
			ur.Dimensions = append(ur.Dimensions, DimensionScore{Dimension: Dimension(d.Code), Score: finitePtr(s), Weight: e.res.Weights.Dimensions[k].Weight})
		}
		targets := e.nodeScore(i, RootNode, leaf)
		var num, den float64
		for _, c := range e.cfg.Components {
			s := math.NaN()
			if c.Source == "indicators" {
				s = targets
			} else {
				s = e.survey[c.Source[7:]][i]
			}
			cs := ComponentScore{Code: c.Code, Score: finitePtr(s), Weight: c.Weight / total}
			if !math.IsNaN(s) {
				num += c.Weight * s
				den += c.Weight
			} else if c.Weight > 0 {
				e.warn(messages.WarningComponentMissing, "", u, "component", nameOr(c.Name, c.Code))
			}
			ur.Components = append(ur.Components, cs)
		}
		for k := range ur.Components {
			if ur.Components[k].Score != nil && den > 0 {
				ur.Components[k].EffectiveWeight = e.cfg.Components[k].Weight / den
			}
		}
		e.base[i] = math.NaN()
		if den > 0 {
			e.base[i] = math.Min(100, math.Max(0, num/den))
			ur.Base = ptr(e.base[i])
			bonus, penalty := adjust[u][0], adjust[u][1]
			if e.cfg.Bonus.Cap > 0 {
				bonus = math.Min(bonus, e.cfg.Bonus.Cap)
			}
			if e.cfg.Bonus.PenaltyCap > 0 {
				penalty = math.Min(penalty, e.cfg.Bonus.PenaltyCap)
			}
			ur.Bonus, ur.Penalty = bonus, penalty
			ur.Composite = ptr(e.base[i] + bonus - penalty)
		} else {
			e.warn(messages.WarningNoScore, "", u)
		}
		e.res.Units = append(e.res.Units, ur)
	}
	return e.checkConstraints()
}

// rank orders units by composite, best first; units with equal composites (to 1e-9) share the
// better rank ("1224" competition ranking). Units without a composite are not ranked.
func (e *engine) rank() {
	idx := make([]int, 0, len(e.units))
	for i, u := range e.res.Units {
		if u.Composite != nil {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool {
		return *e.res.Units[idx[a]].Composite > *e.res.Units[idx[b]].Composite
	})
	for k, i := range idx {
		r := k + 1
		if k > 0 && math.Abs(*e.res.Units[idx[k-1]].Composite-*e.res.Units[i].Composite) <= 1e-9 {
			r = e.res.Units[idx[k-1]].Rank
		}
		e.res.Units[i].Rank = r
	}
	// The last two places: every unit whose positions (a tie spans rank … rank+ties−1) reach the
	// two worst positions n−1 and n.
	if len(idx) >= 3 {
		cut := len(idx) - 1
		ties := map[int]int{}
		for _, i := range idx {
			ties[e.res.Units[i].Rank]++
		}
		prev := map[string]bool{}
		if e.in.Previous != nil {
			for _, u := range e.in.Previous.Bottom {
				prev[u] = true
			}
		}
		for _, i := range idx {
			u := &e.res.Units[i]
			if u.Rank+ties[u.Rank]-1 >= cut {
				u.BottomTwo = true
				if prev[u.Code] {
					u.Flagged = true
					e.warn(messages.WarningBottomTwoTwice, "", u.Code, "period", string(e.cfg.Period), "previous", string(e.in.Previous.Period))
				}
			}
		}
	}
}

// Build information, set by the linker (see the Makefile): the version and the commit the binary
// was built from. Reports record both.
var (
	BuildVersion = "dev"
	BuildCommit  = "unknown"
)
