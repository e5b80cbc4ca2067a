package ingest

import (
	"bytes"
	"errors"
	"io"
	"unicode/utf8"
)

// lineWindow is how many of the last bytes read a lineIndex keeps. A JSON decoder reading token
// by token is never further behind its reader than its buffer (a few kilobytes, or one long
// string), so a syntax error falls inside the window; one that does not is reported by its byte
// offset alone.
const lineWindow = 256 << 10

// lineIndex passes a stream through and keeps what turns a byte offset of it into a line and a
// character: the number of lines before its window and the window's bytes. Memory stays at one
// window whatever the stream holds.
type lineIndex struct {
	r      io.Reader
	read   int64  // bytes read so far
	lines  int    // newlines before the window
	window []byte // the last bytes read, at most lineWindow
	// consumed, when set, is how much of the stream its reader has taken (a JSON decoder's
	// InputOffset): Read fails with errValueTooLong once the reader holds more than maxValueBytes
	// it has not taken — one value (a string whose closing quote is missing) that long.
	consumed func() int64
	// heldAt is the offset the reader has held bytes from since they passed a quarter window
	// (−1 before), heldLine its line: where an overlong value starts.
	heldAt   int64
	heldLine int
}

// maxValueBytes bounds one JSON value a reader holds whole (a string, a number): a value of
// evalbench's files takes at most a few kilobytes (a comment: 4,000 characters).
const maxValueBytes = 1 << 20

// errValueTooLong stops a JSON decoder inside a value longer than maxValueBytes.
var errValueTooLong = errors.New("a JSON value is longer than the limit")

func (l *lineIndex) Read(p []byte) (int, error) {
	if l.consumed != nil {
		c := l.consumed()
		if l.read-c > lineWindow/4 && c != l.heldAt {
			l.heldAt = c
			var ok bool
			if l.heldLine, _, ok = l.position(c); !ok {
				l.heldLine = l.lines + 1 // c is in the window, on a line begun before it
			}
		}
		if l.read-c > maxValueBytes {
			return 0, errValueTooLong
		}
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	l.window = append(l.window, p[:n]...)
	if over := len(l.window) - lineWindow; over > 0 {
		// Slide by at least half a window, so that the copy is amortised.
		over = max(over, lineWindow/2)
		l.lines += bytes.Count(l.window[:over], []byte{'\n'})
		l.window = append(l.window[:0], l.window[over:]...)
	}
	return n, err
}

// syntaxIndex is the index of the character bad that a JSON decoder reading token by token could
// not take, from its error's offset: the decoder's offset is that index when the error comes
// after a token (or the index of the white space before it), and just past it when it comes at
// the start of the document. The offset is returned as it is when bad is not found there.
func (l *lineIndex) syntaxIndex(offset int64, bad rune) int64 {
	start := l.read - int64(len(l.window))
	at := func(i int64) (rune, int) {
		if i < start || i >= l.read {
			return utf8.RuneError, 0
		}
		return utf8.DecodeRune(l.window[i-start:])
	}
	for i := offset; ; {
		r, n := at(i)
		if r == bad && n > 0 {
			return i
		}
		if n == 0 || !(r == ' ' || r == '\t' || r == '\n' || r == '\r') {
			break
		}
		i += int64(n)
	}
	if r, n := at(offset - 1); r == bad && n > 0 {
		return offset - 1
	}
	return offset
}

// position is the line and character (both from 1; characters, not bytes) of the byte at index
// i of the stream, and whether it is inside the window.
func (l *lineIndex) position(i int64) (line, char int, ok bool) {
	start := l.read - int64(len(l.window))
	if i < start || i > l.read {
		return 0, 0, false
	}
	head := l.window[:i-start]
	nl := bytes.LastIndexByte(head, '\n')
	if nl < 0 && start > 0 {
		return 0, 0, false // the line began before the window
	}
	return l.lines + bytes.Count(head, []byte{'\n'}) + 1, utf8.RuneCount(head[nl+1:]) + 1, true
}
