# Limber: `make site` builds the guide into public/, `make test` runs every test.
SWIFT ?= swift
SITE ?= .

.PHONY: site test setup setup-test release format lint clean

site: setup release
	.build/release/limber build $(SITE)

release:
	$(SWIFT) build -c release --product limber

test: setup-test lint
	$(SWIFT) build --build-tests
	$(SWIFT) test

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
