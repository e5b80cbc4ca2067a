package calc

import (
	"encoding/json"
	"sort"

	"evalbench/statistics"
)

// NormaliseRequest is the body of "normalise": it scores one indicator's values on 0–100.
type NormaliseRequest struct {
	// Method is one of "minmax", "zscore", "rank", "target", "trajectory", "distance",
	// "thresholds", "rubric".
	Method string `json:"method"`
	// Values to score (all methods except "rubric").
	Values []*float64 `json:"values,omitempty"`
	// Polarity "higher" (default) or "lower" for minmax, zscore, rank and target.
	Polarity string `json:"polarity,omitempty"`
	// Goalposts (minmax, optional): worst maps to 0 and best to 100.
	Goalposts *GoalpostsJSON `json:"goalposts,omitempty"`
	// Target value (target, distance).
	Target *float64 `json:"target,omitempty"`
	// Floor and Ceiling bound target achievement and trajectory scores (defaults 0 and 100).
	Floor   *float64 `json:"floor,omitempty"`
	Ceiling *float64 `json:"ceiling,omitempty"`
	// Trajectory and Year (trajectory): every value is scored as achieved in Year.
	Trajectory *TrajectoryJSON `json:"trajectory,omitempty"`
	Year       int             `json:"year,omitempty"`
	// Distance that scores 0 (distance; 0 or absent: the farthest value).
	Distance *float64 `json:"distance,omitempty"`
	// Thresholds (thresholds): increasing values with their scores.
	Thresholds []ThresholdJSON `json:"thresholds,omitempty"`
	// Labels and Rubric (rubric): label → score.
	Labels []string           `json:"labels,omitempty"`
	Rubric map[string]float64 `json:"rubric,omitempty"`
}

// GoalpostsJSON are fixed min–max bounds.
type GoalpostsJSON struct {
	Worst float64 `json:"worst"`
	Best  float64 `json:"best"`
}

// TrajectoryJSON is a plan path; Path is "linear" (default) or "compound".
type TrajectoryJSON struct {
	BaseYear   int     `json:"base_year"`
	Baseline   float64 `json:"baseline"`
	TargetYear int     `json:"target_year"`
	Target     float64 `json:"target"`
	Path       string  `json:"path,omitempty"`
}

// ThresholdJSON is one row of a standards table.
type ThresholdJSON struct {
	Value float64 `json:"value"`
	Score float64 `json:"score"`
}

// NormaliseResponse carries the scores; Expected is the plan's expected value for "trajectory".
type NormaliseResponse struct {
	Scores   []Number `json:"scores"`
	Expected *Number  `json:"expected,omitempty"`
}

