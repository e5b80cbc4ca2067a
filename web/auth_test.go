package web_test

import (
	"context"
	"crypto/tls"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/evaluation/ingest"
	"evalbench/messages"
	"evalbench/reports"
	"evalbench/store/storetest"
	"evalbench/web"
)

// people is a small installation for the sign-in and authorization tests: institute A with a
// commission and a user in each role on it, institute B with its own commission and owner, and
// a platform admin — everyone with a password.
type people struct {
	t       *testing.T
	svc     *evaluation.Service
	handler http.Handler
	clock   *testClock
	own     *evaluation.Commission // institute A's
	foreign *evaluation.Commission // institute B's
	users   map[string]*evaluation.User
	secrets map[string]string // caller → session secret
}

// callers are the kinds of caller the matrix walks: anonymous, each commission role on A's
// commission, B's owner (another institute's user) and a platform admin.
var callers = []string{"anonymous", "owner", "evaluator", "expert", "reviewer", "viewer", "other-institute", "platform-admin"}

const password = "a long enough password"

type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// newPeople makes the installation; opts follow the defaults (a reporter that prints PDFs, for
// a test that publishes).
func newPeople(t *testing.T, cfg web.Config, opts ...evaluation.Option) *people {
	t.Helper()
	db, _ := storetest.New(t)
	ctx := context.Background()
	clk := &testClock{t: time.Now().UTC().Truncate(time.Microsecond)}
	svc := evaluation.NewService(db, append([]evaluation.Option{evaluation.WithClock(clk.now), evaluation.WithCodec(ingest.Codec{}), evaluation.WithReporter(reports.Builder{})}, opts...)...)
	sys := evaluation.SystemActor("test")
	p := &people{t: t, svc: svc, clock: clk, users: map[string]*evaluation.User{}, secrets: map[string]string{}}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	a, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "a", Name: "A"})
	must(err)
	b, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "b", Name: "B"})
	must(err)
	user := func(key, inst string, platform bool) *evaluation.User {
		u, err := svc.CreateUser(ctx, sys, evaluation.UserInput{InstituteID: inst, Name: "user-" + key, PlatformAdmin: platform})
		must(err)
		must(svc.SetPassword(ctx, sys, u.ID, password))
		p.users[key] = u
		return u
	}
	actor := func(u *evaluation.User) evaluation.Actor {
		return evaluation.Actor{UserID: u.ID, Name: u.Name, InstituteID: u.InstituteID, PlatformAdmin: u.PlatformAdmin}
	}
	owner := user("owner", a.ID, false)
	in := evaluation.CommissionInput{Title: "江干区政府绩效评估", Client: "江干区人民政府", PeriodStart: 2016, PeriodEnd: 2020, EvaluatedPeriod: "2016"}
	p.own, err = svc.CreateCommission(ctx, actor(owner), in)
	must(err)
	_, err = svc.UpsertUnits(ctx, actor(owner), p.own.ID, []engine.Unit{{Code: "u1", Name: "凯旋街道", Kind: engine.UnitSubdistrict}})
	must(err)
	for _, r := range []evaluation.Role{evaluation.RoleEvaluator, evaluation.RoleExpert, evaluation.RoleReviewer, evaluation.RoleViewer} {
		u := user(string(r), a.ID, false)
		_, err := svc.Grant(ctx, actor(owner), p.own.ID, u.ID, r)
		must(err)
	}
	other := user("other-institute", b.ID, false)
	in.Title = "B的委托"
	p.foreign, err = svc.CreateCommission(ctx, actor(other), in)
	must(err)
	user("platform-admin", "", true)
	for key, u := range p.users {
		x, err := svc.SignIn(ctx, evaluation.SigninInput{Login: u.Name, Password: password, Address: "192.0.2.9"})
		must(err)
		p.secrets[key] = x.Secret
	}
	p.handler = web.New(svc, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	return p
}

// do sends a request as caller (its session cookie) to the handler; a POST carries form with
// the caller's CSRF token and this site's Origin.
func (p *people) do(caller, method, target string, form url.Values) *httptest.ResponseRecorder {
	var body io.Reader
	if method == "POST" {
		if form == nil {
			form = url.Values{}
		}
		if secret := p.secrets[caller]; secret != "" {
			form.Set("csrf", evaluation.CSRFToken(secret))
		} else {
			form.Set("csrf", preToken)
		}
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, target, body)
	req.RemoteAddr = "192.0.2.1:1234"
	if method == "POST" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "http://example.com")
	}
	if secret := p.secrets[caller]; secret != "" {
		req.AddCookie(&http.Cookie{Name: "evb_session", Value: secret})
	} else {
		req.AddCookie(&http.Cookie{Name: "evb_csrf", Value: preToken})
	}
	rec := httptest.NewRecorder()
	p.handler.ServeHTTP(rec, req)
	return rec
}

