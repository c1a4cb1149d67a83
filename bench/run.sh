#!/usr/bin/env bash
# Limber's build benchmark against Hugo and the cmark-gfm floor (see bench/README.md).
# Usage: bench/run.sh [N ...]          default: 1000 10000; e.g. bench/run.sh 1000 10000 50000
#   LIMBER=path   the limber binary (default: .build/release/limber, built by `make release`)
#   ROUNDS=R      runs of each build (default: 5 up to N=2,000, 3 up to 20,000, else 2)
#   KEEP=1        keep the generated sites (printed at the end)
#   NO_HUGO=1     measure Limber and the floor only (quick, e.g. for N=50000)
#   BENCH_DIR=dir where to generate and build the sites (default: a new folder in $TMPDIR or /tmp);
#                 e.g. BENCH_DIR=/dev/shm/limber-bench to take the disk out of the measurement
set -euo pipefail
cd "$(dirname "$0")/.."
limber=${LIMBER:-.build/release/limber}
if [ ! -x "$limber" ]; then
  echo "no limber binary at $limber: run 'make release' first, or set LIMBER=path" >&2
  exit 1
fi
args=(--limber "$limber")
[ -n "${ROUNDS:-}" ] && args+=(--rounds "$ROUNDS")
[ -n "${KEEP:-}" ] && args+=(--keep)
[ -n "${NO_HUGO:-}" ] && args+=(--no-hugo)
[ -n "${BENCH_DIR:-}" ] && args+=(--work "$BENCH_DIR")
exec python3 bench/bench.py "${args[@]}" "$@"
