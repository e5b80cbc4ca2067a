// Package ingesttest builds hostile files for the tests of every path that reads uploads: XLSX
// workbooks that are small when compressed and enormous when expanded (ZIP and XML bombs), and a
// way to measure the heap while one is refused.
package ingesttest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"runtime"
	"strings"
	"sync"
	"time"
)

// Kind names a kind of bomb.
type Kind string

// The kinds of bomb. N is the size of the bomb in the kind's own unit.
const (
	HugeString Kind = "huge shared string" // one shared string of N bytes
	ManyRows   Kind = "many rows"          // N rows of one cell after a header row
	ManyCols   Kind = "many columns"       // a row of N cells after a header row
	WideRows   Kind = "wide rows"          // N rows each reaching column XFD (16,384) by reference
	DeepXML    Kind = "deep XML"           // N nested elements inside the sheet data
	ManyParts  Kind = "many parts"         // N empty parts besides the workbook's own
	HugeTag    Kind = "huge tag"           // a row whose attribute name is N bytes long
	HugeNote   Kind = "huge comment"       // an XML comment of N bytes in the sheet data
)

// Kinds lists every kind of bomb.
var Kinds = []Kind{HugeString, ManyRows, ManyCols, WideRows, DeepXML, ManyParts, HugeTag, HugeNote}

// Bomb describes a workbook to build.
type Bomb struct {
	Kind Kind
	N    int64
	// Declared, when not zero, is the uncompressed size the ZIP headers claim for the bomb part
	// (a lie: readers must count what they decompress).
	Declared uint64
}

// header is the observation header row, as inline strings.
const header = `<row r="1"><c r="A1" t="inlineStr"><is><t>indicator</t></is></c><c r="B1" t="inlineStr"><is><t>unit</t></is></c>` +
	`<c r="C1" t="inlineStr"><is><t>period</t></is></c><c r="D1" t="inlineStr"><is><t>value</t></is></c></row>`

