package store

import (
	"context"
	"database/sql"
	"time"

	"evalbench/evaluation"
)

// nullable turns "" into SQL NULL for optional uuid columns.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

type dbUser struct {
	ID             string         `db:"id"`
	InstituteID    sql.NullString `db:"institute_id"`
	Name           string         `db:"name"`
	Email          sql.NullString `db:"email"`
	PlatformAdmin  bool           `db:"platform_admin"`
	InstituteAdmin bool           `db:"institute_admin"`
	CreatedAt      time.Time      `db:"created_at"`
}

func (u dbUser) toUser() *evaluation.User {
	return &evaluation.User{ID: u.ID, InstituteID: u.InstituteID.String, Name: u.Name, Email: u.Email.String,
		PlatformAdmin: u.PlatformAdmin, InstituteAdmin: u.InstituteAdmin, CreatedAt: u.CreatedAt.UTC()}
}

const userColumns = `id, institute_id, name, email, platform_admin, institute_admin, created_at`

// CreateInstitute implements evaluation.Tx.
func (t *Tx) CreateInstitute(ctx context.Context, in *evaluation.Institute) (err error) {
	defer wrap(&err, "CreateInstitute(%s)", in.Code)
	const q = `INSERT INTO institutes (code, name) VALUES ($1, $2) RETURNING id, created_at`
	if err := t.tx.QueryRowxContext(ctx, q, in.Code, in.Name).Scan(&in.ID, &in.CreatedAt); err != nil {
		return err
	}
	in.CreatedAt = in.CreatedAt.UTC()
	return nil
}

// GetInstitute implements evaluation.Tx.
func (t *Tx) GetInstitute(ctx context.Context, id string) (_ *evaluation.Institute, err error) {
	defer wrap(&err, "GetInstitute(%s)", id)
	const q = `SELECT id, code, name, created_at FROM institutes WHERE id = $1`
	var in evaluation.Institute
	if err := t.tx.QueryRowxContext(ctx, q, id).Scan(&in.ID, &in.Code, &in.Name, &in.CreatedAt); err != nil {
		return nil, err
	}
	in.CreatedAt = in.CreatedAt.UTC()
	return &in, nil
}

// ListInstitutes implements evaluation.Tx.
func (t *Tx) ListInstitutes(ctx context.Context) (_ []evaluation.Institute, err error) {
	defer wrap(&err, "ListInstitutes")
	const q = `SELECT id, code, name, created_at FROM institutes ORDER BY code`
	rows, err := t.tx.QueryxContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []evaluation.Institute
	for rows.Next() {
		var in evaluation.Institute
		if err := rows.Scan(&in.ID, &in.Code, &in.Name, &in.CreatedAt); err != nil {
			return nil, err
		}
		in.CreatedAt = in.CreatedAt.UTC()
		out = append(out, in)
	}
	return out, rows.Err()
}

// CreateUser implements evaluation.Tx.
func (t *Tx) CreateUser(ctx context.Context, u *evaluation.User) (err error) {
	defer wrap(&err, "CreateUser(%s)", u.Name)
	const q = `
INSERT INTO users (institute_id, name, email, platform_admin, institute_admin)
VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at`
	if err := t.tx.QueryRowxContext(ctx, q, nullable(u.InstituteID), u.Name, nullable(u.Email), u.PlatformAdmin, u.InstituteAdmin).
		Scan(&u.ID, &u.CreatedAt); err != nil {
		return err
	}
	u.CreatedAt = u.CreatedAt.UTC()
	return nil
}

// GetUser implements evaluation.Tx.
func (t *Tx) GetUser(ctx context.Context, id string) (_ *evaluation.User, err error) {
	defer wrap(&err, "GetUser(%s)", id)
	const q = `SELECT ` + userColumns + ` FROM users WHERE id = $1`
	var u dbUser
	if err := t.tx.GetContext(ctx, &u, q, id); err != nil {
		return nil, err
	}
	return u.toUser(), nil
}

// ListUsers implements evaluation.Tx; an empty instituteID lists the users without an institute.
func (t *Tx) ListUsers(ctx context.Context, instituteID string) (_ []evaluation.User, err error) {
	defer wrap(&err, "ListUsers(%s)", instituteID)
	const q = `SELECT ` + userColumns + ` FROM users WHERE institute_id IS NOT DISTINCT FROM $1 ORDER BY created_at, id`
	return selectRows(ctx, t, dbUser.toUser, q, nullable(instituteID))
}

