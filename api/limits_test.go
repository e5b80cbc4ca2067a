package api_test

import (
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/ingest"
	"evalbench/evaluation/ingest/ingesttest"
)

// spaces is a body of n spaces made as it is read, never held in memory.
type spaces struct{ n int64 }

func (s *spaces) Read(p []byte) (int, error) {
	if s.n <= 0 {
		return 0, io.EOF
	}
	k := min(int64(len(p)), s.n)
	for i := range p[:k] {
		p[i] = ' '
	}
	s.n -= k
	return int(k), nil
}

// serveFrom sends req through the router from the given client address, without the contract
// check (these requests carry bodies too large to buffer, or test the limits themselves).
func (fx *fixture) serveFrom(req *http.Request, remote string) *httptest.ResponseRecorder {
	if remote != "" {
		req.RemoteAddr = remote
	}
	rec := httptest.NewRecorder()
	fx.srv.Handler().ServeHTTP(rec, req)
	return rec
}

func wantProblem(t *testing.T, rec *httptest.ResponseRecorder, status int, fragment string) {
	t.Helper()
	if rec.Code != status || rec.Header().Get("Content-Type") != "application/problem+json" || !strings.Contains(rec.Body.String(), fragment) {
		t.Fatalf("got %d %s %s; want %d problem+json containing %q", rec.Code, rec.Header().Get("Content-Type"), rec.Body.String(), status, fragment)
	}
}

// TestVerifyRefusesHugeBodiesWithFlatMemory streams a 400 MiB envelope (raw, and as a multipart
// part) without a declared length to the public verification route: it is refused with 413 after
// VerifyLimit bytes, and the heap does not grow with the body. Before the limit the route took
// the upload limit (512 MiB) and read it whole.
func TestVerifyRefusesHugeBodiesWithFlatMemory(t *testing.T) {
	fx := newFixture(t, noLimits())
	const huge = 400 << 20
	raw := func() *http.Request {
		req := httptest.NewRequest("POST", "/api/v1/verify", &spaces{n: huge})
		req.ContentLength = -1
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept-Language", "en")
		return req
	}
	var pipes []*io.PipeReader
	defer func() {
		for _, p := range pipes {
			p.Close()
		}
	}()
	multi := func() *http.Request {
		pr, pw := io.Pipe()
		pipes = append(pipes, pr)
		mw := multipart.NewWriter(pw)
		go func() {
			w, _ := mw.CreateFormFile("envelope", "report.dsse.json")
			_, err := io.Copy(w, &spaces{n: huge})
			if err == nil {
				err = mw.Close()
			}
			pw.CloseWithError(err)
		}()
		req := httptest.NewRequest("POST", "/api/v1/verify", pr)
		req.ContentLength = -1
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Accept-Language", "en")
		return req
	}
	for name, req := range map[string]func() *http.Request{"raw": raw, "multipart": multi} {
		var rec *httptest.ResponseRecorder
		h := ingesttest.MeasureHeap(func() { rec = fx.serveFrom(req(), "") })
		t.Logf("%s: %s", name, h)
		wantProblem(t, rec, http.StatusRequestEntityTooLarge, "exceeds")
		if h.Peak > 64<<20 {
			t.Errorf("%s: %s; want the peak under 64 MiB", name, h)
		}
	}
	// A declared length over the limit is refused before reading.
	req := httptest.NewRequest("POST", "/api/v1/verify", &spaces{n: huge})
	req.ContentLength = huge
	req.Header.Set("Accept-Language", "en")
	wantProblem(t, fx.serveFrom(req, ""), http.StatusRequestEntityTooLarge, "exceeds")
}

// TestXLSXBombUploadAnswers422 uploads a 1 MB workbook holding a 1 GiB shared string to
// POST …/datasets: the answer is a validation problem naming the limit.
func TestXLSXBombUploadAnswers422(t *testing.T) {
	fx := newFixture(t, noLimits())
	bomb := ingesttest.Bomb{Kind: ingesttest.HugeString, N: 1 << 30}.XLSX()
	for _, dry := range []string{"true", "false"} {
		var rec *httptest.ResponseRecorder
		h := ingesttest.MeasureHeap(func() {
			rec = fx.do("POST", "/api/v1/commissions/"+fx.cidA+"/datasets?filename=bomb.xlsx&dry_run="+dry, fx.tokens[evaluation.RoleOwner], bomb)
		})
		t.Logf("dry_run=%s: %s", dry, h)
		wantProblem(t, rec, http.StatusUnprocessableEntity, ingest.LimitPartBytes)
		var p api.Problem
		must(t, json.Unmarshal(rec.Body.Bytes(), &p))
		if p.Type != "urn:evalbench:problem:validation" || len(p.Errors) != 1 {
			t.Fatalf("problem %+v", p)
		}
		if h.Peak > 64<<20 {
			t.Errorf("%s; want the peak under 64 MiB", h)
		}
	}
}

