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
	Code     string   `json:"code"`
	Title    string   `json:"title"` // Chinese / English
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

// checklist computes the acceptance items.
func (s *Service) checklist(acc *Acceptance, files *ReportFiles, keys []engine.SigningKey, audit *AuditReport) []AcceptanceItem {
	var items []AcceptanceItem
	add := func(code, title string, pass bool, evidence []string) {
		if len(evidence) > maxEvidence {
			evidence = append(evidence[:maxEvidence:maxEvidence], fmt.Sprintf("… and %d more", len(evidence)-maxEvidence))
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
		add("report_published", "报告已发布 / report published", false, []string{"the commission has no published report"})
	} else {
		v = s.reporting.reporter.Verify(files.Envelope, files.Bundle, keys)
		ev := []string{fmt.Sprintf("report %s version %d of run %d, published %s by %s", r.ID, r.Version, r.RunNumber,
			r.PublishedAt.UTC().Format(time.RFC3339), r.PublishedByName), "digest (SHA-256 of report.json) " + r.Digest}
		if r.Supersedes != "" {
			ev = append(ev, "supersedes report "+r.Supersedes)
		}
		add("report_published", "报告已发布 / report published", true, ev)
	}
	checkItem := func(code, title string, names ...string) {
		if v == nil {
			add(code, title, false, []string{"no report to check"})
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
			line := n + " " + c.Status + ": " + c.Detail
			if c.Where != "" {
				line += " (" + c.Where + ")"
			}
			ev = append(ev, line)
		}
		add(code, title, pass, ev)
	}
	checkItem("signature_valid", "签名有效 / signature valid", "envelope", "payload_type", "signature", "canonical", "manifest")
	checkItem("rerun_digest", "重算摘要一致 / re-run digest matches", "inputs_digest", "results_digest", "recompute", "privacy")
	var res *engine.Result
	var in *engine.RunInputs
	if v != nil {
		res, in = v.Result, v.Inputs
	}
	if res == nil || in == nil {
		for _, it := range [][2]string{
			{"ahp_consistency", "判断矩阵一致性 / AHP matrices consistent or excluded"},
			{"weights_sum", "权重归一 / weights sum to 1 at every node"},
			{"data_coverage", "数据完整 / data coverage"},
			{"provenance", "数据来源可追溯 / every dataset has provenance"},
			{"survey_minimums", "评价主体人数 / survey groups met their minimum or were suppressed"},
			{"constraints", "委托约束 / commission constraints met"},
		} {
			add(it[0], it[1], false, []string{"the report's contents could not be read"})
		}
	} else {
		ok, ev := ahpEvidence(res)
		add("ahp_consistency", "判断矩阵一致性 / AHP matrices consistent or excluded", ok, ev)
		ok, ev = weightsEvidence(res)
		add("weights_sum", "权重归一 / weights sum to 1 at every node", ok, ev)
		ok, ev = coverageEvidence(in, res)
		add("data_coverage", "数据完整 / data coverage", ok, ev)
		ok, ev = provenanceEvidence(in)
		add("provenance", "数据来源可追溯 / every dataset has provenance", ok, ev)
		ok, ev = surveyEvidence(in, res)
		add("survey_minimums", "评价主体人数 / survey groups met their minimum or were suppressed", ok, ev)
		ok, ev = constraintEvidence(res)
		add("constraints", "委托约束 / commission constraints met", ok, ev)
	}
	ev := []string{fmt.Sprintf("%d audit entries, head %s", audit.Entries, audit.Head)}
	if audit.Anchored > 0 {
		ev = append(ev, fmt.Sprintf("%d signed checkpoint(s) checked; entries 1–%d are vouched for by a checkpoint", len(audit.Checkpoints), audit.Anchored))
	}
	if !audit.OK {
		ev = append(ev, fmt.Sprintf("broken at entry %d: %s", audit.BrokenSeq, audit.Reason))
	}
	add("audit_chain", "审计链完整 / audit chain intact", audit.OK, ev)
	return items
}

func ahpEvidence(res *engine.Result) (bool, []string) {
	w := res.Weights
	if w == nil {
		return false, []string{"the result has no weights"}
	}
	if len(w.Experts) == 0 {
		return true, []string{fmt.Sprintf("the weights are %s, not from AHP judgments: no matrix to check", w.Method)}
	}
	ok := true
	var ev []string
	for _, e := range w.Experts {
		switch {
		case e.Consistent:
			ev = append(ev, fmt.Sprintf("node %s, %s: CR %.4f within the threshold", e.Node, e.ExpertName, e.CR))
		case e.Excluded && e.Reason != nil:
			ev = append(ev, fmt.Sprintf("node %s, %s: CR %.4f, excluded — %s", e.Node, e.ExpertName, e.CR, messages.BilingualOf(*e.Reason)))
		default:
			ok = false
			ev = append(ev, fmt.Sprintf("node %s, %s: CR %.4f exceeds the threshold and no exclusion is recorded", e.Node, e.ExpertName, e.CR))
		}
	}
	return ok, ev
}

func weightsEvidence(res *engine.Result) (bool, []string) {
	w := res.Weights
	if w == nil {
		return false, []string{"the result has no weights"}
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
		ev = append(ev, fmt.Sprintf("node %s: %d weights sum to %.12f%s", n.Node, len(n.Weights), t, map[bool]string{true: "", false: " ≠ 1"}[good]))
	}
	var g, d []float64
	for _, x := range w.Global {
		g = append(g, x.Weight)
	}
	for _, x := range w.Dimensions {
		d = append(d, x.Weight)
	}
	for _, c := range []struct {
		name string
		t    float64
	}{{"global indicator weights", sum(g)}, {"dimension weights", sum(d)}} {
		good := math.Abs(c.t-1) <= tol
		ok = ok && good
		ev = append(ev, fmt.Sprintf("%s sum to %.12f%s", c.name, c.t, map[bool]string{true: "", false: " ≠ 1"}[good]))
	}
	var comp []float64
	for _, c := range res.Components {
		comp = append(comp, c.Share)
	}
	if len(comp) > 0 {
		t := sum(comp)
		good := math.Abs(t-1) <= tol
		ok = ok && good
		ev = append(ev, fmt.Sprintf("component shares sum to %.12f", t))
	}
	return ok, ev
}

func coverageEvidence(in *engine.RunInputs, res *engine.Result) (bool, []string) {
	c := res.Coverage
	ev := []string{fmt.Sprintf("%d of %d indicator × unit values of period %s present; missing-data policy: %s",
		c.Present, c.Expected, res.Period, in.Config.Missing)}
	if c.Indicators > 0 {
		line := fmt.Sprintf("%d of %d indicators scored, carrying %.1f%% of the weight (threshold %.0f%%)",
			c.Scored, c.Indicators, 100*c.Weight, 100*c.Threshold)
		if c.Provisional {
			line = "暂定 / provisional: " + line + " — the composite and grades rest on less than the threshold"
		}
		ev = append(ev, line)
		for _, d := range c.Dimensions {
			ev = append(ev, fmt.Sprintf("dimension %s: %d of %d indicators scored, weight %.1f%% of %.1f%%",
				d.Dimension, d.Scored, d.Indicators, 100*d.ScoredWeight, 100*d.Weight))
		}
	}
	for _, m := range c.Missing {
		ev = append(ev, fmt.Sprintf("missing: indicator %s × unit %s × period %s", m.Indicator, m.Unit, m.Period))
	}
	return len(c.Missing) == 0 && c.Present == c.Expected, ev
}

func provenanceEvidence(in *engine.RunInputs) (bool, []string) {
	ok := len(in.Datasets) > 0
	var ev []string
	if !ok {
		ev = append(ev, "the run used no dataset")
	}
	for _, d := range in.Datasets {
		var lacks []string
		if strings.TrimSpace(d.FileName) == "" {
			lacks = append(lacks, "file name")
		}
		if len(d.SHA256) != 64 {
			lacks = append(lacks, "SHA-256")
		}
		if strings.TrimSpace(d.Importer) == "" {
			lacks = append(lacks, "importer")
		}
		if d.ImportedAt.IsZero() {
			lacks = append(lacks, "import time")
		}
		line := fmt.Sprintf("dataset %d: %s, sha256 %s, imported by %s at %s", d.Number, d.FileName, d.SHA256, d.Importer,
			d.ImportedAt.UTC().Format(time.RFC3339))
		if len(lacks) > 0 {
			ok = false
			line += " — lacks " + strings.Join(lacks, ", ")
		}
		ev = append(ev, line)
	}
	return ok, ev
}

func surveyEvidence(in *engine.RunInputs, res *engine.Result) (bool, []string) {
	if len(res.Surveys) == 0 {
		return true, []string{"the run used no survey"}
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
					ev = append(ev, fmt.Sprintf("survey %s, unit %s, group %s: %d raters reported, below the minimum %d", sr.Code, u.Unit, g.Group, g.Stats.N, minimum[sr.Code][g.Group]))
				default:
					counted++
				}
			}
		}
		ev = append(ev, fmt.Sprintf("survey %s: %d unit × group cells met their minimum, %d were suppressed", sr.Code, counted, suppressed))
	}
	return ok, ev
}

