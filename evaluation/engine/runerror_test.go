package engine_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/messages/messagestest"
	"evalbench/statistics"
)

// A run whose units all score the same on every leaf cannot be ranked by VIKOR: the engine says
// so as a catalogue message, nested in the configuration problem, so that the run's failure reads
// in the reader's language; its English stays what it was, and it still matches the statistics
// sentinel it stands for.
func TestAggregationFailureIsCatalogued(t *testing.T) {
	in := methodsInputs()
	for i := range in.Datasets[0].Observations {
		in.Datasets[0].Observations[i].Value = f64(90)
	}
	in.Config.Aggregation = engine.AggregationConfig{Method: "vikor"}
	_, err := engine.Compute(in)
	if !errors.Is(err, engine.ErrInvalid) {
		t.Fatalf("Compute: %v, want a validation error", err)
	}
	m, ok := engine.MessageOf(err)
	if !ok || m.ID != messages.RunErrorProblem {
		t.Fatalf("MessageOf: %+v %v", m, ok)
	}
	messagestest.Valid(t, m)
	problem, _ := m.Args["problem"].(messages.Message)
	inner, _ := problem.Args["error"].(messages.Message)
	if problem.ID != messages.RunConfigAggregationFailed || inner.ID != messages.AggregationNoVariation {
		t.Fatalf("the problem is %+v", problem)
	}
	zh, en := messages.BothOf(m)
	if !strings.Contains(zh, "各单位在每个末级指标上得分都相同，vikor无法排序") || strings.Contains(zh, "every unit") {
		t.Errorf("Chinese: %s", zh)
	}
	if !strings.Contains(en, "every unit has the same score on every leaf: vikor cannot rank them") || !strings.Contains(err.Error(), "every unit has the same score on every leaf: vikor cannot rank them") {
		t.Errorf("English: %s / %v", en, err)
	}
	// Stored as JSON and read back, it says the same.
	b, _ := json.Marshal(m)
	var back messages.Message
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if got := messages.For(messages.Chinese).Render(back); got != zh {
		t.Errorf("read back: %s, want %s", got, zh)
	}
}

// MessageOf says each kind of error the engine and the service return in the catalogue's words,
// as their Error reads (without the field of a catalogued problem), and declines any other error.
func TestMessageOf(t *testing.T) {
	one := engine.NewValidation(messages.RunWeightSetUnusable)
	one.Add(engine.Catalogued("weights", "", messages.WeightsDataTooFewUnits, "method", "entropy"))
	three := engine.NewValidation(messages.RunWeightSetUnusable)
	for range 3 {
		three.Add(engine.Catalogued("weights", "", messages.WeightsDataTooFewUnits, "method", "entropy"))
	}
	legacy := &engine.ValidationError{Summary: "an English summary", Problems: []engine.Problem{{Field: "x", Message: "an English problem"}}, Total: 1}
	tests := []struct {
		name string
		err  error
		want messages.ID
		zh   string // a part of the Chinese
	}{
		{"one problem", fmt.Errorf("computing: %w", one), messages.RunErrorProblem, "权重"},
		{"three problems", three, messages.RunErrorProblems, "另有2个问题"},
		{"summary only", engine.NewValidation(messages.RunWeightSetUnusable), messages.RunWeightSetUnusable, ""},
		{"not catalogued yet", legacy, messages.RunErrorProblem, "x: an English problem"},
		{"refusal", engine.Refuse(engine.ErrConflict, messages.RunConstraintNoSurvey, "survey", "s1"), messages.RunConstraintNoSurvey, "本次运行没有问卷“s1”"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := engine.MessageOf(tt.err)
			if !ok || m.ID != tt.want {
				t.Fatalf("MessageOf = %+v, %v; want %s", m, ok, tt.want)
			}
			if tt.name != "not catalogued yet" {
				messagestest.Valid(t, m)
			}
			zh := messages.For(messages.Chinese).Render(m)
			if !strings.Contains(zh, tt.zh) || strings.Contains(zh, "%!") {
				t.Errorf("Chinese %q lacks %q", zh, tt.zh)
			}
			// As the error reads, less the field of a catalogued problem (a JSON path, not words).
			if en := messages.For(messages.English).Render(m); tt.name != "refusal" && !strings.HasSuffix(strings.Replace(tt.err.Error(), "weights: ", "", 1), en) {
				t.Errorf("English %q is not the error's %q", en, tt.err.Error())
			}
		})
	}
	for _, err := range []error{errors.New("pq: relation \"runs\" does not exist"), statistics.ErrZeroVariance, engine.ErrNotFound} {
		if m, ok := engine.MessageOf(err); ok {
			t.Errorf("MessageOf(%v) = %+v, want none", err, m)
		}
	}
}
