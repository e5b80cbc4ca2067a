-- Which commissions the example loader (`evalbench demo`, `make run`) created. The loader finds
-- its commissions here, never by title, so that it cannot take over a commission a user made.

CREATE TABLE example_commissions (
    example       text PRIMARY KEY CHECK (example ~ '^[a-z0-9-]{1,63}$'),
    commission_id uuid NOT NULL UNIQUE REFERENCES commissions(id),
    created_at    timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE example_commissions IS 'The commissions the example loader created, one per example, recorded in the transaction that created the commission. The loader touches only these.';
COMMENT ON COLUMN example_commissions.example IS 'The example''s key (examples/<key>/): jianggan, subdistricts.';
COMMENT ON COLUMN example_commissions.commission_id IS 'The commission the loader created for the example.';
