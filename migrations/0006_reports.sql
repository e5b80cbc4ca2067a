-- Signed reports: institutes' signing keys, published reports (immutable), the institutes'
-- hash-chained publication logs, and acceptance decisions.

CREATE TABLE signing_keys (
    key_id          text PRIMARY KEY CHECK (key_id ~ '^[0-9a-f]{64}$'),
    institute_id    uuid NOT NULL REFERENCES institutes(id),
    algorithm       text NOT NULL DEFAULT 'ed25519' CHECK (algorithm = 'ed25519'),
    public_key      bytea NOT NULL UNIQUE CHECK (length(public_key) = 32),
    private_key_enc bytea NOT NULL,
    created_by      uuid REFERENCES users(id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    retired_at      timestamptz
);
COMMENT ON TABLE signing_keys IS 'Ed25519 report signing keys of the institutes. One key per institute is active (retired_at IS NULL); rotation retires it, and a retired key still verifies the reports it signed. Keys are never deleted and never change but for being retired once (trigger signing_keys_guard).';
COMMENT ON COLUMN signing_keys.key_id IS 'The fingerprint: lower-case hex SHA-256 of the 32-byte public key.';
COMMENT ON COLUMN signing_keys.public_key IS 'The raw 32-byte Ed25519 public key, published at GET /api/v1/institutes/{id}/keys.';
COMMENT ON COLUMN signing_keys.private_key_enc IS 'The 32-byte private key seed encrypted with the server''s master key (EVALBENCH_MASTER_KEY): AES-256-GCM, nonce ‖ ciphertext, with institute id and key id as additional data.';
COMMENT ON COLUMN signing_keys.retired_at IS 'When a rotation retired the key; NULL for the active key.';
CREATE UNIQUE INDEX signing_keys_active ON signing_keys (institute_id) WHERE retired_at IS NULL;
CREATE INDEX signing_keys_institute ON signing_keys (institute_id, created_at);

CREATE FUNCTION signing_keys_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'signing key % cannot be deleted: it verifies the reports it signed', OLD.key_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.retired_at IS NOT NULL OR NEW.retired_at IS NULL
       OR (NEW.key_id, NEW.institute_id, NEW.algorithm, NEW.public_key, NEW.private_key_enc, NEW.created_by, NEW.created_at)
          IS DISTINCT FROM
          (OLD.key_id, OLD.institute_id, OLD.algorithm, OLD.public_key, OLD.private_key_enc, OLD.created_by, OLD.created_at) THEN
        RAISE EXCEPTION 'signing key % can only be retired, once', OLD.key_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION signing_keys_guard() IS 'Refuses to delete a signing key or to change it other than by retiring an active key.';
CREATE TRIGGER signing_keys_guard BEFORE UPDATE OR DELETE ON signing_keys
    FOR EACH ROW EXECUTE FUNCTION signing_keys_guard();

CREATE TABLE reports (
    id                uuid PRIMARY KEY,
    commission_id     uuid NOT NULL REFERENCES commissions(id),
    institute_id      uuid NOT NULL REFERENCES institutes(id),
    run_id            uuid NOT NULL REFERENCES runs(id),
    run_number        integer NOT NULL,
    version           integer NOT NULL CHECK (version > 0),
    supersedes        uuid REFERENCES reports(id),
    key_id            text NOT NULL REFERENCES signing_keys(key_id),
    digest            text NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
    inputs_digest     text NOT NULL CHECK (inputs_digest ~ '^[0-9a-f]{64}$'),
    results_digest    text NOT NULL CHECK (results_digest ~ '^[0-9a-f]{64}$'),
    synthetic         boolean NOT NULL,
    illustrative      boolean NOT NULL,
    bundle            bytea NOT NULL,
    envelope          bytea NOT NULL,
    html              bytea NOT NULL,
    published_by      uuid REFERENCES users(id),
    published_by_name text NOT NULL DEFAULT '',
    published_at      timestamptz NOT NULL,
    UNIQUE (commission_id, version),
    UNIQUE (supersedes),
    CHECK ((version = 1) = (supersedes IS NULL))
);
COMMENT ON TABLE reports IS 'Published reports: the signed, canonical bundle of one run. Immutable (trigger reports_immutable): a later version supersedes a report, nothing edits it.';
COMMENT ON COLUMN reports.version IS 'Report version within the commission: 1, 2, …; version n > 1 supersedes version n − 1.';
COMMENT ON COLUMN reports.supersedes IS 'The report this one supersedes (the commission''s previous version).';
COMMENT ON COLUMN reports.key_id IS 'The signing key (fingerprint) of the DSSE envelope.';
COMMENT ON COLUMN reports.digest IS 'SHA-256 of report.json (the bundle, the signed payload).';
COMMENT ON COLUMN reports.inputs_digest IS 'SHA-256 of the bundle''s canonical inputs (suppressed survey cells withheld).';
COMMENT ON COLUMN reports.results_digest IS 'SHA-256 of the canonical result: the run''s result digest.';
COMMENT ON COLUMN reports.bundle IS 'report.json: RFC 8785 canonical JSON {manifest, inputs, results, results_digest}.';
COMMENT ON COLUMN reports.envelope IS 'report.dsse.json: the DSSE envelope (payload type, base64 payload, Ed25519 signature).';
COMMENT ON COLUMN reports.html IS 'report.html, rendered from the bundle alone (byte-identical for the same bundle).';
CREATE INDEX reports_commission ON reports (commission_id, version);

CREATE TRIGGER reports_immutable BEFORE UPDATE OR DELETE ON reports
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER reports_no_truncate BEFORE TRUNCATE ON reports
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE TABLE report_pdfs (
    report_id  uuid PRIMARY KEY REFERENCES reports(id),
    pdf        bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE report_pdfs IS 'A cache of each report''s PDF, printed from its HTML by headless Chromium on first request. Not signed: PDFs carry creation dates, so they are content-identical, not byte-identical.';

CREATE TABLE publication_heads (
    institute_id uuid PRIMARY KEY REFERENCES institutes(id),
    seq          bigint NOT NULL,
    hash         bytea NOT NULL CHECK (length(hash) = 32)
);
COMMENT ON TABLE publication_heads IS 'The end of each institute''s publication log. Writers lock the row, so the chain never forks.';

CREATE TABLE publication_log (
    institute_id   uuid NOT NULL REFERENCES institutes(id),
    seq            bigint NOT NULL CHECK (seq > 0),
    report_id      uuid NOT NULL UNIQUE REFERENCES reports(id),
    report_version integer NOT NULL,
    commission_id  uuid NOT NULL REFERENCES commissions(id),
    supersedes     uuid REFERENCES reports(id),
    digest         text NOT NULL,
    key_id         text NOT NULL REFERENCES signing_keys(key_id),
    published_at   timestamptz NOT NULL,
    prev_hash      bytea NOT NULL CHECK (length(prev_hash) = 32),
    hash           bytea NOT NULL UNIQUE CHECK (length(hash) = 32),
    PRIMARY KEY (institute_id, seq)
);
COMMENT ON TABLE publication_log IS 'Each institute''s hash-chained log of published reports: hash = SHA-256(prev_hash ‖ canonical JSON of the entry) (evaluation.PublicationHash). Append-only.';
CREATE TRIGGER publication_log_append_only BEFORE UPDATE OR DELETE ON publication_log
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER publication_log_no_truncate BEFORE TRUNCATE ON publication_log
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE TABLE acceptance_decisions (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    commission_id   uuid NOT NULL REFERENCES commissions(id),
    report_id       uuid NOT NULL REFERENCES reports(id),
    report_version  integer NOT NULL,
    decision        text NOT NULL CHECK (decision IN ('accept', 'reject')),
    reasons         text[] NOT NULL DEFAULT '{}',
    failed_items    text[] NOT NULL DEFAULT '{}',
    decided_by      uuid REFERENCES users(id),
    decided_by_name text NOT NULL DEFAULT '',
    decided_at      timestamptz NOT NULL
);
COMMENT ON TABLE acceptance_decisions IS 'Procurement acceptance reviewers'' decisions (验收) on a commission''s published report. Append-only.';
COMMENT ON COLUMN acceptance_decisions.failed_items IS 'The acceptance checklist items that failed when the decision was made.';
CREATE INDEX acceptance_decisions_commission ON acceptance_decisions (commission_id, decided_at);
CREATE TRIGGER acceptance_decisions_append_only BEFORE UPDATE OR DELETE ON acceptance_decisions
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
