-- Sign-in for people (issue 13): a password per user (argon2id, PHC string), consecutive
-- failures and a lockout, server-side sessions that can be revoked with idle and absolute expiry,
-- and one-time set-password links. Secrets are never stored: sessions and links keep the SHA-256
-- of a 256-bit random value, as api_tokens do.

ALTER TABLE users
    ADD COLUMN password_hash   text,
    ADD COLUMN password_set_at timestamptz,
    ADD COLUMN failed_signins  integer NOT NULL DEFAULT 0 CHECK (failed_signins >= 0),
    ADD COLUMN locked_until    timestamptz;
COMMENT ON COLUMN users.id IS 'The user''s id.';
COMMENT ON COLUMN users.institute_id IS 'The institute the user belongs to; NULL only for a platform admin.';
COMMENT ON COLUMN users.name IS 'The user''s name; with a password set, also the name they sign in with (unique among users who can sign in, case-insensitively).';
COMMENT ON COLUMN users.email IS 'The user''s e-mail address, unique case-insensitively; they may also sign in with it.';
COMMENT ON COLUMN users.created_at IS 'When the user was created.';
COMMENT ON COLUMN users.password_hash IS 'The argon2id hash of the user''s password as a PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash); NULL: the user cannot sign in with a password.';
COMMENT ON COLUMN users.password_set_at IS 'When the password was last set (by an admin or through a set-password link).';
COMMENT ON COLUMN users.failed_signins IS 'Consecutive failed sign-ins since the last success; reaching the lockout threshold locks the account.';
COMMENT ON COLUMN users.locked_until IS 'Sign-in is refused until then after too many consecutive failures.';
CREATE UNIQUE INDEX users_signin_name ON users (lower(name)) WHERE password_hash IS NOT NULL;

CREATE TABLE sessions (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    secret_sha256   bytea NOT NULL UNIQUE CHECK (length(secret_sha256) = 32),
    user_id         uuid NOT NULL REFERENCES users(id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_seen_at    timestamptz NOT NULL,
    idle_expires_at timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    revoked_at      timestamptz,
    user_agent      text NOT NULL DEFAULT '' CHECK (length(user_agent) <= 120)
);
COMMENT ON TABLE sessions IS 'Signed-in browser sessions. Only the SHA-256 of the 256-bit random session secret (the cookie) is stored; a session ends at its idle or absolute expiry, or when revoked.';
COMMENT ON COLUMN sessions.id IS 'The session''s id, to list and revoke it (not the secret).';
COMMENT ON COLUMN sessions.secret_sha256 IS 'SHA-256 of the session secret the browser holds in its cookie.';
COMMENT ON COLUMN sessions.user_id IS 'The signed-in user.';
COMMENT ON COLUMN sessions.created_at IS 'When the user signed in.';
COMMENT ON COLUMN sessions.last_seen_at IS 'The last request on the session, recorded at most once a minute.';
COMMENT ON COLUMN sessions.idle_expires_at IS 'The session ends if unused until then; each recorded use moves it forward, never past expires_at.';
COMMENT ON COLUMN sessions.expires_at IS 'The absolute end of the session, however active.';
COMMENT ON COLUMN sessions.revoked_at IS 'When the session was ended by signing out or revoked by an admin.';
COMMENT ON COLUMN sessions.user_agent IS 'A short summary of the browser that signed in, to tell sessions apart in listings.';
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE password_links (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    secret_sha256 bytea NOT NULL UNIQUE CHECK (length(secret_sha256) = 32),
    user_id       uuid NOT NULL REFERENCES users(id),
    created_by    uuid REFERENCES users(id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    used_at       timestamptz
);
COMMENT ON TABLE password_links IS 'One-time set-password links an admin issues for a user. Only the SHA-256 of the 256-bit capability in the link is stored; the link is shown once, works once and expires.';
COMMENT ON COLUMN password_links.id IS 'The link''s id (not the secret).';
COMMENT ON COLUMN password_links.secret_sha256 IS 'SHA-256 of the capability in the link''s URL.';
COMMENT ON COLUMN password_links.user_id IS 'The user whose password the link sets.';
COMMENT ON COLUMN password_links.created_by IS 'The admin who issued the link (NULL: the command line).';
COMMENT ON COLUMN password_links.created_at IS 'When the link was issued.';
COMMENT ON COLUMN password_links.expires_at IS 'The link no longer works after this time.';
COMMENT ON COLUMN password_links.used_at IS 'When the link was used; a used link never works again.';
CREATE INDEX password_links_user ON password_links (user_id);
