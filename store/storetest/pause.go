package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"evalbench/evaluation"
)

// StagePause is a store that holds a run worker at one stage, so that a test can act on the run
// (cancel it, read its page) while the worker is there, without timing: every read and write goes
// to the wrapped store, and once the transaction in which a worker records the stage has
// committed, Transact closes Reached and waits for Release before it returns to the worker. It
// pauses once; later transactions pass straight through.
type StagePause struct {
	evaluation.Store
	stage   string
	Reached chan struct{} // closed when a worker has recorded the stage
	release chan struct{}
	paused  sync.Once
	freed   sync.Once
	hold    bool // HoldInputsUntilCancelled was called
	held    sync.Once
}

// PauseAtStage wraps st to hold the first worker that records stage (evaluation.RunStage…).
func PauseAtStage(st evaluation.Store, stage string) *StagePause {
	return &StagePause{Store: st, stage: stage, Reached: make(chan struct{}), release: make(chan struct{})}
}

// Release lets the held worker go on (and any that reaches the stage later pass); it may be
// called more than once.
func (p *StagePause) Release() { p.freed.Do(func() { close(p.release) }) }

// HoldInputsUntilCancelled, called before Release, makes the worker's next read of a run's
// commission — the first read of its inputs — wait until the context it reads under is done and
// then read under it: the worker's run context, which its heartbeat cancels once it sees the
// run's cancellation requested (or its lease lost). So the cancellation lands in the middle of
// loading the inputs, as it does when a large run's load outlasts a heartbeat. The worker's
// lease must be short enough for its heartbeat to come (WorkerOptions.Lease / 3).
func (p *StagePause) HoldInputsUntilCancelled() { p.hold = true }

// Transact implements evaluation.Store.
func (p *StagePause) Transact(ctx context.Context, fn func(evaluation.Tx) error) error {
	var recorded bool
	err := p.Store.Transact(ctx, func(tx evaluation.Tx) error {
		recorded = false // a retried transaction starts afresh
		return fn(stageTx{Tx: tx, pause: p, recorded: &recorded})
	})
	if err == nil && recorded {
		// After the commit, not inside the transaction: its row lock on the run would block
		// whatever the test does to the run meanwhile.
		p.paused.Do(func() {
			close(p.Reached)
			<-p.release
		})
	}
	return err
}

// stageTx notes whether the worker recorded the stage in this transaction.
type stageTx struct {
	evaluation.Tx
	pause    *StagePause
	recorded *bool
}

func (t stageTx) SetRunProgress(ctx context.Context, runID, worker, stage string, progress float64) (bool, error) {
	cancelRequested, err := t.Tx.SetRunProgress(ctx, runID, worker, stage, progress)
	if err == nil && stage == t.pause.stage {
		*t.recorded = true
	}
	return cancelRequested, err
}

func (t stageTx) GetCommission(ctx context.Context, id string) (*evaluation.Commission, error) {
	p := t.pause
	select {
	case <-p.release: // hold is read after the release, which it was set before
		if p.hold {
			p.held.Do(func() { <-ctx.Done() })
		}
	default:
	}
	return t.Tx.GetCommission(ctx, id)
}

// Worked is what a held worker's WorkOne returned.
type Worked struct {
	Worked bool
	Err    error
}

// HeldWorker is a worker held at a StagePause's stage (StagePause.Work).
type HeldWorker struct {
	t    testing.TB
	p    *StagePause
	done chan Worked
}

// Work starts svc's worker (svc runs over this store) on the next run and returns once it has
// reached the stage and is held there; it fails the test if the worker ends before or takes over
// two minutes.
func (p *StagePause) Work(t testing.TB, svc *evaluation.Service, opts evaluation.WorkerOptions) *HeldWorker {
	t.Helper()
	h := &HeldWorker{t: t, p: p, done: make(chan Worked, 1)}
	go func() {
		worked, err := svc.WorkOne(context.Background(), opts)
		h.done <- Worked{worked, err}
	}()
	select {
	case <-p.Reached:
	case o := <-h.done:
		t.Fatalf("the worker ended before the %s stage: worked %v, %v", p.stage, o.Worked, o.Err)
	case <-time.After(2 * time.Minute):
		t.Fatalf("the worker did not reach the %s stage in 2 minutes", p.stage)
	}
	return h
}

// Finish releases the worker and returns what its WorkOne returned; it fails the test if the
// worker takes over two minutes to end.
func (h *HeldWorker) Finish() Worked {
	h.t.Helper()
	h.p.Release()
	select {
	case o := <-h.done:
		return o
	case <-time.After(2 * time.Minute):
		h.t.Fatalf("the worker held at the %s stage did not end in 2 minutes", h.p.stage)
	}
	return Worked{}
}
