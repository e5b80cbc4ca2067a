package api_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"

	"evalbench/evaluation"
)

// access says who may call a route.
type access struct {
	public    bool                  // no token needed
	admin     bool                  // platform admins only (others: 403)
	instAdmin bool                  // institute (or platform) admins only (others: 403)
	perm      evaluation.Permission // a permission on the commission in the path (:cid)
	// own gives, for a route outside commissions, the path parameters of an object the caller
	// owns (e.g. one of its own tokens).
	own func(fx *fixture, role evaluation.Role) map[string]string
}

// ownToken issues a fresh token to the role's user and names it as :tid.
func ownToken(fx *fixture, role evaluation.Role) map[string]string {
	tok, err := fx.svc.CreateToken(context.Background(), fx.actors[role], evaluation.TokenInput{Name: "spare"})
	must(fx.t, err)
	return map[string]string{"tid": tok.ID}
}

// matrix is the authorization matrix: every route the router registers must have a row here,
// written independently of the route table, so a route added without thinking about who may
// call it fails TestAuthorizationMatrix.
var matrix = merge(matrixCore, matrixSurveys, matrixWeights, matrixRuns, matrixReports, matrixRounds)

func merge(ms ...map[string]access) map[string]access {
	out := map[string]access{}
	for _, m := range ms {
		for k, v := range m {
			if _, dup := out[k]; dup {
				panic("authorization matrix: two rows for " + k)
			}
			out[k] = v
		}
	}
	return out
}

