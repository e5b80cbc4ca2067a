package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	importbench "evalbench/bench/import"
	"evalbench/evaluation"
	"evalbench/evaluation/ingest"
	"evalbench/store"
	"evalbench/store/storetest"
)

// The crash test kills `evalbench import data` (SIGKILL) 100 times at random moments of a large
// import — before the transaction, during COPY, during the duplicate check, around commit — and
// then checks that every dataset has all its rows or none and that nothing half-exists.
const (
	crashKills   = 100
	crashRows    = 40_000   // rows per file: one import takes 0.2–0.5 s on two cores
	crashSeed    = 20261125 // seeds the kill delays; the files have seeds of their own
	crashAppName = "evalbench-crash-test"
)

// crashFile is one observation file of the crash test.
type crashFile struct {
	name   string
	path   string
	sha256 string
	rows   int
	reject bool // it repeats a key: every import must fail and store nothing
}

// TestImportKilledAtRandomMomentsIsAllOrNothing builds evalbench (without -race, so that imports
// run at full speed), then kills `evalbench import data FILE --commission ID` with SIGKILL after a
// random delay (seeded PCG) drawn over 0–115% of a complete import's duration, 100 times. Each
// kill's outcome is read once the killed client's backend has gone: the dataset exists with all
// the file's rows (the kill came after COMMIT reached the server, or the import had completed),
// or it does not exist. One attempt in ten imports a file that repeats a key, which must never
// be stored. Afterwards every dataset holds exactly row_count observations, numbered as the
// file's lines, from a file the test imported; no observation lacks its dataset row; dataset
// numbers have no gaps; the audit chain verifies with one dataset.import entry per dataset; a
// final import of each file creates its dataset or returns the existing one; and no session is
// left idle in a transaction or waiting on a lock. The log counts the kills by delay and by what
// the server was doing just before each (from pg_stat_activity).
//
// Breaking atomicity makes it fail: committing every 5,000 rows inside the sink (with the foreign
// key dropped, which would otherwise refuse the early commits) leaves over a million orphaned
// observations, and storing the dataset row in a transaction of its own before the rows fails
// within the first kills with a dataset of 0 observations (bench/README.md describes both).
func TestImportKilledAtRandomMomentsIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	db, dbURL := storetest.New(t)
	bin := buildEvalbench(t)
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}))
	fx, err := importbench.Setup(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	cid, err := fx.NewCommission(ctx, svc, "崩溃测试")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cliURL := withAppName(t, dbURL, crashAppName)
	run := func(f *crashFile) *exec.Cmd {
		cmd := exec.Command(bin, "import", "data", f.path, "--commission", cid)
		cmd.Env = append(os.Environ(), "DATABASE_URL="+cliURL, "EVALBENCH_TOKEN="+fx.Token)
		cmd.Stdout, cmd.Stderr = new(bytes.Buffer), new(bytes.Buffer)
		return cmd
	}

	var files []*crashFile
	seed := uint64(0)
	newFile := func() *crashFile {
		seed++
		f := writeCrashFile(t, dir, fmt.Sprintf("obs-%03d.csv", seed), fx.Keys, seed, false)
		files = append(files, f)
		return f
	}
	rejected := writeCrashFile(t, dir, "obs-duplicate.csv", fx.Keys, 999, true)
	files = append(files, rejected)
	current := newFile()

	// Kill delays spread over the duration of a complete import, measured before every ten kills
	// (median of the last three) so that they follow the machine's load.
	var durations []time.Duration
	complete := func() time.Duration {
		f := current
		cmd := run(f)
		start := time.Now()
		if err := cmd.Run(); err != nil {
			t.Fatalf("complete import of %s: %v\n%s%s", f.name, err, cmd.Stdout, cmd.Stderr)
		}
		durations = append(durations, time.Since(start))
		if n, ok := datasetRows(t, db, cid, f.sha256); !ok || n != f.rows {
			t.Fatalf("complete import of %s: dataset stored = %v with %d rows", f.name, ok, n)
		}
		current = newFile()
		recent := slices.Clone(durations[max(0, len(durations)-3):])
		slices.Sort(recent)
		return recent[len(recent)/2]
	}
	complete()
	complete()

	rng := rand.New(rand.NewPCG(crashSeed, 1))
	var full time.Duration
	stats := killStats{}
	for i := range crashKills {
		if i%10 == 0 {
			full = complete()
		}
		f := current
		if i%10 == 9 {
			f = rejected
		}
		frac := rng.Float64() * 1.15
		cmd := run(f)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(frac * float64(full)))
		activity := serverActivity(t, db)
		_ = cmd.Process.Kill() // the process may have finished already: that counts as completed
		werr := cmd.Wait()
		// A killed client's backend may still be finishing (even committing) its last statement:
		// the outcome is final once that backend has gone.
		waitForClientBackends(t, db)
		n, exists := datasetRows(t, db, cid, f.sha256)
		var ee *exec.ExitError
		var result string
		switch {
		case werr == nil:
			result = "completed"
			if f.reject || !exists {
				t.Fatalf("attempt %d: the import of %s completed, dataset stored = %v:\n%s", i, f.name, exists, cmd.Stdout)
			}
		case !errors.As(werr, &ee):
			t.Fatal(werr)
		case ee.Exited():
			result = "rejected"
			if !f.reject || ee.ExitCode() != 2 {
				t.Fatalf("attempt %d: import of %s failed without being killed: %v\n%s%s", i, f.name, werr, cmd.Stdout, cmd.Stderr)
			}
		case exists:
			result = "after commit"
		default:
			result = "before commit"
		}
		stats.add(frac, activity, result)
		if exists {
			if f.reject {
				t.Fatalf("attempt %d: a dataset exists for %s, which repeats a key", i, f.name)
			}
			if n != f.rows {
				t.Fatalf("attempt %d: the dataset of %s has %d observations, want all %d", i, f.name, n, f.rows)
			}
			current = newFile()
		}
	}
	t.Logf("%d kills (seed %d) of `evalbench import data` (%d rows) after 0–115%% of a complete import (%v–%v):\n%s",
		crashKills, crashSeed, crashRows, slices.Min(durations).Round(time.Millisecond), slices.Max(durations).Round(time.Millisecond), stats)
	if stats.total["before commit"] == 0 || stats.total["after commit"]+stats.total["completed"] == 0 {
		t.Errorf("the kills did not spread over the import: %v", stats.total)
	}

	// Every dataset has all its rows; no row lacks its dataset.
	checkDatasetsWhole(t, db, files)

	// A final import of each file creates its dataset, returns the existing one, or (the file
	// with a repeated key) is rejected with nothing stored.
	for _, f := range files {
		before, existed := datasetID(t, db, cid, f.sha256)
		cmd := run(f)
		err := cmd.Run()
		out := cmd.Stdout.(*bytes.Buffer).String()
		switch {
		case f.reject:
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 2 || !strings.Contains(cmd.Stderr.(*bytes.Buffer).String(), "duplicate") {
				t.Errorf("final import of %s: %v, want exit status 2 listing the duplicate\n%s%s", f.name, err, out, cmd.Stderr)
			}
		case err != nil:
			t.Errorf("final import of %s: %v\n%s%s", f.name, err, out, cmd.Stderr)
		case existed && !strings.HasPrefix(out, "already imported") || existed && !strings.Contains(out, before):
			t.Errorf("final import of %s, imported before as %s: %q, want the existing dataset", f.name, before, out)
		case !existed && !strings.HasPrefix(out, "dataset "):
			t.Errorf("final import of %s: %q, want a new dataset", f.name, out)
		}
		n, exists := datasetRows(t, db, cid, f.sha256)
		if exists == f.reject || exists && n != f.rows {
			t.Errorf("after the final import of %s: dataset stored = %v with %d rows (want %v with %d)", f.name, exists, n, !f.reject, f.rows)
		}
	}
	checkDatasetsWhole(t, db, files)

	// The audit chain is intact and holds one dataset.import entry per dataset.
	rep, err := svc.VerifyAudit(ctx)
	if err != nil || !rep.OK {
		t.Errorf("audit chain after the kills: %+v, %v", rep, err)
	}
	var datasets, audited int
	mustScan(t, db.SQL().QueryRow(`SELECT (SELECT count(*) FROM datasets), (SELECT count(*) FROM audit_log WHERE action = 'dataset.import')`),
		&datasets, &audited)
	if datasets != audited {
		t.Errorf("%d datasets but %d dataset.import audit entries", datasets, audited)
	}

	// No killed client left a transaction open or a lock held.
	waitForClientBackends(t, db)
	var idle, waiting int
	mustScan(t, db.SQL().QueryRow(`SELECT count(*) FILTER (WHERE state LIKE 'idle in transaction%'),
       count(*) FILTER (WHERE wait_event_type = 'Lock')
FROM pg_stat_activity WHERE datname = current_database()`), &idle, &waiting)
	if idle != 0 || waiting != 0 {
		t.Errorf("after the kills: %d sessions idle in transaction, %d waiting on a lock", idle, waiting)
	}
}

