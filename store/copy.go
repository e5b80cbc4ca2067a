package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
	"sync/atomic"
	"unsafe"

	"github.com/lib/pq"
)

// copySink streams the rows of an import into a table with COPY FROM STDIN in PostgreSQL's text
// format. It writes the COPY data itself, straight to lib/pq's driver connection (sql.Conn.Raw
// and the CopyData method of the driver's COPY statement), in batches of copyBatch bytes:
// database/sql's per-row Exec — argument conversion, a lock and a context check per row, 15
// allocations — cost more than the rest of the import. encode appends one row's line (the
// values in the order of the statement's columns, each with copyText, copyInt, … and a tab
// between them, a newline at the end).
//
// The connection is the transaction's. A goroutine holds it (inside Raw) from the first row to
// Close, and sends the batches the caller fills: parsing and encoding go on while a batch is
// written to the socket. The transaction is not used meanwhile — importFile reads the whole file
// into the sink, closes it, and only then queries again.
type copySink[T any] struct {
	table  string
	encode func(dst []byte, row *T) ([]byte, error)
	buf    []byte
	full   chan []byte           // batches to send
	free   chan []byte           // batches sent, to fill again
	done   chan error            // the COPY's outcome, once full is closed
	failed error                 // set once the COPY failed
	stop   atomic.Pointer[error] // the sender's first error, seen by the next send
	n      int64
	closed bool
}

const copyBatch = 60 << 10 // bytes per CopyData call; lib/pq flushes its buffer past 63 KiB

// copyDataStmt is the method of lib/pq's COPY statement that takes COPY data as it is.
type copyDataStmt interface {
	CopyData(ctx context.Context, line string) (driver.Result, error)
}

// newCopySink starts the COPY of columns into table on the transaction's connection.
func newCopySink[T any](ctx context.Context, t *Tx, table string, columns []string, encode func(dst []byte, row *T) ([]byte, error)) (*copySink[T], error) {
	s := &copySink[T]{table: table, encode: encode, buf: make([]byte, 0, copyBatch+4096),
		full: make(chan []byte, 1), free: make(chan []byte, 2), done: make(chan error, 1)}
	s.free <- make([]byte, 0, copyBatch+4096)
	started := make(chan error, 1)
	go func() {
		s.done <- t.conn.Raw(func(dc any) error {
			pc, ok := dc.(driver.ConnPrepareContext)
			if !ok {
				err := errors.New("the driver cannot prepare statements with a context")
				started <- err
				return err
			}
			st, err := pc.PrepareContext(ctx, pq.CopyIn(table, columns...))
			if err != nil {
				started <- err
				return err
			}
			cd, ok := st.(copyDataStmt)
			if !ok {
				st.Close()
				err := errors.New("the driver's COPY statement takes no COPY data")
				started <- err
				return err
			}
			started <- nil
			var sendErr error
			for b := range s.full {
				if sendErr == nil && len(b) > 0 {
					// CopyData copies the bytes into the driver's buffer before it returns, and
					// adds the last newline.
					_, sendErr = cd.CopyData(ctx, unsafe.String(unsafe.SliceData(b), len(b)-1))
					if sendErr != nil {
						s.stop.Store(&sendErr)
					}
				}
				s.free <- b[:0]
			}
			// Exec without values ends the COPY and returns the server's verdict on it.
			_, endErr := st.Exec(nil) //nolint:staticcheck // lib/pq's COPY statement ends this way
			st.Close()
			return errors.Join(sendErr, endErr)
		})
	}()
	if err := <-started; err != nil {
		<-s.done
		return nil, err
	}
	return s, nil
}

// Write implements evaluation.RowSink: it encodes the row and sends a full batch.
func (s *copySink[T]) Write(row *T) error {
	if s.failed != nil {
		return s.failed
	}
	buf, err := s.encode(s.buf, row)
	if err != nil {
		return err
	}
	s.buf = buf
	s.n++
	if len(s.buf) >= copyBatch {
		return s.send()
	}
	return nil
}

// send hands the batch to the sender and takes an empty buffer.
func (s *copySink[T]) send() error {
	if err := s.stop.Load(); err != nil {
		s.failed = fmt.Errorf("store: COPY %s: %w", s.table, *err)
		return s.failed
	}
	s.full <- s.buf
	s.buf = <-s.free
	return nil
}

// Close implements evaluation.RowSink: it sends the last batch, ends the COPY and returns the
// number of rows written.
func (s *copySink[T]) Close() (int64, error) {
	if s.closed {
		return s.n, s.failed
	}
	s.closed = true
	if s.failed == nil && len(s.buf) > 0 {
		s.send()
	}
	close(s.full)
	if err := <-s.done; err != nil && s.failed == nil {
		s.failed = fmt.Errorf("store: COPY %s: %w", s.table, err)
	}
	return s.n, s.failed
}

// copyText appends s as a value of COPY's text format: backslash, newline, carriage return and
// tab are escaped.
func copyText(dst []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		var esc byte
		switch s[i] {
		case '\\':
			esc = '\\'
		case '\n':
			esc = 'n'
		case '\r':
			esc = 'r'
		case '\t':
			esc = 't'
		default:
			continue
		}
		dst = append(dst, s[start:i]...)
		dst = append(dst, '\\', esc)
		start = i + 1
	}
	return append(dst, s[start:]...)
}

// copyInt appends an integer.
func copyInt(dst []byte, v int64) []byte { return strconv.AppendInt(dst, v, 10) }

// copyFloat appends a float8 as lib/pq encodes one (shortest decimal that reads back the same
// number).
func copyFloat(dst []byte, v float64) []byte { return strconv.AppendFloat(dst, v, 'f', -1, 64) }

// copyNull appends NULL.
func copyNull(dst []byte) []byte { return append(dst, `\N`...) }

// copyBytea appends a bytea in hex form (\x…, its backslash escaped for COPY).
func copyBytea(dst []byte, b []byte) []byte {
	const digits = "0123456789abcdef"
	dst = append(dst, '\\', '\\', 'x')
	for _, c := range b {
		dst = append(dst, digits[c>>4], digits[c&15])
	}
	return dst
}
