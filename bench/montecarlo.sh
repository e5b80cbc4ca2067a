#!/bin/sh
# Monte Carlo weight-uncertainty benchmark (issues 4 and 15): 300 units × 120 indicators in a
# 4 × 5 × 6 weight tree, Dirichlet weights (concentration 100), three grade bands, SAMPLES samples
# (default 100000). evalbench (bench/montecarlo) is paired against the vectorised NumPy reference
# (bench/reference/montecarlo.py) with an optimised BLAS, in alternating rounds:
#
#   Go GOMAXPROCS=1, NumPy OPENBLAS_NUM_THREADS=1, Go GOMAXPROCS=all, NumPy OPENBLAS_NUM_THREADS=all
#
# (NumPy first in each pair in even rounds) ROUNDS times (default 5), then prints the median compute time (as each program measures it),
# wall time and peak RSS (/usr/bin/time) of each configuration, the ratios, the BLAS NumPy loaded
# and its kernel (threadpoolctl), evalbench's score kernel, and the load average before, during
# and after. A last round at SAMPLES/10 shows that memory does not grow with the sample count.
#
# It installs nothing. It needs Debian's python3-numpy with OpenBLAS selected and
# python3-threadpoolctl for /usr/bin/python3, and refuses to run otherwise (saying what to
# install), so that the comparison is never silently made against the reference BLAS.
# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, if set, are removed for the NumPy runs only, so that
# OpenBLAS picks its kernel for this CPU (printed).
#
# Usage: bench/montecarlo.sh [SAMPLES [ROUNDS]]   (MC_PYTHON overrides /usr/bin/python3)
set -eu
cd "$(dirname "$0")/.."
SAMPLES=${1:-100000}
ROUNDS=${2:-5}
SMALL=$((SAMPLES / 10))
PY=${MC_PYTHON:-/usr/bin/python3} # Debian's python3-numpy is for the system Python
ALL=$(nproc)
NP="env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE"

missing=""
[ -x /usr/bin/time ] || missing="$missing time"
if ! [ -x "$PY" ] || ! $NP "$PY" -c 'import numpy' 2>/dev/null; then missing="$missing python3-numpy"; fi
if ! $NP "$PY" -c 'import threadpoolctl' 2>/dev/null; then missing="$missing python3-threadpoolctl"; fi
if [ -n "$missing" ]; then
	echo "bench/montecarlo.sh: missing for $PY:$missing" >&2
	echo "  install with: apt-get install -y$missing libopenblas0-pthread" >&2
	exit 1
fi
blas=$(cd /tmp && $NP "$PY" -c '
from threadpoolctl import threadpool_info
import numpy
b = [l for l in threadpool_info() if l.get("user_api") == "blas"]
print("%s %s %s %s %s" % ((b[0].get("internal_api"), b[0].get("version"), b[0].get("threading_layer"), b[0].get("architecture"), b[0].get("filepath")) if b else ("none",) * 5))
') || blas=error
set -- $blas none
if [ "$1" != openblas ]; then
	echo "bench/montecarlo.sh: NumPy for $PY does not load OpenBLAS (threadpoolctl sees: $blas)." >&2
	echo "  install and select it: apt-get install -y libopenblas0-pthread &&" >&2
	echo "  update-alternatives --set libblas.so.3-x86_64-linux-gnu /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 &&" >&2
	echo "  update-alternatives --set liblapack.so.3-x86_64-linux-gnu /usr/lib/x86_64-linux-gnu/openblas-pthread/liblapack.so.3" >&2
	exit 1
fi
BLAS_LINE="OpenBLAS $2 ($3), kernel $4, $5"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
BIN=$TMP/montecarlo
go build -o "$BIN" ./bench/montecarlo

echo "machine: $ALL CPUs, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(go version | cut -d' ' -f3)"
echo "numpy: $(cd /tmp && "$PY" -c 'import numpy; print(numpy.__version__)') for $PY (Python $("$PY" -c 'import platform; print(platform.python_version())'))"
echo "BLAS: $BLAS_LINE"
KERNEL=$("$BIN" -samples 1 | sed -n 's/.*, \([^,]*\) score kernel).*/\1/p')
echo "evalbench: $KERNEL score kernel (the AVX-512, AVX2 and portable kernels give the same bits)"
echo "libblas.so.3 -> $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo '?'); liblapack.so.3 -> $(readlink -f /usr/lib/x86_64-linux-gnu/liblapack.so.3 2>/dev/null || echo '?')"
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE-<unset>} OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE-<unset>} in this shell (unset for NumPy)"
echo "$SAMPLES samples, $ROUNDS paired rounds"

loads="$(cut -d' ' -f1 /proc/loadavg)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# run NAME SAMPLES COMMAND…: appends "NAME SAMPLES compute wall rssKiB cpu" to $TMP/results (cpu: user +
# system seconds of the process, all threads).
run() {
	name=$1 n=$2
	shift 2
	/usr/bin/time -f '%e %M %U %S' -o "$TMP/time" "$@" >"$TMP/out" 2>&1 || { cat "$TMP/out" >&2; exit 1; }
	compute=$(sed -n 's/.*indicators: \([0-9.]*\) s.*/\1/p' "$TMP/out" | head -n 1)
	set -- $(tail -n 1 "$TMP/time")
	cpu=$(echo "$3 $4" | awk '{printf "%.2f", $1 + $2}')
	echo "$name $n $compute $1 $2 $cpu" >>"$TMP/results"
	printf '  %-9s %8s samples: %7s s compute, %7s s wall, %6s s CPU, %7.1f MB peak RSS\n' "$name" "$n" "$compute" "$1" "$cpu" "$(echo "$2" | awk '{print $1/1024}')"
}

