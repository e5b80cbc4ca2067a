package evaluation

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// Sign-in for people: passwords hashed with argon2id, server-side sessions whose secret lives
// only in the browser's cookie (the database keeps its SHA-256, as for API tokens), and one-time
// set-password links an admin issues. API bearer tokens stay for machines.

// ErrSigninFailed is the one answer to a sign-in that does not succeed for a reason tied to the
// account — unknown name, wrong password, no password set, account locked — so that the answer
// does not tell whether an account exists.
var ErrSigninFailed = engine.Refuse(engine.ErrUnauthenticated, messages.AuthSigninFailed)

// ErrSigninThrottled answers a sign-in from an address that failed too often recently. It says
// nothing about any account.
var ErrSigninThrottled = engine.Refuse(engine.ErrUnauthenticated, messages.AuthSigninThrottled)

// Argon2Params are the argon2id cost parameters of new password hashes. Stored hashes carry
// their own parameters (PHC string), so raising these later keeps old passwords working.
type Argon2Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
}

// DefaultArgon2 is OWASP's first argon2id configuration (m=19 MiB, t=2, p=1; the Password
// Storage Cheat Sheet, 2023–). RFC 9106's second recommendation (m=64 MiB, t=3, p=4) took about
// 0.5 s per hash on the 2-core machine this was measured on, which makes sign-in slow and lets a
// handful of concurrent sign-ins exhaust memory; m=19 MiB, t=2 took 60–160 ms there.
var DefaultArgon2 = Argon2Params{Memory: 19 * 1024, Time: 2, Threads: 1}

// SessionPolicy is how long sessions live and how sign-in resists guessing.
type SessionPolicy struct {
	Idle        time.Duration // a session unused this long ends (default 30 min)
	Absolute    time.Duration // a session ends this long after sign-in (default 12 h)
	LockAfter   int           // consecutive failures that lock an account (default 5)
	LockFor     time.Duration // how long a locked account refuses sign-in (default 15 min)
	AddrFails   int           // failures from one address within AddrWindow before it is throttled (default 20)
	AddrWindow  time.Duration // default 15 min
	LinkTTL     time.Duration // a set-password link works this long (default 72 h)
	MinPassword int           // the fewest characters a password has (default 10)
	Argon2      Argon2Params
}

// DefaultSessionPolicy returns the policy used unless WithSessionPolicy says otherwise.
func DefaultSessionPolicy() SessionPolicy {
	return SessionPolicy{Idle: 30 * time.Minute, Absolute: 12 * time.Hour, LockAfter: 5, LockFor: 15 * time.Minute,
		AddrFails: 20, AddrWindow: 15 * time.Minute, LinkTTL: 72 * time.Hour, MinPassword: 10, Argon2: DefaultArgon2}
}

// WithSessionPolicy sets the session policy; zero fields keep their defaults.
func WithSessionPolicy(p SessionPolicy) Option {
	return func(s *Service) {
		s.signin.mu.Lock()
		defer s.signin.mu.Unlock()
		s.signin.policy = &p
	}
}

// signinState is the service's sign-in state held in memory: the policy and the recent failures
// per client address. (Per-account failures and lockouts are stored on the user.) Several
// processes each keep their own address counts, which only makes the throttle looser by that
// factor; the per-account lockout is shared through the database.
type signinState struct {
	mu     sync.Mutex
	policy *SessionPolicy
	fails  map[string][]time.Time // address → failure times within the window
	sem    chan struct{}          // bounds concurrent argon2 computations (memory)
	checks atomic.Int64           // argon2 comparisons made (PasswordChecks)
}

// PasswordChecks is how many argon2id comparisons sign-in has made. Every attempt tied to a name
// makes exactly one, whether the name is unknown, has no password or the password is wrong — the
// property that keeps an unknown name from answering faster; tests hold it by this count rather
// than by timing.
func (s *Service) PasswordChecks() int64 { return s.signin.checks.Load() }

