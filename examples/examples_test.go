package examples_test

import (
	"context"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/ingest"
	"evalbench/examples"
	"evalbench/store/storetest"
)

// Loading the examples twice creates everything once: the second load finds the commissions,
// frameworks, datasets, weight sets, surveys and runs of the first.
func TestLoadIsIdempotent(t *testing.T) {
	db, _ := storetest.New(t)
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}))
	ctx := context.Background()
	owner, err := examples.Owner(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	first, err := examples.Load(ctx, svc, owner)
	if err != nil {
		t.Fatal(err)
	}
	count := func(table string) int {
		var n int
		if err := db.SQL().Get(&n, `SELECT count(*) FROM `+table); err != nil {
			t.Fatal(err)
		}
		return n
	}
	tables := []string{"commissions", "frameworks", "datasets", "weight_sets", "judgments", "surveys", "survey_imports", "runs", "users", "institutes"}
	before := map[string]int{}
	for _, tb := range tables {
		before[tb] = count(tb)
	}
	owner2, err := examples.Owner(ctx, svc)
	if err != nil || owner2.UserID != owner.UserID {
		t.Fatalf("second owner %+v, %v", owner2, err)
	}
	second, err := examples.Load(ctx, svc, owner2)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		if n := count(tb); n != before[tb] {
			t.Errorf("%s: %d rows after the second load, %d after the first", tb, n, before[tb])
		}
	}
	if len(first) != 2 || first[0].ID != second[0].ID || len(first[1].Runs) != 2 || first[1].Runs[1].ID != second[1].Runs[1].ID {
		t.Fatalf("loads differ: %+v / %+v", first, second)
	}
	if before["commissions"] != 2 || before["runs"] != 3 || before["datasets"] != 3 || before["surveys"] != 4 {
		t.Errorf("rows after one load: %v", before)
	}
	for _, c := range first {
		for _, r := range c.Runs {
			if r.Status != evaluation.RunSucceeded || len(r.ResultDigest) != 64 {
				t.Errorf("%s run %d: %s %s", c.Key, r.Number, r.Status, r.Error)
			}
		}
	}
}
