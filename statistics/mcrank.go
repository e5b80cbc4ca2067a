package statistics

import (
	"cmp"
	"slices"
)

// mcRankBuckets is the number of buckets of the ranking's counting pass.
const mcRankBuckets = 512

// mcRanker orders one sample's scores. Its scratch is reused by every sample of a worker slot.
type mcRanker struct {
	idx []int32   // positions in rank order (the result)
	wk  []float64 // their keys, in the same order
	bkt []uint16  // bucket of each position
	cnt []int32   // bucket counts, then next free slot
}

func newMCRanker(n int) *mcRanker {
	return &mcRanker{idx: make([]int32, n), wk: make([]float64, n), bkt: make([]uint16, n), cnt: make([]int32, mcRankBuckets)}
}

// order sets r.idx to the positions 0…n−1 of key ordered by key descending, ties by position
// ascending — a total order, so the result is unique whatever the algorithm: it equals a stable
// sort by descending key (TestMCRankerMatchesSort). key must hold no NaN.
//
// A counting sort (Cormen, Leiserson, Rivest & Stein, Introduction to Algorithms, 3rd ed., 2009,
// §8.2) on bucket b(v) = ⌊(max − v)·(B − 1)/(max − min)⌋, B = mcRankBuckets, comes first: b is
// non-increasing in v (each rounded operation is monotone), so the buckets are already in the
// final order, and the counting sort keeps positions ascending inside a bucket. A stable
// insertion sort then orders each bucket's few keys — the bucket sort of §8.4 without the lists.
// The cost is O(n + B) plus the inversions inside buckets, against O(n + all inversions) for an
// insertion sort from position order, whose unpredictable inner-loop exits dominated it. If a
// bucket holds most keys (a few far-off scores stretching the range), the insertion sort's
// budget runs out and a general sort takes over, as before.
func (r *mcRanker) order(key []float64) {
	n := len(key)
	idx, wk := r.idx[:n], r.wk[:n]
	if n == 0 {
		return
	}
	// The bucket range is taken from the first and last key, which in MonteCarlo are the
	// scores of the units ranked first and last with the given weights, so close to the
	// extremes; keys outside it are clamped to the end buckets, which keeps b monotone (the
	// insertion sort orders them), so any range gives the same result. Only if the two keys
	// do not span a range are the true extremes searched.
	hi, lo := key[0], key[n-1]
	if !(hi > lo) {
		for _, v := range key {
			if v < lo {
				lo = v
			}
			if v > hi {
				hi = v
			}
		}
	}
	scale := (mcRankBuckets - 1) / (hi - lo)
	if !(scale <= 1e300) || scale == 0 {
		// All keys equal (hi = lo), a range too narrow to bucket or one that overflows:
		// insertion sort from position order.
		for k, v := range key {
			idx[k], wk[k] = int32(k), v
		}
	} else {
		bkt, cnt := r.bkt[:n], r.cnt[:mcRankBuckets]
		clear(cnt)
		for k, v := range key {
			// (hi − v)·scale is finite (scale is, and v and hi are finite) and non-decreasing
			// as v decreases; clamping it to [0, B − 1] before the conversion keeps that.
			b := int(min(max((hi-v)*scale, 0), mcRankBuckets-1))
			bkt[k] = uint16(b)
			cnt[b]++
		}
		var start int32
		for b, c := range cnt {
			cnt[b] = start
			start += c
		}
		for k, v := range key {
			b := bkt[k]
			p := cnt[b]
			cnt[b] = p + 1
			idx[p], wk[p] = int32(k), v
		}
	}
	budget := 16 * n
	for p := 1; p < n; p++ {
		v := wk[p]
		if !(wk[p-1] < v) {
			continue
		}
		id := idx[p]
		q := p
		for q > 0 && wk[q-1] < v {
			wk[q], idx[q] = wk[q-1], idx[q-1]
			q--
		}
		wk[q], idx[q] = v, id
		if budget -= p - q; budget < 0 {
			for k := range idx {
				idx[k] = int32(k)
			}
			slices.SortFunc(idx, func(x, y int32) int {
				switch {
				case key[x] > key[y]:
					return -1
				case key[x] < key[y]:
					return 1
				}
				return cmp.Compare(x, y)
			})
			return
		}
	}
}
