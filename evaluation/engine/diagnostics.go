package engine

import (
	"math"

	"gonum.org/v1/gonum/mat"

	"evalbench/messages"
	"evalbench/statistics"
)

// DiagnosticsConfig asks a run for the data diagnostics of its methods appendix: outliers by the
// skewness–kurtosis rule, units' data availability, the indicator correlation matrix with
// flags within each dimension, Cronbach's α per dimension and a principal component analysis.
// Unless Treat is set, the treatment is recorded, not applied: the scores are computed from the
// data as imported.
type DiagnosticsConfig struct {
	// Collinear flags pairs in a dimension correlated above it (default 0.9).
	Collinear float64 `json:"collinear,omitempty"`
	// Negative flags pairs in a dimension correlated below it (default −0.4).
	Negative float64 `json:"negative,omitempty"`
	// Availability is the share of indicators a unit must have data on (default 0.66).
	Availability float64 `json:"availability,omitempty"`
	// Treat applies the outlier treatment before scoring (treatment.go): the indicators scored
	// relatively (min–max without goalposts, z-score, rank) are scored on the treated values.
	Treat bool `json:"treat,omitempty"`
	// WinsoriseLimit is the most values winsorisation may change per indicator before the log
	// transform is used instead (default 5, as COINr's winmax).
	WinsoriseLimit int `json:"winsorise_limit,omitempty"`
	// ScreenUnits screens the units below the Availability threshold out of the run (treatment.go):
	// they are neither scored nor ranked; their availability stays in the diagnostics.
	ScreenUnits bool `json:"screen_units,omitempty"`
}

func (d *DiagnosticsConfig) check(add func(field string, id messages.ID, kv ...any)) {
	if !(d.Collinear >= 0 && d.Collinear <= 1) {
		add("diagnostics.collinear", messages.RunConfigDiagnosticsCollinear)
	}
	if !(d.Negative >= -1 && d.Negative <= 0) {
		add("diagnostics.negative", messages.RunConfigDiagnosticsNegative)
	}
	if !(d.Availability >= 0 && d.Availability <= 1) {
		add("diagnostics.availability", messages.RunConfigDiagnosticsAvailability)
	}
	if d.WinsoriseLimit < 0 || d.WinsoriseLimit > MaxWinsoriseLimit {
		add("diagnostics.winsorise_limit", messages.RunConfigDiagnosticsWinsoriseLimit, "max", MaxWinsoriseLimit)
	}
}

// DiagnosticsResult is what the diagnostics found.
type DiagnosticsResult struct {
	Rule         OutlierRuleRecord   `json:"rule"`
	Outliers     []IndicatorOutliers `json:"outliers"`
	Availability []UnitAvailability  `json:"availability"`
	Threshold    float64             `json:"availability_threshold"`
	// Applied says the treatment was applied before scoring (diagnostics.treat): the outliers
	// with Applied set were scored on their treated values.
	Applied bool `json:"applied,omitempty"`
	// Indicators are the columns of Correlation and the rows of the PCA loadings: indicators with
	// a score for every unit and not constant. Excluded lists the others.
	Indicators  []string          `json:"indicators"`
	Excluded    []string          `json:"excluded,omitempty"`
	Correlation [][]float64       `json:"correlation,omitempty"`
	Flags       []CorrelationPair `json:"flags,omitempty"`
	Alpha       []DimensionAlpha  `json:"alpha,omitempty"`
	PCA         *PCASummary       `json:"pca,omitempty"`
	// Notes are codes of the parts that could not be computed: too_few_indicators,
	// correlation_failed, alpha_failed, pca_failed.
	Notes []string `json:"notes,omitempty"`
}

// OutlierRuleRecord is the rule applied (COINr's default).
type OutlierRuleRecord struct {
	Skew      float64 `json:"skew"`
	Kurtosis  float64 `json:"kurtosis"`
	WinsorMax int     `json:"winsor_max"`
}

// IndicatorOutliers is the outlier check and treatment of one indicator's values.
type IndicatorOutliers struct {
	Indicator  string          `json:"indicator"`
	Skewness   *float64        `json:"skewness"`
	Kurtosis   *float64        `json:"kurtosis"`
	Flagged    bool            `json:"flagged"`
	Winsorised int             `json:"winsorised,omitempty"`
	Logged     bool            `json:"logged,omitempty"`
	Pass       bool            `json:"pass"`
	Treated    []TreatedRecord `json:"treated,omitempty"`
	// Applied says the treated values replaced the imported ones in scoring.
	Applied bool `json:"applied,omitempty"`
	// Note: too_few_or_constant (not checked); not_treated_target_scored (flagged, but scored
	// against a target, bounds or goalposts on the original scale, so left untreated).
	Note string `json:"note,omitempty"`
}

// TreatedRecord is one value the treatment changes (or would change, when not applied): Kind is
// winsorised-high, winsorised-low or log.
type TreatedRecord struct {
	Unit     string  `json:"unit"`
	Original float64 `json:"original"`
	Value    float64 `json:"value"`
	Kind     string  `json:"kind"`
}

