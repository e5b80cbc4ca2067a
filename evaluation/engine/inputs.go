package engine

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"evalbench/messages"
)

// RunConfig is everything a run is asked to do beyond its inputs. Zero values take the defaults
// documented on each field (Defaults fills them in, so a stored configuration is explicit).
type RunConfig struct {
	// Period is the evaluated period (default: the commission's).
	Period Period `json:"period"`
	// Scoring overrides the scoring rule of some indicators, by code. The default rule follows
	// the indicator's target kind (see ScoringRule).
	Scoring map[string]ScoringRule `json:"scoring,omitempty"`
	// Missing is the missing-data policy: exclude (default: leave the indicator out and
	// renormalise the weights of its siblings), zero (score 0) or mean (the mean score of the
	// other units on the indicator).
	Missing string `json:"missing"`
	// Components of the comprehensive evaluation and their weights (default: one component,
	// "targets", the indicator framework, weighing 1).
	Components []Component `json:"components"`
	// Bonus caps the innovation bonus and the penalty points of Adjustments.
	Bonus BonusRules `json:"bonus"`
	// Constraints the run checks and refuses to violate.
	Constraints []Constraint `json:"constraints,omitempty"`
	// Grades from the best band down (default: none).
	Grades []GradeBand `json:"grades,omitempty"`
	// Monitoring thresholds of plan tracking.
	Monitoring MonitoringConfig `json:"monitoring"`
	// MonteCarlo settings of the uncertainty analysis.
	MonteCarlo MonteCarloConfig `json:"monte_carlo"`
	// CoverageThreshold is the share of the framework's weight the scored indicators must carry
	// for the result not to be provisional (暂定); default 0.8.
	CoverageThreshold float64 `json:"coverage_threshold,omitempty"`
	// Awards computed from the panel of this run and the previous period's (default: none).
	Awards *AwardRules `json:"awards,omitempty"`
	// Aggregation of the leaf scores into the composite (default weighted-sum; aggregation.go).
	Aggregation AggregationConfig `json:"aggregation,omitzero"`
	// Sensitivity is the global sensitivity analysis over construction choices (sensitivity.go).
	Sensitivity *SensitivityConfig `json:"sensitivity,omitempty"`
	// Diagnostics of the data before aggregation: outliers, correlations, α, PCA (diagnostics.go).
	Diagnostics *DiagnosticsConfig `json:"diagnostics,omitempty"`
}

// ScoringRule turns an indicator's value into a 0–100 score. Methods:
//   - achievement: 100·actual/target (higher is better) or 100·target/actual (lower), clipped to
//     [Floor, Cap]; the target is the annual target of the period (a level, or a growth on the
//     previous year's actual), else the expected value on the plan trajectory. Default for level
//     and growth_rate targets.
//   - prorata: the cumulative actual since the plan began against the pro-rata share of the
//     cumulative target (or the sum of the annual targets so far). Default for cumulative targets.
//   - bands: pass/fail bands on actual/bound for upper and lower bounds (Bands; default ≤100 %
//     of an upper bound scores 100, ≤105 % 80, ≤110 % 60, else 0; mirrored for lower bounds).
//     Default for upper_bound and lower_bound targets.
//   - rubric: the rubric score of the observed label. Default for qualitative targets.
//   - trajectory: the achieved share of the progress the plan expects by the period (Path
//     linear or compound), clipped to Cap.
//   - minmax, zscore, rank: relative to the other units (minmax optionally with Goalposts).
//   - distance: closeness to the final target (polarity target).
//   - threshold: a piecewise-linear standards table on the value (Table).
type ScoringRule struct {
	Method    string           `json:"method"`
	Cap       *float64         `json:"cap,omitempty"`   // default 100
	Floor     *float64         `json:"floor,omitempty"` // default 0
	Path      string           `json:"path,omitempty"`  // linear or compound (default compound)
	Bands     []ScoreBand      `json:"bands,omitempty"`
	Table     []ScoreThreshold `json:"table,omitempty"`
	Goalposts *[2]float64      `json:"goalposts,omitempty"`
	Distance  float64          `json:"distance,omitempty"`
}

// ScoreBand scores a ratio up to UpTo (upper bounds: actual/bound ≤ UpTo; lower bounds:
// actual/bound ≥ UpTo) with Score.
type ScoreBand struct {
	UpTo  float64 `json:"up_to"`
	Score float64 `json:"score"`
}