r=1
while [ "$r" -le "$ROUNDS" ]; do
	echo "round $r (load average $(cut -d' ' -f1-3 /proc/loadavg))"
	# Odd rounds run evalbench first in each pair, even rounds NumPy, so that an order effect
	# (the second run of a pair meeting a different queue or cache) favours neither.
	if [ $((r % 2)) -eq 1 ]; then
		run Go-1 "$SAMPLES" env GOMAXPROCS=1 "$BIN" -samples "$SAMPLES"
		run NumPy-1 "$SAMPLES" $NP OPENBLAS_NUM_THREADS=1 "$PY" bench/reference/montecarlo.py "$SAMPLES"
		run Go-$ALL "$SAMPLES" env GOMAXPROCS="$ALL" "$BIN" -samples "$SAMPLES"
		run NumPy-$ALL "$SAMPLES" $NP OPENBLAS_NUM_THREADS="$ALL" "$PY" bench/reference/montecarlo.py "$SAMPLES"
	else
		run NumPy-1 "$SAMPLES" $NP OPENBLAS_NUM_THREADS=1 "$PY" bench/reference/montecarlo.py "$SAMPLES"
		run Go-1 "$SAMPLES" env GOMAXPROCS=1 "$BIN" -samples "$SAMPLES"
		run NumPy-$ALL "$SAMPLES" $NP OPENBLAS_NUM_THREADS="$ALL" "$PY" bench/reference/montecarlo.py "$SAMPLES"
		run Go-$ALL "$SAMPLES" env GOMAXPROCS="$ALL" "$BIN" -samples "$SAMPLES"
	fi
	loads="$loads $(cut -d' ' -f1 /proc/loadavg)"
	r=$((r + 1))
done
echo "memory at $SMALL samples"
run Go-$ALL "$SMALL" env GOMAXPROCS="$ALL" "$BIN" -samples "$SMALL"
run NumPy-$ALL "$SMALL" $NP OPENBLAS_NUM_THREADS="$ALL" "$PY" bench/reference/montecarlo.py "$SMALL"
loads="$loads $(cut -d' ' -f1 /proc/loadavg)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); 1-minute figures sampled: $loads"

echo
echo "medians of $ROUNDS rounds, $SAMPLES samples (BLAS: $BLAS_LINE; evalbench: $KERNEL score kernel)"
awk -v n="$SAMPLES" -v all="$ALL" '
function median(a, k,   i, j, t) {
	for (i = 2; i <= k; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
	return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
}
$2 == n {
	c = ++cnt[$1]; comp[$1, c] = $3; wall[$1, c] = $4; rss[$1, c] = $5; cpu[$1, c] = $6
}
END {
	split("Go-1 NumPy-1 Go-" all " NumPy-" all, names, " ")
	print "| configuration | compute (median) | wall (median) | CPU user+sys (median) | peak RSS (median) | runs |"
	print "|---|---|---|---|---|---|"
	for (i = 1; i <= 4; i++) {
		k = cnt[names[i]]
		for (j = 1; j <= k; j++) { x[j] = comp[names[i], j]; y[j] = wall[names[i], j]; z[j] = rss[names[i], j]; v[j] = cpu[names[i], j] }
		mc[names[i]] = median(x, k); mw[names[i]] = median(y, k); mr = median(z, k); mu[names[i]] = median(v, k)
		printf "| %s | %.2f s | %.2f s | %.2f s | %.1f MB | %d |\n", names[i], mc[names[i]], mw[names[i]], mu[names[i]], mr / 1024, k
	}
	g1 = "Go-1"; p1 = "NumPy-1"; ga = "Go-" all; pa = "NumPy-" all
	# Paired ratios: the NumPy run of each round against the Go run of the same round, then the median.
	k = cnt[g1]
	printf "\nper round, NumPy/Go compute (1 core | %d cores):", all
	for (j = 1; j <= k; j++) {
		r1[j] = comp[p1, j] / comp[g1, j]; ra[j] = comp[pa, j] / comp[ga, j]
		c1[j] = cpu[p1, j] / cpu[g1, j]; ca[j] = cpu[pa, j] / cpu[ga, j]
		printf " %.2f|%.2f", r1[j], ra[j]
	}
	printf "\nmedian of the paired ratios, compute: 1 core %.2fx, %d cores %.2fx; CPU seconds: 1 core %.2fx, %d cores %.2fx\n", median(r1, k), all, median(ra, k), median(c1, k), all, median(ca, k)
	printf "\nNumPy/Go, compute: 1 core %.2fx, %d cores %.2fx; NumPy on %d threads / Go on 1 core %.2fx\n", mc[p1] / mc[g1], all, mc[pa] / mc[ga], all, mc[pa] / mc[g1]
	printf "NumPy/Go, wall:    1 core %.2fx, %d cores %.2fx\n", mw[p1] / mw[g1], all, mw[pa] / mw[ga]
	printf "NumPy/Go, CPU:     1 core %.2fx, %d cores %.2fx\n", mu[p1] / mu[g1], all, mu[pa] / mu[ga]
	printf "scaling 1 -> %d: Go %.2fx, NumPy %.2fx\n", all, mc[g1] / mc[ga], mc[p1] / mc[pa]
}' "$TMP/results"