func runNormalise(dec *json.Decoder) (any, error) {
	var req NormaliseRequest
	if err := decode(dec, &req); err != nil {
		return nil, err
	}
	var p problems
	var x []float64
	if req.Method != "rubric" {
		x = p.vector("values", req.Values, -1)
	}
	pol := statistics.Higher
	switch req.Polarity {
	case "", "higher":
	case "lower":
		pol = statistics.Lower
	default:
		p.add("polarity", "want \"higher\" or \"lower\", got %q", req.Polarity)
	}
	floor, ceiling := 0.0, 100.0
	if req.Floor != nil {
		floor = *req.Floor
	}
	if req.Ceiling != nil {
		ceiling = *req.Ceiling
	}
	if floor > ceiling {
		p.add("floor", "must not exceed ceiling")
	}
	var (
		scores []float64
		err    error
		exp    *Number
	)
	switch req.Method {
	case "minmax":
		var g *statistics.Goalposts
		if req.Goalposts != nil {
			g = &statistics.Goalposts{Worst: req.Goalposts.Worst, Best: req.Goalposts.Best}
			if g.Worst == g.Best || (pol == statistics.Higher) != (g.Best > g.Worst) {
				p.add("goalposts", "need best > worst for polarity higher and best < worst for lower")
			}
		}
		if err := p.err(); err != nil {
			return nil, err
		}
		scores, err = statistics.MinMax(nil, x, pol, g)
	case "zscore":
		if err := p.err(); err != nil {
			return nil, err
		}
		scores, err = statistics.ZScore(nil, x, pol)
	case "rank":
		if err := p.err(); err != nil {
			return nil, err
		}
		scores, err = statistics.RankScore(nil, x, pol)
	case "target":
		if req.Target == nil {
			p.add("target", "required")
		}
		if err := p.err(); err != nil {
			return nil, err
		}
		scores, err = statistics.TargetAchievement(nil, x, *req.Target, pol, floor, ceiling)
	case "trajectory":
		t := req.Trajectory
		var tr statistics.Trajectory
		if t == nil {
			p.add("trajectory", "required")
		} else {
			tr = statistics.Trajectory{BaseYear: t.BaseYear, Baseline: t.Baseline, TargetYear: t.TargetYear, Target: t.Target}
			switch t.Path {
			case "", "linear":
			case "compound":
				tr.Path = statistics.Compound
				if !(t.Baseline > 0 && t.Target > 0) {
					p.add("trajectory", "a compound path needs a positive baseline and target")
				}
			default:
				p.add("trajectory.path", "want \"linear\" or \"compound\", got %q", t.Path)
			}
			if t.TargetYear <= t.BaseYear {
				p.add("trajectory.target_year", "must follow base_year")
			}
			if req.Year <= t.BaseYear {
				p.add("year", "must follow the trajectory's base_year")
			}
			if t.Target == t.Baseline {
				p.add("trajectory.target", "equals the baseline: no progress is expected (use method \"target\")")
			}
		}
		if err := p.err(); err != nil {
			return nil, err
		}
		e := Number(tr.Expected(req.Year))
		exp = &e
		scores = make([]float64, len(x))
		for i, v := range x {
			if scores[i], err = tr.Progress(v, req.Year, ceiling); err != nil {
				break
			}
		}
	case "distance":
		if req.Target == nil {
			p.add("target", "required")
		}
		d := 0.0
		if req.Distance != nil {
			d = *req.Distance
			if d < 0 {
				p.add("distance", "must not be negative")
			}
		}
		if err := p.err(); err != nil {
			return nil, err
		}
		scores, err = statistics.DistanceToTarget(nil, x, *req.Target, d)
	case "thresholds":
		table := make([]statistics.Threshold, len(req.Thresholds))
		if len(table) == 0 {
			p.add("thresholds", "required: at least one {value, score}")
		}
		for i, t := range req.Thresholds {
			table[i] = statistics.Threshold{Value: t.Value, Score: t.Score}
			if i > 0 && !(t.Value > req.Thresholds[i-1].Value) {
				p.add(fieldIdx("thresholds", i)+".value", "values must increase strictly")
			}
		}
		if err := p.err(); err != nil {
			return nil, err
		}
		scores, err = statistics.PiecewiseLinear(nil, x, table)
	case "rubric":
		if len(req.Rubric) == 0 {
			p.add("rubric", "required: label → score")
		}
		if req.Labels == nil {
			p.add("labels", "required")
		}
		for i, l := range req.Labels {
			if _, ok := req.Rubric[l]; !ok && len(req.Rubric) > 0 {
				known := make([]string, 0, len(req.Rubric))
				for k := range req.Rubric {
					known = append(known, k)
				}
				sort.Strings(known)
				p.add(fieldIdx("labels", i), "label %q is not in the rubric %q", l, known)
			}
		}
		if err := p.err(); err != nil {
			return nil, err
		}
		scores, err = statistics.Rubric(nil, req.Labels, req.Rubric)
	default:
		p.add("method", "want one of minmax, zscore, rank, target, trajectory, distance, thresholds, rubric; got %q", req.Method)
		return nil, p.err()
	}
	if err != nil {
		return nil, fromStat("values", err)
	}
	return NormaliseResponse{Scores: nums(scores), Expected: exp}, nil
}
