package evaluation

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// ReportPayloadType is the DSSE payload type of a signed report bundle.
const ReportPayloadType = "application/vnd.evalbench.report+json"

// Report is a published report: the signed, canonical bundle of one run of a commission. It is
// immutable; a later publication for the same commission supersedes it with a new version.
type Report struct {
	ID              string    `json:"id"`
	CommissionID    string    `json:"commission_id"`
	InstituteID     string    `json:"institute_id"`
	RunID           string    `json:"run_id"`
	RunNumber       int       `json:"run_number"`
	Version         int       `json:"version"` // 1, 2, … within the commission
	Supersedes      string    `json:"supersedes,omitempty"`
	SupersededBy    string    `json:"superseded_by,omitempty"`
	KeyID           string    `json:"key_id"`
	Digest          string    `json:"digest"`         // SHA-256 of report.json, the signed payload
	InputsDigest    string    `json:"inputs_digest"`  // SHA-256 of the bundle's canonical inputs
	ResultsDigest   string    `json:"results_digest"` // SHA-256 of the canonical result (the run's)
	Synthetic       bool      `json:"synthetic"`
	Illustrative    bool      `json:"illustrative"`
	PublishedBy     string    `json:"published_by,omitempty"`
	PublishedByName string    `json:"published_by_name"`
	PublishedAt     time.Time `json:"published_at"`
}

// ReportFiles are the stored files of a report: report.json (the canonical bundle),
// report.dsse.json (the signed envelope holding it) and report.html.
type ReportFiles struct {
	Bundle   []byte
	Envelope []byte
	HTML     []byte
}

// ReportMeta is what a report says about itself beyond its run: the Reporter writes it into the
// bundle's manifest.
type ReportMeta struct {
	ReportID     string
	Version      int
	Supersedes   string
	IssuedAt     time.Time
	RunID        string
	RunNumber    int
	InstituteID  string
	Illustrative bool
	KeyID        string
	PublicKey    ed25519.PublicKey
	// Checkpoint is the audit chain's checkpoint signed when the report was published; the
	// bundle embeds it, so every published report anchors the chain outside the database.
	Checkpoint *Checkpoint
}

// Reporter builds, signs, checks and prints report bundles. Package reports implements it; the
// service is given one with WithReporter. Build, Sign and Verify are pure: the same arguments
// give the same bytes.
type Reporter interface {
	// Build assembles the canonical bundle (report.json) of a run's inputs and its stored
	// canonical result, and renders the bundle's HTML report.
	Build(in *RunInputs, result []byte, meta ReportMeta) (bundle, html []byte, err error)
	// Sign wraps a bundle in a DSSE envelope signed with the key.
	Sign(bundle []byte, keyID string, key ed25519.PrivateKey) ([]byte, error)
	// Verify checks an envelope offline — and report.json beside it when bundle is not nil:
	// the signature against the trusted keys (the key embedded in the bundle when keys is
	// empty), the digests of every input and of the results, and the recomputation of the
	// results from the inputs.
	Verify(envelope, bundle []byte, keys []SigningKey) *Verification
	// PDF prints a report's HTML on A4 paper.
	PDF(ctx context.Context, html []byte) ([]byte, error)
}

// WithReporter gives the service the bundle builder and signer that publishing uses.
func WithReporter(r Reporter) Option { return func(s *Service) { s.reporting.reporter = r } }

// reporting is the service's report machinery (WithReporter, WithMasterKey).
type reporting struct {
	reporter Reporter
	master   []byte
}

func (s *Service) needReporter() error {
	if s.reporting.reporter == nil {
		return errors.New("evaluation: the service has no report builder (WithReporter)")
	}
	return nil
}

// Check statuses of a Verification.
const (
	CheckPass    = "pass"
	CheckFail    = "fail"
	CheckSkipped = "skipped" // an earlier failure left nothing to check
)

