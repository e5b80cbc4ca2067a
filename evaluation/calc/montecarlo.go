package calc

import (
	"bytes"
	"encoding/json"
	"strings"

	"evalbench/messages"
	"evalbench/statistics"
)

// MonteCarloRequest is the body of "montecarlo" (and, without samples, seed, perturbation and
// bands, of "sensitivity"). Scores are units × indicators on 0–100. Weights is either a flat
// array (one weight per indicator, summing to 1) or a tree object (see TreeJSON).
type MonteCarloRequest struct {
	Scores  [][]*float64    `json:"scores"`
	Weights json.RawMessage `json:"weights"`
	Samples int             `json:"samples"`
	Seed    uint64          `json:"seed"`
	// Perturbation: {"kind": "dirichlet", "concentration": c} or {"kind": "uniform",
	// "percent": p} (±p %).
	Perturbation *PerturbationJSON `json:"perturbation"`
	// Bands are ascending score thresholds splitting 0–100 into grade bands.
	Bands []float64 `json:"bands,omitempty"`
	// Offsets, one per unit, are added to every sample's score (bonus or penalty points that do
	// not depend on the weights).
	Offsets []*float64 `json:"offsets,omitempty"`
}

// PerturbationJSON describes the weight distribution.
type PerturbationJSON struct {
	Kind          string   `json:"kind"`
	Concentration *float64 `json:"concentration,omitempty"`
	Percent       *float64 `json:"percent,omitempty"`
}

// UnitJSON is one unit's uncertainty (unit is its 0-based row).
type UnitJSON struct {
	Unit            int      `json:"unit"`
	BaseScore       Number   `json:"base_score"`
	BaseRank        int      `json:"base_rank"`
	Mean            Number   `json:"mean"`
	P5              Number   `json:"p5"`
	P50             Number   `json:"p50"`
	P95             Number   `json:"p95"`
	MedianRank      int      `json:"median_rank"`
	RankP5          int      `json:"rank_p5"`
	RankP95         int      `json:"rank_p95"`
	BandProbability []Number `json:"band_probability,omitempty"`
}

// SwapJSON is the probability that Lower, ranked just below Upper with the given weights, ranks
// above it.
type SwapJSON struct {
	Upper int    `json:"upper"`
	Lower int    `json:"lower"`
	P     Number `json:"p"`
}

// MonteCarloResponse is the result of "montecarlo".
type MonteCarloResponse struct {
	Samples int        `json:"samples"`
	Seed    uint64     `json:"seed"`
	Units   []UnitJSON `json:"units"`
	Swaps   []SwapJSON `json:"swaps"`
	// HistogramResolution is the bin width (score points) from which percentiles are read.
	HistogramResolution Number `json:"histogram_resolution"`
}

// weightTree parses the "weights" field: an array or a tree object.
func (p *problems) weightTree(raw json.RawMessage, nInd int) *statistics.Tree {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		p.add("weights", messages.CalcWeightsRequired)
		return nil
	}
	if raw[0] == '[' {
		var w []*float64
		if err := json.Unmarshal(raw, &w); err != nil {
			p.add("weights", messages.CalcWeightsArray, "error", strings.TrimPrefix(err.Error(), "json: "))
			return nil
		}
		ws := p.weights("weights", w, nInd)
		if ws == nil {
			return nil
		}
		return statistics.FlatTree(ws)
	}
	var t TreeJSON
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	if err := d.Decode(&t); err != nil {
		p.add("weights", messages.CalcWeightsShape, "error", strings.TrimPrefix(err.Error(), "json: "))
		return nil
	}
	st, n := p.tree("weights", &t)
	if st != nil && n != nInd {
		p.add("weights", messages.CalcTreeLeaves, "leaves", n, "indicators", nInd)
		return nil
	}
	return st
}

