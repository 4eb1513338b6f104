# akhbar — everything a fresh machine needs goes through these targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# camel-tools pulls torch; constraints.txt pins the CPU wheel (nothing at run time imports it).
PIP_INSTALL := $(BIN)/python -m pip install --disable-pip-version-check -q -c constraints.txt

.PHONY: install run test lint bench eval clean-warehouse

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) --upgrade pip setuptools wheel
	$(PIP_INSTALL) -e '.[dev]'
	@touch $(STAMP)

run: install
	$(BIN)/akhbar run

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .

clean-warehouse:
	rm -rf data/warehouse

eval: install
	$(BIN)/python -m akhbar.evaluation.quotes --baseline
	$(BIN)/python -m akhbar.evaluation.topics
	$(BIN)/python -m akhbar.evaluation.stories
	$(BIN)/python -m akhbar.evaluation.extraction

bench: install
	$(BIN)/python -m benchmarks.bench
