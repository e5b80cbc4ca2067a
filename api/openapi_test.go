package api_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

// Every operation and every component schema has a description and an example, and every
// example validates against its schema.
func TestOpenAPIExamplesAndDescriptions(t *testing.T) {
	fx := newFixture(t, noLimits())
	doc := contractDocument(t, fx.srv)
	names := make([]string, 0, len(doc.Components.Schemas))
	for n := range doc.Components.Schemas {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		s := doc.Components.Schemas[n].Value
		if s.Description == "" {
			t.Errorf("schema %s has no description", n)
		}
		if s.Example == nil {
			t.Errorf("schema %s has no example", n)
			continue
		}
		if err := s.VisitJSON(s.Example); err != nil {
			t.Errorf("schema %s: its example does not validate: %v", n, err)
		}
	}
	ops := 0
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			ops++
			where := method + " " + path
			if op.Description == "" || op.Summary == "" {
				t.Errorf("%s has no description", where)
			}
			examples := 0
			for _, p := range op.Parameters {
				if p.Value.Example != nil {
					if err := p.Value.Schema.Value.VisitJSON(p.Value.Example); err != nil {
						t.Errorf("%s: parameter %s: example: %v", where, p.Value.Name, err)
					}
				} else {
					t.Errorf("%s: parameter %s has no example", where, p.Value.Name)
				}
			}
			var media []*openapi3.MediaType
			if op.RequestBody != nil {
				for _, m := range op.RequestBody.Value.Content {
					media = append(media, m)
				}
			}
			for code, r := range op.Responses.Map() {
				if r.Value.Description == nil || *r.Value.Description == "" {
					t.Errorf("%s: response %s has no description", where, code)
				}
				for _, m := range r.Value.Content {
					media = append(media, m)
				}
			}
			for _, m := range media {
				if m.Example == nil {
					continue
				}
				examples++
				if err := m.Schema.Value.VisitJSON(m.Example); err != nil {
					t.Errorf("%s: example does not validate: %v", where, err)
				}
			}
			if examples == 0 {
				t.Errorf("%s has no example", where)
			}
			if op.Responses.Value("default") != nil {
				t.Errorf("%s documents a default response: list the statuses it answers", where)
			}
		}
	}
	if ops != len(fx.srv.Routes()) {
		t.Errorf("%d operations documented, %d routes", ops, len(fx.srv.Routes()))
	}
}

