package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"

	"evalbench/messages"

	"github.com/gowebpki/jcs"
)

// Dimension is one of the four "4E" dimensions every indicator belongs to (plan line 3368:
// 经济、效率、效益、公正).
type Dimension string

// The 4E dimensions, in the order reports show them.
const (
	Economy       Dimension = "economy"
	Efficiency    Dimension = "efficiency"
	Effectiveness Dimension = "effectiveness"
	Equity        Dimension = "equity"
)

// Dimensions lists the 4E dimensions in report order.
var Dimensions = []Dimension{Economy, Efficiency, Effectiveness, Equity}

// DimensionNames gives the Chinese and English names of each dimension.
var DimensionNames = map[Dimension][2]string{
	Economy:       {"经济", "Economy"},
	Efficiency:    {"效率", "Efficiency"},
	Effectiveness: {"效益", "Effectiveness"},
	Equity:        {"公正", "Equity"}, // the plan's word (line 3368: 经济、效率、效益、公正), not 公平

}

// NodeKind says what a framework node is.
type NodeKind string

// Node kinds. The root is implicit: a Framework's Dimensions are its children.
const (
	KindDimension NodeKind = "dimension"
	KindGroup     NodeKind = "group"
	KindIndicator NodeKind = "indicator"
)

// ValueKind says how an indicator's values are measured.
type ValueKind string

// Value kinds. Percent values are stored in percentage points (85% is 85). Currency values are in
// the indicator's Unit (e.g. 亿元), whose size in yuan is CurrencyScale (1e8 for 亿元).
const (
	ValueQuantity ValueKind = "quantity"
	ValuePercent  ValueKind = "percent"
	ValueCount    ValueKind = "count"
	ValueCurrency ValueKind = "currency"
)

// Polarity says which values are better.
type Polarity string

// Polarities. PolarityTarget: the closer to the final target the better. PolarityRange: values
// inside [RangeLow, RangeHigh] are best.
const (
	PolarityHigher Polarity = "higher"
	PolarityLower  Polarity = "lower"
	PolarityTarget Polarity = "target"
	PolarityRange  Polarity = "range"
)

// TargetKind says what the indicator's target means.
type TargetKind string

// Target kinds.
//   - level: the value to reach in the final year (GDP 723 亿元 in 2020);
//   - growth_rate: an average annual growth rate in percent (income +8% a year);
//   - cumulative: a sum over the plan period, written in brackets in the plan ([2000]);
//   - upper_bound: a ceiling ("50以下", PM2.5); lower_bound: a floor ("50张以上");
//   - qualitative: met or not met, scored by a rubric ("完成市下达指标").
const (
	TargetLevel       TargetKind = "level"
	TargetGrowthRate  TargetKind = "growth_rate"
	TargetCumulative  TargetKind = "cumulative"
	TargetUpperBound  TargetKind = "upper_bound"
	TargetLowerBound  TargetKind = "lower_bound"
	TargetQualitative TargetKind = "qualitative"
)

// TargetBasis says how an annual target is stated.
type TargetBasis string

// Target bases: a level in the indicator's unit, or a year-on-year growth in percent.
const (
	BasisLevel  TargetBasis = "level"
	BasisGrowth TargetBasis = "growth"
)

// Framework is one version of a commission's indicator framework: the four 4E dimensions, each
// with groups (any depth) and indicators (leaves). A framework used by a run is Locked; editing it
// makes a new framework (Number+1, BasedOn = this ID).
type Framework struct {
	ID           string    `json:"id,omitempty"`
	CommissionID string    `json:"commission_id,omitempty"`
	Number       int       `json:"number,omitempty"`  // framework version within the commission: 1, 2, …
	Version      int       `json:"version,omitempty"` // optimistic-concurrency version (ETag)
	Locked       bool      `json:"locked,omitempty"`
	BasedOn      string    `json:"based_on,omitempty"`
	Title        string    `json:"title"`
	PlanStart    int       `json:"plan_start"` // first year of the plan period (e.g. 2016)
	PlanEnd      int       `json:"plan_end"`   // final year (e.g. 2020)
	Digest       string    `json:"digest,omitempty"`
	CreatedAt    time.Time `json:"created_at,omitzero"`
	UpdatedAt    time.Time `json:"updated_at,omitzero"`
	Dimensions   []*Node   `json:"dimensions"`
}

