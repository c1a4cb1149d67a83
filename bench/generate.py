#!/usr/bin/env python3
"""Generates a benchmark site of N stretches and N/10 routines, twice from the same Markdown files:

    OUT/limber/  content/ (site.yaml, stretches/, routines/, images/) + the repository's templates/
    OUT/hugo/    config.toml, the same content/stretches and content/routines files,
                 layouts/ (bench/hugo-layouts/), static/ (the theme's static files and the images)
    OUT/bodies.md  every Markdown body (front matter stripped), concatenated: the cmark-gfm floor

Stretches come from ../shared/data/free-exercise-db/exercises.json (873 records), converted to
Limber's format and repeated with suffixes until there are N. The records' texts are only ever
written into OUT (a temporary folder), never into the project's content/.

Three content profiles: `light` (some cues, cautions and related stretches, one or two targets,
routines of 5-8 steps); `heavy`, closer to a real guide: every stretch with two or three cues (the most a stretch may have),
two to four targets, equipment, cautions and two to four related stretches, a longer body, and
routines of 6-12 steps, each with a note; and `long`: the heavy profile's front matter with bodies
as long as the heaviest real guides' (1.5-3 KB of Markdown per stretch, each with a table and lists).

A third copy, OUT/hugo-seconds/, holds the same files with each dose's display text and seconds
written into the front matter (`dose_text`, `dose_seconds`), as a Hugo user would give them to
Hugo, and the layouts of bench/hugo-layouts/ with bench/hugo-layouts-seconds/ over them, which read
those fields instead of parsing the dose in a template.

The site says `search: false`: no Pagefind index, as the Hugo sites have none, even when `pagefind`
is on PATH.

Usage: generate.py N OUT [--profile light|heavy|long] [--db PATH] [--no-hugo]
       (standard library only; deterministic for a given N and profile)
"""

import argparse
import json
import os
import random
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_DB = os.path.join(REPO, "..", "shared", "data", "free-exercise-db", "exercises.json")

SITE_TITLE = "Stretch Guide Benchmark"
BASE_URL = "https://stretches.example.org/"
DESCRIPTION = "A generated stretch guide for measuring how fast and lean a build is."

KIND_BY_CATEGORY = {
    "stretching": "static",
    "plyometrics": "dynamic",
    "cardio": "dynamic",
    "olympic weightlifting": "dynamic",
    "strongman": "dynamic",
    "powerlifting": "isometric",
    "strength": "isometric",
}
LEVELS = {"beginner": "beginner", "intermediate": "intermediate", "expert": "advanced"}
SKIPPED_EQUIPMENT = {None, "body only", "other"}