const (
	sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetTail = `</sheetData></worksheet>`
	ssHead    = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>`
	ssTail = `</t></si></sst>`
)

// part is a ZIP part whose body is head, then unit repeated n times, then tail.
type part struct {
	name       string
	head, tail string
	unit       string
	n          int64
}

// XLSX builds the workbook. The bomb part is deflated by compressing a large run of its unit
// once and repeating the compressed blocks, so building a gigabyte bomb takes a fraction of a
// second and about a megabyte.
func (b Bomb) XLSX() []byte {
	var bomb part
	sheet := part{name: "xl/worksheets/sheet1.xml", head: sheetHead + header, tail: sheetTail}
	var ss *part
	switch b.Kind {
	case HugeString:
		sheet.head += `<row r="2"><c r="A2" t="s"><v>0</v></c></row>`
		ss = &part{name: "xl/sharedStrings.xml", head: ssHead, unit: "a", n: b.N, tail: ssTail}
		bomb = *ss
	case ManyRows:
		sheet.unit, sheet.n = `<row><c><v>1</v></c></row>`, b.N
		bomb = sheet
	case ManyCols:
		sheet.head += `<row r="2">`
		sheet.unit, sheet.n = `<c><v>1</v></c>`, b.N
		sheet.tail = `</row>` + sheetTail
		bomb = sheet
	case WideRows:
		sheet.unit, sheet.n = `<row><c r="XFD1"/></row>`, b.N
		bomb = sheet
	case DeepXML:
		// The nesting is closed again so that the XML is well-formed.
		sheet.head += `<row r="2"><c r="A2"><v>1</v></c></row>`
		sheet.unit, sheet.n = `<x>`, b.N
		sheet.tail = strings.Repeat(`</x>`, int(min(b.N, 1<<20))) + sheetTail
		if b.N > 1<<20 {
			sheet.tail = sheetTail // unclosed beyond a million: still a bomb, no longer well-formed
		}
		bomb = sheet
	case ManyParts:
		sheet.head += `<row r="2"><c r="A2"><v>1</v></c></row>`
	case HugeTag:
		sheet.head += `<row r="2" x`
		sheet.unit, sheet.n = "a", b.N
		sheet.tail = `="1"><c r="A2"><v>1</v></c></row>` + sheetTail
		bomb = sheet
	case HugeNote:
		sheet.head += `<!--`
		sheet.unit, sheet.n = "a", b.N
		sheet.tail = `--><row r="2"><c r="A2"><v>1</v></c></row>` + sheetTail
		bomb = sheet
	default:
		panic(fmt.Sprintf("ingesttest: unknown bomb kind %q", b.Kind))
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	plain := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			panic(err)
		}
		w.Write([]byte(body))
	}
	plain("[Content_Types].xml", contentTypes(ss != nil))
	plain("_rels/.rels", rootRels)
	plain("xl/workbook.xml", workbook)
	plain("xl/_rels/workbook.xml.rels", workbookRels(ss != nil))
	for _, p := range []*part{&sheet, ss} {
		if p == nil {
			continue
		}
		declared := uint64(0)
		if p.name == bomb.name {
			declared = b.Declared
		}
		p.write(zw, declared)
	}
	if b.Kind == ManyParts {
		for i := range b.N {
			// Stored, empty, no data descriptor: about 80 bytes an entry.
			if _, err := zw.CreateRaw(&zip.FileHeader{Name: fmt.Sprintf("e/%x", i), Method: zip.Store}); err != nil {
				panic(err)
			}
		}
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return out.Bytes()
}

// write adds p to zw as raw deflate data with a correct CRC-32.
func (p part) write(zw *zip.Writer, declared uint64) {
	const chunkBytes = 1 << 20
	perChunk := max(int64(1), chunkBytes/int64(len(p.unit)+1))
	if p.unit == "" {
		perChunk = 1
	}
	chunk := strings.Repeat(p.unit, int(perChunk))
	chunks, rest := p.n/perChunk, p.n%perChunk
	if p.unit == "" {
		chunks, rest = 0, 0
	}
	var body bytes.Buffer
	crc := uint32(0)
	size := uint64(0)
	piece := func(s string, final bool) []byte {
		var buf bytes.Buffer
		fw, _ := flate.NewWriter(&buf, flate.BestCompression)
		fw.Write([]byte(s))
		if final {
			fw.Close()
		} else {
			fw.Flush() // ends on a byte boundary, so pieces concatenate into one stream
		}
		return buf.Bytes()
	}
	add := func(s string, compressed []byte, times int64) {
		for range times {
			body.Write(compressed)
			crc = crc32.Update(crc, crc32.IEEETable, []byte(s))
			size += uint64(len(s))
		}
	}
	add(p.head, piece(p.head, false), 1)
	if chunks > 0 {
		add(chunk, piece(chunk, false), chunks)
	}
	if rest > 0 {
		r := strings.Repeat(p.unit, int(rest))
		add(r, piece(r, false), 1)
	}
	add(p.tail, piece(p.tail, true), 1)
	if declared == 0 {
		declared = size
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(body.Len()), UncompressedSize64: declared})
	if err != nil {
		panic(err)
	}
	w.Write(body.Bytes())
}

func contentTypes(sharedStrings bool) string {
	ss := ""
	if sharedStrings {
		ss = `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
	}
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		ss + `</Types>`
}

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
	`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
	`</Relationships>`

const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
	`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
	`<sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>`

func workbookRels(sharedStrings bool) string {
	ss := ""
	if sharedStrings {
		ss = `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
	}
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
		ss + `</Relationships>`
}

// Heap is what MeasureHeap saw.
type Heap struct {
	Peak  uint64 // the highest HeapAlloc sampled above the HeapAlloc at the start
	Alloc uint64 // bytes allocated meanwhile (TotalAlloc's growth), garbage included
}

func (h Heap) String() string {
	return fmt.Sprintf("peak heap +%.1f MiB, allocated %.1f MiB", float64(h.Peak)/(1<<20), float64(h.Alloc)/(1<<20))
}

// MeasureHeap runs f while a goroutine samples the heap every millisecond. The sampling misses
// garbage made and collected between two samples; Alloc counts it.
func MeasureHeap(f func()) Heap {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, total := ms.HeapAlloc, ms.TotalAlloc
	var peak uint64
	var mu sync.Mutex
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		mu.Lock()
		if ms.HeapAlloc > base && ms.HeapAlloc-base > peak {
			peak = ms.HeapAlloc - base
		}
		mu.Unlock()
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				sample()
			}
		}
	}()
	f()
	close(done)
	wg.Wait()
	sample()
	runtime.ReadMemStats(&ms)
	return Heap{Peak: peak, Alloc: ms.TotalAlloc - total}
}
