package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"evalbench/api"
)

// badText is the text every string a request carries is tried with: each must be refused with a
// 422 that names where it was, never a 5xx and never stored changed.
var badText = []struct {
	name string
	json string // as it appears inside a JSON string literal (raw bytes, not an escape, for invalid UTF-8)
	raw  string // the decoded text
}{
	{"NUL", `a\u0000b`, "a\x00b"},
	{"invalid UTF-8", "a\xffb", "a\xffb"},
	{"control character", `a\u001bb`, "a\x1bb"},
	{"lone CR", `a\rb`, "a\rb"},
}

// stringPaths lists the JSON pointers of every string in values of type t, following structs by
// their JSON names, the first element of slices and arrays, one key of maps (and the key itself),
// and free-form values (any) as strings. A recursive type is followed once.
func stringPaths(t reflect.Type, prefix string, seen map[reflect.Type]bool) []string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String, reflect.Interface:
		return []string{prefix}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 { // []byte and json.RawMessage: free JSON
			return []string{prefix}
		}
		return stringPaths(t.Elem(), prefix+"/0", seen)
	case reflect.Map:
		return append([]string{prefix + "/" + mapKeyMarker}, stringPaths(t.Elem(), prefix+"/k", seen)...)
	case reflect.Struct:
		if seen[t] {
			return nil
		}
		seen[t] = true
		defer delete(seen, t)
		var out []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			tag := f.Tag.Get("json")
			name, _, _ := strings.Cut(tag, ",")
			if name == "-" {
				continue
			}
			if f.Anonymous && name == "" {
				out = append(out, stringPaths(f.Type, prefix, seen)...)
				continue
			}
			if name == "" {
				name = f.Name
			}
			out = append(out, stringPaths(f.Type, prefix+"/"+name, seen)...)
		}
		return out
	}
	return nil
}

// mapKeyMarker ends a path whose last step is a map key (the key itself carries the bad text).
const mapKeyMarker = "\x00key"

// jsonWith builds the smallest JSON document that holds bad (a JSON string literal's content) at
// pointer, and returns the pointer a problem must name.
func jsonWith(pointer, bad string) (doc, want string) {
	steps := strings.Split(strings.TrimPrefix(pointer, "/"), "/")
	if pointer == "" {
		steps = nil
	}
	keyBad := len(steps) > 0 && steps[len(steps)-1] == mapKeyMarker
	if keyBad {
		steps = steps[:len(steps)-1]
	}
	var build func(i int) string
	build = func(i int) string {
		if i == len(steps) {
			if keyBad {
				return `{"` + bad + `":1}`
			}
			return `"` + bad + `"`
		}
		if _, err := strconv.Atoi(steps[i]); err == nil {
			return "[" + build(i+1) + "]"
		}
		return `{"` + steps[i] + `":` + build(i+1) + `}`
	}
	doc = build(0)
	want = pointer
	if keyBad {
		var decoded string
		_ = json.Unmarshal([]byte(`"`+bad+`"`), &decoded)
		q := strconv.QuoteToASCII(decoded)
		want = strings.TrimSuffix(pointer, mapKeyMarker) + q[1:len(q)-1]
	}
	if want == "" {
		want = "/"
	}
	return doc, want
}

