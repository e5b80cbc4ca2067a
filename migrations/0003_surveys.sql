-- Surveys (360-degree and public satisfaction): definitions, response imports and responses.
COMMENT ON SCHEMA public IS 'evalbench';
