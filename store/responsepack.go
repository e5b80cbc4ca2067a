package store

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"

	"github.com/lib/pq"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

// A response pack holds an import's responses for runs (migration 0019): the unit, group and
// item codes and the rater pseudonyms the import names, each once in the order first met
// (survey_response_packs), and the responses in parts of at most packPartRows
// (survey_response_pack_parts), each response as unsigned varints (encoding/binary's
// AppendUvarint): the unit's, group's, rater's and item's positions in those lists, then the
// score — 2k for a whole score k in [0, packWholeMax], otherwise 1 and the score's IEEE 754 bits
// in 8 bytes, little endian, so every float64 comes back exactly. Scores on the usual scales
// take one byte and a response about 6, where a row of survey_responses takes about 120 bytes
// on disk and a row sent to the client about 70.
//
// The import writes the pack from the same values as the rows it copies, in the same
// transaction (responseSink); a deferred trigger checks at commit that the pack holds the
// import's row count in parts 0 … n−1. A run reads the packs with two queries
// (ListResponseTable), whatever the number of imports: the thousands of one-respondent imports
// of a public questionnaire (each rater link's answers are an import) cost no more queries than
// one file.
const (
	packPartRows = 1 << 16
	packWholeMax = 1 << 20
)

// packCodes numbers the distinct codes met, in the order met; the code of the row before is
// tried before the map (a file's rows come a unit's, a group's, an item's codes together).
type packCodes struct {
	codes []string
	index map[string]uint32
	last  uint32
}

func (c *packCodes) of(s string) uint32 {
	if len(c.codes) > 0 && c.codes[c.last] == s {
		return c.last
	}
	i, ok := c.index[s]
	if !ok {
		if c.index == nil {
			c.index = map[string]uint32{}
		}
		i = uint32(len(c.codes))
		c.codes = append(c.codes, s)
		c.index[s] = i
	}
	c.last = i
	return i
}

// packBuilder packs an import's responses as they stream. It holds the packed parts until the
// import's COPY ends (the connection is the COPY's until then): about 6–8 bytes a response, up
// to packMemory bytes in memory and the parts after them in a temporary file, so that an
// import's memory stays flat whatever the size of its file.
type packBuilder struct {
	units, groups, items packCodes
	raters               []byte // pseudonyms, 32 bytes each
	raterIndex           map[[32]byte]uint32
	lastRater            uint32
	parts                [][]byte // the first parts, in memory
	held                 int      // their bytes
	spill                *os.File // the parts after them, one after another
	spilled              []int    // their lengths
	counts               []int    // responses of every part, in order
	cur                  []byte
	n, total             int
	err                  error // the temporary file failed
	dropped              bool  // too many raters: the import is stored without a pack
}

// drop gives the pack up, freeing what it holds.
func (p *packBuilder) drop() {
	p.discard()
	*p = packBuilder{dropped: true}
}

// packMemory bounds the packed bytes an import holds in memory (about two million responses);
// a variable for the tests.
var packMemory = 16 << 20

func newPackBuilder() *packBuilder {
	return &packBuilder{raterIndex: map[[32]byte]uint32{}, cur: make([]byte, 0, 64<<10)}
}

// packRaters bounds the raters a pack names (its rater index takes about 100 bytes a rater): an
// import of more — a public survey of hundreds of thousands of one-off respondents in one file
// — is stored without a pack, and runs read its responses row by row. A variable for the tests.
var packRaters = 1 << 18

// add packs one response.
func (p *packBuilder) add(r *evaluation.ResponseRow) {
	if p.dropped {
		return
	}
	rater := p.lastRater
	if p.total == 0 || [32]byte(p.raters[32*rater:32*rater+32]) != r.Pseudonym {
		var ok bool
		if rater, ok = p.raterIndex[r.Pseudonym]; !ok {
			if len(p.raterIndex) >= packRaters {
				p.drop()
				return
			}
			rater = uint32(len(p.raterIndex))
			p.raterIndex[r.Pseudonym] = rater
			p.raters = append(p.raters, r.Pseudonym[:]...)
		}
		p.lastRater = rater
	}
	b := binary.AppendUvarint(p.cur, uint64(p.units.of(r.Unit)))
	b = binary.AppendUvarint(b, uint64(p.groups.of(r.Group)))
	b = binary.AppendUvarint(b, uint64(rater))
	b = binary.AppendUvarint(b, uint64(p.items.of(r.Item)))
	p.cur = appendPackedScore(b, r.Score)
	p.n++
	p.total++
	if p.n == packPartRows {
		p.flush()
	}
}