// Node is a dimension, a group or an indicator. Only indicator nodes carry Indicator.
type Node struct {
	Code      string     `json:"code"`
	Kind      NodeKind   `json:"kind"`
	Name      string     `json:"name"`
	NameEN    string     `json:"name_en,omitempty"`
	Children  []*Node    `json:"children,omitempty"`
	Indicator *Indicator `json:"indicator,omitempty"`
}

// Indicator holds what a leaf of the framework measures and what it aims at.
type Indicator struct {
	Unit          string         `json:"unit"` // unit of measure as written: 亿元, 万人, %, 微克/M3
	ValueKind     ValueKind      `json:"value_kind"`
	CurrencyScale float64        `json:"currency_scale,omitempty"` // yuan per Unit, for currency
	Polarity      Polarity       `json:"polarity"`
	TargetKind    TargetKind     `json:"target_kind"`
	Key           bool           `json:"key,omitempty"`      // a key indicator (关键指标) rather than a key target
	Category      string         `json:"category,omitempty"` // the plan's own category (经济发展, 民生福祉, …)
	Baseline      *Baseline      `json:"baseline,omitempty"`
	AnnualTargets []AnnualTarget `json:"annual_targets,omitempty"`
	FinalTarget   *float64       `json:"final_target,omitempty"`
	TargetText    string         `json:"target_text,omitempty"` // the target as the plan words it
	RangeLow      *float64       `json:"range_low,omitempty"`
	RangeHigh     *float64       `json:"range_high,omitempty"`
	Rubric        []RubricLevel  `json:"rubric,omitempty"` // qualitative indicators: label → score
	Source        string         `json:"source,omitempty"`
	Responsible   string         `json:"responsible,omitempty"` // responsible unit (责任单位)
	Notes         string         `json:"notes,omitempty"`
	CaliberNotes  []CaliberNote  `json:"caliber_notes,omitempty"`
	// Caliber names the caliber (口径) the baseline, annual targets and final target are on, for
	// an indicator whose caliber changed (local fiscal revenue after the VAT reform, 营改增). An
	// actual states its caliber in its note ("口径: …"); one that does not is warned about.
	Caliber string `json:"caliber,omitempty"`
	// Assessment marks the indicator as one of degree of achievement (achievement, 实现程度) or
	// performance measurement (measurement, 绩效测度), the two assessment dimensions of plan line
	// 3398; a run reports a sub-score per dimension when any indicator is marked.
	Assessment string `json:"assessment,omitempty"`
	// ChallengeTargets are targets beyond the annual targets (挑战目标, plan line 3400), by year,
	// as a level or a growth in percent; a run reports whether each unit met the one of its period.
	ChallengeTargets []AnnualTarget `json:"challenge_targets,omitempty"`
	// Benchmark asks a run for the horizontal (best unit, external benchmark) and vertical (own
	// previous period) comparisons of the indicator (标杆比对, plan line 3400).
	Benchmark *Benchmark `json:"benchmark,omitempty"`
}

// Baseline is the value in the base year (基期值).
type Baseline struct {
	Year  int     `json:"year"`
	Value float64 `json:"value"`
}

// AnnualTarget is the target for one year of the plan period (年度分解): a level in the
// indicator's unit or a year-on-year growth in percent. Text keeps the plan's wording when the
// target is qualitative or approximate ("同比增长5%左右").
type AnnualTarget struct {
	Year  int         `json:"year"`
	Basis TargetBasis `json:"basis"`
	Value *float64    `json:"value,omitempty"`
	Text  string      `json:"text,omitempty"`
}

// RubricLevel maps a qualitative assessment to a 0–100 score.
type RubricLevel struct {
	Label string  `json:"label"`
	Score float64 `json:"score"`
}

// CaliberNote records a restated value (口径调整): both values and why.
type CaliberNote struct {
	Year     int     `json:"year"`
	Original float64 `json:"original"`
	Restated float64 `json:"restated"`
	Reason   string  `json:"reason"`
}

var codePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.\-]{0,63}$`)

// ValidCode reports whether s is usable as an indicator, group or unit code: a letter, then up to
// 63 letters, digits, '_', '.', '-'.
func ValidCode(s string) bool { return codePattern.MatchString(s) }

// Indicators returns the framework's indicator nodes in tree order (depth first, children in
// order), each with the dimension it belongs to.
func (f *Framework) Indicators() []IndicatorRef {
	var out []IndicatorRef
	var walk func(d Dimension, path []string, n *Node)
	walk = func(d Dimension, path []string, n *Node) {
		if n.Kind == KindIndicator {
			out = append(out, IndicatorRef{Dimension: d, Path: append([]string(nil), path...), Node: n})
			return
		}
		path = append(path, n.Code)
		for _, c := range n.Children {
			walk(d, path, c)
		}
	}
	for _, d := range f.Dimensions {
		walk(Dimension(d.Code), nil, d)
	}
	return out
}

// IndicatorRef is an indicator node with its place in the tree. Path lists the codes of the
// dimension and groups above it.
type IndicatorRef struct {
	Dimension Dimension
	Path      []string
	Node      *Node
}

// Indicator returns the indicator node with the given code, or nil.
func (f *Framework) Indicator(code string) *Node {
	for _, r := range f.Indicators() {
		if r.Node.Code == code {
			return r.Node
		}
	}
	return nil
}

// Validate checks the framework's structure and every indicator, returning a *ValidationError that
// lists every problem (by field path), or nil.
func (f *Framework) Validate() error {
	v := validation(messages.ValidationFramework)
	add := func(field string, id messages.ID, kv ...any) { v.Add(problem(field, "", id, kv...)) }
	if f.PlanStart < 1900 || f.PlanEnd > 2200 || f.PlanEnd < f.PlanStart {
		add("plan_start", messages.FrameworkPlanPeriod, "start", f.PlanStart, "end", f.PlanEnd)
	}
	if len(f.Dimensions) != len(Dimensions) {
		add("dimensions", messages.FrameworkFourDimensions, "count", len(f.Dimensions))
	}
	seen := map[string]string{}
	for i, d := range f.Dimensions {
		field := fmt.Sprintf("dimensions[%d]", i)
		if d == nil {
			add(field, messages.FrameworkDimensionMissing)
			continue
		}
		if i < len(Dimensions) && d.Code != string(Dimensions[i]) {
			add(field+".code", messages.FrameworkDimensionCode, "position", i+1, "want", string(Dimensions[i]), "got", d.Code)
		}
		if d.Kind != KindDimension {
			add(field+".kind", messages.FrameworkMustBeKind, "kind", string(KindDimension))
		}
		f.validateNode(v, field, d, seen)
	}
	return v.Err()
}

func (f *Framework) validateNode(v *ValidationError, field string, n *Node, seen map[string]string) {
	add := func(sub string, id messages.ID, kv ...any) { v.Add(problem(field+sub, n.Code, id, kv...)) }
	if !ValidCode(n.Code) {
		add(".code", messages.FrameworkCodeFormat)
	} else if prev, dup := seen[n.Code]; dup {
		add(".code", messages.FrameworkCodeTwice, "code", n.Code, "other", prev)
	} else {
		seen[n.Code] = field
	}
	if n.Name == "" {
		add(".name", messages.FrameworkNameRequired)
	}
	switch n.Kind {
	case KindDimension, KindGroup:
		if n.Indicator != nil {
			add(".indicator", messages.FrameworkOnlyIndicatorAttrs)
		}
		for i, c := range n.Children {
			if c == nil {
				v.Add(problem(fmt.Sprintf("%s.children[%d]", field, i), "", messages.FrameworkNodeMissing))
				continue
			}
			if c.Kind == KindDimension {
				v.Add(problem(fmt.Sprintf("%s.children[%d].kind", field, i), "", messages.FrameworkDimensionNested))
			}
			f.validateNode(v, fmt.Sprintf("%s.children[%d]", field, i), c, seen)
		}
	case KindIndicator:
		if len(n.Children) > 0 {
			add(".children", messages.FrameworkIndicatorLeaf)
		}
		if n.Indicator == nil {
			add(".indicator", messages.FrameworkIndicatorAttrsRequired)
			return
		}
		f.validateIndicator(v, field+".indicator", n.Indicator)
	default:
		add(".kind", messages.FrameworkKind, "kind", string(n.Kind))
	}
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func (f *Framework) validateIndicator(v *ValidationError, field string, in *Indicator) {
	add := func(sub string, id messages.ID, kv ...any) { v.Add(problem(field+sub, "", id, kv...)) }
	switch in.ValueKind {
	case ValueQuantity, ValuePercent, ValueCount:
		if in.CurrencyScale != 0 {
			add(".currency_scale", messages.FrameworkCurrencyScaleOnly)
		}
	case ValueCurrency:
		if !(in.CurrencyScale > 0) || !finite(in.CurrencyScale) {
			add(".currency_scale", messages.FrameworkCurrencyScalePositive)
		}
	default:
		add(".value_kind", messages.FrameworkValueKind, "kind", string(in.ValueKind))
	}
	if in.Unit == "" {
		add(".unit", messages.FrameworkUnitRequired)
	}
	switch in.Polarity {
	case PolarityHigher, PolarityLower:
	case PolarityTarget:
		if in.FinalTarget == nil {
			add(".final_target", messages.FrameworkPolarityTargetFinal)
		}
	case PolarityRange:
		if in.RangeLow == nil || in.RangeHigh == nil || *in.RangeLow > *in.RangeHigh {
			add(".range_low", messages.FrameworkPolarityRange)
		}
	default:
		add(".polarity", messages.FrameworkPolarity, "polarity", string(in.Polarity))
	}
	switch in.TargetKind {
	case TargetLevel, TargetGrowthRate, TargetCumulative, TargetUpperBound, TargetLowerBound:
	case TargetQualitative:
		if len(in.Rubric) == 0 {
			add(".rubric", messages.FrameworkRubricRequired)
		}
	default:
		add(".target_kind", messages.FrameworkTargetKind, "kind", string(in.TargetKind))
	}
	labels := map[string]bool{}
	for i, r := range in.Rubric {
		if r.Label == "" || labels[r.Label] {
			add(fmt.Sprintf(".rubric[%d].label", i), messages.FrameworkRubricLabel)
		}
		labels[r.Label] = true
		if !finite(r.Score) || r.Score < 0 || r.Score > 100 {
			add(fmt.Sprintf(".rubric[%d].score", i), messages.FrameworkRubricScore)
		}
	}
	if in.Baseline != nil && !finite(in.Baseline.Value) {
		add(".baseline.value", messages.FrameworkBaselineFinite)
	}
	years := map[int]bool{}
	for i, t := range in.AnnualTargets {
		sub := fmt.Sprintf(".annual_targets[%d]", i)
		if t.Year < f.PlanStart || t.Year > f.PlanEnd {
			add(sub+".year", messages.FrameworkYearOutside, "year", t.Year, "start", f.PlanStart, "end", f.PlanEnd)
		}
		if years[t.Year] {
			add(sub+".year", messages.FrameworkYearTwoTargets, "year", t.Year)
		}
		years[t.Year] = true
		if t.Basis != BasisLevel && t.Basis != BasisGrowth {
			add(sub+".basis", messages.FrameworkBasis, "basis", string(t.Basis))
		}
		if t.Value != nil && !finite(*t.Value) {
			add(sub+".value", messages.FrameworkMustBeFinite)
		}
		if t.Value == nil && t.Text == "" {
			add(sub, messages.FrameworkAnnualTargetEmpty)
		}
	}
	for i, c := range in.CaliberNotes {
		if c.Reason == "" {
			add(fmt.Sprintf(".caliber_notes[%d].reason", i), messages.FrameworkCaliberReason)
		}
	}
	if in.FinalTarget != nil && !finite(*in.FinalTarget) {
		add(".final_target", messages.FrameworkMustBeFinite)
	}
	switch in.Assessment {
	case "", AssessAchievement, AssessMeasurement:
	default:
		add(".assessment", messages.FrameworkAssessment, "assessment", string(in.Assessment))
	}
	cyears := map[int]bool{}
	for i, t := range in.ChallengeTargets {
		sub := fmt.Sprintf(".challenge_targets[%d]", i)
		if t.Year < f.PlanStart || t.Year > f.PlanEnd {
			add(sub+".year", messages.FrameworkYearOutside, "year", t.Year, "start", f.PlanStart, "end", f.PlanEnd)
		}
		if cyears[t.Year] {
			add(sub+".year", messages.FrameworkYearTwoChallenge, "year", t.Year)
		}
		cyears[t.Year] = true
		if t.Basis != BasisLevel && t.Basis != BasisGrowth {
			add(sub+".basis", messages.FrameworkBasis, "basis", string(t.Basis))
		}
		if t.Value == nil || !finite(*t.Value) {
			add(sub+".value", messages.FrameworkChallengeFinite)
			continue
		}
		// A challenge target lies beyond the annual target of its year (挑战目标).
		for _, a := range in.AnnualTargets {
			if a.Year != t.Year || a.Basis != t.Basis || a.Value == nil {
				continue
			}
			if in.Polarity == PolarityLower && *t.Value > *a.Value || in.Polarity != PolarityLower && *t.Value < *a.Value {
				add(sub+".value", messages.FrameworkChallengeShort, "challenge", formatFloat(*t.Value), "target", formatFloat(*a.Value), "year", t.Year)
			}
		}
	}
	if b := in.Benchmark; b != nil {
		if (b.Name == "") != (b.Value == nil) {
			add(".benchmark", messages.FrameworkBenchmarkBoth)
		}
		if b.Value != nil && !finite(*b.Value) {
			add(".benchmark.value", messages.FrameworkMustBeFinite)
		}
	}
}

// Walk calls fn for every node of the tree once, parents before their children. It is the one
// traversal behind Normalize and the importers' canonicalisation.
func (f *Framework) Walk(fn func(n *Node)) {
	seen := map[*Node]bool{}
	var walk func(n *Node)
	walk = func(n *Node) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		fn(n)
		for _, c := range n.Children {
			walk(c)
		}
	}
	for _, d := range f.Dimensions {
		walk(d)
	}
}

// Compact makes the node's empty lists nil (children, annual targets, rubric, caliber notes), so
// that a list read as [] and one left out compare and hash equal.
func (n *Node) Compact() {
	if len(n.Children) == 0 {
		n.Children = nil
	}
	in := n.Indicator
	if in == nil {
		return
	}
	if len(in.AnnualTargets) == 0 {
		in.AnnualTargets = nil
	}
	if len(in.Rubric) == 0 {
		in.Rubric = nil
	}
	if len(in.CaliberNotes) == 0 {
		in.CaliberNotes = nil
	}
	if len(in.ChallengeTargets) == 0 {
		in.ChallengeTargets = nil
	}
}

// Normalize puts annual targets in year order, trims names, and makes empty lists nil, so that
// equal frameworks compare and hash equal however they were read.
func (f *Framework) Normalize() {
	f.Title = strings.TrimSpace(f.Title)
	f.Walk(func(n *Node) {
		n.Code, n.Name, n.NameEN = strings.TrimSpace(n.Code), strings.TrimSpace(n.Name), strings.TrimSpace(n.NameEN)
		if in := n.Indicator; in != nil {
			sort.SliceStable(in.AnnualTargets, func(i, j int) bool { return in.AnnualTargets[i].Year < in.AnnualTargets[j].Year })
			sort.SliceStable(in.ChallengeTargets, func(i, j int) bool { return in.ChallengeTargets[i].Year < in.ChallengeTargets[j].Year })
		}
		n.Compact()
	})
}

// AnnualTarget returns the target for year, or nil.
func (in *Indicator) AnnualTarget(year int) *AnnualTarget {
	for i := range in.AnnualTargets {
		if in.AnnualTargets[i].Year == year {
			return &in.AnnualTargets[i]
		}
	}
	return nil
}

// HasNumericMilestones reports whether the plan states a yearly milestone as a number (an annual
// target with a level value). A qualitative indicator worded "完成市下达指标" whose plan still
// gives such milestones (electricity intensity: 2.8 % in 2016, 3.0 % a year after, plan lines
// 2105–2121) is scored and monitored against them; one without keeps its rubric.
func (in *Indicator) HasNumericMilestones() bool {
	for _, t := range in.AnnualTargets {
		if t.Basis == BasisLevel && t.Value != nil {
			return true
		}
	}
	return false
}

// Content returns the framework's content as canonical JSON (RFC 8785): the tree and plan
// period without ids, numbers, versions or times. Equal frameworks have equal content.
func (f *Framework) Content() ([]byte, error) {
	c := Framework{Title: f.Title, PlanStart: f.PlanStart, PlanEnd: f.PlanEnd, Dimensions: f.Dimensions}
	raw, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("framework content: %w", err)
	}
	return jcs.Transform(raw)
}

// ComputeDigest returns the SHA-256 (hex) of the framework's canonical content.
func (f *Framework) ComputeDigest() (string, error) {
	c, err := f.Content()
	if err != nil {
		return "", err
	}
	h := sha256.Sum256(c)
	return hex.EncodeToString(h[:]), nil
}

// Prepare normalises and validates a framework and computes its digest.
func (f *Framework) Prepare() ([]byte, error) {
	f.Normalize()
	if err := f.Validate(); err != nil {
		return nil, err
	}
	content, err := f.Content()
	if err != nil {
		return nil, err
	}
	h := sha256.Sum256(content)
	f.Digest = hex.EncodeToString(h[:])
	return content, nil
}
