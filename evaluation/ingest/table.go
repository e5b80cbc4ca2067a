package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"evalbench/evaluation/engine"
	"evalbench/messages"
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

// readRows reads a table row by row. The first row that is not blank goes to header, which says
// whether the other rows can be read and returns the headings by column; every later row that is
// not blank goes to row. readRows reports records and sheets that cannot be read and a table
// without a header row, and counts rows and blank rows after the header in sum. complete says
// whether the table was read to its end; an error is an I/O error or an error from row.
func readRows(t table, v *engine.ValidationError, sum *Summary, header func(row int, cells []string) ([]string, bool), row func(row int, cells []string) error) (complete bool, err error) {
	var headers []string
	inBody := false
	for {
		n, cells, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var rp *rowProblem
			var se *sheetError
			switch {
			case errors.As(err, &rp):
				if inBody {
					sum.Rows++
				}
				col := ""
				if rp.col >= 0 && rp.col < len(headers) {
					col = t.column(rp.col, headers[rp.col])
				} else if rp.col >= 0 {
					col = t.column(rp.col, "")
				}
				addProblem(v, rp.row, col, rp.value, rp.reason)
				if !inBody {
					return false, nil // the header itself cannot be read
				}
				continue
			case errors.As(err, &se) && se.row > 0:
				addProblem(v, se.row, "", "", se.msg)
				return false, nil
			case errors.As(err, &se):
				fileProblem(v, se.msg)
				return false, nil
			}
			return false, fmt.Errorf("ingest: reading input: %w", err)
		}
		if isBlankRecord(cells) {
			if inBody {
				sum.BlankRows++
			}
			continue
		}
		if badText(t, v, n, cells, headers) {
			if !inBody {
				return false, nil // the header itself cannot be read
			}
			sum.Rows++
			continue
		}
		if !inBody {
			var ok bool
			if headers, ok = header(n, cells); !ok {
				return false, nil
			}
			inBody = true
			continue
		}
		sum.Rows++
		if err := row(n, cells); err != nil {
			return false, err
		}
	}
	if !inBody {
		fileProblem(v, newMsg(messages.IngestNoHeader))
		return false, nil
	}
	return true, nil
}

// badText reports every cell of a row that holds text evalbench cannot store (NUL, invalid UTF-8,
// control characters: engine.TextProblem), naming its row and column, and says whether there
// was one. This is the one check of file text, for every kind of table file (frameworks,
// observations, survey responses) in CSV, TSV and XLSX, dry run or not; a row that fails it is
// not read further.
func badText(t table, v *engine.ValidationError, row int, cells, headers []string) bool {
	bad := false
	for i, c := range cells {
		msg := engine.TextProblemMessage(c)
		if msg.ID == "" {
			continue
		}
		h := ""
		if i < len(headers) {
			h = headers[i]
		}
		col := t.column(i, h)
		if col == "" {
			col = strconv.Itoa(i + 1)
		}
		addProblem(v, row, col, "", newMsg(messages.IngestCellText, "reason", msg))
		bad = true
	}
	return bad
}

// rowProblem is a defect of one record that does not stop the reading.
type rowProblem struct {
	row    int
	col    int // -1 when the whole record is concerned
	value  string
	reason message
}

func (p *rowProblem) Error() string {
	return english(newMsg(messages.IngestRowProblem, "row", p.row, "reason", p.reason))
}

// csvTable reads CSV records, tracking spreadsheet rows: a record that holds line breaks inside
// quoted fields is still one row.
type csvTable struct {
	r       *csv.Reader
	dec     *textDecoder
	guard   *recordGuard
	inner   int // line breaks inside quoted fields so far
	lastEnd int // physical line on which the previous record ended
	blank   int // empty lines between records (encoding/csv skips them)
}

