# Limber: `make site` builds the guide into public/, `make test` runs every test, `make quick` the
# pure ones (CONTRIBUTING.md).
SWIFT ?= swift
SITE ?= .

.PHONY: site test quick setup setup-test release deb format lint clean icons fuzz bench

site: setup release
	.build/release/limber build $(SITE)

# With the Swift runtime linked in: the binary runs on Debian without Swift, and it is the one
# `make deb` packages, so neither build undoes the other.
release:
	$(SWIFT) build -c release --static-swift-stdlib --disable-local-rpath --product limber

# Limber's Debian package, .build/limber_<version>_amd64.deb: the release binary with the Swift
# runtime linked in, its man page and shell completions (scripts/make-deb.sh).
deb: setup
	scripts/make-deb.sh

# Every test; LoadTests on its own afterwards, since it takes both cores and times what it does.
test: setup-test lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip LoadTests
	$(SWIFT) test --skip-build --filter LoadTests

# The pure tier, for the edit-compile-test loop: every test but those tagged browser, network or
# slow (Tests/LimberKitTests/Support/Tiers.swift), as Swift Testing lists them.
quick:
	$(SWIFT) build --build-tests
	skip="$$(scripts/test-tiers.py browser network slow)" && $(SWIFT) test --skip-build --skip "$$skip"

setup:
	@scripts/setup.sh site

setup-test:
	@scripts/setup.sh test

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

clean:
	rm -rf .build public

# The theme's PNG icons, made from templates/static/icon.svg: the touch icon opaque (iOS rounds
# its corners), the manifest's and the 32-pixel favicon with the SVG's own rounded corners.
icons:
	vips flatten templates/static/icon.svg[scale=2.8125] /tmp/limber-icon-180.v --background "10 107 99"
	vips pngsave /tmp/limber-icon-180.v templates/static/apple-touch-icon.png --compression 9 --palette --strip
	for size in 192 512; do vips thumbnail templates/static/icon.svg /tmp/limber-icon-$$size.v $$size --height $$size \
	  && vips pngsave /tmp/limber-icon-$$size.v templates/static/icon-$$size.png --compression 9 --palette --strip; done
	vips thumbnail templates/static/icon.svg /tmp/limber-icon-32.v 32 --height 32
	vips pngsave /tmp/limber-icon-32.v templates/static/icon-32.png --compression 9 --palette --strip

# Build benchmark against Hugo and the cmark-gfm floor (bench/README.md): `make bench`, or
# `make bench BENCH_N="1000 10000 50000"`.
.PHONY: bench
bench: release
	bench/run.sh $(BENCH_N)

# Fuzz front matter, doses and page rendering with libFuzzer for SECONDS (default 600).
fuzz:
	scripts/fuzz.sh $${SECONDS_TO_FUZZ:-600}
