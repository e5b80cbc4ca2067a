package api

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// The OpenAPI document is generated from the route table and the Go types each route binds and
// answers, so it cannot drift from the routes. What the types cannot say — enums, limits,
// patterns, which fields a request must carry — comes from the rules in openapi_rules.go, written
// after the validation in package evaluation. The API tests check every request and response
// they make against the document, and FuzzOpenAPI sends requests generated from it.

var (
	openAPIOnce sync.Once
	openAPIDoc  []byte
)

func (s *Server) openAPI(c echo.Context) error {
	openAPIOnce.Do(func() { openAPIDoc, _ = json.MarshalIndent(s.OpenAPI(), "", "  ") })
	return c.JSONBlob(http.StatusOK, openAPIDoc)
}

var pathParam = regexp.MustCompile(`:([A-Za-z_]+)`)

// OpenAPIPath converts an Echo path (/commissions/:cid) to OpenAPI form (/commissions/{cid}).
func OpenAPIPath(p string) string { return pathParam.ReplaceAllString(p, "{$1}") }

// OpenAPI returns the OpenAPI 3.0 document of the server's routes.
func (s *Server) OpenAPI() map[string]any {
	g := &schemaGen{components: map[string]any{}, responses: map[string]any{}, names: map[genKey]string{}}
	problem := g.schema(reflect.TypeOf(Problem{}))
	paths := map[string]map[string]any{}
	for _, r := range s.routes {
		p := OpenAPIPath(r.Path)
		if paths[p] == nil {
			paths[p] = map[string]any{}
		}
		paths[p][strings.ToLower(r.Method)] = g.operation(r, problem)
	}
	g.addExamples(paths)
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{
			"title":   "evalbench",
			"version": engine.BuildVersion,
			"description": "Third-party performance evaluation of government: commissions, 4E indicator frameworks, data, expert weights, " +
				"360-degree surveys, runs and signed reproducible reports. Errors are application/problem+json (RFC 9457). " +
				"A problem's texts are in Chinese by default and in English with Accept-Language: en (Content-Language says which); " +
				"code and type are stable, and title_id, detail_id and each error's message_id name the texts in the message catalogue. " +
				"Request bodies are strict: unknown fields, a missing body and the body null are refused with 422. " +
				"A known path called with a method it does not serve answers 405 with Allow.",
		},
		"servers": []any{map[string]any{"url": "/"}},
		"paths":   paths,
		"components": map[string]any{"schemas": g.components, "responses": g.responses, "securitySchemes": map[string]any{
			"bearer": map[string]any{"type": "http", "scheme": "bearer", "description": "an evalbench API token (evb_…)"}}},
	}
}

