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
	"strings"

	"evalbench/evaluation/engine"
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
	add := func(name, status, detail, where string) {
		v.Checks = append(v.Checks, engine.VerificationCheck{Name: name, Status: status, Detail: detail, Where: where})
	}
	skipAll := func(names ...string) {
		for _, n := range names {
			add(n, engine.CheckSkipped, "not checked: an earlier check failed", "")
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
		add(CheckEnvelope, engine.CheckFail, err.Error(), "")
	case len(env.Signatures) == 0:
		add(CheckEnvelope, engine.CheckFail, "the envelope has no signature", "signatures")
	default:
		add(CheckEnvelope, engine.CheckPass, fmt.Sprintf("DSSE envelope with a payload of %d bytes and %d signature(s)", len(payload), len(env.Signatures)), "")
	}
	if err != nil {
		skipAll(CheckPayloadType, CheckReportFile, CheckCanonical, CheckSignature, CheckManifest, CheckInputsDigest, CheckPrivacy, CheckResultsDigest, CheckRecompute)
		return v
	}
	if env.PayloadType == engine.ReportPayloadType {
		add(CheckPayloadType, engine.CheckPass, env.PayloadType, "")
	} else {
		add(CheckPayloadType, engine.CheckFail, fmt.Sprintf("payload type %q is not %q", env.PayloadType, engine.ReportPayloadType), "payloadType")
	}
	if bundle != nil {
		if bytes.Equal(bundle, payload) {
			add(CheckReportFile, engine.CheckPass, "report.json is the signed payload", "")
		} else {
			add(CheckReportFile, engine.CheckFail, "report.json differs from the signed payload of the envelope", firstByteDiff(bundle, payload))
		}
	}
	sum := sha256Hex(payload)
	v.Digest = sum

	b, perr := ParseBundle(payload)
	if perr != nil {
		add(CheckCanonical, engine.CheckFail, "the payload is not a report bundle: "+perr.Error(), "")
	} else if canon, err := engine.Canonical(b); err != nil {
		add(CheckCanonical, engine.CheckFail, "the bundle cannot be written as canonical JSON: "+err.Error(), "")
		b = nil
	} else if !bytes.Equal(canon, payload) {
		add(CheckCanonical, engine.CheckFail, "the payload is not the canonical JSON (RFC 8785) of its contents", firstByteDiff(payload, canon))
	} else {
		add(CheckCanonical, engine.CheckPass, fmt.Sprintf("canonical JSON (RFC 8785), %s, SHA-256 %s", Format, sum), "")
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
	if err != nil {
		add(CheckInputsDigest, engine.CheckFail, "the inputs cannot be digested: "+err.Error(), "inputs")
	} else if where, said, got := firstJSONDiff(b.Manifest.Inputs, digests, "manifest.inputs"); where != "" {
		add(CheckInputsDigest, engine.CheckFail, fmt.Sprintf("the manifest says %s, the inputs give %s", said, got), where)
	} else {
		v.InputsDigest = digests.SHA256
		add(CheckInputsDigest, engine.CheckPass, fmt.Sprintf("framework, %d unit(s), %d dataset(s), weights with %d judgment(s), %d survey(s): inputs SHA-256 %s",
			digests.Units.Count, len(digests.Datasets), len(digests.Weights.Judgments), len(digests.Surveys), digests.SHA256), "")
	}
	checkPrivacy(b, add)
	resultsDigest, err := engine.Digest(b.Results)
	if err != nil || resultsDigest != b.ResultsDigest {
		add(CheckResultsDigest, engine.CheckFail, fmt.Sprintf("the results' SHA-256 is %s, the bundle says %s", resultsDigest, b.ResultsDigest), "results_digest")
	} else {
		add(CheckResultsDigest, engine.CheckPass, "SHA-256 of the canonical results "+resultsDigest, "")
	}
	checkRecompute(b, resultsDigest, add)
	return v
}

type addFunc func(name, status, detail, where string)

// checkSignature verifies the envelope's signatures with the trusted keys, or with the key the
// bundle embeds when none is trusted.
func checkSignature(v *engine.Verification, env *Envelope, payload []byte, b *Bundle, keys []engine.SigningKey, add addFunc) {
	pae := PAE(env.PayloadType, payload)
	source := "given"
	if len(keys) == 0 {
		if b == nil {
			add(CheckSignature, engine.CheckFail, "no public key to check the signature with: give one (--key), since the bundle cannot be read", "")
			return
		}
		pub, err := base64.StdEncoding.DecodeString(b.Manifest.Signer.PublicKey)
		if err != nil || len(pub) != ed25519.PublicKeySize {
			add(CheckSignature, engine.CheckFail, "the bundle's embedded public key is not an Ed25519 key", "manifest.signer.public_key")
			return
		}
		if fp := engine.KeyFingerprint(pub); fp != b.Manifest.Signer.KeyID {
			add(CheckSignature, engine.CheckFail, fmt.Sprintf("the embedded key's fingerprint is %s, not the key id %s", fp, b.Manifest.Signer.KeyID), "manifest.signer.key_id")
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
				add(CheckSignature, engine.CheckFail, fmt.Sprintf("the signature of key %s does not verify: the payload, its type or the signature was changed", k.ID),
					fmt.Sprintf("signatures[%d].sig", i))
				return
			}
			v.KeyID, v.KeySource = k.ID, source
			detail := fmt.Sprintf("Ed25519 signature over PAE verifies with key %s", k.ID)
			switch source {
			case "embedded":
				detail += " embedded in the report: this proves the report is intact, not who signed it — compare the fingerprint with the key the institute publishes (GET /api/v1/institutes/{id}/keys) or pass --key"
			case "institute":
				state := "active"
				if !k.Active {
					state = "retired"
				}
				detail += fmt.Sprintf(", published by institute %s (%s)", k.InstituteID, state)
			default:
				detail += ", the key given"
			}
			add(CheckSignature, engine.CheckPass, detail, "")
			return
		}
	}
	var ids []string
	for _, s := range env.Signatures {
		ids = append(ids, s.KeyID)
	}
	add(CheckSignature, engine.CheckFail, fmt.Sprintf("signed by key(s) %s, not by the trusted key(s) %s", strings.Join(ids, ", "), strings.Join(names, ", ")), "signatures[0].keyid")
}

