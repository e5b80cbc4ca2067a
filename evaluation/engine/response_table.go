package engine

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// ResponseTable holds survey responses compactly: each row names its unit, group, item and
// rater by an index into the table's code lists and carries its score, 24 bytes a response
// where a Response takes 72 (four string headers and a float). A run holds its responses this
// way (RunSurvey.Table); it aggregates them and digests them — as the same canonical JSON as
// the equivalent []Response — without expanding them.
type ResponseTable struct {
	Units, Groups, Items []string
	// Raters are the pseudonyms (the hex a Response's Rater holds), each made once.
	Raters []string
	Rows   []ResponseRow
}

// ResponseRow is one response of a ResponseTable: indexes into its Units, Raters, Groups and
// Items, and the score.
type ResponseRow struct {
	Unit, Rater int32
	Group, Item uint16
	Score       float64
}

// Len is the number of responses.
func (t *ResponseTable) Len() int { return len(t.Rows) }

// At returns response k as a Response (its strings are the table's, so nothing is allocated).
func (t *ResponseTable) At(k int) Response {
	r := &t.Rows[k]
	return Response{Unit: t.Units[r.Unit], Group: t.Groups[r.Group], Rater: t.Raters[r.Rater], Item: t.Items[r.Item], Score: r.Score}
}

// Responses expands the table.
func (t *ResponseTable) Responses() []Response {
	out := make([]Response, len(t.Rows))
	for k := range t.Rows {
		out[k] = t.At(k)
	}
	return out
}

// Sort puts the rows in canonical order, the order SortResponses gives the expanded responses:
// by unit, group, rater and item (byte order of the codes and of the pseudonyms, which is the
// order of their hex), ties in their original order. It renumbers the table on the way: each
// code list becomes its distinct codes in byte order, and each row names its codes by their
// rank (the table holds the same responses: At gives what it gave, up to the order of the
// rows). Then a stable counting sort reading the rows in turn puts them in unit × group cells,
// each cell's rows are sorted by rater and item (and original position, so ties keep their
// order), and the permutation is applied in place. The cells are small — a unit's raters of one
// group —, so this takes about linear time, and holds 4 bytes a row besides the rows (plus 16
// bytes a row of the largest cell).
func (t *ResponseTable) Sort() {
	t.renumber()
	if len(t.Rows) < 2 {
		return
	}
	n, groups := len(t.Rows), int64(len(t.Groups))
	cell := func(k int32) int64 {
		r := &t.Rows[k]
		return int64(r.Unit)*groups + int64(r.Group)
	}
	var order []int32
	if cells := len(t.Units) * len(t.Groups); cells <= max(n, 1<<16) {
		order = countingSort(nil, cells, func(k int32) int32 { return int32(cell(k)) }, n)
	} else { // more cells than rows: a counting sort by group, then by unit
		order = countingSort(nil, len(t.Groups), func(k int32) int32 { return int32(t.Rows[k].Group) }, n)
		order = countingSort(order, len(t.Units), func(k int32) int32 { return t.Rows[k].Unit }, n)
	}
	type key struct {
		rank uint64 // rater rank, then item rank
		k    int32  // original position
	}
	var keys []key
	for lo := 0; lo < n; {
		c := cell(order[lo])
		hi := lo + 1
		for hi < n && cell(order[hi]) == c {
			hi++
		}
		keys = keys[:0]
		for _, k := range order[lo:hi] {
			r := &t.Rows[k]
			keys = append(keys, key{uint64(r.Rater)<<32 | uint64(r.Item), k})
		}
		slices.SortFunc(keys, func(a, b key) int {
			if c := cmp.Compare(a.rank, b.rank); c != 0 {
				return c
			}
			return cmp.Compare(a.k, b.k)
		})
		for i, x := range keys {
			order[lo+i] = x.k
		}
		lo = hi
	}
	permute(t.Rows, order)
}