// operation documents one route.
func (g *schemaGen) operation(r Route, problem map[string]any) map[string]any {
	op := map[string]any{
		"summary":     r.Summary,
		"description": operationDescription(r),
		"tags":        []string{r.Tag},
		"operationId": operationID(r),
	}
	var params []any
	for _, m := range pathParam.FindAllStringSubmatch(r.Path, -1) {
		params = append(params, map[string]any{"name": m[1], "in": "path", "required": true,
			"description": pathParamDescription(m[1]), "schema": pathParamSchema(m[1]), "example": pathParamExample(m[1])})
	}
	for _, q := range r.Query {
		params = append(params, q.openAPI())
	}
	if r.IfMatch {
		params = append(params, map[string]any{"name": "If-Match", "in": "header", "required": true,
			"description": "the ETag of the version the change is based on (412 if stale, 428 if missing)",
			"schema":      map[string]any{"type": "string", "minLength": 1}, "example": `"3"`})
	}
	if r.Immutable {
		params = append(params, map[string]any{"name": "If-None-Match", "in": "header", "required": false,
			"description": "ETags the client holds; the file's ETag (either encoding's) or * answers 304 with no body",
			"schema":      map[string]any{"type": "string"}, "example": `"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"`})
	}
	if len(params) > 0 {
		op["parameters"] = params
	}
	switch {
	case r.Upload:
		op["requestBody"] = uploadBody(r)
	case r.Body != nil:
		schema := g.requestSchema(reflect.TypeOf(r.Body))
		op["requestBody"] = map[string]any{"required": !r.BodyOptional,
			"description": "a JSON object; unknown fields are refused (422)",
			"content":     map[string]any{"application/json": map[string]any{"schema": schema}}}
	}
	responses := map[string]any{}
	for _, st := range append([]int{r.Status}, r.Also...) {
		responses[strconv.Itoa(st)] = g.success(r, st)
	}
	if r.Immutable {
		responses["304"] = map[string]any{"description": "Not Modified: If-None-Match names the file's ETag; no body",
			"headers": immutableHeaders(false)}
	}
	for _, st := range errorStatuses(r) {
		name := "Problem" + strconv.Itoa(st)
		if _, ok := g.responses[name]; !ok {
			g.responses[name] = map[string]any{"description": errorDescriptions[st],
				"content": map[string]any{"application/problem+json": map[string]any{"schema": problem, "example": problemExample(st)}}}
		}
		responses[strconv.Itoa(st)] = map[string]any{"$ref": "#/components/responses/" + name}
	}
	op["responses"] = responses
	if r.Auth == User {
		op["security"] = []any{map[string]any{"bearer": []string{}}}
	} else {
		op["security"] = []any{}
	}
	return op
}

// success documents a route's success response with status st.
func (g *schemaGen) success(r Route, st int) map[string]any {
	resp := map[string]any{"description": http.StatusText(st)}
	if r.Immutable {
		resp["headers"] = immutableHeaders(true)
	}
	if st == http.StatusNoContent {
		return resp
	}
	if r.Path == "/healthz" && st == http.StatusServiceUnavailable {
		resp["description"] = "the database is unreachable"
	}
	content := map[string]any{}
	switch {
	case len(r.Produces) > 0:
		for _, mt := range r.Produces {
			content[baseMediaType(mt)] = map[string]any{"schema": g.rawSchema(r, mt)}
		}
	case r.Response != nil:
		content["application/json"] = map[string]any{"schema": g.schema(reflect.TypeOf(r.Response))}
	}
	if len(content) > 0 && r.Method != http.MethodHead {
		resp["content"] = content
	}
	return resp
}

// immutableHeaders documents the headers of an immutable file's answer (with its body's on 200).
func immutableHeaders(body bool) map[string]any {
	str := func(desc string) map[string]any {
		return map[string]any{"description": desc, "schema": map[string]any{"type": "string"}}
	}
	h := map[string]any{
		"ETag":            str("strong validator: the file's SHA-256 (hex) in quotes, with -gzip appended for the gzip encoding"),
		"Cache-Control":   str("public, max-age=31536000, immutable: a published report's signed files never change"),
		"Vary":            str("Accept-Encoding (text files, served gzipped when the client accepts gzip)"),
		"X-Report-Digest": str("the report's digest: SHA-256 of report.json"),
	}
	if body {
		h["Content-Encoding"] = str("gzip when the client accepts it and the file is text")
		h["Content-Length"] = map[string]any{"description": "bytes of the body as sent (after gzip)", "schema": map[string]any{"type": "integer"}}
	}
	return h
}

// rawSchema is the schema of a non-JSON (or raw JSON) media type a route produces.
func (g *schemaGen) rawSchema(r Route, mt string) map[string]any {
	switch base := baseMediaType(mt); {
	case base == "application/json":
		if r.RawSchema != nil {
			return g.schema(reflect.TypeOf(r.RawSchema))
		}
		return map[string]any{"type": "object", "description": "a JSON document"}
	case base == "text/event-stream":
		return map[string]any{"type": "string", "description": "server-sent events: `event: progress` with the run as data, until `event: end`", "example": "event: progress\ndata: {}\n\n"}
	case strings.HasPrefix(base, "text/"):
		return map[string]any{"type": "string", "description": "UTF-8 text", "example": ""}
	default:
		return map[string]any{"type": "string", "format": "binary"}
	}
}

