-- The evaluation–rectification–feedback loop (评价—整改—反馈, plan lines 3452, 3482; issue 12):
-- rectification items raised for a unit by an evaluation (a fail grade, a flag, an opinion of the
-- social evaluation), closed by their owner with evidence and audited, and carried into the next
-- period's run as they stood when that run was created.

CREATE TABLE rectifications (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    commission_id  uuid NOT NULL REFERENCES commissions(id),
    number         integer NOT NULL CHECK (number > 0),
    unit           text NOT NULL,
    period         text NOT NULL,
    source         text NOT NULL CHECK (source IN ('fail_grade', 'flag', 'social_opinion', 'other')),
    source_run_id  uuid REFERENCES runs(id),
    reference      text NOT NULL DEFAULT '',
    issue          text NOT NULL,
    owner          text NOT NULL,
    deadline       date NOT NULL,
    status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'audited')),
    evidence       text NOT NULL DEFAULT '',
    closed_on      date,
    audited_on     date,
    audit_note     text NOT NULL DEFAULT '',
    version        integer NOT NULL DEFAULT 1,
    created_by     uuid REFERENCES users(id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (commission_id, number),
    CHECK (status = 'open' OR (closed_on IS NOT NULL AND evidence <> '')),
    CHECK (status <> 'audited' OR audited_on IS NOT NULL)
);
COMMENT ON TABLE rectifications IS 'Rectification items (整改事项) of the evaluation–rectification–feedback loop (plan lines 3452, 3482). Every change is written to the audit log in the same transaction.';
COMMENT ON COLUMN rectifications.id IS 'Identifier.';
COMMENT ON COLUMN rectifications.commission_id IS 'The commission whose evaluation raised the item.';
COMMENT ON COLUMN rectifications.number IS 'Sequence number within the commission: 1, 2, …';
COMMENT ON COLUMN rectifications.unit IS 'Code of the evaluated unit that must rectify.';
COMMENT ON COLUMN rectifications.period IS 'The evaluated period whose evaluation raised the item; the runs of later periods carry it.';
COMMENT ON COLUMN rectifications.source IS 'What raised it: fail_grade (限期整改 of a unit graded fail), flag (last two places two periods running), social_opinion (an opinion of the social evaluation), other.';
COMMENT ON COLUMN rectifications.source_run_id IS 'The run whose result raised it, if any.';
COMMENT ON COLUMN rectifications.reference IS 'What in the source it answers: the grade, the flag, the quoted opinion.';
COMMENT ON COLUMN rectifications.issue IS 'What must be rectified.';
COMMENT ON COLUMN rectifications.owner IS 'Who answers for the rectification (责任人 or 责任单位).';
COMMENT ON COLUMN rectifications.deadline IS 'The deadline (限期) of the rectification.';
COMMENT ON COLUMN rectifications.status IS 'open, closed (by its owner, with evidence) or audited (the closure checked).';
COMMENT ON COLUMN rectifications.evidence IS 'The evidence of the closure (documents, measures, results).';
COMMENT ON COLUMN rectifications.closed_on IS 'The date the rectification was completed, as the closure states it.';
COMMENT ON COLUMN rectifications.audited_on IS 'The date the closure was audited.';
COMMENT ON COLUMN rectifications.audit_note IS 'What the audit of the closure found.';
COMMENT ON COLUMN rectifications.version IS 'Optimistic-concurrency version, raised by every change.';
COMMENT ON COLUMN rectifications.created_by IS 'The user who raised the item.';
COMMENT ON COLUMN rectifications.created_at IS 'When the item was recorded.';
COMMENT ON COLUMN rectifications.updated_at IS 'When it last changed.';
CREATE INDEX rectifications_commission ON rectifications (commission_id, unit, period);

ALTER TABLE runs ADD COLUMN rectifications jsonb NOT NULL DEFAULT '[]';
COMMENT ON COLUMN runs.rectifications IS 'engine.Rectification items of earlier periods as they stood when the run was created, so later changes do not change its inputs.';
