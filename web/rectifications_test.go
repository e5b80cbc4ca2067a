package web_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// TestRectificationPages walks the rectification loop's pages on the sub-district example: the
// reviewer reads the list without the forms; the owner raises an item by hand (refused by field
// without a deadline, what was typed kept), sees it marked overdue, is refused a stale version
// (409), closes it with evidence and audits it; the status filter; raising the items a run calls
// for (as many as the service raised); and every change refused without its CSRF token.
func TestRectificationPages(t *testing.T) {
	s := newRunSite(t)
	ctx := context.Background()
	msg := messages.For(messages.Chinese)
	base := "/commissions/" + s.com.ID + "/rectifications"

	page := checkPage(t, s.do("reviewer", "GET", base, nil, false), 200, messages.Chinese)
	if !strings.Contains(page, msg.Sprintf(messages.WebRectTitle)) {
		t.Error("the reviewer's list has no title")
	}
	// The example carries items of earlier periods, audited.
	before, err := s.svc.ListRectifications(ctx, s.owner, s.com.ID, evaluation.RectificationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(page, `class="stack rect-raise"`) {
		t.Error("the reviewer (no runs permission) is offered the raise form")
	}
	page = checkPage(t, s.do("owner", "GET", base, nil, false), 200, messages.Chinese)
	if !strings.Contains(page, `class="stack rect-raise"`) {
		t.Fatal("the owner has no raise form")
	}
	units, err := s.svc.ListUnits(ctx, s.owner, s.com.ID)
	if err != nil || len(units) == 0 {
		t.Fatalf("units: %v %v", units, err)
	}
	u := units[0]
	form := url.Values{"unit": {u.Code}, "source": {"social_opinion"}, "issue": {"群众反映背街小巷保洁不到位"}, "owner": {"城管科"}}
	if s.do("owner", "POST", base, form, false).Code != 403 {
		t.Error("raising without the CSRF token is not refused")
	}
	page = checkPage(t, s.do("owner", "POST", base, form, true), 422, messages.Chinese)
	if !strings.Contains(page, "群众反映背街小巷保洁不到位") || !strings.Contains(page, msg.Sprintf(messages.WebFormHasProblems)) {
		t.Error("the refused form loses what was typed or says no problem")
	}
	form.Set("deadline", "2001-06-30") // long past: the item is overdue
	if rec := s.do("owner", "POST", base, form, true); rec.Code != 303 {
		t.Fatalf("raising: %d", rec.Code)
	}
	items, err := s.svc.ListRectifications(ctx, s.owner, s.com.ID, evaluation.RectificationFilter{})
	if err != nil || len(items) != len(before)+1 {
		t.Fatalf("after raising: %d items, %v", len(items), err)
	}
	it := items[len(items)-1]
	if it.Status != engine.RectifyOpen || it.Owner != "城管科" || it.Unit != u.Code {
		t.Fatalf("the raised item: %+v", it)
	}
	page = checkPage(t, s.do("owner", "GET", base+"?done=raised", nil, false), 200, messages.Chinese)
	for _, want := range []string{`class="overdue"`, msg.Sprintf(messages.WebRectOverdue), u.Name, msg.Sprintf(messages.WebRectSourceOpinion),
		msg.Sprintf(messages.WebRectRaised), `/rectifications/` + it.ID + `/close`} {
		if !strings.Contains(page, want) {
			t.Errorf("the list lacks %q", want)
		}
	}

	today := time.Now().UTC().Format(time.DateOnly)
	closeForm := url.Values{"version": {strconv.Itoa(it.Version + 1)}, "evidence": {"已建立保洁巡查台账"}, "on": {today}}
	page = checkPage(t, s.do("owner", "POST", base+"/"+it.ID+"/close", closeForm, true), 409, messages.Chinese)
	if !strings.Contains(page, msg.Sprintf(messages.WebRectStale)) {
		t.Error("a stale version is not explained")
	}
	closeForm.Set("version", strconv.Itoa(it.Version))
	closeForm.Set("evidence", "")
	checkPage(t, s.do("owner", "POST", base+"/"+it.ID+"/close", closeForm, true), 422, messages.Chinese)
	closeForm.Set("evidence", "已建立保洁巡查台账")
	if rec := s.do("owner", "POST", base+"/"+it.ID+"/close", closeForm, true); rec.Code != 303 {
		t.Fatalf("closing: %d %s", rec.Code, rec.Body)
	}
	got, err := s.svc.GetRectification(ctx, s.owner, s.com.ID, it.ID)
	if err != nil || got.Status != engine.RectifyClosed || got.Evidence != "已建立保洁巡查台账" || got.ClosedOn != today {
		t.Fatalf("after closing: %+v %v", got, err)
	}
	page = checkPage(t, s.do("owner", "GET", base, nil, false), 200, messages.Chinese)
	if strings.Contains(page, `class="overdue"`) || !strings.Contains(page, `/rectifications/`+it.ID+`/audit`) {
		t.Error("a closed item is still overdue, or has no audit form")
	}
	// Closing it again is a conflict of state, not of version.
	closeForm.Set("version", strconv.Itoa(got.Version))
	checkPage(t, s.do("owner", "POST", base+"/"+it.ID+"/close", closeForm, true), 409, messages.Chinese)
	audit := url.Values{"version": {strconv.Itoa(got.Version)}, "note": {"抽查属实"}, "on": {today}}
	if rec := s.do("owner", "POST", base+"/"+it.ID+"/audit", audit, true); rec.Code != 303 {
		t.Fatalf("auditing: %d", rec.Code)
	}
	got, err = s.svc.GetRectification(ctx, s.owner, s.com.ID, it.ID)
	if err != nil || got.Status != engine.RectifyAudited || got.AuditNote != "抽查属实" {
		t.Fatalf("after auditing: %+v %v", got, err)
	}
	if page := checkPage(t, s.do("reviewer", "GET", base+"?status=audited", nil, false), 200, messages.Chinese); !strings.Contains(page, "抽查属实") {
		t.Error("the audited filter does not show the audited item")
	}
	if page := checkPage(t, s.do("reviewer", "GET", base+"?status=open", nil, false), 200, messages.Chinese); strings.Contains(page, "群众反映背街小巷保洁不到位") {
		t.Error("the open filter shows the audited item")
	}

	// From the example's run: as many items as its fail grades and flags call for.
	runs, err := s.svc.ListRuns(ctx, s.owner, s.com.ID, evaluation.Page{Limit: 10})
	if err != nil || len(runs) == 0 {
		t.Fatalf("runs: %v %v", runs, err)
	}
	rec := s.do("owner", "POST", base+"/from-run", url.Values{"run": {runs[0].ID}, "deadline": {"2030-12-31"}}, true)
	if rec.Code != 303 {
		t.Fatalf("raising from the run: %d %s", rec.Code, rec.Body)
	}
	after, err := s.svc.ListRectifications(ctx, s.owner, s.com.ID, evaluation.RectificationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	raised := len(after) - len(items)
	if loc := rec.Header().Get("Location"); !strings.HasSuffix(loc, "count="+strconv.Itoa(raised)) {
		t.Errorf("raised %d items from the run, the page says %s", raised, loc)
	}
	page = checkPage(t, s.do("owner", "GET", rec.Header().Get("Location"), nil, false), 200, messages.Chinese)
	if !strings.Contains(page, msg.Sprintf(messages.WebRectFromRunDone, "count", raised)) {
		t.Error("the page does not say how many items the run raised")
	}
}
