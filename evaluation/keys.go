package evaluation

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// ParseMasterKey reads the server's master key: 32 bytes written as 64 hex digits or in base64.
func ParseMasterKey(s string) ([]byte, error) {
	b, err := engine.DecodeKeyBytes(strings.TrimSpace(s), 32)
	if err != nil {
		return nil, fmt.Errorf("master key: %w (give 32 bytes as 64 hex digits or base64, e.g. `openssl rand -hex 32`)", err)
	}
	return b, nil
}

// WithMasterKey gives the service the 32-byte key that encrypts signing keys at rest. Without
// one the service cannot create signing keys or sign reports.
func WithMasterKey(key []byte) Option {
	return func(s *Service) { s.reporting.master = append([]byte(nil), key...) }
}

// sealKey encrypts a private key with the master key (AES-256-GCM); the additional data binds the
// ciphertext to its institute and key id. The result is nonce ‖ ciphertext.
func (s *Service) sealKey(instituteID, keyID string, priv ed25519.PrivateKey) ([]byte, error) {
	aead, err := s.masterAEAD()
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	return aead.Seal(nonce, nonce, priv.Seed(), []byte(instituteID+"/"+keyID)), nil
}

// openKey decrypts a sealed private key.
func (s *Service) openKey(instituteID, keyID string, sealed []byte) (ed25519.PrivateKey, error) {
	aead, err := s.masterAEAD()
	if err != nil {
		return nil, err
	}
	if len(sealed) < aead.NonceSize() {
		return nil, errors.New("signing key: the sealed key is truncated")
	}
	seed, err := aead.Open(nil, sealed[:aead.NonceSize()], sealed[aead.NonceSize():], []byte(instituteID+"/"+keyID))
	if err != nil {
		return nil, fmt.Errorf("signing key %s cannot be decrypted with this server's master key: %w", keyID, err)
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

func (s *Service) masterAEAD() (cipher.AEAD, error) {
	if len(s.reporting.master) != 32 {
		return nil, engine.Refuse(engine.ErrConflict, messages.ConflictNoMasterKey)
	}
	block, err := aes.NewCipher(s.reporting.master)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// newSigningKey generates a key for an institute, stores it sealed and audits it, inside tx.
func (s *Service) newSigningKey(ctx context.Context, tx Tx, a Actor, instituteID string) (*engine.SigningKey, ed25519.PrivateKey, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("signing key: %w", err)
	}
	k := &engine.SigningKey{ID: engine.KeyFingerprint(pub), InstituteID: instituteID, Algorithm: engine.SigningAlgorithm, PublicKey: pub,
		Active: true, CreatedAt: s.now()}
	sealed, err := s.sealKey(instituteID, k.ID, priv)
	if err != nil {
		return nil, nil, err
	}
	if err := tx.CreateSigningKey(ctx, k, sealed, a.UserID); err != nil {
		return nil, nil, err
	}
	k.PublicKeyPEM = engine.PublicKeyPEM(pub)
	if err := s.audit(ctx, tx, a, "", "signing_key.create", "signing_key", k.ID, map[string]any{"institute_id": instituteID, "key_id": k.ID}); err != nil {
		return nil, nil, err
	}
	return k, priv, nil
}

// activeSigningKey returns the institute's active key with its private half, creating the first
// key when the institute has none. The caller holds the institute's key lock (LockSigningKeys).
func (s *Service) activeSigningKey(ctx context.Context, tx Tx, a Actor, instituteID string) (*engine.SigningKey, ed25519.PrivateKey, error) {
	k, sealed, err := tx.ActiveSigningKey(ctx, instituteID)
	if errors.Is(err, engine.ErrNotFound) {
		return s.newSigningKey(ctx, tx, a, instituteID)
	}
	if err != nil {
		return nil, nil, err
	}
	priv, err := s.openKey(instituteID, k.ID, sealed)
	if err != nil {
		return nil, nil, err
	}
	if !priv.Public().(ed25519.PublicKey).Equal(ed25519.PublicKey(k.PublicKey)) {
		return nil, nil, fmt.Errorf("signing key %s: the private key does not match the public key", k.ID)
	}
	return k, priv, nil
}

// SigningKeys lists an institute's signing keys, active first, then newest first. It is public:
// anyone verifying a report needs the keys.
func (s *Service) SigningKeys(ctx context.Context, instituteID string) ([]engine.SigningKey, error) {
	if !validID(instituteID) {
		return nil, fmt.Errorf("institute %q: %w", instituteID, engine.ErrNotFound)
	}
	var out []engine.SigningKey
	err := s.store.Transact(ctx, func(tx Tx) error {
		if _, err := tx.GetInstitute(ctx, instituteID); err != nil {
			return err
		}
		var err error
		out, err = tx.ListSigningKeys(ctx, instituteID)
		return err
	})
	for i := range out {
		out[i].PublicKeyPEM = engine.PublicKeyPEM(out[i].PublicKey)
	}
	return out, err
}

// RotateSigningKey creates a new active signing key for an institute and retires the old one,
// which keeps verifying the reports it signed. Institute admins of that institute and platform
// admins may rotate; anyone else learns nothing about the institute.
func (s *Service) RotateSigningKey(ctx context.Context, a Actor, instituteID string) (*engine.SigningKey, error) {
	if !validID(instituteID) || !a.PlatformAdmin && a.InstituteID != instituteID {
		return nil, fmt.Errorf("institute %q: %w", instituteID, engine.ErrNotFound)
	}
	if !a.PlatformAdmin && !a.InstituteAdmin {
		return nil, engine.Refuse(engine.ErrForbidden, messages.ForbiddenRotateKey)
	}
	var k *engine.SigningKey
	err := s.store.Transact(ctx, func(tx Tx) error {
		if _, err := tx.GetInstitute(ctx, instituteID); err != nil {
			return err
		}
		if err := tx.LockSigningKeys(ctx, instituteID); err != nil {
			return err
		}
		old, _, err := tx.ActiveSigningKey(ctx, instituteID)
		switch {
		case errors.Is(err, engine.ErrNotFound):
		case err != nil:
			return err
		default:
			if err := tx.RetireSigningKey(ctx, old.ID, s.now()); err != nil {
				return err
			}
			if err := s.audit(ctx, tx, a, "", "signing_key.retire", "signing_key", old.ID, map[string]any{"institute_id": instituteID, "key_id": old.ID}); err != nil {
				return err
			}
		}
		k, _, err = s.newSigningKey(ctx, tx, a, instituteID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return k, nil
}
