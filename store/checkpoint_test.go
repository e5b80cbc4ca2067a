package store_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/store"
	"evalbench/store/storetest"
)

var testMasterKey = []byte("0123456789abcdef0123456789abcdef")

// superuser runs statements as a database superuser who disables the triggers of the tables
// first and enables them again after: what the triggers cannot prevent.
func superuser(t *testing.T, db *store.DB, tables []string, stmts ...string) {
	t.Helper()
	ctx := context.Background()
	for _, tb := range tables {
		if _, err := db.SQL().ExecContext(ctx, `ALTER TABLE `+tb+` DISABLE TRIGGER USER`); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range stmts {
		if _, err := db.SQL().ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	for _, tb := range tables {
		if _, err := db.SQL().ExecContext(ctx, `ALTER TABLE `+tb+` ENABLE TRIGGER USER`); err != nil {
			t.Fatal(err)
		}
	}
}

// The heads of the audit chain and of the publication logs move only forward through the append
// path: UPDATE, DELETE, INSERT and TRUNCATE are refused, and audited writes keep working.
func TestAuditHeadsRefuseRewindDeleteTruncate(t *testing.T) {
	db, _ := storetest.New(t)
	svc := evaluation.NewService(db)
	ctx := context.Background()
	sys := evaluation.SystemActor("test")
	inst, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "zju", Name: "浙江大学公共管理学院"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().ExecContext(ctx, `INSERT INTO publication_heads (institute_id, seq, hash) VALUES ($1, 0, $2)`, inst.ID, make([]byte, 32)); err != nil {
		t.Fatalf("an empty publication head was refused: %v", err)
	}
	for _, stmt := range []string{
		`UPDATE audit_head SET seq = seq - 1`,
		`UPDATE audit_head SET seq = 0, hash = '\x0000000000000000000000000000000000000000000000000000000000000000'`,
		`UPDATE audit_head SET hash = sha256('forged')`,
		`UPDATE audit_head SET seq = seq + 1`,
		`UPDATE audit_head SET seq = seq + 2, hash = (SELECT hash FROM audit_log WHERE seq = 1)`,
		`DELETE FROM audit_head`,
		`TRUNCATE audit_head`,
		`INSERT INTO audit_log (seq, at, actor_name, action, object_type, object_id, prev_hash, hash)
		 VALUES (7, now(), 'x', 'forged', 'x', 'x', sha256('a'), sha256('b'))`,
		`INSERT INTO audit_log (seq, at, actor_name, action, object_type, object_id, prev_hash, hash)
		 VALUES (2, now(), 'x', 'forged', 'x', 'x', sha256('a'), sha256('b'))`,
		`UPDATE publication_heads SET seq = seq + 1`,
		`UPDATE publication_heads SET hash = sha256('forged')`,
		`DELETE FROM publication_heads`,
		`TRUNCATE publication_heads`,
		`TRUNCATE publication_log`,
		`TRUNCATE audit_log`,
		`TRUNCATE audit_checkpoints`,
		`TRUNCATE acceptance_decisions`,
		`TRUNCATE run_results CASCADE`,
	} {
		_, err := db.SQL().ExecContext(ctx, stmt)
		if err == nil || !strings.Contains(err.Error(), "refused") && !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v, want a refusal", stmt, err)
		}
	}
	if _, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "pku", Name: "北京大学"}); err != nil {
		t.Fatalf("an audited write after the refusals: %v", err)
	}
	rep, err := svc.VerifyAudit(ctx)
	if err != nil || !rep.OK || rep.Entries != 2 {
		t.Fatalf("VerifyAudit = %+v, %v; want two intact entries", rep, err)
	}

	// What a superuser does behind the triggers' back, the verifier names.
	superuser(t, db, []string{"audit_head"}, `DELETE FROM audit_head`)
	rep, err = svc.VerifyAudit(ctx)
	if err != nil || rep.OK || !strings.Contains(rep.Reason, "head is missing") {
		t.Fatalf("VerifyAudit with the head deleted = %+v, %v; want FAIL naming the missing head", rep, err)
	}
	_, err = svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "thu", Name: "清华大学"})
	if err == nil || errors.Is(err, engine.ErrNotFound) || !strings.Contains(err.Error(), "audit head is missing") {
		t.Fatalf("an audited write without a head: err = %v, want an internal error that names the missing head, not a 404", err)
	}
	superuser(t, db, []string{"audit_head", "audit_log"},
		`INSERT INTO audit_head (seq, hash) SELECT seq, hash FROM audit_log WHERE seq = 2`,
		`DELETE FROM audit_log WHERE seq = 2`)
	rep, err = svc.VerifyAudit(ctx)
	if err != nil || rep.OK || rep.BrokenSeq != 2 || !strings.Contains(rep.Reason, "entries 2–2 missing") {
		t.Fatalf("VerifyAudit with the tail cut off = %+v, %v; want FAIL naming entry 2", rep, err)
	}
}

