package engine_test

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"evalbench/evaluation/engine"
	"evalbench/messages/messagestest"
)

const tol = 1e-12

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.15g, want %.15g (±%g)", what, got, want, tol)
	}
}

func nearPtr(t *testing.T, what string, got *float64, want, tol float64) {
	t.Helper()
	if got == nil {
		t.Errorf("%s = null, want %.15g", what, want)
		return
	}
	near(t, what, *got, want, tol)
}

func resp(unit, group, rater, item string, score float64) engine.Response {
	return engine.Response{Unit: unit, Group: group, Rater: rater, Item: item, Score: score}
}

// leadershipSurvey is a two-item 360 survey on a 1–5 scale: superiors (weight 2, at least 2
// raters), peers (weight 1, default minimum 3), subordinates (weight 1, default minimum 3) and
// self (default minimum 1, kept out of the score), trimming one rater at each end.
func leadershipSurvey() *engine.Survey {
	return &engine.Survey{Code: "s360", Title: "领导班子360度测评", Kind: engine.Survey360,
		Scale: engine.Scale{Min: 1, Max: 5},
		Items: []engine.SurveyItem{
			{Code: "q1", Text: "履职尽责", Content: engine.ContentDuty},
			{Code: "q2", Text: "工作作风", Content: engine.ContentWorkStyle, Dimension: engine.Efficiency},
		},
		Groups: []engine.RaterGroup{
			{Code: engine.GroupSuperior, Weight: 2, MinRaters: 2},
			{Code: engine.GroupPeer, Weight: 1},
			{Code: engine.GroupSubordinate, Weight: 1},
			{Code: engine.GroupSelf, Weight: 1},
		},
		Options: engine.SurveyOptions{TrimK: 1},
	}
}

func leadershipResponses() []engine.Response {
	return []engine.Response{
		resp("A", "superior", "s1", "q1", 5), resp("A", "superior", "s1", "q2", 4),
		resp("A", "superior", "s2", "q1", 4), resp("A", "superior", "s2", "q2", 4),
		resp("A", "peer", "p1", "q1", 3), resp("A", "peer", "p1", "q2", 3),
		resp("A", "peer", "p2", "q1", 4), resp("A", "peer", "p2", "q2", 2),
		resp("A", "peer", "p3", "q1", 2), resp("A", "peer", "p3", "q2", 2),
		// Two subordinates: below the minimum of 3, so suppressed. Their extreme scores would
		// show anywhere they leaked (the score, the others' means, α).
		resp("A", "subordinate", "b1", "q1", 1), resp("A", "subordinate", "b1", "q2", 1),
		resp("A", "subordinate", "b2", "q1", 1), resp("A", "subordinate", "b2", "q2", 1),
		resp("A", "self", "a", "q1", 5), resp("A", "self", "a", "q2", 3),
	}
}

