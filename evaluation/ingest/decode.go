package ingest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"evalbench/messages"
)

// textDecoder turns the bytes of a text file into UTF-8. With no declared encoding it decides
// lazily: ASCII passes through until the first non-ASCII byte; the bytes from there (up to
// sniffWindow of them) decide between UTF-8 and GB18030, so a file whose Chinese text starts
// late is still detected correctly.
type textDecoder struct {
	br      *bufio.Reader
	enc     string    // "" until decided
	out     io.Reader // set once decided
	lenient bool      // the decoder replaces invalid bytes with U+FFFD (GB18030, UTF-16)
}

const sniffWindow = 4096

// newTextDecoder prepares decoding of br with the declared encoding (or detection when empty).
// A non-empty message is a problem with the file or the declaration.
func newTextDecoder(br *bufio.Reader, declared string) (*textDecoder, message, error) {
	d := &textDecoder{br: br}
	head, err := br.Peek(3)
	if err != nil && err != io.EOF {
		return nil, message{}, fmt.Errorf("ingest: reading input: %w", err)
	}
	bom := bytes.HasPrefix(head, utf8BOM)
	switch strings.ToLower(strings.TrimSpace(declared)) {
	case "":
		switch {
		case bom:
			br.Discard(3)
			d.decide(EncodingUTF8BOM)
		case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
			d.decide(EncodingUTF16LE)
		case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
			d.decide(EncodingUTF16BE)
		}
	case "utf-8", "utf8":
		if bom {
			br.Discard(3)
			d.decide(EncodingUTF8BOM)
		} else {
			d.decide(EncodingUTF8)
		}
	case "gbk", "cp936", "gb2312", "gb18030":
		if bom {
			return nil, newMsg(messages.IngestBOMConflict, "encoding", declared), nil
		}
		if strings.EqualFold(strings.TrimSpace(declared), "gb18030") {
			d.decide(EncodingGB18030)
		} else {
			d.decide(EncodingGBK)
		}
	default:
		return nil, newMsg(messages.IngestEncodingUnknown, "encoding", declared), nil
	}
	return d, message{}, nil
}

func (d *textDecoder) decide(enc string) {
	d.enc = enc
	switch enc {
	case EncodingGBK, EncodingGB18030:
		d.out = transform.NewReader(d.br, simplifiedchinese.GB18030.NewDecoder())
		d.lenient = true
	case EncodingUTF16LE:
		d.out = transform.NewReader(d.br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
		d.lenient = true
	case EncodingUTF16BE:
		d.out = transform.NewReader(d.br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder())
		d.lenient = true
	default:
		d.out = d.br
	}
}

// encoding reports the encoding decided so far; a file that is all ASCII is UTF-8.
func (d *textDecoder) encoding() string {
	if d.enc == "" {
		return EncodingUTF8
	}
	return d.enc
}

func (d *textDecoder) Read(p []byte) (int, error) {
	if d.out != nil {
		return d.out.Read(p)
	}
	if len(p) == 0 {
		return 0, nil
	}
	if d.br.Buffered() == 0 {
		if _, err := d.br.Peek(1); err != nil {
			return 0, err
		}
	}
	buf, _ := d.br.Peek(d.br.Buffered())
	i := 0
	for i < len(buf) && buf[i] < utf8.RuneSelf {
		i++
	}
	if i > 0 {
		n := copy(p, buf[:i])
		d.br.Discard(n)
		return n, nil
	}
	look, err := d.br.Peek(sniffWindow)
	atEOF := err != nil
	if looksUTF8(look, atEOF) {
		d.decide(EncodingUTF8)
	} else {
		d.decide(EncodingGB18030)
	}
	return d.out.Read(p)
}

// looksUTF8 decides from the first non-ASCII characters of b: the file is UTF-8 when its first
// three non-ASCII characters (or all of them, if the window holds fewer) are valid UTF-8. GBK text
// almost never forms valid UTF-8 sequences three times in a row, and a file that mixes a UTF-8
// start with GBK bytes later is read as UTF-8 so that the bad bytes are reported with their row.
func looksUTF8(b []byte, atEOF bool) bool {
	valid := 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		if !atEOF && !utf8.FullRune(b[i:]) {
			break
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return false
		}
		if valid++; valid == 3 {
			return true
		}
		i += size
	}
	return true
}

// notUTF8Error reports the offset of the first byte of a JSON file that is not UTF-8.
type notUTF8Error struct{ offset int64 }

func (e *notUTF8Error) Error() string { return english(e.message()) }

func (e *notUTF8Error) message() message {
	return newMsg(messages.IngestJSONNotUTF8, "offset", e.offset)
}

// utf8Checker passes a byte stream through, failing at the first byte that is not UTF-8: JSON
// must be UTF-8, and encoding/json would otherwise replace bad bytes silently.
type utf8Checker struct {
	r       io.Reader
	off     int64  // offset of the first byte of tail
	tail    []byte // an incomplete sequence held back from the previous chunk
	pending []byte // validated bytes not yet returned
	buf     []byte
	err     error
}

func (c *utf8Checker) Read(p []byte) (int, error) {
	for len(c.pending) == 0 {
		if c.err != nil {
			return 0, c.err
		}
		if c.buf == nil {
			c.buf = make([]byte, 32<<10)
		}
		k := copy(c.buf, c.tail)
		n, err := c.r.Read(c.buf[k:])
		b := c.buf[:k+n]
		keep := 0
		if err == nil {
			keep = incompleteTail(b)
		}
		check := b[:len(b)-keep]
		if !utf8.Valid(check) {
			i := 0
			for {
				r, size := utf8.DecodeRune(check[i:])
				if r == utf8.RuneError && size <= 1 {
					break
				}
				i += size
			}
			c.err = &notUTF8Error{offset: c.off + int64(i)}
			check = check[:i]
		} else if err != nil {
			c.err = err
		}
		c.pending = check
		c.off += int64(len(check))
		c.tail = append(c.tail[:0], b[len(b)-keep:]...)
	}
	n := copy(p, c.pending)
	c.pending = c.pending[n:]
	return n, nil
}

// incompleteTail returns the length of a UTF-8 sequence cut off at the end of b.
func incompleteTail(b []byte) int {
	for k := 1; k <= utf8.UTFMax-1 && k <= len(b); k++ {
		c := b[len(b)-k]
		if c < utf8.RuneSelf {
			return 0
		}
		if utf8.RuneStart(c) {
			if utf8.FullRune(b[len(b)-k:]) {
				return 0
			}
			return k
		}
	}
	return 0
}
