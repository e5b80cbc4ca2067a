package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/messages"
)

// problemIn decodes a problem answer and checks what every problem carries whatever its
// language: the status, problem+json, the stable code and type, the title's message id, and
// Content-Language naming the language of its texts.
func problemIn(t *testing.T, rec *httptest.ResponseRecorder, status int, code string, lang messages.Language) api.Problem {
	t.Helper()
	if rec.Code != status || rec.Header().Get("Content-Type") != "application/problem+json" {
		t.Fatalf("got %d %s %s; want %d problem+json", rec.Code, rec.Header().Get("Content-Type"), rec.Body.String(), status)
	}
	var p api.Problem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	if p.Code != code || p.Type != "urn:evalbench:problem:"+code {
		t.Errorf("code %q type %q, want %q", p.Code, p.Type, code)
	}
	if got := rec.Header().Get("Content-Language"); got != string(lang) {
		t.Errorf("Content-Language %q, want %q", got, lang)
	}
	if !strings.Contains(rec.Header().Get("Vary"), "Accept-Language") {
		t.Errorf("Vary %q does not name Accept-Language", rec.Header().Get("Vary"))
	}
	if want := messages.For(lang).Sprintf(p.TitleID, "status", status); p.TitleID == "" || p.Title != want {
		t.Errorf("title %q (id %q), want %q", p.Title, p.TitleID, want)
	}
	return p
}

// The problems a client meets most — 404, 422 naming a field, 413, 429 — are in Chinese without
// Accept-Language and in English with Accept-Language: en, with the same code and message ids.
func TestProblemsInTheRequestLanguage(t *testing.T) {
	cfg := noLimits()
	cfg.PublicRateLimit, cfg.PublicRateBurst = 0.001, 1 // no refill during the test
	fx := newFixture(t, cfg)
	tok := fx.tokens[evaluation.RoleOwner]
	en := []string{"Accept-Language", "en-US,en;q=0.9"}

	t.Run("404", func(t *testing.T) {
		path := "/api/v1/commissions/00000000-0000-0000-0000-000000000000"
		zh := problemIn(t, fx.do("GET", path, tok, nil), 404, "not-found", messages.Chinese)
		if zh.Title != "未找到" || zh.Detail != "此地址没有内容，或您无权查看" || zh.DetailID != messages.ProblemDetailNotFound {
			t.Errorf("Chinese 404: %+v", zh)
		}
		e := problemIn(t, fx.do("GET", path, tok, nil, en...), 404, "not-found", messages.English)
		if e.Title != "Not found" || e.Detail != "there is nothing at this address, or you may not see it" || e.DetailID != zh.DetailID {
			t.Errorf("English 404: %+v", e)
		}
		// An unknown route answers the same way.
		u := problemIn(t, fx.do("GET", "/api/v1/no-such-thing", tok, nil), 404, "not-found", messages.Chinese)
		if u.Detail != zh.Detail {
			t.Errorf("unknown route: %+v", u)
		}
	})

	t.Run("422 naming the field", func(t *testing.T) {
		path := "/api/v1/commissions?limit=many"
		zh := problemIn(t, fx.do("GET", path, tok, nil), 422, "validation", messages.Chinese)
		if zh.Title != "请求内容不符合要求" || len(zh.Errors) != 1 {
			t.Fatalf("Chinese 422: %+v", zh)
		}
		if e := zh.Errors[0]; e.Field != "limit" || e.Message != "limit须为整数" || e.MessageID != string(messages.ProblemFieldInteger) || e.Args["name"] != "limit" {
			t.Errorf("Chinese 422 error: %+v", e)
		}
		if zh.Detail != "请求无效" || zh.DetailID != messages.ProblemDetailInvalidRequest {
			t.Errorf("Chinese 422 detail: %q (%s)", zh.Detail, zh.DetailID)
		}
		e := problemIn(t, fx.do("GET", path, tok, nil, en...), 422, "validation", messages.English)
		if len(e.Errors) != 1 || e.Errors[0].Field != "limit" || e.Errors[0].Message != "limit must be an integer" || e.Title != "The request is not valid" {
			t.Errorf("English 422: %+v", e)
		}
		// An unknown field in a body is named too.
		u := problemIn(t, fx.do("POST", "/api/v1/commissions", tok, `{"title": "x", "nonsense": 1}`), 422, "validation", messages.Chinese)
		if len(u.Errors) != 1 || u.Errors[0].Field != "nonsense" || u.Errors[0].Message != "无法识别的字段" {
			t.Errorf("unknown field: %+v", u)
		}
		// A value of the wrong type names the field and both types in the request's language.
		ty := problemIn(t, fx.do("POST", "/api/v1/commissions", tok, `{"title": 5}`), 422, "validation", messages.Chinese)
		if len(ty.Errors) != 1 || ty.Errors[0].Field != "title" || ty.Errors[0].Message != "此处应为字符串，实际为JSON 数字" {
			t.Errorf("wrong type: %+v", ty)
		}
		ty = problemIn(t, fx.do("POST", "/api/v1/commissions", tok, `{"title": 5}`, en...), 422, "validation", messages.English)
		if len(ty.Errors) != 1 || ty.Errors[0].Message != "expected a string, got a JSON number" {
			t.Errorf("wrong type in English: %+v", ty)
		}
		// A problem of the service keeps its field; its summary and message are catalogued.
		s := problemIn(t, fx.do("POST", "/api/v1/commissions", tok, `{"title": "", "client": "江干区", "period_start": 2016, "period_end": 2020}`), 422, "validation", messages.Chinese)
		if len(s.Errors) == 0 || s.Errors[0].Field != "title" || s.Errors[0].Message != "标题为必填项" || s.DetailID != messages.ValidationCommission || s.Detail != "委托不符合要求" {
			t.Errorf("service 422: %+v", s)
		}
		s = problemIn(t, fx.do("POST", "/api/v1/commissions", tok, `{"title": "", "client": "江干区", "period_start": 2016, "period_end": 2020}`, en...), 422, "validation", messages.English)
		if len(s.Errors) == 0 || s.Errors[0].Message != "title is required" || s.Detail != "invalid commission" {
			t.Errorf("service 422 in English: %+v", s)
		}
	})

	t.Run("413", func(t *testing.T) {
		req := func(headers ...string) *http.Request {
			r := httptest.NewRequest("POST", "/api/v1/verify", strings.NewReader("{}"))
			r.ContentLength = 1 << 40 // declared over the limit: refused before reading
			for i := 0; i+1 < len(headers); i += 2 {
				r.Header.Set(headers[i], headers[i+1])
			}
			return r
		}
		zh := problemIn(t, fx.serveFrom(req(), "192.0.2.1:1"), 413, "too-large", messages.Chinese)
		if zh.Title != "请求内容过大" || !strings.HasPrefix(zh.Detail, "请求内容超过") || zh.DetailID != messages.ProblemDetailTooLarge || zh.DetailArgs["limit"] == nil {
			t.Errorf("Chinese 413: %+v", zh)
		}
		e := problemIn(t, fx.serveFrom(req(en...), "192.0.2.2:1"), 413, "too-large", messages.English)
		if e.Title != "Request too large" || !strings.HasPrefix(e.Detail, "the request body exceeds ") {
			t.Errorf("English 413: %+v", e)
		}
	})

	t.Run("429", func(t *testing.T) {
		get := func(remote string, headers ...string) *httptest.ResponseRecorder {
			r := httptest.NewRequest("GET", "/api/v1/openapi.json", nil)
			for i := 0; i+1 < len(headers); i += 2 {
				r.Header.Set(headers[i], headers[i+1])
			}
			return fx.serveFrom(r, remote)
		}
		for _, c := range []struct {
			remote string
			lang   messages.Language
			header []string
			title  string
		}{
			{"198.51.100.7:4000", messages.Chinese, nil, "请求过于频繁，请稍后再试"},
			{"198.51.100.8:4000", messages.English, en, "Too many requests"},
		} {
			if rec := get(c.remote, c.header...); rec.Code != 200 {
				t.Fatalf("first request: %d", rec.Code)
			}
			p := problemIn(t, get(c.remote, c.header...), 429, "rate-limited", c.lang)
			if p.Title != c.title || p.DetailID != messages.ProblemDetailRateLimitedClient || p.Detail != messages.For(c.lang).Sprintf(p.DetailID) {
				t.Errorf("%s 429: %+v", c.lang, p)
			}
		}
	})
}

