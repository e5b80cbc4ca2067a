package evaluation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// Run statuses.
const (
	RunQueued    = "queued"
	RunRunning   = "running"
	RunSucceeded = "succeeded"
	RunFailed    = "failed"
	RunCancelled = "cancelled"
)

// Run stages: what the worker is doing while the run is running (Run.Stage). A queued run has no
// stage yet; a finished one has its status as its stage.
const (
	RunStageClaimed       = "claimed" // store.ClaimRun writes it
	RunStageLoadingInputs = "loading inputs"
	RunStageComputing     = "computing"
	RunStageStoring       = "storing"
)

// runStageIDs are the stages' messages.
var runStageIDs = map[string]messages.ID{
	RunStageClaimed:       messages.RunStageClaimed,
	RunStageLoadingInputs: messages.RunStageLoadingInputs,
	RunStageComputing:     messages.RunStageComputing,
	RunStageStoring:       messages.RunStageStoring,
	RunQueued:             messages.RunStatusQueued,
	RunRunning:            messages.RunStatusRunning,
	RunSucceeded:          messages.RunStatusSucceeded,
	RunFailed:             messages.RunStatusFailed,
	RunCancelled:          messages.RunStatusCancelled,
}

// RunStageID is the message of a run's stage, for the pages, the event stream and the CLI to
// show in the reader's language: a worker's stage ("loading inputs") or the status a finished run
// keeps as its stage ("succeeded"). It is "" for no stage (a queued run) and for a stage the
// catalogue does not know, which is then not shown rather than shown in English.
func RunStageID(stage string) messages.ID { return runStageIDs[stage] }

// StageID is RunStageID of the run's stage.
func (r *Run) StageID() messages.ID { return RunStageID(r.Stage) }

// Run is one evaluation run: what it evaluates with, and where it stands in the queue.
type Run struct {
	ID              string              `json:"id"`
	CommissionID    string              `json:"commission_id"`
	Number          int                 `json:"number"`
	Status          string              `json:"status"`
	Period          engine.Period       `json:"period"`
	FrameworkID     string              `json:"framework_id"`
	WeightSetID     string              `json:"weight_set_id"`
	DatasetIDs      []string            `json:"dataset_ids"`
	SurveyIDs       []string            `json:"survey_ids"`
	SurveyImports   []string            `json:"survey_imports"`
	PreviousRunID   string              `json:"previous_run_id,omitempty"`
	Adjustments     []engine.Adjustment `json:"adjustments"`
	Config          engine.RunConfig    `json:"config"`
	Stage           string              `json:"stage"`
	Progress        float64             `json:"progress"`
	Attempts        int                 `json:"attempts"`
	LeaseOwner      string              `json:"lease_owner,omitempty"`
	LeaseUntil      *time.Time          `json:"lease_until,omitempty"`
	CancelRequested bool                `json:"cancel_requested"`
	// Error is why the run failed (or was cancelled) in English, for logs and the clients that
	// read it before ErrorMessage existed; ErrorMessage is the same as a catalogue message, which
	// the pages, the CLI and API clients render in the reader's language.
	Error         string            `json:"error,omitempty"`
	ErrorMessage  *messages.Message `json:"error_message,omitempty"`
	InputsDigest  string            `json:"inputs_digest,omitempty"`
	ResultDigest  string            `json:"result_digest,omitempty"`
	CreatedBy     string            `json:"created_by,omitempty"`
	CreatedByName string            `json:"created_by_name"`
	CreatedAt     time.Time         `json:"created_at"`
	StartedAt     *time.Time        `json:"started_at,omitempty"`
	FinishedAt    *time.Time        `json:"finished_at,omitempty"`
}

// Terminal reports whether the run has finished one way or another.
func (r *Run) Terminal() bool {
	return r.Status == RunSucceeded || r.Status == RunFailed || r.Status == RunCancelled
}

// RunRequest asks for a run.
type RunRequest struct {
	FrameworkID   string              `json:"framework_id,omitempty"` // default: the weight set's framework
	WeightSetID   string              `json:"weight_set_id"`
	DatasetIDs    []string            `json:"dataset_ids"` // frozen, in priority order
	SurveyIDs     []string            `json:"survey_ids,omitempty"`
	Adjustments   []engine.Adjustment `json:"adjustments,omitempty"`
	PreviousRunID string              `json:"previous_run_id,omitempty"` // default: the latest succeeded run of an earlier period
	Config        engine.RunConfig    `json:"config"`
}

