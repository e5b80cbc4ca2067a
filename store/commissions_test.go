package store_test

import (
	"context"
	"errors"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/store/storetest"
)

// Two writers that both read version 1 race to store version 2: the database lets exactly one of
// them through (the UPDATE's version condition), whatever the service checked before.
func TestUpdateCommissionVersionGuard(t *testing.T) {
	db, _ := storetest.New(t)
	ctx := context.Background()
	svc := evaluation.NewService(db)
	sys := evaluation.SystemActor("test")
	inst, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "i", Name: "I"})
	if err != nil {
		t.Fatal(err)
	}
	u, err := svc.CreateUser(ctx, sys, evaluation.UserInput{InstituteID: inst.ID, Name: "u"})
	if err != nil {
		t.Fatal(err)
	}
	a := evaluation.Actor{UserID: u.ID, Name: "u", InstituteID: inst.ID}
	c, err := svc.CreateCommission(ctx, a, evaluation.CommissionInput{Title: "t", Client: "c", PeriodStart: 2016, PeriodEnd: 2020, EvaluatedPeriod: "2016"})
	if err != nil {
		t.Fatal(err)
	}
	read := make(chan struct{})
	first := make(chan error, 1)
	go func() {
		first <- db.Transact(ctx, func(tx evaluation.Tx) error {
			cur, err := tx.GetCommission(ctx, c.ID)
			if err != nil {
				return err
			}
			<-read // the second writer has read version 1 too
			cur.Version, cur.Title = 2, "first"
			return tx.UpdateCommission(ctx, cur)
		})
	}()
	err = db.Transact(ctx, func(tx evaluation.Tx) error {
		cur, err := tx.GetCommission(ctx, c.ID)
		if err != nil {
			return err
		}
		close(read)
		if err := <-first; err != nil {
			t.Errorf("the first writer failed: %v", err)
		}
		cur.Version, cur.Title = 2, "second"
		return tx.UpdateCommission(ctx, cur)
	})
	if !errors.Is(err, engine.ErrStale) {
		t.Fatalf("the second writer of version 2: err = %v, want ErrStale", err)
	}
	got, err := svc.GetCommission(ctx, a, c.ID)
	if err != nil || got.Title != "first" || got.Version != 2 {
		t.Fatalf("commission %+v, %v", got, err)
	}
}
