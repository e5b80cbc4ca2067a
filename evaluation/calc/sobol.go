package calc

import (
	"encoding/json"
	"math"

	"evalbench/messages"
	"evalbench/statistics"
)

// SobolRequest is the body of "sobol": the Sobol estimator run on a reference test function, so
// that reviewers can check it against the function's closed-form indices. The run's global
// sensitivity over methodological choices uses the same estimator.
type SobolRequest struct {
	// Function is "ishigami": f = sin x1 + a sin² x2 + b x3⁴ sin x1, x ~ U[−π, π]³.
	Function string   `json:"function"`
	A        *float64 `json:"a,omitempty"` // default 7
	B        *float64 `json:"b,omitempty"` // default 0.1
	// N base samples (the function is evaluated N·(k + 2) times), seed, bootstrap resamples
	// (default 0) and level (default 0.95).
	N         int      `json:"n"`
	Seed      *uint64  `json:"seed"`
	Resamples int      `json:"resamples,omitempty"`
	Level     *float64 `json:"level,omitempty"`
}

// SobolIndexJSON is one factor's first-order and total index with bootstrap bounds (null without
// resamples).
type SobolIndexJSON struct {
	First   Number `json:"first"`
	FirstLo Number `json:"first_lower"`
	FirstHi Number `json:"first_upper"`
	Total   Number `json:"total"`
	TotalLo Number `json:"total_lower"`
	TotalHi Number `json:"total_upper"`
}

// SobolResponse is the result of "sobol": estimated and analytic indices per factor.
type SobolResponse struct {
	Indices       []SobolIndexJSON `json:"indices"`
	AnalyticFirst []Number         `json:"analytic_first"`
	AnalyticTotal []Number         `json:"analytic_total"`
	Variance      Number           `json:"variance"`
	Evaluations   int              `json:"evaluations"`
}

func runSobol(dec *json.Decoder) (any, error) {
	var req SobolRequest
	if err := decode(dec, &req); err != nil {
		return nil, err
	}
	var p problems
	if req.Function != "ishigami" {
		p.oneOf("function", req.Function, "ishigami")
	}
	a, b, level := 7.0, 0.1, 0.95
	for _, c := range []struct {
		field string
		v     *float64
		dst   *float64
	}{{"a", req.A, &a}, {"b", req.B, &b}} {
		if c.v != nil {
			if math.Abs(*c.v) > 1e6 {
				p.add(c.field, messages.CalcWithinGot, "bound", "1e6", "value", *c.v)
			}
			*c.dst = *c.v
		}
	}
	if req.Level != nil {
		level = *req.Level
		if !(level > 0 && level < 1) {
			p.add("level", messages.CalcIntervalGot, "interval", "(0, 1)", "value", level)
		}
	}
	const k = 3
	if req.N < 2 || req.N*(k+2) > MaxSamples {
		p.add("n", messages.CalcSobolN, "k", k+2, "max", MaxSamples)
	}
	if req.Resamples < 0 || float64(req.Resamples)*float64(req.N) > MaxSamples {
		p.add("resamples", messages.CalcSobolResamples, "max", MaxSamples)
	}
	if req.Seed == nil {
		p.add("seed", messages.CalcSeedRequired)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	model := func(y, u []float64) {
		x1, x2, x3 := -math.Pi+2*math.Pi*u[0], -math.Pi+2*math.Pi*u[1], -math.Pi+2*math.Pi*u[2]
		s2 := math.Sin(x2)
		y[0] = math.Sin(x1) + a*s2*s2 + b*math.Pow(x3, 4)*math.Sin(x1)
	}
	r, err := statistics.Sobol(k, 1, model, statistics.SobolOptions{N: req.N, Seed: *req.Seed, Resamples: req.Resamples, Level: level})
	if err != nil {
		return nil, fromStat("function", err)
	}
	// Closed forms (Saltelli et al. 2008, §4.9).
	pi4, pi8 := math.Pow(math.Pi, 4), math.Pow(math.Pi, 8)
	v := a*a/8 + b*pi4/5 + b*b*pi8/18 + 0.5
	v1 := 0.5 * (1 + b*pi4/5) * (1 + b*pi4/5)
	v13 := 8 * b * b * pi8 / 225
	out := SobolResponse{
		AnalyticFirst: nums([]float64{v1 / v, a * a / 8 / v, 0}),
		AnalyticTotal: nums([]float64{(v1 + v13) / v, a * a / 8 / v, v13 / v}),
		Variance:      Number(r.Variance[0]),
		Evaluations:   r.Evaluations,
	}
	for _, ix := range r.Indices[0] {
		out.Indices = append(out.Indices, SobolIndexJSON{First: Number(ix.First), FirstLo: Number(ix.FirstLo), FirstHi: Number(ix.FirstHi),
			Total: Number(ix.Total), TotalLo: Number(ix.TotalLo), TotalHi: Number(ix.TotalHi)})
	}
	return out, nil
}
