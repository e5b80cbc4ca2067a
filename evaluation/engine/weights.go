package engine

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"gonum.org/v1/gonum/mat"

	"evalbench/messages"
	"evalbench/statistics"
)

// WeightMethod says how a weight set derives its weights.
type WeightMethod string

// Weight methods.
const (
	WeightEqual    WeightMethod = "equal"    // every node's children weigh the same
	WeightDirect   WeightMethod = "direct"   // local weights entered by experts
	WeightAHP      WeightMethod = "ahp"      // experts' pairwise comparisons, aggregated
	WeightEntropy  WeightMethod = "entropy"  // Shannon entropy of the indicators' data
	WeightCRITIC   WeightMethod = "critic"   // CRITIC (Diakoulaki et al. 1995) on the data
	WeightCombined WeightMethod = "combined" // a subjective and an objective set combined
)

// RootNode is the code of the framework's root in weight sets: its children are the four 4E
// dimensions.
const RootNode = "root"

// AHPConfig configures how expert judgments become weights.
type AHPConfig struct {
	Priority    string  `json:"priority"`     // eigenvector (default) or geometric
	RI          string  `json:"ri"`           // saaty (default) or alonso-lamata
	CRThreshold float64 `json:"cr_threshold"` // default 0.10
	Gate        string  `json:"gate"`         // exclude (default): drop inconsistent matrices; block: refuse
	// ungated keeps every matrix whatever its CR: the Monte Carlo and sensitivity samples whose
	// judgments were varied or re-expressed on another scale (ensemble.go), never a stored set.
	ungated     bool
	Aggregation string `json:"aggregation"` // aij (default), aij-trimmed, aij-quantile, aip-geometric, aip-arithmetic
	// Trim is the share dropped at each end of each pair's log judgments by aij-trimmed
	// (⌊trim·k⌋ judgments) and aij-quantile (the p of the p…1−p interquantile mean), 0 ≤ trim < 0.5.
	Trim    float64            `json:"trim,omitempty"`
	Experts map[string]float64 `json:"expert_weights,omitempty"`
}

// CombinedConfig configures a combined weight set: global weights
// w = α·subjective + (1 − α)·objective (linear) or w ∝ subjective·objective (product).
type CombinedConfig struct {
	Subjective WeightMethod `json:"subjective"` // ahp, direct or equal
	Objective  WeightMethod `json:"objective"`  // entropy or critic
	Alpha      float64      `json:"alpha"`
	Formula    string       `json:"formula"` // linear (default) or product
}

// NodeWeights are the local weights of one node's children.
type NodeWeights struct {
	Node     string    `json:"node"`
	Children []string  `json:"children"`
	Weights  []float64 `json:"weights"`
}

// WeightAdjustment sets one child's local weight by hand, with a reason; the siblings are
// rescaled so that the node's weights still sum to 1.
type WeightAdjustment struct {
	Node   string    `json:"node"`
	Child  string    `json:"child"`
	Weight float64   `json:"weight"`
	Reason string    `json:"reason"`
	By     string    `json:"by,omitempty"`
	At     time.Time `json:"at,omitzero"`
}

// WeightSet is one version of a way to weigh a framework's nodes.
type WeightSet struct {
	ID              string             `json:"id,omitempty"`
	CommissionID    string             `json:"commission_id,omitempty"`
	FrameworkID     string             `json:"framework_id"`
	FrameworkDigest string             `json:"framework_digest,omitempty"`
	Number          int                `json:"number,omitempty"`
	Version         int                `json:"version,omitempty"`
	BasedOn         string             `json:"based_on,omitempty"`
	Locked          bool               `json:"locked,omitempty"` // used by a run: neither the set nor its judgments change
	Name            string             `json:"name"`
	Method          WeightMethod       `json:"method"`
	AHP             AHPConfig          `json:"ahp,omitzero"`
	Direct          []NodeWeights      `json:"direct,omitempty"`
	Combined        *CombinedConfig    `json:"combined,omitempty"`
	DatasetID       string             `json:"dataset_id,omitempty"` // data for entropy/CRITIC
	Adjustments     []WeightAdjustment `json:"adjustments,omitempty"`
	Illustrative    bool               `json:"illustrative,omitempty"`
	Note            string             `json:"note,omitempty"`
	CreatedBy       string             `json:"created_by,omitempty"`
	CreatedAt       time.Time          `json:"created_at,omitzero"`
}

