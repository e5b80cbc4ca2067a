package evaluation

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// Acceptance decisions.
const (
	DecisionAccept = "accept"
	DecisionReject = "reject"
)

// AcceptanceItem is one item of the acceptance checklist with its evidence.
type AcceptanceItem struct {
	Code  string `json:"code"`
	Title string `json:"title"` // Chinese / English (message acceptance.item.<code>)
	// Evidence lines are catalogue messages rendered "Chinese / English", except the
	// verification checks' details (signature_valid, rerun_digest), which are the verifier's.
	Pass     bool     `json:"pass"`
	Status   string   `json:"status"` // pass or fail
	Evidence []string `json:"evidence"`
}

// Acceptance is the checklist a procurement acceptance reviewer needs (验收), computed from the
// commission's current report, with the decisions recorded so far.
type Acceptance struct {
	CommissionID string               `json:"commission_id"`
	Status       Status               `json:"status"`
	Report       *Report              `json:"report,omitempty"`
	Pass         bool                 `json:"pass"` // every item passed
	Items        []AcceptanceItem     `json:"items"`
	Decisions    []AcceptanceDecision `json:"decisions"`
}

// AcceptanceInput is a reviewer's decision: accept, or reject with reasons.
type AcceptanceInput struct {
	Decision string   `json:"decision"`
	Reasons  []string `json:"reasons,omitempty"`
}

// AcceptanceDecision is a recorded decision on a report, with the checklist it was made on.
type AcceptanceDecision struct {
	ID            string    `json:"id"`
	CommissionID  string    `json:"commission_id"`
	ReportID      string    `json:"report_id"`
	ReportVersion int       `json:"report_version"`
	Decision      string    `json:"decision"`
	Reasons       []string  `json:"reasons"`
	Failed        []string  `json:"failed_items"` // checklist items that failed when it was made
	DecidedBy     string    `json:"decided_by,omitempty"`
	DecidedByName string    `json:"decided_by_name"`
	DecidedAt     time.Time `json:"decided_at"`
}

// integrityItems must pass before a report can be accepted: without them the checklist's other
// evidence cannot be trusted.
var integrityItems = []string{"report_published", "signature_valid", "rerun_digest", "audit_chain"}

// Acceptance computes the acceptance checklist of a commission's current report.
func (s *Service) Acceptance(ctx context.Context, a Actor, commissionID string) (*Acceptance, error) {
	acc, _, err := s.acceptance(ctx, a, commissionID, PermRead)
	return acc, err
}

