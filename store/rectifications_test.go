package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/evaluation/ingest"
	"evalbench/store/storetest"
)

// TestRectificationLifecycle walks an item through the evaluation–rectification–feedback loop
// on the real database: raised, changed, closed with evidence, audited; each step guarded by the
// item's version and its own rules, and each in the audit log.
func TestRectificationLifecycle(t *testing.T) {
	fx := newRoundFixture(t)
	ctx := context.Background()
	svc, a, cid := fx.svc, fx.owner, fx.cid
	_, err := svc.UpsertUnits(ctx, a, cid, []engine.Unit{{Code: "jiubao", Name: "九堡", Kind: "subdistrict"}})
	must(t, err)

	// Refused: an unknown unit, a bad source, no deadline — every field named.
	_, err = svc.CreateRectification(ctx, a, cid, evaluation.RectificationInput{Unit: "nowhere", Source: "rumour", Issue: "x", Owner: "y"})
	var v *engine.ValidationError
	if !errors.As(err, &v) {
		t.Fatalf("invalid item: %v", err)
	}
	fields := map[string]bool{}
	for _, p := range v.Problems {
		fields[p.Field] = true
	}
	for _, f := range []string{"unit", "source", "deadline"} {
		if !fields[f] {
			t.Errorf("no problem names %s: %+v", f, v.Problems)
		}
	}

	it, err := svc.CreateRectification(ctx, a, cid, evaluation.RectificationInput{Unit: "jiubao", Source: engine.RectifyFromOpinion,
		Reference: "“安置房交付进度希望及时公开”", Issue: "按月公开安置房交付进度", Owner: "九堡街道", Deadline: "2017-10-31"})
	must(t, err)
	if it.Number != 1 || it.Version != 1 || it.Status != engine.RectifyOpen || it.Period != "2016" || it.Deadline != "2017-10-31" {
		t.Fatalf("raised %+v", it)
	}
	owner := "九堡街道办事处"
	if _, err := svc.UpdateRectification(ctx, a, cid, it.ID, 0, evaluation.RectificationUpdate{Owner: &owner}); !errors.Is(err, engine.ErrVersionRequired) {
		t.Errorf("update without a version: %v", err)
	}
	if _, err := svc.UpdateRectification(ctx, a, cid, it.ID, 7, evaluation.RectificationUpdate{Owner: &owner}); !errors.Is(err, engine.ErrStale) {
		t.Errorf("update on a stale version: %v", err)
	}
	it, err = svc.UpdateRectification(ctx, a, cid, it.ID, it.Version, evaluation.RectificationUpdate{Owner: &owner})
	must(t, err)
	if it.Owner != owner || it.Version != 2 {
		t.Errorf("updated %+v", it)
	}
	// An audit before the closure, a closure without evidence or dated in the future: refused.
	if _, err := svc.AuditRectification(ctx, a, cid, it.ID, it.Version, evaluation.RectificationClose{On: "2017-11-15"}); !errors.Is(err, engine.ErrConflict) {
		t.Errorf("audit of an open item: %v", err)
	}
	if _, err := svc.CloseRectification(ctx, a, cid, it.ID, it.Version, evaluation.RectificationClose{On: "2017-09-30"}); !errors.Is(err, engine.ErrInvalid) {
		t.Errorf("closure without evidence: %v", err)
	}
	if _, err := svc.CloseRectification(ctx, a, cid, it.ID, it.Version, evaluation.RectificationClose{Evidence: "公示表", On: "2999-01-01"}); !errors.Is(err, engine.ErrInvalid) {
		t.Errorf("closure dated in the future: %v", err)
	}
	it, err = svc.CloseRectification(ctx, a, cid, it.ID, it.Version, evaluation.RectificationClose{Evidence: "门户网站按月公布进度表", On: "2017-09-30"})
	must(t, err)
	if it.Status != engine.RectifyClosed || it.ClosedOn != "2017-09-30" || it.Evidence == "" {
		t.Errorf("closed %+v", it)
	}
	if _, err := svc.UpdateRectification(ctx, a, cid, it.ID, it.Version, evaluation.RectificationUpdate{Owner: &owner}); !errors.Is(err, engine.ErrConflict) {
		t.Errorf("update of a closed item: %v", err)
	}
	if _, err := svc.AuditRectification(ctx, a, cid, it.ID, it.Version, evaluation.RectificationClose{On: "2017-09-01"}); !errors.Is(err, engine.ErrInvalid) {
		t.Errorf("audit dated before the closure: %v", err)
	}
	it, err = svc.AuditRectification(ctx, a, cid, it.ID, it.Version, evaluation.RectificationClose{On: "2017-11-15", Note: "核查到位"})
	must(t, err)
	if it.Status != engine.RectifyAudited || it.AuditedOn != "2017-11-15" || it.Version != 4 {
		t.Errorf("audited %+v", it)
	}
	got, err := svc.ListRectifications(ctx, a, cid, evaluation.RectificationFilter{Unit: "jiubao", Status: engine.RectifyAudited})
	must(t, err)
	if len(got) != 1 || got[0].ID != it.ID || got[0].AuditNote != "核查到位" {
		t.Errorf("listed %+v", got)
	}
	// Every change is in the audit log, in order.
	entries, err := svc.ListAudit(ctx, a, evaluation.AuditFilter{CommissionID: cid, Limit: 100})
	must(t, err)
	var actions []string
	for _, e := range entries {
		if e.ObjectType == "rectification" {
			actions = append(actions, e.Action)
		}
	}
	want := []string{"rectification.create", "rectification.update", "rectification.close", "rectification.audit"}
	if len(actions) != len(want) {
		t.Fatalf("audit actions %v, want %v", actions, want)
	}
	for i := range want {
		if actions[i] != want[i] {
			t.Errorf("audit actions %v, want %v", actions, want)
		}
	}
}

