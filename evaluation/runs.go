package evaluation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"slices"
	"time"
)

// Run statuses.
const (
	RunQueued    = "queued"
	RunRunning   = "running"
	RunSucceeded = "succeeded"
	RunFailed    = "failed"
	RunCancelled = "cancelled"
)

// Run is one evaluation run: what it evaluates with, and where it stands in the queue.
type Run struct {
	ID              string       `json:"id"`
	CommissionID    string       `json:"commission_id"`
	Number          int          `json:"number"`
	Status          string       `json:"status"`
	Period          Period       `json:"period"`
	FrameworkID     string       `json:"framework_id"`
	WeightSetID     string       `json:"weight_set_id"`
	DatasetIDs      []string     `json:"dataset_ids"`
	SurveyIDs       []string     `json:"survey_ids"`
	SurveyImports   []string     `json:"survey_imports"`
	PreviousRunID   string       `json:"previous_run_id,omitempty"`
	Adjustments     []Adjustment `json:"adjustments"`
	Config          RunConfig    `json:"config"`
	Stage           string       `json:"stage"`
	Progress        float64      `json:"progress"`
	Attempts        int          `json:"attempts"`
	LeaseOwner      string       `json:"lease_owner,omitempty"`
	LeaseUntil      *time.Time   `json:"lease_until,omitempty"`
	CancelRequested bool         `json:"cancel_requested"`
	Error           string       `json:"error,omitempty"`
	InputsDigest    string       `json:"inputs_digest,omitempty"`
	ResultDigest    string       `json:"result_digest,omitempty"`
	CreatedBy       string       `json:"created_by,omitempty"`
	CreatedByName   string       `json:"created_by_name"`
	CreatedAt       time.Time    `json:"created_at"`
	StartedAt       *time.Time   `json:"started_at,omitempty"`
	FinishedAt      *time.Time   `json:"finished_at,omitempty"`
}

// Terminal reports whether the run has finished one way or another.
func (r *Run) Terminal() bool {
	return r.Status == RunSucceeded || r.Status == RunFailed || r.Status == RunCancelled
}

// RunRequest asks for a run.
type RunRequest struct {
	FrameworkID   string       `json:"framework_id,omitempty"` // default: the weight set's framework
	WeightSetID   string       `json:"weight_set_id"`
	DatasetIDs    []string     `json:"dataset_ids"` // frozen, in priority order
	SurveyIDs     []string     `json:"survey_ids,omitempty"`
	Adjustments   []Adjustment `json:"adjustments,omitempty"`
	PreviousRunID string       `json:"previous_run_id,omitempty"` // default: the latest succeeded run of an earlier period
	Config        RunConfig    `json:"config"`
}