// CreateRun validates a request, locks the framework and weight set it uses (they can no longer
// change in place), and queues the run. Workers pick it up.
func (s *Service) CreateRun(ctx context.Context, a Actor, commissionID string, req RunRequest) (*Run, error) {
	var run *Run
	err := s.inCommission(ctx, a, commissionID, PermRuns, func(tx Tx) error {
		c, err := tx.LockCommission(ctx, commissionID)
		if err != nil {
			return err
		}
		if c.Status == StatusPublished || c.Status == StatusAccepted {
			return engine.Refuse(engine.ErrConflict, messages.ConflictRunsClosed, "status", messages.ID("commission.status."+string(c.Status)))
		}
		v := engine.NewValidation(messages.ValidationRunRequest)
		if !validID(req.WeightSetID) {
			v.Add(engine.Catalogued("weight_set_id", req.WeightSetID, messages.RunRequestWeightSet))
		}
		if len(req.DatasetIDs) == 0 {
			v.Add(engine.Catalogued("dataset_ids", "", messages.RunRequestDatasets))
		}
		if err := v.Err(); err != nil {
			return err
		}
		ws, err := tx.GetWeightSet(ctx, commissionID, req.WeightSetID)
		if errors.Is(err, engine.ErrNotFound) {
			v := engine.NewValidation(messages.ValidationRunRequest)
			v.Add(engine.Catalogued("weight_set_id", req.WeightSetID, messages.RunRequestNoWeightSet))
			return v
		} else if err != nil {
			return err
		}
		if req.FrameworkID == "" {
			req.FrameworkID = ws.FrameworkID
		}
		if req.FrameworkID != ws.FrameworkID {
			return engine.Invalid("framework_id", messages.RunRequestFrameworkMismatch, "number", ws.Number, "framework", ws.FrameworkID, "requested", req.FrameworkID)
		}
		f, err := s.framework(ctx, tx, commissionID, req.FrameworkID)
		if err != nil {
			return err
		}
		for i, id := range req.DatasetIDs {
			d, err := s.dataset(ctx, tx, commissionID, id)
			if errors.Is(err, engine.ErrNotFound) {
				v.Add(engine.Catalogued(fmt.Sprintf("dataset_ids[%d]", i), id, messages.RunRequestNoDataset))
				continue
			} else if err != nil {
				return err
			}
			if !d.Frozen {
				v.Add(engine.Catalogued(fmt.Sprintf("dataset_ids[%d]", i), id, messages.RunRequestDatasetNotFrozen, "number", d.Number))
			}
			if slices.Index(req.DatasetIDs, id) != i {
				v.Add(engine.Catalogued(fmt.Sprintf("dataset_ids[%d]", i), id, messages.RunRequestNamedTwice))
			}
		}
		var surveyCodes, imports []string
		for i, id := range req.SurveyIDs {
			sv, imps, err := s.surveyForRun(ctx, tx, commissionID, id)
			if errors.Is(err, engine.ErrNotFound) {
				v.Add(engine.Catalogued(fmt.Sprintf("survey_ids[%d]", i), id, messages.RunRequestNoSurvey))
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
		if mc := req.Config.MonteCarlo; (mc.JudgmentSteps > 0 || mc.JudgmentScale != "") && !ws.DerivesFromJudgments() {
			return engine.Invalid("monte_carlo.judgment_steps", messages.RunRequestJudgmentNeedsAHP, "number", ws.Number, "method", string(ws.Method))
		}
		for i, adj := range req.Adjustments {
			if adj.Reason == "" {
				v.Add(engine.Catalogued(fmt.Sprintf("adjustments[%d].reason", i), "", messages.RunRequestAdjustmentReason))
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
			if errors.Is(err, engine.ErrNotFound) {
				return engine.Invalid("previous_run_id", messages.RunRequestNoPreviousRun)
			} else if err != nil {
				return err
			}
			if prev.Status != RunSucceeded {
				return engine.Invalid("previous_run_id", messages.RunRequestPreviousNotSucceeded, "number", prev.Number)
			}
		}
		if req.PreviousRunID == "" {
			if prev, err := tx.LatestRunBefore(ctx, commissionID, req.Config.Period); err == nil {
				req.PreviousRunID = prev.ID
			} else if !errors.Is(err, engine.ErrNotFound) {
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
			run.Adjustments = []engine.Adjustment{}
		}
		if err := tx.CreateRun(ctx, run); err != nil {
			return err
		}
		// The rectification items of earlier periods as they stand now: the run's report shows
		// them, and the rectification award is computed from them; later changes do not move it.
		rects, err := rectificationsBefore(ctx, tx, commissionID, run.Period)
		if err != nil {
			return err
		}
		if err := tx.SetRunRectifications(ctx, run.ID, rects); err != nil {
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
		return nil, fmt.Errorf("run %q: %w", runID, engine.ErrNotFound)
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
	err := s.inCommission(ctx, a, commissionID, PermRuns, func(tx Tx) error {
		var err error
		if r, err = s.run(ctx, tx, commissionID, runID); err != nil {
			return err
		}
		if r.Terminal() {
			return engine.Refuse(engine.ErrConflict, messages.ConflictRunEnded, "number", r.Number, "status", messages.ID("run.status."+r.Status))
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
	err := s.inCommission(ctx, a, commissionID, PermRead, func(tx Tx) error {
		r, err := s.run(ctx, tx, commissionID, runID)
		if err != nil {
			return err
		}
		if r.Status != RunSucceeded {
			return engine.Refuse(engine.ErrConflict, messages.ConflictRunNoResult, "number", r.Number, "status", messages.ID("run.status."+r.Status))
		}
		raw, digest, err = tx.GetRunResult(ctx, runID)
		return err
	})
	return raw, digest, err
}

// RunInputs assembles the inputs of a run as it computed them (for reports and reviewers).
func (s *Service) RunInputs(ctx context.Context, a Actor, commissionID, runID string) (*engine.RunInputs, error) {
	var in *engine.RunInputs
	err := s.inCommission(ctx, a, commissionID, PermRead, func(tx Tx) error {
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
func (s *Service) assemble(ctx context.Context, tx Tx, r *Run) (*engine.RunInputs, error) {
	return s.assembleInputs(ctx, tx, r, false)
}

// assembleInputs is assemble; with compact, each survey's responses are in its Table (24 bytes
// a response instead of 72), which Compute and Digest read as they would the Responses — for
// the worker, which does nothing else with them.
func (s *Service) assembleInputs(ctx context.Context, tx Tx, r *Run, compact bool) (*engine.RunInputs, error) {
	c, err := tx.GetCommission(ctx, r.CommissionID)
	if err != nil {
		return nil, err
	}
	inst, err := tx.GetInstitute(ctx, c.InstituteID)
	if err != nil {
		return nil, err
	}
	in := &engine.RunInputs{Commission: engine.RunCommission{ID: c.ID, Title: c.Title, Client: c.Client, Institute: inst.Name,
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
		rd := engine.RunDataset{ID: d.ID, Number: d.Number, SHA256: d.SHA256, FileName: d.FileName, Importer: d.Importer,
			ImportedAt: d.ImportedAt, Label: d.Label, Synthetic: d.Synthetic, Observations: []engine.Observation{}}
		if err := tx.WalkObservations(ctx, id, func(o *engine.Observation) error {
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
		rs, err := s.runSurvey(ctx, tx, r.CommissionID, id, r.SurveyImports, compact)
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
		var pr engine.Result
		if err := json.Unmarshal(raw, &pr); err != nil {
			return nil, fmt.Errorf("previous run %d: %w", prev.Number, err)
		}
		in.Previous = engine.PreviousOf(prev.ID, prev.Period, digest, &pr)
	}
	rects, err := tx.RunRectifications(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	if len(rects) > 0 {
		in.Rectifications = rects
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

// RunTx is the storage of runs and their results.
type RunTx interface {
	// CreateRun numbers the run after the commission's newest and stores it queued.
	CreateRun(ctx context.Context, r *Run) error
	GetRun(ctx context.Context, commissionID, id string) (*Run, error)
	ListRuns(ctx context.Context, commissionID string, p Page) ([]Run, error)
	// LatestRunBefore returns the newest succeeded run of an earlier period (ErrNotFound if none).
	LatestRunBefore(ctx context.Context, commissionID string, period engine.Period) (*Run, error)
	// EndCancelledRuns ends as cancelled every running run whose cancellation was requested and
	// whose lease has run out (its worker died), and returns them.
	EndCancelledRuns(ctx context.Context) ([]Run, error)
	// ClaimRun takes the oldest queued run, or a running one whose lease has expired, for worker
	// (FOR UPDATE SKIP LOCKED), marks it running with a lease, and returns it; ErrNotFound when
	// there is none.
	ClaimRun(ctx context.Context, worker string, lease time.Duration) (*Run, error)
	// RenewLease extends the worker's lease and reports whether cancellation was requested;
	// ErrStale when the worker no longer holds the run.
	RenewLease(ctx context.Context, runID, worker string, lease time.Duration) (cancelRequested bool, err error)
	// SetRunProgress records the stage and progress (0–1) of the worker's run.
	SetRunProgress(ctx context.Context, runID, worker, stage string, progress float64) (cancelRequested bool, err error)
	// FinishRun ends the worker's run with a status — and, for a run that failed or was
	// cancelled, why: message in English (Run.Error) and why as a catalogue message
	// (Run.ErrorMessage) — and stores the canonical result of a succeeded run; ErrStale when the
	// worker no longer holds it.
	FinishRun(ctx context.Context, runID, worker, status, message string, why *messages.Message, inputsDigest, resultDigest string, result []byte, at time.Time) error
	// RequestCancel cancels a queued run at once and flags a running one.
	RequestCancel(ctx context.Context, runID string, at time.Time) error
	GetRunResult(ctx context.Context, runID string) ([]byte, string, error)
	// CountRuns counts the runs of every commission by status.
	CountRuns(ctx context.Context) (map[string]int, error)
}