func runMonteCarlo(dec *json.Decoder) (any, error) {
	var req MonteCarloRequest
	if err := decode(dec, &req); err != nil {
		return nil, err
	}
	var p problems
	m := p.matrix("scores", req.Scores, matrixSpec{minRows: 2, minCols: 1})
	if m == nil {
		return nil, p.err()
	}
	units, nInd := m.Dims()
	if units > MaxMonteCarloUnits {
		p.add("scores", messages.CalcUnitsLimit, "units", units, "max", MaxMonteCarloUnits)
	}
	for i := 0; i < units; i++ {
		for j := 0; j < nInd; j++ {
			if v := m.At(i, j); v < 0 || v > 100 {
				p.add(fieldIdx2("scores", i, j), messages.CalcScoreOutside, "value", v)
			}
		}
	}
	tree := p.weightTree(req.Weights, nInd)
	if req.Samples < 1 || req.Samples > MaxSamples {
		p.add("samples", messages.CalcBetween, "min", 1, "max", MaxSamples)
	}
	var pert statistics.Perturbation
	switch {
	case req.Perturbation == nil:
		p.add("perturbation", messages.CalcPerturbationRequired)
	case req.Perturbation.Kind == "dirichlet":
		c := req.Perturbation.Concentration
		if c == nil || !(*c > 0) || *c > 1e12 {
			p.add("perturbation.concentration", messages.CalcPositiveRequired)
		} else {
			pert = statistics.Perturbation{Kind: statistics.Dirichlet, Concentration: *c}
		}
		if req.Perturbation.Percent != nil {
			p.add("perturbation.percent", messages.CalcOnlyForKind, "kind", "uniform")
		}
	case req.Perturbation.Kind == "uniform":
		pc := req.Perturbation.Percent
		if pc == nil || !(*pc >= 0 && *pc < 100) {
			p.add("perturbation.percent", messages.CalcPercentRequired)
		} else {
			pert = statistics.Perturbation{Kind: statistics.Uniform, Fraction: *pc / 100}
		}
		if req.Perturbation.Concentration != nil {
			p.add("perturbation.concentration", messages.CalcOnlyForKind, "kind", "dirichlet")
		}
	default:
		p.oneOf("perturbation.kind", req.Perturbation.Kind, "dirichlet", "uniform")
	}
	for i := 1; i < len(req.Bands); i++ {
		if !(req.Bands[i] > req.Bands[i-1]) {
			p.add(fieldIdx("bands", i), messages.CalcIncreaseStrictly)
		}
	}
	var offsets []float64
	if req.Offsets != nil {
		offsets = p.vector("offsets", req.Offsets, units)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	r, err := statistics.MonteCarlo(m, tree, statistics.MonteCarloOptions{Samples: req.Samples, Seed: req.Seed, Perturbation: pert, Bands: req.Bands, Offsets: offsets})
	if err != nil {
		return nil, fromStat("scores", err)
	}
	out := MonteCarloResponse{Samples: r.Samples, Seed: req.Seed, Units: make([]UnitJSON, len(r.Units)), Swaps: []SwapJSON{}, HistogramResolution: Number(100.0 / statistics.HistogramBins)}
	for u, uu := range r.Units {
		out.Units[u] = UnitJSON{Unit: u, BaseScore: Number(uu.BaseScore), BaseRank: uu.BaseRank, Mean: Number(uu.Mean), P5: Number(uu.P5), P50: Number(uu.P50), P95: Number(uu.P95),
			MedianRank: uu.MedianRank, RankP5: uu.RankP5, RankP95: uu.RankP95, BandProbability: nums(uu.BandProbability)}
	}
	for _, s := range r.Swaps {
		out.Swaps = append(out.Swaps, SwapJSON{Upper: s.Upper, Lower: s.Lower, P: Number(s.P)})
	}
	return out, nil
}

// SensitivityRequest is the body of "sensitivity".
type SensitivityRequest struct {
	Scores  [][]*float64    `json:"scores"`
	Weights json.RawMessage `json:"weights"`
	// Offsets, one per unit, as in "montecarlo".
	Offsets []*float64 `json:"offsets,omitempty"`
}

// SwapThresholdJSON is the smallest single local-weight change that swaps two neighbours; node is
// the tree path ("root/1/0"), indicator the column for a leaf (−1 for an inner node).
type SwapThresholdJSON struct {
	Upper     int     `json:"upper"`
	Lower     int     `json:"lower"`
	Found     bool    `json:"found"`
	Node      string  `json:"node,omitempty"`
	Indicator *int    `json:"indicator,omitempty"`
	Weight    *Number `json:"weight,omitempty"`
	Delta     *Number `json:"delta,omitempty"`
	NewWeight *Number `json:"new_weight,omitempty"`
}

// SensitivityResponse is the result of "sensitivity", pairs following the base ranking.
type SensitivityResponse struct {
	Pairs []SwapThresholdJSON `json:"pairs"`
}

func runSensitivity(dec *json.Decoder) (any, error) {
	var req SensitivityRequest
	if err := decode(dec, &req); err != nil {
		return nil, err
	}
	var p problems
	m := p.matrix("scores", req.Scores, matrixSpec{minRows: 2, minCols: 1})
	if m == nil {
		return nil, p.err()
	}
	units, nInd := m.Dims()
	tree := p.weightTree(req.Weights, nInd)
	var offsets []float64
	if req.Offsets != nil {
		offsets = p.vector("offsets", req.Offsets, units)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	sw, err := statistics.SmallestSwapsOffset(m, tree, offsets)
	if err != nil {
		return nil, fromStat("scores", err)
	}
	out := SensitivityResponse{Pairs: []SwapThresholdJSON{}}
	for _, s := range sw {
		j := SwapThresholdJSON{Upper: s.Upper, Lower: s.Lower, Found: s.Found}
		if s.Found {
			ind := s.Indicator
			w, d, nw := Number(s.Weight), Number(s.Delta), Number(s.NewWeight)
			j.Node, j.Indicator, j.Weight, j.Delta, j.NewWeight = s.Node, &ind, &w, &d, &nw
		}
		out.Pairs = append(out.Pairs, j)
	}
	return out, nil
}
