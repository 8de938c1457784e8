# reporter: personalized L6/L7 interview prep documents.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= out

.DEFAULT_GOAL := help
.PHONY: help venv demo test bench lint clean build-examples build-edition collect-shards

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(BIN)/reporter: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

venv: $(BIN)/reporter ## create .venv and install reporter with its test tools

# The examples are dated as of 2026-12-01 so the demo renders the same documents on any day.
DEMO_EPOCH ?= 1796083200

demo: venv ## render every example into out/
	SOURCE_DATE_EPOCH=$(DEMO_EPOCH) $(BIN)/reporter build examples/*.yaml -o $(OUT) --formats plan,slides,sheet,ics
	SOURCE_DATE_EPOCH=$(DEMO_EPOCH) $(BIN)/reporter edition -o $(OUT)

# CI (.github/workflows/publish.yml) builds the examples in slices: SHARD=I/N builds the I-th of N.
SHARD ?=
SHARDS_DIR ?= shards

build-examples: venv ## build every example's documents into OUT (SHARD=I/N: one slice)
	SOURCE_DATE_EPOCH=$(DEMO_EPOCH) $(BIN)/reporter build examples -o $(OUT) --formats plan,slides,sheet,ics $(if $(SHARD),--shard $(SHARD))

build-edition: venv ## build the documents that belong to no candidate into OUT
	SOURCE_DATE_EPOCH=$(DEMO_EPOCH) $(BIN)/reporter edition -o $(OUT)

collect-shards: venv ## gather the shard folders under SHARDS_DIR into OUT, with one merged manifest
	mkdir -p $(OUT)
	for shard in $(SHARDS_DIR)/*/; do (cd "$$shard" && tar cf - --exclude=./manifest.json .) | (cd $(OUT) && tar xf -); done
	$(BIN)/reporter merge-manifests $(SHARDS_DIR)/*/manifest.json -o $(OUT)/manifest.json

test: venv ## run the test suite
	$(BIN)/python -m pytest

bench: venv ## measure build speed (not a test)
	$(BIN)/python -m reporter.bench

lint: venv ## byte-compile everything (catches syntax errors fast)
	$(BIN)/python -m compileall -q reporter tests

clean: ## remove the venv, outputs and caches
	rm -rf $(VENV) $(OUT) .pytest_cache *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
