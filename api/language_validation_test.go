package api_test

import (
	"strings"
	"testing"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// The validation problems of the engine (a weight set's AHP options) and of the service (a weight
// set's name), and a conflict of the service, are in Chinese without Accept-Language and in
// English with Accept-Language: en, with the same message ids and fields.
func TestEngineAndServiceProblemsInTheRequestLanguage(t *testing.T) {
	fx := newFixture(t, noLimits())
	ev := fx.tokens[evaluation.RoleEvaluator]
	en := []string{"Accept-Language", "en"}
	base := "/api/v1/commissions/" + fx.cidA
	rec := fx.do("POST", base+"/frameworks", ev, weightFramework4x2())
	expect(t, rec, 201)
	fw := decode[engine.Framework](t, rec)

	bad := map[string]any{"framework_id": fw.ID, "method": "ahp", "ahp": map[string]any{"gate": "sometimes"}}
	byField := func(p api.Problem) map[string]engine.Problem {
		out := map[string]engine.Problem{}
		for _, e := range p.Errors {
			out[e.Field] = e
		}
		return out
	}
	zh := problemIn(t, fx.do("POST", base+"/weight-sets", ev, bad), 422, "validation", messages.Chinese)
	if zh.Detail != "权重集不符合要求" || zh.DetailID != messages.ValidationWeightSet {
		t.Errorf("Chinese detail %q (%s)", zh.Detail, zh.DetailID)
	}
	z := byField(zh)
	if e := z["name"]; e.Message != "名称为必填项" || e.MessageID != string(messages.FieldNameRequired) {
		t.Errorf("service problem in Chinese: %+v", e)
	}
	if e := z["ahp.gate"]; e.Message != "gate须为exclude或block（现为“sometimes”）" || e.MessageID != string(messages.WeightSetAHPGate) || e.Args["gate"] != "sometimes" {
		t.Errorf("engine problem in Chinese: %+v", e)
	}
	ep := problemIn(t, fx.do("POST", base+"/weight-sets", ev, bad, en...), 422, "validation", messages.English)
	if ep.Detail != "invalid weight set" || ep.DetailID != zh.DetailID {
		t.Errorf("English detail %q (%s)", ep.Detail, ep.DetailID)
	}
	e := byField(ep)
	if e["name"].Message != "name is required" || e["ahp.gate"].Message != `gate must be exclude or block (got "sometimes")` || e["ahp.gate"].MessageID != z["ahp.gate"].MessageID {
		t.Errorf("English problems: %+v", ep.Errors)
	}

	// An engine problem of a framework, located by its field path.
	f := weightFramework4x2()
	f.Dimensions[0].Children[0].Indicator.Unit = ""
	fz := problemIn(t, fx.do("POST", base+"/frameworks", ev, f), 422, "validation", messages.Chinese)
	if fz.Detail != "框架不符合要求" || len(fz.Errors) != 1 || !strings.HasSuffix(fz.Errors[0].Field, ".indicator.unit") || fz.Errors[0].Message != "计量单位为必填项（如亿元、%、万人）" {
		t.Errorf("framework problem in Chinese: %+v", fz)
	}
	fe := problemIn(t, fx.do("POST", base+"/frameworks", ev, f, en...), 422, "validation", messages.English)
	if len(fe.Errors) != 1 || fe.Errors[0].Message != "unit is required (e.g. 亿元, %, 万人)" || fe.Errors[0].Field != fz.Errors[0].Field {
		t.Errorf("framework problem in English: %+v", fe)
	}

	// A conflict of the service: an equal-weights set takes no AHP judgments.
	rec = fx.do("POST", base+"/weight-sets", ev, map[string]any{"framework_id": fw.ID, "name": "等权", "method": "equal"})
	expect(t, rec, 201)
	ws := decode[evaluation.WeightSetDetail](t, rec).WeightSet
	path := base + "/weight-sets/" + ws.ID + "/judgments"
	body := map[string]any{"node": "root", "matrix": saatyConsistent(1, 1, 1, 1)}
	cz := problemIn(t, fx.do("POST", path, fx.tokens[evaluation.RoleExpert], body), 409, "conflict", messages.Chinese)
	if cz.DetailID != messages.ConflictNoJudgments || !strings.Contains(cz.Detail, "不接受层次分析法判断矩阵") {
		t.Errorf("Chinese conflict: %+v", cz)
	}
	ce := problemIn(t, fx.do("POST", path, fx.tokens[evaluation.RoleExpert], body, en...), 409, "conflict", messages.English)
	if ce.DetailID != cz.DetailID || !strings.Contains(ce.Detail, "derives its weights by the equal method and takes no AHP judgments") {
		t.Errorf("English conflict: %+v", ce)
	}
}