CUES = [
    "Breathe slowly through the nose",
    "Keep the spine long",
    "Shoulders away from the ears",
    "Move only as far as feels easy",
    "Brace the belly lightly",
    "Knee in line with the toes",
    "Soft knees, never locked",
    "Hips square to the front",
    "Relax the jaw and hands",
    "Pause at the end of the range",
]
CAUTIONS = [
    "Stop if you feel sharp or shooting pain.",
    "Never bounce at the end of the range.",
    "Ask a physiotherapist first if you have had a recent injury.",
    "Keep the weight light until the movement feels smooth.",
    "Skip this one if your lower back complains.",
    "Use a mat or a folded towel under the knees.",
]
NOTES = [
    "Take it a little further than last time.",
    "Go easy on the first round.",
    "Swap sides halfway through.",
    "Only if the step before felt comfortable.",
    "Keep the breathing slow and even.",
]
WARMUPS = [
    "Warm up for a few minutes first: a brisk walk, some light cardio\n  or a round of foam rolling.",
    "Start with five minutes of easy movement, such as marching on the\n  spot or gentle arm circles, so the muscles are warm.",
]
IMAGES = [
    "assisted-half-kneeling-hip-flexor-stretch.svg",
    "bent-knee-to-low-lunge.svg",
    "foam-roll-quadriceps.svg",
    "foam-roller-psoas-stretch.svg",
    "half-kneeling-hip-flexor-stretch.svg",
    "static-low-lunge.svg",
]
# The heavy profile's extra equipment for records that need none, and extra targets.
EXTRA_EQUIPMENT = ["mat", "strap", "foam roller", "block", "chair", "wall"]
EXTRA_TARGETS = ["hips", "lower back", "upper back", "shoulders", "neck", "ankles", "wrists", "core"]
TIPS = [
    "Keep breathing: a held breath makes the muscles guard.",
    "Ease off a little if your hands or feet start to tingle.",
    "Film yourself once from the side to check the shape.",
    "Small, slow movements teach the position better than big ones.",
    "Come out of the position as slowly as you went in.",
]
MISTAKES = [
    "Rounding the back to reach further.",
    "Letting the knee drift inward.",
    "Shrugging the shoulders up towards the ears.",
    "Holding the breath at the end of the range.",
    "Rushing the way back out.",
]
PROFILES = ("light", "heavy", "long")
# The long profile's extra sections: what a physio's page adds around the instructions.
LONG_SECTIONS = [
    ("Who it is for", [
        "Anyone who sits for long stretches of the day and feels it at the front of the hips or in",
        "the lower back by the evening. It suits a first programme after a check-up, and it stays",
        "useful later as a warm-down after running, cycling or a long drive.",
    ]),
    ("What you should feel", [
        "A gentle, even pull along the muscle, never a sharp or pinching pain at the joint. The",
        "feeling should ease a little as you breathe out; if it grows instead, you have gone too far",
        "and should back off until it settles.",
    ]),
    ("Making it easier", [
        "Shorten the range, put a folded towel under the knee, or hold on to a chair or a wall for",
        "balance. Fewer, shorter holds done every day help more than one long session a week.",
    ]),
]
PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ,.()'/&+-]*$")


def yaml_text(text):
    """A YAML scalar: plain when it is safe, else double-quoted (JSON strings are valid YAML)."""
    if PLAIN.match(text) and ": " not in text and " #" not in text and not text.endswith(":"):
        if text.lower() not in ("yes", "no", "true", "false", "on", "off", "null", "~"):
            return text
    return json.dumps(text, ensure_ascii=False)


def slugify(text):
    """Like Limber's slug(for:), restricted to a-z0-9: 'Hip Flexors' -> 'hip-flexors'."""
    out, pending = [], False
    for ch in text.lower():
        if ("a" <= ch <= "z") or ("0" <= ch <= "9"):
            if pending and out:
                out.append("-")
            pending = False
            out.append(ch)
        elif ch in " -_/":
            pending = True
    return "".join(out) or "stretch"


def first_sentence(text):
    text = " ".join(text.split())
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    sentence = match.group(1) if match else text
    if len(sentence) > 160:
        sentence = sentence[:157].rsplit(" ", 1)[0] + "..."
    return sentence


def dose_for(record, rng):
    """A dose in the canonical form '[S x ]A unit[ each side]' (the Hugo layouts parse the same form)."""
    if record["category"] == "stretching":
        return rng.choice(["30 s each side", "20 s", "45 s", "3 x 20 s", "30 s each leg", "1 min"])
    if record.get("force") == "static":
        return rng.choice(["3 x 20 s", "30 s", "2 x 30 s each side"])
    return rng.choice(["10 reps", "8 reps each side", "12 reps", "2 x 10 reps", "5 reps each arm", "1 min"])


def long_sections(record, index, rng):
    """The long profile's additions: a dosage table, a checklist and prose sections (about 1.3-2 KB)."""
    lines = [
        "## Dosage by week",
        "",
        "| Week | Sets | Hold or reps | Rest | Notes |",
        "| --- | ---: | --- | --- | --- |",
    ]
    for week in range(1, 4 + index % 4):
        lines.append(
            f"| {week} | {1 + week // 2} | {15 + 5 * week} s or {6 + week} reps | {30 + 5 * (week % 3)} s | "
            f"{rng.choice(['easy', 'steady', 'a little deeper', 'full range', 'slow on the way out'])} |"
        )
    lines += ["", "## Before you start", ""]
    lines += [f"- [ ] {item}" for item in rng.sample(
        ["Warm for five minutes", "A mat or towel to hand", "Loose clothing",
         "Nothing eaten in the last hour", "A wall or chair within reach", "A timer on the phone"], 3 + index % 3)]
    lines.append("")
    for heading, paragraph in rng.sample(LONG_SECTIONS, 1 + index % 2):
        lines += [f"## {heading}", ""] + paragraph + [""]
    lines += [
        f"> The {record['category']} version of this movement is safe for most people; ask your",
        "> physiotherapist first after an operation or a recent injury.",
        "",
    ]
    return lines


