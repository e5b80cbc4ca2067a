#!/usr/bin/env bash
# The import benchmark of issue 3: observation rows from CSV into PostgreSQL, end to end through
# Service.ImportDataset (the code path of `evalbench import data`), against the ceiling of plain
# `psql \copy` of the same rows on the same machine; and the memory of rejecting a file of that
# size whose rows repeat keys.
#
#   bench/import/run.sh                 250,000, 1,000,000 and 2,000,000 rows
#   bench/import/run.sh 1000000         the sizes given
#
# Each size runs in a process of its own, so that the process's peak resident set (VmHWM) is that
# size's. Uses DATABASE_URL, or starts the throwaway PostgreSQL of scripts/pg.sh.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(250000 1000000 2000000); fi
DATABASE_URL=$(scripts/pg.sh up)
export DATABASE_URL

psql=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$psql" ]; then
  echo "run.sh: psql is needed for the \\copy ceiling (apt-get install -y postgresql-client)" >&2
  exit 1
fi

tmp=$(mktemp -d)
db="evalbench_copy_bench_$$"
cleanup() {
  "$psql" "$DATABASE_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }
metric() { # metric NAME LINE: the value printed before NAME in a benchmark result line
  awk -v name="$1" '{ for (i = 2; i <= NF; i++) if ($i == name) { print $(i - 1); exit } }' <<<"$2"
}

echo "== evalbench import (go test -bench BenchmarkImport, one process per size)"
declare -A imp_s imp_rate imp_heap imp_go imp_hwm rej_s rej_problems rej_heap rej_hwm
for n in "${sizes[@]}"; do
  out=$(go test -run '^$' -bench '^BenchmarkImport$' -benchtime 1x -benchmem -v ./bench/import/ -args -rows "$n")
  echo "$out" | grep -v -E '^(goos|goarch|pkg|cpu|PASS|ok)'
  line=$(grep -E "^BenchmarkImport/rows=$n(-[0-9]+)? " <<<"$out")
  imp_s[$n]=$(awk -v ns="$(metric ns/op "$line")" 'BEGIN { printf "%.3f", ns / 1e9 }')
  imp_rate[$n]=$(metric rows/s "$line")
  imp_heap[$n]=$(metric peak-heap-MB "$line")
  imp_go[$n]=$(metric peak-go-MB "$line")
  imp_hwm[$n]=$(metric VmHWM-MB "$line")
done

echo
echo "== a rejected file: rows with repeated keys (go test -bench BenchmarkImportRejected, one process per size)"
for n in "${sizes[@]}"; do
  out=$(go test -run '^$' -bench '^BenchmarkImportRejected$' -benchtime 1x -benchmem ./bench/import/ -args -rejected-rows "$n")
  line=$(grep -E "^BenchmarkImportRejected/rows=$n(-[0-9]+)? " <<<"$out")
  echo "$line"
  rej_s[$n]=$(awk -v ns="$(metric ns/op "$line")" 'BEGIN { printf "%.3f", ns / 1e9 }')
  rej_problems[$n]=$(metric problems "$line")
  rej_heap[$n]=$(metric peak-heap-MB "$line")
  rej_hwm[$n]=$(metric VmHWM-MB "$line")
done

echo
echo "== psql \\copy of the same rows (the ceiling)"
"$psql" "$DATABASE_URL" -qc "CREATE DATABASE $db" >/dev/null
case "$DATABASE_URL" in
*://*) dburl=$(sed -E "s#^([a-z]+://[^/]*)/?[^?]*#\\1/$db#" <<<"$DATABASE_URL") ;;
*) dburl="$DATABASE_URL dbname=$db" ;;
esac
# observations as migrations/0002 creates it, read from the migration itself (columns, defaults),
# with its index; obs_fk adds its deferred foreign key to datasets, which the import's transaction
# pays for at commit.
obs_table=$(sed -n '/^CREATE TABLE observations (/,/^);/p' migrations/0002_frameworks_datasets.sql)
if [ -z "$obs_table" ]; then
  echo "run.sh: no CREATE TABLE observations in migrations/0002_frameworks_datasets.sql" >&2
  exit 1
fi
{
  echo "CREATE TABLE datasets (id uuid PRIMARY KEY);"
  echo "${obs_table/CREATE TABLE observations (/CREATE TABLE obs_plain (}"
  cat <<'SQL'
CREATE INDEX ON obs_plain (dataset_id);
CREATE TABLE obs_fk (LIKE obs_plain INCLUDING ALL);
ALTER TABLE obs_fk ADD FOREIGN KEY (dataset_id) REFERENCES datasets (id) DEFERRABLE INITIALLY DEFERRED;
SQL
} | "$psql" "$dburl" -q -v ON_ERROR_STOP=1
declare -A cp_s cp_rate fk_s fk_rate
cols=$(go run ./bench/import/gencsv -print-copy-columns)
for n in "${sizes[@]}"; do
  id=$(cat /proc/sys/kernel/random/uuid)
  file="$tmp/copy-$n.csv"
  go run ./bench/import/gencsv -rows "$n" -copy-dataset "$id" -out "$file"
  t0=$(now)
  "$psql" "$dburl" -q -v ON_ERROR_STOP=1 -c "\\copy obs_plain ($cols) FROM '$file' WITH (FORMAT csv)"
  t1=$(now)
  "$psql" "$dburl" -q -v ON_ERROR_STOP=1 <<SQL
BEGIN;
\\copy obs_fk ($cols) FROM '$file' WITH (FORMAT csv)
INSERT INTO datasets VALUES ('$id');
COMMIT;
SQL
  t2=$(now)
  cp_s[$n]=$(secs "$t0" "$t1")
  cp_rate[$n]=$(rate "$n" "${cp_s[$n]}")
  fk_s[$n]=$(secs "$t1" "$t2")
  fk_rate[$n]=$(rate "$n" "${fk_s[$n]}")
  echo "$n rows: \\copy ${cp_s[$n]} s (${cp_rate[$n]} rows/s); with the deferred foreign key ${fk_s[$n]} s (${fk_rate[$n]} rows/s)"
  "$psql" "$dburl" -q -c "TRUNCATE obs_plain, obs_fk, datasets" >/dev/null
  rm -f "$file"
done

echo
echo "== summary ($(nproc) cores; targets: >= 200000 rows/s, peak memory < 150 MB)"
printf '%-9s | %-27s | %-28s | %-18s | %-22s | %s\n' "rows" "import: s, rows/s" "peak MB: Go heap/held, RSS" "psql \\copy" "psql \\copy + deferred FK" \
  "rejected file: s, problems, peak MB heap/RSS"
for n in "${sizes[@]}"; do
  printf '%-9s | %7s s %9s rows/s | %8s %8s %8s | %6s s %8s/s | %6s s %8s/s | %7s s %8s %8s %8s\n' "$n" \
    "${imp_s[$n]}" "${imp_rate[$n]}" "${imp_heap[$n]}" "${imp_go[$n]}" "${imp_hwm[$n]}" \
    "${cp_s[$n]}" "${cp_rate[$n]}" "${fk_s[$n]}" "${fk_rate[$n]}" \
    "${rej_s[$n]}" "${rej_problems[$n]}" "${rej_heap[$n]}" "${rej_hwm[$n]}"
done
