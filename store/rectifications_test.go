package store_test

import (
	"context"
	"errors"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
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