func baseMediaType(mt string) string {
	if base, _, err := mime.ParseMediaType(mt); err == nil {
		return base
	}
	return mt
}

// uploadBody documents a file upload: a multipart form with the file, or the raw file bytes.
func uploadBody(r Route) map[string]any {
	if r.Path == "/api/v1/verify" {
		return map[string]any{"required": true, "description": "the DSSE envelope as the body, or a multipart form with envelope, an optional report (report.json) and an optional key (a public key: PEM, base64 or hex)",
			"content": map[string]any{
				"multipart/form-data": map[string]any{"schema": map[string]any{"type": "object", "properties": map[string]any{
					"envelope": map[string]any{"type": "string", "format": "binary"},
					"report":   map[string]any{"type": "string", "format": "binary"},
					"key":      map[string]any{"type": "string"},
				}, "required": []string{"envelope"}}},
				"application/json":         map[string]any{"schema": map[string]any{"nullable": true, "description": "a DSSE envelope (payloadType, payload, signatures); anything else verifies as failed (200)"}},
				"application/octet-stream": map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}},
				"*/*":                      map[string]any{"schema": map[string]any{"type": "string", "format": "binary", "description": "any other media type: the body is read as the envelope"}},
			}}
	}
	file := map[string]any{"type": "string", "format": "binary"}
	raw := map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}
	return map[string]any{"required": true, "description": "the file: the part named file of a multipart form, or the raw bytes as the body (name it with the filename parameter, or give format)",
		"content": map[string]any{
			"multipart/form-data":      map[string]any{"schema": map[string]any{"type": "object", "properties": map[string]any{"file": file}, "required": []string{"file"}}},
			"application/octet-stream": raw,
			"text/csv":                 map[string]any{"schema": map[string]any{"type": "string"}},
			"application/json":         map[string]any{"schema": map[string]any{"nullable": true, "description": "a JSON file (framework or observations)"}},
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": raw,
			"*/*": map[string]any{"schema": map[string]any{"type": "string", "format": "binary", "description": "any other media type: the raw file"}},
		}}
}

// errorStatuses lists the error statuses a route may answer, from its shape.
func errorStatuses(r Route) []int {
	set := map[int]bool{}
	add := func(sts ...int) {
		for _, s := range sts {
			set[s] = true
		}
	}
	if r.Path != "/api/v1/openapi.json" && r.Path != "/healthz" {
		add(http.StatusServiceUnavailable)
	}
	if r.Auth == User {
		add(http.StatusUnauthorized, http.StatusForbidden)
	}
	if r.Path != "/healthz" {
		add(http.StatusTooManyRequests) // per token, or per client address on public routes
	}
	if strings.Contains(r.Path, ":") {
		// 404 for an id that names nothing; 422 for a parameter that is not text (NUL, invalid
		// UTF-8, control characters), named in the problem.
		add(http.StatusNotFound, http.StatusUnprocessableEntity)
	}
	if r.Body != nil || r.Upload {
		add(http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity)
		if r.Auth == User {
			add(http.StatusNotFound) // an id in the body (user_id, framework_id, …) names nothing
		}
	}
	for _, q := range r.Query {
		add(http.StatusUnprocessableEntity)
		if q.Format == "uuid" {
			add(http.StatusNotFound) // the object the parameter names does not exist
		}
	}
	if r.IfMatch {
		add(http.StatusPreconditionFailed, http.StatusPreconditionRequired)
	}
	if r.Method != http.MethodGet && r.Auth == User {
		add(http.StatusConflict)
	}
	add(r.Errors...)
	out := make([]int, 0, len(set))
	for s := range set {
		if s != r.Status && !slices.Contains(r.Also, s) {
			out = append(out, s)
		}
	}
	sort.Ints(out)
	return out
}