def stretch_body(record, index, copy, slug, all_slugs, rng, heavy=False, long=False):
    """The record's instructions as a numbered list, plus paragraphs; some bodies use a table,
    ~~strikethrough~~, an autolink and a link to another stretch. Heavy bodies also have tips and
    common mistakes."""
    muscles = " and ".join(record["primaryMuscles"])
    secondary = record.get("secondaryMuscles") or []
    lines = []
    intro = f"A {record['category']} exercise for the {muscles}."
    if secondary:
        intro += " It also works the " + ", ".join(secondary) + "."
    if copy > 1:
        intro += f" This is variation {copy}: the same movement with a *different* dose."
    lines += [intro, "", "## How to do it", ""]
    steps = [" ".join(s.split()) for s in record["instructions"] if s.strip()]
    if not steps:
        steps = ["Set up in a comfortable position.", "Move slowly through the range and return."]
    for number, step in enumerate(steps, 1):
        lines.append(f"{number}. {step}")
    lines.append("")
    if index % 5 == 0:
        lines += ["~~Bounce at the end of the range.~~ Move slowly and with control, and **breathe**.", ""]
    if index % 7 == 0:
        lines += [
            "## Progressions",
            "",
            "| Week | Sets | Hold or reps |",
            "| --- | --- | --- |",
            "| 1 | 1 | easy |",
            "| 2 | 2 | a little more |",
            "| 3 | 3 | full dose |",
            "",
        ]
    if index % 6 == 0:
        lines += [f"More about this movement: https://exercises.example.org/{slug}", ""]
    if index % 9 == 0 and len(all_slugs) > 1:
        other = all_slugs[(index * 7 + 3) % len(all_slugs)]
        if other != slug:
            lines += [f"Pairs well with [this stretch](../{other}/) -- try them back to back.", ""]
    if heavy:
        lines += ["## Tips", ""] + [f"- {tip}" for tip in rng.sample(TIPS, 3)] + [""]
        lines += ["## Common mistakes", ""] + [f"- {m}" for m in rng.sample(MISTAKES, 2)] + [""]
        lines += [
            f"If the {record['category']} version feels too easy, hold the end position for two more",
            "slow breaths before you come out, or add a second set after a short rest.",
            "",
        ]
    if long:
        lines += long_sections(record, index, rng)
    lines.append(f"Work at a pace that suits you; the \"{record['level']}\" label is only a guide.")
    return "\n".join(lines) + "\n"


