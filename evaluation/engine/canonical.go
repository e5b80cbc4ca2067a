package engine

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/gowebpki/jcs"
)

// Canonical returns the RFC 8785 (JSON Canonicalization Scheme) form of v's JSON encoding: object
// members sorted by their UTF-16 code units, no white space, numbers as ECMAScript prints them,
// strings with only the escapes JCS allows. It gives the same bytes as encoding/json followed by
// a JCS transform (a test checks that), but walks Go values directly, so canonicalising a run's
// inputs with a million survey responses takes a fraction of a second and no intermediate tree.
//
// The members of a struct (or pointer to a struct) v are written in parallel, each into a
// buffer of its own, and joined in their order: a run's result is 20 MB of JSON, most of it in
// three members.
func Canonical(v any) ([]byte, error) {
	if out, ok, err := canonicalMembers(v); ok {
		return out, err
	}
	var buf bytes.Buffer
	if err := WriteCanonical(&buf, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// canonicalMembers is Canonical of a struct or pointer to a struct, its members written by
// GOMAXPROCS goroutines; ok is false for any other v (and for structs that marshal themselves).
func canonicalMembers(v any) (_ []byte, ok bool, _ error) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return nil, false, nil
	}
	if rv.Kind() == reflect.Pointer && !rv.IsNil() {
		if rv.Type().Implements(jsonMarshalerType) {
			return nil, false, nil
		}
		rv = rv.Elem()
	}
	t := rv.Type()
	if rv.Kind() != reflect.Struct || t == runSurveyType || t.Implements(jsonMarshalerType) ||
		reflect.PointerTo(t).Implements(jsonMarshalerType) && rv.CanAddr() {
		return nil, false, nil
	}
	fields := (&canonicalEncoder{fields: map[reflect.Type][]canonicalField{}}).structFields(t)
	type member struct {
		buf   bytes.Buffer
		wrote bool
		err   error
	}
	members := make([]member, len(fields))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(fields)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := &canonicalEncoder{w: bufio.NewWriterSize(nil, 4<<10), fields: map[reflect.Type][]canonicalField{}, marshalers: map[reflect.Type]marshalerKind{}}
			for {
				i := int(next.Add(1)) - 1
				if i >= len(fields) {
					return
				}
				m := &members[i]
				c.w.Reset(&m.buf)
				m.wrote, m.err = c.member(rv, fields[i], nil, false)
				if err := c.w.Flush(); m.err == nil {
					m.err = err
				}
			}
		}()
	}
	wg.Wait()
	n := 2 + len(fields)
	for i := range members {
		if err := members[i].err; err != nil {
			return nil, true, fmt.Errorf("canonical JSON: %w", err)
		}
		n += members[i].buf.Len()
	}
	out := make([]byte, 0, n)
	out = append(out, '{')
	first := true
	for i := range members {
		if members[i].wrote {
			if !first {
				out = append(out, ',')
			}
			first = false
			out = append(out, members[i].buf.Bytes()...)
		}
	}
	return append(out, '}'), true, nil
}

// Digest returns the hex SHA-256 of v's canonical JSON, streaming it into the hash. The hash
// runs on a goroutine of its own, a block behind the encoder (a run's inputs are a hundred
// megabytes of JSON: writing and hashing them take about as long as each other).
func Digest(v any) (string, error) {
	h := newPipelinedHash()
	err := WriteCanonical(h, v)
	sum := h.sum()
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(sum), nil
}

// pipelinedHash is an io.Writer that SHA-256es what is written to it on another goroutine, in
// the order written: the writer fills one block while the goroutine hashes the one before.
type pipelinedHash struct {
	buf  []byte
	full chan []byte // blocks to hash, in order
	free chan []byte // blocks hashed, to fill again
	done chan []byte // the sum, once full is closed
}

const hashBlock = 256 << 10

func newPipelinedHash() *pipelinedHash {
	p := &pipelinedHash{buf: make([]byte, 0, hashBlock), full: make(chan []byte, 1), free: make(chan []byte, 2), done: make(chan []byte, 1)}
	p.free <- make([]byte, 0, hashBlock)
	go func() {
		h := sha256.New()
		for b := range p.full {
			h.Write(b)
			p.free <- b[:0]
		}
		p.done <- h.Sum(nil)
	}()
	return p
}

