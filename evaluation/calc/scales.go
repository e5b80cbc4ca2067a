package calc

import (
	"encoding/json"
	"math"

	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/statistics"
)

// MaxScaleWork bounds samples × order³ of an "ahp-scale" request (one eigendecomposition per
// sample).
const MaxScaleWork = 100_000_000

// AHPScaleRequest is the body of "ahp-scale": a pairwise matrix of Saaty judgments (1…9 and
// reciprocals; 0 or null = missing) re-expressed on another judgment scale, and optionally the
// judgment-level uncertainty of its priorities.
type AHPScaleRequest struct {
	Matrix [][]*float64 `json:"matrix"`
	// Scale: "saaty", "balanced" ("salo-hamalainen", "10/10-18/2"), "power", "geometric"
	// ("lootsma"), "ma-zheng" ("inverse-linear", "9/9-9/1"), "exponential", "logarithmic",
	// "root-square".
	Scale string `json:"scale"`
	// Method is "eigenvector" (default) or "geometric", for the priorities.
	Method string `json:"method,omitempty"`
	// Tolerance reading judgments as Saaty integers, relative (default 0.01: 0.333 is 1/3).
	Tolerance *float64 `json:"tolerance,omitempty"`
	// Steps k > 0 asks for judgment uncertainty: each judgment varied by ±k steps.
	Steps   *int     `json:"steps,omitempty"`
	Samples *int     `json:"samples,omitempty"`
	Seed    *uint64  `json:"seed,omitempty"`
	Level   *float64 `json:"level,omitempty"`
}

// AHPScaleResponse is the result of "ahp-scale": the matrix on the new scale and its priorities;
// with steps, the mean and the central interval of the priorities under judgment variation.
type AHPScaleResponse struct {
	Matrix  [][]Number `json:"matrix"`
	Weights []Number   `json:"weights"`
	Mean    []Number   `json:"mean,omitempty"`
	Lower   []Number   `json:"lower,omitempty"`
	Upper   []Number   `json:"upper,omitempty"`
}

func runAHPScale(dec *json.Decoder) (any, error) {
	var req AHPScaleRequest
	if err := decode(dec, &req); err != nil {
		return nil, err
	}
	var p problems
	scale, err := statistics.ParseJudgmentScale(req.Scale)
	if err != nil {
		p.oneOf("scale", req.Scale, "saaty", "balanced", "power", "geometric", "ma-zheng", "exponential", "logarithmic", "root-square")
	}
	method := statistics.Eigenvector
	switch req.Method {
	case "", "eigenvector":
	case "geometric":
		method = statistics.GeometricMean
	default:
		p.oneOf("method", req.Method, "eigenvector", "geometric")
	}
	tol := 0.01
	if req.Tolerance != nil {
		tol = *req.Tolerance
		if !(tol >= 0 && tol < 0.5) {
			p.add("tolerance", messages.CalcIntervalGot, "interval", "[0, 0.5)", "value", tol)
		}
	}
	m := p.matrix("matrix", req.Matrix, matrixSpec{minRows: 1, minCols: 1, square: true, missingAsZero: true, nonNegative: true})
	if m == nil {
		return nil, p.err()
	}
	n, _ := m.Dims()
	if n > MaxAHPOrder {
		p.add("matrix", messages.CalcOrderLimit, "order", n, "max", MaxAHPOrder)
	}
	uncertainty := req.Steps != nil
	samples, level := 1000, 0.90
	var seed uint64
	if uncertainty {
		if *req.Steps < 0 || *req.Steps > 16 {
			p.add("steps", messages.CalcIntervalGot, "interval", "[0, 16]", "value", *req.Steps)
		}
		if req.Samples != nil {
			samples = *req.Samples
		}
		if samples < 1 || float64(samples)*float64(n*n*n) > MaxScaleWork {
			p.add("samples", messages.CalcScaleSamples, "max", MaxScaleWork)
		}
		if req.Seed == nil {
			p.add("seed", messages.CalcSeedWithSteps)
		} else {
			seed = *req.Seed
		}
		if req.Level != nil {
			level = *req.Level
			if !(level > 0 && level < 1) {
				p.add("level", messages.CalcIntervalGot, "interval", "(0, 1)", "value", level)
			}
		}
	} else {
		samples = 1
		for f, set := range map[string]bool{"samples": req.Samples != nil, "seed": req.Seed != nil, "level": req.Level != nil} {
			if set {
				p.add(f, messages.CalcOnlyWithSteps)
			}
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	// Validate and complete the Saaty matrix (reciprocals, diagonal), then read it on the scale.
	if _, _, err := statistics.CompletePairwise(m, math.Max(tol, 1e-9)); err != nil {
		return nil, fromStat("matrix", err)
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if m.At(i, j) == 0 {
				return nil, invalid(engine.Catalogued(fieldIdx2("matrix", i, j), "", messages.CalcMissingJudgment))
			}
		}
	}
	r, err := statistics.RescaleJudgments(nil, m, scale, tol)
	if err != nil {
		return nil, fromStat("matrix", err)
	}
	out := AHPScaleResponse{Matrix: numMatrix(rowsOf(r))}
	res, err := statistics.JudgmentUncertainty(m, statistics.JudgmentUncertaintyOptions{
		Scale: scale, Method: method, Steps: derefInt(req.Steps), Samples: samples, Seed: seed, Level: level, Tolerance: tol,
	})
	if err != nil {
		return nil, fromStat("matrix", err)
	}
	out.Weights = nums(res.Weights)
	if uncertainty {
		out.Mean, out.Lower, out.Upper = nums(res.Mean), nums(res.Lo), nums(res.Hi)
	}
	return out, nil
}

func derefInt(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