// TestRectificationLoopAcrossRuns runs the loop over two periods on the real database: the 2016
// run grades u3 fail, the item it calls for (限期整改) is closed and audited in 2017, and the
// 2017 run — created afterwards — carries it, gives u3 the rectification award and, as u3 rises
// from last to first, the rank-rise award. An item raised after the 2017 run was created does not
// change that run's inputs.
func TestRectificationLoopAcrossRuns(t *testing.T) {
	db, _ := storetest.New(t)
	ctx := context.Background()
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}))
	a, c := ownerCommission(t, svc, "2017")
	cid := c.ID
	_, err := svc.UpsertUnits(ctx, a, cid, []engine.Unit{{Code: "u1", Name: "甲", Kind: "subdistrict"}, {Code: "u2", Name: "乙", Kind: "subdistrict"}, {Code: "u3", Name: "丙", Kind: "subdistrict"}})
	must(t, err)
	fw, err := svc.CreateFramework(ctx, a, cid, roundFramework())
	must(t, err)
	ws, err := svc.CreateWeightSet(ctx, a, cid, &engine.WeightSet{FrameworkID: fw.ID, Name: "等权", Method: engine.WeightEqual})
	must(t, err)
	csv := "indicator,unit,period,value\n"
	for _, ind := range []string{"a1", "b1", "c1", "c2"} {
		csv += ind + ",u1,2016,10\n" + ind + ",u2,2016,8\n" + ind + ",u3,2016,2\n"
		csv += ind + ",u1,2017,6\n" + ind + ",u2,2017,5\n" + ind + ",u3,2017,9\n"
	}
	d, err := svc.ImportDataset(ctx, a, cid, evaluation.ImportInput{Options: evaluation.FileOptions{FileName: "data.csv"}, Body: strings.NewReader(csv)})
	must(t, err)
	_, err = svc.FreezeDataset(ctx, a, cid, d.Dataset.ID)
	must(t, err)
	minmax := map[string]engine.ScoringRule{"a1": {Method: "minmax"}, "b1": {Method: "minmax"}, "c1": {Method: "minmax"}, "c2": {Method: "minmax"}}
	cfg := func(p engine.Period) engine.RunConfig {
		return engine.RunConfig{Period: p, Scoring: minmax, MonteCarlo: engine.MonteCarloConfig{Off: true},
			Grades: []engine.GradeBand{{Code: "good", Name: "良好", MinScore: 60}, {Code: "fail", Name: "不合格", MinScore: 0}},
			Awards: &engine.AwardRules{RankRise: 2, Rectification: true}}
	}
	run := func(p engine.Period) *evaluation.Run {
		r, err := svc.CreateRun(ctx, a, cid, evaluation.RunRequest{WeightSetID: ws.WeightSet.ID, DatasetIDs: []string{d.Dataset.ID}, Config: cfg(p)})
		must(t, err)
		for {
			worked, err := svc.WorkOne(ctx, evaluation.WorkerOptions{ID: "t"})
			must(t, err)
			if !worked {
				break
			}
		}
		r, err = svc.GetRun(ctx, a, cid, r.ID)
		must(t, err)
		if r.Status != evaluation.RunSucceeded {
			t.Fatalf("run %s: %s %s", p, r.Status, r.Error)
		}
		return r
	}
	r16 := run("2016")
	raised, err := svc.OpenRectificationsFromRun(ctx, a, cid, evaluation.RectificationsFromRun{RunID: r16.ID, Deadline: "2017-06-30"})
	must(t, err)
	if len(raised) != 1 || raised[0].Unit != "u3" || raised[0].Source != engine.RectifyFromFail || raised[0].Owner != "丙" || raised[0].SourceRunID != r16.ID {
		t.Fatalf("raised %+v", raised)
	}
	it, err := svc.CloseRectification(ctx, a, cid, raised[0].ID, raised[0].Version, evaluation.RectificationClose{Evidence: "整改报告", On: "2017-05-01"})
	must(t, err)
	_, err = svc.AuditRectification(ctx, a, cid, it.ID, it.Version, evaluation.RectificationClose{On: "2017-06-15"})
	must(t, err)
	r17 := run("2017")
	if r17.PreviousRunID != r16.ID {
		t.Errorf("previous run %s, want %s", r17.PreviousRunID, r16.ID)
	}
	_, err = svc.CreateRectification(ctx, a, cid, evaluation.RectificationInput{Unit: "u1", Period: "2016", Source: engine.RectifyFromOther, Issue: "后补", Owner: "甲", Deadline: "2017-12-31"})
	must(t, err)
	in, err := svc.RunInputs(ctx, a, cid, r17.ID)
	must(t, err)
	if len(in.Rectifications) != 1 || in.Rectifications[0].Status != engine.RectifyAudited {
		t.Errorf("the 2017 run's items %+v", in.Rectifications)
	}
	p, err := svc.Panel(ctx, a, cid, r17.ID)
	must(t, err)
	var awards []string
	for _, aw := range p.Awards {
		awards = append(awards, aw.Code+":"+aw.Unit)
	}
	if strings.Join(awards, ",") != "rank_rise:u3,rectification:u3" {
		t.Errorf("awards %v", awards)
	}
	for _, row := range p.Panel.Rows {
		if row.Unit == "u3" && (row.PreviousRank != 3 || row.Rank != 1 || *row.DeltaRank != 2 || row.PreviousGrade != "fail") {
			t.Errorf("u3 %+v", row)
		}
	}
	if _, err := svc.Panel(ctx, a, cid, "00000000-0000-4000-8000-000000000000"); !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("panel of a missing run: %v", err)
	}
}
