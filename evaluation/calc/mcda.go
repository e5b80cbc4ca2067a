package calc

import (
	"encoding/json"
	"math"
	"strings"

	"evalbench/messages"
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
			p.add("v", messages.CalcIntervalGot, "interval", "[0, 1]", "value", v)
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

// PreferenceFunctionJSON is one criterion's PROMETHEE preference function: type "usual",
// "u-shape" (q), "v-shape" (p), "level" (q, p), "linear" (q, p) or "gaussian" (s), thresholds in
// the criterion's units.
type PreferenceFunctionJSON struct {
	Type string   `json:"type"`
	Q    *float64 `json:"q,omitempty"`
	P    *float64 `json:"p,omitempty"`
	S    *float64 `json:"s,omitempty"`
}

// PROMETHEERequest is the body of "promethee2".
type PROMETHEERequest struct {
	Matrix   [][]*float64 `json:"matrix"`
	Weights  []*float64   `json:"weights"`
	Polarity []string     `json:"polarity,omitempty"`
	// Functions gives one preference function per column (default: usual for all).
	Functions []PreferenceFunctionJSON `json:"functions,omitempty"`
}

// PROMETHEEResponse is the result of "promethee2": flows divided by m − 1; ranks by phi
// descending (1 = best, ties averaged).
type PROMETHEEResponse struct {
	PhiPlus  []Number `json:"phi_plus"`
	PhiMinus []Number `json:"phi_minus"`
	Phi      []Number `json:"phi"`
	Ranks    []Number `json:"ranks"`
}

// preferenceFunctions validates the functions list (nil: all usual).
func (p *problems) preferenceFunctions(field string, fs []PreferenceFunctionJSON, n int) []statistics.PreferenceFunction {
	if fs == nil {
		return nil
	}
	if len(fs) != n {
		p.add(field, messages.CalcPerColumn, "count", len(fs), "want", n)
		return nil
	}
	before := p.ve.Total
	out := make([]statistics.PreferenceFunction, n)
	for j, f := range fs {
		path := fieldIdx(field, j)
		k, err := statistics.ParsePreferenceKind(f.Type)
		if err != nil {
			p.oneOf(path+".type", f.Type, "usual", "u-shape", "v-shape", "level", "linear", "gaussian")
			continue
		}
		need := map[statistics.PreferenceKind]string{
			statistics.PrefUsual: "", statistics.PrefUShape: "q", statistics.PrefVShape: "p",
			statistics.PrefLevel: "qp", statistics.PrefLinear: "qp", statistics.PrefGaussian: "s",
		}[k]
		param := func(name string, v *float64) float64 {
			uses := strings.Contains(need, name)
			switch {
			case v == nil && uses:
				p.add(path+"."+name, messages.CalcRequiredBy, "type", f.Type)
			case v != nil && !uses:
				p.add(path+"."+name, messages.CalcNotUsedBy, "type", f.Type)
			case v != nil && !(*v >= 0 && *v <= math.MaxFloat64):
				p.add(path+"."+name, messages.CalcFiniteNonNegativeGot, "value", *v)
			case v != nil:
				return *v
			}
			return 0
		}
		out[j] = statistics.PreferenceFunction{Kind: k, Q: param("q", f.Q), P: param("p", f.P), S: param("s", f.S)}
		switch k {
		case statistics.PrefVShape:
			if f.P != nil && *f.P == 0 {
				p.add(path+".p", messages.CalcPositive)
			}
		case statistics.PrefLevel, statistics.PrefLinear:
			if f.P != nil && f.Q != nil && !(*f.P > *f.Q) {
				p.add(path+".p", messages.CalcGreaterThanField, "name", "q", "bound", *f.Q, "value", *f.P)
			}
		case statistics.PrefGaussian:
			if f.S != nil && *f.S == 0 {
				p.add(path+".s", messages.CalcPositive)
			}
		}
	}
	if p.ve.Total > before {
		return nil
	}
	return out
}

func runPROMETHEE2(dec *json.Decoder) (any, error) {
	var req PROMETHEERequest
	if err := decode(dec, &req); err != nil {
		return nil, err
	}
	var p problems
	m := p.matrix("matrix", req.Matrix, matrixSpec{minRows: 2, minCols: 1})
	if m == nil {
		return nil, p.err()
	}
	_, c := m.Dims()
	w := p.weights("weights", req.Weights, c)
	pol := p.polarities("polarity", req.Polarity, c, false)
	fs := p.preferenceFunctions("functions", req.Functions, c)
	if err := p.err(); err != nil {
		return nil, err
	}
	r, err := statistics.PROMETHEE2(m, w, pol, fs)
	if err != nil {
		return nil, fromStat("matrix", err)
	}
	return PROMETHEEResponse{PhiPlus: nums(r.PhiPlus), PhiMinus: nums(r.PhiMinus), Phi: nums(r.Phi), Ranks: nums(r.Ranks)}, nil
}

// GRARequest is the body of "gra" (grey relational analysis).
type GRARequest struct {
	Matrix [][]*float64 `json:"matrix"`
	// Weights default to equal weights.
	Weights  []*float64 `json:"weights,omitempty"`
	Polarity []string   `json:"polarity,omitempty"`
	// Rho is the distinguishing coefficient in (0, 1] (default 0.5).
	Rho *float64 `json:"rho,omitempty"`
	// Reference is the reference series in the matrix's units (default: the ideal, the best
	// value of each column).
	Reference []*float64 `json:"reference,omitempty"`
}

// GRAResponse is the result of "gra"; ranks by grade descending (1 = best, ties averaged).
type GRAResponse struct {
	Normalised   [][]Number `json:"normalised"`
	Coefficients [][]Number `json:"coefficients"`
	Grades       []Number   `json:"grades"`
	Ranks        []Number   `json:"ranks"`
}

func runGRA(dec *json.Decoder) (any, error) {
	var req GRARequest
	if err := decode(dec, &req); err != nil {
		return nil, err
	}
	var p problems
	m := p.matrix("matrix", req.Matrix, matrixSpec{minRows: 2, minCols: 1})
	rho := 0.5
	if req.Rho != nil {
		rho = *req.Rho
		if !(rho > 0 && rho <= 1) {
			p.add("rho", messages.CalcIntervalGot, "interval", "(0, 1]", "value", rho)
		}
	}
	if m == nil {
		return nil, p.err()
	}
	_, c := m.Dims()
	var w, ref []float64
	if req.Weights != nil {
		w = p.weights("weights", req.Weights, c)
	}
	if req.Reference != nil {
		ref = p.vector("reference", req.Reference, c)
	}
	pol := p.polarities("polarity", req.Polarity, c, false)
	p.constantColumns("matrix", m)
	if err := p.err(); err != nil {
		return nil, err
	}
	r, err := statistics.GreyRelational(m, w, pol, rho, ref)
	if err != nil {
		return nil, fromStat("matrix", err)
	}
	return GRAResponse{Normalised: numMatrix(rowsOf(r.Normalised)), Coefficients: numMatrix(rowsOf(r.Coefficients)), Grades: nums(r.Grades), Ranks: nums(r.Ranks)}, nil
}

// FCERequest is the body of "fce" (fuzzy comprehensive evaluation).
type FCERequest struct {
	Weights []*float64 `json:"weights"`
	// Membership is factors × grades, each entry in [0, 1].
	Membership [][]*float64 `json:"membership"`
	// Operator is "weighted-average" M(·,⊕), "max-min" M(∧,∨), "max-product" M(·,∨) or
	// "bounded-sum" M(∧,⊕).
	Operator string `json:"operator"`
	// GradeScores, one per grade, give the weighted score Σ b_j c_j / Σ b_j.
	GradeScores []*float64 `json:"grade_scores,omitempty"`
}

// FCEResponse is the result of "fce": b the evaluation vector (not normalised), grade the 0-based
// index of its largest component (maximum membership, first on ties), score when grade_scores
// were given.
type FCEResponse struct {
	B     []Number `json:"b"`
	Grade int      `json:"grade"`
	Score *Number  `json:"score,omitempty"`
}

func runFCE(dec *json.Decoder) (any, error) {
	var req FCERequest
	if err := decode(dec, &req); err != nil {
		return nil, err
	}
	var p problems
	op, err := statistics.ParseFuzzyOperator(req.Operator)
	if err != nil {
		p.oneOf("operator", req.Operator, "weighted-average", "max-min", "max-product", "bounded-sum")
	}
	r := p.matrix("membership", req.Membership, matrixSpec{minRows: 1, minCols: 1, nonNegative: true})
	if r == nil {
		return nil, p.err()
	}
	k, g := r.Dims()
	for i := 0; i < k; i++ {
		for j := 0; j < g; j++ {
			if r.At(i, j) > 1 {
				p.add(fieldIdx2("membership", i, j), messages.CalcIntervalGot, "interval", "[0, 1]", "value", r.At(i, j))
			}
		}
	}
	w := p.weights("weights", req.Weights, k)
	var scores []float64
	if req.GradeScores != nil {
		scores = p.vector("grade_scores", req.GradeScores, g)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	b, err := statistics.FuzzyCompose(nil, w, r, op)
	if err != nil {
		return nil, fromStat("membership", err)
	}
	out := FCEResponse{B: nums(b), Grade: statistics.MaxMembership(b)}
	if scores != nil {
		s, err := statistics.FuzzyScore(b, scores)
		if err != nil {
			return nil, fromStat("membership", err)
		}
		n := Number(s)
		out.Score = &n
	}
	return out, nil
}
