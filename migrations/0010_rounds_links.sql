-- AHP judgment rounds: an owner asks named experts to judge a weight set's hierarchy through
-- personal capability links; the experts' answers are drafts until they submit, and closing the
-- round stores the submitted matrices as the weight set's judgments.

CREATE TABLE judgment_rounds (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    commission_id uuid NOT NULL REFERENCES commissions(id),
    weight_set_id uuid NOT NULL REFERENCES weight_sets(id),
    number        integer NOT NULL CHECK (number > 0),
    nodes         text[] NOT NULL CHECK (cardinality(nodes) >= 1),
    deadline      timestamptz NOT NULL,
    created_by    uuid REFERENCES users(id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    closed_at     timestamptz,
    closed_by     uuid REFERENCES users(id),
    UNIQUE (weight_set_id, number)
);
COMMENT ON TABLE judgment_rounds IS 'A round of AHP questionnaires on one weight set: which nodes the experts judge, until when, and when the owner closed it (its submitted answers then became the set''s judgments).';
COMMENT ON COLUMN judgment_rounds.id IS 'Identity of the round.';
COMMENT ON COLUMN judgment_rounds.commission_id IS 'The commission of the weight set.';
COMMENT ON COLUMN judgment_rounds.weight_set_id IS 'The weight set whose hierarchy is judged.';
COMMENT ON COLUMN judgment_rounds.number IS 'Round number within the weight set: 1, 2, 3, …';
COMMENT ON COLUMN judgment_rounds.nodes IS 'The framework nodes the experts compare the children of, in framework order (default: every node with two children or more).';
COMMENT ON COLUMN judgment_rounds.deadline IS 'When every link of the round expires.';
COMMENT ON COLUMN judgment_rounds.created_by IS 'The user who opened the round.';
COMMENT ON COLUMN judgment_rounds.created_at IS 'When the round was opened.';
COMMENT ON COLUMN judgment_rounds.closed_at IS 'When the owner closed the round (NULL while open); links stop working then.';
COMMENT ON COLUMN judgment_rounds.closed_by IS 'The user who closed the round.';

CREATE TABLE round_experts (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    round_id     uuid NOT NULL REFERENCES judgment_rounds(id),
    position     integer NOT NULL CHECK (position > 0),
    expert_key   text NOT NULL CHECK (expert_key <> ''),
    name         text NOT NULL CHECK (name <> ''),
    organisation text NOT NULL DEFAULT '',
    weight       double precision CHECK (weight > 0),
    link_sha256  bytea NOT NULL UNIQUE CHECK (length(link_sha256) = 32),
    link_issued  timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz,
    submitted_at timestamptz,
    UNIQUE (round_id, position),
    UNIQUE (round_id, expert_key)
);
COMMENT ON TABLE round_experts IS 'An expert asked in a round, with the SHA-256 of their personal link (the link itself, 256 random bits, is shown once and never stored).';
COMMENT ON COLUMN round_experts.id IS 'Identity of the expert in the round.';
COMMENT ON COLUMN round_experts.round_id IS 'The round.';
COMMENT ON COLUMN round_experts.position IS 'Order of the expert in the round: 1, 2, 3, …';
COMMENT ON COLUMN round_experts.expert_key IS 'The key the expert''s matrices carry in the weight set''s judgments (a panel key such as round1-expert01).';
COMMENT ON COLUMN round_experts.name IS 'The expert''s name as reports show it.';
COMMENT ON COLUMN round_experts.organisation IS 'The expert''s organisation.';
COMMENT ON COLUMN round_experts.weight IS 'The expert''s weight in the aggregation (NULL: 1).';
COMMENT ON COLUMN round_experts.link_sha256 IS 'SHA-256 of the current link''s secret; reissuing replaces it, so the old link stops working.';
COMMENT ON COLUMN round_experts.link_issued IS 'When the current link was issued.';
COMMENT ON COLUMN round_experts.revoked_at IS 'When the owner revoked the link (NULL while it works).';
COMMENT ON COLUMN round_experts.submitted_at IS 'When the expert submitted (NULL for a draft); the answers are then locked.';

CREATE TABLE round_answers (
    expert_id  uuid NOT NULL REFERENCES round_experts(id),
    node       text NOT NULL CHECK (node <> ''),
    i          integer NOT NULL CHECK (i >= 0),
    j          integer NOT NULL CHECK (j > i),
    value      integer NOT NULL CHECK (value BETWEEN -9 AND 9 AND value NOT IN (-1, 0)),
    choice     text NOT NULL CHECK (choice IN ('answer', 'suggestion', 'kept')),
    version    integer NOT NULL DEFAULT 1 CHECK (version > 0),
    saved_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (expert_id, node, i, j)
);
COMMENT ON TABLE round_answers IS 'One answer of an expert: the comparison of the node''s children i and j (i < j) on the signed verbal scale.';
COMMENT ON COLUMN round_answers.expert_id IS 'The expert in the round.';
COMMENT ON COLUMN round_answers.node IS 'The node whose children are compared.';
COMMENT ON COLUMN round_answers.i IS 'Index of the left child (framework order).';
COMMENT ON COLUMN round_answers.j IS 'Index of the right child.';
COMMENT ON COLUMN round_answers.value IS 'Signed scale: 1 equal, 2…9 the left child more important, −2…−9 the right child more important (the convention of R''s ahpsurvey).';
COMMENT ON COLUMN round_answers.choice IS 'answer: given by the expert; suggestion: the expert took the value suggested to lower CR; kept: the expert kept an answer the suggestion would change.';
COMMENT ON COLUMN round_answers.version IS 'Incremented by every write: the last write per judgment wins and carries its version.';
COMMENT ON COLUMN round_answers.saved_at IS 'When the answer was last written.';

-- Rater links: a survey's personal links for one evaluated unit and one rater group (360-degree
-- surveys). The rater behind a link is known only as the HMAC pseudonym of the link's id, as
-- every rater key is; the answers are stored as a response import through the file checks.

