package store

import (
	"crypto/sha256"
	"fmt"
	"math"
	"os"
	"slices"
	"testing"

	"evalbench/evaluation"
)

// A pack whose parts go past packMemory writes the later ones to a temporary file and gives back
// the same parts, in order, as one held in memory; each part unpacks to the rows packed, every
// score to the bit; discard removes the file.
func TestPackBuilderSpills(t *testing.T) {
	scores := []float64{0, 3, 1 << 20, 1<<20 + 1, math.Copysign(0, -1), -1, 0.25, 1.0 / 3, math.MaxFloat64, math.SmallestNonzeroFloat64}
	rows := make([]evaluation.ResponseRow, 300_000)
	for i := range rows {
		rows[i] = evaluation.ResponseRow{Unit: fmt.Sprintf("u%d", i%1000), Group: fmt.Sprintf("g%d", i%4), Item: fmt.Sprintf("q%d", i%20),
			Score: scores[i%len(scores)], Pseudonym: sha256.Sum256([]byte(fmt.Sprint(i / 20)))}
	}
	build := func() *packBuilder {
		p := newPackBuilder()
		for i := range rows {
			p.add(&rows[i])
		}
		p.flush()
		return p
	}
	collect := func(p *packBuilder) (out [][]byte) {
		if err := p.each(func(k int, b []byte) error {
			if k != len(out) {
				t.Fatalf("part %d comes as %d", len(out), k)
			}
			out = append(out, slices.Clone(b))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	mem := build()
	want := collect(mem)
	if len(want) != 5 || mem.spill != nil {
		t.Fatalf("%d parts in memory, spilled %v; want 5 in memory", len(want), mem.spill != nil)
	}
	old := packMemory
	t.Cleanup(func() { packMemory = old })
	packMemory = len(want[0]) + len(want[1])
	sp := build()
	if len(sp.parts) != 2 || len(sp.spilled) != 3 || sp.spill == nil {
		t.Fatalf("%d parts in memory, %d spilled; want 2 and 3", len(sp.parts), len(sp.spilled))
	}
	if got := collect(sp); !slices.EqualFunc(got, want, slices.Equal) || !slices.Equal(sp.counts, mem.counts) {
		t.Fatal("the spilled pack's parts differ from the pack held in memory")
	}
	name := sp.spill.Name()
	sp.discard()
	if _, err := os.Stat(name); !os.IsNotExist(err) {
		t.Fatalf("the temporary file is still there: %v", err)
	}

	i := 0
	for k, part := range want {
		err := unpackPart(part, mem.counts[k], func(unit, group, rater, item uint64, score float64) error {
			r := &rows[i]
			if mem.units.codes[unit] != r.Unit || mem.groups.codes[group] != r.Group || mem.items.codes[item] != r.Item ||
				[32]byte(mem.raters[32*rater:32*rater+32]) != r.Pseudonym || math.Float64bits(score) != math.Float64bits(r.Score) {
				return fmt.Errorf("row %d unpacks as %d %d %d %d %v", i, unit, group, rater, item, score)
			}
			i++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if i != len(rows) {
		t.Fatalf("unpacked %d rows of %d", i, len(rows))
	}
}
