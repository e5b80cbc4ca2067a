package api_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"evalbench/evaluation"
)

// FuzzOpenAPI sends requests generated from the OpenAPI document's schemas — path and query
// parameters and JSON bodies, valid and invalid values alike, chosen by the fuzz input — to a
// server with a populated fixture (built once per process), and checks each answer: no 5xx
// (503 aside, which is documented), a status documented for the operation, a body that matches
// the document, and a refusal of every request the document refuses.
//
// Strings carry no NUL bytes, invalid UTF-8 or control characters: those are refused at the
// boundary by the bad-bytes checks, with their own walk over every route.
func FuzzOpenAPI(f *testing.F) {
	fx := newFixture(f, noLimits())
	doc := contractDocument(f, fx.srv)
	ops := fuzzOperations(doc)
	for i := range ops {
		f.Add([]byte{byte(i), 1, 1, 1, 1, 1, 1, 1, 1, 1}) // a valid-ish request of each operation
		f.Add([]byte{byte(i), 0, 0, 0, 0, 0, 0, 0, 0, 0}) // and an invalid one
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g := &fuzzGen{data: data, fx: fx}
		o := ops[g.intn(len(ops))]
		req := g.request(o)
		rec := httptest.NewRecorder()
		fx.t = t
		defer func() { fx.t = f }()
		if err := fx.roundTrip(rec, req); err != nil {
			t.Fatalf("%s %s: %v", req.Method, req.URL, err)
		}
	})
}

type fuzzOp struct {
	method, path string
	op           *openapi3.Operation
}

func fuzzOperations(doc *openapi3.T) []fuzzOp {
	var ops []fuzzOp
	for p, item := range doc.Paths.Map() {
		for m, op := range item.Operations() {
			if strings.HasSuffix(p, "/events") {
				continue // server-sent events stream until the run ends
			}
			ops = append(ops, fuzzOp{m, p, op})
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].path+ops[i].method < ops[j].path+ops[j].method })
	return ops
}

// fuzzGen draws choices from the fuzz input; when it runs out, every choice is 0.
type fuzzGen struct {
	data []byte
	fx   *fixture
}

func (g *fuzzGen) byte() byte {
	if len(g.data) == 0 {
		return 0
	}
	b := g.data[0]
	g.data = g.data[1:]
	return b
}

func (g *fuzzGen) intn(n int) int {
	if n <= 1 {
		return 0
	}
	return int(g.byte()) % n
}

// valid says whether the next value should be valid (most are).
func (g *fuzzGen) valid() bool { return g.byte()%8 != 0 }

var fuzzParam = regexp.MustCompile(`\{([A-Za-z_]+)\}`)