// renumber makes each code list its distinct codes in byte order and each row name its codes
// by their rank. A list that already is so (strictly increasing) is left as it is.
func (t *ResponseTable) renumber() {
	sorted := func(codes []string) ([]string, []int32) {
		increasing := true
		for i := 1; i < len(codes) && increasing; i++ {
			increasing = codes[i-1] < codes[i]
		}
		if increasing {
			return codes, nil
		}
		idx := make([]int32, len(codes))
		for i := range idx {
			idx[i] = int32(i)
		}
		slices.SortStableFunc(idx, func(a, b int32) int { return strings.Compare(codes[a], codes[b]) })
		rank := dense(idx, func(a, b int32) bool { return codes[a] == codes[b] })
		var out []string
		for k, i := range idx {
			if k == 0 || codes[i] != codes[idx[k-1]] {
				out = append(out, codes[i])
			}
		}
		return out, rank
	}
	var unitRank, raterRank, groupRank, itemRank []int32
	t.Units, unitRank = sorted(t.Units)
	t.Raters, raterRank = sorted(t.Raters)
	t.Groups, groupRank = sorted(t.Groups)
	t.Items, itemRank = sorted(t.Items)
	if unitRank == nil && raterRank == nil && groupRank == nil && itemRank == nil {
		return
	}
	for k := range t.Rows {
		r := &t.Rows[k]
		if unitRank != nil {
			r.Unit = unitRank[r.Unit]
		}
		if raterRank != nil {
			r.Rater = raterRank[r.Rater]
		}
		if groupRank != nil {
			r.Group = uint16(groupRank[r.Group])
		}
		if itemRank != nil {
			r.Item = uint16(itemRank[r.Item])
		}
	}
}

// dense turns indexes sorted by their codes into each index's rank, equal codes sharing one.
func dense(sorted []int32, equal func(a, b int32) bool) []int32 {
	ranks := make([]int32, len(sorted))
	r := int32(0)
	for k, i := range sorted {
		if k > 0 && !equal(sorted[k-1], i) {
			r++
		}
		ranks[i] = r
	}
	return ranks
}

// NewResponseTable builds a table from responses. It panics when they name more than 65,536
// distinct groups or items (a row holds their indexes in 16 bits).
func NewResponseTable(rs []Response) *ResponseTable {
	t, ok := buildResponseTable(rs)
	if !ok {
		panic("engine: responses with more than 65,536 distinct groups or items")
	}
	return t
}

// buildResponseTable is NewResponseTable, reporting false instead of panicking.
func buildResponseTable(rs []Response) (*ResponseTable, bool) {
	t := &ResponseTable{}
	units, groups, items, raters := map[string]int32{}, map[string]uint16{}, map[string]uint16{}, map[string]int32{}
	for _, r := range rs {
		u, ok := units[r.Unit]
		if !ok {
			u = int32(len(t.Units))
			units[r.Unit] = u
			t.Units = append(t.Units, r.Unit)
		}
		g, ok := groups[r.Group]
		if !ok {
			if len(t.Groups) > math.MaxUint16 || len(t.Items) > math.MaxUint16 {
				return nil, false
			}
			g = uint16(len(t.Groups))
			groups[r.Group] = g
			t.Groups = append(t.Groups, r.Group)
		}
		i, ok := items[r.Item]
		if !ok {
			if len(t.Items) > math.MaxUint16 {
				return nil, false
			}
			i = uint16(len(t.Items))
			items[r.Item] = i
			t.Items = append(t.Items, r.Item)
		}
		p, ok := raters[r.Rater]
		if !ok {
			p = int32(len(t.Raters))
			raters[r.Rater] = p
			t.Raters = append(t.Raters, r.Rater)
		}
		t.Rows = append(t.Rows, ResponseRow{Unit: u, Rater: p, Group: g, Item: i, Score: r.Score})
	}
	return t, true
}