// Write implements io.Writer.
func (p *pipelinedHash) Write(b []byte) (int, error) {
	n := len(b)
	for len(b) > 0 {
		k := copy(p.buf[len(p.buf):cap(p.buf)], b)
		p.buf = p.buf[:len(p.buf)+k]
		b = b[k:]
		if len(p.buf) == cap(p.buf) {
			p.full <- p.buf
			p.buf = <-p.free
		}
	}
	return n, nil
}

// sum hashes what is left and returns the digest; the writer is done with.
func (p *pipelinedHash) sum() []byte {
	if len(p.buf) > 0 {
		p.full <- p.buf
	}
	close(p.full)
	return <-p.done
}

// WriteCanonical writes v's canonical JSON to w.
func WriteCanonical(w io.Writer, v any) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	c := &canonicalEncoder{w: bw, fields: map[reflect.Type][]canonicalField{}, marshalers: map[reflect.Type]marshalerKind{}}
	if err := c.encode(reflect.ValueOf(v)); err != nil {
		return fmt.Errorf("canonical JSON: %w", err)
	}
	return bw.Flush()
}

type canonicalEncoder struct {
	w          *bufio.Writer
	fields     map[reflect.Type][]canonicalField
	marshalers map[reflect.Type]marshalerKind
	scratch    []byte
}

// marshalerKind says whether a type implements json.Marshaler, found once per type.
type marshalerKind uint8

const (
	marshalerUnknown marshalerKind = iota
	marshalerNone
	marshalerValue   // the type implements it
	marshalerPointer // only a pointer to the type does
)

func (c *canonicalEncoder) marshaler(t reflect.Type) marshalerKind {
	k := c.marshalers[t]
	if k == marshalerUnknown {
		switch {
		case t.Implements(jsonMarshalerType):
			k = marshalerValue
		case reflect.PointerTo(t).Implements(jsonMarshalerType):
			k = marshalerPointer
		default:
			k = marshalerNone
		}
		if c.marshalers != nil {
			c.marshalers[t] = k
		}
	}
	return k
}

// canonicalField is an exported struct field as encoding/json sees it.
type canonicalField struct {
	name      string
	index     []int
	omitEmpty bool
	omitZero  bool
	quoted    bool // the ",string" option
}

var jsonMarshalerType = reflect.TypeFor[json.Marshaler]()

func (c *canonicalEncoder) encode(v reflect.Value) error {
	if !v.IsValid() {
		_, err := c.w.WriteString("null")
		return err
	}
	t := v.Type()
	if mk := c.marshaler(t); mk == marshalerValue || mk == marshalerPointer && v.CanAddr() {
		if t.Kind() == reflect.Pointer && v.IsNil() {
			_, err := c.w.WriteString("null")
			return err
		}
		m, ok := v.Interface().(json.Marshaler)
		if !ok {
			m = v.Addr().Interface().(json.Marshaler)
		}
		raw, err := m.MarshalJSON()
		if err != nil {
			return err
		}
		return c.raw(raw)
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			_, err := c.w.WriteString("null")
			return err
		}
		return c.encode(v.Elem())
	case reflect.Bool:
		if v.Bool() {
			_, err := c.w.WriteString("true")
			return err
		}
		_, err := c.w.WriteString("false")
		return err
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return c.number(float64(v.Int()), v.Int() == int64(float64(v.Int())))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return c.number(float64(v.Uint()), v.Uint() == uint64(float64(v.Uint())))
	case reflect.Float32, reflect.Float64:
		return c.number(v.Float(), true)
	case reflect.String:
		return c.str(v.String())
	case reflect.Slice:
		if v.IsNil() {
			_, err := c.w.WriteString("null")
			return err
		}
		if t.Elem().Kind() == reflect.Uint8 && !t.Elem().Implements(jsonMarshalerType) {
			raw, err := json.Marshal(v.Interface()) // base64, as encoding/json does
			if err != nil {
				return err
			}
			return c.raw(raw)
		}
		fallthrough
	case reflect.Array:
		c.w.WriteByte('[')
		for i := range v.Len() {
			if i > 0 {
				c.w.WriteByte(',')
			}
			if err := c.encode(v.Index(i)); err != nil {
				return err
			}
		}
		return c.w.WriteByte(']')
	case reflect.Map:
		if v.IsNil() {
			_, err := c.w.WriteString("null")
			return err
		}
		type entry struct {
			key string
			val reflect.Value
		}
		entries := make([]entry, 0, v.Len())
		iter := v.MapRange()
		for iter.Next() {
			k, err := mapKey(iter.Key())
			if err != nil {
				return err
			}
			entries = append(entries, entry{k, iter.Value()})
		}
		slices.SortFunc(entries, func(a, b entry) int { return compareUTF16(a.key, b.key) })
		c.w.WriteByte('{')
		for i, e := range entries {
			if i > 0 {
				c.w.WriteByte(',')
			}
			if err := c.str(e.key); err != nil {
				return err
			}
			c.w.WriteByte(':')
			if err := c.encode(e.val); err != nil {
				return err
			}
		}
		return c.w.WriteByte('}')
	case reflect.Struct:
		c.w.WriteByte('{')
		first := true
		var table *ResponseTable
		if t == runSurveyType {
			table = v.Interface().(RunSurvey).Table
		}
		for _, f := range c.structFields(t) {
			wrote, err := c.member(v, f, table, !first)
			if err != nil {
				return err
			}
			first = first && !wrote
		}
		return c.w.WriteByte('}')
	}
	return fmt.Errorf("unsupported type %s", t)
}

