package ingest

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"sync"
	"testing"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

// benchSchema is the fixture framework's numeric indicators with 200 evaluated units.
func benchSchema() (Schema, []string, []string, []string) {
	units := make([]string, 200)
	for i := range units {
		units[i] = fmt.Sprintf("U%03d", i+1)
	}
	inds := []string{"gdp", "service_share", "local_revenue", "pm25", "fdi", "income", "power_intensity", "doctors"}
	periods := []string{"2016", "2017", "2018", "2019", "2020", "2017-H1", "2017-Q3", "2017-09"}
	return NewSchema(planFramework(), units), inds, units, periods
}

var (
	benchOnce sync.Once
	benchCSV  []byte
)

const benchRows = 1_000_000

func benchFile(b *testing.B) []byte {
	benchOnce.Do(func() {
		_, inds, units, periods := benchSchema()
		var buf bytes.Buffer
		if err := GenerateObservationsCSV(&buf, inds, units, periods, benchRows, 2016); err != nil {
			b.Fatal(err)
		}
		benchCSV = buf.Bytes()
	})
	return benchCSV
}

// BenchmarkReadObservationsCSV parses and validates 1,000,000 generated CSV rows (about 60 MB),
// hashing them as it goes, and reports rows per second.
func BenchmarkReadObservationsCSV(b *testing.B) {
	data := benchFile(b)
	schema, _, _, _ := benchSchema()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		n := 0
		sum, err := ReadObservations(bytes.NewReader(data), Options{FileName: "bench.csv"}, schema, func(engine.Observation) error {
			n++
			return nil
		})
		if err != nil || sum.Rows != benchRows || n != benchRows {
			b.Fatalf("%v: %+v, %d emitted", err, sum, n)
		}
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/time.Since(start).Seconds(), "rows/s")
}

// TestAllocationsPerRow keeps the CSV hot path nearly allocation-free: encoding/csv makes one
// string per record, values come from a shared block, codes and periods are interned.
func TestAllocationsPerRow(t *testing.T) {
	schema, inds, units, periods := benchSchema()
	var buf bytes.Buffer
	const rows = 20000
	GenerateObservationsCSV(&buf, inds, units, periods, rows, 1)
	data := buf.Bytes()
	allocs := testing.AllocsPerRun(3, func() {
		if _, err := ReadObservations(bytes.NewReader(data), Options{}, schema, nil); err != nil {
			t.Fatal(err)
		}
	})
	if perRow := allocs / rows; perRow > 1.2 {
		t.Fatalf("%.2f allocations per row", perRow)
	}
}

// TestStreamingMemory reads a file several times larger than the heap limit it checks, produced
// on the fly, so that the reader cannot hold it.
func TestStreamingMemory(t *testing.T) {
	schema, inds, units, periods := benchSchema()
	const rows = 600_000 // about 36 MB of CSV
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(GenerateObservationsCSV(pw, inds, units, periods, rows, 3)) }()
	var peak uint64
	var ms runtime.MemStats
	n := 0
	sum, err := ReadObservations(pr, Options{}, schema, func(engine.Observation) error {
		if n++; n%50_000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
		return nil
	})
	if err != nil || n != rows {
		t.Fatalf("%v, %d rows", err, n)
	}
	if limit := uint64(8 << 20); peak > limit || sum.Bytes < 3*int64(limit) {
		t.Fatalf("peak heap %d MB reading %d MB", peak>>20, sum.Bytes>>20)
	}
}

var (
	benchXLSXOnce sync.Once
	benchXLSX     []byte
)

const benchXLSXRows = 100_000

// BenchmarkReadObservationsXLSX reads 100,000 rows from a workbook written by the XLSX
// observation writer (numbers as numeric cells, so each value cell's display text is consulted).
func BenchmarkReadObservationsXLSX(b *testing.B) {
	schema, inds, units, periods := benchSchema()
	benchXLSXOnce.Do(func() {
		var src bytes.Buffer
		GenerateObservationsCSV(&src, inds, units, periods, benchXLSXRows, 5)
		var out bytes.Buffer
		w, err := NewObservationWriter(&out, FormatXLSX)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ReadObservations(&src, Options{}, schema, w.Write); err != nil {
			b.Fatal(err)
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		benchXLSX = out.Bytes()
	})
	b.SetBytes(int64(len(benchXLSX)))
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		sum, err := ReadObservations(bytes.NewReader(benchXLSX), Options{}, schema, nil)
		if err != nil || sum.Rows != benchXLSXRows {
			b.Fatalf("%v: %+v", err, sum)
		}
	}
	b.ReportMetric(float64(benchXLSXRows)*float64(b.N)/time.Since(start).Seconds(), "rows/s")
}

// BenchmarkReadResponsesCSV parses and validates 200,000 response rows of a 1–5 survey (the
// example's 360 survey: 3 units × 4 groups, raters answering both items), reporting bytes and
// allocations per row: a valid row allocates its codes, nothing for its score.
func BenchmarkReadResponsesCSV(b *testing.B) {
	const rows = 200_000
	s := survey360()
	var buf bytes.Buffer
	buf.WriteString("unit,group,rater,item,score\n")
	for k := range rows / 2 {
		u, g := planUnits[k%len(planUnits)], s.Groups[(k/len(planUnits))%len(s.Groups)].Code
		for i, it := range s.Items {
			fmt.Fprintf(&buf, "%s,%s,r%d,%s,%d\n", u, g, k, it.Code, 1+(k+i)%5)
		}
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		sum, err := ReadResponses(bytes.NewReader(data), Options{FileName: "bench.csv"}, s, planUnits, func(evaluation.ResponseRow) error {
			n++
			return nil
		})
		if err != nil || n != rows {
			b.Fatalf("%v: %+v, %d emitted", err, sum, n)
		}
	}
}