def make_stretches(records, n, rng, heavy=False, long=False):
    """N stretch dicts (with 'file', 'slug', 'front', 'body') from the records, repeated with suffixes."""
    used = set()
    plan = []
    for i in range(n):
        record = records[i % len(records)]
        copy = i // len(records) + 1
        base = slugify(record["name"]) + ("" if copy == 1 else f"-{copy}")
        slug, k = base, 2
        while slug in used:
            slug, k = f"{base}-x{k}", k + 1
        used.add(slug)
        plan.append((i, record, copy, slug))
    all_slugs = [p[3] for p in plan]
    stretches = []
    for i, record, copy, slug in plan:
        title = " ".join(record["name"].split()) + ("" if copy == 1 else f" {copy}")
        summary = first_sentence(record["instructions"][0]) if record["instructions"] else ""
        if not summary:
            summary = f"A {record['category']} exercise for the {record['primaryMuscles'][0]}."
        equipment = record.get("equipment")
        kind = "foam-rolling" if equipment == "foam roll" else KIND_BY_CATEGORY.get(record["category"], "dynamic")
        targets = list(record["primaryMuscles"]) or ["full body"]
        if heavy:
            # Two to four targets: the secondary muscles first, then common ones.
            wanted = 2 + i % 3
            for extra in list(record.get("secondaryMuscles") or []) + rng.sample(EXTRA_TARGETS, 4):
                if len(targets) >= wanted:
                    break
                if extra not in targets:
                    targets.append(extra)
        elif record.get("secondaryMuscles") and i % 3 == 0:
            extra = record["secondaryMuscles"][0]
            if extra not in targets:
                targets.append(extra)
        front = [
            f"title: {yaml_text(title)}",
            f"summary: {yaml_text(summary)}",
            f"kind: {kind}",
            f"level: {LEVELS.get(record['level'], 'beginner')}",
            "targets:",
        ] + [f"  - {yaml_text(t)}" for t in targets]
        front.append(f"dose: {dose_for(record, rng)}")
        if heavy:
            # One or two pieces: the record's own, else common ones.
            items = [] if equipment in SKIPPED_EQUIPMENT else [equipment]
            for extra in rng.sample(EXTRA_EQUIPMENT, 2):
                if len(items) < 1 + i % 2 and extra not in items:
                    items.append(extra)
            front += ["equipment:"] + [f"  - {yaml_text(e)}" for e in items]
            front += ["cues:"] + [f"  - {c}" for c in rng.sample(CUES, 2 + (i % 3 > 0))]
            front += ["cautions:"] + [f"  - {c}" for c in rng.sample(CAUTIONS, 1 + i % 3)]
        else:
            if equipment not in SKIPPED_EQUIPMENT:
                front += ["equipment:", f"  - {yaml_text(equipment)}"]
            if i % 3 != 2:
                front += ["cues:"] + [f"  - {c}" for c in rng.sample(CUES, 1 + i % 3)]
            if i % 3 == 0:
                front += ["cautions:"] + [f"  - {c}" for c in rng.sample(CAUTIONS, 1 + i % 2)]
        if i % 8 == 0:
            picture = IMAGES[i % len(IMAGES)]
            front += [
                "image:",
                f"  src: images/{picture}",
                f"  alt: {yaml_text('A person in the ' + title + ' position, seen from the side.')}",
            ]
        if i % 10 == 0:
            front.append(f"video: https://videos.example.org/{slug}")
        if heavy and n > 5:
            related = {all_slugs[(i * k * 7 + k) % n] for k in range(1, 3 + i % 3)} - {slug}
            if related:
                front += ["related:"] + [f"  - {r}" for r in sorted(related)]
        elif i % 4 == 0 and n > 3:
            related = {all_slugs[(i + 1) % n], all_slugs[(i * 13 + 5) % n]} - {slug}
            if related:
                front += ["related:"] + [f"  - {r}" for r in sorted(related)]
        if i % 2 == 0:
            front.append(f"date: 2025-{1 + i % 12:02d}-{1 + i % 28:02d}")
        body = stretch_body(record, i, copy, slug, all_slugs, rng, heavy, long)
        stretches.append(
            {"slug": slug, "title": title, "targets": targets, "front": front, "body": body}
        )
    return stretches


