package store

import (
	"context"

	"evalbench/evaluation"
)

// ReportFileQuery exposes reportFileQuery to the tests.
var ReportFileQuery = reportFileQuery

// NewResponseSinkWithoutPack is NewResponseSink as it was before migration 0019: rows only.
func NewResponseSinkWithoutPack(ctx context.Context, tx evaluation.Tx, surveyID, importID string) (evaluation.ResponseSink, error) {
	return tx.(*Tx).newResponseSink(ctx, surveyID, importID, false)
}

// SetPackMemory sets the packed bytes an import holds in memory until the test ends.
func SetPackMemory(t interface{ Cleanup(func()) }, n int) {
	old := packMemory
	packMemory = n
	t.Cleanup(func() { packMemory = old })
}

// SetPackRaters sets the raters a pack may name until the test ends.
func SetPackRaters(t interface{ Cleanup(func()) }, n int) {
	old := packRaters
	packRaters = n
	t.Cleanup(func() { packRaters = old })
}
