package reports

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// Names of the checks Verify makes, in order.
const (
	CheckEnvelope      = "envelope"       // the envelope parses and holds a payload and a signature
	CheckPayloadType   = "payload_type"   // the payload type is engine.ReportPayloadType
	CheckReportFile    = "report_file"    // report.json, when given beside the envelope, is the payload
	CheckCanonical     = "canonical"      // the payload is a bundle in canonical JSON (RFC 8785)
	CheckSignature     = "signature"      // an Ed25519 signature over PAE verifies with a trusted key
	CheckManifest      = "manifest"       // the manifest agrees with the inputs and the signature
	CheckInputsDigest  = "inputs_digest"  // every input's SHA-256 recomputes to the manifest's
	CheckPrivacy       = "privacy"        // no response of a suppressed survey cell is in the bundle
	CheckResultsDigest = "results_digest" // the results' SHA-256 recomputes to results_digest
	CheckRecompute     = "recompute"      // engine.Compute on the inputs gives the results exactly
)

// Verify checks a signed report offline (see evaluation.Reporter).
func (Builder) Verify(envelope, bundle []byte, keys []engine.SigningKey) *engine.Verification {
	return Verify(envelope, bundle, keys)
}

// Verify checks an envelope and, when bundle is not nil, that report.json beside it is the
// envelope's payload. The signature must verify with one of keys; with no keys it is checked
// against the public key embedded in the bundle's manifest, which proves the report is intact but
// not who signed it (the key source says so). Then the bundle is parsed, the input digests and
// the results digest recomputed, and every result recomputed with engine.Compute — the code
// the server ran — and compared byte for byte, naming the first difference.
func Verify(envelope, bundle []byte, keys []engine.SigningKey) *engine.Verification {
	v := &engine.Verification{Recomputer: engine.BuildVersion}
	add := func(name, status, where string, id messages.ID, kv ...any) {
		v.Checks = append(v.Checks, engine.NewVerificationCheck(name, status, where, id, kv...))
	}
	skipAll := func(names ...string) {
		for _, n := range names {
			add(n, engine.CheckSkipped, "", messages.VerifySkipped)
		}
	}
	defer func() {
		v.OK = true
		for _, c := range v.Checks {
			if c.Status != engine.CheckPass {
				v.OK = false
			}
		}
		v.Verdict = "FAIL"
		if v.OK {
			v.Verdict = "PASS"
		}
	}()

	env, payload, err := ParseEnvelope(envelope)
	switch {
	case err != nil:
		add(CheckEnvelope, engine.CheckFail, "", messages.VerifyEnvelopeInvalid, "error", ParseReason(err))
	case len(env.Signatures) == 0:
		add(CheckEnvelope, engine.CheckFail, "signatures", messages.VerifyEnvelopeUnsigned)
	default:
		add(CheckEnvelope, engine.CheckPass, "", messages.VerifyEnvelopeOK, "bytes", len(payload), "signatures", len(env.Signatures))
	}
	if err != nil {
		skipAll(CheckPayloadType, CheckReportFile, CheckCanonical, CheckSignature, CheckManifest, CheckInputsDigest, CheckPrivacy, CheckResultsDigest, CheckRecompute)
		return v
	}
	if env.PayloadType == engine.ReportPayloadType {
		add(CheckPayloadType, engine.CheckPass, "", messages.VerifyPayloadTypeOK, "type", env.PayloadType)
	} else {
		add(CheckPayloadType, engine.CheckFail, "payloadType", messages.VerifyPayloadTypeWrong, "type", env.PayloadType, "want", engine.ReportPayloadType)
	}
	if bundle != nil {
		if bytes.Equal(bundle, payload) {
			add(CheckReportFile, engine.CheckPass, "", messages.VerifyReportFileOK)
		} else {
			add(CheckReportFile, engine.CheckFail, firstByteDiff(bundle, payload), messages.VerifyReportFileDiffers)
		}
	}
	sum := sha256Hex(payload)
	v.Digest = sum

	b, perr := ParseBundle(payload)
	if perr != nil {
		add(CheckCanonical, engine.CheckFail, "", messages.VerifyNotBundle, "error", ParseReason(perr))
	} else if canon, err := engine.Canonical(b); err != nil {
		add(CheckCanonical, engine.CheckFail, "", messages.VerifyBundleNotCanonical, "error", err.Error())
		b = nil
	} else if !bytes.Equal(canon, payload) {
		add(CheckCanonical, engine.CheckFail, firstByteDiff(payload, canon), messages.VerifyNotCanonical)
	} else {
		add(CheckCanonical, engine.CheckPass, "", messages.VerifyCanonicalOK, "format", Format, "digest", sum)
	}
	if b != nil {
		v.ReportID, v.ReportVersion, v.Engine = b.Manifest.Report.ID, b.Manifest.Report.Version, b.Results.Engine
		v.Inputs, v.Result = b.Inputs, b.Results
		v.ResultsDigest = b.ResultsDigest
	}

	checkSignature(v, env, payload, b, keys, add)

	if b == nil {
		skipAll(CheckManifest, CheckInputsDigest, CheckPrivacy, CheckResultsDigest, CheckRecompute)
		return v
	}
	checkManifest(v, env, b, keys, add)
	digests, err := DigestInputs(b.Inputs)
	if err == nil {
		omitOrganisations(&digests, &b.Manifest.Inputs)
	}
	if err != nil {
		add(CheckInputsDigest, engine.CheckFail, "inputs", messages.VerifyInputsUndigestable, "error", err.Error())
	} else if where, said, got := firstJSONDiff(b.Manifest.Inputs, digests, "manifest.inputs"); where != "" {
		add(CheckInputsDigest, engine.CheckFail, where, messages.VerifyInputsDiffer, "said", said, "got", got)
	} else {
		v.InputsDigest = digests.SHA256
		add(CheckInputsDigest, engine.CheckPass, "", messages.VerifyInputsOK, "units", digests.Units.Count, "datasets", len(digests.Datasets),
			"judgments", len(digests.Weights.Judgments), "surveys", len(digests.Surveys), "digest", digests.SHA256)
	}
	checkPrivacy(b, add)
	resultsDigest, err := engine.Digest(b.Results)
	if err != nil || resultsDigest != b.ResultsDigest {
		add(CheckResultsDigest, engine.CheckFail, "results_digest", messages.VerifyResultsDigestDiffers, "got", resultsDigest, "said", b.ResultsDigest)
	} else {
		add(CheckResultsDigest, engine.CheckPass, "", messages.VerifyResultsDigestOK, "digest", resultsDigest)
	}
	checkRecompute(b, resultsDigest, add)
	return v
}

