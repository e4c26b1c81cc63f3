# Two commands on a fresh Debian machine: `make demo` then `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test chromium lint pictures schema bench clean

$(STAMP): pyproject.toml scripts/setup.sh
	bash scripts/setup.sh $(VENV)
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/letterpress build letters/ --format pdf,docx,html,txt

# Debian's chromium, which the preview tests drive headless; for the tests only.
chromium:
	@command -v chromium >/dev/null 2>&1 || bash scripts/setup.sh --chromium

test: $(STAMP) chromium
	$(VENV)/bin/ruff check src tests
	$(PY) -m mypy
	$(PY) -m pytest -q -n 2

pictures: $(STAMP)
	$(PY) scripts/pictures.py

# The JSON Schemas editors use (README "Editor support"), regenerated from the models;
# tests/test_schema.py fails while the committed ones are stale.
schema: $(STAMP)
	$(VENV)/bin/letterpress schema letter -o schema/letter.schema.json
	$(VENV)/bin/letterpress schema layout -o schema/layout.schema.json

# The benchmark of issue 6 (about 10 minutes; BENCH_ARGS=--quick for a smoke run); pandoc
# comes from the `bench` extra.
bench: $(STAMP)
	$(VENV)/bin/python -m pip install -q -e '.[dev,bench]'
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf output $(VENV)
