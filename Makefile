# allot: two commands on a fresh Debian machine with Swift 6.3:
#   make demo   installs GLPK when missing, builds, plans datasets/acme
#   make test   installs GLPK when missing, builds, runs every test
SWIFT ?= swift
ALLOT := .build/debug/allot
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build test demo validate-demo clean

all: build

# libglpk-dev (the C library and header) and glpk-utils (glpsol, the
# independent route the tests compare against). Installed only when missing.
deps:
	@if [ ! -f /usr/include/glpk.h ] || ! command -v glpsol >/dev/null 2>&1; then \
	  echo "installing GLPK (libglpk-dev, glpk-utils) with apt-get"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libglpk-dev glpk-utils >/dev/null; \
	fi

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

demo: build
	$(ALLOT) validate datasets/acme
	$(ALLOT) plan datasets/acme --out plan/acme

clean:
	rm -rf .build plan
