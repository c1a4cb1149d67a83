#!/usr/bin/env python3
"""Where a build's CPU goes, from a `perf record -e cpu-clock -g` of one `limber build`:

    perf record -e cpu-clock -g -o build.perf .build/release/limber build -q SITE --output /dev/shm/out
    bench/perf-split.py build.perf

Each sample is counted once, under the first of these parts that one of its stack's frames
belongs to: rendering (the page views and the templates), Markdown (cmark-gfm), front matter
(YAML and the field checks), the cache, writing files, else the rest. glibc has no frame pointers,
so a sample in malloc or free has no callers and counts in the rest. With --tags it also splits
rendering by what it was doing (building views, looking names up, escaping).

The frames of swift-mustache, which rendered Limber's templates before its own engine did, are
still counted as rendering, so profiles of older builds split the same way."""
import argparse
import collections
import subprocess
import sys

PARTS = [
    # Views, the templates and what only pages show (JSON-LD, QR codes, libqrencode's own frames)
    # are rendering; `ViewText` and `CardView` are the views as they were before they were typed,
    # `8Mustache` is swift-mustache.
    ("rendering", ("8Mustache", "ViewBuilder", "10TemplateView", "10ViewFields", "9ViewField", "StructuredData",
                   "6QRCode", "5ThemeV6render", "5ThemeV11renderBytes", "15TemplateLibrary", "16TemplateRenderer",
                   "13TemplateValue", "9SharedBox", "7ViewBox", "7ViewRef", "8ViewList", "10AssetsView",
                   "10PlayerData", "8JSONText", "LimberHTML",
                   "11renderPages", "8ViewText", "8CardView",
                   "Mask_", "QRcode_", "QRspec_", "QRinput_", "RSECC_", "BitStream_")),
    ("markdown", ("CommonMark", "cmark_")),
    ("front matter", ("yaml_", "4YAML", "6Fields", "11FrontMatter", "4Dose")),
    ("cache", ("BuildCache", "CacheWriter", "CacheReader", "CacheFile")),
    ("writing files", ("StagedOutput", "InPlaceOutput", "FileStamp")),
]

# Inside rendering: the leaf-most frame that says what the renderer was doing (the first names
# are swift-mustache's, the second Limber's engine's).
TAGS = [
    ("name lookup", ("getChild", "16TemplateRendererV6lookUp")),
    ("view fields", ("5child5named", "ViewFields", "ViewField", "value6number", "9SharedBox", "7ViewBox",
                     "7ViewRef")),
    ("building views (ViewBuilder, JSON-LD, QR codes)",
     ("ViewBuilder", "StructuredData", "6QRCode", "10PlayerData", "8JSONText", "Mask_", "QRcode_", "RSECC_")),
    ("escaping", ("LimberHTML", "escapeText")),
    ("sections and lists", ("renderSection", "renderInvertedSection", "withSequence", "withObject",
                            "12forEachValue")),
]


def samples(path):
    out = subprocess.run(["perf", "script", "-i", path, "-F", "comm,ip,sym"], capture_output=True, text=True,
                         check=True).stdout
    for block in out.split("\n\n"):
        lines = block.strip().split("\n")
        # Every thread of the build (its workers are named after their dispatch queue), not the
        # programs it starts (git).
        if not lines or not lines[0].strip() or lines[0].split()[0] in ("git", "perf"):
            continue
        yield [line.split(None, 1)[1] if len(line.split(None, 1)) > 1 else "" for line in lines[1:]]


def part_of(frames, parts):
    for name, marks in parts:
        if any(mark in frame for frame in frames for mark in marks):
            return name
    return "rest"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data", help="perf.data of one build")
    parser.add_argument("--tags", action="store_true", help="also split rendering by what the renderer did")
    args = parser.parse_args()
    counts = collections.Counter()
    tags = collections.Counter()
    total = 0
    for frames in samples(args.data):
        total += 1
        part = part_of(frames, PARTS)
        counts[part] += 1
        if part == "rendering":
            for frame in frames:
                found = next((name for name, marks in TAGS if any(mark in frame for mark in marks)), None)
                if found:
                    tags[found] += 1
                    break
            else:
                tags["other rendering"] += 1
    if not total:
        sys.exit("no samples in " + args.data)
    print(f"{total} samples")
    for name, _ in PARTS + [("rest", ())]:
        print(f"  {name:<16} {100 * counts[name] / total:5.1f} %")
    if args.tags:
        print("rendering, by its leaf-most telling frame (% of the whole build):")
        for name, count in tags.most_common():
            print(f"  {name:<30} {100 * count / total:5.1f} %")


if __name__ == "__main__":
    main()
