package reports

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// Envelope is a DSSE envelope (Dead Simple Signing Envelope, secure-systems-lab/dsse, v1.0):
// the payload, its type, and signatures over PAE(payloadType, payload).
type Envelope struct {
	PayloadType string      `json:"payloadType"`
	Payload     string      `json:"payload"` // base64 (standard alphabet, padded)
	Signatures  []Signature `json:"signatures"`
}

// Signature is one signature of an envelope: the signing key's id (its fingerprint) and the
// Ed25519 signature in base64.
type Signature struct {
	KeyID string `json:"keyid"`
	Sig   string `json:"sig"`
}

// PAE is DSSE's pre-authentication encoding, the bytes that are signed (engine.PAE):
//
//	"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body
//
// where SP is one space and LEN the length in bytes as ASCII decimal without leading zeros.
func PAE(payloadType string, payload []byte) []byte { return engine.PAE(payloadType, payload) }

// Sign wraps a bundle in an envelope signed with key, as canonical JSON.
func (Builder) Sign(bundle []byte, keyID string, key ed25519.PrivateKey) ([]byte, error) {
	return SignEnvelope(bundle, keyID, key)
}

// SignEnvelope wraps a payload of type engine.ReportPayloadType in an envelope signed with
// key, as canonical JSON (Ed25519 signatures are deterministic, so the same payload and key give
// the same envelope).
func SignEnvelope(payload []byte, keyID string, key ed25519.PrivateKey) ([]byte, error) {
	if len(key) != ed25519.PrivateKeySize {
		return nil, errors.New("sign: not an Ed25519 private key")
	}
	if want := engine.KeyFingerprint(key.Public().(ed25519.PublicKey)); keyID != want {
		return nil, fmt.Errorf("sign: key id %s is not the key's fingerprint %s", keyID, want)
	}
	sig := ed25519.Sign(key, PAE(engine.ReportPayloadType, payload))
	env := Envelope{PayloadType: engine.ReportPayloadType, Payload: base64.StdEncoding.EncodeToString(payload),
		Signatures: []Signature{{KeyID: keyID, Sig: base64.StdEncoding.EncodeToString(sig)}}}
	return engine.Canonical(env)
}

// ParseEnvelope parses an envelope strictly and decodes its payload.
func ParseEnvelope(raw []byte) (*Envelope, []byte, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var env Envelope
	if err := dec.Decode(&env); err != nil {
		return nil, nil, refuseParse(err, messages.ReportParseNotEnvelope)
	}
	if dec.More() {
		return nil, nil, refuseParse(nil, messages.ReportParseEnvelopeTrailing)
	}
	if env.PayloadType == "" || env.Payload == "" {
		return nil, nil, refuseParse(nil, messages.ReportParseEnvelopeFields)
	}
	payload, err := base64.StdEncoding.Strict().DecodeString(env.Payload)
	if err != nil {
		return nil, nil, refuseParse(err, messages.ReportParsePayloadBase64)
	}
	return &env, payload, nil
}

// IsEnvelope reports whether raw looks like a DSSE envelope rather than a bundle.
func IsEnvelope(raw []byte) bool {
	var probe struct {
		PayloadType *string `json:"payloadType"`
	}
	return json.Unmarshal(raw, &probe) == nil && probe.PayloadType != nil
}
