package calc

import (
	"encoding/json"

	"gonum.org/v1/gonum/mat"

	"evalbench/messages"
	"evalbench/statistics"
)

// ObjectiveRequest is the body of "entropy", "critic", "sd" and "cv": rows are alternatives or
// units, columns criteria or indicators.
type ObjectiveRequest struct {
	Matrix [][]*float64 `json:"matrix"`
	// Polarity per column, "higher" (default) or "lower". Not used by "cv", nor by "entropy" with
	// normalization "proportion".
	Polarity []string `json:"polarity,omitempty"`
	// Normalization, for "entropy" only: "minmax" (default, polarity-aware min–max before the
	// proportions) or "proportion" (x_ij/Σ_i x_ij on raw non-negative values).
	Normalization string `json:"normalization,omitempty"`
}

// WeightsResponse carries weights that sum to 1.
type WeightsResponse struct {
	Weights []Number `json:"weights"`
}

func objective(dec *json.Decoder, method string) (any, error) {
	var req ObjectiveRequest
	if err := decode(dec, &req); err != nil {
		return nil, err
	}
	var p problems
	m := p.matrix("matrix", req.Matrix, matrixSpec{minRows: 2, minCols: 1})
	norm := statistics.EntropyMinMax
	switch {
	case req.Normalization == "" || req.Normalization == "minmax":
	case req.Normalization == "proportion" && method == "entropy":
		norm = statistics.EntropyProportion
	case method == "entropy":
		p.oneOf("normalization", req.Normalization, "minmax", "proportion")
	default:
		p.add("normalization", messages.CalcNormalizationEntropy)
	}
	if m == nil {
		return nil, p.err()
	}
	_, c := m.Dims()
	pol := p.polarities("polarity", req.Polarity, c, false)
	if method != "entropy" || norm == statistics.EntropyMinMax {
		p.constantColumns("matrix", m)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	var w []float64
	var err error
	switch method {
	case "entropy":
		w, err = statistics.EntropyWeights(nil, m, pol, norm)
	case "critic":
		w, err = statistics.CRITICWeights(nil, m, pol)
	case "sd":
		w, err = statistics.SDWeights(nil, m, pol)
	case "cv":
		w, err = statistics.CVWeights(nil, m)
	}
	if err != nil {
		return nil, fromStat("matrix", err)
	}
	return WeightsResponse{Weights: nums(w)}, nil
}

func runEntropy(dec *json.Decoder) (any, error) { return objective(dec, "entropy") }
func runCRITIC(dec *json.Decoder) (any, error)  { return objective(dec, "critic") }
func runSD(dec *json.Decoder) (any, error)      { return objective(dec, "sd") }
func runCV(dec *json.Decoder) (any, error)      { return objective(dec, "cv") }

// CombineRequest is the body of "combine".
type CombineRequest struct {
	Subjective []*float64 `json:"subjective"`
	Objective  []*float64 `json:"objective"`
	// Mode is "linear" (default: α·subjective + (1 − α)·objective) or "product" (normalised
	// product).
	Mode  string   `json:"mode,omitempty"`
	Alpha *float64 `json:"alpha,omitempty"`
}

func runCombine(dec *json.Decoder) (any, error) {
	var req CombineRequest
	if err := decode(dec, &req); err != nil {
		return nil, err
	}
	var p problems
	s := p.weights("subjective", req.Subjective, -1)
	o := p.weights("objective", req.Objective, len(req.Subjective))
	switch req.Mode {
	case "", "linear":
		if req.Alpha == nil {
			p.add("alpha", messages.CalcRequiredForMode, "mode", "linear")
		} else if !(*req.Alpha >= 0 && *req.Alpha <= 1) {
			p.add("alpha", messages.CalcInterval, "interval", "[0, 1]")
		}
	case "product":
		if req.Alpha != nil {
			p.add("alpha", messages.CalcNotUsedInMode, "mode", "product")
		}
	default:
		p.oneOf("mode", req.Mode, "linear", "product")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	if req.Mode == "product" {
		w, err := statistics.CombineProduct(nil, s, o)
		if err != nil {
			return nil, fromStat("objective", err)
		}
		return WeightsResponse{Weights: nums(w)}, nil
	}
	return WeightsResponse{Weights: nums(statistics.CombineLinear(nil, s, o, *req.Alpha))}, nil
}

// TreeJSON is a weight hierarchy node: Weight is the local weight among siblings; leaves carry
// Indicator (the column of the score matrix). If no leaf gives an indicator, leaves are numbered
// 0, 1, … in depth-first order.
type TreeJSON struct {
	Name      string      `json:"name,omitempty"`
	Weight    *float64    `json:"weight,omitempty"`
	Indicator *int        `json:"indicator,omitempty"`
	Children  []*TreeJSON `json:"children,omitempty"`
}

// tree converts and validates a TreeJSON (local weights summing to 1 in every group; leaves
// naming each column once).
func (p *problems) tree(field string, t *TreeJSON) (*statistics.Tree, int) {
	if t == nil {
		p.add(field, messages.CalcRequired)
		return nil, 0
	}
	anyIndicator := false
	var scan func(*TreeJSON)
	scan = func(n *TreeJSON) {
		if n.Indicator != nil {
			anyIndicator = true
		}
		for _, c := range n.Children {
			if c != nil {
				scan(c)
			}
		}
	}
	scan(t)
	next := 0
	before := p.ve.Total
	var conv func(n *TreeJSON, path string, depth int) *statistics.Tree
	conv = func(n *TreeJSON, path string, depth int) *statistics.Tree {
		if depth > 20 {
			p.add(path, messages.CalcTreeDepth, "max", 20)
			return nil
		}
		out := &statistics.Tree{Name: n.Name}
		if n.Weight != nil {
			out.Weight = *n.Weight
		} else if depth > 0 {
			p.add(path+".weight", messages.CalcRequired)
		}
		if len(n.Children) == 0 {
			switch {
			case n.Indicator != nil:
				out.Indicator = *n.Indicator
			case anyIndicator:
				p.add(path+".indicator", messages.CalcIndicatorRequired)
			default:
				out.Indicator = next
			}
			next++
			return out
		}
		if n.Indicator != nil {
			p.add(path+".indicator", messages.CalcIndicatorLeafOnly)
		}
		for i, c := range n.Children {
			cp := path + ".children[" + itoa(i) + "]"
			if c == nil {
				p.add(cp, messages.CalcNullNode)
				continue
			}
			out.Children = append(out.Children, conv(c, cp, depth+1))
		}
		return out
	}
	st := conv(t, field, 0)
	if p.ve.Total > before {
		return nil, 0
	}
	n, err := st.Validate(1e-6)
	if err != nil {
		p.ve.Add(problemOf(field, err))
		return nil, 0
	}
	return st, n
}

// HierarchyRequest is the body of "hierarchy".
type HierarchyRequest struct {
	Tree *TreeJSON `json:"tree"`
}

func runHierarchy(dec *json.Decoder) (any, error) {
	var req HierarchyRequest
	if err := decode(dec, &req); err != nil {
		return nil, err
	}
	var p problems
	t, n := p.tree("tree", req.Tree)
	if err := p.err(); err != nil {
		return nil, err
	}
	return WeightsResponse{Weights: nums(t.GlobalWeights(make([]float64, n)))}, nil
}

// TOPSISRequest is the body of "topsis".
type TOPSISRequest struct {
	Matrix   [][]*float64 `json:"matrix"`
	Weights  []*float64   `json:"weights"`
	Polarity []string     `json:"polarity,omitempty"`
}

// TOPSISResponse is the result of "topsis"; ranks are 1 for the best, ties averaged.
type TOPSISResponse struct {
	Closeness []Number `json:"closeness"`
	Ranks     []Number `json:"ranks"`
	DPlus     []Number `json:"d_plus"`
	DMinus    []Number `json:"d_minus"`
}

func runTOPSIS(dec *json.Decoder) (any, error) {
	var req TOPSISRequest
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
	for j := 0; j < c; j++ {
		if mat.Norm(m.ColView(j), 2) == 0 {
			p.add("matrix[*]["+itoa(j)+"]", messages.CalcColumnZeros)
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	r, err := statistics.TOPSIS(m, w, pol)
	if err != nil {
		return nil, fromStat("matrix", err)
	}
	return TOPSISResponse{Closeness: nums(r.Closeness), Ranks: nums(r.Ranks), DPlus: nums(r.DPlus), DMinus: nums(r.DMinus)}, nil
}

// AggregateRequest is the body of "aggregate".
type AggregateRequest struct {
	Matrix  [][]*float64 `json:"matrix"`
	Weights []*float64   `json:"weights"`
	// Mean is "arithmetic" (default) or "geometric".
	Mean string `json:"mean,omitempty"`
}

// ScoresResponse carries one score per row or value.
type ScoresResponse struct {
	Scores []Number `json:"scores"`
}

func runAggregate(dec *json.Decoder) (any, error) {
	var req AggregateRequest
	if err := decode(dec, &req); err != nil {
		return nil, err
	}
	var p problems
	m := p.matrix("matrix", req.Matrix, matrixSpec{minRows: 1, minCols: 1, nonNegative: req.Mean == "geometric"})
	if m == nil {
		return nil, p.err()
	}
	_, c := m.Dims()
	w := p.weights("weights", req.Weights, c)
	if req.Mean != "" && req.Mean != "arithmetic" && req.Mean != "geometric" {
		p.oneOf("mean", req.Mean, "arithmetic", "geometric")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	if req.Mean == "geometric" {
		s, err := statistics.WeightedGeometric(nil, m, w)
		if err != nil {
			return nil, fromStat("matrix", err)
		}
		return ScoresResponse{Scores: nums(s)}, nil
	}
	return ScoresResponse{Scores: nums(statistics.WeightedArithmetic(nil, m, w))}, nil
}
