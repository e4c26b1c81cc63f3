"""``python -m letterpress``."""

from letterpress.start import main

main()
