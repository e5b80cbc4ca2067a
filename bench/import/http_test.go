package importbench_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"syscall"
	"testing"
	"time"

	"evalbench/api"
	importbench "evalbench/bench/import"
	"evalbench/evaluation"
	"evalbench/evaluation/ingest"
	"evalbench/store"
	"evalbench/store/storetest"
)

var (
	httpRowsFlag   = flag.Int("http-rows", 1_000_000, "BenchmarkImportHTTP: rows per file")
	httpRoundsFlag = flag.Int("rounds", 5, "BenchmarkImportHTTP, BenchmarkResponseImportHTTP: paired rounds")
)

// BenchmarkImportHTTP measures what a user waits for: a CSV of -http-rows observation rows
// uploaded to POST /api/v1/commissions/{cid}/datasets (the raw file as the body, over a loopback
// TCP connection to a real net/http server), until the 201 — against `psql \copy` of the same
// rows (FORMAT csv) into a table like observations (its columns, defaults, checks and indexes,
// no foreign key, no trigger). The two alternate, -rounds times, the order swapped every round
// (evalbench first in odd rounds, psql first in even ones), and the benchmark prints each round
// and the medians: the time of each, evalbench's share of psql's speed (psql time / evalbench
// time; the target of issue 15 is ≥ 80 %), the Go heap's and the process's peak memory, and the
// load average before and after. It needs psql (postgresql-client) and DATABASE_URL.
func BenchmarkImportHTTP(b *testing.B) {
	psql, err := exec.LookPath("psql")
	if err != nil {
		b.Fatal("psql is needed for the reference (apt-get install postgresql-client)")
	}
	db, dbURL := storetest.New(b)
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}))
	ctx := context.Background()
	fx, err := importbench.Setup(ctx, svc)
	if err != nil {
		b.Fatal(err)
	}
	rows := *httpRowsFlag
	dir := b.TempDir()
	path := filepath.Join(dir, "observations.csv")
	size := writeFile(b, path, fx.Keys, rows)
	copyPath := filepath.Join(dir, "observations-copy.csv")
	f, err := os.Create(copyPath)
	if err != nil {
		b.Fatal(err)
	}
	if err := importbench.WriteCSV(f, fx.Keys, rows, 1, importbench.CopyCSV, "00000000-0000-4000-8000-000000000001"); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	if _, err := db.SQL().ExecContext(ctx, `CREATE TABLE bench_obs_copy (LIKE observations INCLUDING ALL)`); err != nil {
		b.Fatal(err)
	}
	copyCmd := fmt.Sprintf(`\copy bench_obs_copy (%s) FROM '%s' WITH (FORMAT csv)`, importbench.CopyColumns, copyPath)

	base, stop := serveAPI(b, svc)
	defer stop()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}

	evalRun := func(i int) (time.Duration, memPeak) {
		cid, err := fx.NewCommission(ctx, svc, fmt.Sprintf("HTTP 导入基准 %d", i))
		if err != nil {
			b.Fatal(err)
		}
		body, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer body.Close()
		req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/commissions/"+cid+"/datasets?filename=observations.csv", body)
		req.ContentLength = size
		req.Header.Set("Authorization", "Bearer "+fx.Token)
		req.Header.Set("Content-Type", "text/csv")
		return timedUpload(b, client, req, fmt.Sprintf("upload of %d rows", rows))
	}
	psqlRun := psqlCopy(b, db, psql, dbURL, copyCmd, "bench_obs_copy")
	paired(b, fmt.Sprintf("%d observation rows (%d bytes)", rows, size), rows, *httpRoundsFlag, evalRun, psqlRun)
}

