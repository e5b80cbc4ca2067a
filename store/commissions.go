package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/lib/pq"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

type dbCommission struct {
	ID              string         `db:"id"`
	InstituteID     string         `db:"institute_id"`
	Title           string         `db:"title"`
	Client          string         `db:"client"`
	Description     string         `db:"description"`
	PeriodStart     int            `db:"period_start"`
	PeriodEnd       int            `db:"period_end"`
	EvaluatedPeriod string         `db:"evaluated_period"`
	Status          string         `db:"status"`
	Synthetic       bool           `db:"synthetic"`
	Version         int            `db:"version"`
	CreatedBy       sql.NullString `db:"created_by"`
	CreatedAt       time.Time      `db:"created_at"`
	UpdatedAt       time.Time      `db:"updated_at"`
}

func (r dbCommission) toCommission() *evaluation.Commission {
	return &evaluation.Commission{ID: r.ID, InstituteID: r.InstituteID, Title: r.Title, Client: r.Client,
		Description: r.Description, PeriodStart: r.PeriodStart, PeriodEnd: r.PeriodEnd,
		EvaluatedPeriod: engine.Period(r.EvaluatedPeriod), Status: evaluation.Status(r.Status),
		Synthetic: r.Synthetic, Version: r.Version, CreatedBy: r.CreatedBy.String,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
}

const commissionColumns = `id, institute_id, title, client, description, period_start, period_end,
evaluated_period, status, synthetic, version, created_by, created_at, updated_at`

// CreateCommission implements evaluation.Tx.
func (t *Tx) CreateCommission(ctx context.Context, c *evaluation.Commission) (err error) {
	defer wrap(&err, "CreateCommission(%s)", c.Title)
	const q = `
INSERT INTO commissions (institute_id, title, client, description, period_start, period_end,
                         evaluated_period, status, synthetic, created_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
RETURNING id, version, created_at, updated_at`
	err = t.tx.QueryRowxContext(ctx, q, c.InstituteID, c.Title, c.Client, c.Description, c.PeriodStart, c.PeriodEnd,
		string(c.EvaluatedPeriod), string(c.Status), c.Synthetic, nullable(c.CreatedBy)).
		Scan(&c.ID, &c.Version, &c.CreatedAt, &c.UpdatedAt)
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return err
}

// GetCommission implements evaluation.Tx.
func (t *Tx) GetCommission(ctx context.Context, id string) (_ *evaluation.Commission, err error) {
	defer wrap(&err, "GetCommission(%s)", id)
	const q = `SELECT ` + commissionColumns + ` FROM commissions WHERE id = $1`
	return getRow(ctx, t, dbCommission.toCommission, q, id)
}

// ListCommissions implements evaluation.Tx.
func (t *Tx) ListCommissions(ctx context.Context, userID string, p evaluation.Page) (_ []evaluation.Commission, err error) {
	defer wrap(&err, "ListCommissions(%s)", userID)
	const q = `
SELECT ` + commissionColumns + ` FROM commissions c
WHERE $1::uuid IS NULL OR EXISTS (SELECT 1 FROM commission_members m WHERE m.commission_id = c.id AND m.user_id = $1)
ORDER BY created_at DESC, id
LIMIT $2 OFFSET $3`
	return selectRows(ctx, t, dbCommission.toCommission, q, nullable(userID), p.Limit, p.Offset)
}

// UpdateCommission implements evaluation.Tx.
func (t *Tx) UpdateCommission(ctx context.Context, c *evaluation.Commission) (err error) {
	defer wrap(&err, "UpdateCommission(%s)", c.ID)
	const q = `
UPDATE commissions SET title = $3, client = $4, description = $5, period_start = $6, period_end = $7,
       evaluated_period = $8, status = $9, version = $2, updated_at = $10
WHERE id = $1 AND version = $2 - 1`
	res, err := t.tx.ExecContext(ctx, q, c.ID, c.Version, c.Title, c.Client, c.Description, c.PeriodStart,
		c.PeriodEnd, string(c.EvaluatedPeriod), string(c.Status), c.UpdatedAt)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return fmt.Errorf("commission changed meanwhile: %w", engine.ErrStale)
	}
	return nil
}

// CommissionAccess implements evaluation.Tx.
func (t *Tx) CommissionAccess(ctx context.Context, commissionID, userID string) (_ evaluation.Access, err error) {
	defer wrap(&err, "CommissionAccess(%s)", commissionID)
	const q = `
SELECT c.institute_id,
       COALESCE(array_agg(m.role ORDER BY m.role) FILTER (WHERE m.role IS NOT NULL), '{}')
FROM commissions c
LEFT JOIN commission_members m ON m.commission_id = c.id AND m.user_id = $2
WHERE c.id = $1
GROUP BY c.institute_id`
	var inst string
	var roles pq.StringArray
	if err := t.tx.QueryRowxContext(ctx, q, commissionID, nullable(userID)).Scan(&inst, &roles); err != nil {
		return evaluation.Access{}, err
	}
	acc := evaluation.Access{CommissionID: commissionID, InstituteID: inst}
	for _, r := range roles {
		acc.Roles = append(acc.Roles, evaluation.Role(r))
	}
	return acc, nil
}

