// Package runbench measures a whole evaluation run at the scale issue 5 names: 300 units × 120
// indicators, a 360 survey of 1,000,000 responses and 10,000 Monte Carlo samples.
package runbench_test

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/evaluation/ingest"
	"evalbench/store/storetest"
)

const (
	units      = 300
	indicators = 120
	items      = 20
	samples    = 10000
)

// groups of the 360 survey and raters per unit of each: 300 units × 20 items × (10+20+100+30)
// raters … the counts below make 300 × 20 × 167 = 1,002,000 responses.
var groups = []struct {
	code   string
	weight float64
	raters int
}{{"superior", 0.2, 5}, {"peer", 0.1, 12}, {"subordinate", 0.1, 20}, {"public", 0.6, 130}}

// BenchmarkRun times one run end to end through the worker (Service.WorkOne: load the inputs from
// PostgreSQL — framework, 36,000 observations, the weight set and 1,002,000 responses —, digest
// them, compute, store the result) and reports its peak memory. Setup (imports) is not timed.
// It runs at 1, 3 and 10 times the raters (1,002,000, 3,006,000 and 10,020,000 responses; other
// multiples: -args -scales 1,3), printing time, CPU time (the benchmark process's: the worker's
// share, without the database server's) and peak memory of each against the targets of issue 15
// (≤ 2 s at a million responses, ≤ 1 GB at ten million).
func BenchmarkRun(b *testing.B) {
	for _, f := range strings.Split(*scalesFlag, ",") {
		scale, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || scale < 1 {
			b.Fatalf("-scales %q: want a comma-separated list of positive integers", *scalesFlag)
		}
		b.Run(fmt.Sprintf("responses=%d", units*items*167*scale), func(b *testing.B) { benchmarkRun(b, scale) })
	}
}

var scalesFlag = flag.String("scales", "1,3,10", "BenchmarkRun: multiples of the 167 raters per unit (1,002,000 responses each)")

func benchmarkRun(b *testing.B, scale int) {
	db, _ := storetest.New(b)
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}))
	ctx := context.Background()
	sys := evaluation.SystemActor("bench")
	inst, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "bench", Name: "评估院"})
	check(b, err)
	u, err := svc.CreateUser(ctx, sys, evaluation.UserInput{InstituteID: inst.ID, Name: "bench"})
	check(b, err)
	tok, err := svc.CreateToken(ctx, sys, evaluation.TokenInput{UserID: u.ID})
	check(b, err)
	a, err := svc.Authenticate(ctx, tok.Secret)
	check(b, err)
	c, err := svc.CreateCommission(ctx, a, evaluation.CommissionInput{Title: "bench", Client: "bench", PeriodStart: 2016, PeriodEnd: 2020, EvaluatedPeriod: "2016"})
	check(b, err)
	var us []engine.Unit
	for i := range units {
		us = append(us, engine.Unit{Code: fmt.Sprintf("u%03d", i), Name: fmt.Sprintf("单位%03d", i), Kind: engine.UnitDepartment})
	}
	_, err = svc.UpsertUnits(ctx, a, c.ID, us)
	check(b, err)
	f := framework()
	f, err = svc.CreateFramework(ctx, a, c.ID, f)
	check(b, err)
	dir := b.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	data := write(b, dir, "data.csv", func(w *bufio.Writer) {
		w.WriteString("indicator,unit,period,value\n")
		for _, r := range f.Indicators() {
			for _, u := range us {
				fmt.Fprintf(w, "%s,%s,2016,%.2f\n", r.Node.Code, u.Code, 50+rng.Float64()*100)
			}
		}
	})
	ds := importFile(b, data, func(body *os.File) error {
		res, err := svc.ImportDataset(ctx, a, c.ID, evaluation.ImportInput{Options: evaluation.FileOptions{FileName: "data.csv"}, Body: body})
		if err == nil {
			_, err = svc.FreezeDataset(ctx, a, c.ID, res.Dataset.ID)
			data = res.Dataset.ID
		}
		return err
	})
	_ = ds
	ws, err := svc.CreateWeightSet(ctx, a, c.ID, &engine.WeightSet{FrameworkID: f.ID, Name: "等权", Method: engine.WeightEqual})
	check(b, err)
	sv := &engine.Survey{Code: "s360", Title: "360度评价", Kind: engine.Survey360, Scale: engine.Scale{Min: 1, Max: 5}}
	for i := range items {
		sv.Items = append(sv.Items, engine.SurveyItem{Code: fmt.Sprintf("q%02d", i), Text: "题目"})
	}
	for _, g := range groups {
		sv.Groups = append(sv.Groups, engine.RaterGroup{Code: g.code, Name: g.code, Weight: g.weight, MinRaters: 3})
	}
	sv, err = svc.CreateSurvey(ctx, a, c.ID, sv)
	check(b, err)
	responses := write(b, dir, "responses.csv", func(w *bufio.Writer) {
		w.WriteString("unit,group,rater,item,score\n")
		for _, u := range us {
			for _, g := range groups {
				for r := range g.raters * scale {
					for i := range items {
						fmt.Fprintf(w, "%s,%s,%s-%s-%d,q%02d,%d\n", u.Code, g.code, u.Code, g.code, r, i, 1+rng.IntN(5))
					}
				}
			}
		}
	})
	importFile(b, responses, func(body *os.File) error {
		_, err := svc.ImportResponses(ctx, a, c.ID, sv.ID, evaluation.ResponseImportInput{Options: evaluation.FileOptions{FileName: "responses.csv"}, Body: body})
		return err
	})
	req := evaluation.RunRequest{WeightSetID: ws.WeightSet.ID, DatasetIDs: []string{data}, SurveyIDs: []string{sv.ID},
		Config: engine.RunConfig{
			Components: []engine.Component{{Code: "targets", Weight: 0.3, Source: "indicators"}, {Code: "s360", Weight: 0.7, Source: "survey:s360"}},
			Grades:     []engine.GradeBand{{Code: "excellent", MinScore: 80, Quota: ptr(0.2)}, {Code: "good", MinScore: 70}, {Code: "pass", MinScore: 60}, {Code: "fail"}},
			MonteCarlo: engine.MonteCarloConfig{Samples: samples, Seed: 1},
		}}
	b.ResetTimer()
	for range b.N {
		r, err := svc.CreateRun(ctx, a, c.ID, req)
		check(b, err)
		runtime.GC()
		stop := samplePeak()
		cpu0, start := cpuSeconds(), time.Now()
		worked, err := svc.WorkOne(ctx, evaluation.WorkerOptions{ID: "bench"})
		elapsed, cpu := time.Since(start), cpuSeconds()-cpu0
		peak := stop()
		check(b, err)
		done, err := svc.GetRun(ctx, a, c.ID, r.ID)
		check(b, err)
		if !worked || done.Status != evaluation.RunSucceeded {
			b.Fatalf("run %s: %s", done.Status, done.Error)
		}
		b.ReportMetric(elapsed.Seconds(), "run-s")
		b.ReportMetric(cpu, "run-cpu-s")
		b.ReportMetric(float64(peak)/(1<<20), "peak-go-MB")
		b.ReportMetric(float64(units*items*167*scale), "responses")
		fmt.Printf("run of %d units × %d indicators, %d responses, %d samples: %.3f s (target <= 2 s at 1,002,000), CPU %.3f s (this process: user + system), peak Go memory %.0f MB (target <= 1024 MB at 10,020,000), VmHWM %s, load %s\n",
			units, indicators, units*items*167*scale, samples, elapsed.Seconds(), cpu, float64(peak)/(1<<20), vmHWM(), loadavg())
	}
}

