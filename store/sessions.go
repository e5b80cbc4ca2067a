package store

import (
	"context"
	"database/sql"
	"time"

	"evalbench/evaluation"
)

// Passwords, sessions and set-password links (migration 0009): evaluation.SessionStore.

type dbCredentials struct {
	dbUser
	PasswordHash  sql.NullString `db:"password_hash"`
	FailedSignins int            `db:"failed_signins"`
	LockedUntil   sql.NullTime   `db:"locked_until"`
}

func (c dbCredentials) toCredentials() *evaluation.Credentials {
	out := &evaluation.Credentials{User: *c.toUser(), PasswordHash: c.PasswordHash.String, FailedSignins: c.FailedSignins}
	if c.LockedUntil.Valid {
		t := c.LockedUntil.Time.UTC()
		out.LockedUntil = &t
	}
	return out
}

// SigninCredentials implements evaluation.SessionStore: the e-mail address first, then the name
// of a user with a password (unique among them by index users_signin_name).
func (t *Tx) SigninCredentials(ctx context.Context, login string) (_ *evaluation.Credentials, err error) {
	defer wrap(&err, "SigninCredentials")
	const q = `
SELECT ` + userColumns + `, password_hash, failed_signins, locked_until FROM users
WHERE lower(email) = lower($1) OR (password_hash IS NOT NULL AND lower(name) = lower($1))
ORDER BY (lower(email) = lower($1)) IS TRUE DESC
LIMIT 1`
	return getRow(ctx, t, dbCredentials.toCredentials, q, login)
}

// SigninFailed implements evaluation.SessionStore. The right-hand sides of SET read the row as
// it was, so the count and the lock are computed from one consistent value under the row lock.
func (t *Tx) SigninFailed(ctx context.Context, userID string, at time.Time, lockAfter int, lockUntil time.Time) (_ int, _ *time.Time, err error) {
	defer wrap(&err, "SigninFailed(%s)", userID)
	const q = `
UPDATE users SET
    failed_signins = CASE WHEN locked_until <= $2 THEN 1 ELSE failed_signins + 1 END,
    locked_until = CASE
        WHEN locked_until > $2 THEN locked_until
        WHEN (CASE WHEN locked_until <= $2 THEN 1 ELSE failed_signins + 1 END) >= $3 THEN $4
        ELSE NULL END
WHERE id = $1
RETURNING failed_signins, locked_until`
	var n int
	var until sql.NullTime
	if err := t.tx.QueryRowxContext(ctx, q, userID, at, lockAfter, lockUntil).Scan(&n, &until); err != nil {
		return 0, nil, err
	}
	if !until.Valid {
		return n, nil, nil
	}
	u := until.Time.UTC()
	return n, &u, nil
}