// TestBadBytesEveryRouteEveryField walks every route of the route table and sends, in every string
// field of its body schema, every query parameter, every path parameter and the multipart file
// name, each kind of text that cannot be stored. Each request must answer 422 with a problem that
// names the field (JSON pointer, parameter name or filename), and none may answer 5xx.
func TestBadBytesEveryRouteEveryField(t *testing.T) {
	fx := newFixture(t, noLimits())
	objs := fx.objects[fx.cidA]
	ids := func(name string) string {
		switch name {
		case "cid":
			return fx.cidA
		case "iid":
			return fx.instA
		case "method":
			return "ahp"
		}
		if id, ok := objs[name]; ok {
			return id
		}
		return "00000000-0000-4000-8000-000000000000"
	}
	pathOf := func(r api.Route, bad map[string]string) string {
		parts := strings.Split(r.Path, "/")
		for i, p := range parts {
			if name, ok := strings.CutPrefix(p, ":"); ok {
				if v, ok := bad[name]; ok {
					parts[i] = v
				} else {
					parts[i] = url.PathEscape(ids(name))
				}
			}
		}
		return strings.Join(parts, "/")
	}
	send := func(method, target, contentType string, body []byte) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, target, bytes.NewReader(body))
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		req.Header.Set("Authorization", "Bearer "+fx.admin)
		req.Header.Set("If-Match", `"1"`)
		rec := httptest.NewRecorder()
		fx.srv.Handler().ServeHTTP(rec, req)
		return rec
	}
	check := func(t *testing.T, what string, rec *httptest.ResponseRecorder, field string, fileProblem bool) {
		t.Helper()
		if rec.Code >= 500 {
			t.Fatalf("%s: %d %s", what, rec.Code, rec.Body.String())
		}
		if rec.Code != 422 {
			t.Fatalf("%s: %d, want 422: %s", what, rec.Code, rec.Body.String())
		}
		if rec.Body.Len() == 0 && strings.HasPrefix(what, "HEAD ") {
			return // HEAD answers the status and headers alone
		}
		var p api.Problem
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		for _, e := range p.Errors {
			if fileProblem && e.Row > 0 && e.Column != "" {
				return
			}
			if !fileProblem && (e.Field == field || field == "") {
				return
			}
		}
		t.Fatalf("%s: no problem names %q: %s", what, field, rec.Body.String())
	}

	routes, fields := 0, 0
	for _, r := range fx.srv.Routes() {
		key := r.Method + " " + r.Path
		walked := 0
		// Path parameters.
		for _, seg := range strings.Split(r.Path, "/") {
			name, ok := strings.CutPrefix(seg, ":")
			if !ok {
				continue
			}
			walked++
			for _, b := range badText {
				target := pathOf(r, map[string]string{name: url.PathEscape(b.raw)})
				check(t, fmt.Sprintf("%s: path :%s %s", key, name, b.name), send(r.Method, target, "", nil), name, false)
			}
		}
		// Query parameters.
		for _, q := range r.Query {
			walked++
			for _, b := range badText {
				target := pathOf(r, nil) + "?" + q.Name + "=" + url.QueryEscape(b.raw)
				check(t, fmt.Sprintf("%s: ?%s %s", key, q.Name, b.name), send(r.Method, target, "", nil), q.Name, false)
			}
		}
		// Every string of the body.
		if r.Body != nil && !r.Upload {
			for _, ptr := range stringPaths(reflect.TypeOf(r.Body), "", map[reflect.Type]bool{}) {
				walked++
				for _, b := range badText {
					doc, want := jsonWith(ptr, b.json)
					check(t, fmt.Sprintf("%s: body %s %s (%s)", key, strings.ReplaceAll(ptr, mapKeyMarker, "<key>"), b.name, doc),
						send(r.Method, pathOf(r, nil), "application/json", []byte(doc)), want, false)
				}
			}
		}
		// Uploads: the multipart file name, and a bad cell (also in a dry run).
		if r.Upload && r.Path != "/api/v1/verify" {
			walked += 2
			for _, b := range badText {
				var buf bytes.Buffer
				mw := multipart.NewWriter(&buf)
				// RFC 2231 encoding carries any byte, as curl and browsers may send it.
				h := `form-data; name="file"; filename*=UTF-8''` + url.PathEscape(b.raw+".csv")
				part, _ := mw.CreatePart(map[string][]string{"Content-Disposition": {h}, "Content-Type": {"text/csv"}})
				part.Write([]byte("a,b\n1,2\n"))
				mw.Close()
				check(t, fmt.Sprintf("%s: multipart filename %s", key, b.name), send(r.Method, pathOf(r, nil), mw.FormDataContentType(), buf.Bytes()), "filename", false)

				cell := strings.ReplaceAll(b.raw, "\r", "\x01") // a lone CR inside a CSV field ends the record
				for _, dry := range []string{"", "&dry_run=true"} {
					csv := "indicator,unit,period,value\ngdp,caihe,2016,1\npm25,caihe,2016,\"" + cell + "\"\n"
					if strings.Contains(r.Path, "frameworks") {
						csv = "kind,parent,code,name\ndimension,,input,\"投入" + cell + "\"\n"
					} else if strings.Contains(r.Path, "surveys") {
						csv = "unit,group,rater,item,score,comment\ncaihe,public,r1,q1,4,\"" + cell + "\"\n"
					}
					target := pathOf(r, nil) + "?filename=data.csv" + dry
					if b.name == "invalid UTF-8" {
						target += "&encoding=utf-8"
					}
					rec := send(r.Method, target, "text/csv", []byte(csv))
					if b.name == "invalid UTF-8" { // the file's encoding, not a cell, is what is wrong
						check(t, fmt.Sprintf("%s: CSV cell %s%s", key, b.name, dry), rec, "", false)
						continue
					}
					check(t, fmt.Sprintf("%s: CSV cell %s%s", key, b.name, dry), rec, "", true)
				}
			}
		}
		if r.Path == "/api/v1/verify" {
			for _, b := range badText {
				var buf bytes.Buffer
				mw := multipart.NewWriter(&buf)
				h := `form-data; name="envelope"; filename*=UTF-8''` + url.PathEscape(b.raw+".json")
				part, _ := mw.CreatePart(map[string][]string{"Content-Disposition": {h}, "Content-Type": {"application/json"}})
				part.Write([]byte(`{"payload":"` + b.json + `"}`))
				mw.Close()
				if rec := send(r.Method, pathOf(r, nil), mw.FormDataContentType(), buf.Bytes()); rec.Code >= 500 {
					t.Fatalf("%s: %s multipart: %d %s", key, b.name, rec.Code, rec.Body.String())
				}
				rec := send(r.Method, pathOf(r, nil), "application/json", []byte(`{"payload":"`+b.json+`"}`))
				if rec.Code >= 500 {
					t.Fatalf("%s: %s envelope: %d %s", key, b.name, rec.Code, rec.Body.String())
				}
			}
		}
		if walked > 0 {
			routes++
		}
		fields += walked
		t.Logf("%-70s %d fields", key, walked)
	}
	t.Logf("bad bytes: %d routes of %d walked, %d route×field pairs, %d requests with bad text", routes, len(fx.srv.Routes()), fields, fields*len(badText))
	if routes < 40 || fields < 100 {
		t.Fatalf("the walk covered too little: %d routes, %d fields", routes, fields)
	}
}

