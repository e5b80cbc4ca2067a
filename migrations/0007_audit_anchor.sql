-- The audit chain cannot be cut off at its tail: the heads of the audit chain and of the
-- publication logs only move forward, one entry at a time, onto an entry that is in the log; and
-- the audit chain is anchored outside the database by checkpoints signed with the institutes'
-- keys (evaluation.Checkpoint), which reports embed and anyone can export.
--
-- A database superuser can still disable these triggers (ALTER TABLE … DISABLE TRIGGER,
-- session_replication_role = replica) and rewrite the tables; what the checkpoints signed
-- before then is what lets `evalbench audit verify` see it (docs/audit.md).

CREATE FUNCTION audit_log_append() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    h audit_head%ROWTYPE;
BEGIN
    SELECT * INTO h FROM audit_head;
    IF NOT FOUND OR NEW.seq <> h.seq + 1 OR NEW.prev_hash <> h.hash THEN
        RAISE EXCEPTION 'audit_log is append-only: entry % does not follow the head', NEW.seq
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION audit_log_append() IS 'Refuses an audit entry that does not follow the head: its seq must be the head''s + 1 and its prev_hash the head''s hash.';
CREATE TRIGGER audit_log_append BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append();

CREATE FUNCTION audit_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.singleton AND NEW.seq = OLD.seq + 1 AND EXISTS (
           SELECT 1 FROM audit_log l WHERE l.seq = NEW.seq AND l.hash = NEW.hash AND l.prev_hash = OLD.hash) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_head only moves forward onto the next audit entry: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
COMMENT ON FUNCTION audit_head_forward() IS 'Lets the audit head move only one entry forward, onto the audit_log entry that follows it; refuses INSERT, DELETE and TRUNCATE.';
CREATE TRIGGER audit_head_forward BEFORE INSERT OR UPDATE OR DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_forward();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
COMMENT ON TABLE audit_head IS 'The end of the audit chain: the seq and hash of the last audit_log entry. Writers lock this row (SELECT … FOR UPDATE) so the chain never forks. It only moves forward one entry at a time onto an entry in the log (trigger audit_head_forward); it cannot be deleted, rewound or truncated.';

CREATE FUNCTION publication_log_append() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    h publication_heads%ROWTYPE;
BEGIN
    SELECT * INTO h FROM publication_heads WHERE institute_id = NEW.institute_id;
    IF NOT FOUND OR NEW.seq <> h.seq + 1 OR NEW.prev_hash <> h.hash THEN
        RAISE EXCEPTION 'publication_log is append-only: entry % of institute % does not follow the head', NEW.seq, NEW.institute_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION publication_log_append() IS 'Refuses a publication log entry that does not follow its institute''s head.';
CREATE TRIGGER publication_log_append BEFORE INSERT ON publication_log
    FOR EACH ROW EXECUTE FUNCTION publication_log_append();

CREATE FUNCTION publication_heads_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- An empty head for an institute that has published nothing; when the head exists already
    -- the row conflicts with it (AppendPublication's INSERT … ON CONFLICT DO NOTHING).
    IF TG_OP = 'INSERT' AND NEW.seq = 0 AND NEW.hash = '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea
       AND (EXISTS (SELECT 1 FROM publication_heads h WHERE h.institute_id = NEW.institute_id)
            OR NOT EXISTS (SELECT 1 FROM publication_log l WHERE l.institute_id = NEW.institute_id)) THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.institute_id = OLD.institute_id AND NEW.seq = OLD.seq + 1 AND EXISTS (
           SELECT 1 FROM publication_log l
           WHERE l.institute_id = NEW.institute_id AND l.seq = NEW.seq AND l.hash = NEW.hash AND l.prev_hash = OLD.hash) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'publication_heads only move forward onto the next publication: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
COMMENT ON FUNCTION publication_heads_forward() IS 'Lets an institute''s publication head start empty and then move only one entry forward, onto the publication_log entry that follows it; refuses DELETE and TRUNCATE.';
CREATE TRIGGER publication_heads_forward BEFORE INSERT OR UPDATE OR DELETE ON publication_heads
    FOR EACH ROW EXECUTE FUNCTION publication_heads_forward();
CREATE TRIGGER publication_heads_no_truncate BEFORE TRUNCATE ON publication_heads
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
COMMENT ON TABLE publication_heads IS 'The end of each institute''s publication log. Writers lock the row, so the chain never forks. A head starts at seq 0 and only moves forward one entry at a time onto an entry in the log (trigger publication_heads_forward); it cannot be deleted, rewound or truncated.';

CREATE TABLE audit_checkpoints (
    id           bigserial PRIMARY KEY,
    log_id       text NOT NULL CHECK (log_id ~ '^[0-9a-f]{64}$'),
    institute_id uuid NOT NULL REFERENCES institutes(id),
    seq          bigint NOT NULL CHECK (seq > 0),
    hash         bytea NOT NULL CHECK (length(hash) = 32),
    signed_at    timestamptz NOT NULL,
    key_id       text NOT NULL REFERENCES signing_keys(key_id),
    statement    bytea NOT NULL,
    signature    bytea NOT NULL CHECK (length(signature) = 64)
);
COMMENT ON TABLE audit_checkpoints IS 'Signed checkpoints of the audit chain, in the spirit of Certificate Transparency''s signed tree heads: an institute''s Ed25519 key over {log, seq, hash, time}. Made at every publication (and embedded in the report) and on demand; exported so the chain can be checked against them outside the database. Append-only.';
COMMENT ON COLUMN audit_checkpoints.log_id IS 'Which audit chain: hex of the hash of its first entry.';
COMMENT ON COLUMN audit_checkpoints.seq IS 'The number of entries the chain had when signed (the tree size): the seq of its head.';
COMMENT ON COLUMN audit_checkpoints.hash IS 'The hash of audit entry seq (the head''s hash).';
COMMENT ON COLUMN audit_checkpoints.signed_at IS 'When the checkpoint was signed (the statement''s time).';
COMMENT ON COLUMN audit_checkpoints.statement IS 'The signed statement: RFC 8785 canonical JSON of evaluation.Checkpoint without its signature.';
COMMENT ON COLUMN audit_checkpoints.signature IS 'Ed25519 signature over DSSE PAE(application/vnd.evalbench.audit-checkpoint+json, statement).';
CREATE INDEX audit_checkpoints_institute ON audit_checkpoints (institute_id, id);
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- The other append-only tables of the publication area refuse TRUNCATE too, as the logs do.
CREATE TRIGGER acceptance_decisions_no_truncate BEFORE TRUNCATE ON acceptance_decisions
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER run_results_no_truncate BEFORE TRUNCATE ON run_results
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