var killResults = []string{"before commit", "after commit", "completed", "rejected"}

// killStats counts the outcomes of the kills by the delay and by what the server was doing.
type killStats struct {
	total      map[string]int
	byDecile   [12]map[string]int // delay in tenths of a complete import's duration
	byActivity map[string]map[string]int
}

func (k *killStats) add(frac float64, activity, result string) {
	if k.total == nil {
		k.total, k.byActivity = map[string]int{}, map[string]map[string]int{}
	}
	k.total[result]++
	d := &k.byDecile[min(int(frac*10), len(k.byDecile)-1)]
	if *d == nil {
		*d = map[string]int{}
	}
	(*d)[result]++
	if k.byActivity[activity] == nil {
		k.byActivity[activity] = map[string]int{}
	}
	k.byActivity[activity][result]++
}

func (k killStats) String() string {
	var b strings.Builder
	row := func(label string, m map[string]int) {
		fmt.Fprintf(&b, "  %-52s", label)
		for _, r := range killResults {
			fmt.Fprintf(&b, " %3d %-13s", m[r], r)
		}
		b.WriteByte('\n')
	}
	row("all", k.total)
	b.WriteString("by delay (share of a complete import's duration):\n")
	for d, m := range k.byDecile {
		row(fmt.Sprintf("%3d–%3d%%", d*10, d*10+10), m)
	}
	b.WriteString("by what the import's backend was doing just before the kill:\n")
	for _, a := range slices.Sorted(maps.Keys(k.byActivity)) {
		row(a, k.byActivity[a])
	}
	return b.String()
}

