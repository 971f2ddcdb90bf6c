# Two commands from a fresh clone: `make demo` and `make test`. Each creates .venv and installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO := datasets/kazakhstan-2022
# torch first, pinned, so that pip takes the CPU wheel instead of a multi-GB CUDA build.
TORCH := torch==2.13.0

# Root installs Debian's chromium for the browser test directly; others through sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SCREENSHOTS := out/screenshots

.PHONY: demo test test-fast browser-test lint typecheck bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@echo "Installing PyTorch (CPU build) into $(VENV): a few minutes, once..."
	$(BIN)/pip install --quiet $(TORCH)
	@echo "Installing news-coverage and its dependencies into $(VENV)..."
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	@echo "Installing the test tools (pytest, ruff, mypy, ...) and Ray into $(VENV)..."
	$(BIN)/pip install --quiet -e '.[test,ray]'
	@if $(BIN)/python -c "import importlib.metadata as m; m.distribution('coverage')" 2>/dev/null; then \
		echo "coverage.py is installed in $(VENV): it shadows this package's import name"; exit 1; fi
	touch $@

demo: $(VENV)/.installed
	@echo "Comparing the demo corpus $(DEMO): terminal report, then reports/ (markdown) and reports/html/"
	$(BIN)/coverage compare $(DEMO) --outlets $(DEMO).outlets.toml --markdown reports --html reports/html

test: $(VENV)/.installed-test
	$(BIN)/ruff check coverage tests
	$(BIN)/mypy
	$(BIN)/python -m pytest --ignore=tests/test_browser.py
	$(MAKE) --no-print-directory browser-test

# For iteration: lint, types and the tests not marked slow (no real model, no shared corpora): about 2 minutes.
test-fast: $(VENV)/.installed-test
	$(BIN)/ruff check coverage tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -m "not slow" --ignore=tests/test_browser.py

# The HTML report in headless Chromium (Debian's package, installed when absent); screenshots in $(SCREENSHOTS)/.
browser-test: $(VENV)/.installed-test
	@if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then \
		if command -v apt-get >/dev/null 2>&1; then \
			echo "Installing Debian's chromium for the browser test (once)..."; \
			$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else echo "No chromium and no apt-get: the browser tests will skip"; fi; \
	fi
	COVERAGE_SCREENSHOTS=$(SCREENSHOTS) $(BIN)/python -m pytest tests/test_browser.py
	@echo "Screenshots of the demo's HTML report: $(SCREENSHOTS)/"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check coverage tests
	$(BIN)/ruff format --check coverage tests

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/claims.py
	$(BIN)/python benchmarks/figures_quotes.py
	$(BIN)/python benchmarks/demo_groundtruth.py
	$(BIN)/python benchmarks/alignment.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
