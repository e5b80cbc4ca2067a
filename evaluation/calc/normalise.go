package calc

import (
	"encoding/json"
	"sort"

	"evalbench/messages"
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
	n := normaliseOptions(&req, &p)
	score, ok := normaliseMethods[req.Method]
	if !ok {
		p.oneOf("method", req.Method, "minmax", "zscore", "rank", "target", "trajectory", "distance", "thresholds", "rubric")
		return nil, p.err()
	}
	scores, exp, err := score(&req, &p, n)
	if err != nil {
		return nil, err
	}
	return NormaliseResponse{Scores: nums(scores), Expected: exp}, nil
}

// normalisation is what every method shares: the values, their polarity and the score range.
type normalisation struct {
	x              []float64
	pol            statistics.Polarity
	floor, ceiling float64
}

// normaliseOptions reads the values (except for rubric), the polarity and the floor and ceiling,
// noting what is wrong in p.
func normaliseOptions(req *NormaliseRequest, p *problems) normalisation {
	n := normalisation{pol: statistics.Higher, floor: 0, ceiling: 100}
	if req.Method != "rubric" {
		n.x = p.vector("values", req.Values, -1)
	}
	switch req.Polarity {
	case "", "higher":
	case "lower":
		n.pol = statistics.Lower
	default:
		p.oneOf("polarity", req.Polarity, "higher", "lower")
	}
	if req.Floor != nil {
		n.floor = *req.Floor
	}
	if req.Ceiling != nil {
		n.ceiling = *req.Ceiling
	}
	if n.floor > n.ceiling {
		p.add("floor", messages.CalcFloorCeiling)
	}
	return n
}

// normaliseMethod checks a method's own fields and scores the values: the problems in the
// request as p.err(), a statistical failure through fromStat.
type normaliseMethod func(req *NormaliseRequest, p *problems, n normalisation) ([]float64, *Number, error)

// normaliseMethods are the methods of "normalise" by name.
var normaliseMethods = map[string]normaliseMethod{
	"minmax":     normaliseMinMax,
	"zscore":     normaliseZScore,
	"rank":       normaliseRank,
	"target":     normaliseTarget,
	"trajectory": normaliseTrajectory,
	"distance":   normaliseDistance,
	"thresholds": normaliseThresholds,
	"rubric":     normaliseRubric,
}

// scored passes scores on, or the statistical error as a problem of the values.
func scored(scores []float64, err error) ([]float64, *Number, error) {
	if err != nil {
		return nil, nil, fromStat("values", err)
	}
	return scores, nil, nil
}

func normaliseMinMax(req *NormaliseRequest, p *problems, n normalisation) ([]float64, *Number, error) {
	var g *statistics.Goalposts
	if req.Goalposts != nil {
		g = &statistics.Goalposts{Worst: req.Goalposts.Worst, Best: req.Goalposts.Best}
		if g.Worst == g.Best || (n.pol == statistics.Higher) != (g.Best > g.Worst) {
			p.add("goalposts", messages.CalcGoalposts)
		}
	}
	if err := p.err(); err != nil {
		return nil, nil, err
	}
	return scored(statistics.MinMax(nil, n.x, n.pol, g))
}

func normaliseZScore(_ *NormaliseRequest, p *problems, n normalisation) ([]float64, *Number, error) {
	if err := p.err(); err != nil {
		return nil, nil, err
	}
	return scored(statistics.ZScore(nil, n.x, n.pol))
}

func normaliseRank(_ *NormaliseRequest, p *problems, n normalisation) ([]float64, *Number, error) {
	if err := p.err(); err != nil {
		return nil, nil, err
	}
	return scored(statistics.RankScore(nil, n.x, n.pol))
}

func normaliseTarget(req *NormaliseRequest, p *problems, n normalisation) ([]float64, *Number, error) {
	if req.Target == nil {
		p.add("target", messages.CalcRequired)
	}
	if err := p.err(); err != nil {
		return nil, nil, err
	}
	return scored(statistics.TargetAchievement(nil, n.x, *req.Target, n.pol, n.floor, n.ceiling))
}

