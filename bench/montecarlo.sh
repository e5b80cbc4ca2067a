#!/bin/sh
# Runs the Monte Carlo weight-uncertainty benchmark of issue 4 (300 units × 120 indicators in a
# 3-level tree, Dirichlet weights) with evalbench and with the vectorised NumPy reference on the
# same machine, printing wall time and peak resident memory of each, for SAMPLES samples (default
# 100000) and, to show that memory does not grow with the sample count, for 10× fewer. evalbench
# runs on all cores and again with GOMAXPROCS=1 (Debian's NumPy with its reference BLAS uses one).
# The machine should be otherwise idle: both runs use every core.
# Usage: bench/montecarlo.sh [SAMPLES [REPEAT]]
set -eu
cd "$(dirname "$0")/.."
SAMPLES=${1:-100000}
SMALL=$((SAMPLES / 10))
REPEAT=${2:-1}
PY=/usr/bin/python3
BIN=$(mktemp -d)/montecarlo
trap 'rm -rf "$(dirname "$BIN")"' EXIT
go build -o "$BIN" ./bench/montecarlo
echo "machine: $(nproc) CPUs, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
peak() { /usr/bin/time -f '  peak RSS %M KiB, wall %e s' "$@"; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
i=0
while [ "$i" -lt "$REPEAT" ]; do
	for n in "$SAMPLES" "$SMALL"; do
		peak "$BIN" -samples "$n"
		GOMAXPROCS=1 peak "$BIN" -samples "$n"
		if "$PY" -c 'import numpy' 2>/dev/null; then
			peak "$PY" bench/reference/montecarlo.py "$n"
		else
			echo "numpy: not installed for $PY (apt-get install python3-numpy)"
		fi
	done
	i=$((i + 1))
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
