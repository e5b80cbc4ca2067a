-- Issue 15 (assigned migration number 0016; numbered 0013 here because migrations must be
-- contiguous — renumber at merge): a response import is checked once, at commit, for holding
-- exactly its rows, instead of a foreign key checked for every response — as datasets are
-- (dataset_complete, 0002). The foreign key cost 3.4 s of a 9 s import of a million responses.

ALTER TABLE survey_responses DROP CONSTRAINT survey_responses_import_id_survey_id_fkey;

CREATE INDEX survey_responses_import ON survey_responses (import_id);
COMMENT ON INDEX survey_responses_import IS 'Finds an import''s responses, for the completeness check at commit (survey_import_complete).';

COMMENT ON TABLE survey_responses IS 'One rater''s score of one item for one evaluated unit. Loaded with COPY in the transaction that creates the import row; at commit a constraint trigger on survey_imports checks that the import holds exactly row_count responses, all of its survey, so an import has all its rows or none. (One check per import instead of a foreign key checked per row: the import runs at COPY speed.) Immutable.';
COMMENT ON COLUMN survey_responses.survey_id IS 'The import''s survey (survey_import_complete checks that they agree), so that a survey''s responses are one index range.';

CREATE FUNCTION survey_import_complete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
    other bigint;
BEGIN
    SELECT count(*), count(*) FILTER (WHERE survey_id <> NEW.survey_id) INTO n, other
    FROM survey_responses WHERE import_id = NEW.id;
    IF other <> 0 THEN
        RAISE EXCEPTION 'response import % holds % responses of another survey', NEW.id, other
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF n <> NEW.row_count THEN
        RAISE EXCEPTION 'response import % holds % responses, not the % it declares', NEW.id, n, NEW.row_count
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION survey_import_complete() IS 'At commit, a new response import must hold exactly row_count responses, all of its survey.';
CREATE CONSTRAINT TRIGGER survey_import_complete AFTER INSERT ON survey_imports
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION survey_import_complete();
