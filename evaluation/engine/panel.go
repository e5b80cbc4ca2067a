package engine

import (
	"fmt"
	"math"
	"sort"
)

// The plan's remaining rules (plan 000_5f10bc819717fac2.txt, lines 3398–3494):
//   - two assessment dimensions of the district departments' target assessment, degree of
//     achievement (实现程度) and performance measurement (绩效测度), line 3398 — Indicator.Assessment;
//   - challenge targets and horizontal and vertical benchmarking (设置挑战目标，鼓励横向、纵向标杆
//     比对), line 3400 — Indicator.ChallengeTargets, Indicator.Benchmark;
//   - a panel of the runs of successive periods, and the awards computed from it: marked rank
//     improvement (进位显著奖) and effective rectification (意见整改成效显著奖), line 3494;
//   - the evaluation–rectification–feedback loop (评价—整改—反馈, line 3452) with 限期整改 for the
//     units graded fail (line 3482): rectification items carried into the next period's run.

// Assessment dimensions of the target assessment (plan line 3398: 设置实现程度和绩效测度两个维度).
const (
	AssessAchievement = "achievement" // 实现程度: how far the targets were reached
	AssessMeasurement = "measurement" // 绩效测度: performance measured (outcomes, efficiency, satisfaction)
)

// Award codes (plan line 3494: 设置一批进位显著奖、意见整改成效显著奖).
const (
	AwardRankRise      = "rank_rise"     // 进位显著奖
	AwardRectification = "rectification" // 意见整改成效显著奖
)

// Rectification sources and statuses (plan lines 3452, 3454, 3482).
const (
	RectifyFromFail    = "fail_grade"     // graded fail: 限期整改
	RectifyFromFlag    = "flag"           // in the last two places two periods running
	RectifyFromOpinion = "social_opinion" // an opinion of the social evaluation (社会评价意见整改)
	RectifyFromOther   = "other"

	RectifyOpen    = "open"
	RectifyClosed  = "closed"  // closed by its owner with evidence
	RectifyAudited = "audited" // the closure checked (验收)
	RectifyOverdue = "overdue" // open after its deadline (only in a run's view at the period's end)
)

// Benchmark is what an indicator is compared with besides its target (plan line 3400: 横向、纵向
// 标杆比对). A run reports, for an indicator that carries one, the horizontal comparisons — the best
// unit of the run and, when named, an external benchmark (Name, Value) — and the vertical one,
// each unit against its own value of the previous period.
type Benchmark struct {
	Name   string   `json:"name,omitempty"`   // external benchmark: who or what (e.g. 杭州市平均)
	Value  *float64 `json:"value,omitempty"`  // its value, in the indicator's unit
	Source string   `json:"source,omitempty"` // where the value comes from
}

// AwardRules configures the awards computed from the panel (default: none).
type AwardRules struct {
	// RankRise gives 进位显著奖 to every unit whose rank rose by at least this many places from
	// the previous period's run (0: no such award).
	RankRise int `json:"rank_rise,omitempty"`
	// Rectification gives 意见整改成效显著奖 to every unit that had rectification items from
	// earlier periods and whose items were all closed and audited by the end of this period.
	Rectification bool `json:"rectification,omitempty"`
}

// PreviousUnit is a unit's standing in the previous period's run.
type PreviousUnit struct {
	Code      string   `json:"code"`
	Composite *float64 `json:"composite"`
	Rank      int      `json:"rank,omitempty"`
	Grade     string   `json:"grade,omitempty"`
}

// Rectification is a rectification item (整改事项) raised for a unit by an evaluation: from a fail
// grade, a flag or an opinion of the social evaluation. Its owner closes it with evidence; a
// second step audits the closure. Dates are ISO dates (YYYY-MM-DD) as the commission states them.
type Rectification struct {
	ID          string `json:"id"`
	Number      int    `json:"number"`
	Unit        string `json:"unit"`
	Period      Period `json:"period"` // the period whose evaluation raised it
	Source      string `json:"source"` // fail_grade, flag, social_opinion, other
	SourceRunID string `json:"source_run_id,omitempty"`
	Reference   string `json:"reference,omitempty"` // the survey comment, the flag, …
	Issue       string `json:"issue"`
	Owner       string `json:"owner"`
	Deadline    string `json:"deadline"`
	Status      string `json:"status"` // open, closed, audited
	Evidence    string `json:"evidence,omitempty"`
	ClosedOn    string `json:"closed_on,omitempty"`
	AuditedOn   string `json:"audited_on,omitempty"`
	AuditNote   string `json:"audit_note,omitempty"`
}

