package ingest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"path/filepath"
	"strings"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// Format names a file format.
type Format string

// File formats. TSV is CSV with tab delimiters.
const (
	FormatCSV  Format = "csv"
	FormatTSV  Format = "tsv"
	FormatXLSX Format = "xlsx"
	FormatJSON Format = "json"
)

// Encodings reported in Summary.Encoding. A declared "gbk" is reported as "gbk" (it is decoded as
// GB18030, its superset); an undeclared file whose first non-ASCII bytes are not UTF-8 is reported
// as "gb18030".
const (
	EncodingUTF8    = "utf-8"
	EncodingUTF8BOM = "utf-8-bom"
	EncodingGBK     = "gbk"
	EncodingGB18030 = "gb18030"
	EncodingUTF16LE = "utf-16le"
	EncodingUTF16BE = "utf-16be"
)

// Options say how to read a file. The zero value detects everything.
type Options struct {
	// Format forces the format; when empty it comes from FileName's extension, and failing that
	// from the first bytes (PK\x03\x04 → xlsx, '[' or '{' → json, anything else → csv).
	Format Format
	// FileName is the name the file was uploaded with; only its extension is used.
	FileName string
	// Encoding declares a CSV file's encoding: "utf-8", "gbk" or "gb18030" (also "gb2312",
	// "cp936"). Empty detects it (see the package documentation).
	Encoding string
	// Sheet names the XLSX worksheet to read; empty takes the first sheet.
	Sheet string
	// TempDir is where an XLSX upload is spooled (in a private directory, removed afterwards) so
	// that it can be read without holding it in memory; empty uses os.TempDir.
	TempDir string
	// Limits bound the memory and CPU an XLSX workbook may take (against ZIP and XML bombs); a
	// workbook over one is a problem of the file naming the limit. Zero fields take
	// DefaultLimits.
	Limits Limits
	// PlanStart and PlanEnd set the plan period of a framework read from CSV or XLSX. When zero,
	// the period runs from the first to the last target_YYYY column.
	PlanStart, PlanEnd int
}

// Summary describes a file that was read.
type Summary struct {
	Format    Format `json:"format"`
	Encoding  string `json:"encoding,omitempty"` // CSV only: see the Encoding constants
	Sheet     string `json:"sheet,omitempty"`    // XLSX only: the worksheet read
	Rows      int    `json:"rows"`               // data rows read; the header and blank rows are not counted
	Valid     int    `json:"valid"`              // rows without problems, passed to emit
	BlankRows int    `json:"blank_rows"`         // entirely blank rows (and empty lines) skipped
	Bytes     int64  `json:"bytes"`              // size of the input
	SHA256    string `json:"sha256"`             // hex SHA-256 of the exact input bytes
}

// input hashes and counts every byte read from the caller's reader.
type input struct {
	h  hash.Hash
	n  int64
	br *bufio.Reader
}

type hashingReader struct {
	r  io.Reader
	in *input
}

func (h hashingReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	if n > 0 {
		h.in.h.Write(p[:n])
		h.in.n += int64(n)
	}
	if err != nil && err != io.EOF {
		err = &readError{err}
	}
	return n, err
}

// readError is a failure of the caller's reader (not a problem of the file's content).
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

const bufferSize = 64 << 10

func newInput(r io.Reader) *input {
	in := &input{h: sha256.New()}
	in.br = bufio.NewReaderSize(hashingReader{r: r, in: in}, bufferSize)
	return in
}

// finish reads whatever is left so that the digest covers the whole input.
func (in *input) finish(sum *Summary) error {
	if _, err := io.Copy(io.Discard, in.br); err != nil {
		return fmt.Errorf("ingest: reading input: %w", err)
	}
	sum.Bytes = in.n
	sum.SHA256 = hex.EncodeToString(in.h.Sum(nil))
	return nil
}

var (
	zipSignature = []byte("PK\x03\x04")
	oleSignature = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	utf8BOM      = []byte{0xEF, 0xBB, 0xBF}
)

var legacyWorkbook = newMsg(messages.IngestLegacyWorkbook)

