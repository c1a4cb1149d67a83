#!/usr/bin/env bash
# Replays inputs through the fuzz target without sanitizers, with a normal build of `limber-fuzz`:
#   scripts/fuzz-replay.sh [FILE|FOLDER…]   (default: the seed corpus fuzz/seeds/)
# Prints each input that breaks an invariant, then "N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --scratch-path .build-fuzzcheck --product limber-fuzz >&2
export LIMBER_THEME_SITE="$PWD"
if [ $# -eq 0 ]; then set -- fuzz/seeds; fi
exec .build-fuzzcheck/debug/limber-fuzz "$@"
