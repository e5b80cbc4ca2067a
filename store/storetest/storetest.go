// Package storetest gives each test a fresh, migrated PostgreSQL database of its own, copied from
// a migrated template (CREATE DATABASE … TEMPLATE takes about 0.2 s), so that test packages run
// in parallel without sharing state. The server is the one DATABASE_URL names — `make test`
// starts a throwaway cluster and sets it. A missing server fails the test; it never skips.
package storetest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/lib/pq" // the driver

	"evalbench/store"
)

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// URL returns the admin connection URL from DATABASE_URL, failing the test with instructions when
// it is unset.
func URL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("DATABASE_URL")
	if u == "" {
		t.Fatal("DATABASE_URL is not set. Tests need a real PostgreSQL: run `make test` (it starts a " +
			"throwaway cluster), or `make db-up` and export DATABASE_URL=$(scripts/pg.sh url)")
	}
	return u
}

// New returns a fresh migrated database, dropped when the test ends, and its URL.
func New(t testing.TB) (*store.DB, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	admin := URL(t)
	templateOnce.Do(func() { templateName, templateErr = ensureTemplate(ctx, admin) })
	if templateErr != nil {
		t.Fatalf("storetest: preparing the migrated template database: %v", templateErr)
	}
	name := "evalbench_test_" + randomHex(8)
	if err := adminExec(ctx, admin, fmt.Sprintf(`CREATE DATABASE %s TEMPLATE %s`, name, templateName)); err != nil {
		t.Fatalf("storetest: create database: %v", err)
	}
	dbURL := withDatabase(admin, name)
	db, err := store.Open(ctx, dbURL)
	if err != nil {
		t.Fatalf("storetest: %v", err)
	}
	t.Cleanup(func() {
		db.Close()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := adminExec(ctx, admin, fmt.Sprintf(`DROP DATABASE IF EXISTS %s WITH (FORCE)`, name)); err != nil {
			t.Errorf("storetest: drop database %s: %v", name, err)
		}
	})
	return db, dbURL
}

// Empty returns a fresh database with no schema at all (for migration tests), and its URL.
func Empty(t testing.TB) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	admin := URL(t)
	name := "evalbench_test_" + randomHex(8)
	if err := adminExec(ctx, admin, `CREATE DATABASE `+name); err != nil {
		t.Fatalf("storetest: create database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := adminExec(ctx, admin, fmt.Sprintf(`DROP DATABASE IF EXISTS %s WITH (FORCE)`, name)); err != nil {
			t.Errorf("storetest: drop database %s: %v", name, err)
		}
	})
	return withDatabase(admin, name)
}

// ensureTemplate creates (once per schema version, shared by all test processes) a database
// holding the migrated schema. An advisory lock on the admin connection serialises test
// processes that start at the same time.
func ensureTemplate(ctx context.Context, admin string) (string, error) {
	ms, err := store.Migrations()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, m := range ms {
		h.Write([]byte(m.Name))
		h.Write([]byte(m.SQL))
	}
	name := "evalbench_tmpl_" + hex.EncodeToString(h.Sum(nil))[:16]

	db, err := sql.Open("postgres", admin)
	if err != nil {
		return "", err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return "", fmt.Errorf("%w (is PostgreSQL running? `make db-up`)", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(7265)`); err != nil {
		return "", fmt.Errorf("%w (is PostgreSQL running? `make db-up`)", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(7265)`)
	var ready bool
	if err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate)`, name).Scan(&ready); err != nil {
		return "", err
	}
	if ready {
		return name, nil
	}
	if _, err := conn.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name); err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
		return "", err
	}
	tdb, err := store.Open(ctx, withDatabase(admin, name))
	if err != nil {
		return "", err
	}
	_, err = tdb.Migrate(ctx)
	tdb.Close()
	if err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, `ALTER DATABASE `+name+` WITH IS_TEMPLATE true`); err != nil {
		return "", err
	}
	return name, nil
}

func adminExec(ctx context.Context, admin, stmt string) error {
	db, err := sql.Open("postgres", admin)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, stmt)
	return err
}

func withDatabase(raw, name string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		// key=value form
		return strings.TrimSpace(raw) + " dbname=" + name
	}
	u.Path = "/" + name
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
