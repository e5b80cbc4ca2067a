-- Rater links that keep one rater across units (issue 14): a 360-degree rater — a leader rating
-- every sub-district, say — gets one personal link per unit, and the owner names them with one
-- rater key so that their answers are one rater's, as a response file's rows with one rater
-- key are (reliability and leniency correction need the same rater across units). The key is
-- stored only as the commission's HMAC pseudonym, as every rater key.

ALTER TABLE rater_links ADD COLUMN rater_pseudonym text CHECK (rater_pseudonym <> '');
COMMENT ON COLUMN rater_links.rater_pseudonym IS 'The HMAC pseudonym (commission survey secret) of the rater key the owner gave the link, shared by the links of one rater across units; NULL when the link is its own rater (link-{id}).';
