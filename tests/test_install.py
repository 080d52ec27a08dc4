"""Installed from its wheel, in an empty folder, offline: the committed bibliography, byte for byte."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile

from conftest import ROOT

OUTPUT = ROOT / "output"


def test_the_wheel_carries_the_bundled_data_and_builds_the_committed_output(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT), "-w", str(tmp_path / "dist")],
                   check=True, capture_output=True)
    wheel = next((tmp_path / "dist").glob("wsss_bib-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "wsss_bib/bundled/output/wsss.lock.json" in names and any(n.endswith("/licenses/LICENSE") for n in names)
    assert sum(n.startswith("wsss_bib/bundled/overrides/") for n in names) == len(list((ROOT / "overrides").iterdir()))
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(tmp_path / "site"),
                    str(wheel)], check=True, capture_output=True)
    empty = tmp_path / "empty"
    empty.mkdir()
    # -S: no site-packages processing, so the checkout's editable install cannot stand in for the wheel;
    # the dependencies come from this environment's site-packages, the package from the wheel alone.
    env = {k: v for k, v in os.environ.items() if not k.startswith("WSSS_BIB_") and k != "PYTHONPATH"}
    env |= {"PYTHONPATH": os.pathsep.join([str(tmp_path / "site"), sysconfig.get_paths()["purelib"]]),
            "XDG_CACHE_HOME": str(tmp_path / "cache"), "WSSS_BIB_CROSSREF_URL": "http://127.0.0.1:9",
            "WSSS_BIB_ARXIV_URL": "http://127.0.0.1:9/query"}
    where = subprocess.run([sys.executable, "-S", "-c", "import wsss_bib; print(wsss_bib.__file__)"], cwd=empty,
                           env=env, capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(tmp_path / "site"))
    result = subprocess.run([sys.executable, "-S", "-m", "wsss_bib", "export", "--format", "all", "--offline"],
                            cwd=empty, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (empty / "output").iterdir())
    assert written == sorted(p.name for p in OUTPUT.iterdir())
    for name in written:
        assert (empty / "output" / name).read_bytes() == (OUTPUT / name).read_bytes(), name
