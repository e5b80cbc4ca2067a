package api_test

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

// A published report's signed files: a strong ETag (the file's SHA-256), immutable caching, 304
// for a matching If-None-Match, HEAD with the headers and no body, gzip that decodes to the
// exact bytes, and a correct Content-Length.
func TestPublicReportFileCaching(t *testing.T) {
	fx := newFixture(t, noLimits())
	repid := fx.objects[fx.cidA]["repid"]
	viewer := fx.tokens[evaluation.RoleViewer]

	// Concurrent first requests: one loads the file, the others wait for it; all get it whole.
	var wg sync.WaitGroup
	bodies := make([][]byte, 16)
	for i := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := httptest.NewRecorder()
			fx.srv.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/reports/"+repid+"/report.html", nil))
			if rec.Code == 200 {
				bodies[i] = rec.Body.Bytes()
			}
		}()
	}
	wg.Wait()
	for i := range bodies {
		if len(bodies[i]) == 0 || !bytes.Equal(bodies[i], bodies[0]) {
			t.Fatalf("concurrent request %d: %d bytes, not the file", i, len(bodies[i]))
		}
	}
	for _, name := range []string{engine.ReportHTML, engine.ReportJSON, engine.ReportEnvelope} {
		path := "/reports/" + repid + "/" + name
		// The same bytes as the authenticated route serves.
		want := fx.do("GET", "/api/v1/commissions/"+fx.cidA+"/reports/"+repid+"/"+name, viewer, nil).Body.Bytes()
		sum := sha256.Sum256(want)
		etag := `"` + hex.EncodeToString(sum[:]) + `"`

		for round := range 2 { // the second round is served from the cache
			rec := fx.do("GET", path, "", nil)
			expect(t, rec, 200)
			h := rec.Header()
			if !bytes.Equal(rec.Body.Bytes(), want) {
				t.Fatalf("%s (round %d): not the stored file", name, round)
			}
			if h.Get("ETag") != etag || h.Get("Cache-Control") != "public, max-age=31536000, immutable" ||
				h.Get("Vary") != "Accept-Encoding" || h.Get("Content-Encoding") != "" || h.Get("Content-Length") != strconv.Itoa(len(want)) {
				t.Errorf("%s headers %v", name, h)
			}
		}

		gz := fx.do("GET", path, "", nil, "Accept-Encoding", "br;q=1.0, gzip;q=0.8")
		expect(t, gz, 200)
		if gz.Header().Get("Content-Encoding") != "gzip" || gz.Header().Get("Content-Length") != strconv.Itoa(gz.Body.Len()) ||
			gz.Header().Get("ETag") != etag[:len(etag)-1]+`-gzip"` || gz.Body.Len() >= len(want) {
			t.Errorf("%s gzip headers %v (%d bytes)", name, gz.Header(), gz.Body.Len())
		}
		zr, err := gzip.NewReader(gz.Body)
		must(t, err)
		got, err := io.ReadAll(zr)
		must(t, err)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: gzip does not decode to the file", name)
		}
		if rec := fx.do("GET", path, "", nil, "Accept-Encoding", "gzip;q=0"); rec.Header().Get("Content-Encoding") != "" {
			t.Errorf("%s: gzip;q=0 answered gzip", name)
		}

		for _, inm := range []string{etag, `W/` + etag, `"x", ` + gz.Header().Get("ETag"), "*"} {
			rec := fx.do("GET", path, "", nil, "If-None-Match", inm)
			expect(t, rec, 304)
			if rec.Body.Len() != 0 || rec.Header().Get("ETag") == "" || rec.Header().Get("Cache-Control") == "" {
				t.Errorf("%s If-None-Match %s: %v, %d bytes", name, inm, rec.Header(), rec.Body.Len())
			}
		}
		expect(t, fx.do("GET", path, "", nil, "If-None-Match", `"`+hex.EncodeToString(make([]byte, 32))+`"`), 200)

		head := fx.do("HEAD", path, "", nil)
		expect(t, head, 200)
		if head.Body.Len() != 0 || head.Header().Get("ETag") != etag || head.Header().Get("Content-Length") != strconv.Itoa(len(want)) ||
			head.Header().Get("Cache-Control") == "" {
			t.Errorf("%s HEAD: %v, %d bytes", name, head.Header(), head.Body.Len())
		}
		expect(t, fx.do("HEAD", path, "", nil, "If-None-Match", etag), 304)
	}
	expect(t, fx.do("GET", "/reports/00000000-0000-4000-8000-000000000000/report.html", "", nil), 404)
	expect(t, fx.do("HEAD", "/reports/00000000-0000-4000-8000-000000000000/report.json", "", nil), 404)
}