type dbToken struct {
	ID         string       `db:"id"`
	UserID     string       `db:"user_id"`
	Name       string       `db:"name"`
	Prefix     string       `db:"prefix"`
	CreatedAt  time.Time    `db:"created_at"`
	LastUsedAt sql.NullTime `db:"last_used_at"`
	RevokedAt  sql.NullTime `db:"revoked_at"`
}

func (r dbToken) toToken() *evaluation.Token {
	t := &evaluation.Token{ID: r.ID, UserID: r.UserID, Name: r.Name, Prefix: r.Prefix, CreatedAt: r.CreatedAt.UTC()}
	if r.LastUsedAt.Valid {
		v := r.LastUsedAt.Time.UTC()
		t.LastUsedAt = &v
	}
	if r.RevokedAt.Valid {
		v := r.RevokedAt.Time.UTC()
		t.RevokedAt = &v
	}
	return t
}

const tokenColumns = `id, user_id, name, prefix, created_at, last_used_at, revoked_at`

// CreateToken implements evaluation.Tx.
func (t *Tx) CreateToken(ctx context.Context, tok *evaluation.Token, sha256 []byte) (err error) {
	defer wrap(&err, "CreateToken(%s)", tok.UserID)
	const q = `INSERT INTO api_tokens (user_id, name, token_sha256, prefix) VALUES ($1, $2, $3, $4) RETURNING id, created_at`
	if err := t.tx.QueryRowxContext(ctx, q, tok.UserID, tok.Name, sha256, tok.Prefix).Scan(&tok.ID, &tok.CreatedAt); err != nil {
		return err
	}
	tok.CreatedAt = tok.CreatedAt.UTC()
	return nil
}

// TokenUser implements evaluation.Tx. The last-used time is written at most once a minute per
// token, so that reads do not turn into a write per request.
func (t *Tx) TokenUser(ctx context.Context, sha256 []byte, at time.Time) (_ *evaluation.Token, _ *evaluation.User, err error) {
	defer wrap(&err, "TokenUser")
	const q = `SELECT ` + tokenColumns + ` FROM api_tokens WHERE token_sha256 = $1 AND revoked_at IS NULL`
	var r dbToken
	if err := t.tx.GetContext(ctx, &r, q, sha256); err != nil {
		return nil, nil, err
	}
	if !r.LastUsedAt.Valid || at.Sub(r.LastUsedAt.Time) > time.Minute {
		const touch = `UPDATE api_tokens SET last_used_at = $2 WHERE id = $1`
		if _, err := t.tx.ExecContext(ctx, touch, r.ID, at); err != nil {
			return nil, nil, err
		}
		r.LastUsedAt = sql.NullTime{Time: at, Valid: true}
	}
	u, err := t.GetUser(ctx, r.UserID)
	if err != nil {
		return nil, nil, err
	}
	return r.toToken(), u, nil
}

// GetToken implements evaluation.Tx.
func (t *Tx) GetToken(ctx context.Context, id string) (_ *evaluation.Token, err error) {
	defer wrap(&err, "GetToken(%s)", id)
	const q = `SELECT ` + tokenColumns + ` FROM api_tokens WHERE id = $1`
	return getRow(ctx, t, dbToken.toToken, q, id)
}

// ListTokens implements evaluation.Tx.
func (t *Tx) ListTokens(ctx context.Context, userID string) (_ []evaluation.Token, err error) {
	defer wrap(&err, "ListTokens(%s)", userID)
	const q = `SELECT ` + tokenColumns + ` FROM api_tokens WHERE user_id = $1 ORDER BY created_at, id`
	return selectRows(ctx, t, dbToken.toToken, q, userID)
}

// RevokeToken implements evaluation.Tx.
func (t *Tx) RevokeToken(ctx context.Context, id string, at time.Time) (err error) {
	defer wrap(&err, "RevokeToken(%s)", id)
	const q = `UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`
	res, err := t.tx.ExecContext(ctx, q, id, at)
	if err != nil {
		return err
	}
	return oneRow(res)
}

// oneRow answers sql.ErrNoRows when an UPDATE or DELETE touched nothing.
func oneRow(res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return sql.ErrNoRows
	}
	return nil
}
