package evaluation

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// WorkerOptions configure a run worker.
type WorkerOptions struct {
	ID    string        // identifies the worker in leases (host:pid:n)
	Lease time.Duration // how long a claim lasts without a heartbeat (default 30 s)
	Poll  time.Duration // how often an idle worker looks for work (default 500 ms)
	// Log receives a line when the worker claims a run (or takes over one whose worker died) and
	// when the run finishes, fails, is cancelled or is lost to another worker (nil: no log).
	Log *slog.Logger
	// Observe, when set, is told the same events, for metrics.
	Observe func(RunEvent)
}

// Run events a worker reports.
const (
	RunEventClaimed   = "claimed"    // a queued run was claimed
	RunEventTakenOver = "taken over" // a running run whose lease expired was claimed
	RunEventFinished  = "finished"   // the run ended: succeeded, failed or cancelled (see Status)
	RunEventLost      = "lost"       // the worker lost its lease to another worker
)

// RunEvent is what a worker reports about a run it works on.
type RunEvent struct {
	Kind     string // RunEvent…
	RunID    string
	Worker   string
	Attempt  int           // the claim's number among the run's claims (1 for the first)
	Status   string        // the run's status once the event happened
	Duration time.Duration // from the claim to the end (events after a claim)
}

// report logs ev and passes it to opts.Observe.
func (opts *WorkerOptions) report(ev RunEvent, r *Run, message string) {
	if opts.Observe != nil {
		opts.Observe(ev)
	}
	log := opts.Log
	if log == nil {
		return
	}
	attrs := []any{"run", ev.RunID, "commission", r.CommissionID, "number", r.Number, "worker", ev.Worker, "attempt", ev.Attempt}
	level := slog.LevelInfo
	msg := "run " + ev.Kind
	switch ev.Kind {
	case RunEventFinished:
		attrs = append(attrs, "status", ev.Status, "duration", ev.Duration)
		if ev.Status == RunFailed {
			level, msg = slog.LevelWarn, "run failed"
			attrs = append(attrs, "err", message)
		} else if ev.Status == RunCancelled {
			msg = "run cancelled"
		}
	case RunEventLost:
		level = slog.LevelWarn
		attrs = append(attrs, "duration", ev.Duration)
	}
	log.Log(context.Background(), level, msg, attrs...)
}

// logger returns the worker's logger: Log, or slog's default when none was given (WorkOne's
// callers may leave it out).
func (o WorkerOptions) logger() *slog.Logger {
	if o.Log == nil {
		return slog.Default()
	}
	return o.Log
}

// Work claims and executes runs until ctx ends. Several workers, in one process or many, share
// the queue: a claim takes a queued run, or a running one whose lease expired (its process
// died), with FOR UPDATE SKIP LOCKED; a heartbeat renews the lease.
func (s *Service) Work(ctx context.Context, opts WorkerOptions) {
	if opts.Lease == 0 {
		opts.Lease = 30 * time.Second
	}
	if opts.Poll == 0 {
		opts.Poll = 500 * time.Millisecond
	}
	for ctx.Err() == nil {
		worked, err := s.WorkOne(ctx, opts)
		if err != nil && ctx.Err() == nil && opts.Log != nil {
			opts.Log.Error("run worker", "worker", opts.ID, "err", err)
		}
		if !worked {
			select {
			case <-ctx.Done():
			case <-time.After(opts.Poll):
			}
		}
	}
}

// WorkOne claims one run and executes it; it reports whether there was a run to work on.
func (s *Service) WorkOne(ctx context.Context, opts WorkerOptions) (bool, error) {
	if opts.Lease == 0 {
		opts.Lease = 30 * time.Second
	}
	var r *Run
	var ended []Run
	err := s.store.Transact(ctx, func(tx Tx) error {
		// First the runs whose cancellation was requested and whose worker died: each ends as
		// its worker would have ended it, with its audit entry.
		var err error
		if ended, err = tx.EndCancelledRuns(ctx); err != nil {
			return err
		}
		for _, e := range ended {
			if err := s.audit(ctx, tx, SystemActor("run worker "+opts.ID), e.CommissionID, "run.finish", "run", e.ID,
				map[string]any{"number": e.Number, "status": e.Status, "error": e.Error, "inputs_digest": e.InputsDigest, "result_digest": e.ResultDigest}); err != nil {
				return err
			}
		}
		r, err = tx.ClaimRun(ctx, opts.ID, opts.Lease)
		if errors.Is(err, engine.ErrNotFound) {
			r = nil // nothing to claim: commit all the same, for the runs ended above
			return nil
		}
		return err
	})
	if err != nil {
		return false, err
	}
	for i := range ended {
		opts.report(RunEvent{Kind: RunEventFinished, RunID: ended[i].ID, Worker: opts.ID, Attempt: ended[i].Attempts, Status: RunCancelled}, &ended[i], ended[i].Error)
	}
	if r == nil {
		return false, nil
	}
	kind := RunEventClaimed
	if r.Attempts > 1 {
		kind = RunEventTakenOver
	}
	opts.report(RunEvent{Kind: kind, RunID: r.ID, Worker: opts.ID, Attempt: r.Attempts, Status: RunRunning}, r, "")
	return true, s.execute(ctx, opts, r)
}

