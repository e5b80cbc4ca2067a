package engine

import "evalbench/messages"

// Result is what a run computes. It is serialised as canonical JSON (RFC 8785) and identified by
// the SHA-256 of those bytes (Digest).
type Result struct {
	Engine      string              `json:"engine"` // evalbench version that computed it
	Period      Period              `json:"period"`
	Synthetic   bool                `json:"synthetic"`
	Weights     *WeightResult       `json:"weights"`
	Indicators  []IndicatorResult   `json:"indicators"`
	Units       []UnitResult        `json:"units"`
	Surveys     []SurveyRunResult   `json:"surveys,omitempty"`
	Components  []ComponentShare    `json:"components"`
	Constraints []ConstraintCheck   `json:"constraints,omitempty"`
	Monitoring  []TrackEntry        `json:"monitoring,omitempty"`
	Warnings    []Warning           `json:"warnings,omitempty"`
	Grades      []GradeCount        `json:"grades,omitempty"`
	Uncertainty *UncertaintySummary `json:"uncertainty,omitempty"`
	Coverage    Coverage            `json:"coverage"`
	// Panel joins the previous period's run with this one per unit (score and rank changes).
	Panel *Panel `json:"panel,omitempty"`
	// Awards computed from the panel and the rectification items (config awards).
	Awards []Award `json:"awards,omitempty"`
	// Rectifications are the items of earlier periods carried into this run, with their status
	// at the end of its period.
	Rectifications []RectificationView `json:"rectifications,omitempty"`
	// Aggregation records a method other than the weighted sum as its calc request.
	Aggregation *AggregationRecord `json:"aggregation,omitempty"`
	// Sensitivity is the global sensitivity analysis over construction choices.
	Sensitivity *SensitivityResult `json:"sensitivity,omitempty"`
	// Diagnostics of the indicator data before aggregation.
	Diagnostics *DiagnosticsResult `json:"diagnostics,omitempty"`
}

// IndicatorResult is one indicator's values and scores across units.
type IndicatorResult struct {
	Code      string          `json:"code"`
	Name      string          `json:"name"`
	Dimension Dimension       `json:"dimension"`
	Weight    float64         `json:"weight"` // global weight
	Method    string          `json:"method"` // scoring method used
	Cells     []IndicatorCell `json:"cells"`  // one per unit, in unit order
	// Benchmark is the horizontal benchmarking of an indicator that asks for it.
	Benchmark *BenchmarkResult `json:"benchmark,omitempty"`
}

// IndicatorCell is one unit's value and score on one indicator.
type IndicatorCell struct {
	Unit        string            `json:"unit"`
	Value       *float64          `json:"value"`
	Label       string            `json:"label,omitempty"`
	Dataset     int               `json:"dataset,omitempty"` // number of the dataset the value came from
	Source      *Source           `json:"source,omitempty"`
	Target      *float64          `json:"target,omitempty"`       // what the value was compared with
	TargetBasis *messages.Message `json:"target_basis,omitempty"` // annual level, annual growth, trajectory, … (a catalogue message)
	Ratio       *float64          `json:"ratio,omitempty"`        // achievement ratio, polarity-adjusted
	Score       *float64          `json:"score"`                  // 0–100 (nil: missing)
	Imputed     string            `json:"imputed,omitempty"`      // how a missing score was filled: zero, mean (message scoring.imputed.<code>)
	Note        *messages.Message `json:"note,omitempty"`
	// Caliber is the caliber (口径) the value's source states, for an indicator with a named
	// caliber; empty when the source does not state it (the result then carries a
	// caliber_not_stated warning).
	Caliber string `json:"caliber,omitempty"`
	// Challenge is the challenge target of the period (a level, or a growth in percent by
	// ChallengeBasis) and ChallengeMet whether the value reached it.
	Challenge      *float64 `json:"challenge,omitempty"`
	ChallengeBasis string   `json:"challenge_basis,omitempty"`
	ChallengeMet   *bool    `json:"challenge_met,omitempty"`
	// Previous is the unit's own value of the previous year (the vertical benchmark) and Change
	// this value minus it, for an indicator with a benchmark.
	Previous *float64 `json:"previous,omitempty"`
	Change   *float64 `json:"change,omitempty"`
}