// ScoreThreshold is one point (value → score) of a piecewise-linear standards table.
type ScoreThreshold struct {
	Value float64 `json:"value"`
	Score float64 `json:"score"`
}

// Component is a part of the comprehensive evaluation: the indicator framework ("indicators")
// or a survey ("survey:CODE").
type Component struct {
	Code   string  `json:"code"`
	Name   string  `json:"name"`
	Weight float64 `json:"weight"`
	Source string  `json:"source"`
}

// BonusRules caps bonus and penalty points (0: uncapped).
type BonusRules struct {
	Cap        float64 `json:"cap"`
	PenaltyCap float64 `json:"penalty_cap"`
}

// Adjustment is bonus points (innovation, 创新创优加分) or penalty points of one unit.
type Adjustment struct {
	Unit   string  `json:"unit"`
	Points float64 `json:"points"` // positive: bonus; negative: penalty
	Reason string  `json:"reason"`
}

// Constraint is a rule of the commission a run must meet. Kind min_share: the share of Source in
// the composite is at least Min — Source "component:CODE", or "survey:CODE/group:GROUP" for a
// rater group of a survey component (plan line 3424: public satisfaction ≥ 70 %).
type Constraint struct {
	Kind   string  `json:"kind"`
	Source string  `json:"source"`
	Min    float64 `json:"min"`
	Label  string  `json:"label,omitempty"`
}

// GradeBand is a grade (等次) with its minimum score and an optional quota: at most Quota (a
// share of the units, rounded down) or QuotaCount units may be placed in it on their scores
// before bonus points.
type GradeBand struct {
	Code       string   `json:"code"`
	Name       string   `json:"name"`
	MinScore   float64  `json:"min_score"`
	Quota      *float64 `json:"quota,omitempty"`
	QuotaCount *int     `json:"quota_count,omitempty"`
}

// MonitoringConfig sets the thresholds of plan tracking on the achievement ratio (actual against
// expected, polarity-adjusted): ≥ OnTrack is on track, ≥ AtRisk at risk, below off track.
type MonitoringConfig struct {
	OnTrack float64 `json:"on_track"` // default 0.98
	AtRisk  float64 `json:"at_risk"`  // default 0.90
}

// MonteCarloConfig configures the uncertainty analysis over the weights.
type MonteCarloConfig struct {
	Off           bool    `json:"off,omitempty"` // no uncertainty analysis (previews)
	Samples       int     `json:"samples"`       // default 2000
	Seed          uint64  `json:"seed"`          // default 20161231
	Perturbation  string  `json:"perturbation"`  // dirichlet (default) or uniform
	Concentration float64 `json:"concentration"` // Dirichlet c, default 50
	Fraction      float64 `json:"fraction"`      // uniform ±p, default 0.2
	// JudgmentSteps k > 0 varies every AHP judgment by a whole number of steps in [−k, k] on its
	// scale instead of perturbing the derived weights (needs an AHP weight set; ensemble.go).
	JudgmentSteps int `json:"judgment_steps,omitempty"`
	// JudgmentScale re-expresses the judgments of every sample on this scale (saaty, balanced,
	// power, geometric, ma-zheng, exponential, logarithmic, root-square).
	JudgmentScale string `json:"judgment_scale,omitempty"`
}

// Defaults fills the configuration's zero values with the documented defaults.
func (c *RunConfig) Defaults(commissionPeriod Period) {
	if c.Period == "" {
		c.Period = commissionPeriod
	}
	if c.Missing == "" {
		c.Missing = "exclude"
	}
	if len(c.Components) == 0 {
		c.Components = []Component{{Code: "targets", Name: "目标考核 / target assessment", Weight: 1, Source: "indicators"}}
	}
	if c.Monitoring.OnTrack == 0 {
		c.Monitoring.OnTrack = 0.98
	}
	if c.Monitoring.AtRisk == 0 {
		c.Monitoring.AtRisk = 0.90
	}
	if c.MonteCarlo.Samples == 0 {
		c.MonteCarlo.Samples = 2000
	}
	if c.MonteCarlo.Seed == 0 {
		c.MonteCarlo.Seed = 20161231
	}
	if c.MonteCarlo.Perturbation == "" {
		c.MonteCarlo.Perturbation = "dirichlet"
	}
	if c.MonteCarlo.Concentration == 0 {
		c.MonteCarlo.Concentration = 50
	}
	if c.MonteCarlo.Fraction == 0 {
		c.MonteCarlo.Fraction = 0.2
	}
	if c.CoverageThreshold == 0 {
		c.CoverageThreshold = 0.8
	}
}

