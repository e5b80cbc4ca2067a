package reports_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"evalbench/evaluation/engine"
	"evalbench/reports"
)

// span is a byte range of a JSON document holding one member's value.
type span struct {
	name       string
	start, end int
}

// members returns the byte ranges of the values of an object's members, offset by base.
func members(t testing.TB, raw []byte, base int, prefix string) []span {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("%s is not an object", prefix)
	}
	var out []span
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		end := int(dec.InputOffset())
		out = append(out, span{name: prefix + key.(string), start: base + end - len(v), end: base + end})
	}
	return out
}

func find(spans []span, name string) span {
	for _, s := range spans {
		if s.name == name {
			return s
		}
	}
	panic("no member " + name)
}

// positions lists every position of a span when it is short, and about n positions spread over
// it otherwise (always including its first and last byte).
func positions(s span, n int) []int {
	var out []int
	step := max(1, (s.end-s.start)/n)
	for p := s.start; p < s.end; p += step {
		out = append(out, p)
	}
	if out[len(out)-1] != s.end-1 {
		out = append(out, s.end-1)
	}
	return out
}

// flip changes one byte.
func flip(b []byte, p int) []byte {
	out := bytes.Clone(b)
	out[p] ^= 0x01
	return out
}

// envelopeWith replaces the payload of an envelope (keeping its signature) or, with priv, signs
// the new payload.
func envelopeWith(t testing.TB, b *built, payload []byte, resign bool) []byte {
	t.Helper()
	if resign {
		env, err := reports.SignEnvelope(payload, b.key.ID, b.priv)
		if err != nil {
			t.Fatal(err)
		}
		return env
	}
	var env reports.Envelope
	if err := json.Unmarshal(b.envelope, &env); err != nil {
		t.Fatal(err)
	}
	env.Payload = base64.StdEncoding.EncodeToString(payload)
	raw, err := engine.Canonical(env)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func failed(v *engine.Verification) []string {
	var out []string
	for _, c := range v.Checks {
		if c.Status == engine.CheckFail {
			out = append(out, c.Name)
		}
	}
	return out
}

// mutation is one tampered variant and the checks of which at least one must fail.
type mutation struct {
	name     string
	kind     string
	envelope []byte
	bundle   []byte
	want     []string
	signed   bool // the payload was signed again: the signature must verify
}

// TestTamperMatrix changes single bytes of a signed report and checks that verify fails and
// names the failed check:
//   - the envelope as an attacker holds it: every byte of the payload type, the key id and the
//     signature, every byte of results_digest, and positions spread over the manifest, the
//     inputs and the results (the payload re-encoded, the signature kept) — the signature check
//     must fail every time (the payload-type check too for the type);
//   - the content checks on their own, with each changed payload signed again by the key: every
//     byte of results_digest, of the manifest's commission (but the institute id, a claim only
//     a key lookup checks) and seeds, positions spread over the manifest's input digests and
//     configuration, the inputs and the results — a content check must fail (canonical form,
//     manifest, input digests, privacy, results digest or recomputation);
//   - report.json beside the envelope: a changed byte fails the report-file check.
func TestTamperMatrix(t *testing.T) {
	b := build(t)
	start := time.Now()
	payload := b.bundle
	top := members(t, payload, 0, "")
	manifest := find(top, "manifest")
	inner := members(t, payload[manifest.start:manifest.end], manifest.start, "manifest.")
	commission := find(inner, "manifest.commission")
	var ms []mutation

	for _, field := range []string{`"payloadType":"`, `"keyid":"`, `"sig":"`} {
		at := bytes.Index(b.envelope, []byte(field)) + len(field)
		end := at + bytes.IndexByte(b.envelope[at:], '"')
		for p := at; p < end; p++ {
			want := []string{reports.CheckSignature}
			if strings.Contains(field, "payloadType") {
				want = []string{reports.CheckPayloadType}
			}
			ms = append(ms, mutation{name: fmt.Sprintf("envelope %s byte %d", field, p-at), kind: "envelope", envelope: flip(b.envelope, p), want: want})
		}
	}
	for _, r := range []struct {
		s span
		n int
	}{{find(top, "results_digest"), 1 << 30}, {manifest, 250}, {find(top, "inputs"), 120}, {find(top, "results"), 120}} {
		for _, p := range positions(r.s, r.n) {
			ms = append(ms, mutation{name: fmt.Sprintf("%s byte %d (signature kept)", r.s.name, p-r.s.start), kind: "payload",
				envelope: envelopeWith(t, b, flip(payload, p), false), want: []string{reports.CheckSignature}})
		}
	}
	content := []string{reports.CheckCanonical, reports.CheckManifest, reports.CheckInputsDigest, reports.CheckPrivacy,
		reports.CheckResultsDigest, reports.CheckRecompute}
	resigned := []struct {
		s span
		n int
	}{{find(top, "results_digest"), 1 << 30}, {find(inner, "manifest.seeds"), 1 << 30}, {find(inner, "manifest.inputs"), 200},
		{find(inner, "manifest.config"), 150}, {find(top, "inputs"), 80}, {find(top, "results"), 80}}
	for _, m := range members(t, payload[commission.start:commission.end], commission.start, "manifest.commission.") {
		if m.name != "manifest.commission.institute_id" {
			resigned = append(resigned, struct {
				s span
				n int
			}{m, 1 << 30})
		}
	}
	for _, r := range resigned {
		for _, p := range positions(r.s, r.n) {
			ms = append(ms, mutation{name: fmt.Sprintf("%s byte %d (signed again)", r.s.name, p-r.s.start), kind: "signed again",
				envelope: envelopeWith(t, b, flip(payload, p), true), want: content, signed: true})
		}
	}
	for _, p := range positions(span{"report.json", 0, len(payload)}, 100) {
		ms = append(ms, mutation{name: fmt.Sprintf("report.json byte %d", p), kind: "report.json", envelope: b.envelope,
			bundle: flip(payload, p), want: []string{reports.CheckReportFile}})
	}

	keys := []engine.SigningKey{b.key}
	problems := make([]string, len(ms))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				problems[i] = check(ms[i], reports.Verify(ms[i].envelope, ms[i].bundle, keys))
			}
		}()
	}
	for i := range ms {
		next <- i
	}
	close(next)
	wg.Wait()
	kinds := map[string]int{}
	for i, m := range ms {
		kinds[m.kind]++
		if problems[i] != "" {
			t.Errorf("%s: %s", m.name, problems[i])
		}
	}
	t.Logf("tamper matrix: %d single-byte mutations %v, every one failing as it should, in %v", len(ms), kinds, time.Since(start).Round(time.Millisecond))
}

// check explains how a tampered variant's verification falls short, or returns "".
func check(m mutation, v *engine.Verification) string {
	if v.OK || v.Verdict != "FAIL" {
		return "the tampered report verifies"
	}
	if m.signed && v.Check(reports.CheckSignature).Status != engine.CheckPass {
		return "the signature of the payload signed again does not verify"
	}
	names := failed(v)
	for _, w := range m.want {
		if slices.Contains(names, w) {
			return ""
		}
	}
	return fmt.Sprintf("failed checks %v, want one of %v", names, m.want)
}
