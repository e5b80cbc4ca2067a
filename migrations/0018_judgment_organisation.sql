-- The expert panel file's organisation field: an expert's organisation (单位) is stored beside
-- their name with each of their matrices, instead of in brackets inside the name.

ALTER TABLE judgments ADD COLUMN expert_organisation text NOT NULL DEFAULT ''
    CHECK (char_length(expert_organisation) <= 200);
COMMENT ON COLUMN judgments.expert_organisation IS 'The expert''s organisation (单位) as the panel file (experts[].organisation) or the judgment round gives it, at most 200 characters (evaluation.MaxExpertTextRunes); empty when none was given, including every matrix stored before the column existed.';