// newCSVTable sets up decoding and the CSV reader. format is csv or tsv; a csv file whose first
// line holds tabs and no commas is read as tab-separated. A non-empty message is a file problem.
func newCSVTable(br *bufio.Reader, format Format, encoding string) (*csvTable, Format, message, error) {
	dec, msg, err := newTextDecoder(br, encoding)
	if msg.ID != "" || err != nil {
		return nil, format, msg, err
	}
	guard := &recordGuard{r: dec}
	text := bufio.NewReaderSize(guard, bufferSize)
	if format == FormatCSV {
		head, err := text.Peek(bufferSize)
		if err != nil && !errors.Is(err, io.EOF) && err != bufio.ErrBufferFull {
			return nil, format, message{}, fmt.Errorf("ingest: reading input: %w", err)
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
	return &csvTable{r: r, dec: dec, guard: guard}, format, message{}, nil
}

// maxRecordBytes bounds one CSV record (a row, with the line breaks of its quoted cells): the CSV
// reader holds a whole record in memory, and one quote left open makes the rest of the file one
// cell. A row of evalbench's files takes a few hundred bytes; a comment, the longest cell, at
// most 4,000 characters.
const maxRecordBytes = 1 << 20

// errRecordTooLong stops the CSV reader inside a record longer than maxRecordBytes.
var errRecordTooLong = errors.New("a CSV record is longer than the limit")

// recordGuard passes the decoded text to the CSV reader (through its buffer) and fails once the
// reader has taken more than maxRecordBytes and a buffer since the end of the last record it
// returned (mark, set by csvTable.next): memory stays bounded whatever a record holds.
type recordGuard struct {
	r          io.Reader
	read, mark int64
}

func (g *recordGuard) Read(p []byte) (int, error) {
	if g.read-g.mark > maxRecordBytes+bufferSize {
		return 0, errRecordTooLong
	}
	n, err := g.r.Read(p)
	g.read += int64(n)
	return n, err
}

func (t *csvTable) next() (int, []string, error) {
	rec, err := t.r.Read()
	t.guard.mark = t.guard.read
	if errors.Is(err, errRecordTooLong) {
		return 0, nil, &sheetError{row: t.lastEnd + 1 - t.inner, msg: newMsg(messages.IngestRecordTooLong, "limit", "1 MiB")}
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			row := pe.StartLine - t.inner
			t.lastEnd = pe.Line
			return row, nil, &rowProblem{row: row, col: -1, reason: csvReason(pe, row)}
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
				return row, nil, &rowProblem{row: row, col: i, value: clip(f), reason: newMsg(messages.IngestInvalidBytes, "encoding", t.dec.encoding())}
			}
		} else if !utf8.ValidString(f) {
			return row, nil, &rowProblem{row: row, col: i, value: clip(strings.ToValidUTF8(f, "�")), reason: newMsg(messages.IngestInvalidUTF8)}
		}
	}
	return row, rec, nil
}

func (t *csvTable) column(_ int, header string) string { return header }

// csvReason says what is wrong with the record of the CSV reader's error at row: a bare quote, a
// quoted field not closed (or text after its closing quote), naming the line of the file where
// the reader found it when that is not the row's own (a quoted field spanning lines, a quote
// left open until the end of the file). The reader's column is a byte count of the decoded text,
// neither the characters a user sees nor the file's bytes when it is GBK, so it is not shown. The
// reader is set to accept any number of fields (FieldsPerRecord −1), so ErrFieldCount does not
// arise; any other error is quoted.
func csvReason(pe *csv.ParseError, row int) message {
	elsewhere := pe.Line != row
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote) && elsewhere:
		return newMsg(messages.IngestBareQuoteAt, "line", pe.Line)
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return newMsg(messages.IngestBareQuote)
	case errors.Is(pe.Err, csv.ErrQuote) && elsewhere:
		return newMsg(messages.IngestQuoteUnclosedAt, "line", pe.Line)
	case errors.Is(pe.Err, csv.ErrQuote):
		return newMsg(messages.IngestQuoteUnclosed)
	default:
		return newMsg(messages.IngestCSVError, "error", pe.Err.Error())
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