func (s *Service) sessionPolicy() SessionPolicy {
	s.signin.mu.Lock()
	defer s.signin.mu.Unlock()
	d := DefaultSessionPolicy()
	if s.signin.policy == nil {
		return d
	}
	p := *s.signin.policy
	if p.Idle <= 0 {
		p.Idle = d.Idle
	}
	if p.Absolute <= 0 {
		p.Absolute = d.Absolute
	}
	if p.LockAfter <= 0 {
		p.LockAfter = d.LockAfter
	}
	if p.LockFor <= 0 {
		p.LockFor = d.LockFor
	}
	if p.AddrFails <= 0 {
		p.AddrFails = d.AddrFails
	}
	if p.AddrWindow <= 0 {
		p.AddrWindow = d.AddrWindow
	}
	if p.LinkTTL <= 0 {
		p.LinkTTL = d.LinkTTL
	}
	if p.MinPassword <= 0 {
		p.MinPassword = d.MinPassword
	}
	if p.Argon2.Memory == 0 || p.Argon2.Time == 0 || p.Argon2.Threads == 0 {
		p.Argon2 = d.Argon2
	}
	return p
}

// addrThrottled reports whether addr failed AddrFails times within the window.
func (s *Service) addrThrottled(addr string, p SessionPolicy) bool {
	s.signin.mu.Lock()
	defer s.signin.mu.Unlock()
	cut := s.now().Add(-p.AddrWindow)
	fs := s.signin.fails[addr]
	for len(fs) > 0 && fs[0].Before(cut) {
		fs = fs[1:]
	}
	if len(fs) == 0 {
		delete(s.signin.fails, addr)
	} else {
		s.signin.fails[addr] = fs
	}
	return len(fs) >= p.AddrFails
}

// addrFailed records a failure from addr.
func (s *Service) addrFailed(addr string) {
	s.signin.mu.Lock()
	defer s.signin.mu.Unlock()
	if s.signin.fails == nil {
		s.signin.fails = map[string][]time.Time{}
	}
	if len(s.signin.fails) > 100_000 { // bound memory under a spray from many addresses
		clear(s.signin.fails)
	}
	s.signin.fails[addr] = append(s.signin.fails[addr], s.now())
}