// The document states the limits, formats, enums and strictness the service enforces.
func TestOpenAPIStatesTheRules(t *testing.T) {
	fx := newFixture(t, noLimits())
	doc := contractDocument(t, fx.srv)
	op := func(method, path string) *openapi3.Operation {
		t.Helper()
		item := doc.Paths.Find(path)
		if item == nil || item.GetOperation(method) == nil {
			t.Fatalf("%s %s not documented", method, path)
		}
		return item.GetOperation(method)
	}
	limit := op("GET", "/api/v1/commissions").Parameters.GetByInAndName("query", "limit").Schema.Value
	offset := op("GET", "/api/v1/commissions").Parameters.GetByInAndName("query", "offset").Schema.Value
	if limit.Min == nil || *limit.Min != 1 || limit.Max == nil || *limit.Max != 500 || offset.Min == nil || *offset.Min != 0 {
		t.Errorf("limit %v–%v, offset ≥ %v: want 1–500 and ≥ 0", limit.Min, limit.Max, offset.Min)
	}
	// A run says why it failed as a catalogue message beside its English error.
	if run := doc.Components.Schemas["Run"]; run == nil || run.Value.Properties["error"] == nil || run.Value.Properties["error_message"] == nil {
		t.Error("the Run schema lacks error or error_message")
	} else if m := run.Value.Properties["error_message"].Value; len(m.AllOf) != 1 || m.AllOf[0].Value.Properties["id"] == nil || m.AllOf[0].Value.Properties["args"] == nil {
		t.Errorf("the Run's error_message is not a message {id, args}: %+v", m)
	}
	in := doc.Components.Schemas["CommissionInput"].Value
	if in.AdditionalProperties.Has == nil || *in.AdditionalProperties.Has {
		t.Error("CommissionInput allows unknown fields")
	}
	if in.Properties["title"].Value.MinLength != 1 || in.Properties["evaluated_period"].Value.Pattern == "" {
		t.Error("CommissionInput: title may be empty or the period has no pattern")
	}
	for _, ok := range []string{"2016", "2016-H1", "2016-Q3", "2017-09", "2017-9", "2017/09"} {
		if !regexp.MustCompile(in.Properties["evaluated_period"].Value.Pattern).MatchString(ok) {
			t.Errorf("the period pattern refuses %s", ok)
		}
		if _, err := engine.ParsePeriod(ok); err != nil {
			t.Errorf("ParsePeriod(%s): %v", ok, err)
		}
	}
	for _, bad := range []string{"20x", "2016-Q5", "2016-13", "1899", "2016-H3"} {
		if regexp.MustCompile(in.Properties["evaluated_period"].Value.Pattern).MatchString(bad) {
			t.Errorf("the period pattern accepts %s", bad)
		}
		if _, err := engine.ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%s) accepts it", bad)
		}
	}
	// Every JSON request body refuses unknown fields, at every depth.
	seen := map[*openapi3.Schema]bool{}
	var strict func(where string, s *openapi3.SchemaRef)
	strict = func(where string, s *openapi3.SchemaRef) {
		if s == nil || s.Value == nil || seen[s.Value] {
			return
		}
		seen[s.Value] = true
		v := s.Value
		for _, a := range v.AllOf {
			strict(where, a)
		}
		strict(where, v.Items)
		if v.Type.Is("object") && len(v.Properties) > 0 {
			if v.AdditionalProperties.Has == nil || *v.AdditionalProperties.Has {
				t.Errorf("%s: %s allows unknown fields", where, s.Ref)
			}
			for _, p := range v.Properties {
				strict(where, p)
			}
		}
	}
	bodies := 0
	for path, item := range doc.Paths.Map() {
		for method, o := range item.Operations() {
			if o.RequestBody == nil || o.RequestBody.Value.Content.Get("multipart/form-data") != nil {
				continue
			}
			if m := o.RequestBody.Value.Content["application/json"]; m != nil {
				bodies++
				strict(method+" "+path, m.Schema)
			}
		}
	}
	if bodies < 20 {
		t.Errorf("only %d JSON request bodies", bodies)
	}
	tok := op("POST", "/api/v1/tokens").RequestBody.Value
	if !tok.Required || tok.Content.Get("application/json").Schema.Value.Nullable {
		t.Error("POST /tokens: the body is optional or may be null")
	}
	if op("POST", "/api/v1/tokens").Responses.Status(422) == nil {
		t.Error("POST /tokens does not document 422")
	}
	bundle := op("GET", "/api/v1/commissions/{cid}/reports/{repid}/report.json").Responses.Status(200).Value.Content.Get("application/json").Schema
	if bundle.Ref != "#/components/schemas/Bundle" {
		t.Errorf("report.json is documented as %+v, not the bundle", bundle.Value)
	}
	for _, p := range []string{"/api/v1/commissions/{cid}/datasets/{did}/export", "/api/v1/commissions/{cid}/frameworks/{fid}/export"} {
		content := op("GET", p).Responses.Status(200).Value.Content
		for _, mt := range []string{"text/csv", "text/tab-separated-values", "application/json", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"} {
			if content[mt] == nil {
				t.Errorf("%s does not document %s", p, mt)
			}
		}
		if content["application/octet-stream"] != nil {
			t.Errorf("%s documents application/octet-stream", p)
		}
	}
	if s := op("GET", "/api/v1/commissions/{cid}/frameworks/{fid}/export").Responses.Status(200).Value.Content["application/json"].Schema; s.Ref != "#/components/schemas/Framework" {
		t.Errorf("the framework export's JSON is documented as %v", s.Ref)
	}
}

// A path the API serves, called with a method it does not serve, answers 405 with Allow as a
// problem — also where a route with a parameter would match the path (…/:wid vs …/compare).
func TestKnownPathWrongMethodIs405(t *testing.T) {
	fx := newFixture(t, noLimits())
	owner := fx.tokens[evaluation.RoleOwner]
	base := "/api/v1/commissions/" + fx.cidA
	for _, c := range []struct{ method, path, allow string }{
		{"PUT", base + "/weight-sets/compare", "GET"},
		{"DELETE", base + "/weight-sets/compare", "GET"},
		{"PUT", base + "/frameworks/import", "POST"},
		{"GET", base + "/frameworks/import", "POST"},
		{"POST", base + "/datasets/compare", "GET"},
		{"DELETE", "/api/v1/commissions", "POST, GET"},
		{"PUT", "/api/v1/verify", "POST"},
	} {
		rec := fx.do(c.method, c.path, owner, "{}")
		if rec.Code != http.StatusMethodNotAllowed {
			t.Errorf("%s %s: %d, want 405: %s", c.method, c.path, rec.Code, rec.Body)
			continue
		}
		if got := rec.Header().Get("Allow"); !sameMethods(got, c.allow) {
			t.Errorf("%s %s: Allow %q, want %q", c.method, c.path, got, c.allow)
		}
		if p := decode[api.Problem](t, rec); p.Status != 405 || p.Type != "urn:evalbench:problem:method-not-allowed" {
			t.Errorf("%s %s: problem %+v", c.method, c.path, p)
		}
	}
}

func sameMethods(a, b string) bool {
	split := func(s string) []string {
		var f []string
		for _, m := range strings.Split(s, ",") {
			if m = strings.TrimSpace(m); m != "OPTIONS" {
				f = append(f, m)
			}
		}
		sort.Strings(f)
		return f
	}
	return strings.Join(split(a), ",") == strings.Join(split(b), ",")
}