// detectFormat chooses the format from the options, the file name and the first bytes. A
// returned message is a problem with the file, not an I/O error.
func detectFormat(opts Options, br *bufio.Reader) (Format, message, error) {
	head, err := br.Peek(512)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return "", message{}, fmt.Errorf("ingest: reading input: %w", err)
	}
	isZip := bytes.HasPrefix(head, zipSignature)
	isOLE := bytes.HasPrefix(head, oleSignature[:4])
	format, named := opts.Format, false
	if format == "" {
		named = true
		switch strings.ToLower(filepath.Ext(opts.FileName)) {
		case ".csv":
			format = FormatCSV
		case ".tsv", ".tab":
			format = FormatTSV
		case ".xlsx", ".xlsm":
			format = FormatXLSX
		case ".json":
			format = FormatJSON
		case ".xls", ".et":
			return "", legacyWorkbook, nil
		}
	}
	switch format {
	case "":
		switch {
		case isZip:
			return FormatXLSX, message{}, nil
		case isOLE:
			return "", legacyWorkbook, nil
		}
		t := bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
		if len(t) > 0 && (t[0] == '[' || t[0] == '{') {
			return FormatJSON, message{}, nil
		}
		return FormatCSV, message{}, nil
	case FormatCSV, FormatTSV, FormatJSON:
		if isZip {
			id := messages.IngestDeclaredFormatIsXLSX
			if named {
				id = messages.IngestNamedFormatIsXLSX
			}
			return "", newMsg(id, "format", string(format)), nil
		}
		if isOLE {
			return "", legacyWorkbook, nil
		}
		return format, message{}, nil
	case FormatXLSX:
		if isOLE {
			return "", legacyWorkbook, nil
		}
		if !isZip {
			id := messages.IngestDeclaredXLSXNotZip
			if named {
				id = messages.IngestNamedXLSXNotZip
			}
			return "", newMsg(id), nil
		}
		return format, message{}, nil
	default:
		return "", newMsg(messages.IngestFormatUnknown, "format", string(opts.Format)), nil
	}
}

// readFile detects the format of a file and reads it: JSON with readJSON, CSV, TSV and XLSX with
// readTable (xl is the XLSX table, or nil). It fills in the summary's format, encoding and sheet;
// a defect of the whole file is added to v.
func readFile(in *input, opts Options, v *engine.ValidationError, sum *Summary, readJSON func(*bufio.Reader) error, readTable func(t table, xl *xlsxTable) error) error {
	format, msg, err := detectFormat(opts, in.br)
	if err != nil {
		return err
	}
	if msg.ID != "" {
		fileProblem(v, msg)
		return nil
	}
	sum.Format = format
	switch format {
	case FormatJSON:
		return readJSON(in.br)
	case FormatXLSX:
		t, msg, err := openXLSX(in.br, opts)
		if err != nil {
			return err
		}
		if msg.ID != "" {
			fileProblem(v, msg)
			return nil
		}
		defer t.close()
		if msg := engine.TextProblemMessage(t.sheet); msg.ID != "" { // the sheet's name is stored with the version
			fileProblem(v, newMsg(messages.IngestSheetNameText, "reason", msg))
			return nil
		}
		sum.Sheet = t.sheet
		return readTable(t, t)
	default:
		t, format, msg, err := newCSVTable(in.br, format, opts.Encoding)
		if err != nil {
			return err
		}
		if msg.ID != "" {
			fileProblem(v, msg)
			return nil
		}
		sum.Format = format
		err = readTable(t, nil)
		sum.Encoding = t.dec.encoding()
		sum.BlankRows += t.blank
		return err
	}
}

// fileProblem makes a ValidationError for a defect of the whole file.
func fileProblem(v *engine.ValidationError, m message) {
	v.Add(problemOf(0, "", "", m))
}

// sanitize makes every problem's text valid UTF-8: messages from libraries (XML, ZIP) may quote
// bytes of a damaged file, and problems end up in JSON responses.
func sanitize(v *engine.ValidationError) {
	for i := range v.Problems {
		p := &v.Problems[i]
		p.Message = strings.ToValidUTF8(p.Message, "�")
		p.Value = strings.ToValidUTF8(p.Value, "�")
		p.Column = strings.ToValidUTF8(p.Column, "�")
		p.Field = strings.ToValidUTF8(p.Field, "�")
		sanitizeArgs(p.Args)
	}
}

// clip bounds the length of a value quoted in a problem, so that a capped list of problems stays
// small whatever the file holds.
func clip(s string) string {
	const max = 200
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}
