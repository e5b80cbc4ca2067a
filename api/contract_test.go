package api_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/labstack/echo/v4"

	"evalbench/api"
)

// The contract: every request an API test sends and every answer it gets is checked against
// the OpenAPI document the server publishes (kin-openapi's openapi3filter), so the document
// cannot drift from the behaviour. A request the document refuses must be refused (4xx); every
// status must be documented for the operation; every response must validate.

var (
	contractOnce sync.Once
	contractDoc  *openapi3.T
	contractErr  error

	contractMu   sync.Mutex
	validatedReq = map[string]bool{} // distinct requests checked against an operation
	validatedOps = map[string]bool{} // operations (METHOD path) exercised
)

func init() {
	openapi3.DefineStringFormatValidator("uuid", openapi3.NewRegexpFormatValidator(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`))
	raw := func(body io.Reader, _ http.Header, _ *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
		b, err := io.ReadAll(body)
		return string(b), err
	}
	for _, mt := range []string{"text/html", "text/event-stream", "text/tab-separated-values", "application/pdf",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "*/*"} {
		openapi3filter.RegisterBodyDecoder(mt, raw)
	}
	openapi3filter.RegisterBodyDecoder("text/csv", raw)
}

// contractDocument loads the server's OpenAPI document once per process (it depends only on the
// route table).
func contractDocument(t testing.TB, srv *api.Server) *openapi3.T {
	t.Helper()
	contractOnce.Do(func() {
		raw, err := json.Marshal(srv.OpenAPI())
		if err != nil {
			contractErr = err
			return
		}
		contractDoc, contractErr = openapi3.NewLoader().LoadFromData(raw)
		if contractErr == nil {
			contractErr = contractDoc.Validate(context.Background())
		}
	})
	if contractErr != nil {
		t.Fatalf("the OpenAPI document: %v", contractErr)
	}
	return contractDoc
}

// findOperation resolves a request as the router does, returning the documented operation and
// its path parameters (nil when the path or the method is not served).
func findOperation(doc *openapi3.T, e *echo.Echo, req *http.Request) (*routers.Route, map[string]string) {
	c := e.NewContext(req, httptest.NewRecorder())
	path := echo.GetPath(req)
	e.Router().Find(req.Method, path, c)
	tmpl := c.Path()
	if tmpl == "" || strings.HasSuffix(tmpl, "/*") {
		return nil, nil
	}
	p := api.OpenAPIPath(tmpl)
	if literalElsewhere(doc, p, path) {
		return nil, nil // the server answers 405: the path is another route's, literally
	}
	item := doc.Paths.Find(p)
	if item == nil {
		return nil, nil
	}
	op := item.GetOperation(req.Method)
	if op == nil {
		return nil, nil
	}
	params := map[string]string{}
	for i, n := range c.ParamNames() {
		params[n] = c.ParamValues()[i]
	}
	return &routers.Route{Spec: doc, Path: p, PathItem: item, Method: req.Method, Operation: op}, params
}

// routedByEcho reports whether the router has a route for the request's path that the route
// table does not hold (one a test added).
func routedByEcho(e *echo.Echo, req *http.Request) bool {
	for _, r := range e.Routes() {
		if r.Path == echo.GetPath(req) && r.Method == req.Method {
			return true
		}
	}
	return false
}

// literalElsewhere reports whether a documented path other than tmpl matches path with a
// literal segment where tmpl has a parameter.
func literalElsewhere(doc *openapi3.T, tmpl, path string) bool {
	ts, ps := strings.Split(tmpl, "/"), strings.Split(path, "/")
	for other := range doc.Paths.Map() {
		segs := strings.Split(other, "/")
		if other == tmpl || len(segs) != len(ps) {
			continue
		}
		match, literal := true, false
		for i := range segs {
			switch {
			case strings.HasPrefix(segs[i], "{"):
				match = match && strings.HasPrefix(ts[i], "{")
			case segs[i] != ps[i]:
				match = false
			case strings.HasPrefix(ts[i], "{"):
				literal = true
			}
		}
		if match && literal {
			return true
		}
	}
	return false
}

// serve sends req through the server, checking request and response against the document.
func (fx *fixture) serve(rec *httptest.ResponseRecorder, req *http.Request) {
	if err := fx.roundTrip(rec, req); err != nil {
		fx.t.Errorf("OpenAPI contract: %s %s: %v", req.Method, req.URL, err)
	}
}

// roundTrip sends req through the server and checks request and response against the
// document, returning what disagrees.
func (fx *fixture) roundTrip(rec *httptest.ResponseRecorder, req *http.Request) error {
	t := fx.t
	doc := contractDocument(t, fx.srv)
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	route, params := findOperation(doc, fx.srv.Echo(), req)
	var reqErr error
	var in *openapi3filter.RequestValidationInput
	ctx := context.Background()
	if route != nil {
		check := req.Clone(ctx)
		check.Body = io.NopCloser(bytes.NewReader(body))
		in = &openapi3filter.RequestValidationInput{Request: check, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, SkipSettingDefaults: true}}
		reqErr = openapi3filter.ValidateRequest(ctx, in)
		sum := sha256.Sum256(body)
		contractMu.Lock()
		validatedReq[req.Method+" "+req.URL.String()+" "+req.Header.Get("Content-Type")+" "+fmt.Sprintf("%x", sum[:8])] = true
		validatedOps[req.Method+" "+route.Path] = true
		contractMu.Unlock()
	}
	fx.srv.Handler().ServeHTTP(rec, req)
	return checkResponse(doc, route == nil && routedByEcho(fx.srv.Echo(), req), route, in, reqErr, rec)
}

// checkResponse checks an answer against the document: a documented status, a valid body, and
// a refusal of any request the document refuses.
func checkResponse(doc *openapi3.T, testRoute bool, route *routers.Route, in *openapi3filter.RequestValidationInput, reqErr error, rec *httptest.ResponseRecorder) error {
	code := rec.Code
	if route == nil {
		if code != http.StatusNotFound && code != http.StatusMethodNotAllowed && !testRoute {
			return fmt.Errorf("an undocumented path or method answered %d", code)
		}
		if code == http.StatusMethodNotAllowed && rec.Header().Get("Allow") == "" {
			return fmt.Errorf("405 without Allow")
		}
		return checkProblem(doc, rec)
	}
	if reqErr != nil && code < 400 {
		return fmt.Errorf("the document refuses the request (%v) but the server answered %d", reqErr, code)
	}
	if code >= 500 && code != http.StatusServiceUnavailable {
		return fmt.Errorf("server error %d: %s", code, rec.Body.String())
	}
	if route.Method == http.MethodHead {
		return nil
	}
	body := rec.Body.Bytes()
	if rec.Header().Get("Content-Encoding") == "gzip" { // the document describes the decoded body
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return fmt.Errorf("Content-Encoding: gzip: %v", err)
		}
		if body, err = io.ReadAll(zr); err != nil {
			return fmt.Errorf("Content-Encoding: gzip: %v", err)
		}
	}
	err := openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: code, Header: rec.Header(), Body: io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true}})
	if err != nil {
		return fmt.Errorf("response %d does not match the document: %v\nbody: %.400s", code, err, rec.Body.String())
	}
	return nil
}

func checkProblem(doc *openapi3.T, rec *httptest.ResponseRecorder) error {
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
		return fmt.Errorf("%d answered %q, not application/problem+json", rec.Code, ct)
	}
	var v any
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		return err
	}
	return doc.Components.Schemas["Problem"].Value.VisitJSON(v)
}

// TestMain runs the tests, then reports how much of the API the contract checks covered.
func TestMain(m *testing.M) {
	code := m.Run()
	contractMu.Lock()
	if len(validatedOps) > 0 && testing.Verbose() || os.Getenv("EVALBENCH_CONTRACT_REPORT") != "" {
		ops := make([]string, 0, len(validatedOps))
		for k := range validatedOps {
			ops = append(ops, k)
		}
		sort.Strings(ops)
		fmt.Printf("OpenAPI contract: %d distinct requests validated over %d operations\n", len(validatedReq), len(ops))
		if os.Getenv("EVALBENCH_CONTRACT_REPORT") == "ops" {
			fmt.Println(strings.Join(ops, "\n"))
		}
	}
	contractMu.Unlock()
	os.Exit(code)
}
