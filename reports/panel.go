package reports

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"evalbench/evaluation/engine"
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
	engine.AssessAchievement: "实现程度 Degree of achievement",
	engine.AssessMeasurement: "绩效测度 Performance measurement",
}

var awardNames = map[string]string{
	engine.AwardRankRise:      "进位显著奖 Award for marked rank improvement",
	engine.AwardRectification: "意见整改成效显著奖 Award for effective rectification",
}

var rectSourceNames = map[string]string{
	engine.RectifyFromFail:    "不合格限期整改 graded fail",
	engine.RectifyFromFlag:    "连续两期后两位 last two places twice",
	engine.RectifyFromOpinion: "社会评价意见 social-evaluation opinion",
	engine.RectifyFromOther:   "其他 other",
}

var rectStatusNames = map[string]string{
	engine.RectifyOpen:    "未完成 open",
	engine.RectifyClosed:  "已整改待验收 closed, not audited",
	engine.RectifyAudited: "已整改并验收 closed and audited",
	engine.RectifyOverdue: "逾期未完成 overdue",
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
			Achievement: fmt.Sprintf("%d 项 indicators，全局权重 global weight %s：%s", len(ach), fv(achW, 4), strings.Join(ach, "、")),
			Measurement: fmt.Sprintf("%d 项 indicators，全局权重 global weight %s：%s", len(mea), fv(meaW, 4), strings.Join(mea, "、")),
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
					row.Challenge = "增长 growth " + fv(*c.Challenge, 2) + "%"
				}
			}
			if c.ChallengeMet != nil {
				row.ChallengeMet = *c.ChallengeMet
				row.Met = "未达到 not met"
				if *c.ChallengeMet {
					row.Met = "达到 met"
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
			rules = append(rules, fmt.Sprintf("进位显著奖：名次较上一评价期上升不少于 %d 位 rank rise of at least %d places over the previous period", r.RankRise, r.RankRise))
		}
		if r.Rectification {
			rules = append(rules, "意见整改成效显著奖：以往评价期提出的整改事项于本期末前全部整改并验收 every rectification item of earlier periods closed and audited by the end of this period")
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
