"""`python -m wsss_bib`, the same as the `wsss-bib` command."""

from .cli import main

main(prog_name="wsss-bib")