// checkManifest checks what the manifest says against the inputs, the results and the envelope.
func checkManifest(v *engine.Verification, env *Envelope, b *Bundle, keys []engine.SigningKey, add addFunc) {
	m, in := b.Manifest, b.Inputs
	c := in.Commission
	fail := func(detail, where string) { add(CheckManifest, engine.CheckFail, detail, where) }
	want := CommissionInfo{ID: c.ID, Title: c.Title, Client: c.Client, Institute: c.Institute, InstituteID: m.Commission.InstituteID,
		PeriodStart: c.PeriodStart, PeriodEnd: c.PeriodEnd, EvaluatedPeriod: c.EvaluatedPeriod}
	if where, said, got := firstJSONDiff(m.Commission, want, "manifest.commission"); where != "" {
		fail(fmt.Sprintf("the manifest says %s, the inputs' commission %s", said, got), where)
		return
	}
	if m.Generator.Name != "evalbench" {
		fail(fmt.Sprintf("generator %q is not evalbench", m.Generator.Name), "manifest.generator.name")
		return
	}
	if m.Flags.Synthetic != (c.Synthetic || b.Results.Synthetic) {
		fail("the synthetic flag disagrees with the inputs and results", "manifest.flags.synthetic")
		return
	}
	if where, said, got := firstJSONDiff(m.Config, in.Config, "manifest.config"); where != "" {
		fail(fmt.Sprintf("the manifest's run configuration says %s, the inputs' %s", said, got), where)
		return
	}
	if m.Seeds.MonteCarlo != strconv.FormatUint(in.Config.MonteCarlo.Seed, 10) {
		fail(fmt.Sprintf("seed %s is not the configuration's %d", m.Seeds.MonteCarlo, in.Config.MonteCarlo.Seed), "manifest.seeds.monte_carlo")
		return
	}
	if pub, err := base64.StdEncoding.DecodeString(m.Signer.PublicKey); err != nil || len(pub) != ed25519.PublicKeySize ||
		engine.KeyFingerprint(pub) != m.Signer.KeyID || m.Signer.Algorithm != engine.SigningAlgorithm {
		fail("the signer's public key is not an Ed25519 key whose fingerprint is the signer's key id", "manifest.signer")
		return
	}
	if !slices.ContainsFunc(env.Signatures, func(s Signature) bool { return s.KeyID == m.Signer.KeyID }) {
		fail(fmt.Sprintf("the manifest names signer %s, which signed no signature of the envelope", m.Signer.KeyID), "manifest.signer.key_id")
		return
	}
	if v.KeySource == "institute" {
		for _, k := range keys {
			if k.ID == v.KeyID && k.InstituteID != m.Commission.InstituteID {
				fail(fmt.Sprintf("signed with a key of institute %s, but the report is of institute %s", k.InstituteID, m.Commission.InstituteID), "manifest.commission.institute_id")
				return
			}
		}
	}
	detail := fmt.Sprintf("report %s version %d of run %d, commission %q, issued %s by evalbench %s (%s)",
		m.Report.ID, m.Report.Version, m.Report.RunNumber, m.Commission.Title, m.Report.IssuedAt, m.Generator.Version, m.Generator.Commit)
	if cp := m.AuditCheckpoint; cp != nil {
		// The checkpoint must be signed by the report's own signer for the report's institute:
		// the signature that vouches for the report then vouches for the checkpoint.
		pub, _ := base64.StdEncoding.DecodeString(m.Signer.PublicKey)
		signer := []engine.SigningKey{{ID: m.Signer.KeyID, InstituteID: m.Commission.InstituteID, Algorithm: engine.SigningAlgorithm, PublicKey: pub}}
		if err := engine.VerifyCheckpoint(cp, signer); err != nil {
			fail("the audit checkpoint does not verify with the report's signer: "+err.Error(), "manifest.audit_checkpoint")
			return
		}
		detail += fmt.Sprintf("; audit checkpoint seq %d, head %s, signed %s", cp.Seq, cp.Hash, cp.Time)
	}
	add(CheckManifest, engine.CheckPass, detail, "")
}

