package evaluation

import (
	"context"
	"time"
)

// Store is the persistence evalbench needs. Package store implements it over PostgreSQL.
type Store interface {
	// Transact runs fn in one database transaction: it commits when fn returns nil and rolls back
	// otherwise (also on panic). Serialization failures are retried with fn called again, so fn
	// must not have effects outside tx.
	Transact(ctx context.Context, fn func(Tx) error) error
}

// Tx is everything the service reads and writes inside one transaction. Not-found answers wrap
// ErrNotFound; duplicate keys wrap ErrConflict.
type Tx interface {
	SurveyTx
	WeightTx
	RunTx
	ReportTx
	LinkTx

	// Accounts.
	CreateInstitute(ctx context.Context, in *Institute) error
	GetInstitute(ctx context.Context, id string) (*Institute, error)
	ListInstitutes(ctx context.Context) ([]Institute, error)
	CreateUser(ctx context.Context, u *User) error
	GetUser(ctx context.Context, id string) (*User, error)
	ListUsers(ctx context.Context, instituteID string) ([]User, error)
	CreateToken(ctx context.Context, t *Token, sha256 []byte) error
	// TokenUser returns the live (unrevoked) token with the given SHA-256 and its user, and
	// records the time of use.
	TokenUser(ctx context.Context, sha256 []byte, at time.Time) (*Token, *User, error)
	GetToken(ctx context.Context, id string) (*Token, error)
	ListTokens(ctx context.Context, userID string) ([]Token, error)
	RevokeToken(ctx context.Context, id string, at time.Time) error

	// Commissions, units and roles.
	CreateCommission(ctx context.Context, c *Commission) error
	GetCommission(ctx context.Context, id string) (*Commission, error)
	// ListCommissions lists the commissions userID holds a role on, or all when userID is empty.
	ListCommissions(ctx context.Context, userID string, p Page) ([]Commission, error)
	// UpdateCommission stores c when the stored version is c.Version-1 (c.Version already
	// incremented by the caller), and answers ErrStale otherwise.
	UpdateCommission(ctx context.Context, c *Commission) error
	// CommissionAccess returns the commission's institute and the roles userID holds on it; a
	// commission that does not exist answers ErrNotFound.
	CommissionAccess(ctx context.Context, commissionID, userID string) (Access, error)
	UpsertUnits(ctx context.Context, commissionID string, units []Unit) (created, updated int, err error)
	ListUnits(ctx context.Context, commissionID string) ([]Unit, error)
	GrantRole(ctx context.Context, m Member) error
	RevokeRole(ctx context.Context, commissionID, userID string, role Role) error
	ListMembers(ctx context.Context, commissionID string) ([]Member, error)

	// MarkExampleCommission records that the example loader created the commission for example.
	MarkExampleCommission(ctx context.Context, example, commissionID string) error
	// ExampleCommission returns the id of the commission the example loader created for example
	// (ErrNotFound if none).
	ExampleCommission(ctx context.Context, example string) (string, error)

	// LockCommission locks the commission's row until the transaction ends (to number versions
	// of its frameworks, datasets and runs without races) and returns it.
	LockCommission(ctx context.Context, id string) (*Commission, error)

	// Frameworks. ListFrameworks returns newest first.
	CreateFramework(ctx context.Context, f *Framework, content []byte, createdBy string) error
	GetFramework(ctx context.Context, commissionID, id string) (*Framework, error)
	ListFrameworks(ctx context.Context, commissionID string) ([]Framework, error)
	// UpdateFramework stores f when the stored version is f.Version-1 (ErrStale otherwise).
	UpdateFramework(ctx context.Context, f *Framework, content []byte) error
	LockFramework(ctx context.Context, id string) error

	// Datasets. NewObservationSink streams rows of a dataset not yet created; CreateDataset then
	// numbers and stores the dataset row in the same transaction.
	NewObservationSink(ctx context.Context, datasetID string) (ObservationSink, error)
	// DuplicateObservations lists a problem for every row that repeats an earlier row's
	// indicator, unit and period — at most limit of them, in row order — and counts them all.
	DuplicateObservations(ctx context.Context, datasetID string, limit int) ([]Problem, int, error)
	CreateDataset(ctx context.Context, d *Dataset, importerID string) error
	DatasetBySHA(ctx context.Context, commissionID, sha256 string) (*Dataset, error)
	GetDataset(ctx context.Context, commissionID, id string) (*Dataset, error)
	ListDatasets(ctx context.Context, commissionID string) ([]Dataset, error)
	ListObservations(ctx context.Context, datasetID string, p Page) ([]Observation, error)
	// WalkObservations calls fn for every observation of a dataset in file order.
	WalkObservations(ctx context.Context, datasetID string, fn func(*Observation) error) error
	FreezeDataset(ctx context.Context, id string, at time.Time) error
	// CompareDatasets lists the differences by indicator, unit and period, ordered by them, and
	// counts the values that are the same.
	CompareDatasets(ctx context.Context, fromID, toID string) ([]ValueChange, int, error)

	// Audit.
	// AppendAudit fills e's Seq, PrevHash and Hash (ChainHash) and appends it to the chain.
	AppendAudit(ctx context.Context, e *AuditEntry) error
	ListAudit(ctx context.Context, f AuditFilter) ([]AuditEntry, error)
	// WalkAudit calls fn for every entry in chain order.
	WalkAudit(ctx context.Context, fn func(AuditEntry) error) error
	// AuditHead returns the seq and hash of the chain's head (seq 0 and zero hash when empty);
	// ErrNotFound when the head row is gone.
	AuditHead(ctx context.Context) (seq int64, hash []byte, err error)
	// AuditEntryHash returns the hash of entry seq.
	AuditEntryHash(ctx context.Context, seq int64) ([]byte, error)
	// CreateCheckpoint stores a signed checkpoint with the statement and signature it carries.
	CreateCheckpoint(ctx context.Context, c *Checkpoint, statement, signature []byte) error
	// ListCheckpoints lists the checkpoints signed by an institute (all when instituteID is
	// empty), oldest first, as they were signed.
	ListCheckpoints(ctx context.Context, instituteID string) ([]Checkpoint, error)
}
