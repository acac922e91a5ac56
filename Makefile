# allot: two commands on a fresh Debian machine with Swift 6.3:
#   make demo   installs GLPK, CLP and libxlsxwriter when missing, builds, plans datasets/acme
#   make test   installs them (and the tests' HiGHS, openpyxl and chromium) when missing, builds, runs every test
#   make install [PREFIX=/usr/local]   builds the release binary, installs $(PREFIX)/bin/allot
#   make uninstall [PREFIX=/usr/local]  removes it
#   make fuzz [FUZZ_RUNS=100000]   libFuzzer on the CSV, allot.yaml and plan.json readers (docs/fuzzing.md)
SWIFT ?= swift
ALLOT := .build/debug/allot
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PREFIX ?= /usr/local
BINDIR := $(DESTDIR)$(PREFIX)/bin

PYENV := .build/pyenv

.PHONY: all deps testdeps build release test demo validate-demo install uninstall clean fuzz

all: build

# libglpk-dev (the C library and header) and glpk-utils (glpsol, the
# independent route the tests compare against); libxlsxwriter-dev (the C
# library `export --to xlsx` writes with); coinor-libclp-dev (COIN-OR CLP, the LP
# engine of `--engine clp`). Installed only when missing.
deps:
	@if [ ! -f /usr/include/glpk.h ] || ! command -v glpsol >/dev/null 2>&1; then \
	  echo "installing GLPK (libglpk-dev, glpk-utils) with apt-get"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libglpk-dev glpk-utils >/dev/null; \
	fi
	@if [ ! -f /usr/include/coin/ClpSimplex.hpp ]; then \
	  echo "installing COIN-OR CLP (coinor-libclp-dev) with apt-get"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq coinor-libclp-dev >/dev/null; \
	fi
	@if [ ! -f /usr/include/xlsxwriter.h ]; then \
	  echo "installing libxlsxwriter (libxlsxwriter-dev) with apt-get"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxlsxwriter-dev >/dev/null; \
	fi

# HiGHS (highspy) and openpyxl, from PyPI, in a virtual environment under
# .build: the tests read allot's MPS export with HiGHS as a second solver,
# and its XLSX export with openpyxl as an independent reader. Debian's
# chromium: the tests open `allot report`'s pages in it headless (load,
# cells, print).
testdeps: deps
	@if ! command -v chromium >/dev/null 2>&1; then \
	  echo "installing chromium with apt-get"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi
	@if ! $(PYENV)/bin/python -c 'import highspy, openpyxl, pulp' >/dev/null 2>&1; then \
	  echo "installing highspy, openpyxl and pulp into $(PYENV) with pip"; \
	  python3 -m venv $(PYENV) && $(PYENV)/bin/pip install -q highspy openpyxl pulp; \
	fi

build: deps
	$(SWIFT) build

# The release binary carries the Swift runtime and Foundation (about 80 MB), so the
# installed allot keeps working when the toolchain moves or goes; GLPK stays a
# shared library (Debian: libglpk40), and so do libxlsxwriter (libxlsxwriter4) and
# CLP (coinor-libclp1).
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
	$(ALLOT) plan datasets/acme --out plans/acme

# Fuzzing (docs/fuzzing.md): allot-fuzz built for libFuzzer in $(FUZZ_DIR), each reader fed
# FUZZ_RUNS inputs grown from seeds: datasets/'s CSV tables and allot.yaml files, and the
# plan.json of a plan of each dataset. Any crash, input over 10 s or 2 GB resident stops it.
FUZZ_RUNS ?= 100000
FUZZ_DIR := .build/fuzz
FUZZ_FLAGS := -timeout=10 -rss_limit_mb=2048 -max_len=65536 -seed=13 -print_final_stats=1

fuzz: build
	$(SWIFT) build -c release --scratch-path $(FUZZ_DIR) --product allot-fuzz \
	  -Xswiftc -sanitize=fuzzer -Xswiftc -DLIBFUZZER
	rm -rf $(FUZZ_DIR)/seeds && mkdir -p $(FUZZ_DIR)/seeds/csv $(FUZZ_DIR)/seeds/yaml $(FUZZ_DIR)/seeds/plan
	for d in datasets/*; do n=$$(basename $$d); \
	  for f in $$d/*.csv; do cp $$f $(FUZZ_DIR)/seeds/csv/$$n-$$(basename $$f); done; \
	  cp $$d/allot.yaml $(FUZZ_DIR)/seeds/yaml/$$n.yaml; \
	  $(ALLOT) plan $$d --out $(FUZZ_DIR)/plans/$$n >/dev/null && \
	    cp $(FUZZ_DIR)/plans/$$n/plan.json $(FUZZ_DIR)/seeds/plan/$$n.json; \
	done
	for r in csv yaml plan; do mkdir -p $(FUZZ_DIR)/corpus/$$r; \
	  echo "== $$r: $(FUZZ_RUNS) inputs"; \
	  ALLOT_FUZZ_READER=$$r $$($(SWIFT) build -c release --scratch-path $(FUZZ_DIR) --show-bin-path)/allot-fuzz \
	    -runs=$(FUZZ_RUNS) $(FUZZ_FLAGS) $(FUZZ_DIR)/corpus/$$r $(FUZZ_DIR)/seeds/$$r || exit 1; \
	done

clean:
	rm -rf .build plan
