package api_test

import (
	"context"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"time"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

// An owner opens a round by the API, an expert answers through their link, and the owner follows
// the progress, exports the reminders and closes the round into the weight set.
func TestRoundsAPI(t *testing.T) {
	fx := newFixture(t, noLimits())
	ctx := context.Background()
	owner := fx.tokens[evaluation.RoleOwner]
	base := "/api/v1/commissions/" + fx.cidA + "/weight-sets/" + fx.objects[fx.cidA]["wid"] + "/rounds"
	body := map[string]any{"deadline": time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339),
		"experts": []map[string]any{{"name": "专家丙", "organisation": "研究院", "weight": 2}, {"name": "专家丁"}}}
	rec := fx.do("POST", base, owner, body)
	expect(t, rec, 201)
	open := decode[evaluation.OpenedRound](t, rec)
	if len(open.Links) != 2 || !strings.HasPrefix(open.Links[0].Path, "/q/") || open.Round.Nodes[0] != "effectiveness" {
		t.Fatalf("opened %+v", open)
	}
	expect(t, fx.do("POST", base, owner, map[string]any{"deadline": "2001-01-01T00:00:00Z", "experts": []any{}}), 422)

	secret := strings.TrimPrefix(open.Links[0].Path, "/q/")
	_, err := fx.svc.SaveAnswers(ctx, secret, []evaluation.AnswerInput{{Node: "effectiveness", I: 0, J: 1, Value: 3}})
	must(t, err)
	_, err = fx.svc.SubmitQuestionnaire(ctx, secret)
	must(t, err)

	rid := open.Round.ID
	rec = fx.do("GET", base+"/"+rid, owner, nil)
	expect(t, rec, 200)
	prog := decode[evaluation.RoundProgress](t, rec)
	if prog.Submitted != 1 || prog.Experts[0].Matrices[0].CR == nil {
		t.Fatalf("progress %+v", prog)
	}
	rec = fx.do("GET", base, fx.tokens[evaluation.RoleViewer], nil)
	expect(t, rec, 200)

	rec = fx.do("POST", base+"/"+rid+"/reminders", owner, nil)
	expect(t, rec, 200)
	rows, err := csv.NewReader(strings.NewReader(rec.Body.String())).ReadAll()
	must(t, err)
	if len(rows) != 2 || rows[1][1] != "专家丁" || !strings.Contains(rows[1][3], "/q/") {
		t.Fatalf("reminders %q", rows)
	}
	eid := open.Round.Experts[1].ID
	expect(t, fx.do("DELETE", base+"/"+rid+"/experts/"+eid+"/link", owner, nil), 204)
	rec = fx.do("POST", base+"/"+rid+"/experts/"+eid+"/link", owner, nil)
	expect(t, rec, 200)

	rec = fx.do("POST", base+"/"+rid+"/close", owner, nil)
	expect(t, rec, 200)
	closed := decode[evaluation.RoundClosed](t, rec)
	if closed.Stored != 1 || closed.WeightSet.WeightSet.AHP.Experts["round2-expert01"] != 2 {
		t.Fatalf("closed %+v", closed)
	}
	expect(t, fx.do("POST", base+"/"+rid+"/close", owner, nil), 409)
	expect(t, fx.do("GET", base+"/"+fx.objects[fx.cidB]["jrid"], owner, nil), 404)
}

// An owner issues rater links of a survey by the API, lists them and revokes one.
func TestRaterLinksAPI(t *testing.T) {
	fx := newFixture(t, noLimits())
	owner := fx.tokens[evaluation.RoleOwner]
	base := "/api/v1/commissions/" + fx.cidA + "/surveys/" + fx.objects[fx.cidA]["sid"] + "/rater-links"
	deadline := time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)
	rec := fx.do("POST", base, owner, map[string]any{"unit": "caihe", "group": "public", "count": 2, "deadline": deadline})
	expect(t, rec, 201)
	issued := decode[api.List[evaluation.IssuedRaterLink]](t, rec)
	if len(issued.Items) != 2 || !strings.HasPrefix(issued.Items[0].Path, "/r/") {
		t.Fatalf("issued %+v", issued)
	}
	expect(t, fx.do("POST", base, owner, map[string]any{"unit": "caihe", "group": "public", "count": 2, "open": true, "deadline": deadline}), 422)
	rec = fx.do("POST", base, owner, map[string]any{"unit": "caihe", "group": "public", "count": 1, "open": true, "deadline": deadline})
	expect(t, rec, 201)
	expect(t, fx.do("DELETE", base+"/"+issued.Items[0].ID, owner, nil), 204)
	rec = fx.do("GET", base, fx.tokens[evaluation.RoleViewer], nil)
	expect(t, rec, 200)
	ls := decode[api.List[evaluation.RaterLink]](t, rec)
	if len(ls.Items) != 4 { // the fixture's link and the three above
		t.Fatalf("links %+v", ls)
	}
	expect(t, fx.do("DELETE", base+"/"+fx.objects[fx.cidB]["lid"], owner, nil), 404)

	rec = fx.do("GET", base+"/board", owner, nil)
	expect(t, rec, 200)
	board := decode[evaluation.RaterBoard](t, rec)
	// The fixture's survey has three public responses for caihe (threshold 3): reported.
	if len(board.Cells) != 1 || board.Cells[0].Raters != 3 || board.Cells[0].Suppressed || board.Cells[0].Issued != 2 || board.Cells[0].OpenLinks != 1 {
		t.Fatalf("board %+v", board)
	}
}

