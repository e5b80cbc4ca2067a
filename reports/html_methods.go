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
	Outliers                         []outlierRow
	Checked, Flagged                 int
	Availability                     []availabilityRow
	Indicators, Excluded             string
	Flags                            []flagRow
	Alpha                            []alphaRow
	Explained                        []pcaRow
	Loadings                         []loadingRow
	Notes                            []string
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
	engine.FactorNormalisation: {"标准化方法", "normalisation"},
	engine.FactorScoring:       {"评分规则", "scoring rule"},
	engine.FactorMissing:       {"缺失数据处理", "missing-data policy"},
	engine.FactorAggregation:   {"汇总方法", "aggregation"},
	engine.FactorWeightSet:     {"权重集", "weight set"},
	engine.FactorWeightNoise:   {"权重扰动", "weight noise"},
	engine.FactorScale:         {"判断标度", "judgment scale"},
	engine.FactorJudgmentNoise: {"判断扰动", "judgment noise"},
}

// aggregationNames are the aggregation methods in both languages.
var aggregationNames = map[string]string{
	engine.AggregateWeightedSum: "加权求和 weighted sum",
	engine.AggregateGeometric:   "加权几何平均 weighted geometric mean",
	engine.AggregateTOPSIS:      "TOPSIS 逼近理想解 closeness",
	engine.AggregateVIKOR:       "VIKOR 折衷排序 compromise ranking",
	engine.AggregatePROMETHEE2:  "PROMETHEE II 净流量 net flow",
	engine.AggregateGRA:         "灰色关联度 grey relational grade",
}

// judgmentParameter describes judgment-level perturbation.
func judgmentParameter(u *engine.UncertaintySummary) string {
	s := fmt.Sprintf("每个判断 ±%d 级 each judgment ±%d steps, 标度 scale %s", u.JudgmentSteps, u.JudgmentSteps, u.JudgmentScale)
	if u.Rejected > 0 {
		s += fmt.Sprintf("，剔除 %d 次 %d samples rejected", u.Rejected, u.Rejected)
	}
	if u.OffScale > 0 {
		s += fmt.Sprintf("，%d 个非标度判断保持不变 %d judgments off the scale kept", u.OffScale, u.OffScale)
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
				lv = append(lv, name+"（平均名次变动 mean shift "+fv(fac.Shift[l], 2)+"）")
			}
			levels := strings.Join(lv, "；")
			if len(fac.Levels) == 0 {
				levels = "连续随机因子 a continuous random factor"
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
		for _, o := range d.Outliers {
			if o.Note == "" {
				dv.Checked++
			}
			if !o.Flagged {
				continue
			}
			dv.Flagged++
			treat := fmt.Sprintf("缩尾 winsorised %d", o.Winsorised)
			if o.Logged {
				treat = "对数变换 log transform"
			}
			if !o.Pass {
				treat += "（仍未通过 still fails the rule）"
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
			kind := "高度共线 collinear"
			if fl.Kind == "negative" {
				kind = "负相关 negative"
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
	"too_few_indicators": "少于两个指标对所有单位都有不同的得分，未计算相关、α 与主成分。Fewer than two indicators have a varying score for every unit: no correlation, α or PCA.",
	"correlation_failed": "相关矩阵无法计算。The correlation matrix could not be computed.",
	"alpha_failed":       "α 无法计算。Cronbach's α could not be computed.",
	"pca_failed":         "主成分分析无法计算。The principal component analysis could not be computed.",
}