// CreateRun validates a request, locks the framework and weight set it uses (they can no longer
// change in place), and queues the run. Workers pick it up.
func (s *Service) CreateRun(ctx context.Context, a Actor, commissionID string, req RunRequest) (*Run, error) {
	var run *Run
	err := s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.access(ctx, tx, a, commissionID, PermRuns); err != nil {
			return err
		}
		c, err := tx.LockCommission(ctx, commissionID)
		if err != nil {
			return err
		}
		if c.Status == StatusPublished || c.Status == StatusAccepted {
			return fmt.Errorf("%w: the commission is %s; start a new evaluation period instead", ErrConflict, c.Status)
		}
		v := &ValidationError{Summary: "invalid run request"}
		if !validID(req.WeightSetID) {
			v.Add(Problem{Field: "weight_set_id", Value: req.WeightSetID, Message: "name the weight set to use"})
		}
		if len(req.DatasetIDs) == 0 {
			v.Add(Problem{Field: "dataset_ids", Message: "name at least one frozen dataset"})
		}
		if err := v.Err(); err != nil {
			return err
		}
		ws, err := tx.GetWeightSet(ctx, commissionID, req.WeightSetID)
		if errors.Is(err, ErrNotFound) {
			return &ValidationError{Summary: "invalid run request", Total: 1, Problems: []Problem{{Field: "weight_set_id", Value: req.WeightSetID, Message: "no such weight set in this commission"}}}
		} else if err != nil {
			return err
		}
		if req.FrameworkID == "" {
			req.FrameworkID = ws.FrameworkID
		}
		if req.FrameworkID != ws.FrameworkID {
			return Invalidf("framework_id", "the weight set %d was made for framework %s, not %s", ws.Number, ws.FrameworkID, req.FrameworkID)
		}
		f, err := s.framework(ctx, tx, commissionID, req.FrameworkID)
		if err != nil {
			return err
		}
		for i, id := range req.DatasetIDs {
			d, err := s.dataset(ctx, tx, commissionID, id)
			if errors.Is(err, ErrNotFound) {
				v.Add(Problem{Field: fmt.Sprintf("dataset_ids[%d]", i), Value: id, Message: "no such dataset in this commission"})
				continue
			} else if err != nil {
				return err
			}
			if !d.Frozen {
				v.Add(Problem{Field: fmt.Sprintf("dataset_ids[%d]", i), Value: id, Message: fmt.Sprintf("dataset %d is not frozen; freeze it before a run uses it", d.Number)})
			}
			if slices.Index(req.DatasetIDs, id) != i {
				v.Add(Problem{Field: fmt.Sprintf("dataset_ids[%d]", i), Value: id, Message: "named twice"})
			}
		}
		var surveyCodes, imports []string
		for i, id := range req.SurveyIDs {
			sv, imps, err := s.surveyForRun(ctx, tx, commissionID, id)
			if errors.Is(err, ErrNotFound) {
				v.Add(Problem{Field: fmt.Sprintf("survey_ids[%d]", i), Value: id, Message: "no such survey in this commission"})
				continue
			} else if err != nil {
				return err
			}
			surveyCodes = append(surveyCodes, sv)
			imports = append(imports, imps...)
		}
		if err := v.Err(); err != nil {
			return err
		}
		req.Config.Defaults(c.EvaluatedPeriod)
		if err := req.Config.Check(f, surveyCodes); err != nil {
			return err
		}
		for i, adj := range req.Adjustments {
			if adj.Reason == "" {
				v.Add(Problem{Field: fmt.Sprintf("adjustments[%d].reason", i), Message: "bonus and penalty points need a reason"})
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		// The previous run is checked now, against this commission, like every id a request
		// names: another commission's run must be refused as a missing one is, not stored and
		// failed later when the run computes.
		if req.PreviousRunID != "" {
			prev, err := s.run(ctx, tx, commissionID, req.PreviousRunID)
			if errors.Is(err, ErrNotFound) {
				return Invalidf("previous_run_id", "no such run in this commission")
			} else if err != nil {
				return err
			}
			if prev.Status != RunSucceeded {
				return Invalidf("previous_run_id", "run %d has not succeeded; name a succeeded run", prev.Number)
			}
		}
		if req.PreviousRunID == "" {
			if prev, err := tx.LatestRunBefore(ctx, commissionID, req.Config.Period); err == nil {
				req.PreviousRunID = prev.ID
			} else if !errors.Is(err, ErrNotFound) {
				return err
			}
		}
		if err := tx.LockFramework(ctx, f.ID); err != nil {
			return err
		}
		if err := tx.LockWeightSet(ctx, ws.ID); err != nil {
			return err
		}
		run = &Run{CommissionID: commissionID, Status: RunQueued, Period: req.Config.Period, FrameworkID: f.ID,
			WeightSetID: ws.ID, DatasetIDs: req.DatasetIDs, SurveyIDs: nonNil(req.SurveyIDs), SurveyImports: nonNil(imports),
			PreviousRunID: req.PreviousRunID, Adjustments: req.Adjustments, Config: req.Config,
			CreatedBy: a.UserID, CreatedByName: a.Name}
		if run.Adjustments == nil {
			run.Adjustments = []Adjustment{}
		}
		if err := tx.CreateRun(ctx, run); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, commissionID, "run.create", "run", run.ID, map[string]any{"number": run.Number, "request": req})
	})
	return run, err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// GetRun returns a run of the commission.
func (s *Service) GetRun(ctx context.Context, a Actor, commissionID, runID string) (*Run, error) {
	return readCommission(ctx, s, a, commissionID, PermRead, func(tx Tx) (*Run, error) {
		return s.run(ctx, tx, commissionID, runID)
	})
}

func (s *Service) run(ctx context.Context, tx Tx, commissionID, runID string) (*Run, error) {
	if !validID(runID) {
		return nil, fmt.Errorf("run %q: %w", runID, ErrNotFound)
	}
	return tx.GetRun(ctx, commissionID, runID)
}

// ListRuns lists a commission's runs, newest first.
func (s *Service) ListRuns(ctx context.Context, a Actor, commissionID string, p Page) ([]Run, error) {
	if err := p.Check(); err != nil {
		return nil, err
	}
	return readCommission(ctx, s, a, commissionID, PermRead, func(tx Tx) ([]Run, error) {
		return tx.ListRuns(ctx, commissionID, p)
	})
}