func aggregate(t *testing.T, s *engine.Survey, rs []engine.Response) *engine.SurveyResult {
	t.Helper()
	res, err := engine.AggregateSurvey(s, rs)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func group(t *testing.T, u engine.SurveyUnitResult, code string) engine.SurveyGroupResult {
	t.Helper()
	for _, g := range u.Groups {
		if g.Group == code {
			return g
		}
	}
	t.Fatalf("unit %s has no group %s", u.Unit, code)
	return engine.SurveyGroupResult{}
}

func weight(t *testing.T, u engine.SurveyUnitResult, code string) engine.SurveyGroupWeight {
	t.Helper()
	for _, w := range u.Weights {
		if w.Group == code {
			return w
		}
	}
	t.Fatalf("unit %s has no weight for %s", u.Unit, code)
	return engine.SurveyGroupWeight{}
}

func TestAggregateHandComputed(t *testing.T) {
	res := aggregate(t, leadershipSurvey(), leadershipResponses())
	if len(res.Units) != 1 || res.Responses != 12 { // the 4 suppressed subordinate responses are discarded
		t.Fatalf("units %d, responses %d", len(res.Units), res.Responses)
	}
	u := res.Units[0]

	// Superiors: rater means s1 (5+4)/2 = 4.5, s2 (4+4)/2 = 4; mean 4.25, median 4.25,
	// SD √((0.25² + 0.25²)/1) = √0.125; trimming 1 at each end of 2 values leaves none (null);
	// score (4.25 − 1)/(5 − 1)·100 = 81.25.
	sup := group(t, u, "superior")
	if sup.Suppressed || sup.Stats == nil || sup.Stats.N != 2 {
		t.Fatalf("superior %+v", sup)
	}
	near(t, "superior mean", sup.Stats.Mean, 4.25, tol)
	near(t, "superior median", sup.Stats.Median, 4.25, tol)
	nearPtr(t, "superior sd", sup.Stats.SD, math.Sqrt(0.125), tol)
	if sup.Stats.TrimmedMean != nil {
		t.Errorf("superior trimmed mean %v, want null (2k ≥ n)", *sup.Stats.TrimmedMean)
	}
	near(t, "superior score", sup.Stats.Score, 81.25, tol)
	// Item q1 of the superiors: 5 and 4 → mean 4.5, SD √0.5, score 87.5.
	if len(sup.Items) != 2 || sup.Items[0].Item != "q1" || sup.Items[0].Stats == nil {
		t.Fatalf("superior items %+v", sup.Items)
	}
	near(t, "superior q1 mean", sup.Items[0].Stats.Mean, 4.5, tol)
	nearPtr(t, "superior q1 sd", sup.Items[0].Stats.SD, math.Sqrt(0.5), tol)
	near(t, "superior q1 score", sup.Items[0].Stats.Score, 87.5, tol)

	// Peers: rater means p1 3, p2 (4+2)/2 = 3, p3 2; mean 8/3, median 3,
	// SD √(((1/3)² + (1/3)² + (2/3)²)/2) = √(1/3); trimmed (k = 1) mean of [2 3 3] → 3;
	// score (8/3 − 1)/4·100 = 125/3.
	peer := group(t, u, "peer")
	near(t, "peer mean", peer.Stats.Mean, 8.0/3, tol)
	near(t, "peer median", peer.Stats.Median, 3, tol)
	nearPtr(t, "peer sd", peer.Stats.SD, math.Sqrt(1.0/3), tol)
	nearPtr(t, "peer trimmed mean", peer.Stats.TrimmedMean, 3, tol)
	near(t, "peer score", peer.Stats.Score, 125.0/3, tol)

	// Subordinates are suppressed: nothing but the flag, not even their number.
	sub := group(t, u, "subordinate")
	raw, _ := json.Marshal(sub)
	if string(raw) != `{"group":"subordinate","suppressed":true}` {
		t.Errorf("suppressed group serialises as %s", raw)
	}

	// 360 score over the counted groups: (2·81.25 + 1·125/3)/(2 + 1) = 1225/18.
	nearPtr(t, "unit score", u.Score, 1225.0/18, tol)
	// Nominal weights over superior, peer, subordinate (self is out): 2/4, 1/4, 1/4; effective
	// over the counted superior and peer: 2/3, 1/3, and 0 for the suppressed subordinates.
	for _, c := range []struct {
		group, status      string
		nominal, effective float64
	}{
		{"peer", engine.GroupStatusCounted, 0.25, 1.0 / 3},
		{"self", engine.GroupStatusSelfExcluded, 0, 0},
		{"subordinate", engine.GroupStatusSuppressed, 0.25, 0},
		{"superior", engine.GroupStatusCounted, 0.5, 2.0 / 3},
	} {
		w := weight(t, u, c.group)
		if w.Status != c.status {
			t.Errorf("%s status %s, want %s", c.group, w.Status, c.status)
		}
		near(t, c.group+" nominal", w.Nominal, c.nominal, tol)
		near(t, c.group+" effective", w.Effective, c.effective, tol)
	}
	if got := []string{u.Weights[0].Group, u.Weights[3].Group}; got[0] != "peer" || got[1] != "superior" {
		t.Errorf("weights not in code order: %v", u.Weights)
	}

	// Self–others: the others are superiors and peers (subordinates are suppressed).
	// q1: self 5, others (5+4+3+4+2)/5 = 3.6, gap 1.4 > 0.2·(5 − 1) = 0.8: a blind spot.
	// q2: self 3, others (4+4+3+2+2)/5 = 3, gap 0.
	if len(u.Gaps) != 2 {
		t.Fatalf("gaps %+v", u.Gaps)
	}
	g1, g2 := u.Gaps[0], u.Gaps[1]
	near(t, "q1 others", g1.Others, 3.6, tol)
	near(t, "q1 gap", g1.Gap, 1.4, 1e-12)
	if !g1.BlindSpot || g1.Direction != engine.SelfHigher || g1.OthersN != 5 || g1.Self != 5 {
		t.Errorf("q1 gap %+v", g1)
	}
	near(t, "q2 gap", g2.Gap, 0, tol)
	if g2.BlindSpot || g2.Direction != "" {
		t.Errorf("q2 gap %+v", g2)
	}

	// Cronbach's α over the six complete rater × unit rows outside suppressed cells
	// (s1 [5 4], s2 [4 4], p1 [3 3], p2 [4 2], p3 [2 2], self [5 3]):
	// item variances 246/180 and 144/180, total variance 606/180,
	// α = 2·(1 − 390/606) = 432/606.
	a := res.Reliability.Alpha
	if a.Rows != 6 || a.Items != 2 || a.Reason != nil {
		t.Fatalf("alpha %+v", a)
	}
	nearPtr(t, "alpha", a.Alpha, 432.0/606, tol)
	// No group rates two units: no ICC, each with its reason; no expert group: no Kendall's W.
	for _, icc := range res.Reliability.ICC {
		if icc.ICC21 != nil || icc.Reason == nil {
			t.Errorf("ICC of %s: %+v", icc.Group, icc)
			continue
		}
		messagestest.Valid(t, *icc.Reason)
	}
	if res.Reliability.KendallW != nil {
		t.Errorf("Kendall's W without an expert group: %+v", res.Reliability.KendallW)
	}
}

// A group that falls below its minimum disappears from the score and the weights renormalise
// over the rest; including self puts the self group into the score with its weight.
func TestAggregateSuppressionRenormalises(t *testing.T) {
	s := leadershipSurvey()
	rs := leadershipResponses()
	// Drop one superior: one rater left, below the minimum of 2.
	var fewer []engine.Response
	for _, r := range rs {
		if r.Rater != "s2" {
			fewer = append(fewer, r)
		}
	}
	u := aggregate(t, s, fewer).Units[0]
	if sup := group(t, u, "superior"); !sup.Suppressed || sup.Stats != nil || sup.Items != nil {
		t.Fatalf("superior with one rater: %+v", sup)
	}
	// Only the peers count: the score is theirs, 125/3, with effective weight 1.
	nearPtr(t, "unit score", u.Score, 125.0/3, tol)
	near(t, "peer effective", weight(t, u, "peer").Effective, 1, tol)
	if w := weight(t, u, "superior"); w.Status != engine.GroupStatusSuppressed || w.Effective != 0 || w.Nominal != 0.5 {
		t.Errorf("superior weight %+v", w)
	}
	// The suppressed superior's q1 score (5) is not among the others: (3+4+2)/3 = 3.
	near(t, "q1 others without the suppressed superior", u.Gaps[0].Others, 3, tol)

	// With include_self the self group counts with weight 1: self rater mean (5+3)/2 = 4 →
	// score 75; unit score (2·81.25 + 1·125/3 + 1·75)/(2 + 1 + 1) = (1225/6 + 75)/4 = 1675/24.
	s.Options.IncludeSelf = true
	u = aggregate(t, s, rs).Units[0]
	nearPtr(t, "unit score with self", u.Score, 1675.0/24, tol)
	if w := weight(t, u, "self"); w.Status != engine.GroupStatusCounted || math.Abs(w.Effective-0.25) > tol || math.Abs(w.Nominal-0.2) > tol {
		t.Errorf("self weight %+v", w)
	}

	// Every group suppressed: no score at all, rather than a score of 0.
	u = aggregate(t, leadershipSurvey(), rs[10:14]).Units[0]
	if u.Score != nil {
		t.Errorf("score %v with every group suppressed", *u.Score)
	}
}

// Leniency correction on a 0–10 scale: peers r1 and r2 rate units U1 and U2, r3 rates only U1,
// r4 gives 5 to both units.
func TestAggregateLeniencyCorrection(t *testing.T) {
	s := &engine.Survey{Code: "lenient", Title: "宽严校正", Kind: engine.Survey360,
		Scale:   engine.Scale{Min: 0, Max: 10},
		Items:   []engine.SurveyItem{{Code: "q1", Text: "总体评价"}},
		Groups:  []engine.RaterGroup{{Code: "peer", Weight: 1, MinRaters: 1}},
		Options: engine.SurveyOptions{LeniencyCorrection: true},
	}
	rs := []engine.Response{
		resp("U1", "peer", "r1", "q1", 8), resp("U2", "peer", "r1", "q1", 6), // lenient
		resp("U1", "peer", "r2", "q1", 4), resp("U2", "peer", "r2", "q1", 2), // harsh
		resp("U1", "peer", "r3", "q1", 5),                                    // one unit: left as is
		resp("U1", "peer", "r4", "q1", 5), resp("U2", "peer", "r4", "q1", 5), // no variance: left as is
	}
	res := aggregate(t, s, rs)
	// The group's raw scores 8 6 4 2 5 5 5: M = 35/7 = 5, S = √((9+1+1+9+0+0+0)/6) = √(10/3).
	// r1: mean 7, SD √2, z = ±1/√2; r2: mean 3, SD √2, the same z. Corrected:
	// 5 ± √(10/3)/√2 = 5 ± a with a = √(5/3), for U1 and U2 respectively.
	a := math.Sqrt(5.0 / 3)
	l := res.Leniency
	if l == nil || l.Raters != 4 || l.Corrected != 2 || l.SingleUnit != 1 || l.ZeroVariance != 1 || l.Clamped != 0 {
		t.Fatalf("leniency report %+v", l)
	}
	near(t, "group mean", l.Groups[0].Mean, 5, tol)
	nearPtr(t, "group sd", l.Groups[0].SD, math.Sqrt(10.0/3), tol)
	// U1: rater means 5+a (r1), 5+a (r2), 5 (r3), 5 (r4) → 5 + a/2.
	// U2: 5−a (r1), 5−a (r2), 5 (r4) → 5 − 2a/3.
	near(t, "U1 corrected mean", group(t, res.Units[0], "peer").Stats.Mean, 5+a/2, tol)
	near(t, "U2 corrected mean", group(t, res.Units[1], "peer").Stats.Mean, 5-2*a/3, tol)
	nearPtr(t, "U1 score", res.Units[0].Score, (5+a/2)*10, 1e-10)

	// Without the correction: U1 (8+4+5+5)/4 = 5.5, U2 (6+2+5)/3 = 13/3.
	s.Options.LeniencyCorrection = false
	res = aggregate(t, s, rs)
	if res.Leniency != nil {
		t.Error("a leniency report without the correction")
	}
	near(t, "U1 raw mean", group(t, res.Units[0], "peer").Stats.Mean, 5.5, tol)
	near(t, "U2 raw mean", group(t, res.Units[1], "peer").Stats.Mean, 13.0/3, tol)
}

// A corrected score beyond the scale is clamped to its bound and counted.
func TestAggregateLeniencyClamps(t *testing.T) {
	s := &engine.Survey{Code: "clamp", Title: "校正截断", Kind: engine.Survey360,
		Scale:   engine.Scale{Min: 0, Max: 10},
		Items:   []engine.SurveyItem{{Code: "q1", Text: "总体评价"}},
		Groups:  []engine.RaterGroup{{Code: "peer", Weight: 1, MinRaters: 1}},
		Options: engine.SurveyOptions{LeniencyCorrection: true},
	}
	// r1 gives 10, 0, 0: mean 10/3, SD √((400/9 + 100/9 + 100/9)/2) = √(100/3), so
	// z(U1) = (20/3)/√(100/3) = 2/√3 and z(U2) = z(U3) = −1/√3. r2 gives 10 everywhere (no variance).
	rs := []engine.Response{
		resp("U1", "peer", "r1", "q1", 10), resp("U2", "peer", "r1", "q1", 0), resp("U3", "peer", "r1", "q1", 0),
		resp("U1", "peer", "r2", "q1", 10), resp("U2", "peer", "r2", "q1", 10), resp("U3", "peer", "r2", "q1", 10),
	}
	res := aggregate(t, s, rs)
	// M = 40/6 = 20/3; deviations 10/3 (×4) and −20/3 (×2): S = √((4·100/9 + 2·400/9)/5) = √(1200/45) = √(80/3).
	// r1 at U1: y = 20/3 + √(80/3)·(2/√3) = 20/3 + 2√80/3 ≈ 12.63 > 10 → clamped to 10.
	if res.Leniency.Clamped != 1 || res.Leniency.Corrected != 1 || res.Leniency.ZeroVariance != 1 {
		t.Fatalf("leniency %+v", res.Leniency)
	}
	// U1: r1 clamped to 10, r2 unchanged 10 → mean 10.
	near(t, "U1 mean", group(t, res.Units[0], "peer").Stats.Mean, 10, tol)
	// U2: r1 at z = (0 − 10/3)/√(100/3) = −1/√3: y = 20/3 − √(80/3)/√3 = 20/3 − √80/3; r2 10.
	near(t, "U2 mean", group(t, res.Units[1], "peer").Stats.Mean, (20.0/3-math.Sqrt(80)/3+10)/2, 1e-12)
}

// Shrout & Fleiss (1979), Table 2: six targets rated by four judges. Fed as an expert group of
// a one-item survey, the complete block is the whole table. Published: ICC(2,1) = .29,
// ICC(2,4) = .62 (two decimals, so tolerance 0.005). Kendall's W by hand: per-judge ranks (ties
// averaged) give rank sums 17, 6, 19, 7.5, 23.5, 11 (mean 14), S = 239.5; ties Σ(t³ − t) = 30;
// W = 12·239.5/(4²·(6³ − 6) − 4·30) = 2874/3240; χ² = 4·5·W on 5 df.
func TestAggregateReliabilityShroutFleiss(t *testing.T) {
	table := [][]float64{{9, 2, 5, 8}, {6, 1, 3, 2}, {8, 4, 6, 8}, {7, 1, 2, 6}, {10, 5, 6, 9}, {6, 2, 4, 7}}
	s := &engine.Survey{Code: "sf", Title: "Shrout & Fleiss", Kind: engine.SurveyLeadership,
		Scale:  engine.Scale{Min: 1, Max: 10},
		Items:  []engine.SurveyItem{{Code: "q1", Text: "rating"}},
		Groups: []engine.RaterGroup{{Code: engine.GroupExpert, Weight: 1}},
	}
	var rs []engine.Response
	for i, row := range table {
		for j, x := range row {
			rs = append(rs, resp(fmt.Sprintf("t%d", i+1), "expert", fmt.Sprintf("j%d", j+1), "q1", x))
		}
	}
	res := aggregate(t, s, rs)
	icc := res.Reliability.ICC[0]
	if icc.Units != 6 || icc.Raters != 4 || icc.ICC21 == nil {
		t.Fatalf("ICC %+v", icc)
	}
	near(t, "ICC(2,1)", icc.ICC21.Value, 0.29, 0.005)
	near(t, "ICC(2,4)", icc.ICC2k.Value, 0.62, 0.005)
	if icc.ICC21.Lower == nil || *icc.ICC21.Lower > icc.ICC21.Value || *icc.ICC21.Upper < icc.ICC21.Value {
		t.Errorf("ICC(2,1) interval %+v", icc.ICC21)
	}
	k := res.Reliability.KendallW
	if k == nil || k.Raters != 4 || k.Units != 6 || k.DF != 5 {
		t.Fatalf("Kendall %+v", k)
	}
	nearPtr(t, "W", k.W, 2874.0/3240, tol)
	nearPtr(t, "χ²", k.ChiSquare, 20*2874.0/3240, 1e-10)
	if res.Reliability.Alpha.Reason == nil {
		t.Error("α of a one-item survey should say why it is missing")
	}

	// A rater who misses one unit leaves the complete block: three judges remain.
	var fewer []engine.Response
	for _, r := range rs {
		if !(r.Rater == "j4" && r.Unit == "t6") {
			fewer = append(fewer, r)
		}
	}
	res = aggregate(t, s, fewer)
	if icc := res.Reliability.ICC[0]; icc.Raters != 3 || icc.Units != 6 {
		t.Errorf("block without j4: %+v", icc)
	}
}

// The same responses in any order give byte-identical JSON.
func TestAggregateDeterministic(t *testing.T) {
	s := leadershipSurvey()
	s.Groups = append(s.Groups, engine.RaterGroup{Code: engine.GroupPublic, Weight: 3, MinRaters: 5}, engine.RaterGroup{Code: engine.GroupExpert, Weight: 1})
	s.Options.LeniencyCorrection = true
	rng := rand.New(rand.NewPCG(2016, 2020))
	var rs []engine.Response
	for u := range 7 {
		unit := fmt.Sprintf("U%02d", u)
		for _, g := range []string{"superior", "peer", "subordinate", "public", "expert"} {
			n := 2 + rng.IntN(6)
			for r := range n {
				for _, item := range []string{"q1", "q2"} {
					if rng.IntN(10) == 0 {
						continue // an unanswered item
					}
					rater := fmt.Sprintf("%s-%d", g, r)
					if g == "peer" || g == "public" {
						rater = fmt.Sprintf("%s-%s-%d", g, unit, r)
					}
					rs = append(rs, resp(unit, g, rater, item, float64(1+rng.IntN(5))))
				}
			}
		}
		rs = append(rs, resp(unit, "self", "self-"+unit, "q1", 5), resp(unit, "self", "self-"+unit, "q2", 4))
	}
	want, err := json.Marshal(aggregate(t, s, rs))
	if err != nil {
		t.Fatal(err)
	}
	for round := range 5 {
		shuffled := append([]engine.Response(nil), rs...)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		got, err := json.Marshal(aggregate(t, s, shuffled))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Fatalf("round %d: the result depends on the order of the responses", round)
		}
	}
	if strings.Contains(string(want), "NaN") {
		t.Fatal("NaN in the result")
	}
}

