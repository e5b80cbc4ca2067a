package engine

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"evalbench/messages"
)

// SigningAlgorithm is the one signature algorithm of report signing keys.
const SigningAlgorithm = "ed25519"

// SigningKey is an institute's report signing key as anyone may see it: the Ed25519 public key
// and its fingerprint. The private key is stored only encrypted with the server's master key
// (AES-256-GCM) and never leaves the service. An institute has one active key; rotation retires
// it, and a retired key still verifies the reports it signed.
type SigningKey struct {
	ID           string     `json:"key_id"` // the fingerprint: hex SHA-256 of the public key
	InstituteID  string     `json:"institute_id"`
	Algorithm    string     `json:"algorithm"`
	PublicKey    []byte     `json:"public_key"` // 32 bytes (base64 in JSON)
	PublicKeyPEM string     `json:"public_key_pem"`
	Active       bool       `json:"active"`
	CreatedAt    time.Time  `json:"created_at"`
	RetiredAt    *time.Time `json:"retired_at,omitempty"`
}

// KeyFingerprint returns the key id of a public key: the lower-case hex SHA-256 of its 32 bytes.
func KeyFingerprint(pub ed25519.PublicKey) string {
	h := sha256.Sum256(pub)
	return hex.EncodeToString(h[:])
}

// PublicKeyPEM returns a public key as a PEM block of its PKIX (SubjectPublicKeyInfo) encoding.
func PublicKeyPEM(pub ed25519.PublicKey) string {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return ""
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

// ParsePublicKey reads an Ed25519 public key written as a PEM "PUBLIC KEY" block, or as the 32
// bytes in base64 (standard or URL alphabet, padded or not) or hex.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	s = strings.TrimSpace(s)
	if block, _ := pem.Decode([]byte(s)); block != nil {
		k, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, &keyError{messages.New(messages.KeyPEMUnreadable), err}
		}
		pub, ok := k.(ed25519.PublicKey)
		if !ok {
			return nil, &keyError{messages.New(messages.KeyNotEd25519), nil}
		}
		return pub, nil
	}
	s = strings.TrimPrefix(s, "ed25519:")
	b, err := DecodeKeyBytes(s, ed25519.PublicKeySize)
	if err != nil {
		return nil, &keyError{messages.New(messages.KeyBytes, "count", ed25519.PublicKeySize), nil}
	}
	return ed25519.PublicKey(b), nil
}

// keyError is why a text is not a public key ParsePublicKey reads: a message of the catalogue,
// and the library's error for the log where there is one. Its Error reads "public key: …" in
// English.
type keyError struct {
	m     messages.Message
	cause error
}

func (e *keyError) Error() string {
	if e.cause != nil {
		return "public key: " + e.cause.Error()
	}
	return "public key: " + english(e.m)
}

func (e *keyError) Unwrap() error { return e.cause }

// PublicKeyReason is why ParsePublicKey refused a text, for a catalogued message that quotes it
// (problem.field.key, web.verify.bad_key): a message of the catalogue, or the error's text for
// an error that ParsePublicKey did not return.
func PublicKeyReason(err error) any {
	var ke *keyError
	if errors.As(err, &ke) {
		return ke.m
	}
	return err.Error()
}

// DecodeKeyBytes decodes n bytes written in hex or base64.
func DecodeKeyBytes(s string, n int) ([]byte, error) {
	if len(s) == 2*n {
		if b, err := hex.DecodeString(s); err == nil {
			return b, nil
		}
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil && len(b) == n {
			return b, nil
		}
	}
	return nil, fmt.Errorf("expected %d bytes in hex or base64", n)
}

// CheckpointPayloadType is the DSSE payload type a checkpoint's signature covers.
const CheckpointPayloadType = "application/vnd.evalbench.audit-checkpoint+json"

// CheckpointFormat names the checkpoint statement's layout.
const CheckpointFormat = "evalbench-audit-checkpoint/1"

// Checkpoint is a signed statement of the audit chain's head, in the spirit of Certificate
// Transparency's signed tree heads (RFC 6962 §3.5): an institute's Ed25519 key says that the
// audit chain Log had Seq entries, the last with hash Hash, at Time. The database can hide a
// truncation or a rewind of its own tables from itself (a superuser can disable the triggers that
// forbid them), not from a checkpoint signed earlier and kept elsewhere: a report embeds the one
// made when it was published, and checkpoints can be exported (CLI and API).
//
// The signature is Ed25519 over DSSE's PAE(CheckpointPayloadType, statement), where the statement
// is the RFC 8785 canonical JSON of the checkpoint without its signature field.
type Checkpoint struct {
	Format      string `json:"format"`       // CheckpointFormat
	Log         string `json:"log"`          // the chain: hex of the hash of its first entry
	InstituteID string `json:"institute_id"` // whose key signed
	Seq         int64  `json:"seq"`          // the tree size: the seq of the head entry
	Hash        string `json:"hash"`         // hex of the head entry's hash
	Time        string `json:"time"`         // when signed, RFC 3339 UTC with microseconds
	KeyID       string `json:"key_id"`       // the signing key's fingerprint
	Signature   string `json:"signature,omitempty"`
}