// normaliseTrajectory scores every value as achieved in req.Year on the plan's path, and answers
// the path's expected value that year.
func normaliseTrajectory(req *NormaliseRequest, p *problems, n normalisation) ([]float64, *Number, error) {
	t := req.Trajectory
	var tr statistics.Trajectory
	if t == nil {
		p.add("trajectory", messages.CalcRequired)
	} else {
		tr = statistics.Trajectory{BaseYear: t.BaseYear, Baseline: t.Baseline, TargetYear: t.TargetYear, Target: t.Target}
		switch t.Path {
		case "", "linear":
		case "compound":
			tr.Path = statistics.Compound
			if !(t.Baseline > 0 && t.Target > 0) {
				p.add("trajectory", messages.CalcCompoundPositive)
			}
		default:
			p.oneOf("trajectory.path", t.Path, "linear", "compound")
		}
		if t.TargetYear <= t.BaseYear {
			p.add("trajectory.target_year", messages.CalcAfterBaseYear)
		}
		if req.Year <= t.BaseYear {
			p.add("year", messages.CalcYearAfterBase)
		}
		if t.Target == t.Baseline {
			p.add("trajectory.target", messages.CalcTargetEqualsBaseline)
		}
	}
	if err := p.err(); err != nil {
		return nil, nil, err
	}
	e := Number(tr.Expected(req.Year))
	scores := make([]float64, len(n.x))
	for i, v := range n.x {
		var err error
		if scores[i], err = tr.Progress(v, req.Year, n.ceiling); err != nil {
			return nil, nil, fromStat("values", err)
		}
	}
	return scores, &e, nil
}

func normaliseDistance(req *NormaliseRequest, p *problems, n normalisation) ([]float64, *Number, error) {
	if req.Target == nil {
		p.add("target", messages.CalcRequired)
	}
	d := 0.0
	if req.Distance != nil {
		d = *req.Distance
		if d < 0 {
			p.add("distance", messages.CalcNotNegative)
		}
	}
	if err := p.err(); err != nil {
		return nil, nil, err
	}
	return scored(statistics.DistanceToTarget(nil, n.x, *req.Target, d))
}

func normaliseThresholds(req *NormaliseRequest, p *problems, n normalisation) ([]float64, *Number, error) {
	table := make([]statistics.Threshold, len(req.Thresholds))
	if len(table) == 0 {
		p.add("thresholds", messages.CalcThresholdsRequired)
	}
	for i, t := range req.Thresholds {
		table[i] = statistics.Threshold{Value: t.Value, Score: t.Score}
		if i > 0 && !(t.Value > req.Thresholds[i-1].Value) {
			p.add(fieldIdx("thresholds", i)+".value", messages.CalcIncreaseStrictly)
		}
	}
	if err := p.err(); err != nil {
		return nil, nil, err
	}
	return scored(statistics.PiecewiseLinear(nil, n.x, table))
}

func normaliseRubric(req *NormaliseRequest, p *problems, _ normalisation) ([]float64, *Number, error) {
	if len(req.Rubric) == 0 {
		p.add("rubric", messages.CalcRubricRequired)
	}
	if req.Labels == nil {
		p.add("labels", messages.CalcRequired)
	}
	for i, l := range req.Labels {
		if _, ok := req.Rubric[l]; !ok && len(req.Rubric) > 0 {
			known := make([]string, 0, len(req.Rubric))
			for k := range req.Rubric {
				known = append(known, k)
			}
			sort.Strings(known)
			p.add(fieldIdx("labels", i), messages.CalcLabelUnknown, "label", l, "labels", known)
		}
	}
	if err := p.err(); err != nil {
		return nil, nil, err
	}
	return scored(statistics.Rubric(nil, req.Labels, req.Rubric))
}
