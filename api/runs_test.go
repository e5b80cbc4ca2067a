package api_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/ingest"
	"evalbench/messages"
	"evalbench/store"

	"github.com/lib/pq"

	"evalbench/evaluation/engine"
)

// fixtureRun returns the fixture's run in commission A.
func (fx *fixture) fixtureRun(t *testing.T) evaluation.Run {
	rec := fx.do("GET", "/api/v1/commissions/"+fx.cidA+"/runs/"+fx.objects[fx.cidA]["rid"], fx.tokens[evaluation.RoleViewer], nil)
	expect(t, rec, 200)
	return decode[evaluation.Run](t, rec)
}

func (fx *fixture) queueRun(t *testing.T, like evaluation.Run) evaluation.Run {
	t.Helper()
	req := evaluation.RunRequest{WeightSetID: like.WeightSetID, DatasetIDs: like.DatasetIDs, Config: like.Config}
	rec := fx.do("POST", "/api/v1/commissions/"+fx.cidA+"/runs", fx.tokens[evaluation.RoleEvaluator], req)
	expect(t, rec, 202)
	r := decode[evaluation.Run](t, rec)
	if r.Status != evaluation.RunQueued || rec.Header().Get("Location") == "" {
		t.Fatalf("queued run %+v", r)
	}
	return r
}

func TestRunThroughTheAPI(t *testing.T) {
	fx := newFixture(t, noLimits())
	base := fx.fixtureRun(t)
	if base.Status != evaluation.RunSucceeded || base.Attempts != 1 || len(base.ResultDigest) != 64 || len(base.InputsDigest) != 64 {
		t.Fatalf("fixture run %+v", base)
	}
	path := "/api/v1/commissions/" + fx.cidA + "/runs/"
	// The result is canonical JSON whose SHA-256 is the digest.
	rec := fx.do("GET", path+base.ID+"/result", fx.tokens[evaluation.RoleViewer], nil)
	expect(t, rec, 200)
	sum := sha256.Sum256(rec.Body.Bytes())
	if hex.EncodeToString(sum[:]) != base.ResultDigest || rec.Header().Get("X-Result-Digest") != base.ResultDigest {
		t.Fatalf("result digest %x, run says %s", sum, base.ResultDigest)
	}
	res := decode[engine.Result](t, rec)
	// The fixture data: caihe has gdp 555.79 (2016) against the plan's compound path from 495
	// (2015) to 723 (2020), 495·(723/495)^(1/5) = 533.96 → 100; pm25 49 ≤ 50 → 100.
	if len(res.Units) != 1 || res.Units[0].Composite == nil || *res.Units[0].Composite != 100 {
		t.Fatalf("units %+v", res.Units)
	}
	gdp := res.Indicators[0].Cells[0]
	if res.Indicators[0].Code != "gdp" || gdp.Target == nil || *gdp.Target < 533.96 || *gdp.Target > 533.97 {
		t.Fatalf("gdp cell %+v", gdp)
	}
	// The inputs the run computed from reproduce its digest.
	rec = fx.do("GET", path+base.ID+"/inputs", fx.tokens[evaluation.RoleReviewer], nil)
	expect(t, rec, 200)
	sum = sha256.Sum256(rec.Body.Bytes())
	if hex.EncodeToString(sum[:]) != base.InputsDigest {
		t.Fatalf("inputs digest %x, run says %s", sum, base.InputsDigest)
	}

	// A second run on the same inputs and configuration gives the same result digest, computed
	// at another GOMAXPROCS.
	r := fx.queueRun(t, base)
	r2 := fx.queueRun(t, base)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	fx.runAll()
	runtime.GOMAXPROCS(4)
	done := decode[evaluation.Run](t, fx.do("GET", path+r.ID, fx.tokens[evaluation.RoleViewer], nil))
	done2 := decode[evaluation.Run](t, fx.do("GET", path+r2.ID, fx.tokens[evaluation.RoleViewer], nil))
	if done.ResultDigest == "" || done.ResultDigest != done2.ResultDigest || done.InputsDigest != base.InputsDigest {
		t.Fatalf("digests %s / %s; inputs %s / %s", done.ResultDigest, done2.ResultDigest, done.InputsDigest, base.InputsDigest)
	}

	// Server-sent events of a finished run: one "done" event with the run.
	rec = fx.do("GET", path+r.ID+"/events", fx.tokens[evaluation.RoleViewer], nil)
	expect(t, rec, 200)
	if ct := rec.Header().Get("Content-Type"); ct != "text/event-stream" || !strings.HasPrefix(rec.Body.String(), "event: done\ndata: {") {
		t.Fatalf("events %q (%s)", rec.Body.String(), ct)
	}
	// Runs refuse unfrozen data and an unknown weight set, listing both.
	rec = fx.uploadMultipart("/api/v1/commissions/"+fx.cidA+"/datasets", fx.tokens[evaluation.RoleEvaluator], "more.csv", []byte("indicator,unit,period,value\ngdp,caihe,2017,600\n"))
	expect(t, rec, 201)
	fresh := decode[evaluation.ImportResult](t, rec).Dataset
	rec = fx.do("POST", "/api/v1/commissions/"+fx.cidA+"/runs", fx.tokens[evaluation.RoleEvaluator],
		evaluation.RunRequest{WeightSetID: base.WeightSetID, DatasetIDs: []string{fresh.ID}})
	expect(t, rec, 422)
	if p := decode[api.Problem](t, rec); !strings.Contains(p.Errors[0].Message, "尚未冻结") || p.Errors[0].MessageID != string(messages.RunRequestDatasetNotFrozen) {
		t.Fatalf("unfrozen dataset: %+v", p.Errors)
	}
	// Cancelling a queued run ends it at once; no worker takes it.
	r3 := fx.queueRun(t, base)
	rec = fx.do("POST", path+r3.ID+"/cancel", fx.tokens[evaluation.RoleOwner], nil)
	expect(t, rec, 200)
	if c := decode[evaluation.Run](t, rec); c.Status != evaluation.RunCancelled {
		t.Fatalf("cancelled run %+v", c)
	}
	fx.runAll()
	expect(t, fx.do("POST", path+r3.ID+"/cancel", fx.tokens[evaluation.RoleOwner], nil), 409)
	expect(t, fx.do("GET", path+r3.ID+"/result", fx.tokens[evaluation.RoleOwner], nil), 409)
}

