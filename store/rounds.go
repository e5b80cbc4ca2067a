package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/lib/pq"

	"evalbench/evaluation"
)

// roundColumns are the columns of judgment_rounds that scanRound reads, in its order.
const roundColumns = `r.id, r.commission_id, r.weight_set_id, r.number, r.nodes, r.deadline, r.created_by, r.created_at,
r.closed_at, r.closed_by`

func scanRound(row interface{ Scan(...any) error }) (*evaluation.Round, error) {
	var r evaluation.Round
	var nodes pq.StringArray
	var createdBy, closedBy sql.NullString
	var closedAt sql.NullTime
	if err := row.Scan(&r.ID, &r.CommissionID, &r.WeightSetID, &r.Number, &nodes, &r.Deadline, &createdBy, &r.CreatedAt,
		&closedAt, &closedBy); err != nil {
		return nil, err
	}
	r.Nodes, r.CreatedBy, r.ClosedBy = []string(nodes), createdBy.String, closedBy.String
	r.Deadline, r.CreatedAt = r.Deadline.UTC(), r.CreatedAt.UTC()
	if closedAt.Valid {
		t := closedAt.Time.UTC()
		r.ClosedAt = &t
	}
	r.Experts = []evaluation.RoundExpert{}
	return &r, nil
}

const expertColumns = `e.id, e.position, e.expert_key, e.name, e.organisation, e.weight, e.link_issued, e.revoked_at, e.submitted_at`

func scanExpert(row interface{ Scan(...any) error }) (*evaluation.RoundExpert, error) {
	var e evaluation.RoundExpert
	var weight sql.NullFloat64
	var revoked, submitted sql.NullTime
	if err := row.Scan(&e.ID, &e.Position, &e.Key, &e.Name, &e.Organisation, &weight, &e.LinkIssued, &revoked, &submitted); err != nil {
		return nil, err
	}
	e.LinkIssued = e.LinkIssued.UTC()
	if weight.Valid {
		e.Weight = &weight.Float64
	}
	if revoked.Valid {
		t := revoked.Time.UTC()
		e.RevokedAt = &t
	}
	if submitted.Valid {
		t := submitted.Time.UTC()
		e.SubmittedAt = &t
	}
	return &e, nil
}

// CreateRound implements evaluation.Tx.
func (t *Tx) CreateRound(ctx context.Context, r *evaluation.Round) (err error) {
	defer wrap(&err, "CreateRound(%s)", r.WeightSetID)
	const q = `
INSERT INTO judgment_rounds (commission_id, weight_set_id, number, nodes, deadline, created_by)
SELECT $1, $2, COALESCE(max(number), 0) + 1, $3, $4, $5 FROM judgment_rounds WHERE weight_set_id = $2
RETURNING id, number, created_at`
	err = t.tx.QueryRowxContext(ctx, q, r.CommissionID, r.WeightSetID, pq.Array(r.Nodes), r.Deadline, nullable(r.CreatedBy)).
		Scan(&r.ID, &r.Number, &r.CreatedAt)
	r.CreatedAt = r.CreatedAt.UTC()
	return err
}

// CreateRoundExpert implements evaluation.Tx.
func (t *Tx) CreateRoundExpert(ctx context.Context, roundID string, e *evaluation.RoundExpert, linkSHA256 []byte) (err error) {
	defer wrap(&err, "CreateRoundExpert(%s, %d)", roundID, e.Position)
	const q = `
INSERT INTO round_experts (round_id, position, expert_key, name, organisation, weight, link_sha256)
VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, link_issued`
	var weight any
	if e.Weight != nil {
		weight = *e.Weight
	}
	err = t.tx.QueryRowxContext(ctx, q, roundID, e.Position, e.Key, e.Name, e.Organisation, weight, linkSHA256).Scan(&e.ID, &e.LinkIssued)
	e.LinkIssued = e.LinkIssued.UTC()
	return err
}

// roundExperts fills the experts of rounds, by position.
func (t *Tx) roundExperts(ctx context.Context, rounds []*evaluation.Round) error {
	for _, r := range rounds {
		const q = `SELECT ` + expertColumns + ` FROM round_experts e WHERE e.round_id = $1 ORDER BY e.position`
		rows, err := t.tx.QueryContext(ctx, q, r.ID)
		if err != nil {
			return err
		}
		for rows.Next() {
			e, err := scanExpert(rows)
			if err != nil {
				rows.Close()
				return err
			}
			r.Experts = append(r.Experts, *e)
		}
		if err := rows.Err(); err != nil {
			rows.Close()
			return err
		}
		rows.Close()
	}
	return nil
}

