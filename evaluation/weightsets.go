package evaluation

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// WeightSetDetail is a weight set with its experts' judgments and what it derives on its
// framework: local weights per node, global weights per indicator, completeness (node × expert),
// each expert's CR and suggestions, and the matrices excluded with their reasons.
type WeightSetDetail struct {
	WeightSet *engine.WeightSet    `json:"weight_set"`
	Judgments []engine.Judgment    `json:"judgments"`
	Result    *engine.WeightResult `json:"result"`
	// Data describes the data entropy and CRITIC weights were computed on (objective methods).
	Data *ObjectiveSource `json:"data,omitempty"`
	// framework is the framework version the weights were derived on, as weightSetDetail read
	// it (the set's framework as it stands now, edited or not): CompareWeightSets names the
	// weights from it instead of reading it again.
	framework *engine.Framework
}

// ObjectiveSource describes the data objective weights are computed on: the values of a dataset
// of the commission for its evaluated period, one row per evaluated unit and one column per
// indicator of the framework.
type ObjectiveSource struct {
	DatasetID     string        `json:"dataset_id"`
	DatasetNumber int           `json:"dataset_number"`
	Period        engine.Period `json:"period"`
	Units         int           `json:"units"`
	Indicators    int           `json:"indicators"`
	Values        int           `json:"values"` // unit × indicator cells that have a value
}

// commissionOpen refuses changes to the weights of a published or accepted commission.
func commissionOpen(c *Commission) error {
	if c.Status == StatusPublished || c.Status == StatusAccepted {
		return engine.Refuse(engine.ErrConflict, messages.ConflictWeightsClosed, "status", messages.New(messages.ID("commission.status."+string(c.Status))))
	}
	return nil
}

// weightSet returns a weight set of the commission, its row locked until the transaction ends
// when forUpdate; an id that is not a UUID answers ErrNotFound without a query.
func (s *Service) weightSet(ctx context.Context, tx Tx, commissionID, id string, forUpdate bool) (*engine.WeightSet, error) {
	if !validID(id) {
		return nil, fmt.Errorf("weight set %q: %w", id, engine.ErrNotFound)
	}
	if forUpdate {
		return tx.GetWeightSetForUpdate(ctx, commissionID, id)
	}
	return tx.GetWeightSet(ctx, commissionID, id)
}

// weightFramework returns the framework a weight set weighs and refuses, with ErrConflict, a
// framework edited since the set was made: its judgments and configuration were checked against
// the old tree.
func weightFramework(ctx context.Context, tx Tx, ws *engine.WeightSet) (*engine.Framework, error) {
	f, err := tx.GetFramework(ctx, ws.CommissionID, ws.FrameworkID)
	if err != nil {
		return nil, err
	}
	if f.Digest != ws.FrameworkDigest {
		return nil, engine.RefuseWith(engine.ErrConflict, staleFramework(f, ws))
	}
	return f, nil
}

// staleFramework explains why a weight set no longer matches its framework.
func staleFramework(f *engine.Framework, ws *engine.WeightSet) messages.Message {
	return messages.New(messages.WeightsStaleFramework, "framework", f.Number, "set", ws.Number,
		"digest", fmt.Sprintf("%.12s", ws.FrameworkDigest), "now", fmt.Sprintf("%.12s", f.Digest))
}

// notLocked refuses changes to a weight set a run has used.
func notLocked(ws *engine.WeightSet) error {
	if ws.Locked {
		return engine.Refuse(engine.ErrConflict, messages.ConflictWeightSetLocked, "number", ws.Number)
	}
	return nil
}

// addProblems adds the problems of err, a *ValidationError, to v with prefix before each field;
// any other error is returned.
func addProblems(v *engine.ValidationError, prefix string, err error) error {
	if err == nil {
		return nil
	}
	var ve *engine.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	for _, p := range ve.Problems {
		switch {
		case prefix == "":
		case p.Field == "":
			p.Field = prefix
		default:
			p.Field = prefix + "." + p.Field
		}
		v.Add(p)
	}
	return nil
}

// checkWeightSet adds to v every problem of ws's name, method, configuration and dataset on
// framework f.
func (s *Service) checkWeightSet(ctx context.Context, tx Tx, commissionID string, ws *engine.WeightSet, f *engine.Framework, v *engine.ValidationError) error {
	ws.Name = strings.TrimSpace(ws.Name)
	if ws.Name == "" {
		v.Add(engine.Catalogued("name", "", messages.FieldNameRequired))
	}
	if err := addProblems(v, "", ws.Check(f)); err != nil {
		return err
	}
	switch {
	case ws.UsesData() && ws.DatasetID == "":
		v.Add(engine.Catalogued("dataset_id", "", messages.WeightSetDatasetRequired, "method", string(ws.Method)))
	case !ws.UsesData() && ws.DatasetID != "":
		v.Add(engine.Catalogued("dataset_id", ws.DatasetID, messages.WeightSetDatasetUnused))
	case ws.DatasetID != "":
		if _, err := s.dataset(ctx, tx, commissionID, ws.DatasetID); errors.Is(err, engine.ErrNotFound) {
			v.Add(engine.Catalogued("dataset_id", ws.DatasetID, messages.WeightSetNoDataset))
		} else if err != nil {
			return err
		}
	}
	return nil
}

