package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/lib/pq"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

type dbRun struct {
	ID              string         `db:"id"`
	CommissionID    string         `db:"commission_id"`
	Number          int            `db:"number"`
	Status          string         `db:"status"`
	Period          string         `db:"period"`
	FrameworkID     string         `db:"framework_id"`
	WeightSetID     string         `db:"weight_set_id"`
	DatasetIDs      pq.StringArray `db:"dataset_ids"`
	SurveyIDs       pq.StringArray `db:"survey_ids"`
	SurveyImports   pq.StringArray `db:"survey_imports"`
	PreviousRunID   sql.NullString `db:"previous_run_id"`
	Adjustments     []byte         `db:"adjustments"`
	Config          []byte         `db:"config"`
	Stage           string         `db:"stage"`
	Progress        float64        `db:"progress"`
	Attempts        int            `db:"attempts"`
	LeaseOwner      sql.NullString `db:"lease_owner"`
	LeaseUntil      sql.NullTime   `db:"lease_until"`
	CancelRequested bool           `db:"cancel_requested"`
	Error           sql.NullString `db:"error"`
	ErrorMessage    []byte         `db:"error_message"` // jsonb, NULL → nil
	InputsDigest    sql.NullString `db:"inputs_digest"`
	ResultDigest    sql.NullString `db:"result_digest"`
	CreatedBy       sql.NullString `db:"created_by"`
	CreatedByName   string         `db:"created_by_name"`
	CreatedAt       time.Time      `db:"created_at"`
	StartedAt       sql.NullTime   `db:"started_at"`
	FinishedAt      sql.NullTime   `db:"finished_at"`
}

func optTime(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	v := t.Time.UTC()
	return &v
}

func (r dbRun) toRun() (*evaluation.Run, error) {
	run := &evaluation.Run{ID: r.ID, CommissionID: r.CommissionID, Number: r.Number, Status: r.Status,
		Period: engine.Period(r.Period), FrameworkID: r.FrameworkID, WeightSetID: r.WeightSetID,
		DatasetIDs: []string(r.DatasetIDs), SurveyIDs: []string(r.SurveyIDs), SurveyImports: []string(r.SurveyImports),
		PreviousRunID: r.PreviousRunID.String, Stage: r.Stage, Progress: r.Progress, Attempts: r.Attempts,
		LeaseOwner: r.LeaseOwner.String, LeaseUntil: optTime(r.LeaseUntil), CancelRequested: r.CancelRequested,
		Error: r.Error.String, InputsDigest: r.InputsDigest.String, ResultDigest: r.ResultDigest.String,
		CreatedBy: r.CreatedBy.String, CreatedByName: r.CreatedByName, CreatedAt: r.CreatedAt.UTC(),
		StartedAt: optTime(r.StartedAt), FinishedAt: optTime(r.FinishedAt)}
	if err := json.Unmarshal(r.Adjustments, &run.Adjustments); err != nil {
		return nil, fmt.Errorf("run %s adjustments: %w", r.ID, err)
	}
	if err := json.Unmarshal(r.Config, &run.Config); err != nil {
		return nil, fmt.Errorf("run %s config: %w", r.ID, err)
	}
	if r.ErrorMessage != nil {
		run.ErrorMessage = new(messages.Message)
		if err := json.Unmarshal(r.ErrorMessage, run.ErrorMessage); err != nil {
			return nil, fmt.Errorf("run %s error message: %w", r.ID, err)
		}
	}
	return run, nil
}

const runColumns = `id, commission_id, number, status, period, framework_id, weight_set_id, dataset_ids, survey_ids,
survey_imports, previous_run_id, adjustments, config, stage, progress, attempts, lease_owner, lease_until,
cancel_requested, error, error_message, inputs_digest, result_digest, created_by, created_by_name, created_at, started_at, finished_at`

func (t *Tx) getRun(ctx context.Context, q string, args ...any) (*evaluation.Run, error) {
	return getParsedRow(ctx, t, dbRun.toRun, q, args...)
}

