package api_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// An expert's own matrix (POST …/judgments) carries their organisation: by default their
// institute's name; the body's organisation overrides it, and then every matrix of theirs in the
// set carries the new one (a replaced matrix too), audited with the organisation it replaced. A
// later matrix without organisation keeps the one their matrices carry. An organisation over 200
// characters, or holding a NUL or control character, is refused with a 422 naming the field, and
// stores nothing; so is an institute name over 200 characters used by default.
func TestSubmitJudgmentOrganisation(t *testing.T) {
	fx := newFixture(t, noLimits())
	cid, _, ws := jiangganSet(t, fx)
	sub := "/api/v1/commissions/" + cid + "/weight-sets/" + ws.ID + "/judgments"
	tok, e1 := fx.tokens[evaluation.RoleExpert], fx.actors[evaluation.RoleExpert]
	root := func(org string) map[string]any {
		m := map[string]any{"node": "root", "matrix": saatyConsistent(0.1, 0.2, 0.3, 0.4)}
		if org != "" {
			m["organisation"] = org
		}
		return m
	}
	stored := func() map[string]string {
		t.Helper()
		var rows []struct {
			Node string `db:"node"`
			Org  string `db:"expert_organisation"`
		}
		must(t, fx.db.SQL().Select(&rows, `SELECT node, expert_organisation FROM judgments WHERE weight_set_id = $1 AND expert_key = $2 ORDER BY node`, ws.ID, e1.UserID))
		out := map[string]string{}
		for _, r := range rows {
			out[r.Node] = r.Org
		}
		return out
	}
	receipt := func(status int, body map[string]any, wantOrg string) evaluation.JudgmentReceipt {
		t.Helper()
		rec := fx.do("POST", sub, tok, body)
		expect(t, rec, status)
		r := decode[evaluation.JudgmentReceipt](t, rec)
		if r.Judgment.Organisation != wantOrg || r.Result.Organisation != wantOrg {
			t.Fatalf("%v: the receipt's organisation %q (result %q), want %q", body["node"], r.Judgment.Organisation, r.Result.Organisation, wantOrg)
		}
		return r
	}

	// By default: the expert's institute's name (the fixture's institute A).
	receipt(201, root(""), "评估院A")
	if got := stored(); got["root"] != "评估院A" {
		t.Fatalf("stored %v", got)
	}

	// Given: this matrix carries it, and so does the expert's root matrix judged before.
	receipt(201, map[string]any{"node": "economy", "matrix": [][]float64{{1, 2}, {0.5, 1}}, "organisation": "  区发展和改革局 "}, "区发展和改革局")
	if got := stored(); len(got) != 2 || got["root"] != "区发展和改革局" || got["economy"] != "区发展和改革局" {
		t.Fatalf("after the override, stored %v", got)
	}
	var change struct {
		Org       string `db:"org"`
		Was       string `db:"was"`
		Realigned int    `db:"realigned"`
	}
	must(t, fx.db.SQL().Get(&change, `SELECT changes->>'organisation' AS org, changes->>'organisation_was' AS was, (changes->>'organisation_realigned')::int AS realigned
		FROM audit_log WHERE commission_id = $1 AND action = 'judgment.submit' ORDER BY seq DESC LIMIT 1`, cid))
	if change.Org != "区发展和改革局" || change.Was != "评估院A" || change.Realigned != 1 {
		t.Fatalf("the audit entry %+v", change)
	}

	// Replacing the root matrix without an organisation keeps the one the expert's matrices carry,
	// not the institute's name.
	r := receipt(200, root(""), "区发展和改革局")
	if r.Replaced == nil || r.Replaced.Organisation != "区发展和改革局" {
		t.Fatalf("replaced %+v", r.Replaced)
	}
	rec := fx.do("GET", "/api/v1/commissions/"+cid+"/weight-sets/"+ws.ID, fx.tokens[evaluation.RoleViewer], nil)
	expect(t, rec, 200)
	d := decode[evaluation.WeightSetDetail](t, rec)
	for _, e := range d.Result.Experts {
		if e.Expert == e1.UserID && e.Organisation != "区发展和改革局" {
			t.Errorf("the set's result names %s/%s with %q", e.Expert, e.Node, e.Organisation)
		}
	}

	// Refused, with nothing stored: too long (the service's bound, in the reader's language), a
	// NUL and a control character (the boundary's text check, at the JSON pointer).
	for _, c := range []struct {
		value, field string
		id           messages.ID
	}{
		{strings.Repeat("局", evaluation.MaxExpertTextRunes+1), "organisation", messages.PanelOrganisationLong},
		{"区发展\x00和改革局", "/organisation", messages.TextNUL},
		{"区发展\a和改革局", "/organisation", messages.TextControl},
	} {
		rec := fx.do("POST", sub, tok, root(c.value), "Accept-Language", "zh-CN")
		expect(t, rec, 422)
		p := decode[api.Problem](t, rec)
		if len(p.Errors) != 1 || p.Errors[0].Field != c.field || p.Errors[0].MessageID != string(c.id) {
			t.Fatalf("%q: problems %+v, want one %s at %s", c.value, p.Errors, c.id, c.field)
		}
		if c.id == messages.PanelOrganisationLong && p.Errors[0].Message != "专家所在单位超过200个字符" {
			t.Errorf("the problem in Chinese: %q", p.Errors[0].Message)
		}
		if got := stored(); len(got) != 2 || got["root"] != "区发展和改革局" || got["economy"] != "区发展和改革局" {
			t.Fatalf("%q: a refused matrix changed the stored %v", c.value, got)
		}
	}
	// The organisation's problem is listed with the matrix's.
	rec = fx.do("POST", sub, tok, map[string]any{"node": "economy", "matrix": [][]float64{{1, -2}, {0.5, 1}}, "organisation": strings.Repeat("局", 201)})
	expect(t, rec, 422)
	fields := map[string]bool{}
	for _, e := range decode[api.Problem](t, rec).Errors {
		fields[e.Field] = true
	}
	if !fields["organisation"] || !fields["matrix[0][1]"] {
		t.Fatalf("problems at %v, want organisation and matrix[0][1]", fields)
	}

	// The service checks the text itself for callers other than the API (field "organisation").
	_, err := fx.svc.SubmitJudgment(context.Background(), e1, cid, ws.ID, evaluation.JudgmentInput{Node: "root", Matrix: saatyConsistent(1, 1, 1, 1), Organisation: "区\x00局"})
	var ve *engine.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].Field != "organisation" || ve.Problems[0].MessageID != string(messages.TextNUL) {
		t.Fatalf("the service's answer to a NUL: %v", err)
	}

	// An institute's name is not bounded where it is created: when it is over 200 characters, the
	// default is refused at the field, so that the expert gives a shorter one; accepted when they do.
	_, err = fx.db.SQL().Exec(`UPDATE institutes SET name = $2 WHERE id = $1`, fx.instA, strings.Repeat("研究院", 70))
	must(t, err)
	e2, utok := fx.addExpert("专家乙")
	_, err = fx.svc.Grant(context.Background(), fx.actors[evaluation.RoleOwner], cid, e2.UserID, evaluation.RoleExpert)
	must(t, err)
	rec = fx.do("POST", sub, utok, root(""))
	expect(t, rec, 422)
	if p := decode[api.Problem](t, rec); len(p.Errors) != 1 || p.Errors[0].Field != "organisation" || p.Errors[0].MessageID != string(messages.PanelOrganisationLong) {
		t.Fatalf("a long institute name: %+v", p.Errors)
	}
	rec = fx.do("POST", sub, utok, root("外院"))
	expect(t, rec, 201)
	if r := decode[evaluation.JudgmentReceipt](t, rec); r.Judgment.Organisation != "外院" {
		t.Fatalf("given: %+v", r.Judgment)
	}
}

