#!/usr/bin/env bash
# How long `limber check` takes on stretches whose front matter is large: lists of 5,000, 10,000
# and 50,000 cues (the last refused at its item 10,001, but measured), 1 MB of front matter, and
# lists nested 60,000 deep (refused at level 65). Reading is linear: 10,000 items take about twice
# what 5,000 take, above the site's own time (the first line).
# Usage: bench/yaml.sh   (run `make release` first; LIMBER= another binary, ROUNDS= runs, default 5;
# COPIES= stretches of each kind in the site, default 10, so that their reading stands out of the
# site's own time)
set -euo pipefail
cd "$(dirname "$0")/.."
limber=${LIMBER:-.build/release/limber}
rounds=${ROUNDS:-5}
copies=${COPIES:-10}
[ -x "$limber" ] || { echo "build the release binary first: make release" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Wall-clock and CPU (user + system) seconds of one run: on a busy machine CPU time is the steadier.
TIMEFORMAT='%R %U %S'
run() { { time "$@" > /dev/null 2>&1 || true; } 2>&1 | awk '{printf "%.3f %.3f\n", $1, $2 + $3}'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# One site per case: the repository's content and theme, and content/stretches/big.md.
case_site() {
  local name=$1
  mkdir -p "$work/$name"
  cp -r content templates "$work/$name/"
  python3 - "$work/$name/content/stretches" "$name" "$copies" <<'PY'
import sys
folder, case, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
head = "---\ntitle: Big\nsummary: A very large file.\nkind: static\nlevel: beginner\ntargets: [hips]\ndose: 30 s\n"
if case.startswith("items-"):
    count = int(case.split("-")[1])
    yaml = "cues:\n" + "".join(f"  - Breathe {i}\n" for i in range(count))
elif case == "one-megabyte":
    line = "  - " + "Breathe out slowly and let the hips sink a little further. " * 3 + "\n"
    yaml = "cues:\n" + line * ((1_000_000 - 6) // len(line))
elif case == "nested-60000":
    yaml = "cautions: " + "[" * 60_000 + "]" * 60_000 + "\n"
else:
    yaml = ""
for copy in range(copies if case != "none" else 0):
    open(f"{folder}/big-{copy}.md", "w").write(head + yaml + "---\nBody.\n")
PY
}

printf 'median of %d runs of `limber check` on the repository site with %d such stretches, in seconds\n' \
  "$rounds" "$copies"
printf '%-14s %9s %7s %7s  %s\n' case "bytes/file" wall cpu "first line of the output"
for name in none items-5000 items-10000 items-50000 one-megabyte nested-60000; do
  case_site "$name"
  walls=(); cpus=()
  for _ in $(seq "$rounds"); do
    read -r wall cpu < <(run "$limber" check "$work/$name")
    walls+=("$wall"); cpus+=("$cpu")
  done
  size=0
  [ -f "$work/$name/content/stretches/big-0.md" ] && size=$(wc -c < "$work/$name/content/stretches/big-0.md")
  said=$("$limber" check "$work/$name" 2>&1 | head -1 | sed 's|^content/stretches/||' | cut -c1-80 || true)
  printf '%-14s %9d %7s %7s  %s\n' "$name" "$size" "$(printf '%s\n' "${walls[@]}" | median)" \
    "$(printf '%s\n' "${cpus[@]}" | median)" "$said"
done
