package api_test

import (
	"encoding/json"
	"net/url"
	"os"
	"strings"
	"testing"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// The panel file's organisation field: imported with each expert's matrices, answered with the
// judgments and each expert's result (the import, the weight set's GET, a new version made by an
// adjustment), stored in judgments.expert_organisation; an organisation over 200 characters or
// holding a NUL refuses the whole panel with a 422 naming the field.
func TestImportPanelOrganisation(t *testing.T) {
	fx := newFixture(t, noLimits())
	ev := fx.tokens[evaluation.RoleEvaluator]
	cid, _, ws := jiangganSet(t, fx)
	base := "/api/v1/commissions/" + cid + "/weight-sets/"
	raw, err := os.ReadFile("../examples/jianggan/ahp-panel.json")
	must(t, err)
	panel := func() map[string]any {
		var p map[string]any
		must(t, json.Unmarshal(raw, &p))
		orgs := []any{"高校公共管理学院", "区发展和改革局", nil} // expert-c gives none
		for i, e := range p["experts"].([]any) {
			if orgs[i] != nil {
				e.(map[string]any)["organisation"] = orgs[i]
			}
		}
		return p
	}
	want := map[string]string{"expert-a": "高校公共管理学院", "expert-b": "区发展和改革局", "expert-c": ""}
	check := func(what string, d *evaluation.WeightSetDetail) {
		t.Helper()
		if len(d.Judgments) != 33 || len(d.Result.Experts) == 0 {
			t.Fatalf("%s: %d judgments, %d expert results", what, len(d.Judgments), len(d.Result.Experts))
		}
		for _, j := range d.Judgments {
			if j.Organisation != want[j.Expert] {
				t.Errorf("%s: judgment %s/%s organisation %q, want %q", what, j.Expert, j.Node, j.Organisation, want[j.Expert])
			}
		}
		for _, e := range d.Result.Experts {
			if e.Organisation != want[e.Expert] {
				t.Errorf("%s: result %s/%s organisation %q, want %q", what, e.Expert, e.Node, e.Organisation, want[e.Expert])
			}
		}
	}

	rec := fx.do("POST", base+ws.ID+"/judgments/import", ev, panel())
	expect(t, rec, 200)
	check("import", decode[evaluation.JudgmentImport](t, rec).WeightSet)
	rec = fx.do("GET", base+ws.ID, fx.tokens[evaluation.RoleViewer], nil)
	expect(t, rec, 200)
	got := decode[evaluation.WeightSetDetail](t, rec)
	check("get", &got)
	var stored []struct {
		Key string `db:"expert_key"`
		Org string `db:"expert_organisation"`
	}
	must(t, fx.db.SQL().Select(&stored, `SELECT DISTINCT expert_key, expert_organisation FROM judgments WHERE weight_set_id = $1 ORDER BY 1`, ws.ID))
	if len(stored) != 3 || stored[0].Org != want["expert-a"] || stored[1].Org != want["expert-b"] || stored[2].Org != "" {
		t.Errorf("stored organisations %+v", stored)
	}
	// The judgment's JSON has no organisation member when there is none, as before the field.
	if b := rec.Body.String(); strings.Count(b, `"organisation":"区发展和改革局"`) == 0 || strings.Contains(b, `"organisation":""`) {
		t.Errorf("the weight set's JSON: %s", b)
	}

	// A new version made by an adjustment copies the organisations with the judgments.
	rec = fx.do("POST", base+ws.ID+"/adjustments", fx.tokens[evaluation.RoleExpert],
		map[string]any{"node": "root", "child": "equity", "weight": 0.25, "reason": "公平维度在中期评估中更受关注"})
	expect(t, rec, 201)
	v2 := decode[evaluation.WeightSetDetail](t, rec)
	check("adjusted version", &v2)

	// Too long: the service's bound, at experts[2].organisation (of the catalogue, in the
	// reader's language). With a NUL: the boundary's text check, at the field's JSON pointer.
	// Neither stores anything.
	for _, c := range []struct {
		value, field string
		id           messages.ID
	}{
		{strings.Repeat("局", evaluation.MaxExpertTextRunes+1), "experts[2].organisation", messages.PanelOrganisationLong},
		{"区发展\x00和改革局", "/experts/2/organisation", messages.TextNUL},
	} {
		p := panel()
		e := p["experts"].([]any)[2].(map[string]any)
		e["organisation"], e["key"] = c.value, "expert-z"
		rec = fx.do("POST", base+ws.ID+"/judgments/import", ev, p, "Accept-Language", "zh-CN")
		expect(t, rec, 422)
		prob := decode[api.Problem](t, rec)
		if len(prob.Errors) != 1 || prob.Errors[0].Field != c.field || prob.Errors[0].MessageID != string(c.id) {
			t.Fatalf("%s: problems %+v, want one %s at %s", c.field, prob.Errors, c.id, c.field)
		}
		if c.id == messages.PanelOrganisationLong && prob.Errors[0].Message != "专家所在单位超过200个字符" {
			t.Errorf("the problem in Chinese: %q", prob.Errors[0].Message)
		}
		var n int
		must(t, fx.db.SQL().Get(&n, `SELECT count(*) FROM judgments WHERE weight_set_id = $1 AND expert_key = 'expert-z'`, ws.ID))
		if n != 0 {
			t.Fatalf("%s: a refused panel stored %d matrices", c.field, n)
		}
	}
}

// A questionnaire export may name the respondents' organisation by a column (the map's
// "organisation", as a panel file's experts[].organisation): it goes with their judgments. An
// organisation over 200 characters or holding a NUL refuses the export at its row and column; a
// heading the file lacks is refused at the map's field.
func TestSurveyIntakeOrganisation(t *testing.T) {
	fx := newFixture(t, noLimits())
	ev := fx.tokens[evaluation.RoleEvaluator]
	base := "/api/v1/commissions/" + fx.cidA
	rec := fx.do("POST", base+"/frameworks", ev, weightFramework4x2())
	expect(t, rec, 201)
	fw := decode[engine.Framework](t, rec)
	rec = fx.do("POST", base+"/weight-sets", ev, map[string]any{"framework_id": fw.ID, "name": "问卷AHP", "method": "ahp"})
	expect(t, rec, 201)
	ws := decode[evaluation.WeightSetDetail](t, rec).WeightSet
	path := base + "/weight-sets/" + ws.ID + "/judgments/survey?map="
	mapWith := func(heading string) string {
		var m map[string]any
		raw, err := url.QueryUnescape(surveyIntakeMap(false))
		must(t, err)
		must(t, json.Unmarshal([]byte(raw), &m))
		m["organisation"] = heading
		b, err := json.Marshal(m)
		must(t, err)
		return url.QueryEscape(string(b))
	}
	header := strings.Replace(surveyIntakeHeader, "姓名,", "姓名,单位,", 1)
	file := func(org2 string) []byte {
		return []byte(header +
			"1,专家甲,高校公共管理学院,2,3,4,2,3,2,2\n" +
			"2,专家乙," + org2 + ",2,3,4,2,3,2,1\n")
	}

	rec = fx.uploadMultipart(path+mapWith("单位"), ev, "问卷.csv", file(""))
	expect(t, rec, 200)
	out := decode[evaluation.SurveyIntake](t, rec)
	if out.Imported != 4 {
		t.Fatalf("intake %+v", out)
	}
	for _, j := range out.WeightSet.Judgments {
		if want := map[string]string{"r-1": "高校公共管理学院", "r-2": ""}[j.Expert]; j.Organisation != want {
			t.Errorf("%s/%s: organisation %q, want %q", j.Expert, j.Node, j.Organisation, want)
		}
	}

	for _, c := range []struct {
		what, heading string
		body          []byte
		row           int
		field, column string
		id            messages.ID
	}{
		{"too long", "单位", file(strings.Repeat("局", evaluation.MaxExpertTextRunes+1)), 3, "", "单位", messages.PanelOrganisationLong},
		{"NUL", "单位", file("区\x00局"), 3, "", "单位", messages.IngestCellText}, // the row reader's text rule, before the map
		{"no such heading", "工作单位", file(""), 1, "organisation", "", messages.IntakeHeadingMissing},
	} {
		rec = fx.uploadMultipart(path+mapWith(c.heading), ev, "问卷.csv", c.body)
		expect(t, rec, 422)
		p := decode[api.Problem](t, rec)
		if len(p.Errors) != 1 || p.Errors[0].Row != c.row || strings.TrimSpace(p.Errors[0].Column) != c.column || p.Errors[0].Field != c.field ||
			p.Errors[0].MessageID != string(c.id) {
			t.Errorf("%s: problems %+v, want one %s at row %d column %q field %q", c.what, p.Errors, c.id, c.row, c.column, c.field)
		}
	}
}