// A route that takes a JSON body refuses an empty body and the body null with 422 before doing
// anything: POST /tokens with null issued a token.
func TestNullOrEmptyBodyIs422(t *testing.T) {
	fx := newFixture(t, noLimits())
	owner := fx.tokens[evaluation.RoleOwner]
	ctx := context.Background()
	before, err := fx.svc.ListTokens(ctx, fx.actors[evaluation.RoleOwner], "")
	must(t, err)
	for _, body := range []string{"null", " null\n", "", "  "} {
		rec := fx.do("POST", "/api/v1/tokens", owner, body)
		expect(t, rec, 422)
		if p := decode[api.Problem](t, rec); len(p.Errors) != 1 || p.Errors[0].Field != "body" {
			t.Errorf("body %q: problem %+v", body, p)
		}
	}
	after, err := fx.svc.ListTokens(ctx, fx.actors[evaluation.RoleOwner], "")
	must(t, err)
	if len(after) != len(before) {
		t.Fatalf("a null body issued a token: %d tokens, were %d", len(after), len(before))
	}
	// Every route with a required JSON body.
	param := regexp.MustCompile(`:([A-Za-z_]+)`)
	n := 0
	for _, r := range fx.srv.Routes() {
		if r.Body == nil || r.BodyOptional {
			continue
		}
		path := param.ReplaceAllStringFunc(r.Path, func(m string) string {
			switch m[1:] {
			case "cid":
				return fx.cidA
			case "method":
				return "ahp"
			}
			if id, ok := fx.objects[fx.cidA][m[1:]]; ok {
				return id
			}
			return "00000000-0000-4000-8000-000000000000"
		})
		rec := fx.do(r.Method, path, fx.admin, "null", "If-Match", `"1"`)
		if rec.Code != 422 {
			t.Errorf("%s %s with the body null: %d, want 422: %s", r.Method, r.Path, rec.Code, rec.Body)
		}
		n++
	}
	if n < 15 {
		t.Fatalf("only %d routes with a body checked", n)
	}
}

// Exports answer the content type of each format, as documented (the contract checks validate
// each body against its format's schema).
func TestExportsAnswerTheirFormatsContentType(t *testing.T) {
	fx := newFixture(t, noLimits())
	viewer := fx.tokens[evaluation.RoleViewer]
	base := "/api/v1/commissions/" + fx.cidA
	want := map[string]string{"csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
		"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "json": "application/json"}
	for _, p := range []string{base + "/datasets/" + fx.objects[fx.cidA]["did"] + "/export", base + "/frameworks/" + fx.objects[fx.cidA]["fid"] + "/export"} {
		for format, ct := range want {
			rec := fx.do("GET", p+"?format="+format, viewer, nil)
			expect(t, rec, 200)
			if got := rec.Header().Get("Content-Type"); got != ct {
				t.Errorf("%s as %s: Content-Type %q, want %q", p, format, got, ct)
			}
		}
		expect(t, fx.do("GET", p+"?format=pdf", viewer, nil), 422)
	}
}

// TestOpenAPIStatesTheStringEnums: the settings that are plain strings in Go but take a fixed set
// of values (the run's missing-data policy, scoring methods and trajectory paths, the Monte Carlo
// perturbation, the AHP priority, RI table, gate and aggregation, the combined formula) carry their
// enum in the document, with the empty string where Defaults fills it, exactly as the validators
// (engine.RunConfig.Validate, engine.AHPConfig.options, engine.WeightSet.Check) accept them.
func TestOpenAPIStatesTheStringEnums(t *testing.T) {
	fx := newFixture(t, noLimits())
	doc := contractDocument(t, fx.srv)
	for _, c := range []struct {
		schema, field string
		want          []string
	}{
		{"RunConfig", "missing", []string{"", "exclude", "zero", "mean"}},
		{"ScoringRule", "method", []string{"achievement", "prorata", "bands", "rubric", "trajectory", "minmax", "zscore", "rank", "distance", "threshold"}},
		{"ScoringRule", "path", []string{"", "linear", "compound"}},
		{"MonteCarloConfig", "perturbation", []string{"", "dirichlet", "uniform"}},
		{"AHPConfig", "priority", []string{"", "eigenvector", "geometric"}},
		{"AHPConfig", "ri", []string{"", "saaty", "alonso-lamata"}},
		{"AHPConfig", "gate", []string{"", "exclude", "block"}},
		{"AHPConfig", "aggregation", []string{"", "aij", "aij-trimmed", "aij-quantile", "aip-geometric", "aip-arithmetic"}},
		{"CombinedConfig", "formula", []string{"", "linear", "product"}},
	} {
		var found bool
		for name, ref := range doc.Components.Schemas {
			if name != c.schema && name != c.schema+"Input" {
				continue
			}
			p := ref.Value.Properties[c.field]
			if p == nil || p.Value == nil {
				t.Errorf("%s.%s is not documented", name, c.field)
				continue
			}
			found = true
			var got []string
			for _, v := range p.Value.Enum {
				got = append(got, fmt.Sprint(v))
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("%s.%s enum %q, want %q", name, c.field, got, c.want)
			}
		}
		if !found {
			t.Errorf("no schema %s(Input) documents %s", c.schema, c.field)
		}
	}
}
