package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

// AppendAudit implements evaluation.Tx. It locks the chain's head row (SELECT … FOR UPDATE), so
// concurrent writers append one after another and the chain never forks, and then moves the head
// in one UPDATE onto the new entry: the only change of audit_head the database accepts
// (trigger audit_head_forward).
func (t *Tx) AppendAudit(ctx context.Context, e *evaluation.AuditEntry) (err error) {
	defer wrap(&err, "AppendAudit(%s)", e.Action)
	const head = `SELECT seq, hash FROM audit_head FOR UPDATE`
	var seq int64
	switch err := t.tx.QueryRowxContext(ctx, head).Scan(&seq, (*[]byte)(&e.PrevHash)); {
	case errors.Is(err, sql.ErrNoRows):
		// Not a missing object the caller asked for: the installation's audit chain is broken,
		// and no mutation may proceed unaudited.
		return errors.New("the audit head is missing, so nothing can be audited: the audit chain was tampered with (run evalbench audit verify)")
	case err != nil:
		return err
	}
	e.Seq = seq + 1
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
	const setHead = `UPDATE audit_head SET seq = $1, hash = $2`
	_, err = t.tx.ExecContext(ctx, setHead, e.Seq, []byte(e.Hash))
	return err
}

// AuditHead implements evaluation.Tx.
func (t *Tx) AuditHead(ctx context.Context) (seq int64, hash []byte, err error) {
	defer wrap(&err, "AuditHead")
	const q = `SELECT seq, hash FROM audit_head`
	err = t.tx.QueryRowxContext(ctx, q).Scan(&seq, &hash)
	return seq, hash, err
}

// AuditEntryHash implements evaluation.Tx.
func (t *Tx) AuditEntryHash(ctx context.Context, seq int64) (hash []byte, err error) {
	defer wrap(&err, "AuditEntryHash(%d)", seq)
	const q = `SELECT hash FROM audit_log WHERE seq = $1`
	err = t.tx.QueryRowxContext(ctx, q, seq).Scan(&hash)
	return hash, err
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

// CreateCheckpoint implements evaluation.Tx. The row keeps the exact bytes that were signed, so
// an exported checkpoint verifies whatever later code would make of its fields.
func (t *Tx) CreateCheckpoint(ctx context.Context, c *engine.Checkpoint, statement, signature []byte) (err error) {
	defer wrap(&err, "CreateCheckpoint(%s, %d)", c.InstituteID, c.Seq)
	hash, err := hex.DecodeString(c.Hash)
	if err != nil {
		return err
	}
	signedAt, err := time.Parse(time.RFC3339Nano, c.Time)
	if err != nil {
		return err
	}
	const q = `
INSERT INTO audit_checkpoints (log_id, institute_id, seq, hash, signed_at, key_id, statement, signature)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`
	_, err = t.tx.ExecContext(ctx, q, c.Log, c.InstituteID, c.Seq, hash, signedAt, c.KeyID, statement, signature)
	return err
}

// ListCheckpoints implements evaluation.Tx. Each checkpoint is read back from the statement it
// signed, with its signature.
func (t *Tx) ListCheckpoints(ctx context.Context, instituteID string) (_ []engine.Checkpoint, err error) {
	defer wrap(&err, "ListCheckpoints(%s)", instituteID)
	const q = `SELECT statement, signature FROM audit_checkpoints WHERE ($1::uuid IS NULL OR institute_id = $1) ORDER BY id`
	rows, err := t.tx.QueryContext(ctx, q, nullable(instituteID))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []engine.Checkpoint{}
	for rows.Next() {
		var statement, signature []byte
		if err := rows.Scan(&statement, &signature); err != nil {
			return nil, err
		}
		var c engine.Checkpoint
		if err := json.Unmarshal(statement, &c); err != nil {
			return nil, fmt.Errorf("a stored checkpoint's statement: %w", err)
		}
		c.Signature = base64.StdEncoding.EncodeToString(signature)
		out = append(out, c)
	}
	return out, rows.Err()
}
