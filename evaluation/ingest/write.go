package ingest

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"strconv"

	"github.com/xuri/excelize/v2"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// ObservationWriter writes observations one at a time, in a file that ReadObservations reads
// back to the same observations (Row aside). Close flushes what is buffered; it does not close
// the underlying writer.
//
// The round trip holds for text that is valid UTF-8 without surrounding white space (the reader
// trims it), without carriage returns (CSV and XML turn CR LF into LF) and, for XLSX, without
// control characters other than tab and line feed and at most 32,767 characters per cell.
type ObservationWriter interface {
	Write(o engine.Observation) error
	Close() error
}

// unknownWriteFormat refuses to write a format other than csv, tsv, xlsx or json, naming the
// request's field "format".
func unknownWriteFormat(format Format) error {
	return engine.Invalid("format", messages.IngestFormatUnknown, "format", string(format))
}

// NewObservationWriter returns a writer for format csv, tsv, xlsx or json. CSV and TSV start with
// a UTF-8 byte-order mark so that Excel shows Chinese text correctly; JSON is
// {"observations": [...]}; XLSX has one sheet named "observations" with numbers as numeric cells.
func NewObservationWriter(w io.Writer, format Format) (ObservationWriter, error) {
	switch format {
	case FormatCSV, FormatTSV:
		bw := bufio.NewWriter(w)
		if _, err := bw.Write(utf8BOM); err != nil {
			return nil, err
		}
		cw := csv.NewWriter(bw)
		if format == FormatTSV {
			cw.Comma = '\t'
		}
		ow := &csvObservationWriter{bw: bw, cw: cw, rec: make([]string, numFields)}
		if err := cw.Write(ObservationColumns); err != nil {
			return nil, err
		}
		return ow, nil
	case FormatJSON:
		bw := bufio.NewWriter(w)
		if _, err := bw.WriteString(`{"observations": [`); err != nil {
			return nil, err
		}
		return &jsonObservationWriter{bw: bw}, nil
	case FormatXLSX:
		f := excelize.NewFile()
		if err := f.SetSheetName("Sheet1", "observations"); err != nil {
			return nil, err
		}
		sw, err := f.NewStreamWriter("observations")
		if err != nil {
			f.Close()
			return nil, err
		}
		header := make([]any, len(ObservationColumns))
		for i, c := range ObservationColumns {
			header[i] = c
		}
		if err := sw.SetRow("A1", header); err != nil {
			f.Close()
			return nil, err
		}
		return &xlsxObservationWriter{w: w, f: f, sw: sw, row: 1, cells: make([]any, numFields)}, nil
	}
	return nil, unknownWriteFormat(format)
}

// WriteObservationsCSV writes observations as CSV (with a UTF-8 byte-order mark) in the column
// order of ObservationColumns. A qualitative observation's value cell holds its label; a missing
// value is an empty cell.
func WriteObservationsCSV(w io.Writer, obs []engine.Observation) error {
	ow, err := NewObservationWriter(w, FormatCSV)
	if err != nil {
		return err
	}
	for _, o := range obs {
		if err := ow.Write(o); err != nil {
			return err
		}
	}
	return ow.Close()
}

func valueCell(o engine.Observation) string {
	switch {
	case o.Label != "":
		return o.Label
	case o.Value != nil:
		return formatNumber(*o.Value)
	}
	return ""
}

type csvObservationWriter struct {
	bw  *bufio.Writer
	cw  *csv.Writer
	rec []string
}

func (c *csvObservationWriter) Write(o engine.Observation) error {
	c.rec[fIndicator] = o.Indicator
	c.rec[fUnit] = o.Unit
	c.rec[fPeriod] = string(o.Period)
	c.rec[fValue] = valueCell(o)
	c.rec[fSourceDocument] = o.Source.Document
	c.rec[fSourceTable] = o.Source.Table
	c.rec[fSourceLocation] = o.Source.Location
	c.rec[fSourceQuote] = o.Source.Quote
	c.rec[fNote] = o.Note
	return c.cw.Write(c.rec)
}