var errorDescriptions = map[int]string{
	http.StatusBadRequest:            "the body is not well-formed (malformed JSON, trailing data, a broken multipart form)",
	http.StatusUnauthorized:          "no token, or the token is unknown or revoked",
	http.StatusForbidden:             "your role on the commission does not allow this",
	http.StatusNotFound:              "no such object, or it belongs to another institute (the two answer alike)",
	http.StatusConflict:              "the object's state does not allow this now (the detail says why)",
	http.StatusPreconditionFailed:    "If-Match names a version that is no longer current",
	http.StatusRequestEntityTooLarge: "the body exceeds the configured limit",
	http.StatusUnprocessableEntity:   "the request is not valid; errors lists each problem by field (or row and column)",
	http.StatusPreconditionRequired:  "If-Match is required",
	http.StatusTooManyRequests:       "too many requests for this token (or, on public routes, this client address); retry after Retry-After seconds",
	http.StatusServiceUnavailable:    "the service cannot answer now (database unreachable, no PDF printer); retry later",
}

func problemExample(status int) map[string]any {
	slug := httpSlugs[status]
	for _, k := range problemKinds {
		if k.status == status {
			slug = k.slug
		}
	}
	if slug == "" {
		slug = "http-" + http.StatusText(status)
	}
	// The example is the English answer (Accept-Language: en); without it the texts are Chinese.
	title := slugTitle(slug)
	return map[string]any{"type": problemType(slug), "code": slug, "title": messages.For(messages.English).Sprintf(title, "status", status),
		"title_id": title, "status": status, "detail": errorDescriptions[status],
		"instance": exampleFill("/api/v1/commissions/:cid"), "request_id": "m1abcd-0a1b2c3d4e5f"}
}

// exampleFill fills an Echo path's parameters with example values.
func exampleFill(p string) string {
	return pathParam.ReplaceAllStringFunc(p, func(m string) string { return fmt.Sprint(pathParamExample(m[1:])) })
}

func operationDescription(r Route) string {
	var b strings.Builder
	b.WriteString(r.Summary)
	b.WriteString(".")
	if r.Description != "" {
		b.WriteString(" ")
		b.WriteString(r.Description)
	}
	if r.Auth == Public {
		b.WriteString(" Public: no token needed.")
	} else {
		b.WriteString(" Needs a bearer token; the service checks your role on the commission.")
	}
	if r.IfMatch {
		b.WriteString(" Send the ETag you read as If-Match.")
	}
	return b.String()
}

func operationID(r Route) string {
	parts := []string{strings.ToLower(r.Method)}
	for _, seg := range strings.Split(strings.TrimPrefix(r.Path, "/api/v1"), "/") {
		if seg == "" {
			continue
		}
		if strings.HasPrefix(seg, ":") {
			seg = "by-" + seg[1:]
		}
		parts = append(parts, strings.NewReplacer(".", "-", "_", "-").Replace(seg))
	}
	return strings.Join(parts, "-")
}

// genKey names a component: a Go type as a request body (strict) or as a response.
type genKey struct {
	t       reflect.Type
	request bool
}

type schemaGen struct {
	components map[string]any
	responses  map[string]any // error responses, one per status
	names      map[genKey]string
	request    bool // generating request schemas: strict, required fields from the rules
}

var (
	timeType    = reflect.TypeOf(time.Time{})
	rawJSONType = reflect.TypeOf(json.RawMessage(nil))
	hexType     = reflect.TypeOf(engine.HexBytes(nil))
)

// requestSchema returns the schema of t as a request body: unknown fields refused, required
// fields as the validation requires them.
func (g *schemaGen) requestSchema(t reflect.Type) map[string]any {
	old := g.request
	g.request = true
	defer func() { g.request = old }()
	return g.schema(t)
}

