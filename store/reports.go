package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/lib/pq"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

// LockSigningKeys implements evaluation.Tx: a transaction-scoped advisory lock on the institute.
func (t *Tx) LockSigningKeys(ctx context.Context, instituteID string) (err error) {
	defer wrap(&err, "LockSigningKeys(%s)", instituteID)
	const q = `SELECT pg_advisory_xact_lock(hashtextextended('signing_keys/' || $1::text, 0))`
	_, err = t.tx.ExecContext(ctx, q, instituteID)
	return err
}

const signingKeyColumns = `key_id, institute_id, algorithm, public_key, created_at, retired_at`

func scanSigningKey(row interface{ Scan(...any) error }, extra ...any) (*engine.SigningKey, error) {
	var k engine.SigningKey
	var retired sql.NullTime
	dst := append([]any{&k.ID, &k.InstituteID, &k.Algorithm, &k.PublicKey, &k.CreatedAt, &retired}, extra...)
	if err := row.Scan(dst...); err != nil {
		return nil, err
	}
	k.CreatedAt = k.CreatedAt.UTC()
	k.RetiredAt = optTime(retired)
	k.Active = k.RetiredAt == nil
	return &k, nil
}

// CreateSigningKey implements evaluation.Tx.
func (t *Tx) CreateSigningKey(ctx context.Context, k *engine.SigningKey, sealed []byte, createdBy string) (err error) {
	defer wrap(&err, "CreateSigningKey(%s)", k.InstituteID)
	const q = `
INSERT INTO signing_keys (key_id, institute_id, algorithm, public_key, private_key_enc, created_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)`
	_, err = t.tx.ExecContext(ctx, q, k.ID, k.InstituteID, k.Algorithm, k.PublicKey, sealed, nullable(createdBy), k.CreatedAt)
	return err
}

// ActiveSigningKey implements evaluation.Tx.
func (t *Tx) ActiveSigningKey(ctx context.Context, instituteID string) (_ *engine.SigningKey, _ []byte, err error) {
	defer wrap(&err, "ActiveSigningKey(%s)", instituteID)
	const q = `SELECT ` + signingKeyColumns + `, private_key_enc FROM signing_keys WHERE institute_id = $1 AND retired_at IS NULL`
	var sealed []byte
	k, err := scanSigningKey(t.tx.QueryRowxContext(ctx, q, instituteID), &sealed)
	if err != nil {
		return nil, nil, err
	}
	return k, sealed, nil
}

// GetSigningKey implements evaluation.Tx.
func (t *Tx) GetSigningKey(ctx context.Context, keyID string) (_ *engine.SigningKey, err error) {
	defer wrap(&err, "GetSigningKey(%s)", keyID)
	const q = `SELECT ` + signingKeyColumns + ` FROM signing_keys WHERE key_id = $1`
	return scanSigningKey(t.tx.QueryRowxContext(ctx, q, keyID))
}