// CancelRun cancels a queued run at once, and asks the worker of a running run to stop at its
// next checkpoint.
func (s *Service) CancelRun(ctx context.Context, a Actor, commissionID, runID string) (*Run, error) {
	var r *Run
	err := s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.access(ctx, tx, a, commissionID, PermRuns); err != nil {
			return err
		}
		var err error
		if r, err = s.run(ctx, tx, commissionID, runID); err != nil {
			return err
		}
		if r.Terminal() {
			return fmt.Errorf("%w: run %d has already %s", ErrConflict, r.Number, r.Status)
		}
		if err := tx.RequestCancel(ctx, runID, s.now()); err != nil {
			return err
		}
		if r, err = tx.GetRun(ctx, commissionID, runID); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, commissionID, "run.cancel", "run", runID, map[string]any{"number": r.Number})
	})
	return r, err
}

// RunResult returns the canonical JSON result of a succeeded run and its digest.
func (s *Service) RunResult(ctx context.Context, a Actor, commissionID, runID string) ([]byte, string, error) {
	var raw []byte
	var digest string
	err := s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.access(ctx, tx, a, commissionID, PermRead); err != nil {
			return err
		}
		r, err := s.run(ctx, tx, commissionID, runID)
		if err != nil {
			return err
		}
		if r.Status != RunSucceeded {
			return fmt.Errorf("%w: run %d is %s and has no result", ErrConflict, r.Number, r.Status)
		}
		raw, digest, err = tx.GetRunResult(ctx, runID)
		return err
	})
	return raw, digest, err
}

// RunInputs assembles the inputs of a run as it computed them (for reports and reviewers).
func (s *Service) RunInputs(ctx context.Context, a Actor, commissionID, runID string) (*RunInputs, error) {
	var in *RunInputs
	err := s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.access(ctx, tx, a, commissionID, PermRead); err != nil {
			return err
		}
		r, err := s.run(ctx, tx, commissionID, runID)
		if err != nil {
			return err
		}
		in, err = s.assemble(ctx, tx, r)
		return err
	})
	return in, err
}

// assemble loads everything a run computes from: its commission and units, the locked framework
// and weight set with the experts' judgments, the frozen datasets' observations, the surveys'
// pseudonymous responses as of the run's creation, and the previous period's bottom two.
func (s *Service) assemble(ctx context.Context, tx Tx, r *Run) (*RunInputs, error) {
	c, err := tx.GetCommission(ctx, r.CommissionID)
	if err != nil {
		return nil, err
	}
	inst, err := tx.GetInstitute(ctx, c.InstituteID)
	if err != nil {
		return nil, err
	}
	in := &RunInputs{Commission: RunCommission{ID: c.ID, Title: c.Title, Client: c.Client, Institute: inst.Name,
		PeriodStart: c.PeriodStart, PeriodEnd: c.PeriodEnd, EvaluatedPeriod: r.Period, Synthetic: c.Synthetic},
		Adjustments: r.Adjustments, Config: r.Config}
	if in.Units, err = tx.ListUnits(ctx, r.CommissionID); err != nil {
		return nil, err
	}
	if in.Framework, err = tx.GetFramework(ctx, r.CommissionID, r.FrameworkID); err != nil {
		return nil, err
	}
	for _, id := range r.DatasetIDs {
		d, err := tx.GetDataset(ctx, r.CommissionID, id)
		if err != nil {
			return nil, err
		}
		rd := RunDataset{ID: d.ID, Number: d.Number, SHA256: d.SHA256, FileName: d.FileName, Importer: d.Importer,
			ImportedAt: d.ImportedAt, Label: d.Label, Synthetic: d.Synthetic, Observations: []Observation{}}
		if err := tx.WalkObservations(ctx, id, func(o *Observation) error {
			rd.Observations = append(rd.Observations, *o)
			return nil
		}); err != nil {
			return nil, err
		}
		in.Datasets = append(in.Datasets, rd)
	}
	ws, err := tx.GetWeightSet(ctx, r.CommissionID, r.WeightSetID)
	if err != nil {
		return nil, err
	}
	in.Weights.Set = *ws
	if in.Weights.Judgments, err = tx.ListJudgments(ctx, ws.ID); err != nil {
		return nil, err
	}
	for _, id := range r.SurveyIDs {
		rs, err := s.runSurvey(ctx, tx, r.CommissionID, id, r.SurveyImports)
		if err != nil {
			return nil, err
		}
		in.Surveys = append(in.Surveys, *rs)
	}
	if r.PreviousRunID != "" {
		prev, err := tx.GetRun(ctx, r.CommissionID, r.PreviousRunID)
		if err != nil {
			return nil, err
		}
		raw, digest, err := tx.GetRunResult(ctx, prev.ID)
		if err != nil {
			return nil, fmt.Errorf("previous run %d has no result: %w", prev.Number, err)
		}
		var pr Result
		if err := json.Unmarshal(raw, &pr); err != nil {
			return nil, fmt.Errorf("previous run %d: %w", prev.Number, err)
		}
		p := &PreviousRun{RunID: prev.ID, Period: prev.Period, Digest: digest, Bottom: []string{}}
		for _, u := range pr.Units {
			if u.BottomTwo {
				p.Bottom = append(p.Bottom, u.Code)
			}
		}
		in.Previous = p
	}
	in.Canonicalize()
	return in, nil
}

