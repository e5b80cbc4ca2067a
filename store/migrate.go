package store

import (
	"context"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strconv"

	"evalbench/migrations"
)

// migrationLock is the advisory-lock key that serialises migrators ("evalbench" in ASCII).
const migrationLock int64 = 0x6576616c62656e63

var migrationName = regexp.MustCompile(`^(\d{4})_[a-z0-9_]+\.sql$`)

// Migration is one numbered schema file.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the embedded migrations in version order.
func Migrations() ([]Migration, error) {
	entries, err := fs.ReadDir(migrations.FS, ".")
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		m := migrationName.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		v, _ := strconv.Atoi(m[1])
		b, err := fs.ReadFile(migrations.FS, e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: e.Name(), SQL: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i, m := range out {
		if m.Version != i+1 {
			return nil, fmt.Errorf("store: migrations are numbered 1, 2, 3, …: %s is out of sequence", m.Name)
		}
	}
	return out, nil
}

// Migrate applies every pending migration, each in its own transaction together with its row in
// schema_migrations. A session-level advisory lock makes concurrent migrators (two servers
// starting at once) wait for each other; the second finds nothing left to do. It returns the
// names of the migrations it applied.
func (d *DB) Migrate(ctx context.Context) (applied []string, err error) {
	defer wrap(&err, "Migrate")
	all, err := Migrations()
	if err != nil {
		return nil, err
	}
	conn, err := d.db.Connx(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, migrationLock); err != nil {
		return nil, err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrationLock)

	const create = `
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer PRIMARY KEY,
    name       text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE schema_migrations IS 'Applied schema migrations (store.Migrate).';`
	if _, err := conn.ExecContext(ctx, create); err != nil {
		return nil, err
	}
	done := map[int]bool{}
	var versions []int
	if err := conn.SelectContext(ctx, &versions, `SELECT version FROM schema_migrations`); err != nil {
		return nil, err
	}
	for _, v := range versions {
		done[v] = true
	}
	for _, m := range all {
		if done[m.Version] {
			continue
		}
		tx, err := conn.BeginTxx(ctx, nil)
		if err != nil {
			return applied, err
		}
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			tx.Rollback()
			return applied, fmt.Errorf("%s: %w", m.Name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, m.Version, m.Name); err != nil {
			tx.Rollback()
			return applied, fmt.Errorf("%s: %w", m.Name, err)
		}
		if err := tx.Commit(); err != nil {
			return applied, fmt.Errorf("%s: %w", m.Name, err)
		}
		applied = append(applied, m.Name)
	}
	return applied, nil
}

// Pending returns the migrations not yet applied.
func (d *DB) Pending(ctx context.Context) (names []string, err error) {
	defer wrap(&err, "Pending")
	all, err := Migrations()
	if err != nil {
		return nil, err
	}
	var exists bool
	if err := d.db.GetContext(ctx, &exists, `SELECT to_regclass('schema_migrations') IS NOT NULL`); err != nil {
		return nil, err
	}
	done := map[int]bool{}
	if exists {
		var versions []int
		if err := d.db.SelectContext(ctx, &versions, `SELECT version FROM schema_migrations`); err != nil {
			return nil, err
		}
		for _, v := range versions {
			done[v] = true
		}
	}
	for _, m := range all {
		if !done[m.Version] {
			names = append(names, m.Name)
		}
	}
	return names, nil
}
