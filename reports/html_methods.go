package reports

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// The report's views of the run's aggregation method, its global sensitivity analysis over
// construction choices and its data diagnostics (issue 16).

type aggregationView struct {
	Method, Calc, Output, Columns, Dropped, Compromise string
	VIKOR, Advantage, Stability                        bool
}

type sensitivityView struct {
	Samples, Evaluations, Seed, Resamples, MeanShift, Failed string
	Chart                                                    template.HTML
	Ranking                                                  []indexRow
	Factors                                                  []factorRow
	Units                                                    []sensitivityUnitRow
	PerChoice                                                []choiceTable
}

// choiceTable is one factor's rank intervals per choice: a row per unit, a cell per level.
type choiceTable struct {
	Factor, FactorEN string
	Levels           []string
	Rows             []choiceRow
}

type choiceRow struct {
	Name  string
	Cells []string
}

type indexRow struct{ Factor, FactorEN, First, FirstCI, Total, TotalCI string }

type factorRow struct{ Factor, FactorEN, Levels string }

type sensitivityUnitRow struct{ Name, Rank, Interval, P50, Range, Leading string }

type diagnosticsView struct {
	Skew, Kurt, WinsorMax, Threshold string
	// Applied is the sentence saying the treatment was applied before scoring ("" when it was only
	// recorded).
	Applied              string
	Outliers             []outlierRow
	Checked, Flagged     int
	Availability         []availabilityRow
	Indicators, Excluded string
	Flags                []flagRow
	Alpha                []alphaRow
	Explained            []pcaRow
	Loadings             []loadingRow
	Notes                []string
}

type outlierRow struct{ Indicator, Skew, Kurt, Treatment, Values string }

type availabilityRow struct {
	Unit, Share string
	Kept        bool
}

type flagRow struct{ Dimension, A, B, R, Kind string }

type alphaRow struct{ Dimension, N, Alpha string }

type pcaRow struct{ Component, Explained, Cumulative string }

type loadingRow struct {
	Indicator string
	Values    []string
}

// factorNames are the sensitivity factors in both languages.
var factorNames = map[string][2]string{
	engine.FactorNormalisation: both(messages.ReportFactorNormalisation),
	engine.FactorScoring:       both(messages.ReportFactorScoring),
	engine.FactorMissing:       both(messages.ReportFactorMissing),
	engine.FactorAggregation:   both(messages.ReportFactorAggregation),
	engine.FactorWeightSet:     both(messages.ReportFactorWeightSet),
	engine.FactorWeightNoise:   both(messages.ReportFactorWeightNoise),
	engine.FactorScale:         both(messages.ReportFactorScale),
	engine.FactorJudgmentNoise: both(messages.ReportFactorJudgmentNoise),
}

// aggregationNames are the aggregation methods in both languages.
var aggregationNames = map[string]string{
	engine.AggregateWeightedSum: bilingual(messages.ReportAggregationWeightedsum),
	engine.AggregateGeometric:   bilingual(messages.ReportAggregationGeometric),
	engine.AggregateTOPSIS:      bilingual(messages.ReportAggregationTOPSIS),
	engine.AggregateVIKOR:       bilingual(messages.ReportAggregationVIKOR),
	engine.AggregatePROMETHEE2:  bilingual(messages.ReportAggregationPROMETHEE2),
	engine.AggregateGRA:         bilingual(messages.ReportAggregationGRA),
}

// judgmentParameter describes judgment-level perturbation.
func judgmentParameter(u *engine.UncertaintySummary) string {
	s := bilingual(messages.ReportTextJudgmentSteps, "steps", u.JudgmentSteps) + ", " + bilingual(messages.ReportLabelJudgmentScale) + " " + u.JudgmentScale
	if u.Rejected > 0 {
		s += "，" + bilingual(messages.ReportTextSamplesRejected, "count", u.Rejected)
	}
	if u.OffScale > 0 {
		s += "，" + bilingual(messages.ReportTextOffScaleKept, "count", u.OffScale)
	}
	return s
}

func ci(lo, hi *float64) string {
	if lo == nil || hi == nil {
		return "—"
	}
	return "[" + fv(*lo, 2) + ", " + fv(*hi, 2) + "]"
}

func rankText(r float64) string {
	if r == math.Trunc(r) {
		return strconv.Itoa(int(r))
	}
	return fv(r, 1)
}

