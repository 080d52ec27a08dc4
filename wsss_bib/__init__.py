"""wsss-bib: an awesome list of WSSS papers as BibTeX, CSL-JSON and RIS."""

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/wsss-bib/wsss-bib"
