package store

import (
	"context"
	"database/sql"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// NewObservationSink implements evaluation.Tx.
func (t *Tx) NewObservationSink(ctx context.Context, datasetID string) (_ evaluation.ObservationSink, err error) {
	defer wrap(&err, "NewObservationSink(%s)", datasetID)
	sink, err := newCopySink(ctx, t, "observations", []string{"dataset_id", "row_no", "indicator", "unit", "period",
		"value", "label", "source_document", "source_table", "source_location", "source_quote", "note"},
		func(b []byte, o *engine.Observation) ([]byte, error) {
			b = append(b, datasetID...)
			b = append(b, '\t')
			b = copyInt(b, int64(o.Row))
			b = append(b, '\t')
			b = copyText(b, o.Indicator)
			b = append(b, '\t')
			b = copyText(b, o.Unit)
			b = append(b, '\t')
			b = copyText(b, string(o.Period))
			b = append(b, '\t')
			if o.Value != nil {
				b = copyFloat(b, *o.Value)
			} else {
				b = copyNull(b)
			}
			for _, s := range [...]string{o.Label, o.Source.Document, o.Source.Table, o.Source.Location, o.Source.Quote, o.Note} {
				b = append(b, '\t')
				b = copyText(b, s)
			}
			return append(b, '\n'), nil
		})
	if err != nil {
		return nil, err
	}
	return sink, nil
}

// DuplicateObservations implements evaluation.Tx.
func (t *Tx) DuplicateObservations(ctx context.Context, datasetID string, limit int) (_ []engine.Problem, total int, err error) {
	defer wrap(&err, "DuplicateObservations(%s)", datasetID)
	const q = `
SELECT indicator, unit, period, array_agg(row_no ORDER BY row_no)
FROM observations WHERE dataset_id = $1
GROUP BY indicator, unit, period HAVING count(*) > 1
ORDER BY min(row_no)`
	var out []engine.Problem
	err = t.eachRepeat(ctx, q, []any{datasetID}, func(key []string, first, row int64) {
		total++
		if len(out) >= limit {
			return
		}
		ind, unit, period := key[0], key[1], key[2]
		out = append(out, problemText(engine.Problem{Row: int(row), Column: "indicator", Value: ind + " / " + unit + " / " + period},
			messages.New(messages.ImportDuplicateObservation, "first", first, "indicator", ind, "unit", unit, "period", period)))
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

type dbDataset struct {
	ID           string `db:"id"`
	CommissionID string `db:"commission_id"`
	FrameworkID  string `db:"framework_id"`
	dbFileVersion
	Label     string       `db:"label"`
	Synthetic bool         `db:"synthetic"`
	Frozen    bool         `db:"frozen"`
	FrozenAt  sql.NullTime `db:"frozen_at"`
}

func (r dbDataset) toDataset() *evaluation.Dataset {
	return &evaluation.Dataset{ID: r.ID, CommissionID: r.CommissionID, FrameworkID: r.FrameworkID,
		FileVersion: r.toFileVersion(), Frozen: r.Frozen, Label: r.Label, Synthetic: r.Synthetic}
}

const datasetColumns = `id, commission_id, framework_id, number, sha256, file_name, format, encoding, sheet,
importer_name, imported_at, row_count, label, synthetic, frozen, frozen_at`

// CreateDataset implements evaluation.Tx.
func (t *Tx) CreateDataset(ctx context.Context, d *evaluation.Dataset, importerID string) (err error) {
	defer wrap(&err, "CreateDataset(%s)", d.FileName)
	const q = `
INSERT INTO datasets (id, commission_id, framework_id, number, sha256, file_name, format, encoding, sheet,
                      importer_id, importer_name, imported_at, row_count, label, synthetic)
SELECT $1, $2, $3, COALESCE(max(number), 0) + 1, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14
FROM datasets WHERE commission_id = $2
RETURNING number`
	return t.tx.QueryRowxContext(ctx, q, d.ID, d.CommissionID, d.FrameworkID, d.SHA256, d.FileName, d.Format, d.Encoding,
		d.Sheet, nullable(importerID), d.Importer, d.ImportedAt, d.Rows, d.Label, d.Synthetic).Scan(&d.Number)
}

// DatasetBySHA implements evaluation.Tx.
func (t *Tx) DatasetBySHA(ctx context.Context, commissionID, sha256 string) (_ *evaluation.Dataset, err error) {
	defer wrap(&err, "DatasetBySHA(%s)", sha256)
	const q = `SELECT ` + datasetColumns + ` FROM datasets WHERE commission_id = $1 AND sha256 = $2`
	return getRow(ctx, t, dbDataset.toDataset, q, commissionID, sha256)
}

// GetDataset implements evaluation.Tx.
func (t *Tx) GetDataset(ctx context.Context, commissionID, id string) (_ *evaluation.Dataset, err error) {
	defer wrap(&err, "GetDataset(%s)", id)
	const q = `SELECT ` + datasetColumns + ` FROM datasets WHERE id = $1 AND commission_id = $2`
	return getRow(ctx, t, dbDataset.toDataset, q, id, commissionID)
}

// ListDatasets implements evaluation.Tx.
func (t *Tx) ListDatasets(ctx context.Context, commissionID string) (_ []evaluation.Dataset, err error) {
	defer wrap(&err, "ListDatasets(%s)", commissionID)
	const q = `SELECT ` + datasetColumns + ` FROM datasets WHERE commission_id = $1 ORDER BY number DESC`
	return selectRows(ctx, t, dbDataset.toDataset, q, commissionID)
}

const observationColumns = `row_no, indicator, unit, period, value, label, source_document, source_table,
source_location, source_quote, note`

func scanObservation(rows *sql.Rows, o *engine.Observation) error {
	var v sql.NullFloat64
	var period string
	if err := rows.Scan(&o.Row, &o.Indicator, &o.Unit, &period, &v, &o.Label, &o.Source.Document, &o.Source.Table,
		&o.Source.Location, &o.Source.Quote, &o.Note); err != nil {
		return err
	}
	o.Period = engine.Period(period)
	o.Value = nil
	if v.Valid {
		x := v.Float64
		o.Value = &x
	}
	return nil
}

// ListObservations implements evaluation.Tx.
func (t *Tx) ListObservations(ctx context.Context, datasetID string, p evaluation.Page) (_ []engine.Observation, err error) {
	defer wrap(&err, "ListObservations(%s)", datasetID)
	const q = `SELECT ` + observationColumns + ` FROM observations WHERE dataset_id = $1 ORDER BY row_no LIMIT $2 OFFSET $3`
	rows, err := t.tx.QueryContext(ctx, q, datasetID, p.Limit, p.Offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []engine.Observation{}
	for rows.Next() {
		var o engine.Observation
		if err := scanObservation(rows, &o); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// WalkObservations implements evaluation.Tx.
func (t *Tx) WalkObservations(ctx context.Context, datasetID string, fn func(*engine.Observation) error) (err error) {
	defer wrap(&err, "WalkObservations(%s)", datasetID)
	const q = `SELECT ` + observationColumns + ` FROM observations WHERE dataset_id = $1 ORDER BY row_no`
	rows, err := t.tx.QueryContext(ctx, q, datasetID)
	if err != nil {
		return err
	}
	defer rows.Close()
	var o engine.Observation
	for rows.Next() {
		if err := scanObservation(rows, &o); err != nil {
			return err
		}
		if err := fn(&o); err != nil {
			return err
		}
	}
	return rows.Err()
}

// FreezeDataset implements evaluation.Tx.
func (t *Tx) FreezeDataset(ctx context.Context, id string, at time.Time) (err error) {
	defer wrap(&err, "FreezeDataset(%s)", id)
	const q = `UPDATE datasets SET frozen = true, frozen_at = $2 WHERE id = $1 AND NOT frozen`
	_, err = t.tx.ExecContext(ctx, q, id, at)
	return err
}

// CompareDatasets implements evaluation.Tx.
func (t *Tx) CompareDatasets(ctx context.Context, fromID, toID string) (_ []evaluation.ValueChange, same int, err error) {
	defer wrap(&err, "CompareDatasets(%s, %s)", fromID, toID)
	const q = `
SELECT COALESCE(a.indicator, b.indicator), COALESCE(a.unit, b.unit), COALESCE(a.period, b.period),
       CASE WHEN a.indicator IS NULL THEN 'added' WHEN b.indicator IS NULL THEN 'removed'
            WHEN a.value IS NOT DISTINCT FROM b.value AND a.label = b.label THEN 'same' ELSE 'changed' END,
       a.value, b.value, COALESCE(a.label, ''), COALESCE(b.label, '')
FROM (SELECT * FROM observations WHERE dataset_id = $1) a
FULL OUTER JOIN (SELECT * FROM observations WHERE dataset_id = $2) b
  ON a.indicator = b.indicator AND a.unit = b.unit AND a.period = b.period
ORDER BY 1, 2, 3`
	rows, err := t.tx.QueryContext(ctx, q, fromID, toID)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []evaluation.ValueChange
	for rows.Next() {
		var c evaluation.ValueChange
		var period string
		var from, to sql.NullFloat64
		if err := rows.Scan(&c.Indicator, &c.Unit, &period, &c.Change, &from, &to, &c.FromLabel, &c.ToLabel); err != nil {
			return nil, 0, err
		}
		if c.Change == "same" {
			same++
			continue
		}
		c.Period = engine.Period(period)
		if from.Valid {
			c.From = &from.Float64
		}
		if to.Valid {
			c.To = &to.Float64
		}
		out = append(out, c)
	}
	return out, same, rows.Err()
}

// problemText gives p a catalogue message: its id and arguments, and its English text.
func problemText(p engine.Problem, m messages.Message) engine.Problem {
	p.Message, p.MessageID, p.Args = messages.For(messages.English).Render(m), string(m.ID), m.Args
	return p
}
