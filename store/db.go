// Package store implements evaluation.Store over PostgreSQL with sqlx and lib/pq. Every SQL
// statement of evalbench lives in this package, as a const next to the method that runs it.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"regexp"
	"strings"
	"syscall"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
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
			return markUnavailable(err)
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
	// The transaction runs on a connection of its own so that an import can reach the driver's
	// connection for COPY (copySink).
	conn, err := d.db.Connx(ctx)
	if err != nil {
		return fmt.Errorf("store: begin: %w", mapErr(err))
	}
	defer conn.Close()
	tx, err := conn.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", mapErr(err))
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
	return fn(&Tx{tx: tx, conn: conn.Conn})
}

// Tx implements evaluation.Tx on one transaction.
type Tx struct {
	tx   *sqlx.Tx
	conn *sql.Conn // the transaction's connection
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
// The driver's text (SQL, table and constraint names) goes into an *engine.InternalError, whose
// Public message is all a user is shown.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	var ie *engine.InternalError
	if errors.As(err, &ie) {
		return err
	}
	internal := func(kind error, public string) error {
		return &engine.InternalError{Kind: kind, Public: public, Err: err}
	}
	if errors.Is(err, sql.ErrNoRows) {
		return internal(engine.ErrNotFound, "")
	}
	if unavailable(err) {
		return internal(engine.ErrUnavailable, "")
	}
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		switch pqErr.Code {
		case "23505": // unique_violation
			return internal(engine.ErrConflict, describeUnique(pqErr))
		case "23503": // foreign_key_violation
			if strings.HasPrefix(pqErr.Message, "update or delete") {
				return internal(engine.ErrConflict, "the object is still in use and cannot be removed")
			}
			return internal(engine.ErrConflict, "the request names an object that does not exist or that you cannot use")
		case "23514": // check_violation
			return internal(engine.ErrInvalid, "a value is outside what is allowed")
		case "22P02": // invalid_text_representation
			return internal(engine.ErrInvalid, "a value has the wrong form (an id, a number or a date)")
		case "22003": // numeric_value_out_of_range
			return internal(engine.ErrInvalid, "a number is out of range")
		case "22021", "22P05": // character_not_in_repertoire, untranslatable_character (NUL)
			return internal(engine.ErrInvalid, "a text holds a character that cannot be stored")
		case "42501": // insufficient_privilege: immutable tables refuse changes
			return internal(engine.ErrConflict, "the record is permanent and cannot be changed")
		}
	}
	return err
}

// unavailable reports whether err says that the database cannot be reached: the connection was
// refused, dropped or reset, or the server is shutting down, starting up or out of connections.
func unavailable(err error) bool {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		switch code := string(pqErr.Code); {
		case strings.HasPrefix(code, "08"), // connection_exception
			code == "57P01", code == "57P02", code == "57P03", // admin_shutdown, crash_shutdown, cannot_connect_now
			code == "53300": // too_many_connections
			return true
		}
		return false
	}
	var opErr *net.OpError
	return errors.As(err, &opErr) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.EPIPE)
}

// uniqueKey parses the detail of a unique violation: Key (code)=(gdp) already exists.
var uniqueKey = regexp.MustCompile(`^Key \((.*)\)=\((.*)\) already exists\.?$`)

// describeUnique says which values are taken, in the user's words: the key's columns other than
// the ids that place the object (commission_id, …), with their values.
func describeUnique(e *pq.Error) string {
	m := uniqueKey.FindStringSubmatch(e.Detail)
	if m == nil {
		return "an object with the same identifying values already exists"
	}
	cols, vals := strings.Split(m[1], ", "), strings.Split(m[2], ", ")
	var parts []string
	for i, c := range cols {
		if c == "id" || strings.HasSuffix(c, "_id") {
			continue
		}
		if len(vals) == len(cols) {
			parts = append(parts, fmt.Sprintf("%s %q", c, vals[i]))
		} else {
			parts = append(parts, c)
		}
	}
	if len(parts) == 0 {
		return "the object already exists"
	}
	return strings.Join(parts, " and ") + " is already taken"
}

// markUnavailable marks an error that says the database cannot be reached with
// engine.ErrUnavailable, wherever it arose (beginning a transaction, a statement, the commit).
func markUnavailable(err error) error {
	if err == nil || errors.Is(err, engine.ErrUnavailable) || !unavailable(err) {
		return err
	}
	return &engine.InternalError{Kind: engine.ErrUnavailable, Err: err}
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