// UpsertUnits implements evaluation.Tx.
func (t *Tx) UpsertUnits(ctx context.Context, commissionID string, units []engine.Unit) (created, updated int, err error) {
	defer wrap(&err, "UpsertUnits(%s)", commissionID)
	const q = `
INSERT INTO units (commission_id, code, name, kind) VALUES ($1, $2, $3, $4)
ON CONFLICT (commission_id, code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, updated_at = now()
    WHERE (units.name, units.kind) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind)
RETURNING (xmax = 0)`
	for _, u := range units {
		var inserted bool
		err := t.tx.QueryRowxContext(ctx, q, commissionID, u.Code, u.Name, string(u.Kind)).Scan(&inserted)
		switch {
		case errors.Is(err, sql.ErrNoRows): // unchanged
		case err != nil:
			return 0, 0, err
		case inserted:
			created++
		default:
			updated++
		}
	}
	return created, updated, nil
}

// ListUnits implements evaluation.Tx.
func (t *Tx) ListUnits(ctx context.Context, commissionID string) (_ []engine.Unit, err error) {
	defer wrap(&err, "ListUnits(%s)", commissionID)
	const q = `SELECT id, code, name, kind, created_at, updated_at FROM units WHERE commission_id = $1 ORDER BY code`
	rows, err := t.tx.QueryxContext(ctx, q, commissionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []engine.Unit{}
	for rows.Next() {
		var u engine.Unit
		var kind string
		if err := rows.Scan(&u.ID, &u.Code, &u.Name, &kind, &u.CreatedAt, &u.UpdatedAt); err != nil {
			return nil, err
		}
		u.Kind = engine.UnitKind(kind)
		u.CreatedAt, u.UpdatedAt = u.CreatedAt.UTC(), u.UpdatedAt.UTC()
		out = append(out, u)
	}
	return out, rows.Err()
}

// GrantRole implements evaluation.Tx; granting a role held already changes nothing.
func (t *Tx) GrantRole(ctx context.Context, m evaluation.Member) (err error) {
	defer wrap(&err, "GrantRole(%s, %s)", m.UserID, m.Role)
	const q = `
INSERT INTO commission_members (commission_id, user_id, role, granted_by) VALUES ($1, $2, $3, $4)
ON CONFLICT DO NOTHING`
	_, err = t.tx.ExecContext(ctx, q, m.CommissionID, m.UserID, string(m.Role), nullable(m.GrantedBy))
	return err
}

// RevokeRole implements evaluation.Tx.
func (t *Tx) RevokeRole(ctx context.Context, commissionID, userID string, role evaluation.Role) (err error) {
	defer wrap(&err, "RevokeRole(%s, %s)", userID, role)
	const q = `DELETE FROM commission_members WHERE commission_id = $1 AND user_id = $2 AND role = $3`
	res, err := t.tx.ExecContext(ctx, q, commissionID, userID, string(role))
	if err != nil {
		return err
	}
	return oneRow(res)
}

// ListMembers implements evaluation.Tx.
func (t *Tx) ListMembers(ctx context.Context, commissionID string) (_ []evaluation.Member, err error) {
	defer wrap(&err, "ListMembers(%s)", commissionID)
	const q = `
SELECT m.commission_id, m.user_id, u.name, m.role, COALESCE(m.granted_by::text, ''), m.granted_at
FROM commission_members m JOIN users u ON u.id = m.user_id
WHERE m.commission_id = $1 ORDER BY u.name, m.user_id, m.role`
	rows, err := t.tx.QueryxContext(ctx, q, commissionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []evaluation.Member{}
	for rows.Next() {
		var m evaluation.Member
		var role string
		if err := rows.Scan(&m.CommissionID, &m.UserID, &m.UserName, &role, &m.GrantedBy, &m.GrantedAt); err != nil {
			return nil, err
		}
		m.Role = evaluation.Role(role)
		m.GrantedAt = m.GrantedAt.UTC()
		out = append(out, m)
	}
	return out, rows.Err()
}

// MarkExampleCommission implements evaluation.Tx.
func (t *Tx) MarkExampleCommission(ctx context.Context, example, commissionID string) (err error) {
	defer wrap(&err, "MarkExampleCommission(%s, %s)", example, commissionID)
	const q = `INSERT INTO example_commissions (example, commission_id) VALUES ($1, $2)`
	_, err = t.tx.ExecContext(ctx, q, example, commissionID)
	return err
}

// ExampleCommission implements evaluation.Tx.
func (t *Tx) ExampleCommission(ctx context.Context, example string) (_ string, err error) {
	defer wrap(&err, "ExampleCommission(%s)", example)
	const q = `SELECT commission_id FROM example_commissions WHERE example = $1`
	var id string
	err = t.tx.QueryRowxContext(ctx, q, example).Scan(&id)
	return id, err
}
