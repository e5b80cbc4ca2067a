package store

import (
	"time"

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
