package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/ingest"
	"evalbench/messages"
	"evalbench/store"
)

// internals are texts that a problem shown to a user must never carry: package prefixes, SQL and
// driver text, Go stacks.
var internals = []string{"store:", "sql:", "pq:", "statistics:", "no rows", "violates", "constraint", "goroutine", ".go:", "Key ("}

func assertNoInternals(t *testing.T, what, body string) {
	t.Helper()
	for _, s := range internals {
		if strings.Contains(body, s) {
			t.Errorf("%s shows internal text %q: %s", what, s, body)
		}
	}
}

// problemWithoutRequest is a problem body without the parts that name the request (its path and
// id), which differ between any two requests.
func problemWithoutRequest(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
		t.Fatalf("%d %s: %v", rec.Code, rec.Body.String(), err)
	}
	delete(m, "instance")
	delete(m, "request_id")
	out, _ := json.Marshal(m)
	return string(out)
}

// Every route that names an object in its path answers a missing object and another institute's
// object with the same problem, byte for byte apart from the request's path and id, and that
// problem says nothing internal.
func TestMissingAndForeignObjectsAnswerAlike(t *testing.T) {
	fx := newFixture(t, noLimits())
	tok := fx.tokens[evaluation.RoleOwner]
	foreign := fx.objects[fx.cidB]
	compared := 0
	for _, r := range fx.srv.Routes() {
		if r.Auth == api.Public || !strings.Contains(r.Path, ":") {
			continue
		}
		build := func(id func(name string) (string, bool)) (string, bool) {
			parts := strings.Split(r.Path, "/")
			for i, p := range parts {
				if name, ok := strings.CutPrefix(p, ":"); ok {
					v, ok := id(name)
					if !ok {
						return "", false
					}
					parts[i] = url.PathEscape(v)
				}
			}
			return strings.Join(parts, "/"), true
		}
		foreignPath, ok := build(func(name string) (string, bool) {
			switch name {
			case "cid":
				return fx.cidB, true
			case "iid":
				return fx.instB, true
			case "method":
				return "", false
			}
			v, ok := foreign[name]
			return v, ok
		})
		if !ok {
			continue
		}
		for _, missing := range []string{"7f3e2c1a-0000-4000-8000-00000000abcd", "nope"} {
			missingPath, _ := build(func(name string) (string, bool) {
				if name == "role" {
					return "viewer", true
				}
				return missing, true
			})
			a := fx.do(r.Method, foreignPath, tok, nil, "If-Match", `"1"`)
			b := fx.do(r.Method, missingPath, tok, nil, "If-Match", `"1"`)
			key := r.Method + " " + r.Path
			if a.Code >= 500 || b.Code >= 500 {
				t.Fatalf("%s: %d / %d", key, a.Code, b.Code)
			}
			if r.Method == "GET" && (a.Code != 404 || b.Code != 404) {
				t.Errorf("%s: foreign %d, missing %s %d; want 404: %s", key, a.Code, missing, b.Code, a.Body.String())
				continue
			}
			if a.Code != b.Code || problemWithoutRequest(t, a) != problemWithoutRequest(t, b) {
				t.Errorf("%s: foreign and missing (%s) differ:\n%d %s\n%d %s", key, missing, a.Code, a.Body.String(), b.Code, b.Body.String())
			}
			assertNoInternals(t, key, a.Body.String())
			assertNoInternals(t, key, b.Body.String())
			compared++
		}
	}
	t.Logf("%d route × id pairs compared", compared)
	if compared < 40 {
		t.Fatalf("only %d comparisons", compared)
	}
}

