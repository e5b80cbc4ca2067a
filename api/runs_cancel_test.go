package api_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/ingest"
	"evalbench/messages"
	"evalbench/store/storetest"
)

// A run cancelled while its worker computes ends cancelled — not failed, not succeeded — with the
// reason as a catalogue message, stores no result and can publish no report, leaves no lease or
// half-written row behind, and the worker goes on to compute the next run. Cancelling a run that
// has ended is a 409 problem. The worker is held at the computing stage by a store that pauses it
// there (storetest.PauseAtStage), so the cancel lands while the run computes, every time.
func TestCancelRunWhileComputing(t *testing.T) {
	fx := newFixture(t, noLimits())
	fx.toReview(t) // where reports are published: publishing the cancelled run must be refused for being cancelled
	base := fx.fixtureRun(t)
	owner, viewer := fx.tokens[evaluation.RoleOwner], fx.tokens[evaluation.RoleViewer]
	path := "/api/v1/commissions/" + fx.cidA + "/runs/"
	get := func(id string) evaluation.Run {
		t.Helper()
		rec := fx.do("GET", path+id, viewer, nil)
		expect(t, rec, 200)
		return decode[evaluation.Run](t, rec)
	}
	r := fx.queueRun(t, base)

	// A worker of its own (as another process would run) on the same database, held once it has
	// recorded the computing stage.
	pause := storetest.PauseAtStage(fx.secondPool(t), evaluation.RunStageComputing)
	t.Cleanup(pause.Release)
	worker := evaluation.NewService(pause, evaluation.WithCodec(ingest.Codec{}))
	opts := evaluation.WorkerOptions{ID: "held"}
	var events []evaluation.RunEvent
	opts.Observe = func(ev evaluation.RunEvent) { events = append(events, ev) }
	held := pause.Work(t, worker, opts)

	computing := get(r.ID)
	if computing.Status != evaluation.RunRunning || computing.Stage != evaluation.RunStageComputing || computing.LeaseOwner != "held" || computing.CancelRequested {
		t.Fatalf("the run while computing: %+v", computing)
	}
	rec := fx.do("POST", path+r.ID+"/cancel", owner, nil)
	expect(t, rec, 200)
	// The worker has not stopped yet: the run still runs, with the cancellation requested.
	if c := decode[evaluation.Run](t, rec); c.Status != evaluation.RunRunning || c.Stage != evaluation.RunStageComputing || !c.CancelRequested || c.FinishedAt != nil {
		t.Fatalf("the run the cancel answers: %+v", c)
	}
	expect(t, fx.do("GET", path+r.ID+"/result", viewer, nil), 409)

	if o := held.Finish(); !o.Worked || o.Err != nil {
		t.Fatalf("the worker: worked %v, err %v", o.Worked, o.Err)
	}
	if n := len(events); n != 2 || events[1].Kind != evaluation.RunEventFinished || events[1].Status != evaluation.RunCancelled {
		t.Fatalf("worker events %+v, want claimed then finished cancelled", events)
	}

	// What the API says of it.
	c := get(r.ID)
	if c.Status != evaluation.RunCancelled || c.Stage != evaluation.RunCancelled || !c.CancelRequested || c.FinishedAt == nil || c.Attempts != 1 {
		t.Fatalf("the cancelled run %+v", c)
	}
	if c.ErrorMessage == nil || c.ErrorMessage.ID != messages.RunErrorCancelled || c.Error != "cancelled on request" {
		t.Fatalf("why: %q %+v, want %s", c.Error, c.ErrorMessage, messages.RunErrorCancelled)
	}
	if messages.For(messages.Chinese).Render(*c.ErrorMessage) != "已按请求取消" || c.StageID() != messages.RunStatusCancelled {
		t.Fatalf("the reason in Chinese %q, stage message %s", messages.For(messages.Chinese).Render(*c.ErrorMessage), c.StageID())
	}
	// No result, no lease; the progress stays where the computation was stopped, not 100 %; the
	// inputs it read are recorded (they are what it was cancelled on).
	if c.ResultDigest != "" || c.LeaseOwner != "" || c.LeaseUntil != nil || c.Progress >= 1 || c.InputsDigest != base.InputsDigest {
		t.Fatalf("the cancelled run's traces: result %q, lease %q %v, progress %v, inputs %q (want %q)",
			c.ResultDigest, c.LeaseOwner, c.LeaseUntil, c.Progress, c.InputsDigest, base.InputsDigest)
	}
	if c.Progress != computing.Progress {
		t.Errorf("progress %v, want %v where the computation was stopped (the storing stage was not recorded)", c.Progress, computing.Progress)
	}
	rec = fx.do("GET", path+r.ID+"/events", viewer, nil)
	expect(t, rec, 200)
	if !strings.HasPrefix(rec.Body.String(), "event: done\ndata: {") || !strings.Contains(rec.Body.String(), `"status":"cancelled"`) {
		t.Errorf("events of the cancelled run: %q", rec.Body.String())
	}
	conflict := func(rec *httptest.ResponseRecorder, id messages.ID, status string) {
		t.Helper()
		expect(t, rec, 409)
		if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
			t.Errorf("content type %q", ct)
		}
		p := decode[api.Problem](t, rec)
		if p.DetailID != id || p.DetailArgs["status"] != "run.status."+status || !strings.Contains(p.Detail, messages.For(messages.Chinese).Sprintf(messages.ID("run.status."+status))) {
			t.Errorf("problem %+v, want %s naming the status %s", p, id, status)
		}
	}
	conflict(fx.do("GET", path+r.ID+"/result", viewer, nil), messages.ConflictRunNoResult, evaluation.RunCancelled)
	conflict(fx.do("POST", path+r.ID+"/publish", owner, nil), messages.ConflictRunNotSucceededPublish, evaluation.RunCancelled)
	// Cancelling it again, or cancelling a run that succeeded: a conflict naming how it ended,
	// and the run is left as it was.
	conflict(fx.do("POST", path+r.ID+"/cancel", owner, nil), messages.ConflictRunEnded, evaluation.RunCancelled)
	conflict(fx.do("POST", path+base.ID+"/cancel", owner, nil), messages.ConflictRunEnded, evaluation.RunSucceeded)
	if b := get(base.ID); b.Status != evaluation.RunSucceeded || b.CancelRequested || b.ResultDigest != base.ResultDigest {
		t.Errorf("the succeeded run after a refused cancel: %+v", b)
	}
	if again := get(r.ID); again.Status != evaluation.RunCancelled || !again.FinishedAt.Equal(*c.FinishedAt) {
		t.Errorf("the cancelled run after a refused cancel: %+v", again)
	}

	// Nothing half-written: no result row, no report, one finish in the audit log, and the
	// chain intact.
	var results, reports int
	must(t, fx.db.SQL().Get(&results, `SELECT count(*) FROM run_results WHERE run_id = $1`, r.ID))
	must(t, fx.db.SQL().Get(&reports, `SELECT count(*) FROM reports WHERE run_id = $1`, r.ID))
	if results != 0 || reports != 0 {
		t.Errorf("the cancelled run has %d result rows and %d reports", results, reports)
	}
	checkCancelledAudit(t, fx, r.ID)

	// The worker is free: it takes the next run and computes it to the fixture's result.
	next := fx.queueRun(t, base)
	worked, err := worker.WorkOne(context.Background(), opts)
	if !worked || err != nil {
		t.Fatalf("the next run: worked %v, err %v", worked, err)
	}
	if n := get(next.ID); n.Status != evaluation.RunSucceeded || n.ResultDigest != base.ResultDigest || n.CancelRequested {
		t.Fatalf("the next run %+v, want succeeded with digest %s", n, base.ResultDigest)
	}
	if worked, err := worker.WorkOne(context.Background(), opts); worked || err != nil {
		t.Fatalf("the queue after both: worked %v, err %v", worked, err)
	}
}