// TestPublicRateLimitPerClientAddress sends a burst beyond the limit to each public route from
// one address: the excess gets 429 with Retry-After while another address still gets 200, and
// a forged X-Forwarded-For changes nothing unless a proxy is trusted. /healthz is not limited.
func TestPublicRateLimitPerClientAddress(t *testing.T) {
	cfg := noLimits()
	cfg.PublicRateLimit, cfg.PublicRateBurst = 0.001, 3 // no refill during the test
	fx := newFixture(t, cfg)
	rep := fx.objects[fx.cidA]["repid"]
	var public []string
	for _, r := range fx.srv.Routes() {
		if r.Auth == api.Public && r.Method == http.MethodGet && r.Path != "/healthz" {
			p := strings.NewReplacer(":iid", fx.instA, ":repid", rep).Replace(r.Path)
			public = append(public, p)
		}
	}
	if len(public) < 6 {
		t.Fatalf("public GET routes: %v", public)
	}
	get := func(path, remote string, headers ...string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", path, nil)
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		return fx.serveFrom(req, remote)
	}
	for i, path := range public {
		attacker := "198.51.100." + string(rune('1'+i)) + ":4000"
		var limited int
		for j := range 8 {
			// A client naming other addresses in X-Forwarded-For is still itself.
			rec := get(path, attacker, "X-Forwarded-For", "203.0.113."+string(rune('1'+j)), "Accept-Language", "en")
			switch rec.Code {
			case http.StatusOK:
			case http.StatusTooManyRequests:
				limited++
				if rec.Header().Get("Retry-After") == "" {
					t.Fatalf("%s: 429 without Retry-After", path)
				}
				wantProblem(t, rec, http.StatusTooManyRequests, "too many requests")
			default:
				t.Fatalf("%s: %d %s", path, rec.Code, rec.Body.String())
			}
		}
		if limited != 5 {
			t.Errorf("%s: %d of 8 requests limited, want 5 (burst 3)", path, limited)
		}
		expect(t, get(path, "192.0.2."+strconv.Itoa(100+i)+":5000"), http.StatusOK)
		expect(t, get(path, "[2001:db8:"+strconv.Itoa(100+i)+"::1]:5000"), http.StatusOK)
	}
	// An IPv6 client is limited by its /64: other addresses in it share the budget.
	for range 3 {
		get(public[0], "[2001:db8::2]:5000")
	}
	if c := get(public[0], "[2001:db8::3]:5000").Code; c != http.StatusTooManyRequests {
		t.Errorf("another address of the same /64: %d, want 429", c)
	}
	// The POST route is limited too.
	for range 3 {
		fx.serveFrom(httptest.NewRequest("POST", "/api/v1/verify", strings.NewReader("{}")), "198.51.100.99:1")
	}
	wantProblem(t, fx.serveFrom(httptest.NewRequest("POST", "/api/v1/verify", strings.NewReader("{}")), "198.51.100.99:1"), http.StatusTooManyRequests, "请求过于频繁")
	for range 20 {
		expect(t, get("/healthz", "198.51.100.1:4000"), http.StatusOK)
	}

	// Behind a trusted proxy (loopback), the address the proxy saw counts.
	cfg.TrustProxy = true
	fx.srv = api.New(fx.svc, cfg, nil)
	for range 5 {
		get(public[0], "127.0.0.1:9000", "X-Forwarded-For", "198.51.100.50")
	}
	if c := get(public[0], "127.0.0.1:9000", "X-Forwarded-For", "198.51.100.50").Code; c != http.StatusTooManyRequests {
		t.Errorf("trusted proxy, same client: %d, want 429", c)
	}
	expect(t, get(public[0], "127.0.0.1:9000", "X-Forwarded-For", "198.51.100.51"), http.StatusOK)
}