// member writes field f of struct v as an object member, "name":value, preceded by a comma when
// comma is set; or nothing, reporting false, when the field is absent (behind a nil embedded
// pointer) or omitted (omitempty, omitzero). table, when not nil, is the RunSurvey's responses.
func (c *canonicalEncoder) member(v reflect.Value, f canonicalField, table *ResponseTable, comma bool) (bool, error) {
	if table != nil && f.name == "responses" {
		if comma {
			c.w.WriteByte(',')
		}
		return true, c.responseTable(table)
	}
	fv, ok := fieldByIndex(v, f.index)
	if !ok {
		return false, nil
	}
	if f.omitEmpty && isEmpty(fv) || f.omitZero && isZero(fv) {
		return false, nil
	}
	if comma {
		c.w.WriteByte(',')
	}
	if err := c.str(f.name); err != nil {
		return true, err
	}
	c.w.WriteByte(':')
	if f.quoted {
		raw, err := json.Marshal(fv.Interface())
		if err != nil {
			return true, err
		}
		return true, c.str(string(raw))
	}
	return true, c.encode(fv)
}

var runSurveyType = reflect.TypeFor[RunSurvey]()

// responseTable writes the "responses" member of a RunSurvey whose responses are in a
// ResponseTable: the same bytes as the expanded []Response would give (each response is the
// object {"group":…,"item":…,"rater":…,"score":…,"unit":…}, members in the order RFC 8785
// sorts them). Each code and pseudonym is escaped once, and each distinct score formatted once,
// so a response costs a few copies of bytes, not a walk of reflected fields.
func (c *canonicalEncoder) responseTable(t *ResponseTable) error {
	if err := c.str("responses"); err != nil {
		return err
	}
	c.w.WriteString(":[")
	if len(t.Rows) == 0 {
		return c.w.WriteByte(']')
	}
	units, err1 := quotedCodes(t.Units, t.Rows, func(r *ResponseRow) int { return int(r.Unit) })
	groups, err2 := quotedCodes(t.Groups, t.Rows, func(r *ResponseRow) int { return int(r.Group) })
	items, err3 := quotedCodes(t.Items, t.Rows, func(r *ResponseRow) int { return int(r.Item) })
	raters, err4 := quotedCodes(t.Raters, t.Rows, func(r *ResponseRow) int { return int(r.Rater) })
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		// A code that cannot be written: the response-by-response path fails at the first
		// response that names it, as the expanded []Response would.
		return c.responseRows(t, 0)
	}
	scores := map[uint64][]byte{}
	line := make([]byte, 0, 256)
	for k := range t.Rows {
		r := &t.Rows[k]
		bits := math.Float64bits(r.Score)
		score, ok := scores[bits]
		if !ok {
			var err error
			if score, err = appendNumber(nil, r.Score, true); err != nil {
				return c.responseRows(t, k)
			}
			if len(scores) < 4096 {
				scores[bits] = score
			}
		}
		line = line[:0]
		if k > 0 {
			line = append(line, ',')
		}
		line = append(line, `{"group":`...)
		line = append(line, groups[r.Group]...)
		line = append(line, `,"item":`...)
		line = append(line, items[r.Item]...)
		line = append(line, `,"rater":`...)
		line = append(line, raters[r.Rater]...)
		line = append(line, `,"score":`...)
		line = append(line, score...)
		line = append(line, `,"unit":`...)
		line = append(line, units[r.Unit]...)
		line = append(line, '}')
		if _, err := c.w.Write(line); err != nil {
			return err
		}
	}
	return c.w.WriteByte(']')
}