// Verification is the outcome of verifying a report: PASS when every check passed.
type Verification struct {
	Verdict string              `json:"verdict"` // PASS or FAIL
	OK      bool                `json:"ok"`
	Checks  []VerificationCheck `json:"checks"`
	// KeyID is the fingerprint of the key the signature verified with, and KeySource where that
	// key came from: given (by the verifier), institute (published by the institute), or
	// embedded (in the bundle: proves integrity, not who signed — compare the fingerprint).
	KeyID         string `json:"key_id,omitempty"`
	KeySource     string `json:"key_source,omitempty"`
	ReportID      string `json:"report_id,omitempty"`
	ReportVersion int    `json:"report_version,omitempty"`
	Digest        string `json:"digest,omitempty"` // SHA-256 of the payload (report.json)
	InputsDigest  string `json:"inputs_digest,omitempty"`
	ResultsDigest string `json:"results_digest,omitempty"`
	Engine        string `json:"engine,omitempty"`     // the evalbench version that computed the results
	Recomputer    string `json:"recomputer,omitempty"` // the evalbench version that recomputed them

	Inputs *RunInputs `json:"-"` // the bundle's inputs, when it parsed
	Result *Result    `json:"-"` // the bundle's results, when they parsed
}

// VerificationCheck is one check of a verification. Where locates a failure (a digest, a JSON
// path of the first difference).
type VerificationCheck struct {
	Name   string `json:"name"`
	Status string `json:"status"`
	Detail string `json:"detail"`
	Where  string `json:"where,omitempty"`
}

// Check returns the named check, or nil.
func (v *Verification) Check(name string) *VerificationCheck {
	for i := range v.Checks {
		if v.Checks[i].Name == name {
			return &v.Checks[i]
		}
	}
	return nil
}

// Failed lists the failed checks as "name: detail (where)".
func (v *Verification) Failed() []string {
	var out []string
	for _, c := range v.Checks {
		if c.Status == CheckFail {
			s := c.Name + ": " + c.Detail
			if c.Where != "" {
				s += " (" + c.Where + ")"
			}
			out = append(out, s)
		}
	}
	return out
}

// PublishInput asks to publish a run's report.
type PublishInput struct {
	// Illustrative labels the report as illustrative (its weights or data are invented for
	// demonstration); a run whose weight set is illustrative is labelled so anyway.
	Illustrative bool `json:"illustrative,omitempty"`
}