// A cancellation the worker's heartbeat sees while the run loads its inputs cancels the load's
// reads under the worker: the run still ends cancelled — not failed on the interrupted read —
// with no result, and the worker goes on to the next run. The store holds the worker's first
// read of the inputs until the heartbeat has cancelled it (storetest.HoldInputsUntilCancelled),
// with a lease of 300 ms so that a heartbeat comes every 100 ms.
func TestCancelRunWhileLoadingInputs(t *testing.T) {
	fx := newFixture(t, noLimits())
	base := fx.fixtureRun(t)
	path := "/api/v1/commissions/" + fx.cidA + "/runs/"
	r := fx.queueRun(t, base)
	pause := storetest.PauseAtStage(fx.secondPool(t), evaluation.RunStageLoadingInputs)
	t.Cleanup(pause.Release)
	worker := evaluation.NewService(pause, evaluation.WithCodec(ingest.Codec{}))
	var logged strings.Builder
	opts := evaluation.WorkerOptions{ID: "held", Lease: 300 * time.Millisecond, Log: slog.New(slog.NewTextHandler(&logged, nil))}
	held := pause.Work(t, worker, opts)
	if l := decode[evaluation.Run](t, fx.do("GET", path+r.ID, fx.tokens[evaluation.RoleViewer], nil)); l.Stage != evaluation.RunStageLoadingInputs {
		t.Fatalf("the run's stage %q, want %q", l.Stage, evaluation.RunStageLoadingInputs)
	}
	expect(t, fx.do("POST", path+r.ID+"/cancel", fx.tokens[evaluation.RoleOwner], nil), 200)
	pause.HoldInputsUntilCancelled()
	if o := held.Finish(); o.Err != nil {
		t.Fatalf("the worker: %v", o.Err)
	}
	c := decode[evaluation.Run](t, fx.do("GET", path+r.ID, fx.tokens[evaluation.RoleViewer], nil))
	if c.Status != evaluation.RunCancelled || c.ErrorMessage == nil || c.ErrorMessage.ID != messages.RunErrorCancelled || c.ResultDigest != "" || c.LeaseOwner != "" {
		t.Fatalf("the run cancelled while loading: %s, %q %+v, result %q, lease %q", c.Status, c.Error, c.ErrorMessage, c.ResultDigest, c.LeaseOwner)
	}
	if strings.Contains(logged.String(), "run failed") {
		t.Errorf("the worker logged a failure: %s", logged.String())
	}
	var results int
	must(t, fx.db.SQL().Get(&results, `SELECT count(*) FROM run_results WHERE run_id = $1`, r.ID))
	if results != 0 {
		t.Errorf("%d result rows", results)
	}
	next := fx.queueRun(t, base)
	if worked, err := worker.WorkOne(context.Background(), opts); !worked || err != nil {
		t.Fatalf("the next run: %v %v", worked, err)
	}
	if n := decode[evaluation.Run](t, fx.do("GET", path+next.ID, fx.tokens[evaluation.RoleViewer], nil)); n.Status != evaluation.RunSucceeded || n.ResultDigest != base.ResultDigest {
		t.Fatalf("the next run %+v", n)
	}
}