func ptr(x float64) *float64 { return &x }

// framework has 120 indicators: 30 under each 4E dimension, in groups of 10.
func framework() *engine.Framework {
	f := &engine.Framework{Title: "bench", PlanStart: 2016, PlanEnd: 2020}
	k := 0
	for _, d := range engine.Dimensions {
		dn := &engine.Node{Code: string(d), Kind: engine.KindDimension, Name: engine.DimensionNames[d][0]}
		for g := range 3 {
			gn := &engine.Node{Code: fmt.Sprintf("%s.g%d", d, g), Kind: engine.KindGroup, Name: "组"}
			for range indicators / 12 {
				gn.Children = append(gn.Children, &engine.Node{Code: fmt.Sprintf("i%03d", k), Kind: engine.KindIndicator, Name: "指标",
					Indicator: &engine.Indicator{Unit: "%", ValueKind: engine.ValuePercent, Polarity: engine.PolarityHigher,
						TargetKind: engine.TargetLevel, AnnualTargets: []engine.AnnualTarget{{Year: 2016, Basis: engine.BasisLevel, Value: ptr(120)}}}})
				k++
			}
			dn.Children = append(dn.Children, gn)
		}
		f.Dimensions = append(f.Dimensions, dn)
	}
	return f
}

func write(b *testing.B, dir, name string, fill func(*bufio.Writer)) string {
	path := filepath.Join(dir, name)
	fh, err := os.Create(path)
	check(b, err)
	w := bufio.NewWriterSize(fh, 1<<20)
	fill(w)
	check(b, w.Flush())
	check(b, fh.Close())
	return path
}

func importFile(b *testing.B, path string, fn func(*os.File) error) string {
	fh, err := os.Open(path)
	check(b, err)
	defer fh.Close()
	check(b, fn(fh))
	return path
}

func check(b *testing.B, err error) {
	b.Helper()
	if err != nil {
		b.Fatal(err)
	}
}

// samplePeak samples the memory the Go runtime holds from the OS (all classes less released)
// every 10 ms until the returned function is called, which returns the peak.
func samplePeak() func() uint64 {
	var mu sync.Mutex
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			v := s[0].Value.Uint64() - s[1].Value.Uint64()
			mu.Lock()
			peak = max(peak, v)
			mu.Unlock()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak
	}
}

func vmHWM() string {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:"))
		}
	}
	return "?"
}

// cpuSeconds is the CPU time this process has used, user and system, in seconds (getrusage):
// during the run, the worker's (the database server's is not included).
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return math.NaN()
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// loadavg is the 1-minute load average (/proc/loadavg).
func loadavg() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(raw))[0]
}
