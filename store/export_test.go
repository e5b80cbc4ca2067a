package store

import "context"

// ReportFileQuery exposes reportFileQuery to the tests.
var ReportFileQuery = reportFileQuery

// PartReads is how many times ListResponseTable has read a survey's responses in parts.
func PartReads() int64 { return partReads.Load() }

// ExecForTest runs a statement in the transaction.
func (t *Tx) ExecForTest(ctx context.Context, q string) error {
	_, err := t.tx.ExecContext(ctx, q)
	return err
}
