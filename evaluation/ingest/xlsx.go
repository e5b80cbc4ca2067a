package ingest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"evalbench/messages"
)

// xlsxTable reads one worksheet with excelize's streaming row iterator, taking raw cell values
// (the number stored in the cell, never its formatted display text). A second iterator over the
// same sheet, advanced only when needed, shows a cell's display text: it tells a TRUE/FALSE
// cell (stored as 1/0) from a number and explains a date typed into the period column.
type xlsxTable struct {
	f        *excelize.File
	dir      string
	path     string
	sheet    string
	rows     *excelize.Rows
	n        int
	shown    *excelize.Rows
	shownAt  int
	shownRow int
	shownVal []string
	letters  []string
}

// openXLSX spools the workbook to a private temporary directory (excelize then keeps large
// worksheets on disk instead of in memory, in the same directory) and opens the chosen sheet. The
// directory is removed on close whatever excelize left in it: excelize does not remove the parts
// it extracted when it then fails to open a damaged file. A non-empty message is a file problem.
func openXLSX(br *bufio.Reader, opts Options) (*xlsxTable, message, error) {
	dir, err := os.MkdirTemp(opts.TempDir, "evalbench-ingest-")
	if err != nil {
		return nil, message{}, fmt.Errorf("ingest: spooling workbook: %w", err)
	}
	t := &xlsxTable{dir: dir, path: filepath.Join(dir, "upload.xlsx")}
	tmp, err := os.Create(t.path)
	if err == nil {
		_, err = io.Copy(tmp, br)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		t.close()
		return nil, message{}, fmt.Errorf("ingest: spooling workbook: %w", err)
	}
	msg, err := t.open(opts)
	if msg.ID != "" || err != nil {
		t.close()
		return nil, msg, err
	}
	return t, message{}, nil
}

func (t *xlsxTable) open(opts Options) (msg message, err error) {
	defer func() {
		// excelize is not hardened against every malformed workbook; a panic on a hostile upload
		// must become a rejected file, not a crashed server.
		if r := recover(); r != nil {
			msg, err = newMsg(messages.IngestXLSXPanic, "error", fmt.Sprint(r)), nil
		}
	}()
	lim := opts.Limits.withDefaults()
	// excelize reads the shared-string table and every part but the worksheets wholly into
	// memory, and trusts the sizes ZIP headers declare: check the limits first, streaming.
	if msg, err := checkWorkbook(t.path, lim); msg.ID != "" || err != nil {
		var le *LimitError
		if errors.As(err, &le) {
			return le.message(), nil
		}
		return msg, err
	}
	t.f, err = excelize.OpenFile(t.path, excelize.Options{RawCellValue: true, TmpDir: t.dir,
		UnzipSizeLimit: lim.Unzipped, UnzipXMLSizeLimit: min(lim.Unzipped, lim.PartBytes, excelize.StreamChunkSize)})
	if err != nil {
		return newMsg(messages.IngestXLSXUnreadable, "error", workbookReason(err)), nil
	}
	sheets := t.f.GetSheetList()
	if len(sheets) == 0 {
		return newMsg(messages.IngestXLSXNoWorksheet), nil
	}
	t.sheet = sheets[0]
	if opts.Sheet != "" {
		if !slices.Contains(sheets, opts.Sheet) {
			return newMsg(messages.IngestXLSXSheetMissing, "sheet", opts.Sheet, "sheets", quoteList(sheets)), nil
		}
		t.sheet = opts.Sheet
	}
	t.rows, err = t.f.Rows(t.sheet)
	if err != nil {
		return newMsg(messages.IngestXLSXSheetUnreadable, "sheet", t.sheet, "error", workbookReason(err)), nil
	}
	return message{}, nil
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}

func (t *xlsxTable) close() {
	if t.rows != nil {
		t.rows.Close()
	}
	if t.shown != nil {
		t.shown.Close()
	}
	if t.f != nil {
		t.f.Close()
	}
	os.RemoveAll(t.dir)
}

func (t *xlsxTable) next() (row int, cells []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			row, cells, err = t.n, nil, &rowProblem{row: t.n, col: -1, reason: newMsg(messages.IngestRowUnreadable, "error", fmt.Sprint(r))}
		}
	}()
	if !t.rows.Next() {
		if err := t.rows.Error(); err != nil {
			return t.n, nil, &sheetError{msg: newMsg(messages.IngestXLSXSheetUnreadableAfter, "sheet", t.sheet, "row", t.n, "error", workbookReason(err))}
		}
		return 0, nil, io.EOF
	}
	t.n++
	cells, err = t.rows.Columns()
	if err != nil {
		return t.n, nil, &rowProblem{row: t.n, col: -1, reason: newMsg(messages.IngestRowUnreadable, "error", workbookReason(err))}
	}
	return t.n, cells, nil
}

// sheetError is a defect of the worksheet that stops the reading.
// sheetError is a defect that stops the reading of a table: of the whole file, or (row > 0) found
// at a row.
type sheetError struct {
	row int
	msg message
}

func (e *sheetError) Error() string { return english(e.msg) }

func (t *xlsxTable) column(i int, header string) string {
	for len(t.letters) <= i {
		name, _ := excelize.ColumnNumberToName(len(t.letters) + 1)
		t.letters = append(t.letters, name)
	}
	if header == "" {
		return t.letters[i]
	}
	return t.letters[i] + " (" + header + ")"
}

// shownText returns the display text of cell i of row (the current row), or "" when it cannot be
// had.
func (t *xlsxTable) shownText(row, i int) (s string) {
	defer func() {
		if recover() != nil {
			s = ""
		}
	}()
	if t.shownRow != row {
		if t.shown == nil {
			var err error
			if t.shown, err = t.f.Rows(t.sheet); err != nil {
				return ""
			}
		}
		if t.shownAt >= row {
			return ""
		}
		for t.shownAt < row {
			if !t.shown.Next() {
				return ""
			}
			t.shownAt++
		}
		t.shownVal, _ = t.shown.Columns(excelize.Options{})
		t.shownRow = row
	}
	if i < len(t.shownVal) {
		return t.shownVal[i]
	}
	return ""
}
