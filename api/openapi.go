package api

import (
	"encoding/json"
	"net/http"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"evalbench/evaluation"
)

// The OpenAPI document is generated from the route table and the Go types each route binds and
// answers, so it cannot drift from the routes.

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
	g := &schemaGen{components: map[string]any{}, names: map[reflect.Type]string{}}
	paths := map[string]map[string]any{}
	for _, r := range s.routes {
		p := OpenAPIPath(r.Path)
		if paths[p] == nil {
			paths[p] = map[string]any{}
		}
		op := map[string]any{
			"summary":     r.Summary,
			"tags":        []string{r.Tag},
			"operationId": operationID(r),
		}
		var params []any
		for _, m := range pathParam.FindAllStringSubmatch(r.Path, -1) {
			params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
		}
		for _, q := range r.Query {
			params = append(params, map[string]any{"name": q.Name, "in": "query", "description": q.Description, "schema": map[string]any{"type": q.Type}})
		}
		if r.IfMatch {
			params = append(params, map[string]any{"name": "If-Match", "in": "header", "required": true,
				"description": "the ETag of the version the change is based on (412 if stale, 428 if missing)", "schema": map[string]any{"type": "string"}})
		}
		if len(params) > 0 {
			op["parameters"] = params
		}
		switch {
		case r.Upload:
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				"multipart/form-data":      map[string]any{"schema": map[string]any{"type": "object", "properties": map[string]any{"file": map[string]any{"type": "string", "format": "binary"}}}},
				"application/octet-stream": map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}},
			}}
		case r.Body != nil:
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				"application/json": map[string]any{"schema": g.schema(reflect.TypeOf(r.Body))}}}
		}
		resp := map[string]any{"description": http.StatusText(r.Status)}
		switch {
		case r.RawOutput != "":
			resp["content"] = map[string]any{r.RawOutput: map[string]any{"schema": map[string]any{"type": "string"}}}
		case r.Response != nil:
			resp["content"] = map[string]any{"application/json": map[string]any{"schema": g.schema(reflect.TypeOf(r.Response))}}
		case r.Path == "/api/v1/openapi.json":
			resp["content"] = map[string]any{"application/json": map[string]any{"schema": map[string]any{"type": "object"}}}
		}
		responses := map[string]any{strconv.Itoa(r.Status): resp,
			"default": map[string]any{"description": "an error (RFC 9457 problem)", "content": map[string]any{
				"application/problem+json": map[string]any{"schema": g.schema(reflect.TypeOf(Problem{}))}}}}
		op["responses"] = responses
		if r.Auth == User {
			op["security"] = []any{map[string]any{"bearer": []string{}}}
		} else {
			op["security"] = []any{}
		}
		paths[p][strings.ToLower(r.Method)] = op
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{
			"title":       "evalbench",
			"version":     evaluation.BuildVersion,
			"description": "Third-party performance evaluation of government: commissions, 4E indicator frameworks, data, expert weights, 360-degree surveys, runs and signed reproducible reports. Errors are application/problem+json (RFC 9457).",
		},
		"servers":    []any{map[string]any{"url": "/"}},
		"paths":      paths,
		"components": map[string]any{"schemas": g.components, "securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer", "description": "an evalbench API token (evb_…)"}}},
	}
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

type schemaGen struct {
	components map[string]any
	names      map[reflect.Type]string
}

var (
	timeType    = reflect.TypeOf(time.Time{})
	rawJSONType = reflect.TypeOf(json.RawMessage(nil))
	hexType     = reflect.TypeOf(evaluation.HexBytes(nil))
)

// schema returns the JSON schema of t, registering named struct types as components.
func (g *schemaGen) schema(t reflect.Type) map[string]any {
	switch t {
	case timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case rawJSONType:
		return map[string]any{}
	case hexType:
		return map[string]any{"type": "string", "description": "hex"}
	}
	switch t.Kind() {
	case reflect.Pointer:
		s := g.schema(t.Elem())
		if _, isRef := s["$ref"]; isRef {
			return map[string]any{"allOf": []any{s}, "nullable": true}
		}
		out := map[string]any{"nullable": true}
		for k, v := range s {
			out[k] = v
		}
		return out
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return map[string]any{"type": "string", "format": "byte"}
		}
		return map[string]any{"type": "array", "items": g.schema(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.schema(t.Elem())}
	case reflect.Interface:
		return map[string]any{}
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
		obj := map[string]any{"type": "object", "properties": props}
		if len(required) > 0 {
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
// (List[evalbench/evaluation.Unit] → ListUnit).
func (g *schemaGen) name(t reflect.Type) string {
	if n, ok := g.names[t]; ok {
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
	base := n
	for k := 2; ; k++ {
		taken := false
		for tt, nn := range g.names {
			if nn == n && tt != t {
				taken = true
			}
		}
		if !taken {
			break
		}
		n = base + strconv.Itoa(k)
	}
	g.names[t] = n
	return n
}
