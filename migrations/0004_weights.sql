-- Weight sets (versions of a way to weigh a framework's nodes) and the experts' AHP judgments.

CREATE TABLE weight_sets (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    commission_id    uuid NOT NULL REFERENCES commissions(id),
    framework_id     uuid NOT NULL REFERENCES frameworks(id),
    framework_digest text NOT NULL CHECK (framework_digest ~ '^[0-9a-f]{64}$'),
    number           integer NOT NULL CHECK (number > 0),
    version          integer NOT NULL DEFAULT 1 CHECK (version > 0),
    based_on         uuid REFERENCES weight_sets(id),
    name             text NOT NULL CHECK (name <> ''),
    method           text NOT NULL CHECK (method IN ('equal', 'direct', 'ahp', 'entropy', 'critic', 'combined')),
    definition       jsonb NOT NULL,
    locked           boolean NOT NULL DEFAULT false,
    created_by       uuid REFERENCES users(id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (commission_id, number)
);
COMMENT ON TABLE weight_sets IS 'Versions of a way to weigh a commission''s framework: equal, direct (expert-entered), AHP (experts'' pairwise judgments), entropy, CRITIC or combined. A hand adjustment makes a new number based on the old one, which stays. A weight set used by a run is locked and never changes again (trigger weight_sets_locked).';
COMMENT ON COLUMN weight_sets.id IS 'Identity of this version.';
COMMENT ON COLUMN weight_sets.commission_id IS 'The commission the set belongs to.';
COMMENT ON COLUMN weight_sets.framework_id IS 'The framework version whose nodes the set weighs; never changes.';
COMMENT ON COLUMN weight_sets.framework_digest IS 'SHA-256 of the framework''s canonical content when the set was made: a framework edited since no longer matches the judgments, and the set reports that instead of deriving weights.';
COMMENT ON COLUMN weight_sets.number IS 'Weight-set version within the commission: 1, 2, 3, … (the lineage follows based_on).';
COMMENT ON COLUMN weight_sets.version IS 'Optimistic-concurrency version (ETag) of the name and definition while the set is not locked.';
COMMENT ON COLUMN weight_sets.based_on IS 'The version this one was made from by a hand adjustment (NULL for a new set).';
COMMENT ON COLUMN weight_sets.name IS 'A name people recognise the set by.';
COMMENT ON COLUMN weight_sets.method IS 'equal, direct, ahp, entropy, critic or combined (evaluation.WeightMethod).';
COMMENT ON COLUMN weight_sets.definition IS 'The configuration: {ahp: {priority, ri, cr_threshold, gate, aggregation, expert_weights}, direct: [{node, children, weights}], combined: {subjective, objective, alpha, formula}, dataset_id (the data of entropy and CRITIC), adjustments: [{node, child, weight, reason, by, at}], illustrative, note}.';
COMMENT ON COLUMN weight_sets.locked IS 'Set when a run uses the set: from then on neither the set nor its judgments change.';
COMMENT ON COLUMN weight_sets.created_by IS 'The user who created the set or made this version.';
COMMENT ON COLUMN weight_sets.created_at IS 'When this version was made.';

CREATE FUNCTION weight_sets_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.locked THEN
            RAISE EXCEPTION 'weight set % is locked (used by a run) and cannot be deleted', OLD.number
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.locked AND ((NEW.id, NEW.commission_id, NEW.framework_id, NEW.framework_digest, NEW.number, NEW.version,
                        NEW.based_on, NEW.name, NEW.method, NEW.definition, NEW.created_by, NEW.created_at)
                       IS DISTINCT FROM
                       (OLD.id, OLD.commission_id, OLD.framework_id, OLD.framework_digest, OLD.number, OLD.version,
                        OLD.based_on, OLD.name, OLD.method, OLD.definition, OLD.created_by, OLD.created_at)
                       OR NOT NEW.locked) THEN
        RAISE EXCEPTION 'weight set % is locked (used by a run) and cannot change', OLD.number
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION weight_sets_locked() IS 'Refuses changes to a locked weight set, unlocking it, and deleting it.';
CREATE TRIGGER weight_sets_locked BEFORE UPDATE OR DELETE ON weight_sets
    FOR EACH ROW EXECUTE FUNCTION weight_sets_locked();

CREATE TABLE judgments (
    weight_set_id uuid NOT NULL REFERENCES weight_sets(id),
    node          text NOT NULL CHECK (node <> ''),
    expert_key    text NOT NULL CHECK (expert_key <> ''),
    expert_name   text NOT NULL CHECK (expert_name <> ''),
    criteria      text[] NOT NULL CHECK (cardinality(criteria) >= 2),
    matrix        jsonb NOT NULL CHECK (jsonb_typeof(matrix) = 'array'),
    submitted_by  uuid REFERENCES users(id),
    submitted_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (weight_set_id, node, expert_key)
);
COMMENT ON TABLE judgments IS 'One expert''s AHP pairwise comparison matrix for the children of one node of a weight set''s framework. Resubmitting replaces the matrix (the audit log keeps the old one). The judgments of a locked weight set never change (trigger judgments_locked).';
COMMENT ON COLUMN judgments.weight_set_id IS 'The weight set (version) the matrix belongs to; a new version copies its base''s judgments.';
COMMENT ON COLUMN judgments.node IS 'The framework node judged: root (whose children are the 4E dimensions), a dimension or a group.';
COMMENT ON COLUMN judgments.expert_key IS 'The expert: the user id of an expert who submitted their own matrix, or a panel key (expert-a) of an expert whose matrices an evaluator imported.';
COMMENT ON COLUMN judgments.expert_name IS 'The expert''s name as reports show it.';
COMMENT ON COLUMN judgments.criteria IS 'The node''s children codes, in framework order: the rows and columns of the matrix.';
COMMENT ON COLUMN judgments.matrix IS 'The matrix as rows of numbers on Saaty''s 1–9 scale; matrix[i][j] says how many times criteria[i] is preferred to criteria[j]; 0 marks a missing judgment.';
COMMENT ON COLUMN judgments.submitted_by IS 'The user who stored the matrix: the expert, or the evaluator who imported a panel.';
COMMENT ON COLUMN judgments.submitted_at IS 'When the matrix was stored.';

CREATE FUNCTION judgments_locked() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    set_locked boolean;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        IF EXISTS (SELECT 1 FROM weight_sets WHERE locked) THEN
            RAISE EXCEPTION 'judgments of locked weight sets cannot change: TRUNCATE refused'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NULL;
    END IF;
    -- FOR SHARE waits for a transaction that is locking the set and then sees its outcome.
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT locked INTO set_locked FROM weight_sets WHERE id = OLD.weight_set_id FOR SHARE;
        IF set_locked THEN
            RAISE EXCEPTION 'the judgments of weight set % are locked (used by a run): % refused', OLD.weight_set_id, TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT locked INTO set_locked FROM weight_sets WHERE id = NEW.weight_set_id FOR SHARE;
        IF set_locked THEN
            RAISE EXCEPTION 'the judgments of weight set % are locked (used by a run): % refused', NEW.weight_set_id, TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END IF;
    RETURN OLD;
END $$;
COMMENT ON FUNCTION judgments_locked() IS 'Refuses inserting, changing or deleting a judgment of a locked weight set.';
CREATE TRIGGER judgments_locked BEFORE INSERT OR UPDATE OR DELETE ON judgments
    FOR EACH ROW EXECUTE FUNCTION judgments_locked();
CREATE TRIGGER judgments_no_truncate BEFORE TRUNCATE ON judgments
    FOR EACH STATEMENT EXECUTE FUNCTION judgments_locked();
