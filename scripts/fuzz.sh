#!/usr/bin/env bash
# Fuzzes front matter, doses, routines and page rendering with libFuzzer:
#   scripts/fuzz.sh SECONDS [libFuzzer options…]
# Builds `limber-fuzz` with -sanitize=fuzzer,address into .build-fuzz/, then runs it for SECONDS
# over the work corpus .build-fuzz/corpus/ (new inputs go there; not in git) and the seed corpus
# fuzz/seeds/. A crash, hang or broken invariant is written to fuzz/crashes/ and ends the run with
# a non-zero status: minimise it (-minimize_crash=1), fix it, and add it to fuzz/seeds/.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh SECONDS [libFuzzer options…]" >&2
  exit 2
fi
seconds="$1"
shift

swift build -c release --scratch-path .build-fuzz --product limber-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DLIMBER_FUZZ \
  -Xcc -fsanitize=fuzzer-no-link,address

mkdir -p .build-fuzz/corpus fuzz/crashes
export LIMBER_THEME_SITE="$PWD"
# Let libFuzzer report a crash rather than Swift's backtracer.
export SWIFT_BACKTRACE=enable=no
exec .build-fuzz/release/limber-fuzz \
  -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
  -dict=fuzz/limber.dict -artifact_prefix=fuzz/crashes/ -print_final_stats=1 "$@" \
  .build-fuzz/corpus fuzz/seeds