func constraintEvidence(res *engine.Result) (bool, []string) {
	if len(res.Constraints) == 0 {
		return true, []string{"the run configuration sets no constraint"}
	}
	ok := true
	var ev []string
	for _, c := range res.Constraints {
		ok = ok && c.Met
		line := fmt.Sprintf("%s %s ≥ %.4f: share %.4f, %s", c.Kind, c.Source, c.Min, c.Share, map[bool]string{true: "met", false: "not met"}[c.Met])
		if c.Label != "" {
			line = c.Label + ": " + line
		}
		for _, u := range c.UnitsBelow {
			line += fmt.Sprintf("; unit %s only %.4f", u.Unit, u.Share)
		}
		ev = append(ev, line)
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
	v := &engine.ValidationError{Summary: "invalid acceptance decision"}
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
			v.Add(engine.Problem{Field: "reasons", Message: fmt.Sprintf("accepting although checklist items failed (%s) needs reasons", strings.Join(failed, ", "))})
		}
	case DecisionReject:
		if len(reasons) == 0 {
			v.Add(engine.Problem{Field: "reasons", Message: "a rejection states its reasons"})
		}
	default:
		v.Add(engine.Problem{Field: "decision", Value: in.Decision, Message: "decision is accept or reject"})
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if acc.Report == nil {
		return nil, fmt.Errorf("%w: the commission has no published report to decide on", engine.ErrConflict)
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
			return nil, fmt.Errorf("%w: the report cannot be accepted while %s fail", engine.ErrConflict, strings.Join(broken, ", "))
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
			return fmt.Errorf("%w: the commission is %s; a decision is made on a published report", engine.ErrConflict, c.Status)
		}
		latest, err := tx.LatestReport(ctx, commissionID)
		if err != nil {
			return err
		}
		if latest.ID != d.ReportID {
			return fmt.Errorf("%w: report %d was published meanwhile; review it first", engine.ErrConflict, latest.Version)
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