func (c *csvObservationWriter) Close() error {
	c.cw.Flush()
	if err := c.cw.Error(); err != nil {
		return err
	}
	return c.bw.Flush()
}

type jsonObservationWriter struct {
	bw *bufio.Writer
	n  int
}

func (j *jsonObservationWriter) Write(o engine.Observation) error {
	o.Row = 0
	b, err := json.Marshal(o)
	if err != nil {
		return err
	}
	if j.n > 0 {
		j.bw.WriteByte(',')
	}
	j.n++
	j.bw.WriteString("\n  ")
	_, err = j.bw.Write(b)
	return err
}

func (j *jsonObservationWriter) Close() error {
	j.bw.WriteString("\n]}\n")
	return j.bw.Flush()
}

type xlsxObservationWriter struct {
	w     io.Writer
	f     *excelize.File
	sw    *excelize.StreamWriter
	row   int
	cells []any
}

func (x *xlsxObservationWriter) Write(o engine.Observation) error {
	x.row++
	x.cells[fIndicator] = o.Indicator
	x.cells[fUnit] = o.Unit
	x.cells[fPeriod] = string(o.Period)
	switch {
	case o.Label != "":
		x.cells[fValue] = o.Label
	case o.Value != nil:
		x.cells[fValue] = xlsxNumber(*o.Value)
	default:
		x.cells[fValue] = nil
	}
	x.cells[fSourceDocument] = o.Source.Document
	x.cells[fSourceTable] = o.Source.Table
	x.cells[fSourceLocation] = o.Source.Location
	x.cells[fSourceQuote] = o.Source.Quote
	x.cells[fNote] = o.Note
	cell, err := excelize.CoordinatesToCellName(1, x.row)
	if err != nil {
		return err
	}
	return x.sw.SetRow(cell, x.cells)
}

func (x *xlsxObservationWriter) Close() error {
	err := x.sw.Flush()
	if err == nil {
		err = x.f.Write(x.w)
	}
	return errors.Join(err, x.f.Close())
}

// GenerateObservationsCSV writes a synthetic observation CSV of the given number of data rows,
// for benchmarks and load tests: each row picks an indicator, a unit and a period from the lists
// (they must be non-empty and valid codes and periods) and a value with two decimals; one row in
// fifty is a missing value ("—"), and rows carry a source document and location. The same
// arguments always give the same bytes. The indicators must be numeric (not qualitative).
func GenerateObservationsCSV(w io.Writer, indicators, units, periods []string, rows int, seed uint64) error {
	if len(indicators) == 0 || len(units) == 0 || len(periods) == 0 {
		return errors.New("ingest: GenerateObservationsCSV needs at least one indicator, unit and period")
	}
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	bw := bufio.NewWriterSize(w, 256<<10)
	bw.WriteString("indicator,unit,period,value,source_document,source_location,note\n")
	var line []byte
	for i := range rows {
		line = line[:0]
		line = append(line, indicators[rng.IntN(len(indicators))]...)
		line = append(line, ',')
		line = append(line, units[rng.IntN(len(units))]...)
		line = append(line, ',')
		line = append(line, periods[rng.IntN(len(periods))]...)
		line = append(line, ',')
		if rng.IntN(50) == 0 {
			line = append(line, "—"...)
		} else {
			line = strconv.AppendFloat(line, float64(rng.IntN(10_000_000))/100, 'f', 2, 64)
		}
		line = append(line, ",统计年鉴,p."...)
		line = strconv.AppendInt(line, int64(i%400+1), 10)
		line = append(line, ',')
		if i%10 == 0 {
			line = append(line, "快报数"...)
		}
		line = append(line, '\n')
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// xlsxNumber returns x as a numeric cell value when excelize writes it exactly (it keeps 15
// significant digits, as Excel shows), and otherwise as the text of its exact shortest
// representation, which the readers parse back to x.
func xlsxNumber(x float64) any {
	digits := 0
	for _, c := range strconv.FormatFloat(x, 'e', -1, 64) {
		if c == 'e' {
			break
		}
		if c >= '0' && c <= '9' {
			digits++
		}
	}
	if digits <= 15 {
		return x
	}
	return formatNumber(x)
}
