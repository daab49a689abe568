# The README's two commands: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test check bench fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsterm

test: $(STAMP)
	TZ=UTC $(BIN)/python -m pytest -q

check: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/related_cost.py
	$(BIN)/python bench/picture_open.py /tmp/newsterm-picture-bench

# The mutation harness on many more cases than `make test` runs: counts by mutator.
fuzz: $(STAMP)
	TZ=UTC $(BIN)/python -m tests.fuzz --cases 1000 --seed 1 --seeds 3

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