// An owner sends reminders for a survey's unanswered personal rater links: the unanswered links
// (and only they) are reissued as CSV rows, the old links stop opening and the new ones open.
func TestRaterLinkRemindersAPI(t *testing.T) {
	fx := newFixture(t, noLimits())
	ctx := context.Background()
	owner := fx.tokens[evaluation.RoleOwner]
	base := "/api/v1/commissions/" + fx.cidA + "/surveys/" + fx.objects[fx.cidA]["sid"] + "/rater-links"
	deadline := time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)
	rec := fx.do("POST", base, owner, map[string]any{"unit": "caihe", "group": "public", "count": 3, "deadline": deadline})
	expect(t, rec, 201)
	issued := decode[api.List[evaluation.IssuedRaterLink]](t, rec).Items
	expect(t, fx.do("POST", base, owner, map[string]any{"unit": "caihe", "group": "public", "count": 1, "open": true, "deadline": deadline}), 201)
	expect(t, fx.do("DELETE", base+"/"+issued[0].ID, owner, nil), 204)
	secret := func(path string) string { return strings.TrimPrefix(path[strings.Index(path, "/r/"):], "/r/") }
	if _, err := fx.svc.SubmitRaterForm(ctx, secret(issued[1].Path), evaluation.RaterAnswers{}); err != nil {
		t.Fatal(err)
	}

	expect(t, fx.do("POST", base+"/reminders?group=nosuch", owner, nil), 422)
	expect(t, fx.do("POST", base+"/reminders?deadline=tomorrow", owner, nil), 422)
	expect(t, fx.do("POST", base+"/reminders", fx.tokens[evaluation.RoleViewer], nil), 403)
	rec = fx.do("POST", base+"/reminders?unit=caihe&group=public", owner, nil)
	expect(t, rec, 200)
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Fatalf("content type %q", ct)
	}
	rows, err := csv.NewReader(rec.Body).ReadAll()
	must(t, err)
	want := []string{"unit", "group", "link_id", "replaces", "named_rater", "link", "expires_at"}
	if len(rows) != 3 || strings.Join(rows[0], ",") != strings.Join(want, ",") {
		t.Fatalf("reminders %q", rows)
	}
	// The fixture's unanswered link (issued first) and issued[2]; not the revoked, submitted or open ones.
	if rows[1][3] != fx.objects[fx.cidA]["lid"] || rows[2][3] != issued[2].ID || rows[2][0] != "caihe" || rows[2][1] != "public" {
		t.Fatalf("reminders %q", rows)
	}
	if rows[2][6] != issued[2].Deadline.Format(time.RFC3339) || !strings.Contains(rows[2][5], "/r/") {
		t.Fatalf("reminder row %q (deadline %s)", rows[2], issued[2].Deadline)
	}
	if _, err := fx.svc.OpenRaterForm(ctx, secret(issued[2].Path)); !errors.Is(err, engine.ErrNotFound) {
		t.Fatalf("old link after the reminder: %v", err)
	}
	if f, err := fx.svc.OpenRaterForm(ctx, secret(rows[2][5])); err != nil || f.Unit.Code != "caihe" {
		t.Fatalf("new link: %+v %v", f, err)
	}
	// A new deadline moves the reissued links; the links reissued above are the unanswered ones now.
	later := time.Now().Add(96 * time.Hour).UTC().Truncate(time.Second)
	rec = fx.do("POST", base+"/reminders?deadline="+later.Format(time.RFC3339), owner, nil)
	expect(t, rec, 200)
	first := rows
	rows, err = csv.NewReader(rec.Body).ReadAll()
	must(t, err)
	// Links issued in one transaction share their time of issue, so compare as sets.
	if len(rows) != 3 || rows[1][6] != later.Format(time.RFC3339) || rows[2][6] != later.Format(time.RFC3339) ||
		!(rows[1][3] == first[1][2] && rows[2][3] == first[2][2] || rows[1][3] == first[2][2] && rows[2][3] == first[1][2]) {
		t.Fatalf("reminders with a deadline %q", rows)
	}
	rec = fx.do("GET", base+"/board", owner, nil)
	expect(t, rec, 200)
	if b := decode[evaluation.RaterBoard](t, rec); b.Cells[0].Issued != 3 || b.Cells[0].Submitted != 1 {
		t.Fatalf("board after reminders %+v", b)
	}
	// A named rater's reissued link keeps the rater's pseudonym (one rater across units).
	rec = fx.do("POST", base, owner, map[string]any{"unit": "caihe", "group": "public", "raters": []string{"r01"}, "deadline": deadline})
	expect(t, rec, 201)
	named := decode[api.List[evaluation.IssuedRaterLink]](t, rec).Items[0]
	rec = fx.do("POST", base+"/reminders", owner, nil)
	expect(t, rec, 200)
	rows, err = csv.NewReader(rec.Body).ReadAll()
	must(t, err)
	if len(rows) != 4 || rows[3][3] != named.ID || rows[3][4] != "yes" || rows[1][4] != "" {
		t.Fatalf("reminders with a named rater %q", rows)
	}
	all, err := fx.svc.ListRaterLinks(ctx, fx.actors[evaluation.RoleOwner], fx.cidA, fx.objects[fx.cidA]["sid"])
	must(t, err)
	pseudonyms := map[string]string{}
	for _, l := range all {
		pseudonyms[l.ID] = l.RaterPseudonym
	}
	if p := pseudonyms[rows[3][2]]; p == "" || p != pseudonyms[named.ID] {
		t.Fatalf("the reissued link's pseudonym %q, the old one's %q", p, pseudonyms[named.ID])
	}
}
