package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/store"
	"evalbench/store/storetest"
)

// A public report file is selected alone: the plan of ReportFile's query outputs the report's
// digest, the file's stored SHA-256 and the file, and no other file column (issue 15: it used to
// select the bundle, the envelope and the HTML to send one).
func TestReportFileSelectsOneFile(t *testing.T) {
	db, _ := storetest.New(t)
	ctx := context.Background()
	want := map[string][]string{
		engine.ReportJSON:     {"digest", "bundle_sha256", "bundle"},
		engine.ReportEnvelope: {"digest", "envelope_sha256", "envelope"},
		engine.ReportHTML:     {"digest", "html_sha256", "html"},
	}
	for name, cols := range want {
		q, ok := store.ReportFileQuery(name)
		if !ok {
			t.Fatalf("%s: no query", name)
		}
		var raw []byte
		if err := db.SQL().QueryRowContext(ctx, "EXPLAIN (VERBOSE, FORMAT JSON) "+q, "00000000-0000-4000-8000-000000000000").Scan(&raw); err != nil {
			t.Fatal(err)
		}
		var plan []struct {
			Plan struct {
				Output []string `json:"Output"`
			} `json:"Plan"`
		}
		if err := json.Unmarshal(raw, &plan); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range plan[0].Plan.Output {
			got = append(got, strings.TrimPrefix(c, "reports."))
		}
		if !slices.Equal(got, cols) {
			t.Errorf("%s selects %v, want %v", name, got, cols)
		}
	}
	if _, ok := store.ReportFileQuery(engine.ReportPDF); ok {
		t.Error("report.pdf has a signed-file query")
	}
	err := db.Transact(ctx, func(tx evaluation.Tx) error {
		_, err := tx.ReportFile(ctx, "00000000-0000-4000-8000-000000000000", engine.ReportHTML)
		return err
	})
	if !errors.Is(err, engine.ErrNotFound) {
		t.Errorf("a report that does not exist: %v", err)
	}
}