// execute computes a claimed run, renewing its lease until it is done.
func (s *Service) execute(ctx context.Context, opts WorkerOptions, r *Run) error {
	start := time.Now()
	ev := func(kind, status string) RunEvent {
		return RunEvent{Kind: kind, RunID: r.ID, Worker: opts.ID, Attempt: r.Attempts, Status: status, Duration: time.Since(start)}
	}
	runCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	errLost := errors.New("the run's lease was lost to another worker")
	errCancelled := errors.New("the run was cancelled")
	done := make(chan struct{})
	defer close(done)
	go func() {
		t := time.NewTicker(opts.Lease / 3)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				var cancelRequested bool
				err := s.store.Transact(ctx, func(tx Tx) error {
					var err error
					cancelRequested, err = tx.RenewLease(ctx, r.ID, opts.ID, opts.Lease)
					return err
				})
				switch {
				case errors.Is(err, engine.ErrStale):
					cancel(errLost)
					return
				case cancelRequested:
					cancel(errCancelled)
					return
				}
			}
		}
	}()
	progress := func(stage string, p float64) error {
		if runCtx.Err() != nil {
			return context.Cause(runCtx)
		}
		return s.store.Transact(ctx, func(tx Tx) error {
			cancelRequested, err := tx.SetRunProgress(ctx, r.ID, opts.ID, stage, p)
			if err == nil && cancelRequested {
				return errCancelled
			}
			return err
		})
	}
	inputsDigest, result, err := s.computeRun(runCtx, r, progress)
	if cause := context.Cause(runCtx); err != nil && ctx.Err() == nil && (cause == errCancelled || cause == errLost) {
		// The heartbeat cancelled runCtx (the run's cancellation was requested, or its lease
		// lost) while the inputs were being read: the read failed with the context's error — or
		// a broken connection, a driver cancelling a query closes it — which is neither the
		// run's fault nor the database's. The run ends as the heartbeat decided.
		err = cause
	}
	status, message := RunSucceeded, ""
	var why *messages.Message
	logFailure := func(err error) {
		opts.logger().Error("run failed", "run", r.ID, "commission", r.CommissionID, "worker", opts.ID, "attempt", r.Attempts, "err", err)
	}
	switch {
	case errors.Is(err, errLost) || errors.Is(err, engine.ErrStale):
		opts.report(ev(RunEventLost, RunRunning), r, "")
		return nil
	case errors.Is(err, errCancelled):
		status, message, why = RunCancelled, "cancelled on request", msg(messages.RunErrorCancelled)
	case ctx.Err() != nil:
		// The worker is shutting down: leave the run to be taken over when its lease expires.
		return nil
	case errors.Is(err, engine.ErrUnavailable):
		// The database went away: the run is not at fault. Leave it to be taken over when its
		// lease expires (by this worker too, once the database is back).
		return err
	case err != nil:
		// Run.Error and Run.ErrorMessage are shown to users: they hold what users can act on (a
		// data problem the engine found), never a stack or a driver's text, which go to the
		// worker's log.
		status = RunFailed
		m, known := failureMessage(err)
		why = &m
		message = engine.PublicMessage(err, errInternalMessage)
		if !known {
			message = messages.For(messages.English).Render(m)
		}
		if ie := (*engine.InternalError)(nil); !known || errors.As(err, &ie) {
			logFailure(err)
		}
	}
	var raw []byte
	var digest string
	if status == RunSucceeded {
		if raw, err = engine.Canonical(result); err != nil {
			// The result holds what canonical JSON cannot say (a NaN the engine let through):
			// the engine's defect, not the data's.
			status, why = RunFailed, msg(messages.RunErrorInternal)
			message = messages.For(messages.English).Render(*why)
			logFailure(err)
		} else {
			// engine.Digest(result) without writing the canonical JSON a second time: it is
			// the SHA-256 of these bytes.
			sum := sha256.Sum256(raw)
			digest = hex.EncodeToString(sum[:])
		}
	}
	recorded := status // what the finishing transaction recorded
	err = s.store.Transact(ctx, func(tx Tx) error {
		status, message, why, digest, raw := status, message, why, digest, raw
		if status == RunSucceeded {
			// A last look for a cancel, which also locks the run until this commits: a cancel
			// accepted until now (the result was being encoded) ends the run as cancelled, as
			// its answer promised; one asked after it waits for this commit and finds the run
			// ended (409).
			cancelRequested, err := tx.SetRunProgress(ctx, r.ID, opts.ID, RunStageStoring, 0.95)
			if err != nil {
				return err
			}
			if cancelRequested {
				status, message, why, digest, raw = RunCancelled, "cancelled on request", msg(messages.RunErrorCancelled), "", nil
			}
		}
		if err := tx.FinishRun(ctx, r.ID, opts.ID, status, message, why, inputsDigest, digest, raw, s.now()); err != nil {
			return err
		}
		recorded = status
		return s.audit(ctx, tx, SystemActor("run worker "+opts.ID), r.CommissionID, "run.finish", "run", r.ID,
			map[string]any{"number": r.Number, "status": status, "error": message, "inputs_digest": inputsDigest, "result_digest": digest})
	})
	if recorded == RunCancelled && status == RunSucceeded {
		status, message = RunCancelled, "cancelled on request"
	}
	switch {
	case errors.Is(err, engine.ErrStale):
		opts.report(ev(RunEventLost, RunRunning), r, "")
	case err == nil:
		opts.report(ev(RunEventFinished, status), r, message)
	}
	return err
}

