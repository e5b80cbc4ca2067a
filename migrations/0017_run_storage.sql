-- Issue 15: what a run waits on in the database.
--
-- A run reads the comments of a survey's responses (ListComments) besides their scores. Comments are rare — most responses have none — but the
-- query had to read every response of the survey to find them (0.2–0.4 s of a run over a million
-- responses). A partial index holds only the responses that carry a comment.

CREATE INDEX survey_responses_comments ON survey_responses (survey_id)
    WHERE comment <> '';
COMMENT ON INDEX survey_responses_comments IS 'The responses that carry a comment, by survey: a run lists a survey''s comments (ListComments) without reading its responses that have none.';

-- A run's result is stored as its canonical JSON, 19.5 MB for 300 units × 120 indicators (the
-- monitoring table and the indicator cells make most of it). PostgreSQL's default TOAST
-- compression (pglz) took 0.3–0.6 s to compress it in the run's last transaction; lz4 takes a
-- fifth of that for a 5 % larger value (2.65 MB instead of 2.53 MB). Where the server was built
-- without lz4 (or predates PostgreSQL 14), the column keeps the default. Existing rows are not
-- rewritten.
DO $$
BEGIN
    EXECUTE 'ALTER TABLE run_results ALTER COLUMN result SET COMPRESSION lz4';
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value OR syntax_error THEN
    RAISE NOTICE 'lz4 compression is not available: run_results.result keeps the default compression';
END $$;
