-- Tenancy, accounts, commissions, units, memberships and the hash-chained audit log.

CREATE TABLE institutes (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code       text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name       text NOT NULL CHECK (name <> ''),
    created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE institutes IS 'Tenants: contracted evaluation institutes (and other organisations whose users take part, e.g. a client or a procurement reviewer''s office).';
COMMENT ON COLUMN institutes.code IS 'Short stable identifier, lower-case.';

CREATE TABLE users (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    institute_id    uuid REFERENCES institutes(id),
    name            text NOT NULL CHECK (name <> ''),
    email           text,
    platform_admin  boolean NOT NULL DEFAULT false,
    institute_admin boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (platform_admin OR institute_id IS NOT NULL)
);
COMMENT ON TABLE users IS 'People and service accounts. Every user but a platform admin belongs to one institute.';
COMMENT ON COLUMN users.platform_admin IS 'Operates the evalbench installation: creates institutes and their first users.';
COMMENT ON COLUMN users.institute_admin IS 'Manages the users and tokens of their own institute.';
CREATE UNIQUE INDEX users_email ON users (lower(email)) WHERE email IS NOT NULL;

CREATE TABLE api_tokens (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid NOT NULL REFERENCES users(id),
    name         text NOT NULL DEFAULT '',
    token_sha256 bytea NOT NULL UNIQUE CHECK (length(token_sha256) = 32),
    prefix       text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
COMMENT ON TABLE api_tokens IS 'Bearer tokens. Only the SHA-256 of the 256-bit random token is stored; the token itself is shown once.';
COMMENT ON COLUMN api_tokens.prefix IS 'The first characters of the token, to tell tokens apart in listings.';
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE commissions (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    institute_id     uuid NOT NULL REFERENCES institutes(id),
    title            text NOT NULL CHECK (title <> ''),
    client           text NOT NULL CHECK (client <> ''),
    description      text NOT NULL DEFAULT '',
    period_start     integer NOT NULL,
    period_end       integer NOT NULL,
    evaluated_period text NOT NULL,
    status           text NOT NULL DEFAULT 'draft'
                     CHECK (status IN ('draft','collecting','weighting','computing','review','published','accepted')),
    synthetic        boolean NOT NULL DEFAULT false,
    version          integer NOT NULL DEFAULT 1,
    created_by       uuid REFERENCES users(id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (period_end >= period_start)
);
COMMENT ON TABLE commissions IS 'A commissioned evaluation: a client (委托方) buys it from an institute (第三方评估机构).';
COMMENT ON COLUMN commissions.period_start IS 'First year of the evaluation (plan) period.';
COMMENT ON COLUMN commissions.evaluated_period IS 'The period being evaluated now, e.g. 2016 or 2017-H1.';
COMMENT ON COLUMN commissions.status IS 'Lifecycle: draft → collecting → weighting → computing → review → published → accepted.';
COMMENT ON COLUMN commissions.synthetic IS 'True when the commission''s data are generated (examples), to be labelled everywhere.';
COMMENT ON COLUMN commissions.version IS 'Optimistic-concurrency version, the ETag of the resource.';
CREATE INDEX commissions_institute ON commissions (institute_id);

CREATE TABLE units (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    commission_id uuid NOT NULL REFERENCES commissions(id),
    code          text NOT NULL,
    name          text NOT NULL CHECK (name <> ''),
    kind          text NOT NULL CHECK (kind IN ('district','department','subdistrict','other')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (commission_id, code)
);
COMMENT ON TABLE units IS 'Evaluated units (被考评单位) of a commission: the district, departments, sub-district offices (街道).';

CREATE TABLE commission_members (
    commission_id uuid NOT NULL REFERENCES commissions(id),
    user_id       uuid NOT NULL REFERENCES users(id),
    role          text NOT NULL CHECK (role IN ('owner','evaluator','expert','reviewer','viewer')),
    granted_by    uuid REFERENCES users(id),
    granted_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (commission_id, user_id, role)
);
COMMENT ON TABLE commission_members IS 'Roles granted per commission. What each role may do is the table evaluation.RolePermissions.';
CREATE INDEX commission_members_user ON commission_members (user_id);

CREATE TABLE audit_log (
    seq           bigint PRIMARY KEY,
    at            timestamptz NOT NULL,
    actor_id      uuid,
    actor_name    text NOT NULL,
    institute_id  uuid,
    commission_id uuid,
    action        text NOT NULL,
    object_type   text NOT NULL,
    object_id     text NOT NULL,
    request_id    text NOT NULL DEFAULT '',
    changes       jsonb NOT NULL DEFAULT '{}',
    prev_hash     bytea NOT NULL CHECK (length(prev_hash) = 32),
    hash          bytea NOT NULL UNIQUE CHECK (length(hash) = 32)
);
COMMENT ON TABLE audit_log IS 'Every mutation, written in the transaction that makes it. Hash-chained: hash = SHA-256(prev_hash || canonical JSON of the entry). Append-only: triggers refuse UPDATE, DELETE and TRUNCATE.';
COMMENT ON COLUMN audit_log.changes IS 'What changed: the new values, and the old ones where an object was updated.';
CREATE INDEX audit_log_commission ON audit_log (commission_id, seq);

CREATE TABLE audit_head (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    seq       bigint NOT NULL,
    hash      bytea NOT NULL
);
COMMENT ON TABLE audit_head IS 'The end of the audit chain. Writers lock this row (UPDATE … RETURNING) so the chain never forks.';
INSERT INTO audit_head (seq, hash) VALUES (0, '\x0000000000000000000000000000000000000000000000000000000000000000');

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
COMMENT ON FUNCTION refuse_change() IS 'Trigger function that refuses a change to an append-only or immutable table.';

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