// constructionMethods lays out the aggregation, the sensitivity analysis and the diagnostics.
func (vb *viewBuilder) constructionMethods() {
	res, v := vb.res, vb.v
	if a := res.Aggregation; a != nil {
		av := &aggregationView{Method: aggregationNames[a.Method], Calc: a.Calc, Output: a.Output,
			Columns: strings.Join(a.Columns, ", "), Dropped: strings.Join(a.Dropped, ", ")}
		if a.AcceptableAdvantage != nil {
			av.VIKOR, av.Advantage, av.Stability = true, *a.AcceptableAdvantage, *a.AcceptableStability
			var names []string
			for _, u := range a.Compromise {
				names = append(names, vb.unitName(u))
			}
			av.Compromise = strings.Join(names, "、")
		}
		v.Aggregation = av
	}
	if s := res.Sensitivity; s != nil {
		sv := &sensitivityView{Samples: strconv.Itoa(s.Samples), Evaluations: strconv.Itoa(s.Evaluations), Seed: strconv.FormatUint(s.Seed, 10),
			Resamples: strconv.Itoa(s.Resamples), MeanShift: fv(s.MeanShift, 2)}
		if s.Failed > 0 {
			sv.Failed = strconv.Itoa(s.Failed)
		}
		for _, x := range s.Ranking {
			n := factorNames[x.Factor]
			sv.Ranking = append(sv.Ranking, indexRow{Factor: n[0], FactorEN: n[1], First: f(x.First, 2), FirstCI: ci(x.FirstLo, x.FirstHi), Total: f(x.Total, 2), TotalCI: ci(x.TotalLo, x.TotalHi)})
		}
		for _, fac := range s.Factors {
			n := factorNames[fac.Name]
			var lv []string
			for l, name := range fac.Levels {
				lv = append(lv, name+"（"+bilingual(messages.ReportLabelLevelMeanShift)+" "+fv(fac.Shift[l], 2)+"）")
			}
			levels := strings.Join(lv, "；")
			if len(fac.Levels) == 0 {
				levels = bilingual(messages.ReportValueContinuousFactor)
			}
			sv.Factors = append(sv.Factors, factorRow{Factor: n[0], FactorEN: n[1], Levels: levels})
		}
		pos := map[string]int{}
		for k, u := range s.Units {
			pos[u.Unit] = k
		}
		for _, fac := range s.Factors {
			if len(fac.Ranks) == 0 {
				continue
			}
			n := factorNames[fac.Name]
			ct := choiceTable{Factor: n[0], FactorEN: n[1], Levels: fac.Levels}
			for _, ur := range vb.ranked {
				k, ok := pos[ur.Code]
				if !ok {
					continue
				}
				row := choiceRow{Name: vb.unitName(ur.Code)}
				for _, lr := range fac.Ranks {
					row.Cells = append(row.Cells, rankText(lr.P50[k])+"（"+rankText(lr.P5[k])+"–"+rankText(lr.P95[k])+"）")
				}
				ct.Rows = append(ct.Rows, row)
			}
			sv.PerChoice = append(sv.PerChoice, ct)
		}
		byUnit := map[string]engine.UnitSensitivity{}
		for _, u := range s.Units {
			byUnit[u.Unit] = u
		}
		var iv []intervalItem
		for _, ur := range vb.ranked {
			u, ok := byUnit[ur.Code]
			if !ok {
				continue
			}
			lead, best := "—", -1.0
			for _, x := range u.Indices {
				if x.Total != nil && *x.Total > best+1e-12 && *x.Total > 0.005 {
					best = *x.Total
					n := factorNames[x.Factor]
					lead = n[0] + " " + n[1] + " (ST " + fv(*x.Total, 2) + ")"
				}
			}
			sv.Units = append(sv.Units, sensitivityUnitRow{Name: vb.unitName(ur.Code), Rank: rankText(u.Rank), Interval: rankText(u.P5) + "–" + rankText(u.P95),
				P50: rankText(u.P50), Range: rankText(u.Min) + "–" + rankText(u.Max), Leading: lead})
			iv = append(iv, intervalItem{Label: vb.unitName(ur.Code), Low: int(math.Floor(u.P5)), Mid: int(math.Round(u.P50)), High: int(math.Ceil(u.P95)), Rank: ur.Rank})
		}
		if len(iv) > 0 {
			sv.Chart = rankIntervalChartTitled("chart-sensitivity-intervals", bilingual(messages.ReportChartRankIntervalsChoices), iv, len(res.Units))
		}
		v.Sensitivity = sv
	}
	if d := res.Diagnostics; d != nil {
		dv := &diagnosticsView{Skew: fv(d.Rule.Skew, 1), Kurt: fv(d.Rule.Kurtosis, 1), WinsorMax: strconv.Itoa(d.Rule.WinsorMax),
			Threshold: pct(d.Threshold), Indicators: strings.Join(vb.indicatorNames(d.Indicators), ", "), Excluded: strings.Join(vb.indicatorNames(d.Excluded), ", ")}
		if d.Applied {
			dv.Applied = messages.Bilingual(messages.ReportTreatmentApplied)
		}
		for _, o := range d.Outliers {
			if o.Note == "" {
				dv.Checked++
			}
			if !o.Flagged {
				continue
			}
			dv.Flagged++
			treat := bilingual(messages.ReportValueWinsorised) + " " + strconv.Itoa(o.Winsorised)
			if o.Logged {
				treat = bilingual(messages.ReportValueLogTransform)
			}
			if !o.Pass {
				treat += "（" + bilingual(messages.ReportValueStillFails) + "）"
			}
			switch {
			case o.Applied:
				treat += messages.Bilingual(messages.ReportTreatmentRowApplied)
			case o.Note == "not_treated_target_scored":
				treat += messages.Bilingual(messages.ReportTreatmentRowTargetScored)
			}
			var vals []string
			for _, t := range o.Treated {
				vals = append(vals, fmt.Sprintf("%s %s→%s", vb.unitName(t.Unit), fv(t.Original, 2), fv(t.Value, 2)))
			}
			dv.Outliers = append(dv.Outliers, outlierRow{Indicator: vb.indicatorName(o.Indicator), Skew: f(o.Skewness, 2), Kurt: f(o.Kurtosis, 2), Treatment: treat, Values: strings.Join(vals, "；")})
		}
		for _, a := range d.Availability {
			dv.Availability = append(dv.Availability, availabilityRow{Unit: vb.unitName(a.Unit), Share: pct(a.Share), Kept: a.Kept})
		}
		for _, fl := range d.Flags {
			kind := bilingual(messages.ReportValueCollinear)
			if fl.Kind == "negative" {
				kind = bilingual(messages.ReportValueNegative)
			}
			zh, en := dimensionText(fl.Dimension)
			dv.Flags = append(dv.Flags, flagRow{Dimension: zh + " " + en, A: vb.indicatorName(fl.A), B: vb.indicatorName(fl.B), R: fv(fl.R, 2), Kind: kind})
		}
		for _, a := range d.Alpha {
			zh, en := dimensionText(a.Dimension)
			dv.Alpha = append(dv.Alpha, alphaRow{Dimension: zh + " " + en, N: strconv.Itoa(a.Indicators), Alpha: f(a.Alpha, 2)})
		}
		if p := d.PCA; p != nil {
			for k := 0; k < len(p.Explained) && k < 3; k++ {
				dv.Explained = append(dv.Explained, pcaRow{Component: "PC" + strconv.Itoa(k+1), Explained: pct(p.Explained[k]), Cumulative: pct(p.Cumulative[k])})
			}
			for i, row := range p.Loadings {
				lr := loadingRow{Indicator: vb.indicatorName(d.Indicators[i])}
				for _, x := range row {
					lr.Values = append(lr.Values, fv(x, 2))
				}
				dv.Loadings = append(dv.Loadings, lr)
			}
		}
		for _, n := range d.Notes {
			dv.Notes = append(dv.Notes, diagnosticNotes[n])
		}
		v.Diagnostics = dv
	}
}

// indicatorNames names each indicator code with its name alongside.
func (vb *viewBuilder) indicatorNames(codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = vb.indicatorName(c)
	}
	return out
}

// diagnosticNotes explain the diagnostics' note codes.
var diagnosticNotes = map[string]string{
	"too_few_indicators": bilingual(messages.ReportDiagnosticsTooFewIndicators),
	"correlation_failed": bilingual(messages.ReportDiagnosticsCorrelationFailed),
	"alpha_failed":       bilingual(messages.ReportDiagnosticsAlphaFailed),
	"pca_failed":         bilingual(messages.ReportDiagnosticsPcaFailed),
}
