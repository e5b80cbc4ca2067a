package engine_test

import (
	"errors"
	"testing"

	"evalbench/evaluation/engine"
)

func TestPeriodEnd(t *testing.T) {
	for p, want := range map[engine.Period]string{"2017": "2017-12-31", "2016-H1": "2016-06-30", "2016-Q1": "2016-03-31",
		"2016-02": "2016-02-29", "2017-02": "2017-02-28", "1900-02": "1900-02-28", "2000-02": "2000-02-29", "2017-Q4": "2017-12-31"} {
		if got := p.End(); got != want {
			t.Errorf("%s.End() = %s, want %s", p, got, want)
		}
	}
}

func fp(x float64) *float64 { return &x }

// TestPanelOf joins two periods by hand-checked numbers: A 80 → 90 rises from 3rd to 1st (+2),
// B keeps 85 and falls to 2nd, C drops from 1st to 3rd, D is new (no previous rank).
func TestPanelOf(t *testing.T) {
	prev := &engine.PreviousRun{RunID: "r1", Period: "2016", Bottom: []string{"A"}, Units: []engine.PreviousUnit{
		{Code: "A", Composite: fp(80), Rank: 3}, {Code: "B", Composite: fp(85), Rank: 2}, {Code: "C", Composite: fp(90), Rank: 1}}}
	units := []engine.UnitResult{{Code: "A", Composite: fp(90), Rank: 1}, {Code: "B", Composite: fp(85), Rank: 2},
		{Code: "C", Composite: fp(70), Rank: 3}, {Code: "D", Composite: fp(60), Rank: 4}}
	p := engine.PanelOf(prev, units, map[string]int{"A": 2})
	if p == nil || len(p.Rows) != 4 || p.PreviousRunID != "r1" {
		t.Fatalf("panel %+v", p)
	}
	want := []struct {
		dRank  *int
		dScore *float64
	}{{ip(2), fp(10)}, {ip(0), fp(0)}, {ip(-2), fp(-20)}, {nil, nil}}
	for i, r := range p.Rows {
		w := want[i]
		if (r.DeltaRank == nil) != (w.dRank == nil) || r.DeltaRank != nil && *r.DeltaRank != *w.dRank ||
			(r.DeltaScore == nil) != (w.dScore == nil) || r.DeltaScore != nil && *r.DeltaScore != *w.dScore {
			t.Errorf("%s: Δrank %v Δscore %v, want %+v", r.Unit, r.DeltaRank, r.DeltaScore, w)
		}
	}
	if !p.Rows[0].PreviousBottomTwo || p.Rows[0].RectificationItems != 2 {
		t.Errorf("A %+v", p.Rows[0])
	}
	if engine.PanelOf(nil, units, nil) != nil || engine.PanelOf(&engine.PreviousRun{Period: "2016"}, units, nil) != nil {
		t.Error("a panel without a previous run's units")
	}
}

func ip(n int) *int { return &n }

// TestAwardsAndRectifications computes the awards of a run on a small commission: unit u1 rises
// 3 places (the rule: ≥ 2), u2 has one item audited before the period's end, u3 one closed but
// audited after it, and an item raised in the run's own period is not carried.
func TestAwardsAndRectifications(t *testing.T) {
	in := fiveUnits()
	in.Config.Awards = &engine.AwardRules{RankRise: 2, Rectification: true}
	in.Config.MonteCarlo.Off = true
	res0, err := engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	// The previous period put the units in the reverse order of this one.
	prev := &engine.PreviousRun{RunID: "p", Period: "2015"}
	n := len(res0.Units)
	for _, u := range res0.Units {
		prev.Units = append(prev.Units, engine.PreviousUnit{Code: u.Code, Composite: fp(50), Rank: n + 1 - u.Rank})
	}
	in.Previous = prev
	in.Rectifications = []engine.Rectification{
		{Number: 1, Unit: res0.Units[1].Code, Period: "2015", Source: engine.RectifyFromOpinion, Deadline: "2016-06-30",
			Status: engine.RectifyAudited, ClosedOn: "2016-05-01", AuditedOn: "2016-06-01"},
		{Number: 2, Unit: res0.Units[2].Code, Period: "2015", Source: engine.RectifyFromFail, Deadline: "2016-06-30",
			Status: engine.RectifyAudited, ClosedOn: "2016-12-01", AuditedOn: "2017-01-10"},
		{Number: 3, Unit: res0.Units[0].Code, Period: "2016", Source: engine.RectifyFromOther, Deadline: "2017-06-30", Status: engine.RectifyOpen},
	}
	res, err := engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	if res.Period != "2016" {
		t.Fatalf("period %s", res.Period)
	}
	got := map[string]bool{}
	for _, a := range res.Awards {
		got[a.Code+":"+a.Unit] = true
	}
	for _, u := range res.Units {
		rose := n+1-u.Rank-u.Rank >= 2
		if got[engine.AwardRankRise+":"+u.Code] != rose {
			t.Errorf("%s rank %d (previous %d): rank-rise award %v", u.Code, u.Rank, n+1-u.Rank, !rose)
		}
	}
	if !got[engine.AwardRectification+":"+res0.Units[1].Code] || got[engine.AwardRectification+":"+res0.Units[2].Code] {
		t.Errorf("rectification awards %v", res.Awards)
	}
	if len(res.Rectifications) != 2 || res.Rectifications[0].End != "2016-12-31" {
		t.Fatalf("carried %+v", res.Rectifications)
	}
	status := map[string]string{}
	for _, r := range res.Rectifications {
		status[r.Unit] = r.StatusAtEnd
	}
	if status[res0.Units[1].Code] != engine.RectifyAudited || status[res0.Units[2].Code] != engine.RectifyClosed {
		t.Errorf("status at the end %v", status)
	}
	// Without award rules: the panel and the items, no awards.
	in.Config.Awards = nil
	res2, err := engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(res2.Awards) != 0 || res2.Panel == nil || len(res2.Rectifications) != 2 {
		t.Errorf("no rules: awards %v panel %v items %d", res2.Awards, res2.Panel != nil, len(res2.Rectifications))
	}
	in.Config.Awards = &engine.AwardRules{RankRise: -1}
	if _, err := engine.Compute(in); !errors.Is(err, engine.ErrInvalid) {
		t.Errorf("a negative rank rise: %v", err)
	}
}

