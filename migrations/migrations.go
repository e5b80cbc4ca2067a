// Package migrations holds evalbench's database schema as numbered SQL files
// (NNNN_name.sql), embedded in the binary. Package store applies them in order, each in its own
// transaction, under a PostgreSQL advisory lock. They are forward-only: a change to a released
// schema is a new file, never an edit.
package migrations

import "embed"

// FS holds the migration files.
//
//go:embed *.sql
var FS embed.FS