// omitOrganisations leaves out of the recomputed digests d each judgment's organisation that the
// manifest m does not name: a manifest signed before JudgmentDigest had the field names none, and
// still verifies. Only the label is left out: each judgment's sha256, which the check compares,
// covers its organisation as the inputs hold it, and a manifest that names a different one fails.
func omitOrganisations(d, m *InputDigests) {
	if len(d.Weights.Judgments) != len(m.Weights.Judgments) {
		return
	}
	for i := range d.Weights.Judgments {
		if m.Weights.Judgments[i].Organisation == "" {
			d.Weights.Judgments[i].Organisation = ""
		}
	}
}

// addFunc adds a check whose detail is message id with name/value pairs.
type addFunc func(name, status, where string, id messages.ID, kv ...any)

// checkSignature verifies the envelope's signatures with the trusted keys, or with the key the
// bundle embeds when none is trusted.
func checkSignature(v *engine.Verification, env *Envelope, payload []byte, b *Bundle, keys []engine.SigningKey, add addFunc) {
	pae := PAE(env.PayloadType, payload)
	source := "given"
	if len(keys) == 0 {
		if b == nil {
			add(CheckSignature, engine.CheckFail, "", messages.VerifySignatureNoKey)
			return
		}
		pub, err := base64.StdEncoding.DecodeString(b.Manifest.Signer.PublicKey)
		if err != nil || len(pub) != ed25519.PublicKeySize {
			add(CheckSignature, engine.CheckFail, "manifest.signer.public_key", messages.VerifySignatureEmbeddedNotEd25519)
			return
		}
		if fp := engine.KeyFingerprint(pub); fp != b.Manifest.Signer.KeyID {
			add(CheckSignature, engine.CheckFail, "manifest.signer.key_id", messages.VerifySignatureEmbeddedFingerprint, "fingerprint", fp, "key", b.Manifest.Signer.KeyID)
			return
		}
		keys, source = []engine.SigningKey{{ID: b.Manifest.Signer.KeyID, Algorithm: engine.SigningAlgorithm, PublicKey: pub}}, "embedded"
	} else if keys[0].InstituteID != "" {
		source = "institute"
	}
	var names []string
	for _, k := range keys {
		names = append(names, k.ID)
		if len(k.PublicKey) != ed25519.PublicKeySize || engine.KeyFingerprint(k.PublicKey) != k.ID {
			continue
		}
		for i, s := range env.Signatures {
			if s.KeyID != k.ID {
				continue
			}
			sig, err := base64.StdEncoding.Strict().DecodeString(s.Sig)
			if err != nil || !ed25519.Verify(ed25519.PublicKey(k.PublicKey), pae, sig) {
				add(CheckSignature, engine.CheckFail, fmt.Sprintf("signatures[%d].sig", i), messages.VerifySignatureInvalid, "key", k.ID)
				return
			}
			v.KeyID, v.KeySource = k.ID, source
			switch source {
			case "embedded":
				add(CheckSignature, engine.CheckPass, "", messages.VerifySignatureOKEmbedded, "key", k.ID, "keys_url", "/api/v1/institutes/{id}/keys")
			case "institute":
				state := messages.VerifyKeyStateActive
				if !k.Active {
					state = messages.VerifyKeyStateRetired
				}
				add(CheckSignature, engine.CheckPass, "", messages.VerifySignatureOKInstitute, "key", k.ID, "institute", k.InstituteID, "state", state)
			default:
				add(CheckSignature, engine.CheckPass, "", messages.VerifySignatureOKGiven, "key", k.ID)
			}
			return
		}
	}
	var ids []string
	for _, s := range env.Signatures {
		ids = append(ids, s.KeyID)
	}
	add(CheckSignature, engine.CheckFail, "signatures[0].keyid", messages.VerifySignatureUntrusted, "signers", ids, "trusted", names)
}