// PublishReport publishes the report of a succeeded run: it signs a checkpoint of the audit chain
// (embedded in the bundle), builds the canonical bundle, signs it
// with the institute's active key (creating the institute's first key when it has none), checks
// that the signed report verifies, stores the bundle, envelope and HTML immutably, appends the
// report to the institute's hash-chained publication log, and moves the commission to published.
// A commission's later report supersedes the previous one, which stays as it was.
func (s *Service) PublishReport(ctx context.Context, a Actor, commissionID, runID string, in PublishInput) (*Report, error) {
	var inputs *RunInputs
	var result []byte
	var resultDigest string
	var key *SigningKey
	var priv ed25519.PrivateKey
	var meta ReportMeta
	err := s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.access(ctx, tx, a, commissionID, PermPublish); err != nil {
			return err
		}
		c, err := tx.GetCommission(ctx, commissionID)
		if err != nil {
			return err
		}
		if err := publishable(c); err != nil {
			return err
		}
		r, err := s.run(ctx, tx, commissionID, runID)
		if err != nil {
			return err
		}
		if r.Status != RunSucceeded {
			return fmt.Errorf("%w: run %d is %s; only a succeeded run can be published", ErrConflict, r.Number, r.Status)
		}
		if result, resultDigest, err = tx.GetRunResult(ctx, r.ID); err != nil {
			return err
		}
		if inputs, err = s.assemble(ctx, tx, r); err != nil {
			return err
		}
		meta = ReportMeta{ReportID: newUUID(), Version: 1, IssuedAt: s.now(), RunID: r.ID, RunNumber: r.Number,
			InstituteID: c.InstituteID, Illustrative: in.Illustrative || inputs.Weights.Set.Illustrative}
		latest, err := tx.LatestReport(ctx, commissionID)
		switch {
		case errors.Is(err, ErrNotFound):
		case err != nil:
			return err
		default:
			meta.Version, meta.Supersedes = latest.Version+1, latest.ID
		}
		if err := tx.LockSigningKeys(ctx, c.InstituteID); err != nil {
			return err
		}
		if key, priv, err = s.activeSigningKey(ctx, tx, a, c.InstituteID); err != nil {
			return err
		}
		meta.Checkpoint, err = s.checkpoint(ctx, tx, a, c.InstituteID)
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := s.needReporter(); err != nil {
		return nil, err
	}
	meta.KeyID, meta.PublicKey = key.ID, ed25519.PublicKey(key.PublicKey)
	rep := s.reporting.reporter
	bundle, html, err := rep.Build(inputs, result, meta)
	if err != nil {
		return nil, fmt.Errorf("building the report: %w", err)
	}
	envelope, err := rep.Sign(bundle, key.ID, priv)
	if err != nil {
		return nil, fmt.Errorf("signing the report: %w", err)
	}
	v := rep.Verify(envelope, nil, []SigningKey{*key})
	if !v.OK {
		return nil, fmt.Errorf("%w: the report would not verify, so it is not published: %s", ErrConflict, strings.Join(v.Failed(), "; "))
	}
	if v.ResultsDigest != resultDigest {
		return nil, fmt.Errorf("%w: the report's results digest %s is not the run's %s", ErrConflict, v.ResultsDigest, resultDigest)
	}
	digest := sha256.Sum256(bundle)
	report := &Report{ID: meta.ReportID, CommissionID: commissionID, InstituteID: meta.InstituteID, RunID: meta.RunID,
		RunNumber: meta.RunNumber, Version: meta.Version, Supersedes: meta.Supersedes, KeyID: key.ID,
		Digest: hex.EncodeToString(digest[:]), InputsDigest: v.InputsDigest, ResultsDigest: v.ResultsDigest,
		Synthetic: inputs.Commission.Synthetic, Illustrative: meta.Illustrative,
		PublishedBy: a.UserID, PublishedByName: a.Name, PublishedAt: meta.IssuedAt}
	err = s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.access(ctx, tx, a, commissionID, PermPublish); err != nil {
			return err
		}
		c, err := tx.LockCommission(ctx, commissionID)
		if err != nil {
			return err
		}
		if err := publishable(c); err != nil {
			return err
		}
		latest, err := tx.LatestReport(ctx, commissionID)
		switch {
		case errors.Is(err, ErrNotFound):
			if meta.Supersedes != "" {
				return fmt.Errorf("%w: the report to supersede has gone", ErrConflict)
			}
		case err != nil:
			return err
		case latest.ID != meta.Supersedes:
			return fmt.Errorf("%w: report %d was published meanwhile; publish again to supersede it", ErrConflict, latest.Version)
		}
		if err := tx.CreateReport(ctx, report, ReportFiles{Bundle: bundle, Envelope: envelope, HTML: html}); err != nil {
			return err
		}
		entry := &PublicationEntry{InstituteID: report.InstituteID, ReportID: report.ID, ReportVersion: report.Version,
			CommissionID: commissionID, Supersedes: report.Supersedes, Digest: report.Digest, KeyID: report.KeyID,
			PublishedAt: report.PublishedAt}
		if err := tx.AppendPublication(ctx, entry); err != nil {
			return err
		}
		if c.Status != StatusPublished {
			if err := s.setStatus(ctx, tx, a, c, StatusPublished); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, a, commissionID, "report.publish", "report", report.ID, map[string]any{
			"version": report.Version, "run_id": report.RunID, "digest": report.Digest, "results_digest": report.ResultsDigest,
			"inputs_digest": report.InputsDigest, "supersedes": report.Supersedes, "key_id": report.KeyID,
			"log_seq": entry.Seq, "log_hash": hex.EncodeToString(entry.Hash)})
	})
	if err != nil {
		return nil, err
	}
	return report, nil
}

// publishable explains why a commission cannot publish a report now, or returns nil. Reports are
// published from review (and superseded while published); an accepted commission is closed.
func publishable(c *Commission) error {
	switch c.Status {
	case StatusReview, StatusPublished:
		return nil
	case StatusAccepted:
		return fmt.Errorf("%w: the commission is accepted and closed; its reports can no longer change", ErrConflict)
	}
	return fmt.Errorf("%w: the commission is %s; move it to review before publishing its report", ErrConflict, c.Status)
}

// ListReports lists a commission's reports, newest first.
func (s *Service) ListReports(ctx context.Context, a Actor, commissionID string) ([]Report, error) {
	return readCommission(ctx, s, a, commissionID, PermRead, func(tx Tx) ([]Report, error) {
		return tx.ListReports(ctx, commissionID)
	})
}

