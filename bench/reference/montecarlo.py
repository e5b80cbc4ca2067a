#!/usr/bin/python3
"""Vectorised NumPy reference for evalbench's Monte Carlo weight-uncertainty benchmark.

The same computation as statistics.BenchmarkMonteCarlo (the problem is generated here with
NumPy's own generator, so the numbers differ while the workload is identical): 300 units x 120
indicators in a 4 x 5 x 6 weight tree with local weights proportional to 1, 2, 3, 1, 2, ...;
100,000 samples in which every sibling group is redrawn from Dirichlet(c * w), c = 100; global
weights are the products down the tree and scores S = G X^T. Per unit it accumulates the score
sum, a histogram of 10,000 bins on 0-100 (0.01 points), the rank distribution (unit x rank
counts), counts of three grade bands, and for neighbours in the base ranking the number of
swaps (ranks order by score, ties by base rank). It returns what statistics.MonteCarlo returns:
base score and rank, mean, 5/50/95 % score percentiles (read from the histograms with
interpolation inside the bin), 5/50/95 % rank quantiles, band probabilities and swap
probabilities. Samples are streamed in chunks so memory does not grow with their number, as in
evalbench; the score matrix product runs in the BLAS NumPy loaded (printed, via threadpoolctl).

Usage: montecarlo.py [samples] [chunk]
"""
import sys
import time

import numpy as np

UNITS, TOP, MID, LEAF = 300, 4, 5, 6
BINS = 10000
BANDS = np.array([60.0, 75.0, 90.0])
CONC = 100.0


def local_weights(k):
    w = 1.0 + (np.arange(k) % 3)
    return w / w.sum()


def problem(rng):
    n = TOP * MID * LEAF
    q = rng.random(UNITS)[:, None] * 30
    x = np.minimum(100.0, 40 + q + rng.random((UNITS, n)) * 30)
    return x


def run(samples, chunk, seed=1):
    rng = np.random.default_rng(seed)
    x = problem(rng)
    wt, wm, wl = local_weights(TOP), local_weights(MID), local_weights(LEAF)
    n = TOP * MID * LEAF
    # Index of each leaf's top and middle group.
    leaf = np.arange(n)
    top_of = leaf // (MID * LEAF)
    mid_of = leaf // LEAF  # 0 .. TOP*MID-1
    pos_in_leaf = leaf % LEAF

    g_base = (wt[top_of] * wm[mid_of % MID] * wl[pos_in_leaf])
    base = x @ g_base
    order = np.argsort(-base, kind="stable")

    xt = np.ascontiguousarray(x.T)
    total = np.zeros(UNITS)
    hist = np.zeros(UNITS * BINS, dtype=np.int64)
    rankc = np.zeros(UNITS * UNITS, dtype=np.int64)
    bandc = np.zeros(UNITS * (len(BANDS) + 1), dtype=np.int64)
    swaps = np.zeros(UNITS - 1, dtype=np.int64)
    unit_idx = np.arange(UNITS)
    rank_row = np.broadcast_to(np.arange(UNITS), (chunk, UNITS))

    done = 0
    while done < samples:
        b = min(chunk, samples - done)
        t = rng.gamma(CONC * wt, size=(b, TOP))
        t /= t.sum(axis=1, keepdims=True)
        m = rng.gamma(CONC * np.tile(wm, TOP), size=(b, TOP * MID)).reshape(b, TOP, MID)
        m /= m.sum(axis=2, keepdims=True)
        l = rng.gamma(CONC * np.tile(wl, TOP * MID), size=(b, TOP * MID * LEAF)).reshape(b, TOP * MID, LEAF)
        l /= l.sum(axis=2, keepdims=True)
        g = t[:, top_of] * m.reshape(b, TOP * MID)[:, mid_of] * l.reshape(b, n)
        s = g @ xt  # b x UNITS
        total += s.sum(axis=0)
        bins = np.minimum((s * (BINS / 100)).astype(np.int64), BINS - 1)
        hist += np.bincount((unit_idx * BINS + bins).ravel(), minlength=UNITS * BINS)
        # Order by score, ties by base rank (as evalbench): a stable sort of the columns taken in
        # base order, mapped back to unit numbers.
        ordr = order[np.argsort(-s[:, order], axis=1, kind="stable")]
        ranks = np.empty_like(ordr)
        np.put_along_axis(ranks, ordr, rank_row[:b], axis=1)
        rankc += np.bincount((unit_idx * UNITS + ranks).ravel(), minlength=UNITS * UNITS)
        band = np.searchsorted(BANDS, s, side="right")
        bandc += np.bincount((unit_idx * (len(BANDS) + 1) + band).ravel(), minlength=bandc.size)
        r_sorted = ranks[:, order]
        swaps += (r_sorted[:, 1:] < r_sorted[:, :-1]).sum(axis=0)
        done += b

    mean = total / samples
    h = hist.reshape(UNITS, BINS)
    cum = np.cumsum(h, axis=1)

    def hq(p):
        target = p * samples
        k = (cum < target).sum(axis=1)
        prev = np.where(k > 0, cum[unit_idx, np.maximum(k - 1, 0)], 0)
        cnt = h[unit_idx, k]
        return (k + (target - prev) / cnt) * (100 / BINS)

    p5, p50, p95 = hq(0.05), hq(0.5), hq(0.95)
    rc = np.cumsum(rankc.reshape(UNITS, UNITS), axis=1)

    def rq(p):
        return (rc < p * samples).sum(axis=1) + 1

    base_rank = np.empty(UNITS, dtype=np.int64)
    base_rank[order] = np.arange(1, UNITS + 1)
    band_p = bandc.reshape(UNITS, len(BANDS) + 1) / samples
    return dict(base=base, base_rank=base_rank, mean=mean, p5=p5, p50=p50, p95=p95,
                rank_p5=rq(0.05), med_rank=rq(0.5), rank_p95=rq(0.95), band_p=band_p,
                swap_p=swaps / samples)


def blas():
    """The BLAS NumPy loaded, as threadpoolctl sees it (None without threadpoolctl)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return None
    for lib in threadpool_info():
        if lib.get("user_api") == "blas":
            return lib
    return {}


def main():
    samples = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    chunk = int(sys.argv[2]) if len(sys.argv) > 2 else 4096
    t0 = time.perf_counter()
    r = run(samples, chunk)
    dt = time.perf_counter() - t0
    lib = blas()
    if lib is None:
        b = "BLAS unknown (no threadpoolctl)"
    elif not lib:
        b = "BLAS not seen by threadpoolctl (reference BLAS?)"
    else:
        b = (f"BLAS {lib.get('internal_api')} {lib.get('version')} {lib.get('threading_layer', '')}, "
             f"kernel {lib.get('architecture')}, {lib.get('num_threads')} threads, {lib.get('filepath')}")
    print(f"numpy {np.__version__} ({b}): {samples} samples, 300 units x 120 indicators: {dt:.3f} s")
    print(f"  unit 0: mean {r['mean'][0]:.3f} p5 {r['p5'][0]:.3f} p50 {r['p50'][0]:.3f} p95 {r['p95'][0]:.3f} "
          f"median rank {r['med_rank'][0]}")


if __name__ == "__main__":
    main()