def make_routines(stretches, count, rng, heavy=False):
    by_target = {}
    for s in stretches:
        for t in s["targets"]:
            by_target.setdefault(t, []).append(s["slug"])
    targets = sorted(by_target)
    routines = []
    for r in range(count):
        target = targets[r % len(targets)]
        pool = by_target[target]
        size = 6 + r % 7 if heavy else 5 + r % 4
        chosen = []
        while len(chosen) < size:
            # Mostly stretches for the routine's target, some from anywhere.
            source = pool if rng.random() < 0.7 else stretches
            pick = rng.choice(source)
            pick = pick if isinstance(pick, str) else pick["slug"]
            if pick not in chosen:
                chosen.append(pick)
            if len(chosen) >= len(stretches):
                break
        title = f"{target.title()} Routine {r + 1}"
        slug = f"{slugify(target)}-routine-{r + 1}"
        front = [
            f"title: {yaml_text(title)}",
            f"summary: {yaml_text(f'{len(chosen)} stretches for the {target}, from gentle to deep.')}",
        ]
        if r % 2 == 0:
            front += ["warmup: >-", "  " + WARMUPS[r % len(WARMUPS)]]
        if r % 3 == 0:
            front += ["cautions:"] + [f"  - {c}" for c in rng.sample(CAUTIONS, 2)]
        if r % 5 == 0:
            front.append(f"video: https://videos.example.org/routines/{slug}")
        front.append(f"date: 2025-{1 + r % 12:02d}-{1 + r % 28:02d}")
        front.append("steps:")
        for k, step in enumerate(chosen):
            form = (r + k) % 4
            if heavy:
                # Every step with a note, most with a dose of their own.
                form = 1 if (r + k) % 3 == 0 else 0
            if form == 0:
                front.append(f"  - stretch: {step}")
                front.append(f"    dose: {rng.choice(['30 s each side', '2 x 20 s', '10 reps', '1 min'])}")
                front.append(f"    note: {rng.choice(NOTES)}")
            elif form == 1:
                front.append(f"  - stretch: {step}")
                front.append(f"    note: {rng.choice(NOTES)}")
            else:
                front.append(f"  - {step}")
        body = [
            f"A routine for the **{target}**. Work through the steps in order and stop at any step",
            "that is beyond you for now -- come back to it as you loosen up.",
            "",
        ]
        if r % 4 == 0:
            body += ["- [ ] Monday", "- [ ] Wednesday", "- [x] Friday", ""]
        if r % 3 == 1:
            body += [f"Start with [the first stretch](../../stretches/{chosen[0]}/) if you are short of time.", ""]
        routines.append({"slug": slug, "front": front, "body": "\n".join(body)})
    return routines


DOSE = re.compile(r"^(?:(\d+) x )?(\d+) (s|min|reps?)(?: each (leg|arm|side))?$")
REP_SECONDS = 3


def dose_text_and_seconds(dose):
    """What bench/hugo-layouts/partials/dose.html and dose-seconds.html make of a dose, computed
    once here: '2 × 30 s · each leg' and 120."""
    sets, amount, unit, side = DOSE.match(dose).groups()
    sets, amount = int(sets or 1), int(amount)
    shown = ("rep" if amount == 1 else "reps") if unit.startswith("rep") else unit
    text = f"{amount} {shown}"
    if sets > 1:
        text = f"{sets} × {text}"
    if side:
        text += f" · each {side}"
    once = amount * 60 if unit == "min" else amount * REP_SECONDS if unit.startswith("rep") else amount
    return text, once * sets * (2 if side else 1)


def with_dose_seconds(front):
    """The front matter with `dose_text` and `dose_seconds` after each dose (the stretch's and
    each routine step's own), for the Hugo copy that reads them."""
    out = []
    for line in front:
        out.append(line)
        match = re.match(r"^(\s*)dose: (.+)$", line)
        if match:
            text, seconds = dose_text_and_seconds(match.group(2))
            out.append(f"{match.group(1)}dose_text: {json.dumps(text, ensure_ascii=False)}")
            out.append(f"{match.group(1)}dose_seconds: {seconds}")
    return out


def write_doc(path, front, body):
    with open(path, "w", encoding="utf-8") as f:
        f.write("---\n" + "\n".join(front) + "\n---\n\n" + body)


def copy_tree(src, dst):
    if os.path.isdir(src):
        shutil.copytree(src, dst, dirs_exist_ok=True)


