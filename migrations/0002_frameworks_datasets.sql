-- Indicator frameworks (versioned documents) and dataset versions of observations.

CREATE TABLE frameworks (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    commission_id uuid NOT NULL REFERENCES commissions(id),
    number        integer NOT NULL CHECK (number > 0),
    version       integer NOT NULL DEFAULT 1,
    locked        boolean NOT NULL DEFAULT false,
    based_on      uuid REFERENCES frameworks(id),
    title         text NOT NULL DEFAULT '',
    plan_start    integer NOT NULL,
    plan_end      integer NOT NULL,
    content       jsonb NOT NULL,
    digest        text NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
    created_by    uuid REFERENCES users(id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (commission_id, number)
);
COMMENT ON TABLE frameworks IS 'Versions of a commission''s indicator framework (the 4E tree). A framework used by a run is locked and never changes again; editing it makes a new number.';
COMMENT ON COLUMN frameworks.number IS 'Framework version within the commission: 1, 2, 3, …';
COMMENT ON COLUMN frameworks.version IS 'Optimistic-concurrency version (ETag) of an unlocked framework.';
COMMENT ON COLUMN frameworks.content IS 'The tree: dimensions, groups and indicators (evaluation.Framework JSON without ids).';
COMMENT ON COLUMN frameworks.digest IS 'SHA-256 of the RFC 8785 canonical JSON of content.';

CREATE FUNCTION frameworks_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.locked THEN
            RAISE EXCEPTION 'framework % is locked (used by a run) and cannot be deleted', OLD.number
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.locked AND (NEW.content IS DISTINCT FROM OLD.content OR NEW.digest IS DISTINCT FROM OLD.digest
                       OR NOT NEW.locked) THEN
        RAISE EXCEPTION 'framework % is locked (used by a run) and cannot change', OLD.number
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION frameworks_locked() IS 'Refuses changes to a locked framework.';
CREATE TRIGGER frameworks_locked BEFORE UPDATE OR DELETE ON frameworks
    FOR EACH ROW EXECUTE FUNCTION frameworks_locked();

CREATE TABLE datasets (
    id            uuid PRIMARY KEY,
    commission_id uuid NOT NULL REFERENCES commissions(id),
    framework_id  uuid NOT NULL REFERENCES frameworks(id),
    number        integer NOT NULL CHECK (number > 0),
    sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    file_name     text NOT NULL,
    format        text NOT NULL CHECK (format IN ('csv', 'tsv', 'xlsx', 'json')),
    encoding      text NOT NULL DEFAULT '',
    sheet         text NOT NULL DEFAULT '',
    importer_id   uuid REFERENCES users(id),
    importer_name text NOT NULL,
    imported_at   timestamptz NOT NULL,
    row_count     integer NOT NULL CHECK (row_count >= 0),
    label         text NOT NULL DEFAULT '',
    synthetic     boolean NOT NULL DEFAULT false,
    frozen        boolean NOT NULL DEFAULT false,
    frozen_at     timestamptz,
    UNIQUE (commission_id, sha256),
    UNIQUE (commission_id, number)
);
COMMENT ON TABLE datasets IS 'One import of observation data = one immutable dataset version, identified by the SHA-256 of the file''s bytes (re-uploading the same bytes returns the existing version).';
COMMENT ON COLUMN datasets.frozen IS 'A frozen dataset may be used by runs; freezing is one-way.';
COMMENT ON COLUMN datasets.row_count IS 'Observations stored (blank rows skipped).';

CREATE FUNCTION datasets_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'datasets are immutable: DELETE refused' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (NEW.id, NEW.commission_id, NEW.framework_id, NEW.number, NEW.sha256, NEW.file_name, NEW.format,
        NEW.encoding, NEW.sheet, NEW.importer_id, NEW.importer_name, NEW.imported_at, NEW.row_count, NEW.synthetic)
       IS DISTINCT FROM
       (OLD.id, OLD.commission_id, OLD.framework_id, OLD.number, OLD.sha256, OLD.file_name, OLD.format,
        OLD.encoding, OLD.sheet, OLD.importer_id, OLD.importer_name, OLD.imported_at, OLD.row_count, OLD.synthetic)
       OR (OLD.frozen AND NOT NEW.frozen) THEN
        RAISE EXCEPTION 'datasets are immutable: only the label may change, and freezing is one-way'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION datasets_immutable() IS 'Refuses changes to a dataset version other than its label and freezing it.';
CREATE TRIGGER datasets_immutable BEFORE UPDATE OR DELETE ON datasets
    FOR EACH ROW EXECUTE FUNCTION datasets_immutable();

CREATE TABLE observations (
    dataset_id      uuid NOT NULL,
    row_no          integer NOT NULL,
    indicator       text NOT NULL,
    unit            text NOT NULL,
    period          text NOT NULL,
    value           double precision,
    label           text NOT NULL DEFAULT '',
    source_document text NOT NULL DEFAULT '',
    source_table    text NOT NULL DEFAULT '',
    source_location text NOT NULL DEFAULT '',
    source_quote    text NOT NULL DEFAULT '',
    note            text NOT NULL DEFAULT ''
);
COMMENT ON TABLE observations IS 'Values of a dataset version: one indicator, one evaluated unit, one period. NULL value = missing (never 0). Loaded with COPY in the transaction that creates the dataset row; at commit a constraint trigger on datasets checks that the dataset holds exactly row_count observations, so a dataset has all its rows or none. (One check per dataset instead of a foreign key checked per row: the import runs at COPY speed.)';
COMMENT ON COLUMN observations.row_no IS 'Row (CSV line, XLSX row, JSON array position) in the imported file.';
COMMENT ON COLUMN observations.label IS 'Rubric label of a qualitative indicator.';
CREATE INDEX observations_dataset ON observations (dataset_id);

CREATE FUNCTION dataset_complete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    SELECT count(*) INTO n FROM observations WHERE dataset_id = NEW.id;
    IF n <> NEW.row_count THEN
        RAISE EXCEPTION 'dataset % holds % observations, not the % it declares', NEW.id, n, NEW.row_count
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION dataset_complete() IS 'At commit, a new dataset must hold exactly row_count observations.';
CREATE CONSTRAINT TRIGGER dataset_complete AFTER INSERT ON datasets
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dataset_complete();

CREATE TRIGGER observations_immutable BEFORE UPDATE OR DELETE ON observations
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER observations_no_truncate BEFORE TRUNCATE ON observations
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
