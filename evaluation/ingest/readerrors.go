package ingest

import (
	"archive/zip"
	"compress/flate"
	"encoding/xml"
	"errors"
	"io"

	"github.com/xuri/excelize/v2"

	"evalbench/messages"
)

// zipReason says why part of a workbook's ZIP archive (part "" for the archive as a whole) cannot
// be read, for the catalogued message that quotes it (ingest.xlsx_unreadable): not a ZIP archive,
// a failed checksum, an unsupported compression method, damaged compressed data, XML the scanner
// cannot follow. Any other error is quoted as its text, with the part.
func zipReason(err error, part string) any {
	var xd *xmlDefect
	var ce flate.CorruptInputError
	switch {
	case errors.As(err, &xd):
		return newMsg(xd.id, "part", part)
	case errors.Is(err, errXML):
		return newMsg(messages.XLSXReasonXML, "part", part)
	case errors.Is(err, zip.ErrFormat):
		return newMsg(messages.XLSXReasonNotZip)
	case part == "":
	case errors.Is(err, zip.ErrChecksum):
		return newMsg(messages.XLSXReasonChecksum, "part", part)
	case errors.Is(err, zip.ErrAlgorithm):
		return newMsg(messages.XLSXReasonAlgorithm, "part", part)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.As(err, &ce):
		return newMsg(messages.XLSXReasonCorrupt, "part", part)
	default:
		return newMsg(messages.XLSXReasonPart, "part", part, "error", err.Error())
	}
	return err.Error()
}

// workbookReason says why excelize cannot open a workbook or read its sheet (after checkWorkbook
// has read every part once, so ZIP damage is rare here): not a ZIP archive, no workbook in the
// archive, malformed XML with its line. Any other error is quoted as its text.
func workbookReason(err error) any {
	var se *xml.SyntaxError
	switch {
	case errors.Is(err, zip.ErrFormat):
		return newMsg(messages.XLSXReasonNotZip)
	case errors.Is(err, excelize.ErrWorkbookFileFormat):
		return newMsg(messages.XLSXReasonNotWorkbook)
	case errors.As(err, &se):
		return newMsg(messages.XLSXReasonXMLLine, "line", se.Line)
	}
	return err.Error()
}