// quotedCodes returns each code of a table's code list as its canonical JSON string (str's
// bytes); a code no row names is left nil.
func quotedCodes(codes []string, rows []ResponseRow, index func(*ResponseRow) int) ([][]byte, error) {
	used := make([]bool, len(codes))
	for k := range rows {
		used[index(&rows[k])] = true
	}
	out := make([][]byte, len(codes))
	var buf bytes.Buffer
	enc := &canonicalEncoder{w: bufio.NewWriter(&buf)}
	for i, code := range codes {
		if !used[i] {
			continue
		}
		buf.Reset()
		if err := enc.str(code); err != nil {
			return nil, err
		}
		if err := enc.w.Flush(); err != nil {
			return nil, err
		}
		out[i] = slices.Clone(buf.Bytes())
	}
	return out, nil
}

// responseRows writes the table's responses from row `from` on (each but the first preceded by
// a comma) one by one through the reflecting encoder, each made into a Response from the
// table's shared strings, and the closing bracket. responseTable falls back on it to fail as the
// expanded responses would (a code that is not UTF-8, a score that is not finite).
func (c *canonicalEncoder) responseRows(t *ResponseTable, from int) error {
	var r Response
	rv := reflect.ValueOf(&r).Elem()
	for k := from; k < len(t.Rows); k++ {
		if k > 0 {
			c.w.WriteByte(',')
		}
		r = t.At(k)
		if err := c.encode(rv); err != nil {
			return err
		}
	}
	return c.w.WriteByte(']')
}

// raw canonicalises JSON produced by a MarshalJSON method (times, hex bytes, raw messages).
func (c *canonicalEncoder) raw(b []byte) error {
	out, err := jcs.Transform(b)
	if err != nil {
		return err
	}
	_, err = c.w.Write(out)
	return err
}

// number writes x as ECMAScript's Number.prototype.toString does (RFC 8785 §3.2.2.3), which is
// what encoding/json's float encoding produces.
func (c *canonicalEncoder) number(x float64, exact bool) error {
	b, err := appendNumber(c.scratch[:0], x, exact)
	if err != nil {
		return err
	}
	c.scratch = b
	_, err = c.w.Write(b)
	return err
}

// appendNumber appends x as number writes it.
func appendNumber(b []byte, x float64, exact bool) ([]byte, error) {
	if math.IsNaN(x) || math.IsInf(x, 0) || !exact {
		return b, fmt.Errorf("the number %v cannot be represented in canonical JSON", x)
	}
	if x == 0 {
		return append(b, '0'), nil // also for −0
	}
	abs := math.Abs(x)
	format := byte('f')
	if abs < 1e-6 || abs >= 1e21 {
		format = 'e'
	}
	start := len(b)
	b = strconv.AppendFloat(b, x, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(b)
		if n-start >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

// str writes a string with the escapes RFC 8785 §3.2.2.2 allows: \" \\ \b \f \n \r \t and
// \u00XX for the other control characters; everything else as UTF-8. Invalid UTF-8 is an error.
func (c *canonicalEncoder) str(s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("string %q is not valid UTF-8", s)
	}
	c.w.WriteByte('"')
	start := 0
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b >= 0x20 && b != '"' && b != '\\' {
			continue
		}
		c.w.WriteString(s[start:i])
		switch b {
		case '"':
			c.w.WriteString(`\"`)
		case '\\':
			c.w.WriteString(`\\`)
		case '\b':
			c.w.WriteString(`\b`)
		case '\f':
			c.w.WriteString(`\f`)
		case '\n':
			c.w.WriteString(`\n`)
		case '\r':
			c.w.WriteString(`\r`)
		case '\t':
			c.w.WriteString(`\t`)
		default:
			fmt.Fprintf(c.w, `\u%04x`, b)
		}
		start = i + 1
	}
	c.w.WriteString(s[start:])
	return c.w.WriteByte('"')
}

