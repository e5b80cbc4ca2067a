package evaluation

import (
	"context"
	"time"
)

// ReportTx is the storage of signing keys, published reports, the institutes' publication logs
// and acceptance decisions. Published reports, log entries and decisions are immutable: the
// database refuses to change or delete them.
type ReportTx interface {
	// LockSigningKeys serialises the key changes of one institute until the transaction ends.
	LockSigningKeys(ctx context.Context, instituteID string) error
	// CreateSigningKey stores a new active key with its sealed private key (see sealKey).
	CreateSigningKey(ctx context.Context, k *SigningKey, sealed []byte, createdBy string) error
	// ActiveSigningKey returns the institute's active key and its sealed private key; ErrNotFound
	// when it has none.
	ActiveSigningKey(ctx context.Context, instituteID string) (*SigningKey, []byte, error)
	// GetSigningKey returns any key, active or retired, by its id (fingerprint).
	GetSigningKey(ctx context.Context, keyID string) (*SigningKey, error)
	// ListSigningKeys lists an institute's keys, the active one first, then newest first.
	ListSigningKeys(ctx context.Context, instituteID string) ([]SigningKey, error)
	// RetireSigningKey retires an active key.
	RetireSigningKey(ctx context.Context, keyID string, at time.Time) error

	// CreateReport stores a published report with its files; r.ID and r.Version are set by the
	// caller, and a second report with the same version of a commission is ErrConflict.
	CreateReport(ctx context.Context, r *Report, files ReportFiles) error
	// GetReport returns a report of the commission, or of any commission when commissionID is
	// empty (published reports are public).
	GetReport(ctx context.Context, commissionID, id string) (*Report, error)
	// ListReports lists a commission's reports, newest version first.
	ListReports(ctx context.Context, commissionID string) ([]Report, error)
	// LatestReport returns the newest version of a commission's reports; ErrNotFound if none.
	LatestReport(ctx context.Context, commissionID string) (*Report, error)
	// ReportFiles returns a report's stored files.
	ReportFiles(ctx context.Context, reportID string) (*ReportFiles, error)
	// ReportPDF returns the cached PDF of a report; ErrNotFound when none was printed yet.
	ReportPDF(ctx context.Context, reportID string) ([]byte, error)
	// PutReportPDF caches a report's PDF (a second call keeps the first PDF).
	PutReportPDF(ctx context.Context, reportID string, pdf []byte) error

	// AppendPublication fills e's Seq, PrevHash and Hash (PublicationHash) and appends it to its
	// institute's publication log, which it locks so that the chain never forks.
	AppendPublication(ctx context.Context, e *PublicationEntry) error
	// ListPublications lists an institute's publication log in order.
	ListPublications(ctx context.Context, instituteID string) ([]PublicationEntry, error)

	// CreateAcceptanceDecision stores a reviewer's decision.
	CreateAcceptanceDecision(ctx context.Context, d *AcceptanceDecision) error
	// ListAcceptanceDecisions lists a commission's decisions, oldest first.
	ListAcceptanceDecisions(ctx context.Context, commissionID string) ([]AcceptanceDecision, error)
}
