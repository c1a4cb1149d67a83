#!/usr/bin/env bash
# The most memory `limber build` holds (peak resident set, from /usr/bin/time -v) on the basic test
# site with one 9990×9990 picture as a stretch's picture: small files that decode to hundreds of
# megabytes, and the plain ones Limber reads row by row.
# Usage: bench/picture-memory.sh [LIMBER]   (default .build/debug/limber; needs vips and python3)
set -euo pipefail
cd "$(dirname "$0")/.."
limber=${1:-.build/debug/limber}
[ -x "$limber" ] || { echo "build limber first: swift build" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A flat Adam7-interlaced PNG written directly (vips would hold it whole to write it).
flat_png() { # path width height bands bits
  python3 - "$@" <<'EOF'
import struct, sys, zlib
path, width, height, bands, bits = sys.argv[1], *map(int, sys.argv[2:6])
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
size = 0
for x0, y0, dx, dy in [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]:
    columns, rows = (width - x0 + dx - 1) // dx, (height - y0 + dy - 1) // dy
    if columns and rows: size += rows * (1 + columns * bands * bits // 8)
deflate, zeros, idat = zlib.compressobj(9), bytes(1 << 20), b""
while size > 0:
    idat += deflate.compress(zeros[: min(size, len(zeros))]); size -= len(zeros)
idat += deflate.flush()
header = struct.pack(">IIBBBBB", width, height, bits, {1: 0, 2: 4, 3: 2, 4: 6}[bands], 0, 0, 1)
with open(path, "wb") as out:
    out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
EOF
}

mkdir -p "$work/pictures"
flat_png "$work/pictures/interlaced-rgba16.png" 9990 9990 4 16
vips gaussnoise "$work/noise.v" 300 300 --mean 32768 --sigma 8000
vips cast "$work/noise.v" "$work/noise16.v" ushort
vips bandjoin "$work/noise16.v $work/noise16.v $work/noise16.v" "$work/noise3.v"
vips black "$work/black.v" 9990 9990 --bands 3
vips cast "$work/black.v" "$work/black16.v" ushort
vips insert "$work/black16.v" "$work/noise3.v" "$work/both.v" 100 100
vips copy "$work/both.v" "$work/pictures/plain-rgb16.png[bitdepth=16]"
rm -f "$work"/*.v
vips black "$work/pictures/progressive.jpg[interlace,Q=90]" 9990 9990 --bands 3
vips black "$work/pictures/baseline.jpg[Q=90]" 9990 9990 --bands 3
vips black "$work/pictures/flat.gif" 9990 9990 --bands 3

printf '%-24s %9s %10s  %s\n' picture "file KB" "peak MB" outcome
for picture in "$work"/pictures/*; do
  name=$(basename "$picture")
  site="$work/site-$name"
  cp -r Tests/LimberKitTests/Fixtures/sites/basic "$site"
  cp -r templates "$site/"
  cp "$picture" "$site/content/images/"
  sed -i "s#src: images/pigeon.svg#src: images/$name#" "$site/content/stretches/pigeon-pose.md"
  /usr/bin/time -v "$limber" build "$site" > "$work/out" 2>&1 || true
  peak=$(awk '/Maximum resident set size/ {print int($6 / 1024)}' "$work/out")
  outcome=$(grep -m1 -oE '^Built [0-9]+ pages|error: .*over the limit of [0-9]+ MB' "$work/out" | sed 's/.*would take/refused: would take/')
  printf '%-24s %9d %10d  %s\n' "$name" $(( $(stat -c %s "$picture") / 1024 )) "$peak" "$outcome"
done
