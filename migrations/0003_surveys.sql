-- Surveys (360-degree and public satisfaction): definitions, the per-commission secret that keys
-- rater pseudonyms, response imports and responses.

CREATE TABLE surveys (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    commission_id uuid NOT NULL REFERENCES commissions(id),
    code          text NOT NULL CHECK (code ~ '^[A-Za-z][A-Za-z0-9_.\-]{0,63}$'),
    title         text NOT NULL CHECK (title <> ''),
    kind          text NOT NULL CHECK (kind IN ('social', 'leadership', '360')),
    synthetic     boolean NOT NULL DEFAULT false,
    scale         jsonb NOT NULL,
    items         jsonb NOT NULL,
    rater_groups  jsonb NOT NULL,
    options       jsonb NOT NULL,
    version       integer NOT NULL DEFAULT 1 CHECK (version > 0),
    created_by    uuid REFERENCES users(id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (commission_id, code)
);
COMMENT ON TABLE surveys IS 'A survey of a commission: social (public satisfaction), leadership or 360-degree evaluation. Once responses are imported its scale, items and rater groups never change (trigger surveys_frozen_definition).';
COMMENT ON COLUMN surveys.code IS 'Unique per commission; a letter, then letters, digits, _ . -.';
COMMENT ON COLUMN surveys.kind IS 'social: public satisfaction (社会评价); leadership: leadership evaluation (领导考评); 360: mutual rating up, down and across (plan line 3464).';
COMMENT ON COLUMN surveys.scale IS 'evaluation.Scale: {min, max, categories: [{label, score}]}; categories map ordered labels (满意 …) onto scores within [min, max].';
COMMENT ON COLUMN surveys.items IS 'evaluation.SurveyItem list: code, text, optional 4E dimension and evaluation content tag.';
COMMENT ON COLUMN surveys.rater_groups IS 'evaluation.RaterGroup list: code, name, weight ≥ 0, minimum raters per unit below which the group is suppressed.';
COMMENT ON COLUMN surveys.options IS 'evaluation.SurveyOptions: trim_k, include_self, blind_spot_share, leniency_correction.';
COMMENT ON COLUMN surveys.version IS 'Optimistic-concurrency version (ETag) of the definition.';

CREATE TABLE survey_secrets (
    commission_id uuid PRIMARY KEY REFERENCES commissions(id),
    secret        bytea NOT NULL CHECK (length(secret) = 32),
    created_at    timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE survey_secrets IS 'The per-commission HMAC-SHA256 key that turns rater keys into pseudonyms. Created on first use from crypto/rand; never returned by the API; immutable (a new key would unlink every rater from their earlier responses).';

CREATE TRIGGER survey_secrets_immutable BEFORE UPDATE OR DELETE ON survey_secrets
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER survey_secrets_no_truncate BEFORE TRUNCATE ON survey_secrets
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE TABLE survey_imports (
    id                uuid PRIMARY KEY,
    commission_id     uuid NOT NULL REFERENCES commissions(id),
    survey_id         uuid NOT NULL REFERENCES surveys(id),
    number            integer NOT NULL CHECK (number > 0),
    sha256            text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    file_name         text NOT NULL,
    format            text NOT NULL CHECK (format IN ('csv', 'tsv', 'xlsx', 'json')),
    encoding          text NOT NULL DEFAULT '',
    sheet             text NOT NULL DEFAULT '',
    importer_id       uuid REFERENCES users(id),
    importer_name     text NOT NULL,
    imported_at       timestamptz NOT NULL,
    row_count         integer NOT NULL CHECK (row_count >= 0),
    rater_count       integer NOT NULL CHECK (rater_count >= 0),
    redacted_comments integer NOT NULL DEFAULT 0 CHECK (redacted_comments >= 0),
    UNIQUE (survey_id, sha256),
    UNIQUE (survey_id, number),
    UNIQUE (id, survey_id)
);
COMMENT ON TABLE survey_imports IS 'One import of survey responses, identified by the SHA-256 of the file''s bytes (the same bytes again return this import). Immutable.';
COMMENT ON COLUMN survey_imports.rater_count IS 'Distinct (rater group, rater pseudonym) pairs in the import.';
COMMENT ON COLUMN survey_imports.redacted_comments IS 'Comments in which phone numbers, ID-card numbers or e-mail addresses were redacted on import.';
CREATE INDEX survey_imports_survey ON survey_imports (survey_id, number);

CREATE TRIGGER survey_imports_immutable BEFORE UPDATE OR DELETE ON survey_imports
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER survey_imports_no_truncate BEFORE TRUNCATE ON survey_imports
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE TABLE survey_responses (
    import_id   uuid NOT NULL,
    survey_id   uuid NOT NULL,
    row_no      integer NOT NULL,
    unit        text COLLATE "C" NOT NULL,
    rater_group text COLLATE "C" NOT NULL,
    rater       bytea NOT NULL CHECK (length(rater) = 32),
    item        text COLLATE "C" NOT NULL,
    score       double precision NOT NULL,
    label       text NOT NULL DEFAULT '',
    comment     text NOT NULL DEFAULT '',
    FOREIGN KEY (import_id, survey_id) REFERENCES survey_imports (id, survey_id) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE survey_responses IS 'One rater''s score of one item for one evaluated unit. Loaded with COPY in the transaction that creates the import row (the foreign key, one check per row, is checked at commit), so an import has all its rows or none. Immutable.';
COMMENT ON COLUMN survey_responses.survey_id IS 'The import''s survey (the foreign key makes them agree), so that a survey''s responses are one index range.';
COMMENT ON COLUMN survey_responses.unit IS 'Unit, group and item codes are ASCII and use the "C" collation, so that the key index orders responses canonically (byte order, as Go compares strings).';
COMMENT ON COLUMN survey_responses.rater IS 'HMAC-SHA256(commission secret, rater key): a pseudonym. The rater key itself is never stored.';
COMMENT ON COLUMN survey_responses.score IS 'The score on the survey''s scale (a category label already mapped to its score).';
COMMENT ON COLUMN survey_responses.label IS 'The category label the file gave, when it gave one.';
COMMENT ON COLUMN survey_responses.comment IS 'Free-text comment with phone numbers, ID-card numbers and e-mail addresses redacted.';
CREATE INDEX survey_responses_key ON survey_responses (survey_id, unit, rater_group, rater, item);

CREATE TRIGGER survey_responses_immutable BEFORE UPDATE OR DELETE ON survey_responses
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER survey_responses_no_truncate BEFORE TRUNCATE ON survey_responses
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE FUNCTION surveys_frozen_definition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM survey_imports WHERE survey_id = OLD.id) THEN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'survey % has imported responses and cannot be deleted', OLD.code
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF (NEW.scale, NEW.items, NEW.rater_groups, NEW.commission_id)
           IS DISTINCT FROM (OLD.scale, OLD.items, OLD.rater_groups, OLD.commission_id) THEN
            RAISE EXCEPTION 'survey % has imported responses: its scale, items and rater groups cannot change', OLD.code
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION surveys_frozen_definition() IS 'Refuses changes to the scale, items and rater groups of a survey that has imported responses, and its deletion.';
CREATE TRIGGER surveys_frozen_definition BEFORE UPDATE OR DELETE ON surveys
    FOR EACH ROW EXECUTE FUNCTION surveys_frozen_definition();
