package evaluation

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/messages/messagestest"
)

// Why a run failed, as the worker records it: a data problem and a refusal in the catalogue's
// words, a panic and an internal failure as their own messages without their cause, and any other
// error as a message that quotes nothing of it.
func TestFailureMessage(t *testing.T) {
	v := engine.NewValidation(messages.RunWeightSetUnusable)
	v.Add(engine.Catalogued("weights", "", messages.WeightsDataTooFewUnits, "method", "entropy"))
	tests := []struct {
		name  string
		err   error
		want  messages.ID
		known bool
	}{
		{"data problem", fmt.Errorf("run: %w", v), messages.RunErrorProblem, true},
		{"refusal", engine.Refuse(engine.ErrConflict, messages.RunConstraintNoSurvey, "survey", "s1"), messages.RunConstraintNoSurvey, true},
		{"panic", &engine.InternalError{Public: errPanicMessage, Err: fmt.Errorf("%w: assignment to entry in nil map", errPanicked)}, messages.RunErrorPanic, true},
		{"driver", &engine.InternalError{Kind: engine.ErrConflict, Err: errors.New(`pq: duplicate key value violates unique constraint "runs_pkey"`)}, messages.RunErrorInternal, true},
		{"other", fmt.Errorf("json: unsupported value: NaN"), messages.RunErrorUnexpected, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, known := failureMessage(tt.err)
			if m.ID != tt.want || known != tt.known {
				t.Fatalf("failureMessage = %+v, %v; want %s, %v", m, known, tt.want, tt.known)
			}
			messagestest.Valid(t, m)
			for _, l := range messages.Languages {
				text := messages.For(l).Render(m)
				for _, leak := range []string{"pq:", "json:", "nil map", "runs_pkey", "%!"} {
					if strings.Contains(text, leak) {
						t.Errorf("%s: %q shows %q", l, text, leak)
					}
				}
			}
		})
	}
	// The English of the panic and internal messages is what Run.Error held before the catalogue.
	if errPanicMessage != "the computation failed unexpectedly; this is a defect of evalbench, and the server log holds the details" ||
		errInternalMessage != "the computation failed for a reason outside the data (the server log holds the details); run it again" {
		t.Errorf("Run.Error's English changed: %q, %q", errPanicMessage, errInternalMessage)
	}
}

// Every stage the worker and the store write has a message; no stage (queued) and an unknown one
// have none, so that nothing shows in English.
func TestRunStageID(t *testing.T) {
	for stage, want := range map[string]messages.ID{
		RunStageClaimed: messages.RunStageClaimed, RunStageLoadingInputs: messages.RunStageLoadingInputs,
		RunStageComputing: messages.RunStageComputing, RunStageStoring: messages.RunStageStoring,
		RunSucceeded: messages.RunStatusSucceeded, RunFailed: messages.RunStatusFailed, RunCancelled: messages.RunStatusCancelled,
		"": "", "rehearsing": "",
	} {
		if got := RunStageID(stage); got != want {
			t.Errorf("RunStageID(%q) = %q, want %q", stage, got, want)
		}
		if want != "" {
			messagestest.Exists(t, want)
		}
	}
}