// ListRounds implements evaluation.Tx.
func (t *Tx) ListRounds(ctx context.Context, weightSetID string) (_ []evaluation.Round, err error) {
	defer wrap(&err, "ListRounds(%s)", weightSetID)
	const q = `SELECT ` + roundColumns + ` FROM judgment_rounds r WHERE r.weight_set_id = $1 ORDER BY r.number DESC`
	rows, err := t.tx.QueryContext(ctx, q, weightSetID)
	if err != nil {
		return nil, err
	}
	var ps []*evaluation.Round
	for rows.Next() {
		r, err := scanRound(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		ps = append(ps, r)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, err
	}
	rows.Close()
	if err := t.roundExperts(ctx, ps); err != nil {
		return nil, err
	}
	out := make([]evaluation.Round, 0, len(ps))
	for _, r := range ps {
		out = append(out, *r)
	}
	return out, nil
}

// GetRound implements evaluation.Tx.
func (t *Tx) GetRound(ctx context.Context, weightSetID, id string, forUpdate bool) (_ *evaluation.Round, err error) {
	defer wrap(&err, "GetRound(%s, %s)", weightSetID, id)
	q := `SELECT ` + roundColumns + ` FROM judgment_rounds r WHERE r.weight_set_id = $1 AND r.id = $2`
	if forUpdate {
		q += ` FOR UPDATE`
	}
	r, err := scanRound(t.tx.QueryRowxContext(ctx, q, weightSetID, id))
	if err != nil {
		return nil, err
	}
	return r, t.roundExperts(ctx, []*evaluation.Round{r})
}

// RoundExpertByLink implements evaluation.Tx.
func (t *Tx) RoundExpertByLink(ctx context.Context, linkSHA256 []byte) (_ *evaluation.Round, _ *evaluation.RoundExpert, err error) {
	defer wrap(&err, "RoundExpertByLink")
	const q = `SELECT ` + expertColumns + `, e.round_id FROM round_experts e WHERE e.link_sha256 = $1 FOR UPDATE`
	var roundID string
	var e evaluation.RoundExpert
	row := t.tx.QueryRowxContext(ctx, q, linkSHA256)
	ep, err := scanExpert(scanTail{row: row, tail: &roundID})
	if err != nil {
		return nil, nil, err
	}
	e = *ep
	const qr = `SELECT ` + roundColumns + ` FROM judgment_rounds r WHERE r.id = $1`
	r, err := scanRound(t.tx.QueryRowxContext(ctx, qr, roundID))
	if err != nil {
		return nil, nil, err
	}
	return r, &e, nil
}

// scanTail scans a row whose last column goes to tail, the others to the caller's targets.
type scanTail struct {
	row  interface{ Scan(...any) error }
	tail any
}

func (s scanTail) Scan(dest ...any) error { return s.row.Scan(append(dest, s.tail)...) }

// SetRoundLink implements evaluation.Tx.
func (t *Tx) SetRoundLink(ctx context.Context, expertID string, linkSHA256 []byte, at time.Time) (err error) {
	defer wrap(&err, "SetRoundLink(%s)", expertID)
	const q = `UPDATE round_experts SET link_sha256 = $2, link_issued = $3, revoked_at = NULL WHERE id = $1`
	return execOne(ctx, t, q, expertID, linkSHA256, at)
}

// RevokeRoundLink implements evaluation.Tx.
func (t *Tx) RevokeRoundLink(ctx context.Context, expertID string, at time.Time) (err error) {
	defer wrap(&err, "RevokeRoundLink(%s)", expertID)
	return execOne(ctx, t, `UPDATE round_experts SET revoked_at = $2 WHERE id = $1`, expertID, at)
}

// SubmitRoundExpert implements evaluation.Tx.
func (t *Tx) SubmitRoundExpert(ctx context.Context, expertID string, at time.Time) (err error) {
	defer wrap(&err, "SubmitRoundExpert(%s)", expertID)
	return execOne(ctx, t, `UPDATE round_experts SET submitted_at = $2 WHERE id = $1 AND submitted_at IS NULL`, expertID, at)
}

// CloseRound implements evaluation.Tx.
func (t *Tx) CloseRound(ctx context.Context, id, by string, at time.Time) (err error) {
	defer wrap(&err, "CloseRound(%s)", id)
	return execOne(ctx, t, `UPDATE judgment_rounds SET closed_at = $2, closed_by = $3 WHERE id = $1 AND closed_at IS NULL`, id, at, nullable(by))
}

// execOne runs a statement that must change exactly one row (sql.ErrNoRows otherwise).
func execOne(ctx context.Context, t *Tx, q string, args ...any) error {
	res, err := t.tx.ExecContext(ctx, q, args...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n != 1 {
		return sql.ErrNoRows
	}
	return nil
}

// ListRoundAnswers implements evaluation.Tx.
func (t *Tx) ListRoundAnswers(ctx context.Context, expertID string) (_ []evaluation.RoundAnswer, err error) {
	defer wrap(&err, "ListRoundAnswers(%s)", expertID)
	const q = `SELECT node, i, j, value, choice, version, saved_at FROM round_answers WHERE expert_id = $1
ORDER BY node COLLATE "C", i, j`
	rows, err := t.tx.QueryContext(ctx, q, expertID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []evaluation.RoundAnswer{}
	for rows.Next() {
		var a evaluation.RoundAnswer
		if err := rows.Scan(&a.Node, &a.I, &a.J, &a.Value, &a.Choice, &a.Version, &a.SavedAt); err != nil {
			return nil, err
		}
		a.SavedAt = a.SavedAt.UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}

// SaveRoundAnswer implements evaluation.Tx.
func (t *Tx) SaveRoundAnswer(ctx context.Context, expertID string, a *evaluation.RoundAnswer, at time.Time) (err error) {
	defer wrap(&err, "SaveRoundAnswer(%s, %s, %d, %d)", expertID, a.Node, a.I, a.J)
	const q = `
INSERT INTO round_answers (expert_id, node, i, j, value, choice, saved_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (expert_id, node, i, j) DO UPDATE
SET value = EXCLUDED.value, choice = EXCLUDED.choice, saved_at = EXCLUDED.saved_at, version = round_answers.version + 1
RETURNING version, saved_at`
	err = t.tx.QueryRowxContext(ctx, q, expertID, a.Node, a.I, a.J, a.Value, a.Choice, at).Scan(&a.Version, &a.SavedAt)
	a.SavedAt = a.SavedAt.UTC()
	return err
}
