package evaluation

import "context"

// WeightTx is the storage of weight sets and expert judgments. Not-found answers wrap
// ErrNotFound. The database refuses every change to a locked weight set and its judgments (the
// store answers ErrConflict).
type WeightTx interface {
	// CreateWeightSet stores ws as the commission's next weight-set number (the caller holds the
	// commission lock), filling its ID, Number, Version and CreatedAt.
	CreateWeightSet(ctx context.Context, ws *WeightSet) error
	// GetWeightSet returns a weight set of the commission. The run engine calls it inside its
	// transaction.
	GetWeightSet(ctx context.Context, commissionID, id string) (*WeightSet, error)
	// GetWeightSetForUpdate is GetWeightSet that also locks the set's row until the transaction
	// ends, so that the changes to one set (judgments, edits, locking) happen one after the other.
	GetWeightSetForUpdate(ctx context.Context, commissionID, id string) (*WeightSet, error)
	// ListWeightSets lists a commission's weight sets, newest (highest number) first.
	ListWeightSets(ctx context.Context, commissionID string) ([]WeightSet, error)
	// UpdateWeightSet stores ws's name, method and definition when the stored version is
	// ws.Version-1 (ws.Version already incremented by the caller) and the set is not locked, and
	// answers ErrStale otherwise.
	UpdateWeightSet(ctx context.Context, ws *WeightSet) error
	// LockWeightSet marks the set as used by a run: from then on neither it nor its judgments
	// change. Locking a locked set does nothing. The run engine calls it inside its transaction.
	LockWeightSet(ctx context.Context, id string) error

	// ListJudgments returns the judgments of a weight set ordered by node and expert key (byte
	// order). The run engine calls it inside its transaction.
	ListJudgments(ctx context.Context, weightSetID string) ([]Judgment, error)
	// GetJudgment returns the matrix one expert gave for one node of a weight set.
	GetJudgment(ctx context.Context, weightSetID, node, expert string) (*Judgment, error)
	// SaveJudgment stores j for its node and expert at j.SubmittedAt, replacing the matrix stored
	// before; submittedBy is the user storing it.
	SaveJudgment(ctx context.Context, weightSetID string, j *Judgment, submittedBy string) error
	// CopyJudgments copies every judgment of one weight set to another (a new version), keeping
	// who submitted each and when. It returns how many were copied.
	CopyJudgments(ctx context.Context, fromID, toID string) (int, error)
}
