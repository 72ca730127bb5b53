# ccsim — the two commands a new user types are `make run` and `make test`.
# Both first install the system packages that are missing (Debian/Ubuntu, apt-get;
# sudo only when not root), then build.

SHELL := /bin/bash
SYSTEM_PACKAGES := libgsl-dev libglpk-dev pkg-config gnuplot-nox graphviz
## The tests also run a one-node Slurm cluster, open the report in headless Chromium and
## check its HTML with html5lib.
TEST_PACKAGES := $(SYSTEM_PACKAGES) slurm-wlm munge chromium python3-html5lib
SWIFT ?= swift
CCSIM_RELEASE := .build/release/ccsim

.PHONY: run test build release bench mutate deps test-deps install-missing install install-files clean

## Install whichever of $(SYSTEM_PACKAGES) (test-deps: $(TEST_PACKAGES)) is missing;
## quiet and idempotent.
deps:
	@$(MAKE) --no-print-directory install-missing PACKAGES="$(SYSTEM_PACKAGES)"

test-deps:
	@$(MAKE) --no-print-directory install-missing PACKAGES="$(TEST_PACKAGES)"

install-missing:
	@missing=""; \
	for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  log=$$(mktemp); \
	  if $$SUDO apt-get update -qq >"$$log" 2>&1 && \
	     DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >>"$$log" 2>&1; then \
	    echo "Installed:$$missing"; rm -f "$$log"; \
	  else \
	    cat "$$log"; rm -f "$$log"; echo "Could not install:$$missing" >&2; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product ccsim

## Install ccsim into $(PREFIX) (default /usr/local): the executable with the Swift
## runtime linked in (a separate build), and the gnuplot templates it draws with. At run
## time it needs the system packages of `make deps` (GSL, GLPK, gnuplot, Graphviz).
PREFIX ?= /usr/local
install: deps
	$(SWIFT) build -c release --product ccsim --static-swift-stdlib --scratch-path .build/install
	@$(MAKE) --no-print-directory install-files BINARY=.build/install/release/ccsim

## The files of an installation from a built BINARY (make test installs its debug build).
BINARY ?= .build/install/release/ccsim
install-files:
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/ccsim/plots $(DESTDIR)$(PREFIX)/share/ccsim/examples \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(BINARY) $(DESTDIR)$(PREFIX)/bin/ccsim
	install -m 644 plots/*.gp $(DESTDIR)$(PREFIX)/share/ccsim/plots/
	install -m 644 Scenarios/*.yaml Scenarios/README.md $(DESTDIR)$(PREFIX)/share/ccsim/examples/
	$(BINARY) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/ccsim
	$(BINARY) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_ccsim
	$(BINARY) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/ccsim.fish
	@echo "installed $(DESTDIR)$(PREFIX)/bin/ccsim, its gnuplot templates in $(DESTDIR)$(PREFIX)/share/ccsim/plots," \
	  "example scenarios in $(DESTDIR)$(PREFIX)/share/ccsim/examples and bash, zsh and fish completions"

## The main job: the bank hotline, static vs dynamic IVR menu vs speech and a bot, with
## common random numbers and paired confidence intervals (Results/bank-hotline/); then the
## speech recogniser's accuracy swept from 0.70 to 0.95 with its break-even against the
## key-press menus (Results/bank-hotline-sweep/).
run: release
	$(CCSIM_RELEASE) compare Scenarios/bank-hotline.yaml
	@$(CCSIM_RELEASE) plot Results/bank-hotline
	@$(CCSIM_RELEASE) report Results/bank-hotline
	$(CCSIM_RELEASE) sweep Scenarios/bank-hotline.yaml
	@$(CCSIM_RELEASE) plot Results/bank-hotline-sweep
	@$(CCSIM_RELEASE) report Results/bank-hotline-sweep

## Unit and statistical tests, then the scenario regression: every Scenarios/*.yaml with
## a check: block against Results/baselines/ (fails when any pinned figure moves), then
## a sharded sweep on a real one-node Slurm cluster (needs root: sudo when not root).
test: test-deps
	$(SWIFT) build --build-tests
	@set -o pipefail; $(SWIFT) test --skip-build --parallel 2>&1 | tee .build/test-output.txt
	.build/debug/ccsim check --exact
	@if [ "$$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi; $$SUDO bash Tests/slurm/test-slurm.sh .build/debug/ccsim
	@echo "make test: passed — $$(grep -c '^\[[0-9]*/[0-9]*\] Testing' .build/test-output.txt) XCTest cases in parallel, every pinned scenario figure reproduced exactly (ccsim check --exact), and a sharded sweep merged bit for bit on a one-node Slurm cluster"

## Benchmarks (release build, not part of the tests): the erlang-a-100 workload in ccsim
## and in a plain C reference (binary heap + GSL mt19937), calls/second and peak RSS, then
## the ratio of their times per call over alternating rounds (Benchmarks/ratio.sh).
bench: deps
	$(SWIFT) build -c release --product ccsim-bench
	cc -O2 -o .build/erlang_a_ref Benchmarks/reference/erlang_a_ref.c $$(pkg-config --cflags --libs gsl)
	@.build/release/ccsim-bench 5
	@.build/erlang_a_ref 1000000
	@bash Benchmarks/ratio.sh .build/release/ccsim-bench .build/erlang_a_ref 7
	$(SWIFT) build -c release --product ccsim
	@$(CCSIM_RELEASE) run Benchmarks/fit-center.yaml --out .build/bench-fit-run --trace .build/bench-fit-trace.csv \
	  --trace-replications 300 > /dev/null
	@echo "ccsim fit of a log of $$(($$(wc -l < .build/bench-fit-trace.csv) - 1)) calls:"
	@TIMEFORMAT='  %R s wall (read and fit, --not-ready never)'; time $(CCSIM_RELEASE) fit .build/bench-fit-trace.csv --seconds-from 08:00 \
	  --not-ready never --out .build/bench-fit --force > /dev/null
	@TIMEFORMAT='  %R s wall (with the not-ready test: every day replayed with and without)'; time $(CCSIM_RELEASE) fit \
	  .build/bench-fit-trace.csv --seconds-from 08:00 --out .build/bench-fit --force > /dev/null

## Mutation check (not part of the tests): small mistakes in the metric definitions and the
## estimators, each applied, built and tested, then put back; lists the ones the tests miss.
mutate: deps
	python3 Tests/mutate.py

clean:
	rm -rf .build
