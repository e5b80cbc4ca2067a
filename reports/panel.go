package reports

import (
	"sort"
	"strconv"
	"strings"

	"evalbench/evaluation/engine"

	"evalbench/messages"
)

// The plan's remaining rules in the report (plan lines 3398–3494): the two assessment
// dimensions, challenge targets and benchmarks, the panel of two periods, the awards computed
// from it and the rectification items carried from earlier periods.

type assessmentView struct {
	Achievement, Measurement string // indicators of each, "3 项 · 权重 0.41"
	Rows                     []assessmentRow
}

type assessmentRow struct{ Unit, Name, Achievement, Measurement string }

type benchmarkView struct {
	Code, Name, Unit, Best, External string
	Challenge                        bool
	Rows                             []benchmarkRow
}

type benchmarkRow struct {
	Unit, Name, Value, Challenge, Met, Gap, Previous, Change string
	ChallengeMet                                             bool
}

type panelView struct {
	PreviousPeriod, Period, PreviousDigest string
	Rows                                   []panelRow
}

type panelRow struct {
	Unit, Name, PrevScore, Score, DeltaScore, PrevRank, Rank, DeltaRank, PrevGrade, Grade, Items string
	Rose, Fell                                                                                   bool
}

type awardRow struct{ Award, Unit, Name, Basis string }

type rectRow struct {
	N, Unit, Name, Period, Source, Reference, Issue, Owner, Deadline, Status, StatusClass, Evidence, ClosedOn, AuditedOn string
}

var assessmentNames = map[string]string{
	engine.AssessAchievement: bilingual(messages.ReportLabelDegreeOfAchievement),
	engine.AssessMeasurement: bilingual(messages.ReportLabelPerformanceMeasurement),
}

var awardNames = map[string]string{
	engine.AwardRankRise:      bilingual(messages.ReportAwardRankRise),
	engine.AwardRectification: bilingual(messages.ReportAwardRectification),
}

var rectSourceNames = map[string]string{
	engine.RectifyFromFail:    bilingual(messages.ReportRectifyFromFail),
	engine.RectifyFromFlag:    bilingual(messages.ReportValueLastTwoTwice),
	engine.RectifyFromOpinion: bilingual(messages.ReportRectifyFromOpinion),
	engine.RectifyFromOther:   bilingual(messages.ReportRectifyFromOther),
}

var rectStatusNames = map[string]string{
	engine.RectifyOpen:    bilingual(messages.ReportRectifyOpen),
	engine.RectifyClosed:  bilingual(messages.ReportRectifyClosed),
	engine.RectifyAudited: bilingual(messages.ReportRectifyAudited),
	engine.RectifyOverdue: bilingual(messages.ReportRectifyOverdue),
}

func signed(x float64, dec int) string {
	s := fv(x, dec)
	if x > 0 {
		return "+" + s
	}
	return s
}