var matrixCore = map[string]access{
	"GET /healthz":             {public: true},
	"GET /api/v1/openapi.json": {public: true},

	"GET /api/v1/me":             {},
	"POST /api/v1/institutes":    {admin: true},
	"GET /api/v1/institutes":     {},
	"POST /api/v1/users":         {instAdmin: true},
	"GET /api/v1/users":          {},
	"POST /api/v1/tokens":        {},
	"GET /api/v1/tokens":         {},
	"DELETE /api/v1/tokens/:tid": {own: ownToken},
	"POST /api/v1/commissions":   {},
	"GET /api/v1/commissions":    {},
	"GET /api/v1/audit":          {},

	"GET /api/v1/audit/checkpoints":  {},
	"POST /api/v1/audit/checkpoints": {instAdmin: true},

	"GET /api/v1/commissions/:cid":                       {perm: evaluation.PermRead},
	"PATCH /api/v1/commissions/:cid":                     {perm: evaluation.PermManage},
	"POST /api/v1/commissions/:cid/transitions":          {perm: evaluation.PermManage},
	"GET /api/v1/commissions/:cid/units":                 {perm: evaluation.PermRead},
	"POST /api/v1/commissions/:cid/units":                {perm: evaluation.PermUnits},
	"GET /api/v1/commissions/:cid/members":               {perm: evaluation.PermRead},
	"POST /api/v1/commissions/:cid/members":              {perm: evaluation.PermManage},
	"DELETE /api/v1/commissions/:cid/members/:uid/:role": {perm: evaluation.PermManage},

	"POST /api/v1/commissions/:cid/frameworks":                {perm: evaluation.PermFramework},
	"POST /api/v1/commissions/:cid/frameworks/import":         {perm: evaluation.PermFramework},
	"GET /api/v1/commissions/:cid/frameworks":                 {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/frameworks/:fid":            {perm: evaluation.PermRead},
	"PUT /api/v1/commissions/:cid/frameworks/:fid":            {perm: evaluation.PermFramework},
	"GET /api/v1/commissions/:cid/frameworks/:fid/export":     {perm: evaluation.PermRead},
	"POST /api/v1/commissions/:cid/datasets":                  {perm: evaluation.PermData},
	"GET /api/v1/commissions/:cid/datasets":                   {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/datasets/compare":           {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/datasets/:did":              {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/datasets/:did/observations": {perm: evaluation.PermRead},
	"GET /api/v1/commissions/:cid/datasets/:did/export":       {perm: evaluation.PermRead},
	"POST /api/v1/commissions/:cid/datasets/:did/freeze":      {perm: evaluation.PermData},
}

var param = regexp.MustCompile(`:([A-Za-z_]+)`)

// TestAuthorizationMatrix enumerates every registered route and, for commission routes, every
// role × {own commission, another institute's commission, a nonexistent id}:
//   - without a token: 401 (public routes: not 401);
//   - a role with the permission on its own commission: not 401/403/404/5xx;
//   - a role without it: 403;
//   - another institute's commission, and an id that does not exist: 404 for every role.
func TestAuthorizationMatrix(t *testing.T) {
	fx := newFixture(t, noLimits())
	seen := map[string]bool{}
	var keys []string
	for _, r := range fx.srv.Echo().Routes() {
		key := r.Method + " " + r.Path
		if seen[key] || strings.HasSuffix(r.Path, "/*") {
			continue
		}
		seen[key] = true
		keys = append(keys, key)
	}
	sort.Strings(keys)
	for _, key := range keys {
		rule, ok := matrix[key]
		if !ok {
			t.Errorf("route %s has no row in the authorization matrix", key)
			continue
		}
		method, path, _ := strings.Cut(key, " ")
		t.Run(key, func(t *testing.T) {
			fx.checkRoute(t, method, path, rule)
		})
	}
	for key := range matrix {
		if !seen[key] {
			t.Errorf("matrix row %s names no registered route", key)
		}
	}
}

func (fx *fixture) checkRoute(t *testing.T, method, path string, rule access) {
	body := any(nil)
	if method == http.MethodPost || method == http.MethodPut || method == http.MethodPatch {
		body = "{}"
	}
	const nonexistent = "00000000-0000-4000-8000-000000000000"
	fill := func(cid, path string) string {
		return param.ReplaceAllStringFunc(path, func(m string) string {
			name := m[1:]
			if name == "cid" {
				return cid
			}
			if id, ok := fx.objects[cid][name]; ok {
				return id
			}
			return nonexistent
		})
	}
	// Without a token.
	rec := fx.do(method, fill(fx.cidA, path), "", body)
	if rule.public {
		if rec.Code == 401 || rec.Code >= 500 {
			t.Errorf("public route without token: %d %s", rec.Code, rec.Body)
		}
		return
	}
	if rec.Code != 401 {
		t.Errorf("without a token: %d, want 401", rec.Code)
	}
	if rule.perm == "" {
		for _, role := range evaluation.Roles {
			p := path
			if rule.own != nil {
				for k, v := range rule.own(fx, role) {
					p = strings.ReplaceAll(p, ":"+k, v)
				}
			}
			rec := fx.do(method, fill(fx.cidA, p), fx.tokens[role], body)
			want := "allowed"
			if rule.admin || rule.instAdmin {
				want = "403"
			}
			check(t, fmt.Sprintf("%s (no commission)", role), rec.Code, want, rec.Body.String())
		}
		if rule.instAdmin {
			rec := fx.do(method, fill(fx.cidA, path), fx.instAdmin, body)
			check(t, "institute admin", rec.Code, "allowed", rec.Body.String())
		}
		if rule.admin || rule.instAdmin {
			rec := fx.do(method, fill(fx.cidA, path), fx.admin, body)
			check(t, "platform admin", rec.Code, "allowed", rec.Body.String())
		}
		return
	}
	for _, role := range evaluation.Roles {
		tok := fx.tokens[role]
		want := "403"
		if evaluation.Allows([]evaluation.Role{role}, rule.perm) {
			want = "allowed"
		}
		rec := fx.do(method, fill(fx.cidA, path), tok, body)
		check(t, string(role)+" on own commission", rec.Code, want, rec.Body.String())
		rec = fx.do(method, fill(fx.cidB, path), tok, body)
		check(t, string(role)+" on another institute's commission", rec.Code, "404", rec.Body.String())
		rec = fx.do(method, fill(nonexistent, path), tok, body)
		check(t, string(role)+" on a nonexistent commission", rec.Code, "404", rec.Body.String())
	}
	rec = fx.do(method, fill(fx.cidA, path), fx.outsider, body)
	check(t, "outsider (same institute, no role)", rec.Code, "404", rec.Body.String())
}

func check(t *testing.T, who string, got int, want, body string) {
	t.Helper()
	switch want {
	case "allowed":
		if got == 401 || got == 403 || got == 404 || got >= 500 {
			t.Errorf("%s: %d, want an authorized answer: %s", who, got, body)
		}
	default:
		if fmt.Sprint(got) != want {
			t.Errorf("%s: %d, want %s: %s", who, got, want, body)
		}
	}
}
