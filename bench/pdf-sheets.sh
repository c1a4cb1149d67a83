#!/usr/bin/env bash
# How much `limber build --pdf` adds on a site of 20 routines, against the simple alternative of one
# `chromium --print-to-pdf` process a sheet, two at a time (this machine has 2 cores).
# Usage: bench/pdf-sheets.sh [ROUTINES]   (run `make release` first)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-20}
limber=.build/release/limber
[ -x "$limber" ] || { echo "build the release binary first: make release" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r content templates "$work/"
for i in $(seq 2 "$count"); do
  sed "s/^title: .*/title: Hip Flexor Relief $i/" content/routines/hip-flexor-relief.md > "$work/content/routines/relief-$i.md"
done

seconds() { local start end; start=$(date +%s.%N); "$@" > /dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

plain=(); pdf=(); processes=()
for run in 1 2 3; do
  plain+=("$(seconds "$limber" build "$work" -o "$work/out-plain")")
  pdf+=("$(seconds "$limber" build "$work" -o "$work/out-pdf" --pdf)")
  processes+=("$(seconds bash -c "ls -d '$work'/out-plain/routines/*/sheet | xargs -P 2 -I{} sh -c 'chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf={}/sheet.pdf file://{}/index.html'")")
done
p=$(printf '%s\n' "${plain[@]}" | median)
q=$(printf '%s\n' "${pdf[@]}" | median)
r=$(printf '%s\n' "${processes[@]}" | median)
pdfs=$(find "$work/out-pdf" -name '*.pdf' | wc -l)
printf 'routines: %d, PDFs written: %d, median of 3 runs\n' "$count" "$pdfs"
printf '%-46s %8.2f s\n' "limber build" "$p"
printf '%-46s %8.2f s  (adds %.2f s)\n' "limber build --pdf (one browser, DevTools pipe)" "$q" "$(echo "$q - $p" | bc)"
printf '%-46s %8.2f s\n' "chromium --print-to-pdf, a process a sheet, x2" "$r"
printf 'ratio: a process a sheet takes %.1fx the time --pdf adds\n' "$(echo "$r / ($q - $p)" | bc -l)"
