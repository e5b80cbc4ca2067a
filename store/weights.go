package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/lib/pq"

	"evalbench/evaluation/engine"
)

// weightDefinition is the definition column of weight_sets: a weight set's configuration.
type weightDefinition struct {
	AHP          engine.AHPConfig          `json:"ahp"`
	Direct       []engine.NodeWeights      `json:"direct,omitempty"`
	Combined     *engine.CombinedConfig    `json:"combined,omitempty"`
	DatasetID    string                    `json:"dataset_id,omitempty"`
	Adjustments  []engine.WeightAdjustment `json:"adjustments,omitempty"`
	Illustrative bool                      `json:"illustrative,omitempty"`
	Note         string                    `json:"note,omitempty"`
}

func toDefinition(ws *engine.WeightSet) ([]byte, error) {
	raw, err := json.Marshal(weightDefinition{AHP: ws.AHP, Direct: ws.Direct, Combined: ws.Combined, DatasetID: ws.DatasetID,
		Adjustments: ws.Adjustments, Illustrative: ws.Illustrative, Note: ws.Note})
	if err != nil {
		return nil, fmt.Errorf("weight set definition: %w", err)
	}
	return raw, nil
}

type dbWeightSet struct {
	ID              string         `db:"id"`
	CommissionID    string         `db:"commission_id"`
	FrameworkID     string         `db:"framework_id"`
	FrameworkDigest string         `db:"framework_digest"`
	Number          int            `db:"number"`
	Version         int            `db:"version"`
	BasedOn         sql.NullString `db:"based_on"`
	Name            string         `db:"name"`
	Method          string         `db:"method"`
	Definition      []byte         `db:"definition"`
	Locked          bool           `db:"locked"`
	CreatedBy       sql.NullString `db:"created_by"`
	CreatedAt       time.Time      `db:"created_at"`
}

func (r dbWeightSet) toWeightSet() (*engine.WeightSet, error) {
	var d weightDefinition
	if err := json.Unmarshal(r.Definition, &d); err != nil {
		return nil, fmt.Errorf("weight set %s: stored definition: %w", r.ID, err)
	}
	return &engine.WeightSet{ID: r.ID, CommissionID: r.CommissionID, FrameworkID: r.FrameworkID,
		FrameworkDigest: r.FrameworkDigest, Number: r.Number, Version: r.Version, BasedOn: r.BasedOn.String,
		Name: r.Name, Method: engine.WeightMethod(r.Method), AHP: d.AHP, Direct: d.Direct, Combined: d.Combined,
		DatasetID: d.DatasetID, Adjustments: d.Adjustments, Illustrative: d.Illustrative, Note: d.Note,
		Locked: r.Locked, CreatedBy: r.CreatedBy.String, CreatedAt: r.CreatedAt.UTC()}, nil
}

const weightSetColumns = `id, commission_id, framework_id, framework_digest, number, version, based_on, name, method,
definition, locked, created_by, created_at`

// CreateWeightSet implements evaluation.Tx.
func (t *Tx) CreateWeightSet(ctx context.Context, ws *engine.WeightSet) (err error) {
	defer wrap(&err, "CreateWeightSet(%s)", ws.CommissionID)
	def, err := toDefinition(ws)
	if err != nil {
		return err
	}
	const q = `
INSERT INTO weight_sets (commission_id, framework_id, framework_digest, number, based_on, name, method, definition, created_by)
SELECT $1, $2, $3, COALESCE(max(number), 0) + 1, $4, $5, $6, $7, $8 FROM weight_sets WHERE commission_id = $1
RETURNING id, number, version, locked, created_at`
	err = t.tx.QueryRowxContext(ctx, q, ws.CommissionID, ws.FrameworkID, ws.FrameworkDigest, nullable(ws.BasedOn), ws.Name,
		string(ws.Method), string(def), nullable(ws.CreatedBy)).
		Scan(&ws.ID, &ws.Number, &ws.Version, &ws.Locked, &ws.CreatedAt)
	ws.CreatedAt = ws.CreatedAt.UTC()
	return err
}

// GetWeightSet implements evaluation.Tx.
func (t *Tx) GetWeightSet(ctx context.Context, commissionID, id string) (_ *engine.WeightSet, err error) {
	defer wrap(&err, "GetWeightSet(%s)", id)
	const q = `SELECT ` + weightSetColumns + ` FROM weight_sets WHERE id = $1 AND commission_id = $2`
	return getParsedRow(ctx, t, dbWeightSet.toWeightSet, q, id, commissionID)
}

// GetWeightSetForUpdate implements evaluation.Tx.
func (t *Tx) GetWeightSetForUpdate(ctx context.Context, commissionID, id string) (_ *engine.WeightSet, err error) {
	defer wrap(&err, "GetWeightSetForUpdate(%s)", id)
	const q = `SELECT ` + weightSetColumns + ` FROM weight_sets WHERE id = $1 AND commission_id = $2 FOR UPDATE`
	return getParsedRow(ctx, t, dbWeightSet.toWeightSet, q, id, commissionID)
}

// ListWeightSets implements evaluation.Tx.
func (t *Tx) ListWeightSets(ctx context.Context, commissionID string) (_ []engine.WeightSet, err error) {
	defer wrap(&err, "ListWeightSets(%s)", commissionID)
	const q = `SELECT ` + weightSetColumns + ` FROM weight_sets WHERE commission_id = $1 ORDER BY number DESC`
	return selectParsedRows(ctx, t, dbWeightSet.toWeightSet, q, commissionID)
}