// GetReport returns a report of the commission.
func (s *Service) GetReport(ctx context.Context, a Actor, commissionID, reportID string) (*Report, error) {
	return readCommission(ctx, s, a, commissionID, PermRead, func(tx Tx) (*Report, error) {
		return s.report(ctx, tx, commissionID, reportID)
	})
}

func (s *Service) report(ctx context.Context, tx Tx, commissionID, reportID string) (*Report, error) {
	if !validID(reportID) {
		return nil, fmt.Errorf("report %q: %w", reportID, ErrNotFound)
	}
	return tx.GetReport(ctx, commissionID, reportID)
}

// Report file names.
const (
	ReportJSON     = "report.json"
	ReportEnvelope = "report.dsse.json"
	ReportHTML     = "report.html"
	ReportPDF      = "report.pdf"
)

// ReportFile returns one file of a report: report.json, report.dsse.json, report.html or
// report.pdf. The PDF is printed from the HTML on first request and cached; it is not signed.
func (s *Service) ReportFile(ctx context.Context, a Actor, commissionID, reportID, name string) ([]byte, *Report, error) {
	if err := s.Authorize(ctx, a, commissionID, PermRead); err != nil {
		return nil, nil, err
	}
	return s.reportFile(ctx, commissionID, reportID, name)
}

// PublishedReportFile returns a file of a published report without a token. Publication makes a
// report public — "将评估的内容、标准、方法、程序等均予以公开" (plan line 3420) — so that the
// client, the public and reviewers can read and verify it from its link.
func (s *Service) PublishedReportFile(ctx context.Context, reportID, name string) ([]byte, *Report, error) {
	if !validID(reportID) {
		return nil, nil, fmt.Errorf("report %q: %w", reportID, ErrNotFound)
	}
	return s.reportFile(ctx, "", reportID, name)
}

func (s *Service) reportFile(ctx context.Context, commissionID, reportID, name string) ([]byte, *Report, error) {
	var r *Report
	var out []byte
	var html []byte
	err := s.store.Transact(ctx, func(tx Tx) error {
		var err error
		if commissionID == "" {
			r, err = tx.GetReport(ctx, "", reportID)
		} else {
			r, err = s.report(ctx, tx, commissionID, reportID)
		}
		if err != nil {
			return err
		}
		if name == ReportPDF {
			out, err = tx.ReportPDF(ctx, reportID)
			if !errors.Is(err, ErrNotFound) {
				return err
			}
		}
		files, err := tx.ReportFiles(ctx, reportID)
		if err != nil {
			return err
		}
		switch name {
		case ReportJSON:
			out = files.Bundle
		case ReportEnvelope:
			out = files.Envelope
		case ReportHTML:
			out = files.HTML
		case ReportPDF:
			html = files.HTML
		default:
			return fmt.Errorf("report file %q: %w", name, ErrNotFound)
		}
		return nil
	})
	if err != nil || out != nil {
		return out, r, err
	}
	if err := s.needReporter(); err != nil {
		return nil, nil, err
	}
	pdf, err := s.reporting.reporter.PDF(ctx, html)
	if err != nil {
		return nil, nil, err
	}
	// The PDF is a cache of a rendering of the signed HTML, not part of the report, so caching it
	// is not an audited change.
	err = s.store.Transact(ctx, func(tx Tx) error { return tx.PutReportPDF(ctx, reportID, pdf) })
	return pdf, r, err
}

// VerifyReport verifies a signed report offline, as `evalbench verify` does: the envelope, and
// report.json beside it when bundle is not nil. With a public key given the signature must verify
// with it; otherwise the signature's key id is looked up among every institute's keys, active or
// retired, and only when the server does not know it is the key embedded in the bundle used. No
// permission is needed.
func (s *Service) VerifyReport(ctx context.Context, envelope, bundle []byte, key ed25519.PublicKey) (*Verification, error) {
	if err := s.needReporter(); err != nil {
		return nil, err
	}
	var keys []SigningKey
	if key != nil {
		keys = []SigningKey{{ID: KeyFingerprint(key), Algorithm: SigningAlgorithm, PublicKey: key}}
	} else {
		for _, id := range envelopeKeyIDs(envelope) {
			if len(id) != 64 {
				continue
			}
			err := s.store.Transact(ctx, func(tx Tx) error {
				k, err := tx.GetSigningKey(ctx, id)
				if err == nil {
					keys = append(keys, *k)
				}
				if errors.Is(err, ErrNotFound) {
					return nil
				}
				return err
			})
			if err != nil {
				return nil, err
			}
		}
	}
	return s.reporting.reporter.Verify(envelope, bundle, keys), nil
}