// checkPrivacy checks that the bundle holds no response of a unit × group cell below its group's
// minimum and no response of a withheld cell.
func checkPrivacy(b *Bundle, add addFunc) {
	withheld := 0
	for i, rs := range b.Inputs.Surveys {
		if rs.Survey == nil {
			add(CheckPrivacy, engine.CheckFail, "a survey without its definition", fmt.Sprintf("inputs.surveys[%d].survey", i))
			return
		}
		kept, cells, err := engine.WithholdSuppressed(rs.Survey, rs.Responses)
		if err != nil {
			add(CheckPrivacy, engine.CheckFail, "the responses do not fit the survey: "+err.Error(), fmt.Sprintf("inputs.surveys[%d].responses", i))
			return
		}
		if len(cells) > 0 || len(kept) != len(rs.Responses) {
			add(CheckPrivacy, engine.CheckFail, fmt.Sprintf("survey %s: the bundle holds responses of %d unit × group cell(s) below their group's minimum, e.g. %s/%s",
				rs.Survey.Code, len(cells), cells[0].Unit, cells[0].Group), fmt.Sprintf("inputs.surveys[%d].responses", i))
			return
		}
		cellsWithheld := map[engine.SurveyCell]bool{}
		for _, c := range rs.Withheld {
			cellsWithheld[c] = true
		}
		for k, r := range rs.Responses {
			if cellsWithheld[engine.SurveyCell{Unit: r.Unit, Group: r.Group}] {
				add(CheckPrivacy, engine.CheckFail, fmt.Sprintf("survey %s: a response of the withheld cell %s/%s", rs.Survey.Code, r.Unit, r.Group),
					fmt.Sprintf("inputs.surveys[%d].responses[%d]", i, k))
				return
			}
		}
		for k, c := range engine.WithholdComments(rs.Survey, rs.Comments) {
			if c.Text != rs.Comments[k].Text {
				add(CheckPrivacy, engine.CheckFail, fmt.Sprintf("survey %s: a comment of the suppressed group %s/%s", rs.Survey.Code, c.Unit, c.Group),
					fmt.Sprintf("inputs.surveys[%d].comments[%d]", i, k))
				return
			}
		}
		withheld += len(rs.Withheld)
	}
	add(CheckPrivacy, engine.CheckPass, fmt.Sprintf("survey responses are pseudonymous scores of cells that met their minimum; %d suppressed cell(s) withheld", withheld), "")
}

