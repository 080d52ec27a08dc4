"""The committed output/: read by independent parsers, and exactly what the code makes."""

import json
import shutil
import subprocess
import sys

from conftest import ROOT
from exports import bibtex_both, csl_valid, ris_records

OUTPUT = ROOT / "output"


def test_bibtex_reads_back_in_pybtex_and_bibtexparser():
    text = (OUTPUT / "wsss.bib").read_text(encoding="utf-8")
    pybtex_db, library = bibtex_both(text)
    keys = [entry.key for entry in library.entries]
    assert len(keys) == 50 and len(set(keys)) == 50
    for key, entry in pybtex_db.entries.items():
        doi = entry.fields.get("doi", "")
        assert "\\" not in doi and "{" not in doi, key  # verbatim: Springer's `_` stays `_`


def test_csl_json_is_valid_and_ris_has_no_unknown_tags():
    assert len(csl_valid((OUTPUT / "wsss.json").read_text(encoding="utf-8"))) == 50
    assert len(ris_records((OUTPUT / "wsss.ris").read_text(encoding="utf-8"))) == 50


def test_output_is_what_the_code_and_overrides_make(run, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run("export", "--format", "all", "--check", "--offline")
    assert result.exit_code == 0, result.stderr


# Run in a child process, so its stand-in for the name lookup ends with it: every DNS query is
# recorded (and refused), and whether the HTTP stack was imported at all is reported.
SETTLED_RUN = """
import json, socket, sys
asked = []
def no_dns(host, *args, **kwargs):
    asked.append(str(host))
    raise socket.gaierror(socket.EAI_NONAME, "no name lookups in this test")
socket.getaddrinfo = no_dns
from wsss_bib.cli import main
try:
    main(["export", "--format", "all", "-q", "--out", sys.argv[1]], standalone_mode=False)
    code = 0
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "dns": asked, "http": "requests" in sys.modules or "urllib3" in sys.modules}))
"""


def test_the_committed_lock_settles_every_row_and_a_warm_export_asks_nothing(tmp_path):
    """Every curated row is settled in the lock, so an online export of the unchanged list makes no
    request and no name lookup (it does not even load the HTTP stack) and rebuilds output/ byte for byte."""
    rows = json.loads((OUTPUT / "wsss.lock.json").read_text(encoding="utf-8"))["rows"]
    assert len(rows) == 50 and {row["status"] for row in rows} <= {"resolved", "unresolved", "curated"}
    assert all(row["reason"].startswith("settled by override ") for row in rows if row["status"] == "curated")
    shutil.copytree(OUTPUT, tmp_path / "out")
    child = subprocess.run([sys.executable, "-c", SETTLED_RUN, str(tmp_path / "out")], capture_output=True,
                           text=True, cwd=tmp_path, timeout=120)
    assert child.returncode == 0, child.stderr
    assert json.loads(child.stdout.splitlines()[-1]) == {"code": 0, "dns": [], "http": False}
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == \
        {p.name: p.read_bytes() for p in OUTPUT.iterdir()}