func (p *packBuilder) flush() {
	if p.n == 0 {
		return
	}
	p.counts = append(p.counts, p.n)
	if p.spill == nil && p.held+len(p.cur) <= packMemory {
		p.parts = append(p.parts, p.cur)
		p.held += len(p.cur)
		p.cur, p.n = make([]byte, 0, len(p.cur)+len(p.cur)/8), 0
		return
	}
	if p.spill == nil && p.err == nil {
		p.spill, p.err = os.CreateTemp("", "evalbench-pack-*")
	}
	if p.err == nil {
		_, p.err = p.spill.Write(p.cur)
	}
	p.spilled = append(p.spilled, len(p.cur))
	p.cur, p.n = p.cur[:0], 0
}

// each calls fn with every part in order, reading the spilled ones back into one buffer.
func (p *packBuilder) each(fn func(k int, rows []byte) error) error {
	if p.err != nil {
		return p.err
	}
	for k, rows := range p.parts {
		if err := fn(k, rows); err != nil {
			return err
		}
	}
	if p.spill == nil {
		return nil
	}
	if _, err := p.spill.Seek(0, io.SeekStart); err != nil {
		return err
	}
	r := bufio.NewReaderSize(p.spill, 1<<20)
	var buf []byte
	for k, n := range p.spilled {
		buf = slices.Grow(buf[:0], n)[:n]
		if _, err := io.ReadFull(r, buf); err != nil {
			return err
		}
		if err := fn(len(p.parts)+k, buf); err != nil {
			return err
		}
	}
	return nil
}

// discard removes the temporary file, if any.
func (p *packBuilder) discard() {
	if p.spill != nil {
		p.spill.Close()
		os.Remove(p.spill.Name())
		p.spill = nil
	}
}

// appendPackedScore appends a score: 2k for a whole k in [0, packWholeMax] (not −0), else 1 and
// its bits.
func appendPackedScore(b []byte, s float64) []byte {
	if s >= 0 && s <= packWholeMax && s == math.Trunc(s) && !math.Signbit(s) {
		return binary.AppendUvarint(b, uint64(s)<<1)
	}
	b = append(b, 1)
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(s))
}

// errTooManyCodes: a ResponseRow numbers groups and items in 16 bits.
var errTooManyCodes = fmt.Errorf("a survey's responses name more than %d groups or items", math.MaxUint16+1)

// errBadPack is a pack that does not read as its format says (it never is, unless storage was
// changed behind the service's back).
var errBadPack = errors.New("a stored response pack is damaged")

// unpackPart calls fn with the positions and the score of each of the part's count responses.
func unpackPart(rows []byte, count int, fn func(unit, group, rater, item uint64, score float64) error) error {
	var v [4]uint64
	for range count {
		for k := range v {
			x, n := binary.Uvarint(rows)
			if n <= 0 {
				return errBadPack
			}
			v[k], rows = x, rows[n:]
		}
		s, n := binary.Uvarint(rows)
		if n <= 0 {
			return errBadPack
		}
		rows = rows[n:]
		var score float64
		switch {
		case s&1 == 0:
			score = float64(s >> 1)
		case s == 1 && len(rows) >= 8:
			score, rows = math.Float64frombits(binary.LittleEndian.Uint64(rows)), rows[8:]
		default:
			return errBadPack
		}
		if err := fn(v[0], v[1], v[2], v[3], score); err != nil {
			return err
		}
	}
	if len(rows) != 0 {
		return errBadPack
	}
	return nil
}

// responseSink copies an import's responses into survey_responses and packs them; Close ends
// the COPY and then stores the pack.
type responseSink struct {
	*copySink[evaluation.ResponseRow]
	t                  *Tx
	ctx                context.Context
	surveyID, importID string
	pack               *packBuilder // nil: no pack (tests of imports made before migration 0019)
}

func (s *responseSink) Write(r *evaluation.ResponseRow) error {
	if err := s.copySink.Write(r); err != nil {
		return err
	}
	if s.pack != nil {
		s.pack.add(r)
	}
	return nil
}

func (s *responseSink) Close() (int64, error) {
	n, err := s.copySink.Close()
	p := s.pack
	if p == nil {
		return n, err
	}
	s.pack = nil
	defer p.discard()
	if err != nil || p.total == 0 || p.dropped {
		return n, err // an import without rows is refused: it needs no pack
	}
	if err := s.t.storeResponsePack(s.ctx, s.surveyID, s.importID, p); err != nil {
		return n, fmt.Errorf("store: the response pack of import %s: %w", s.importID, err)
	}
	return n, nil
}

// storeResponsePack inserts the pack and its parts.
func (t *Tx) storeResponsePack(ctx context.Context, surveyID, importID string, p *packBuilder) error {
	p.flush()
	const head = `
INSERT INTO survey_response_packs (import_id, survey_id, row_count, units, groups, items, raters)
VALUES ($1, $2, $3, $4, $5, $6, $7)`
	if _, err := t.tx.ExecContext(ctx, head, importID, surveyID, p.total, pq.StringArray(p.units.codes),
		pq.StringArray(p.groups.codes), pq.StringArray(p.items.codes), p.raters); err != nil {
		return err
	}
	const part = `INSERT INTO survey_response_pack_parts (import_id, part, row_count, rows) VALUES ($1, $2, $3, $4)`
	return p.each(func(k int, rows []byte) error {
		_, err := t.tx.ExecContext(ctx, part, importID, k, p.counts[k], rows)
		return err
	})
}

