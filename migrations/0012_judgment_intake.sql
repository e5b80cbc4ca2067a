-- Survey-format intake (issue 14): how a matrix read from a questionnaire export was made — the
-- file, the respondent's row, the pairs left blank, and, when judgments were revised by Harker's
-- method, the matrix as answered beside the revised one (engine.JudgmentIntake).

ALTER TABLE judgments ADD COLUMN intake jsonb;
COMMENT ON COLUMN judgments.intake IS 'engine.JudgmentIntake: provenance of a matrix from a survey export (row, original matrix, revisions); NULL for matrices entered directly.';