// checkRecompute recomputes the results from the inputs and compares them byte for byte. The
// results' engine field records the evalbench version that computed them; the recomputation
// keeps it, so that a newer verifier that computes the same numbers passes.
func checkRecompute(b *Bundle, resultsDigest string, add addFunc) {
	res, err := compute(b.Inputs)
	if err != nil {
		add(CheckRecompute, engine.CheckFail, "the inputs do not compute: "+err.Error(), "inputs")
		return
	}
	res.Engine = b.Results.Engine
	got, err := engine.Canonical(res)
	if err != nil {
		add(CheckRecompute, engine.CheckFail, "the recomputed results cannot be written as canonical JSON: "+err.Error(), "results")
		return
	}
	if sha256Hex(got) != resultsDigest {
		want, err := engine.Canonical(b.Results)
		if err != nil {
			add(CheckRecompute, engine.CheckFail, "the results cannot be written as canonical JSON: "+err.Error(), "results")
			return
		}
		where, said, again := firstRawDiff(want, got, "results")
		add(CheckRecompute, engine.CheckFail, fmt.Sprintf("recomputing gives %s where the report says %s", again, said), where)
		return
	}
	n := 0
	for _, ir := range res.Indicators {
		n += len(ir.Cells)
	}
	add(CheckRecompute, engine.CheckPass, fmt.Sprintf("engine.Compute (evalbench %s) reproduces the results of evalbench %s byte for byte: %d unit(s), %d indicator cell(s), SHA-256 %s",
		engine.BuildVersion, b.Results.Engine, len(res.Units), n, sha256Hex(got)), "")
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
// the value of each side.
func firstJSONDiff(x, y any, root string) (where, xv, yv string) {
	a, err1 := engine.Canonical(x)
	b, err2 := engine.Canonical(y)
	if err1 != nil || err2 != nil {
		return root, "unencodable", "unencodable"
	}
	if bytes.Equal(a, b) {
		return "", "", ""
	}
	return firstRawDiff(a, b, root)
}

// firstRawDiff walks two JSON documents in canonical order and returns the path of the first
// difference with the value of each side (a first, b second). Array elements that are objects
// with a code, unit, indicator or group are named by it.
func firstRawDiff(a, b []byte, root string) (where, av, bv string) {
	var x, y any
	da, db := json.NewDecoder(bytes.NewReader(a)), json.NewDecoder(bytes.NewReader(b))
	da.UseNumber()
	db.UseNumber()
	if da.Decode(&x) != nil || db.Decode(&y) != nil {
		return root, "unparsable", "unparsable"
	}
	return diffValue(x, y, root)
}

func diffValue(x, y any, path string) (string, string, string) {
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
		return "", "", ""
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
			return path, fmt.Sprintf("%d elements", len(xv)), fmt.Sprintf("%d elements", len(yv))
		}
		return "", "", ""
	}
	if short(x) != short(y) {
		return path, short(x), short(y)
	}
	return "", "", ""
}

func presence(v any, ok bool) string {
	if !ok {
		return "nothing"
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
