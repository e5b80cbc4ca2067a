-- Evaluation runs: a queue in PostgreSQL (workers claim with FOR UPDATE SKIP LOCKED and hold a
-- lease), and their canonical results.

CREATE TABLE runs (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    commission_id    uuid NOT NULL REFERENCES commissions(id),
    number           integer NOT NULL CHECK (number > 0),
    status           text NOT NULL DEFAULT 'queued'
                     CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    period           text NOT NULL,
    framework_id     uuid NOT NULL REFERENCES frameworks(id),
    weight_set_id    uuid NOT NULL,
    dataset_ids      uuid[] NOT NULL,
    survey_ids       uuid[] NOT NULL DEFAULT '{}',
    survey_imports   uuid[] NOT NULL DEFAULT '{}',
    previous_run_id  uuid REFERENCES runs(id),
    adjustments      jsonb NOT NULL DEFAULT '[]',
    config           jsonb NOT NULL,
    stage            text NOT NULL DEFAULT '',
    progress         double precision NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
    attempts         integer NOT NULL DEFAULT 0,
    lease_owner      text,
    lease_until      timestamptz,
    heartbeat_at     timestamptz,
    cancel_requested boolean NOT NULL DEFAULT false,
    error            text,
    inputs_digest    text,
    result_digest    text,
    created_by       uuid REFERENCES users(id),
    created_by_name  text NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    UNIQUE (commission_id, number)
);
COMMENT ON TABLE runs IS 'Evaluation runs, queued in PostgreSQL. A worker claims a queued run (or one whose lease expired because its process died) with FOR UPDATE SKIP LOCKED and renews its lease with a heartbeat.';
COMMENT ON COLUMN runs.dataset_ids IS 'Frozen dataset versions in priority order: for each value the first dataset that has it wins.';
COMMENT ON COLUMN runs.survey_imports IS 'The response imports of the surveys as they were when the run was created, so later imports do not change it.';
COMMENT ON COLUMN runs.config IS 'evaluation.RunConfig with its defaults filled in.';
COMMENT ON COLUMN runs.lease_until IS 'The worker holding the run must renew its lease before this time, or another worker takes the run over.';
COMMENT ON COLUMN runs.inputs_digest IS 'SHA-256 of the canonical run inputs (framework, data, judgments, responses, configuration).';
COMMENT ON COLUMN runs.result_digest IS 'SHA-256 of the canonical result document.';
CREATE INDEX runs_queue ON runs (created_at) WHERE status IN ('queued', 'running');
CREATE INDEX runs_commission ON runs (commission_id, number);

CREATE TABLE run_results (
    run_id uuid PRIMARY KEY REFERENCES runs(id),
    result text NOT NULL,
    digest text NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$')
);
COMMENT ON TABLE run_results IS 'The canonical JSON (RFC 8785) result of a succeeded run, byte for byte; digest is its SHA-256. Immutable.';

CREATE TRIGGER run_results_immutable BEFORE UPDATE OR DELETE ON run_results
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