// A run cancelled while it computes, whose worker then dies (its lease runs out without a
// heartbeat or a finish), is ended by the next worker that looks for work — even when there is
// nothing else to claim — as cancelled, with the same reason as a run its worker stopped. A run
// cancelled while queued carries that reason too.
func TestCancelRunWhoseWorkerDied(t *testing.T) {
	fx := newFixture(t, noLimits())
	base := fx.fixtureRun(t)
	path := "/api/v1/commissions/" + fx.cidA + "/runs/"
	ctx := context.Background()
	r := fx.queueRun(t, base)
	// The "dead" worker claims the run with a 100 ms lease, records that it computes, and is
	// never heard of again.
	must(t, fx.db.Transact(ctx, func(tx evaluation.Tx) error {
		claimed, err := tx.ClaimRun(ctx, "dead-worker", 100*time.Millisecond)
		if err != nil {
			return err
		}
		if claimed.ID != r.ID {
			t.Errorf("claimed %s, want %s", claimed.ID, r.ID)
		}
		_, err = tx.SetRunProgress(ctx, r.ID, "dead-worker", evaluation.RunStageComputing, 0.3)
		return err
	}))
	expect(t, fx.do("POST", path+r.ID+"/cancel", fx.tokens[evaluation.RoleOwner], nil), 200)
	for expired := false; !expired; {
		must(t, fx.db.SQL().Get(&expired, `SELECT lease_until < now() FROM runs WHERE id = $1`, r.ID))
	}
	worked, err := fx.svc.WorkOne(ctx, evaluation.WorkerOptions{ID: "live"})
	if worked || err != nil {
		t.Fatalf("the live worker: worked %v, err %v (there is nothing to compute)", worked, err)
	}
	c := decode[evaluation.Run](t, fx.do("GET", path+r.ID, fx.tokens[evaluation.RoleViewer], nil))
	if c.Status != evaluation.RunCancelled || c.Stage != evaluation.RunCancelled || c.FinishedAt == nil || c.LeaseOwner != "" || c.ResultDigest != "" {
		t.Fatalf("the run whose worker died: %+v", c)
	}
	if c.ErrorMessage == nil || c.ErrorMessage.ID != messages.RunErrorCancelled || c.Error != "cancelled on request" {
		t.Errorf("why: %q %+v", c.Error, c.ErrorMessage)
	}
	// Its end is in the audit log, as a worker's own end of a cancelled run is, and the chain
	// holds.
	checkCancelledAudit(t, fx, r.ID)
	// The dead worker, coming back, can no longer finish it.
	if err := fx.db.Transact(ctx, func(tx evaluation.Tx) error {
		return tx.FinishRun(ctx, r.ID, "dead-worker", evaluation.RunSucceeded, "", nil, "", "", []byte("{}"), time.Now())
	}); err == nil {
		t.Error("the dead worker finished the cancelled run")
	}

	q := fx.queueRun(t, base)
	rec := fx.do("POST", path+q.ID+"/cancel", fx.tokens[evaluation.RoleOwner], nil)
	expect(t, rec, 200)
	if c := decode[evaluation.Run](t, rec); c.Status != evaluation.RunCancelled || c.ErrorMessage == nil || c.ErrorMessage.ID != messages.RunErrorCancelled || c.Error != "cancelled on request" {
		t.Errorf("the run cancelled while queued: %s, %q %+v", c.Status, c.Error, c.ErrorMessage)
	}
}

