package calc

import (
	"encoding/json"

	"gonum.org/v1/gonum/mat"

	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/statistics"
)

// AHPRequest is the body of "ahp". Missing judgments are null or 0; a matrix with only the upper
// triangle filled is completed by reciprocals.
type AHPRequest struct {
	Matrix [][]*float64 `json:"matrix"`
	// Method is "eigenvector" (default) or "geometric".
	Method string `json:"method"`
	// RI is "saaty" (default) or "alonso-lamata".
	RI string `json:"ri"`
	// Tolerance for |a_ij·a_ji − 1|, default 1e-6 (use 0.01 for judgments typed as 0.333).
	Tolerance *float64 `json:"tolerance,omitempty"`
	// CRThreshold, default 0.10.
	CRThreshold *float64 `json:"cr_threshold,omitempty"`
	// MaxSuggestions, default 3; 0 for none.
	MaxSuggestions *int `json:"max_suggestions,omitempty"`
}

// AHPResponse is the result of "ahp".
type AHPResponse struct {
	Weights     []Number          `json:"weights"`
	LambdaMax   Number            `json:"lambda_max"`
	CI          Number            `json:"ci"`
	CR          Number            `json:"cr"`
	GCI         Number            `json:"gci"`
	Consistent  bool              `json:"consistent"`
	Suggestions []SuggestionJSON  `json:"suggestions"`
	Missing     int               `json:"missing"`
	Completed   [][]Number        `json:"completed"`
	Warnings    []PairwiseWarning `json:"warnings"`
}

// SuggestionJSON proposes a revised judgment (0-based i, j).
type SuggestionJSON struct {
	I         int    `json:"i"`
	J         int    `json:"j"`
	Current   Number `json:"current"`
	Suggested Number `json:"suggested"`
	Deviation Number `json:"deviation"`
	CR        Number `json:"cr"`
}

// PairwiseWarning flags a judgment outside Saaty's 1/9–9 scale. Message is its English text, kept
// for existing clients; MessageID and Args are the same as a message of the catalogue, as in a
// problem (engine.Problem), for clients that say it in their reader's language.
type PairwiseWarning struct {
	I         int           `json:"i"`
	J         int           `json:"j"`
	Value     Number        `json:"value"`
	Message   string        `json:"message"`
	MessageID messages.ID   `json:"message_id"`
	Args      messages.Args `json:"args,omitempty"`
}

func (p *problems) ahpOptions(method, ri string, tol, thr *float64, maxSug *int) statistics.AHPOptions {
	var o statistics.AHPOptions
	switch method {
	case "", "eigenvector":
	case "geometric":
		o.Method = statistics.GeometricMean
	default:
		p.oneOf("method", method, "eigenvector", "geometric")
	}
	switch ri {
	case "", "saaty":
	case "alonso-lamata":
		o.RI = statistics.RIAlonsoLamata
	default:
		p.oneOf("ri", ri, "saaty", "alonso-lamata")
	}
	if tol != nil {
		if !(*tol > 0 && *tol < 1) {
			p.add("tolerance", messages.CalcInterval, "interval", "(0, 1)")
		}
		o.Tolerance = *tol
	}
	if thr != nil {
		if !(*thr > 0 && *thr < 1) {
			p.add("cr_threshold", messages.CalcInterval, "interval", "(0, 1)")
		}
		o.CRThreshold = *thr
	}
	if maxSug != nil {
		switch {
		case *maxSug < 0 || *maxSug > 100:
			p.add("max_suggestions", messages.CalcBetween, "min", 0, "max", 100)
		case *maxSug == 0:
			o.MaxSuggestions = -1
		default:
			o.MaxSuggestions = *maxSug
		}
	}
	return o
}

func (p *problems) pairwise(field string, rows [][]*float64) *mat.Dense {
	m := p.matrix(field, rows, matrixSpec{square: true, missingAsZero: true, nonNegative: true})
	if m == nil {
		return nil
	}
	if n, _ := m.Dims(); n > MaxAHPOrder {
		p.add(field, messages.CalcOrderLimit, "order", n, "max", MaxAHPOrder)
		return nil
	}
	return m
}

func ahpResponse(r *statistics.AHPResult) AHPResponse {
	out := AHPResponse{
		Weights: nums(r.Weights), LambdaMax: Number(r.LambdaMax), CI: Number(r.CI), CR: Number(r.CR), GCI: Number(r.GCI),
		Consistent: r.Consistent, Missing: r.Missing, Completed: numMatrix(rowsOf(r.Completed)),
		Suggestions: []SuggestionJSON{}, Warnings: []PairwiseWarning{},
	}
	for _, s := range r.Suggestions {
		out.Suggestions = append(out.Suggestions, SuggestionJSON{I: s.I, J: s.J, Current: Number(s.Current), Suggested: Number(s.Suggested), Deviation: Number(s.Deviation), CR: Number(s.CR)})
	}
	for _, w := range r.Warnings {
		m := engine.StatWarning(w)
		out.Warnings = append(out.Warnings, PairwiseWarning{I: w.I, J: w.J, Value: Number(w.Value),
			Message: messages.For(messages.English).Render(m), MessageID: m.ID, Args: m.Args})
	}
	return out
}

func runAHP(dec *json.Decoder) (any, error) {
	var req AHPRequest
	if err := decode(dec, &req); err != nil {
		return nil, err
	}
	var p problems
	m := p.pairwise("matrix", req.Matrix)
	opts := p.ahpOptions(req.Method, req.RI, req.Tolerance, req.CRThreshold, req.MaxSuggestions)
	if err := p.err(); err != nil {
		return nil, err
	}
	r, err := statistics.AHP(m, opts)
	if err != nil {
		return nil, fromStat("matrix", err)
	}
	return ahpResponse(r), nil
}

