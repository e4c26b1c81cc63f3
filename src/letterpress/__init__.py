"""letterpress: open letters in YAML to release-quality PDF, DOCX, HTML and text."""

__version__ = "0.1.0"
