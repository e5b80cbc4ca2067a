-- Issue 15: a run reads a survey's responses packed, one value per 65,536 responses, instead of
-- one row per response.
--
-- Reading a million responses row by row cost the run about a second: the server makes and
-- sends a million rows (0.5 s by EXPLAIN ANALYZE), the client takes each apart. The rows stay
-- what they are — the record, immutable, with their labels and comments —, and each import now
-- also stores its responses' scores packed, written in the transaction that copies the rows and
-- from the same values. The run reads the packs (a few values of about 0.5 MB); an import made
-- before this migration has no pack, and its responses are read row by row as before.

CREATE TABLE survey_response_packs (
    import_id uuid PRIMARY KEY,
    survey_id uuid NOT NULL,
    row_count integer NOT NULL CHECK (row_count >= 0),
    units     text[] COLLATE "C" NOT NULL,
    groups    text[] COLLATE "C" NOT NULL,
    items     text[] COLLATE "C" NOT NULL,
    raters    bytea NOT NULL CHECK (length(raters) % 32 = 0),
    FOREIGN KEY (import_id, survey_id) REFERENCES survey_imports (id, survey_id) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE survey_response_packs IS 'The responses of one import packed for runs (store/responsepack.go): the codes and rater pseudonyms the import names, each once, and its responses in parts (survey_response_pack_parts) as indexes into them and scores. Written with the import from the same values as its survey_responses rows; at commit survey_response_pack_complete checks the counts. Immutable.';
COMMENT ON COLUMN survey_response_packs.row_count IS 'The responses packed: the import''s row_count (checked at commit).';
COMMENT ON COLUMN survey_response_packs.units IS 'The unit codes the import names, in the order first met; the parts name a unit by its position here.';
COMMENT ON COLUMN survey_response_packs.groups IS 'The rater group codes the import names, in the order first met.';
COMMENT ON COLUMN survey_response_packs.items IS 'The item codes the import names, in the order first met.';
COMMENT ON COLUMN survey_response_packs.raters IS 'The rater pseudonyms (32 bytes each, as survey_responses.rater) the import names, concatenated in the order first met.';

CREATE TABLE survey_response_pack_parts (
    import_id uuid NOT NULL REFERENCES survey_response_packs (import_id) DEFERRABLE INITIALLY DEFERRED,
    part      integer NOT NULL CHECK (part >= 0),
    row_count integer NOT NULL CHECK (row_count > 0),
    rows      bytea NOT NULL,
    PRIMARY KEY (import_id, part)
);
COMMENT ON TABLE survey_response_pack_parts IS 'A part of an import''s packed responses, in the order of the file''s rows. Immutable.';
COMMENT ON COLUMN survey_response_pack_parts.part IS 'The part''s place: 0, 1, 2, … in the order of the rows.';
COMMENT ON COLUMN survey_response_pack_parts.row_count IS 'The responses in this part (at most 65,536).';
COMMENT ON COLUMN survey_response_pack_parts.rows IS 'Each response as unsigned varints (encoding/binary): unit, group, rater and item positions in the pack''s lists, then the score: 2k for a whole score k in [0, 2^20], or 1 followed by the score''s IEEE 754 bits (8 bytes, little endian).';

CREATE FUNCTION survey_response_pack_complete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    want bigint;
    declared bigint;
    parts bigint;
    packed bigint;
BEGIN
    SELECT i.row_count, p.row_count INTO want, declared
    FROM survey_response_packs p LEFT JOIN survey_imports i ON i.id = p.import_id AND i.survey_id = p.survey_id
    WHERE p.import_id = NEW.import_id;
    SELECT count(*), COALESCE(sum(row_count), 0) INTO parts, packed
    FROM survey_response_pack_parts WHERE import_id = NEW.import_id;
    IF want IS NULL OR want <> declared OR packed <> declared
       OR (parts > 0 AND NOT EXISTS (SELECT 1 FROM survey_response_pack_parts WHERE import_id = NEW.import_id AND part = parts - 1)) THEN
        RAISE EXCEPTION 'the pack of response import % holds % responses in % parts, the import %', NEW.import_id, packed, parts, want
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION survey_response_pack_complete() IS 'At commit, a response pack, new or with a new part, must hold its import''s row_count responses, in parts numbered 0 … n−1.';
CREATE CONSTRAINT TRIGGER survey_response_pack_complete AFTER INSERT ON survey_response_packs
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION survey_response_pack_complete();
CREATE CONSTRAINT TRIGGER survey_response_pack_part_complete AFTER INSERT ON survey_response_pack_parts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION survey_response_pack_complete();

CREATE TRIGGER survey_response_packs_immutable BEFORE UPDATE OR DELETE ON survey_response_packs
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER survey_response_packs_no_truncate BEFORE TRUNCATE ON survey_response_packs
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER survey_response_pack_parts_immutable BEFORE UPDATE OR DELETE ON survey_response_pack_parts
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER survey_response_pack_parts_no_truncate BEFORE TRUNCATE ON survey_response_pack_parts
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE INDEX survey_response_packs_survey ON survey_response_packs (survey_id);
COMMENT ON INDEX survey_response_packs_survey IS 'Finds a survey''s packs, for a run.';
