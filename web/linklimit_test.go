package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"evalbench/web"
)

// TestLinkAnswersAreLimitedPerLink: answers through one personal link — an expert's /q/ link, a
// rater's personal /r/ link — come from one bucket whatever address sends them (a leaked link
// hammered from many addresses), 429 with Retry-After above it, while another link of the same
// round or survey is still served. An open survey link is not limited per link (the public
// answers through it), only per address. The page limit per address (TestPagesAreRateLimited-
// PerAddress) covers /q/ and /r/ as well and is off here.
func TestLinkAnswersAreLimitedPerLink(t *testing.T) {
	cfg := web.DefaultConfig()
	cfg.LinkRateLimit, cfg.LinkRateBurst = 0.001, 3
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	from := func(h http.Handler, addr, path string, form url.Values) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.RemoteAddr = addr
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	// limited posts to path from a new address each time until it answers 429, and returns how
	// many were served before that (max when none was refused).
	limited := func(h http.Handler, path string, form url.Values, max int) int {
		for i := 0; i < max; i++ {
			rec := from(h, "198.51.100."+strconv.Itoa(i+1)+":4000", path, form)
			if rec.Code == http.StatusTooManyRequests {
				if rec.Header().Get("Retry-After") == "" {
					t.Errorf("%s: 429 without Retry-After", path)
				}
				return i
			}
			if rec.Code != http.StatusOK {
				t.Fatalf("%s answer %d: %d", path, i+1, rec.Code)
			}
		}
		return max
	}

	_, svc, experts := newRoundExperts(t, 2)
	h := web.New(svc, cfg, quiet)
	for k, p := range experts {
		token := csrfField.FindStringSubmatch(get(h, p, "zh").Body.String())[1]
		if n := limited(h, p, url.Values{"csrf": {token}, "a|root|0|1": {"3"}}, 10); n != 3 {
			t.Errorf("expert %d: %d answers served before 429, want the burst of 3", k+1, n)
		}
	}

	_, svc2, raters, _ := newRaterLinks(t, 2)
	h2 := web.New(svc2, cfg, quiet)
	personal, open := raters[0], raters[len(raters)-1]
	token := csrfField.FindStringSubmatch(get(h2, personal, "zh").Body.String())[1]
	if n := limited(h2, personal, url.Values{"csrf": {token}, "i|q1": {"80"}}, 10); n != 3 {
		t.Errorf("a personal rater link: %d answers served before 429, want 3", n)
	}
	token = csrfField.FindStringSubmatch(get(h2, open, "zh").Body.String())[1]
	if n := limited(h2, open, url.Values{"csrf": {token}, "i|q1": {"80"}}, 10); n != 10 {
		t.Errorf("the open link was limited per link after %d answers from 10 addresses", n)
	}
}
