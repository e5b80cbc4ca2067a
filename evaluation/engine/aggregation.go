package engine

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"evalbench/messages"
	"evalbench/statistics"
)

// Aggregation methods a run may choose (RunConfig.Aggregation.Method).
const (
	AggregateWeightedSum = "weighted-sum" // the default: weighted means up the hierarchy
	AggregateGeometric   = "geometric"
	AggregateTOPSIS      = "topsis"
	AggregateVIKOR       = "vikor"
	AggregatePROMETHEE2  = "promethee2"
	AggregateGRA         = "gra"
)

// AggregationConfig chooses how a run aggregates the leaf scores (indicators and survey
// components, 0–100) into the base composite. Empty Method is weighted-sum, the hierarchical
// weighted mean every run used before; the other methods take the units × leaves matrix (a
// missing score replaced by its parent's renormalised score, as the Monte Carlo analysis does)
// and the leaves' global weights, and map their output onto 0–100 (docs/methods.md, "Run
// aggregation"):
//
//	geometric   Π_j x_ij^(w_j)                 (already on 0–100)
//	topsis      100 · C_i                       (closeness)
//	vikor       100 · (1 − Q_i)                 (compromise index, v)
//	promethee2  50 · (1 + φ_i)                  (net flow, one preference function for every leaf)
//	gra         100 · γ_i                       (grey relational grade to the ideal, ρ)
type AggregationConfig struct {
	Method string `json:"method,omitempty"`
	// V is VIKOR's weight of the group-utility strategy (default 0.5).
	V *float64 `json:"v,omitempty"`
	// Rho is the grey relational distinguishing coefficient (default 0.5).
	Rho *float64 `json:"rho,omitempty"`
	// Function is PROMETHEE II's preference function for every leaf, thresholds in score points
	// (default usual).
	Function *PreferenceFunctionConfig `json:"function,omitempty"`
}

// PreferenceFunctionConfig is a PROMETHEE preference function: type usual, u-shape (q), v-shape
// (p), level (q < p), linear (q < p) or gaussian (s).
type PreferenceFunctionConfig struct {
	Type string   `json:"type"`
	Q    *float64 `json:"q,omitempty"`
	P    *float64 `json:"p,omitempty"`
	S    *float64 `json:"s,omitempty"`
}

// AggregationMethods lists the methods RunConfig.Aggregation.Method accepts.
var AggregationMethods = []string{AggregateWeightedSum, AggregateGeometric, AggregateTOPSIS, AggregateVIKOR, AggregatePROMETHEE2, AggregateGRA}

// method is the configured method, weighted-sum when empty.
func (a AggregationConfig) method() string {
	if a.Method == "" {
		return AggregateWeightedSum
	}
	return a.Method
}

func (a AggregationConfig) check(add func(field string, id messages.ID, kv ...any)) {
	switch a.method() {
	case AggregateWeightedSum, AggregateGeometric, AggregateTOPSIS, AggregateVIKOR, AggregatePROMETHEE2, AggregateGRA:
	default:
		add("aggregation.method", messages.RunConfigAggregationMethod, "method", a.Method)
		return
	}
	if a.V != nil && (a.method() != AggregateVIKOR || !(*a.V >= 0 && *a.V <= 1)) {
		add("aggregation.v", messages.RunConfigAggregationV)
	}
	if a.Rho != nil && (a.method() != AggregateGRA || !(*a.Rho > 0 && *a.Rho <= 1)) {
		add("aggregation.rho", messages.RunConfigAggregationRho)
	}
	if f := a.Function; f != nil {
		if a.method() != AggregatePROMETHEE2 {
			add("aggregation.function", messages.RunConfigAggregationFunction)
			return
		}
		if _, err := f.statistics(); err != nil {
			add("aggregation.function", messages.RunConfigFunctionInvalid, "error", err.Error())
		}
	}
}

