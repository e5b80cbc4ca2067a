package web_test

import (
	"context"
	"strings"
	"testing"

	"evalbench/evaluation"
	"evalbench/messages"
)

// TestReportPreview opens the draft report of the sub-district example's newest run before it is
// published: the staff get the HTML with the preview line, its own hash-based CSP and no caching;
// the reviewer is refused; nothing is published by it.
func TestReportPreview(t *testing.T) {
	s := newRunSite(t)
	ctx := context.Background()
	msg := messages.For(messages.Chinese)
	runs, err := s.svc.ListRuns(ctx, s.owner, s.com.ID, evaluation.Page{Limit: 1})
	if err != nil || len(runs) == 0 {
		t.Fatalf("runs: %v %v", runs, err)
	}
	run := "/commissions/" + s.com.ID + "/runs/" + runs[0].ID
	page := checkPage(t, s.do("owner", "GET", run, nil, false), 200, messages.Chinese)
	if !strings.Contains(page, `href="`+run+`/report"`) {
		t.Error("the run's page has no link to the report preview")
	}
	rec := s.do("owner", "GET", run+"/report", nil, false)
	body := rec.Body.String()
	if rec.Code != 200 || !strings.Contains(body, msg.Sprintf(messages.WebRunPreviewBanner)) || !strings.Contains(body, s.com.Title) {
		t.Fatalf("the preview: %d %.300q", rec.Code, body)
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "sha256-") || strings.Contains(csp, "script-src 'self'") {
		t.Errorf("the preview's CSP is not the report's: %q", csp)
	}
	if rec.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control %q", rec.Header().Get("Cache-Control"))
	}
	if rec := s.do("reviewer", "GET", run+"/report", nil, false); rec.Code != 403 {
		t.Errorf("the reviewer's preview: %d, want 403", rec.Code)
	}
	reps, err := s.svc.ListReports(ctx, s.owner, s.com.ID)
	if err != nil || len(reps) != 0 {
		t.Errorf("after the preview: %d reports, %v", len(reps), err)
	}
}