def generate(n, out, db=DEFAULT_DB, profile="light", hugo=True):
    """Writes the site (and, with `hugo`, its two Hugo copies) into OUT; returns what it made."""
    if profile not in PROFILES:
        raise ValueError(f"no content profile '{profile}': {', '.join(PROFILES)}")
    long = profile == "long"
    heavy = profile in ("heavy", "long")
    with open(db, encoding="utf-8") as f:
        records = json.load(f)
    records = [r for r in records if r.get("primaryMuscles")]
    rng = random.Random(20261127 + n + (1 if heavy else 0) + (1 if long else 0))
    stretches = make_stretches(records, n, rng, heavy, long)
    routines = make_routines(stretches, max(1, n // 10), rng, heavy)

    with_hugo = hugo
    limber = os.path.join(out, "limber")
    hugo = os.path.join(out, "hugo")
    seconds = os.path.join(out, "hugo-seconds")
    for folder in (limber, hugo, seconds):
        if os.path.exists(folder):
            shutil.rmtree(folder)
    content = os.path.join(limber, "content")
    os.makedirs(os.path.join(content, "stretches"))
    os.makedirs(os.path.join(content, "routines"))
    with open(os.path.join(content, "site.yaml"), "w", encoding="utf-8") as f:
        # No Pagefind index: the Hugo sites make none either, and with `pagefind` on PATH (the
        # repository's .venv/bin has it) every build that changes a page would index the whole
        # site again (about 25 s at 10,000 stretches) and the bench would time Pagefind.
        f.write(
            f"title: {SITE_TITLE}\nbase_url: {BASE_URL}\nlanguage: en\n"
            f"description: {DESCRIPTION}\npaper: A4\nrep_seconds: 3\ntracking_days: 7\nsearch: false\n"
        )
    bodies = []
    for s in stretches:
        write_doc(os.path.join(content, "stretches", s["slug"] + ".md"), s["front"], s["body"])
        bodies.append(s["body"])
    for r in routines:
        write_doc(os.path.join(content, "routines", r["slug"] + ".md"), r["front"], r["body"])
        bodies.append(r["body"])
    os.makedirs(os.path.join(content, "images"))
    for picture in IMAGES:
        shutil.copy(os.path.join(REPO, "content", "images", picture), os.path.join(content, "images", picture))
    copy_tree(os.path.join(REPO, "templates"), os.path.join(limber, "templates"))
    with open(os.path.join(out, "bodies.md"), "w", encoding="utf-8") as f:
        f.write("\n\n".join(bodies))
    info = {
        "stretches": len(stretches),
        "routines": len(routines),
        "edit": stretches[len(stretches) // 2]["slug"],
        "profile": profile,
    }
    if not with_hugo:
        return info

    # The Hugo site: the very same Markdown files, plus a config and layouts that make the same pages.
    os.makedirs(os.path.join(hugo, "content"))
    for section in ("stretches", "routines"):
        shutil.copytree(os.path.join(content, section), os.path.join(hugo, "content", section))
    copy_tree(os.path.join(HERE, "hugo-layouts"), os.path.join(hugo, "layouts"))
    # The theme's stylesheets and scripts: assets/, so the layouts fingerprint them as Limber does.
    copy_tree(os.path.join(REPO, "templates", "static"), os.path.join(hugo, "assets"))
    copy_tree(os.path.join(content, "images"), os.path.join(hugo, "static", "images"))
    with open(os.path.join(HERE, "hugo-config.toml"), encoding="utf-8") as f:
        config = f.read()
    config = config.replace("@TITLE@", SITE_TITLE).replace("@BASE_URL@", BASE_URL)
    config = config.replace("@DESCRIPTION@", DESCRIPTION)
    with open(os.path.join(hugo, "config.toml"), "w", encoding="utf-8") as f:
        f.write(config)

    # The Hugo copy a Hugo user would write: the doses' text and seconds in the front matter, read
    # by the layouts in hugo-layouts-seconds/ (laid over hugo-layouts/) instead of parsed there.
    shutil.copytree(hugo, seconds, ignore=shutil.ignore_patterns("content"))
    copy_tree(os.path.join(HERE, "hugo-layouts-seconds"), os.path.join(seconds, "layouts"))
    for section, documents in (("stretches", stretches), ("routines", routines)):
        os.makedirs(os.path.join(seconds, "content", section))
        for d in documents:
            write_doc(os.path.join(seconds, "content", section, d["slug"] + ".md"), with_dose_seconds(d["front"]), d["body"])
    return info


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="number of stretches (routines: N/10)")
    parser.add_argument("out", help="folder to write limber/, hugo/ and bodies.md into")
    parser.add_argument("--db", default=DEFAULT_DB, help="free-exercise-db exercises.json")
    parser.add_argument("--profile", choices=PROFILES, default="light", help="how much each file holds")
    parser.add_argument("--no-hugo", action="store_true", help="write the Limber site only, not its Hugo copies")
    args = parser.parse_args()
    if not os.path.exists(args.db):
        sys.exit(f"no exercise data at {args.db}")
    info = generate(args.n, args.out, args.db, args.profile, hugo=not args.no_hugo)
    print(json.dumps(info))


if __name__ == "__main__":
    main()