// statistics converts the configuration, checking that the thresholds suit the type.
func (f *PreferenceFunctionConfig) statistics() (statistics.PreferenceFunction, error) {
	k, err := statistics.ParsePreferenceKind(f.Type)
	if err != nil {
		return statistics.PreferenceFunction{}, fmt.Errorf("type is usual, u-shape, v-shape, level, linear or gaussian (got %q)", f.Type)
	}
	need := map[statistics.PreferenceKind]string{statistics.PrefUsual: "", statistics.PrefUShape: "q",
		statistics.PrefVShape: "p", statistics.PrefLevel: "qp", statistics.PrefLinear: "qp", statistics.PrefGaussian: "s"}[k]
	get := func(name string, v *float64) (float64, error) {
		uses := false
		for _, c := range need {
			uses = uses || string(c) == name
		}
		switch {
		case uses && v == nil:
			return 0, fmt.Errorf("%s needs %s", f.Type, name)
		case !uses && v != nil:
			return 0, fmt.Errorf("%s does not use %s", f.Type, name)
		case v != nil && !(*v >= 0 && *v <= 100):
			return 0, fmt.Errorf("%s is a difference of scores in [0, 100]", name)
		case v != nil:
			return *v, nil
		}
		return 0, nil
	}
	pf := statistics.PreferenceFunction{Kind: k}
	var errs [3]error
	pf.Q, errs[0] = get("q", f.Q)
	pf.P, errs[1] = get("p", f.P)
	pf.S, errs[2] = get("s", f.S)
	for _, e := range errs {
		if e != nil {
			return pf, e
		}
	}
	switch {
	case k == statistics.PrefVShape && pf.P == 0, k == statistics.PrefGaussian && pf.S == 0:
		return pf, fmt.Errorf("%s needs a positive threshold", f.Type)
	case (k == statistics.PrefLevel || k == statistics.PrefLinear) && !(pf.P > pf.Q):
		return pf, fmt.Errorf("%s needs q < p", f.Type)
	}
	return pf, nil
}

// AggregationRecord is what a run that aggregates by a method other than weighted-sum records: the
// exact `evalbench calc` request that recomputes it (Calc is the method name, Request the body),
// the rows and columns of its matrix, and the method's output (the Output field of the response,
// one value per unit) that became the base composite by the mapping of AggregationConfig.
//
//	jq .results.aggregation.request report.json | evalbench calc "$(jq -r .results.aggregation.calc report.json)"
type AggregationRecord struct {
	Method  string             `json:"method"`
	Calc    string             `json:"calc"`
	Units   []string           `json:"units"`
	Columns []string           `json:"columns"`
	Dropped []string           `json:"dropped,omitempty"` // leaves equal for every unit, left out
	Request AggregationRequest `json:"request"`
	Output  string             `json:"output"`
	Values  []float64          `json:"values"`
	// VIKOR's conditions: acceptable advantage (C1), acceptable stability (C2) and the compromise
	// set (unit codes).
	AcceptableAdvantage *bool    `json:"acceptable_advantage,omitempty"`
	AcceptableStability *bool    `json:"acceptable_stability,omitempty"`
	Compromise          []string `json:"compromise,omitempty"`
}

// AggregationRequest is the body of the calc request (aggregate, topsis, vikor, promethee2, gra).
type AggregationRequest struct {
	Matrix    [][]float64                `json:"matrix"`
	Weights   []float64                  `json:"weights"`
	Mean      string                     `json:"mean,omitempty"`
	V         *float64                   `json:"v,omitempty"`
	Rho       *float64                   `json:"rho,omitempty"`
	Functions []PreferenceFunctionConfig `json:"functions,omitempty"`
}

// aggregator computes base composites on 0–100 from a units × leaves matrix and leaf weights.
type aggregator struct {
	cfg AggregationConfig
	pf  statistics.PreferenceFunction
}

func newAggregator(cfg AggregationConfig) aggregator {
	a := aggregator{cfg: cfg}
	if cfg.Function != nil {
		a.pf, _ = cfg.Function.statistics() // checked by RunConfig.Check
	}
	return a
}

func (a aggregator) v() float64 {
	if a.cfg.V != nil {
		return *a.cfg.V
	}
	return 0.5
}

func (a aggregator) rho() float64 {
	if a.cfg.Rho != nil {
		return *a.cfg.Rho
	}
	return 0.5
}