func TestAggregateRejectsBadResponses(t *testing.T) {
	s := leadershipSurvey()
	rs := []engine.Response{
		resp("A", "superior", "s1", "q1", 5),
		resp("A", "nobody", "s1", "q1", 5),   // unknown group
		resp("A", "superior", "s1", "q9", 5), // unknown item
		resp("A", "superior", "s1", "q2", 6), // outside 1–5
		resp("A", "superior", "", "q2", 3),   // no rater
	}
	_, err := engine.AggregateSurvey(s, rs)
	var ve *engine.ValidationError
	if !errors.As(err, &ve) || ve.Total != 4 {
		t.Fatalf("err %v", err)
	}
	_, err = engine.AggregateSurvey(s, []engine.Response{resp("A", "superior", "s1", "q1", 5), resp("A", "superior", "s1", "q1", 4)})
	if !errors.As(err, &ve) || ve.Total != 1 || !strings.Contains(ve.Problems[0].Message, "twice") {
		t.Fatalf("duplicate: %v", err)
	}
	// A categorical scale accepts only its categories' scores.
	cat := &engine.Survey{Code: "c", Title: "满意度", Kind: engine.SurveySocial,
		Scale:  engine.Scale{Categories: []engine.ScaleCategory{{Label: "满意", Score: 100}, {Label: "不满意", Score: 0}}},
		Items:  []engine.SurveyItem{{Code: "q1", Text: "总体"}},
		Groups: []engine.RaterGroup{{Code: "public", Weight: 1}}}
	if _, err := engine.AggregateSurvey(cat, []engine.Response{resp("A", "public", "p", "q1", 50)}); !errors.As(err, &ve) {
		t.Fatalf("a score between categories: %v", err)
	}
}

