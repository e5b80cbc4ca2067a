package api_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/messages"
)

// Concurrent writers with the same If-Match: exactly one wins, the others get 412.
func TestIfMatchConcurrentWritersExactlyOneWins(t *testing.T) {
	fx := newFixture(t, noLimits())
	path := "/api/v1/commissions/" + fx.cidA
	rec := fx.do("GET", path, fx.tokens[evaluation.RoleOwner], nil)
	expect(t, rec, 200)
	tag := rec.Header().Get("ETag")
	if tag != `"2"` && tag != `"1"` {
		t.Fatalf("ETag = %q", tag)
	}
	const writers = 12
	codes := make([]int, writers)
	details := make([]messages.ID, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := map[string]string{"description": strings.Repeat("改", i+1)}
			rec := fx.do("PATCH", path, fx.tokens[evaluation.RoleOwner], body, "If-Match", tag)
			codes[i] = rec.Code
			if rec.Code == 412 {
				var p api.Problem
				_ = json.Unmarshal(rec.Body.Bytes(), &p) // not decode: t.Fatal belongs to the test's goroutine
				details[i] = p.DetailID
			}
		}()
	}
	wg.Wait()
	won := 0
	for i, c := range codes {
		switch c {
		case 200:
			won++
		case 412:
			// Lost at the service's check or at the store's: either way a catalogued detail.
			if details[i] != messages.ProblemDetailStaleVersionAt && details[i] != messages.ProblemDetailStaleVersion {
				t.Errorf("writer %d: 412 detail %q", i, details[i])
			}
		default:
			t.Fatalf("writer got %d; codes %v", c, codes)
		}
	}
	if won != 1 {
		t.Fatalf("%d writers won, want exactly 1 (codes %v)", won, codes)
	}
	// Missing If-Match: 428; stale: 412; current: 200 with the next ETag.
	expect(t, fx.do("PATCH", path, fx.tokens[evaluation.RoleOwner], map[string]string{"title": "x"}), 428)
	expect(t, fx.do("PATCH", path, fx.tokens[evaluation.RoleOwner], map[string]string{"title": "x"}, "If-Match", tag), 412)
	cur := fx.do("GET", path, fx.tokens[evaluation.RoleOwner], nil).Header().Get("ETag")
	rec = fx.do("PATCH", path, fx.tokens[evaluation.RoleOwner], map[string]string{"title": "新标题"}, "If-Match", cur)
	expect(t, rec, 200)
	if got := decode[evaluation.Commission](t, rec); got.Title != "新标题" || rec.Header().Get("ETag") == cur {
		t.Fatalf("after update: %+v, ETag %s", got, rec.Header().Get("ETag"))
	}
}

func TestLifecycleTransitions(t *testing.T) {
	fx := newFixture(t, noLimits())
	path := "/api/v1/commissions/" + fx.cidA + "/transitions"
	tok := fx.tokens[evaluation.RoleOwner]
	rec := fx.do("POST", path, tok, map[string]string{"to": "computing"})
	expect(t, rec, 409)
	p := decode[api.Problem](t, rec)
	if !strings.Contains(p.Detail, "委托不能从“草拟中”转为“计算中”") || p.DetailID != messages.ConflictTransition {
		t.Fatalf("409 detail %q does not give the reason", p.Detail)
	}
	for _, to := range []string{"collecting", "weighting", "computing", "review"} {
		rec := fx.do("POST", path, tok, map[string]string{"to": to})
		expect(t, rec, 200)
		if got := decode[evaluation.Commission](t, rec).Status; string(got) != to {
			t.Fatalf("status %s, want %s", got, to)
		}
	}
	rec = fx.do("POST", path, tok, map[string]string{"to": "published"}, "Accept-Language", "en")
	expect(t, rec, 409)
	if p := decode[api.Problem](t, rec); !strings.Contains(p.Detail, "signed report") {
		t.Fatalf("publishing by status change: %q", p.Detail)
	}
	expect(t, fx.do("POST", path, tok, map[string]string{"to": "nonsense"}), 422)
}

