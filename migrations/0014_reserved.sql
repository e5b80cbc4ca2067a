-- Placeholder: number 0014 is reserved for another branch of issue work (the migration runner wants
-- numbers without a gap). The integrator deletes this file when the real 0014 is merged and
-- renumbers 0015_rater_link_keys.sql if needed.
SELECT 1;
