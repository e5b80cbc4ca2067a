package engine

import (
	"crypto/ed25519"
	"time"

	"evalbench/messages"
)

// ReportPayloadType is the DSSE payload type of a signed report bundle.
const ReportPayloadType = "application/vnd.evalbench.report+json"

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
// path of the first difference). Detail is Message's English text; Message is the detail as a
// catalogue message, which the command line and the pages render in the reader's language. It is
// not part of the JSON, whose shape stays as it was (a check read back from JSON has none, and is
// shown by its Detail).
type VerificationCheck struct {
	Name    string           `json:"name"`
	Status  string           `json:"status"`
	Detail  string           `json:"detail"`
	Where   string           `json:"where,omitempty"`
	Message messages.Message `json:"-"`
}

// NewVerificationCheck is a check whose detail is message id with name/value pairs.
func NewVerificationCheck(name, status, where string, id messages.ID, kv ...any) VerificationCheck {
	m := messages.New(id, kv...)
	return VerificationCheck{Name: name, Status: status, Detail: english(m), Where: where, Message: m}
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

// Report file names.
const (
	ReportJSON     = "report.json"
	ReportEnvelope = "report.dsse.json"
	ReportHTML     = "report.html"
	ReportPDF      = "report.pdf"
)