// AHPGroupRequest is the body of "ahp-group".
type AHPGroupRequest struct {
	Matrices [][][]*float64 `json:"matrices"`
	// ExpertWeights are relative credibilities (normalised); omitted means equal.
	ExpertWeights []*float64 `json:"expert_weights,omitempty"`
	// Mode is "aij" (default: aggregate judgments by weighted geometric mean) or "aip"
	// (aggregate the individual priorities).
	Mode string `json:"mode"`
	// AIPMean is "geometric" (default) or "arithmetic", for mode "aip".
	AIPMean string `json:"aip_mean,omitempty"`
	Method  string `json:"method,omitempty"`
	RI      string `json:"ri,omitempty"`
	// Tolerance for reciprocity, as in "ahp".
	Tolerance *float64 `json:"tolerance,omitempty"`
}

// AHPGroupResponse is the result of "ahp-group". For "aij", CR and LambdaMax are those of the
// aggregated matrix; for "aip" CR is the expert-weighted mean of the individual CRs and
// LambdaMax is omitted.
type AHPGroupResponse struct {
	Weights    []Number         `json:"weights"`
	CR         Number           `json:"cr"`
	LambdaMax  *Number          `json:"lambda_max,omitempty"`
	Individual []IndividualJSON `json:"individual"`
	Consensus  ConsensusJSON    `json:"consensus"`
}

// IndividualJSON is one expert's result.
type IndividualJSON struct {
	Weights    []Number `json:"weights"`
	CR         Number   `json:"cr"`
	Consistent bool     `json:"consistent"`
}

// ConsensusJSON reports the per-cell geometric standard deviation across experts, each expert's
// geometric compatibility index with the group priorities, and their weighted mean.
type ConsensusJSON struct {
	CellGSD [][]Number `json:"cell_gsd"`
	GCOMPI  []Number   `json:"gcompi"`
	Index   Number     `json:"index"`
}

func runAHPGroup(dec *json.Decoder) (any, error) {
	var req AHPGroupRequest
	if err := decode(dec, &req); err != nil {
		return nil, err
	}
	var p problems
	if len(req.Matrices) == 0 {
		p.add("matrices", messages.CalcMatricesRequired)
		return nil, p.err()
	}
	opts := p.ahpOptions(req.Method, req.RI, req.Tolerance, nil, nil)
	opts.MaxSuggestions = -1
	ms := make([]*mat.Dense, len(req.Matrices))
	n := -1
	for k, rows := range req.Matrices {
		ms[k] = p.pairwise("matrices["+itoa(k)+"]", rows)
		if ms[k] != nil {
			r, _ := ms[k].Dims()
			if n >= 0 && r != n {
				p.add("matrices["+itoa(k)+"]", messages.CalcOrderDiffers, "order", r, "first", n)
			}
			if n < 0 {
				n = r
			}
		}
	}
	var ew []float64
	if req.ExpertWeights != nil {
		ew = p.vector("expert_weights", req.ExpertWeights, len(req.Matrices))
		var s float64
		for i, v := range ew {
			if v < 0 {
				p.add(fieldIdx("expert_weights", i), messages.CalcNotNegative)
			}
			s += v
		}
		if ew != nil && !(s > 0) {
			p.add("expert_weights", messages.CalcPositiveSum)
		}
	}
	aip, geo := false, true
	switch req.Mode {
	case "", "aij":
	case "aip":
		aip = true
	default:
		p.oneOf("mode", req.Mode, "aij", "aip")
	}
	switch req.AIPMean {
	case "", "geometric":
	case "arithmetic":
		geo = false
	default:
		p.oneOf("aip_mean", req.AIPMean, "geometric", "arithmetic")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	resp := AHPGroupResponse{}
	completed := make([]mat.Matrix, len(ms))
	priorities := make([][]float64, len(ms))
	crs := make([]float64, len(ms))
	for k, m := range ms {
		r, err := statistics.AHP(m, opts)
		if err != nil {
			return nil, fromStat("matrices["+itoa(k)+"]", err)
		}
		completed[k], priorities[k], crs[k] = r.Completed, r.Weights, r.CR
		resp.Individual = append(resp.Individual, IndividualJSON{Weights: nums(r.Weights), CR: Number(r.CR), Consistent: r.Consistent})
	}
	agg := statistics.AggregateJudgments(nil, completed, ew)
	if aip {
		w := statistics.AggregatePriorities(nil, priorities, ew, geo)
		resp.Weights = nums(w)
		lam := normalised(ew, len(ms))
		var cr float64
		for k := range crs {
			cr += lam[k] * crs[k]
		}
		resp.CR = Number(cr)
		resp.Consensus = consensusJSON(statistics.GroupConsensus(completed, ew, w))
		return resp, nil
	}
	r, err := statistics.AHP(agg, opts)
	if err != nil {
		return nil, fromStat("matrices", err)
	}
	resp.Weights, resp.CR = nums(r.Weights), Number(r.CR)
	l := Number(r.LambdaMax)
	resp.LambdaMax = &l
	resp.Consensus = consensusJSON(statistics.GroupConsensus(completed, ew, statistics.RowGeometricMean(nil, agg)))
	return resp, nil
}

func normalised(w []float64, k int) []float64 {
	out := make([]float64, k)
	if w == nil {
		for i := range out {
			out[i] = 1 / float64(k)
		}
		return out
	}
	var s float64
	for _, v := range w {
		s += v
	}
	for i, v := range w {
		out[i] = v / s
	}
	return out
}

func consensusJSON(c statistics.Consensus) ConsensusJSON {
	return ConsensusJSON{CellGSD: numMatrix(c.CellGSD), GCOMPI: nums(c.GCOMPI), Index: Number(c.Index)}
}