// A panel file gives the organisation once per expert: one on a matrix is refused at its field,
// and the whole panel with it.
func TestImportPanelRefusesMatrixOrganisation(t *testing.T) {
	fx := newFixture(t, noLimits())
	cid, _, ws := jiangganSet(t, fx)
	raw, err := os.ReadFile("../examples/jianggan/ahp-panel.json")
	must(t, err)
	var p map[string]any
	must(t, json.Unmarshal(raw, &p))
	p["experts"].([]any)[1].(map[string]any)["judgments"].([]any)[2].(map[string]any)["organisation"] = "区发展和改革局"
	rec := fx.do("POST", "/api/v1/commissions/"+cid+"/weight-sets/"+ws.ID+"/judgments/import", fx.tokens[evaluation.RoleEvaluator], p)
	expect(t, rec, 422)
	prob := decode[api.Problem](t, rec)
	if len(prob.Errors) != 1 || prob.Errors[0].Field != "experts[1].judgments[2].organisation" || prob.Errors[0].MessageID != string(messages.PanelJudgmentOrganisation) ||
		!strings.Contains(prob.Errors[0].Message, "experts[1].organisation") {
		t.Fatalf("problems %+v", prob.Errors)
	}
	var n int
	must(t, fx.db.SQL().Get(&n, `SELECT count(*) FROM judgments WHERE weight_set_id = $1`, ws.ID))
	if n != 0 {
		t.Fatalf("a refused panel stored %d matrices", n)
	}
}