// An import's row and column problems come back in the request's language, each with its
// message id and arguments, at the same row and column in both.
func TestImportProblemsInTheRequestLanguage(t *testing.T) {
	fx := newFixture(t, noLimits())
	tok := fx.tokens[evaluation.RoleEvaluator]
	path := "/api/v1/commissions/" + fx.cidA + "/datasets"
	bad := "指标代码,单位代码,期间,数值\n" +
		"pm25,caihe,2017,#DIV/0!\n" + // an Excel error: row 2, column 数值
		"pm25,nowhere,2017,40\n" // an unknown unit: row 3, column 单位代码
	type cell struct {
		row int
		col string
	}
	byCell := func(p api.Problem) map[cell]string {
		out := map[cell]string{}
		for _, e := range p.Errors {
			out[cell{e.Row, e.Column}] = e.Message
			if e.MessageID == "" {
				t.Errorf("row %d column %s: no message id: %+v", e.Row, e.Column, e)
			}
		}
		return out
	}
	rec := fx.uploadMultipart(path, tok, "bad.csv", []byte(bad))
	zh := byCell(problemIn(t, rec, 422, "validation", messages.Chinese))
	want := map[cell]string{
		{2, "数值"}:   "Excel错误#DIV/0!：该单元格为计算出错的公式，不是数值",
		{3, "单位代码"}: "未知被考评单位：不在本评估项目的被考评单位之列",
	}
	for c, w := range want {
		if zh[c] != w {
			t.Errorf("Chinese row %d column %s: %q, want %q (all: %v)", c.row, c.col, zh[c], w, zh)
		}
	}
	var p api.Problem
	must(t, json.Unmarshal(rec.Body.Bytes(), &p))
	if !strings.Contains(p.Detail, "bad.csv") || p.DetailID == "" {
		t.Errorf("Chinese detail %q (%s) does not name the file", p.Detail, p.DetailID)
	}

	rec = fx.uploadMultipart(path, tok, "bad.csv", []byte(bad), "Accept-Language", "en")
	enp := byCell(problemIn(t, rec, 422, "validation", messages.English))
	wantEn := map[cell]string{
		{2, "数值"}:   "Excel error #DIV/0!: the cell holds a failed formula, not a value",
		{3, "单位代码"}: "unknown evaluated unit: it is not one of the commission's units",
	}
	for c, w := range wantEn {
		if enp[c] != w {
			t.Errorf("English row %d column %s: %q, want %q (all: %v)", c.row, c.col, enp[c], w, enp)
		}
	}
}