// UpdateWeightSet implements evaluation.Tx.
func (t *Tx) UpdateWeightSet(ctx context.Context, ws *engine.WeightSet) (err error) {
	defer wrap(&err, "UpdateWeightSet(%s)", ws.ID)
	def, err := toDefinition(ws)
	if err != nil {
		return err
	}
	const q = `
UPDATE weight_sets SET name = $3, method = $4, definition = $5, version = $2
WHERE id = $1 AND version = $2 - 1 AND NOT locked`
	res, err := t.tx.ExecContext(ctx, q, ws.ID, ws.Version, ws.Name, string(ws.Method), string(def))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return fmt.Errorf("weight set changed or was locked meanwhile: %w", engine.ErrStale)
	}
	return nil
}

// LockWeightSet implements evaluation.Tx.
func (t *Tx) LockWeightSet(ctx context.Context, id string) (err error) {
	defer wrap(&err, "LockWeightSet(%s)", id)
	const q = `UPDATE weight_sets SET locked = true WHERE id = $1 AND NOT locked`
	_, err = t.tx.ExecContext(ctx, q, id)
	return err
}

const judgmentColumns = `node, expert_key, expert_name, expert_organisation, criteria, matrix, submitted_at, intake`

func scanJudgment(row interface{ Scan(...any) error }) (*engine.Judgment, error) {
	var j engine.Judgment
	var criteria pq.StringArray
	var matrix, intake []byte
	if err := row.Scan(&j.Node, &j.Expert, &j.ExpertName, &j.Organisation, &criteria, &matrix, &j.SubmittedAt, &intake); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(matrix, &j.Matrix); err != nil {
		return nil, fmt.Errorf("judgment %s/%s: stored matrix: %w", j.Node, j.Expert, err)
	}
	if intake != nil {
		j.Intake = new(engine.JudgmentIntake)
		if err := json.Unmarshal(intake, j.Intake); err != nil {
			return nil, fmt.Errorf("judgment %s/%s: stored intake: %w", j.Node, j.Expert, err)
		}
	}
	j.Criteria = []string(criteria)
	j.SubmittedAt = j.SubmittedAt.UTC()
	return &j, nil
}

// ListJudgments implements evaluation.Tx.
func (t *Tx) ListJudgments(ctx context.Context, weightSetID string) (_ []engine.Judgment, err error) {
	defer wrap(&err, "ListJudgments(%s)", weightSetID)
	const q = `SELECT ` + judgmentColumns + ` FROM judgments WHERE weight_set_id = $1
ORDER BY node COLLATE "C", expert_key COLLATE "C"`
	rows, err := t.tx.QueryContext(ctx, q, weightSetID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []engine.Judgment{}
	for rows.Next() {
		j, err := scanJudgment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *j)
	}
	return out, rows.Err()
}

// GetJudgment implements evaluation.Tx.
func (t *Tx) GetJudgment(ctx context.Context, weightSetID, node, expert string) (_ *engine.Judgment, err error) {
	defer wrap(&err, "GetJudgment(%s, %s, %s)", weightSetID, node, expert)
	const q = `SELECT ` + judgmentColumns + ` FROM judgments WHERE weight_set_id = $1 AND node = $2 AND expert_key = $3`
	return scanJudgment(t.tx.QueryRowxContext(ctx, q, weightSetID, node, expert))
}

// SaveJudgment implements evaluation.Tx.
func (t *Tx) SaveJudgment(ctx context.Context, weightSetID string, j *engine.Judgment, submittedBy string) (err error) {
	defer wrap(&err, "SaveJudgment(%s, %s, %s)", weightSetID, j.Node, j.Expert)
	matrix, err := json.Marshal(j.Matrix)
	if err != nil {
		return err
	}
	var intake any
	if j.Intake != nil {
		b, err := json.Marshal(j.Intake)
		if err != nil {
			return err
		}
		intake = string(b)
	}
	const q = `
INSERT INTO judgments (weight_set_id, node, expert_key, expert_name, expert_organisation, criteria, matrix, submitted_by, submitted_at, intake)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (weight_set_id, node, expert_key) DO UPDATE
SET expert_name = EXCLUDED.expert_name, expert_organisation = EXCLUDED.expert_organisation, criteria = EXCLUDED.criteria, matrix = EXCLUDED.matrix,
    submitted_by = EXCLUDED.submitted_by, submitted_at = EXCLUDED.submitted_at, intake = EXCLUDED.intake`
	_, err = t.tx.ExecContext(ctx, q, weightSetID, j.Node, j.Expert, j.ExpertName, j.Organisation, pq.Array(j.Criteria), string(matrix),
		nullable(submittedBy), j.SubmittedAt, intake)
	return err
}

// SetExpertOrganisation implements evaluation.Tx.
func (t *Tx) SetExpertOrganisation(ctx context.Context, weightSetID, expert, organisation string) (_ int, err error) {
	defer wrap(&err, "SetExpertOrganisation(%s, %s)", weightSetID, expert)
	const q = `
UPDATE judgments SET expert_organisation = $3
WHERE weight_set_id = $1 AND expert_key = $2 AND expert_organisation <> $3`
	res, err := t.tx.ExecContext(ctx, q, weightSetID, expert, organisation)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// CopyJudgments implements evaluation.Tx.
func (t *Tx) CopyJudgments(ctx context.Context, fromID, toID string) (_ int, err error) {
	defer wrap(&err, "CopyJudgments(%s, %s)", fromID, toID)
	const q = `
INSERT INTO judgments (weight_set_id, node, expert_key, expert_name, expert_organisation, criteria, matrix, submitted_by, submitted_at, intake)
SELECT $2, node, expert_key, expert_name, expert_organisation, criteria, matrix, submitted_by, submitted_at, intake FROM judgments WHERE weight_set_id = $1`
	res, err := t.tx.ExecContext(ctx, q, fromID, toID)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}
