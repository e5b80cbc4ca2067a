// Package workbenchbench measures the workbench pages (issue 13) under 16 concurrent signed-in
// clients: each client is a person of the example institute with a session of their own, and
// cycles through the commission list, the Jianggan run's result page (units, 4E scores,
// indicator table and the report's SVG charts) and a dataset page (its first 100 observations),
// through a real HTTP server on loopback with keep-alive connections.
//
//	DATABASE_URL=… go test -run '^$' -bench Workbench -benchtime 1x ./bench/workbench
//
// Two phases. Throughput: the per-address page limit off (every client is 127.0.0.1), as many
// requests as the server answers (EVALBENCH_BENCH_REQUESTS, default 3000). Busy people: the
// default page limit on (10 requests/s, burst 50 — EVALBENCH_PUBLIC_RATE_LIMIT/_BURST), each of
// the 16 people opening a page every 250 ms (4 pages/s, faster than anyone reads) for
// EVALBENCH_BENCH_SECONDS (default 10): the figure is how many answers were 429.
package workbenchbench_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
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
	"evalbench/web"
)

const clients = 16

func BenchmarkWorkbench(b *testing.B) {
	db, _ := storetest.New(b)
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}), evaluation.WithReporter(reports.Builder{}))
	ctx := context.Background()
	owner, err := examples.Owner(ctx, svc)
	check(b, err)
	cs, err := examples.Load(ctx, svc, owner)
	check(b, err)
	jg := cs[0]
	ds, err := svc.ListDatasets(ctx, owner, jg.ID)
	check(b, err)
	pages := []string{
		"/commissions",
		"/commissions/" + jg.ID + "/runs/" + jg.Runs[len(jg.Runs)-1].ID,
		"/commissions/" + jg.ID + "/datasets/" + ds[0].ID,
	}

	// Sixteen people of the institute, each a viewer of both examples, each signed in once
	// (through a one-time sign-in link: no password hashing in the set-up).
	sys := evaluation.SystemActor("bench")
	cookies := make([]string, clients)
	for i := range clients {
		u, err := svc.CreateUser(ctx, sys, evaluation.UserInput{InstituteID: owner.InstituteID, Name: fmt.Sprintf("bench-%02d", i)})
		check(b, err)
		for _, c := range cs {
			_, err := svc.Grant(ctx, owner, c.ID, u.ID, evaluation.RoleViewer)
			check(b, err)
		}
		l, err := svc.IssueSigninLink(ctx, sys, u.ID)
		check(b, err)
		x, err := svc.SignInWithLink(ctx, evaluation.SigninLinkInput{Secret: l.Secret, Address: "127.0.0.1"})
		check(b, err)
		cookies[i] = "evb_session=" + x.Secret
	}

	serve := func(cfg web.Config) (string, func()) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		check(b, err)
		hs := &http.Server{Handler: web.New(svc, cfg, slog.New(slog.NewTextHandler(io.Discard, nil))), ReadHeaderTimeout: 10 * time.Second}
		go hs.Serve(ln)
		return "http://" + ln.Addr().String(), func() { hs.Close() }
	}
	n := 3000
	if v, err := strconv.Atoi(os.Getenv("EVALBENCH_BENCH_REQUESTS")); err == nil && v > 0 {
		n = v
	}
	seconds := 10
	if v, err := strconv.Atoi(os.Getenv("EVALBENCH_BENCH_SECONDS")); err == nil && v > 0 {
		seconds = v
	}
	b.ResetTimer()
	for range b.N {
		base, stop := serve(web.Config{}) // no page limit
		figs := hit(b, base, pages, cookies, n)
		stop()
		names := []string{"all pages", "commission list", "run result", "dataset"}
		fmt.Printf("%d clients, %d requests: %.0f req/s\n", clients, figs[0].n, figs[0].rps)
		for k, f := range figs {
			fmt.Printf("  %-16s %5d requests: p50 %6.2f ms, p99 %6.2f ms, %6d bytes\n", names[k], f.n, ms(f.p50), ms(f.p99), f.bytes)
		}
		b.ReportMetric(figs[0].rps, "req/s")
		b.ReportMetric(ms(figs[0].p50), "p50-ms")
		b.ReportMetric(ms(figs[0].p99), "p99-ms")

		defaults := api.DefaultConfig() // the binary's defaults: 10/s, burst 50
		base, stop = serve(web.Config{PublicRateLimit: defaults.PublicRateLimit, PublicRateBurst: defaults.PublicRateBurst})
		ok, limited := busy(b, base, pages, cookies, time.Duration(seconds)*time.Second, 250*time.Millisecond)
		stop()
		fmt.Printf("busy people: %d clients from one address, a page every 250 ms each for %d s, default limit 10/s burst 50: %d answered, %d refused (429)\n",
			clients, seconds, ok, limited)
		b.ReportMetric(float64(limited), "busy-429s")
	}
}