// largeSurvey generates about a million responses: 300 units × 20 items, rated by 120 members
// of the public and 10 subordinates of their own, 30 peers drawn from a pool of 300, the same 5
// superiors, and the unit itself.
func largeSurvey() (*engine.Survey, []engine.Response) {
	s := &engine.Survey{Code: "big", Title: "综合考评", Kind: engine.Survey360,
		Scale: engine.Scale{Min: 1, Max: 5},
		Groups: []engine.RaterGroup{{Code: "public", Weight: 5}, {Code: "peer", Weight: 2}, {Code: "subordinate", Weight: 1},
			{Code: "superior", Weight: 2}, {Code: "self", Weight: 0}},
		Options: engine.SurveyOptions{TrimK: 2, LeniencyCorrection: true},
	}
	for i := range 20 {
		s.Items = append(s.Items, engine.SurveyItem{Code: fmt.Sprintf("q%02d", i), Text: "题目"})
	}
	rng := rand.New(rand.NewPCG(1, 2))
	rs := make([]engine.Response, 0, 1_000_000)
	add := func(unit, g, rater string) {
		for _, it := range s.Items {
			rs = append(rs, resp(unit, g, rater, it.Code, float64(1+rng.IntN(5))))
		}
	}
	for u := range 300 {
		unit := fmt.Sprintf("U%03d", u)
		for r := range 120 {
			add(unit, "public", fmt.Sprintf("pub-%03d-%03d", u, r))
		}
		for r := range 10 {
			add(unit, "subordinate", fmt.Sprintf("sub-%03d-%02d", u, r))
		}
		for r := range 30 {
			add(unit, "peer", fmt.Sprintf("peer-%03d", (u+r*10)%300))
		}
		for r := range 5 {
			add(unit, "superior", fmt.Sprintf("sup-%d", r))
		}
		add(unit, "self", "self-"+unit)
	}
	return s, rs
}