// A checkpoint signed before a superuser cut the chain's tail off and rewound the head shows the
// cut, naming the missing range, even when the stored checkpoints are deleted too; a chain
// rewritten past the checkpoint is named at the checkpointed entry; a forged checkpoint is
// refused.
func TestCheckpointCatchesTruncationAndRewind(t *testing.T) {
	db, _ := storetest.New(t)
	svc := evaluation.NewService(db, evaluation.WithMasterKey(testMasterKey))
	ctx := context.Background()
	sys := evaluation.SystemActor("test")
	inst, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "zju", Name: "浙江大学公共管理学院"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 8 {
		if _, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: fmt.Sprintf("i%d", i), Name: "机构"}); err != nil {
			t.Fatal(err)
		}
	}
	cp, err := svc.CreateCheckpoint(ctx, sys, inst.ID)
	if err != nil {
		t.Fatal(err)
	}
	// 9 institutes, the institute's first signing key: the checkpoint covers entries 1–10 and
	// its own audit entry is 11.
	if cp.Seq != 10 {
		t.Fatalf("checkpoint seq = %d, want 10", cp.Seq)
	}
	exported, err := svc.Checkpoints(ctx, sys, evaluation.CheckpointFilter{})
	if err != nil || len(exported) != 1 || exported[0] != *cp {
		t.Fatalf("Checkpoints = %+v, %v; want the one made", exported, err)
	}
	keys, err := svc.SigningKeys(ctx, inst.ID)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := svc.VerifyAuditWith(ctx, evaluation.VerifyAuditOptions{Checkpoints: exported, Stored: true, Keys: keys})
	if err != nil || !rep.OK || rep.Entries != 11 || rep.Anchored != 10 {
		t.Fatalf("VerifyAuditWith before tampering = %+v, %v; want PASS anchored at 10", rep, err)
	}

	// The superuser deletes the last six entries (6–11), rewinds the head to entry 5 and
	// deletes the stored checkpoints.
	superuser(t, db, []string{"audit_log", "audit_head", "audit_checkpoints"},
		`DELETE FROM audit_log WHERE seq > 5`,
		`UPDATE audit_head SET (seq, hash) = (SELECT seq, hash FROM audit_log WHERE seq = 5)`,
		`DELETE FROM audit_checkpoints`)
	rep, err = svc.VerifyAudit(ctx)
	if err != nil || !rep.OK || rep.Entries != 5 {
		t.Fatalf("VerifyAudit = %+v, %v; the cut chain is intact in itself", rep, err)
	}
	rep, err = svc.VerifyAuditWith(ctx, evaluation.VerifyAuditOptions{Checkpoints: exported, Stored: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK || rep.BrokenSeq != 6 || !strings.Contains(rep.Reason, "checkpoint seq 10 signed "+cp.Time) ||
		!strings.Contains(rep.Reason, "but the log ends at 5: entries 6–10 missing") {
		t.Fatalf("VerifyAuditWith after the cut = %+v; want FAIL naming entries 6–10", rep)
	}

	// The chain grows again past the checkpoint: a rewrite, named at the checkpointed entry.
	for i := range 6 {
		if _, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: fmt.Sprintf("j%d", i), Name: "机构"}); err != nil {
			t.Fatal(err)
		}
	}
	rep, err = svc.VerifyAuditWith(ctx, evaluation.VerifyAuditOptions{Checkpoints: exported, Keys: keys})
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK || rep.BrokenSeq != 10 || !strings.Contains(rep.Reason, "entry 10 hash differs from the checkpointed chain") ||
		!strings.Contains(rep.Reason, "entries 1–10") {
		t.Fatalf("VerifyAuditWith after the rewrite = %+v; want FAIL at entry 10", rep)
	}

	// Forged checkpoints are refused: an altered statement, another key under the institute's
	// key id, a key of another institute.
	forged := *cp
	forged.Seq = 5
	_, stranger, _ := ed25519.GenerateKey(rand.Reader)
	resigned := *cp
	resigned.Signature = base64.StdEncoding.EncodeToString(ed25519.Sign(stranger, engine.PAE(engine.CheckpointPayloadType, mustStatement(t, &resigned))))
	other := *cp
	other.InstituteID = "00000000-0000-4000-8000-000000000000"
	for name, c := range map[string]engine.Checkpoint{"altered seq": forged, "another key": resigned, "another institute": other} {
		rep, err := svc.VerifyAuditWith(ctx, evaluation.VerifyAuditOptions{Checkpoints: []engine.Checkpoint{c}, Keys: keys})
		if err != nil {
			t.Fatal(err)
		}
		if rep.OK || !strings.Contains(rep.Reason, "is refused") {
			t.Errorf("%s: VerifyAuditWith = %+v; want the checkpoint refused", name, rep)
		}
	}
}