// SigninSucceeded implements evaluation.SessionStore.
func (t *Tx) SigninSucceeded(ctx context.Context, userID string, at time.Time) (_ bool, err error) {
	defer wrap(&err, "SigninSucceeded(%s)", userID)
	const q = `
UPDATE users SET failed_signins = 0, locked_until = NULL
WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2)`
	res, err := t.tx.ExecContext(ctx, q, userID, at)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// SetPasswordHash implements evaluation.SessionStore.
func (t *Tx) SetPasswordHash(ctx context.Context, userID, hash string, at time.Time) (err error) {
	defer wrap(&err, "SetPasswordHash(%s)", userID)
	const q = `UPDATE users SET password_hash = $2, password_set_at = $3, failed_signins = 0, locked_until = NULL WHERE id = $1`
	return t.execOne(ctx, q, userID, hash, at)
}

// execOne runs an UPDATE that must touch exactly one row (sql.ErrNoRows otherwise).
func (t *Tx) execOne(ctx context.Context, q string, args ...any) error {
	res, err := t.tx.ExecContext(ctx, q, args...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n != 1 {
		return sql.ErrNoRows
	}
	return nil
}

type dbSession struct {
	ID            string       `db:"id"`
	UserID        string       `db:"user_id"`
	CreatedAt     time.Time    `db:"created_at"`
	LastSeenAt    time.Time    `db:"last_seen_at"`
	IdleExpiresAt time.Time    `db:"idle_expires_at"`
	ExpiresAt     time.Time    `db:"expires_at"`
	RevokedAt     sql.NullTime `db:"revoked_at"`
	UserAgent     string       `db:"user_agent"`
}

func (r dbSession) toSession() *evaluation.Session {
	x := &evaluation.Session{ID: r.ID, UserID: r.UserID, CreatedAt: r.CreatedAt.UTC(), LastSeenAt: r.LastSeenAt.UTC(),
		IdleExpiresAt: r.IdleExpiresAt.UTC(), ExpiresAt: r.ExpiresAt.UTC(), UserAgent: r.UserAgent}
	if r.RevokedAt.Valid {
		t := r.RevokedAt.Time.UTC()
		x.RevokedAt = &t
	}
	return x
}

const sessionColumns = `id, user_id, created_at, last_seen_at, idle_expires_at, expires_at, revoked_at, user_agent`

// CreateSession implements evaluation.SessionStore.
func (t *Tx) CreateSession(ctx context.Context, x *evaluation.Session, sha256 []byte) (err error) {
	defer wrap(&err, "CreateSession")
	const q = `
INSERT INTO sessions (secret_sha256, user_id, created_at, last_seen_at, idle_expires_at, expires_at, user_agent)
VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`
	return t.tx.QueryRowxContext(ctx, q, sha256, x.UserID, x.CreatedAt, x.LastSeenAt, x.IdleExpiresAt, x.ExpiresAt, x.UserAgent).Scan(&x.ID)
}

// SessionBySecret implements evaluation.SessionStore.
func (t *Tx) SessionBySecret(ctx context.Context, sha256 []byte) (_ *evaluation.Session, err error) {
	defer wrap(&err, "SessionBySecret")
	const q = `SELECT ` + sessionColumns + ` FROM sessions WHERE secret_sha256 = $1`
	return getRow(ctx, t, dbSession.toSession, q, sha256)
}

// TouchSession implements evaluation.SessionStore.
func (t *Tx) TouchSession(ctx context.Context, id string, at, idleExpires time.Time) (err error) {
	defer wrap(&err, "TouchSession(%s)", id)
	const q = `UPDATE sessions SET last_seen_at = $2, idle_expires_at = $3 WHERE id = $1 AND revoked_at IS NULL`
	_, err = t.tx.ExecContext(ctx, q, id, at, idleExpires)
	return err
}

// RevokeSessions implements evaluation.SessionStore.
func (t *Tx) RevokeSessions(ctx context.Context, userID, sessionID string, at time.Time) (_ int, err error) {
	defer wrap(&err, "RevokeSessions(%s)", userID)
	const q = `
UPDATE sessions SET revoked_at = $3
WHERE user_id = $1 AND ($2 = '' OR id::text = $2) AND revoked_at IS NULL AND expires_at > $3 AND idle_expires_at > $3`
	res, err := t.tx.ExecContext(ctx, q, userID, sessionID, at)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// ListSessions implements evaluation.SessionStore.
func (t *Tx) ListSessions(ctx context.Context, userID string) (_ []evaluation.Session, err error) {
	defer wrap(&err, "ListSessions(%s)", userID)
	const q = `SELECT ` + sessionColumns + ` FROM sessions WHERE user_id = $1 ORDER BY created_at DESC, id`
	return selectRows(ctx, t, dbSession.toSession, q, userID)
}

type dbPasswordLink struct {
	ID        string         `db:"id"`
	UserID    string         `db:"user_id"`
	CreatedBy sql.NullString `db:"created_by"`
	CreatedAt time.Time      `db:"created_at"`
	ExpiresAt time.Time      `db:"expires_at"`
	UsedAt    sql.NullTime   `db:"used_at"`
}

func (r dbPasswordLink) toLink() *evaluation.PasswordLink {
	l := &evaluation.PasswordLink{ID: r.ID, UserID: r.UserID, CreatedBy: r.CreatedBy.String, CreatedAt: r.CreatedAt.UTC(), ExpiresAt: r.ExpiresAt.UTC()}
	if r.UsedAt.Valid {
		t := r.UsedAt.Time.UTC()
		l.UsedAt = &t
	}
	return l
}

// CreatePasswordLink implements evaluation.SessionStore.
func (t *Tx) CreatePasswordLink(ctx context.Context, l *evaluation.PasswordLink, sha256 []byte) (err error) {
	defer wrap(&err, "CreatePasswordLink(%s)", l.UserID)
	const q = `
INSERT INTO password_links (secret_sha256, user_id, created_by, created_at, expires_at)
VALUES ($1, $2, $3, $4, $5) RETURNING id`
	return t.tx.QueryRowxContext(ctx, q, sha256, l.UserID, nullable(l.CreatedBy), l.CreatedAt, l.ExpiresAt).Scan(&l.ID)
}

// PasswordLinkBySecret implements evaluation.SessionStore.
func (t *Tx) PasswordLinkBySecret(ctx context.Context, sha256 []byte) (_ *evaluation.PasswordLink, err error) {
	defer wrap(&err, "PasswordLinkBySecret")
	const q = `SELECT id, user_id, created_by, created_at, expires_at, used_at FROM password_links WHERE secret_sha256 = $1 FOR UPDATE`
	return getRow(ctx, t, dbPasswordLink.toLink, q, sha256)
}

// UsePasswordLink implements evaluation.SessionStore.
func (t *Tx) UsePasswordLink(ctx context.Context, id string, at time.Time) (err error) {
	defer wrap(&err, "UsePasswordLink(%s)", id)
	return t.execOne(ctx, `UPDATE password_links SET used_at = $2 WHERE id = $1 AND used_at IS NULL`, id, at)
}