// Check validates the configuration against a framework and the surveys at hand.
func (c *RunConfig) Check(f *Framework, surveys []string) error {
	v := validation(messages.ValidationRunConfig)
	add := func(field string, id messages.ID, kv ...any) { v.Add(problem(field, "", id, kv...)) }
	if _, err := ParsePeriod(string(c.Period)); err != nil {
		add("period", messages.RunConfigPeriod, "period", strings.TrimSpace(string(c.Period)))
	}
	if !(c.CoverageThreshold >= 0 && c.CoverageThreshold <= 1) {
		add("coverage_threshold", messages.RunConfigCoverageThreshold)
	}
	switch c.Missing {
	case "exclude", "zero", "mean":
	default:
		add("missing", messages.RunConfigMissing, "missing", c.Missing)
	}
	codes := map[string]bool{}
	var total float64
	for i, comp := range c.Components {
		field := fmt.Sprintf("components[%d]", i)
		if !ValidCode(comp.Code) || codes[comp.Code] {
			add(field+".code", messages.RunConfigComponentCodes)
		}
		codes[comp.Code] = true
		if !(comp.Weight >= 0) || math.IsInf(comp.Weight, 0) {
			add(field+".weight", messages.RunConfigComponentWeight)
		}
		total += comp.Weight
		switch {
		case comp.Source == "indicators":
		case len(comp.Source) > 7 && comp.Source[:7] == "survey:":
			if !slices.Contains(surveys, comp.Source[7:]) {
				add(field+".source", messages.RunConfigNoSurvey, "survey", comp.Source[7:])
			}
		default:
			add(field+".source", messages.RunConfigComponentSource)
		}
	}
	if total <= 0 {
		add("components", messages.RunConfigComponentsSum)
	}
	for code, r := range c.Scoring {
		if f.Indicator(code) == nil {
			add("scoring."+code, messages.RunConfigNoIndicator, "code", code)
			continue
		}
		switch r.Method {
		case "achievement", "prorata", "bands", "rubric", "trajectory", "minmax", "zscore", "rank", "distance", "threshold":
		default:
			add("scoring."+code+".method", messages.RunConfigScoringMethod, "method", r.Method)
		}
		if r.Method == "threshold" && len(r.Table) < 2 {
			add("scoring."+code+".table", messages.RunConfigThresholdTable)
		}
		if r.Cap != nil && (*r.Cap > 100 || *r.Cap < 0) || r.Floor != nil && (*r.Floor < 0 || *r.Floor > 100) {
			add("scoring."+code+".cap", messages.RunConfigCapFloor)
		}
		if r.Path != "" && r.Path != "linear" && r.Path != "compound" {
			add("scoring."+code+".path", messages.RunConfigPath)
		}
	}
	for i, g := range c.Grades {
		field := fmt.Sprintf("grades[%d]", i)
		if g.Code == "" {
			add(field+".code", messages.RunConfigGradeCode)
		}
		if i > 0 && g.MinScore > c.Grades[i-1].MinScore {
			add(field+".min_score", messages.RunConfigGradeOrder)
		}
		if g.Quota != nil && (*g.Quota < 0 || *g.Quota > 1) {
			add(field+".quota", messages.RunConfigGradeQuota)
		}
	}
	for i, k := range c.Constraints {
		if k.Kind != "min_share" {
			add(fmt.Sprintf("constraints[%d].kind", i), messages.RunConfigConstraintKind)
		}
	}
	mc := c.MonteCarlo
	if mc.Seed > 1<<53 {
		add("monte_carlo.seed", messages.RunConfigMonteCarloSeed)
	}
	if mc.Samples < 0 || mc.Samples > 1_000_000 {
		add("monte_carlo.samples", messages.RunConfigMonteCarloSamples)
	}
	if mc.Perturbation != "dirichlet" && mc.Perturbation != "uniform" {
		add("monte_carlo.perturbation", messages.RunConfigPerturbation)
	}
	if mc.Concentration <= 0 || mc.Fraction <= 0 || mc.Fraction >= 1 {
		add("monte_carlo", messages.RunConfigConcentration)
	}
	if c.Awards != nil && (c.Awards.RankRise < 0 || c.Awards.RankRise > 1000) {
		add("awards.rank_rise", messages.RunConfigRankRise)
	}
	c.checkMethods(add)
	if c.Monitoring.AtRisk > c.Monitoring.OnTrack {
		add("monitoring.at_risk", messages.RunConfigAtRisk)
	}
	return v.Err()
}

