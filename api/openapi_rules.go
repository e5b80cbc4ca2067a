package api

import (
	"reflect"
	"sort"
	"strings"

	"evalbench/evaluation"
	"evalbench/evaluation/calc"
	"evalbench/evaluation/engine"
	"evalbench/reports"
)

// The rules below say in the OpenAPI document what package evaluation's validation enforces and
// the Go types cannot: enums of the domain's named strings, patterns, limits and the fields a
// request must carry. Each names the check it mirrors.

const (
	// uuidPattern is an object id (evaluation.validID).
	uuidPattern = `^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`
	// periodPattern is a period as engine.ParsePeriod reads it: 2016, 2016-H1, 2016-Q3,
	// 2017-09, 2017-9, 2017/09 (years 1900–2200).
	periodPattern = `^\s*(19[0-9]{2}|2[01][0-9]{2}|2200)([-/]([Hh][12]|[Qq][1-4]|0?[1-9]|1[0-2]))?\s*$`
	// canonicalPeriodPattern is a period as the service answers it (engine.Period), or empty.
	canonicalPeriodPattern = `^((19[0-9]{2}|2[01][0-9]{2}|2200)(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?)?$`
	// codePattern is an indicator, group or unit code (engine.ValidCode).
	codePattern = `^[A-Za-z][A-Za-z0-9_.\-]{0,63}$`
	// textPattern is text that is not blank (the service trims it and requires something).
	textPattern = `\S`
	// hexPattern is bytes in hex (engine.HexBytes).
	hexPattern = `^([0-9a-f]{2})*$`
)

func enumOf[T ~string](vals ...T) map[string]any {
	out := make([]any, len(vals))
	for i, v := range vals {
		out[i] = string(v)
	}
	return map[string]any{"type": "string", "enum": out}
}

func withDesc(s map[string]any, desc string) map[string]any {
	s["description"] = desc
	return s
}

// typeSchemas are the schemas of the domain's named types.
var typeSchemas = map[reflect.Type]map[string]any{
	reflect.TypeFor[evaluation.Role]():       withDesc(enumOf(evaluation.Roles...), "a role on one commission"),
	reflect.TypeFor[evaluation.Permission](): withDesc(enumOf(evaluation.PermRead, evaluation.PermManage, evaluation.PermUnits, evaluation.PermFramework, evaluation.PermData, evaluation.PermWeights, evaluation.PermJudge, evaluation.PermSurveys, evaluation.PermRuns, evaluation.PermPublish, evaluation.PermAccept, evaluation.PermAudit), "one kind of action on a commission"),
	reflect.TypeFor[evaluation.Status]():     withDesc(enumOf(evaluation.StatusDraft, evaluation.StatusCollecting, evaluation.StatusWeighting, evaluation.StatusComputing, evaluation.StatusReview, evaluation.StatusPublished, evaluation.StatusAccepted), "a commission's place in its lifecycle"),
	reflect.TypeFor[engine.Dimension]():      withDesc(enumOf(engine.Dimensions...), "one of the 4E dimensions"),
	reflect.TypeFor[engine.NodeKind]():       withDesc(enumOf(engine.KindDimension, engine.KindGroup, engine.KindIndicator), "what a framework node is"),
	reflect.TypeFor[engine.ValueKind]():      withDesc(enumOf(engine.ValueQuantity, engine.ValuePercent, engine.ValueCount, engine.ValueCurrency), "how an indicator's values are measured"),
	reflect.TypeFor[engine.Polarity]():       withDesc(enumOf(engine.PolarityHigher, engine.PolarityLower, engine.PolarityTarget, engine.PolarityRange), "which values are better"),
	reflect.TypeFor[engine.TargetKind]():     withDesc(enumOf(engine.TargetLevel, engine.TargetGrowthRate, engine.TargetCumulative, engine.TargetUpperBound, engine.TargetLowerBound, engine.TargetQualitative), "what an indicator's target means"),
	reflect.TypeFor[engine.TargetBasis]():    withDesc(enumOf(engine.BasisLevel, engine.BasisGrowth), "how an annual target is stated"),
	reflect.TypeFor[engine.SurveyKind]():     withDesc(enumOf(engine.SurveyKinds...), "which evaluation source a survey serves"),
	reflect.TypeFor[engine.ItemContent]():    withDesc(enumOf(engine.ItemContents...), "what a survey item asks about"),
	reflect.TypeFor[engine.WeightMethod](): withDesc(enumOf(engine.WeightEqual, engine.WeightDirect, engine.WeightAHP, engine.WeightEntropy, engine.WeightCRITIC, engine.WeightCombined),
		"how a weight set derives its weights"),
	reflect.TypeFor[engine.UnitKind](): withDesc(enumOf(engine.UnitDistrict, engine.UnitDepartment, engine.UnitSubdistrict, engine.UnitOther), "the kind of an evaluated unit"),
	reflect.TypeFor[engine.Period](): {"type": "string", "pattern": canonicalPeriodPattern, "example": "2016",
		"description": "a period: a year (2016), a half (2016-H1), a quarter (2016-Q3) or a month (2017-09); empty for the default"},
}