// Every route the router serves is in the OpenAPI document, and the document is valid OpenAPI 3.
func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	fx := newFixture(t, noLimits())
	rec := fx.do("GET", "/api/v1/openapi.json", "", nil)
	expect(t, rec, 200)
	doc, err := openapi3.NewLoader().LoadFromData(rec.Body.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the OpenAPI document is invalid: %v", err)
	}
	for _, r := range fx.srv.Echo().Routes() {
		item := doc.Paths.Find(api.OpenAPIPath(r.Path))
		if item == nil || item.GetOperation(r.Method) == nil {
			t.Errorf("route %s %s is not documented", r.Method, r.Path)
		}
	}
}

func TestProblemDetailsAndRequestIDs(t *testing.T) {
	fx := newFixture(t, noLimits())
	fx.srv.Echo().GET("/boom", func(echo.Context) error {
		return errors.New("pq: password authentication failed for user secret_admin")
	})
	rec := fx.do("GET", "/boom", "", nil)
	expect(t, rec, 500)
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type %q", ct)
	}
	if strings.Contains(rec.Body.String(), "secret_admin") || strings.Contains(rec.Body.String(), "pq:") {
		t.Fatalf("a 500 leaked internal text: %s", rec.Body)
	}
	p := decode[api.Problem](t, rec)
	if p.Type != "urn:evalbench:problem:internal" || p.RequestID == "" || p.RequestID != rec.Header().Get("X-Request-Id") {
		t.Fatalf("problem %+v, request id header %q", p, rec.Header().Get("X-Request-Id"))
	}
	// Validation errors list each field.
	rec = fx.do("POST", "/api/v1/commissions", fx.tokens[evaluation.RoleOwner], map[string]any{"title": "", "period_start": 2020, "period_end": 2016, "evaluated_period": "20x"})
	expect(t, rec, 422)
	p = decode[api.Problem](t, rec)
	fields := map[string]bool{}
	for _, e := range p.Errors {
		fields[e.Field] = true
	}
	for _, f := range []string{"title", "client", "period_end", "evaluated_period"} {
		if !fields[f] {
			t.Errorf("validation problem lacks field %s: %+v", f, p.Errors)
		}
	}
	// Unknown fields and malformed JSON.
	expect(t, fx.do("POST", "/api/v1/commissions", fx.tokens[evaluation.RoleOwner], `{"titel": "typo"}`), 422)
	expect(t, fx.do("POST", "/api/v1/commissions", fx.tokens[evaluation.RoleOwner], `{"title": `), 400)
	// Every response carries a request id, errors included.
	for _, r := range []struct{ method, path string }{{"GET", "/healthz"}, {"GET", "/api/v1/me"}, {"GET", "/nope"}} {
		if fx.do(r.method, r.path, "", nil).Header().Get("X-Request-Id") == "" {
			t.Errorf("%s %s: no X-Request-Id", r.method, r.path)
		}
	}
}

func TestBodyLimitAndPageLimit(t *testing.T) {
	cfg := noLimits()
	cfg.BodyLimit = 1024
	fx := newFixture(t, cfg)
	big := `{"title": "` + strings.Repeat("长", 2000) + `"}`
	rec := fx.do("POST", "/api/v1/commissions", fx.tokens[evaluation.RoleOwner], big)
	expect(t, rec, 413)
	expect(t, fx.do("GET", "/api/v1/commissions?limit=501", fx.tokens[evaluation.RoleOwner], nil), 422)
	expect(t, fx.do("GET", "/api/v1/commissions?limit=1", fx.tokens[evaluation.RoleOwner], nil), 200)
}

