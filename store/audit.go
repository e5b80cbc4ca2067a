package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"evalbench/evaluation"
)

// AppendAudit implements evaluation.Tx. It takes the chain's head row lock (UPDATE … RETURNING),
// so concurrent writers append one after another and the chain never forks.
func (t *Tx) AppendAudit(ctx context.Context, e *evaluation.AuditEntry) (err error) {
	defer wrap(&err, "AppendAudit(%s)", e.Action)
	const head = `UPDATE audit_head SET seq = seq + 1 RETURNING seq, hash`
	if err := t.tx.QueryRowxContext(ctx, head).Scan(&e.Seq, (*[]byte)(&e.PrevHash)); err != nil {
		return err
	}
	e.At = e.At.UTC().Truncate(time.Microsecond)
	if e.Hash, err = evaluation.ChainHash(e.PrevHash, e); err != nil {
		return err
	}
	const insert = `
INSERT INTO audit_log (seq, at, actor_id, actor_name, institute_id, commission_id, action, object_type,
                       object_id, request_id, changes, prev_hash, hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`
	if _, err := t.tx.ExecContext(ctx, insert, e.Seq, e.At, nullable(e.ActorID), e.ActorName, nullable(e.InstituteID),
		nullable(e.CommissionID), e.Action, e.ObjectType, e.ObjectID, e.RequestID, string(e.Changes),
		[]byte(e.PrevHash), []byte(e.Hash)); err != nil {
		return err
	}
	const setHead = `UPDATE audit_head SET hash = $1`
	_, err = t.tx.ExecContext(ctx, setHead, []byte(e.Hash))
	return err
}

const auditColumns = `seq, at, COALESCE(actor_id::text, ''), actor_name, COALESCE(institute_id::text, ''),
COALESCE(commission_id::text, ''), action, object_type, object_id, request_id, changes::text, prev_hash, hash`

func scanAudit(rows interface{ Scan(...any) error }) (evaluation.AuditEntry, error) {
	var e evaluation.AuditEntry
	var changes string
	err := rows.Scan(&e.Seq, &e.At, &e.ActorID, &e.ActorName, &e.InstituteID, &e.CommissionID, &e.Action,
		&e.ObjectType, &e.ObjectID, &e.RequestID, &changes, (*[]byte)(&e.PrevHash), (*[]byte)(&e.Hash))
	e.At = e.At.UTC()
	e.Changes = json.RawMessage(changes)
	return e, err
}

// ListAudit implements evaluation.Tx.
func (t *Tx) ListAudit(ctx context.Context, f evaluation.AuditFilter) (_ []evaluation.AuditEntry, err error) {
	defer wrap(&err, "ListAudit")
	const q = `SELECT ` + auditColumns + ` FROM audit_log
WHERE ($1::uuid IS NULL OR commission_id = $1) AND ($2::uuid IS NULL OR institute_id = $2) AND seq > $3
ORDER BY seq LIMIT $4`
	rows, err := t.tx.QueryContext(ctx, q, nullable(f.CommissionID), nullable(f.InstituteID), f.AfterSeq, f.Limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []evaluation.AuditEntry{}
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// WalkAudit implements evaluation.Tx, streaming the chain in pages so memory stays bounded.
func (t *Tx) WalkAudit(ctx context.Context, fn func(evaluation.AuditEntry) error) (err error) {
	defer wrap(&err, "WalkAudit")
	const q = `SELECT ` + auditColumns + ` FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 5000`
	var after int64
	for {
		rows, err := t.tx.QueryContext(ctx, q, after)
		if err != nil {
			return err
		}
		n, err := walkRows(rows, func(e evaluation.AuditEntry) error {
			after = e.Seq
			return fn(e)
		})
		if err != nil || n == 0 {
			return err
		}
	}
}

func walkRows(rows *sql.Rows, fn func(evaluation.AuditEntry) error) (n int, err error) {
	defer rows.Close()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return n, err
		}
		n++
		if err := fn(e); err != nil {
			return n, err
		}
	}
	return n, rows.Err()
}