// preToken is the pre-session double-submit token anonymous callers hold (43 characters, as the
// server makes them).
var preToken = strings.Repeat("T", 43)

// pageAccess is a row of the page matrix, written independently of web's route table.
type pageAccess struct {
	access web.Access
	perm   evaluation.Permission
	form   url.Values // a POST's fields (besides csrf)
	status int        // the status of a public route (or of a signed-in caller on a signed-in one)
	spends bool       // the request ends the caller's session: use a fresh one
	// ok is the status of a commission route for a caller with the permission (200 when 0):
	// a POST's form is refused (400), or names a framework or dataset that does not exist (404).
	ok int
	// callers overrides the status of a public or signed-in route for some callers.
	callers map[string]int
}

var pageMatrix = map[string]pageAccess{
	"GET /{$}":                   {access: web.Public, status: 200},
	"GET /verify":                {access: web.Public, status: 200},
	"POST /verify":               {access: web.Public, status: 400}, // no envelope
	"GET /api/docs":              {access: web.Public, status: 200},
	"GET /signin":                {access: web.Public, status: 200},
	"POST /signin":               {access: web.Public, status: 401, form: url.Values{"user": {"nobody"}, "password": {"wrong"}}},
	"POST /signout":              {access: web.Public, status: 303, spends: true},
	"GET /set-password/{token}":  {access: web.Public, status: 404},
	"GET /signin/link/{token}":   {access: web.Public, status: 404},
	"POST /set-password/{token}": {access: web.Public, status: 404, form: url.Values{"password": {password}, "confirm": {password}}},
	"GET /commissions":           {access: web.SignedIn, status: 200},
	"GET /commissions/{id}":      {access: web.Commission, perm: evaluation.PermRead},
	// A capability link opens only its own form: an unknown (altered) link answers the same 404
	// to everyone, signed in or not.
	"GET /q/{link}":  {access: web.Link, status: 404},
	"POST /q/{link}": {access: web.Link, status: 404, form: url.Values{"submit": {"1"}}},
	"GET /r/{link}":  {access: web.Link, status: 404},
	"POST /r/{link}": {access: web.Link, status: 404, form: url.Values{"submit": {"1"}}},
	// The commission workbench (commission_*.go): each form is sent with a problem, so that it
	// changes nothing; a platform admin belongs to no institute and creates no commission.
	"POST /commissions":                            {access: web.SignedIn, status: 400, form: url.Values{"title": {""}}, callers: map[string]int{"platform-admin": 403}},
	"POST /commissions/{id}/units":                 {access: web.Commission, perm: evaluation.PermUnits, ok: 400, form: url.Values{"code": {"1 bad"}, "name": {"x"}}},
	"POST /commissions/{id}/members":               {access: web.Commission, perm: evaluation.PermManage, ok: 400, form: url.Values{"role": {"nobody"}}},
	"POST /commissions/{id}/members/revoke":        {access: web.Commission, perm: evaluation.PermManage, ok: 404, form: url.Values{"role": {"nobody"}}},
	"GET /commissions/{id}/frameworks":             {access: web.Commission, perm: evaluation.PermRead},
	"POST /commissions/{id}/frameworks":            {access: web.Commission, perm: evaluation.PermFramework, ok: 400},
	"GET /commissions/{id}/frameworks/{fid}":       {access: web.Commission, perm: evaluation.PermRead, ok: 404},
	"GET /commissions/{id}/datasets":               {access: web.Commission, perm: evaluation.PermRead},
	"POST /commissions/{id}/datasets":              {access: web.Commission, perm: evaluation.PermData, ok: 400},
	"GET /commissions/{id}/datasets/compare":       {access: web.Commission, perm: evaluation.PermRead},
	"GET /commissions/{id}/datasets/{did}":         {access: web.Commission, perm: evaluation.PermRead, ok: 404},
	"POST /commissions/{id}/datasets/{did}/freeze": {access: web.Commission, perm: evaluation.PermData, ok: 404},
	// Runs, reports, acceptance and audit: a permitted caller gets status (the run {rid} is one
	// that does not exist; the empty run form and decision are refused by the service).
	"GET /commissions/{id}/runs":                {access: web.Commission, perm: evaluation.PermRead},
	"POST /commissions/{id}/runs":               {access: web.Commission, perm: evaluation.PermRuns, ok: 422},
	"GET /commissions/{id}/runs/{rid}":          {access: web.Commission, perm: evaluation.PermRead, ok: 404},
	"GET /commissions/{id}/runs/{rid}/progress": {access: web.Commission, perm: evaluation.PermRead, ok: 404},
	"GET /commissions/{id}/runs/{rid}/events":   {access: web.Commission, perm: evaluation.PermRead, ok: 404},
	"GET /commissions/{id}/runs/{rid}/report":   {access: web.Commission, perm: evaluation.PermRuns, ok: 404},
	"POST /commissions/{id}/runs/{rid}/publish": {access: web.Commission, perm: evaluation.PermPublish, ok: 404},
	"POST /commissions/{id}/runs/{rid}/cancel":  {access: web.Commission, perm: evaluation.PermRuns, ok: 404},
	"GET /commissions/{id}/reports":             {access: web.Commission, perm: evaluation.PermRead},
	"GET /commissions/{id}/acceptance":          {access: web.Commission, perm: evaluation.PermRead},
	"POST /commissions/{id}/acceptance":         {access: web.Commission, perm: evaluation.PermAccept, ok: 422, form: url.Values{"decision": {"accept"}}},
	"GET /commissions/{id}/audit":               {access: web.Commission, perm: evaluation.PermAudit},
	"GET /commissions/{id}/weight-sets":         {access: web.Commission, perm: evaluation.PermRead},
	"GET /commissions/{id}/weight-sets/compare": {access: web.Commission, perm: evaluation.PermRead, ok: 400},
	"GET /commissions/{id}/weight-sets/{wid}":   {access: web.Commission, perm: evaluation.PermRead, ok: 404},
	// Adjusting a weight (the set {wid} does not exist).
	"GET /commissions/{id}/weight-sets/{wid}/preview": {access: web.Commission, perm: evaluation.PermJudge, ok: 404},
	"POST /commissions/{id}/weight-sets/{wid}/adjust": {access: web.Commission, perm: evaluation.PermJudge, ok: 404,
		form: url.Values{"criterion": {"root:economy"}, "weight": {"0.3"}, "reason": {"x"}}},
	// Judgment rounds and surveys (rounds_pages.go, survey_pages.go): the weight set, round,
	// expert, survey and link are ones that do not exist.
	"GET /commissions/{id}/weight-sets/{wid}/rounds":                               {access: web.Commission, perm: evaluation.PermRead, ok: 404},
	"POST /commissions/{id}/weight-sets/{wid}/rounds":                              {access: web.Commission, perm: evaluation.PermWeights, ok: 404, form: url.Values{"experts": {"张三，大学"}, "deadline": {"2099-01-01"}}},
	"GET /commissions/{id}/weight-sets/{wid}/rounds/{jrid}":                        {access: web.Commission, perm: evaluation.PermRead, ok: 404},
	"POST /commissions/{id}/weight-sets/{wid}/rounds/{jrid}/experts/{eid}/reissue": {access: web.Commission, perm: evaluation.PermWeights, ok: 404},
	"POST /commissions/{id}/weight-sets/{wid}/rounds/{jrid}/experts/{eid}/revoke":  {access: web.Commission, perm: evaluation.PermWeights, ok: 404},
	"POST /commissions/{id}/weight-sets/{wid}/rounds/{jrid}/reminders":             {access: web.Commission, perm: evaluation.PermWeights, ok: 404},
	"POST /commissions/{id}/weight-sets/{wid}/rounds/{jrid}/close":                 {access: web.Commission, perm: evaluation.PermWeights, ok: 404},
	"GET /commissions/{id}/surveys":                                                {access: web.Commission, perm: evaluation.PermRead},
	"GET /commissions/{id}/surveys/{sid}/links":                                    {access: web.Commission, perm: evaluation.PermRead, ok: 404},
	"POST /commissions/{id}/surveys/{sid}/links":                                   {access: web.Commission, perm: evaluation.PermSurveys, ok: 404, form: url.Values{"unit": {"u"}, "group": {"peer"}, "count": {"1"}, "deadline": {"2099-01-01"}}},
	"POST /commissions/{id}/surveys/{sid}/links/reminders":                         {access: web.Commission, perm: evaluation.PermSurveys, ok: 404},
	"POST /commissions/{id}/surveys/{sid}/links/{lid}/revoke":                      {access: web.Commission, perm: evaluation.PermSurveys, ok: 404},
	"GET /commissions/{id}/surveys/{sid}/enumerate":                                {access: web.Commission, perm: evaluation.PermSurveys, ok: 404},
	"POST /commissions/{id}/surveys/{sid}/enumerate":                               {access: web.Commission, perm: evaluation.PermSurveys, ok: 404, form: url.Values{"unit": {"u"}, "group": {"peer"}, "respondent": {strings.Repeat("r", 22)}, "i|q1": {"1"}}},
	// The rectification items: raising without a source or a deadline is refused by the service;
	// the item {xid} does not exist.
	"GET /commissions/{id}/rectifications":              {access: web.Commission, perm: evaluation.PermRead},
	"POST /commissions/{id}/rectifications":             {access: web.Commission, perm: evaluation.PermRuns, ok: 422},
	"POST /commissions/{id}/rectifications/from-run":    {access: web.Commission, perm: evaluation.PermRuns, ok: 422},
	"POST /commissions/{id}/rectifications/{xid}/close": {access: web.Commission, perm: evaluation.PermRuns, ok: 404, form: url.Values{"version": {"1"}}},
	"POST /commissions/{id}/rectifications/{xid}/audit": {access: web.Commission, perm: evaluation.PermRuns, ok: 404, form: url.Values{"version": {"1"}}},
}