func TestRateLimitPerToken(t *testing.T) {
	cfg := api.DefaultConfig()
	cfg.RateLimit, cfg.RateBurst = 1, 5
	fx := newFixture(t, cfg)
	var limited int
	for range 10 {
		if c := fx.do("GET", "/api/v1/me", fx.tokens[evaluation.RoleViewer], nil).Code; c == http.StatusTooManyRequests {
			limited++
		}
	}
	if limited < 4 {
		t.Fatalf("%d of 10 rapid requests were limited, want ≥ 4 (burst 5, 1/s)", limited)
	}
	// Another token has its own budget.
	expect(t, fx.do("GET", "/api/v1/me", fx.tokens[evaluation.RoleOwner], nil), 200)
}

func TestTokensShownOnceStoredHashedRevocable(t *testing.T) {
	fx := newFixture(t, noLimits())
	owner := fx.tokens[evaluation.RoleOwner]
	rec := fx.do("POST", "/api/v1/tokens", owner, map[string]string{"name": "laptop"})
	expect(t, rec, 201)
	nt := decode[evaluation.NewToken](t, rec)
	if !strings.HasPrefix(nt.Secret, "evb_") || len(nt.Secret) != 47 {
		t.Fatalf("token %q: want evb_ + 43 base64url characters (256 bits)", nt.Secret)
	}
	var n int
	must(t, fx.db.SQL().Get(&n, `SELECT count(*) FROM api_tokens WHERE encode(token_sha256, 'escape') LIKE '%'||$1||'%' OR prefix = $1`, nt.Secret))
	if n != 0 {
		t.Fatal("the token secret is stored in the database")
	}
	expect(t, fx.do("GET", "/api/v1/me", nt.Secret, nil), 200)
	rec = fx.do("GET", "/api/v1/tokens", owner, nil)
	expect(t, rec, 200)
	if strings.Contains(rec.Body.String(), nt.Secret) {
		t.Fatal("listing shows a secret")
	}
	ts := decode[api.List[evaluation.Token]](t, rec)
	var found *evaluation.Token
	for i := range ts.Items {
		if ts.Items[i].ID == nt.ID {
			found = &ts.Items[i]
		}
	}
	if found == nil || found.LastUsedAt == nil {
		t.Fatalf("token not listed with its last use: %+v", ts.Items)
	}
	// Another institute's user cannot see or revoke it: 404, not 403.
	expect(t, fx.do("DELETE", "/api/v1/tokens/"+nt.ID, fx.ownerB, nil), 404)
	expect(t, fx.do("GET", "/api/v1/tokens?user="+fx.actors[evaluation.RoleOwner].UserID, fx.ownerB, nil), 404)
	expect(t, fx.do("DELETE", "/api/v1/tokens/"+nt.ID, owner, nil), 204)
	expect(t, fx.do("GET", "/api/v1/me", nt.Secret, nil), 401)
	expect(t, fx.do("DELETE", "/api/v1/tokens/"+nt.ID, owner, nil), 409)
}

func TestAuditListedPerCommission(t *testing.T) {
	fx := newFixture(t, noLimits())
	rec := fx.do("GET", "/api/v1/audit?commission="+fx.cidA, fx.tokens[evaluation.RoleReviewer], nil)
	expect(t, rec, 200)
	l := decode[api.List[evaluation.AuditEntry]](t, rec)
	actions := map[string]int{}
	for _, e := range l.Items {
		if e.CommissionID != fx.cidA {
			t.Fatalf("entry of another commission listed: %+v", e)
		}
		actions[e.Action]++
	}
	if actions["commission.create"] != 1 || actions["member.grant"] != 5 || actions["units.upsert"] != 1 {
		t.Fatalf("audit actions %v", actions)
	}
	var changes map[string]any
	must(t, json.Unmarshal(l.Items[0].Changes, &changes))
	if changes["title"] != "江干区“十三五”规划中期评估" || l.Items[0].RequestID != "" && l.Items[0].ActorName == "" {
		t.Fatalf("first entry %+v", l.Items[0])
	}
	expect(t, fx.do("GET", "/api/v1/audit?commission="+fx.cidA, fx.tokens[evaluation.RoleViewer], nil), 403)
	expect(t, fx.do("GET", "/api/v1/audit?commission="+fx.cidA, fx.ownerB, nil), 404)
}