// varying returns the columns of x that are not constant over the rows.
func varying(x *mat.Dense) []int {
	r, c := x.Dims()
	var keep []int
	for j := 0; j < c; j++ {
		for i := 1; i < r; i++ {
			if x.At(i, j) != x.At(0, j) {
				keep = append(keep, j)
				break
			}
		}
	}
	return keep
}

// subset returns the columns keep of x and their weights renormalised to sum 1.
func subset(x *mat.Dense, w []float64, keep []int) (*mat.Dense, []float64) {
	r, _ := x.Dims()
	y := mat.NewDense(r, len(keep), nil)
	ws := make([]float64, len(keep))
	var sum float64
	for k, j := range keep {
		ws[k] = w[j]
		sum += w[j]
		for i := 0; i < r; i++ {
			y.Set(i, k, x.At(i, j))
		}
	}
	for k := range ws {
		ws[k] /= sum
	}
	return y, ws
}

// aggResult is one aggregation: the composites on 0–100, and what produced them.
type aggResult struct {
	composite []float64
	values    []float64 // the method's own output
	x         *mat.Dense
	w         []float64
	keep      []int
	vikor     *statistics.VIKORResult
}

// aggregate applies the method to x (units × leaves, 0–100) with leaf weights w (summing to 1).
// VIKOR, PROMETHEE II and GRA leave out leaves equal for every unit (they do not discriminate;
// VIKOR and GRA divide by their range) and renormalise the other weights, which leaves VIKOR's Q
// and the rankings of the other two unchanged. A data problem (every leaf constant, a degenerate
// matrix) is an error.
func (a aggregator) aggregate(x *mat.Dense, w []float64) (*aggResult, error) {
	r, c := x.Dims()
	res := &aggResult{x: x, w: w, composite: make([]float64, r)}
	switch a.cfg.method() {
	case AggregateWeightedSum:
		res.values = statistics.WeightedArithmetic(nil, x, w)
		copy(res.composite, res.values)
	case AggregateGeometric:
		v, err := statistics.WeightedGeometric(nil, x, w)
		if err != nil {
			return nil, err
		}
		res.values = v
		copy(res.composite, v)
	case AggregateTOPSIS:
		t, err := statistics.TOPSIS(x, w, nil)
		if err != nil {
			return nil, err
		}
		res.values = t.Closeness
		for i, v := range t.Closeness {
			res.composite[i] = 100 * v
		}
	default:
		res.keep = varying(x)
		if len(res.keep) == 0 {
			return nil, &messageError{m: messages.New(messages.AggregationNoVariance, "method", a.cfg.method()), err: statistics.ErrZeroVariance}
		}
		if len(res.keep) < c {
			res.x, res.w = subset(x, w, res.keep)
		}
		switch a.cfg.method() {
		case AggregateVIKOR:
			if r < 2 {
				return nil, &messageError{m: messages.New(messages.AggregationVIKORTwoUnits), err: statistics.ErrDegenerate}
			}
			v, err := statistics.VIKOR(res.x, res.w, nil, a.v())
			if err != nil {
				return nil, err
			}
			res.vikor, res.values = v, v.Q
			for i, q := range v.Q {
				res.composite[i] = 100 * (1 - q)
			}
		case AggregatePROMETHEE2:
			_, n := res.x.Dims()
			fs := make([]statistics.PreferenceFunction, n)
			for j := range fs {
				fs[j] = a.pf
			}
			p, err := statistics.PROMETHEE2(res.x, res.w, nil, fs)
			if err != nil {
				return nil, err
			}
			res.values = p.Phi
			for i, phi := range p.Phi {
				res.composite[i] = 50 * (1 + phi)
			}
		case AggregateGRA:
			g, err := statistics.GreyRelational(res.x, res.w, nil, a.rho(), nil)
			if err != nil {
				return nil, err
			}
			res.values = g.Grades
			for i, v := range g.Grades {
				res.composite[i] = 100 * v
			}
		}
	}
	for i, v := range res.composite {
		res.composite[i] = math.Min(100, math.Max(0, v))
	}
	return res, nil
}

