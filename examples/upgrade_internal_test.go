package examples

import (
	"context"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/ingest"
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
