package importbench_test

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	importbench "evalbench/bench/import"
	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/evaluation/ingest"
	"evalbench/store/storetest"
)

// BenchmarkImport imports a CSV of n observation rows end to end through Service.ImportDataset —
// the code path of `evalbench import data` and POST …/datasets: in one transaction, read the file
// once — parse, hash, validate and COPY every row —, look for the same bytes imported before and
// (when a key repeated) for duplicates in SQL, insert the dataset row and its audit entry, commit. It reports rows/s and peak memory:
//
//   - peak-heap-MB: the Go heap high-water mark (live and not yet swept objects), sampled from
//     runtime/metrics every 10 ms during the import;
//   - peak-go-MB: the most memory the Go runtime held from the OS (all classes, less what it had
//     released) over the same samples — what the process's RSS owes to Go;
//   - VmHWM-MB: the process's peak resident set (/proc/self/status). It covers the whole test
//     process, so it is the figure for one size only when one size runs per process (run.sh).
//
// Each phase's share of the time is logged (-v). It needs DATABASE_URL (make bench starts a
// throwaway PostgreSQL). Other sizes: go test -bench Import ./bench/import -args -rows 50000,100000
func BenchmarkImport(b *testing.B) {
	for _, n := range sizes(b, *rowsFlag) {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) { benchmarkImport(b, n) })
	}
}

var (
	rowsFlag     = flag.String("rows", "250000,1000000,2000000", "BenchmarkImport: comma-separated numbers of rows")
	rejectedFlag = flag.String("rejected-rows", "250000,1000000", "BenchmarkImportRejected: comma-separated numbers of rows")
)

func sizes(b *testing.B, list string) []int {
	var out []int
	for _, f := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			b.Fatalf("%q: want a comma-separated list of row counts", list)
		}
		out = append(out, n)
	}
	return out
}

// BenchmarkImportRejected imports a file that ingest.GenerateObservationsCSV writes: its rows
// draw indicator, unit and period independently (here from 8 × 250 × 8 keys), so most of them
// repeat an earlier row's key and the import is rejected by the duplicate check, listing the
// first engine.MaxListedProblems problems and counting all. It reports the time to the
// rejection and the same peak-memory figures as BenchmarkImport: the bound on memory must hold
// for files that are rejected too.
func BenchmarkImportRejected(b *testing.B) {
	for _, n := range sizes(b, *rejectedFlag) {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) { benchmarkImportRejected(b, n) })
	}
}

func benchmarkImportRejected(b *testing.B, rows int) {
	db, _ := storetest.New(b)
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}))
	ctx := context.Background()
	fx, err := importbench.Setup(ctx, svc)
	if err != nil {
		b.Fatal(err)
	}
	cid, err := fx.NewCommission(ctx, svc, "重复键导入基准")
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "observations.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	periods := []string{"2016", "2017", "2018", "2019", "2020", "2017-H1", "2017-Q3", "2017-09"}
	if err := ingest.GenerateObservationsCSV(f, fx.Keys.Indicators, fx.Keys.Units, periods, rows, 2016); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	var total time.Duration
	var peak memPeak
	var problems int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		debug.FreeOSMemory()
		s := startSampler(10 * time.Millisecond)
		b.StartTimer()
		start := time.Now()
		_, err = svc.ImportDataset(ctx, fx.Owner, cid, evaluation.ImportInput{
			Options: evaluation.FileOptions{FileName: "observations.csv"}, Body: f})
		total += time.Since(start)
		b.StopTimer()
		peak = peak.max(s.stop())
		f.Close()
		var ve *engine.ValidationError
		if !errors.As(err, &ve) {
			b.Fatalf("import of %d rows with repeated keys: %v, want a validation error", rows, err)
		}
		problems = ve.Total
	}
	b.ReportMetric(float64(problems), "problems")
	b.ReportMetric(float64(rows)*float64(b.N)/total.Seconds(), "rows/s")
	b.ReportMetric(mb(peak.heap), "peak-heap-MB")
	b.ReportMetric(mb(peak.goHeld), "peak-go-MB")
	if hwm, ok := vmHWM(); ok {
		b.ReportMetric(mb(hwm), "VmHWM-MB")
	}
}