// readResponsePacks adds the packed responses of the survey (of the imports in only, a
// PostgreSQL uuid[] literal, when it is not nil) to the table being built, import by import in
// their order and each in its rows' order, and returns the imports it read.
func (t *Tx) readResponsePacks(ctx context.Context, surveyID string, only any, b *tableBuilder) (map[string]bool, error) {
	const heads = `
SELECT p.import_id, p.row_count, p.units, p.groups, p.items, p.raters
FROM survey_response_packs p JOIN survey_imports i ON i.id = p.import_id
WHERE p.survey_id = $1 AND ($2::uuid[] IS NULL OR p.import_id = ANY($2))
ORDER BY i.number`
	type head struct {
		rows                         int
		units, groups, items, raters []int32 // pack positions → the table's indexes
		read                         int
	}
	rows, err := t.tx.QueryContext(ctx, heads, surveyID, only)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	packs := map[string]*head{}
	for rows.Next() {
		var id string
		var units, groups, items pq.StringArray
		var raters []byte
		h := &head{}
		if err := rows.Scan(&id, &h.rows, &units, &groups, &items, &raters); err != nil {
			return nil, err
		}
		if len(raters)%32 != 0 {
			return nil, errBadPack
		}
		if h.units, err = b.codes(b.units, units); err != nil {
			return nil, err
		}
		if h.groups, err = b.codes(b.groups, groups); err != nil {
			return nil, err
		}
		if h.items, err = b.codes(b.items, items); err != nil {
			return nil, err
		}
		h.raters = make([]int32, len(raters)/32)
		for k := range h.raters {
			h.raters[k] = b.rater(raters[32*k : 32*k+32])
		}
		packs[id] = h
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if len(packs) == 0 {
		return nil, nil
	}
	const parts = `
SELECT pp.import_id, pp.row_count, pp.rows
FROM survey_response_pack_parts pp
JOIN survey_response_packs p ON p.import_id = pp.import_id JOIN survey_imports i ON i.id = p.import_id
WHERE p.survey_id = $1 AND ($2::uuid[] IS NULL OR p.import_id = ANY($2))
ORDER BY i.number, pp.part`
	if rows, err = t.tx.QueryContext(ctx, parts, surveyID, only); err != nil {
		return nil, err
	}
	defer rows.Close()
	var id string
	var count int
	var data sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&id, &count, &data); err != nil {
			return nil, err
		}
		h := packs[id]
		if h == nil {
			return nil, errBadPack
		}
		err := unpackPart(data, count, func(unit, group, rater, item uint64, score float64) error {
			if unit >= uint64(len(h.units)) || group >= uint64(len(h.groups)) || rater >= uint64(len(h.raters)) || item >= uint64(len(h.items)) {
				return errBadPack
			}
			b.add(h.units[unit], h.groups[group], h.raters[rater], h.items[item], score)
			return nil
		})
		if err != nil {
			return nil, err
		}
		h.read += count
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	read := map[string]bool{}
	for id, h := range packs {
		if h.read != h.rows {
			return nil, errBadPack
		}
		read[id] = true
	}
	return read, nil
}

// tableBuilder builds a ResponseTable from responses read in any mix of packs and rows.
type tableBuilder struct {
	tab                  *engine.ResponseTable
	units, groups, items *interner
	raters               map[[32]byte]int32
	lastRater            int32
	lastKey              [32]byte
}

// codes returns the table's indexes of codes, numbering the new ones.
func (b *tableBuilder) codes(in *interner, codes []string) ([]int32, error) {
	out := make([]int32, len(codes))
	for k, c := range codes {
		out[k] = in.index([]byte(c))
		if in == b.groups || in == b.items {
			if out[k] > math.MaxUint16 {
				return nil, errTooManyCodes
			}
		}
	}
	return out, nil
}

// rater returns the table's index of a pseudonym, numbering it if it is new.
func (b *tableBuilder) rater(p []byte) int32 {
	key := [32]byte(p)
	if b.lastRater >= 0 && key == b.lastKey {
		return b.lastRater
	}
	r, ok := b.raters[key]
	if !ok {
		r = int32(len(b.tab.Raters))
		b.tab.Raters = append(b.tab.Raters, hex.EncodeToString(p))
		b.raters[key] = r
	}
	b.lastRater, b.lastKey = r, key
	return r
}

// add appends a response named by the table's indexes (codes checked group and item).
func (b *tableBuilder) add(unit, group, rater, item int32, score float64) {
	b.tab.Rows = append(b.tab.Rows, engine.ResponseRow{Unit: unit, Rater: rater, Group: uint16(group), Item: uint16(item), Score: score})
}
