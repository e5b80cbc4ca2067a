package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
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
	if !errors.Is(err, engine.ErrConflict) {
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

// The database refuses a dataset whose observations do not number its row_count: a dataset has
// all its rows or none, whatever writes it.
func TestDatasetMustHoldItsRows(t *testing.T) {
	db, _ := storetest.New(t)
	ctx := context.Background()
	var commission, framework string
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.SQL().GetContext(ctx, &commission, `
WITH i AS (INSERT INTO institutes (code, name) VALUES ('x', 'X') RETURNING id)
INSERT INTO commissions (institute_id, title, client, period_start, period_end, evaluated_period)
SELECT id, 't', 'c', 2016, 2020, '2016' FROM i RETURNING id`))
	must(db.SQL().GetContext(ctx, &framework, `
INSERT INTO frameworks (commission_id, number, plan_start, plan_end, content, digest)
VALUES ($1, 1, 2016, 2020, '{}', repeat('0', 64)) RETURNING id`, commission))
	insert := func(rows int, observations int) error {
		tx, err := db.SQL().BeginTxx(ctx, nil)
		must(err)
		defer tx.Rollback()
		var id string
		must(tx.GetContext(ctx, &id, `
INSERT INTO datasets (id, commission_id, framework_id, number, sha256, file_name, format, importer_name, imported_at, row_count)
VALUES (gen_random_uuid(), $1, $2, (SELECT COALESCE(max(number), 0) + 1 FROM datasets), md5(random()::text) || md5(random()::text), 'f.csv', 'csv', 'me', now(), $3)
RETURNING id`, commission, framework, rows))
		for k := range observations {
			_, err := tx.ExecContext(ctx, `INSERT INTO observations (dataset_id, row_no, indicator, unit, period, value) VALUES ($1, $2, 'gdp', 'u', '2016', 1)`, id, k+2)
			must(err)
		}
		return tx.Commit()
	}
	if err := insert(3, 3); err != nil {
		t.Fatalf("a complete dataset was refused: %v", err)
	}
	for _, c := range [][2]int{{3, 2}, {3, 0}, {1, 2}} {
		if err := insert(c[0], c[1]); err == nil || !strings.Contains(err.Error(), "observations, not the") {
			t.Errorf("a dataset declaring %d rows with %d observations: err = %v", c[0], c[1], err)
		}
	}
}

// The database refuses a response import whose responses do not number its row_count, or that
// holds responses of another survey (migration 0013 replaced the per-row foreign key with this
// check at commit): an import has all its rows or none, whatever writes it.
func TestResponseImportMustHoldItsRows(t *testing.T) {
	db, _ := storetest.New(t)
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var commission string
	must(db.SQL().GetContext(ctx, &commission, `
WITH i AS (INSERT INTO institutes (code, name) VALUES ('x', 'X') RETURNING id)
INSERT INTO commissions (institute_id, title, client, period_start, period_end, evaluated_period)
SELECT id, 't', 'c', 2016, 2020, '2016' FROM i RETURNING id`))
	survey := func(code string) string {
		var id string
		must(db.SQL().GetContext(ctx, &id, `
INSERT INTO surveys (commission_id, code, title, kind, scale, items, rater_groups, options)
VALUES ($1, $2, 't', 'social', '{}', '[]', '[]', '{}') RETURNING id`, commission, code))
		return id
	}
	s1, s2 := survey("s1"), survey("s2")
	// insert stores an import of s1 declaring rows rows, with mine responses of it and others
	// that name the import but survey s2.
	insert := func(rows, mine, others int) error {
		tx, err := db.SQL().BeginTxx(ctx, nil)
		must(err)
		defer tx.Rollback()
		var id string
		must(tx.GetContext(ctx, &id, `
INSERT INTO survey_imports (id, commission_id, survey_id, number, sha256, file_name, format, importer_name, imported_at, row_count, rater_count)
VALUES (gen_random_uuid(), $1, $2, (SELECT COALESCE(max(number), 0) + 1 FROM survey_imports), md5(random()::text) || md5(random()::text), 'f.csv', 'csv', 'me', now(), $3, 1)
RETURNING id`, commission, s1, rows))
		for k := range mine + others {
			sv := s1
			if k >= mine {
				sv = s2
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO survey_responses (import_id, survey_id, row_no, unit, rater_group, rater, item, score)
VALUES ($1, $2, $3, 'u', 'g', sha256(convert_to($4, 'UTF8')), 'i', 1)`, id, sv, k+2, fmt.Sprint(k))
			must(err)
		}
		return tx.Commit()
	}
	if err := insert(3, 3, 0); err != nil {
		t.Fatalf("a complete import was refused: %v", err)
	}
	for _, c := range [][2]int{{3, 2}, {3, 0}, {1, 2}} {
		if err := insert(c[0], c[1], 0); err == nil || !strings.Contains(err.Error(), "responses, not the") {
			t.Errorf("an import declaring %d rows with %d responses: err = %v", c[0], c[1], err)
		}
	}
	if err := insert(3, 2, 1); err == nil || !strings.Contains(err.Error(), "responses of another survey") {
		t.Errorf("an import holding a response of another survey: err = %v", err)
	}
}
