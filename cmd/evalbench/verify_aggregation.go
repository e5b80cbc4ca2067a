package main

import (
	"encoding/json"
	"fmt"

	"evalbench/evaluation/calc"
	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/reports"
)

// verifyAggregation adds the check "aggregation" when the results record an aggregation other
// than the weighted sum: `evalbench calc` (calc.Run) on the recorded request must return exactly
// the recorded values — the run's aggregation recomputed by the public calculator, beside the
// whole run recomputed by the engine.
func verifyAggregation(v *engine.Verification, envelope, bundle []byte) {
	payload := bundle
	if envelope != nil {
		if _, p, err := reports.ParseEnvelope(envelope); err == nil {
			payload = p
		}
	}
	b, err := reports.ParseBundle(payload)
	if err != nil || b.Results == nil || b.Results.Aggregation == nil {
		return
	}
	rec := b.Results.Aggregation
	check := engine.NewVerificationCheck("aggregation", engine.CheckPass, "", messages.VerifyAggregationPass,
		"method", rec.Calc, "count", len(rec.Values), "output", rec.Output)
	fail := func(id messages.ID, kv ...any) {
		check = engine.NewVerificationCheck("aggregation", engine.CheckFail, "", id, append([]any{"method", rec.Calc}, kv...)...)
	}
	body, err := json.Marshal(rec.Request)
	var out []byte
	if err == nil {
		out, err = calc.Run(rec.Calc, body)
	}
	var resp map[string]json.RawMessage
	var got []*float64
	switch {
	case err != nil:
		fail(messages.VerifyAggregationRefused, "error", err.Error())
	case json.Unmarshal(out, &resp) != nil || json.Unmarshal(resp[rec.Output], &got) != nil:
		fail(messages.VerifyAggregationNoValues, "output", rec.Output)
	case len(got) != len(rec.Values):
		fail(messages.VerifyAggregationCount, "output", rec.Output, "count", len(got), "recorded", len(rec.Values))
	default:
		for i, x := range got {
			if x == nil || *x != rec.Values[i] {
				fail(messages.VerifyAggregationValue, "output", rec.Output, "index", i, "value", fmt.Sprint(deref(x)), "recorded", fmt.Sprint(rec.Values[i]))
				check.Where = fmt.Sprintf("results.aggregation.values[%d]", i)
				break
			}
		}
	}
	v.Checks = append(v.Checks, check)
	if check.Status == engine.CheckFail {
		v.OK, v.Verdict = false, "FAIL"
	}
}

func deref(x *float64) any {
	if x == nil {
		return "null"
	}
	return *x
}
