package ingest

import (
	"bufio"
	"io"
	"strings"

	"evalbench/evaluation"
	"evalbench/messages"
)

// ReadSheet reads a CSV, TSV or XLSX table whose columns the caller interprets, such as a
// questionnaire exported by a survey tool (one row per respondent). The file is read as every
// other import reads it: the encoding detected or declared (UTF-8 with or without BOM, GBK,
// GB18030, UTF-16), XLSX bounded by opts.Limits, text checked cell by cell. header gets the
// first row that is not blank: the headings (trimmed) and how problems name each column (the
// heading in CSV, the column letter and heading in XLSX); it says whether the rows can be read.
// row gets every later row that is not blank, with its 1-based row number; an error from it
// stops the reading and is returned. JSON files are refused (a problem of the file). The
// problems of the file itself are returned as a *engine.ValidationError at the end.
func ReadSheet(r io.Reader, opts Options, header func(row int, headings, columns []string) bool, row func(row int, cells []string) error) (Summary, error) {
	var sum Summary
	in := newInput(r)
	v := newValidation(messages.IngestFileProblems)
	readJSON := func(*bufio.Reader) error {
		fileProblem(v, newMsg(messages.IngestSheetNotJSON))
		return nil
	}
	readTable := func(t table, _ *xlsxTable) error {
		hdr := func(n int, cells []string) ([]string, bool) {
			headings := make([]string, len(cells))
			cols := make([]string, len(cells))
			for i, c := range cells {
				headings[i] = strings.TrimFunc(c, isBlankRune)
				cols[i] = t.column(i, headings[i])
			}
			return headings, header(n, headings, cols)
		}
		_, err := readRows(t, v, &sum, hdr, row)
		return err
	}
	if err := readFile(in, opts, v, &sum, readJSON, readTable); err != nil {
		return sum, err
	}
	if err := in.finish(&sum); err != nil {
		return sum, err
	}
	return sum, v.Err()
}

// ReadSheet implements evaluation.SheetReader.
func (c Codec) ReadSheet(r io.Reader, opts evaluation.FileOptions, header func(row int, headings, columns []string) bool, row func(row int, cells []string) error) (evaluation.FileSummary, error) {
	sum, err := ReadSheet(r, c.options(opts), header, row)
	return summary(sum), err
}

var _ evaluation.SheetReader = Codec{}