CREATE TABLE rater_links (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    survey_id    uuid NOT NULL REFERENCES surveys(id),
    unit         text NOT NULL CHECK (unit <> ''),
    rater_group  text NOT NULL CHECK (rater_group <> ''),
    link_sha256  bytea NOT NULL UNIQUE CHECK (length(link_sha256) = 32),
    deadline     timestamptz NOT NULL,
    created_by   uuid REFERENCES users(id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz,
    submitted_at timestamptz,
    import_id    uuid,
    open         boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE rater_links IS 'A personal rating link of a survey, bound to one evaluated unit and one rater group; the secret (256 random bits) is shown once and only its SHA-256 is stored.';
COMMENT ON COLUMN rater_links.id IS 'Identity of the link; the rater''s key in the responses is derived from it and stored only as the commission''s HMAC pseudonym.';
COMMENT ON COLUMN rater_links.survey_id IS 'The survey answered.';
COMMENT ON COLUMN rater_links.unit IS 'The code of the evaluated unit the rater rates.';
COMMENT ON COLUMN rater_links.rater_group IS 'The rater group (survey group code) the answers count for; the rater cannot choose it.';
COMMENT ON COLUMN rater_links.link_sha256 IS 'SHA-256 of the link''s secret.';
COMMENT ON COLUMN rater_links.deadline IS 'When the link expires.';
COMMENT ON COLUMN rater_links.created_by IS 'The user who issued the link.';
COMMENT ON COLUMN rater_links.created_at IS 'When the link was issued.';
COMMENT ON COLUMN rater_links.revoked_at IS 'When the link was revoked (NULL while it works).';
COMMENT ON COLUMN rater_links.submitted_at IS 'When the rater submitted; the link then shows the thanks only.';
COMMENT ON COLUMN rater_links.import_id IS 'The response import that holds the answers (NULL when every item was answered "cannot judge").';
COMMENT ON COLUMN rater_links.open IS 'An open link (public satisfaction): anyone with it may answer, once per device (a signed cookie) and within a rate limit per address; each answer is a rater of its own and the link is never marked submitted.';
CREATE INDEX rater_links_survey ON rater_links (survey_id, unit, rater_group);
