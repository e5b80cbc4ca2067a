package api_test

import (
	"strings"
	"testing"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// errorsByField indexes a problem's errors by their field.
func errorsByField(p api.Problem) map[string]engine.Problem {
	out := map[string]engine.Problem{}
	for _, e := range p.Errors {
		out[e.Field] = e
	}
	return out
}

// A bad calculator request answers 422 with each field's problem in Chinese without
// Accept-Language and in English with Accept-Language: en, under the same message ids.
func TestCalcProblemsInTheRequestLanguage(t *testing.T) {
	fx := newFixture(t, noLimits())
	tok := fx.tokens[evaluation.RoleViewer]
	en := []string{"Accept-Language", "en"}
	body := `{"matrix": [[1, 2, 3], [0.5, 1, 2], [0.2, 0.5]], "method": "power", "ri": "saaty", "tolerance": 2, "max_suggestions": 101}`

	zh := problemIn(t, fx.do("POST", "/api/v1/calc/ahp", tok, body), 422, "validation", messages.Chinese)
	if zh.Detail != "计算请求不符合要求" || zh.DetailID != messages.CalcInvalidRequest || zh.Total != 4 {
		t.Errorf("Chinese detail %q (%s), %d problems", zh.Detail, zh.DetailID, zh.Total)
	}
	ep := problemIn(t, fx.do("POST", "/api/v1/calc/ahp", tok, body, en...), 422, "validation", messages.English)
	if ep.Detail != "invalid calc request" || ep.DetailID != zh.DetailID || ep.Total != 4 {
		t.Errorf("English detail %q (%s), %d problems", ep.Detail, ep.DetailID, ep.Total)
	}
	z, e := errorsByField(zh), errorsByField(ep)
	for _, want := range []struct {
		field  string
		id     messages.ID
		zh, en string
	}{
		{"method", messages.CalcOneOf, "须为eigenvector、geometric之一（现为“power”）", `want one of eigenvector, geometric; got "power"`},
		{"tolerance", messages.CalcInterval, "取值于(0, 1)", "must be in (0, 1)"},
		{"max_suggestions", messages.CalcBetween, "须在0至100之间", "must be between 0 and 100"},
		{"matrix[2]", messages.CalcRagged, "该行有2个值，应为3个（各行长度不一）", "row has 2 values, want 3 (ragged rows)"},
	} {
		if got := z[want.field]; got.Message != want.zh || got.MessageID != string(want.id) {
			t.Errorf("%s in Chinese: %+v, want %q (%s)", want.field, got, want.zh, want.id)
		}
		if got := e[want.field]; got.Message != want.en || got.MessageID != string(want.id) {
			t.Errorf("%s in English: %+v, want %q (%s)", want.field, got, want.en, want.id)
		}
	}

	// An unknown method lists the methods, joined as each language joins a list.
	zm := problemIn(t, fx.do("POST", "/api/v1/calc/nope", tok, `{}`), 422, "validation", messages.Chinese)
	em := problemIn(t, fx.do("POST", "/api/v1/calc/nope", tok, `{}`, en...), 422, "validation", messages.English)
	if len(zm.Errors) != 1 || !strings.HasPrefix(zm.Errors[0].Message, "未知的计算方法“nope”，可用的方法为aggregate、ahp、ahp-group、") {
		t.Errorf("unknown method in Chinese: %+v", zm.Errors)
	}
	if len(em.Errors) != 1 || !strings.HasPrefix(em.Errors[0].Message, `unknown method "nope"; known methods: aggregate, ahp, ahp-group, `) {
		t.Errorf("unknown method in English: %+v", em.Errors)
	}

	// A statistics error keeps its (English) reason inside the catalogued frame, located by cell.
	rec := fx.do("POST", "/api/v1/calc/entropy", tok, `{"matrix": [[1, 2], [1, 3]]}`)
	if p := problemIn(t, rec, 422, "validation", messages.Chinese); len(p.Errors) != 1 || p.Errors[0].Field != "matrix[*][0]" || p.Errors[0].Message != "该列方差为零（各值均为1）" {
		t.Errorf("zero variance in Chinese: %+v", p.Errors)
	}

	// The body's own defects read as the API's other bodies do.
	bz := errorsByField(problemIn(t, fx.do("POST", "/api/v1/calc/ahp", tok, `{"matrix": [[1, "x"], [0.5, 1]]}`), 422, "validation", messages.Chinese))
	if bz["matrix"].Message != "此处应为数字，实际为JSON 字符串" {
		t.Errorf("wrong JSON type in Chinese: %+v", bz)
	}
	bz = errorsByField(problemIn(t, fx.do("POST", "/api/v1/calc/ahp", tok, `{"matrix": [[1, 2], [0.5, 1]], "extra": 1}`), 422, "validation", messages.Chinese))
	if bz["extra"].Message != "无法识别的字段" {
		t.Errorf("unknown field in Chinese: %+v", bz)
	}
}

// A calculator's result keeps its English warnings and notes for existing clients and gives each
// as a message of the catalogue beside it, which reads in Chinese and in English; the result is
// the same bytes whatever the request's language.
func TestCalcResultMessages(t *testing.T) {
	fx := newFixture(t, noLimits())
	tok := fx.tokens[evaluation.RoleViewer]
	zh, en := messages.For(messages.Chinese), messages.For(messages.English)

	body := `{"matrix": [[1, 12, 2], [0, 1, 0.5], [0.5, 2, 1]]}`
	rec := fx.do("POST", "/api/v1/calc/ahp", tok, body)
	expect(t, rec, 200)
	if again := fx.do("POST", "/api/v1/calc/ahp", tok, body, "Accept-Language", "en"); again.Body.String() != rec.Body.String() {
		t.Errorf("the result depends on Accept-Language:\n%s\n%s", rec.Body, again.Body)
	}
	ahp := decode[struct {
		Warnings []struct {
			I, J      int
			Message   string
			MessageID messages.ID   `json:"message_id"`
			Args      messages.Args `json:"args"`
		}
	}](t, rec)
	if len(ahp.Warnings) != 1 {
		t.Fatalf("warnings: %+v", ahp.Warnings)
	}
	w := ahp.Warnings[0]
	m := messages.Message{ID: w.MessageID, Args: w.Args}
	if w.I != 0 || w.J != 1 || w.MessageID != messages.StatOffScale || w.Message != "outside Saaty's 1/9–9 scale" ||
		zh.Render(m) != "超出Saaty的1/9～9标度" || en.Render(m) != w.Message {
		t.Errorf("warning %+v: %q", w, zh.Render(m))
	}

	rec = fx.do("POST", "/api/v1/calc/diagnostics", tok, `{"matrix": [[1, 2], [2, 2], [3, 2]]}`)
	expect(t, rec, 200)
	d := decode[struct {
		Indicators []struct {
			Note        string
			NoteMessage messages.Message `json:"note_message"`
		}
		Notes         []string
		NotesMessages []messages.Message `json:"notes_messages"`
	}](t, rec)
	if len(d.Indicators) != 2 || len(d.Notes) != 1 || len(d.NotesMessages) != 1 {
		t.Fatalf("diagnostics: %s", rec.Body)
	}
	for _, c := range []struct {
		english string
		m       messages.Message
		zh      string
	}{
		{d.Indicators[0].Note, d.Indicators[0].NoteMessage, "不足四个值，偏度和峰度无定义"},
		{d.Indicators[1].Note, d.Indicators[1].NoteMessage, "各值均相等"},
		{d.Notes[0], d.NotesMessages[0], "未计算相关系数、α和主成分分析：在完整的行上，matrix[*][1]：数据不符合方法的要求：数值没有差异（方差为零），无法计算"},
	} {
		if got := zh.Render(c.m); got != c.zh {
			t.Errorf("%s in Chinese: %q, want %q", c.m.ID, got, c.zh)
		}
		if got := en.Render(c.m); got != c.english {
			t.Errorf("%s in English: %q, the field says %q", c.m.ID, got, c.english)
		}
	}
	if d.Notes[0] != "correlation, α and PCA skipped: matrix[*][1]: the values do not vary (zero variance) over the complete rows" {
		t.Errorf("the English note: %q", d.Notes[0])
	}
}

// Every 401 of the API says why in the reader's language: no bearer token, a malformed one, an
// unknown one.
func TestUnauthenticatedInTheRequestLanguage(t *testing.T) {
	fx := newFixture(t, noLimits())
	en := []string{"Accept-Language", "en"}
	unknown := "evb_" + strings.Repeat("A", 43)
	for _, tc := range []struct {
		token  string
		id     messages.ID
		zh, en string
	}{
		{"", messages.AuthBearerRequired, "请在Authorization请求头中提供API令牌（Bearer <令牌>）", "send an API token in the Authorization header: Bearer <token>"},
		{"not-a-token", messages.AuthTokenMalformed, "令牌格式不正确", "malformed token"},
		{unknown, messages.AuthTokenUnknown, "令牌不存在或已撤销", "unknown or revoked token"},
	} {
		zh := problemIn(t, fx.do("GET", "/api/v1/me", tc.token, nil), 401, "unauthenticated", messages.Chinese)
		if zh.Detail != tc.zh || zh.DetailID != tc.id {
			t.Errorf("token %q in Chinese: %q (%s), want %q", tc.token, zh.Detail, zh.DetailID, tc.zh)
		}
		ep := problemIn(t, fx.do("GET", "/api/v1/me", tc.token, nil, en...), 401, "unauthenticated", messages.English)
		if ep.Detail != tc.en || ep.DetailID != tc.id {
			t.Errorf("token %q in English: %q (%s), want %q", tc.token, ep.Detail, ep.DetailID, tc.en)
		}
	}
}

// A rectification filter naming no status, and a weight set without complete weights asked for
// an adjustment, answer in the reader's language; the conflict lists each reason in it.
func TestFilterAndNoCompleteWeightsInTheRequestLanguage(t *testing.T) {
	fx := newFixture(t, noLimits())
	ev := fx.tokens[evaluation.RoleEvaluator]
	en := []string{"Accept-Language", "en"}
	base := "/api/v1/commissions/" + fx.cidA

	path := base + "/rectifications?status=pending"
	zs := errorsByField(problemIn(t, fx.do("GET", path, ev, nil), 422, "validation", messages.Chinese))
	es := errorsByField(problemIn(t, fx.do("GET", path, ev, nil, en...), 422, "validation", messages.English))
	if zs["status"].Message != "status须为open、closed或audited（现为“pending”）" || es["status"].Message != `status is open, closed or audited (got "pending")` {
		t.Errorf("status filter: %+v / %+v", zs, es)
	}

	rec := fx.do("POST", base+"/frameworks", ev, weightFramework4x2())
	expect(t, rec, 201)
	fw := decode[engine.Framework](t, rec)
	rec = fx.do("POST", base+"/weight-sets", ev, map[string]any{"framework_id": fw.ID, "name": "层次分析", "method": "ahp"})
	expect(t, rec, 201)
	ws := decode[evaluation.WeightSetDetail](t, rec).WeightSet
	adjust := map[string]any{"node": "root", "child": "equity", "weight": 0.25, "reason": "中期评估更关注公正"}
	apath := base + "/weight-sets/" + ws.ID + "/adjustments"
	cz := problemIn(t, fx.do("POST", apath, fx.tokens[evaluation.RoleExpert], adjust), 409, "conflict", messages.Chinese)
	ce := problemIn(t, fx.do("POST", apath, fx.tokens[evaluation.RoleExpert], adjust, en...), 409, "conflict", messages.English)
	if cz.DetailID != messages.ConflictNoCompleteWeights || ce.DetailID != cz.DetailID {
		t.Fatalf("conflict ids %s / %s: %q", cz.DetailID, ce.DetailID, ce.Detail)
	}
	// Five nodes (root and the four dimensions) lack a consistent matrix: five clauses, each in
	// the reader's language, and no English in the Chinese detail.
	if !strings.Contains(cz.Detail, "节点root尚无通过一致性检验的专家判断矩阵；节点economy尚无") || strings.Count(cz.Detail, "；") != 4 || strings.Contains(cz.Detail, "consistent") {
		t.Errorf("Chinese conflict: %q", cz.Detail)
	}
	if !strings.Contains(ce.Detail, "node root has no consistent expert matrix yet; node economy has no") || strings.Count(ce.Detail, "; ") != 4 {
		t.Errorf("English conflict: %q", ce.Detail)
	}
}

// An update without If-Match (428), with a version that is not the current one or with no
// version of ours (412) says why in the reader's language, quoting the versions.
func TestVersionDetailsInTheRequestLanguage(t *testing.T) {
	fx := newFixture(t, noLimits())
	tok := fx.tokens[evaluation.RoleOwner]
	en := []string{"Accept-Language", "en"}
	path := "/api/v1/commissions/" + fx.cidA
	rec := fx.do("GET", path, tok, nil)
	expect(t, rec, 200)
	cur := strings.Trim(rec.Header().Get("ETag"), `"`)
	patch := map[string]string{"title": "x"}

	z := problemIn(t, fx.do("PATCH", path, tok, patch), 428, "version-required", messages.Chinese)
	e := problemIn(t, fx.do("PATCH", path, tok, patch, en...), 428, "version-required", messages.English)
	if z.Detail != "请在If-Match请求头中提供您读取时的版本（ETag）" || e.Detail != "send If-Match with the version (ETag) you read" || z.DetailID != messages.ProblemDetailVersionRequired {
		t.Errorf("428: %q / %q (%s)", z.Detail, e.Detail, z.DetailID)
	}
	stale := []string{"If-Match", `"99"`}
	z = problemIn(t, fx.do("PATCH", path, tok, patch, stale...), 412, "stale-version", messages.Chinese)
	e = problemIn(t, fx.do("PATCH", path, tok, patch, append(stale, en...)...), 412, "stale-version", messages.English)
	if z.Detail != "该对象当前为第"+cur+"版，而非您所依据的第99版，请重新读取后再提交修改" || e.Detail != "the object is at version "+cur+", not 99: read it again and resend your change" {
		t.Errorf("412: %q / %q", z.Detail, e.Detail)
	}
	z = problemIn(t, fx.do("PATCH", path, tok, patch, "If-Match", "*"), 412, "stale-version", messages.Chinese)
	if z.Detail != "该对象在您读取后已被修改，请重新读取后再提交修改" || z.DetailID != messages.ProblemDetailStaleVersion {
		t.Errorf("412 without a version: %q (%s)", z.Detail, z.DetailID)
	}
}
