package ingest

import (
	"io"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

// Codec implements evaluation.Codec with this package's readers and writers.
type Codec struct {
	// TempDir is where XLSX uploads are spooled; empty uses os.TempDir.
	TempDir string
	// Limits bound every XLSX read (see Limits); zero fields take DefaultLimits.
	Limits Limits
}

var _ evaluation.Codec = Codec{}

func (c Codec) options(o evaluation.FileOptions) Options {
	return Options{Format: Format(o.Format), FileName: o.FileName, Encoding: o.Encoding, Sheet: o.Sheet, TempDir: c.TempDir, Limits: c.Limits}
}

func summary(s Summary) evaluation.FileSummary {
	return evaluation.FileSummary{Format: string(s.Format), Encoding: s.Encoding, Sheet: s.Sheet, Rows: s.Rows,
		Valid: s.Valid, BlankRows: s.BlankRows, Bytes: s.Bytes, SHA256: s.SHA256}
}

// ReadObservations implements evaluation.Codec.
func (c Codec) ReadObservations(r io.Reader, opts evaluation.FileOptions, f *engine.Framework, units []string, emit func(engine.Observation) error) (evaluation.FileSummary, error) {
	s, err := ReadObservations(r, c.options(opts), NewSchema(f, units), emit)
	return summary(s), err
}

// ReadFramework implements evaluation.Codec. planStart and planEnd apply to CSV and XLSX files
// (JSON carries its own period).
func (c Codec) ReadFramework(r io.Reader, opts evaluation.FileOptions, planStart, planEnd int) (*engine.Framework, error) {
	o := c.options(opts)
	o.PlanStart, o.PlanEnd = planStart, planEnd
	f, _, err := ReadFramework(r, o)
	return f, err
}

// WriteFramework implements evaluation.Codec.
func (c Codec) WriteFramework(w io.Writer, f *engine.Framework, format string) error {
	return WriteFramework(w, f, Format(format))
}

// NewObservationWriter implements evaluation.Codec.
func (c Codec) NewObservationWriter(w io.Writer, format string) (evaluation.ObservationWriter, error) {
	return NewObservationWriter(w, Format(format))
}
