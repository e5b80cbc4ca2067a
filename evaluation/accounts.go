package evaluation

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// Institute is a tenant: an evaluation institute, or another organisation whose users take part
// in commissions (a client's office, a procurement reviewer's office).
type Institute struct {
	ID        string    `json:"id"`
	Code      string    `json:"code"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
}

// User is a person or service account. A platform admin may have no institute.
type User struct {
	ID             string    `json:"id"`
	InstituteID    string    `json:"institute_id,omitempty"`
	Name           string    `json:"name"`
	Email          string    `json:"email,omitempty"`
	PlatformAdmin  bool      `json:"platform_admin"`
	InstituteAdmin bool      `json:"institute_admin"`
	CreatedAt      time.Time `json:"created_at"`
}

// Token is an API token as listed: never the secret itself.
type Token struct {
	ID         string     `json:"id"`
	UserID     string     `json:"user_id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

// NewToken is a freshly created token; Secret is shown once and never stored.
type NewToken struct {
	Token
	Secret string `json:"token"`
}

// tokenPrefix marks evalbench tokens so that secret scanners and people recognise them.
const tokenPrefix = "evb_"

// TokenHash returns the SHA-256 under which a token secret is stored.
func TokenHash(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

func newSecret() (string, error) {
	var b [32]byte // 256 bits
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("token: %w", err)
	}
	return tokenPrefix + base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// Authenticate resolves a bearer token to its actor and records its use. Unknown and revoked
// tokens answer ErrUnauthenticated.
func (s *Service) Authenticate(ctx context.Context, secret string) (Actor, error) {
	if !strings.HasPrefix(secret, tokenPrefix) || len(secret) != len(tokenPrefix)+43 {
		return Actor{}, engine.Refuse(engine.ErrUnauthenticated, messages.AuthTokenMalformed)
	}
	var a Actor
	err := s.store.Transact(ctx, func(tx Tx) error {
		_, u, err := tx.TokenUser(ctx, TokenHash(secret), s.now())
		if errors.Is(err, engine.ErrNotFound) {
			return engine.Refuse(engine.ErrUnauthenticated, messages.AuthTokenUnknown)
		}
		if err != nil {
			return err
		}
		a = Actor{UserID: u.ID, Name: u.Name, InstituteID: u.InstituteID, PlatformAdmin: u.PlatformAdmin, InstituteAdmin: u.InstituteAdmin}
		return nil
	})
	return a, err
}

var instituteCode = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// InstituteInput creates an institute.
type InstituteInput struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// CreateInstitute creates a tenant. Platform admins only.
func (s *Service) CreateInstitute(ctx context.Context, a Actor, in InstituteInput) (*Institute, error) {
	if !a.PlatformAdmin {
		return nil, engine.Refuse(engine.ErrForbidden, messages.ForbiddenCreateInstitute)
	}
	v := engine.NewValidation(messages.ValidationInstitute)
	if !instituteCode.MatchString(in.Code) {
		v.Add(engine.Catalogued("code", in.Code, messages.InstituteCode))
	}
	if strings.TrimSpace(in.Name) == "" {
		v.Add(engine.Catalogued("name", "", messages.FieldNameRequired))
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	inst := &Institute{Code: in.Code, Name: strings.TrimSpace(in.Name)}
	err := s.store.Transact(ctx, func(tx Tx) error {
		if err := tx.CreateInstitute(ctx, inst); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "", "institute.create", "institute", inst.ID, inst)
	})
	if err != nil {
		return nil, err
	}
	return inst, nil
}

// ListInstitutes lists every institute for a platform admin, and the caller's own otherwise.
func (s *Service) ListInstitutes(ctx context.Context, a Actor) ([]Institute, error) {
	var out []Institute
	err := s.store.Transact(ctx, func(tx Tx) error {
		if a.PlatformAdmin {
			var err error
			out, err = tx.ListInstitutes(ctx)
			return err
		}
		inst, err := tx.GetInstitute(ctx, a.InstituteID)
		if err != nil {
			return err
		}
		out = []Institute{*inst}
		return nil
	})
	return out, err
}

// UserInput creates a user.
type UserInput struct {
	InstituteID    string `json:"institute_id"`
	Name           string `json:"name"`
	Email          string `json:"email,omitempty"`
	InstituteAdmin bool   `json:"institute_admin,omitempty"`
	PlatformAdmin  bool   `json:"platform_admin,omitempty"`
}

// CreateUser creates a user. A platform admin creates users in any institute (and other platform
// admins); an institute admin creates users of their own institute.
func (s *Service) CreateUser(ctx context.Context, a Actor, in UserInput) (*User, error) {
	switch {
	case a.PlatformAdmin:
	case a.InstituteAdmin && !in.PlatformAdmin:
		if in.InstituteID == "" {
			in.InstituteID = a.InstituteID
		}
		if in.InstituteID != a.InstituteID {
			return nil, engine.Invalid("institute_id", messages.InstituteNoSuch)
		}
	default:
		return nil, engine.Refuse(engine.ErrForbidden, messages.ForbiddenCreateUser)
	}
	v := engine.NewValidation(messages.ValidationUser)
	if strings.TrimSpace(in.Name) == "" {
		v.Add(engine.Catalogued("name", "", messages.FieldNameRequired))
	}
	if in.Email != "" && !strings.Contains(in.Email, "@") {
		v.Add(engine.Catalogued("email", in.Email, messages.UserEmail))
	}
	if in.InstituteID == "" && !in.PlatformAdmin {
		v.Add(engine.Catalogued("institute_id", "", messages.UserInstituteRequired))
	} else if in.InstituteID != "" && !validID(in.InstituteID) {
		v.Add(engine.Catalogued("institute_id", in.InstituteID, messages.UserNotID))
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	u := &User{InstituteID: in.InstituteID, Name: strings.TrimSpace(in.Name), Email: in.Email,
		InstituteAdmin: in.InstituteAdmin, PlatformAdmin: in.PlatformAdmin}
	err := s.store.Transact(ctx, func(tx Tx) error {
		if u.InstituteID != "" {
			if _, err := tx.GetInstitute(ctx, u.InstituteID); err != nil {
				return err
			}
		}
		if err := tx.CreateUser(ctx, u); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "", "user.create", "user", u.ID, u)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// ListUsers lists the users of an institute: any for a platform admin, one's own otherwise.
func (s *Service) ListUsers(ctx context.Context, a Actor, instituteID string) ([]User, error) {
	if instituteID == "" {
		instituteID = a.InstituteID
	}
	if !a.PlatformAdmin && instituteID != a.InstituteID {
		return nil, fmt.Errorf("institute %s: %w", instituteID, engine.ErrNotFound)
	}
	if !validID(instituteID) {
		return nil, fmt.Errorf("institute %q: %w", instituteID, engine.ErrNotFound)
	}
	var out []User
	err := s.store.Transact(ctx, func(tx Tx) error {
		var err error
		out, err = tx.ListUsers(ctx, instituteID)
		return err
	})
	return out, err
}

// Me returns the actor's own user record.
func (s *Service) Me(ctx context.Context, a Actor) (*User, error) {
	var u *User
	err := s.store.Transact(ctx, func(tx Tx) error {
		var err error
		u, err = tx.GetUser(ctx, a.UserID)
		return err
	})
	return u, err
}

// TokenInput creates a token, for oneself or (as an admin) for another user.
type TokenInput struct {
	UserID string `json:"user_id,omitempty"`
	Name   string `json:"name,omitempty"`
}

// CreateToken issues a token. The secret is in the result and nowhere else.
func (s *Service) CreateToken(ctx context.Context, a Actor, in TokenInput) (*NewToken, error) {
	if in.UserID == "" {
		in.UserID = a.UserID
	}
	secret, err := newSecret()
	if err != nil {
		return nil, err
	}
	t := &NewToken{Token: Token{UserID: in.UserID, Name: in.Name, Prefix: secret[:len(tokenPrefix)+6]}, Secret: secret}
	err = s.store.Transact(ctx, func(tx Tx) error {
		if err := s.mayManageUser(ctx, tx, a, in.UserID); errors.Is(err, engine.ErrNotFound) {
			return engine.Invalid("user_id", messages.MemberNoUser)
		} else if err != nil {
			return err
		}
		if err := tx.CreateToken(ctx, &t.Token, TokenHash(secret)); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "", "token.create", "token", t.ID, t.Token)
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// mayManageUser allows a user to manage themselves, an institute admin the users of their
// institute and a platform admin anyone. Others' users answer ErrNotFound.
func (s *Service) mayManageUser(ctx context.Context, tx Tx, a Actor, userID string) error {
	if userID == a.UserID || a.PlatformAdmin {
		if !validID(userID) {
			return fmt.Errorf("user %q: %w", userID, engine.ErrNotFound)
		}
		_, err := tx.GetUser(ctx, userID)
		return err
	}
	if !validID(userID) {
		return fmt.Errorf("user %q: %w", userID, engine.ErrNotFound)
	}
	u, err := tx.GetUser(ctx, userID)
	if err != nil {
		return err
	}
	if u.InstituteID != a.InstituteID || a.InstituteID == "" {
		return fmt.Errorf("user %s: %w", userID, engine.ErrNotFound)
	}
	if !a.InstituteAdmin {
		return engine.Refuse(engine.ErrForbidden, messages.ForbiddenOthersTokens)
	}
	return nil
}

// ListTokens lists a user's tokens (one's own by default).
func (s *Service) ListTokens(ctx context.Context, a Actor, userID string) ([]Token, error) {
	if userID == "" {
		userID = a.UserID
	}
	var out []Token
	err := s.store.Transact(ctx, func(tx Tx) error {
		if err := s.mayManageUser(ctx, tx, a, userID); err != nil {
			return err
		}
		var err error
		out, err = tx.ListTokens(ctx, userID)
		return err
	})
	return out, err
}

// RevokeToken revokes a token; it stops working at once.
func (s *Service) RevokeToken(ctx context.Context, a Actor, tokenID string) error {
	if !validID(tokenID) {
		return fmt.Errorf("token %q: %w", tokenID, engine.ErrNotFound)
	}
	return s.store.Transact(ctx, func(tx Tx) error {
		t, err := tx.GetToken(ctx, tokenID)
		if err != nil {
			return err
		}
		if err := s.mayManageUser(ctx, tx, a, t.UserID); err != nil {
			if errors.Is(err, engine.ErrForbidden) {
				return err
			}
			return fmt.Errorf("token %s: %w", tokenID, engine.ErrNotFound)
		}
		if t.RevokedAt != nil {
			return fmt.Errorf("token %s is already revoked: %w", tokenID, engine.ErrConflict)
		}
		if err := tx.RevokeToken(ctx, tokenID, s.now()); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "", "token.revoke", "token", tokenID, map[string]string{"user_id": t.UserID})
	})
}

// SystemActor is the actor of operations run from the command line without a token (bootstrap,
// migrations, the demo loader).
func SystemActor(name string) Actor {
	return Actor{Name: name, PlatformAdmin: true, RequestID: "cli"}
}

// BootstrapAdmin creates a platform admin user (or reuses the one with the given name) and
// issues a token for it. It is how an installation gets its first credentials.
func (s *Service) BootstrapAdmin(ctx context.Context, name string) (*NewToken, error) {
	sys := SystemActor("evalbench token create --admin")
	var uid string
	err := s.store.Transact(ctx, func(tx Tx) error {
		users, err := tx.ListUsers(ctx, "")
		if err != nil {
			return err
		}
		for _, u := range users {
			if u.PlatformAdmin && u.Name == name {
				uid = u.ID
				return nil
			}
		}
		u := &User{Name: name, PlatformAdmin: true}
		if err := tx.CreateUser(ctx, u); err != nil {
			return err
		}
		uid = u.ID
		return s.audit(ctx, tx, sys, "", "user.create", "user", u.ID, u)
	})
	if err != nil {
		return nil, err
	}
	return s.CreateToken(ctx, sys, TokenInput{UserID: uid, Name: "bootstrap"})
}

// AccountTx is the storage of institutes, users and their API tokens.
type AccountTx interface {
	CreateInstitute(ctx context.Context, in *Institute) error
	GetInstitute(ctx context.Context, id string) (*Institute, error)
	ListInstitutes(ctx context.Context) ([]Institute, error)
	CreateUser(ctx context.Context, u *User) error
	GetUser(ctx context.Context, id string) (*User, error)
	ListUsers(ctx context.Context, instituteID string) ([]User, error)
	CreateToken(ctx context.Context, t *Token, sha256 []byte) error
	// TokenUser returns the live (unrevoked) token with the given SHA-256 and its user, and
	// records the time of use.
	TokenUser(ctx context.Context, sha256 []byte, at time.Time) (*Token, *User, error)
	GetToken(ctx context.Context, id string) (*Token, error)
	ListTokens(ctx context.Context, userID string) ([]Token, error)
	RevokeToken(ctx context.Context, id string, at time.Time) error
}
