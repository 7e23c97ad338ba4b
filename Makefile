# igf — build, test, lint, fuzz and benchmark.
GO      ?= go
BIN     ?= bin/igf
PKGS    := ./...
# make install puts igf in $(DESTDIR)$(PREFIX)/bin, its manual pages in
# $(MANDIR)/man1 and the bash, zsh and fish completion scripts where those
# shells look for them.
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share
FUZZTIME ?= 30s
# igf has no C code: a pure-Go build is one static file, and starts under
# ulimit -v 1G, where a cgo build's C malloc arena per thread (64 MiB each,
# on top of the Go runtime's own reservations) made 7 of 60 starts fail.
export CGO_ENABLED ?= 0

.PHONY: all build test lint fuzz bench install clean examples chaos

all: build

# -buildvcs=auto stamps the git revision into a build from a clone (igf
# --version shows it) even where GOFLAGS turns stamping off.
build:
	$(GO) build -buildvcs=auto -o $(BIN) ./cmd/igf

install: build
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(DATADIR)/bash-completion/completions $(DESTDIR)$(DATADIR)/zsh/site-functions \
		$(DESTDIR)$(DATADIR)/fish/vendor_completions.d
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/igf
	$(BIN) man $(DESTDIR)$(MANDIR)/man1
	$(BIN) completion bash > $(DESTDIR)$(DATADIR)/bash-completion/completions/igf
	$(BIN) completion zsh > $(DESTDIR)$(DATADIR)/zsh/site-functions/_igf
	$(BIN) completion fish > $(DESTDIR)$(DATADIR)/fish/vendor_completions.d/igf.fish

# Unit tests, end-to-end testscript scripts, and every fuzz target's seed corpus.
test:
	$(GO) vet $(PKGS)
	$(GO) test -count=1 $(PKGS)

lint:
	@test -z "$$(gofmt -l cmd pkg testdata)" || { gofmt -l cmd pkg testdata; echo "gofmt: files above need formatting"; exit 1; }
	$(GO) vet $(PKGS)

# Long fuzzing, by hand: each target for FUZZTIME. The importer's targets
# read whole documents; minimizing each new input for the default minute
# would leave most of FUZZTIME to minimizing.
fuzz:
	$(GO) test ./pkg/core/dates -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME)
	$(GO) test ./pkg/core/dates -run '^$$' -fuzz FuzzRecognize -fuzztime $(FUZZTIME)
	$(GO) test ./pkg/core/dates -run '^$$' -fuzz FuzzFind -fuzztime $(FUZZTIME)
	$(GO) test ./pkg/core/parse -run '^$$' -fuzz FuzzFile -fuzztime $(FUZZTIME)
	$(GO) test ./pkg/core/parse -run '^$$' -fuzz FuzzActionLine -fuzztime $(FUZZTIME)
	$(GO) test ./pkg/core/parse -run '^$$' -fuzz FuzzYAMLSlip -fuzztime $(FUZZTIME)
	$(GO) test ./pkg/core/validate -run '^$$' -fuzz FuzzValidateFile -fuzztime $(FUZZTIME)
	$(GO) test ./pkg/core/validate -run '^$$' -fuzz FuzzBodyLint -fuzztime $(FUZZTIME)
	$(GO) test ./pkg/core/importer -run '^$$' -fuzz FuzzMarkdown -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./pkg/core/importer -run '^$$' -fuzz FuzzText -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./pkg/core/importer -run '^$$' -fuzz FuzzHTML -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./pkg/site -run '^$$' -fuzz FuzzStripAttrs -fuzztime $(FUZZTIME)
	$(GO) test ./pkg/site -run '^$$' -fuzz FuzzEscapeText -fuzztime $(FUZZTIME)
	$(GO) test ./pkg/site -run '^$$' -fuzz FuzzPagesAreTheTemplates -fuzztime $(FUZZTIME)
	$(GO) test ./pkg/render -run '^$$' -fuzz FuzzReportHTMLIsGoldmarks -fuzztime $(FUZZTIME)
	$(GO) test ./pkg/core/record -run '^$$' -fuzz FuzzFoldKeyIsEqualFold -fuzztime $(FUZZTIME)

# The chaos harness, by hand (cmd/igf's TestChaos; a short version runs in
# make test): SIGKILL at random moments of edits and --commit, an editor and
# git writing at the same time, caches damaged under igf, hostile records, on
# a generated repository of CHAOS_RECORDS records (kept in CHAOS_DIR). It
# prints a tally and fails on a broken repository, a torn or lost file or a
# wrong answer.
CHAOS_DIR ?= $(or $(TMPDIR),/tmp)/igf-chaos
CHAOS_RECORDS ?= 10000
# CHAOS_ROUNDS sets every loop's rounds (default 200, 200, 150); CHAOS_SEED
# repeats a run whose tally printed that seed.
CHAOS_ROUNDS ?=
CHAOS_SEED ?=
chaos:
	@test -d $(CHAOS_DIR)/r$(CHAOS_RECORDS)/.git || $(GO) run ./testdata/gen -records $(CHAOS_RECORDS) -commits 200 -out $(CHAOS_DIR)/r$(CHAOS_RECORDS)
	IGF_CHAOS=full IGF_CHAOS_REPO=$(CHAOS_DIR)/r$(CHAOS_RECORDS) IGF_CHAOS_TALLY=$(CHAOS_DIR)/tally.txt \
		IGF_CHAOS_ROUNDS=$(CHAOS_ROUNDS) IGF_CHAOS_SEED=$(CHAOS_SEED) \
		$(GO) test -count=1 -timeout 3h -run '^TestChaos$$' ./cmd/igf; status=$$?; cat $(CHAOS_DIR)/tally.txt; exit $$status

# Benchmarks, by hand (see README "Performance"): Go benchmarks of the core
# and loader, then whole commands on generated corpora of BENCH_SIZES records
# against the stack floor and ripgrep (bench/run.sh; corpora are cached under
# $TMPDIR/igf-bench).
BENCH_SIZES ?= 1000 10000 50000 100000
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./bench/ ./pkg/...
	bench/run.sh $(BENCH_SIZES)

# The example reports and timeline in docs/examples, from the bundled records
# on a fixed day so they are reproducible.
EXAMPLES_TODAY ?= 2024-04-15
examples: build
	$(BIN) report quarterly 2024-Q1 --today $(EXAMPLES_TODAY) -o docs/examples/report-2024-Q1.md
	$(BIN) report quarterly 2024-Q1 --today $(EXAMPLES_TODAY) -o docs/examples/report-2024-Q1.html
	$(BIN) timeline show iww-2024 --today $(EXAMPLES_TODAY) -o docs/examples/iww-2024-timeline.md
	$(BIN) timeline show iww-2024 --today $(EXAMPLES_TODAY) -o docs/examples/iww-2024.mmd
	$(BIN) timeline show iww-2024 --today $(EXAMPLES_TODAY) -o docs/examples/iww-2024.ics
	$(BIN) timeline show iww-2024 --today $(EXAMPLES_TODAY) -o docs/examples/iww-2024.html

clean:
	rm -rf bin
