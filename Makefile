# reporter: personalized L6/L7 interview prep documents.
PYTHON ?= python3
# The default Python keeps .venv (the README's paths); another one (make test PYTHON=python3.12) gets its own.
PYTHON_VERSION := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
ifeq ($(PYTHON_VERSION),)
$(error $(PYTHON) does not run: set PYTHON to a Python 3.11 or newer)
endif
VENV   ?= $(if $(filter python3,$(PYTHON)),.venv,.venv-$(PYTHON_VERSION))
BIN    := $(VENV)/bin
OUT    ?= out

.DEFAULT_GOAL := help
.PHONY: help system-deps test-deps venv demo look test bench bounds lint clean build-examples build-edition collect-shards

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

system-deps: ## check the system libraries rendering needs; install the missing ones (root, Debian) or name them
	@PYTHON=$(PYTHON) sh tools/system-deps run

test-deps: ## the same for the tests (poppler-utils, qpdf, a Java runtime with JAXB for veraPDF)
	@PYTHON=$(PYTHON) sh tools/system-deps test

$(BIN)/reporter: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

venv: system-deps $(BIN)/reporter ## create the venv and install reporter with its test tools

# The examples are dated as of 2026-12-01 so the demo renders the same documents on any day.
DEMO_EPOCH ?= 1796083200

demo: venv ## render every example into out/
	SOURCE_DATE_EPOCH=$(DEMO_EPOCH) $(BIN)/reporter build examples/*.yaml -o $(OUT) --formats plan,slides,sheet,ics,json,roster
	SOURCE_DATE_EPOCH=$(DEMO_EPOCH) $(BIN)/reporter edition -o $(OUT)

look: demo ## render the demo, then one contact sheet per document (every page small) into OUT/look
	$(BIN)/python tools/look.py $(OUT) $(OUT)/look

# CI (.github/workflows/publish.yml) builds the examples in slices: SHARD=I/N builds the I-th of N.
SHARD ?=
SHARDS_DIR ?= shards

build-examples: venv ## build every example's documents into OUT (SHARD=I/N: one slice)
	SOURCE_DATE_EPOCH=$(DEMO_EPOCH) $(BIN)/reporter build examples -o $(OUT) --formats plan,slides,sheet,ics,json $(if $(SHARD),--shard $(SHARD))

build-edition: venv ## build the documents that belong to no candidate into OUT, in parallel; a rerun renders only what changed
	SOURCE_DATE_EPOCH=$(DEMO_EPOCH) $(BIN)/reporter edition -o $(OUT)

collect-shards: venv ## gather the shard folders under SHARDS_DIR into OUT, with one merged manifest
	mkdir -p $(OUT)
	for shard in $(SHARDS_DIR)/*/; do (cd "$$shard" && tar cf - --exclude=./manifest.json .) | (cd $(OUT) && tar xf -); done
	$(BIN)/reporter merge-manifests $(SHARDS_DIR)/*/manifest.json -o $(OUT)/manifest.json
	SOURCE_DATE_EPOCH=$(DEMO_EPOCH) $(BIN)/reporter roster $(OUT)

test: test-deps venv ## run the test suite
	$(BIN)/python -m pytest

bench: venv ## measure build speed (not a test)
	$(BIN)/python -m reporter.bench

bounds: ## build the examples with the lowest and the newest dependency versions pyproject.toml allows
	sh tools/check-bounds $(PYTHON)

lint: venv ## byte-compile everything (catches syntax errors fast)
	$(BIN)/python -m compileall -q reporter tests

clean: ## remove the venvs, outputs and caches
	rm -rf .venv .venv-* $(OUT) .pytest_cache *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