// BenchmarkAggregateSurvey1M aggregates about a million responses (the run benchmark's survey).
func BenchmarkAggregateSurvey1M(b *testing.B) {
	s, rs := largeSurvey()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := engine.AggregateSurvey(s, rs)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Units) != 300 {
			b.Fatalf("%d units", len(res.Units))
		}
	}
}

// SortResponses orders by unit, group, rater and item as strings compare, whatever the input
// order.
func TestSortResponsesCanonical(t *testing.T) {
	_, rs := largeSurvey()
	rs = rs[:20000]
	rng := rand.New(rand.NewPCG(7, 8))
	shuffled := append([]engine.Response(nil), rs...)
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	engine.SortResponses(shuffled)
	want := append([]engine.Response(nil), rs...)
	slices.SortFunc(want, func(p, q engine.Response) int {
		return cmp.Or(strings.Compare(p.Unit, q.Unit), strings.Compare(p.Group, q.Group),
			strings.Compare(p.Rater, q.Rater), strings.Compare(p.Item, q.Item))
	})
	if !slices.Equal(shuffled, want) {
		t.Fatal("SortResponses does not give the canonical order")
	}
}

// Ties keep their input order (the sort is stable), also where a tie sits in a long cycle of the
// permutation SortResponses applies in place.
func TestSortResponsesStable(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	var rs []engine.Response
	for k := range 5000 {
		rs = append(rs, engine.Response{Unit: fmt.Sprintf("u%d", rng.IntN(7)), Group: fmt.Sprintf("g%d", rng.IntN(3)),
			Rater: fmt.Sprintf("r%d", rng.IntN(11)), Item: fmt.Sprintf("i%d", rng.IntN(5)), Score: float64(k)})
	}
	want := append([]engine.Response(nil), rs...)
	slices.SortStableFunc(want, func(p, q engine.Response) int {
		return cmp.Or(strings.Compare(p.Unit, q.Unit), strings.Compare(p.Group, q.Group),
			strings.Compare(p.Rater, q.Rater), strings.Compare(p.Item, q.Item))
	})
	engine.SortResponses(rs)
	if !slices.Equal(rs, want) {
		t.Fatal("SortResponses is not the stable canonical order")
	}
}

