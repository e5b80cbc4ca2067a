-- Weight sets and expert judgments.
COMMENT ON SCHEMA public IS 'evalbench';