// CreateWeightSet creates a weight set on a framework of the commission (the newest when
// in.FrameworkID is empty) as the commission's next weight-set number, recording the framework's
// digest. Its method and configuration are checked against the framework; every problem is
// listed.
func (s *Service) CreateWeightSet(ctx context.Context, a Actor, commissionID string, in *engine.WeightSet) (*WeightSetDetail, error) {
	var out *WeightSetDetail
	err := s.inCommission(ctx, a, commissionID, PermWeights, func(tx Tx) error {
		v := engine.NewValidation(messages.ValidationWeightSet)
		if len(in.Adjustments) > 0 {
			v.Add(engine.Catalogued("adjustments", "", messages.WeightSetNewAdjustments))
		}
		f, err := s.framework(ctx, tx, commissionID, in.FrameworkID)
		switch {
		case errors.Is(err, engine.ErrNotFound):
			v.Add(engine.Catalogued("framework_id", in.FrameworkID, messages.WeightSetNoFramework))
			if strings.TrimSpace(in.Name) == "" {
				v.Add(engine.Catalogued("name", "", messages.FieldNameRequired))
			}
			return v
		case err != nil:
			return err
		}
		ws := &engine.WeightSet{CommissionID: commissionID, FrameworkID: f.ID, FrameworkDigest: f.Digest, Name: in.Name,
			Method: in.Method, AHP: in.AHP, Direct: in.Direct, Combined: in.Combined, DatasetID: in.DatasetID,
			Illustrative: in.Illustrative, Note: in.Note, CreatedBy: a.UserID}
		if err := s.checkWeightSet(ctx, tx, commissionID, ws, f, v); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		c, err := tx.LockCommission(ctx, commissionID)
		if err != nil {
			return err
		}
		if err := commissionOpen(c); err != nil {
			return err
		}
		if err := tx.CreateWeightSet(ctx, ws); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, a, commissionID, "weightset.create", "weight_set", ws.ID, ws); err != nil {
			return err
		}
		out, err = s.weightSetDetail(ctx, tx, c, ws)
		return err
	})
	return out, err
}

// ListWeightSets lists a commission's weight sets, newest first.
func (s *Service) ListWeightSets(ctx context.Context, a Actor, commissionID string) ([]engine.WeightSet, error) {
	return readCommission(ctx, s, a, commissionID, PermRead, func(tx Tx) ([]engine.WeightSet, error) {
		return tx.ListWeightSets(ctx, commissionID)
	})
}

// GetWeightSet returns a weight set with its judgments and the weights it derives now. Entropy,
// CRITIC and combined sets are computed on the values of their dataset for the commission's
// evaluated period.
func (s *Service) GetWeightSet(ctx context.Context, a Actor, commissionID, id string) (*WeightSetDetail, error) {
	var out *WeightSetDetail
	err := s.inCommission(ctx, a, commissionID, PermRead, func(tx Tx) error {
		ws, err := s.weightSet(ctx, tx, commissionID, id, false)
		if err != nil {
			return err
		}
		c, err := tx.GetCommission(ctx, commissionID)
		if err != nil {
			return err
		}
		out, err = s.weightSetDetail(ctx, tx, c, ws)
		return err
	})
	return out, err
}

// ListJudgments lists a weight set's judgments by node and expert.
func (s *Service) ListJudgments(ctx context.Context, a Actor, commissionID, id string) ([]engine.Judgment, error) {
	var out []engine.Judgment
	err := s.inCommission(ctx, a, commissionID, PermRead, func(tx Tx) error {
		if _, err := s.weightSet(ctx, tx, commissionID, id, false); err != nil {
			return err
		}
		var err error
		out, err = tx.ListJudgments(ctx, id)
		return err
	})
	return out, err
}

// weightSetDetail reads a weight set's judgments and derives its weights inside tx.
func (s *Service) weightSetDetail(ctx context.Context, tx Tx, c *Commission, ws *engine.WeightSet) (*WeightSetDetail, error) {
	f, err := tx.GetFramework(ctx, ws.CommissionID, ws.FrameworkID)
	if err != nil {
		return nil, err
	}
	js, err := tx.ListJudgments(ctx, ws.ID)
	if err != nil {
		return nil, err
	}
	res, src, err := s.deriveWeightSet(ctx, tx, c, f, ws, js)
	if err != nil {
		return nil, err
	}
	return &WeightSetDetail{WeightSet: ws, Judgments: js, Result: res, Data: src, framework: f}, nil
}

// deriveWeightSet derives ws's weights on framework f from its judgments and, for the objective
// methods, the values of its dataset for the commission's evaluated period. A set whose framework
// was edited since it was made derives from the judgments that still fit and is reported
// incomplete, with the reason.
func (s *Service) deriveWeightSet(ctx context.Context, tx Tx, c *Commission, f *engine.Framework, ws *engine.WeightSet, js []engine.Judgment) (*engine.WeightResult, *ObjectiveSource, error) {
	var data *engine.ObjectiveData
	var src *ObjectiveSource
	if ws.UsesData() && ws.DatasetID != "" {
		var err error
		if data, src, err = s.objectiveData(ctx, tx, c, f, ws.DatasetID); err != nil {
			return nil, nil, err
		}
	}
	stale := f.Digest != ws.FrameworkDigest
	if stale {
		var fit []engine.Judgment
		for _, j := range js {
			if engine.CheckJudgment(f, &j) == nil {
				fit = append(fit, j)
			}
		}
		js = fit
	}
	res, err := engine.DeriveWeights(f, ws, js, data)
	switch {
	case err != nil && stale && errors.Is(err, engine.ErrInvalid):
		res = &engine.WeightResult{Method: ws.Method, Problems: []messages.Message{messages.New(messages.WeightsDerivationFailed, "error", engine.StatMessage(err))}}
	case err != nil:
		return nil, nil, fmt.Errorf("weight set %d: %w", ws.Number, err)
	}
	if stale {
		res.Complete = false
		res.Problems = append(res.Problems, staleFramework(f, ws))
	}
	return res, src, nil
}

