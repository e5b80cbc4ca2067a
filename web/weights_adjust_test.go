package web_test

import (
	"context"
	"math"
	"net/url"
	"strings"
	"testing"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// addExpert gives the run site an expert of the commission, signed in as "expert".
func (s *runSite) addExpert(t *testing.T) evaluation.Actor {
	t.Helper()
	ctx := context.Background()
	sys := evaluation.SystemActor("test")
	u, err := s.svc.CreateUser(ctx, sys, evaluation.UserInput{InstituteID: s.owner.InstituteID, Name: "权重专家"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.svc.SetPassword(ctx, sys, u.ID, password); err != nil {
		t.Fatal(err)
	}
	if _, err := s.svc.Grant(ctx, s.owner, s.com.ID, u.ID, evaluation.RoleExpert); err != nil {
		t.Fatal(err)
	}
	x, err := s.svc.SignIn(ctx, evaluation.SigninInput{Login: u.Name, Password: password, Address: "192.0.2.9"})
	if err != nil {
		t.Fatal(err)
	}
	s.secrets["expert"] = x.Secret
	return x.Actor
}

// TestAdjustWeightPages previews an adjustment of the sub-district weights as an expert (page and
// htmx fragment), checks each swap threshold the preview gives by previewing the weight it names
// (the two units must then tie), refuses saving without a reason, saves with one, and finds the
// new version in the history and the audit log.
func TestAdjustWeightPages(t *testing.T) {
	s := newRunSite(t)
	expert := s.addExpert(t)
	ctx := context.Background()
	msg := messages.For(messages.Chinese)
	_, ws := s.reported(t)
	sets, err := s.svc.ListWeightSets(ctx, s.owner, s.com.ID)
	if err != nil {
		t.Fatal(err)
	}
	base := "/commissions/" + s.com.ID + "/weight-sets/" + ws.ID

	page := checkPage(t, s.do("expert", "GET", base, nil, false), 200, messages.Chinese)
	if !strings.Contains(page, msg.Sprintf(messages.WebWsadjTitle)) || !strings.Contains(page, `name="criterion"`) {
		t.Fatal("the expert's page has no adjustment form")
	}
	if page := checkPage(t, s.do("reviewer", "GET", base, nil, false), 200, messages.Chinese); strings.Contains(page, `name="criterion"`) {
		t.Error("the reviewer is offered the adjustment form")
	}
	if rec := s.do("reviewer", "GET", base+"/preview?criterion=root:economy&weight=0.4", nil, false); rec.Code != 403 {
		t.Errorf("reviewer's preview: %d, want 403", rec.Code)
	}

	// The preview, as a page and as the htmx fragment.
	page = checkPage(t, s.do("expert", "GET", base+"/preview?criterion=root:economy&weight=0.4", nil, false), 200, messages.Chinese)
	for _, want := range []string{msg.Sprintf(messages.WebWsadjPreviewTitle), msg.Sprintf(messages.WebWsadjSwaps), "0.2000 → 0.4000", `save-adjustment`} {
		if !strings.Contains(page, want) {
			t.Errorf("the preview lacks %q", want)
		}
	}
	frag := s.do("expert", "GET", base+"/preview?criterion=root:economy&weight=0.4", nil, false, "HX-Request", "true")
	if frag.Code != 200 || strings.Contains(frag.Body.String(), "<html") || !strings.Contains(frag.Body.String(), `id="preview"`) {
		t.Errorf("the htmx preview: %d, %.200q", frag.Code, frag.Body.String())
	}
	en := checkPage(t, s.do("expert", "GET", base+"/preview?criterion=root:economy&weight=0.4&lang=en", nil, false), 200, messages.English)
	if !strings.Contains(en, messages.For(messages.English).Sprintf(messages.WebWsadjPreviewTitle)) || !strings.Contains(en, "Economy") {
		t.Error("the English preview lacks its title or the dimension's English name")
	}
	if rec := s.do("expert", "GET", base+"/preview?criterion=root:economy&weight=1.5", nil, false); rec.Code != 422 ||
		!strings.Contains(rec.Body.String(), msg.Sprintf(messages.WebWsadjFieldWeight)) {
		t.Errorf("a weight of 1.5: %d", rec.Code)
	}

	// Every swap threshold, previewed, makes its two units tie: tried on each local weight of the
	// set moved to 0.4. The example's composite is 15 % targets (the rest surveys), where no
	// weight swaps a pair; a run on the targets alone, with the example's grade bands, makes the
	// preview's basis.
	runs, err := s.svc.ListRuns(ctx, s.owner, s.com.ID, evaluation.Page{Limit: 10})
	if err != nil || len(runs) == 0 {
		t.Fatalf("runs: %v %v", runs, err)
	}
	cfg := runs[0].Config
	cfg.Components, cfg.Constraints, cfg.MonteCarlo = nil, nil, engine.MonteCarloConfig{Off: true}
	targets, err := s.svc.CreateRun(ctx, s.owner, s.com.ID, evaluation.RunRequest{WeightSetID: ws.ID, DatasetIDs: runs[0].DatasetIDs, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.svc.WorkOne(ctx, evaluation.WorkerOptions{ID: "test"}); err != nil {
		t.Fatal(err)
	}
	if r, err := s.svc.GetRun(ctx, s.owner, s.com.ID, targets.ID); err != nil || r.Status != evaluation.RunSucceeded {
		t.Fatalf("the targets-only run: %+v %v", r, err)
	}
	d, err := s.svc.GetWeightSet(ctx, s.owner, s.com.ID, ws.ID)
	if err != nil {
		t.Fatal(err)
	}
	var criteria [][2]string
	for _, n := range d.Result.Nodes {
		for _, ch := range n.Children {
			if len(n.Children) > 1 {
				criteria = append(criteria, [2]string{n.Node, ch})
			}
		}
	}
	found, nonlinear, previews := 0, 0, 0
	var elapsed time.Duration
	for _, c := range criteria {
		dim := c[0] + ":" + c[1]
		w := 0.4
		in := evaluation.AdjustmentInput{Node: c[0], Child: c[1], Weight: &w}
		began := time.Now()
		pv, err := s.svc.PreviewAdjustment(ctx, expert, s.com.ID, ws.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		elapsed += time.Since(began)
		previews++
		if pv.RunNumber != targets.Number || len(pv.Units) < 3 || len(pv.Swaps) != len(pv.Units)-1 {
			t.Fatalf("preview: run %d, %d units, %d swaps", pv.RunNumber, len(pv.Units), len(pv.Swaps))
		}
		if !pv.Linear { // a weight with missing values renormalised: the thresholds are estimates
			nonlinear++
			continue
		}
		for _, sw := range pv.Swaps {
			if sw.Delta == nil {
				continue
			}
			found++
			at := *sw.Weight
			in.Weight = &at
			tie, err := s.svc.PreviewAdjustment(ctx, expert, s.com.ID, ws.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			score := map[string]float64{}
			for _, u := range tie.Units {
				if u.Score != nil {
					score[u.Unit] = *u.Score
				}
			}
			if d := math.Abs(score[sw.Upper] - score[sw.Lower]); d > 1e-6 {
				t.Errorf("%s %v: at the threshold the composites differ by %g", dim, sw, d)
			}
			t.Logf("%s: %v", dim, sw)
		}
	}
	if found < 5 {
		t.Errorf("only %d neighbouring pairs can be swapped by a weight", found)
	}
	t.Logf("%d swap thresholds checked on %d weights (%d weights not linear, not checked); a preview (three engine runs) took %v on average",
		found, len(criteria), nonlinear, (elapsed / time.Duration(previews)).Round(time.Millisecond))

	// Saving needs a reason; with one it makes a new version, listed in the history and audited.
	rec := s.do("expert", "POST", base+"/adjust", url.Values{"criterion": {"root:economy"}, "weight": {"0.4"}, "reason": {"  "}}, true)
	if rec.Code != 422 || !strings.Contains(rec.Body.String(), msg.Sprintf(messages.WebWsadjFieldReason)) {
		t.Errorf("saving without a reason: %d", rec.Code)
	}
	if rec := s.do("expert", "POST", base+"/adjust", url.Values{"criterion": {"root:economy"}, "weight": {"0.4"}, "reason": {"经济维度权重偏低"}}, false); rec.Code != 403 {
		t.Errorf("saving without the CSRF token: %d", rec.Code)
	}
	rec = s.do("expert", "POST", base+"/adjust", url.Values{"criterion": {"root:economy"}, "weight": {"0.4"}, "reason": {"经济维度权重偏低"}}, true)
	if rec.Code != 303 {
		t.Fatalf("saving: %d %s", rec.Code, rec.Body.String())
	}
	after, err := s.svc.ListWeightSets(ctx, s.owner, s.com.ID)
	if err != nil || len(after) != len(sets)+1 || after[0].BasedOn != ws.ID {
		t.Fatalf("after saving: %d sets (was %d), newest based on %q", len(after), len(sets), after[0].BasedOn)
	}
	if loc := rec.Header().Get("Location"); !strings.Contains(loc, after[0].ID) {
		t.Errorf("saved, sent to %s", loc)
	}
	page = checkPage(t, s.do("expert", "GET", "/commissions/"+s.com.ID+"/weight-sets/"+after[0].ID, nil, false), 200, messages.Chinese)
	if !strings.Contains(page, msg.Sprintf(messages.WebWsadjHistory)) || !strings.Contains(page, "经济维度权重偏低") ||
		!strings.Contains(page, "/weight-sets/"+ws.ID+`"`) {
		t.Error("the new version's page does not list the history with the reason")
	}
	log, err := s.svc.ListAudit(ctx, s.owner, evaluation.AuditFilter{CommissionID: s.com.ID, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	audited := false
	for _, e := range log {
		if e.Action == "weightset.adjust" && e.ObjectID == after[0].ID && strings.Contains(string(e.Changes), "经济维度权重偏低") {
			audited = true
		}
	}
	if !audited {
		t.Error("the adjustment is not in the audit log")
	}
}