// serverActivity says what the evalbench process's database session is doing, from
// pg_stat_activity: the statement it runs (or has just run, when idle in its transaction).
func serverActivity(t *testing.T, db *store.DB) string {
	t.Helper()
	rows, err := db.SQL().Query(`SELECT coalesce(state, ''), coalesce(query, '') FROM pg_stat_activity
WHERE datname = current_database() AND application_name = $1 ORDER BY state = 'idle'`, crashAppName)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return "0 no session (process starting or exiting)"
	}
	var state, query string
	if err := rows.Scan(&state, &query); err != nil {
		t.Fatal(err)
	}
	q := strings.TrimSpace(query)
	switch {
	case state == "idle":
		return "1 idle: migrations, token, hashing, or after commit"
	case strings.HasPrefix(q, "COPY"):
		return "3 COPY (parse, validate, stream rows)"
	case strings.Contains(q, "array_agg(row_no"):
		return "4 duplicate check"
	case strings.Contains(q, "INSERT INTO datasets"), strings.Contains(q, "audit"):
		return "5 dataset row and audit entry"
	case q == "COMMIT":
		return "6 COMMIT"
	case state == "active" && strings.Contains(q, "pg_advisory"), strings.Contains(q, "schema_migrations"):
		return "1 idle: migrations, token, hashing, or after commit"
	default:
		return "2 transaction start (access, framework, units, lock)"
	}
}

// buildEvalbench builds the evalbench binary once, without the race detector, so that imports
// run at full speed.
func buildEvalbench(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "evalbench")
	start := time.Now()
	cmd := exec.Command("go", "build", "-o", bin, "evalbench/cmd/evalbench")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build evalbench: %v\n%s", err, out)
	}
	t.Logf("built evalbench in %v", time.Since(start).Round(time.Millisecond))
	return bin
}

