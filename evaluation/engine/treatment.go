package engine

import (
	"math"
	"strconv"

	"gonum.org/v1/gonum/mat"

	"evalbench/messages"
	"evalbench/statistics"
)

// MaxWinsoriseLimit bounds DiagnosticsConfig.WinsoriseLimit.
const MaxWinsoriseLimit = 100

// outlierRule is the skewness–kurtosis rule of the run: COINr's default, with the configured
// winsorisation limit.
func (d *DiagnosticsConfig) outlierRule() statistics.OutlierRule {
	rule := statistics.DefaultOutlierRule
	if d != nil && d.WinsoriseLimit > 0 {
		rule.WinsorMax = d.WinsoriseLimit
	}
	return rule
}

// treatable says whether an indicator's scoring rule compares the units with each other only, so
// that a monotone treatment of its values (winsorisation, log) keeps the score meaningful:
// min–max without goalposts, z-score and rank. Rules that compare a value with a target, bounds
// or goalposts stated on the original scale are left untreated.
func treatable(r ScoringRule) bool {
	switch r.Method {
	case "zscore", "rank":
		return true
	case "minmax":
		return r.Goalposts == nil
	}
	return false
}

// outliers checks (and treats) each indicator's values of the evaluated period by the rule: raw is
// units × indicators (NaN missing). It returns the record per indicator and the treated values
// per indicator (unit index → value), nil for an indicator left as it is.
func (e *engine) outliers(raw [][]float64, rule statistics.OutlierRule) ([]IndicatorOutliers, []map[int]float64) {
	n := len(e.units)
	var out []IndicatorOutliers
	vals := make([]map[int]float64, len(e.refs))
	for j, r := range e.refs {
		var xs []float64
		var who []int
		for i := 0; i < n; i++ {
			if v := raw[i][j]; !math.IsNaN(v) {
				xs = append(xs, v)
				who = append(who, i)
			}
		}
		io := IndicatorOutliers{Indicator: r.Node.Code}
		t, err := statistics.TreatOutliers(xs, rule)
		if err != nil {
			io.Note = "too_few_or_constant"
			io.Pass = true
			out = append(out, io)
			continue
		}
		io.Skewness, io.Kurtosis = finitePtr(t.SkewBefore), finitePtr(t.KurtBefore)
		io.Flagged = len(t.Treated) > 0 || t.Logged
		io.Winsorised, io.Logged, io.Pass = t.Winsorised, t.Logged, t.Pass
		for _, tv := range t.Treated {
			io.Treated = append(io.Treated, TreatedRecord{Unit: e.units[who[tv.Index]], Original: tv.Original, Value: tv.Value, Kind: tv.Kind})
		}
		if len(t.Treated) > 0 {
			m := make(map[int]float64, len(t.Treated))
			for _, tv := range t.Treated {
				m[who[tv.Index]] = tv.Value
			}
			vals[j] = m
		}
		out = append(out, io)
	}
	return out, vals
}

// treat applies the outlier treatment before scoring when the configuration asks for it
// (diagnostics.treat): each indicator scored relatively (treatable) whose evaluated-period values
// fail the skewness–kurtosis rule is winsorised, or log-transformed when winsorisation up to the
// limit does not pass (statistics.TreatOutliers, COINr's Treat with winsorise and log_CT). The
// treated values replace the imported ones in scoring; the imported ones stay in the record.
// Objective weights (derived before) use the data as imported.
func (e *engine) treat() {
	dc := e.cfg.Diagnostics
	if dc == nil || !dc.Treat {
		return
	}
	recs, vals := e.outliers(e.objectiveData().Values, dc.outlierRule())
	e.treated = make(map[string]map[string]float64)
	for j, r := range e.refs {
		if vals[j] == nil {
			continue
		}
		if !treatable(e.rule(r.Node)) {
			recs[j].Note = "not_treated_target_scored"
			continue
		}
		recs[j].Applied = true
		m := make(map[string]float64, len(vals[j]))
		for i, v := range vals[j] {
			m[e.units[i]] = v
		}
		e.treated[r.Node.Code] = m
	}
	e.outlierRecs = recs
}

// treatedValue returns the treated value of indicator for unit when the treatment changed it.
func (e *engine) treatedValue(indicator, unit string) (float64, bool) {
	v, ok := e.treated[indicator][unit]
	return v, ok
}

// screenUnits screens the units out of the run whose share of indicators with a value in the
// evaluated period is below the availability threshold, when the configuration asks for it
// (diagnostics.screen_units; COINr's Screen() by data availability, default threshold 0.66). The
// availability of every unit, screened or kept, is recorded in the diagnostics. A run that would
// screen out every unit is refused, naming the field.
func (e *engine) screenUnits() error {
	dc := e.cfg.Diagnostics
	if dc == nil || !dc.ScreenUnits {
		return nil
	}
	e.availability = e.unitAvailability(dc.threshold())
	var kept []string
	for _, a := range e.availability {
		if a.Kept {
			kept = append(kept, a.Unit)
		}
	}
	if len(kept) == 0 {
		return Invalid("diagnostics.screen_units", messages.RunConfigDiagnosticsScreenUnits, "percent", strconv.FormatFloat(100*dc.threshold(), 'f', 0, 64))
	}
	e.units = kept
	return nil
}

// threshold is the availability threshold (default 0.66).
func (d *DiagnosticsConfig) threshold() float64 {
	if d.Availability == 0 {
		return 0.66
	}
	return d.Availability
}

// unitAvailability is each unit's share of indicators with a value in the evaluated period
// (statistics.ScreenUnits).
func (e *engine) unitAvailability(threshold float64) []UnitAvailability {
	raw := e.objectiveData().Values
	n, m := len(e.units), len(e.refs)
	x := mat.NewDense(n, max(m, 1), nil)
	for i := 0; i < n; i++ {
		for j := 0; j < m; j++ {
			x.Set(i, j, raw[i][j])
		}
	}
	share, keep := statistics.ScreenUnits(x, threshold)
	out := make([]UnitAvailability, n)
	for i, u := range e.units {
		out[i] = UnitAvailability{Unit: u, Share: share[i], Kept: keep[i]}
	}
	return out
}
