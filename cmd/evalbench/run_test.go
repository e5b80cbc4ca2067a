package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/evaluation/ingest"
	"evalbench/examples"
	"evalbench/messages"
	"evalbench/store/storetest"
)

// `run create --wait` of a run that fails on a data problem (its weight set has no judgments
// yet) ends with exit code 1 and says why in the command's language: the run's ErrorMessage, the
// same reason the run page gives.
func TestRunCreateWaitSaysWhyItFailed(t *testing.T) {
	db, url := storetest.New(t)
	ctx := context.Background()
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}))
	owner, err := examples.Owner(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := examples.Load(ctx, svc, owner)
	if err != nil {
		t.Fatal(err)
	}
	com := cs[0]
	last := com.Runs[len(com.Runs)-1]
	ws, err := svc.CreateWeightSet(ctx, owner, com.ID, &engine.WeightSet{Name: "未填判断", FrameworkID: last.FrameworkID, Method: engine.WeightAHP})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := svc.CreateToken(ctx, owner, evaluation.TokenInput{Name: "cli"})
	if err != nil {
		t.Fatal(err)
	}
	req, _ := json.Marshal(evaluation.RunRequest{WeightSetID: ws.WeightSet.ID, DatasetIDs: last.DatasetIDs, SurveyIDs: last.SurveyIDs, Config: last.Config})
	file := filepath.Join(t.TempDir(), "run.json")
	if err := os.WriteFile(file, req, 0o644); err != nil {
		t.Fatal(err)
	}
	var why *messages.Message
	for _, lang := range messages.Languages {
		args := []string{"--lang", string(lang), "run", "create", "--commission", com.ID, "--file", file, "--wait", "--token", tok.Secret, "--database-url", url}
		root := newRoot(args...)
		var out strings.Builder
		root.SetOut(&out)
		root.SetErr(&out)
		root.SetArgs(args)
		err := root.Execute()
		var ee *exitError
		if !errors.As(err, &ee) || ee.code != 1 {
			t.Fatalf("%s: run create --wait: %v\n%s", lang, err, out.String())
		}
		if why == nil {
			runs, err := svc.ListRuns(ctx, owner, com.ID, evaluation.Page{Limit: 1})
			if err != nil || len(runs) == 0 || runs[0].Status != evaluation.RunFailed || runs[0].ErrorMessage == nil {
				t.Fatalf("the run: %v %+v", err, runs)
			}
			why = runs[0].ErrorMessage
		}
		p := messages.For(lang)
		got := errorText(p, err)
		if want := p.Render(*why); !strings.HasSuffix(got, want) || !strings.Contains(got, p.Sprintf(messages.RunStatusFailed)) {
			t.Errorf("%s: %s\nwant it to end with %s", lang, got, want)
		}
		if lang == messages.Chinese && !strings.Contains(got, "权重集") {
			t.Errorf("the Chinese reason: %s", got)
		}
	}
}
