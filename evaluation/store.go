package evaluation

import (
	"context"
)

// Store is the persistence evalbench needs. Package store implements it over PostgreSQL.
type Store interface {
	// Transact runs fn in one database transaction: it commits when fn returns nil and rolls back
	// otherwise (also on panic). Serialization failures are retried with fn called again, so fn
	// must not have effects outside tx.
	Transact(ctx context.Context, fn func(Tx) error) error
}

// Tx is everything the service reads and writes inside one transaction, composed of the
// storage interface each concept declares in its own file (CommissionTx in commission.go, …). Not-found answers wrap
// ErrNotFound; duplicate keys wrap ErrConflict.
type Tx interface {
	AccountTx
	CommissionTx
	FrameworkTx
	DatasetTx
	WeightTx
	SurveyTx
	RunTx
	RectificationTx
	ReportTx
	AuditTx
	SessionStore
	LinkTx
}
