#!/usr/bin/env python3
"""What an author feels in the preview: the time from saving a file to the served page showing it.

Generates one site of N stretches (bench/generate.py), starts `limber serve` on it and `hugo server`
on the equivalent Hugo site (the doses' seconds in its front matter, bench/hugo-layouts/ with
bench/hugo-layouts-seconds/ over it), waits until both serve the page of the stretch it edits, then
saves a body edit and a front-matter edit (its summary) EDITS times each, one server at a time, and
times from the write to the served page containing the change, polling every 5 ms. Prints the
median and 95th percentile of each, and the ratio limber/hugo of the medians.

Usage: preview.py [--limber PATH] [--hugo PATH] [--profile heavy|long|light] [--edits K] [N]
       (default N: 10000). Run it through bench/run.sh's settings, or directly:
       python3 bench/preview.py --hugo .venv/lib/python3*/site-packages/hugo/binaries/hugo 10000
"""

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import generate  # noqa: E402

POLL_S = 0.005
# Editors save a burst of events; a preview waits a little for the burst to end. Both servers get
# the same pause between one measured save and the next.
BETWEEN_EDITS_S = 1.0
TARGET_MEDIAN_S = 0.1
TARGET_P95_S = 0.2
TARGET_HUGO_RATIO = 1 / 8


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def wait_for(url, marker, timeout):
    """Seconds until `url` serves a page containing `marker` (polling every 5 ms), or None."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        page = fetch(url)
        if page is not None and marker in page:
            return time.perf_counter() - started
        time.sleep(POLL_S)
    return None


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


class Server:
    def __init__(self, name, command, url, log):
        self.name, self.url = name, url
        self.log = open(log, "w")
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def edit_body(path, marker):
    with open(path, "a", encoding="utf-8") as f:
        f.write(f"\nHold it for one more slow breath ({marker}).\n")


def edit_front(path, marker):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    mark = '\nsummary: "' if '\nsummary: "' in text else "\nsummary: "
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(mark, f"{mark}({marker}) ", 1))


def measure(server, path, edits, kind):
    times = []
    for k in range(edits):
        marker = f"{kind}-edit-{k}-{time.monotonic_ns()}"
        time.sleep(BETWEEN_EDITS_S)
        (edit_body if kind == "body" else edit_front)(path, marker)
        took = wait_for(server.url, marker, timeout=60)
        if took is None:
            raise RuntimeError(f"{server.name} did not show a {kind} edit within 60 s (see its log)")
        times.append(took)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", nargs="?", type=int, default=10000, help="number of stretches (default 10000)")
    parser.add_argument("--limber", default=os.path.join(REPO, ".build", "release", "limber"))
    parser.add_argument("--hugo", help="the Hugo binary (default: hugo on PATH)")
    parser.add_argument("--no-hugo", action="store_true", help="measure Limber only")
    parser.add_argument("--profile", default="heavy", choices=generate.PROFILES)
    parser.add_argument("--edits", type=int, default=10, help="saves of each kind (default 10)")
    parser.add_argument("--work", help="where to generate the site (default: a new folder; /dev/shm is best)")
    args = parser.parse_args()

    limber = os.path.abspath(args.limber)
    if not os.access(limber, os.X_OK):
        sys.exit(f"no limber binary at {limber}: run 'make release' first, or pass --limber")
    hugo = None if args.no_hugo else (args.hugo or shutil.which("hugo"))
    work = args.work or tempfile.mkdtemp(prefix="limber-preview-")
    os.makedirs(work, exist_ok=True)
    print(f"limber: {limber}")
    if hugo:
        version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()
        print(f"hugo: {hugo} ({version[1] if len(version) > 1 else '?'})")
    print(f"cores: {os.cpu_count()}, load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    folder = os.path.join(work, f"{args.profile}-n{args.n}")
    info = generate.generate(args.n, folder, profile=args.profile)
    slug = info["edit"]
    print(f"generated {info['stretches']} stretches ({args.profile}) in {folder}; editing stretches/{slug}.md")

    servers = []
    results = {}
    try:
        port = free_port()
        limber_server = Server(
            "limber serve",
            [limber, "serve", os.path.join(folder, "limber"), "--port", str(port)],
            f"http://127.0.0.1:{port}/stretches/{slug}/",
            os.path.join(folder, "limber-serve.log"),
        )
        servers.append((limber_server, os.path.join(folder, "limber", "content", "stretches", slug + ".md")))
        if hugo:
            port = free_port()
            hugo_server = Server(
                "hugo server",
                [hugo, "server", "--source", os.path.join(folder, "hugo-seconds"), "--bind", "127.0.0.1",
                 "--port", str(port), "--disableFastRender", "--logLevel", "warn"],
                f"http://127.0.0.1:{port}/stretches/{slug}/",
                os.path.join(folder, "hugo-server.log"),
            )
            servers.append((hugo_server, os.path.join(folder, "hugo-seconds", "content", "stretches", slug + ".md")))
        for server, _ in servers:
            started = time.perf_counter()
            if wait_for(server.url, "<html", timeout=600) is None:
                raise RuntimeError(f"{server.name} did not serve {server.url} within 600 s")
            print(f"{server.name}: first page served after {time.perf_counter() - started:.1f} s", flush=True)
        for kind in ("body", "front"):
            for server, path in servers:
                times = measure(server, path, args.edits, kind)
                results[(server.name, kind)] = times
                print(
                    f"{server.name:13} {kind:5} edit: median {statistics.median(times) * 1000:6.0f} ms, "
                    f"95th percentile {percentile(times, 0.95) * 1000:6.0f} ms "
                    f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})",
                    flush=True,
                )
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        for server, _ in servers:
            server.stop()
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)

    print()
    print(f"save -> page served, N={args.n}, {args.profile} content, {args.edits} saves of each kind")
    missed = []
    for kind in ("body", "front"):
        mine = results[("limber serve", kind)]
        line = f"{kind:6} limber median {statistics.median(mine) * 1000:.0f} ms, p95 {percentile(mine, 0.95) * 1000:.0f} ms"
        if statistics.median(mine) >= TARGET_MEDIAN_S:
            missed.append(f"{kind} median")
        if percentile(mine, 0.95) >= TARGET_P95_S:
            missed.append(f"{kind} p95")
        if hugo:
            theirs = results[("hugo server", kind)]
            ratio = statistics.median(mine) / statistics.median(theirs)
            line += (
                f"; hugo median {statistics.median(theirs) * 1000:.0f} ms, p95 {percentile(theirs, 0.95) * 1000:.0f} ms"
                f"; limber/hugo {ratio:.2f} (target <= {TARGET_HUGO_RATIO:.3f})"
            )
            if ratio > TARGET_HUGO_RATIO:
                missed.append(f"{kind} hugo ratio")
        print(line)
    print(
        f"targets: median < {TARGET_MEDIAN_S * 1000:.0f} ms, p95 < {TARGET_P95_S * 1000:.0f} ms: "
        + ("ok" if not missed else "MISSED: " + ", ".join(missed))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
