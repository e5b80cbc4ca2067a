package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// table is a sheet of cells read row by row: a CSV file or an XLSX worksheet.
type table interface {
	// next returns the next record, with the 1-based row number a spreadsheet shows. The cells
	// are valid until the following call. A *rowProblem error reports a record that could not
	// be read; reading may continue. io.EOF ends the table; any other error is fatal.
	next() (row int, cells []string, err error)
	// column names the column at index i (0-based) whose header reads header, for problems.
	column(i int, header string) string
}

// rowProblem is a defect of one record that does not stop the reading.
type rowProblem struct {
	row    int
	col    int // -1 when the whole record is concerned
	value  string
	reason string
}

func (p *rowProblem) Error() string { return fmt.Sprintf("row %d: %s", p.row, p.reason) }

// csvTable reads CSV records, tracking spreadsheet rows: a record that holds line breaks inside
// quoted fields is still one row.
type csvTable struct {
	r       *csv.Reader
	dec     *textDecoder
	inner   int // line breaks inside quoted fields so far
	lastEnd int // physical line on which the previous record ended
	blank   int // empty lines between records (encoding/csv skips them)
}

// newCSVTable sets up decoding and the CSV reader. format is csv or tsv; a csv file whose first
// line holds tabs and no commas is read as tab-separated. A non-empty message is a file problem.
func newCSVTable(br *bufio.Reader, format Format, encoding string) (*csvTable, Format, string, error) {
	dec, msg, err := newTextDecoder(br, encoding)
	if msg != "" || err != nil {
		return nil, format, msg, err
	}
	text := bufio.NewReaderSize(dec, bufferSize)
	if format == FormatCSV {
		head, err := text.Peek(bufferSize)
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return nil, format, "", fmt.Errorf("ingest: reading input: %w", err)
		}
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			head = head[:i]
		}
		if bytes.IndexByte(head, '\t') >= 0 && bytes.IndexByte(head, ',') < 0 {
			format = FormatTSV
		}
	}
	r := csv.NewReader(text)
	if format == FormatTSV {
		r.Comma = '\t'
	}
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	return &csvTable{r: r, dec: dec}, format, "", nil
}

func (t *csvTable) next() (int, []string, error) {
	rec, err := t.r.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			row := pe.StartLine - t.inner
			t.lastEnd = pe.Line
			return row, nil, &rowProblem{row: row, col: -1, reason: csvReason(pe)}
		}
		return 0, nil, err
	}
	line, _ := t.r.FieldPos(0)
	if t.lastEnd > 0 && line > t.lastEnd+1 {
		t.blank += line - t.lastEnd - 1
	}
	row := line - t.inner
	nl := 0
	for _, f := range rec {
		if strings.IndexByte(f, '\n') >= 0 {
			nl += strings.Count(f, "\n")
		}
	}
	t.inner += nl
	t.lastEnd = line + nl
	for i, f := range rec {
		if t.dec.lenient {
			if strings.ContainsRune(f, utf8.RuneError) {
				return row, nil, &rowProblem{row: row, col: i, value: clip(f), reason: fmt.Sprintf("bytes that are not valid %s (shown as �)", t.dec.encoding())}
			}
		} else if !utf8.ValidString(f) {
			return row, nil, &rowProblem{row: row, col: i, value: clip(strings.ToValidUTF8(f, "�")), reason: "invalid UTF-8 (if the file is GBK, declare the encoding gb18030)"}
		}
	}
	return row, rec, nil
}

func (t *csvTable) column(_ int, header string) string { return header }

func csvReason(pe *csv.ParseError) string {
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return `a quote " inside an unquoted field; quote the whole field and double the inner quotes ("a ""b"" c")`
	case errors.Is(pe.Err, csv.ErrQuote):
		return `a quoted field is not closed, or text follows its closing quote`
	default:
		return pe.Err.Error()
	}
}

// isBlankRecord reports whether every cell is white space.
func isBlankRecord(cells []string) bool {
	for _, c := range cells {
		if strings.TrimLeftFunc(c, isBlankRune) != "" {
			return false
		}
	}
	return true
}

// headerKey normalises a column heading: width, case, spaces and hyphens do not matter.
func headerKey(h string) string {
	h = strings.ToLower(clean(h))
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return '_'
		}
		return r
	}, h)
}
