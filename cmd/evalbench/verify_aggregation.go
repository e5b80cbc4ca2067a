package main

import (
	"encoding/json"
	"fmt"

	"evalbench/evaluation/calc"
	"evalbench/evaluation/engine"
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
	check := engine.VerificationCheck{Name: "aggregation", Status: engine.CheckPass,
		Detail: fmt.Sprintf("evalbench calc %s on the recorded request gives the %d recorded %s values", rec.Calc, len(rec.Values), rec.Output)}
	fail := func(format string, args ...any) {
		check.Status, check.Detail = engine.CheckFail, fmt.Sprintf(format, args...)
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
		fail("evalbench calc %s refuses the recorded request: %v", rec.Calc, err)
	case json.Unmarshal(out, &resp) != nil || json.Unmarshal(resp[rec.Output], &got) != nil:
		fail("evalbench calc %s answers no %s values", rec.Calc, rec.Output)
	case len(got) != len(rec.Values):
		fail("evalbench calc %s gives %d %s values, the results record %d", rec.Calc, len(got), rec.Output, len(rec.Values))
	default:
		for i, x := range got {
			if x == nil || *x != rec.Values[i] {
				fail("evalbench calc %s gives %s[%d] = %v, the results record %v", rec.Calc, rec.Output, i, deref(x), rec.Values[i])
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
