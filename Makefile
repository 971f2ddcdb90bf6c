# Two commands from a fresh clone: `make demo` and `make test`. Each creates .venv and installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO := datasets/kazakhstan-2022
# torch first, pinned, so that pip takes the CPU wheel instead of a multi-GB CUDA build.
TORCH := torch==2.13.0

.PHONY: demo test lint typecheck bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet $(TORCH)
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	@if $(BIN)/python -c "import importlib.metadata as m; m.distribution('coverage')" 2>/dev/null; then \
		echo "coverage.py is installed in $(VENV): it shadows this package's import name"; exit 1; fi
	touch $@

demo: $(VENV)/.installed
	$(BIN)/coverage compare $(DEMO) --markdown reports

test: $(VENV)/.installed-test
	$(BIN)/ruff check coverage tests
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check coverage tests
	$(BIN)/ruff format --check coverage tests

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/claims.py
	$(BIN)/python benchmarks/demo_groundtruth.py
	$(BIN)/python benchmarks/alignment.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