// The English of the messages a failed run shows for failures that are not the data's
// (Run.Error; Run.ErrorMessage is messages.RunErrorPanic and RunErrorInternal).
var (
	errPanicMessage    = messages.For(messages.English).Sprintf(messages.RunErrorPanic)
	errInternalMessage = messages.For(messages.English).Sprintf(messages.RunErrorInternal)
)

// msg is a message without arguments, for Run.ErrorMessage.
func msg(id messages.ID) *messages.Message { m := messages.New(id); return &m }

// errPanicked marks the error of a computation that panicked.
var errPanicked = errors.New("panic")

// failureMessage is why a run failed, as a catalogue message: a computation that panicked or
// failed outside the data (an *engine.InternalError) says so without its cause; a data problem
// the engine found or a refusal is said in the catalogue's words (engine.MessageOf). known is
// false for any other error, which gets RunErrorUnexpected — naming no package, driver or
// stack — and goes to the worker's log.
func failureMessage(err error) (m messages.Message, known bool) {
	var ie *engine.InternalError
	if errors.As(err, &ie) {
		if errors.Is(err, errPanicked) {
			return messages.New(messages.RunErrorPanic), true
		}
		return messages.New(messages.RunErrorInternal), true
	}
	if m, ok := engine.MessageOf(err); ok {
		return m, true
	}
	return messages.New(messages.RunErrorUnexpected), false
}

// computeRun loads the inputs and computes the result, reporting progress by stage.
func (s *Service) computeRun(ctx context.Context, r *Run, progress func(string, float64) error) (digest string, res *engine.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &engine.InternalError{Public: errPanicMessage, Err: fmt.Errorf("%w: %v\n%s", errPanicked, p, debug.Stack())}
		}
	}()
	if err := progress(RunStageLoadingInputs, 0.05); err != nil {
		return "", nil, err
	}
	var in *engine.RunInputs
	err = s.store.Transact(ctx, func(tx Tx) error {
		var err error
		in, err = s.assembleInputs(ctx, tx, r, true)
		return err
	})
	if err != nil {
		return "", nil, err
	}
	// The inputs' digest (a read of the inputs) is written while the engine computes (also a
	// read of them: engine.Compute does not change its inputs), on the core the computation
	// leaves idle between its parallel stages.
	type digested struct {
		digest string
		err    error
	}
	dc := make(chan digested, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				dc <- digested{err: &engine.InternalError{Public: errPanicMessage, Err: fmt.Errorf("%w: %v\n%s", errPanicked, p, debug.Stack())}}
			}
		}()
		d, err := engine.Digest(in)
		dc <- digested{d, err}
	}()
	if err := progress(RunStageComputing, 0.3); err != nil {
		d := <-dc
		if d.err != nil {
			return "", nil, d.err
		}
		return d.digest, nil, err
	}
	res, err = engine.Compute(in)
	d := <-dc
	if d.err != nil {
		return "", nil, d.err
	}
	digest = d.digest
	if err != nil {
		return digest, nil, err
	}
	if err := progress(RunStageStoring, 0.95); err != nil {
		return digest, nil, err
	}
	return digest, res, nil
}