// acceptance loads the commission's current report and computes its checklist, checking that
// the actor holds p.
func (s *Service) acceptance(ctx context.Context, a Actor, commissionID string, p Permission) (*Acceptance, *ReportFiles, error) {
	acc := &Acceptance{CommissionID: commissionID, Decisions: []AcceptanceDecision{}}
	var files *ReportFiles
	var keys []engine.SigningKey
	err := s.inCommission(ctx, a, commissionID, p, func(tx Tx) error {
		c, err := tx.GetCommission(ctx, commissionID)
		if err != nil {
			return err
		}
		acc.Status = c.Status
		if acc.Decisions, err = tx.ListAcceptanceDecisions(ctx, commissionID); err != nil {
			return err
		}
		if acc.Decisions == nil {
			acc.Decisions = []AcceptanceDecision{}
		}
		acc.Report, err = tx.LatestReport(ctx, commissionID)
		if errors.Is(err, engine.ErrNotFound) {
			acc.Report = nil
			return nil
		}
		if err != nil {
			return err
		}
		if files, err = tx.ReportFiles(ctx, acc.Report.ID); err != nil {
			return err
		}
		k, err := tx.GetSigningKey(ctx, acc.Report.KeyID)
		if err == nil {
			keys = []engine.SigningKey{*k}
		} else if !errors.Is(err, engine.ErrNotFound) {
			return err
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if err := s.needReporter(); err != nil {
		return nil, nil, err
	}
	// The chain is checked against the stored checkpoints too, the report's among them: a tail
	// cut off since a publication fails the checklist.
	audit, err := s.VerifyAuditWith(ctx, VerifyAuditOptions{Stored: true})
	if err != nil {
		return nil, nil, err
	}
	acc.Items = s.checklist(acc, files, keys, audit)
	acc.Pass = true
	for _, it := range acc.Items {
		acc.Pass = acc.Pass && it.Pass
	}
	return acc, files, nil
}

// maxEvidence bounds the evidence lines of one checklist item.
const maxEvidence = 200

// both renders a catalogue message as one line, Chinese / English, as the checklist shows it.
func both(id messages.ID, kv ...any) string {
	zh, en := messages.Both(id, kv...)
	return zh + " / " + en
}

// bothOf renders a recorded message as one line, Chinese / English.
func bothOf(m messages.Message) string {
	zh, en := messages.BothOf(m)
	return zh + " / " + en
}

// hasMessage reports whether the catalogue holds id.
func hasMessage(id messages.ID) bool {
	_, ok := messages.Lookup(messages.Chinese, id)
	return ok
}

// indicatorNames maps each indicator code of the inputs' framework to "name code".
func indicatorNames(in *engine.RunInputs) map[string]string {
	names := map[string]string{}
	if in.Framework == nil {
		return names
	}
	var walk func(n *engine.Node)
	walk = func(n *engine.Node) {
		names[n.Code] = n.Name + " " + n.Code
		for _, c := range n.Children {
			walk(c)
		}
	}
	for _, d := range in.Framework.Dimensions {
		walk(d)
	}
	return names
}

// policyName names a missing-data policy (message missing_policy.<policy>), or gives the code.
func policyName(p string) any {
	if id := messages.ID("missing_policy." + p); hasMessage(id) {
		return messages.New(id)
	}
	return p
}

// orCode is a "name code" label, or the code when the inputs give no name.
func orCode(label, code string) string {
	if label == "" {
		return code
	}
	return label
}

// itemTitle is a checklist item's title, Chinese / English.
func itemTitle(code string) string { return both(messages.ID("acceptance.item." + code)) }

// checklist computes the acceptance items.
func (s *Service) checklist(acc *Acceptance, files *ReportFiles, keys []engine.SigningKey, audit *AuditReport) []AcceptanceItem {
	var items []AcceptanceItem
	add := func(code string, pass bool, evidence []string) {
		title := itemTitle(code)
		if len(evidence) > maxEvidence {
			evidence = append(evidence[:maxEvidence:maxEvidence], both(messages.AcceptanceMore, "n", len(evidence)-maxEvidence))
		}
		if evidence == nil {
			evidence = []string{}
		}
		st := engine.CheckFail
		if pass {
			st = engine.CheckPass
		}
		items = append(items, AcceptanceItem{Code: code, Title: title, Pass: pass, Status: st, Evidence: evidence})
	}
	r := acc.Report
	var v *engine.Verification
	if r == nil {
		add("report_published", false, []string{both(messages.AcceptanceNoReport)})
	} else {
		v = s.reporting.reporter.Verify(files.Envelope, files.Bundle, keys)
		ev := []string{both(messages.AcceptanceReport, "report", r.ID, "version", r.Version, "run", r.RunNumber,
			"time", r.PublishedAt.UTC().Format(time.RFC3339), "by", r.PublishedByName), both(messages.AcceptanceDigest, "digest", r.Digest)}
		if r.Supersedes != "" {
			ev = append(ev, both(messages.AcceptanceSupersedes, "report", r.Supersedes))
		}
		add("report_published", true, ev)
	}
	checkItem := func(code string, names ...string) {
		if v == nil {
			add(code, false, []string{both(messages.AcceptanceNoReportToCheck)})
			return
		}
		pass := true
		var ev []string
		for _, n := range names {
			c := v.Check(n)
			if c == nil {
				continue
			}
			pass = pass && c.Status == engine.CheckPass
			detail := c.Message
			if detail.ID == "" {
				detail = messages.New(messages.LegacyText, "text", c.Detail)
			}
			line := bothOf(messages.New(messages.AcceptanceCheckLine, "check", messages.ID("web.verify.check."+n),
				"status", messages.ID("web.verify.status."+c.Status), "detail", detail))
			if c.Where != "" {
				line += " (" + c.Where + ")"
			}
			ev = append(ev, line)
		}
		add(code, pass, ev)
	}
	checkItem("signature_valid", "envelope", "payload_type", "signature", "canonical", "manifest")
	checkItem("rerun_digest", "inputs_digest", "results_digest", "recompute", "privacy")
	var res *engine.Result
	var in *engine.RunInputs
	if v != nil {
		res, in = v.Result, v.Inputs
	}
	if res == nil || in == nil {
		for _, code := range []string{"ahp_consistency", "weights_sum", "data_coverage", "provenance", "survey_minimums", "constraints"} {
			add(code, false, []string{both(messages.AcceptanceUnreadable)})
		}
	} else {
		ok, ev := ahpEvidence(res)
		add("ahp_consistency", ok, ev)
		ok, ev = weightsEvidence(res)
		add("weights_sum", ok, ev)
		ok, ev = coverageEvidence(in, res)
		add("data_coverage", ok, ev)
		ok, ev = provenanceEvidence(in)
		add("provenance", ok, ev)
		ok, ev = surveyEvidence(in, res)
		add("survey_minimums", ok, ev)
		ok, ev = constraintEvidence(res)
		add("constraints", ok, ev)
	}
	ev := []string{both(messages.AcceptanceAuditEntries, "entries", audit.Entries, "head", audit.Head)}
	if audit.Anchored > 0 {
		ev = append(ev, both(messages.AcceptanceAuditAnchored, "checkpoints", len(audit.Checkpoints), "anchored", audit.Anchored))
	}
	if !audit.OK {
		ev = append(ev, both(messages.AcceptanceAuditBroken, "seq", audit.BrokenSeq, "reason", audit.ReasonArg()))
	}
	add("audit_chain", audit.OK, ev)
	return items
}

func ahpEvidence(res *engine.Result) (bool, []string) {
	w := res.Weights
	if w == nil {
		return false, []string{both(messages.AcceptanceNoWeights)}
	}
	if len(w.Experts) == 0 {
		return true, []string{both(messages.AcceptanceNotAHP, "method", string(w.Method))}
	}
	ok := true
	var ev []string
	for _, e := range w.Experts {
		switch {
		case e.Consistent:
			ev = append(ev, both(messages.AcceptanceAHPConsistent, "node", e.Node, "expert", e.ExpertName, "cr", fmt.Sprintf("%.4f", e.CR)))
		case e.Excluded && e.Reason != nil:
			ev = append(ev, both(messages.AcceptanceAHPExcluded, "node", e.Node, "expert", e.ExpertName, "cr", fmt.Sprintf("%.4f", e.CR), "reason", *e.Reason))
		default:
			ok = false
			ev = append(ev, both(messages.AcceptanceAHPUnrecorded, "node", e.Node, "expert", e.ExpertName, "cr", fmt.Sprintf("%.4f", e.CR)))
		}
	}
	return ok, ev
}

func weightsEvidence(res *engine.Result) (bool, []string) {
	w := res.Weights
	if w == nil {
		return false, []string{both(messages.AcceptanceNoWeights)}
	}
	const tol = 1e-9
	ok := true
	var ev []string
	sum := func(xs []float64) float64 {
		var t float64
		for _, x := range xs {
			t += x
		}
		return t
	}
	for _, n := range w.Nodes {
		t := sum(n.Weights)
		good := math.Abs(t-1) <= tol
		ok = ok && good
		ev = append(ev, both(messages.AcceptanceNodeSum, "node", n.Node, "n", len(n.Weights), "sum", fmt.Sprintf("%.12f%s", t, map[bool]string{true: "", false: " ≠ 1"}[good])))
	}
	var g, d []float64
	for _, x := range w.Global {
		g = append(g, x.Weight)
	}
	for _, x := range w.Dimensions {
		d = append(d, x.Weight)
	}
	for _, c := range []struct {
		id messages.ID
		t  float64
	}{{messages.AcceptanceGlobalSum, sum(g)}, {messages.AcceptanceDimensionSum, sum(d)}} {
		good := math.Abs(c.t-1) <= tol
		ok = ok && good
		ev = append(ev, both(c.id, "sum", fmt.Sprintf("%.12f%s", c.t, map[bool]string{true: "", false: " ≠ 1"}[good])))
	}
	var comp []float64
	for _, c := range res.Components {
		comp = append(comp, c.Share)
	}
	if len(comp) > 0 {
		t := sum(comp)
		good := math.Abs(t-1) <= tol
		ok = ok && good
		ev = append(ev, both(messages.AcceptanceComponentSum, "sum", fmt.Sprintf("%.12f", t)))
	}
	return ok, ev
}

func coverageEvidence(in *engine.RunInputs, res *engine.Result) (bool, []string) {
	c := res.Coverage
	ev := []string{both(messages.AcceptanceValuesPresent, "present", c.Present, "expected", c.Expected, "period", string(res.Period),
		"policy", policyName(in.Config.Missing))}
	if c.Indicators > 0 {
		scored := messages.New(messages.AcceptanceScored, "scored", c.Scored, "total", c.Indicators,
			"weight", fmt.Sprintf("%.1f", 100*c.Weight), "threshold", fmt.Sprintf("%.0f", 100*c.Threshold))
		if c.Provisional {
			ev = append(ev, both(messages.AcceptanceProvisional, "scored", scored))
		} else {
			ev = append(ev, bothOf(scored))
		}
		for _, d := range c.Dimensions {
			ev = append(ev, both(messages.AcceptanceDimensionScored, "dimension", messages.New(messages.ID("dimension."+string(d.Dimension))),
				"scored", d.Scored, "total", d.Indicators, "weight", fmt.Sprintf("%.1f", 100*d.ScoredWeight), "of", fmt.Sprintf("%.1f", 100*d.Weight)))
		}
	}
	names := indicatorNames(in)
	units := map[string]string{}
	for _, u := range in.Units {
		units[u.Code] = u.Name + " " + u.Code
	}
	for _, m := range c.Missing {
		ev = append(ev, both(messages.AcceptanceMissing, "indicator", orCode(names[m.Indicator], m.Indicator),
			"unit", orCode(units[m.Unit], m.Unit), "period", string(m.Period)))
	}
	return len(c.Missing) == 0 && c.Present == c.Expected, ev
}

func provenanceEvidence(in *engine.RunInputs) (bool, []string) {
	ok := len(in.Datasets) > 0
	var ev []string
	if !ok {
		ev = append(ev, both(messages.AcceptanceNoDataset))
	}
	for _, d := range in.Datasets {
		var lacks []messages.ID
		if strings.TrimSpace(d.FileName) == "" {
			lacks = append(lacks, messages.AcceptanceFieldFileName)
		}
		if len(d.SHA256) != 64 {
			lacks = append(lacks, messages.AcceptanceFieldSHA256)
		}
		if strings.TrimSpace(d.Importer) == "" {
			lacks = append(lacks, messages.AcceptanceFieldImporter)
		}
		if d.ImportedAt.IsZero() {
			lacks = append(lacks, messages.AcceptanceFieldImportTime)
		}
		line := messages.New(messages.AcceptanceDataset, "number", d.Number, "file", d.FileName, "sha256", d.SHA256,
			"importer", d.Importer, "time", d.ImportedAt.UTC().Format(time.RFC3339))
		if len(lacks) == 0 {
			ev = append(ev, bothOf(line))
			continue
		}
		ok = false
		zh, en := make([]string, len(lacks)), make([]string, len(lacks))
		for i, id := range lacks {
			zh[i], en[i] = messages.Both(id)
		}
		lineZh, lineEn := messages.BothOf(line)
		ev = append(ev, messages.For(messages.Chinese).Sprintf(messages.AcceptanceDatasetLacks, "dataset", lineZh, "lacks", zh)+" / "+
			messages.For(messages.English).Sprintf(messages.AcceptanceDatasetLacks, "dataset", lineEn, "lacks", en))
	}
	return ok, ev
}

func surveyEvidence(in *engine.RunInputs, res *engine.Result) (bool, []string) {
	if len(res.Surveys) == 0 {
		return true, []string{both(messages.AcceptanceNoSurvey)}
	}
	minimum := map[string]map[string]int{}
	for _, rs := range in.Surveys {
		sv := *rs.Survey.Definition()
		sv.Groups = append([]engine.RaterGroup(nil), rs.Survey.Groups...)
		sv.Normalize()
		m := map[string]int{}
		for _, g := range sv.Groups {
			m[g.Code] = g.MinRaters
		}
		minimum[sv.Code] = m
	}
	ok := true
	var ev []string
	for _, sr := range res.Surveys {
		counted, suppressed := 0, 0
		for _, u := range sr.Result.Units {
			for _, g := range u.Groups {
				switch {
				case g.Suppressed:
					suppressed++
				case g.Stats != nil && g.Stats.N < minimum[sr.Code][g.Group]:
					ok = false
					ev = append(ev, both(messages.AcceptanceSurveyBelow, "survey", sr.Code, "unit", u.Unit, "group", g.Group,
						"n", g.Stats.N, "min", minimum[sr.Code][g.Group]))
				default:
					counted++
				}
			}
		}
		ev = append(ev, both(messages.AcceptanceSurveyCells, "survey", sr.Code, "counted", counted, "suppressed", suppressed))
	}
	return ok, ev
}

func constraintEvidence(res *engine.Result) (bool, []string) {
	if len(res.Constraints) == 0 {
		return true, []string{both(messages.AcceptanceNoConstraint)}
	}
	ok := true
	var ev []string
	for _, c := range res.Constraints {
		ok = ok && c.Met
		id := messages.AcceptanceConstraintNotMet
		if c.Met {
			id = messages.AcceptanceConstraintMet
		}
		label := ""
		if c.Label != "" {
			label = c.Label + " "
		}
		var kind any = c.Kind // a kind the catalogue does not name prints as its code
		if id := messages.ID("constraint.kind." + c.Kind); hasMessage(id) {
			kind = messages.New(id)
		}
		line := messages.New(id, "label", label, "kind", kind, "source", c.Source, "min", fmt.Sprintf("%.4f", c.Min), "share", fmt.Sprintf("%.4f", c.Share))
		zh, en := messages.BothOf(line)
		for _, u := range c.UnitsBelow {
			uzh, uen := messages.Both(messages.AcceptanceConstraintUnit, "unit", u.Unit, "share", fmt.Sprintf("%.4f", u.Share))
			zh, en = zh+"；"+uzh, en+"; "+uen
		}
		ev = append(ev, zh+" / "+en)
	}
	return ok, ev
}

// DecideAcceptance records a reviewer's decision on the commission's current report. Accepting
// needs the integrity items of the checklist to pass (report published, signature valid, re-run
// digest, audit chain) and reasons when any other item failed; it moves the commission to
// accepted. Rejecting needs reasons and sends the commission back to review.
func (s *Service) DecideAcceptance(ctx context.Context, a Actor, commissionID string, in AcceptanceInput) (*AcceptanceDecision, error) {
	acc, _, err := s.acceptance(ctx, a, commissionID, PermAccept)
	if err != nil {
		return nil, err
	}
	v := engine.NewValidation(messages.ValidationAcceptance)
	var reasons []string
	for _, r := range in.Reasons {
		if r = strings.TrimSpace(r); r != "" {
			reasons = append(reasons, r)
		}
	}
	var failed []string
	for _, it := range acc.Items {
		if !it.Pass {
			failed = append(failed, it.Code)
		}
	}
	switch in.Decision {
	case DecisionAccept:
		if len(failed) > 0 && len(reasons) == 0 {
			v.Add(engine.Catalogued("reasons", "", messages.AcceptanceReasonsFailed, "items", failed))
		}
	case DecisionReject:
		if len(reasons) == 0 {
			v.Add(engine.Catalogued("reasons", "", messages.AcceptanceRejectReasons))
		}
	default:
		v.Add(engine.Catalogued("decision", in.Decision, messages.AcceptanceDecision))
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if acc.Report == nil {
		return nil, engine.Refuse(engine.ErrConflict, messages.ConflictNoPublishedReport)
	}
	if in.Decision == DecisionAccept {
		var broken []string
		for _, it := range acc.Items {
			for _, code := range integrityItems {
				if it.Code == code && !it.Pass {
					broken = append(broken, code)
				}
			}
		}
		if len(broken) > 0 {
			return nil, engine.Refuse(engine.ErrConflict, messages.ConflictAcceptWhileFailing, "items", broken)
		}
	}
	sort.Strings(failed)
	d := &AcceptanceDecision{CommissionID: commissionID, ReportID: acc.Report.ID, ReportVersion: acc.Report.Version,
		Decision: in.Decision, Reasons: reasons, Failed: failed, DecidedBy: a.UserID, DecidedByName: a.Name, DecidedAt: s.now()}
	if d.Reasons == nil {
		d.Reasons = []string{}
	}
	if d.Failed == nil {
		d.Failed = []string{}
	}
	err = s.inCommission(ctx, a, commissionID, PermAccept, func(tx Tx) error {
		c, err := tx.LockCommission(ctx, commissionID)
		if err != nil {
			return err
		}
		if c.Status != StatusPublished {
			return engine.Refuse(engine.ErrConflict, messages.ConflictDecisionStatus, "status", statusID(c.Status))
		}
		latest, err := tx.LatestReport(ctx, commissionID)
		if err != nil {
			return err
		}
		if latest.ID != d.ReportID {
			return engine.Refuse(engine.ErrConflict, messages.ConflictReportRepublished, "version", latest.Version)
		}
		if err := tx.CreateAcceptanceDecision(ctx, d); err != nil {
			return err
		}
		to := StatusAccepted
		if d.Decision == DecisionReject {
			to = StatusReview
		}
		if err := s.setStatus(ctx, tx, a, c, to); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, commissionID, "acceptance."+d.Decision, "acceptance_decision", d.ID, d)
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}
