#!/usr/bin/env bash
# Builds Limber's Debian package, .build/limber_<version>_<arch>.deb (`make deb`): the release binary
# with the Swift runtime linked in, so that it needs only Debian's own libraries, its man page, and
# completions for bash, zsh and fish.
#   LIMBER_BINARY=path   package that binary (built with --static-swift-stdlib) instead of building one
#   DEB_OUTPUT=folder    where to write the package (default: .build)
#   DEB_MAINTAINER='Name <address>'  the package's maintainer (default: git's user.name and user.email)
#   DEB_COMPRESSION='xz 6'  dpkg-deb's compressor and level (the tests take 'gzip 1': xz takes a minute)
#   SWIFT_BUILD_OPTIONS  more options for swift build (the tests pass --ignore-lock: swift test holds
#                        .build's lock while they run)
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^ *public static let version = "\([^"]*\)".*/\1/p' Sources/LimberKit/Limber.swift)
[ -n "$version" ] || { echo "error: no version in Sources/LimberKit/Limber.swift" >&2; exit 1; }
arch=$(dpkg --print-architecture)
output=${DEB_OUTPUT:-.build}
package="$output/limber_${version}_${arch}.deb"
maintainer=${DEB_MAINTAINER:-"$(git config user.name || echo Limber) <$(git config user.email || echo limber@localhost)>"}
for tool in dpkg-deb dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing: apt-get install dpkg-dev" >&2; exit 1; }
done

binary=${LIMBER_BINARY:-}
if [ -z "$binary" ]; then
  # shellcheck disable=SC2086 # the options are words
  swift build -c release --static-swift-stdlib --disable-local-rpath --product limber ${SWIFT_BUILD_OPTIONS:-}
  binary=.build/release/limber
fi
if ldd "$binary" | grep -q 'libswift'; then
  echo "error: $binary loads the Swift runtime from the toolchain: build it with --static-swift-stdlib" >&2
  exit 1
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/root"
doc="$root/usr/share/doc/limber"
mkdir -p "$root/DEBIAN" "$root/usr/bin" "$doc" "$root/usr/share/man/man1" \
  "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions" \
  "$root/usr/share/fish/vendor_completions.d"

# As dh_strip does: the symbols are for a debugger (a quarter of the file).
strip --remove-section=.comment --remove-section=.note --strip-unneeded -o "$root/usr/bin/limber" "$binary"
limber="$root/usr/bin/limber"

# bash-completion sources the file: it needs no #! line.
"$limber" --generate-completion-script bash | sed '1{/^#!/d}' >"$root/usr/share/bash-completion/completions/limber"
"$limber" --generate-completion-script zsh >"$root/usr/share/zsh/vendor-completions/_limber"
"$limber" --generate-completion-script fish >"$root/usr/share/fish/vendor_completions.d/limber.fish"

# The man page, from the same help text as `limber --help`, by swift-argument-parser's generate-manual.
manual=.build/debug/generate-manual
if [ ! -x "$manual" ]; then
  # shellcheck disable=SC2086
  swift build --product generate-manual ${SWIFT_BUILD_OPTIONS:-} >/dev/null
fi
date=$(git log -1 --format=%cs 2>/dev/null || date +%F)
"$manual" "$limber" --date "$date" --section 1 --output-directory - | gzip -9n >"$root/usr/share/man/man1/limber.1.gz"

timestamp=$(git log -1 --format=%ct 2>/dev/null || date +%s)
year=$(date -u -d "@$timestamp" +%Y)
{
  echo "limber ($version) unstable; urgency=medium"
  echo
  echo "  * Limber $version."
  echo
  echo " -- $maintainer  $(date -R -u -d "@$timestamp")"
} | gzip -9n >"$doc/changelog.gz"

cat >"$doc/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: limber
Comment: The binary has the Swift runtime, Foundation, swift-argument-parser and FlyingFox linked in.

Files: *
Copyright: $year the Limber authors
License: Apache-2.0
 On Debian systems the Apache License 2.0 is in /usr/share/common-licenses/Apache-2.0.

Files: swift-runtime/*
Copyright: 2014-$year Apple Inc. and the Swift project authors
License: Apache-2.0 with Runtime Library Exception
 On Debian systems the Apache License 2.0 is in /usr/share/common-licenses/Apache-2.0.
 The Runtime Library Exception: https://swift.org/LICENSE.txt

Files: swift-argument-parser/*
Copyright: 2020-$year Apple Inc. and the Swift project authors
License: Apache-2.0 with Runtime Library Exception
 On Debian systems the Apache License 2.0 is in /usr/share/common-licenses/Apache-2.0.

Files: FlyingFox/*
Copyright: 2020-$year Simon Whitty
License: MIT
 Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
 associated documentation files (the "Software"), to deal in the Software without restriction,
 including without limitation the rights to use, copy, modify, merge, publish, distribute,
 sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
 furnished to do so, subject to the following conditions:
 .
 The above copyright notice and this permission notice shall be included in all copies or
 substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.
EOF

# The libraries the binary links, as Debian packages; libvips is opened only when a picture is
# first encoded (Sources/CVipsShim), so dpkg-shlibdeps cannot see it.
mkdir -p "$stage/debian"
printf 'Source: limber\n\nPackage: limber\nArchitecture: any\n' >"$stage/debian/control"
linked=$(cd "$stage" && dpkg-shlibdeps -O -e"$limber" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$linked" ] || { echo "error: dpkg-shlibdeps found no libraries for $limber" >&2; exit 1; }
rm -rf "$stage/debian"

cat >"$root/DEBIAN/control" <<EOF
Package: limber
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $linked, libvips42
Recommends: chromium, rclone, rsync, git
Section: web
Priority: optional
Description: static site generator for stretch guides
 Limber turns a folder of stretches and routines, written as Markdown files,
 into a fast, accessible website: a page for every stretch and routine, lists
 by target, kind and equipment, and routine sheets that print on one page.
 .
 Chromium prints the sheets to PDF; rclone, rsync and git publish the site.
EOF

(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) >"$root/DEBIAN/md5sums"
find "$root" -type d -exec chmod 0755 {} +
find "$root" -type f -exec chmod 0644 {} +
chmod 0755 "$root/usr/bin/limber"
# The same sources make the same package: every date is the last commit's.
find "$root" -exec touch -h -d "@$timestamp" {} +
export SOURCE_DATE_EPOCH=$timestamp
mkdir -p "$output"
read -r compressor level <<<"${DEB_COMPRESSION:-xz 6}"
dpkg-deb --root-owner-group -Z"$compressor" -z"$level" --build "$root" "$package" >/dev/null
echo "$package"