// compareUTF16 orders strings by their UTF-16 code units, as RFC 8785 §3.2.3 sorts members.
func compareUTF16(a, b string) int {
	if isASCII(a) && isASCII(b) {
		return strings.Compare(a, b)
	}
	ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	return slices.Compare(ua, ub)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func mapKey(k reflect.Value) (string, error) {
	if k.Kind() == reflect.String {
		return k.String(), nil
	}
	if tm, ok := k.Interface().(encoding.TextMarshaler); ok {
		b, err := tm.MarshalText()
		return string(b), err
	}
	switch k.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(k.Int(), 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(k.Uint(), 10), nil
	}
	return "", fmt.Errorf("unsupported map key type %s", k.Type())
}

// structFields lists a struct type's JSON fields sorted by name, following encoding/json's rules
// for tags, embedded structs and name conflicts (the shallowest, then the tagged field wins).
func (c *canonicalEncoder) structFields(t reflect.Type) []canonicalField {
	if fs, ok := c.fields[t]; ok {
		return fs
	}
	type candidate struct {
		canonicalField
		depth  int
		tagged bool
	}
	var all []candidate
	var walk func(t reflect.Type, index []int, depth int)
	walk = func(t reflect.Type, index []int, depth int) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			if !validTagName(name) {
				name = ""
			}
			idx := append(slices.Clone(index), i)
			ft := f.Type
			if f.Anonymous && name == "" {
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if ft.Kind() == reflect.Struct {
					walk(ft, idx, depth+1)
					continue
				}
			}
			if !f.IsExported() {
				continue
			}
			cf := candidate{canonicalField: canonicalField{name: name, index: idx}, depth: depth, tagged: name != ""}
			if cf.name == "" {
				cf.name = f.Name
			}
			for _, o := range strings.Split(opts, ",") {
				switch o {
				case "omitempty":
					cf.omitEmpty = true
				case "omitzero":
					cf.omitZero = true
				case "string":
					switch ft.Kind() {
					case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
						reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64, reflect.String:
						cf.quoted = true
					}
				}
			}
			all = append(all, cf)
		}
	}
	walk(t, nil, 0)
	byName := map[string][]candidate{}
	for _, f := range all {
		byName[f.name] = append(byName[f.name], f)
	}
	var out []canonicalField
	for name, cs := range byName {
		slices.SortStableFunc(cs, func(a, b candidate) int { return a.depth - b.depth })
		best := cs[0]
		conflict := false
		for _, o := range cs[1:] {
			if o.depth != best.depth {
				break
			}
			switch {
			case o.tagged && !best.tagged:
				best = o
			case o.tagged == best.tagged:
				conflict = true
			}
		}
		if conflict {
			continue // encoding/json drops ambiguous fields
		}
		best.name = name
		out = append(out, best.canonicalField)
	}
	slices.SortFunc(out, func(a, b canonicalField) int { return compareUTF16(a.name, b.name) })
	c.fields[t] = out
	return out
}

func fieldByIndex(v reflect.Value, index []int) (reflect.Value, bool) {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}

func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}

func isZero(v reflect.Value) bool {
	if z, ok := v.Interface().(interface{ IsZero() bool }); ok {
		if v.Kind() == reflect.Pointer && v.IsNil() {
			return true
		}
		return z.IsZero()
	}
	return v.IsZero()
}

// validTagName reports whether encoding/json accepts a tag name (letters, digits and some
// punctuation); otherwise it uses the Go field name.
func validTagName(s string) bool {
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// HexBytes marshals as lower-case hex.
type HexBytes []byte

// MarshalJSON implements json.Marshaler.
func (h HexBytes) MarshalJSON() ([]byte, error) { return json.Marshal(hex.EncodeToString(h)) }

// UnmarshalJSON implements json.Unmarshaler.
func (h *HexBytes) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := hex.DecodeString(s)
	*h = v
	return err
}
