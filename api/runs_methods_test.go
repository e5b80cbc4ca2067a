package api_test

import (
	"testing"

	"evalbench/api"
	"evalbench/evaluation"
)

// A run's aggregation, judgment-level Monte Carlo, sensitivity and diagnostics options are checked
// when the run is requested: a bad one is a 422 naming the field, and nothing is queued.
func TestRunMethodOptionsAreChecked(t *testing.T) {
	fx := newFixture(t, noLimits())
	base := fx.fixtureRun(t)
	path := "/api/v1/commissions/" + fx.cidA + "/runs"
	for _, tc := range []struct {
		field  string
		config map[string]any
	}{
		{"aggregation.method", map[string]any{"aggregation": map[string]any{"method": "median"}}},
		{"aggregation.v", map[string]any{"aggregation": map[string]any{"method": "gra", "v": 0.5}}},
		{"aggregation.function", map[string]any{"aggregation": map[string]any{"method": "promethee2", "function": map[string]any{"type": "v-shape"}}}},
		{"monte_carlo.judgment_scale", map[string]any{"monte_carlo": map[string]any{"judgment_scale": "fibonacci"}}},
		// The fixture's weight set is not derived from AHP judgments.
		{"monte_carlo.judgment_steps", map[string]any{"monte_carlo": map[string]any{"judgment_steps": 1}}},
		{"sensitivity.aggregation[0]", map[string]any{"sensitivity": map[string]any{"aggregation": []string{"mean"}}}},
		{"sensitivity.samples", map[string]any{"sensitivity": map[string]any{"samples": 1_000_000}}},
		{"diagnostics.negative", map[string]any{"diagnostics": map[string]any{"negative": 0.5}}},
	} {
		rec := fx.do("POST", path, fx.tokens[evaluation.RoleEvaluator],
			map[string]any{"weight_set_id": base.WeightSetID, "dataset_ids": base.DatasetIDs, "config": tc.config})
		expect(t, rec, 422)
		p := decode[api.Problem](t, rec)
		found := false
		for _, e := range p.Errors {
			found = found || e.Field == tc.field
		}
		if !found {
			t.Errorf("%s: problems %+v do not name the field", tc.field, p.Errors)
		}
	}
	// A good configuration is accepted.
	rec := fx.do("POST", path, fx.tokens[evaluation.RoleEvaluator], map[string]any{"weight_set_id": base.WeightSetID, "dataset_ids": base.DatasetIDs,
		"config": map[string]any{"aggregation": map[string]any{"method": "geometric"}, "diagnostics": map[string]any{}}})
	expect(t, rec, 202)
}