// Judgment is one expert's pairwise comparison matrix for the children of one node. Matrix[i][j]
// says how many times Criteria[i] is preferred to Criteria[j] on Saaty's 1–9 scale; 0 marks a
// missing judgment (completed by Harker's method).
type Judgment struct {
	Node       string `json:"node"`
	Expert     string `json:"expert"` // the expert's key: a user id, or a panel key
	ExpertName string `json:"expert_name"`
	// Organisation is the expert's organisation (单位) as the panel file or the judgment round
	// gives it; empty when none was given, and then absent from the JSON, so that the canonical
	// inputs of judgments stored before it existed serialise as they did.
	Organisation string      `json:"organisation,omitempty"`
	Criteria     []string    `json:"criteria"`
	Matrix       [][]float64 `json:"matrix"`
	SubmittedAt  time.Time   `json:"submitted_at,omitzero"`
	// Intake records how a matrix read from a survey export was made: its source row, and, when
	// judgments were revised, the matrix as answered and each revision. Nil for matrices entered
	// directly.
	Intake *JudgmentIntake `json:"intake,omitempty"`
}

// JudgmentIntake is the provenance of a matrix built from one respondent's row of a survey
// export (see evaluation.ImportSurveyJudgments).
type JudgmentIntake struct {
	Source string `json:"source"` // "survey"
	File   string `json:"file,omitempty"`
	SHA256 string `json:"sha256,omitempty"` // of the file
	Row    int    `json:"row"`              // the respondent's row in the file
	// Missing counts the pairs the respondent left blank: 0 in Matrix, completed by Harker's
	// incomplete-matrix method in the derivation.
	Missing int `json:"missing,omitempty"`
	// Original is the matrix as answered when Revisions is not empty; Matrix is then the revised one.
	Original  [][]float64        `json:"original,omitempty"`
	Revisions []JudgmentRevision `json:"revisions,omitempty"`
}

// JudgmentRevision is one judgment revised by Harker's method (statistics.ReviseHarker).
type JudgmentRevision struct {
	Row        string  `json:"row"`    // criterion code of a_ij's row
	Column     string  `json:"column"` // criterion code of a_ij's column
	Original   float64 `json:"original"`
	Revised    float64 `json:"revised"`
	Derivative float64 `json:"derivative"`
	CRBefore   float64 `json:"cr_before"`
	CRAfter    float64 `json:"cr_after"`
}

// ObjectiveData is the data the objective methods weigh: one row per evaluated unit, one column
// per indicator (Indicators, in framework order), NaN where a value is missing.
type ObjectiveData struct {
	Units      []string
	Indicators []string
	Values     [][]float64
}

// ExpertResult is one expert's matrix at one node, as judged.
type ExpertResult struct {
	Node       string `json:"node"`
	Expert     string `json:"expert"`
	ExpertName string `json:"expert_name"`
	// Organisation is the judgment's (Judgment.Organisation); absent when empty, so that results
	// derived from judgments without one serialise as they did.
	Organisation string               `json:"organisation,omitempty"`
	Weights      []float64            `json:"weights"`
	LambdaMax    float64              `json:"lambda_max"`
	CI           float64              `json:"ci"`
	CR           float64              `json:"cr"`
	GCI          float64              `json:"gci"`
	Consistent   bool                 `json:"consistent"`
	Missing      int                  `json:"missing,omitempty"`
	Excluded     bool                 `json:"excluded"`
	Reason       *messages.Message    `json:"reason,omitempty"` // why it was excluded (a catalogue message)
	Suggestions  []JudgmentSuggestion `json:"suggestions,omitempty"`
	Warnings     []string             `json:"warnings,omitempty"`
	// WarningMessages are the Warnings as messages of the catalogue, in the same order (Warnings
	// are their English texts, kept for existing clients).
	WarningMessages []messages.Message `json:"warning_messages,omitempty"`
}

// JudgmentSuggestion proposes revising one judgment: a[I][J] (Criteria[I] vs Criteria[J]) from
// Current to the Saaty-scale value Suggested, which lowers CR to CR.
type JudgmentSuggestion struct {
	I         int     `json:"i"`
	J         int     `json:"j"`
	RowCode   string  `json:"row"`
	ColCode   string  `json:"column"`
	Current   float64 `json:"current"`
	Suggested float64 `json:"suggested"`
	Deviation float64 `json:"deviation"`
	CR        float64 `json:"cr"`
}

