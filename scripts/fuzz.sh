#!/usr/bin/env bash
# Runs every fuzz target for a bounded budget: scripts/fuzz.sh 500x (executions) or 30s (time).
# `make test` runs it with a small execution count, so CI fuzzes each target on every run (the
# committed corpus under testdata/fuzz/ is replayed by plain `go test` as well).
set -euo pipefail
budget=${1:-500x}
cd "$(dirname "$0")/.."
targets=(
  "./evaluation/ingest FuzzParseValue"
  "./evaluation/ingest FuzzCSV"
  "./evaluation/ingest FuzzXLSX"
  "./evaluation/ingest FuzzXLSXSheetXML"
  "./evaluation/ingest FuzzFrameworkRoundTrip"
  "./evaluation/calc FuzzRun"
  "./api FuzzOpenAPI"
)
# FuzzOpenAPI serves a fixture on PostgreSQL: start the throwaway cluster unless one is named.
export DATABASE_URL=${DATABASE_URL:-$(scripts/pg.sh up)}
for t in "${targets[@]}"; do
  set -- $t
  echo "fuzz: $2 ($budget)"
  go test -run '^$' -fuzz "^$2\$" -fuzztime "$budget" -parallel 2 "$1" > /tmp/evalbench-fuzz.log 2>&1 || { cat /tmp/evalbench-fuzz.log; exit 1; }
done
