#!/usr/bin/env python3
"""What an author feels in the preview: the time from saving a file to the served page showing it.

Generates one site of N stretches (bench/generate.py), starts `limber serve` on it and `hugo server`
on the equivalent Hugo site (the doses' seconds in its front matter, bench/hugo-layouts/ with
bench/hugo-layouts-seconds/ over it), one after the other, each alone on the machine, and waits
until each serves the page of the stretch it edits. Hugo runs as a Hugo user runs it: `hugo server`
with its defaults (fast render mode, pages written to disk); `--hugo-full-render` adds
`--disableFastRender`. Then it saves a body edit and a front-matter edit (its summary) EDITS times
each, Limber's and Hugo's saves alternating, and times from the write to the served page containing
the change, polling every 5 ms. Before each save both servers are idle (their processes used under
5% of a core for half a second), so no save waits for the work of the one before; how long the
server stayed busy after a save is printed too. Prints the median and 95th percentile of each, and
the ratio limber/hugo of the medians.

Usage: preview.py [--limber PATH] [--hugo PATH] [--no-hugo | --no-limber] [--hugo-full-render]
                  [--profile heavy|long|light] [--edits K] [--timeout S] [--work DIR] [N]
       (default N: 10000), e.g.
       python3 bench/preview.py --hugo .venv/lib/python3*/site-packages/hugo/binaries/hugo 10000
"""

import argparse
import collections
import http.client
import os
import re
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
# A server is idle when its process (all threads) used under IDLE_SHARE of one core over the last
# IDLE_WINDOW_S seconds, sampled every IDLE_SAMPLE_S.
IDLE_SHARE = 0.05
IDLE_WINDOW_S = 0.5
IDLE_SAMPLE_S = 0.05
TICKS = os.sysconf("SC_CLK_TCK")
TARGET_MEDIAN_S = 0.1
TARGET_P95_S = 0.2
TARGET_HUGO_RATIO = 1 / 8


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Answers cut short (a connection closed before the whole body came), by server address: a
# server that does this drops pages a browser asked for, so the bench counts and prints them.
CUT_SHORT = collections.Counter()


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except http.client.HTTPException:
        CUT_SHORT[url.split("/")[2]] += 1
        return None
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
    def __init__(self, name, command, url, log, page):
        self.name, self.url, self.page, self.log_path = name, url, page, log
        self.log = open(log, "w")
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)

    def cpu_ticks(self):
        """Processor time the server has used so far (user + system, all threads), in clock ticks."""
        try:
            with open(f"/proc/{self.process.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            return 0

    def wait_idle(self, timeout):
        """Seconds until the server has been idle for IDLE_WINDOW_S (the window not counted), or
        None when it is still busy after `timeout`."""
        started = time.perf_counter()
        size = round(IDLE_WINDOW_S / IDLE_SAMPLE_S)
        samples = collections.deque([self.cpu_ticks()], maxlen=size + 1)
        while time.perf_counter() - started < timeout:
            time.sleep(IDLE_SAMPLE_S)
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} stopped (exit {self.process.returncode}); see {self.log_path}")
            samples.append(self.cpu_ticks())
            if len(samples) > size and samples[-1] - samples[0] <= IDLE_SHARE * IDLE_WINDOW_S * TICKS:
                return max(0.0, time.perf_counter() - started - IDLE_WINDOW_S)
        return None

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


def wait_all_idle(servers):
    for server in servers:
        if server.wait_idle(timeout=600) is None:
            raise RuntimeError(f"{server.name} was still busy 600 s after its last save; see {server.log_path}")


def save_and_wait(server, servers, kind, k, timeout):
    """One measured save: (seconds to the served page showing it, seconds the server stayed busy)."""
    wait_all_idle(servers)
    time.sleep(BETWEEN_EDITS_S)
    marker = f"{kind}-edit-{k}-{time.monotonic_ns()}"
    saved = time.perf_counter()
    (edit_body if kind == "body" else edit_front)(server.page, marker)
    took = wait_for(server.url, marker, timeout=timeout)
    if took is None:
        raise RuntimeError(
            f"{server.name} did not show {kind} edit {k + 1} within {timeout:.0f} s (--timeout); see {server.log_path}"
        )
    server.wait_idle(timeout=600)
    return took, time.perf_counter() - saved - IDLE_WINDOW_S


def summary(times):
    return (
        f"median {statistics.median(times) * 1000:6.0f} ms, 95th percentile {percentile(times, 0.95) * 1000:6.0f} ms "
        f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})"
    )


