package ingest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"evalbench/messages"
)

// Limits bound what reading one XLSX workbook may cost in memory and CPU. A workbook is a ZIP of
// XML parts that compresses by a factor of a thousand or more, and excelize holds some parts
// (the shared-string table, styles, the workbook) wholly in memory: without bounds a 1 MB upload
// holding one 1 GiB shared string takes gigabytes, and a 4 MB sheet of 6.8 million rows minutes of
// CPU. Every limit is checked by checkWorkbook, which streams each part once through a small
// scanner before excelize opens the file, so a workbook over a limit is refused while memory stays
// flat. A zero field takes its value from DefaultLimits.
//
// The defaults are Excel's own limits where Excel has one (1,048,576 rows, 16,384 columns, 32,767
// characters in a cell), so no workbook Excel or WPS saves is refused for its shape; the byte
// limits leave room for a full sheet of observations.
type Limits struct {
	// Unzipped bounds the decompressed size of all parts together.
	Unzipped int64
	// PartBytes bounds the decompressed size of one part excelize holds in memory: every part
	// but the worksheets (the shared-string table, styles, workbook, relationships, media).
	PartBytes int64
	// SheetBytes bounds the decompressed size of one worksheet part; excelize streams worksheets
	// from disk, so this bounds CPU and disk rather than memory.
	SheetBytes int64
	// Parts bounds the number of parts (ZIP entries).
	Parts int
	// Rows bounds the rows of one worksheet, counting rows its row numbers skip (a reader yields
	// them as blank rows).
	Rows int
	// Columns bounds the width of one row, counting cells its cell references skip.
	Columns int
	// Cells bounds the cells of one worksheet: the sum of its rows' widths.
	Cells int
	// SharedStrings bounds the number of strings in the shared-string table.
	SharedStrings int
	// StringChars bounds the characters of one string: a shared string (all its runs), an inline
	// string, any other text of any part, and any attribute value.
	StringChars int
	// XMLDepth bounds the nesting of elements in any XML part.
	XMLDepth int
	// TagBytes bounds the bytes of one tag: its name and attributes. An XML reader holds a whole
	// tag (names and values) in memory at once.
	TagBytes int
}

// DefaultLimits returns the limits used for a zero field of Limits.
//
//   - Unzipped 2 GiB: about four times a full sheet of 1,048,576 observation rows.
//   - PartBytes 64 MiB: a shared-string table of 1,048,576 distinct strings of 40 bytes is about
//     56 MiB; excelize needs a few times a part's size to hold it decoded.
//   - SheetBytes 1 GiB: a full sheet of observations is about 500 MiB of XML.
//   - Parts 10,000: workbooks Office writes have tens to hundreds of parts.
//   - Rows 1,048,576, Columns 16,384, StringChars 32,767: Excel's limits.
//   - Cells 16,777,216: a full sheet sixteen columns wide; observation files have about ten
//     columns, and a reader spends about a microsecond a cell.
//   - SharedStrings 1,048,576: one distinct string in every row of a full sheet.
//   - XMLDepth 256: Office nests elements about twenty deep; an XML reader keeps a stack entry per
//     open element, so depth is memory.
//   - TagBytes 1 MiB: Office's longest tags, root elements declaring namespaces, are about a
//     kilobyte; an attribute value of 32,767 characters is at most 128 KiB.
func DefaultLimits() Limits {
	return Limits{
		Unzipped:      2 << 30,
		PartBytes:     64 << 20,
		SheetBytes:    1 << 30,
		Parts:         10_000,
		Rows:          1 << 20,
		Columns:       1 << 14,
		Cells:         1 << 24,
		SharedStrings: 1 << 20,
		StringChars:   32_767,
		XMLDepth:      256,
		TagBytes:      1 << 20,
	}
}

// withDefaults fills zero fields from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	set := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	set64 := func(v *int64, def int64) {
		if *v <= 0 {
			*v = def
		}
	}
	set64(&l.Unzipped, d.Unzipped)
	set64(&l.PartBytes, d.PartBytes)
	set64(&l.SheetBytes, d.SheetBytes)
	set(&l.Parts, d.Parts)
	set(&l.Rows, d.Rows)
	set(&l.Columns, d.Columns)
	set(&l.Cells, d.Cells)
	set(&l.SharedStrings, d.SharedStrings)
	set(&l.StringChars, d.StringChars)
	set(&l.XMLDepth, d.XMLDepth)
	set(&l.TagBytes, d.TagBytes)
	return l
}