// Ids a request names in its body or query (a previous run, a user to grant a role to, datasets
// and weight sets to compare, a framework to import against) are checked against the caller's
// access before anything is stored: another institute's object is refused with the same 422,
// naming the field, as a missing one.
func TestIdsInRequestsAreCheckedAgainstAccess(t *testing.T) {
	fx := newFixture(t, noLimits())
	tok := fx.tokens[evaluation.RoleOwner]
	a, b := fx.objects[fx.cidA], fx.objects[fx.cidB]
	base := "/api/v1/commissions/" + fx.cidA
	rec := fx.do("GET", base+"/runs/"+a["rid"], tok, nil)
	expect(t, rec, 200)
	run := decode[evaluation.Run](t, rec)
	runBody := func(prev string) map[string]any {
		return map[string]any{"weight_set_id": run.WeightSetID, "dataset_ids": run.DatasetIDs, "previous_run_id": prev,
			"config": map[string]any{"monte_carlo": map[string]any{"samples": 100}}}
	}
	// The request is good with the commission's own run.
	expect(t, fx.do("POST", base+"/runs", tok, runBody(a["rid"])), 202)

	var userB string
	for _, m := range decode[api.List[evaluation.Member]](t, fx.do("GET", "/api/v1/commissions/"+fx.cidB+"/members", fx.ownerB, nil)).Items {
		userB = m.UserID
	}
	const missing = "7f3e2c1a-0000-4000-8000-00000000abcd"
	runWith := func(key string, val any) func(id string) any {
		return func(id string) any {
			b := runBody("")
			delete(b, "previous_run_id")
			b[key] = val
			if s, ok := val.(string); ok && s == "" {
				b[key] = id
			} else {
				b[key] = []string{id}
			}
			return b
		}
	}
	for _, tc := range []struct {
		name, method, field string
		path                func(id string) string
		body                func(id string) any
		foreign             string
		token               string
	}{
		{"run weight_set_id", "POST", "weight_set_id", func(string) string { return base + "/runs" }, runWith("weight_set_id", ""), b["wid"], ""},
		{"run dataset_ids", "POST", "dataset_ids[0]", func(string) string { return base + "/runs" }, runWith("dataset_ids", []string{}), b["did"], ""},
		{"run survey_ids", "POST", "survey_ids[0]", func(string) string { return base + "/runs" }, runWith("survey_ids", []string{}), b["sid"], ""},
		{"weight set framework_id", "POST", "framework_id", func(string) string { return base + "/weight-sets" }, func(id string) any {
			return map[string]string{"framework_id": id, "name": "w", "method": "equal"}
		}, b["fid"], ""},
		{"weight set dataset_id", "POST", "dataset_id", func(string) string { return base + "/weight-sets" }, func(id string) any {
			return map[string]string{"framework_id": a["fid"], "name": "w", "method": "entropy", "dataset_id": id}
		}, b["did"], ""},
		{"token user_id", "POST", "user_id", func(string) string { return "/api/v1/tokens" }, func(id string) any { return map[string]string{"user_id": id} }, userB, ""},
		{"user institute_id", "POST", "institute_id", func(string) string { return "/api/v1/users" }, func(id string) any {
			return map[string]string{"institute_id": id, "name": "x"}
		}, fx.instB, fx.instAdmin},
		{"previous_run_id", "POST", "previous_run_id", func(string) string { return base + "/runs" }, func(id string) any { return runBody(id) }, b["rid"], ""},
		{"grant user_id", "POST", "user_id", func(string) string { return base + "/members" }, func(id string) any { return map[string]string{"user_id": id, "role": "viewer"} }, userB, ""},
		{"compare datasets", "GET", "to", func(id string) string { return base + "/datasets/compare?from=" + a["did"] + "&to=" + id }, nil, b["did"], ""},
		{"compare weight sets", "GET", "to", func(id string) string { return base + "/weight-sets/compare?from=" + a["wid"] + "&to=" + id }, nil, b["wid"], ""},
		{"import against framework", "POST", "framework", func(id string) string {
			return base + "/datasets?filename=d.csv&dry_run=true&framework=" + id
		}, func(string) any { return "indicator,unit,period,value\ngdp,caihe,2016,1\n" }, b["fid"], ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			send := func(id string) *httptest.ResponseRecorder {
				var body any
				if tc.body != nil {
					body = tc.body(id)
				}
				token := tok
				if tc.token != "" {
					token = tc.token
				}
				return fx.do(tc.method, tc.path(id), token, body)
			}
			f, m := send(tc.foreign), send(missing)
			if f.Code != 422 || m.Code != 422 {
				t.Fatalf("foreign %d %s\nmissing %d %s", f.Code, f.Body.String(), m.Code, m.Body.String())
			}
			pf, pm := decode[api.Problem](t, f), decode[api.Problem](t, m)
			named := false
			for _, e := range pf.Errors {
				named = named || e.Field == tc.field
			}
			if !named {
				t.Fatalf("the problem does not name %s: %s", tc.field, f.Body.String())
			}
			// Values quote the id sent; everything else is the same.
			for i := range pf.Errors {
				pf.Errors[i].Value = ""
			}
			for i := range pm.Errors {
				pm.Errors[i].Value = ""
			}
			pf.Instance, pm.Instance, pf.RequestID, pm.RequestID = "", "", "", ""
			jf, _ := json.Marshal(pf)
			jm, _ := json.Marshal(pm)
			if !bytes.Equal(jf, jm) {
				t.Fatalf("foreign and missing differ:\n%s\n%s", jf, jm)
			}
			assertNoInternals(t, tc.name, f.Body.String())
		})
	}
}