// objectiveData reads the values entropy and CRITIC weigh: dataset datasetID's observations for
// the commission's evaluated period, one row per unit of the commission (by code) and one column
// per indicator of f (framework order), NaN where a value is missing. A qualitative indicator's
// rubric label counts as its rubric score.
func (s *Service) objectiveData(ctx context.Context, tx Tx, c *Commission, f *engine.Framework, datasetID string) (*engine.ObjectiveData, *ObjectiveSource, error) {
	d, err := s.dataset(ctx, tx, c.ID, datasetID)
	if err != nil {
		return nil, nil, err
	}
	units, err := tx.ListUnits(ctx, c.ID)
	if err != nil {
		return nil, nil, err
	}
	data := &engine.ObjectiveData{}
	row, col := map[string]int{}, map[string]int{}
	rubric := map[string]map[string]float64{}
	for i, u := range units {
		data.Units = append(data.Units, u.Code)
		row[u.Code] = i
	}
	for j, r := range f.Indicators() {
		data.Indicators = append(data.Indicators, r.Node.Code)
		col[r.Node.Code] = j
		if len(r.Node.Indicator.Rubric) > 0 {
			rubric[r.Node.Code] = map[string]float64{}
			for _, l := range r.Node.Indicator.Rubric {
				rubric[r.Node.Code][l.Label] = l.Score
			}
		}
	}
	data.Values = make([][]float64, len(units))
	for i := range data.Values {
		data.Values[i] = make([]float64, len(data.Indicators))
		for j := range data.Values[i] {
			data.Values[i][j] = math.NaN()
		}
	}
	src := &ObjectiveSource{DatasetID: d.ID, DatasetNumber: d.Number, Period: c.EvaluatedPeriod, Units: len(units), Indicators: len(data.Indicators)}
	err = tx.WalkObservations(ctx, d.ID, func(o *engine.Observation) error {
		i, okU := row[o.Unit]
		j, okI := col[o.Indicator]
		if o.Period != c.EvaluatedPeriod || !okU || !okI {
			return nil
		}
		var v float64
		switch score, okL := rubric[o.Indicator][o.Label]; {
		case o.Value != nil:
			v = *o.Value
		case o.Label != "" && okL:
			v = score
		default:
			return nil
		}
		if math.IsNaN(data.Values[i][j]) {
			src.Values++
		}
		data.Values[i][j] = v
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return data, src, nil
}

// UpdateWeightSet replaces a weight set's name and configuration (method, AHP options, direct
// weights, combination, dataset, note) when version is its current version and no run has used
// it. Its framework and adjustments stay: in.FrameworkID and in.Adjustments may repeat them or be
// left out.
func (s *Service) UpdateWeightSet(ctx context.Context, a Actor, commissionID, id string, version int, in *engine.WeightSet) (*WeightSetDetail, error) {
	var out *WeightSetDetail
	err := s.inCommission(ctx, a, commissionID, PermWeights, func(tx Tx) error {
		old, err := s.weightSet(ctx, tx, commissionID, id, true)
		if err != nil {
			return err
		}
		if version == 0 {
			return errVersionRequired
		}
		if version != old.Version {
			return staleVersion(old.Version, version)
		}
		c, err := tx.GetCommission(ctx, commissionID)
		if err != nil {
			return err
		}
		if err := commissionOpen(c); err != nil {
			return err
		}
		if err := notLocked(old); err != nil {
			return err
		}
		f, err := weightFramework(ctx, tx, old)
		if err != nil {
			return err
		}
		v := engine.NewValidation(messages.ValidationWeightSet)
		if in.FrameworkID != "" && in.FrameworkID != old.FrameworkID {
			v.Add(engine.Catalogued("framework_id", in.FrameworkID, messages.WeightSetFrameworkFixed))
		}
		if len(in.Adjustments) > 0 {
			was, _ := json.Marshal(old.Adjustments)
			now, _ := json.Marshal(in.Adjustments)
			if !bytes.Equal(was, now) {
				v.Add(engine.Catalogued("adjustments", "", messages.WeightSetAdjustmentsVia))
			}
		}
		ws := new(engine.WeightSet)
		*ws = *old
		ws.Name, ws.Method, ws.AHP, ws.Direct, ws.Combined = in.Name, in.Method, in.AHP, in.Direct, in.Combined
		ws.DatasetID, ws.Illustrative, ws.Note = in.DatasetID, in.Illustrative, in.Note
		if err := s.checkWeightSet(ctx, tx, commissionID, ws, f, v); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		ws.Version++
		if err := tx.UpdateWeightSet(ctx, ws); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, a, commissionID, "weightset.update", "weight_set", ws.ID, map[string]any{"old": old, "new": ws}); err != nil {
			return err
		}
		out, err = s.weightSetDetail(ctx, tx, c, ws)
		return err
	})
	return out, err
}

// JudgmentInput is one pairwise comparison matrix for the children of one node. Criteria, when
// given, must be the node's children in framework order; Matrix[i][j] says how many times
// Criteria[i] is preferred to Criteria[j] (Saaty's 1–9 scale; 0 marks a missing judgment).
//
// Organisation is for an expert's own submission (SubmitJudgment) only: the organisation (单位)
// they judge for, when it is not the one their matrices already carry or their institute's name;
// at most MaxExpertTextRunes characters. A panel file gives it once per expert
// (PanelExpert.Organisation) and refuses it on a matrix.
type JudgmentInput struct {
	Node         string      `json:"node"`
	Criteria     []string    `json:"criteria,omitempty"`
	Matrix       [][]float64 `json:"matrix"`
	Organisation string      `json:"organisation,omitempty"`
}

// JudgmentReceipt answers an expert's submission with what the matrix does at once.
type JudgmentReceipt struct {
	Judgment engine.Judgment `json:"judgment"`
	// Replaced is the matrix the expert had given for the node before, if any.
	Replaced *engine.Judgment `json:"replaced,omitempty"`
	// Result is the matrix's own priority weights, λmax, CI, CR and suggestions for its most
	// inconsistent judgments.
	Result engine.ExpertResult `json:"result"`
	// Effect says what the matrix does to the group result under the set's consistency gate: a
	// catalogue message (ahp.expert_consistent, ahp.expert_revise or ahp.expert_blocked).
	Effect messages.Message `json:"effect"`
	// Group is the node's group weights with this matrix in (absent while no consistent matrix
	// exists for the node).
	Group *engine.NodeResult `json:"group,omitempty"`
}

// SubmitJudgment stores the actor's own pairwise matrix for one node of an AHP weight set,
// replacing the one they gave before, and answers at once with its CR, λmax, suggestions and
// effect. The actor must hold the expert role (the judge permission); the expert key is their user
// id. A locked set refuses it.
//
// The matrix carries the expert's organisation (单位), as a panel file's do: in.Organisation when
// given, else the one their other matrices in the set carry, else their institute's name (none for
// a platform admin without an institute). One expert has one organisation in a set: when it
// differs from the one their other matrices carry, those take it too (audited with the count).
func (s *Service) SubmitJudgment(ctx context.Context, a Actor, commissionID, id string, in JudgmentInput) (*JudgmentReceipt, error) {
	var out *JudgmentReceipt
	err := s.inCommission(ctx, a, commissionID, PermJudge, func(tx Tx) error {
		_, ws, f, err := s.judgedWeightSet(ctx, tx, commissionID, id)
		if err != nil {
			return err
		}
		org, carried, err := s.ownOrganisation(ctx, tx, a, ws.ID, strings.TrimSpace(in.Organisation))
		if err != nil {
			return err
		}
		v := engine.NewValidation(messages.ValidationJudgment)
		checkOrganisation(v, "organisation", org)
		j := engine.Judgment{Node: in.Node, Expert: a.UserID, ExpertName: a.Name, Organisation: org, Criteria: in.Criteria, Matrix: in.Matrix, SubmittedAt: s.now()}
		if err := addProblems(v, "", engine.CheckJudgment(f, &j)); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		out = &JudgmentReceipt{Judgment: j}
		old, err := tx.GetJudgment(ctx, ws.ID, j.Node, j.Expert)
		switch {
		case err == nil:
			out.Replaced = old
		case !errors.Is(err, engine.ErrNotFound):
			return err
		}
		if err := tx.SaveJudgment(ctx, ws.ID, &j, a.UserID); err != nil {
			return err
		}
		// The expert's other matrices in the set take the organisation this one carries.
		realigned, err := tx.SetExpertOrganisation(ctx, ws.ID, j.Expert, org)
		if err != nil {
			return err
		}
		if out.Result, out.Effect, err = judgmentEffect(f, ws, j); err != nil {
			return err
		}
		js, err := tx.ListJudgments(ctx, ws.ID)
		if err != nil {
			return err
		}
		// The node's group AHP weights come from the judgments alone, before objective data and
		// adjustments.
		group := *ws
		group.Adjustments = nil
		res, err := engine.DeriveWeights(f, &group, js, nil)
		if err != nil {
			return err
		}
		for i := range res.Nodes {
			if res.Nodes[i].Node == j.Node {
				out.Group = &res.Nodes[i]
			}
		}
		changes := map[string]any{"node": j.Node, "expert": j.Expert, "expert_name": j.ExpertName, "criteria": j.Criteria,
			"new": j.Matrix, "cr": out.Result.CR, "consistent": out.Result.Consistent}
		if j.Organisation != "" {
			changes["organisation"] = j.Organisation
		}
		if realigned > 0 {
			// The expert's other matrices in the set took the organisation: say from which.
			changes["organisation_was"], changes["organisation_realigned"] = carried, realigned
		}
		if old != nil {
			changes["old"] = old.Matrix
		}
		return s.audit(ctx, tx, a, commissionID, "judgment.submit", "weight_set", ws.ID, changes)
	})
	return out, err
}

// ownOrganisation returns the organisation an expert's own matrix carries in weight set wsID —
// given (trimmed; empty when not given), else the one their matrices in the set already carry,
// else their institute's name — and the one their matrices in the set carry now (empty when none
// does).
func (s *Service) ownOrganisation(ctx context.Context, tx Tx, a Actor, wsID, given string) (org, carried string, err error) {
	js, err := tx.ListJudgments(ctx, wsID)
	if err != nil {
		return "", "", err
	}
	for _, j := range js {
		if j.Expert == a.UserID && j.Organisation != "" {
			carried = j.Organisation
			break
		}
	}
	switch {
	case given != "":
		return given, carried, nil
	case carried != "":
		return carried, carried, nil
	case a.InstituteID == "":
		return "", carried, nil
	}
	inst, err := tx.GetInstitute(ctx, a.InstituteID)
	if err != nil {
		return "", "", err
	}
	return strings.TrimSpace(inst.Name), carried, nil
}

// judgedWeightSet returns, locked for the transaction, an AHP weight set that may still take
// judgments, with its commission and framework.
func (s *Service) judgedWeightSet(ctx context.Context, tx Tx, commissionID, id string) (*Commission, *engine.WeightSet, *engine.Framework, error) {
	ws, err := s.weightSet(ctx, tx, commissionID, id, true)
	if err != nil {
		return nil, nil, nil, err
	}
	c, err := tx.GetCommission(ctx, commissionID)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := commissionOpen(c); err != nil {
		return nil, nil, nil, err
	}
	if err := notLocked(ws); err != nil {
		return nil, nil, nil, err
	}
	if !ws.UsesJudgments() {
		return nil, nil, nil, engine.Refuse(engine.ErrConflict, messages.ConflictNoJudgments, "number", ws.Number, "method", string(ws.Method))
	}
	f, err := weightFramework(ctx, tx, ws)
	if err != nil {
		return nil, nil, nil, err
	}
	return c, ws, f, nil
}

// judgmentEffect derives one matrix on its own under the set's AHP options and says what the
// set's consistency gate does with it.
func judgmentEffect(f *engine.Framework, ws *engine.WeightSet, j engine.Judgment) (engine.ExpertResult, messages.Message, error) {
	res, err := engine.DeriveWeights(f, ws, []engine.Judgment{j}, nil)
	if err != nil {
		return engine.ExpertResult{}, messages.Message{}, err
	}
	for _, e := range res.Experts {
		if e.Node != j.Node || e.Expert != j.Expert {
			continue
		}
		switch {
		case e.Consistent:
			return e, messages.New(messages.AHPExpertConsistent, "cr", fmt.Sprintf("%.4f", e.CR)), nil
		case e.Excluded && e.Reason != nil:
			return e, messages.New(messages.AHPExpertRevise, "reason", *e.Reason), nil
		default:
			return e, messages.New(messages.AHPExpertBlocked, "cr", fmt.Sprintf("%.4f", e.CR)), nil
		}
	}
	return engine.ExpertResult{}, messages.Message{}, fmt.Errorf("evaluation: the derivation gave no result for node %s", j.Node)
}

// JudgmentPanel is a whole panel's matrices, loaded at once on behalf of named experts (the
// shape of examples/jianggan/ahp-panel.json).
type JudgmentPanel struct {
	Experts []PanelExpert `json:"experts"`
	// Illustrative marks invented judgments (examples); the weight set is then labelled
	// illustrative.
	Illustrative bool   `json:"illustrative,omitempty"`
	Note         string `json:"note,omitempty"`
}

// PanelExpert is one expert of a panel: a key (a code such as expert-a, never a user id), the name
// reports show, optionally their organisation (单位: the name without it in brackets), and their
// matrices. Name and organisation are text of at most MaxExpertTextRunes characters each.
type PanelExpert struct {
	Key          string          `json:"key"`
	Name         string          `json:"name"`
	Organisation string          `json:"organisation,omitempty"`
	Judgments    []JudgmentInput `json:"judgments"`
}

// MaxExpertTextRunes bounds an expert's name and organisation, in characters (Unicode code
// points), as a panel file, a judgment round, a questionnaire export and an expert's own submission
// (JudgmentInput.Organisation, or their institute's name by default) give them. Two hundred
// holds long official organisation names (区绩效管理委员会办公室 has 11) many times over; the
// column judgments.expert_organisation checks the same bound (migration 0018).
const MaxExpertTextRunes = 200

// checkExpertText adds to v the problems of an expert's trimmed name and organisation at field
// (experts[2]): a name is required; neither may exceed MaxExpertTextRunes characters or hold a NUL
// or control character (engine.TextProblemMessage). The API's checkText refuses such text in a
// JSON body first (naming it by JSON pointer, /experts/2/organisation); this check holds for every
// other way in (the pages' round form, the examples, Go callers).
func checkExpertText(v *engine.ValidationError, field, name, organisation string) {
	if name == "" {
		v.Add(engine.Catalogued(field+".name", "", messages.PanelExpertName))
	}
	checkExpertTextField(v, field+".name", name, messages.PanelExpertNameLong)
	checkOrganisation(v, field+".organisation", organisation)
}

// checkOrganisation adds to v the problems of an expert's trimmed organisation at field: more than
// MaxExpertTextRunes characters, a NUL or a control character. An expert's own submission
// (SubmitJudgment) checks theirs with it, as a panel's experts are checked.
func checkOrganisation(v *engine.ValidationError, field, organisation string) {
	checkExpertTextField(v, field, organisation, messages.PanelOrganisationLong)
}

// checkExpertTextField adds to v the problem of one expert text at field: a NUL or control
// character, or more than MaxExpertTextRunes characters (message long).
func checkExpertTextField(v *engine.ValidationError, field, text string, long messages.ID) {
	if m := engine.TextProblemMessage(text); m.ID != "" {
		v.Add(engine.CataloguedMessage(field, "", m))
	} else if utf8.RuneCountInString(text) > MaxExpertTextRunes {
		v.Add(engine.Catalogued(field, "", long, "max", MaxExpertTextRunes))
	}
}

// JudgmentImport reports a panel import.
type JudgmentImport struct {
	Imported  int              `json:"imported"` // matrices stored
	Replaced  int              `json:"replaced"` // of which replaced a matrix of the same node and expert
	WeightSet *WeightSetDetail `json:"weight_set"`
}

// ImportJudgments stores a panel's matrices on an AHP weight set on behalf of the named experts,
// all or nothing: any problem rejects the whole panel with every problem listed by field path
// (experts[2].judgments[0].matrix[1][3]). A matrix for a node and expert already stored replaces
// it. An illustrative panel marks the set illustrative, and its note is added to the set's.
func (s *Service) ImportJudgments(ctx context.Context, a Actor, commissionID, id string, in JudgmentPanel) (*JudgmentImport, error) {
	var out *JudgmentImport
	err := s.inCommission(ctx, a, commissionID, PermWeights, func(tx Tx) error {
		c, ws, f, err := s.judgedWeightSet(ctx, tx, commissionID, id)
		if err != nil {
			return err
		}
		js, err := panelJudgments(f, in, s.now())
		if err != nil {
			return err
		}
		out, err = s.storeJudgments(ctx, tx, a, c, ws, js, in.Illustrative, in.Note, "judgments.import", nil)
		return err
	})
	return out, err
}

// storeJudgments saves checked judgments on weight set ws (replacing those of the same node and
// expert), marks the set illustrative and appends note when asked, and audits the import as
// action with the extra fields.
func (s *Service) storeJudgments(ctx context.Context, tx Tx, a Actor, c *Commission, ws *engine.WeightSet, js []engine.Judgment, illustrative bool, note, action string, extra map[string]any) (*JudgmentImport, error) {
	commissionID := c.ID
	out := &JudgmentImport{}
	var replaced []map[string]any
	for i := range js {
		j := &js[i]
		old, err := tx.GetJudgment(ctx, ws.ID, j.Node, j.Expert)
		switch {
		case err == nil:
			out.Replaced++
			replaced = append(replaced, map[string]any{"node": j.Node, "expert": j.Expert, "old": old.Matrix})
		case !errors.Is(err, engine.ErrNotFound):
			return nil, err
		}
		if err := tx.SaveJudgment(ctx, ws.ID, j, a.UserID); err != nil {
			return nil, err
		}
		out.Imported++
	}
	note = strings.TrimSpace(note)
	if (illustrative && !ws.Illustrative) || (note != "" && !strings.Contains(ws.Note, note)) {
		old := *ws
		ws.Illustrative = ws.Illustrative || illustrative
		if note != "" && !strings.Contains(ws.Note, note) {
			ws.Note = strings.TrimSpace(ws.Note + "\n\n" + note)
		}
		ws.Version++
		if err := tx.UpdateWeightSet(ctx, ws); err != nil {
			return nil, err
		}
		if err := s.audit(ctx, tx, a, commissionID, "weightset.update", "weight_set", ws.ID, map[string]any{"old": &old, "new": ws}); err != nil {
			return nil, err
		}
	}
	detail := map[string]any{"imported": out.Imported, "replaced": replaced, "illustrative": illustrative, "note": note, "judgments": js}
	for k, v := range extra {
		detail[k] = v
	}
	if err := s.audit(ctx, tx, a, commissionID, action, "weight_set", ws.ID, detail); err != nil {
		return nil, err
	}
	var err error
	out.WeightSet, err = s.weightSetDetail(ctx, tx, c, ws)
	return out, err
}

// panelJudgments validates a panel against framework f and returns its judgments, or a
// *ValidationError listing every problem by field path.
func panelJudgments(f *engine.Framework, in JudgmentPanel, at time.Time) ([]engine.Judgment, error) {
	v := engine.NewValidation(messages.ValidationPanel)
	if len(in.Experts) == 0 {
		v.Add(engine.Catalogued("experts", "", messages.PanelNoExpert))
	}
	var out []engine.Judgment
	keys := map[string]int{}
	for i, e := range in.Experts {
		field := fmt.Sprintf("experts[%d]", i)
		switch prev, dup := keys[e.Key]; {
		case validID(e.Key):
			v.Add(engine.Catalogued(field+".key", e.Key, messages.PanelKeyUserID))
		case !engine.ValidCode(e.Key):
			v.Add(engine.Catalogued(field+".key", e.Key, messages.PanelKeyFormat))
		case dup:
			v.Add(engine.Catalogued(field+".key", e.Key, messages.PanelKeySame, "index", prev))
		default:
			keys[e.Key] = i
		}
		name, org := strings.TrimSpace(e.Name), strings.TrimSpace(e.Organisation)
		checkExpertText(v, field, name, org)
		if len(e.Judgments) == 0 {
			v.Add(engine.Catalogued(field+".judgments", "", messages.PanelNoMatrix))
		}
		nodes := map[string]int{}
		for k, jin := range e.Judgments {
			jf := fmt.Sprintf("%s.judgments[%d]", field, k)
			if prev, dup := nodes[jin.Node]; dup {
				v.Add(engine.Catalogued(jf+".node", jin.Node, messages.PanelSameNode, "index", prev))
				continue
			}
			nodes[jin.Node] = k
			if jin.Organisation != "" {
				v.Add(engine.Catalogued(jf+".organisation", "", messages.PanelJudgmentOrganisation, "index", i))
			}
			j := engine.Judgment{Node: jin.Node, Expert: e.Key, ExpertName: name, Organisation: org, Criteria: jin.Criteria, Matrix: jin.Matrix, SubmittedAt: at}
			if err := addProblems(v, jf, engine.CheckJudgment(f, &j)); err != nil {
				return nil, err
			}
			out = append(out, j)
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// AdjustWeight sets one child's local weight by hand, with a written reason, as a new version of
// the weight set: the next number of the commission, based on the old version, with the same
// method, configuration and judgments, and the adjustment appended (by the actor, now). The old
// version stays as it was. The set must derive complete weights, since the adjustment changes a
// derived weight; a locked set may be adjusted (its new version is not locked).
func (s *Service) AdjustWeight(ctx context.Context, a Actor, commissionID, id string, in AdjustmentInput) (*WeightSetDetail, error) {
	var out *WeightSetDetail
	err := s.inCommission(ctx, a, commissionID, PermJudge, func(tx Tx) error {
		// The commission row first, then the weight set's: the order the run engine locks them in.
		c, err := tx.LockCommission(ctx, commissionID)
		if err != nil {
			return err
		}
		old, err := s.weightSet(ctx, tx, commissionID, id, true)
		if err != nil {
			return err
		}
		if err := commissionOpen(c); err != nil {
			return err
		}
		f, err := weightFramework(ctx, tx, old)
		if err != nil {
			return err
		}
		if err := checkAdjustment(f, &in); err != nil {
			return err
		}
		adj := engine.WeightAdjustment{Node: in.Node, Child: in.Child, Weight: *in.Weight, Reason: in.Reason, By: a.Name, At: s.now()}
		js, err := tx.ListJudgments(ctx, old.ID)
		if err != nil {
			return err
		}
		res, _, err := s.deriveWeightSet(ctx, tx, c, f, old, js)
		if err != nil {
			return err
		}
		if !res.Complete {
			return engine.Refuse(engine.ErrConflict, messages.ConflictNoCompleteWeights, "number", old.Number, "problems", messages.Clauses(res.Problems))
		}
		var before float64
		for _, n := range res.Nodes {
			if i := slices.Index(n.Children, adj.Child); n.Node == adj.Node && i >= 0 {
				before = n.Weights[i]
			}
		}
		ws := new(engine.WeightSet)
		*ws = *old
		ws.ID, ws.Number, ws.Version, ws.BasedOn, ws.Locked, ws.CreatedBy = "", 0, 0, old.ID, false, a.UserID
		ws.Adjustments = append(slices.Clone(old.Adjustments), adj)
		if err := ws.Check(f); err != nil {
			return err
		}
		if err := tx.CreateWeightSet(ctx, ws); err != nil {
			return err
		}
		n, err := tx.CopyJudgments(ctx, old.ID, ws.ID)
		if err != nil {
			return err
		}
		if err := s.audit(ctx, tx, a, commissionID, "weightset.adjust", "weight_set", ws.ID, map[string]any{
			"based_on": old.ID, "based_on_number": old.Number, "number": ws.Number, "adjustment": adj,
			"weight_before": before, "judgments_copied": n}); err != nil {
			return err
		}
		out, err = s.weightSetDetail(ctx, tx, c, ws)
		return err
	})
	return out, err
}

// AdjustmentInput asks for one child's local weight to be set by hand, with the reason.
type AdjustmentInput struct {
	Node   string   `json:"node"`
	Child  string   `json:"child"`
	Weight *float64 `json:"weight"`
	Reason string   `json:"reason"`
}

// checkAdjustment lists every problem of an adjustment on framework f, trimming its reason.
func checkAdjustment(f *engine.Framework, in *AdjustmentInput) error {
	v := engine.NewValidation(messages.ValidationAdjustment)
	children, found := engine.WeightedChildren(f, in.Node)
	switch {
	case !found:
		v.Add(engine.Catalogued("node", in.Node, messages.JudgmentNoNode))
	case len(children) < 2:
		v.Add(engine.Catalogued("node", in.Node, messages.AdjustmentNodeFewChildren))
	case !slices.Contains(children, in.Child):
		v.Add(engine.Catalogued("child", in.Child, messages.AdjustmentNoChild, "node", in.Node, "child", in.Child, "children", children))
	}
	switch {
	case in.Weight == nil:
		v.Add(engine.Catalogued("weight", "", messages.AdjustmentWeightRequired))
	case !(*in.Weight >= 0 && *in.Weight < 1):
		v.Add(engine.Catalogued("weight", "", messages.AdjustmentWeightRange))
	}
	in.Reason = strings.TrimSpace(in.Reason)
	if in.Reason == "" {
		v.Add(engine.Catalogued("reason", "", messages.WeightSetAdjustmentReason))
	}
	return v.Err()
}

// WeightChange is how one weight differs between two weight sets: a child's local weight at a
// node, or an indicator's global weight.
type WeightChange struct {
	Node  string   `json:"node,omitempty"` // the parent node of a local weight
	Code  string   `json:"code"`           // the child (local weights) or the indicator (global weights)
	Name  string   `json:"name,omitempty"` // its name in the framework (the second set's, else the first's)
	From  *float64 `json:"from"`           // absent when the first set derives no such weight
	To    *float64 `json:"to"`             // absent when the second set derives no such weight
	Delta float64  `json:"delta"`          // to − from, a missing weight counting as 0
}

// WeightSetSide names one side of a comparison and whether its weights are complete.
type WeightSetSide struct {
	ID       string             `json:"id"`
	Number   int                `json:"number"`
	Name     string             `json:"name"`
	Complete bool               `json:"complete"`
	Problems []messages.Message `json:"problems,omitempty"`
}

// WeightComparison lists the weights that moved from one weight set to another, largest move
// first.
type WeightComparison struct {
	From            WeightSetSide  `json:"from"`
	To              WeightSetSide  `json:"to"`
	Local           []WeightChange `json:"local"`
	Global          []WeightChange `json:"global"`
	UnchangedLocal  int            `json:"unchanged_local"`
	UnchangedGlobal int            `json:"unchanged_global"`
	// Ranking is how the units' target scores and ranks move when both weight sets are run on
	// the current data (the commission's newest dataset, for its evaluated period); empty with
	// RankingNote saying why when that cannot be done.
	Ranking     []RankChange `json:"ranking"`
	Dataset     int          `json:"dataset,omitempty"`
	RankingNote string       `json:"ranking_note,omitempty"`
	// RankingNoteMessage is RankingNote as a message of the catalogue (weights.ranking_*), for
	// clients that show it in their reader's language; RankingNote is its English text.
	RankingNoteMessage *messages.Message `json:"ranking_note_message,omitempty"`
}

// setRankingNote records why there is no ranking, as a message and in English.
func (c *WeightComparison) setRankingNote(id messages.ID, kv ...any) {
	m := messages.New(id, kv...)
	c.RankingNote, c.RankingNoteMessage = messages.For(messages.English).Render(m), &m
}

// RankChange is one unit's score and rank under two weight sets.
type RankChange struct {
	Unit      string   `json:"unit"`
	Name      string   `json:"name"`
	FromScore *float64 `json:"from_score"`
	ToScore   *float64 `json:"to_score"`
	FromRank  int      `json:"from_rank,omitempty"`
	ToRank    int      `json:"to_rank,omitempty"`
	Moved     int      `json:"moved"` // places gained (positive) or lost
}

// weightTolerance is the difference below which two derived weights count as the same.
const weightTolerance = 1e-12

// CompareWeightSets derives two weight sets of the commission and lists the local weights (per
// node and child) and global weights (per indicator) that moved: from, to and delta, sorted by
// |delta| descending, then code.
func (s *Service) CompareWeightSets(ctx context.Context, a Actor, commissionID, fromID, toID string) (*WeightComparison, error) {
	out := &WeightComparison{Local: []WeightChange{}, Global: []WeightChange{}}
	err := s.inCommission(ctx, a, commissionID, PermRead, func(tx Tx) error {
		v := engine.NewValidation(messages.ValidationCompare)
		if fromID == "" {
			v.Add(engine.Catalogued("from", "", messages.CompareFrom))
		}
		if toID == "" {
			v.Add(engine.Catalogued("to", "", messages.CompareTo))
		}
		if err := v.Err(); err != nil {
			return err
		}
		c, err := tx.GetCommission(ctx, commissionID)
		if err != nil {
			return err
		}
		var results [2]*engine.WeightResult
		names := map[string]string{}
		for k, id := range []string{fromID, toID} {
			ws, err := s.weightSet(ctx, tx, commissionID, id, false)
			if errors.Is(err, engine.ErrNotFound) {
				return engine.Invalid([]string{"from", "to"}[k], messages.CompareNoSuchSet)
			} else if err != nil {
				return err
			}
			d, err := s.weightSetDetail(ctx, tx, c, ws)
			if err != nil {
				return err
			}
			// The names of the set's framework as it stands now — not weightFramework, which
			// refuses a framework edited since the set was made: the comparison shows such a set,
			// incomplete, with the reason among its problems.
			d.framework.Walk(func(n *engine.Node) { names[n.Code] = n.Name })
			results[k] = d.Result
			side := WeightSetSide{ID: ws.ID, Number: ws.Number, Name: ws.Name, Complete: d.Result.Complete, Problems: d.Result.Problems}
			if k == 0 {
				out.From = side
			} else {
				out.To = side
			}
		}
		local := func(r *engine.WeightResult) ([]weightKey, map[weightKey]float64) {
			var keys []weightKey
			m := map[weightKey]float64{}
			for _, n := range r.Nodes {
				for i, ch := range n.Children {
					k := weightKey{n.Node, ch}
					keys = append(keys, k)
					m[k] = n.Weights[i]
				}
			}
			return keys, m
		}
		global := func(r *engine.WeightResult) ([]weightKey, map[weightKey]float64) {
			var keys []weightKey
			m := map[weightKey]float64{}
			for _, g := range r.Global {
				k := weightKey{"", g.Indicator}
				keys = append(keys, k)
				m[k] = g.Weight
			}
			return keys, m
		}
		fk, fm := local(results[0])
		tk, tm := local(results[1])
		out.Local, out.UnchangedLocal = weightChanges(fk, fm, tk, tm)
		fk, fm = global(results[0])
		tk, tm = global(results[1])
		out.Global, out.UnchangedGlobal = weightChanges(fk, fm, tk, tm)
		for _, cs := range [][]WeightChange{out.Local, out.Global} {
			for i := range cs {
				cs[i].Name = names[cs[i].Code]
			}
		}
		return s.rankingUnderSets(ctx, tx, c, fromID, toID, out)
	})
	return out, err
}

// rankingUnderSets runs both weight sets on the commission's newest dataset (target assessment
// only, no uncertainty analysis) and records how each unit's score and rank move.
func (s *Service) rankingUnderSets(ctx context.Context, tx Tx, c *Commission, fromID, toID string, out *WeightComparison) error {
	out.Ranking = []RankChange{}
	if !out.From.Complete || !out.To.Complete {
		out.setRankingNote(messages.WeightsRankingIncomplete)
		return nil
	}
	ds, err := tx.ListDatasets(ctx, c.ID)
	if err != nil {
		return err
	}
	if len(ds) == 0 {
		out.setRankingNote(messages.WeightsRankingNoData)
		return nil
	}
	d := ds[0]
	out.Dataset = d.Number
	rd := engine.RunDataset{ID: d.ID, Number: d.Number, SHA256: d.SHA256, FileName: d.FileName}
	if err := tx.WalkObservations(ctx, d.ID, func(o *engine.Observation) error {
		rd.Observations = append(rd.Observations, *o)
		return nil
	}); err != nil {
		return err
	}
	units, err := tx.ListUnits(ctx, c.ID)
	if err != nil {
		return err
	}
	var results [2]*engine.Result
	for k, id := range []string{fromID, toID} {
		ws, err := tx.GetWeightSet(ctx, c.ID, id)
		if err != nil {
			return err
		}
		f, err := tx.GetFramework(ctx, c.ID, ws.FrameworkID)
		if err != nil {
			return err
		}
		js, err := tx.ListJudgments(ctx, ws.ID)
		if err != nil {
			return err
		}
		in := &engine.RunInputs{Commission: engine.RunCommission{ID: c.ID, EvaluatedPeriod: c.EvaluatedPeriod, PeriodStart: c.PeriodStart, PeriodEnd: c.PeriodEnd},
			Framework: f, Units: units, Datasets: []engine.RunDataset{rd}, Weights: engine.RunWeights{Set: *ws, Judgments: js},
			Config: engine.RunConfig{MonteCarlo: engine.MonteCarloConfig{Off: true}}}
		if results[k], err = engine.Compute(in); err != nil {
			out.setRankingNote(messages.WeightsRankingFailed, "error", errorReason(err))
			return nil
		}
	}
	for i, u := range results[0].Units {
		v := results[1].Units[i]
		rc := RankChange{Unit: u.Code, Name: u.Name, FromScore: u.Composite, ToScore: v.Composite, FromRank: u.Rank, ToRank: v.Rank}
		if u.Rank > 0 && v.Rank > 0 {
			rc.Moved = u.Rank - v.Rank
		}
		out.Ranking = append(out.Ranking, rc)
	}
	sort.SliceStable(out.Ranking, func(i, j int) bool {
		a, b := out.Ranking[i], out.Ranking[j]
		if (a.ToRank == 0) != (b.ToRank == 0) {
			return b.ToRank == 0
		}
		return a.ToRank < b.ToRank
	})
	return nil
}

type weightKey struct{ node, code string }

// weightChanges lists the weights that differ between two keyed sets of weights (in key order
// of the first set, then the second), largest |delta| first, and counts the weights that stayed.
func weightChanges(fromKeys []weightKey, from map[weightKey]float64, toKeys []weightKey, to map[weightKey]float64) ([]WeightChange, int) {
	out := []WeightChange{}
	same := 0
	seen := map[weightKey]bool{}
	for _, k := range append(slices.Clone(fromKeys), toKeys...) {
		if seen[k] {
			continue
		}
		seen[k] = true
		c := WeightChange{Node: k.node, Code: k.code}
		var f, t float64
		if x, ok := from[k]; ok {
			f, c.From = x, &x
		}
		if x, ok := to[k]; ok {
			t, c.To = x, &x
		}
		c.Delta = t - f
		if c.From != nil && c.To != nil && math.Abs(c.Delta) <= weightTolerance {
			same++
			continue
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		di, dj := math.Abs(out[i].Delta), math.Abs(out[j].Delta)
		if di != dj {
			return di > dj
		}
		if out[i].Code != out[j].Code {
			return out[i].Code < out[j].Code
		}
		return out[i].Node < out[j].Node
	})
	return out, same
}

// WeightTx is the storage of weight sets and expert judgments. Not-found answers wrap
// ErrNotFound. The database refuses every change to a locked weight set and its judgments (the
// store answers ErrConflict).
type WeightTx interface {
	// CreateWeightSet stores ws as the commission's next weight-set number (the caller holds the
	// commission lock), filling its ID, Number, Version and CreatedAt.
	CreateWeightSet(ctx context.Context, ws *engine.WeightSet) error
	// GetWeightSet returns a weight set of the commission. The run engine calls it inside its
	// transaction.
	GetWeightSet(ctx context.Context, commissionID, id string) (*engine.WeightSet, error)
	// GetWeightSetForUpdate is GetWeightSet that also locks the set's row until the transaction
	// ends, so that the changes to one set (judgments, edits, locking) happen one after the other.
	GetWeightSetForUpdate(ctx context.Context, commissionID, id string) (*engine.WeightSet, error)
	// ListWeightSets lists a commission's weight sets, newest (highest number) first.
	ListWeightSets(ctx context.Context, commissionID string) ([]engine.WeightSet, error)
	// UpdateWeightSet stores ws's name, method and definition when the stored version is
	// ws.Version-1 (ws.Version already incremented by the caller) and the set is not locked, and
	// answers ErrStale otherwise.
	UpdateWeightSet(ctx context.Context, ws *engine.WeightSet) error
	// LockWeightSet marks the set as used by a run: from then on neither it nor its judgments
	// change. Locking a locked set does nothing. The run engine calls it inside its transaction.
	LockWeightSet(ctx context.Context, id string) error

	// ListJudgments returns the judgments of a weight set ordered by node and expert key (byte
	// order). The run engine calls it inside its transaction.
	ListJudgments(ctx context.Context, weightSetID string) ([]engine.Judgment, error)
	// GetJudgment returns the matrix one expert gave for one node of a weight set.
	GetJudgment(ctx context.Context, weightSetID, node, expert string) (*engine.Judgment, error)
	// SaveJudgment stores j for its node and expert at j.SubmittedAt, replacing the matrix stored
	// before; submittedBy is the user storing it.
	SaveJudgment(ctx context.Context, weightSetID string, j *engine.Judgment, submittedBy string) error
	// SetExpertOrganisation sets the organisation of every matrix one expert gave in a weight set
	// and returns how many of them it changed.
	SetExpertOrganisation(ctx context.Context, weightSetID, expert, organisation string) (int, error)
	// CopyJudgments copies every judgment of one weight set to another (a new version), keeping
	// who submitted each and when. It returns how many were copied.
	CopyJudgments(ctx context.Context, fromID, toID string) (int, error)
}
