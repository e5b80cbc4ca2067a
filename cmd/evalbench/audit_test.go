package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/store/storetest"
)

// `audit checkpoint` signs the head, `audit checkpoints --out` exports the checkpoints, and
// `audit verify --checkpoints` reports a tail cut off with the head rewound as FAIL naming the
// missing entries — even once the stored checkpoints are gone — and refuses a forged checkpoint.
func TestAuditCheckpointCommands(t *testing.T) {
	db, url := storetest.New(t)
	master := []byte("0123456789abcdef0123456789abcdef")
	t.Setenv("EVALBENCH_MASTER_KEY", hex.EncodeToString(master))
	ctx := context.Background()
	svc := evaluation.NewService(db, evaluation.WithMasterKey(master))
	sys := evaluation.SystemActor("test")
	inst, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "zju", Name: "浙江大学公共管理学院"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 9 {
		if _, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: fmt.Sprintf("i%d", i), Name: "机构"}); err != nil {
			t.Fatal(err)
		}
	}
	out, code := run(t, "audit", "checkpoint", "--institute", inst.ID, "--database-url", url)
	if code != 0 {
		t.Fatalf("audit checkpoint: %d %s", code, out)
	}
	var cp engine.Checkpoint
	if err := json.Unmarshal([]byte(out), &cp); err != nil || cp.Seq != 11 {
		t.Fatalf("audit checkpoint printed %s (%v); want seq 11 (10 institutes and the first key)", out, err)
	}
	file := filepath.Join(t.TempDir(), "checkpoints.json")
	if out, code := run(t, "--lang", "en", "audit", "checkpoints", "--out", file, "--database-url", url); code != 0 || !strings.Contains(out, "1 checkpoint(s) written") {
		t.Fatalf("audit checkpoints: %d %s", code, out)
	}
	if out, code := run(t, "--lang", "en", "audit", "verify", "--checkpoints", file, "--database-url", url); code != 0 ||
		!strings.Contains(out, "PASS: 12 audit entries") || !strings.Contains(out, "entries 1–11 vouched for") {
		t.Fatalf("audit verify before tampering: %d %s", code, out)
	}

	// A superuser cuts off the last six entries (7–12), rewinds the head and deletes the
	// stored checkpoints.
	sql := db.SQL()
	for _, s := range []string{
		`ALTER TABLE audit_log DISABLE TRIGGER USER`, `ALTER TABLE audit_head DISABLE TRIGGER USER`, `ALTER TABLE audit_checkpoints DISABLE TRIGGER USER`,
		`DELETE FROM audit_log WHERE seq > 6`,
		`UPDATE audit_head SET (seq, hash) = (SELECT seq, hash FROM audit_log WHERE seq = 6)`,
		`DELETE FROM audit_checkpoints`,
		`ALTER TABLE audit_log ENABLE TRIGGER USER`, `ALTER TABLE audit_head ENABLE TRIGGER USER`, `ALTER TABLE audit_checkpoints ENABLE TRIGGER USER`,
	} {
		if _, err := sql.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	if out, code := run(t, "--lang", "en", "audit", "verify", "--database-url", url); code != 0 || !strings.Contains(out, "PASS: 6 audit entries") {
		t.Fatalf("audit verify without checkpoints: %d %s (the cut chain is intact in itself)", code, out)
	}
	out, code = run(t, "--lang", "en", "audit", "verify", "--checkpoints", file, "--database-url", url)
	want := fmt.Sprintf("FAIL: checkpoint seq 11 signed %s by institute %s", cp.Time, inst.ID)
	if code != 1 || !strings.Contains(out, want) || !strings.Contains(out, "but the log ends at 6: entries 7–11 missing") {
		t.Fatalf("audit verify --checkpoints after the cut: %d %s", code, out)
	}
	// The reason in Chinese, the default language.
	noLocale(t)
	out, _ = run(t, "audit", "verify", "--checkpoints", file, "--database-url", url)
	if want := fmt.Sprintf("FAIL：核验未通过，第11条的检查点（%s由机构%s签署，密钥%.16s…），而日志止于第6条：缺少第7至11条\n", cp.Time, inst.ID, cp.KeyID); out != want {
		t.Errorf("audit verify in Chinese:\n got %q\nwant %q", out, want)
	}

	// A forged checkpoint (the seq changed after signing) is refused.
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	forged := filepath.Join(t.TempDir(), "forged.json")
	if err := os.WriteFile(forged, []byte(strings.Replace(string(raw), `"seq": 11`, `"seq": 6`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, code := run(t, "--lang", "en", "audit", "verify", "--checkpoints", forged, "--database-url", url); code != 1 || !strings.Contains(out, "is refused") ||
		!strings.HasSuffix(out, fmt.Sprintf("is refused: the signature of key %s does not verify: the checkpoint is forged or was altered\n", cp.KeyID)) {
		t.Fatalf("audit verify with a forged checkpoint: %d %s", code, out)
	}
	if out, _ := run(t, "audit", "verify", "--checkpoints", forged, "--database-url", url); !strings.HasPrefix(out, "FAIL：核验未通过，第6条的检查点（") ||
		!strings.HasSuffix(out, fmt.Sprintf("）未通过验证：密钥%s的签名验证未通过：检查点系伪造或已被改动\n", cp.KeyID)) {
		t.Errorf("a forged checkpoint in Chinese: %q", out)
	}
	if out, code := run(t, "audit", "verify", "--checkpoints", filepath.Join(t.TempDir(), "none.json"), "--database-url", url); code != 2 {
		t.Fatalf("audit verify with a missing file: %d %s", code, out)
	}
}

// A published report, as report.json or as its envelope, gives `audit verify --checkpoints` the
// checkpoint it embeds.
func TestReadCheckpointsFromReport(t *testing.T) {
	dir := t.TempDir()
	signedReport(t, dir)
	keys, err := readKeys("", filepath.Join(dir, "keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"report.json", "report.dsse.json"} {
		cps, err := readCheckpoints(filepath.Join(dir, name))
		if err != nil || len(cps) != 1 || cps[0].Seq != 3 {
			t.Fatalf("%s: %+v, %v", name, cps, err)
		}
		if err := engine.VerifyCheckpoint(&cps[0], keys); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if _, err := readCheckpoints(filepath.Join(dir, "keys.json")); err == nil {
		t.Fatal("keys.json read as checkpoints")
	}
}