// AssessmentScore is a unit's score on one assessment dimension (实现程度 or 绩效测度): the mean of
// its indicators' scores weighted by their global weights, over the indicators with a score.
type AssessmentScore struct {
	Code       string   `json:"code"`
	Score      *float64 `json:"score"`
	Weight     float64  `json:"weight"` // global weight of the dimension's indicators
	Indicators int      `json:"indicators"`
}

// BenchmarkResult is an indicator's horizontal benchmarks in a run: the best unit's value and
// the external benchmark, if any.
type BenchmarkResult struct {
	BestUnit  string   `json:"best_unit,omitempty"`
	BestValue *float64 `json:"best_value,omitempty"`
	Name      string   `json:"name,omitempty"`
	Value     *float64 `json:"value,omitempty"`
	Source    string   `json:"source,omitempty"`
}

// Panel joins the previous period's run and this one per unit.
type Panel struct {
	PreviousRunID  string     `json:"previous_run_id"`
	PreviousPeriod Period     `json:"previous_period"`
	PreviousDigest string     `json:"previous_digest"`
	Rows           []PanelRow `json:"rows"`
}

// PanelRow is one unit in two successive periods. DeltaRank is the places gained (previous rank
// minus this rank: positive is a rise); DeltaScore is this composite minus the previous one.
type PanelRow struct {
	Unit               string   `json:"unit"`
	PreviousComposite  *float64 `json:"previous_composite"`
	Composite          *float64 `json:"composite"`
	DeltaScore         *float64 `json:"delta_score"`
	PreviousRank       int      `json:"previous_rank,omitempty"`
	Rank               int      `json:"rank,omitempty"`
	DeltaRank          *int     `json:"delta_rank"`
	PreviousGrade      string   `json:"previous_grade,omitempty"`
	Grade              string   `json:"grade,omitempty"`
	PreviousBottomTwo  bool     `json:"previous_bottom_two,omitempty"`
	RectificationItems int      `json:"rectification_items,omitempty"`
}

// Award is an award a unit earns in this run, with the facts it rests on.
type Award struct {
	Code  string `json:"code"`
	Unit  string `json:"unit"`
	Basis string `json:"basis"`
}

// RectificationView is a rectification item of an earlier period as it stood at the end of this
// run's period: Status is audited, closed, open or overdue as of End.
type RectificationView struct {
	Rectification
	StatusAtEnd string `json:"status_at_end"`
	End         string `json:"end"`
}

