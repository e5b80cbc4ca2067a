package api_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"mime/multipart"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/reports"
)

// toReview moves the fixture's commission A to review, where reports are published.
func (fx *fixture) toReview(t *testing.T) {
	t.Helper()
	for _, to := range []string{"collecting", "weighting", "computing", "review"} {
		expect(t, fx.do("POST", "/api/v1/commissions/"+fx.cidA+"/transitions", fx.tokens[evaluation.RoleOwner], map[string]string{"to": to}), 200)
	}
}

// publish publishes run rid of commission A and returns the report.
func (fx *fixture) publish(t *testing.T, rid string) evaluation.Report {
	t.Helper()
	rec := fx.do("POST", "/api/v1/commissions/"+fx.cidA+"/runs/"+rid+"/publish", fx.tokens[evaluation.RoleOwner], nil)
	expect(t, rec, 201)
	return decode[evaluation.Report](t, rec)
}

// verify posts an envelope (and, when not nil, report.json and a key) to /api/v1/verify.
func (fx *fixture) verify(t *testing.T, envelope, report []byte, key string) engine.Verification {
	t.Helper()
	if report == nil && key == "" {
		rec := fx.do("POST", "/api/v1/verify", "", envelope)
		expect(t, rec, 200)
		return decode[engine.Verification](t, rec)
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	part, _ := mw.CreateFormFile("envelope", "report.dsse.json")
	part.Write(envelope)
	if report != nil {
		part, _ = mw.CreateFormFile("report", "report.json")
		part.Write(report)
	}
	if key != "" {
		mw.WriteField("key", key)
	}
	mw.Close()
	req := httptest.NewRequest("POST", "/api/v1/verify", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	rec := httptest.NewRecorder()
	fx.serve(rec, req)
	expect(t, rec, 200)
	return decode[engine.Verification](t, rec)
}

func TestPublishDownloadAndVerify(t *testing.T) {
	fx := newFixture(t, noLimits())
	objs := fx.objects[fx.cidA]
	viewer := fx.tokens[evaluation.RoleViewer]
	base := "/api/v1/commissions/" + fx.cidA

	// Publishing needs the commission in review.
	rec := fx.do("POST", base+"/runs/"+objs["rid"]+"/publish", fx.tokens[evaluation.RoleOwner], nil)
	expect(t, rec, 409)
	fx.toReview(t)
	r := fx.publish(t, objs["rid"])
	if r.Version != 2 || r.Supersedes != objs["repid"] || len(r.Digest) != 64 || len(r.KeyID) != 64 || r.RunID != objs["rid"] {
		t.Fatalf("report %+v", r)
	}
	c, err := fx.svc.GetCommission(context.Background(), fx.actors[evaluation.RoleOwner], fx.cidA)
	must(t, err)
	if c.Status != evaluation.StatusPublished {
		t.Fatalf("commission %s after publishing", c.Status)
	}
	list := decode[struct{ Items []evaluation.Report }](t, fx.do("GET", base+"/reports", viewer, nil))
	if len(list.Items) != 2 || list.Items[0].ID != r.ID || list.Items[1].SupersededBy != r.ID {
		t.Fatalf("reports %+v", list.Items)
	}

	// The files.
	get := func(name string) *httptest.ResponseRecorder {
		rec := fx.do("GET", base+"/reports/"+r.ID+"/"+name, viewer, nil)
		expect(t, rec, 200)
		return rec
	}
	bundle := get("report.json").Body.Bytes()
	envelope := get("report.dsse.json").Body.Bytes()
	html := get("report.html")
	if !strings.HasPrefix(html.Header().Get("Content-Type"), "text/html") || html.Header().Get("ETag") != `"`+r.Digest+`"` {
		t.Errorf("report.html headers %v", html.Header())
	}
	parsed, err := reports.ParseBundle(bundle)
	must(t, err)
	again, err := reports.RenderHTML(parsed)
	must(t, err)
	if !bytes.Equal(again, html.Body.Bytes()) {
		t.Error("report.html is not the HTML of report.json")
	}
	if !strings.Contains(html.Body.String(), "江干区“十三五”规划中期评估") || !strings.Contains(html.Body.String(), r.KeyID) {
		t.Error("report.html lacks the commission or the key fingerprint")
	}
	if parsed.Manifest.Report.ID != r.ID || parsed.Manifest.Commission.InstituteID != fx.instA || parsed.ResultsDigest != r.ResultsDigest {
		t.Errorf("manifest %+v", parsed.Manifest.Report)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(get("results.csv").Body.Bytes(), []byte("\ufeff")))).ReadAll()
	must(t, err)
	if len(rows) != 2 || rows[1][1] != "caihe" {
		t.Errorf("results.csv %q", rows)
	}
	rows, err = csv.NewReader(bytes.NewReader(bytes.TrimPrefix(get("results.csv?table=indicators").Body.Bytes(), []byte("\ufeff")))).ReadAll()
	must(t, err)
	if len(rows) != 3 {
		t.Errorf("indicators %q", rows)
	}
	expect(t, fx.do("GET", base+"/reports/"+r.ID+"/results.csv?table=x", viewer, nil), 422)
	if x := get("results.xlsx").Body.Bytes(); !bytes.HasPrefix(x, []byte("PK")) {
		t.Error("results.xlsx is not a workbook")
	}
	pdf := get("report.pdf").Body.Bytes()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Equal(pdf, get("report.pdf").Body.Bytes()) {
		t.Error("report.pdf is not a PDF, or is not served from the cache the second time")
	}

	// Verification through the API: the institute's key is found by its id.
	v := fx.verify(t, envelope, nil, "")
	if !v.OK || v.KeySource != "institute" || v.KeyID != r.KeyID || v.ReportID != r.ID || v.ResultsDigest != r.ResultsDigest {
		t.Fatalf("verify: %+v", v)
	}
	keys := decode[struct{ Items []engine.SigningKey }](t, fx.do("GET", "/api/v1/institutes/"+fx.instA+"/keys", "", nil))
	if len(keys.Items) != 1 || keys.Items[0].ID != r.KeyID || !keys.Items[0].Active || !strings.Contains(keys.Items[0].PublicKeyPEM, "PUBLIC KEY") {
		t.Fatalf("keys %+v", keys.Items)
	}
	v = fx.verify(t, envelope, bundle, keys.Items[0].PublicKeyPEM)
	if !v.OK || v.KeySource != "given" || v.Check(reports.CheckReportFile).Status != engine.CheckPass {
		t.Fatalf("verify with report.json and the key: %v", v.Failed())
	}
	tampered := bytes.Replace(bundle, []byte(`"caihe"`), []byte(`"caihf"`), 1)
	v = fx.verify(t, envelope, tampered, "")
	if v.OK || v.Check(reports.CheckReportFile).Status != engine.CheckFail {
		t.Fatalf("a changed report.json verifies: %+v", v.Checks)
	}
	v = fx.verify(t, []byte("not json"), nil, "")
	if v.OK || v.Check(reports.CheckEnvelope).Status != engine.CheckFail {
		t.Fatalf("garbage verifies: %+v", v.Checks)
	}
	expect(t, fx.do("POST", "/api/v1/verify", "", ""), 400)

	// The publication log: both of institute A's reports, chained.
	log := decode[evaluation.PublicationLog](t, fx.do("GET", "/api/v1/institutes/"+fx.instA+"/publications", "", nil))
	if !log.Intact || len(log.Entries) != 2 || log.Entries[1].ReportID != r.ID || log.Entries[1].Supersedes != objs["repid"] ||
		!bytes.Equal(log.Entries[1].PrevHash, log.Entries[0].Hash) || log.Entries[1].Digest != r.Digest {
		t.Fatalf("publication log %+v", log)
	}
	expect(t, fx.do("GET", "/api/v1/institutes/00000000-0000-4000-8000-000000000000/publications", "", nil), 404)

	// Every step is audited.
	entries, err := fx.svc.ListAudit(context.Background(), fx.actors[evaluation.RoleOwner], evaluation.AuditFilter{CommissionID: fx.cidA, Limit: 500})
	must(t, err)
	if !slices.ContainsFunc(entries, func(e evaluation.AuditEntry) bool { return e.Action == "report.publish" && e.ObjectID == r.ID }) {
		t.Error("the publication is not audited")
	}
}

// The database refuses to change or delete a published report, its log entry or a signing key.
func TestPublishedReportIsImmutable(t *testing.T) {
	fx := newFixture(t, noLimits())
	id := fx.objects[fx.cidA]["repid"]
	db := fx.db.SQL()
	for _, q := range []string{
		`UPDATE reports SET html = 'x' WHERE id = '` + id + `'`,
		`UPDATE reports SET results_digest = repeat('0', 64) WHERE id = '` + id + `'`,
		`DELETE FROM reports WHERE id = '` + id + `'`,
		`TRUNCATE reports CASCADE`,
		`UPDATE publication_log SET digest = 'x'`,
		`DELETE FROM publication_log`,
		`DELETE FROM signing_keys`,
		`UPDATE signing_keys SET public_key = decode(repeat('00', 32), 'hex'), retired_at = now()`,
	} {
		_, err := db.Exec(q)
		if err == nil || !strings.Contains(err.Error(), "refused") && !strings.Contains(err.Error(), "cannot") && !strings.Contains(err.Error(), "only be retired") {
			t.Errorf("%s: %v", q, err)
		}
	}
	var html []byte
	must(t, db.QueryRow(`SELECT html FROM reports WHERE id = $1`, id).Scan(&html))
	if !bytes.Contains(html, []byte("<!DOCTYPE html>")) {
		t.Error("the report changed")
	}
}

// Rotating the signing key makes a new active key; reports signed with the retired key still
// verify, through the API and offline.
func TestKeyRotationKeepsOldReportsVerifiable(t *testing.T) {
	fx := newFixture(t, noLimits())
	objs := fx.objects[fx.cidA]
	base := "/api/v1/commissions/" + fx.cidA
	oldEnvelope := fx.do("GET", base+"/reports/"+objs["repid"]+"/report.dsse.json", fx.tokens[evaluation.RoleViewer], nil).Body.Bytes()
	keys := decode[struct{ Items []engine.SigningKey }](t, fx.do("GET", "/api/v1/institutes/"+fx.instA+"/keys", "", nil)).Items
	old := keys[0]

	expect(t, fx.do("POST", "/api/v1/institutes/"+fx.instA+"/keys", fx.tokens[evaluation.RoleOwner], nil), 403)
	expect(t, fx.do("POST", "/api/v1/institutes/"+fx.instB+"/keys", fx.instAdmin, nil), 404)
	rec := fx.do("POST", "/api/v1/institutes/"+fx.instA+"/keys", fx.instAdmin, nil)
	expect(t, rec, 201)
	fresh := decode[engine.SigningKey](t, rec)
	keys = decode[struct{ Items []engine.SigningKey }](t, fx.do("GET", "/api/v1/institutes/"+fx.instA+"/keys", "", nil)).Items
	if len(keys) != 2 || keys[0].ID != fresh.ID || !keys[0].Active || keys[1].ID != old.ID || keys[1].Active || keys[1].RetiredAt == nil {
		t.Fatalf("keys after rotation %+v", keys)
	}

	v := fx.verify(t, oldEnvelope, nil, "")
	if !v.OK || v.KeyID != old.ID || !strings.Contains(v.Check(reports.CheckSignature).Detail, "retired") {
		t.Fatalf("the old report after rotation: %+v", v.Checks)
	}
	if v := reports.Verify(oldEnvelope, nil, []engine.SigningKey{old}); !v.OK {
		t.Fatalf("offline with the retired key: %v", v.Failed())
	}
	if v := reports.Verify(oldEnvelope, nil, []engine.SigningKey{fresh}); v.OK {
		t.Fatal("the old report verifies with the new key")
	}

	fx.toReview(t)
	r := fx.publish(t, objs["rid"])
	if r.KeyID != fresh.ID {
		t.Fatalf("a new report is signed with %s, not the active key %s", r.KeyID, fresh.ID)
	}
	entries, err := fx.svc.ListAudit(context.Background(), evaluation.SystemActor("test"), evaluation.AuditFilter{InstituteID: fx.instA, Limit: 500})
	must(t, err)
	for _, action := range []string{"signing_key.retire", "signing_key.create"} {
		if !slices.ContainsFunc(entries, func(e evaluation.AuditEntry) bool { return e.Action == action }) {
			t.Errorf("no %s in the audit log", action)
		}
	}
}

func TestAcceptanceChecklistAndDecision(t *testing.T) {
	fx := newFixture(t, noLimits())
	ctx := context.Background()
	objs := fx.objects[fx.cidA]
	base := "/api/v1/commissions/" + fx.cidA
	owner, reviewer, viewer := fx.tokens[evaluation.RoleOwner], fx.tokens[evaluation.RoleReviewer], fx.tokens[evaluation.RoleViewer]

	fx.toReview(t)
	r := fx.publish(t, objs["rid"])
	acc := decode[evaluation.Acceptance](t, fx.do("GET", base+"/acceptance", viewer, nil))
	var codes []string
	for _, it := range acc.Items {
		codes = append(codes, it.Code)
		if !it.Pass || len(it.Evidence) == 0 {
			t.Errorf("item %s: %+v", it.Code, it)
		}
		// The verifier's checks are evidence in both languages: title, status and detail.
		if it.Code == "signature_valid" {
			zh, en := messages.Both(messages.ID("web.verify.check.signature"))
			ev := strings.Join(it.Evidence, "\n")
			if !strings.Contains(ev, "检查项"+zh+"（"+messages.For(messages.Chinese).Sprintf(messages.ID("web.verify.status.pass"))+"）：") || !strings.Contains(ev, en+" (pass): ") {
				t.Errorf("signature evidence: %q", ev)
			}
		}
	}
	want := []string{"report_published", "signature_valid", "rerun_digest", "ahp_consistency", "weights_sum", "data_coverage",
		"provenance", "survey_minimums", "constraints", "audit_chain"}
	if !slices.Equal(codes, want) || !acc.Pass || acc.Report == nil || acc.Report.ID != r.ID {
		t.Fatalf("checklist %v, pass %v", codes, acc.Pass)
	}

	// Deciding: reviewers only; a rejection needs reasons.
	path := base + "/acceptance/decision"
	expect(t, fx.do("POST", path, owner, map[string]any{"decision": "accept"}), 403)
	expect(t, fx.do("POST", path, reviewer, map[string]any{"decision": "reject"}), 422)
	expect(t, fx.do("POST", path, reviewer, map[string]any{"decision": "maybe"}), 422)
	rec := fx.do("POST", path, reviewer, map[string]any{"decision": "reject", "reasons": []string{"指标口径说明不足 the calibre notes are incomplete"}})
	expect(t, rec, 201)
	if d := decode[evaluation.AcceptanceDecision](t, rec); d.Decision != "reject" || d.ReportID != r.ID || len(d.Reasons) != 1 {
		t.Fatalf("decision %+v", d)
	}
	c, err := fx.svc.GetCommission(ctx, fx.actors[evaluation.RoleOwner], fx.cidA)
	must(t, err)
	if c.Status != evaluation.StatusReview {
		t.Fatalf("after a rejection the commission is %s", c.Status)
	}
	expect(t, fx.do("POST", path, reviewer, map[string]any{"decision": "accept"}), 409) // nothing published to decide on

	// A new run with a unit that has no data: the checklist shows the missing values, and
	// accepting it needs reasons.
	run, err := fx.svc.GetRun(ctx, fx.actors[evaluation.RoleOwner], fx.cidA, objs["rid"])
	must(t, err)
	_, err = fx.svc.UpsertUnits(ctx, fx.actors[evaluation.RoleOwner], fx.cidA, []engine.Unit{{Code: "kaixuan", Name: "凯旋街道", Kind: engine.UnitSubdistrict}})
	must(t, err)
	next, err := fx.svc.CreateRun(ctx, fx.actors[evaluation.RoleOwner], fx.cidA, evaluation.RunRequest{WeightSetID: run.WeightSetID, DatasetIDs: run.DatasetIDs,
		Config: engine.RunConfig{MonteCarlo: engine.MonteCarloConfig{Samples: 50}}})
	must(t, err)
	fx.runAll()
	r2 := fx.publish(t, next.ID)
	acc = decode[evaluation.Acceptance](t, fx.do("GET", base+"/acceptance", reviewer, nil))
	var coverage evaluation.AcceptanceItem
	for _, it := range acc.Items {
		if it.Code == "data_coverage" {
			coverage = it
		}
	}
	if acc.Pass || coverage.Pass || !strings.Contains(strings.Join(coverage.Evidence, "\n"), "kaixuan") || len(acc.Decisions) != 1 {
		t.Fatalf("checklist with missing data: pass %v, coverage %+v, decisions %d", acc.Pass, coverage, len(acc.Decisions))
	}
	if ev := strings.Join(coverage.Evidence, "\n"); !strings.Contains(ev, "暂定：2项指标中已评分0项") || !strings.Contains(ev, "provisional: 0 of ") || !strings.Contains(ev, "indicators scored, carrying 0.0% of the weight (threshold 80%)") {
		t.Fatalf("the coverage item does not say the run is provisional, with the figures: %s", ev)
	}
	rec = fx.do("POST", path, reviewer, map[string]any{"decision": "accept"})
	expect(t, rec, 422)
	if !strings.Contains(rec.Body.String(), "data_coverage") {
		t.Errorf("the 422 does not name the failed item: %s", rec.Body)
	}
	rec = fx.do("POST", path, reviewer, map[string]any{"decision": "accept", "reasons": []string{"凯旋街道为新设单位，本期无数据，已在报告局限中说明"}})
	expect(t, rec, 201)
	d := decode[evaluation.AcceptanceDecision](t, rec)
	if d.ReportID != r2.ID || !slices.Equal(d.Failed, []string{"data_coverage"}) {
		t.Fatalf("decision %+v", d)
	}
	c, err = fx.svc.GetCommission(ctx, fx.actors[evaluation.RoleOwner], fx.cidA)
	must(t, err)
	if c.Status != evaluation.StatusAccepted {
		t.Fatalf("after acceptance the commission is %s", c.Status)
	}
	// An accepted commission is closed.
	expect(t, fx.do("POST", base+"/runs/"+next.ID+"/publish", owner, nil), 409)
	expect(t, fx.do("POST", path, reviewer, map[string]any{"decision": "reject", "reasons": []string{"x"}}), 409)
	acc = decode[evaluation.Acceptance](t, fx.do("GET", base+"/acceptance", viewer, nil))
	if acc.Status != evaluation.StatusAccepted || len(acc.Decisions) != 2 {
		t.Fatalf("acceptance %+v", acc)
	}
	entries, err := fx.svc.ListAudit(ctx, fx.actors[evaluation.RoleReviewer], evaluation.AuditFilter{CommissionID: fx.cidA, Limit: 500})
	must(t, err)
	var actions []string
	for _, e := range entries {
		actions = append(actions, e.Action)
	}
	for _, a := range []string{"acceptance.reject", "acceptance.accept", "report.publish", "commission.transition"} {
		if !slices.Contains(actions, a) {
			t.Errorf("no %s in the audit log", a)
		}
	}
	raw, _ := json.Marshal(acc)
	if !strings.Contains(string(raw), "凯旋街道为新设单位") {
		t.Error("the acceptance does not show the decision's reasons")
	}
}