// Names of the limits, as LimitError reports them and the documentation lists them.
const (
	LimitUnzipped      = "xlsx_unzipped_bytes"
	LimitPartBytes     = "xlsx_part_bytes"
	LimitSheetBytes    = "xlsx_sheet_bytes"
	LimitParts         = "xlsx_parts"
	LimitRows          = "xlsx_rows"
	LimitColumns       = "xlsx_columns"
	LimitCells         = "xlsx_cells"
	LimitSharedStrings = "xlsx_shared_strings"
	LimitStringChars   = "xlsx_string_chars"
	LimitXMLDepth      = "xlsx_xml_depth"
	LimitTagBytes      = "xlsx_tag_bytes"
)

// LimitError says that a workbook exceeds one of its Limits. Readers report it as a problem of
// the whole file (a *engine.ValidationError), whose message is Error().
type LimitError struct {
	Limit string           // one of the Limit… names
	Max   int64            // the limit's value
	Part  string           // the ZIP part where it was exceeded, "" for the archive as a whole
	What  messages.Message // what exceeded it (an ingest.limit.* message)
}

func (e *LimitError) Error() string { return english(e.message()) }

// message is the problem of the file that reports the limit.
func (e *LimitError) message() message {
	var part any = e.Part
	if e.Part == "" {
		part = newMsg(messages.IngestLimitArchive)
	}
	return newMsg(messages.IngestWorkbookLimit, "limit", e.Limit, "max", e.Max, "part", part, "what", e.What)
}

// checkWorkbook streams every part of the ZIP at path through the scanner and returns a
// *LimitError for the first limit exceeded, or a non-empty message when the file is not a
// readable workbook. It trusts no size a ZIP header declares: it counts the bytes it
// decompresses. Memory stays at a few buffers whatever the file holds.
func checkWorkbook(path string, lim Limits) (msg message, err error) {
	// archive/zip allocates a File for every entry of the central directory before anything can
	// be checked: count the entries first.
	if n, err := zipEntries(path, lim.Parts); err != nil {
		return message{}, fmt.Errorf("ingest: checking workbook: %w", err)
	} else if n > lim.Parts {
		return message{}, &LimitError{LimitParts, int64(lim.Parts), "", newMsg(messages.IngestLimitPartsMore)}
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return newMsg(messages.IngestXLSXUnreadable, "error", zipReason(err, "")), nil
	}
	defer zr.Close()
	if len(zr.File) > lim.Parts {
		return message{}, &LimitError{LimitParts, int64(lim.Parts), "", newMsg(messages.IngestLimitParts, "count", len(zr.File))}
	}
	var total int64
	br := bufio.NewReaderSize(nil, 32<<10)
	for _, f := range zr.File {
		// A directory entry is read like any other (excelize would load its bytes, if any).
		name := strings.ReplaceAll(f.Name, "\\", "/")
		lower := strings.ToLower(name)
		// excelize streams the parts it names xl/worksheets/sheet*.xml from disk and holds every
		// other part in memory.
		kind, limName, max := partOther, LimitPartBytes, lim.PartBytes
		switch {
		case strings.HasPrefix(lower, "xl/worksheets/sheet"):
			kind, limName, max = partSheet, LimitSheetBytes, lim.SheetBytes
		case lower == "xl/sharedstrings.xml":
			kind = partSharedStrings
		}
		if r := lim.Unzipped - total; r < max {
			limName, max = LimitUnzipped, r
		}
		declared := f.UncompressedSize64
		if declared > uint64(max) {
			// excelize allocates a part's declared size before reading it: refuse before that.
			return message{}, sizeError(limName, lim, max, name)
		}
		rc, err := f.Open()
		if err != nil {
			return newMsg(messages.IngestXLSXUnreadable, "error", zipReason(err, name)), nil
		}
		cr := &countingReader{r: io.LimitReader(rc, max+1)}
		br.Reset(cr)
		if kind != partOther || isXMLPart(lower) {
			s := xmlScanner{br: br, lim: &lim, part: name, kind: kind}
			err = s.scan()
		} else {
			_, err = io.Copy(io.Discard, br)
		}
		rc.Close()
		total += cr.n
		if cr.n > max {
			return message{}, sizeError(limName, lim, max, name)
		}
		var le *LimitError
		switch {
		case errors.As(err, &le):
			return message{}, le
		case errors.Is(err, errXML):
			return newMsg(messages.IngestXLSXUnreadable, "error", zipReason(err, name)), nil
		case err != nil:
			// A damaged ZIP entry (bad checksum, truncated data, more bytes than declared).
			return newMsg(messages.IngestXLSXUnreadable, "error", zipReason(err, name)), nil
		}
	}
	return message{}, nil
}

