package store_test

import (
	"context"
	"strings"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/ingest"
	"evalbench/examples"
	"evalbench/messages"
	"evalbench/migrations"
	"evalbench/store/storetest"
)

// The runs that failed before runs.error_message existed get one from migration 0016 (assigned
// 0017): the worker's own English texts become their messages, any other text is kept as
// written. The run is read back with it through GetRun, as every reader of a run does.
func TestRunErrorMessageBackfill(t *testing.T) {
	db, _ := storetest.New(t)
	ctx := context.Background()
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}))
	owner, err := examples.Owner(ctx, svc)
	must(t, err)
	cs, err := examples.Load(ctx, svc, owner)
	must(t, err)
	run := cs[0].Runs[0]
	sqlText, err := migrations.FS.ReadFile("0016_run_error_message.sql")
	must(t, err)
	backfill := string(sqlText)[strings.Index(string(sqlText), "UPDATE runs SET error_message"):]
	for text, want := range map[string]messages.Message{
		"the computation failed unexpectedly; this is a defect of evalbench, and the server log holds the details": messages.New(messages.RunErrorPanic),
		"the computation failed for a reason outside the data (the server log holds the details); run it again":    messages.New(messages.RunErrorInternal),
		"cancelled on request":                                  messages.New(messages.RunErrorCancelled),
		"the weight set cannot be used yet: weights: it's 100%": messages.New(messages.LegacyText, "text", "the weight set cannot be used yet: weights: it's 100%"),
	} {
		if _, err := db.SQL().ExecContext(ctx, `UPDATE runs SET status = 'failed', error = $2, error_message = NULL WHERE id = $1`, run.ID, text); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SQL().ExecContext(ctx, backfill); err != nil {
			t.Fatal(err)
		}
		r, err := svc.GetRun(ctx, owner, run.CommissionID, run.ID)
		must(t, err)
		if r.Error != text || r.ErrorMessage == nil || r.ErrorMessage.ID != want.ID || messages.For(messages.English).Render(*r.ErrorMessage) != messages.For(messages.English).Render(want) {
			t.Errorf("%q: read back %q %+v, want %+v", text, r.Error, r.ErrorMessage, want)
		}
	}
	// A run that did not fail has none.
	if _, err := db.SQL().ExecContext(ctx, `UPDATE runs SET status = 'succeeded', error = NULL, error_message = NULL WHERE id = $1`, run.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().ExecContext(ctx, backfill); err != nil {
		t.Fatal(err)
	}
	if r, err := svc.GetRun(ctx, owner, run.CommissionID, run.ID); err != nil || r.ErrorMessage != nil {
		t.Errorf("a succeeded run: %v %+v", err, r.ErrorMessage)
	}
}