// A conflict the database finds (a duplicate key) is told in the user's words, without SQL or
// constraint names; the driver's text goes to the log with the request id.
func TestStoreConflictsSayWhatIsTaken(t *testing.T) {
	fx := newFixture(t, noLimits())
	var logs bytes.Buffer
	fx.srv = api.New(fx.svc, noLimits(), slog.New(slog.NewTextHandler(&logs, nil)))
	rec := fx.do("POST", "/api/v1/institutes", fx.admin, map[string]string{"code": "inst-a", "name": "again"})
	expect(t, rec, 409)
	p := decode[api.Problem](t, rec)
	if p.Type != "urn:evalbench:problem:conflict" || !strings.Contains(p.Detail, `"inst-a" is already taken`) {
		t.Fatalf("problem %+v", p)
	}
	assertNoInternals(t, "duplicate institute", rec.Body.String())
	if !strings.Contains(logs.String(), p.RequestID) || !strings.Contains(logs.String(), "23505") && !strings.Contains(logs.String(), "duplicate key") {
		t.Fatalf("the log does not hold the driver's error with the request id:\n%s", logs.String())
	}
}

// A bad judgment's problem reads as the user's mistake, not as a package's error.
func TestJudgmentProblemsCarryNoPackageNames(t *testing.T) {
	fx := newFixture(t, noLimits())
	path := "/api/v1/commissions/" + fx.cidA + "/weight-sets/" + fx.objects[fx.cidA]["wid"] + "/judgments"
	rec := fx.do("POST", path, fx.tokens[evaluation.RoleExpert], map[string]any{"node": "effectiveness", "matrix": [][]float64{{1, 3}, {3, 1}}})
	expect(t, rec, 422)
	if !strings.Contains(rec.Body.String(), "reciprocal") {
		t.Fatalf("the problem does not say what is wrong: %s", rec.Body.String())
	}
	assertNoInternals(t, "bad judgment", rec.Body.String())
}

// panickyStore is the fixture's database with a transaction whose GetInstitute panics, as a
// defect in the engine would while a run computes.
type panickyStore struct{ *store.DB }

func (p panickyStore) Transact(ctx context.Context, fn func(evaluation.Tx) error) error {
	return p.DB.Transact(ctx, func(tx evaluation.Tx) error { return fn(panickyTx{tx}) })
}

type panickyTx struct{ evaluation.Tx }

func (panickyTx) GetInstitute(context.Context, string) (*evaluation.Institute, error) {
	var m map[string]int
	m["boom"]++ // assignment to entry in nil map
	return nil, nil
}

// A run that panics fails with a message for its user; the stack goes to the worker's log only.
func TestPanickingRunStoresNoStack(t *testing.T) {
	fx := newFixture(t, noLimits())
	tok := fx.tokens[evaluation.RoleOwner]
	base := "/api/v1/commissions/" + fx.cidA
	prev := decode[evaluation.Run](t, fx.do("GET", base+"/runs/"+fx.objects[fx.cidA]["rid"], tok, nil))
	rec := fx.do("POST", base+"/runs", tok, map[string]any{"weight_set_id": prev.WeightSetID, "dataset_ids": prev.DatasetIDs,
		"config": map[string]any{"monte_carlo": map[string]any{"samples": 100}}})
	expect(t, rec, 202)
	id := decode[evaluation.Run](t, rec).ID
	var logs bytes.Buffer
	worker := evaluation.NewService(panickyStore{fx.db}, evaluation.WithCodec(ingest.Codec{}))
	worked, err := worker.WorkOne(context.Background(), evaluation.WorkerOptions{ID: "panicky", Log: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil || !worked {
		t.Fatalf("worked %v, err %v", worked, err)
	}
	rec = fx.do("GET", base+"/runs/"+id, tok, nil)
	expect(t, rec, 200)
	r := decode[evaluation.Run](t, rec)
	if r.Status != evaluation.RunFailed || !strings.Contains(r.Error, "failed unexpectedly") {
		t.Fatalf("run %s: %q", r.Status, r.Error)
	}
	// Why, as a catalogue message the client renders in its reader's language.
	if r.ErrorMessage == nil || r.ErrorMessage.ID != messages.RunErrorPanic || len(r.ErrorMessage.Args) != 0 {
		t.Fatalf("the run's error_message: %+v", r.ErrorMessage)
	}
	assertNoInternals(t, "the failed run", rec.Body.String())
	if strings.Contains(rec.Body.String(), "nil map") {
		t.Fatalf("the run shows the panic: %s", rec.Body.String())
	}
	if !strings.Contains(logs.String(), "goroutine") || !strings.Contains(logs.String(), id) {
		t.Fatalf("the worker's log lacks the stack or the run id:\n%s", logs.String())
	}
}

// proxy is a TCP relay in front of PostgreSQL that a test can take down and bring back on the same
// address, as a database restart or a network outage would.
type proxy struct {
	t      *testing.T
	target string
	addr   string
	mu     sync.Mutex
	ln     net.Listener
	conns  []net.Conn
}

func newProxy(t *testing.T, target string) *proxy {
	p := &proxy{t: t, target: target, addr: "127.0.0.1:0"}
	p.up()
	t.Cleanup(p.down)
	return p
}

func (p *proxy) up() {
	ln, err := net.Listen("tcp", p.addr)
	must(p.t, err)
	p.mu.Lock()
	p.ln, p.addr = ln, ln.Addr().String()
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, s)
			p.mu.Unlock()
			go func() { io.Copy(s, c); s.Close() }()
			go func() { io.Copy(c, s); c.Close() }()
		}
	}()
}

