package examples

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"log/slog"
	"strings"
	"testing"
	"testing/fstest"

	"evalbench/evaluation/engine"

	"evalbench/evaluation"
	"evalbench/evaluation/ingest"
	"evalbench/reports"
	"evalbench/store/storetest"
)

// An installation that published the sub-district example before its expert panel's alternative
// run existed loads again without error (make run on an existing database): the alternative is
// skipped, since a published commission's weights no longer change, and the reported runs are
// found as they were.
func TestLoadSkipsAnAlternativeAPublishedCommissionRefuses(t *testing.T) {
	db, _ := storetest.New(t)
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}))
	ctx := context.Background()
	owner, err := Owner(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	var reported []runSpec
	for _, rs := range runFiles("subdistricts") {
		if !rs.alternative {
			reported = append(reported, rs)
		}
	}
	if len(reported) == len(runFiles("subdistricts")) {
		t.Fatal("the sub-district example has no alternative run to skip")
	}
	before, err := load(ctx, svc, owner, "subdistricts", reported, nil)
	if err != nil {
		t.Fatal(err)
	}
	// As the demo leaves it: the report published (set directly: publishing is not what is tested).
	if _, err := db.SQL().Exec(`UPDATE commissions SET status = 'published' WHERE id = $1`, before.ID); err != nil {
		t.Fatal(err)
	}
	after, err := load(ctx, svc, owner, "subdistricts", runFiles("subdistricts"), nil)
	if err != nil {
		t.Fatalf("loading again with the alternative: %v", err)
	}
	if len(after.Alternatives) != 0 || len(after.Runs) != len(before.Runs) {
		t.Fatalf("%d runs, %d alternatives; want %d and 0", len(after.Runs), len(after.Alternatives), len(before.Runs))
	}
	for i := range before.Runs {
		if after.Runs[i].ID != before.Runs[i].ID {
			t.Errorf("run %d: %s, was %s", i, after.Runs[i].ID, before.Runs[i].ID)
		}
	}
}

// An installation that published an example before the example's framework file changed loads
// again without error (make run on an existing database): a published commission takes no
// framework, so the example is kept as published, reporting its newest report's run; a
// commission that has no report yet still refuses the change as an error.
func TestLoadKeepsAPublishedExampleWhoseFilesChanged(t *testing.T) {
	db, _ := storetest.New(t)
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}), evaluation.WithReporter(reports.Builder{}),
		evaluation.WithMasterKey([]byte("evalbench-test-master-key-32-byt")))
	ctx := context.Background()
	owner, err := Owner(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	before, err := load(ctx, svc, owner, "jianggan", runFiles("jianggan"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for {
		c, err := svc.GetCommission(ctx, owner, before.ID)
		if err != nil {
			t.Fatal(err)
		}
		next := map[evaluation.Status]evaluation.Status{evaluation.StatusDraft: evaluation.StatusCollecting,
			evaluation.StatusCollecting: evaluation.StatusWeighting, evaluation.StatusWeighting: evaluation.StatusComputing,
			evaluation.StatusComputing: evaluation.StatusReview}[c.Status]
		if next == "" {
			break
		}
		if _, err := svc.TransitionCommission(ctx, owner, before.ID, c.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := svc.PublishReport(ctx, owner, before.ID, before.Runs[0].ID, evaluation.PublishInput{})
	if err != nil {
		t.Fatal(err)
	}

	// The framework file as a later release might ship it: one indicator renamed.
	raw, err := fs.ReadFile(Files, "jianggan/framework.json")
	if err != nil {
		t.Fatal(err)
	}
	var f engine.Framework
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	f.Indicators()[0].Node.Name += "（修订）"
	changed, err := json.Marshal(&f)
	if err != nil {
		t.Fatal(err)
	}
	source = overlay{Files, map[string][]byte{"jianggan/framework.json": changed}}
	t.Cleanup(func() { source = Files })

	var logged bytes.Buffer
	after, err := load(ctx, svc, owner, "jianggan", runFiles("jianggan"), slog.New(slog.NewTextHandler(&logged, nil)))
	if err != nil {
		t.Fatalf("loading the published example with a changed framework: %v", err)
	}
	if after.ID != before.ID || len(after.Runs) != 1 || after.Runs[0].ID != rep.RunID {
		t.Fatalf("kept example %s with runs %v; want %s with the report's run %s", after.ID, after.Runs, before.ID, rep.RunID)
	}
	if !strings.Contains(logged.String(), "kept as published") {
		t.Errorf("no log line says the example was kept: %q", logged.String())
	}
	fws, err := svc.ListFrameworks(ctx, owner, before.ID)
	if err != nil || len(fws) != 1 {
		t.Fatalf("%d frameworks (%v); the kept example must not gain one", len(fws), err)
	}
}

// overlay is fs.FS with some files replaced.
type overlay struct {
	fs.FS
	files map[string][]byte
}

func (o overlay) Open(name string) (fs.File, error) {
	if b, ok := o.files[name]; ok {
		return fstest.MapFS{name: {Data: b}}.Open(name)
	}
	return o.FS.Open(name)
}