// record describes an aggregation as the calc request that recomputes it.
func (a aggregator) record(ar *aggResult, units, columns []string) *AggregationRecord {
	rec := &AggregationRecord{Method: a.cfg.method(), Units: units, Values: ar.values}
	cols := columns
	if ar.keep != nil && len(ar.keep) < len(columns) {
		cols = nil
		kept := map[int]bool{}
		for _, j := range ar.keep {
			cols = append(cols, columns[j])
			kept[j] = true
		}
		for j, c := range columns {
			if !kept[j] {
				rec.Dropped = append(rec.Dropped, c)
			}
		}
	}
	rec.Columns = cols
	r, c := ar.x.Dims()
	rec.Request.Matrix = make([][]float64, r)
	for i := range rec.Request.Matrix {
		rec.Request.Matrix[i] = make([]float64, c)
		mat.Row(rec.Request.Matrix[i], i, ar.x)
	}
	rec.Request.Weights = ar.w
	switch rec.Method {
	case AggregateGeometric:
		rec.Calc, rec.Output, rec.Request.Mean = "aggregate", "scores", "geometric"
	case AggregateTOPSIS:
		rec.Calc, rec.Output = "topsis", "closeness"
	case AggregateVIKOR:
		v := a.v()
		rec.Calc, rec.Output, rec.Request.V = "vikor", "q", &v
		c1, c2 := ar.vikor.AcceptableAdvantage, ar.vikor.AcceptableStability
		rec.AcceptableAdvantage, rec.AcceptableStability = &c1, &c2
		for _, k := range ar.vikor.Compromise {
			rec.Compromise = append(rec.Compromise, units[k])
		}
	case AggregatePROMETHEE2:
		rec.Calc, rec.Output = "promethee2", "phi"
		if a.cfg.Function != nil {
			rec.Request.Functions = make([]PreferenceFunctionConfig, c)
			for j := range rec.Request.Functions {
				rec.Request.Functions[j] = *a.cfg.Function
			}
		}
	case AggregateGRA:
		rho := a.rho()
		rec.Calc, rec.Output, rec.Request.Rho = "gra", "grades", &rho
	}
	return rec
}

// leafMatrix returns the units with a base score (their indices), the units × leaves matrix of
// their filled leaf scores, the leaves' global weights, the leaf codes and the tree.
func (e *engine) leafMatrix() (idx []int, x *mat.Dense, g []float64, codes []string, tree *statistics.Tree, cols []int) {
	for i := range e.units {
		if !math.IsNaN(e.base[i]) {
			idx = append(idx, i)
		}
	}
	tree, cols, _ = e.weightTree()
	x = mat.NewDense(max(len(idx), 1), len(cols), nil)
	for r, i := range idx {
		row := e.filledRow(i)
		for c, col := range cols {
			x.Set(r, c, row[col])
		}
	}
	g = tree.GlobalWeights(make([]float64, len(cols)))
	codes = make([]string, len(cols))
	for c, col := range cols {
		if col < len(e.refs) {
			codes[c] = e.refs[col].Node.Code
		} else {
			codes[c] = e.cfg.Components[col-len(e.refs)].Code
		}
	}
	return idx, x, g, codes, tree, cols
}

// reaggregate replaces the weighted-sum base composites by the configured method's and records
// the calc request that recomputes them. It runs after compose and before rank.
func (e *engine) reaggregate() error {
	a := newAggregator(e.cfg.Aggregation)
	if a.cfg.method() == AggregateWeightedSum {
		return nil
	}
	idx, x, g, codes, _, _ := e.leafMatrix()
	if len(idx) == 0 {
		return nil
	}
	ar, err := a.aggregate(x, g)
	if err != nil {
		return Invalid("aggregation.method", messages.RunConfigAggregationFailed, "method", a.cfg.method(), "error", reason(err))
	}
	units := make([]string, len(idx))
	for r, i := range idx {
		units[r] = e.units[i]
		u := &e.res.Units[i]
		e.base[i] = ar.composite[r]
		u.Base = ptr(ar.composite[r])
		u.Composite = ptr(ar.composite[r] + u.Bonus - u.Penalty)
	}
	e.res.Aggregation = a.record(ar, units, codes)
	return nil
}