// NodeResult is the derived local weights of one node.
type NodeResult struct {
	NodeWeights
	Source    string      `json:"source"`              // how the weights came about
	Experts   int         `json:"experts,omitempty"`   // matrices used
	GroupCR   *float64    `json:"group_cr,omitempty"`  // CR of the aggregated matrix (AIJ)
	Consensus *float64    `json:"consensus,omitempty"` // group incompatibility index (GCOMPI mean)
	CellGSD   [][]float64 `json:"cell_gsd,omitempty"`  // per-cell geometric SD across experts
}

// IndicatorWeight is an indicator's global weight: the product of the local weights on its path.
type IndicatorWeight struct {
	Indicator string    `json:"indicator"`
	Dimension Dimension `json:"dimension"`
	Weight    float64   `json:"weight"`
}

// Completeness says whether an expert submitted a matrix for a node.
type Completeness struct {
	Node      string `json:"node"`
	Expert    string `json:"expert"`
	Submitted bool   `json:"submitted"`
}

// WeightResult is what a weight set derives on a framework.
type WeightResult struct {
	Method       WeightMethod       `json:"method"`
	Complete     bool               `json:"complete"`
	Problems     []messages.Message `json:"problems,omitempty"` // why the set cannot be used yet (catalogue messages)
	Nodes        []NodeResult       `json:"nodes"`
	Global       []IndicatorWeight  `json:"global"`
	Dimensions   []IndicatorWeight  `json:"dimensions"`
	Experts      []ExpertResult     `json:"experts,omitempty"`
	Completeness []Completeness     `json:"completeness,omitempty"`
	Objective    []IndicatorWeight  `json:"objective,omitempty"`
	Subjective   []IndicatorWeight  `json:"subjective,omitempty"`
	Adjustments  []WeightAdjustment `json:"adjustments,omitempty"`
	RITable      string             `json:"ri_table,omitempty"`
}

// weightNode is a node of the framework as weight sets see it: the root, the dimensions and the
// groups, each with its children's codes.
type weightNode struct {
	code     string
	children []string
}

// weightNodes lists the framework's inner nodes in tree order (root first), each with its
// children's codes. A dimension or group without any indicator below it carries no weight: it is
// left out of its parent's children (so experts do not compare it) and out of the list.
func weightNodes(f *Framework) []weightNode {
	var hasIndicator func(n *Node) bool
	hasIndicator = func(n *Node) bool {
		if n.Kind == KindIndicator {
			return true
		}
		for _, c := range n.Children {
			if hasIndicator(c) {
				return true
			}
		}
		return false
	}
	root := weightNode{code: RootNode}
	for _, d := range f.Dimensions {
		if hasIndicator(d) {
			root.children = append(root.children, d.Code)
		}
	}
	out := []weightNode{root}
	var walk func(n *Node)
	walk = func(n *Node) {
		if n.Kind == KindIndicator || !hasIndicator(n) {
			return
		}
		wn := weightNode{code: n.Code}
		for _, c := range n.Children {
			if hasIndicator(c) {
				wn.children = append(wn.children, c.Code)
			}
		}
		out = append(out, wn)
		for _, c := range n.Children {
			walk(c)
		}
	}
	for _, d := range f.Dimensions {
		walk(d)
	}
	return out
}

func (c AHPConfig) options() (statistics.AHPOptions, error) {
	o := statistics.AHPOptions{CRThreshold: c.CRThreshold, Tolerance: 1e-3}
	switch c.Priority {
	case "", "eigenvector":
		o.Method = statistics.Eigenvector
	case "geometric":
		o.Method = statistics.GeometricMean
	default:
		return o, Invalid("ahp.priority", messages.WeightSetAHPPriority, "priority", string(c.Priority))
	}
	switch c.RI {
	case "", "saaty":
		o.RI = statistics.RISaaty
	case "alonso-lamata":
		o.RI = statistics.RIAlonsoLamata
	default:
		return o, Invalid("ahp.ri", messages.WeightSetAHPRI, "ri", string(c.RI))
	}
	if c.CRThreshold < 0 || c.CRThreshold > 1 {
		return o, Invalid("ahp.cr_threshold", messages.WeightSetAHPCRThreshold)
	}
	switch c.Gate {
	case "", "exclude", "block":
	default:
		return o, Invalid("ahp.gate", messages.WeightSetAHPGate, "gate", string(c.Gate))
	}
	switch c.Aggregation {
	case "", "aij", "aip-geometric", "aip-arithmetic":
		if c.Trim != 0 {
			return o, Invalid("ahp.trim", messages.WeightSetAHPTrimOnly)
		}
	case "aij-trimmed", "aij-quantile":
		if !(c.Trim >= 0 && c.Trim < 0.5) {
			return o, Invalid("ahp.trim", messages.WeightSetAHPTrimRange)
		}
	default:
		return o, Invalid("ahp.aggregation", messages.WeightSetAHPAggregation, "aggregation", string(c.Aggregation))
	}
	return o, nil
}

