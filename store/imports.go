package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/lib/pq"

	"evalbench/evaluation"
)

// dbFileVersion is the part of a dataset or response-import row that describes the imported file.
type dbFileVersion struct {
	Number       int       `db:"number"`
	SHA256       string    `db:"sha256"`
	FileName     string    `db:"file_name"`
	Format       string    `db:"format"`
	Encoding     string    `db:"encoding"`
	Sheet        string    `db:"sheet"`
	ImporterName string    `db:"importer_name"`
	ImportedAt   time.Time `db:"imported_at"`
	RowCount     int       `db:"row_count"`
}

func (r dbFileVersion) toFileVersion() evaluation.FileVersion {
	return evaluation.FileVersion{Number: r.Number, SHA256: r.SHA256, FileName: r.FileName, Format: r.Format,
		Encoding: r.Encoding, Sheet: r.Sheet, Importer: r.ImporterName, ImportedAt: r.ImportedAt.UTC(), Rows: r.RowCount}
}

// copySink streams the rows of an import into table with COPY FROM STDIN (pq.CopyIn). args
// appends a row's values, in the order of the statement's columns, to the slice it is given.
type copySink[T any] struct {
	ctx    context.Context
	stmt   *sql.Stmt
	table  string
	args   func(dst []any, row *T) ([]any, error)
	buf    []any
	n      int64
	closed bool
}

// newCopySink prepares the COPY of columns into table.
func newCopySink[T any](ctx context.Context, t *Tx, table string, columns []string, args func(dst []any, row *T) ([]any, error)) (*copySink[T], error) {
	stmt, err := t.tx.PrepareContext(ctx, pq.CopyIn(table, columns...))
	if err != nil {
		return nil, err
	}
	return &copySink[T]{ctx: ctx, stmt: stmt, table: table, args: args}, nil
}

// Write implements evaluation.RowSink: it queues the row.
func (s *copySink[T]) Write(row *T) error {
	args, err := s.args(s.buf[:0], row)
	if err != nil {
		return err
	}
	s.buf = args
	if _, err := s.stmt.ExecContext(s.ctx, args...); err != nil {
		return fmt.Errorf("store: COPY %s: %w", s.table, err)
	}
	s.n++
	return nil
}

// Close implements evaluation.RowSink: it flushes the COPY.
func (s *copySink[T]) Close() (int64, error) {
	if s.closed {
		return s.n, nil
	}
	s.closed = true
	if _, err := s.stmt.ExecContext(s.ctx); err != nil {
		s.stmt.Close()
		return s.n, fmt.Errorf("store: COPY %s: %w", s.table, err)
	}
	return s.n, s.stmt.Close()
}

// eachRepeat runs q, whose rows are groups of stored rows that share a key: the key's columns,
// then the rows' numbers in order (array_agg(row_no ORDER BY row_no)). It calls fn for every row
// of a group after the first, with the key and the first row's number.
func (t *Tx) eachRepeat(ctx context.Context, q string, args []any, fn func(key []string, first, row int64)) error {
	rows, err := t.tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	key := make([]string, len(cols)-1)
	dst := make([]any, len(cols))
	for i := range key {
		dst[i] = &key[i]
	}
	var rowNos pq.Int64Array
	dst[len(key)] = &rowNos
	for rows.Next() {
		if err := rows.Scan(dst...); err != nil {
			return err
		}
		for _, r := range rowNos[1:] {
			fn(key, rowNos[0], r)
		}
	}
	return rows.Err()
}