// schema returns the JSON schema of t, registering named struct types as components.
func (g *schemaGen) schema(t reflect.Type) map[string]any {
	if s, ok := typeSchemas[t]; ok {
		return clone(s)
	}
	switch t {
	case timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case rawJSONType:
		return map[string]any{"description": "any JSON value", "example": map[string]any{}}
	case hexType:
		return map[string]any{"type": "string", "pattern": hexPattern, "description": "bytes in hex"}
	}
	switch t.Kind() {
	case reflect.Pointer:
		s := g.schema(t.Elem())
		if _, isRef := s["$ref"]; isRef {
			return map[string]any{"allOf": []any{s}, "nullable": true}
		}
		s["nullable"] = true
		return s
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return map[string]any{"type": "integer"}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer", "minimum": 0}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return map[string]any{"type": "string", "format": "byte"}
		}
		// A nil slice marshals as null.
		return map[string]any{"type": "array", "items": g.schema(t.Elem()), "nullable": !g.request}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.schema(t.Elem())}
	case reflect.Interface:
		return map[string]any{"description": "any JSON value", "example": map[string]any{}}
	case reflect.Struct:
		name := g.name(t)
		ref := map[string]any{"$ref": "#/components/schemas/" + name}
		if _, done := g.components[name]; done {
			return ref
		}
		g.components[name] = map[string]any{} // placeholder for recursive types
		props := map[string]any{}
		var required []string
		g.fields(t, props, &required)
		rule := schemaRules[t]
		for field, extra := range rule.Fields {
			p, ok := props[field].(map[string]any)
			if !ok {
				panic("api: openapi rule for unknown field " + t.Name() + "." + field)
			}
			if _, isRef := p["$ref"]; isRef {
				p = map[string]any{"allOf": []any{p}}
			}
			for k, v := range extra {
				p[k] = v
			}
			props[field] = p
		}
		obj := map[string]any{"type": "object", "properties": props, "description": componentDescription(t, g.request)}
		if g.request {
			required = rule.Required
			obj["additionalProperties"] = false
			// encoding/json reads null as the field's absence.
			for name, p := range props {
				if slices.Contains(required, name) {
					continue
				}
				p := p.(map[string]any)
				if _, isRef := p["$ref"]; isRef {
					p = map[string]any{"allOf": []any{p}}
				}
				p["nullable"] = true
				props[name] = p
			}
		}
		if len(required) > 0 {
			required = slices.Clone(required)
			sort.Strings(required)
			obj["required"] = required
		}
		g.components[name] = obj
		return ref
	}
	return map[string]any{}
}

func (g *schemaGen) fields(t reflect.Type, props map[string]any, required *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			g.fields(ft, props, required)
			continue
		}
		if name == "" {
			name = f.Name
		}
		props[name] = g.schema(f.Type)
		if !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero") && f.Type.Kind() != reflect.Pointer {
			*required = append(*required, name)
		}
	}
}

// name gives a struct type a component name: its Go name, or with generic arguments flattened
// (List[evalbench/evaluation.Unit] → ListUnit); request bodies of types that are answered too
// get the suffix Input (Framework → FrameworkInput).
func (g *schemaGen) name(t reflect.Type) string {
	key := genKey{t, g.request}
	if n, ok := g.names[key]; ok {
		return n
	}
	n := t.Name()
	if i := strings.IndexByte(n, '['); i >= 0 {
		arg := n[i+1 : len(n)-1]
		if j := strings.LastIndexByte(arg, '.'); j >= 0 {
			arg = arg[j+1:]
		}
		n = n[:i] + arg
	}
	if n == "" {
		n = "Anonymous"
	}
	n = strings.ToUpper(n[:1]) + n[1:]
	if g.request && !strings.HasSuffix(n, "Input") && !strings.HasSuffix(n, "Patch") && !strings.HasSuffix(n, "Request") {
		n += "Input"
	}
	base := n
	for k := 2; ; k++ {
		taken := false
		for kk, nn := range g.names {
			if nn == n && kk != key {
				taken = true
			}
		}
		if !taken {
			break
		}
		n = base + strconv.Itoa(k)
	}
	g.names[key] = n
	return n
}

func clone(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