type figure struct {
	n        int
	rps      float64
	p50, p99 time.Duration
	bytes    int64
}

func get(client *http.Client, url, cookie string) (int, int64, error) {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Cookie", cookie)
	req.Header.Set("Accept-Language", "zh-CN")
	resp, err := client.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	m, err := io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, m, err
}

// hit sends n GETs from 16 clients, client i as person i, each going round the pages; it returns
// the figures of all requests, then of each page.
func hit(b *testing.B, base string, pages, cookies []string, n int) []figure {
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for i := range clients * 2 { // warm the connections
		status, _, err := get(client, base+pages[i%len(pages)], cookies[i%clients])
		check(b, err)
		if status != http.StatusOK {
			b.Fatalf("%s: %d", pages[i%len(pages)], status)
		}
	}
	lat := make([]time.Duration, n)
	size := make([]int64, n)
	var next atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				t := time.Now()
				status, m, err := get(client, base+pages[i%len(pages)], cookies[c])
				lat[i], size[i] = time.Since(t), m
				if err == nil && status != http.StatusOK {
					err = fmt.Errorf("%s: %d", pages[i%len(pages)], status)
				}
				if err != nil {
					once.Do(func() { firstErr = err })
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	check(b, firstErr)
	figs := []figure{summary(lat, size, elapsed)}
	for k := range pages {
		var l []time.Duration
		var s []int64
		for i := k; i < n; i += len(pages) {
			l, s = append(l, lat[i]), append(s, size[i])
		}
		figs = append(figs, summary(l, s, 0))
	}
	return figs
}

func summary(lat []time.Duration, size []int64, elapsed time.Duration) figure {
	f := figure{n: len(lat), bytes: size[0]}
	if elapsed > 0 {
		f.rps = float64(len(lat)) / elapsed.Seconds()
	}
	lat = slices.Clone(lat)
	slices.Sort(lat)
	f.p50, f.p99 = lat[len(lat)/2], lat[len(lat)*99/100]
	return f
}

// busy has each of the 16 people open a page every interval for d, and counts the answers and
// the 429s.
func busy(b *testing.B, base string, pages, cookies []string, d, interval time.Duration) (ok, limited int64) {
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var okN, limitedN atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	end := time.Now().Add(d)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tick := time.NewTicker(interval)
			defer tick.Stop()
			for i := 0; time.Now().Before(end); i++ {
				status, _, err := get(client, base+pages[i%len(pages)], cookies[c])
				switch {
				case err != nil:
					once.Do(func() { firstErr = err })
					return
				case status == http.StatusTooManyRequests:
					limitedN.Add(1)
				case status == http.StatusOK:
					okN.Add(1)
				default:
					once.Do(func() { firstErr = fmt.Errorf("%s: %d", pages[i%len(pages)], status) })
					return
				}
				<-tick.C
			}
		}()
	}
	wg.Wait()
	check(b, firstErr)
	return okN.Load(), limitedN.Load()
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func check(b *testing.B, err error) {
	b.Helper()
	if err != nil {
		b.Fatal(err)
	}
}
