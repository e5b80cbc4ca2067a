package evaluation

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

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

// ReportFile is one stored, signed file of a published report: report.json, report.dsse.json or
// report.html. It never changes (reports are immutable), so SHA256 is its strong validator.
type ReportFile struct {
	Name   string
	Digest string // the report's digest (SHA-256 of report.json, hex)
	SHA256 []byte // of Data, computed by the database when the report was stored
	Data   []byte
}

// ReportFiles are the stored files of a report: report.json (the canonical bundle),
// report.dsse.json (the signed envelope holding it) and report.html.
type ReportFiles struct {
	Bundle   []byte
	Envelope []byte
	HTML     []byte
}

// Reporter builds, signs, checks and prints report bundles. Package reports implements it; the
// service is given one with WithReporter. Build, Sign and Verify are pure: the same arguments
// give the same bytes.
type Reporter interface {
	// Build assembles the canonical bundle (report.json) of a run's inputs and its stored
	// canonical result, and renders the bundle's HTML report.
	Build(in *engine.RunInputs, result []byte, meta engine.ReportMeta) (bundle, html []byte, err error)
	// Sign wraps a bundle in a DSSE envelope signed with the key.
	Sign(bundle []byte, keyID string, key ed25519.PrivateKey) ([]byte, error)
	// Verify checks an envelope offline — and report.json beside it when bundle is not nil:
	// the signature against the trusted keys (the key embedded in the bundle when keys is
	// empty), the digests of every input and of the results, and the recomputation of the
	// results from the inputs.
	Verify(envelope, bundle []byte, keys []engine.SigningKey) *engine.Verification
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
	var inputs *engine.RunInputs
	var result []byte
	var resultDigest string
	var key *engine.SigningKey
	var priv ed25519.PrivateKey
	var meta engine.ReportMeta
	err := s.inCommission(ctx, a, commissionID, PermPublish, func(tx Tx) error {
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
			return engine.Refuse(engine.ErrConflict, messages.ConflictRunNotSucceededPublish, "number", r.Number, "status", messages.ID("run.status."+r.Status))
		}
		if result, resultDigest, err = tx.GetRunResult(ctx, r.ID); err != nil {
			return err
		}
		if inputs, err = s.assemble(ctx, tx, r); err != nil {
			return err
		}
		meta = engine.ReportMeta{ReportID: newUUID(), Version: 1, IssuedAt: s.now(), RunID: r.ID, RunNumber: r.Number,
			InstituteID: c.InstituteID, Illustrative: in.Illustrative || inputs.Weights.Set.Illustrative}
		latest, err := tx.LatestReport(ctx, commissionID)
		switch {
		case errors.Is(err, engine.ErrNotFound):
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
	v := rep.Verify(envelope, nil, []engine.SigningKey{*key})
	if !v.OK {
		return nil, engine.Refuse(engine.ErrConflict, messages.ConflictReportWouldNotVerify, "failed", strings.Join(v.Failed(), "; "))
	}
	if v.ResultsDigest != resultDigest {
		return nil, engine.Refuse(engine.ErrConflict, messages.ConflictReportDigest, "digest", v.ResultsDigest, "run", resultDigest)
	}
	digest := sha256.Sum256(bundle)
	report := &Report{ID: meta.ReportID, CommissionID: commissionID, InstituteID: meta.InstituteID, RunID: meta.RunID,
		RunNumber: meta.RunNumber, Version: meta.Version, Supersedes: meta.Supersedes, KeyID: key.ID,
		Digest: hex.EncodeToString(digest[:]), InputsDigest: v.InputsDigest, ResultsDigest: v.ResultsDigest,
		Synthetic: inputs.Commission.Synthetic, Illustrative: meta.Illustrative,
		PublishedBy: a.UserID, PublishedByName: a.Name, PublishedAt: meta.IssuedAt}
	err = s.inCommission(ctx, a, commissionID, PermPublish, func(tx Tx) error {
		c, err := tx.LockCommission(ctx, commissionID)
		if err != nil {
			return err
		}
		if err := publishable(c); err != nil {
			return err
		}
		latest, err := tx.LatestReport(ctx, commissionID)
		switch {
		case errors.Is(err, engine.ErrNotFound):
			if meta.Supersedes != "" {
				return engine.Refuse(engine.ErrConflict, messages.ConflictSupersededGone)
			}
		case err != nil:
			return err
		case latest.ID != meta.Supersedes:
			return engine.Refuse(engine.ErrConflict, messages.ConflictReportPublishedMeanwhile, "version", latest.Version)
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
		return engine.Refuse(engine.ErrConflict, messages.ConflictReportsClosed)
	}
	return engine.Refuse(engine.ErrConflict, messages.ConflictPublishNeedsReview, "status", statusID(c.Status))
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
		return nil, fmt.Errorf("report %q: %w", reportID, engine.ErrNotFound)
	}
	return tx.GetReport(ctx, commissionID, reportID)
}

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
		return nil, nil, fmt.Errorf("report %q: %w", reportID, engine.ErrNotFound)
	}
	return s.reportFile(ctx, "", reportID, name)
}

// PublishedSignedFile returns one signed file of a published report without a token — report.json,
// report.dsse.json or report.html — selecting that file and its hash alone (issue 15: not the
// bundle, envelope and HTML together). The unsigned PDF is PublishedReportFile's.
func (s *Service) PublishedSignedFile(ctx context.Context, reportID, name string) (*ReportFile, error) {
	if !validID(reportID) {
		return nil, fmt.Errorf("report %q: %w", reportID, engine.ErrNotFound)
	}
	switch name {
	case engine.ReportJSON, engine.ReportEnvelope, engine.ReportHTML:
	default:
		return nil, fmt.Errorf("report file %q: %w", name, engine.ErrNotFound)
	}
	var f *ReportFile
	err := s.store.Transact(ctx, func(tx Tx) (err error) {
		f, err = tx.ReportFile(ctx, reportID, name)
		return err
	})
	return f, err
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
		if name == engine.ReportPDF {
			out, err = tx.ReportPDF(ctx, reportID)
			if !errors.Is(err, engine.ErrNotFound) {
				return err
			}
		}
		files, err := tx.ReportFiles(ctx, reportID)
		if err != nil {
			return err
		}
		switch name {
		case engine.ReportJSON:
			out = files.Bundle
		case engine.ReportEnvelope:
			out = files.Envelope
		case engine.ReportHTML:
			out = files.HTML
		case engine.ReportPDF:
			html = files.HTML
		default:
			return fmt.Errorf("report file %q: %w", name, engine.ErrNotFound)
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
func (s *Service) VerifyReport(ctx context.Context, envelope, bundle []byte, key ed25519.PublicKey) (*engine.Verification, error) {
	if err := s.needReporter(); err != nil {
		return nil, err
	}
	var keys []engine.SigningKey
	if key != nil {
		keys = []engine.SigningKey{{ID: engine.KeyFingerprint(key), Algorithm: engine.SigningAlgorithm, PublicKey: key}}
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
				if errors.Is(err, engine.ErrNotFound) {
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

// ReportTx is the storage of signing keys, published reports, the institutes' publication logs
// and acceptance decisions. Published reports, log entries and decisions are immutable: the
// database refuses to change or delete them.
type ReportTx interface {
	// LockSigningKeys serialises the key changes of one institute until the transaction ends.
	LockSigningKeys(ctx context.Context, instituteID string) error
	// CreateSigningKey stores a new active key with its sealed private key (see sealKey).
	CreateSigningKey(ctx context.Context, k *engine.SigningKey, sealed []byte, createdBy string) error
	// ActiveSigningKey returns the institute's active key and its sealed private key; ErrNotFound
	// when it has none.
	ActiveSigningKey(ctx context.Context, instituteID string) (*engine.SigningKey, []byte, error)
	// GetSigningKey returns any key, active or retired, by its id (fingerprint).
	GetSigningKey(ctx context.Context, keyID string) (*engine.SigningKey, error)
	// ListSigningKeys lists an institute's keys, the active one first, then newest first.
	ListSigningKeys(ctx context.Context, instituteID string) ([]engine.SigningKey, error)
	// RetireSigningKey retires an active key.
	RetireSigningKey(ctx context.Context, keyID string, at time.Time) error

	// CreateReport stores a published report with its files; r.ID and r.Version are set by the
	// caller, and a second report with the same version of a commission is ErrConflict.
	CreateReport(ctx context.Context, r *Report, files ReportFiles) error
	// GetReport returns a report of the commission, or of any commission when commissionID is
	// empty (published reports are public).
	GetReport(ctx context.Context, commissionID, id string) (*Report, error)
	// ListReports lists a commission's reports, newest version first.
	ListReports(ctx context.Context, commissionID string) ([]Report, error)
	// LatestReport returns the newest version of a commission's reports; ErrNotFound if none.
	LatestReport(ctx context.Context, commissionID string) (*Report, error)
	// ReportFiles returns a report's stored files.
	ReportFiles(ctx context.Context, reportID string) (*ReportFiles, error)
	// ReportFile returns one stored file of a report (report.json, report.dsse.json or
	// report.html) with its SHA-256, selecting that file alone; ErrNotFound if none.
	ReportFile(ctx context.Context, reportID, name string) (*ReportFile, error)
	// ReportPDF returns the cached PDF of a report; ErrNotFound when none was printed yet.
	ReportPDF(ctx context.Context, reportID string) ([]byte, error)
	// PutReportPDF caches a report's PDF (a second call keeps the first PDF).
	PutReportPDF(ctx context.Context, reportID string, pdf []byte) error

	// AppendPublication fills e's Seq, PrevHash and Hash (PublicationHash) and appends it to its
	// institute's publication log, which it locks so that the chain never forks.
	AppendPublication(ctx context.Context, e *PublicationEntry) error
	// ListPublications lists an institute's publication log in order.
	ListPublications(ctx context.Context, instituteID string) ([]PublicationEntry, error)

	// CreateAcceptanceDecision stores a reviewer's decision.
	CreateAcceptanceDecision(ctx context.Context, d *AcceptanceDecision) error
	// ListAcceptanceDecisions lists a commission's decisions, oldest first.
	ListAcceptanceDecisions(ctx context.Context, commissionID string) ([]AcceptanceDecision, error)
}