// UnitResult is one evaluated unit's scores, rank and grade.
type UnitResult struct {
	Code          string           `json:"code"`
	Name          string           `json:"name"`
	Dimensions    []DimensionScore `json:"dimensions"`
	Components    []ComponentScore `json:"components"`
	Base          *float64         `json:"base"`  // composite before bonus and penalty points
	Bonus         float64          `json:"bonus"` // points added (capped)
	Penalty       float64          `json:"penalty"`
	Composite     *float64         `json:"composite"`
	Rank          int              `json:"rank,omitempty"` // 1 is best; ties share a rank
	Grade         string           `json:"grade,omitempty"`
	BaseGrade     string           `json:"base_grade,omitempty"` // grade on the base score
	LiftedByBonus bool             `json:"lifted_by_bonus,omitempty"`
	BottomTwo     bool             `json:"bottom_two,omitempty"` // in the last two places now
	Flagged       bool             `json:"flagged,omitempty"`    // last two places this and the previous period
	Uncertainty   *UnitUncertainty `json:"uncertainty,omitempty"`
	// Assessment holds the unit's scores on the two assessment dimensions (实现程度, 绩效测度)
	// when the framework marks its indicators with them.
	Assessment []AssessmentScore `json:"assessment,omitempty"`
}

// DimensionScore is a unit's score on one 4E dimension.
type DimensionScore struct {
	Dimension Dimension `json:"dimension"`
	Score     *float64  `json:"score"`
	Weight    float64   `json:"weight"`
}

// ComponentScore is a unit's score on one component of the comprehensive evaluation, with the
// weight it carried for that unit after renormalisation.
type ComponentScore struct {
	Code            string   `json:"code"`
	Score           *float64 `json:"score"`
	Weight          float64  `json:"weight"`
	EffectiveWeight float64  `json:"effective_weight"`
}

// ComponentShare is a component's nominal share of the composite.
type ComponentShare struct {
	Code   string  `json:"code"`
	Name   string  `json:"name"`
	Source string  `json:"source"`
	Weight float64 `json:"weight"`
	Share  float64 `json:"share"`
}

// ConstraintCheck reports a constraint: its nominal share and each unit whose effective share
// fell below it (a suppressed group, for instance).
type ConstraintCheck struct {
	Constraint
	Share      float64     `json:"share"`
	Met        bool        `json:"met"`
	UnitsBelow []UnitShare `json:"units_below,omitempty"`
}

// UnitShare is a unit's effective share of a constraint's source.
type UnitShare struct {
	Unit  string  `json:"unit"`
	Share float64 `json:"share"`
}

// TrackEntry is plan monitoring of one indicator for one unit: expected against actual for each
// year with data, the status, and projections of the final-year value.
type TrackEntry struct {
	Indicator         string      `json:"indicator"`
	Unit              string      `json:"unit"`
	Years             []TrackYear `json:"years"`
	Status            string      `json:"status"` // on_track, at_risk, off_track, no_data
	FinalTarget       *float64    `json:"final_target,omitempty"`
	ProjectedLinear   *float64    `json:"projected_linear,omitempty"`
	ProjectedCompound *float64    `json:"projected_compound,omitempty"`
	ProjectedRatio    *float64    `json:"projected_ratio,omitempty"`
	// Schedule says what the expected values of a cumulative target follow: "annual_schedule"
	// (the plan's own yearly split, summed) or "pro_rata" (an equal share of the total a year,
	// only when the plan gives no split).
	Schedule string `json:"schedule,omitempty"`
	// ProjectionMethod says how the final-year value was projected, and ProjectionCaveat what
	// it rests on (how few years, which points); a projection is an extrapolation, not a forecast.
	// Both are catalogue messages, as is Warning.
	ProjectionMethod *messages.Message `json:"projection_method,omitempty"`
	ProjectionCaveat *messages.Message `json:"projection_caveat,omitempty"`
	Warning          *messages.Message `json:"warning,omitempty"`
}

// TrackYear compares a year's actual with what the plan expected.
type TrackYear struct {
	Year     int               `json:"year"`
	Expected *float64          `json:"expected"`
	Basis    *messages.Message `json:"basis,omitempty"` // what Expected is (a catalogue message)
	Actual   *float64          `json:"actual"`
	Ratio    *float64          `json:"ratio,omitempty"`
	Status   string            `json:"status"`
}