// ListSigningKeys implements evaluation.Tx.
func (t *Tx) ListSigningKeys(ctx context.Context, instituteID string) (_ []engine.SigningKey, err error) {
	defer wrap(&err, "ListSigningKeys(%s)", instituteID)
	const q = `SELECT ` + signingKeyColumns + ` FROM signing_keys WHERE institute_id = $1
ORDER BY retired_at IS NOT NULL, created_at DESC, key_id`
	rows, err := t.tx.QueryContext(ctx, q, instituteID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []engine.SigningKey{}
	for rows.Next() {
		k, err := scanSigningKey(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *k)
	}
	return out, rows.Err()
}

// RetireSigningKey implements evaluation.Tx.
func (t *Tx) RetireSigningKey(ctx context.Context, keyID string, at time.Time) (err error) {
	defer wrap(&err, "RetireSigningKey(%s)", keyID)
	const q = `UPDATE signing_keys SET retired_at = $2 WHERE key_id = $1 AND retired_at IS NULL`
	res, err := t.tx.ExecContext(ctx, q, keyID, at)
	if err != nil {
		return err
	}
	return oneRow(res)
}

const reportColumns = `r.id, r.commission_id, r.institute_id, r.run_id, r.run_number, r.version,
COALESCE(r.supersedes::text, ''), COALESCE((SELECT n.id::text FROM reports n WHERE n.supersedes = r.id), ''),
r.key_id, r.digest, r.inputs_digest, r.results_digest, r.synthetic, r.illustrative,
COALESCE(r.published_by::text, ''), r.published_by_name, r.published_at`

func scanReport(row interface{ Scan(...any) error }) (*evaluation.Report, error) {
	var r evaluation.Report
	if err := row.Scan(&r.ID, &r.CommissionID, &r.InstituteID, &r.RunID, &r.RunNumber, &r.Version, &r.Supersedes,
		&r.SupersededBy, &r.KeyID, &r.Digest, &r.InputsDigest, &r.ResultsDigest, &r.Synthetic, &r.Illustrative,
		&r.PublishedBy, &r.PublishedByName, &r.PublishedAt); err != nil {
		return nil, err
	}
	r.PublishedAt = r.PublishedAt.UTC()
	return &r, nil
}

// CreateReport implements evaluation.Tx.
func (t *Tx) CreateReport(ctx context.Context, r *evaluation.Report, f evaluation.ReportFiles) (err error) {
	defer wrap(&err, "CreateReport(%s, %d)", r.CommissionID, r.Version)
	const q = `
INSERT INTO reports (id, commission_id, institute_id, run_id, run_number, version, supersedes, key_id, digest,
                     inputs_digest, results_digest, synthetic, illustrative, bundle, envelope, html,
                     published_by, published_by_name, published_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`
	_, err = t.tx.ExecContext(ctx, q, r.ID, r.CommissionID, r.InstituteID, r.RunID, r.RunNumber, r.Version,
		nullable(r.Supersedes), r.KeyID, r.Digest, r.InputsDigest, r.ResultsDigest, r.Synthetic, r.Illustrative,
		f.Bundle, f.Envelope, f.HTML, nullable(r.PublishedBy), r.PublishedByName, r.PublishedAt)
	return err
}

// GetReport implements evaluation.Tx.
func (t *Tx) GetReport(ctx context.Context, commissionID, id string) (_ *evaluation.Report, err error) {
	defer wrap(&err, "GetReport(%s)", id)
	const q = `SELECT ` + reportColumns + ` FROM reports r WHERE r.id = $1 AND ($2::uuid IS NULL OR r.commission_id = $2)`
	return scanReport(t.tx.QueryRowxContext(ctx, q, id, nullable(commissionID)))
}

// ListReports implements evaluation.Tx.
func (t *Tx) ListReports(ctx context.Context, commissionID string) (_ []evaluation.Report, err error) {
	defer wrap(&err, "ListReports(%s)", commissionID)
	const q = `SELECT ` + reportColumns + ` FROM reports r WHERE r.commission_id = $1 ORDER BY r.version DESC`
	rows, err := t.tx.QueryContext(ctx, q, commissionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []evaluation.Report{}
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *r)
	}
	return out, rows.Err()
}

// LatestReport implements evaluation.Tx.
func (t *Tx) LatestReport(ctx context.Context, commissionID string) (_ *evaluation.Report, err error) {
	defer wrap(&err, "LatestReport(%s)", commissionID)
	const q = `SELECT ` + reportColumns + ` FROM reports r WHERE r.commission_id = $1 ORDER BY r.version DESC LIMIT 1`
	return scanReport(t.tx.QueryRowxContext(ctx, q, commissionID))
}

