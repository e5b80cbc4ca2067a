// Package store implements evaluation.Store over PostgreSQL with sqlx and lib/pq. Every SQL
// statement of evalbench lives in this package, as a const next to the method that runs it.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"evalbench/evaluation"
)

// DB is a PostgreSQL connection pool.
type DB struct {
	db *sqlx.DB
}

// Open connects to the database at url and checks that it answers.
func Open(ctx context.Context, dsn string) (*DB, error) {
	db, err := sqlx.Open("postgres", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	db.SetMaxOpenConns(32)
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: cannot reach PostgreSQL at %s: %w (run `make db-up`, or set DATABASE_URL)", redact(dsn), err)
	}
	return &DB{db: db}, nil
}

// Close closes the pool.
func (d *DB) Close() error { return d.db.Close() }

// SQL returns the underlying pool (for the migration runner and tests).
func (d *DB) SQL() *sqlx.DB { return d.db }

// Transact implements evaluation.Store. It runs fn in a READ COMMITTED transaction, commits when
// fn returns nil, rolls back otherwise (and on panic), and retries the whole of fn up to five
// times on a serialization failure or a deadlock.
func (d *DB) Transact(ctx context.Context, fn func(evaluation.Tx) error) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		err = d.transactOnce(ctx, fn)
		if !retryable(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(attempt+1) * 10 * time.Millisecond):
		}
	}
	return err
}

func (d *DB) transactOnce(ctx context.Context, fn func(evaluation.Tx) error) (err error) {
	tx, err := d.db.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			if rbErr := tx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
				err = errors.Join(err, fmt.Errorf("store: rollback: %w", rbErr))
			}
			return
		}
		if cErr := tx.Commit(); cErr != nil {
			err = fmt.Errorf("store: commit: %w", mapErr(cErr))
		}
	}()
	return fn(&Tx{tx: tx})
}

// Tx implements evaluation.Tx on one transaction.
type Tx struct {
	tx *sqlx.Tx
}

var _ evaluation.Tx = (*Tx)(nil)

func retryable(err error) bool {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		return pqErr.Code == "40001" || pqErr.Code == "40P01"
	}
	return false
}

// mapErr turns driver errors into the domain's sentinel errors, keeping the original in the chain.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %w", evaluation.ErrNotFound, err)
	}
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		switch pqErr.Code {
		case "23505": // unique_violation
			return fmt.Errorf("%w: %s: %w", evaluation.ErrConflict, describeUnique(pqErr), err)
		case "23503": // foreign_key_violation
			return fmt.Errorf("%w: a referenced object does not exist or is still referenced (%s): %w", evaluation.ErrConflict, pqErr.Constraint, err)
		case "23514", "22P02", "22003": // check_violation, invalid_text_representation, numeric out of range
			return fmt.Errorf("%w: %s: %w", evaluation.ErrInvalid, pqErr.Message, err)
		case "42501": // insufficient_privilege: immutable tables refuse changes
			return fmt.Errorf("%w: %s: %w", evaluation.ErrConflict, pqErr.Message, err)
		}
	}
	return err
}

func describeUnique(e *pq.Error) string {
	if e.Detail != "" {
		return e.Detail
	}
	return "already exists (" + e.Constraint + ")"
}

// wrap adds context and maps driver errors: use as `defer wrap(&err, "GetCommission(%s)", id)`.
func wrap(errp *error, format string, args ...any) {
	if *errp != nil {
		*errp = fmt.Errorf("store: %s: %w", fmt.Sprintf(format, args...), mapErr(*errp))
	}
}

// getRow runs q, which selects one row, and converts it.
func getRow[R, T any](ctx context.Context, t *Tx, conv func(R) *T, q string, args ...any) (*T, error) {
	return getParsedRow(ctx, t, infallible(conv), q, args...)
}

// selectRows runs q and converts every row it selects.
func selectRows[R, T any](ctx context.Context, t *Tx, conv func(R) *T, q string, args ...any) ([]T, error) {
	return selectParsedRows(ctx, t, infallible(conv), q, args...)
}

// getParsedRow is getRow for a row whose conversion can fail (it parses stored JSON).
func getParsedRow[R, T any](ctx context.Context, t *Tx, conv func(R) (*T, error), q string, args ...any) (*T, error) {
	var r R
	if err := t.tx.GetContext(ctx, &r, q, args...); err != nil {
		return nil, err
	}
	return conv(r)
}

// selectParsedRows is selectRows for rows whose conversion can fail (it parses stored JSON).
func selectParsedRows[R, T any](ctx context.Context, t *Tx, conv func(R) (*T, error), q string, args ...any) ([]T, error) {
	var rows []R
	if err := t.tx.SelectContext(ctx, &rows, q, args...); err != nil {
		return nil, err
	}
	out := make([]T, len(rows))
	for i, r := range rows {
		v, err := conv(r)
		if err != nil {
			return nil, err
		}
		out[i] = *v
	}
	return out, nil
}

func infallible[R, T any](conv func(R) *T) func(R) (*T, error) {
	return func(r R) (*T, error) { return conv(r), nil }
}

// redact hides a password in a connection URL.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		return "(DATABASE_URL)"
	}
	return u.Redacted()
}

// Ping checks that the database answers.
func (d *DB) Ping(ctx context.Context) error { return d.db.PingContext(ctx) }