// Threshold returns the configured CR threshold (0.10 by default).
func (c AHPConfig) Threshold() float64 {
	if c.CRThreshold == 0 {
		return 0.10
	}
	return c.CRThreshold
}

// Check validates a weight set's configuration against a framework.
func (ws *WeightSet) Check(f *Framework) error {
	v := validation(messages.ValidationWeightSet)
	add := func(field string, id messages.ID, kv ...any) { v.Add(problem(field, "", id, kv...)) }
	switch ws.Method {
	case WeightEqual, WeightAHP, WeightEntropy, WeightCRITIC:
	case WeightDirect:
		if len(ws.Direct) == 0 {
			add("direct", messages.WeightSetDirectRequired)
		}
	case WeightCombined:
		c := ws.Combined
		if c == nil {
			add("combined", messages.WeightSetCombinedRequired)
			break
		}
		if c.Subjective != WeightAHP && c.Subjective != WeightDirect && c.Subjective != WeightEqual {
			add("combined.subjective", messages.WeightSetSubjective)
		}
		if c.Objective != WeightEntropy && c.Objective != WeightCRITIC {
			add("combined.objective", messages.WeightSetObjective)
		}
		switch c.Formula {
		case "", "linear":
			if c.Alpha < 0 || c.Alpha > 1 || math.IsNaN(c.Alpha) {
				add("combined.alpha", messages.WeightSetAlpha)
			}
		case "product":
		default:
			add("combined.formula", messages.WeightSetFormula)
		}
	default:
		add("method", messages.WeightSetMethod, "method", string(ws.Method))
	}
	if _, err := ws.AHP.options(); err != nil {
		var ve *ValidationError
		if errors.As(err, &ve) {
			for _, p := range ve.Problems {
				v.Add(p)
			}
		}
	}
	for k, w := range ws.AHP.Experts {
		if !(w > 0) || math.IsInf(w, 0) {
			add("ahp.expert_weights."+k, messages.WeightSetExpertWeight)
		}
	}
	nodes := map[string][]string{}
	for _, n := range weightNodes(f) {
		nodes[n.code] = n.children
	}
	for i, d := range ws.Direct {
		field := fmt.Sprintf("direct[%d]", i)
		children, ok := nodes[d.Node]
		if !ok {
			add(field+".node", messages.WeightSetNoNode, "node", d.Node)
			continue
		}
		if !slices.Equal(children, d.Children) {
			add(field+".children", messages.WeightSetChildrenOrder, "children", children)
		}
		if len(d.Weights) != len(d.Children) {
			add(field+".weights", messages.WeightSetOneWeightPerChild)
			continue
		}
		if err := statistics.CheckWeights(d.Weights, 1e-6); err != nil {
			add(field+".weights", messages.WeightSetWeightsInvalid, "error", StatMessage(err))
		}
	}
	for i, a := range ws.Adjustments {
		field := fmt.Sprintf("adjustments[%d]", i)
		if !slices.Contains(nodes[a.Node], a.Child) {
			add(field+".child", messages.WeightSetNoChild, "node", a.Node, "child", a.Child)
		} else if len(nodes[a.Node]) < 2 {
			add(field+".node", messages.WeightSetSingleChild, "node", a.Node)
		}
		if !(a.Weight >= 0 && a.Weight < 1) {
			add(field+".weight", messages.WeightSetAdjustedWeight)
		}
		if strings.TrimSpace(a.Reason) == "" {
			add(field+".reason", messages.WeightSetAdjustmentReason)
		}
	}
	return v.Err()
}