// ReportFiles implements evaluation.Tx.
func (t *Tx) ReportFiles(ctx context.Context, reportID string) (_ *evaluation.ReportFiles, err error) {
	defer wrap(&err, "ReportFiles(%s)", reportID)
	const q = `SELECT bundle, envelope, html FROM reports WHERE id = $1`
	var f evaluation.ReportFiles
	if err := t.tx.QueryRowxContext(ctx, q, reportID).Scan(&f.Bundle, &f.Envelope, &f.HTML); err != nil {
		return nil, err
	}
	return &f, nil
}

// reportFileColumns maps a signed file's name to its column and its hash's.
var reportFileColumns = map[string][2]string{
	engine.ReportJSON:     {"bundle", "bundle_sha256"},
	engine.ReportEnvelope: {"envelope", "envelope_sha256"},
	engine.ReportHTML:     {"html", "html_sha256"},
}

// reportFileQuery selects a report's digest, the named file's stored SHA-256 and the file: the
// one file column, not the others (report.html alone is ≈ 0.2–1 MB, the three together ≈ 2 MB).
func reportFileQuery(name string) (string, bool) {
	cols, ok := reportFileColumns[name]
	return `SELECT digest, ` + cols[1] + `, ` + cols[0] + ` FROM reports WHERE id = $1`, ok
}

// ReportFile implements evaluation.Tx: the one file asked for, with its stored SHA-256.
func (t *Tx) ReportFile(ctx context.Context, reportID, name string) (_ *evaluation.ReportFile, err error) {
	defer wrap(&err, "ReportFile(%s, %s)", reportID, name)
	q, ok := reportFileQuery(name)
	if !ok {
		return nil, fmt.Errorf("report file %q: %w", name, engine.ErrNotFound)
	}
	f := evaluation.ReportFile{Name: name}
	if err := t.tx.QueryRowxContext(ctx, q, reportID).Scan(&f.Digest, &f.SHA256, &f.Data); err != nil {
		return nil, err
	}
	return &f, nil
}

// ReportPDF implements evaluation.Tx.
func (t *Tx) ReportPDF(ctx context.Context, reportID string) (_ []byte, err error) {
	defer wrap(&err, "ReportPDF(%s)", reportID)
	const q = `SELECT pdf FROM report_pdfs WHERE report_id = $1`
	var pdf []byte
	if err := t.tx.QueryRowxContext(ctx, q, reportID).Scan(&pdf); err != nil {
		return nil, err
	}
	return pdf, nil
}

// PutReportPDF implements evaluation.Tx.
func (t *Tx) PutReportPDF(ctx context.Context, reportID string, pdf []byte) (err error) {
	defer wrap(&err, "PutReportPDF(%s)", reportID)
	const q = `INSERT INTO report_pdfs (report_id, pdf) VALUES ($1, $2) ON CONFLICT (report_id) DO NOTHING`
	_, err = t.tx.ExecContext(ctx, q, reportID, pdf)
	return err
}

// AppendPublication implements evaluation.Tx. The head row of the institute's log is created on
// its first publication and locked (SELECT … FOR UPDATE), so publications append one after
// another; one UPDATE then moves it onto the new entry, the only change the database accepts
// (trigger publication_heads_forward).
func (t *Tx) AppendPublication(ctx context.Context, e *evaluation.PublicationEntry) (err error) {
	defer wrap(&err, "AppendPublication(%s)", e.ReportID)
	const ensure = `INSERT INTO publication_heads (institute_id, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (institute_id) DO NOTHING`
	if _, err := t.tx.ExecContext(ctx, ensure, e.InstituteID, make([]byte, 32)); err != nil {
		return err
	}
	const head = `SELECT seq, hash FROM publication_heads WHERE institute_id = $1 FOR UPDATE`
	var seq int64
	if err := t.tx.QueryRowxContext(ctx, head, e.InstituteID).Scan(&seq, (*[]byte)(&e.PrevHash)); err != nil {
		return err
	}
	e.Seq = seq + 1
	e.PublishedAt = e.PublishedAt.UTC().Truncate(time.Microsecond)
	if e.Hash, err = evaluation.PublicationHash(e.PrevHash, e); err != nil {
		return err
	}
	const insert = `
INSERT INTO publication_log (institute_id, seq, report_id, report_version, commission_id, supersedes, digest, key_id,
                             published_at, prev_hash, hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`
	if _, err := t.tx.ExecContext(ctx, insert, e.InstituteID, e.Seq, e.ReportID, e.ReportVersion, e.CommissionID,
		nullable(e.Supersedes), e.Digest, e.KeyID, e.PublishedAt, []byte(e.PrevHash), []byte(e.Hash)); err != nil {
		return err
	}
	const setHead = `UPDATE publication_heads SET seq = $2, hash = $3 WHERE institute_id = $1`
	_, err = t.tx.ExecContext(ctx, setHead, e.InstituteID, e.Seq, []byte(e.Hash))
	return err
}