func benchmarkImport(b *testing.B, rows int) {
	db, _ := storetest.New(b)
	ph := &phases{}
	svc := evaluation.NewService(&timedStore{Store: db, p: ph}, evaluation.WithCodec(ingest.Codec{}))
	ctx := context.Background()
	fx, err := importbench.Setup(ctx, svc)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "observations.csv")
	size := writeFile(b, path, fx.Keys, rows)
	b.SetBytes(size)

	var total time.Duration
	var peak memPeak
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		cid, err := fx.NewCommission(ctx, svc, fmt.Sprintf("导入基准 %d", i))
		if err != nil {
			b.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		debug.FreeOSMemory()
		s := startSampler(10 * time.Millisecond)
		b.StartTimer()
		start := time.Now()
		*ph = phases{start: start}
		res, err := svc.ImportDataset(ctx, fx.Owner, cid, evaluation.ImportInput{
			Options: evaluation.FileOptions{FileName: "observations.csv"}, Body: f})
		elapsed := time.Since(start)
		b.StopTimer()
		peak = peak.max(s.stop())
		f.Close()
		if err != nil {
			b.Fatalf("import of %d rows: %v", rows, err)
		}
		if res.Existing || res.Dataset.Rows != rows {
			b.Fatalf("import of %d rows stored %d (existing: %v)", rows, res.Dataset.Rows, res.Existing)
		}
		total += elapsed
		ph.log(b, elapsed)
	}
	b.ReportMetric(float64(rows)*float64(b.N)/total.Seconds(), "rows/s")
	b.ReportMetric(mb(peak.heap), "peak-heap-MB")
	b.ReportMetric(mb(peak.goHeld), "peak-go-MB")
	if hwm, ok := vmHWM(); ok {
		b.ReportMetric(mb(hwm), "VmHWM-MB")
	}
}

func writeFile(b *testing.B, path string, keys importbench.Keys, rows int) int64 {
	b.Helper()
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := importbench.WriteCSV(f, keys, rows, 1, importbench.ImportCSV, ""); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return st.Size()
}

func mb(x uint64) float64 { return float64(x) / (1 << 20) }

// memPeak is the high-water mark of the sampled figures.
type memPeak struct{ heap, goHeld uint64 }

func (p memPeak) max(q memPeak) memPeak {
	return memPeak{heap: max(p.heap, q.heap), goHeld: max(p.goHeld, q.goHeld)}
}

type sampler struct {
	done chan struct{}
	wg   sync.WaitGroup
	peak memPeak
}

var sampleNames = []string{"/memory/classes/heap/objects:bytes", "/memory/classes/total:bytes", "/memory/classes/heap/released:bytes"}

// startSampler reads runtime/metrics every interval until stop (which takes a last sample).
func startSampler(interval time.Duration) *sampler {
	s := &sampler{done: make(chan struct{})}
	samples := make([]metrics.Sample, len(sampleNames))
	for i, n := range sampleNames {
		samples[i].Name = n
	}
	read := func() {
		metrics.Read(samples)
		s.peak = s.peak.max(memPeak{heap: samples[0].Value.Uint64(), goHeld: samples[1].Value.Uint64() - samples[2].Value.Uint64()})
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			read()
			select {
			case <-s.done:
				read()
				return
			case <-t.C:
			}
		}
	}()
	return s
}

func (s *sampler) stop() memPeak {
	close(s.done)
	s.wg.Wait()
	return s.peak
}

// vmHWM reads the process's peak resident set size from /proc/self/status (Linux).
func vmHWM() (uint64, bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10, err == nil
		}
	}
	return 0, false
}

// phases times the parts of the import transaction through thin wrappers around the store's
// interfaces (one extra interface call per row; the service's code path is unchanged).
type phases struct {
	start, sinkOpen, sinkClosed, dupsDone, fnDone, txDone time.Time
	rowsWritten                                           int64
}

func (p *phases) log(b *testing.B, elapsed time.Duration) {
	b.Helper()
	if p.sinkOpen.IsZero() || p.txDone.IsZero() {
		return
	}
	pct := func(d time.Duration) string {
		return fmt.Sprintf("%7.3fs %5.1f%%", d.Seconds(), 100*d.Seconds()/elapsed.Seconds())
	}
	dups := "skipped"
	if p.dupsDone.IsZero() {
		p.dupsDone = p.sinkClosed
	} else {
		dups = pct(p.dupsDone.Sub(p.sinkClosed))
	}
	end := p.start.Add(elapsed)
	b.Logf("phases of one import of %d rows (%.3fs):\n"+
		"  authorize, open the transaction, read framework and units:                  %s\n"+
		"  parse + hash + validate + COPY (until the COPY ends):                       %s\n"+
		"  duplicate check (SQL GROUP BY):                                             %s\n"+
		"  insert dataset row and audit entry:                                         %s\n"+
		"  commit (the dataset's completeness check):                                  %s\n"+
		"  after commit:                                                               %s",
		p.rowsWritten, elapsed.Seconds(),
		pct(p.sinkOpen.Sub(p.start)), pct(p.sinkClosed.Sub(p.sinkOpen)), dups,
		pct(p.fnDone.Sub(p.dupsDone)), pct(p.txDone.Sub(p.fnDone)), pct(end.Sub(p.txDone)))
}