// CheckJudgment validates one expert matrix against the framework node it judges.
func CheckJudgment(f *Framework, j *Judgment) error {
	v := validation(messages.ValidationJudgment)
	var children []string
	found := false
	for _, n := range weightNodes(f) {
		if n.code == j.Node {
			children, found = n.children, true
		}
	}
	if !found {
		v.Add(problem("node", j.Node, messages.JudgmentNoNode))
		return v
	}
	if len(j.Criteria) == 0 {
		j.Criteria = children
	}
	if !slices.Equal(children, j.Criteria) {
		v.Add(problem("criteria", "", messages.JudgmentCriteria, "node", j.Node, "children", children))
	}
	n := len(children)
	if n < 2 {
		v.Add(problem("node", j.Node, messages.JudgmentSingleChild))
	}
	if len(j.Matrix) != n {
		v.Add(problem("matrix", "", messages.JudgmentRows, "rows", len(j.Matrix), "node", j.Node, "children", n))
		return v.Err()
	}
	for i, row := range j.Matrix {
		if len(row) != n {
			v.Add(problem(fmt.Sprintf("matrix[%d]", i), "", messages.JudgmentRowLength, "row", i, "count", len(row), "want", n))
			continue
		}
		for k, x := range row {
			if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
				v.Add(problem(fmt.Sprintf("matrix[%d][%d]", i, k), "", messages.JudgmentPositive))
			}
			if i == k && x != 1 && x != 0 {
				v.Add(problem(fmt.Sprintf("matrix[%d][%d]", i, k), "", messages.JudgmentDiagonal))
			}
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	m := mat.NewDense(n, n, nil)
	for i, row := range j.Matrix {
		m.SetRow(i, row)
	}
	if _, _, err := statistics.CompletePairwise(m, 1e-3); err != nil {
		v.Add(problem("matrix", "", messages.JudgmentIncomplete, "error", StatMessage(err)))
	}
	return v.Err()
}

// DeriveWeights computes a weight set's weights on framework f: local weights at every node and
// global weights per indicator (products down the tree). judgments are the experts' matrices
// (AHP and combined-with-AHP sets); data is the current data for entropy and CRITIC. It returns a
// result with Complete false and the Problems listed when the set cannot be used yet (a node
// without consistent judgments, a gate that blocks); errors are reserved for unusable inputs.
func DeriveWeights(f *Framework, ws *WeightSet, judgments []Judgment, data *ObjectiveData) (*WeightResult, error) {
	if err := ws.Check(f); err != nil {
		return nil, err
	}
	res := &WeightResult{Method: ws.Method, Complete: true}
	nodes := weightNodes(f)
	subjective := ws.Method
	if ws.Method == WeightCombined {
		subjective = ws.Combined.Subjective
	}
	local := map[string][]float64{}
	switch subjective {
	case WeightAHP:
		if err := deriveAHP(res, nodes, ws.AHP, judgments, local); err != nil {
			return nil, err
		}
		res.RITable = ws.AHP.RI
		if res.RITable == "" {
			res.RITable = "saaty"
		}
	case WeightDirect:
		given := map[string]NodeWeights{}
		for _, d := range ws.Direct {
			given[d.Node] = d
		}
		for _, n := range nodes {
			if d, ok := given[n.code]; ok {
				local[n.code] = normalized(d.Weights)
				res.Nodes = append(res.Nodes, NodeResult{NodeWeights: NodeWeights{n.code, n.children, local[n.code]}, Source: "direct"})
				continue
			}
			if len(n.children) == 1 {
				local[n.code] = []float64{1}
				res.Nodes = append(res.Nodes, NodeResult{NodeWeights: NodeWeights{n.code, n.children, local[n.code]}, Source: "single child"})
				continue
			}
			res.Complete = false
			res.Problems = append(res.Problems, messages.New(messages.AHPNodeNoDirect, "node", n.code))
		}
	default: // equal, and the objective methods (whose tree is derived from the global weights)
		for _, n := range nodes {
			w := make([]float64, len(n.children))
			for i := range w {
				w[i] = 1 / float64(len(w))
			}
			local[n.code] = w
			res.Nodes = append(res.Nodes, NodeResult{NodeWeights: NodeWeights{n.code, n.children, w}, Source: "equal"})
		}
	}
	if !res.Complete {
		return res, nil
	}
	global := globalWeights(f, nodes, local)
	if ws.Method == WeightEntropy || ws.Method == WeightCRITIC || ws.Method == WeightCombined {
		method := ws.Method
		if method == WeightCombined {
			method = ws.Combined.Objective
		}
		obj, err := objectiveWeights(f, method, data)
		if err != nil {
			res.Complete = false
			var me *messageError
			if errors.As(err, &me) {
				res.Problems = append(res.Problems, me.m)
			} else {
				res.Problems = append(res.Problems, messages.New(messages.WeightsDerivationFailed, "error", StatMessage(err)))
			}
			return res, nil
		}
		res.Objective = indicatorWeights(f, obj)
		switch ws.Method {
		case WeightCombined:
			res.Subjective = indicatorWeights(f, global)
			if ws.Combined.Formula == "product" {
				global, err = statistics.CombineProduct(nil, global, obj)
				if err != nil {
					res.Complete = false
					res.Problems = append(res.Problems, messages.New(messages.AHPProductUndefined, "error", StatMessage(err)))
					return res, nil
				}
			} else {
				global = statistics.CombineLinear(nil, global, obj, ws.Combined.Alpha)
			}
		default:
			global = obj
		}
		// The tree's local weights follow from the global ones: a node weighs the sum of its
		// indicators' weights, and each child its share of its parent's.
		local = localFromGlobal(f, nodes, global)
		for i := range res.Nodes {
			res.Nodes[i].Weights = local[res.Nodes[i].Node]
			res.Nodes[i].Source = string(ws.Method)
		}
	}
	if len(ws.Adjustments) > 0 {
		for _, a := range ws.Adjustments {
			w := local[a.Node]
			i := slices.Index(nodeByCode(nodes, a.Node).children, a.Child)
			rest := 1 - w[i]
			for k := range w {
				if k == i {
					continue
				}
				if rest > 0 {
					w[k] = w[k] / rest * (1 - a.Weight)
				} else {
					w[k] = (1 - a.Weight) / float64(len(w)-1)
				}
			}
			w[i] = a.Weight
		}
		for i := range res.Nodes {
			res.Nodes[i].Weights = local[res.Nodes[i].Node]
		}
		res.Adjustments = ws.Adjustments
		global = globalWeights(f, nodes, local)
	}
	res.Global = indicatorWeights(f, global)
	root := nodeByCode(nodes, RootNode)
	for _, d := range f.Dimensions {
		w := 0.0
		if i := slices.Index(root.children, d.Code); i >= 0 {
			w = local[RootNode][i]
		}
		res.Dimensions = append(res.Dimensions, IndicatorWeight{Indicator: d.Code, Dimension: Dimension(d.Code), Weight: w})
	}
	return res, nil
}

func nodeByCode(nodes []weightNode, code string) weightNode {
	for _, n := range nodes {
		if n.code == code {
			return n
		}
	}
	return weightNode{}
}

func normalized(w []float64) []float64 {
	out := make([]float64, len(w))
	var s float64
	for _, x := range w {
		s += x
	}
	for i, x := range w {
		out[i] = x / s
	}
	return out
}

// globalWeights multiplies local weights down the tree; the result is in framework indicator
// order.
func globalWeights(f *Framework, nodes []weightNode, local map[string][]float64) []float64 {
	weightOf := map[string]float64{RootNode: 1}
	for _, n := range nodes {
		for i, c := range n.children {
			weightOf[c] = weightOf[n.code] * local[n.code][i]
		}
	}
	refs := f.Indicators()
	out := make([]float64, len(refs))
	for i, r := range refs {
		out[i] = weightOf[r.Node.Code]
	}
	return out
}

// localFromGlobal derives every node's local weights from global indicator weights. A node whose
// indicators all weigh 0 gives its children equal shares.
func localFromGlobal(f *Framework, nodes []weightNode, global []float64) map[string][]float64 {
	mass := map[string]float64{}
	for i, r := range f.Indicators() {
		mass[r.Node.Code] = global[i]
	}
	// Inner nodes in reverse tree order see their children's mass first.
	for k := len(nodes) - 1; k >= 0; k-- {
		var s float64
		for _, c := range nodes[k].children {
			s += mass[c]
		}
		mass[nodes[k].code] = s
	}
	local := map[string][]float64{}
	for _, n := range nodes {
		w := make([]float64, len(n.children))
		for i, c := range n.children {
			if mass[n.code] > 0 {
				w[i] = mass[c] / mass[n.code]
			} else {
				w[i] = 1 / float64(len(w))
			}
		}
		local[n.code] = w
	}
	return local
}

func indicatorWeights(f *Framework, w []float64) []IndicatorWeight {
	refs := f.Indicators()
	out := make([]IndicatorWeight, len(refs))
	for i, r := range refs {
		out[i] = IndicatorWeight{Indicator: r.Node.Code, Dimension: r.Dimension, Weight: w[i]}
	}
	return out
}

// messageError is an error the engine can say in the catalogue's words; Error is the English.
type messageError struct {
	m    messages.Message
	kind error // a sentinel error of package statistics that the error also is, or nil
}

// Unwrap makes errors.Is match the kind.
func (e *messageError) Unwrap() error { return e.kind }

func (e *messageError) Error() string { return messages.For(messages.English).Render(e.m) }

// errorMessage is err as a message of the catalogue: a *messageError's message, and otherwise
// what StatMessage makes of it (the errors of package statistics).
func errorMessage(err error) messages.Message {
	var me *messageError
	if errors.As(err, &me) {
		return me.m
	}
	return StatMessage(err)
}

// objectiveWeights computes entropy or CRITIC weights over the indicators with data, in framework
// indicator order. Every indicator needs a value for every unit and at least two units must differ.
func objectiveWeights(f *Framework, method WeightMethod, data *ObjectiveData) ([]float64, error) {
	refs := f.Indicators()
	if data == nil || len(data.Units) < 2 {
		return nil, &messageError{m: messages.New(messages.WeightsDataTooFewUnits, "method", string(method))}
	}
	col := map[string]int{}
	for j, c := range data.Indicators {
		col[c] = j
	}
	x := mat.NewDense(len(data.Units), len(refs), nil)
	pol := make([]statistics.Polarity, len(refs))
	var missing []string
	for j, r := range refs {
		c, ok := col[r.Node.Code]
		for i := range data.Units {
			v := math.NaN()
			if ok {
				v = data.Values[i][c]
			}
			if math.IsNaN(v) {
				missing = append(missing, r.Node.Code+"/"+data.Units[i])
				continue
			}
			x.Set(i, j, v)
		}
		pol[j] = statistics.Higher
		if r.Node.Indicator.Polarity == PolarityLower {
			pol[j] = statistics.Lower
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, &messageError{m: messages.New(messages.WeightsDataMissingValues, "method", string(method), "missing", missing)}
	}
	var w []float64
	var err error
	if method == WeightEntropy {
		w, err = statistics.EntropyWeights(nil, x, pol, statistics.EntropyMinMax)
	} else {
		w, err = statistics.CRITICWeights(nil, x, pol)
	}
	if err != nil {
		return nil, fmt.Errorf("%s weights: %w", method, err)
	}
	return w, nil
}

// deriveAHP computes each node's weights from the experts' judgments.
func deriveAHP(res *WeightResult, nodes []weightNode, cfg AHPConfig, judgments []Judgment, local map[string][]float64) error {
	opts, err := cfg.options()
	if err != nil {
		return err
	}
	opts.CRThreshold = cfg.Threshold()
	byNode := map[string][]Judgment{}
	expertSet := map[string]bool{}
	for _, j := range judgments {
		byNode[j.Node] = append(byNode[j.Node], j)
		expertSet[j.Expert] = true
	}
	experts := make([]string, 0, len(expertSet))
	for e := range expertSet {
		experts = append(experts, e)
	}
	sort.Strings(experts)
	for _, n := range nodes {
		js := byNode[n.code]
		sort.Slice(js, func(a, b int) bool { return js[a].Expert < js[b].Expert })
		if len(n.children) > 1 {
			for _, e := range experts {
				submitted := slices.ContainsFunc(js, func(j Judgment) bool { return j.Expert == e })
				res.Completeness = append(res.Completeness, Completeness{Node: n.code, Expert: e, Submitted: submitted})
			}
		}
		if len(n.children) == 1 {
			local[n.code] = []float64{1}
			res.Nodes = append(res.Nodes, NodeResult{NodeWeights: NodeWeights{n.code, n.children, []float64{1}}, Source: "single child"})
			continue
		}
		var used []mat.Matrix
		var usedW []float64
		var priorities [][]float64
		for _, j := range js {
			k := len(n.children)
			m := mat.NewDense(k, k, nil)
			for i, row := range j.Matrix {
				m.SetRow(i, row)
			}
			r, err := statistics.AHP(m, opts)
			if err != nil {
				return fmt.Errorf("expert %s, node %s: %w", j.ExpertName, n.code, err)
			}
			er := ExpertResult{Node: n.code, Expert: j.Expert, ExpertName: j.ExpertName, Organisation: j.Organisation, Weights: r.Weights, LambdaMax: r.LambdaMax,
				CI: r.CI, CR: r.CR, GCI: r.GCI, Consistent: r.Consistent, Missing: r.Missing}
			for _, w := range r.Warnings {
				m := StatWarning(w)
				er.Warnings, er.WarningMessages = append(er.Warnings, english(m)), append(er.WarningMessages, m)
			}
			for _, s := range r.Suggestions {
				er.Suggestions = append(er.Suggestions, JudgmentSuggestion{I: s.I, J: s.J, RowCode: n.children[s.I], ColCode: n.children[s.J],
					Current: s.Current, Suggested: s.Suggested, Deviation: s.Deviation, CR: s.CR})
			}
			if !r.Consistent && !cfg.ungated {
				if cfg.Gate == "block" {
					res.Complete = false
					res.Problems = append(res.Problems, messages.New(messages.AHPGateBlocks, "node", n.code, "expert", j.ExpertName,
						"cr", fmt.Sprintf("%.4f", r.CR), "threshold", fmt.Sprintf("%.2f", cfg.Threshold())))
				} else {
					er.Excluded = true
					er.Reason = note(messages.AHPExcludedCR, "cr", fmt.Sprintf("%.4f", r.CR), "threshold", fmt.Sprintf("%.2f", cfg.Threshold()))
					if opts.Method == statistics.GeometricMean {
						er.Reason = note(messages.AHPExcludedGCI, "gci", fmt.Sprintf("%.4f", r.GCI), "threshold", fmt.Sprintf("%.2f", statistics.GCIThreshold(k)))
					}
				}
			}
			res.Experts = append(res.Experts, er)
			if er.Excluded || !r.Consistent && !cfg.ungated {
				continue
			}
			used = append(used, r.Completed)
			usedW = append(usedW, expertWeight(cfg, j.Expert))
			priorities = append(priorities, r.Weights)
		}
		if len(used) == 0 {
			res.Complete = false
			res.Problems = append(res.Problems, messages.New(messages.AHPNodeNoConsistent, "node", n.code))
			continue
		}
		nr := NodeResult{NodeWeights: NodeWeights{Node: n.code, Children: n.children}, Experts: len(used)}
		switch cfg.Aggregation {
		case "aip-geometric", "aip-arithmetic":
			nr.Weights = statistics.AggregatePriorities(nil, priorities, usedW, cfg.Aggregation == "aip-geometric")
			nr.Source = "ahp " + cfg.Aggregation
		default:
			var agg *mat.Dense
			nr.Source = "ahp aij"
			switch cfg.Aggregation {
			case "aij-trimmed", "aij-quantile":
				agg = statistics.AggregateJudgmentsRobust(nil, used, cfg.Trim, cfg.Aggregation == "aij-quantile")
				nr.Source = fmt.Sprintf("ahp %s %g", cfg.Aggregation, cfg.Trim)
			default:
				agg = statistics.AggregateJudgments(nil, used, usedW)
			}
			r, err := statistics.AHP(agg, statistics.AHPOptions{Method: opts.Method, RI: opts.RI, CRThreshold: opts.CRThreshold, Tolerance: 1e-6, MaxSuggestions: -1})
			if err != nil {
				return fmt.Errorf("node %s: aggregated matrix: %w", n.code, err)
			}
			nr.Weights = r.Weights
			cr := r.CR
			nr.GroupCR = &cr
		}
		if len(used) > 1 {
			c := statistics.GroupConsensus(used, usedW, nr.Weights)
			idx := c.Index
			nr.Consensus, nr.CellGSD = &idx, c.CellGSD
		}
		local[n.code] = nr.Weights
		res.Nodes = append(res.Nodes, nr)
	}
	return nil
}

func expertWeight(cfg AHPConfig, expert string) float64 {
	if w, ok := cfg.Experts[expert]; ok {
		return w
	}
	return 1
}

// UsesJudgments reports whether the set derives weights from experts' AHP matrices.
func (ws *WeightSet) UsesJudgments() bool {
	return ws.Method == WeightAHP || ws.Method == WeightCombined && ws.Combined != nil && ws.Combined.Subjective == WeightAHP
}

// UsesData reports whether the set computes weights from data (entropy, CRITIC, combined).
func (ws *WeightSet) UsesData() bool {
	return ws.Method == WeightEntropy || ws.Method == WeightCRITIC || ws.Method == WeightCombined
}

// WeightedChildren returns the children of an inner node that carry weight (see weightNodes), and
// whether the framework has such a node.
func WeightedChildren(f *Framework, node string) ([]string, bool) {
	var children []string
	found := false
	for _, n := range weightNodes(f) {
		if n.code == node {
			children, found = n.children, true
		}
	}
	return children, found
}

// WeightNode is an inner node of the framework that carries weight, with the codes of its
// weighted children: what an expert compares pairwise.
type WeightNode struct {
	Code     string
	Children []string
}

// WeightNodes lists the framework's inner nodes that carry weight, root first (see weightNodes).
func WeightNodes(f *Framework) []WeightNode {
	in := weightNodes(f)
	out := make([]WeightNode, len(in))
	for i, n := range in {
		out[i] = WeightNode{Code: n.code, Children: n.children}
	}
	return out
}