// serveAPI serves the API of svc on a loopback port and returns its base URL.
func serveAPI(b *testing.B, svc *evaluation.Service) (string, func()) {
	cfg := api.DefaultConfig()
	cfg.RateLimit = 0
	srv := api.New(svc, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	return "http://" + ln.Addr().String(), func() { hs.Close() }
}

// paired alternates evalRun and psqlRun for rounds rounds (evalbench first in odd rounds) and
// prints each round, the medians and the share.
func paired(b *testing.B, what string, rows, rounds int, evalRun func(int) (time.Duration, memPeak), psqlRun func() time.Duration) {
	b.Helper()
	if rounds < 1 {
		rounds = 1
	}
	load0 := loadavg()
	var evals, refs, shares, cpus []float64
	var peak memPeak
	b.ResetTimer()
	for i := range rounds {
		var e, p time.Duration
		var m memPeak
		var cpu float64
		run := func() {
			c0 := cpuSeconds()
			e, m = evalRun(i)
			cpu = cpuSeconds() - c0
		}
		if i%2 == 0 {
			run()
			p = psqlRun()
		} else {
			p = psqlRun()
			run()
		}
		peak = peak.max(m)
		evals, refs, cpus = append(evals, e.Seconds()), append(refs, p.Seconds()), append(cpus, cpu)
		shares = append(shares, p.Seconds()/e.Seconds())
		fmt.Printf("round %d: evalbench %.3f s (%.0f rows/s; Go process %.2f CPU-s, client and server), psql \\copy %.3f s, share %.0f %%, peak Go heap %.1f MB, load %s\n",
			i+1, e.Seconds(), float64(rows)/e.Seconds(), cpu, p.Seconds(), 100*p.Seconds()/e.Seconds(), mb(m.heap), loadavg())
	}
	b.StopTimer()
	me, mp, ms := median(evals), median(refs), median(shares)
	hwm, _ := vmHWM()
	fmt.Printf("%s, %d rounds, load before %s after %s:\n  median evalbench %.3f s (%.0f rows/s), median psql \\copy %.3f s (%.0f rows/s)\n"+
		"  median share (psql time / evalbench time, per round) %.0f %% (target >= 80 %%)\n  peak Go heap %.1f MB, Go held %.1f MB, process VmHWM %.1f MB\n",
		what, rounds, load0, loadavg(), me, float64(rows)/me, mp, float64(rows)/mp, 100*ms, mb(peak.heap), mb(peak.goHeld), mb(hwm))
	fmt.Printf("  median CPU of the Go process (HTTP client, API server, import) per upload %.2f s\n", median(cpus))
	b.ReportMetric(median(cpus), "go-cpu-s")
	b.ReportMetric(me, "evalbench-s")
	b.ReportMetric(mp, "psql-s")
	b.ReportMetric(100*ms, "share-%")
	b.ReportMetric(mb(peak.heap), "peak-heap-MB")
	b.ReportMetric(mb(hwm), "VmHWM-MB")
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// loadavg is the 1-minute load average (/proc/loadavg).
func loadavg() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	var one string
	fmt.Sscan(string(raw), &one)
	return one
}

// cpuSeconds is the user and system CPU time of this process so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// timedUpload sends one upload after a garbage collection and returns how long the answer took
// and the process's memory peak meanwhile; anything but 201 fails the benchmark.
func timedUpload(b *testing.B, client *http.Client, req *http.Request, what string) (time.Duration, memPeak) {
	b.Helper()
	runtime.GC()
	debug.FreeOSMemory()
	s := startSampler(10 * time.Millisecond)
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	out, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	elapsed := time.Since(start)
	peak := s.stop()
	if resp.StatusCode != http.StatusCreated {
		b.Fatalf("%s: %s: %s", what, resp.Status, out)
	}
	return elapsed, peak
}

// psqlCopy is the reference round: psql's \copy command into table, timed, then the table
// emptied for the next round.
func psqlCopy(b *testing.B, db *store.DB, psql, dbURL, copyCmd, table string) func() time.Duration {
	return func() time.Duration {
		start := time.Now()
		out, err := exec.Command(psql, dbURL, "-q", "-v", "ON_ERROR_STOP=1", "-c", copyCmd).CombinedOutput()
		elapsed := time.Since(start)
		if err != nil {
			b.Fatalf("psql \\copy: %v: %s", err, out)
		}
		if _, err := db.SQL().ExecContext(context.Background(), `TRUNCATE `+table); err != nil {
			b.Fatal(err)
		}
		return elapsed
	}
}