// plan fills the assessment dimensions, the benchmarks, the panel, the awards and the
// rectification items of the view.
func (vb *viewBuilder) plan() {
	in, res, v, unitName := vb.in, vb.res, vb.v, vb.unitName
	// Assessment dimensions (plan line 3398).
	var ach, mea []string
	var achW, meaW float64
	if in.Framework != nil {
		for _, r := range in.Framework.Indicators() {
			var w float64
			for _, ir := range res.Indicators {
				if ir.Code == r.Node.Code {
					w = ir.Weight
				}
			}
			switch r.Node.Indicator.Assessment {
			case engine.AssessAchievement:
				ach, achW = append(ach, r.Node.Name), achW+w
			case engine.AssessMeasurement:
				mea, meaW = append(mea, r.Node.Name), meaW+w
			}
		}
	}
	if len(ach)+len(mea) > 0 {
		av := &assessmentView{
			Achievement: bilingual(messages.ReportTextAssessmentIndicators, "count", len(ach), "weight", fv(achW, 4)) + "：" + strings.Join(ach, "、"),
			Measurement: bilingual(messages.ReportTextAssessmentIndicators, "count", len(mea), "weight", fv(meaW, 4)) + "：" + strings.Join(mea, "、"),
		}
		for _, u := range vb.ranked {
			row := assessmentRow{Unit: u.Code, Name: unitName(u.Code), Achievement: "—", Measurement: "—"}
			for _, a := range u.Assessment {
				switch a.Code {
				case engine.AssessAchievement:
					row.Achievement = f(a.Score, 2)
				case engine.AssessMeasurement:
					row.Measurement = f(a.Score, 2)
				}
			}
			av.Rows = append(av.Rows, row)
		}
		v.Assessment = av
	}
	// Challenge targets and benchmarks (plan line 3400).
	for _, ir := range res.Indicators {
		challenge := false
		for _, c := range ir.Cells {
			challenge = challenge || c.Challenge != nil
		}
		if ir.Benchmark == nil && !challenge {
			continue
		}
		bv := benchmarkView{Code: ir.Code, Name: ir.Name, Challenge: challenge, Best: "—", External: "—"}
		if n := vb.nodes[ir.Code]; n != nil && n.Indicator != nil {
			bv.Unit = n.Indicator.Unit
		}
		if b := ir.Benchmark; b != nil {
			if b.BestValue != nil {
				bv.Best = unitName(b.BestUnit) + " " + f(b.BestValue, 2)
			}
			if b.Value != nil {
				bv.External = b.Name + " " + f(b.Value, 2)
				if b.Source != "" {
					bv.External += "（" + b.Source + "）"
				}
			}
		}
		for _, c := range ir.Cells {
			row := benchmarkRow{Unit: c.Unit, Name: unitName(c.Unit), Value: f(c.Value, 2), Challenge: "—", Met: "—",
				Previous: f(c.Previous, 2), Change: "—"}
			if c.Change != nil {
				row.Change = signed(*c.Change, 2)
			}
			if c.Challenge != nil {
				row.Challenge = fv(*c.Challenge, 2)
				if c.ChallengeBasis == string(engine.BasisGrowth) {
					row.Challenge = bilingual(messages.ReportValueGrowth) + " " + fv(*c.Challenge, 2) + "%"
				}
			}
			if c.ChallengeMet != nil {
				row.ChallengeMet = *c.ChallengeMet
				row.Met = bilingual(messages.ReportValueChallengeNotMet)
				if *c.ChallengeMet {
					row.Met = bilingual(messages.ReportValueChallengeMet)
				}
			}
			bv.Rows = append(bv.Rows, row)
		}
		v.Benchmarks = append(v.Benchmarks, bv)
	}
	// The panel of two periods.
	if p := res.Panel; p != nil {
		pv := &panelView{PreviousPeriod: string(p.PreviousPeriod), Period: string(res.Period), PreviousDigest: p.PreviousDigest}
		rows := append([]engine.PanelRow(nil), p.Rows...)
		sort.SliceStable(rows, func(i, j int) bool {
			a, b := rows[i].Rank, rows[j].Rank
			if a == 0 || b == 0 {
				return a != 0
			}
			return a < b
		})
		for _, r := range rows {
			row := panelRow{Unit: r.Unit, Name: unitName(r.Unit), PrevScore: f(r.PreviousComposite, 2), Score: f(r.Composite, 2),
				DeltaScore: "—", PrevRank: "—", Rank: "—", DeltaRank: "—", PrevGrade: vb.grade(r.PreviousGrade), Grade: vb.grade(r.Grade),
				Items: strconv.Itoa(r.RectificationItems)}
			if r.DeltaScore != nil {
				row.DeltaScore = signed(*r.DeltaScore, 2)
			}
			if r.PreviousRank > 0 {
				row.PrevRank = strconv.Itoa(r.PreviousRank)
			}
			if r.Rank > 0 {
				row.Rank = strconv.Itoa(r.Rank)
			}
			if r.DeltaRank != nil {
				d := *r.DeltaRank
				row.Rose, row.Fell = d > 0, d < 0
				switch {
				case d > 0:
					row.DeltaRank = "↑" + strconv.Itoa(d)
				case d < 0:
					row.DeltaRank = "↓" + strconv.Itoa(-d)
				default:
					row.DeltaRank = "0"
				}
			}
			pv.Rows = append(pv.Rows, row)
		}
		v.Panel = pv
	}
	for _, a := range res.Awards {
		v.Awards = append(v.Awards, awardRow{Award: awardNames[a.Code], Unit: a.Unit, Name: unitName(a.Unit), Basis: a.Basis})
	}
	if r := in.Config.Awards; r != nil {
		var rules []string
		if r.RankRise > 0 {
			rules = append(rules, bilingual(messages.ReportTextRuleRankRise, "places", r.RankRise))
		}
		if r.Rectification {
			rules = append(rules, bilingual(messages.ReportTextRuleRectification))
		}
		v.AwardRules = strings.Join(rules, "；")
	}
	for _, r := range res.Rectifications {
		row := rectRow{N: strconv.Itoa(r.Number), Unit: r.Unit, Name: unitName(r.Unit), Period: string(r.Period),
			Source: rectSourceNames[r.Source], Reference: r.Reference, Issue: r.Issue, Owner: r.Owner, Deadline: r.Deadline,
			Status: rectStatusNames[r.StatusAtEnd], StatusClass: r.StatusAtEnd, Evidence: r.Evidence, ClosedOn: r.ClosedOn, AuditedOn: r.AuditedOn}
		if row.ClosedOn == "" {
			row.ClosedOn = "—"
		}
		if row.AuditedOn == "" {
			row.AuditedOn = "—"
		}
		v.Rectifications = append(v.Rectifications, row)
		v.RectificationsEnd = r.End
	}
}

// economyHoldsInputs reports whether the framework's Economy dimension holds revenue or
// investment indicators (higher is better): inputs raised, not costs saved.
func economyHoldsInputs(fw *engine.Framework) bool {
	if fw == nil {
		return false
	}
	for _, r := range fw.Indicators() {
		if r.Dimension != engine.Economy || r.Node.Indicator.Polarity != engine.PolarityHigher {
			continue
		}
		for _, w := range []string{"收入", "税收", "投资", "外资"} {
			if strings.Contains(r.Node.Name, w) {
				return true
			}
		}
	}
	return false
}
