-- Public report files (issue 15): each stored file's SHA-256, computed once by the database, so
-- that a file is served with its strong ETag by selecting that file alone.

ALTER TABLE reports
    ADD COLUMN bundle_sha256   bytea GENERATED ALWAYS AS (sha256(bundle)) STORED,
    ADD COLUMN envelope_sha256 bytea GENERATED ALWAYS AS (sha256(envelope)) STORED,
    ADD COLUMN html_sha256     bytea GENERATED ALWAYS AS (sha256(html)) STORED;
COMMENT ON COLUMN reports.bundle_sha256 IS 'SHA-256 of report.json (generated; equals digest, decoded): the file''s strong ETag.';
COMMENT ON COLUMN reports.envelope_sha256 IS 'SHA-256 of report.dsse.json (generated): the file''s strong ETag.';
COMMENT ON COLUMN reports.html_sha256 IS 'SHA-256 of report.html (generated): the file''s strong ETag.';
