"""``python -m letterpress``."""

from letterpress.cli import main

main()