// down refuses new connections and cuts the open ones.
func (p *proxy) down() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// While PostgreSQL cannot be reached, API routes answer 503 with Retry-After (as /healthz does),
// not 500; once it is back they answer again without a restart.
func TestDatabaseOutageAnswers503AndRecovers(t *testing.T) {
	fx := newFixture(t, noLimits())
	u, err := url.Parse(fx.url)
	must(t, err)
	px := newProxy(t, u.Host)
	u.Host = px.addr
	db, err := store.Open(context.Background(), u.String())
	must(t, err)
	t.Cleanup(func() { db.Close() })
	srv := api.New(evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{})), noLimits(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	get := func(path string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Authorization", "Bearer "+fx.tokens[evaluation.RoleOwner])
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		return rec
	}
	paths := []string{"/api/v1/commissions/" + fx.cidA, "/api/v1/commissions/" + fx.cidA + "/datasets", "/api/v1/me"}
	for _, p := range paths {
		expect(t, get(p), 200)
	}

	px.down()
	for _, p := range append(paths, "/healthz") {
		rec := get(p)
		if rec.Code != 503 || rec.Header().Get("Retry-After") == "" {
			t.Fatalf("%s while the database is down: %d (Retry-After %q) %s", p, rec.Code, rec.Header().Get("Retry-After"), rec.Body.String())
		}
		if p != "/healthz" {
			if pr := decode[api.Problem](t, rec); pr.Type != "urn:evalbench:problem:unavailable" {
				t.Fatalf("%s: problem %+v", p, pr)
			}
			assertNoInternals(t, p, rec.Body.String())
		}
	}

	px.up()
	for _, p := range paths {
		deadline := time.Now().Add(10 * time.Second)
		for {
			rec := get(p)
			if rec.Code == 200 {
				break
			}
			if rec.Code != 503 || time.Now().After(deadline) {
				t.Fatalf("%s after the database came back: %d %s", p, rec.Code, rec.Body.String())
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
}

// A value of the wrong type is described in JSON's words, not by the Go type it would fill.
func TestWrongTypesAreToldInJSONTerms(t *testing.T) {
	fx := newFixture(t, noLimits())
	for _, tc := range []struct{ path, body string }{
		{"/api/v1/commissions", `{"title":3}`},
		{"/api/v1/commissions", `{"title":"t","period_start":"2016"}`},
		{"/api/v1/commissions/" + fx.cidA + "/transitions", `{"to":3}`},
		{"/api/v1/commissions/" + fx.cidA + "/frameworks", `{"title":"t","dimensions":{"a":1}}`},
	} {
		rec := fx.do("POST", tc.path, fx.tokens[evaluation.RoleOwner], tc.body)
		expect(t, rec, 422)
		if s := rec.Body.String(); strings.Contains(s, "evaluation.") || strings.Contains(s, "int64") || strings.Contains(s, "json:") {
			t.Errorf("%s: %s", tc.body, s)
		}
	}
}