// envelopeKeyIDs returns the key ids an envelope's signatures name, without checking anything
// else.
func envelopeKeyIDs(envelope []byte) []string {
	var env struct {
		Signatures []struct {
			KeyID string `json:"keyid"`
		} `json:"signatures"`
	}
	if err := json.Unmarshal(envelope, &env); err != nil {
		return nil
	}
	var out []string
	for _, sig := range env.Signatures {
		out = append(out, sig.KeyID)
	}
	return out
}

// PublicationEntry is one entry of an institute's publication log: a published report, chained
// to the entry before it by hash, so that a report cannot be removed or altered unnoticed.
type PublicationEntry struct {
	InstituteID   string    `json:"institute_id"`
	Seq           int64     `json:"seq"`
	ReportID      string    `json:"report_id"`
	ReportVersion int       `json:"report_version"`
	CommissionID  string    `json:"commission_id"`
	Supersedes    string    `json:"supersedes,omitempty"`
	Digest        string    `json:"digest"`
	KeyID         string    `json:"key_id"`
	PublishedAt   time.Time `json:"published_at"`
	PrevHash      HexBytes  `json:"prev_hash"`
	Hash          HexBytes  `json:"hash"`
}

// PublicationHash returns SHA-256(prev ‖ C) where C is the RFC 8785 canonical JSON of the entry's
// content: institute, seq, report id and version, commission, supersedes, digest, key id and the
// publication time (RFC 3339 UTC, microseconds). The first entry's prev is 32 zero bytes.
func PublicationHash(prev []byte, e *PublicationEntry) ([]byte, error) {
	content := map[string]any{
		"institute_id": e.InstituteID, "seq": e.Seq, "report_id": e.ReportID, "report_version": e.ReportVersion,
		"commission_id": e.CommissionID, "supersedes": e.Supersedes, "digest": e.Digest, "key_id": e.KeyID,
		"published_at": e.PublishedAt.UTC().Format("2006-01-02T15:04:05.000000Z"),
	}
	c, err := Canonical(content)
	if err != nil {
		return nil, fmt.Errorf("publication %d: %w", e.Seq, err)
	}
	h := sha256.New()
	h.Write(prev)
	h.Write(c)
	return h.Sum(nil), nil
}

// PublicationLog is an institute's publication log with the result of checking its chain.
type PublicationLog struct {
	InstituteID string             `json:"institute_id"`
	Entries     []PublicationEntry `json:"entries"`
	Intact      bool               `json:"intact"`
	BrokenSeq   int64              `json:"broken_seq,omitempty"`
	Reason      string             `json:"reason,omitempty"`
	Head        string             `json:"head"`
}