// checkManifest checks what the manifest says against the inputs, the results and the envelope.
func checkManifest(v *engine.Verification, env *Envelope, b *Bundle, keys []engine.SigningKey, add addFunc) {
	m, in := b.Manifest, b.Inputs
	c := in.Commission
	fail := func(where string, id messages.ID, kv ...any) { add(CheckManifest, engine.CheckFail, where, id, kv...) }
	want := CommissionInfo{ID: c.ID, Title: c.Title, Client: c.Client, Institute: c.Institute, InstituteID: m.Commission.InstituteID,
		PeriodStart: c.PeriodStart, PeriodEnd: c.PeriodEnd, EvaluatedPeriod: c.EvaluatedPeriod}
	if where, said, got := firstJSONDiff(m.Commission, want, "manifest.commission"); where != "" {
		fail(where, messages.VerifyManifestCommission, "said", said, "got", got)
		return
	}
	if m.Generator.Name != "evalbench" {
		fail("manifest.generator.name", messages.VerifyManifestGenerator, "generator", m.Generator.Name)
		return
	}
	if m.Flags.Synthetic != (c.Synthetic || b.Results.Synthetic) {
		fail("manifest.flags.synthetic", messages.VerifyManifestSynthetic)
		return
	}
	if where, said, got := firstJSONDiff(m.Config, in.Config, "manifest.config"); where != "" {
		fail(where, messages.VerifyManifestConfig, "said", said, "got", got)
		return
	}
	if m.Seeds.MonteCarlo != strconv.FormatUint(in.Config.MonteCarlo.Seed, 10) {
		fail("manifest.seeds.monte_carlo", messages.VerifyManifestSeed, "seed", m.Seeds.MonteCarlo, "want", strconv.FormatUint(in.Config.MonteCarlo.Seed, 10))
		return
	}
	if pub, err := base64.StdEncoding.DecodeString(m.Signer.PublicKey); err != nil || len(pub) != ed25519.PublicKeySize ||
		engine.KeyFingerprint(pub) != m.Signer.KeyID || m.Signer.Algorithm != engine.SigningAlgorithm {
		fail("manifest.signer", messages.VerifyManifestSignerKey)
		return
	}
	if !slices.ContainsFunc(env.Signatures, func(s Signature) bool { return s.KeyID == m.Signer.KeyID }) {
		fail("manifest.signer.key_id", messages.VerifyManifestSignerUnsigned, "key", m.Signer.KeyID)
		return
	}
	if v.KeySource == "institute" {
		for _, k := range keys {
			if k.ID == v.KeyID && k.InstituteID != m.Commission.InstituteID {
				fail("manifest.commission.institute_id", messages.VerifyManifestInstitute, "signer", k.InstituteID, "institute", m.Commission.InstituteID)
				return
			}
		}
	}
	report := []any{"report", m.Report.ID, "version", m.Report.Version, "run", m.Report.RunNumber, "commission", m.Commission.Title,
		"issued", m.Report.IssuedAt, "generator", m.Generator.Version, "commit", m.Generator.Commit}
	if cp := m.AuditCheckpoint; cp != nil {
		// The checkpoint must be signed by the report's own signer for the report's institute:
		// the signature that vouches for the report then vouches for the checkpoint.
		pub, _ := base64.StdEncoding.DecodeString(m.Signer.PublicKey)
		signer := []engine.SigningKey{{ID: m.Signer.KeyID, InstituteID: m.Commission.InstituteID, Algorithm: engine.SigningAlgorithm, PublicKey: pub}}
		if err := engine.VerifyCheckpoint(cp, signer); err != nil {
			fail("manifest.audit_checkpoint", messages.VerifyManifestCheckpointInvalid, "error", engine.CheckpointReason(err))
			return
		}
		add(CheckManifest, engine.CheckPass, "", messages.VerifyManifestOKCheckpoint, append(report, "seq", cp.Seq, "head", cp.Hash, "time", cp.Time)...)
		return
	}
	add(CheckManifest, engine.CheckPass, "", messages.VerifyManifestOK, report...)
}