// TestPageAuthorizationMatrix walks every page route × caller (anonymous, each role on
// institute A's commission, institute B's user, a platform admin) × commission (A's, B's, one
// that does not exist) and checks the status: public pages answer everyone; signed-in pages
// send the anonymous to /signin (303); commission pages answer 200 to a role with the
// permission, 404 alike for another tenant's commission and a missing one. A route missing from
// the matrix, or a matrix row without a route, fails.
func TestPageAuthorizationMatrix(t *testing.T) {
	p := newPeople(t, web.DefaultConfig())
	seen := map[string]bool{}
	checked := 0
	for _, rt := range web.Routes() {
		key := rt.Method + " " + rt.Pattern
		seen[key] = true
		row, ok := pageMatrix[key]
		if !ok {
			t.Errorf("page route %s is not in the authorization matrix", key)
			continue
		}
		if row.access != rt.Access || row.perm != rt.Permission {
			t.Errorf("%s: the route table says %s %q, the matrix %s %q", key, rt.Access, rt.Permission, row.access, row.perm)
		}
		if rt.Method == "POST" && rt.NoCSRF == "" {
			// A POST without the token is refused before anything else.
			req := httptest.NewRequest("POST", strings.NewReplacer("{$}", "", "{token}", "evp_x", "{id}", p.own.ID, "{fid}", missing, "{did}", missing, "{wid}", missing, "{jrid}", missing, "{eid}", missing, "{sid}", missing, "{lid}", missing).Replace(rt.Pattern), strings.NewReader("a=b"))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.AddCookie(&http.Cookie{Name: "evb_session", Value: p.secrets["owner"]})
			rec := httptest.NewRecorder()
			p.handler.ServeHTTP(rec, req)
			if rec.Code != 403 {
				t.Errorf("%s without a CSRF token: %d, want 403", key, rec.Code)
			}
			checked++
		}
		targets := map[string]string{"-": ""}
		if strings.Contains(rt.Pattern, "{id}") {
			targets = map[string]string{"own": p.own.ID, "foreign": p.foreign.ID, "missing": missing}
		}
		for _, caller := range callers {
			for which, id := range targets {
				path := strings.NewReplacer("{$}", "", "{token}", "evp_"+strings.Repeat("A", 43), "{id}", id, "{link}", strings.Repeat("A", 43), "{fid}", missing, "{did}", missing, "{rid}", "00000000-0000-4000-8000-000000000001", "{wid}", "00000000-0000-4000-8000-000000000002",
					"{jrid}", "00000000-0000-4000-8000-000000000003", "{eid}", "00000000-0000-4000-8000-000000000004", "{sid}", "00000000-0000-4000-8000-000000000005", "{lid}", "00000000-0000-4000-8000-000000000006", "{xid}", "00000000-0000-4000-8000-000000000007").Replace(rt.Pattern)
				want := row.status
				if s, ok := row.callers[caller]; ok {
					want = s
				}
				ok := 200
				if row.ok != 0 {
					ok = row.ok
				}
				switch {
				case rt.Access == web.Public, rt.Access == web.Link:
				case caller == "anonymous":
					want = 303
				case rt.Access == web.Commission:
					want = 404
					switch {
					case caller == "platform-admin": // every permission but judging and accepting
						if which != "missing" {
							want = 403
							if (evaluation.Access{Platform: true}).Can(row.perm) {
								want = ok
							}
						}
					case caller == "other-institute": // B's owner: B's commission is theirs, A's is foreign
						if which == "foreign" {
							want = 403
							if evaluation.Allows([]evaluation.Role{evaluation.RoleOwner}, row.perm) {
								want = ok
							}
						}
					case which == "own":
						roles := []evaluation.Role{evaluation.Role(caller)}
						if evaluation.Allows(roles, row.perm) {
							want = ok
						} else {
							want = 403
						}
					}
				}
				if row.spends && caller != "anonymous" {
					u := p.users[caller]
					x, err := p.svc.SignIn(context.Background(), evaluation.SigninInput{Login: u.Name, Password: password, Address: "192.0.2.9"})
					if err != nil {
						t.Fatal(err)
					}
					p.secrets["spent"] = x.Secret
				}
				var form url.Values
				if row.form != nil {
					form = url.Values{}
					for k, v := range row.form {
						form[k] = v
					}
				}
				as := caller
				if row.spends && caller != "anonymous" {
					as = "spent"
				}
				rec := p.do(as, rt.Method, path, form)
				checked++
				if rec.Code != want {
					t.Errorf("%s %s as %s (%s commission): %d, want %d", rt.Method, path, caller, which, rec.Code, want)
				}
				if want == 303 && rt.Access != web.Public && !strings.HasPrefix(rec.Header().Get("Location"), "/signin?next=") {
					t.Errorf("%s as %s: redirected to %q", key, caller, rec.Header().Get("Location"))
				}
				if want == 404 && rt.Access == web.Commission && (strings.Contains(rec.Body.String(), p.foreign.Title) || strings.Contains(rec.Body.String(), p.own.Title)) {
					t.Errorf("%s as %s: the 404 names the commission", key, caller)
				}
			}
		}
	}
	for key := range pageMatrix {
		if !seen[key] {
			t.Errorf("the matrix has a row for %s, which is no page route", key)
		}
	}
	t.Logf("%d page routes × %d callers: %d requests checked", len(web.Routes()), len(callers), checked)
}

