package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

// LockCommission implements evaluation.Tx.
func (t *Tx) LockCommission(ctx context.Context, id string) (_ *evaluation.Commission, err error) {
	defer wrap(&err, "LockCommission(%s)", id)
	const q = `SELECT ` + commissionColumns + ` FROM commissions WHERE id = $1 FOR UPDATE`
	return getRow(ctx, t, dbCommission.toCommission, q, id)
}

type dbFramework struct {
	ID           string         `db:"id"`
	CommissionID string         `db:"commission_id"`
	Number       int            `db:"number"`
	Version      int            `db:"version"`
	Locked       bool           `db:"locked"`
	BasedOn      sql.NullString `db:"based_on"`
	Digest       string         `db:"digest"`
	Content      []byte         `db:"content"`
	CreatedAt    time.Time      `db:"created_at"`
	UpdatedAt    time.Time      `db:"updated_at"`
}

func (r dbFramework) toFramework() (*engine.Framework, error) {
	var f engine.Framework
	if err := json.Unmarshal(r.Content, &f); err != nil {
		return nil, fmt.Errorf("framework %s: stored content: %w", r.ID, err)
	}
	f.ID, f.CommissionID, f.Number, f.Version, f.Locked = r.ID, r.CommissionID, r.Number, r.Version, r.Locked
	f.BasedOn, f.Digest, f.CreatedAt, f.UpdatedAt = r.BasedOn.String, r.Digest, r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return &f, nil
}

const frameworkColumns = `id, commission_id, number, version, locked, based_on, digest, content, created_at, updated_at`

// CreateFramework implements evaluation.Tx; it numbers the framework after the commission's
// newest (the caller holds the commission lock).
func (t *Tx) CreateFramework(ctx context.Context, f *engine.Framework, content []byte, createdBy string) (err error) {
	defer wrap(&err, "CreateFramework(%s)", f.CommissionID)
	const q = `
INSERT INTO frameworks (commission_id, number, based_on, title, plan_start, plan_end, content, digest, created_by)
SELECT $1, COALESCE(max(number), 0) + 1, $2, $3, $4, $5, $6, $7, $8 FROM frameworks WHERE commission_id = $1
RETURNING id, number, version, created_at, updated_at`
	err = t.tx.QueryRowxContext(ctx, q, f.CommissionID, nullable(f.BasedOn), f.Title, f.PlanStart, f.PlanEnd, string(content), f.Digest, nullable(createdBy)).
		Scan(&f.ID, &f.Number, &f.Version, &f.CreatedAt, &f.UpdatedAt)
	f.CreatedAt, f.UpdatedAt = f.CreatedAt.UTC(), f.UpdatedAt.UTC()
	return err
}

// GetFramework implements evaluation.Tx.
func (t *Tx) GetFramework(ctx context.Context, commissionID, id string) (_ *engine.Framework, err error) {
	defer wrap(&err, "GetFramework(%s)", id)
	const q = `SELECT ` + frameworkColumns + ` FROM frameworks WHERE id = $1 AND commission_id = $2`
	return getParsedRow(ctx, t, dbFramework.toFramework, q, id, commissionID)
}

// ListFrameworks implements evaluation.Tx.
func (t *Tx) ListFrameworks(ctx context.Context, commissionID string) (_ []engine.Framework, err error) {
	defer wrap(&err, "ListFrameworks(%s)", commissionID)
	const q = `SELECT ` + frameworkColumns + ` FROM frameworks WHERE commission_id = $1 ORDER BY number DESC`
	return selectParsedRows(ctx, t, dbFramework.toFramework, q, commissionID)
}

// UpdateFramework implements evaluation.Tx.
func (t *Tx) UpdateFramework(ctx context.Context, f *engine.Framework, content []byte) (err error) {
	defer wrap(&err, "UpdateFramework(%s)", f.ID)
	const q = `
UPDATE frameworks SET title = $3, plan_start = $4, plan_end = $5, content = $6, digest = $7, version = $2, updated_at = $8
WHERE id = $1 AND version = $2 - 1 AND NOT locked`
	res, err := t.tx.ExecContext(ctx, q, f.ID, f.Version, f.Title, f.PlanStart, f.PlanEnd, string(content), f.Digest, f.UpdatedAt)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return fmt.Errorf("framework changed meanwhile: %w", engine.ErrStale)
	}
	return nil
}

// LockFramework implements evaluation.Tx.
func (t *Tx) LockFramework(ctx context.Context, id string) (err error) {
	defer wrap(&err, "LockFramework(%s)", id)
	const q = `UPDATE frameworks SET locked = true WHERE id = $1 AND NOT locked`
	_, err = t.tx.ExecContext(ctx, q, id)
	return err
}