// checkPrivacy checks that the bundle holds no response of a unit × group cell below its group's
// minimum and no response of a withheld cell.
func checkPrivacy(b *Bundle, add addFunc) {
	withheld := 0
	for i, rs := range b.Inputs.Surveys {
		if rs.Survey == nil {
			add(CheckPrivacy, engine.CheckFail, fmt.Sprintf("inputs.surveys[%d].survey", i), messages.VerifyPrivacyNoSurvey)
			return
		}
		kept, cells, err := engine.WithholdSuppressed(rs.Survey, rs.Responses)
		if err != nil {
			add(CheckPrivacy, engine.CheckFail, fmt.Sprintf("inputs.surveys[%d].responses", i), messages.VerifyPrivacyMisfit, "error", err.Error())
			return
		}
		if len(cells) > 0 || len(kept) != len(rs.Responses) {
			add(CheckPrivacy, engine.CheckFail, fmt.Sprintf("inputs.surveys[%d].responses", i), messages.VerifyPrivacyBelowMinimum,
				"survey", rs.Survey.Code, "cells", len(cells), "unit", cells[0].Unit, "group", cells[0].Group)
			return
		}
		cellsWithheld := map[engine.SurveyCell]bool{}
		for _, c := range rs.Withheld {
			cellsWithheld[c] = true
		}
		for k, r := range rs.Responses {
			if cellsWithheld[engine.SurveyCell{Unit: r.Unit, Group: r.Group}] {
				add(CheckPrivacy, engine.CheckFail, fmt.Sprintf("inputs.surveys[%d].responses[%d]", i, k), messages.VerifyPrivacyWithheldResponse,
					"survey", rs.Survey.Code, "unit", r.Unit, "group", r.Group)
				return
			}
		}
		for k, c := range engine.WithholdComments(rs.Survey, rs.Comments) {
			if c.Text != rs.Comments[k].Text {
				add(CheckPrivacy, engine.CheckFail, fmt.Sprintf("inputs.surveys[%d].comments[%d]", i, k), messages.VerifyPrivacySuppressedComment,
					"survey", rs.Survey.Code, "unit", c.Unit, "group", c.Group)
				return
			}
		}
		withheld += len(rs.Withheld)
	}
	add(CheckPrivacy, engine.CheckPass, "", messages.VerifyPrivacyOK, "withheld", withheld)
}

// checkRecompute recomputes the results from the inputs and compares them byte for byte. The
// results' engine field records the evalbench version that computed them; the recomputation
// keeps it, so that a newer verifier that computes the same numbers passes.
func checkRecompute(b *Bundle, resultsDigest string, add addFunc) {
	res, err := compute(b.Inputs)
	if err != nil {
		add(CheckRecompute, engine.CheckFail, "inputs", messages.VerifyRecomputeError, "error", err.Error())
		return
	}
	res.Engine = b.Results.Engine
	got, err := engine.Canonical(res)
	if err != nil {
		add(CheckRecompute, engine.CheckFail, "results", messages.VerifyRecomputeUnencodable, "error", err.Error())
		return
	}
	if sha256Hex(got) != resultsDigest {
		want, err := engine.Canonical(b.Results)
		if err != nil {
			add(CheckRecompute, engine.CheckFail, "results", messages.VerifyResultsUnencodable, "error", err.Error())
			return
		}
		where, said, again := firstRawDiff(want, got, "results")
		add(CheckRecompute, engine.CheckFail, where, messages.VerifyRecomputeDiffers, "got", again, "said", said)
		return
	}
	n := 0
	for _, ir := range res.Indicators {
		n += len(ir.Cells)
	}
	add(CheckRecompute, engine.CheckPass, "", messages.VerifyRecomputeOK, "version", engine.BuildVersion, "engine", b.Results.Engine,
		"units", len(res.Units), "cells", n, "digest", sha256Hex(got))
}

