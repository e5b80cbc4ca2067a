package engine

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"

	"evalbench/messages"
	"evalbench/statistics"
)

// SurveyResult is the aggregation of a survey's responses (AggregateSurvey). Every list is in
// canonical order — units, groups and items by code — so that the same inputs always serialise
// to the same bytes. Scores in Score fields are on 0–100; every other statistic is on the
// survey's scale.
type SurveyResult struct {
	SurveyID    string             `json:"survey_id,omitempty"`
	Survey      string             `json:"survey"` // the survey's code
	Scale       Scale              `json:"scale"`
	Options     SurveyOptions      `json:"options"`
	Responses   int                `json:"responses"`
	Units       []SurveyUnitResult `json:"units"`
	Leniency    *LeniencyReport    `json:"leniency,omitempty"` // present when the correction is on
	Reliability SurveyReliability  `json:"reliability"`
	// Comments are the respondents' comments by unit × group under their own anonymity
	// threshold (GroupComments); absent when nobody commented.
	Comments []CommentGroup `json:"comments,omitempty"`
}

// SurveyUnitResult is one evaluated unit's result: its 360 score, how the group weights were
// renormalised over the groups that met their minimum, each group's statistics, and the
// self–others gaps.
type SurveyUnitResult struct {
	Unit string `json:"unit"`
	// Score = Σ w_g·score_g / Σ w_g over the counted groups; null when no group counts.
	Score   *float64            `json:"score"`
	Weights []SurveyGroupWeight `json:"weights"`
	Groups  []SurveyGroupResult `json:"groups"`
	Gaps    []SelfOthersGap     `json:"gaps,omitempty"`
}

// Group weight statuses: why a group does or does not count in a unit's score.
const (
	GroupStatusCounted      = "counted"       // met its minimum: counts with its effective weight
	GroupStatusSuppressed   = "suppressed"    // fewer raters than its minimum: left out, weight not passed on
	GroupStatusNoResponses  = "no_responses"  // nobody of the group rated the unit
	GroupStatusZeroWeight   = "zero_weight"   // the group's weight is 0: reported, never counted
	GroupStatusSelfExcluded = "self_excluded" // the self group, kept out of the score (options.include_self off)
)

// SurveyGroupWeight reports one group's weight for one unit. Weight is the survey's weight w_g;
// Nominal = w_g / Σ w over the groups that count in principle (all but a self group kept out of
// the score); Effective = w_g / Σ w over the groups counted for this unit (0 for the others).
type SurveyGroupWeight struct {
	Group     string  `json:"group"`
	Status    string  `json:"status"`
	Weight    float64 `json:"weight"`
	Nominal   float64 `json:"nominal"`
	Effective float64 `json:"effective"`
}

// SurveyGroupResult is one group's result for one unit. A suppressed group shows only that it is
// suppressed: neither its number of raters nor any statistic, since a small number can identify
// its raters.
type SurveyGroupResult struct {
	Group      string             `json:"group"`
	Suppressed bool               `json:"suppressed"`
	Stats      *SurveyStats       `json:"stats,omitempty"` // over the raters' mean item scores
	Items      []SurveyItemResult `json:"items,omitempty"`
}

// SurveyItemResult is one item's result within a unit × group. An item answered by fewer raters than
// the group's minimum is suppressed like a group; an item nobody answered is not listed.
type SurveyItemResult struct {
	Item       string       `json:"item"`
	Suppressed bool         `json:"suppressed"`
	Stats      *SurveyStats `json:"stats,omitempty"` // over the raters' scores of the item
}

// SurveyStats are the descriptive statistics of one cell: N raters; their mean, median (Hyndman &
// Fan definition 7), sample standard deviation (divisor N − 1; null for N < 2) and trimmed mean
// dropping options.trim_k values at each end (null when 2·trim_k ≥ N), on the survey's scale; and
// Score, the mean on 0–100.
type SurveyStats struct {
	N           int      `json:"n"`
	Mean        float64  `json:"mean"`
	Median      float64  `json:"median"`
	SD          *float64 `json:"sd"`
	TrimmedMean *float64 `json:"trimmed_mean"`
	Score       float64  `json:"score"`
}

// Self–others gap directions.
const (
	SelfHigher = "self_higher" // the unit rates itself above how others rate it (a blind spot)
	SelfLower  = "self_lower"  // the unit rates itself below others (a hidden strength)
)

// SelfOthersGap compares, for one item of one unit, the self group's mean with the mean of the
// others: every score of the item given by a rater of a non-self group whose unit × group and
// unit × group × item cells are not suppressed (pooled, each score counting once). Gap = Self −
// Others on the scale; a blind spot is |Gap| > options.blind_spot_share × (max − min).
type SelfOthersGap struct {
	Item      string  `json:"item"`
	Self      float64 `json:"self"`
	Others    float64 `json:"others"`
	OthersN   int     `json:"others_n"`
	Gap       float64 `json:"gap"`
	BlindSpot bool    `json:"blind_spot"`
	Direction string  `json:"direction,omitempty"` // for blind spots: self_higher or self_lower
}

// LeniencyReport says what the leniency correction did. A rater is a (group, pseudonym) pair.
type LeniencyReport struct {
	Raters       int               `json:"raters"`
	Corrected    int               `json:"corrected"`
	SingleUnit   int               `json:"single_unit"`   // left as they are: they rated one unit
	ZeroVariance int               `json:"zero_variance"` // left as they are: all their scores are equal
	Clamped      int               `json:"clamped"`       // corrected scores set to the scale's bound
	Groups       []LeniencyMoments `json:"groups"`
	Note         string            `json:"note"`
}

