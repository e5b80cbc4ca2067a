package store_test

import (
	"context"
	"reflect"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/evaluation/ingest"
	"evalbench/examples"
	"evalbench/store"
	"evalbench/store/storetest"
)

// ListResponseTable reads a survey's responses in parts over several connections (from
// ParallelResponsesMin responses) into the same table as over the transaction's connection,
// once sorted: every survey of the examples, all imports and the first import only. A
// transaction that has written reads on its own connection (the readers would not see its
// writes), and still reads the same.
func TestListResponseTableInParts(t *testing.T) {
	db, _ := storetest.New(t)
	ctx := context.Background()
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}))
	owner, err := examples.Owner(ctx, svc)
	must(t, err)
	cs, err := examples.Load(ctx, svc, owner)
	must(t, err)
	defer func(n int) { store.ParallelResponsesMin = n }(store.ParallelResponsesMin)
	read := func(min int, surveyID string, imports []string, write bool) *engine.ResponseTable {
		t.Helper()
		store.ParallelResponsesMin = min
		var tab *engine.ResponseTable
		must(t, db.Transact(ctx, func(tx evaluation.Tx) error {
			if write {
				if err := tx.(*store.Tx).ExecForTest(ctx, `UPDATE surveys SET title = title WHERE id = '`+surveyID+`'`); err != nil {
					return err
				}
			}
			var err error
			tab, err = tx.ListResponseTable(ctx, surveyID, imports)
			return err
		}))
		tab.Sort()
		return tab
	}
	surveys := 0
	for _, c := range cs {
		svs, err := svc.ListSurveys(ctx, owner, c.ID)
		must(t, err)
		for _, sv := range svs {
			imps, err := svc.ListResponseImports(ctx, owner, c.ID, sv.ID)
			must(t, err)
			if len(imps) == 0 {
				continue
			}
			for _, only := range [][]string{nil, {imps[0].ID}} {
				whole := read(1<<40, sv.ID, only, false)
				if whole.Len() == 0 {
					t.Fatalf("survey %s: no responses", sv.Code)
				}
				before := store.PartReads()
				parts := read(0, sv.ID, only, false)
				if store.PartReads() != before+1 {
					t.Fatalf("survey %s: not read in parts", sv.Code)
				}
				if !reflect.DeepEqual(whole, parts) {
					t.Errorf("survey %s, imports %v: read in parts %d rows, %d raters; whole %d rows, %d raters — not the same table",
						sv.Code, only, parts.Len(), len(parts.Raters), whole.Len(), len(whole.Raters))
				}
				written := read(0, sv.ID, only, true)
				if store.PartReads() != before+1 {
					t.Errorf("survey %s: a transaction that has written read in parts", sv.Code)
				}
				if !reflect.DeepEqual(whole, written) {
					t.Errorf("survey %s: a transaction that has written read another table", sv.Code)
				}
			}
			surveys++
		}
	}
	if surveys == 0 {
		t.Fatal("the examples have no survey with responses")
	}
}