// RunCounts counts the runs of every commission by status (queued, running, …), for operators'
// metrics; it checks no access and must not be reachable by users.
func (s *Service) RunCounts(ctx context.Context) (map[string]int, error) {
	var out map[string]int
	err := s.store.Transact(ctx, func(tx Tx) error {
		var err error
		out, err = tx.CountRuns(ctx)
		return err
	})
	return out, err
}

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
	err := s.store.Transact(ctx, func(tx Tx) error {
		var err error
		r, err = tx.ClaimRun(ctx, opts.ID, opts.Lease)
		return err
	})
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
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
				case errors.Is(err, ErrStale):
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
	status, message := RunSucceeded, ""
	switch {
	case errors.Is(err, errLost) || errors.Is(err, ErrStale):
		opts.report(ev(RunEventLost, RunRunning), r, "")
		return nil
	case errors.Is(err, errCancelled):
		status, message = RunCancelled, "cancelled on request"
	case ctx.Err() != nil:
		// The worker is shutting down: leave the run to be taken over when its lease expires.
		return nil
	case errors.Is(err, ErrUnavailable):
		// The database went away: the run is not at fault. Leave it to be taken over when its
		// lease expires (by this worker too, once the database is back).
		return err
	case err != nil:
		// Run.Error is shown to users: it holds what they can act on (a data problem the
		// engine found), never a stack or a driver's text, which go to the worker's log.
		status, message = RunFailed, PublicMessage(err, errInternalMessage)
		var ie *InternalError
		if errors.As(err, &ie) {
			opts.logger().Error("run failed", "run", r.ID, "commission", r.CommissionID, "worker", opts.ID, "attempt", r.Attempts, "err", err)
		}
	}
	var raw []byte
	var digest string
	if status == RunSucceeded {
		if raw, err = Canonical(result); err != nil {
			status, message = RunFailed, err.Error()
		} else {
			digest, _ = Digest(result)
		}
	}
	err = s.store.Transact(ctx, func(tx Tx) error {
		if err := tx.FinishRun(ctx, r.ID, opts.ID, status, message, inputsDigest, digest, raw, s.now()); err != nil {
			return err
		}
		return s.audit(ctx, tx, SystemActor("run worker "+opts.ID), r.CommissionID, "run.finish", "run", r.ID,
			map[string]any{"number": r.Number, "status": status, "error": message, "inputs_digest": inputsDigest, "result_digest": digest})
	})
	switch {
	case errors.Is(err, ErrStale):
		opts.report(ev(RunEventLost, RunRunning), r, "")
	case err == nil:
		opts.report(ev(RunEventFinished, status), r, message)
	}
	return err
}

// The messages a failed run shows for failures that are not the data's.
const (
	errPanicMessage    = "the computation failed unexpectedly; this is a defect of evalbench, and the server log holds the details"
	errInternalMessage = "the computation failed for a reason outside the data (the server log holds the details); run it again"
)

// computeRun loads the inputs and computes the result, reporting progress by stage.
func (s *Service) computeRun(ctx context.Context, r *Run, progress func(string, float64) error) (digest string, res *Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &InternalError{Public: errPanicMessage, Err: fmt.Errorf("panic: %v\n%s", p, debug.Stack())}
		}
	}()
	if err := progress("loading inputs", 0.05); err != nil {
		return "", nil, err
	}
	var in *RunInputs
	err = s.store.Transact(ctx, func(tx Tx) error {
		var err error
		in, err = s.assemble(ctx, tx, r)
		return err
	})
	if err != nil {
		return "", nil, err
	}
	if digest, err = Digest(in); err != nil {
		return "", nil, err
	}
	if err := progress("computing", 0.3); err != nil {
		return digest, nil, err
	}
	res, err = Compute(in)
	if err != nil {
		return digest, nil, err
	}
	if err := progress("storing", 0.95); err != nil {
		return digest, nil, err
	}
	return digest, res, nil
}
