// Package reports turns an evaluation run into a report anyone can check offline: the canonical
// bundle report.json (RFC 8785 JSON of the manifest, the run's inputs, its results and their
// digest), its DSSE envelope signed with Ed25519 (report.dsse.json), the verifier that recomputes
// every result from the bundle with engine.Compute, and the views people read — the HTML
// report with hand-written SVG charts, its PDF printed by headless Chromium, and the result
// tables as CSV and XLSX.
//
// Builder implements evaluation.Reporter (cmd/evalbench asserts it: reports imports only the
// engine, never the service). Everything but the PDF is a pure function of its arguments: the
// same run gives byte-identical report.json and report.html whatever the time zone, locale,
// GOMAXPROCS or working directory.
package reports

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// Format names the bundle layout; a verifier refuses bundles of another format.
const Format = "evalbench-report/1"

// Bundle is report.json: the manifest, the inputs the results were computed from, the results and
// their digest. Its canonical JSON (engine.Canonical) is the signed payload.
type Bundle struct {
	Manifest      Manifest          `json:"manifest"`
	Inputs        *engine.RunInputs `json:"inputs"`
	Results       *engine.Result    `json:"results"`
	ResultsDigest string            `json:"results_digest"` // hex SHA-256 of the canonical results
}

// Manifest says what the bundle is, who made it with what, and the SHA-256 of every input.
type Manifest struct {
	Format     string           `json:"format"`
	Generator  Generator        `json:"generator"`
	Report     ReportInfo       `json:"report"`
	Commission CommissionInfo   `json:"commission"`
	Flags      Flags            `json:"flags"`
	Signer     Signer           `json:"signer"`
	Config     engine.RunConfig `json:"config"`
	Seeds      Seeds            `json:"seeds"`
	Inputs     InputDigests     `json:"inputs"`
	// AuditCheckpoint is the audit chain's head signed with the signer's key when the report
	// was published: whoever keeps the report can later show that the chain was cut off or
	// rewritten behind it (`evalbench audit verify --checkpoints report.json`). Absent from
	// bundles made before checkpoints existed.
	AuditCheckpoint *engine.Checkpoint `json:"audit_checkpoint,omitempty"`
}

// Generator is the evalbench build that made the bundle.
type Generator struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Commit  string `json:"commit"`
}

// ReportInfo identifies the report: its id, its version within the commission, the report it
// supersedes, when it was issued, and the run it reports.
type ReportInfo struct {
	ID         string `json:"id"`
	Version    int    `json:"version"`
	Supersedes string `json:"supersedes,omitempty"`
	IssuedAt   string `json:"issued_at"` // RFC 3339, UTC
	RunID      string `json:"run_id"`
	RunNumber  int    `json:"run_number"`
}

// CommissionInfo is the commissioned evaluation the report belongs to.
type CommissionInfo struct {
	ID              string        `json:"id"`
	Title           string        `json:"title"`
	Client          string        `json:"client"`
	Institute       string        `json:"institute"`
	InstituteID     string        `json:"institute_id"`
	PeriodStart     int           `json:"period_start"`
	PeriodEnd       int           `json:"period_end"`
	EvaluatedPeriod engine.Period `json:"evaluated_period"`
}

// Flags label a report whose data are generated (synthetic) or whose weights or data are
// invented for demonstration (illustrative).
type Flags struct {
	Synthetic    bool `json:"synthetic"`
	Illustrative bool `json:"illustrative"`
}

// Signer is the key that signs the envelope: its fingerprint and the public key itself.
type Signer struct {
	KeyID     string `json:"key_id"`
	Algorithm string `json:"algorithm"`
	PublicKey string `json:"public_key"` // base64 of the 32 bytes
}

// Seeds are the seeds of every random draw, as decimal strings (canonical JSON numbers are
// exact only up to 2^53).
type Seeds struct {
	MonteCarlo string `json:"monte_carlo"`
}

// InputDigests holds the SHA-256 (hex, of canonical JSON) of the inputs as a whole and of each.
type InputDigests struct {
	SHA256      string          `json:"sha256"`
	Framework   FrameworkDigest `json:"framework"`
	Units       CountDigest     `json:"units"`
	Datasets    []DatasetDigest `json:"datasets"`
	Weights     WeightsDigest   `json:"weights"`
	Surveys     []SurveyDigest  `json:"surveys"`
	Adjustments CountDigest     `json:"adjustments"`
	Previous    *PreviousDigest `json:"previous,omitempty"`
	Config      string          `json:"config_sha256"`
	Commission  string          `json:"commission_sha256"`
}

// FrameworkDigest identifies the framework version.
type FrameworkDigest struct {
	ID            string `json:"id,omitempty"`
	Number        int    `json:"number,omitempty"`
	Title         string `json:"title"`
	ContentDigest string `json:"content_digest,omitempty"` // the framework's own content digest
	Indicators    int    `json:"indicators"`
	SHA256        string `json:"sha256"`
}

