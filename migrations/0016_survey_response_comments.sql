-- Issue 15 (assigned migration number 0016): a run reads the comments of a survey's responses
-- (ListComments) besides their scores. Comments are rare — most responses have none — but the
-- query had to read every response of the survey to find them (0.2–0.4 s of a run over a million
-- responses). A partial index holds only the responses that carry a comment.

CREATE INDEX survey_responses_comments ON survey_responses (survey_id)
    WHERE comment <> '';
COMMENT ON INDEX survey_responses_comments IS 'The responses that carry a comment, by survey: a run lists a survey''s comments (ListComments) without reading its responses that have none.';