type timedStore struct {
	evaluation.Store
	p *phases
}

func (s *timedStore) Transact(ctx context.Context, fn func(evaluation.Tx) error) error {
	importing := false
	err := s.Store.Transact(ctx, func(tx evaluation.Tx) error {
		err := fn(&timedTx{Tx: tx, p: s.p, importing: &importing})
		if importing {
			s.p.fnDone = time.Now()
		}
		return err
	})
	if importing {
		s.p.txDone = time.Now()
	}
	return err
}

type timedTx struct {
	evaluation.Tx
	p         *phases
	importing *bool
}

func (t *timedTx) NewObservationSink(ctx context.Context, datasetID string) (evaluation.ObservationSink, error) {
	*t.importing = true
	t.p.sinkOpen = time.Now()
	sink, err := t.Tx.NewObservationSink(ctx, datasetID)
	if err != nil {
		return nil, err
	}
	return &timedSink{ObservationSink: sink, p: t.p}, nil
}

func (t *timedTx) DuplicateObservations(ctx context.Context, datasetID string, limit int) ([]engine.Problem, int, error) {
	defer func() { t.p.dupsDone = time.Now() }()
	return t.Tx.DuplicateObservations(ctx, datasetID, limit)
}

type timedSink struct {
	evaluation.ObservationSink
	p *phases
}

func (s *timedSink) Close() (int64, error) {
	n, err := s.ObservationSink.Close()
	s.p.sinkClosed, s.p.rowsWritten = time.Now(), n
	return n, err
}

// TestWriteCSV checks the synthetic files: the importer's reader accepts every row, no key
// repeats, the same seed gives the same bytes, and the COPY form holds the same rows.
func TestWriteCSV(t *testing.T) {
	const rows = 50_000
	keys := importbench.DefaultKeys()
	var a, b, c strings.Builder
	for _, w := range []*strings.Builder{&a, &b} {
		if err := importbench.WriteCSV(w, keys, rows, 7, importbench.ImportCSV, ""); err != nil {
			t.Fatal(err)
		}
	}
	if a.String() != b.String() {
		t.Fatal("the same seed gave different files")
	}
	seen := map[string]int{}
	var missing int
	sum, err := ingest.ReadObservations(strings.NewReader(a.String()), ingest.Options{},
		ingest.NewSchema(importbench.Framework(), keys.Units), func(o engine.Observation) error {
			k := o.Indicator + "/" + o.Unit + "/" + string(o.Period)
			if prev, dup := seen[k]; dup {
				return fmt.Errorf("rows %d and %d repeat %s", prev, o.Row, k)
			}
			seen[k] = o.Row
			if o.Value == nil {
				missing++
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Valid != rows || len(seen) != rows {
		t.Fatalf("%d valid rows, %d distinct keys; want %d", sum.Valid, len(seen), rows)
	}
	if missing < rows/100 || missing > rows/25 {
		t.Errorf("%d missing values in %d rows; want about one in fifty", missing, rows)
	}
	if err := importbench.WriteCSV(&c, keys, rows, 7, importbench.CopyCSV, "0b7c9e4c-6a3f-4d2e-9a51-3c1f2b8e7d10"); err != nil {
		t.Fatal(err)
	}
	imp, cp := strings.Split(a.String(), "\n")[1:], strings.Split(c.String(), "\n")
	if len(cp) != len(imp) {
		t.Fatalf("COPY form: %d lines, import form %d", len(cp), len(imp))
	}
	for i := 0; i < rows; i += 997 {
		f, g := strings.Split(imp[i], ","), strings.Split(cp[i], ",")
		if len(g) != 12 || g[1] != strconv.Itoa(i+2) || g[2] != f[0] || g[3] != f[1] || g[4] != f[2] ||
			(g[5] != f[3] && !(g[5] == "" && f[3] == "—")) || g[7] != f[4] || g[9] != f[5] {
			t.Fatalf("row %d: import form %q, COPY form %q", i+2, imp[i], cp[i])
		}
	}
}