// Several evalbench processes share the queue: each run is computed once, by one of them.
func TestRunQueueSharedByProcesses(t *testing.T) {
	fx := newFixture(t, noLimits())
	base := fx.fixtureRun(t)
	var ids []string
	for range 6 {
		ids = append(ids, fx.queueRun(t, base).ID)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	for _, id := range []string{"proc-a", "proc-b"} {
		db := fx.secondPool(t) // a connection pool of its own, as another process has
		svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}))
		wg.Add(1)
		go func() {
			defer wg.Done()
			svc.Work(ctx, evaluation.WorkerOptions{ID: id, Poll: 20 * time.Millisecond, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
		}()
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		all := true
		for _, id := range ids {
			r, err := fx.svc.GetRun(ctx, fx.actors[evaluation.RoleOwner], fx.cidA, id)
			must(t, err)
			if !r.Terminal() {
				all = false
			}
		}
		if all {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("runs not done in 60 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	wg.Wait()
	var finishedBy []string
	must(t, fx.db.SQL().Select(&finishedBy, `SELECT actor_name FROM audit_log WHERE action = 'run.finish' AND object_id = ANY($1) ORDER BY actor_name`, pqArray(ids)))
	counts := map[string]int{}
	for _, a := range finishedBy {
		counts[a]++
	}
	if len(finishedBy) != 6 {
		t.Fatalf("%d finish entries for 6 runs: %v", len(finishedBy), finishedBy)
	}
	for _, id := range ids {
		r, err := fx.svc.GetRun(context.Background(), fx.actors[evaluation.RoleOwner], fx.cidA, id)
		must(t, err)
		if r.Status != evaluation.RunSucceeded || r.Attempts != 1 {
			t.Errorf("run %d: %s after %d attempts", r.Number, r.Status, r.Attempts)
		}
	}
	t.Logf("runs finished per process: %v", counts)
}

// A run whose worker died (its lease expired without a heartbeat) is taken over by another.
func TestRunTakenOverWhenItsWorkerDies(t *testing.T) {
	fx := newFixture(t, noLimits())
	r := fx.queueRun(t, fx.fixtureRun(t))
	ctx := context.Background()
	// The "dead" worker claims the run with a 100 ms lease and never renews it.
	must(t, fx.db.Transact(ctx, func(tx evaluation.Tx) error {
		claimed, err := tx.ClaimRun(ctx, "dead-worker", 100*time.Millisecond)
		if err == nil && claimed.ID != r.ID {
			t.Errorf("claimed %s, want %s", claimed.ID, r.ID)
		}
		return err
	}))
	// While the lease holds, nobody else takes it.
	worked, err := fx.svc.WorkOne(ctx, evaluation.WorkerOptions{ID: "live"})
	if err != nil || worked {
		t.Fatalf("a live worker took a leased run: %v %v", worked, err)
	}
	time.Sleep(150 * time.Millisecond)
	worked, err = fx.svc.WorkOne(ctx, evaluation.WorkerOptions{ID: "live"})
	if err != nil || !worked {
		t.Fatalf("the expired run was not taken over: %v %v", worked, err)
	}
	done, err := fx.svc.GetRun(ctx, fx.actors[evaluation.RoleOwner], fx.cidA, r.ID)
	must(t, err)
	if done.Status != evaluation.RunSucceeded || done.Attempts != 2 || done.ResultDigest != fx.fixtureRun(t).ResultDigest {
		t.Fatalf("taken-over run %+v", done)
	}
	// The dead worker, coming back, can no longer finish it.
	err = fx.db.Transact(ctx, func(tx evaluation.Tx) error {
		return tx.FinishRun(ctx, r.ID, "dead-worker", evaluation.RunFailed, "late", nil, "", "", nil, time.Now())
	})
	if err == nil {
		t.Fatal("a worker that lost its lease finished the run")
	}
}

// secondPool opens another connection pool on the fixture's database.
func (fx *fixture) secondPool(t *testing.T) *store.DB {
	db, err := store.Open(context.Background(), fx.url)
	must(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

func pqArray(ids []string) any { return pq.Array(ids) }
