# allot: two commands on a fresh Debian machine with Swift 6.3:
#   make demo   installs GLPK when missing, builds, plans datasets/acme
#   make test   installs GLPK (and the tests' HiGHS and chromium) when missing, builds, runs every test
#   make install [PREFIX=/usr/local]   builds the release binary, installs $(PREFIX)/bin/allot
#   make uninstall [PREFIX=/usr/local]  removes it
SWIFT ?= swift
ALLOT := .build/debug/allot
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PREFIX ?= /usr/local
BINDIR := $(DESTDIR)$(PREFIX)/bin

PYENV := .build/pyenv

.PHONY: all deps testdeps build release test demo validate-demo install uninstall clean

all: build

# libglpk-dev (the C library and header) and glpk-utils (glpsol, the
# independent route the tests compare against). Installed only when missing.
deps:
	@if [ ! -f /usr/include/glpk.h ] || ! command -v glpsol >/dev/null 2>&1; then \
	  echo "installing GLPK (libglpk-dev, glpk-utils) with apt-get"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libglpk-dev glpk-utils >/dev/null; \
	fi

# HiGHS (highspy, from PyPI, in a virtual environment under .build): the
# tests read allot's MPS export with it as a second solver. Debian's chromium:
# the tests open `allot report`'s pages in it headless (load, cells, print).
testdeps: deps
	@if ! command -v chromium >/dev/null 2>&1; then \
	  echo "installing chromium with apt-get"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi
	@if ! $(PYENV)/bin/python -c 'import highspy' >/dev/null 2>&1; then \
	  echo "installing highspy into $(PYENV) with pip"; \
	  python3 -m venv $(PYENV) && $(PYENV)/bin/pip install -q highspy; \
	fi

build: deps
	$(SWIFT) build

# The release binary carries the Swift runtime and Foundation (about 80 MB), so the
# installed allot keeps working when the toolchain moves or goes; GLPK stays a
# shared library (Debian: libglpk40).
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

# Installs the release binary as $(PREFIX)/bin/allot (DESTDIR for staged installs).
install: release
	install -d "$(BINDIR)"
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/allot" "$(BINDIR)/allot"
	@echo "installed $(BINDIR)/allot; try: allot init my-portfolio"

uninstall:
	rm -f "$(BINDIR)/allot"

test: testdeps
	$(SWIFT) build --build-tests
	$(SWIFT) test

demo: build
	$(ALLOT) validate datasets/acme
	$(ALLOT) plan datasets/acme --out plan/acme

clean:
	rm -rf .build plan