// nonBlank is a required text field.
var nonBlank = map[string]any{"minLength": 1, "pattern": textPattern}

// schemaRule adds to the schema of one struct type.
type schemaRule struct {
	// Required lists the fields a request must carry (the validation refuses their absence).
	Required []string
	// Fields adds keywords to properties' schemas.
	Fields map[string]map[string]any
}

func merge(ms ...map[string]any) map[string]any {
	out := map[string]any{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

var schemaRules = map[reflect.Type]schemaRule{
	// evaluation.CommissionInput.validate
	reflect.TypeFor[evaluation.CommissionInput](): {Required: []string{"title", "client", "period_start", "period_end", "evaluated_period"}, Fields: map[string]map[string]any{
		"title":            merge(nonBlank, map[string]any{"example": "江干区“十三五”规划中期评估"}),
		"client":           merge(nonBlank, map[string]any{"example": "江干区绩效办"}),
		"period_start":     {"minimum": 1900, "maximum": 2200, "example": 2016},
		"period_end":       {"minimum": 1900, "maximum": 2200, "example": 2020, "description": "not before period_start"},
		"evaluated_period": {"pattern": periodPattern, "example": "2016", "description": "the period evaluated, inside the evaluation period"},
	}},
	reflect.TypeFor[evaluation.CommissionPatch](): {Fields: map[string]map[string]any{
		"title":            nonBlank,
		"client":           nonBlank,
		"period_start":     {"minimum": 1900, "maximum": 2200},
		"period_end":       {"minimum": 1900, "maximum": 2200},
		"evaluated_period": {"pattern": periodPattern},
	}},
	// evaluation.Service.CreateInstitute
	reflect.TypeFor[evaluation.InstituteInput](): {Required: []string{"code", "name"}, Fields: map[string]map[string]any{
		"code": {"pattern": `^[a-z0-9][a-z0-9-]{0,62}$`, "example": "inst-a"},
		"name": merge(nonBlank, map[string]any{"example": "评估院A"}),
	}},
	// evaluation.Service.CreateUser
	reflect.TypeFor[evaluation.UserInput](): {Required: []string{"name"}, Fields: map[string]map[string]any{
		"name":         merge(nonBlank, map[string]any{"example": "张三"}),
		"email":        {"pattern": "^$|@", "example": "zhang@example.org"},
		"institute_id": {"pattern": "^$|" + uuidPattern, "description": "default: your own institute (institute admins)"},
	}},
	reflect.TypeFor[evaluation.TokenInput](): {Fields: map[string]map[string]any{
		"user_id": {"pattern": "^$|" + uuidPattern, "description": "default: yourself"},
		"name":    {"example": "laptop"},
	}},
	// evaluation.CheckTransition
	reflect.TypeFor[transitionInput](): {Required: []string{"to"}},
	// evaluation.Service.UpsertUnits
	reflect.TypeFor[unitsInput](): {Required: []string{"units"}, Fields: map[string]map[string]any{"units": {"minItems": 1}}},
	reflect.TypeFor[engine.Unit](): {Required: []string{"code", "name"}, Fields: map[string]map[string]any{
		"code": {"pattern": codePattern, "example": "caihe"},
		"name": merge(nonBlank, map[string]any{"example": "采荷街道"}),
	}},
	reflect.TypeFor[grantInput](): {Required: []string{"user_id", "role"}},
	// evaluation.Service.DecideAcceptance
	reflect.TypeFor[evaluation.AcceptanceInput](): {Required: []string{"decision"}, Fields: map[string]map[string]any{
		"decision": {"enum": []any{evaluation.DecisionAccept, evaluation.DecisionReject}, "example": evaluation.DecisionAccept},
	}},
	// evaluation.Service.SubmitJudgment (checkOrganisation); a panel file refuses it on a matrix
	reflect.TypeFor[evaluation.JudgmentInput](): {Required: []string{"node", "matrix"}, Fields: map[string]map[string]any{
		"organisation": {"maxLength": evaluation.MaxExpertTextRunes, "example": "区发展和改革局", "description": "your own submission only: the organisation (单位) you judge for; absent or blank, the one your matrices in the set already carry, else your institute's name. All your matrices in the set then carry it. A panel file gives it per expert (experts[].organisation), never on a matrix (422)"},
	}},
	reflect.TypeFor[evaluation.AdjustmentInput](): {Required: []string{"node", "child", "weight", "reason"}, Fields: map[string]map[string]any{
		"reason": nonBlank,
	}},
	// engine.Survey.Validate
	reflect.TypeFor[engine.Survey](): {Required: []string{"code", "title", "kind", "items", "groups"}, Fields: map[string]map[string]any{
		"code":   {"pattern": codePattern, "example": "satisfaction-2016"},
		"title":  {"minLength": 1, "maxLength": 500, "example": "2016年度公众满意度调查"},
		"items":  {"minItems": 1, "maxItems": engine.MaxSurveyItems},
		"groups": {"minItems": 1, "maxItems": engine.MaxSurveyGroups},
	}},
	// evaluation.Service.checkWeightSet
	reflect.TypeFor[engine.WeightSet](): {Required: []string{"name"}, Fields: map[string]map[string]any{
		"name": merge(nonBlank, map[string]any{"example": "专家AHP权重"}),
	}},
	// evaluation.Service.CreateRun
	reflect.TypeFor[evaluation.RunRequest](): {Required: []string{"weight_set_id", "dataset_ids"}, Fields: map[string]map[string]any{
		"weight_set_id": {"pattern": uuidPattern, "example": "5f0c6d3e-8a1b-4c2d-9e3f-0a1b2c3d4e5f"},
		"dataset_ids":   {"minItems": 1, "example": []any{"6a1d7e4f-9b2c-4d3e-8f40-1b2c3d4e5f60"}, "description": "frozen datasets, in priority order"},
	}},
	// evaluation.Service.ImportJudgments
	reflect.TypeFor[evaluation.JudgmentPanel](): {Required: []string{"experts"}, Fields: map[string]map[string]any{
		"experts": {"minItems": 1},
	}},
	// evaluation.checkExpertText (a panel file's experts and a round's)
	reflect.TypeFor[evaluation.PanelExpert](): {Required: []string{"key", "name", "judgments"}, Fields: map[string]map[string]any{
		"name":         merge(nonBlank, map[string]any{"maxLength": evaluation.MaxExpertTextRunes, "example": "模拟专家 周文华"}),
		"organisation": {"maxLength": evaluation.MaxExpertTextRunes, "example": "高校公共管理学院", "description": "the expert's organisation (单位), optional; reports and pages show it beside the name"},
	}},
	reflect.TypeFor[evaluation.RoundExpertInput](): {Required: []string{"name"}, Fields: map[string]map[string]any{
		"name":         merge(nonBlank, map[string]any{"maxLength": evaluation.MaxExpertTextRunes}),
		"organisation": {"maxLength": evaluation.MaxExpertTextRunes},
	}},
	// engine.RunConfig.Validate (after Defaults fills the empty ones)
	reflect.TypeFor[engine.RunConfig](): {Fields: map[string]map[string]any{
		"missing":            {"enum": []any{"", "exclude", "zero", "mean"}, "description": "missing-data policy: exclude (default: leave the indicator out and renormalise its siblings' weights), zero (score 0) or mean (the other units' mean score)"},
		"coverage_threshold": {"minimum": 0, "maximum": 1, "description": "share of the framework's weight the indicators scored from data must carry; below it the result is provisional (暂定). Default 0.8"},
	}},
	reflect.TypeFor[engine.ScoringRule](): {Required: []string{"method"}, Fields: map[string]map[string]any{
		"method": {"enum": []any{"achievement", "prorata", "bands", "rubric", "trajectory", "minmax", "zscore", "rank", "distance", "threshold"}},
		"path":   {"enum": []any{"", "linear", "compound"}, "description": "the plan trajectory's shape (trajectory and achievement without an annual target): compound (default) or linear"},
		"cap":    {"minimum": 0, "maximum": 100},
		"floor":  {"minimum": 0, "maximum": 100},
	}},
	reflect.TypeFor[engine.MonteCarloConfig](): {Fields: map[string]map[string]any{
		"perturbation": {"enum": []any{"", "dirichlet", "uniform"}, "description": "how the weights are perturbed: dirichlet (default) or uniform ±fraction"},
	}},
	// engine.AHPConfig.options
	reflect.TypeFor[engine.AHPConfig](): {Fields: map[string]map[string]any{
		"priority":     {"enum": []any{"", "eigenvector", "geometric"}, "description": "the priority vector: eigenvector (default) or geometric mean of rows"},
		"ri":           {"enum": []any{"", "saaty", "alonso-lamata"}, "description": "the random index table: saaty (default) or alonso-lamata"},
		"gate":         {"enum": []any{"", "exclude", "block"}, "description": "an inconsistent matrix is excluded (default) or blocks the weight set"},
		"aggregation":  {"enum": []any{"", "aij", "aij-trimmed", "aij-quantile", "aip-geometric", "aip-arithmetic"}, "description": "group aggregation: aij (default, judgments), aij-trimmed or aij-quantile (a trimmed or interquantile mean of each pair's log judgments, trim at each end), aip-geometric or aip-arithmetic (priorities)"},
		"cr_threshold": {"minimum": 0, "maximum": 1},
		"trim":         {"minimum": 0, "maximum": 0.5, "exclusiveMaximum": true},
	}},
	// engine.WeightSet.Check
	reflect.TypeFor[engine.CombinedConfig](): {Fields: map[string]map[string]any{
		"formula": {"enum": []any{"", "linear", "product"}, "description": "linear (default): α·subjective + (1 − α)·objective; product: ∝ subjective·objective"},
		"alpha":   {"minimum": 0, "maximum": 1},
	}},
	reflect.TypeFor[engine.Framework](): {Fields: map[string]map[string]any{
		"title":      {"example": "江干区国民经济和社会发展第十三个五年规划"},
		"plan_start": {"example": 2016},
		"plan_end":   {"example": 2020},
	}},
	reflect.TypeFor[engine.Node](): {Fields: map[string]map[string]any{
		"code": {"example": "economy"},
		"name": {"example": "经济"},
	}},
	reflect.TypeFor[evaluation.NewToken](): {Fields: map[string]map[string]any{
		"token":  {"example": "evb_q5Jv0m8yQ1e3b9zX2k7L4tH6sW0pN1aR5cU8dF3gE2i", "description": "the secret: send it as Authorization: Bearer …; shown once"},
		"prefix": {"example": "evb_q5Jv"},
	}},
	reflect.TypeFor[Problem](): {Fields: map[string]map[string]any{
		"type":   {"example": "urn:evalbench:problem:validation"},
		"status": {"minimum": 400, "maximum": 599},
	}},
}

// componentDescription describes a component schema.
func componentDescription(t reflect.Type, request bool) string {
	if d, ok := typeDescriptions[t]; ok {
		if request {
			return d + " (as a request body: unknown fields are refused)"
		}
		return d
	}
	name := t.Name()
	if i := strings.IndexByte(name, '['); i >= 0 {
		name = name[:i]
	}
	what := words(name) + " (" + t.PkgPath()[strings.LastIndexByte(t.PkgPath(), '/')+1:] + "." + name + ")"
	if name == "List" {
		what = "A listing: the items in order"
	}
	if request {
		return what + " (as a request body: unknown fields are refused)"
	}
	return what
}

var typeDescriptions = map[reflect.Type]string{
	reflect.TypeFor[Problem]():                    "an RFC 9457 problem: a stable type, a human title, a detail for the user and, for 422, each problem by field",
	reflect.TypeFor[Health]():                     "liveness: the database's reachability and the build",
	reflect.TypeFor[evaluation.Commission]():      "a commissioned evaluation",
	reflect.TypeFor[evaluation.CommissionInput](): "a new commission",
	reflect.TypeFor[evaluation.CommissionPatch](): "changes to a commission; absent fields stay",
	reflect.TypeFor[engine.Framework]():           "a version of a commission's indicator framework: the 4E dimensions with their groups and indicators",
	reflect.TypeFor[engine.Node]():                "a dimension, group or indicator of a framework",
	reflect.TypeFor[engine.Indicator]():           "what an indicator measures and aims at",
	reflect.TypeFor[engine.Unit]():                "an evaluated unit (被考评单位)",
	reflect.TypeFor[evaluation.Dataset]():         "a version of a commission's observations",
	reflect.TypeFor[engine.Survey]():              "a survey: scale, items, rater groups and aggregation options",
	reflect.TypeFor[engine.WeightSet]():           "a weight set on a framework version: its method and configuration",
	reflect.TypeFor[evaluation.Run]():             "an evaluation run and its progress",
	reflect.TypeFor[evaluation.RunRequest]():      "what a run computes from",
	reflect.TypeFor[evaluation.Report]():          "a published, signed report",
	reflect.TypeFor[reports.Bundle]():             "the canonical bundle (RFC 8785) a report signs: manifest, inputs, results and the results' digest",
	reflect.TypeFor[reports.Envelope]():           "a DSSE envelope: the bundle as base64 payload and its Ed25519 signatures",
	reflect.TypeFor[engine.Verification]():        "the result of verifying a signed report, check by check",
	reflect.TypeFor[evaluation.User]():            "a user",
	reflect.TypeFor[evaluation.Institute]():       "an evaluation institute (a tenant)",
	reflect.TypeFor[evaluation.Token]():           "an API token (never its secret)",
	reflect.TypeFor[evaluation.NewToken]():        "a new API token with its secret, shown once",
	reflect.TypeFor[evaluation.AuditEntry]():      "an entry of the hash-chained audit log",
}

// words spells a Go name as words: ImportResult → "Import result".
func words(name string) string {
	var b strings.Builder
	for i, r := range name {
		if i > 0 && r >= 'A' && r <= 'Z' {
			b.WriteByte(' ')
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	out := b.String()
	return strings.ToUpper(out[:1]) + out[1:]
}

// Path parameters: ids of objects, except the framework (an id or latest), a role and a method.
func pathParamSchema(name string) map[string]any {
	switch name {
	case "fid":
		return map[string]any{"type": "string", "pattern": `^(latest|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$`}
	case "role":
		return clone(typeSchemas[reflect.TypeFor[evaluation.Role]()])
	case "method":
		return enumOf(calc.Methods()...)
	}
	return map[string]any{"type": "string", "format": "uuid"}
}

func pathParamExample(name string) any {
	switch name {
	case "fid":
		return "latest"
	case "role":
		return "viewer"
	case "method":
		return "ahp"
	}
	return "5f0c6d3e-8a1b-4c2d-9e3f-0a1b2c3d4e5f"
}

var pathParamNames = map[string]string{
	"cid": "commission", "did": "dataset", "fid": "framework", "wid": "weight set", "sid": "survey", "rid": "run",
	"repid": "report", "iid": "institute", "tid": "token", "uid": "user",
}

func pathParamDescription(name string) string {
	switch name {
	case "fid":
		return "framework id, or latest for the newest version"
	case "role":
		return "the role to revoke"
	case "method":
		return "the statistical method"
	}
	return "the " + pathParamNames[name] + "'s id"
}

// openAPI documents a query parameter.
func (p Param) openAPI() map[string]any {
	s := map[string]any{"type": p.Type}
	if len(p.Enum) > 0 {
		e := make([]any, len(p.Enum))
		for i, v := range p.Enum {
			e[i] = v
		}
		s["enum"] = e
	}
	if p.Min != nil {
		s["minimum"] = *p.Min
	}
	if p.Max != nil {
		s["maximum"] = *p.Max
	}
	if p.Default != nil {
		s["default"] = p.Default
	}
	if p.Pattern != "" {
		s["pattern"] = p.Pattern
	}
	if p.Format != "" {
		s["format"] = p.Format
	}
	// An empty value is the parameter's absence (the handlers read c.QueryParam(name) == "").
	out := map[string]any{"name": p.Name, "in": "query", "description": p.Description, "schema": s, "allowEmptyValue": true}
	if p.Required {
		out["required"] = true
	}
	if ex := paramExample(p); ex != nil {
		out["example"] = ex
	}
	return out
}

func paramExample(p Param) any {
	switch {
	case p.Default != nil:
		return p.Default
	case len(p.Enum) > 0:
		return p.Enum[0]
	case p.Format == "uuid":
		return pathParamExample("id")
	case p.Type == "integer":
		if p.Min != nil {
			return *p.Min
		}
		return 1
	case p.Type == "boolean":
		return false
	}
	if ex, ok := map[string]string{"filename": "data.csv", "sheet": "Sheet1", "label": "2016年报送", "unit": "jiubao", "period": "2016", "group": "public", "deadline": "2026-12-31T16:00:00Z",
		"map": `{"respondent":"编号","columns":[{"column":"经济-效率","node":"root","left":"economy","right":"efficiency"}],"revise":{"round":true}}`}[p.Name]; ok {
		return ex
	}
	return nil
}

func intp(n int) *int { return &n }

// namedExample gives an example string for a property by its name: ids, digests, names.
func namedExample(name string) (string, bool) {
	switch {
	case name == "id" || strings.HasSuffix(name, "_id"):
		return pathParamExample("id").(string), true
	case strings.Contains(name, "digest") || strings.Contains(name, "hash") || name == "keyid" || name == "fingerprint":
		return "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", true
	case name == "name" || strings.HasSuffix(name, "_name"):
		return "江干区", true
	case name == "code":
		return "caihe", true
	case name == "title":
		return "江干区“十三五”规划中期评估", true
	}
	return "", false
}

// addExamples gives every component schema and every JSON request and response an example
// generated from its schema (and the examples its fields carry), so the examples validate.
func (g *schemaGen) addExamples(paths map[string]map[string]any) {
	names := make([]string, 0, len(g.components))
	for n := range g.components {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := g.components[n].(map[string]any)
		c["example"] = g.example(c, 0)
	}
	for _, item := range paths {
		for _, op := range item {
			op := op.(map[string]any)
			var media []map[string]any
			if rb, ok := op["requestBody"].(map[string]any); ok {
				for _, m := range rb["content"].(map[string]any) {
					media = append(media, m.(map[string]any))
				}
			}
			for _, resp := range op["responses"].(map[string]any) {
				if content, ok := resp.(map[string]any)["content"].(map[string]any); ok {
					for _, m := range content {
						media = append(media, m.(map[string]any))
					}
				}
			}
			for _, m := range media {
				if _, has := m["example"]; has {
					continue
				}
				if ex := g.example(m["schema"].(map[string]any), 0); ex != nil {
					m["example"] = ex
				}
			}
		}
	}
}

// example returns a value valid under schema s: its example, its first enum value, or the
// smallest value its keywords allow, with the required properties of an object (and those whose
// schema carries an example).
func (g *schemaGen) example(s map[string]any, depth int) any {
	if ex, ok := s["example"]; ok {
		return ex
	}
	if ref, ok := s["$ref"].(string); ok {
		c := g.components[strings.TrimPrefix(ref, "#/components/schemas/")].(map[string]any)
		return g.example(c, depth+1)
	}
	if all, ok := s["allOf"].([]any); ok && len(all) > 0 {
		return g.example(all[0].(map[string]any), depth)
	}
	if e, ok := s["enum"].([]any); ok && len(e) > 0 {
		return e[0]
	}
	switch s["type"] {
	case "string":
		switch {
		case s["format"] == "date-time":
			return "2026-12-07T08:00:00Z"
		case s["format"] == "uuid":
			return pathParamExample("id")
		case s["format"] == "byte":
			return "ZXZhbGJlbmNo"
		case s["format"] == "binary":
			return nil
		case s["pattern"] == canonicalPeriodPattern:
			return "2016"
		case s["pattern"] == hexPattern:
			return "9f86d081884c7d65"
		case s["pattern"] != nil && s["pattern"] != textPattern:
			return nil // a pattern with no example: say nothing rather than something invalid
		}
		return "示例"
	case "integer":
		if m, ok := s["minimum"]; ok {
			return m
		}
		return 1
	case "number":
		return 0.5
	case "boolean":
		return false
	case "array":
		if depth > 6 {
			return []any{}
		}
		items, _ := s["items"].(map[string]any)
		n := 0
		if mi, ok := s["minItems"].(int); ok {
			n = mi
		}
		out := []any{}
		if ex := g.example(items, depth+1); ex != nil && (n > 0 || depth < 3) {
			out = append(out, ex)
		}
		return out
	case "object":
		out := map[string]any{}
		props, _ := s["properties"].(map[string]any)
		req := map[string]bool{}
		if r, ok := s["required"].([]string); ok {
			for _, f := range r {
				req[f] = true
			}
		}
		for name, p := range props {
			p := p.(map[string]any)
			_, hasEx := p["example"]
			if !req[name] && !hasEx {
				continue
			}
			if depth > 6 && !req[name] {
				continue
			}
			if p["type"] == "string" && p["pattern"] == nil && p["format"] == nil && p["enum"] == nil && !hasEx {
				if ex, ok := namedExample(name); ok {
					out[name] = ex
					continue
				}
			}
			if ex := g.example(p, depth+1); ex != nil {
				out[name] = ex
			} else if req[name] {
				return nil
			}
		}
		return out
	}
	return nil
}