// Suppressed cells influence nothing (anonymity first): with the leniency correction on, changing
// every score of a suppressed unit × group cell leaves the result unchanged byte for byte, and
// the responses with the suppressed cells withheld (as a published report holds them) give the
// same result as all the responses.
func TestAggregateSuppressedCellsInfluenceNothing(t *testing.T) {
	s := leadershipSurvey()
	s.Groups = append(s.Groups, engine.RaterGroup{Code: engine.GroupPublic, Weight: 3, MinRaters: 5}, engine.RaterGroup{Code: engine.GroupExpert, Weight: 1})
	s.Options.LeniencyCorrection = true
	rng := rand.New(rand.NewPCG(3338, 3500))
	var rs []engine.Response
	for u := range 6 {
		unit := fmt.Sprintf("U%02d", u)
		for _, g := range []string{"superior", "peer", "subordinate", "public", "expert"} {
			for r := range 1 + rng.IntN(6) {
				for _, item := range []string{"q1", "q2"} {
					// Raters of every group rate several units, so that the correction would
					// carry a suppressed cell's scores into other cells if they were used.
					rs = append(rs, resp(unit, g, fmt.Sprintf("%s-%d", g, r), item, float64(1+rng.IntN(5))))
				}
			}
		}
	}
	want, err := json.Marshal(aggregate(t, s, rs))
	if err != nil {
		t.Fatal(err)
	}
	kept, cells, err := engine.WithholdSuppressed(s, rs)
	if err != nil {
		t.Fatal(err)
	}
	if len(cells) == 0 || len(kept) == len(rs) {
		t.Fatalf("the data should have suppressed cells: %d cells, %d of %d responses kept", len(cells), len(kept), len(rs))
	}
	withheld := map[engine.SurveyCell]bool{}
	for _, c := range cells {
		withheld[c] = true
	}
	for _, r := range kept {
		if withheld[engine.SurveyCell{Unit: r.Unit, Group: r.Group}] {
			t.Fatalf("a kept response belongs to the withheld cell %s/%s", r.Unit, r.Group)
		}
	}
	res, err := engine.AggregateSurveyWithheld(s, kept, cells)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := json.Marshal(res); string(got) != string(want) {
		t.Fatal("the result of the responses with suppressed cells withheld differs from the result of all responses")
	}
	changed := slices.Clone(rs)
	for i, r := range changed {
		if withheld[engine.SurveyCell{Unit: r.Unit, Group: r.Group}] {
			changed[i].Score = 6 - r.Score
		}
	}
	if got, _ := json.Marshal(aggregate(t, s, changed)); string(got) != string(want) {
		t.Fatal("the scores of suppressed cells influence the result")
	}

	// A withheld cell that still has responses, or names an unknown group, is refused.
	_, err = engine.AggregateSurveyWithheld(s, rs, append(slices.Clone(cells), engine.SurveyCell{Unit: "U00", Group: "nobody"}))
	var ve *engine.ValidationError
	if !errors.As(err, &ve) || ve.Total < 2 {
		t.Fatalf("withheld cells with responses and an unknown group: %v", err)
	}
}

