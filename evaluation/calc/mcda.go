package calc

import (
	"encoding/json"

	"evalbench/statistics"
)

// VIKORRequest is the body of "vikor": rows are alternatives, columns criteria.
type VIKORRequest struct {
	Matrix   [][]*float64 `json:"matrix"`
	Weights  []*float64   `json:"weights"`
	Polarity []string     `json:"polarity,omitempty"`
	// V is the weight of the majority-of-criteria strategy, in [0, 1] (default 0.5).
	V *float64 `json:"v,omitempty"`
}

// VIKORResponse is the result of "vikor". Ranks are by Q ascending (1 = best, ties averaged);
// compromise lists 0-based rows.
type VIKORResponse struct {
	S                   []Number `json:"s"`
	R                   []Number `json:"r"`
	Q                   []Number `json:"q"`
	Ranks               []Number `json:"ranks"`
	DQ                  Number   `json:"dq"`
	AcceptableAdvantage bool     `json:"acceptable_advantage"`
	AcceptableStability bool     `json:"acceptable_stability"`
	Compromise          []int    `json:"compromise"`
}

func runVIKOR(dec *json.Decoder) (any, error) {
	var req VIKORRequest
	if err := decode(dec, &req); err != nil {
		return nil, err
	}
	var p problems
	m := p.matrix("matrix", req.Matrix, matrixSpec{minRows: 2, minCols: 1})
	v := 0.5
	if req.V != nil {
		v = *req.V
		if !(v >= 0 && v <= 1) {
			p.add("v", "must be in [0, 1], got %v", v)
		}
	}
	if m == nil {
		return nil, p.err()
	}
	_, c := m.Dims()
	w := p.weights("weights", req.Weights, c)
	pol := p.polarities("polarity", req.Polarity, c, false)
	p.constantColumns("matrix", m)
	if err := p.err(); err != nil {
		return nil, err
	}
	r, err := statistics.VIKOR(m, w, pol, v)
	if err != nil {
		return nil, fromStat("matrix", err)
	}
	return VIKORResponse{
		S: nums(r.S), R: nums(r.R), Q: nums(r.Q), Ranks: nums(r.Ranks), DQ: Number(r.DQ),
		AcceptableAdvantage: r.AcceptableAdvantage, AcceptableStability: r.AcceptableStability,
		Compromise: r.Compromise,
	}, nil
}
