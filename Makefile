# Two commands for a fresh machine (see README.md):
#   make demo   set up, then extract samples/ and print the timeline
#   make test   set up, then run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup demo test clean

$(BIN)/factx: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(BIN)/factx

setup: $(BIN)/factx

demo: setup
	rm -f demo.db
	$(BIN)/factx extract samples/ --db demo.db
	$(BIN)/factx timeline --db demo.db

test: setup
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) demo.db .pytest_cache