// compute runs engine.Compute, turning a panic on hostile inputs into an error.
func compute(in *engine.RunInputs) (res *engine.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("the computation failed: %v", p)
		}
	}()
	return engine.Compute(in)
}

// firstJSONDiff compares the canonical JSON of two values and names the first difference with
// the value of each side (diffValue's values).
func firstJSONDiff(x, y any, root string) (where string, xv, yv any) {
	a, err1 := engine.Canonical(x)
	b, err2 := engine.Canonical(y)
	if err1 != nil || err2 != nil {
		return root, messages.New(messages.VerifyValueUnencodable), messages.New(messages.VerifyValueUnencodable)
	}
	if bytes.Equal(a, b) {
		return "", nil, nil
	}
	return firstRawDiff(a, b, root)
}

// firstRawDiff walks two JSON documents in canonical order and returns the path of the first
// difference with the value of each side (a first, b second). Array elements that are objects
// with a code, unit, indicator or group are named by it. A value is the JSON text found there
// (a string), or a message of the catalogue where there is no value to quote: nothing, a number
// of elements, a document that does not parse.
func firstRawDiff(a, b []byte, root string) (where string, av, bv any) {
	var x, y any
	da, db := json.NewDecoder(bytes.NewReader(a)), json.NewDecoder(bytes.NewReader(b))
	da.UseNumber()
	db.UseNumber()
	if da.Decode(&x) != nil || db.Decode(&y) != nil {
		return root, messages.New(messages.VerifyValueUnparsable), messages.New(messages.VerifyValueUnparsable)
	}
	return diffValue(x, y, root)
}

func diffValue(x, y any, path string) (string, any, any) {
	switch xv := x.(type) {
	case map[string]any:
		yv, ok := y.(map[string]any)
		if !ok {
			return path, short(x), short(y)
		}
		keys := make([]string, 0, len(xv)+len(yv))
		for k := range xv {
			keys = append(keys, k)
		}
		for k := range yv {
			if _, ok := xv[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			a, okA := xv[k]
			b, okB := yv[k]
			if !okA || !okB {
				return path + "." + k, presence(a, okA), presence(b, okB)
			}
			if w, s, t := diffValue(a, b, path+"."+k); w != "" {
				return w, s, t
			}
		}
		return "", nil, nil
	case []any:
		yv, ok := y.([]any)
		if !ok {
			return path, short(x), short(y)
		}
		for i := 0; i < len(xv) && i < len(yv); i++ {
			if w, s, t := diffValue(xv[i], yv[i], path+"["+strconv.Itoa(i)+"]"+elementName(xv[i])); w != "" {
				return w, s, t
			}
		}
		if len(xv) != len(yv) {
			return path, messages.New(messages.VerifyValueElements, "count", len(xv)), messages.New(messages.VerifyValueElements, "count", len(yv))
		}
		return "", nil, nil
	}
	if short(x) != short(y) {
		return path, short(x), short(y)
	}
	return "", nil, nil
}

// presence is a member's value, or the message "nothing" where the object lacks it.
func presence(v any, ok bool) any {
	if !ok {
		return messages.New(messages.VerifyValueNothing)
	}
	return short(v)
}

// elementName names an array element by its code, unit, indicator or group.
func elementName(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return ""
	}
	for _, k := range []string{"code", "unit", "indicator", "group", "node"} {
		if s, ok := m[k].(string); ok {
			return "{" + k + "=" + s + "}"
		}
	}
	return ""
}

// short renders a JSON value for a message, cut to 80 bytes.
func short(v any) string {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	s := string(raw)
	if len(s) > 80 {
		s = s[:77] + "…"
	}
	return s
}

// firstByteDiff names the first byte offset at which two byte strings differ.
func firstByteDiff(a, b []byte) string {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return fmt.Sprintf("byte %d", i)
		}
	}
	return fmt.Sprintf("byte %d (lengths %d and %d)", n, len(a), len(b))
}

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
