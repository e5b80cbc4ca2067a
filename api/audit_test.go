package api_test

import (
	"context"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/reports"
)

// Every publication signs a checkpoint of the audit chain and embeds it in the report; the
// checkpoints can be exported by the audit log's readers and made on demand by institute admins,
// and the chain verifies against them.
func TestAuditCheckpointsExportedAndEmbedded(t *testing.T) {
	fx := newFixture(t, noLimits())
	ctx := context.Background()
	type listed struct{ Items []engine.Checkpoint }
	all := decode[listed](t, fx.do("GET", "/api/v1/audit/checkpoints", fx.admin, nil)).Items
	if len(all) != 2 {
		t.Fatalf("checkpoints after the fixture's two publications: %+v", all)
	}
	own := decode[listed](t, fx.do("GET", "/api/v1/audit/checkpoints", fx.instAdmin, nil)).Items
	if len(own) != 1 || own[0].InstituteID != fx.instA {
		t.Fatalf("an institute admin's checkpoints: %+v", own)
	}
	byRole := decode[listed](t, fx.do("GET", "/api/v1/audit/checkpoints?commission="+fx.cidA, fx.tokens[evaluation.RoleReviewer], nil)).Items
	if len(byRole) != 1 || byRole[0] != own[0] {
		t.Fatalf("a reviewer's checkpoints of commission A: %+v", byRole)
	}
	expect(t, fx.do("GET", "/api/v1/audit/checkpoints?commission="+fx.cidA, fx.tokens[evaluation.RoleViewer], nil), 403)
	expect(t, fx.do("GET", "/api/v1/audit/checkpoints?commission="+fx.cidB, fx.tokens[evaluation.RoleOwner], nil), 404)
	expect(t, fx.do("GET", "/api/v1/audit/checkpoints?institute=x", fx.admin, nil), 404)

	// The report of commission A embeds institute A's checkpoint, and it verifies with the key
	// the institute publishes.
	bundle := fx.do("GET", "/reports/"+fx.objects[fx.cidA]["repid"]+"/report.json", "", nil).Body.Bytes()
	b, err := reports.ParseBundle(bundle)
	must(t, err)
	if b.Manifest.AuditCheckpoint == nil || *b.Manifest.AuditCheckpoint != own[0] {
		t.Fatalf("the report's checkpoint %+v is not the stored %+v", b.Manifest.AuditCheckpoint, own[0])
	}
	keys := decode[struct{ Items []engine.SigningKey }](t, fx.do("GET", "/api/v1/institutes/"+fx.instA+"/keys", "", nil)).Items
	if err := engine.VerifyCheckpoint(b.Manifest.AuditCheckpoint, keys); err != nil {
		t.Fatal(err)
	}

	// On demand: an institute admin signs the current head; others may not.
	expect(t, fx.do("POST", "/api/v1/audit/checkpoints", fx.tokens[evaluation.RoleOwner], nil), 403)
	expect(t, fx.do("POST", "/api/v1/audit/checkpoints?institute="+fx.instB, fx.instAdmin, nil), 404)
	expect(t, fx.do("POST", "/api/v1/audit/checkpoints", fx.admin, nil), 422)
	rec := fx.do("POST", "/api/v1/audit/checkpoints", fx.instAdmin, nil)
	expect(t, rec, 201)
	fresh := decode[engine.Checkpoint](t, rec)
	if fresh.Seq <= own[0].Seq || fresh.InstituteID != fx.instA || fresh.Log != own[0].Log {
		t.Fatalf("a fresh checkpoint %+v after %+v", fresh, own[0])
	}
	rep, err := fx.svc.VerifyAuditWith(ctx, evaluation.VerifyAuditOptions{Checkpoints: []engine.Checkpoint{*b.Manifest.AuditCheckpoint, fresh}, Stored: true})
	if err != nil || !rep.OK || rep.Anchored != fresh.Seq || len(rep.Checkpoints) != 3 {
		t.Fatalf("VerifyAuditWith = %+v, %v", rep, err)
	}
}
