// Package reportfilesbench measures the public report files (issue 15): the Jianggan example is
// loaded, computed and published, then report.html is fetched by 16 concurrent keep-alive clients
// through a real HTTP server on loopback, uncompressed and with Accept-Encoding: gzip.
//
// The public per-address rate limit (EVALBENCH_PUBLIC_RATE_LIMIT, 10/s burst 50 by default) is
// switched off for the benchmark: every client here is one address, 127.0.0.1.
//
//	DATABASE_URL=… go test -run '^$' -bench ReportFiles -benchtime 1x ./bench/reportfiles
//
// EVALBENCH_BENCH_REQUESTS sets the requests per figure (default 8000); EVALBENCH_BENCH_HOLD=1
// keeps the server up after the figures and prints its URL, for wrk.
package reportfilesbench_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/ingest"
	"evalbench/examples"
	"evalbench/reports"
	"evalbench/store/storetest"
)

const clients = 16

var masterKey = []byte("evalbench-bench-master-key-32byt")

func BenchmarkReportFiles(b *testing.B) {
	db, _ := storetest.New(b)
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}), evaluation.WithReporter(reports.Builder{}), evaluation.WithMasterKey(masterKey))
	ctx := context.Background()
	owner, err := examples.Owner(ctx, svc)
	check(b, err)
	cs, err := examples.Load(ctx, svc, owner)
	check(b, err)
	rep, err := publish(ctx, svc, owner, cs[0])
	check(b, err)

	cfg := api.DefaultConfig()
	cfg.PublicRateLimit = 0 // off: all 16 clients are one address
	srv := api.New(svc, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(b, err)
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	defer hs.Close()
	base := "http://" + ln.Addr().String()
	url := base + "/reports/" + rep.ID + "/report.html"

	n := 8000
	if v, err := strconv.Atoi(os.Getenv("EVALBENCH_BENCH_REQUESTS")); err == nil && v > 0 {
		n = v
	}
	b.ResetTimer()
	for range b.N {
		for _, gz := range []bool{false, true} {
			fig := hit(b, url, n, gz)
			name := "identity"
			if gz {
				name = "gzip"
			}
			fmt.Printf("report.html (%d bytes on the wire) %s, %d clients, %d requests: %.0f req/s, p50 %.2f ms, p99 %.2f ms\n",
				fig.bytes, name, clients, n, fig.rps, ms(fig.p50), ms(fig.p99))
			b.ReportMetric(fig.rps, name+"-req/s")
			b.ReportMetric(ms(fig.p99), name+"-p99-ms")
		}
	}
	b.StopTimer()
	if os.Getenv("EVALBENCH_BENCH_HOLD") != "" {
		fmt.Printf("serving %s until interrupted\n", url)
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt)
		<-sig
	}
}

type figure struct {
	rps      float64
	p50, p99 time.Duration
	bytes    int64
}

// hit sends n GETs of url from 16 goroutines sharing one keep-alive transport and measures each.
func hit(b *testing.B, url string, n int, gz bool) figure {
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	get := func() (int64, error) {
		req, _ := http.NewRequest(http.MethodGet, url, nil)
		if gz {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		m, err := io.Copy(io.Discard, resp.Body)
		if err == nil && resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("%s: %s", url, resp.Status)
		}
		return m, err
	}
	for range clients * 2 { // warm the connections (and any cache)
		_, err := get()
		check(b, err)
	}
	lat := make([]time.Duration, n)
	var next atomic.Int64
	var size atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				t := time.Now()
				m, err := get()
				lat[i] = time.Since(t)
				if err != nil {
					once.Do(func() { firstErr = err })
					return
				}
				size.Store(m)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	check(b, firstErr)
	slices.Sort(lat)
	return figure{rps: float64(n) / elapsed.Seconds(), p50: lat[n/2], p99: lat[n*99/100], bytes: size.Load()}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// publish moves the commission to review and publishes its final run's report (as `evalbench
// demo` does).
func publish(ctx context.Context, svc *evaluation.Service, a evaluation.Actor, c *examples.Commission) (*evaluation.Report, error) {
	run := c.Runs[len(c.Runs)-1]
	for {
		com, err := svc.GetCommission(ctx, a, c.ID)
		if err != nil {
			return nil, err
		}
		next := map[evaluation.Status]evaluation.Status{
			evaluation.StatusDraft:      evaluation.StatusCollecting,
			evaluation.StatusCollecting: evaluation.StatusWeighting,
			evaluation.StatusWeighting:  evaluation.StatusComputing,
			evaluation.StatusComputing:  evaluation.StatusReview,
		}[com.Status]
		if next == "" {
			break
		}
		if _, err := svc.TransitionCommission(ctx, a, c.ID, com.Version, next); err != nil {
			return nil, err
		}
	}
	return svc.PublishReport(ctx, a, c.ID, run.ID, evaluation.PublishInput{})
}

func check(b *testing.B, err error) {
	b.Helper()
	if err != nil {
		b.Fatal(err)
	}
}
