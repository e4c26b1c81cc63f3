# Two commands on a fresh Debian machine: `make demo` then `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test lint pictures clean

$(STAMP): pyproject.toml scripts/setup.sh
	bash scripts/setup.sh $(VENV)
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/letterpress build letters/ --format pdf,docx,html,txt

test: $(STAMP)
	$(VENV)/bin/ruff check src tests
	$(PY) -m mypy
	$(PY) -m pytest -q -n 2

pictures: $(STAMP)
	$(PY) scripts/pictures.py

clean:
	rm -rf output $(VENV)
