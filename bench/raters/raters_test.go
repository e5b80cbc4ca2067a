// Package ratersbench is the load test of issue 14: 500 raters answering one survey at the same
// moment through their personal rater links (/r/{link}), over HTTP against the pages' handler
// and the real PostgreSQL.
package ratersbench_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/evaluation/ingest"
	"evalbench/store/storetest"
	"evalbench/web"
)

const (
	raters = 500
	units  = 10 // 50 peer raters per unit
)

var items = []string{"q1", "q2", "q3", "q4", "q5"}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// BenchmarkRaters500 issues 500 personal peer links over 10 units of one 360 survey (untimed),
// has each rater open the form (GET, untimed), then releases all 500 submissions (POST of five
// scores and a comment) at once and times them: the wall time until the last is stored, the
// throughput, and each submission's latency (p50, p99, max). Every submission is a response
// import, which locks the survey, so the submissions are serialised on that lock: this is the
// measure of that choice. After each round it checks that every answer is stored exactly once
// (responses = 500 × 5, imports = 500, every link submitted) and that submitting again adds
// nothing.
func BenchmarkRaters500(b *testing.B) {
	db, _ := storetest.New(b)
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}))
	ctx := context.Background()
	sys := evaluation.SystemActor("bench")
	inst, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "bench", Name: "评估院"})
	check(b, err)
	u, err := svc.CreateUser(ctx, sys, evaluation.UserInput{InstituteID: inst.ID, Name: "bench"})
	check(b, err)
	a := evaluation.Actor{UserID: u.ID, Name: u.Name, InstituteID: inst.ID}
	c, err := svc.CreateCommission(ctx, a, evaluation.CommissionInput{Title: "bench", Client: "bench", PeriodStart: 2016, PeriodEnd: 2020, EvaluatedPeriod: "2016"})
	check(b, err)
	var us []engine.Unit
	for i := range units {
		us = append(us, engine.Unit{Code: fmt.Sprintf("u%02d", i), Name: fmt.Sprintf("街道%02d", i), Kind: engine.UnitSubdistrict})
	}
	_, err = svc.UpsertUnits(ctx, a, c.ID, us)
	check(b, err)
	srv := httptest.NewServer(web.New(svc, web.DefaultConfig(), slog.New(slog.NewTextHandler(io.Discard, nil))))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: raters, MaxIdleConnsPerHost: raters}, Timeout: 10 * time.Minute}

	for n := 0; n < b.N; n++ {
		b.StopTimer()
		var its []engine.SurveyItem
		for _, code := range items {
			its = append(its, engine.SurveyItem{Code: code, Text: "题目" + code})
		}
		sv, err := svc.CreateSurvey(ctx, a, c.ID, &engine.Survey{Code: fmt.Sprintf("r360-%d", n), Title: "360度评价", Kind: engine.Survey360,
			Scale: engine.Scale{Min: 0, Max: 10}, Items: its, Groups: []engine.RaterGroup{{Code: engine.GroupPeer, Weight: 1}}})
		check(b, err)
		var paths []string
		for _, un := range us {
			links, err := svc.IssueRaterLinks(ctx, a, c.ID, sv.ID, evaluation.RaterLinksInput{Unit: un.Code, Group: engine.GroupPeer, Count: raters / units, Deadline: time.Now().Add(time.Hour)})
			check(b, err)
			for _, l := range links {
				paths = append(paths, l.Path)
			}
		}
		forms := make([]url.Values, len(paths))
		for i, p := range paths {
			resp, err := client.Get(srv.URL + p)
			check(b, err)
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			m := csrfField.FindSubmatch(body)
			if resp.StatusCode != 200 || m == nil {
				b.Fatalf("GET %d: %d", i, resp.StatusCode)
			}
			f := url.Values{"csrf": {string(m[1])}, "comment": {fmt.Sprintf("评价人%d的意见", i)}}
			for k, code := range items {
				f.Set("i|"+code, fmt.Sprint((i+k)%11))
			}
			forms[i] = f
		}
		submit := func(i int) (time.Duration, error) {
			t0 := time.Now()
			resp, err := client.PostForm(srv.URL+paths[i], forms[i])
			if err != nil {
				return 0, err
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				return 0, fmt.Errorf("POST %d: %d", i, resp.StatusCode)
			}
			return time.Since(t0), nil
		}
		lat := make([]time.Duration, len(paths))
		errs := make([]error, len(paths))
		var start sync.WaitGroup
		start.Add(1)
		var done sync.WaitGroup
		for i := range paths {
			done.Add(1)
			go func() {
				defer done.Done()
				start.Wait()
				lat[i], errs[i] = submit(i)
			}()
		}
		b.StartTimer()
		t0 := time.Now()
		start.Done()
		done.Wait()
		wall := time.Since(t0)
		b.StopTimer()
		for _, err := range errs {
			check(b, err)
		}
		slices.Sort(lat)
		q := func(p float64) time.Duration { return lat[int(p*float64(len(lat)-1)+0.5)] }
		b.ReportMetric(wall.Seconds(), "wall-s")
		b.ReportMetric(float64(len(paths))/wall.Seconds(), "answers/s")
		b.ReportMetric(float64(q(0.50).Milliseconds()), "p50-ms")
		b.ReportMetric(float64(q(0.99).Milliseconds()), "p99-ms")
		b.ReportMetric(float64(lat[len(lat)-1].Milliseconds()), "max-ms")

		// Every answer stored once; submitting again adds nothing.
		verify := func(when string) {
			s, err := svc.GetSurvey(ctx, a, c.ID, sv.ID)
			check(b, err)
			if s.Responses != raters*len(items) || s.Imports != raters {
				b.Fatalf("%s: %d responses in %d imports, want %d in %d", when, s.Responses, s.Imports, raters*len(items), raters)
			}
			ls, err := svc.ListRaterLinks(ctx, a, c.ID, sv.ID)
			check(b, err)
			for _, l := range ls {
				if l.SubmittedAt == nil || l.ImportID == "" {
					b.Fatalf("%s: link %s not marked submitted", when, l.ID)
				}
			}
		}
		verify("after the load")
		for i := range 20 {
			_, err := submit(i)
			check(b, err)
		}
		verify("after submitting again")
	}
}

func check(b *testing.B, err error) {
	b.Helper()
	if err != nil {
		b.Fatal(strings.TrimSpace(err.Error()))
	}
}