// LeniencyMoments are a group's grand mean and sample standard deviation over all its raw scores,
// onto which corrected scores are mapped.
type LeniencyMoments struct {
	Group string   `json:"group"`
	Mean  float64  `json:"mean"`
	SD    *float64 `json:"sd"`
}

// SurveyReliability holds the reliability statistics of a survey, computed on the scores as
// given (before any leniency correction) and over non-suppressed unit × group cells only.
type SurveyReliability struct {
	ICC      []SurveyICC     `json:"icc"`
	Alpha    SurveyAlpha     `json:"alpha"`
	KendallW *SurveyKendallW `json:"kendall_w,omitempty"` // only when the survey has an expert group
}

// ReliabilityEstimate is a coefficient with its 95% confidence interval (null bounds when undefined).
type ReliabilityEstimate struct {
	Value float64  `json:"value"`
	Lower *float64 `json:"lower"`
	Upper *float64 `json:"upper"`
}

// SurveyICC is the intraclass correlation of one group's raters over the complete block: the
// units where the group is not suppressed, and the raters who rated every one of them; each cell
// is the rater's mean item score for the unit. ICC(2,1) is the reliability of one rater, ICC(2,k)
// of the mean of the k raters (two-way random effects, absolute agreement; Shrout & Fleiss 1979).
// Reason says why it was not computed.
type SurveyICC struct {
	Group  string               `json:"group"`
	Units  int                  `json:"units"`
	Raters int                  `json:"raters"`
	ICC21  *ReliabilityEstimate `json:"icc2_1,omitempty"`
	ICC2k  *ReliabilityEstimate `json:"icc2_k,omitempty"`
	Reason *messages.Message    `json:"reason,omitempty"` // why it was not computed (a catalogue message)
}

// SurveyAlpha is Cronbach's α across the survey's items, over the rows formed by each rater's
// answers for one unit (in a non-suppressed unit × group cell) that cover every item.
type SurveyAlpha struct {
	Rows      int               `json:"rows"`
	Items     int               `json:"items"`
	Alpha     *float64          `json:"alpha"`
	IfDeleted []SurveyItemAlpha `json:"if_deleted,omitempty"` // α with each item left out (3 items or more)
	Reason    *messages.Message `json:"reason,omitempty"`     // a catalogue message
}

// SurveyItemAlpha is Cronbach's α with one item left out.
type SurveyItemAlpha struct {
	Item  string  `json:"item"`
	Alpha float64 `json:"alpha"`
}

// SurveyKendallW is Kendall's W (tie-corrected) among the expert group's raters who rated every
// unit where the expert group is not suppressed: each rater's ranking of those units by their
// mean item score, with the χ² test (df = units − 1).
type SurveyKendallW struct {
	Group     string            `json:"group"`
	Raters    int               `json:"raters"`
	Units     int               `json:"units"`
	W         *float64          `json:"w"`
	ChiSquare *float64          `json:"chi_square"`
	DF        int               `json:"df"`
	P         *float64          `json:"p"`
	Reason    *messages.Message `json:"reason,omitempty"` // a catalogue message
}

// response is one response with its codes as indexes into the aggregation's sorted code lists
// (a row of the ResponseTable aggregated, renumbered in place).
type response = ResponseRow

// AggregateSurvey aggregates the responses of survey s. It is pure and deterministic: the
// responses are validated and sorted canonically first, so any order of the same responses gives
// the same result, byte for byte once serialised. It computes, with x the scores:
//
//   - per unit × group × item: N raters, mean, median, SD, trimmed mean and the 0–100 score;
//   - per unit × group, over the raters' mean item scores m_r (each rater's mean over the items
//     they answered for the unit): the same statistics; the group score is the mean of the m_r,
//     normalised as (mean − min)/(max − min)·100;
//   - suppression, first of all: a unit × group with fewer raters than the group's minimum is
//     suppressed (only "suppressed" is reported) and its weight is passed to no other group. Its
//     responses are discarded before anything else is computed, so that they influence nothing —
//     not the leniency correction, not the reliability statistics, not the count of responses —
//     and the result is the same whether they were given or withheld (AggregateSurveyWithheld);
//     an item cell with fewer raters than the minimum is suppressed like a group;
//   - the unit's 360 score Σ w_g·score_g / Σ w_g over the counted groups (see SurveyGroupWeight), with
//     the nominal and effective weights reported;
//   - per item, the self–others gap and blind spots (see SelfOthersGap);
//   - with options.leniency_correction, each rater (a group and pseudonym) who rated two or more
//     units and whose scores vary is standardised: y = M_g + S_g·(x − m)/s, m and s the rater's
//     mean and sample SD over all their scores, M_g and S_g the group's mean and sample SD over
//     all its raw scores; y is clamped to [min, max]. Raters of one unit, or whose scores are all
//     equal, keep their scores. The cell statistics, scores and gaps use y;
//   - reliability on the raw scores: ICC per group, Cronbach's α across items, Kendall's W among
//     the expert group (see SurveyReliability).
//
// It returns a *ValidationError for responses that name a group or item the survey does not
// have, a score outside the scale, an empty unit or rater, or a repeated unit × group × rater ×
// item.
func AggregateSurvey(s *Survey, responses []Response) (*SurveyResult, error) {
	return AggregateSurveyWithheld(s, responses, nil)
}

// SurveyCell names one unit × rater group cell of a survey.
type SurveyCell struct {
	Unit  string `json:"unit"`
	Group string `json:"group"`
}

