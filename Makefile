# evalbench — two commands matter: `make run` and `make test`.
# Both start a throwaway PostgreSQL (scripts/pg.sh) unless DATABASE_URL is set.

GO        ?= go
ADDR      ?= :8080
BIN       := bin/evalbench
PKGS      := ./...
VERSION   := $(shell git describe --always --dirty 2>/dev/null || echo dev)
COMMIT    := $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
LDFLAGS   := -X evalbench/evaluation/engine.BuildVersion=$(VERSION) -X evalbench/evaluation/engine.BuildCommit=$(COMMIT)

.PHONY: run test build db-up db-down lint bench fuzz setup clean screenshots

## run: start PostgreSQL, migrate, load, compute and publish the example commissions, serve on $(ADDR)
run: build
	@url=$$(scripts/pg.sh up) && key=$$(scripts/master-key.sh) && \
	DATABASE_URL=$$url EVALBENCH_MASTER_KEY=$${EVALBENCH_MASTER_KEY:-$$key} \
	$(BIN) demo --serve --addr $(ADDR) --token-file .data/demo.token

## test: start PostgreSQL, run every test with the race detector, then fuzz each fuzz target for
## a bounded number of executions
test: setup
	@url=$$(scripts/pg.sh up) && \
	DATABASE_URL=$$url $(GO) test -race -count=1 -timeout 20m $(PKGS)
	@scripts/fuzz.sh 300x

build:
	@mkdir -p bin
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/evalbench

## setup: install what the tests need and the machine lacks (idempotent)
setup:
	@scripts/setup.sh

db-up:
	@scripts/pg.sh up

db-down:
	@scripts/pg.sh down

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

## bench: the benchmarks named in the issues (figures go in the closing notes)
bench:
	@url=$$(scripts/pg.sh up) && \
	DATABASE_URL=$$url $(GO) test -run '^$$' -bench . -benchmem -benchtime 1x $(PKGS)
	@bench/montecarlo.sh

## screenshots: retake the README's browser walkthrough images (docs/screenshots/*.png) with the
## browser tests that walk it
screenshots: setup
	@url=$$(scripts/pg.sh up) && \
	DATABASE_URL=$$url EVALBENCH_SCREENSHOTS=docs/screenshots $(GO) test -count=1 -run 'TestBrowserWorkbench|TestBrowserRunPublishAccept' ./web/

## fuzz: run each fuzz target for a bounded time
fuzz:
	@scripts/fuzz.sh 30s

clean:
	rm -rf bin