// checkCancelledAudit checks that a cancelled run's audit holds its creation, the cancel and one
// finish as cancelled with its reason and no result, and that the audit chain holds.
func checkCancelledAudit(t *testing.T, fx *fixture, runID string) {
	t.Helper()
	var actions []string
	must(t, fx.db.SQL().Select(&actions, `SELECT action FROM audit_log WHERE object_id = $1 ORDER BY seq`, runID))
	if strings.Join(actions, " ") != "run.create run.cancel run.finish" {
		t.Errorf("audit of the run: %v", actions)
	}
	var finish []byte
	must(t, fx.db.SQL().Get(&finish, `SELECT changes FROM audit_log WHERE object_id = $1 AND action = 'run.finish'`, runID))
	var fc map[string]any
	must(t, json.Unmarshal(finish, &fc))
	if fc["status"] != evaluation.RunCancelled || fc["error"] != "cancelled on request" || fc["result_digest"] != "" {
		t.Errorf("the run.finish entry %s", finish)
	}
	if rep, err := fx.svc.VerifyAudit(context.Background()); err != nil || !rep.OK {
		t.Errorf("audit chain: %+v %v", rep, err)
	}
}

// A cancel accepted while the worker stores the result — after the computation, before the
// finishing transaction — ends the run as cancelled, as the 200 it was answered with says, and
// stores no result: the finishing transaction looks a last time, holding the run's lock.
func TestCancelRunWhileStoring(t *testing.T) {
	fx := newFixture(t, noLimits())
	base := fx.fixtureRun(t)
	owner, viewer := fx.tokens[evaluation.RoleOwner], fx.tokens[evaluation.RoleViewer]
	path := "/api/v1/commissions/" + fx.cidA + "/runs/"
	r := fx.queueRun(t, base)
	pause := storetest.PauseAtStage(fx.secondPool(t), evaluation.RunStageStoring)
	t.Cleanup(pause.Release)
	worker := evaluation.NewService(pause, evaluation.WithCodec(ingest.Codec{}))
	held := pause.Work(t, worker, evaluation.WorkerOptions{ID: "held"})
	rec := fx.do("POST", path+r.ID+"/cancel", owner, nil)
	expect(t, rec, 200)
	if c := decode[evaluation.Run](t, rec); c.Status != evaluation.RunRunning || c.Stage != evaluation.RunStageStoring || !c.CancelRequested {
		t.Fatalf("the run the cancel answers: %+v", c)
	}
	must(t, held.Finish().Err)
	c := decode[evaluation.Run](t, fx.do("GET", path+r.ID, viewer, nil))
	if c.Status != evaluation.RunCancelled || c.ResultDigest != "" || c.ErrorMessage == nil || c.ErrorMessage.ID != messages.RunErrorCancelled {
		t.Fatalf("the run cancelled while storing: %+v", c)
	}
	var results int
	must(t, fx.db.SQL().Get(&results, `SELECT count(*) FROM run_results WHERE run_id = $1`, r.ID))
	if results != 0 {
		t.Errorf("the run cancelled while storing has %d result rows", results)
	}
	expect(t, fx.do("GET", path+r.ID+"/result", viewer, nil), 409)
	checkCancelledAudit(t, fx, r.ID)
}