// RunCommission is what a run records of its commission.
type RunCommission struct {
	ID              string `json:"id"`
	Title           string `json:"title"`
	Client          string `json:"client"`
	Institute       string `json:"institute"`
	PeriodStart     int    `json:"period_start"`
	PeriodEnd       int    `json:"period_end"`
	EvaluatedPeriod Period `json:"evaluated_period"`
	Synthetic       bool   `json:"synthetic"`
}

// RunDataset is a frozen dataset version with its observations, as a run uses it.
type RunDataset struct {
	ID           string        `json:"id"`
	Number       int           `json:"number"`
	SHA256       string        `json:"sha256"`
	FileName     string        `json:"file_name"`
	Importer     string        `json:"importer"`
	ImportedAt   time.Time     `json:"imported_at"`
	Label        string        `json:"label,omitempty"`
	Synthetic    bool          `json:"synthetic,omitempty"`
	Observations []Observation `json:"observations"`
}

// RunWeights is the weight set a run uses with the expert judgments it derives from.
type RunWeights struct {
	Set       WeightSet  `json:"set"`
	Judgments []Judgment `json:"judgments,omitempty"`
}

// PreviousRun is what a run needs of the previous period's run: who was in the last two places,
// and each unit's composite, rank and grade (the panel of the two periods).
type PreviousRun struct {
	RunID  string         `json:"run_id"`
	Period Period         `json:"period"`
	Digest string         `json:"digest"`
	Bottom []string       `json:"bottom"`
	Units  []PreviousUnit `json:"units,omitempty"`
}

// RunInputs is everything a run computes from. It is self-contained: Compute needs nothing else,
// so that a report bundle holding these inputs can be recomputed offline.
type RunInputs struct {
	Commission  RunCommission `json:"commission"`
	Framework   *Framework    `json:"framework"`
	Units       []Unit        `json:"units"`
	Datasets    []RunDataset  `json:"datasets"` // in priority order: the first with a value wins
	Weights     RunWeights    `json:"weights"`
	Surveys     []RunSurvey   `json:"surveys,omitempty"`
	Adjustments []Adjustment  `json:"adjustments,omitempty"`
	Previous    *PreviousRun  `json:"previous,omitempty"`
	// Rectifications are the commission's rectification items of earlier periods as they stood
	// when the run was created.
	Rectifications []Rectification `json:"rectifications,omitempty"`
	Config         RunConfig       `json:"config"`
}

// Canonicalize orders the inputs canonically so that equal inputs serialise to equal bytes.
func (in *RunInputs) Canonicalize() {
	sort.Slice(in.Units, func(i, j int) bool { return in.Units[i].Code < in.Units[j].Code })
	for i := range in.Units {
		in.Units[i].ID, in.Units[i].CreatedAt, in.Units[i].UpdatedAt = "", time.Time{}, time.Time{}
	}
	for d := range in.Datasets {
		obs := in.Datasets[d].Observations
		sort.SliceStable(obs, func(i, j int) bool { return obs[i].Row < obs[j].Row })
	}
	js := in.Weights.Judgments
	sort.Slice(js, func(i, j int) bool {
		if js[i].Node != js[j].Node {
			return js[i].Node < js[j].Node
		}
		return js[i].Expert < js[j].Expert
	})
	sort.SliceStable(in.Adjustments, func(i, j int) bool { return in.Adjustments[i].Unit < in.Adjustments[j].Unit })
	for i := range in.Surveys {
		in.Surveys[i].canonicalize()
	}
	sort.SliceStable(in.Rectifications, func(i, j int) bool { return in.Rectifications[i].Number < in.Rectifications[j].Number })
	if in.Previous != nil {
		sort.Slice(in.Previous.Units, func(i, j int) bool { return in.Previous.Units[i].Code < in.Previous.Units[j].Code })
	}
	sort.Slice(in.Surveys, func(i, j int) bool { return in.Surveys[i].Survey.Code < in.Surveys[j].Survey.Code })
}