func sizeError(limName string, lim Limits, max int64, part string) error {
	if limName == LimitUnzipped {
		return &LimitError{LimitUnzipped, lim.Unzipped, part, newMsg(messages.IngestLimitUnzipped)}
	}
	return &LimitError{limName, max, part, newMsg(messages.IngestLimitDecompresses, "max", max)}
}

func isXMLPart(lower string) bool {
	return strings.HasSuffix(lower, ".xml") || strings.HasSuffix(lower, ".rels") || strings.HasSuffix(lower, ".vml")
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

type partKind int

const (
	partOther partKind = iota
	partSheet
	partSharedStrings
)

// element kinds the scanner tells apart; every other element is elemOther.
const (
	elemOther byte = iota
	elemRow
	elemCell
	elemSharedString // <si> of the shared-string table
	elemInlineString // <is> of a cell
)

// errXML marks XML the scanner cannot follow (excelize would fail on it too, or read it in a way
// the scanner cannot vouch for).
var errXML = errors.New("malformed XML")

// xmlDefect is the defect that made the scanner give up on a part's XML; it is errXML, and id
// is its message (which names the part).
type xmlDefect struct {
	id   messages.ID
	text string
}

func (e *xmlDefect) Error() string        { return errXML.Error() + ": " + e.text }
func (e *xmlDefect) Is(target error) bool { return target == errXML }

// The scanner's XML defects.
var (
	xmlNUL       = &xmlDefect{messages.XLSXReasonXMLNUL, "a NUL byte (the part is not UTF-8)"}
	xmlTruncated = &xmlDefect{messages.XLSXReasonXMLTruncated, "the part ends inside markup"}
	xmlDoctype   = &xmlDefect{messages.XLSXReasonXMLDoctype, "a document type declaration (not allowed in an XLSX part)"}
	xmlEndTag    = &xmlDefect{messages.XLSXReasonXMLEndTag, "an end tag without a start tag"}
)

// xmlScanner walks an XML part byte by byte, never holding more than a tag name or a cell
// reference: it counts nesting depth, the characters of every text and attribute value, and in
// worksheets rows and cells, in the shared-string table strings. It is not a validating parser:
// it follows the structure encoding/xml (and so excelize) sees, and stops at the first limit.
type xmlScanner struct {
	br   *bufio.Reader
	lim  *Limits
	part string
	kind partKind

	stack    []byte // element kinds of the open elements
	strIn    int    // depth of the open <si> or <is>, 0 when none
	strLen   int    // characters of the open <si> or <is> so far
	text     int    // characters of the current text node
	row      int    // row number of the open row
	rows     int    // rows of the sheet so far: the larger of the highest row number and the row elements
	rowElems int    // row elements so far
	col      int    // column number of the last cell of the open row
	rowCells int    // cell elements of the open row
	width    int    // width of the open row: the larger of the highest column and the cell elements
	cells    int64  // cells of the rows before the open one
	strings  int    // shared strings so far

	tag  int      // bytes of the current tag so far
	name [64]byte // the current tag's local name (truncated)
	ref  [24]byte // the current tag's r attribute (truncated)
}

func (s *xmlScanner) limit(name string, max int, what message) error {
	return &LimitError{Limit: name, Max: int64(max), Part: s.part, What: what}
}

func (s *xmlScanner) scan() error {
	for {
		b, err := s.br.ReadByte()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		switch b {
		case '<':
			s.text = 0
			if err := s.markup(); err != nil {
				return err
			}
		case 0:
			// XML forbids NUL; a NUL is the sign of a UTF-16 part, whose tags this byte scanner
			// would not see. Office writes UTF-8.
			return xmlNUL
		case '&':
			if err := s.entity(); err != nil {
				return err
			}
			if err := s.char(); err != nil {
				return err
			}
		default:
			if b&0xC0 != 0x80 { // the first byte of a character
				if err := s.char(); err != nil {
					return err
				}
			}
		}
	}
}

// char counts one character of text.
func (s *xmlScanner) char() error {
	s.text++
	if s.text > s.lim.StringChars {
		return s.limit(LimitStringChars, s.lim.StringChars, newMsg(messages.IngestLimitTextChars))
	}
	if s.strIn > 0 {
		s.strLen++
		if s.strLen > s.lim.StringChars {
			return s.limit(LimitStringChars, s.lim.StringChars, newMsg(messages.IngestLimitStringChars))
		}
	}
	return nil
}

// entity skips a character reference or entity after '&' (it is one character).
func (s *xmlScanner) entity() error {
	for range 12 {
		b, err := s.br.ReadByte()
		if err != nil {
			return s.eof(err)
		}
		if b == ';' {
			return nil
		}
		if b == '<' {
			return s.br.UnreadByte()
		}
	}
	return nil
}

func (s *xmlScanner) eof(err error) error {
	if errors.Is(err, io.EOF) {
		return xmlTruncated
	}
	return err
}

// markup reads what follows '<'.
func (s *xmlScanner) markup() error {
	b, err := s.br.ReadByte()
	if err != nil {
		return s.eof(err)
	}
	switch b {
	case '?':
		return s.skipUntil("?>", true)
	case '!':
		next, err := s.br.Peek(2)
		if err == nil && string(next) == "--" {
			return s.skipUntil("-->", true)
		}
		next, err = s.br.Peek(7)
		if err == nil && string(next) == "[CDATA[" {
			s.br.Discard(7)
			return s.cdata()
		}
		// A document type declaration: OPC forbids them in a package's parts (ECMA-376 Part 2,
		// M1.17), and their entities are what XML bombs are made of.
		return xmlDoctype
	case '/':
		if err := s.skipUntil(">", false); err != nil {
			return err
		}
		return s.end()
	default:
		if err := s.br.UnreadByte(); err != nil {
			return err
		}
		return s.start()
	}
}

// skipUntil skips past the next occurrence of end: a comment or processing instruction, whose
// characters count as text (an XML reader holds each whole), or an end tag, whose bytes count
// as a tag's.
func (s *xmlScanner) skipUntil(end string, text bool) error {
	matched := 0
	s.tag = 0
	for {
		b, err := s.br.ReadByte()
		if err != nil {
			return s.eof(err)
		}
		if text && b&0xC0 != 0x80 {
			if err := s.char(); err != nil {
				return err
			}
		} else if !text {
			if err := s.tagByte(); err != nil {
				return err
			}
		}
		switch {
		case b == end[matched]:
			matched++
			if matched == len(end) {
				return nil
			}
		case b == end[0]:
			matched = 1
		default:
			matched = 0
		}
	}
}

// cdata counts the characters of a CDATA section as text.
func (s *xmlScanner) cdata() error {
	brackets := 0
	for {
		b, err := s.br.ReadByte()
		if err != nil {
			return s.eof(err)
		}
		switch {
		case b == ']':
			brackets++
			continue
		case b == '>' && brackets >= 2:
			return nil
		}
		for range brackets {
			if err := s.char(); err != nil {
				return err
			}
		}
		brackets = 0
		if b&0xC0 != 0x80 {
			if err := s.char(); err != nil {
				return err
			}
		}
	}
}

// tagByte counts one byte of a tag.
func (s *xmlScanner) tagByte() error {
	s.tag++
	if s.tag > s.lim.TagBytes {
		return s.limit(LimitTagBytes, s.lim.TagBytes, newMsg(messages.IngestLimitTagBytes))
	}
	return nil
}

// start reads a start tag (after '<'): its name, its attributes (counting each value and keeping
// the r attribute of rows and cells) and whether it closes itself.
func (s *xmlScanner) start() error {
	s.tag = 0
	n, local := 0, 0
	var b byte
	var err error
	for {
		if b, err = s.br.ReadByte(); err != nil {
			return s.eof(err)
		}
		if err := s.tagByte(); err != nil {
			return err
		}
		if b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '/' || b == '>' {
			break
		}
		if b == 0 {
			return xmlNUL
		}
		if b == ':' {
			local, n = 0, 0
			continue
		}
		if n < len(s.name) {
			s.name[n] = b
			n++
		}
		local++
	}
	name := ""
	if local <= len(s.name) {
		name = string(s.name[:n])
	}
	parent := elemOther
	if len(s.stack) > 0 {
		parent = s.stack[len(s.stack)-1]
	}
	kind := elemOther
	switch {
	case s.kind == partSheet && name == "row":
		kind = elemRow
	case s.kind == partSheet && name == "c" && parent == elemRow:
		kind = elemCell
	case s.kind == partSheet && name == "is" && parent == elemCell:
		kind = elemInlineString
	case s.kind == partSharedStrings && name == "si" && len(s.stack) == 1:
		kind = elemSharedString
	}
	// Attributes: name="value" or name='value'. encoding/xml (and so excelize) matches an
	// attribute by its local name, so x:r is an r attribute too.
	refLen, refOK := 0, false
	var attr [2]byte
	attrLen, inName, selfClosing := 0, false, false
	for b != '>' {
		switch b {
		case '"', '\'':
			isRef := attrLen == 1 && attr[0] == 'r'
			q, chars, inEntity := b, 0, false
			for {
				if b, err = s.br.ReadByte(); err != nil {
					return s.eof(err)
				}
				if err := s.tagByte(); err != nil {
					return err
				}
				if b == q {
					break
				}
				if b == 0 {
					return xmlNUL
				}
				counts := b&0xC0 != 0x80 && !inEntity // an entity is one character
				switch {
				case inEntity && b == ';':
					inEntity = false
				case b == '&':
					inEntity = true
				}
				if counts {
					chars++
					if chars > s.lim.StringChars {
						return s.limit(LimitStringChars, s.lim.StringChars, newMsg(messages.IngestLimitAttributeChars))
					}
				}
				if isRef && refLen < len(s.ref) {
					s.ref[refLen] = b
					refLen++
				}
			}
			refOK = refOK || isRef
			attrLen, inName, selfClosing = 0, false, false
		case '/':
			inName, selfClosing = false, true
		case ' ', '\t', '\r', '\n', '=':
			inName = false
		case 0:
			return xmlNUL
		case ':':
			attrLen = 0
		default:
			if !inName {
				attrLen, inName = 0, true
			}
			if attrLen < len(attr) {
				attr[attrLen] = b
			}
			attrLen++
			selfClosing = false
		}
		if b, err = s.br.ReadByte(); err != nil {
			return s.eof(err)
		}
		if err := s.tagByte(); err != nil {
			return err
		}
	}
	if len(s.stack) >= s.lim.XMLDepth {
		return s.limit(LimitXMLDepth, s.lim.XMLDepth, newMsg(messages.IngestLimitXMLDepth))
	}
	s.stack = append(s.stack, kind)
	if err := s.open(kind, s.ref[:refLen], refOK); err != nil {
		return err
	}
	if selfClosing {
		return s.end()
	}
	return nil
}

// open counts an element that opens.
func (s *xmlScanner) open(kind byte, ref []byte, hasRef bool) error {
	switch kind {
	case elemRow:
		// A reader yields a row per row element, and blank rows for the numbers a row skips:
		// count the larger, so that neither repeated nor skipping numbers hide rows.
		s.cells += int64(s.width)
		s.width, s.col, s.rowCells = 0, 0, 0
		s.rowElems++
		n := s.row + 1
		if hasRef {
			if r, ok := number(ref); ok && r > 0 {
				n = r
			}
		}
		s.row = n
		s.rows = max(s.rows, n, s.rowElems)
		if s.rows > s.lim.Rows {
			return s.limit(LimitRows, s.lim.Rows, newMsg(messages.IngestLimitRows))
		}
	case elemCell:
		n := s.col + 1
		if hasRef {
			if c, ok := column(ref); ok {
				n = c
			}
		}
		s.col = n
		s.rowCells++
		s.width = max(s.width, n, s.rowCells)
		if s.width > s.lim.Columns {
			return s.limit(LimitColumns, s.lim.Columns, newMsg(messages.IngestLimitColumns, "row", s.row))
		}
		if s.cells+int64(s.width) > int64(s.lim.Cells) {
			return s.limit(LimitCells, s.lim.Cells, newMsg(messages.IngestLimitCells))
		}
	case elemSharedString, elemInlineString:
		if s.strIn == 0 {
			s.strIn, s.strLen = len(s.stack), 0
		}
		if kind == elemSharedString {
			s.strings++
			if s.strings > s.lim.SharedStrings {
				return s.limit(LimitSharedStrings, s.lim.SharedStrings, newMsg(messages.IngestLimitSharedStrings))
			}
		}
	}
	return nil
}

// end closes the innermost open element.
func (s *xmlScanner) end() error {
	if len(s.stack) == 0 {
		return xmlEndTag
	}
	if s.strIn == len(s.stack) {
		s.strIn = 0
	}
	s.stack = s.stack[:len(s.stack)-1]
	return nil
}

// number parses a row number; ok is false when it is not one (excelize then counts the row as
// the next one, and so does the scanner).
func number(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 10 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// column returns the column number of a cell reference such as "AB12" or "$AB$12".
func column(ref []byte) (int, bool) {
	n, letters := 0, 0
	for _, c := range ref {
		switch {
		case c == '$' && letters == 0:
		case c >= 'A' && c <= 'Z':
			n = n*26 + int(c-'A') + 1
			letters++
		case c >= 'a' && c <= 'z':
			n = n*26 + int(c-'a') + 1
			letters++
		default:
			return n, letters > 0 && letters <= 7
		}
		if letters > 7 {
			return n, true // beyond any limit already
		}
	}
	return n, letters > 0
}

// zipEntries counts the entries of the central directory of the ZIP at path, stopping after
// max+1. It walks the directory as archive/zip does (headers until one lacks the signature),
// from the offset the end record gives, or from where the directory must start when data was
// prepended. A file without an end record counts 0: archive/zip then refuses it.
func zipEntries(path string, max int) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return 0, err
	}
	size := fi.Size()
	tail := make([]byte, min(size, 22+65535))
	if _, err := f.ReadAt(tail, size-int64(len(tail))); err != nil {
		return 0, err
	}
	end := bytes.LastIndex(tail, []byte("PK\x05\x06"))
	if end < 0 || len(tail)-end < 22 {
		return 0, nil
	}
	endAt := size - int64(len(tail)) + int64(end)
	rec := tail[end:]
	dirSize, dirOffset := int64(binary.LittleEndian.Uint32(rec[12:])), int64(binary.LittleEndian.Uint32(rec[16:]))
	if end >= 20 && string(tail[end-20:end-16]) == "PK\x06\x07" { // ZIP64 end record locator
		at := int64(binary.LittleEndian.Uint64(tail[end-20+8:]))
		var z64 [56]byte
		if at >= 0 && at+56 <= size {
			if _, err := f.ReadAt(z64[:], at); err == nil && string(z64[:4]) == "PK\x06\x06" {
				dirSize, dirOffset = int64(binary.LittleEndian.Uint64(z64[40:])), int64(binary.LittleEndian.Uint64(z64[48:]))
				endAt = at
			}
		}
	}
	count := func(offset int64) int {
		if offset < 0 || offset >= size {
			return 0
		}
		r := bufio.NewReaderSize(io.NewSectionReader(f, offset, size-offset), 64<<10)
		var h [46]byte
		n := 0
		for n <= max {
			if _, err := io.ReadFull(r, h[:]); err != nil || string(h[:4]) != "PK\x01\x02" {
				break
			}
			n++
			skip := int(binary.LittleEndian.Uint16(h[28:])) + int(binary.LittleEndian.Uint16(h[30:])) + int(binary.LittleEndian.Uint16(h[32:]))
			if _, err := r.Discard(skip); err != nil {
				break
			}
		}
		return n
	}
	n := count(dirOffset)
	if n == 0 {
		n = count(endAt - dirSize)
	}
	return n, nil
}