// The survey aggregation's result and the canonical order of the responses are byte-identical to
// what the code gave before issue 15 changed how they are sorted (the permutations are applied in
// place now): the digests below were computed by the code just before issue 15's merge (commit
// 70fe598, whose results record messages as catalogue ids; 9980a3a's English-text results gave
// 3d1bb7d9… for the first and the same fd19a4d4… for the second), on the same seeded fixture,
// shuffled.
func TestSurveyDigestsUnchangedByIssue15(t *testing.T) {
	s, rs := largeSurvey()
	rs = rs[:300_000]
	rng := rand.New(rand.NewPCG(15, 15))
	rng.Shuffle(len(rs), func(i, j int) { rs[i], rs[j] = rs[j], rs[i] })
	res, err := engine.AggregateSurvey(s, rs)
	if err != nil {
		t.Fatal(err)
	}
	engine.SortResponses(rs)
	for _, c := range []struct {
		what string
		v    any
		want string
	}{{"the aggregation's result", res, "c25d6d1af82721908385874753bb49aa3f57127ba6bbfb82c131a1798941cd85"}, {"the sorted responses", rs, "fd19a4d4a191e9a83af9e85236081c879bf9d6d3b75c7253bb94256f0d602893"}} {
		d, err := engine.Digest(c.v)
		if err != nil {
			t.Fatal(err)
		}
		if d != c.want {
			t.Errorf("digest of %s %s, want %s", c.what, d, c.want)
		}
	}
}
