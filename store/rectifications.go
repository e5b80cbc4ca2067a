package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

type dbRectification struct {
	ID           string         `db:"id"`
	CommissionID string         `db:"commission_id"`
	Number       int            `db:"number"`
	Unit         string         `db:"unit"`
	Period       string         `db:"period"`
	Source       string         `db:"source"`
	SourceRunID  sql.NullString `db:"source_run_id"`
	Reference    string         `db:"reference"`
	Issue        string         `db:"issue"`
	Owner        string         `db:"owner"`
	Deadline     string         `db:"deadline"`
	Status       string         `db:"status"`
	Evidence     string         `db:"evidence"`
	ClosedOn     sql.NullString `db:"closed_on"`
	AuditedOn    sql.NullString `db:"audited_on"`
	AuditNote    string         `db:"audit_note"`
	Version      int            `db:"version"`
	CreatedBy    sql.NullString `db:"created_by"`
	CreatedAt    time.Time      `db:"created_at"`
	UpdatedAt    time.Time      `db:"updated_at"`
}

func (r dbRectification) toItem() *evaluation.RectificationItem {
	return &evaluation.RectificationItem{CommissionID: r.CommissionID, Version: r.Version, CreatedBy: r.CreatedBy.String,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(), Rectification: engine.Rectification{
			ID: r.ID, Number: r.Number, Unit: r.Unit, Period: engine.Period(r.Period), Source: r.Source,
			SourceRunID: r.SourceRunID.String, Reference: r.Reference, Issue: r.Issue, Owner: r.Owner, Deadline: r.Deadline,
			Status: r.Status, Evidence: r.Evidence, ClosedOn: r.ClosedOn.String, AuditedOn: r.AuditedOn.String, AuditNote: r.AuditNote}}
}

// Dates are read as ISO text so that no time zone touches them.
const rectificationColumns = `id, commission_id, number, unit, period, source, source_run_id, reference, issue, owner,
to_char(deadline, 'YYYY-MM-DD') AS deadline, status, evidence, to_char(closed_on, 'YYYY-MM-DD') AS closed_on,
to_char(audited_on, 'YYYY-MM-DD') AS audited_on, audit_note, version, created_by, created_at, updated_at`

// CreateRectification implements evaluation.Tx.
func (t *Tx) CreateRectification(ctx context.Context, it *evaluation.RectificationItem) (err error) {
	defer wrap(&err, "CreateRectification(%s)", it.CommissionID)
	const q = `
INSERT INTO rectifications (commission_id, number, unit, period, source, source_run_id, reference, issue, owner, deadline, created_by)
SELECT $1, COALESCE(max(number), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9::date, $10 FROM rectifications WHERE commission_id = $1
RETURNING id, number, status, version, created_at, updated_at`
	err = t.tx.QueryRowxContext(ctx, q, it.CommissionID, it.Unit, string(it.Period), it.Source, nullable(it.SourceRunID),
		it.Reference, it.Issue, it.Owner, it.Deadline, nullable(it.CreatedBy)).
		Scan(&it.ID, &it.Number, &it.Status, &it.Version, &it.CreatedAt, &it.UpdatedAt)
	it.CreatedAt, it.UpdatedAt = it.CreatedAt.UTC(), it.UpdatedAt.UTC()
	return err
}

// GetRectification implements evaluation.Tx.
func (t *Tx) GetRectification(ctx context.Context, commissionID, id string) (_ *evaluation.RectificationItem, err error) {
	defer wrap(&err, "GetRectification(%s)", id)
	const q = `SELECT ` + rectificationColumns + ` FROM rectifications WHERE id = $1 AND commission_id = $2`
	return getRow(ctx, t, dbRectification.toItem, q, id, commissionID)
}

// ListRectifications implements evaluation.Tx.
func (t *Tx) ListRectifications(ctx context.Context, commissionID string, f evaluation.RectificationFilter) (_ []evaluation.RectificationItem, err error) {
	defer wrap(&err, "ListRectifications(%s)", commissionID)
	const q = `SELECT ` + rectificationColumns + ` FROM rectifications
WHERE commission_id = $1 AND ($2 = '' OR unit = $2) AND ($3 = '' OR period = $3) AND ($4 = '' OR status = $4)
ORDER BY number`
	return selectRows(ctx, t, dbRectification.toItem, q, commissionID, f.Unit, string(f.Period), f.Status)
}

// UpdateRectification implements evaluation.Tx.
func (t *Tx) UpdateRectification(ctx context.Context, it *evaluation.RectificationItem) (err error) {
	defer wrap(&err, "UpdateRectification(%s)", it.ID)
	const q = `
UPDATE rectifications SET owner = $3, deadline = $4::date, issue = $5, status = $6, evidence = $7,
       closed_on = NULLIF($8, '')::date, audited_on = NULLIF($9, '')::date, audit_note = $10,
       version = version + 1, updated_at = now()
WHERE id = $1 AND version = $2
RETURNING version, updated_at`
	err = t.tx.QueryRowxContext(ctx, q, it.ID, it.Version, it.Owner, it.Deadline, it.Issue, it.Status, it.Evidence,
		it.ClosedOn, it.AuditedOn, it.AuditNote).Scan(&it.Version, &it.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("rectification changed meanwhile: %w", engine.ErrStale)
	}
	it.UpdatedAt = it.UpdatedAt.UTC()
	return err
}

// SetRunRectifications implements evaluation.Tx.
func (t *Tx) SetRunRectifications(ctx context.Context, runID string, items []engine.Rectification) (err error) {
	defer wrap(&err, "SetRunRectifications(%s)", runID)
	if items == nil {
		items = []engine.Rectification{}
	}
	raw, err := json.Marshal(items)
	if err != nil {
		return err
	}
	return t.execOne(ctx, `UPDATE runs SET rectifications = $2 WHERE id = $1`, runID, string(raw))
}

// RunRectifications implements evaluation.Tx.
func (t *Tx) RunRectifications(ctx context.Context, runID string) (_ []engine.Rectification, err error) {
	defer wrap(&err, "RunRectifications(%s)", runID)
	var raw []byte
	if err := t.tx.GetContext(ctx, &raw, `SELECT rectifications FROM runs WHERE id = $1`, runID); err != nil {
		return nil, err
	}
	var out []engine.Rectification
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("run %s rectifications: %w", runID, err)
	}
	return out, nil
}