// CreateRun implements evaluation.Tx.
func (t *Tx) CreateRun(ctx context.Context, r *evaluation.Run) (err error) {
	defer wrap(&err, "CreateRun(%s)", r.CommissionID)
	adj, err := json.Marshal(r.Adjustments)
	if err != nil {
		return err
	}
	cfg, err := json.Marshal(r.Config)
	if err != nil {
		return err
	}
	const q = `
INSERT INTO runs (commission_id, number, period, framework_id, weight_set_id, dataset_ids, survey_ids, survey_imports,
                  previous_run_id, adjustments, config, created_by, created_by_name)
SELECT $1, COALESCE(max(number), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM runs WHERE commission_id = $1
RETURNING id, number, status, created_at`
	err = t.tx.QueryRowxContext(ctx, q, r.CommissionID, string(r.Period), r.FrameworkID, r.WeightSetID,
		pq.Array(r.DatasetIDs), pq.Array(r.SurveyIDs), pq.Array(r.SurveyImports), nullable(r.PreviousRunID),
		string(adj), string(cfg), nullable(r.CreatedBy), r.CreatedByName).Scan(&r.ID, &r.Number, &r.Status, &r.CreatedAt)
	r.CreatedAt = r.CreatedAt.UTC()
	return err
}

// GetRun implements evaluation.Tx.
func (t *Tx) GetRun(ctx context.Context, commissionID, id string) (_ *evaluation.Run, err error) {
	defer wrap(&err, "GetRun(%s)", id)
	return t.getRun(ctx, `SELECT `+runColumns+` FROM runs WHERE id = $1 AND commission_id = $2`, id, commissionID)
}

// ListRuns implements evaluation.Tx.
func (t *Tx) ListRuns(ctx context.Context, commissionID string, p evaluation.Page) (_ []evaluation.Run, err error) {
	defer wrap(&err, "ListRuns(%s)", commissionID)
	const q = `SELECT ` + runColumns + ` FROM runs WHERE commission_id = $1 ORDER BY number DESC LIMIT $2 OFFSET $3`
	return selectParsedRows(ctx, t, dbRun.toRun, q, commissionID, p.Limit, p.Offset)
}

// LatestRunBefore implements evaluation.Tx.
func (t *Tx) LatestRunBefore(ctx context.Context, commissionID string, period engine.Period) (_ *evaluation.Run, err error) {
	defer wrap(&err, "LatestRunBefore(%s)", period)
	const q = `SELECT ` + runColumns + ` FROM runs
WHERE commission_id = $1 AND status = 'succeeded' AND period < $2 ORDER BY period DESC, number DESC LIMIT 1`
	return t.getRun(ctx, q, commissionID, string(period))
}

// EndCancelledRuns implements evaluation.Tx: a run cancelled while its worker was dying ends as
// cancelled once the lease runs out, with the reason its worker would have given.
func (t *Tx) EndCancelledRuns(ctx context.Context) (_ []evaluation.Run, err error) {
	defer wrap(&err, "EndCancelledRuns")
	const q = `
UPDATE runs SET status = 'cancelled', stage = 'cancelled', finished_at = now(), lease_owner = NULL, lease_until = NULL,
       error = $1, error_message = $2::jsonb
WHERE status = 'running' AND cancel_requested AND lease_until < now()
RETURNING ` + runColumns
	runs, err := selectParsedRows(ctx, t, dbRun.toRun, q, cancelledError, cancelledMessage)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(runs, func(a, b evaluation.Run) int {
		return cmp.Or(cmp.Compare(a.CommissionID, b.CommissionID), cmp.Compare(a.Number, b.Number))
	})
	return runs, nil
}

// ClaimRun implements evaluation.Tx.
func (t *Tx) ClaimRun(ctx context.Context, worker string, lease time.Duration) (_ *evaluation.Run, err error) {
	defer wrap(&err, "ClaimRun(%s)", worker)
	const q = `
UPDATE runs SET status = 'running', lease_owner = $1, lease_until = now() + $2 * interval '1 millisecond',
       heartbeat_at = now(), attempts = attempts + 1, started_at = COALESCE(started_at, now()), stage = 'claimed'
WHERE id = (
    SELECT id FROM runs
    WHERE (status = 'queued' OR (status = 'running' AND lease_until < now())) AND NOT cancel_requested
    ORDER BY created_at, id
    FOR UPDATE SKIP LOCKED
    LIMIT 1)
RETURNING ` + runColumns
	return t.getRun(ctx, q, worker, lease.Milliseconds())
}

// RenewLease implements evaluation.Tx.
func (t *Tx) RenewLease(ctx context.Context, runID, worker string, lease time.Duration) (_ bool, err error) {
	defer wrap(&err, "RenewLease(%s)", runID)
	const q = `
UPDATE runs SET lease_until = now() + $3 * interval '1 millisecond', heartbeat_at = now()
WHERE id = $1 AND lease_owner = $2 AND status = 'running'
RETURNING cancel_requested`
	var cancel bool
	err = t.tx.QueryRowxContext(ctx, q, runID, worker, lease.Milliseconds()).Scan(&cancel)
	if errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("run %s: %w", runID, engine.ErrStale)
	}
	return cancel, err
}