// missing is an id no commission, framework or dataset has.
const missing = "00000000-0000-4000-8000-000000000000"

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// cookie returns the cookie name set by a response.
func cookie(rec *httptest.ResponseRecorder, name string) *http.Cookie {
	for _, c := range rec.Result().Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// TestSigninFlow signs in through the form as a browser does, checks the cookies' attributes,
// opens the commission pages, and signs out.
func TestSigninFlow(t *testing.T) {
	p := newPeople(t, web.DefaultConfig())
	h := p.handler
	form := request(h, "GET", "/signin?next=/commissions/"+p.own.ID, nil)
	pre := cookie(form, "evb_csrf")
	m := csrfRE.FindStringSubmatch(form.Body.String())
	if pre == nil || m == nil || m[1] != pre.Value || !pre.HttpOnly || pre.SameSite != http.SameSiteLaxMode || pre.Path != "/" {
		t.Fatalf("the sign-in form's token %v and cookie %+v", m, pre)
	}
	post := func(target string, vals url.Values, cookies ...*http.Cookie) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", target, strings.NewReader(vals.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "http://example.com")
		for _, c := range cookies {
			req.AddCookie(c)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	// A wrong password and an unknown user: the same page, the same status.
	var bodies []string
	for _, login := range []string{"user-viewer", "nobody"} {
		rec := post("/signin", url.Values{"csrf": {pre.Value}, "user": {login}, "password": {"wrong password"}}, pre)
		if rec.Code != 401 {
			t.Errorf("%s: %d", login, rec.Code)
		}
		bodies = append(bodies, strings.ReplaceAll(rec.Body.String(), login, ""))
		if !strings.Contains(rec.Body.String(), template(messages.For(messages.Chinese).Sprintf(messages.WebSigninFailed))) {
			t.Errorf("%s: no failure message", login)
		}
	}
	if bodies[0] != bodies[1] {
		t.Error("a wrong password and an unknown user answer differently")
	}
	rec := post("/signin", url.Values{"csrf": {pre.Value}, "user": {"user-viewer"}, "password": {password}, "next": {"/commissions/" + p.own.ID}}, pre)
	sess := cookie(rec, "evb_session")
	if rec.Code != 303 || rec.Header().Get("Location") != "/commissions/"+p.own.ID || sess == nil {
		t.Fatalf("sign-in: %d %q %v", rec.Code, rec.Header().Get("Location"), sess)
	}
	if !sess.HttpOnly || sess.SameSite != http.SameSiteLaxMode || sess.Path != "/" || sess.Secure || sess.MaxAge != 0 || !strings.HasPrefix(sess.Value, "evs_") {
		t.Errorf("session cookie %+v", sess)
	}
	page := request(h, "GET", "/commissions", nil, "Cookie", "evb_session="+sess.Value)
	html := checkPage(t, page, 200, messages.Chinese)
	for _, want := range []string{p.own.Title, "/commissions/" + p.own.ID, `action="/signout"`, "user-viewer"} {
		if !strings.Contains(html, want) {
			t.Errorf("/commissions lacks %q", want)
		}
	}
	if strings.Contains(html, p.foreign.Title) {
		t.Error("/commissions lists another institute's commission")
	}
	html = checkPage(t, request(h, "GET", "/commissions/"+p.own.ID, nil, "Cookie", "evb_session="+sess.Value, "Accept-Language", "en"), 200, messages.English)
	for _, want := range []string{p.own.Title, p.own.Client, "凯旋街道", "Sub-district", "user-owner", "Owner", "Viewer", "Draft"} {
		if !strings.Contains(html, want) {
			t.Errorf("the overview lacks %q", want)
		}
	}
	// Sign-out needs the session's token: the pre-session one does not do.
	if rec := post("/signout", url.Values{"csrf": {pre.Value}}, sess, pre); rec.Code != 403 {
		t.Errorf("sign-out with the pre-session token: %d", rec.Code)
	}
	rec = post("/signout", url.Values{"csrf": {evaluation.CSRFToken(sess.Value)}}, sess)
	if c := cookie(rec, "evb_session"); rec.Code != 303 || c == nil || c.MaxAge >= 0 {
		t.Errorf("sign-out: %d, cookie %+v", rec.Code, c)
	}
	rec = request(h, "GET", "/commissions", nil, "Cookie", "evb_session="+sess.Value)
	if rec.Code != 303 || rec.Header().Get("Location") != "/signin?next=%2Fcommissions" {
		t.Errorf("after sign-out: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	// Signing in again in the same browser ends the session it held.
	old := &http.Cookie{Name: "evb_session", Value: p.secrets["reviewer"]}
	rec = post("/signin", url.Values{"csrf": {evaluation.CSRFToken(old.Value)}, "user": {"user-reviewer"}, "password": {password}}, old)
	if rec.Code != 303 || cookie(rec, "evb_session") == nil || cookie(rec, "evb_session").Value == old.Value {
		t.Fatalf("signing in again: %d", rec.Code)
	}
	if _, err := p.svc.SessionActor(context.Background(), old.Value); err == nil {
		t.Error("the session held before signing in again is still live")
	}
	// Redirects after sign-in stay on this site.
	for _, next := range []string{"//evil.example/x", "https://evil.example/", "/\\evil.example"} {
		rec := post("/signin", url.Values{"csrf": {pre.Value}, "user": {"user-viewer"}, "password": {password}, "next": {next}}, pre)
		if loc := rec.Header().Get("Location"); loc != "/commissions" {
			t.Errorf("next=%q: redirected to %q", next, loc)
		}
	}
}

// TestCSRF checks that a form without its token, with a wrong one, or from another origin is
// refused with 403 and changes nothing.
func TestCSRF(t *testing.T) {
	p := newPeople(t, web.DefaultConfig())
	secret := p.secrets["viewer"]
	cases := []struct {
		name          string
		target        string
		token, origin string
		referer       string
		session       bool
	}{
		{"sign-out without token", "/signout", "", "http://example.com", "", true},
		{"sign-out with a wrong token", "/signout", evaluation.CSRFToken(p.secrets["owner"]), "http://example.com", "", true},
		{"sign-out from another origin", "/signout", evaluation.CSRFToken(secret), "http://evil.example", "", true},
		{"sign-out from another scheme", "/signout", evaluation.CSRFToken(secret), "https://example.com", "", true},
		{"sign-out from a sandbox", "/signout", evaluation.CSRFToken(secret), "null", "", true},
		{"sign-out referred by another site", "/signout", evaluation.CSRFToken(secret), "", "http://evil.example/page", true},
		{"sign-in without token", "/signin", "", "http://example.com", "", false},
		{"sign-in with a token not in the cookie", "/signin", strings.Repeat("x", 43), "http://example.com", "", false},
		{"sign-in from another origin", "/signin", preToken, "http://evil.example", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vals := url.Values{"user": {"user-viewer"}, "password": {password}}
			if c.token != "" {
				vals.Set("csrf", c.token)
			}
			req := httptest.NewRequest("POST", c.target, strings.NewReader(vals.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if c.origin != "" {
				req.Header.Set("Origin", c.origin)
			}
			if c.referer != "" {
				req.Header.Set("Referer", c.referer)
			}
			if c.session {
				req.AddCookie(&http.Cookie{Name: "evb_session", Value: secret})
			} else {
				req.AddCookie(&http.Cookie{Name: "evb_csrf", Value: preToken})
			}
			rec := httptest.NewRecorder()
			p.handler.ServeHTTP(rec, req)
			checkPage(t, rec, 403, messages.Chinese)
			if cookie(rec, "evb_session") != nil {
				t.Error("a refused form set or cleared the session cookie")
			}
		})
	}
	if _, err := p.svc.SessionActor(context.Background(), secret); err != nil {
		t.Errorf("a refused sign-out ended the session: %v", err)
	}
	// The same form from this site, referred by this site, passes.
	req := httptest.NewRequest("POST", "/signout", strings.NewReader("csrf="+evaluation.CSRFToken(secret)))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Referer", "http://example.com/commissions")
	req.AddCookie(&http.Cookie{Name: "evb_session", Value: secret})
	rec := httptest.NewRecorder()
	p.handler.ServeHTTP(rec, req)
	if rec.Code != 303 {
		t.Errorf("a same-site sign-out: %d", rec.Code)
	}
}

// TestSecureCookie: behind TLS, or with an https public URL, the cookies are Secure.
func TestSecureCookie(t *testing.T) {
	h := web.New(nil, web.DefaultConfig(), nil)
	req := httptest.NewRequest("GET", "/signin", nil)
	req.TLS = &tls.ConnectionState{}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if c := cookie(rec, "evb_csrf"); c == nil || !c.Secure {
		t.Errorf("over TLS: %+v", c)
	}
	if c := cookie(request(h, "GET", "/signin", nil), "evb_csrf"); c == nil || c.Secure {
		t.Errorf("over plain HTTP: %+v", c)
	}
	cfg := web.DefaultConfig()
	cfg.PublicURL = "https://evalbench.example.gov.cn"
	if c := cookie(request(web.New(nil, cfg, nil), "GET", "/signin", nil), "evb_csrf"); c == nil || !c.Secure {
		t.Errorf("with an https public URL: %+v", c)
	}
}

// TestSessionEnds: an idle session, an expired one and a revoked one send the reader to sign in
// and clear the cookie.
func TestSessionEnds(t *testing.T) {
	p := newPeople(t, web.DefaultConfig())
	get := func(caller string) *httptest.ResponseRecorder { return p.do(caller, "GET", "/commissions", nil) }
	if rec := get("viewer"); rec.Code != 200 {
		t.Fatalf("a live session: %d", rec.Code)
	}
	if _, err := p.svc.RevokeSessions(context.Background(), evaluation.SystemActor("t"), p.users["expert"].ID); err != nil {
		t.Fatal(err)
	}
	if rec := get("expert"); rec.Code != 303 || cookie(rec, "evb_session") == nil || cookie(rec, "evb_session").MaxAge >= 0 {
		t.Errorf("a revoked session: %d %v", rec.Code, rec.Header())
	}
	p.clock.add(29 * time.Minute)
	if rec := get("viewer"); rec.Code != 200 {
		t.Fatalf("after 29 minutes in use: %d", rec.Code)
	}
	p.clock.add(31 * time.Minute)
	if rec := get("viewer"); rec.Code != 303 || rec.Header().Get("Location") != "/signin?next=%2Fcommissions" {
		t.Errorf("idle for 31 minutes: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	if rec := get("owner"); rec.Code != 303 {
		t.Errorf("unused for an hour: %d", rec.Code)
	}
}

// TestSetPasswordPage uses a one-time link as the person who receives it does.
func TestSetPasswordPage(t *testing.T) {
	p := newPeople(t, web.DefaultConfig())
	ctx := context.Background()
	u, err := p.svc.CreateUser(ctx, evaluation.SystemActor("t"), evaluation.UserInput{InstituteID: p.users["owner"].InstituteID, Name: "新同事"})
	if err != nil {
		t.Fatal(err)
	}
	l, err := p.svc.IssueSetPasswordLink(ctx, evaluation.SystemActor("t"), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	target := "/set-password/" + l.Secret
	rec := p.do("anonymous", "GET", target, nil)
	html := checkPage(t, rec, 200, messages.Chinese)
	if !strings.Contains(html, "新同事") || rec.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("the form: %q", rec.Header().Get("Cache-Control"))
	}
	if rec := p.do("anonymous", "POST", target, url.Values{"password": {"one long password"}, "confirm": {"another one"}}); rec.Code != 400 {
		t.Errorf("different passwords: %d", rec.Code)
	}
	if rec := p.do("anonymous", "POST", target, url.Values{"password": {"short"}, "confirm": {"short"}}); rec.Code != 400 {
		t.Errorf("a short password: %d", rec.Code)
	}
	rec = p.do("anonymous", "POST", target, url.Values{"password": {"my new password"}, "confirm": {"my new password"}})
	if rec.Code != 303 || rec.Header().Get("Location") != "/signin?done=password" {
		t.Fatalf("setting the password: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	if rec := p.do("anonymous", "GET", target, nil); rec.Code != 404 {
		t.Errorf("the used link: %d", rec.Code)
	}
	if _, err := p.svc.SignIn(ctx, evaluation.SigninInput{Login: "新同事", Password: "my new password", Address: "x"}); err != nil {
		t.Errorf("signing in with the new password: %v", err)
	}
}

// TestSigninLinkPage opens a one-time sign-in link as `make run` prints it: one GET signs in
// (an HttpOnly session cookie) and lands on the commissions; the spent link, and a set-password
// link used as one, answer 404 with what to do.
func TestSigninLinkPage(t *testing.T) {
	p := newPeople(t, web.DefaultConfig())
	ctx := context.Background()
	owner := p.users["owner"]
	l, err := p.svc.IssueSigninLink(ctx, evaluation.SystemActor("t"), owner.ID)
	if err != nil {
		t.Fatal(err)
	}
	rec := p.do("anonymous", "GET", "/signin/link/"+l.Secret, nil)
	if rec.Code != 303 || rec.Header().Get("Location") != "/commissions" || rec.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("opening the link: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	var session *http.Cookie
	for _, c := range rec.Result().Cookies() {
		if c.Name == "evb_session" {
			session = c
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode {
		t.Fatalf("the session cookie: %+v", session)
	}
	req := httptest.NewRequest("GET", "/commissions", nil)
	req.AddCookie(session)
	page := httptest.NewRecorder()
	p.handler.ServeHTTP(page, req)
	if html := checkPage(t, page, 200, messages.Chinese); !strings.Contains(html, p.own.Title) {
		t.Error("the commissions after the link lack the owner's commission")
	}
	msg := messages.For(messages.Chinese)
	if rec := p.do("anonymous", "GET", "/signin/link/"+l.Secret, nil); rec.Code != 404 || !strings.Contains(rec.Body.String(), msg.Sprintf(messages.WebSigninLinkGone)) {
		t.Errorf("the spent link: %d", rec.Code)
	}
	pl, err := p.svc.IssueSetPasswordLink(ctx, evaluation.SystemActor("t"), owner.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rec := p.do("anonymous", "GET", "/signin/link/"+pl.Secret, nil); rec.Code != 404 {
		t.Errorf("a set-password link as a sign-in link: %d", rec.Code)
	}
}

// TestSigninThrottle: after 20 failures from one client address within 15 minutes, sign-in from
// it answers 429 (even with the right password) while other addresses go on; behind a trusted
// proxy the address is the client's in X-Forwarded-For.
func TestSigninThrottle(t *testing.T) {
	cfg := web.DefaultConfig()
	cfg.TrustProxy = true
	p := newPeople(t, cfg)
	post := func(client, pw string) int {
		vals := url.Values{"csrf": {preToken}, "user": {"user-viewer"}, "password": {pw}}
		req := httptest.NewRequest("POST", "/signin", strings.NewReader(vals.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.RemoteAddr = "10.0.0.1:4000" // the proxy
		req.Header.Set("X-Forwarded-For", client+", 10.0.0.2")
		req.AddCookie(&http.Cookie{Name: "evb_csrf", Value: preToken})
		rec := httptest.NewRecorder()
		p.handler.ServeHTTP(rec, req)
		return rec.Code
	}
	for i := range 20 {
		if code := post("203.0.113.7", "wrong password"); code != 401 {
			t.Fatalf("failure %d: %d", i+1, code)
		}
		if i%4 == 3 { // the account locks after 5 failures: reset it so that only the address throttle acts
			if err := p.svc.SetPassword(context.Background(), evaluation.SystemActor("t"), p.users["viewer"].ID, password); err != nil {
				t.Fatal(err)
			}
		}
	}
	if code := post("203.0.113.7", password); code != 429 {
		t.Errorf("the 21st attempt from the address: %d, want 429", code)
	}
	if code := post("203.0.113.8", password); code != 303 {
		t.Errorf("another client behind the same proxy: %d, want 303", code)
	}
}