def hugo_rebuilds(log_path):
    """The rebuild times `hugo server` printed after each change ('Total in 3445 ms'), in seconds."""
    try:
        with open(log_path, encoding="utf-8", errors="replace") as f:
            return [int(ms) / 1000 for ms in re.findall(r"^Total in (\d+) ms", f.read(), re.M)]
    except OSError:
        return []


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", nargs="?", type=int, default=10000, help="number of stretches (default 10000)")
    parser.add_argument("--limber", default=os.path.join(REPO, ".build", "release", "limber"))
    parser.add_argument("--hugo", help="the Hugo binary (default: hugo on PATH)")
    parser.add_argument("--no-hugo", action="store_true", help="measure Limber only")
    parser.add_argument("--no-limber", action="store_true", help="measure Hugo only (to look into hugo server)")
    parser.add_argument(
        "--hugo-full-render", action="store_true", help="run hugo server with --disableFastRender (not its default)"
    )
    parser.add_argument("--profile", default="heavy", choices=generate.PROFILES)
    parser.add_argument("--edits", type=int, default=10, help="saves of each kind (default 10)")
    parser.add_argument(
        "--timeout", type=float, default=60, help="seconds a save may take to show before the run fails (default 60)"
    )
    parser.add_argument("--work", help="where to generate the site, kept afterwards (default: a new folder, removed)")
    args = parser.parse_args()
    if args.no_hugo and args.no_limber:
        sys.exit("--no-hugo and --no-limber leave nothing to measure")

    limber = None if args.no_limber else os.path.abspath(args.limber)
    if limber and not os.access(limber, os.X_OK):
        sys.exit(f"no limber binary at {limber}: run 'make release' first, or pass --limber")
    hugo = None if args.no_hugo else (args.hugo or shutil.which("hugo"))
    if not args.no_hugo and not hugo:
        sys.exit("no hugo on PATH: pass --hugo PATH (bench/run.sh installs Hugo 0.168.0 into .venv), or --no-hugo")
    work = args.work or tempfile.mkdtemp(prefix="limber-preview-")
    os.makedirs(work, exist_ok=True)
    if limber:
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
        if limber:
            port = free_port()
            servers.append(
                Server(
                    "limber serve",
                    [limber, "serve", os.path.join(folder, "limber"), "--port", str(port)],
                    f"http://127.0.0.1:{port}/stretches/{slug}/",
                    os.path.join(folder, "limber-serve.log"),
                    os.path.join(folder, "limber", "content", "stretches", slug + ".md"),
                )
            )
            start(servers[-1])
        if hugo:
            port = free_port()
            command = [hugo, "server", "--source", os.path.join(folder, "hugo-seconds"), "--bind", "127.0.0.1"]
            command += ["--port", str(port)] + (["--disableFastRender"] if args.hugo_full_render else [])
            servers.append(
                Server(
                    "hugo server",
                    command,
                    f"http://127.0.0.1:{port}/stretches/{slug}/",
                    os.path.join(folder, "hugo-server.log"),
                    os.path.join(folder, "hugo-seconds", "content", "stretches", slug + ".md"),
                )
            )
            start(servers[-1])
        for kind in ("body", "front"):
            for k in range(args.edits):
                # Saves alternate between the servers, so that the machine's other work falls on both.
                for server in servers:
                    took, busy = save_and_wait(server, servers, kind, k, args.timeout)
                    results.setdefault((server.name, kind), []).append(took)
                    results.setdefault((server.name, kind, "busy"), []).append(busy)
            for server in servers:
                print(f"{server.name:13} {kind:5} edit: {summary(results[(server.name, kind)])}", flush=True)
                print(f"{'':13} {'':5} busy after a save: {summary(results[(server.name, kind, 'busy')])}", flush=True)
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        for server in servers:
            server.stop()
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)

    print()
    how = "hugo server --disableFastRender" if args.hugo_full_render else "hugo server with its defaults"
    print(
        f"save -> page served, N={args.n}, {args.profile} content, {args.edits} saves of each kind"
        + (f" ({how})" if hugo else "")
    )
    missed = []
    for kind in ("body", "front"):
        parts = []
        if limber:
            mine = results[("limber serve", kind)]
            parts.append(
                f"limber median {statistics.median(mine) * 1000:.0f} ms, p95 {percentile(mine, 0.95) * 1000:.0f} ms"
            )
            if statistics.median(mine) >= TARGET_MEDIAN_S:
                missed.append(f"{kind} median")
            if percentile(mine, 0.95) >= TARGET_P95_S:
                missed.append(f"{kind} p95")
        if hugo:
            theirs = results[("hugo server", kind)]
            parts.append(
                f"hugo median {statistics.median(theirs) * 1000:.0f} ms, p95 {percentile(theirs, 0.95) * 1000:.0f} ms"
            )
        if limber and hugo:
            ratio = statistics.median(mine) / statistics.median(theirs)
            parts.append(f"limber/hugo {ratio:.2f} (target <= {TARGET_HUGO_RATIO:.3f})")
            if ratio > TARGET_HUGO_RATIO:
                missed.append(f"{kind} hugo ratio")
        print(f"{kind:6} " + "; ".join(parts))
    if hugo:
        rebuilds = hugo_rebuilds(os.path.join(folder, "hugo-server.log"))
        if rebuilds:
            print(
                f"hugo server's own rebuild times ('Total in'): median {statistics.median(rebuilds):.2f} s, "
                f"max {max(rebuilds):.2f} s over {len(rebuilds)} rebuilds"
            )
    if limber:
        print(
            f"targets: median < {TARGET_MEDIAN_S * 1000:.0f} ms, p95 < {TARGET_P95_S * 1000:.0f} ms: "
            + ("ok" if not missed else "MISSED: " + ", ".join(missed))
        )
    for server in servers:
        address = server.url.split("/")[2]
        print(f"{server.name}: {CUT_SHORT[address]} answers cut short (a connection closed mid-body)")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


def start(server):
    """Waits until the server serves the edited page, then until it is idle: each starts alone."""
    started = time.perf_counter()
    if wait_for(server.url, "<html", timeout=900) is None:
        raise RuntimeError(f"{server.name} did not serve {server.url} within 900 s; see {server.log_path}")
    served = time.perf_counter() - started
    server.wait_idle(timeout=600)
    print(
        f"{server.name}: first page served after {served:.1f} s, idle after {time.perf_counter() - started:.1f} s",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