// AggregateSurveyWithheld aggregates like AggregateSurvey the responses of survey s of which the
// suppressed unit × group cells were withheld (see WithholdSuppressed): each withheld cell is
// reported as suppressed. AggregateSurveyWithheld(s, WithholdSuppressed(s, rs)) gives the same
// result as AggregateSurvey(s, rs), byte for byte once serialised, so that published inputs need
// not hold the responses of suppressed cells. A withheld cell that still has responses, or that
// names a group the survey does not have, is a *ValidationError.
func AggregateSurveyWithheld(s *Survey, responses []Response, withheld []SurveyCell) (*SurveyResult, error) {
	t, err := responseTable(s, responses)
	if err != nil {
		return nil, err
	}
	return aggregateSurvey(s, t, withheld)
}

// responseTable makes responses a table to aggregate. Responses that name more than 65,536
// distinct groups or items, which a table cannot hold, name groups or items the survey does not
// have (it has at most MaxSurveyGroups and MaxSurveyItems): they are refused with a problem for
// every response that does, as aggregating them would.
func responseTable(s *Survey, responses []Response) (*ResponseTable, error) {
	if t, ok := buildResponseTable(responses); ok {
		return t, nil
	}
	sv, err := checkedSurvey(s)
	if err != nil {
		return nil, err
	}
	groups, items := map[string]bool{}, map[string]bool{}
	for _, g := range sv.Groups {
		groups[g.Code] = true
	}
	for _, it := range sv.Items {
		items[it.Code] = true
	}
	v := validation(messages.ValidationResponses)
	for k, r := range responses {
		f := responseField(k)
		if !groups[r.Group] {
			v.Add(problem(f.String()+".group", r.Group, messages.ResponsesNoGroup))
		}
		if !items[r.Item] {
			v.Add(problem(f.String()+".item", r.Item, messages.ResponsesNoItem))
		}
		if r.Unit == "" {
			v.Add(problem(f.String()+".unit", "", messages.ResponsesUnitRequired))
		}
		if r.Rater == "" {
			v.Add(problem(f.String()+".rater", "", messages.ResponsesRaterRequired))
		}
		if !finite(r.Score) || !sv.Scale.Contains(r.Score) {
			v.Add(problem(f.String()+".score", fmt.Sprint(r.Score), messages.ResponsesScoreOffScale))
		}
	}
	return nil, v.Err()
}

// AggregateSurveyTable is AggregateSurveyWithheld of the responses of a ResponseTable, with the
// same result. It only reads the table, which may therefore be read at the same time (the run
// writes the inputs' digest while it computes). A table in canonical order whose code lists are
// the aggregation's — a run's table after RunInputs.Canonicalize, every unit, rater and item of
// it answered — is aggregated where its rows lie, without a copy; any other table through a
// renumbered, sorted copy of its rows.
func AggregateSurveyTable(s *Survey, t *ResponseTable, withheld []SurveyCell) (*SurveyResult, error) {
	return aggregateSurvey(s, t, withheld)
}

// aggregateSurvey aggregates the responses of table t, which it does not change.
func aggregateSurvey(s *Survey, t *ResponseTable, withheld []SurveyCell) (*SurveyResult, error) {
	sv, err := checkedSurvey(s)
	if err != nil {
		return nil, err
	}
	a, err := newAggregation(sv, t, withheld)
	if err != nil {
		return nil, err
	}
	res := &SurveyResult{Survey: sv.Code, Scale: sv.Scale, Options: sv.Options, Responses: a.kept, Units: []SurveyUnitResult{}}
	if sv.Options.LeniencyCorrection {
		res.Leniency = a.correctLeniency()
	}
	a.cells()
	for u := range a.units {
		res.Units = append(res.Units, a.unitResult(u))
	}
	res.Reliability = a.reliability()
	return res, nil
}

// aggregation is the working state of AggregateSurvey.
type aggregation struct {
	s      *Survey
	items  []string // item codes, sorted
	groups []RaterGroup
	units  []string // unit codes, sorted
	raters []string // pseudonyms, sorted
	self   int      // index of the self group, or -1
	expert int      // index of the expert group, or -1
	// recs are the responses, the rows of the table aggregated (the table's own rows, or a copy:
	// see newAggregation), numbered by the indexes of units, groups, raters and items above and
	// sorted by unit, group, rater and item. The rows of
	// suppressed unit × group cells are among them but take part in nothing (see keptRanges).
	recs []response
	// kept is the number of responses outside suppressed cells, keptRanges their runs of recs.
	kept       int
	keptRanges [][2]int
	// y[k] is the score of recs[k] used for the cell statistics after leniency correction; nil
	// without it (the scores as given are used).
	y []float64

	// blocks[u][g] is the unit × group block: the range of recs and its per-rater summary.
	blocks [][]*block
	// suppressed lists the unit × group cells below their group's minimum, whose responses were
	// discarded (or withheld before), as {unit, group} indexes.
	suppressed [][2]int32
}

// block is one unit × group cell.
type block struct {
	lo, hi     int
	raters     []int32   // rater indexes, ascending
	rawMeans   []float64 // each rater's mean raw score (for reliability)
	means      []float64 // each rater's mean used score
	suppressed bool
	stats      *SurveyStats
	items      []itemCell // by item index
	complete   []bool     // each rater answered every item
}

type itemCell struct {
	vals       []float64 // used scores, in rater order
	suppressed bool
	stats      *SurveyStats
}

