#!/usr/bin/env bash
# Prints the development master key (32 random bytes, hex) that encrypts the institutes' signing
# keys at rest, creating .data/master.key (mode 600) on first use. Production sets
# EVALBENCH_MASTER_KEY from its secret store instead.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
f="$top/.data/master.key"
if [ ! -s "$f" ]; then
  mkdir -p "$top/.data"
  umask 077
  head -c 32 /dev/urandom | od -An -v -tx1 | tr -d ' \n' > "$f"
fi
cat "$f"
