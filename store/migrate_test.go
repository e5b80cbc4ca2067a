package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"evalbench/store"
	"evalbench/store/storetest"
)

// Two servers starting at once both run Migrate on an empty database. With the advisory lock
// the second waits and finds nothing to do; without it both would run 0001 and one would fail
// on CREATE TABLE (or insert its version row twice).
func TestMigrateConcurrentStartsAreSafe(t *testing.T) {
	url := storetest.Empty(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	all, err := store.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	const servers = 4
	var wg sync.WaitGroup
	applied := make([][]string, servers)
	errs := make([]error, servers)
	start := make(chan struct{})
	for i := range servers {
		db, err := store.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			applied[i], errs[i] = db.Migrate(ctx)
		}()
	}
	close(start)
	wg.Wait()
	total := 0
	for i := range servers {
		if errs[i] != nil {
			t.Fatalf("migrator %d: %v", i, errs[i])
		}
		total += len(applied[i])
	}
	if total != len(all) {
		t.Fatalf("migrations applied %d times in all, want each of the %d exactly once", total, len(all))
	}
	db, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var rows int
	if err := db.SQL().GetContext(ctx, &rows, `SELECT count(*) FROM schema_migrations`); err != nil {
		t.Fatal(err)
	}
	if rows != len(all) {
		t.Fatalf("schema_migrations has %d rows, want %d", rows, len(all))
	}
	pending, err := db.Pending(ctx)
	if err != nil || len(pending) != 0 {
		t.Fatalf("pending after migrate = %v, %v", pending, err)
	}
}

// Every table carries a COMMENT ON TABLE.
func TestEveryTableIsDocumented(t *testing.T) {
	db, _ := storetest.New(t)
	var missing []string
	const q = `
SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND obj_description(c.oid, 'pg_class') IS NULL
ORDER BY 1`
	if err := db.SQL().Select(&missing, q); err != nil {
		t.Fatal(err)
	}
	if len(missing) > 0 {
		t.Fatalf("tables without COMMENT ON TABLE: %v", missing)
	}
}