// hashSlot waits for one of a few argon2 slots: each hash holds Memory KiB while it runs.
func (s *Service) hashSlot(ctx context.Context) (release func(), err error) {
	s.signin.mu.Lock()
	if s.signin.sem == nil {
		s.signin.sem = make(chan struct{}, 4)
	}
	sem := s.signin.sem
	s.signin.mu.Unlock()
	select {
	case sem <- struct{}{}:
		return func() { <-sem }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// HashPassword returns the argon2id PHC string of password with a fresh 128-bit salt.
func HashPassword(password string, p Argon2Params) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, 32)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether password matches the PHC string encoded, in constant time
// over the hash. A malformed string matches nothing.
func CheckPassword(password, encoded string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return false
	}
	var p Argon2Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil ||
		p.Memory == 0 || p.Memory > 1<<20 || p.Time == 0 || p.Time > 16 || p.Threads == 0 {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 || len(want) > 64 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHashes are checked against for names that match no account, one per parameter set, so
// that an unknown name costs the same argon2 time as a wrong password.
var dummyHashes sync.Map // Argon2Params → PHC string

func dummyHash(p Argon2Params) string {
	if h, ok := dummyHashes.Load(p); ok {
		return h.(string)
	}
	h, err := HashPassword("evalbench: no such account", p)
	if err != nil {
		panic("evaluation: " + err.Error())
	}
	dummyHashes.Store(p, h)
	return h
}

// Credentials is what the store knows about signing in as a user.
type Credentials struct {
	User          User
	PasswordHash  string // "" when none is set
	FailedSignins int
	LockedUntil   *time.Time
}

// Session is a signed-in browser session as listed: never its secret.
type Session struct {
	ID            string     `json:"id"`
	UserID        string     `json:"user_id"`
	CreatedAt     time.Time  `json:"created_at"`
	LastSeenAt    time.Time  `json:"last_seen_at"`
	IdleExpiresAt time.Time  `json:"idle_expires_at"`
	ExpiresAt     time.Time  `json:"expires_at"`
	RevokedAt     *time.Time `json:"revoked_at,omitempty"`
	UserAgent     string     `json:"user_agent,omitempty"`
}

// Live reports whether the session may still be used at t.
func (x *Session) Live(t time.Time) bool {
	return x.RevokedAt == nil && t.Before(x.IdleExpiresAt) && t.Before(x.ExpiresAt)
}

// PasswordLink is a one-time set-password link as stored: never its secret.
type PasswordLink struct {
	ID        string     `json:"id"`
	UserID    string     `json:"user_id"`
	CreatedBy string     `json:"created_by,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt time.Time  `json:"expires_at"`
	UsedAt    *time.Time `json:"used_at,omitempty"`
}

// NewPasswordLink is a freshly issued link; Secret (the capability in the URL path
// /set-password/{secret}) is shown once and never stored.
type NewPasswordLink struct {
	PasswordLink
	Secret string `json:"secret"`
}

// SessionStore is the persistence of passwords, sessions and set-password links; store
// implements it as part of Tx.
type SessionStore interface {
	// SigninCredentials returns the credentials of the user who signs in as login: the user with
	// that e-mail address, or else the user with a password and that name (both compared
	// case-insensitively). ErrNotFound when none.
	SigninCredentials(ctx context.Context, login string) (*Credentials, error)
	// SigninFailed counts a failed password check atomically: one more consecutive failure (the
	// first of a new count when a lock has run out), and a lock until lockUntil when the count
	// reaches lockAfter. It returns the count and the lock.
	SigninFailed(ctx context.Context, userID string, at time.Time, lockAfter int, lockUntil time.Time) (int, *time.Time, error)
	// SigninSucceeded clears the failures, unless the account is locked at `at` (a concurrent
	// attempt locked it meanwhile): then it changes nothing and answers false.
	SigninSucceeded(ctx context.Context, userID string, at time.Time) (bool, error)
	// SetPasswordHash stores a new password hash and clears failures and the lock; ErrConflict
	// when another user who can sign in has the same name.
	SetPasswordHash(ctx context.Context, userID, hash string, at time.Time) error
	CreateSession(ctx context.Context, x *Session, sha256 []byte) error
	// SessionBySecret returns the session with the given secret's SHA-256 (live or not).
	SessionBySecret(ctx context.Context, sha256 []byte) (*Session, error)
	// TouchSession records a use: last seen and the new idle expiry.
	TouchSession(ctx context.Context, id string, at, idleExpires time.Time) error
	// RevokeSessions revokes the user's live sessions (only session id when it is not empty) and
	// counts them.
	RevokeSessions(ctx context.Context, userID, sessionID string, at time.Time) (int, error)
	ListSessions(ctx context.Context, userID string) ([]Session, error)
	CreatePasswordLink(ctx context.Context, l *PasswordLink, sha256 []byte) error
	// PasswordLinkBySecret returns the link with the given secret's SHA-256, locked for update.
	PasswordLinkBySecret(ctx context.Context, sha256 []byte) (*PasswordLink, error)
	UsePasswordLink(ctx context.Context, id string, at time.Time) error
}

// sessionPrefix marks session secrets and link capabilities, as tokenPrefix marks tokens. The two
// kinds of one-time link share password_links and differ by their prefix (hashed with the rest
// of the secret): a set-password link does not sign in, and a sign-in link sets no password.
const (
	sessionPrefix    = "evs_"
	linkPrefix       = "evp_"
	signinLinkPrefix = "evl_"
)

func newRandom(prefix string) (string, error) {
	var b [32]byte // 256 bits
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("random secret: %w", err)
	}
	return prefix + base64.RawURLEncoding.EncodeToString(b[:]), nil
}

func wellFormed(secret, prefix string) bool {
	return strings.HasPrefix(secret, prefix) && len(secret) == len(prefix)+43
}

// CSRFToken returns the synchronizer token of the session whose secret is given: an HMAC of a
// fixed label under the secret. Only the holder of the session cookie can compute it, it is the
// same for the session's whole life and nothing more is stored.
func CSRFToken(sessionSecret string) string {
	m := hmac.New(sha256.New, []byte(sessionSecret))
	m.Write([]byte("evalbench csrf v1"))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// checkPasswordRules validates a new password: at least MinPassword characters, at most 1024
// bytes (argon2 hashes any length, but a megabyte password is a denial of service).
func checkPasswordRules(password string, p SessionPolicy) error {
	if utf8.RuneCountInString(password) < p.MinPassword {
		return engine.Invalid("password", messages.PasswordShort, "min", p.MinPassword)
	}
	if len(password) > 1024 {
		return engine.Invalid("password", messages.PasswordLong)
	}
	return nil
}

// mayAdministerUser allows a platform admin any user, and an institute admin the users of their
// institute (not platform admins). Users one may not see answer ErrNotFound.
func (s *Service) mayAdministerUser(ctx context.Context, tx Tx, a Actor, userID string) (*User, error) {
	if !validID(userID) {
		return nil, fmt.Errorf("user %q: %w", userID, engine.ErrNotFound)
	}
	u, err := tx.GetUser(ctx, userID)
	if err != nil {
		return nil, err
	}
	if a.PlatformAdmin {
		return u, nil
	}
	if a.InstituteID == "" || u.InstituteID != a.InstituteID {
		return nil, fmt.Errorf("user %s: %w", userID, engine.ErrNotFound)
	}
	if !a.InstituteAdmin || u.PlatformAdmin {
		return nil, engine.Refuse(engine.ErrForbidden, messages.ForbiddenSetPassword)
	}
	return u, nil
}

// SetPassword sets a user's password: a platform admin for anyone, an institute admin for the
// users of their institute. The user's sessions end. The audit entry records that it was set,
// never the password.
func (s *Service) SetPassword(ctx context.Context, a Actor, userID, password string) error {
	p := s.sessionPolicy()
	if err := checkPasswordRules(password, p); err != nil {
		return err
	}
	hash, err := s.hashNew(ctx, password, p)
	if err != nil {
		return err
	}
	return s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.mayAdministerUser(ctx, tx, a, userID); err != nil {
			return err
		}
		return s.storePassword(ctx, tx, a, userID, hash, "password.set")
	})
}

func (s *Service) hashNew(ctx context.Context, password string, p SessionPolicy) (string, error) {
	release, err := s.hashSlot(ctx)
	if err != nil {
		return "", err
	}
	defer release()
	return HashPassword(password, p.Argon2)
}

func (s *Service) storePassword(ctx context.Context, tx Tx, a Actor, userID, hash, action string) error {
	now := s.now()
	if err := tx.SetPasswordHash(ctx, userID, hash, now); err != nil {
		return err
	}
	n, err := tx.RevokeSessions(ctx, userID, "", now)
	if err != nil {
		return err
	}
	return s.audit(ctx, tx, a, "", action, "user", userID, map[string]any{"sessions_revoked": n})
}

// IssueSetPasswordLink issues a one-time link with which the user sets their own password; it
// expires after the policy's LinkTTL. Admins only, as SetPassword.
func (s *Service) IssueSetPasswordLink(ctx context.Context, a Actor, userID string) (*NewPasswordLink, error) {
	return s.issueLink(ctx, a, userID, linkPrefix, "password_link.issue")
}

// IssueSigninLink issues a one-time link that signs the user in when opened (GET
// /signin/link/{secret}), without a password: `evalbench demo` prints one for the examples'
// evaluator and reviewer, so that `make run` opens the workbench in one click. It expires after
// the policy's LinkTTL and works once. Admins only, as SetPassword; whoever holds a
// set-password link could sign in as well, so this grants nothing an admin could not.
func (s *Service) IssueSigninLink(ctx context.Context, a Actor, userID string) (*NewPasswordLink, error) {
	return s.issueLink(ctx, a, userID, signinLinkPrefix, "signin_link.issue")
}

func (s *Service) issueLink(ctx context.Context, a Actor, userID, prefix, action string) (*NewPasswordLink, error) {
	p := s.sessionPolicy()
	secret, err := newRandom(prefix)
	if err != nil {
		return nil, err
	}
	now := s.now()
	l := &NewPasswordLink{PasswordLink: PasswordLink{UserID: userID, CreatedBy: a.UserID, CreatedAt: now, ExpiresAt: now.Add(p.LinkTTL)}, Secret: secret}
	err = s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.mayAdministerUser(ctx, tx, a, userID); err != nil {
			return err
		}
		if err := tx.CreatePasswordLink(ctx, &l.PasswordLink, TokenHash(secret)); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "", action, "user", userID,
			map[string]any{"link_id": l.ID, "expires_at": l.ExpiresAt})
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// PasswordLinkUser returns the user a live set-password link is for (to greet them on the
// page); a used, expired or unknown link answers ErrNotFound alike.
func (s *Service) PasswordLinkUser(ctx context.Context, secret string) (*User, error) {
	var u *User
	err := s.store.Transact(ctx, func(tx Tx) error {
		l, err := s.liveLink(ctx, tx, secret, linkPrefix)
		if err != nil {
			return err
		}
		u, err = tx.GetUser(ctx, l.UserID)
		return err
	})
	return u, err
}

func (s *Service) liveLink(ctx context.Context, tx Tx, secret, prefix string) (*PasswordLink, error) {
	if !wellFormed(secret, prefix) {
		return nil, fmt.Errorf("set-password link: %w", engine.ErrNotFound)
	}
	l, err := tx.PasswordLinkBySecret(ctx, TokenHash(secret))
	if err != nil {
		return nil, err
	}
	if l.UsedAt != nil || !s.now().Before(l.ExpiresAt) {
		return nil, fmt.Errorf("set-password link: %w", engine.ErrNotFound)
	}
	return l, nil
}

// UsePasswordLink sets the password of the link's user and spends the link. A used, expired or
// unknown link answers ErrNotFound.
func (s *Service) UsePasswordLink(ctx context.Context, secret, password string) error {
	p := s.sessionPolicy()
	if !wellFormed(secret, linkPrefix) {
		return fmt.Errorf("set-password link: %w", engine.ErrNotFound)
	}
	if err := checkPasswordRules(password, p); err != nil {
		return err
	}
	hash, err := s.hashNew(ctx, password, p)
	if err != nil {
		return err
	}
	return s.store.Transact(ctx, func(tx Tx) error {
		l, err := s.liveLink(ctx, tx, secret, linkPrefix)
		if err != nil {
			return err
		}
		u, err := tx.GetUser(ctx, l.UserID)
		if err != nil {
			return err
		}
		if err := tx.UsePasswordLink(ctx, l.ID, s.now()); err != nil {
			return err
		}
		a := Actor{UserID: u.ID, Name: u.Name, InstituteID: u.InstituteID, RequestID: "web"}
		return s.storePassword(ctx, tx, a, u.ID, hash, "password.set_by_link")
	})
}

// SigninInput is a sign-in attempt.
type SigninInput struct {
	Login     string // the user's name or e-mail address
	Password  string
	Address   string // the client's address, for the per-address throttle
	UserAgent string // summarised into the session's listing
	RequestID string
}

// NewSession is a session just signed into; Secret goes into the cookie and nowhere else.
type NewSession struct {
	Session
	Secret string
	Actor  Actor
}

// SignIn checks a password and opens a session. Every failure tied to an account (unknown name,
// wrong password, no password, locked) answers ErrSigninFailed after the same argon2 work; an
// address with too many recent failures answers ErrSigninThrottled before any work. After
// LockAfter consecutive failures the account is locked for LockFor. Failures and successes are
// audited; the password never is.
func (s *Service) SignIn(ctx context.Context, in SigninInput) (*NewSession, error) {
	p := s.sessionPolicy()
	if s.addrThrottled(in.Address, p) {
		return nil, ErrSigninThrottled
	}
	login := strings.TrimSpace(in.Login)
	if login == "" || len(login) > 320 || len(in.Password) > 1024 {
		s.addrFailed(in.Address)
		return nil, ErrSigninFailed
	}
	var cred *Credentials
	err := s.store.Transact(ctx, func(tx Tx) error {
		var err error
		cred, err = tx.SigninCredentials(ctx, login)
		if errors.Is(err, engine.ErrNotFound) {
			cred, err = nil, nil
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	hash := dummyHash(p.Argon2)
	if cred != nil && cred.PasswordHash != "" {
		hash = cred.PasswordHash
	}
	release, err := s.hashSlot(ctx)
	if err != nil {
		return nil, err
	}
	ok := CheckPassword(in.Password, hash)
	s.signin.checks.Add(1)
	release()
	now := s.now()
	locked := cred != nil && cred.LockedUntil != nil && now.Before(*cred.LockedUntil)
	if cred == nil || cred.PasswordHash == "" || locked || !ok {
		s.addrFailed(in.Address)
		if cred != nil && cred.PasswordHash != "" && !locked {
			if err := s.signinFailed(ctx, cred, in, p, now); err != nil {
				return nil, err
			}
		}
		return nil, ErrSigninFailed
	}
	secret, err := newRandom(sessionPrefix)
	if err != nil {
		return nil, err
	}
	u := cred.User
	a := Actor{UserID: u.ID, Name: u.Name, InstituteID: u.InstituteID, PlatformAdmin: u.PlatformAdmin, InstituteAdmin: u.InstituteAdmin, RequestID: in.RequestID}
	x := &NewSession{Secret: secret, Actor: a, Session: Session{UserID: u.ID, CreatedAt: now, LastSeenAt: now,
		IdleExpiresAt: minTime(now.Add(p.Idle), now.Add(p.Absolute)), ExpiresAt: now.Add(p.Absolute), UserAgent: summariseAgent(in.UserAgent)}}
	err = s.store.Transact(ctx, func(tx Tx) error {
		if ok, err := tx.SigninSucceeded(ctx, u.ID, now); err != nil {
			return err
		} else if !ok {
			return ErrSigninFailed
		}
		if err := tx.CreateSession(ctx, &x.Session, TokenHash(secret)); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "", "session.signin", "session", x.ID, map[string]any{"user_agent": x.UserAgent})
	})
	if err != nil {
		return nil, err
	}
	return x, nil
}

// SigninLinkInput is the opening of a one-time sign-in link.
type SigninLinkInput struct {
	Secret    string // the capability in the link's path
	Address   string // the client's address, for the per-address throttle
	UserAgent string
	RequestID string
}

// SignInWithLink spends a one-time sign-in link (IssueSigninLink) and opens a session for its
// user, as SignIn does after a right password. A used, expired or unknown link, a set-password
// link, and a locked account answer ErrSigninFailed alike, counted against the address; an
// address with too many recent failures answers ErrSigninThrottled.
func (s *Service) SignInWithLink(ctx context.Context, in SigninLinkInput) (*NewSession, error) {
	p := s.sessionPolicy()
	if s.addrThrottled(in.Address, p) {
		return nil, ErrSigninThrottled
	}
	secret, err := newRandom(sessionPrefix)
	if err != nil {
		return nil, err
	}
	now := s.now()
	var x *NewSession
	err = s.store.Transact(ctx, func(tx Tx) error {
		l, err := s.liveLink(ctx, tx, in.Secret, signinLinkPrefix)
		if err != nil {
			return err
		}
		u, err := tx.GetUser(ctx, l.UserID)
		if err != nil {
			return err
		}
		if ok, err := tx.SigninSucceeded(ctx, u.ID, now); err != nil {
			return err
		} else if !ok {
			return ErrSigninFailed // locked
		}
		if err := tx.UsePasswordLink(ctx, l.ID, now); err != nil {
			return err
		}
		a := Actor{UserID: u.ID, Name: u.Name, InstituteID: u.InstituteID, PlatformAdmin: u.PlatformAdmin, InstituteAdmin: u.InstituteAdmin, RequestID: in.RequestID}
		x = &NewSession{Secret: secret, Actor: a, Session: Session{UserID: u.ID, CreatedAt: now, LastSeenAt: now,
			IdleExpiresAt: minTime(now.Add(p.Idle), now.Add(p.Absolute)), ExpiresAt: now.Add(p.Absolute), UserAgent: summariseAgent(in.UserAgent)}}
		if err := tx.CreateSession(ctx, &x.Session, TokenHash(secret)); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "", "session.signin_link", "session", x.ID, map[string]any{"user_agent": x.UserAgent, "link_id": l.ID})
	})
	if errors.Is(err, engine.ErrNotFound) || errors.Is(err, ErrSigninFailed) {
		s.addrFailed(in.Address)
		return nil, ErrSigninFailed
	}
	if err != nil {
		return nil, err
	}
	return x, nil
}

// signinFailed counts a wrong password on an account, locking it at the threshold, and audits
// the failure. The count is kept by one UPDATE, so concurrent guesses cannot overwrite each
// other's counts.
func (s *Service) signinFailed(ctx context.Context, cred *Credentials, in SigninInput, p SessionPolicy, now time.Time) error {
	u := cred.User
	a := Actor{UserID: u.ID, Name: u.Name, InstituteID: u.InstituteID, RequestID: in.RequestID}
	return s.store.Transact(ctx, func(tx Tx) error {
		failed, until, err := tx.SigninFailed(ctx, u.ID, now, p.LockAfter, now.Add(p.LockFor))
		if err != nil {
			return err
		}
		changes := map[string]any{"failed_signins": failed}
		if until != nil {
			changes["locked_until"] = *until
		}
		return s.audit(ctx, tx, a, "", "session.signin_failed", "user", u.ID, changes)
	})
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// summariseAgent keeps the start of a User-Agent, printable ASCII only, for session listings.
func summariseAgent(ua string) string {
	var b strings.Builder
	for _, r := range ua {
		if b.Len() >= 120 {
			break
		}
		if r >= 0x20 && r < 0x7f {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// SessionActor resolves a session secret to its actor. An unknown, revoked or expired session
// answers ErrUnauthenticated. A use is recorded at most once a minute, moving the idle expiry.
func (s *Service) SessionActor(ctx context.Context, secret string) (Actor, error) {
	if !wellFormed(secret, sessionPrefix) {
		return Actor{}, engine.Refuse(engine.ErrUnauthenticated, messages.AuthSessionMalformed)
	}
	p := s.sessionPolicy()
	var a Actor
	err := s.store.Transact(ctx, func(tx Tx) error {
		x, err := tx.SessionBySecret(ctx, TokenHash(secret))
		if errors.Is(err, engine.ErrNotFound) {
			return engine.Refuse(engine.ErrUnauthenticated, messages.AuthSessionUnknown)
		}
		if err != nil {
			return err
		}
		now := s.now()
		if !x.Live(now) {
			return engine.Refuse(engine.ErrUnauthenticated, messages.AuthSessionEnded)
		}
		if now.Sub(x.LastSeenAt) >= time.Minute {
			if err := tx.TouchSession(ctx, x.ID, now, minTime(now.Add(p.Idle), x.ExpiresAt)); err != nil {
				return err
			}
		}
		u, err := tx.GetUser(ctx, x.UserID)
		if err != nil {
			return err
		}
		a = Actor{UserID: u.ID, Name: u.Name, InstituteID: u.InstituteID, PlatformAdmin: u.PlatformAdmin, InstituteAdmin: u.InstituteAdmin}
		return nil
	})
	return a, err
}

// SignOut ends the session whose secret is given; an unknown or ended session is not an error.
func (s *Service) SignOut(ctx context.Context, secret string) error {
	if !wellFormed(secret, sessionPrefix) {
		return nil
	}
	return s.store.Transact(ctx, func(tx Tx) error {
		x, err := tx.SessionBySecret(ctx, TokenHash(secret))
		if errors.Is(err, engine.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if x.RevokedAt != nil {
			return nil
		}
		n, err := tx.RevokeSessions(ctx, x.UserID, x.ID, s.now())
		if err != nil || n == 0 {
			return err
		}
		u, err := tx.GetUser(ctx, x.UserID)
		if err != nil {
			return err
		}
		a := Actor{UserID: u.ID, Name: u.Name, InstituteID: u.InstituteID, RequestID: "web"}
		return s.audit(ctx, tx, a, "", "session.signout", "session", x.ID, nil)
	})
}

// RevokeSessions ends every live session of a user: the user themselves, an institute admin for
// the institute's users, a platform admin for anyone. It returns how many ended.
func (s *Service) RevokeSessions(ctx context.Context, a Actor, userID string) (int, error) {
	var n int
	err := s.store.Transact(ctx, func(tx Tx) error {
		if userID != a.UserID {
			if _, err := s.mayAdministerUser(ctx, tx, a, userID); err != nil {
				return err
			}
		}
		var err error
		if n, err = tx.RevokeSessions(ctx, userID, "", s.now()); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "", "session.revoke_all", "user", userID, map[string]any{"sessions_revoked": n})
	})
	return n, err
}

// ListSessions lists a user's sessions, newest first: one's own, or as an admin (as
// RevokeSessions) another user's.
func (s *Service) ListSessions(ctx context.Context, a Actor, userID string) ([]Session, error) {
	if userID == "" {
		userID = a.UserID
	}
	var out []Session
	err := s.store.Transact(ctx, func(tx Tx) error {
		if userID != a.UserID {
			if _, err := s.mayAdministerUser(ctx, tx, a, userID); err != nil {
				return err
			}
		}
		var err error
		out, err = tx.ListSessions(ctx, userID)
		return err
	})
	return out, err
}