// TestChallengeTargetValidation: a challenge target short of the annual target is refused.
func TestChallengeTargetValidation(t *testing.T) {
	in := fiveUnits()
	var ind *engine.Indicator
	for _, r := range in.Framework.Indicators() {
		if r.Node.Indicator.Polarity == engine.PolarityHigher && len(r.Node.Indicator.AnnualTargets) > 0 && r.Node.Indicator.AnnualTargets[0].Value != nil {
			ind = r.Node.Indicator
			break
		}
	}
	if ind == nil {
		t.Fatal("no indicator with an annual target")
	}
	at := ind.AnnualTargets[0]
	ind.ChallengeTargets = []engine.AnnualTarget{{Year: at.Year, Basis: at.Basis, Value: fp(*at.Value - 1)}}
	ind.Assessment = "both"
	err := in.Framework.Validate()
	var v *engine.ValidationError
	if !errors.As(err, &v) || len(v.Problems) != 2 {
		t.Fatalf("short challenge and unknown assessment: %v", err)
	}
	ind.ChallengeTargets[0].Value = fp(*at.Value + 1)
	ind.Assessment = engine.AssessAchievement
	if err := in.Framework.Validate(); err != nil {
		t.Fatal(err)
	}
}

// TestAssessmentAndBenchmarks: on fiveUnits, A is achievement and B, C measurement (equal global
// weights 1/4). u3 has no C: its measurement is B's score alone. B (lower is better) names an
// external benchmark of 40; its best unit is u1 (45).
func TestAssessmentAndBenchmarks(t *testing.T) {
	in := fiveUnits()
	in.Config.MonteCarlo.Off = true
	for _, r := range in.Framework.Indicators() {
		switch r.Node.Code {
		case "A":
			r.Node.Indicator.Assessment = engine.AssessAchievement
		case "B":
			r.Node.Indicator.Assessment = engine.AssessMeasurement
			r.Node.Indicator.Benchmark = &engine.Benchmark{Name: "市平均", Value: fp(40)}
		case "C":
			r.Node.Indicator.Assessment = engine.AssessMeasurement
		}
	}
	res, err := engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	score := map[string]map[string]float64{}
	for _, ir := range res.Indicators {
		for _, c := range ir.Cells {
			if score[c.Unit] == nil {
				score[c.Unit] = map[string]float64{}
			}
			if c.Score != nil {
				score[c.Unit][ir.Code] = *c.Score
			}
		}
	}
	for _, u := range res.Units {
		if len(u.Assessment) != 2 {
			t.Fatalf("%s assessment %+v", u.Code, u.Assessment)
		}
		s := score[u.Code]
		wantM := (s["B"] + s["C"]) / 2
		if _, ok := s["C"]; !ok {
			wantM = s["B"]
		}
		if a, m := u.Assessment[0], u.Assessment[1]; *a.Score != s["A"] || *m.Score != wantM || a.Indicators != 1 || m.Indicators != 2 {
			t.Errorf("%s: achievement %v measurement %v, want %v %v", u.Code, *a.Score, *m.Score, s["A"], wantM)
		}
	}
	for _, ir := range res.Indicators {
		if ir.Code == "B" {
			b := ir.Benchmark
			if b == nil || b.BestUnit != "u1" || *b.BestValue != 45 || *b.Value != 40 || b.Name != "市平均" {
				t.Errorf("benchmark %+v", b)
			}
		} else if ir.Benchmark != nil {
			t.Errorf("%s has a benchmark it did not ask for", ir.Code)
		}
	}
}