// Publications returns an institute's publication log and checks its hash chain. It is public:
// report ids and digests say nothing but that a report was published.
func (s *Service) Publications(ctx context.Context, instituteID string) (*PublicationLog, error) {
	if !validID(instituteID) {
		return nil, fmt.Errorf("institute %q: %w", instituteID, ErrNotFound)
	}
	log := &PublicationLog{InstituteID: instituteID, Intact: true}
	err := s.store.Transact(ctx, func(tx Tx) error {
		if _, err := tx.GetInstitute(ctx, instituteID); err != nil {
			return err
		}
		var err error
		log.Entries, err = tx.ListPublications(ctx, instituteID)
		return err
	})
	if err != nil {
		return nil, err
	}
	if log.Entries == nil {
		log.Entries = []PublicationEntry{}
	}
	prev := make([]byte, sha256.Size)
	for i, e := range log.Entries {
		fail := func(reason string) { log.Intact, log.BrokenSeq, log.Reason = false, e.Seq, reason }
		h, err := PublicationHash(prev, &log.Entries[i])
		switch {
		case err != nil:
			return nil, err
		case e.Seq != int64(i+1):
			fail(fmt.Sprintf("expected entry %d, found %d: an entry is missing", i+1, e.Seq))
		case string(e.PrevHash) != string(prev):
			fail(fmt.Sprintf("prev_hash does not match the hash of entry %d", e.Seq-1))
		case string(h) != string(e.Hash):
			fail("content does not match its hash: the entry was altered")
		}
		if !log.Intact {
			break
		}
		prev = e.Hash
	}
	log.Head = hex.EncodeToString(prev)
	return log, nil
}

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
	var keys []SigningKey
	err := s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.access(ctx, tx, a, commissionID, p); err != nil {
			return err
		}
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
		if errors.Is(err, ErrNotFound) {
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
			keys = []SigningKey{*k}
		} else if !errors.Is(err, ErrNotFound) {
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
func (s *Service) checklist(acc *Acceptance, files *ReportFiles, keys []SigningKey, audit *AuditReport) []AcceptanceItem {
	var items []AcceptanceItem
	add := func(code, title string, pass bool, evidence []string) {
		if len(evidence) > maxEvidence {
			evidence = append(evidence[:maxEvidence:maxEvidence], fmt.Sprintf("… and %d more", len(evidence)-maxEvidence))
		}
		if evidence == nil {
			evidence = []string{}
		}
		st := CheckFail
		if pass {
			st = CheckPass
		}
		items = append(items, AcceptanceItem{Code: code, Title: title, Pass: pass, Status: st, Evidence: evidence})
	}
	r := acc.Report
	var v *Verification
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
			pass = pass && c.Status == CheckPass
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
	var res *Result
	var in *RunInputs
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

func ahpEvidence(res *Result) (bool, []string) {
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
		case e.Excluded && e.Reason != "":
			ev = append(ev, fmt.Sprintf("node %s, %s: CR %.4f, excluded — %s", e.Node, e.ExpertName, e.CR, e.Reason))
		default:
			ok = false
			ev = append(ev, fmt.Sprintf("node %s, %s: CR %.4f exceeds the threshold and no exclusion is recorded", e.Node, e.ExpertName, e.CR))
		}
	}
	return ok, ev
}

func weightsEvidence(res *Result) (bool, []string) {
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

func coverageEvidence(in *RunInputs, res *Result) (bool, []string) {
	c := res.Coverage
	ev := []string{fmt.Sprintf("%d of %d indicator × unit values of period %s present; missing-data policy: %s",
		c.Present, c.Expected, res.Period, in.Config.Missing)}
	for _, m := range c.Missing {
		ev = append(ev, fmt.Sprintf("missing: indicator %s × unit %s × period %s", m.Indicator, m.Unit, m.Period))
	}
	return len(c.Missing) == 0 && c.Present == c.Expected, ev
}

func provenanceEvidence(in *RunInputs) (bool, []string) {
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

func surveyEvidence(in *RunInputs, res *Result) (bool, []string) {
	if len(res.Surveys) == 0 {
		return true, []string{"the run used no survey"}
	}
	minimum := map[string]map[string]int{}
	for _, rs := range in.Surveys {
		sv := *rs.Survey.Definition()
		sv.Groups = append([]RaterGroup(nil), rs.Survey.Groups...)
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

func constraintEvidence(res *Result) (bool, []string) {
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
	v := &ValidationError{Summary: "invalid acceptance decision"}
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
			v.Add(Problem{Field: "reasons", Message: fmt.Sprintf("accepting although checklist items failed (%s) needs reasons", strings.Join(failed, ", "))})
		}
	case DecisionReject:
		if len(reasons) == 0 {
			v.Add(Problem{Field: "reasons", Message: "a rejection states its reasons"})
		}
	default:
		v.Add(Problem{Field: "decision", Value: in.Decision, Message: "decision is accept or reject"})
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if acc.Report == nil {
		return nil, fmt.Errorf("%w: the commission has no published report to decide on", ErrConflict)
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
			return nil, fmt.Errorf("%w: the report cannot be accepted while %s fail", ErrConflict, strings.Join(broken, ", "))
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
	err = s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.access(ctx, tx, a, commissionID, PermAccept); err != nil {
			return err
		}
		c, err := tx.LockCommission(ctx, commissionID)
		if err != nil {
			return err
		}
		if c.Status != StatusPublished {
			return fmt.Errorf("%w: the commission is %s; a decision is made on a published report", ErrConflict, c.Status)
		}
		latest, err := tx.LatestReport(ctx, commissionID)
		if err != nil {
			return err
		}
		if latest.ID != d.ReportID {
			return fmt.Errorf("%w: report %d was published meanwhile; review it first", ErrConflict, latest.Version)
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
