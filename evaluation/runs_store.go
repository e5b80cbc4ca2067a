package evaluation

import (
	"context"
	"time"
)

// RunTx is the storage of runs and their results.
type RunTx interface {
	// CreateRun numbers the run after the commission's newest and stores it queued.
	CreateRun(ctx context.Context, r *Run) error
	GetRun(ctx context.Context, commissionID, id string) (*Run, error)
	ListRuns(ctx context.Context, commissionID string, p Page) ([]Run, error)
	// LatestRunBefore returns the newest succeeded run of an earlier period (ErrNotFound if none).
	LatestRunBefore(ctx context.Context, commissionID string, period Period) (*Run, error)
	// ClaimRun takes the oldest queued run, or a running one whose lease has expired, for worker
	// (FOR UPDATE SKIP LOCKED), marks it running with a lease, and returns it; ErrNotFound when
	// there is none.
	ClaimRun(ctx context.Context, worker string, lease time.Duration) (*Run, error)
	// RenewLease extends the worker's lease and reports whether cancellation was requested;
	// ErrStale when the worker no longer holds the run.
	RenewLease(ctx context.Context, runID, worker string, lease time.Duration) (cancelRequested bool, err error)
	// SetRunProgress records the stage and progress (0–1) of the worker's run.
	SetRunProgress(ctx context.Context, runID, worker, stage string, progress float64) (cancelRequested bool, err error)
	// FinishRun ends the worker's run with a status, and stores the canonical result of a
	// succeeded run; ErrStale when the worker no longer holds it.
	FinishRun(ctx context.Context, runID, worker, status, message, inputsDigest, resultDigest string, result []byte, at time.Time) error
	// RequestCancel cancels a queued run at once and flags a running one.
	RequestCancel(ctx context.Context, runID string, at time.Time) error
	GetRunResult(ctx context.Context, runID string) ([]byte, string, error)
	// CountRuns counts the runs of every commission by status.
	CountRuns(ctx context.Context) (map[string]int, error)
}