// CountDigest is a list's length and digest.
type CountDigest struct {
	Count  int    `json:"count"`
	SHA256 string `json:"sha256"`
}

// DatasetDigest is a dataset version's provenance: the original file's name and SHA-256 as
// imported, who imported it when, and the digest of its observations in the bundle.
type DatasetDigest struct {
	ID           string `json:"id,omitempty"`
	Number       int    `json:"number"`
	FileName     string `json:"file_name"`
	FileSHA256   string `json:"file_sha256"`
	Importer     string `json:"importer"`
	ImportedAt   string `json:"imported_at"`
	Label        string `json:"label,omitempty"`
	Synthetic    bool   `json:"synthetic,omitempty"`
	Observations int    `json:"observations"`
	SHA256       string `json:"sha256"` // of the dataset as the bundle holds it
}

// WeightsDigest is the weight-set version with a digest of each expert's matrix.
type WeightsDigest struct {
	ID           string           `json:"id,omitempty"`
	Number       int              `json:"number,omitempty"`
	Name         string           `json:"name"`
	Method       string           `json:"method"`
	Illustrative bool             `json:"illustrative,omitempty"`
	Judgments    []JudgmentDigest `json:"judgments"`
	SHA256       string           `json:"sha256"` // of the set with all judgments
}

// JudgmentDigest is one expert's AHP matrix for one node. Organisation is the expert's (engine.Judgment.Organisation),
// absent when the judgment has none, so that the manifest of judgments without organisations keeps
// the bytes and digest it had before the field; SHA256 covers it either way.
type JudgmentDigest struct {
	Node         string `json:"node"`
	Expert       string `json:"expert"`
	ExpertName   string `json:"expert_name"`
	Organisation string `json:"organisation,omitempty"`
	SHA256       string `json:"sha256"`
}

// SurveyDigest is a survey's definition and the responses the bundle holds: the pseudonymous
// scores of the cells that met their minimum; the suppressed cells are withheld and only counted.
type SurveyDigest struct {
	Code             string `json:"code"`
	Title            string `json:"title"`
	DefinitionSHA256 string `json:"definition_sha256"`
	Responses        int    `json:"responses"`
	ResponsesSHA256  string `json:"responses_sha256"`
	WithheldCells    int    `json:"withheld_cells"`
	SHA256           string `json:"sha256"`
}

// PreviousDigest is the previous period's run whose last two places the run compares with.
type PreviousDigest struct {
	RunID        string        `json:"run_id"`
	Period       engine.Period `json:"period"`
	ResultDigest string        `json:"result_digest"`
	SHA256       string        `json:"sha256"`
}

// Builder builds, signs, verifies and prints reports; it implements evaluation.Reporter (the assertion is in cmd/evalbench).
type Builder struct {
	// Browser prints PDFs; nil means the server cannot print them (ErrNoBrowser).
	Browser *Browser
}

// Build assembles the canonical bundle of a run and renders its HTML. The inputs are copied
// through their canonical JSON, so the bundle holds exactly what a verifier will parse, and the
// responses of suppressed survey cells are withheld (engine.WithholdSuppressed). The stored
// result must be canonical JSON already: it goes into the bundle unchanged.
func (Builder) Build(in *engine.RunInputs, result []byte, meta engine.ReportMeta) ([]byte, []byte, error) {
	b, err := NewBundle(in, result, meta)
	if err != nil {
		return nil, nil, err
	}
	payload, err := engine.Canonical(b)
	if err != nil {
		return nil, nil, err
	}
	html, err := RenderHTML(b)
	if err != nil {
		return nil, nil, err
	}
	return payload, html, nil
}

// NewBundle assembles the bundle of a run (see Builder.Build).
func NewBundle(in *engine.RunInputs, result []byte, meta engine.ReportMeta) (*Bundle, error) {
	inputs, err := copyInputs(in)
	if err != nil {
		return nil, err
	}
	for i := range inputs.Surveys {
		rs := &inputs.Surveys[i]
		kept, cells, err := engine.WithholdSuppressed(rs.Survey, rs.Responses)
		if err != nil {
			return nil, fmt.Errorf("survey %s: %w", rs.Survey.Code, err)
		}
		rs.Responses, rs.Withheld = kept, append(rs.Withheld, cells...)
		rs.Comments = engine.WithholdComments(rs.Survey, rs.Comments)
	}
	var res engine.Result
	if err := json.Unmarshal(result, &res); err != nil {
		return nil, fmt.Errorf("the run's result: %w", err)
	}
	canon, err := engine.Canonical(&res)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(canon, result) {
		return nil, errors.New("the run's stored result is not canonical JSON of an engine.Result: it cannot be reproduced byte for byte")
	}
	digest, err := engine.Digest(&res)
	if err != nil {
		return nil, err
	}
	c := inputs.Commission
	b := &Bundle{Inputs: inputs, Results: &res, ResultsDigest: digest, Manifest: Manifest{
		Format:    Format,
		Generator: Generator{Name: "evalbench", Version: engine.BuildVersion, Commit: engine.BuildCommit},
		Report: ReportInfo{ID: meta.ReportID, Version: meta.Version, Supersedes: meta.Supersedes,
			IssuedAt: meta.IssuedAt.UTC().Format(time.RFC3339), RunID: meta.RunID, RunNumber: meta.RunNumber},
		Commission: CommissionInfo{ID: c.ID, Title: c.Title, Client: c.Client, Institute: c.Institute, InstituteID: meta.InstituteID,
			PeriodStart: c.PeriodStart, PeriodEnd: c.PeriodEnd, EvaluatedPeriod: c.EvaluatedPeriod},
		Flags:  Flags{Synthetic: c.Synthetic || res.Synthetic, Illustrative: meta.Illustrative},
		Signer: Signer{KeyID: meta.KeyID, Algorithm: engine.SigningAlgorithm, PublicKey: base64.StdEncoding.EncodeToString(meta.PublicKey)},
		Config: inputs.Config,
		Seeds:  Seeds{MonteCarlo: strconv.FormatUint(inputs.Config.MonteCarlo.Seed, 10)},
	}}
	if cp := meta.Checkpoint; cp != nil {
		c := *cp
		b.Manifest.AuditCheckpoint = &c
	}
	if b.Manifest.Inputs, err = DigestInputs(inputs); err != nil {
		return nil, err
	}
	return b, nil
}

