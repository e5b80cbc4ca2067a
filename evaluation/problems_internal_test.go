package evaluation

import (
	"fmt"
	"testing"

	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/messages/messagestest"
	"evalbench/statistics"
)

// TestErrorReason: why the engine refused to compute is a message of the catalogue for each kind
// of error Compute returns — a validation's first problem, a refusal's detail, a data problem of
// package statistics — never its English text.
func TestErrorReason(t *testing.T) {
	v := engine.NewValidation(messages.ProblemDetailInvalidRequest)
	v.Add(engine.Catalogued("units", "", messages.RunNeedsUnits))
	for err, want := range map[error]messages.ID{
		v: messages.RunNeedsUnits,
		engine.NewValidation(messages.RunConstraintsViolated):               messages.RunConstraintsViolated,
		engine.Refuse(engine.ErrConflict, messages.RunWeightSetUnusable):    messages.RunWeightSetUnusable,
		fmt.Errorf("scoring: %w", statistics.CheckWeights([]float64{2}, 0)): messages.StatWeightSumValue,
	} {
		m := errorReason(err)
		if m.ID != want {
			t.Errorf("%v: %s, want %s", err, m.ID, want)
		}
		messagestest.Valid(t, m)
	}
}
