package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"evalbench/evaluation"
	"evalbench/store/storetest"
)

func TestAuditLogRefusesUpdateDeleteTruncate(t *testing.T) {
	db, _ := storetest.New(t)
	svc := evaluation.NewService(db)
	ctx := context.Background()
	if _, err := svc.CreateInstitute(ctx, evaluation.SystemActor("test"), evaluation.InstituteInput{Code: "zju", Name: "浙江大学公共管理学院"}); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		`UPDATE audit_log SET action = 'forged'`,
		`DELETE FROM audit_log`,
		`TRUNCATE audit_log`,
	} {
		_, err := db.SQL().ExecContext(ctx, stmt)
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v, want the append-only refusal", stmt, err)
		}
	}
	rep, err := svc.VerifyAudit(ctx)
	if err != nil || !rep.OK || rep.Entries != 1 {
		t.Fatalf("VerifyAudit = %+v, %v; want one intact entry", rep, err)
	}
}

// Concurrent writers append to one chain without forking it, and the verifier accepts it; an
// entry altered behind the trigger's back (as a superuser with the trigger disabled) is named.
func TestAuditChainConcurrentAndTamperEvident(t *testing.T) {
	db, _ := storetest.New(t)
	svc := evaluation.NewService(db)
	ctx := context.Background()
	sys := evaluation.SystemActor("test")
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: fmt.Sprintf("inst-%02d", i), Name: "机构"})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	rep, err := svc.VerifyAudit(ctx)
	if err != nil || !rep.OK || rep.Entries != 40 {
		t.Fatalf("VerifyAudit = %+v, %v; want 40 intact entries", rep, err)
	}

	for _, tamper := range []struct {
		name, stmt, reason string
		seq                int64
	}{
		{"changed content", `UPDATE audit_log SET changes = '{"code":"forged"}' WHERE seq = 17`, "altered", 17},
		{"deleted entry", `DELETE FROM audit_log WHERE seq = 9`, "missing", 10},
	} {
		t.Run(tamper.name, func(t *testing.T) {
			if _, err := db.SQL().ExecContext(ctx, `ALTER TABLE audit_log DISABLE TRIGGER USER`); err != nil {
				t.Fatal(err)
			}
			if _, err := db.SQL().ExecContext(ctx, tamper.stmt); err != nil {
				t.Fatal(err)
			}
			if _, err := db.SQL().ExecContext(ctx, `ALTER TABLE audit_log ENABLE TRIGGER USER`); err != nil {
				t.Fatal(err)
			}
			rep, err := svc.VerifyAudit(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if rep.OK || rep.BrokenSeq != tamper.seq || !strings.Contains(rep.Reason, tamper.reason) {
				t.Fatalf("VerifyAudit = %+v; want entry %d named (%s)", rep, tamper.seq, tamper.reason)
			}
		})
	}
}

// A failed request leaves the database as it was: a duplicate code rolls back the institute and
// its audit row together.
func TestFailedMutationWritesNothing(t *testing.T) {
	db, _ := storetest.New(t)
	svc := evaluation.NewService(db)
	ctx := context.Background()
	sys := evaluation.SystemActor("test")
	if _, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "a", Name: "A"}); err != nil {
		t.Fatal(err)
	}
	_, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "a", Name: "A again"})
	if !errors.Is(err, evaluation.ErrConflict) {
		t.Fatalf("duplicate institute: err = %v, want ErrConflict", err)
	}
	var n int
	if err := db.SQL().Get(&n, `SELECT count(*) FROM audit_log`); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("audit rows = %d, want 1 (the failed request must leave none)", n)
	}
}
