-- Issue 12: why a run failed, as a message of
-- the catalogue, so that the run page, the API and the CLI say it in the reader's language.

ALTER TABLE runs ADD COLUMN error_message jsonb;

COMMENT ON COLUMN runs.error_message IS 'Why the run failed or was cancelled, as a catalogue message {"id": …, "args": {…}} (package messages) that the pages, the API (error_message) and the CLI render in the reader''s language; NULL for a run that succeeded or has not ended. The column error keeps the same in English.';

-- The runs that ended before the column existed: the worker's own texts get their messages; any
-- other text (a data problem the engine stated in English) is kept as it was written (legacy.text).
UPDATE runs SET error_message = CASE error
    WHEN 'the computation failed unexpectedly; this is a defect of evalbench, and the server log holds the details'
        THEN '{"id": "run.error.panic"}'::jsonb
    WHEN 'the computation failed for a reason outside the data (the server log holds the details); run it again'
        THEN '{"id": "run.error.internal"}'::jsonb
    WHEN 'cancelled on request' THEN '{"id": "run.error.cancelled"}'::jsonb
    ELSE jsonb_build_object('id', 'legacy.text', 'args', jsonb_build_object('text', error))
END
WHERE error IS NOT NULL;