// Statement returns the signed bytes' payload: the canonical JSON of the checkpoint without its
// signature.
func (c *Checkpoint) Statement() ([]byte, error) {
	u := *c
	u.Signature = ""
	return Canonical(&u)
}

// PAE is DSSE's pre-authentication encoding, the bytes that are signed:
//
//	"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body
//
// where SP is one space and LEN the length in bytes as ASCII decimal without leading zeros.
func PAE(payloadType string, payload []byte) []byte {
	var b bytes.Buffer
	b.WriteString("DSSEv1 ")
	b.WriteString(strconv.Itoa(len(payloadType)))
	b.WriteByte(' ')
	b.WriteString(payloadType)
	b.WriteByte(' ')
	b.WriteString(strconv.Itoa(len(payload)))
	b.WriteByte(' ')
	b.Write(payload)
	return b.Bytes()
}

// Sign fills c's signature with key and returns the statement and the signature.
func (c *Checkpoint) Sign(key ed25519.PrivateKey) (statement, signature []byte, err error) {
	st, err := c.Statement()
	if err != nil {
		return nil, nil, err
	}
	sig := ed25519.Sign(key, PAE(CheckpointPayloadType, st))
	c.Signature = base64.StdEncoding.EncodeToString(sig)
	return st, sig, nil
}

// VerifyCheckpoint checks a checkpoint's form and its signature with one of the keys: the key
// whose fingerprint is the checkpoint's key id, which must belong to the checkpoint's institute
// when the key says whose it is.
func VerifyCheckpoint(c *Checkpoint, keys []SigningKey) error {
	refuse := func(id messages.ID, kv ...any) error { return &checkpointError{messages.New(id, kv...)} }
	if c.Format != CheckpointFormat {
		return refuse(messages.CheckpointFormat, "format", c.Format, "want", CheckpointFormat)
	}
	if h, err := hex.DecodeString(c.Hash); err != nil || len(h) != 32 || c.Seq < 1 {
		return refuse(messages.CheckpointEntry, "seq", c.Seq, "hash", c.Hash)
	}
	if _, err := time.Parse(time.RFC3339Nano, c.Time); err != nil {
		return refuse(messages.CheckpointTime, "time", c.Time)
	}
	sig, err := base64.StdEncoding.Strict().DecodeString(c.Signature)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return refuse(messages.CheckpointSignatureForm)
	}
	st, err := c.Statement()
	if err != nil {
		return err
	}
	for _, k := range keys {
		if k.ID != c.KeyID || len(k.PublicKey) != ed25519.PublicKeySize || KeyFingerprint(k.PublicKey) != k.ID {
			continue
		}
		if k.InstituteID != "" && k.InstituteID != c.InstituteID {
			return refuse(messages.CheckpointKeyInstitute, "key", k.ID, "owner", k.InstituteID, "institute", c.InstituteID)
		}
		if !ed25519.Verify(ed25519.PublicKey(k.PublicKey), PAE(CheckpointPayloadType, st), sig) {
			return refuse(messages.CheckpointForged, "key", k.ID)
		}
		return nil
	}
	return refuse(messages.CheckpointUntrusted, "key", c.KeyID)
}

// checkpointError is why VerifyCheckpoint refused a checkpoint: a message of the catalogue. Its
// Error is the message's English.
type checkpointError struct{ m messages.Message }

func (e *checkpointError) Error() string { return english(e.m) }

// CheckpointReason is why VerifyCheckpoint refused a checkpoint, for a catalogued message that
// quotes it: a message of the catalogue, or the error's text for an error VerifyCheckpoint did
// not make (the statement's encoding).
func CheckpointReason(err error) any {
	var ce *checkpointError
	if errors.As(err, &ce) {
		return ce.m
	}
	return err.Error()
}

// Message names a checkpoint as a message of the catalogue (Describe is its English).
func (c *Checkpoint) Message() messages.Message {
	key := c.KeyID
	if r := []rune(key); len(r) > 16 {
		key = string(r[:16])
	}
	return messages.New(messages.AuditCheckpoint, "seq", c.Seq, "time", c.Time, "institute", c.InstituteID, "key", key)
}

// Describe names a checkpoint in messages.
func (c *Checkpoint) Describe() string { return english(c.Message()) }

const CheckpointTime = "2006-01-02T15:04:05.000000Z"

// SignedAt is the checkpoint's signing time (the zero time when it does not parse).
func (c *Checkpoint) SignedAt() time.Time {
	t, _ := time.Parse(CheckpointTime, c.Time)
	return t
}
