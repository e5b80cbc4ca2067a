package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/ingest"
	"evalbench/examples"
	"evalbench/reports"
	"evalbench/store/storetest"
	"evalbench/web"
)

// testMasterKey encrypts the fixture's signing keys.
var testMasterKey = []byte("evalbench-test-master-key-32-byt")

// site is an installation with the two example commissions published, served as the binary
// serves it: the pages beside the API.
type site struct {
	svc     *evaluation.Service
	handler http.Handler
	reports []*evaluation.Report // jianggan, subdistricts
}

// newSite loads, computes and publishes the examples (as `evalbench demo` does) in a fresh
// database.
func newSite(t *testing.T) *site {
	t.Helper()
	start := time.Now()
	db, _ := storetest.New(t)
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}),
		evaluation.WithReporter(reports.Builder{Browser: &reports.Browser{}}), evaluation.WithMasterKey(testMasterKey))
	ctx := context.Background()
	owner, err := examples.Owner(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := examples.Load(ctx, svc, owner)
	if err != nil {
		t.Fatal(err)
	}
	s := &site{svc: svc}
	for _, c := range cs {
		s.reports = append(s.reports, publish(t, svc, owner, c))
	}
	s.handler = web.New(svc, web.DefaultConfig(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	t.Logf("examples loaded and published in %v", time.Since(start).Round(time.Millisecond))
	return s
}

// publish moves a commission to review and publishes its last run, as `evalbench demo` does.
func publish(t *testing.T, svc *evaluation.Service, a evaluation.Actor, c *examples.Commission) *evaluation.Report {
	t.Helper()
	ctx := context.Background()
	for _, to := range []evaluation.Status{evaluation.StatusCollecting, evaluation.StatusWeighting, evaluation.StatusComputing, evaluation.StatusReview} {
		com, err := svc.GetCommission(ctx, a, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.TransitionCommission(ctx, a, c.ID, com.Version, to); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := svc.PublishReport(ctx, a, c.ID, c.Runs[len(c.Runs)-1].ID, evaluation.PublishInput{})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}