func (g *fuzzGen) request(o fuzzOp) *http.Request {
	fx := g.fx
	cid := fx.cidA
	if g.intn(4) == 0 {
		cid = fx.cidB
	}
	path := fuzzParam.ReplaceAllStringFunc(o.path, func(m string) string {
		name := m[1 : len(m)-1]
		if g.valid() {
			switch name {
			case "cid":
				return cid
			case "iid":
				return fx.instA
			case "method":
				return []string{"ahp", "entropy", "topsis", "icc", "nonsense"}[g.intn(5)]
			case "role":
				return string(evaluation.Roles[g.intn(len(evaluation.Roles))])
			}
			if id, ok := fx.objects[cid][name]; ok {
				return id
			}
		}
		return url.PathEscape(g.str())
	})
	q := url.Values{}
	header := http.Header{}
	for _, p := range o.op.Parameters {
		pv := p.Value
		if !pv.Required && g.intn(3) == 0 {
			continue
		}
		var v any
		if g.valid() && pv.Example != nil {
			v = pv.Example
		} else {
			v = g.value(pv.Schema, 0)
		}
		s := fmt.Sprint(v)
		if v == nil {
			s = ""
		}
		switch pv.In {
		case "query":
			q.Set(pv.Name, s)
		case "header":
			header.Set(pv.Name, []string{`"1"`, `"2"`, s, "W/\"1\""}[g.intn(4)])
		}
	}
	target := path
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	var body []byte
	ct := ""
	if rb := o.op.RequestBody; rb != nil {
		switch g.intn(8) {
		case 0:
			body, ct = []byte("null"), "application/json"
		case 1:
			body, ct = nil, "application/json"
		case 2:
			body, ct = []byte(`{"unknown_field": 1}`), "application/json"
		case 3:
			if rb.Value.Content.Get("multipart/form-data") != nil {
				body, ct = []byte("indicator,unit,period,value\ngdp,caihe,2017,600\n"), "text/csv"
				break
			}
			fallthrough
		default:
			if m := rb.Value.Content.Get("application/json"); m != nil && m.Schema != nil {
				var v any
				if g.valid() && m.Example != nil {
					v = g.mutate(m.Example)
				} else {
					v = g.value(m.Schema, 0)
				}
				body, _ = json.Marshal(v)
				ct = "application/json"
			} else {
				body, ct = []byte("a,b\n1,2\n"), "application/octet-stream"
			}
		}
	}
	req := httptest.NewRequest(o.method, target, bytes.NewReader(body))
	for k, v := range header {
		req.Header[k] = v
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	tokens := []string{fx.tokens[evaluation.RoleOwner], fx.tokens[evaluation.RoleViewer], fx.tokens[evaluation.RoleExpert],
		fx.tokens[evaluation.RoleReviewer], fx.admin, fx.outsider, "", "evb_not-a-token"}
	if tok := tokens[g.intn(len(tokens))]; tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	return req
}

// mutate changes one field of an example, or none.
func (g *fuzzGen) mutate(v any) any {
	m, ok := v.(map[string]any)
	if !ok || len(m) == 0 || g.intn(2) == 0 {
		return v
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make(map[string]any, len(m))
	for k, x := range m {
		out[k] = x
	}
	k := keys[g.intn(len(keys))]
	switch g.intn(3) {
	case 0:
		delete(out, k)
	default:
		out[k] = g.any(0)
	}
	return out
}

// value draws a value for schema s: usually one it allows, sometimes one it refuses.
func (g *fuzzGen) value(ref *openapi3.SchemaRef, depth int) any {
	if ref == nil || ref.Value == nil {
		return g.any(depth)
	}
	s := ref.Value
	if !g.valid() || depth > 4 {
		return g.any(depth)
	}
	if len(s.AllOf) > 0 {
		return g.value(s.AllOf[0], depth)
	}
	if len(s.Enum) > 0 {
		return s.Enum[g.intn(len(s.Enum))]
	}
	if s.Example != nil && g.intn(2) == 0 {
		return s.Example
	}
	switch {
	case s.Type.Is("string"):
		if s.Format == "uuid" {
			return []string{g.fx.cidA, g.fx.instA, "00000000-0000-4000-8000-000000000000"}[g.intn(3)]
		}
		if s.Pattern != "" {
			return []string{"2016", "2017-Q3", "caihe", "gdp", "inst-x", "a@b", g.str()}[g.intn(7)]
		}
		return g.str()
	case s.Type.Is("integer"):
		return g.number(s, true)
	case s.Type.Is("number"):
		return g.number(s, false)
	case s.Type.Is("boolean"):
		return g.intn(2) == 1
	case s.Type.Is("array"):
		n := g.intn(3)
		out := make([]any, n)
		for i := range out {
			out[i] = g.value(s.Items, depth+1)
		}
		return out
	case s.Type.Is("object"):
		out := map[string]any{}
		names := make([]string, 0, len(s.Properties))
		for n := range s.Properties {
			names = append(names, n)
		}
		sort.Strings(names)
		required := map[string]bool{}
		for _, r := range s.Required {
			required[r] = true
		}
		for _, n := range names {
			if required[n] || g.intn(3) == 0 {
				out[n] = g.value(s.Properties[n], depth+1)
			}
		}
		return out
	}
	return g.any(depth)
}

func (g *fuzzGen) number(s *openapi3.Schema, integer bool) any {
	var cands []float64
	if s.Min != nil {
		cands = append(cands, *s.Min, *s.Min-1)
	}
	if s.Max != nil {
		cands = append(cands, *s.Max, *s.Max+1)
	}
	cands = append(cands, 0, 1, -1, 2016, 1e9, 0.5)
	if g.intn(4) == 0 && len(g.data) >= 8 {
		x := math.Float64frombits(binary.LittleEndian.Uint64(g.data))
		g.data = g.data[8:]
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			cands = append(cands, x)
		}
	}
	x := cands[g.intn(len(cands))]
	if integer {
		return math.Trunc(x)
	}
	return x
}

// any draws a value of any JSON type.
func (g *fuzzGen) any(depth int) any {
	switch g.intn(7) {
	case 0:
		return nil
	case 1:
		return g.intn(2) == 1
	case 2:
		return float64(int(g.byte()) - 128)
	case 3:
		return g.str()
	case 4:
		if depth > 3 {
			return []any{}
		}
		return []any{g.any(depth + 1)}
	case 5:
		if depth > 3 {
			return map[string]any{}
		}
		return map[string]any{g.str(): g.any(depth + 1)}
	}
	return 1e300
}

// str draws a string: empty, blank, ordinary, long or odd but valid UTF-8 text.
func (g *fuzzGen) str() string {
	words := []string{"", " ", "x", "江干区", "2016", "latest", "compare", "../etc", "a b", "%", "'; DROP TABLE x; --",
		strings.Repeat("长", 300), "\t", "😀", "0", "-1", "true", "null", "{}", "00000000-0000-4000-8000-000000000000"}
	return words[g.intn(len(words))]
}