// SetRunProgress implements evaluation.Tx.
func (t *Tx) SetRunProgress(ctx context.Context, runID, worker, stage string, progress float64) (_ bool, err error) {
	defer wrap(&err, "SetRunProgress(%s)", runID)
	const q = `
UPDATE runs SET stage = $3, progress = $4, heartbeat_at = now()
WHERE id = $1 AND lease_owner = $2 AND status = 'running'
RETURNING cancel_requested`
	var cancel bool
	err = t.tx.QueryRowxContext(ctx, q, runID, worker, stage, progress).Scan(&cancel)
	if errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("run %s: %w", runID, engine.ErrStale)
	}
	return cancel, err
}

// FinishRun implements evaluation.Tx.
func (t *Tx) FinishRun(ctx context.Context, runID, worker, status, message string, why *messages.Message, inputsDigest, resultDigest string, result []byte, at time.Time) (err error) {
	defer wrap(&err, "FinishRun(%s, %s)", runID, status)
	var whyJSON sql.NullString
	if why != nil {
		b, err := json.Marshal(why)
		if err != nil {
			return err
		}
		whyJSON = sql.NullString{String: string(b), Valid: true}
	}
	const q = `
UPDATE runs SET status = $3, error = NULLIF($4, ''), error_message = $8::jsonb, inputs_digest = NULLIF($5, ''),
       result_digest = NULLIF($6, ''), finished_at = $7, stage = $3,
       progress = CASE WHEN $3 = 'succeeded' THEN 1 ELSE progress END, lease_owner = NULL, lease_until = NULL
WHERE id = $1 AND lease_owner = $2 AND status = 'running'`
	res, err := t.tx.ExecContext(ctx, q, runID, worker, status, message, inputsDigest, resultDigest, at, whyJSON)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return fmt.Errorf("run %s: %w", runID, engine.ErrStale)
	}
	if status != evaluation.RunSucceeded {
		return nil
	}
	const store = `INSERT INTO run_results (run_id, result, digest) VALUES ($1, $2, $3)`
	_, err = t.tx.ExecContext(ctx, store, runID, string(result), resultDigest)
	return err
}

// Why a run the store ends as cancelled (queued, or whose worker died) was cancelled: what a
// worker that stops a run records (Run.Error in English, Run.ErrorMessage).
var (
	cancelledError   = messages.For(messages.English).Sprintf(messages.RunErrorCancelled)
	cancelledMessage = func() string {
		b, err := json.Marshal(messages.New(messages.RunErrorCancelled))
		if err != nil {
			panic(err)
		}
		return string(b)
	}()
)

// RequestCancel implements evaluation.Tx.
func (t *Tx) RequestCancel(ctx context.Context, runID string, at time.Time) (err error) {
	defer wrap(&err, "RequestCancel(%s)", runID)
	const q = `
UPDATE runs SET cancel_requested = true,
       status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
       finished_at = CASE WHEN status = 'queued' THEN $2 ELSE finished_at END,
       stage = CASE WHEN status = 'queued' THEN 'cancelled' ELSE stage END,
       error = CASE WHEN status = 'queued' THEN $3 ELSE error END,
       error_message = CASE WHEN status = 'queued' THEN $4::jsonb ELSE error_message END
WHERE id = $1 AND status IN ('queued', 'running')`
	res, err := t.tx.ExecContext(ctx, q, runID, at, cancelledError, cancelledMessage)
	if err != nil {
		return err
	}
	return oneRow(res)
}

// GetRunResult implements evaluation.Tx.
func (t *Tx) GetRunResult(ctx context.Context, runID string) (_ []byte, _ string, err error) {
	defer wrap(&err, "GetRunResult(%s)", runID)
	const q = `SELECT result, digest FROM run_results WHERE run_id = $1`
	var result, digest string
	if err := t.tx.QueryRowxContext(ctx, q, runID).Scan(&result, &digest); err != nil {
		return nil, "", err
	}
	return []byte(result), digest, nil
}

// CountRuns implements evaluation.Tx.
func (t *Tx) CountRuns(ctx context.Context) (_ map[string]int, err error) {
	defer wrap(&err, "CountRuns")
	const q = `SELECT status, count(*) FROM runs GROUP BY status`
	rows, err := t.tx.QueryxContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var status string
		var n int
		if err := rows.Scan(&status, &n); err != nil {
			return nil, err
		}
		out[status] = n
	}
	return out, rows.Err()
}