func writeCrashFile(t *testing.T, dir, name string, keys importbench.Keys, seed uint64, reject bool) *crashFile {
	t.Helper()
	var buf bytes.Buffer
	if err := importbench.WriteCSV(&buf, keys, crashRows, seed, importbench.ImportCSV, ""); err != nil {
		t.Fatal(err)
	}
	if reject {
		// Repeat the first data row at the end: the duplicate check finds it after every row is in.
		lines := bytes.SplitN(buf.Bytes(), []byte("\n"), 3)
		buf.Write(lines[1])
		buf.WriteByte('\n')
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(buf.Bytes())
	return &crashFile{name: name, path: path, sha256: hex.EncodeToString(sum[:]), rows: crashRows, reject: reject}
}

// withAppName marks the CLI's connections so that the test can wait for their backends.
func withAppName(t *testing.T, raw, name string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		return raw + " application_name=" + name
	}
	q := u.Query()
	q.Set("application_name", name)
	u.RawQuery = q.Encode()
	return u.String()
}

// waitForClientBackends waits until no backend of an evalbench process remains: PostgreSQL ends
// a killed client's backend (rolling back its transaction) when it finds the socket closed.
func waitForClientBackends(t *testing.T, db *store.DB) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var n int
		mustScan(t, db.SQL().QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
			crashAppName), &n)
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d backends of killed evalbench processes still exist after 30s", n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func mustScan(t *testing.T, row *sql.Row, dst ...any) {
	t.Helper()
	if err := row.Scan(dst...); err != nil {
		t.Fatal(err)
	}
}

// datasetRows returns the number of observations stored for the commission's dataset with the
// given file hash, and whether that dataset exists.
func datasetRows(t *testing.T, db *store.DB, commissionID, sha string) (int, bool) {
	t.Helper()
	var n int
	err := db.SQL().QueryRow(`SELECT (SELECT count(*) FROM observations o WHERE o.dataset_id = d.id)
FROM datasets d WHERE d.commission_id = $1 AND d.sha256 = $2`, commissionID, sha).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false
	}
	if err != nil {
		t.Fatal(err)
	}
	return n, true
}

func datasetID(t *testing.T, db *store.DB, commissionID, sha string) (string, bool) {
	t.Helper()
	var id string
	err := db.SQL().QueryRow(`SELECT id FROM datasets WHERE commission_id = $1 AND sha256 = $2`, commissionID, sha).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false
	}
	if err != nil {
		t.Fatal(err)
	}
	return id, true
}

// checkDatasetsWhole checks every dataset in the database: its observations number row_count,
// their row numbers are the file's lines 2…row_count+1 once each, its file is one of ours with
// that many rows and no repeated key; dataset numbers run 1…n without gaps; and no observation
// lacks its dataset row.
func checkDatasetsWhole(t *testing.T, db *store.DB, files []*crashFile) {
	t.Helper()
	bySHA := map[string]*crashFile{}
	for _, f := range files {
		bySHA[f.sha256] = f
	}
	rows, err := db.SQL().Query(`
SELECT d.number, d.sha256, d.row_count, count(o.dataset_id), count(DISTINCT o.row_no), COALESCE(min(o.row_no), 0), COALESCE(max(o.row_no), 0)
FROM datasets d LEFT JOIN observations o ON o.dataset_id = d.id
GROUP BY d.id ORDER BY d.number`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	numbers := 0
	for rows.Next() {
		var number, rowCount, n, distinct, lo, hi int
		var sha string
		if err := rows.Scan(&number, &sha, &rowCount, &n, &distinct, &lo, &hi); err != nil {
			t.Fatal(err)
		}
		numbers++
		f := bySHA[sha]
		switch {
		case number != numbers:
			t.Errorf("dataset number %d follows %d", number, numbers-1)
		case f == nil || f.reject:
			t.Errorf("dataset %d: sha256 %s is not a file the test imported successfully", number, sha)
		case n != rowCount || n != f.rows || distinct != n || lo != 2 || hi != f.rows+1:
			t.Errorf("dataset %d (%s): row_count %d, %d observations (%d distinct row numbers %d…%d); the file has %d rows",
				number, f.name, rowCount, n, distinct, lo, hi, f.rows)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var orphans int
	mustScan(t, db.SQL().QueryRow(`SELECT count(*) FROM observations o LEFT JOIN datasets d ON d.id = o.dataset_id WHERE d.id IS NULL`), &orphans)
	if orphans != 0 {
		t.Errorf("%d observations have no dataset row", orphans)
	}
}