// ListPublications implements evaluation.Tx.
func (t *Tx) ListPublications(ctx context.Context, instituteID string) (_ []evaluation.PublicationEntry, err error) {
	defer wrap(&err, "ListPublications(%s)", instituteID)
	const q = `
SELECT institute_id, seq, report_id, report_version, commission_id, COALESCE(supersedes::text, ''), digest, key_id,
       published_at, prev_hash, hash
FROM publication_log WHERE institute_id = $1 ORDER BY seq`
	rows, err := t.tx.QueryContext(ctx, q, instituteID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []evaluation.PublicationEntry
	for rows.Next() {
		var e evaluation.PublicationEntry
		if err := rows.Scan(&e.InstituteID, &e.Seq, &e.ReportID, &e.ReportVersion, &e.CommissionID, &e.Supersedes,
			&e.Digest, &e.KeyID, &e.PublishedAt, (*[]byte)(&e.PrevHash), (*[]byte)(&e.Hash)); err != nil {
			return nil, err
		}
		e.PublishedAt = e.PublishedAt.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// CreateAcceptanceDecision implements evaluation.Tx.
func (t *Tx) CreateAcceptanceDecision(ctx context.Context, d *evaluation.AcceptanceDecision) (err error) {
	defer wrap(&err, "CreateAcceptanceDecision(%s)", d.CommissionID)
	const q = `
INSERT INTO acceptance_decisions (commission_id, report_id, report_version, decision, reasons, failed_items,
                                  decided_by, decided_by_name, decided_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`
	return t.tx.QueryRowxContext(ctx, q, d.CommissionID, d.ReportID, d.ReportVersion, d.Decision, pq.Array(d.Reasons),
		pq.Array(d.Failed), nullable(d.DecidedBy), d.DecidedByName, d.DecidedAt).Scan(&d.ID)
}

// ListAcceptanceDecisions implements evaluation.Tx.
func (t *Tx) ListAcceptanceDecisions(ctx context.Context, commissionID string) (_ []evaluation.AcceptanceDecision, err error) {
	defer wrap(&err, "ListAcceptanceDecisions(%s)", commissionID)
	const q = `
SELECT id, commission_id, report_id, report_version, decision, reasons, failed_items, COALESCE(decided_by::text, ''),
       decided_by_name, decided_at
FROM acceptance_decisions WHERE commission_id = $1 ORDER BY decided_at, id`
	rows, err := t.tx.QueryContext(ctx, q, commissionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []evaluation.AcceptanceDecision
	for rows.Next() {
		var d evaluation.AcceptanceDecision
		var reasons, failed pq.StringArray
		if err := rows.Scan(&d.ID, &d.CommissionID, &d.ReportID, &d.ReportVersion, &d.Decision, &reasons, &failed,
			&d.DecidedBy, &d.DecidedByName, &d.DecidedAt); err != nil {
			return nil, err
		}
		d.Reasons, d.Failed, d.DecidedAt = []string(reasons), []string(failed), d.DecidedAt.UTC()
		if d.Reasons == nil {
			d.Reasons = []string{}
		}
		if d.Failed == nil {
			d.Failed = []string{}
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