// A request id the client sends is kept when it is a short printable token and replaced
// otherwise: it is stored in the audit log, where bad bytes would fail the write.
func TestBadRequestIDIsReplaced(t *testing.T) {
	fx := newFixture(t, noLimits())
	for _, id := range []string{"a\xffb", "a\x00b", "tab\there", strings.Repeat("x", 200)} {
		rec := fx.do("POST", "/api/v1/commissions", fx.tokens["owner"], map[string]any{"title": "t", "client": "c", "period_start": 2016, "period_end": 2020, "evaluated_period": "2016"}, "X-Request-Id", id)
		if rec.Code != 201 || rec.Header().Get("X-Request-Id") == id || rec.Header().Get("X-Request-Id") == "" {
			t.Fatalf("X-Request-Id %q: %d, answered id %q: %s", id, rec.Code, rec.Header().Get("X-Request-Id"), rec.Body.String())
		}
	}
	rec := fx.do("GET", "/api/v1/me", fx.tokens["owner"], nil, "X-Request-Id", "client-id-42")
	if rec.Header().Get("X-Request-Id") != "client-id-42" {
		t.Fatalf("a good client id was replaced: %q", rec.Header().Get("X-Request-Id"))
	}
}

// Text with tabs, line breaks (LF and CRLF), CJK and emoji is stored exactly as sent.
func TestGoodTextIsStoredUnchanged(t *testing.T) {
	fx := newFixture(t, noLimits())
	desc := "第一行\r\n第二行\n\tindented 👍 “quoted”"
	rec := fx.do("POST", "/api/v1/commissions", fx.tokens["owner"], map[string]any{"title": "江干区\t评估", "client": "c", "description": desc,
		"period_start": 2016, "period_end": 2020, "evaluated_period": "2016"})
	expect(t, rec, 201)
	var c struct {
		ID          string `json:"id"`
		Title       string `json:"title"`
		Description string `json:"description"`
	}
	must(t, json.Unmarshal(rec.Body.Bytes(), &c))
	rec = fx.do("GET", "/api/v1/commissions/"+c.ID, fx.tokens["owner"], nil)
	expect(t, rec, 200)
	must(t, json.Unmarshal(rec.Body.Bytes(), &c))
	if c.Description != desc || c.Title != "江干区\t评估" {
		t.Fatalf("stored %q / %q", c.Title, c.Description)
	}
}