// End returns the last day of the period as an ISO date.
func (p Period) End() string {
	y := p.Year()
	s := string(p)
	month := 12
	switch {
	case len(s) == 7 && s[5] == 'H':
		month = 6 * int(s[6]-'0')
	case len(s) == 7 && s[5] == 'Q':
		month = 3 * int(s[6]-'0')
	case len(s) == 7:
		month = int(s[5]-'0')*10 + int(s[6]-'0')
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	d := days[month]
	if month == 2 && (y%4 == 0 && y%100 != 0 || y%400 == 0) {
		d = 29
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, month, d)
}

// assessments computes every unit's two assessment-dimension scores, when the framework marks
// indicators with an assessment dimension.
func (e *engine) assessments() {
	groups := map[string][]int{}
	for j, r := range e.refs {
		if a := r.Node.Indicator.Assessment; a != "" {
			groups[a] = append(groups[a], j)
		}
	}
	if len(groups) == 0 {
		return
	}
	for i := range e.res.Units {
		for _, code := range []string{AssessAchievement, AssessMeasurement} {
			js := groups[code]
			if len(js) == 0 {
				continue
			}
			as := AssessmentScore{Code: code, Indicators: len(js)}
			var num, den float64
			for _, j := range js {
				w := e.res.Indicators[j].Weight
				as.Weight += w
				if s := e.scores[i][j]; !math.IsNaN(s) && w > 0 {
					num += w * s
					den += w
				}
			}
			if den > 0 {
				as.Score = ptr(math.Min(100, math.Max(0, num/den)))
			}
			e.res.Units[i].Assessment = append(e.res.Units[i].Assessment, as)
		}
	}
}

// benchmarks fills, for every indicator with challenge targets or a benchmark, each unit's
// challenge target of the period and whether it was met, its own previous-period value (the
// vertical benchmark), and the indicator's horizontal benchmarks.
func (e *engine) benchmarks() {
	prevPeriod := Period(fmt.Sprintf("%04d", e.year-1))
	for j, r := range e.refs {
		in := r.Node.Indicator
		ch := challengeOf(in, e.year)
		if ch == nil && in.Benchmark == nil {
			continue
		}
		ir := &e.res.Indicators[j]
		better := func(a, b float64) bool { // a is better than b
			if in.Polarity == PolarityLower {
				return a < b
			}
			return a > b
		}
		for i := range ir.Cells {
			c := &ir.Cells[i]
			prev, hasPrev := e.value(r.Node.Code, e.units[i], prevPeriod)
			if in.Benchmark != nil && hasPrev && prev.value != nil {
				c.Previous = ptr(*prev.value)
				if c.Value != nil {
					c.Change = ptr(*c.Value - *prev.value)
				}
			}
			if ch == nil || ch.Value == nil || c.Value == nil {
				continue
			}
			v := *c.Value
			if ch.Basis == BasisGrowth {
				if !hasPrev || prev.value == nil || *prev.value == 0 {
					continue
				}
				v = 100 * (*c.Value / *prev.value - 1)
			}
			c.Challenge = ptr(*ch.Value)
			c.ChallengeBasis = string(ch.Basis)
			met := v == *ch.Value || better(v, *ch.Value)
			c.ChallengeMet = &met
		}
		if in.Benchmark == nil {
			continue
		}
		br := &BenchmarkResult{Name: in.Benchmark.Name, Source: in.Benchmark.Source}
		if in.Benchmark.Value != nil {
			br.Value = ptr(*in.Benchmark.Value)
		}
		for _, c := range ir.Cells {
			if c.Value != nil && (br.BestValue == nil || better(*c.Value, *br.BestValue)) {
				br.BestUnit, br.BestValue = c.Unit, ptr(*c.Value)
			}
		}
		ir.Benchmark = br
	}
}

// challengeOf returns the indicator's challenge target for the year, or nil.
func challengeOf(in *Indicator, year int) *AnnualTarget {
	for k := range in.ChallengeTargets {
		if in.ChallengeTargets[k].Year == year {
			return &in.ChallengeTargets[k]
		}
	}
	return nil
}

// PanelOf joins the previous period's run (p, with its units) and this period's units: per unit
// the two composites, ranks and grades and their changes, in the order of units. items counts the
// rectification items each unit carries from earlier periods. It is nil without a previous run
// that lists its units. The run computes it into its result; the service computes it from two
// stored results for runs that predate it.
func PanelOf(p *PreviousRun, units []UnitResult, items map[string]int) *Panel {
	if p == nil || len(p.Units) == 0 {
		return nil
	}
	prev := map[string]PreviousUnit{}
	for _, u := range p.Units {
		prev[u.Code] = u
	}
	bottom := map[string]bool{}
	for _, u := range p.Bottom {
		bottom[u] = true
	}
	pn := &Panel{PreviousRunID: p.RunID, PreviousPeriod: p.Period, PreviousDigest: p.Digest, Rows: []PanelRow{}}
	for _, u := range units {
		row := PanelRow{Unit: u.Code, Composite: u.Composite, Rank: u.Rank, Grade: u.Grade,
			PreviousBottomTwo: bottom[u.Code], RectificationItems: items[u.Code]}
		if pu, ok := prev[u.Code]; ok {
			row.PreviousComposite, row.PreviousRank, row.PreviousGrade = pu.Composite, pu.Rank, pu.Grade
			if pu.Composite != nil && u.Composite != nil {
				row.DeltaScore = ptr(*u.Composite - *pu.Composite)
			}
			if pu.Rank > 0 && u.Rank > 0 {
				d := pu.Rank - u.Rank
				row.DeltaRank = &d
			}
		}
		pn.Rows = append(pn.Rows, row)
	}
	return pn
}

// PreviousOf is what a run takes of the previous period's run: its id, period and result digest,
// the units in the last two places and every unit's composite, rank and grade.
func PreviousOf(runID string, period Period, digest string, res *Result) *PreviousRun {
	p := &PreviousRun{RunID: runID, Period: period, Digest: digest, Bottom: []string{}}
	for _, u := range res.Units {
		if u.BottomTwo {
			p.Bottom = append(p.Bottom, u.Code)
		}
		p.Units = append(p.Units, PreviousUnit{Code: u.Code, Composite: u.Composite, Rank: u.Rank, Grade: u.Grade})
	}
	sort.Slice(p.Units, func(i, j int) bool { return p.Units[i].Code < p.Units[j].Code })
	return p
}

// panel joins the previous period's run with this one per unit, carries the rectification items
// of earlier periods with their status at the end of this period, and computes the awards.
func (e *engine) panel() {
	end := e.cfg.Period.End()
	items := map[string][]Rectification{}
	for _, r := range e.in.Rectifications {
		if r.Period >= e.cfg.Period {
			continue
		}
		items[r.Unit] = append(items[r.Unit], r)
		v := RectificationView{Rectification: r, End: end, StatusAtEnd: RectifyOpen}
		switch {
		case r.Status == RectifyAudited && r.AuditedOn != "" && r.AuditedOn <= end:
			v.StatusAtEnd = RectifyAudited
		case (r.Status == RectifyClosed || r.Status == RectifyAudited) && r.ClosedOn != "" && r.ClosedOn <= end:
			v.StatusAtEnd = RectifyClosed
		case r.Deadline != "" && r.Deadline < end:
			v.StatusAtEnd = RectifyOverdue
		}
		e.res.Rectifications = append(e.res.Rectifications, v)
	}
	sort.SliceStable(e.res.Rectifications, func(a, b int) bool {
		x, y := e.res.Rectifications[a], e.res.Rectifications[b]
		if x.Unit != y.Unit {
			return x.Unit < y.Unit
		}
		if x.Period != y.Period {
			return x.Period < y.Period
		}
		return x.Number < y.Number
	})
	counts := map[string]int{}
	for u, its := range items {
		counts[u] = len(its)
	}
	e.res.Panel = PanelOf(e.in.Previous, e.res.Units, counts)
	rules := e.cfg.Awards
	if rules == nil {
		return
	}
	if rules.RankRise > 0 && e.res.Panel != nil {
		for _, row := range e.res.Panel.Rows {
			if row.DeltaRank != nil && *row.DeltaRank >= rules.RankRise {
				e.res.Awards = append(e.res.Awards, Award{Code: AwardRankRise, Unit: row.Unit,
					Basis: fmt.Sprintf("%d → %d (+%d ≥ %d)", row.PreviousRank, row.Rank, *row.DeltaRank, rules.RankRise)})
			}
		}
	}
	if rules.Rectification {
		for _, u := range e.units {
			its := items[u]
			if len(its) == 0 {
				continue
			}
			all := true
			for _, r := range its {
				if !(r.Status == RectifyAudited && r.AuditedOn != "" && r.AuditedOn <= end && r.ClosedOn != "" && r.ClosedOn <= end) {
					all = false
				}
			}
			if all {
				e.res.Awards = append(e.res.Awards, Award{Code: AwardRectification, Unit: u,
					Basis: fmt.Sprintf("%d/%d ✓ ≤ %s", len(its), len(its), end)})
			}
		}
	}
	sort.SliceStable(e.res.Awards, func(a, b int) bool {
		if e.res.Awards[a].Code != e.res.Awards[b].Code {
			return e.res.Awards[a].Code < e.res.Awards[b].Code
		}
		return e.res.Awards[a].Unit < e.res.Awards[b].Unit
	})
}