// copyInputs returns a deep copy of the inputs made through their canonical JSON, in canonical
// order.
func copyInputs(in *engine.RunInputs) (*engine.RunInputs, error) {
	raw, err := engine.Canonical(in)
	if err != nil {
		return nil, err
	}
	var out engine.RunInputs
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, err
	}
	out.Canonicalize()
	return &out, nil
}

// DigestInputs computes the manifest's digests of the inputs.
func DigestInputs(in *engine.RunInputs) (InputDigests, error) {
	var d InputDigests
	var firstErr error
	dig := func(v any) string {
		s, err := engine.Digest(v)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return s
	}
	d.SHA256 = dig(in)
	if f := in.Framework; f != nil {
		d.Framework = FrameworkDigest{ID: f.ID, Number: f.Number, Title: f.Title, ContentDigest: f.Digest,
			Indicators: len(f.Indicators()), SHA256: dig(f)}
	}
	d.Units = CountDigest{Count: len(in.Units), SHA256: dig(in.Units)}
	d.Datasets = []DatasetDigest{}
	for _, ds := range in.Datasets {
		d.Datasets = append(d.Datasets, DatasetDigest{ID: ds.ID, Number: ds.Number, FileName: ds.FileName, FileSHA256: ds.SHA256,
			Importer: ds.Importer, ImportedAt: ds.ImportedAt.UTC().Format(time.RFC3339Nano), Label: ds.Label, Synthetic: ds.Synthetic,
			Observations: len(ds.Observations), SHA256: dig(ds)})
	}
	ws := in.Weights.Set
	d.Weights = WeightsDigest{ID: ws.ID, Number: ws.Number, Name: ws.Name, Method: string(ws.Method), Illustrative: ws.Illustrative,
		Judgments: []JudgmentDigest{}, SHA256: dig(in.Weights)}
	for _, j := range in.Weights.Judgments {
		d.Weights.Judgments = append(d.Weights.Judgments, JudgmentDigest{Node: j.Node, Expert: j.Expert, ExpertName: j.ExpertName,
			Organisation: j.Organisation, SHA256: dig(j)})
	}
	d.Surveys = []SurveyDigest{}
	for _, rs := range in.Surveys {
		sd := SurveyDigest{Responses: len(rs.Responses), ResponsesSHA256: dig(rs.Responses), WithheldCells: len(rs.Withheld), SHA256: dig(rs)}
		if rs.Survey != nil {
			sd.Code, sd.Title, sd.DefinitionSHA256 = rs.Survey.Code, rs.Survey.Title, dig(rs.Survey)
		}
		d.Surveys = append(d.Surveys, sd)
	}
	d.Adjustments = CountDigest{Count: len(in.Adjustments), SHA256: dig(in.Adjustments)}
	if p := in.Previous; p != nil {
		d.Previous = &PreviousDigest{RunID: p.RunID, Period: p.Period, ResultDigest: p.Digest, SHA256: dig(p)}
	}
	d.Config = dig(in.Config)
	d.Commission = dig(in.Commission)
	return d, firstErr
}

// ParseBundle parses report.json.
func ParseBundle(payload []byte) (*Bundle, error) {
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.DisallowUnknownFields()
	var b Bundle
	if err := dec.Decode(&b); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, refuseParse(nil, messages.ReportParseBundleTrailing)
	}
	if b.Manifest.Format != Format {
		return nil, refuseParse(nil, messages.ReportParseBundleFormat, "format", b.Manifest.Format, "want", Format)
	}
	if b.Inputs == nil || b.Results == nil {
		return nil, refuseParse(nil, messages.ReportParseBundleParts)
	}
	return &b, nil
}
