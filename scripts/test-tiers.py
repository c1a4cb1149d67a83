#!/usr/bin/env python3
"""Prints a `swift test --skip` pattern for the tests tagged with any of the tags given
(`browser`, `network`, `slow`: Tests/LimberKitTests/Support/Tiers.swift), for `make quick`.

The tags come from Swift Testing itself: the test bundle lists its tests and suites, with their
tags, as JSON (the event stream, whose `_tags` field is experimental in Swift 6.3). The bundle must
be built (`swift build --build-tests`). A tagged suite's tests are all skipped with it.

    scripts/test-tiers.py browser network slow    # the pattern
    scripts/test-tiers.py --list browser           # the tagged suites and tests, one a line
"""
import json
import os
import re
import subprocess
import sys
import tempfile

args = sys.argv[1:]
listing = "--list" in args
wanted = {"." + name for name in args if not name.startswith("--")}
if not wanted:
    sys.exit("usage: scripts/test-tiers.py [--list] TAG...")

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
swift = os.environ.get("SWIFT", "swift")
bin_path = subprocess.run(
    [swift, "build", "--show-bin-path"], cwd=root, check=True, capture_output=True, text=True
).stdout.strip()
bundle = os.path.join(bin_path, "LimberPackageTests.xctest")
if not os.path.exists(bundle):
    sys.exit(f"{bundle} is missing: run `swift build --build-tests` first")

with tempfile.TemporaryDirectory() as folder:
    events = os.path.join(folder, "tests.jsonl")
    environment = dict(os.environ, SWT_EXPERIMENTAL_EVENT_STREAM_FIELDS_ENABLED="1")
    subprocess.run(
        [bundle, "--testing-library", "swift-testing", "--list-tests",
         "--event-stream-output-path", events, "--experimental-event-stream-version", "1"],
        check=True, env=environment, stdout=subprocess.DEVNULL,
    )
    records = [json.loads(line) for line in open(events) if line.strip()]

tests = [record["payload"] for record in records if record.get("kind") == "test"]
if not any("_tags" in test for test in tests):
    # Better to fail than to run every test quietly under the name of the quick ones.
    sys.exit("Swift Testing listed no tags: has the event stream's `_tags` field changed name?")

# A test's id ends with where it is (`/File.swift:12:6`); filters match the name before it.
names = []
for test in tests:
    if wanted & set(test.get("_tags", [])):
        name = test["id"]
        if test["kind"] == "function":
            name = re.sub(r"/[^/]*\.swift:\d+:\d+$", "", name)
        names.append(name)
names.sort()
if listing:
    print("\n".join(names))
else:
    print("|".join(re.escape(name) + "(/|$)" for name in names))