func newAggregation(s *Survey, t *ResponseTable, withheld []SurveyCell) (*aggregation, error) {
	a := &aggregation{s: s, self: -1, expert: -1}
	items := map[string]int32{}
	for _, it := range s.Items {
		a.items = append(a.items, it.Code)
	}
	slices.Sort(a.items)
	for i, c := range a.items {
		items[c] = int32(i)
	}
	a.groups = slices.Clone(s.Groups)
	slices.SortFunc(a.groups, func(x, y RaterGroup) int { return cmp.Compare(x.Code, y.Code) })
	groups := map[string]int32{}
	for i, g := range a.groups {
		groups[g.Code] = int32(i)
		switch g.Code {
		case GroupSelf:
			a.self = i
		case GroupExpert:
			a.expert = i
		}
	}
	// The table's groups and items as the survey's indexes (−1: the survey has no such code).
	lookup := func(codes []string, index map[string]int32) []int32 {
		out := make([]int32, len(codes))
		for k, c := range codes {
			i, ok := index[c]
			if !ok {
				i = -1
			}
			out[k] = i
		}
		return out
	}
	groupOf, itemOf := lookup(t.Groups, groups), lookup(t.Items, items)
	v := validation(messages.ValidationResponses)
	unitUsed, raterUsed := make([]bool, len(t.Units)), make([]bool, len(t.Raters))
	for k := range t.Rows {
		row := &t.Rows[k]
		if groupOf[row.Group] >= 0 && itemOf[row.Item] >= 0 && t.Units[row.Unit] != "" && t.Raters[row.Rater] != "" &&
			finite(row.Score) && s.Scale.Contains(row.Score) {
			unitUsed[row.Unit], raterUsed[row.Rater] = true, true
			continue
		}
		f := responseField(k)
		if groupOf[row.Group] < 0 {
			v.Add(problem(f.String()+".group", t.Groups[row.Group], messages.ResponsesNoGroup))
		}
		if itemOf[row.Item] < 0 {
			v.Add(problem(f.String()+".item", t.Items[row.Item], messages.ResponsesNoItem))
		}
		if t.Units[row.Unit] == "" {
			v.Add(problem(f.String()+".unit", "", messages.ResponsesUnitRequired))
		}
		if t.Raters[row.Rater] == "" {
			v.Add(problem(f.String()+".rater", "", messages.ResponsesRaterRequired))
		}
		if !finite(row.Score) || !s.Scale.Contains(row.Score) {
			v.Add(problem(f.String()+".score", fmt.Sprint(row.Score), messages.ResponsesScoreOffScale))
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	units, raters := map[string]int32{}, map[string]int32{}
	for k, c := range t.Units {
		if _, ok := units[c]; unitUsed[k] && !ok {
			units[c] = 0
			a.units = append(a.units, c)
		}
	}
	// A sorted table's raters (ResponseTable.Sort) are distinct and in order already: when every
	// one of them rates, they are the aggregation's raters as they are.
	ratersAsThey := !slices.Contains(raterUsed, false)
	for i := 1; i < len(t.Raters) && ratersAsThey; i++ {
		ratersAsThey = t.Raters[i-1] < t.Raters[i]
	}
	if ratersAsThey {
		a.raters = t.Raters
	} else {
		for k, c := range t.Raters {
			if _, ok := raters[c]; raterUsed[k] && !ok {
				raters[c] = 0
				a.raters = append(a.raters, c)
			}
		}
	}
	withheldCells := map[SurveyCell]bool{}
	for k, c := range withheld {
		f := fmt.Sprintf("withheld[%d]", k)
		if _, ok := groups[c.Group]; !ok {
			v.Add(problem(f+".group", c.Group, messages.ResponsesNoGroup))
			continue
		}
		if c.Unit == "" {
			v.Add(problem(f+".unit", "", messages.ResponsesUnitRequired))
			continue
		}
		if withheldCells[c] {
			v.Add(problem(f, c.Unit+" / "+c.Group, messages.ResponsesWithheldTwice))
		}
		withheldCells[c] = true
		if _, ok := units[c.Unit]; !ok {
			units[c.Unit] = 0
			a.units = append(a.units, c.Unit)
		}
	}
	slices.Sort(a.units)
	for i, c := range a.units {
		units[c] = int32(i)
	}
	// The table's units and raters as the aggregation's indexes (raterOf nil: the same).
	unitOf := lookup(t.Units, units)
	var raterOf []int32
	if !ratersAsThey {
		slices.Sort(a.raters)
		for i, c := range a.raters {
			raters[c] = int32(i)
		}
		raterOf = lookup(t.Raters, raters)
	}
	if len(withheldCells) > 0 {
		for k := range t.Rows {
			row := &t.Rows[k]
			if c := (SurveyCell{Unit: t.Units[row.Unit], Group: t.Groups[row.Group]}); withheldCells[c] {
				v.Add(problem(responseField(k).String(), c.Unit+" / "+c.Group, messages.ResponsesWithheldCell))
			}
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	// The rows as the aggregation's: the table's own when they already name the aggregation's
	// codes in canonical order (a canonicalised run table), otherwise a renumbered, sorted copy —
	// the table is only read, so its digest can be written while it is aggregated.
	identity := func(of []int32) bool {
		for i, x := range of {
			if x != int32(i) {
				return false
			}
		}
		return true
	}
	a.recs = t.Rows
	if !identity(unitOf) || !identity(raterOf) || !identity(groupOf) || !identity(itemOf) {
		a.recs = make([]response, len(t.Rows))
		for k, row := range t.Rows {
			row.Unit, row.Group, row.Item = unitOf[row.Unit], uint16(groupOf[row.Group]), uint16(itemOf[row.Item])
			if raterOf != nil {
				row.Rater = raterOf[row.Rater]
			}
			a.recs[k] = row
		}
	}
	// Sort by unit, group, rater, item — the canonical order, which the rows of a canonicalised
	// table already have: the indexes are the codes' ranks in byte order. Otherwise stable
	// counting sorts by the least significant key first (linear time whatever the input order).
	n := len(a.recs)
	if !slices.IsSortedFunc(a.recs, compareResponses) {
		if n > 0 && &a.recs[0] == &t.Rows[0] {
			a.recs = slices.Clone(a.recs)
		}
		order := countingSort(nil, len(a.items), func(k int32) int32 { return int32(a.recs[k].Item) }, n)
		order = countingSort(order, len(a.raters), func(k int32) int32 { return a.recs[k].Rater }, n)
		order = countingSort(order, len(a.groups), func(k int32) int32 { return int32(a.recs[k].Group) }, n)
		order = countingSort(order, len(a.units), func(k int32) int32 { return a.recs[k].Unit }, n)
		permute(a.recs, order)
	}
	for k := 1; k < len(a.recs); k++ {
		p, q := a.recs[k-1], a.recs[k]
		if compareResponses(p, q) == 0 {
			v.Add(problem("responses", a.units[q.Unit]+" / "+a.groups[q.Group].Code+" / "+a.items[q.Item],
				messages.ResponsesTwice, "rater", a.raters[q.Rater], "item", a.items[q.Item], "unit", a.units[q.Unit], "group", a.groups[q.Group].Code))
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	a.findSuppressed()
	for c := range withheldCells {
		a.suppressed = append(a.suppressed, [2]int32{units[c.Unit], groups[c.Group]})
	}
	slices.SortFunc(a.suppressed, func(p, q [2]int32) int {
		if c := cmp.Compare(p[0], q[0]); c != 0 {
			return c
		}
		return cmp.Compare(p[1], q[1])
	})
	return a, nil
}

// findSuppressed records every unit × group cell with fewer distinct raters than its group's
// minimum as suppressed: its responses are left out of everything else (they stay among recs,
// outside keptRanges). The responses are sorted by unit, group, rater and item, so each cell is
// one run and its raters are runs within it.
func (a *aggregation) findSuppressed() {
	for lo := 0; lo < len(a.recs); {
		u, g := a.recs[lo].Unit, a.recs[lo].Group
		hi, raters := lo, 0
		for hi < len(a.recs) && a.recs[hi].Unit == u && a.recs[hi].Group == g {
			if hi == lo || a.recs[hi].Rater != a.recs[hi-1].Rater {
				raters++
			}
			hi++
		}
		if raters < a.groups[g].MinRaters {
			a.suppressed = append(a.suppressed, [2]int32{u, int32(g)})
		} else {
			a.keptRanges = append(a.keptRanges, [2]int{lo, hi})
			a.kept += hi - lo
		}
		lo = hi
	}
}

// checkedSurvey returns a normalised copy of survey s (its lists copied: s is left as it is),
// refusing a missing or invalid survey.
func checkedSurvey(s *Survey) (*Survey, error) {
	if s == nil {
		return nil, Invalid("survey", messages.RunNoSurvey)
	}
	sv := *s.Definition()
	sv.Items = slices.Clone(s.Items)
	sv.Groups = slices.Clone(s.Groups)
	sv.Scale.Categories = slices.Clone(s.Scale.Categories)
	sv.Normalize()
	if err := sv.Validate(); err != nil {
		return nil, err
	}
	return &sv, nil
}

// WithholdSuppressed splits the responses of survey s into those AggregateSurvey keeps and the
// unit × group cells it suppresses (fewer raters than the group's minimum), whose responses it
// discards. The kept responses keep their order; the cells are sorted by unit and group. Published
// inputs hold the kept responses and the withheld cells: AggregateSurveyWithheld recomputes the
// same result from them, and the responses of suppressed cells are never disclosed.
func WithholdSuppressed(s *Survey, responses []Response) ([]Response, []SurveyCell, error) {
	sv, err := checkedSurvey(s)
	if err != nil {
		return nil, nil, err
	}
	t, err := responseTable(sv, responses)
	if err != nil {
		return nil, nil, err
	}
	if _, err := newAggregation(sv, t, nil); err != nil {
		return nil, nil, err
	}
	minimum := map[string]int{}
	for _, g := range sv.Groups {
		minimum[g.Code] = g.MinRaters
	}
	raters := map[SurveyCell]map[string]bool{}
	for _, r := range responses {
		c := SurveyCell{Unit: r.Unit, Group: r.Group}
		if raters[c] == nil {
			raters[c] = map[string]bool{}
		}
		raters[c][r.Rater] = true
	}
	var cells []SurveyCell
	for c, rs := range raters {
		if len(rs) < minimum[c.Group] {
			cells = append(cells, c)
		}
	}
	slices.SortFunc(cells, func(p, q SurveyCell) int {
		if c := cmp.Compare(p.Unit, q.Unit); c != 0 {
			return c
		}
		return cmp.Compare(p.Group, q.Group)
	})
	out := make([]Response, 0, len(responses))
	for _, r := range responses {
		if len(raters[SurveyCell{Unit: r.Unit, Group: r.Group}]) >= minimum[r.Group] {
			out = append(out, r)
		}
	}
	return out, cells, nil
}

// responseField names a response in problems; it is a function so that valid responses cost
// no formatting.
type responseField int

// String formats the field path, responses[k].
func (k responseField) String() string { return fmt.Sprintf("responses[%d]", int(k)) }

func compareResponses(p, q response) int {
	if c := cmp.Compare(p.Unit, q.Unit); c != 0 {
		return c
	}
	if c := cmp.Compare(p.Group, q.Group); c != 0 {
		return c
	}
	if c := cmp.Compare(p.Rater, q.Rater); c != 0 {
		return c
	}
	return cmp.Compare(p.Item, q.Item)
}

// correctLeniency standardises the scores of every rater who rated several units (see
// AggregateSurvey) and reports what it did.
func (a *aggregation) correctLeniency() *LeniencyReport {
	rep := &LeniencyReport{Groups: []LeniencyMoments{},
		Note: "each rater (group × pseudonym) who rated two or more units and whose scores vary is standardised within rater and mapped onto the group's grand mean and SD: y = M_g + S_g·(x − m_rater)/s_rater, clamped to the scale; raters of one unit or with equal scores keep their scores"}
	// Order the responses by group, rater, unit, item to see each rater's scores together: a
	// stable counting sort by rater, then by group, of the responses sorted by unit, group,
	// rater, item (linear time, memory in the number of raters).
	a.y = make([]float64, len(a.recs))
	for k := range a.recs {
		a.y[k] = a.recs[k].Score
	}
	kept := make([]int32, 0, a.kept)
	for _, r := range a.keptRanges {
		for k := r[0]; k < r[1]; k++ {
			kept = append(kept, int32(k))
		}
	}
	idx := countingSort(countingSort(kept, len(a.raters), func(k int32) int32 { return a.recs[k].Rater }, len(kept)),
		len(a.groups), func(k int32) int32 { return int32(a.recs[k].Group) }, len(kept))
	vals := make([]float64, 0, 64)
	for lo := 0; lo < len(idx); {
		g := a.recs[idx[lo]].Group
		hi := lo
		vals = vals[:0]
		for hi < len(idx) && a.recs[idx[hi]].Group == g {
			vals = append(vals, a.recs[idx[hi]].Score)
			hi++
		}
		gMean, gSD := statistics.Mean(vals), 0.0
		m := LeniencyMoments{Group: a.groups[g].Code, Mean: gMean}
		if len(vals) >= 2 {
			gSD = statistics.StdDev(vals)
			m.SD = num(gSD)
		}
		rep.Groups = append(rep.Groups, m)
		for rlo := lo; rlo < hi; {
			r := a.recs[idx[rlo]].Rater
			rhi := rlo
			vals = vals[:0]
			units := 0
			for rhi < hi && a.recs[idx[rhi]].Rater == r {
				if rhi == rlo || a.recs[idx[rhi]].Unit != a.recs[idx[rhi-1]].Unit {
					units++
				}
				vals = append(vals, a.recs[idx[rhi]].Score)
				rhi++
			}
			rep.Raters++
			switch {
			case units < 2:
				rep.SingleUnit++
			case statistics.StdDev(vals) == 0:
				rep.ZeroVariance++
			default:
				rep.Corrected++
				mean, sd := statistics.Mean(vals), statistics.StdDev(vals)
				for k := rlo; k < rhi; k++ {
					rec := &a.recs[idx[k]]
					y := gMean + gSD*(rec.Score-mean)/sd
					if y < a.s.Scale.Min || y > a.s.Scale.Max {
						y = math.Min(math.Max(y, a.s.Scale.Min), a.s.Scale.Max)
						rep.Clamped++
					}
					a.y[idx[k]] = y
				}
			}
			rlo = rhi
		}
		lo = hi
	}
	return rep
}

// SortResponses puts responses in canonical order: by unit, group, rater and item, each
// compared as Go compares strings (byte order), with ties — which a valid survey does not have —
// in their original order. It takes linear time: each distinct code is ranked once, and the
// responses are ordered by stable counting sorts on the ranks.
func SortResponses(rs []Response) {
	if len(rs) < 2 {
		return
	}
	rank := func(get func(*Response) string) ([]int32, int) {
		ids := map[string]int32{}
		var codes []string
		for k := range rs {
			c := get(&rs[k])
			if _, ok := ids[c]; !ok {
				ids[c] = 0
				codes = append(codes, c)
			}
		}
		slices.Sort(codes)
		for i, c := range codes {
			ids[c] = int32(i)
		}
		keys := make([]int32, len(rs))
		for k := range rs {
			keys[k] = ids[get(&rs[k])]
		}
		return keys, len(codes)
	}
	var order []int32
	for _, get := range []func(*Response) string{
		func(r *Response) string { return r.Item },
		func(r *Response) string { return r.Rater },
		func(r *Response) string { return r.Group },
		func(r *Response) string { return r.Unit },
	} {
		keys, n := rank(get)
		order = countingSort(order, n, func(k int32) int32 { return keys[k] }, len(rs))
	}
	permute(rs, order)
}

// permute makes s[k] what s[order[k]] was, in place, cycle by cycle — no second slice of
// elements is held — and uses up order (every entry becomes −1).
func permute[T any](s []T, order []int32) {
	for i := range order {
		if order[i] < 0 {
			continue
		}
		first := s[i]
		j := int32(i)
		for {
			k := order[j]
			order[j] = -1
			if int(k) == i {
				s[j] = first
				break
			}
			s[j] = s[k]
			j = k
		}
	}
}

// countingSort returns the indexes in order (0 … n−1 when order is nil) stably sorted by
// key, whose values lie in [0, keys).
func countingSort(order []int32, keys int, key func(int32) int32, n int) []int32 {
	if order == nil {
		order = make([]int32, n)
		for k := range order {
			order[k] = int32(k)
		}
	}
	next := make([]int, keys+1)
	for _, k := range order {
		next[key(k)+1]++
	}
	for i := 1; i <= keys; i++ {
		next[i] += next[i-1]
	}
	out := make([]int32, len(order))
	for _, k := range order {
		c := key(k)
		out[next[c]] = k
		next[c]++
	}
	return out
}

// cells computes every unit × group block and its item cells.
func (a *aggregation) cells() {
	a.blocks = make([][]*block, len(a.units))
	for u := range a.blocks {
		a.blocks[u] = make([]*block, len(a.groups))
	}
	nItems := len(a.items)
	counts := make([]int, nItems)
	for _, kr := range a.keptRanges {
		lo, hi := kr[0], kr[1]
		u, g := a.recs[lo].Unit, a.recs[lo].Group
		b := &block{lo: lo, hi: hi, items: make([]itemCell, nItems)}
		// Each item's scores get their exact room in one array for the block.
		clear(counts)
		for _, rec := range a.recs[lo:hi] {
			counts[rec.Item]++
		}
		vals, off := make([]float64, hi-lo), 0
		for i, c := range counts {
			b.items[i].vals = vals[off : off : off+c]
			off += c
		}
		for rlo := lo; rlo < hi; {
			r := a.recs[rlo].Rater
			rhi := rlo
			var sx, sy float64
			for rhi < hi && a.recs[rhi].Rater == r {
				rec := a.recs[rhi]
				sx += rec.Score
				y := rec.Score
				if a.y != nil {
					y = a.y[rhi]
				}
				sy += y
				b.items[rec.Item].vals = append(b.items[rec.Item].vals, y)
				rhi++
			}
			n := float64(rhi - rlo)
			b.raters = append(b.raters, r)
			b.rawMeans = append(b.rawMeans, sx/n)
			b.means = append(b.means, sy/n)
			b.complete = append(b.complete, rhi-rlo == nItems)
			rlo = rhi
		}
		min := a.groups[g].MinRaters
		b.suppressed = len(b.raters) < min
		if !b.suppressed {
			b.stats = a.cellStats(b.means)
			for i := range b.items {
				c := &b.items[i]
				if len(c.vals) == 0 {
					continue
				}
				c.suppressed = len(c.vals) < min
				if !c.suppressed {
					c.stats = a.cellStats(c.vals)
				}
			}
		}
		a.blocks[u][g] = b
	}
	for _, c := range a.suppressed {
		a.blocks[c[0]][c[1]] = &block{suppressed: true, items: make([]itemCell, nItems)}
	}
}

// cellStats computes the descriptive statistics of a non-empty cell.
func (a *aggregation) cellStats(x []float64) *SurveyStats {
	c := &SurveyStats{N: len(x), Mean: statistics.Mean(x), Median: statistics.Median(x)}
	c.Score = a.s.Scale.Normalize(c.Mean)
	if len(x) >= 2 {
		c.SD = num(statistics.StdDev(x))
	}
	if tm, err := statistics.TrimmedMean(x, a.s.Options.TrimK); err == nil {
		c.TrimmedMean = num(tm)
	}
	return c
}

// unitResult assembles one unit's result.
func (a *aggregation) unitResult(u int) SurveyUnitResult {
	out := SurveyUnitResult{Unit: a.units[u], Weights: []SurveyGroupWeight{}, Groups: []SurveyGroupResult{}}
	var eligible, counted, weighted float64
	status := make([]string, len(a.groups))
	for g, grp := range a.groups {
		b := a.blocks[u][g]
		switch {
		case g == a.self && !a.s.Options.IncludeSelf:
			status[g] = GroupStatusSelfExcluded
		case grp.Weight == 0:
			status[g] = GroupStatusZeroWeight
		case b == nil:
			status[g] = GroupStatusNoResponses
			eligible += grp.Weight
		case b.suppressed:
			status[g] = GroupStatusSuppressed
			eligible += grp.Weight
		default:
			status[g] = GroupStatusCounted
			eligible += grp.Weight
			counted += grp.Weight
			weighted += grp.Weight * b.stats.Score
		}
	}
	for g, grp := range a.groups {
		w := SurveyGroupWeight{Group: grp.Code, Status: status[g], Weight: grp.Weight}
		if status[g] != GroupStatusSelfExcluded && status[g] != GroupStatusZeroWeight && eligible > 0 {
			w.Nominal = grp.Weight / eligible
		}
		if status[g] == GroupStatusCounted {
			w.Effective = grp.Weight / counted
		}
		out.Weights = append(out.Weights, w)
		b := a.blocks[u][g]
		if b == nil {
			continue
		}
		gs := SurveyGroupResult{Group: grp.Code, Suppressed: b.suppressed}
		if !b.suppressed {
			gs.Stats = b.stats
			for i, c := range b.items {
				if len(c.vals) == 0 {
					continue
				}
				gs.Items = append(gs.Items, SurveyItemResult{Item: a.items[i], Suppressed: c.suppressed, Stats: c.stats})
			}
		}
		out.Groups = append(out.Groups, gs)
	}
	if counted > 0 {
		out.Score = num(weighted / counted)
	}
	out.Gaps = a.gaps(u)
	return out
}

// gaps computes the self–others gaps of unit u.
func (a *aggregation) gaps(u int) []SelfOthersGap {
	if a.self < 0 {
		return nil
	}
	sb := a.blocks[u][a.self]
	if sb == nil || sb.suppressed {
		return nil
	}
	limit := a.s.Options.BlindSpotShare * a.s.Scale.Range()
	var out []SelfOthersGap
	others := make([]float64, 0, 64)
	for i := range a.items {
		sc := sb.items[i]
		if sc.stats == nil {
			continue
		}
		others = others[:0]
		for g := range a.groups {
			b := a.blocks[u][g]
			if g == a.self || b == nil || b.suppressed || b.items[i].stats == nil {
				continue
			}
			others = append(others, b.items[i].vals...)
		}
		if len(others) == 0 {
			continue
		}
		gap := SelfOthersGap{Item: a.items[i], Self: sc.stats.Mean, Others: statistics.Mean(others), OthersN: len(others)}
		gap.Gap = gap.Self - gap.Others
		if math.Abs(gap.Gap) > limit {
			gap.BlindSpot = true
			gap.Direction = SelfHigher
			if gap.Gap < 0 {
				gap.Direction = SelfLower
			}
		}
		out = append(out, gap)
	}
	return out
}

// reliability computes the survey's reliability statistics on the raw scores of non-suppressed
// cells.
func (a *aggregation) reliability() SurveyReliability {
	rel := SurveyReliability{ICC: []SurveyICC{}}
	for g, grp := range a.groups {
		gi := SurveyICC{Group: grp.Code}
		if g == a.self {
			gi.Reason = note(messages.SurveyReasonSelfOnly)
			rel.ICC = append(rel.ICC, gi)
			continue
		}
		m, units, raters, reason := a.completeBlock(g)
		gi.Units, gi.Raters = units, raters
		if reason == nil {
			r, err := statistics.ICC(m, 0.05)
			if err != nil {
				reason = statReason(err)
			} else {
				gi.ICC21 = estimate(r.ICC2)
				gi.ICC2k = estimate(r.ICC2k)
			}
		}
		gi.Reason = reason
		rel.ICC = append(rel.ICC, gi)
	}
	rel.Alpha = a.alpha()
	if a.expert >= 0 {
		k := &SurveyKendallW{Group: a.groups[a.expert].Code}
		m, units, raters, reason := a.completeBlock(a.expert)
		k.Units, k.Raters = units, raters
		if reason == nil {
			w, err := statistics.KendallW(m.T())
			if err != nil {
				reason = statReason(err)
			} else {
				k.W, k.ChiSquare, k.DF, k.P = num(w.W), num(w.ChiSquare), w.DF, num(w.P)
			}
		}
		k.Reason = reason
		rel.KendallW = k
	}
	return rel
}

// completeBlock returns, for group g, the units × raters matrix of raw rater means over the units
// where the group is not suppressed and the raters who rated every one of them, or the reason
// there is none with at least two of each.
func (a *aggregation) completeBlock(g int) (*mat.Dense, int, int, *messages.Message) {
	var units []int
	count := map[int32]int{}
	for u := range a.units {
		b := a.blocks[u][g]
		if b == nil || b.suppressed {
			continue
		}
		units = append(units, u)
		for _, r := range b.raters {
			count[r]++
		}
	}
	if len(units) < 2 {
		return nil, len(units), 0, note(messages.SurveyReasonTooFewUnits, "units", len(units))
	}
	var raters []int32
	for r, n := range count {
		if n == len(units) {
			raters = append(raters, r)
		}
	}
	slices.Sort(raters)
	if len(raters) < 2 {
		return nil, len(units), len(raters), note(messages.SurveyReasonTooFewRaters, "raters", len(raters), "units", len(units))
	}
	m := mat.NewDense(len(units), len(raters), nil)
	for row, u := range units {
		b := a.blocks[u][g]
		col := 0
		for k, r := range b.raters {
			if col < len(raters) && raters[col] == r {
				m.Set(row, col, b.rawMeans[k])
				col++
			}
		}
	}
	return m, len(units), len(raters), nil
}

// alpha computes Cronbach's α across items.
func (a *aggregation) alpha() SurveyAlpha {
	res := SurveyAlpha{Items: len(a.items)}
	if len(a.items) < 2 {
		res.Reason = note(messages.SurveyReasonOneItem)
		return res
	}
	rows := 0
	for u := range a.units {
		for g := range a.groups {
			if b := a.blocks[u][g]; b != nil && !b.suppressed {
				for _, c := range b.complete {
					if c {
						rows++
					}
				}
			}
		}
	}
	m := &recRows{recs: a.recs, start: make([]int, 0, rows), k: len(a.items)}
	for u := range a.units {
		for g := range a.groups {
			b := a.blocks[u][g]
			if b == nil || b.suppressed {
				continue
			}
			k := b.lo
			for j := range b.raters {
				n := 0
				for k+n < b.hi && a.recs[k+n].Rater == b.raters[j] {
					n++
				}
				if b.complete[j] {
					m.start = append(m.start, k)
					res.Rows++
				}
				k += n
			}
		}
	}
	if res.Rows < 2 {
		res.Reason = note(messages.SurveyReasonTooFewRows, "rows", res.Rows)
		return res
	}
	alpha, ifDeleted, err := statistics.CronbachAlpha(m)
	if err != nil {
		res.Reason = statReason(err)
		return res
	}
	res.Alpha = num(alpha)
	for i, x := range ifDeleted {
		res.IfDeleted = append(res.IfDeleted, SurveyItemAlpha{Item: a.items[i], Alpha: x})
	}
	return res
}

// recRows is the matrix of the raw scores of complete rows (a rater's answers to every item for
// one unit), row i being the len(items) responses from recs[start[i]] on, in item order. It is
// read where the responses lie, a row at a time (statistics.RowReader), instead of copied.
type recRows struct {
	recs  []response
	start []int
	k     int
}

func (m *recRows) Dims() (int, int)    { return len(m.start), m.k }
func (m *recRows) At(i, j int) float64 { return m.recs[m.start[i]+j].Score }
func (m *recRows) T() mat.Matrix       { return mat.Transpose{Matrix: m} }
func (m *recRows) ReadRow(i int, dst []float64) {
	for j, r := range m.recs[m.start[i] : m.start[i]+m.k] {
		dst[j] = r.Score
	}
}

func statReason(err error) *messages.Message {
	switch {
	case errors.Is(err, statistics.ErrZeroVariance):
		return note(messages.SurveyReasonZeroVariance)
	case errors.Is(err, statistics.ErrTooFew):
		return note(messages.SurveyReasonTooFew)
	}
	return note(messages.SurveyReasonNotComputed, "error", errorMessage(err))
}

func estimate(e statistics.ICCEstimate) *ReliabilityEstimate {
	if !finite(e.Value) {
		return nil
	}
	return &ReliabilityEstimate{Value: e.Value, Lower: num(e.Lower), Upper: num(e.Upper)}
}

// num returns a pointer to x, or nil when x is not finite (JSON has no NaN).
func num(x float64) *float64 {
	if !finite(x) {
		return nil
	}
	return &x
}