// UnitAvailability is a unit's share of indicators with a value in the evaluated period.
type UnitAvailability struct {
	Unit  string  `json:"unit"`
	Share float64 `json:"share"`
	Kept  bool    `json:"kept"`
}

// CorrelationPair is a flagged pair of indicators in one dimension.
type CorrelationPair struct {
	Dimension Dimension `json:"dimension"`
	A         string    `json:"a"`
	B         string    `json:"b"`
	R         float64   `json:"r"`
	Kind      string    `json:"kind"` // collinear or negative
}

// DimensionAlpha is Cronbach's α of a dimension's indicator scores (nil: fewer than two).
type DimensionAlpha struct {
	Dimension  Dimension `json:"dimension"`
	Indicators int       `json:"indicators"`
	Alpha      *float64  `json:"alpha"`
}

// PCASummary is the principal component analysis of the indicator scores: the share of variance
// of each component and the loadings of the first three (rows: Indicators).
type PCASummary struct {
	Explained  []float64   `json:"explained"`
	Cumulative []float64   `json:"cumulative"`
	Loadings   [][]float64 `json:"loadings"`
}

// diagnose computes the data diagnostics when the configuration asks for them: outliers on the
// evaluated period's values, availability per unit, and correlation, α and PCA on the scores
// (0–100, polarity aligned) of the indicators every unit has a score on.
func (e *engine) diagnose() {
	dc := e.cfg.Diagnostics
	if dc == nil {
		return
	}
	collinear, negative, avail := dc.Collinear, dc.Negative, dc.Availability
	if collinear == 0 {
		collinear = 0.9
	}
	if negative == 0 {
		negative = -0.4
	}
	if avail == 0 {
		avail = 0.66
	}
	rule := dc.outlierRule()
	d := &DiagnosticsResult{Rule: OutlierRuleRecord{rule.Skew, rule.Kurt, rule.WinsorMax}, Threshold: avail}
	n := len(e.units)
	if e.outlierRecs != nil {
		d.Outliers, d.Applied = e.outlierRecs, true
	} else {
		d.Outliers, _ = e.outliers(e.objectiveData().Values, rule)
	}
	if e.availability != nil {
		d.Availability = e.availability // screened before scoring: every unit, kept or not
	} else {
		d.Availability = e.unitAvailability(avail)
	}
	// Indicators every unit has a non-constant score on.
	var cols []int
	for j, r := range e.refs {
		ok := n >= 3
		for i := 0; i < n && ok; i++ {
			ok = !math.IsNaN(e.scores[i][j])
		}
		constant := true
		for i := 1; i < n && ok; i++ {
			constant = constant && e.scores[i][j] == e.scores[0][j]
		}
		if ok && !constant {
			cols = append(cols, j)
			d.Indicators = append(d.Indicators, r.Node.Code)
		} else {
			d.Excluded = append(d.Excluded, r.Node.Code)
		}
	}
	e.res.Diagnostics = d
	if len(cols) < 2 {
		d.Notes = append(d.Notes, "too_few_indicators")
		return
	}
	s := mat.NewDense(n, len(cols), nil)
	for i := 0; i < n; i++ {
		for c, j := range cols {
			s.Set(i, c, e.scores[i][j])
		}
	}
	corr, err := statistics.CorrelationMatrix(nil, s)
	if err != nil {
		d.Notes = append(d.Notes, "correlation_failed")
		return
	}
	d.Correlation = make([][]float64, len(cols))
	for a := range cols {
		d.Correlation[a] = make([]float64, len(cols))
		for b := range cols {
			d.Correlation[a][b] = corr.At(a, b)
		}
	}
	var dims []Dimension
	var groups [][]int
	for c, j := range cols {
		dim := e.refs[j].Dimension
		k := -1
		for g, dd := range dims {
			if dd == dim {
				k = g
			}
		}
		if k < 0 {
			dims = append(dims, dim)
			groups = append(groups, nil)
			k = len(dims) - 1
		}
		groups[k] = append(groups[k], c)
	}
	for _, f := range statistics.CorrelationFlags(corr, groups, collinear, negative) {
		d.Flags = append(d.Flags, CorrelationPair{Dimension: dims[f.Group], A: d.Indicators[f.I], B: d.Indicators[f.J], R: f.R, Kind: f.Kind})
	}
	if alphas, err := statistics.GroupAlpha(s, groups); err == nil {
		for g, a := range alphas {
			d.Alpha = append(d.Alpha, DimensionAlpha{Dimension: dims[g], Indicators: len(groups[g]), Alpha: finitePtr(a)})
		}
	} else {
		d.Notes = append(d.Notes, "alpha_failed")
	}
	p, err := statistics.PCA(s)
	if err != nil {
		d.Notes = append(d.Notes, "pca_failed")
		return
	}
	ps := &PCASummary{Explained: p.Explained, Cumulative: p.Cumulative}
	k := min(3, len(p.Explained))
	for c := range cols {
		row := make([]float64, k)
		for q := 0; q < k; q++ {
			row[q] = p.Loadings.At(c, q)
		}
		ps.Loadings = append(ps.Loadings, row)
	}
	d.PCA = ps
}
