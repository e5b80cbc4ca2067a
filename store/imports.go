package store

import (
	"context"
	"time"

	"github.com/lib/pq"

	"evalbench/evaluation"
)

// dbFileVersion is the part of a dataset or response-import row that describes the imported file.
type dbFileVersion struct {
	Number       int       `db:"number"`
	SHA256       string    `db:"sha256"`
	FileName     string    `db:"file_name"`
	Format       string    `db:"format"`
	Encoding     string    `db:"encoding"`
	Sheet        string    `db:"sheet"`
	ImporterName string    `db:"importer_name"`
	ImportedAt   time.Time `db:"imported_at"`
	RowCount     int       `db:"row_count"`
}

func (r dbFileVersion) toFileVersion() evaluation.FileVersion {
	return evaluation.FileVersion{Number: r.Number, SHA256: r.SHA256, FileName: r.FileName, Format: r.Format,
		Encoding: r.Encoding, Sheet: r.Sheet, Importer: r.ImporterName, ImportedAt: r.ImportedAt.UTC(), Rows: r.RowCount}
}

// eachRepeat runs q, whose rows are groups of stored rows that share a key: the key's columns,
// then the rows' numbers in order (array_agg(row_no ORDER BY row_no)). It calls fn for every row
// of a group after the first, with the key and the first row's number.
func (t *Tx) eachRepeat(ctx context.Context, q string, args []any, fn func(key []string, first, row int64)) error {
	rows, err := t.tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	key := make([]string, len(cols)-1)
	dst := make([]any, len(cols))
	for i := range key {
		dst[i] = &key[i]
	}
	var rowNos pq.Int64Array
	dst[len(key)] = &rowNos
	for rows.Next() {
		if err := rows.Scan(dst...); err != nil {
			return err
		}
		for _, r := range rowNos[1:] {
			fn(key, rowNos[0], r)
		}
	}
	return rows.Err()
}