// Warning is something a reader of the result must know. Message is a catalogue message (its id
// is warning.<Code>) with its arguments, rendered in the reader's language; Indicator and Unit
// are codes, which readers show beside the names the inputs give them.
type Warning struct {
	Code      string           `json:"code"`
	Indicator string           `json:"indicator,omitempty"`
	Unit      string           `json:"unit,omitempty"`
	Message   messages.Message `json:"message"`
}

// GradeCount is how many units received a grade.
type GradeCount struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Count  int    `json:"count"`
	Quota  int    `json:"quota,omitempty"` // places by quota (-1: no quota)
	Lifted int    `json:"lifted,omitempty"`
}

// UnitUncertainty is a unit's score and rank distribution under weight perturbation.
type UnitUncertainty struct {
	Mean             float64            `json:"mean"`
	P5               float64            `json:"p5"`
	P50              float64            `json:"p50"`
	P95              float64            `json:"p95"`
	MedianRank       int                `json:"median_rank"`
	RankP5           int                `json:"rank_p5"`
	RankP95          int                `json:"rank_p95"`
	GradeProbability []GradeProbability `json:"grade_probability,omitempty"`
}

// GradeProbability is the probability of a grade band (on score thresholds, quotas aside).
type GradeProbability struct {
	Grade string  `json:"grade"`
	P     float64 `json:"p"`
}

// UncertaintySummary describes the Monte Carlo analysis and the neighbours' sensitivity.
type UncertaintySummary struct {
	Samples       int             `json:"samples"`
	Seed          uint64          `json:"seed"`
	Perturbation  string          `json:"perturbation"`
	Concentration float64         `json:"concentration,omitempty"`
	Fraction      float64         `json:"fraction,omitempty"`
	Swaps         []NeighbourSwap `json:"swaps"`
	// Aggregation is the run's aggregation when it is not the weighted sum.
	Aggregation string `json:"aggregation,omitempty"`
	// JudgmentSteps and JudgmentScale describe judgment-level perturbation (Perturbation
	// "judgments"); OffScale counts judgments off Saaty's scale, kept as they are; Rejected the
	// samples whose weights could not be derived or aggregated.
	JudgmentSteps int    `json:"judgment_steps,omitempty"`
	JudgmentScale string `json:"judgment_scale,omitempty"`
	OffScale      int    `json:"off_scale,omitempty"`
	Rejected      int    `json:"rejected,omitempty"`
}

// NeighbourSwap is how likely two neighbours in the ranking swap places, and the smallest change
// of a single weight that would swap them.
type NeighbourSwap struct {
	Upper       string   `json:"upper"`
	Lower       string   `json:"lower"`
	Probability float64  `json:"probability"`
	Node        string   `json:"node,omitempty"`
	Weight      *float64 `json:"weight,omitempty"`
	NewWeight   *float64 `json:"new_weight,omitempty"`
}

// Coverage counts the indicator × unit values of the evaluated period that were present.
type Coverage struct {
	Expected int            `json:"expected"`
	Present  int            `json:"present"`
	Missing  []MissingValue `json:"missing,omitempty"`
	// Indicators is the number of leaf indicators; Scored those every unit has a score on that
	// was computed from data (not imputed). Weight is the global weight of the scored ones (of a
	// total of 1): how much of the framework the composite rests on.
	Indicators int     `json:"indicators"`
	Scored     int     `json:"scored"`
	Weight     float64 `json:"weight"`
	// Threshold is the configured coverage threshold (of weight); a run whose Weight is below it
	// is Provisional (暂定).
	Threshold   float64             `json:"threshold"`
	Provisional bool                `json:"provisional,omitempty"`
	Dimensions  []DimensionCoverage `json:"dimensions,omitempty"`
}

// DimensionCoverage is the coverage of one 4E dimension: indicators scored of total, and the
// global weight the scored ones carry of the dimension's weight.
type DimensionCoverage struct {
	Dimension    Dimension `json:"dimension"`
	Indicators   int       `json:"indicators"`
	Scored       int       `json:"scored"`
	Weight       float64   `json:"weight"`        // global weight of the dimension
	ScoredWeight float64   `json:"scored_weight"` // global weight of its scored indicators
}

// MissingValue names a missing indicator × unit × period value.
type MissingValue struct {
	Indicator string `json:"indicator"`
	Unit      string `json:"unit"`
	Period    Period `json:"period"`
}