func mustStatement(t *testing.T, c *engine.Checkpoint) []byte {
	t.Helper()
	st, err := c.Statement()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// The periodic checkpointer signs for an institute with a key once its latest checkpoint is older
// than the interval and the chain grew past that checkpoint's own entry; not before, not twice,
// and never for an institute that has no key (it never published).
func TestCheckpointDue(t *testing.T) {
	db, _ := storetest.New(t)
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	svc := evaluation.NewService(db, evaluation.WithMasterKey(testMasterKey), evaluation.WithClock(func() time.Time { return now }))
	ctx := context.Background()
	sys := evaluation.SystemActor("test")
	inst, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "zju", Name: "浙江大学公共管理学院"})
	if err != nil {
		t.Fatal(err)
	}
	keyless, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "pku", Name: "北京大学"})
	if err != nil {
		t.Fatal(err)
	}
	first, err := svc.CreateCheckpoint(ctx, sys, inst.ID) // makes the institute's key
	if err != nil {
		t.Fatal(err)
	}
	due := func(want int, why string) []engine.Checkpoint {
		t.Helper()
		made, err := svc.CheckpointDue(ctx, time.Hour)
		if err != nil || len(made) != want {
			t.Fatalf("%s: CheckpointDue made %d (%+v), %v; want %d", why, len(made), made, err, want)
		}
		return made
	}
	now = now.Add(2 * time.Hour)
	due(0, "an old checkpoint with nothing after its own entry")
	if _, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "thu", Name: "清华大学"}); err != nil {
		t.Fatal(err)
	}
	now = first.SignedAt().Add(30 * time.Minute)
	due(0, "a checkpoint younger than the interval")
	now = first.SignedAt().Add(61 * time.Minute)
	made := due(1, "an old checkpoint and a grown chain")
	if made[0].InstituteID != inst.ID || made[0].Seq <= first.Seq {
		t.Fatalf("checkpoint %+v; want institute %s beyond seq %d", made[0], inst.ID, first.Seq)
	}
	due(0, "a second call at the same moment")
	cps, err := svc.Checkpoints(ctx, sys, evaluation.CheckpointFilter{InstituteID: keyless.ID})
	if err != nil || len(cps) != 0 {
		t.Fatalf("checkpoints of the keyless institute = %+v, %v; want none", cps, err)
	}
	rep, err := svc.VerifyAuditWith(ctx, evaluation.VerifyAuditOptions{Stored: true})
	if err != nil || !rep.OK {
		t.Fatalf("VerifyAuditWith(stored) = %+v, %v", rep, err)
	}
}
