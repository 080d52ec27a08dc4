"""Writing output/: all files or none, whatever fails in the middle (wsss_bib/output.py)."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from wsss_bib import output
from wsss_bib.output import stale_files, write_files

OLD = {"wsss.bib": "old bib\n", "wsss.json": "[]\n", "wsss.ris": "TY  - GEN\nER  - \n", "wsss.lock.json": "{}\n"}
NEW = {name: f"new {name}\n" for name in OLD}


def folder(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())}


@pytest.fixture
def out(tmp_path: Path) -> Path:
    write_files(tmp_path / "out", OLD)
    return tmp_path / "out"


def failing_replace(monkeypatch, fail_on: set[int], error: BaseException | None = None) -> list[tuple]:
    """os.replace, in wsss_bib.output, failing on the given calls (1-based); returns the calls made."""
    calls: list[tuple] = []
    real = os.replace

    def replace(source, target):
        if Path(target).name == output.JOURNAL:  # the journal's own rename is not one of the files'
            return real(source, target)
        calls.append((Path(source).name, Path(target).name))
        if len(calls) in fail_on:
            raise error or OSError(errno.EIO, "simulated failure", str(target))
        real(source, target)
    monkeypatch.setattr(output.os, "replace", replace)
    return calls


def test_writes_every_file_and_leaves_nothing_else(out):
    write_files(out, NEW)
    assert folder(out) == {name: text.encode() for name, text in NEW.items()}


def test_a_rename_failing_after_the_first_puts_the_first_back(out, monkeypatch):
    calls = failing_replace(monkeypatch, fail_on={2})
    with pytest.raises(OSError, match="simulated failure"):
        write_files(out, NEW)
    assert calls[0][1] == "wsss.bib" and calls[1][1] == "wsss.json"  # wsss.bib had been replaced already
    assert calls[2][1] == "wsss.bib"  # ... and was put back
    assert folder(out) == {name: text.encode() for name, text in OLD.items()}  # no temporary or backup left


def test_a_failure_on_the_last_rename_undoes_all_the_others(out, monkeypatch):
    failing_replace(monkeypatch, fail_on={len(NEW)})
    with pytest.raises(OSError):
        write_files(out, NEW)
    assert folder(out) == {name: text.encode() for name, text in OLD.items()}


def test_ctrl_c_between_renames_also_restores(out, monkeypatch):
    failing_replace(monkeypatch, fail_on={3}, error=KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        write_files(out, NEW)
    assert folder(out) == {name: text.encode() for name, text in OLD.items()}


def test_disk_full_while_writing_touches_no_old_file(out, monkeypatch):
    real = os.fdopen
    opened = []

    class Full:
        def __init__(self, stream):
            self.stream = stream

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.stream.close()

        def write(self, text):
            self.stream.write(text[: len(text) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

    def fdopen(handle, *args, **kwargs):
        opened.append(handle)
        stream = real(handle, *args, **kwargs)
        return Full(stream) if len(opened) == 2 else stream
    monkeypatch.setattr(output.os, "fdopen", fdopen)
    with pytest.raises(OSError, match="No space left"):
        write_files(out, NEW)
    assert folder(out) == {name: text.encode() for name, text in OLD.items()}  # the half-written temp is gone


def test_new_files_are_removed_again_when_the_first_write_fails(tmp_path, monkeypatch):
    failing_replace(monkeypatch, fail_on={2})
    with pytest.raises(OSError):
        write_files(tmp_path / "fresh", NEW)
    assert folder(tmp_path / "fresh") == {}


def test_when_putting_back_fails_too_the_old_bytes_are_kept_and_named(out, monkeypatch):
    failing_replace(monkeypatch, fail_on={2, 3})  # the rename fails, and so does the restore
    with pytest.raises(OSError) as raised:
        write_files(out, NEW)
    message = str(raised.value)
    assert "could not put the old files back" in message and "wsss.bib as" in message
    backup = Path(message.split("wsss.bib as ", 1)[1].split(",")[0])
    assert backup.parent == out and backup.read_bytes() == OLD["wsss.bib"].encode()  # nothing lost
    assert (out / "wsss.json").read_bytes() == OLD["wsss.json"].encode()


def test_cli_reports_a_failed_write_in_one_line_with_exit_2_and_keeps_output(run, data, tmp_path, overrides_copy,
                                                                            monkeypatch):
    args = ("export", "--format", "all", "--list", data / "quirks.md", "--overrides", overrides_copy,
            "--out", tmp_path / "out", "--quiet", "--offline")
    assert run(*args).exit_code == 0
    for name in ("quirks.bib", "quirks.json"):  # two files to change (an unchanged one is not rewritten)
        (tmp_path / "out" / name).write_text("stale\n")
    before = folder(tmp_path / "out")
    failing_replace(monkeypatch, fail_on={2})
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot write to ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert folder(tmp_path / "out") == before


def test_stale_files_counts_changed_lines(out):
    assert stale_files(out, OLD) == []
    changed = {**OLD, "wsss.bib": "other\n"}
    assert stale_files(out, changed) == [f"{out / 'wsss.bib'}: 1 line(s) to add, 1 to remove"]


def test_one_added_line_is_one_line_to_add_not_a_shifted_file(out):
    write_files(out, {"wsss.bib": "".join(f"line {n}\n" for n in range(500))})
    added = {"wsss.bib": "line 0\nnew line\n" + "".join(f"line {n}\n" for n in range(1, 500))}
    assert stale_files(out, added) == [f"{out / 'wsss.bib'}: 1 line(s) to add, 0 to remove"]


def test_files_get_the_mode_the_umask_gives_not_mkstemps_0600(tmp_path):
    previous = os.umask(0o022)
    try:
        write_files(tmp_path / "out", NEW)
    finally:
        os.umask(previous)
    assert {oct((tmp_path / "out" / name).stat().st_mode & 0o777) for name in NEW} == {"0o644"}


KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from wsss_bib import output
real, calls = os.replace, []
def replace(source, target):
    if Path(target).name != output.JOURNAL:
        calls.append(target)
        if len(calls) == 3:
            os.kill(os.getpid(), signal.SIGKILL)  # no handler, no finally: as a power cut
    real(source, target)
output.os.replace = replace
output.write_files(Path(sys.argv[1]), {name: "new " + name for name in sys.argv[2:]})
"""


def test_after_sigkill_half_way_the_next_write_puts_the_old_set_back_first(out):
    killed = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(out), *NEW], capture_output=True)
    assert killed.returncode == -signal.SIGKILL
    mixed = folder(out)
    assert mixed["wsss.bib"] == b"new wsss.bib" and mixed["wsss.lock.json"] == OLD["wsss.lock.json"].encode()
    assert output.JOURNAL in mixed and stale_files(out, OLD)[0].endswith("the next export puts the old files back")
    assert sorted(output.recover(out, NEW)) == sorted(NEW)
    assert folder(out) == {name: text.encode() for name, text in OLD.items()}  # one whole set, no stray file


def test_a_second_writer_waits_for_the_first(out):
    with output.exclusive(out):
        waiting = subprocess.Popen([sys.executable, "-c", "import sys; from pathlib import Path; "
                                    "from wsss_bib import output\nwith output.exclusive(Path(sys.argv[1])): "
                                    "print('got it')", str(out)], stdout=subprocess.PIPE, text=True)
        with pytest.raises(subprocess.TimeoutExpired):
            waiting.wait(timeout=1)  # not a timing assertion: it must still be waiting, however long
    assert waiting.communicate(timeout=60)[0] == "got it\n"


def test_a_journal_naming_other_files_of_the_folder_touches_none_of_them(out):
    """Item 13: a committed journal may name only the files the tool writes (and its own backups)."""
    (out / "CNAME").write_text("bib.example.org\n")
    (out / "notes.txt").write_text("my notes\n")
    journal = {"files": ["CNAME", "notes.txt", "wsss.bib"], "backups": {"notes.txt": "wsss.json", "wsss.bib": "CNAME"}}
    (out / output.JOURNAL).write_text(json.dumps(journal))
    before = folder(out)
    write_files(out, NEW)
    after = folder(out)
    assert after["CNAME"] == before["CNAME"] and after["notes.txt"] == before["notes.txt"]
    assert {name: after[name] for name in NEW} == {name: text.encode() for name, text in NEW.items()}
    assert output.JOURNAL not in after


def test_a_journal_nested_too_deep_is_dropped_not_a_crash(out):
    (out / output.JOURNAL).write_text('{"files": ' + "[" * 100_000 + "]" * 100_000 + "}")
    write_files(out, NEW)
    assert folder(out) == {name: text.encode() for name, text in NEW.items()}


def test_a_file_that_already_holds_its_bytes_is_not_rewritten(out):
    before = os.stat(out / "wsss.json")
    write_files(out, {**NEW, "wsss.json": OLD["wsss.json"]})
    after = os.stat(out / "wsss.json")
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    expected = {name: text.encode() for name, text in NEW.items()}
    assert folder(out) == {**expected, "wsss.json": OLD["wsss.json"].encode()}


def test_a_run_that_changes_nothing_writes_no_journal_and_leaves_every_file(out, monkeypatch):
    calls = failing_replace(monkeypatch, fail_on=set())
    write_files(out, OLD)
    assert calls == [] and folder(out) == {name: text.encode() for name, text in OLD.items()}


def test_a_text_longer_than_a_slice_is_written_and_compared_slice_by_slice(tmp_path, monkeypatch):
    monkeypatch.setattr(output, "SLICE", 7)  # slices that cut through multi-byte characters' neighbours
    text = "Aﬃnity · Müller – 漢字 😀\n" * 5
    write_files(tmp_path / "out", {"wsss.bib": text})
    assert (tmp_path / "out" / "wsss.bib").read_bytes() == text.encode("utf-8")
    assert output._holds(tmp_path / "out" / "wsss.bib", text)
    for other in (text[:-1], text + "x", text[:-2] + "y\n", "x" * len(text.encode("utf-8")), ""):
        assert not output._holds(tmp_path / "out" / "wsss.bib", other), other[-5:]


def test_a_text_made_in_pieces_is_written_as_they_come_and_compared_with_the_old_file(out, monkeypatch):
    """A writer's pieces (the pages, issue 23) are staged as they come: the same bytes as the text
    whole, an unchanged file left as it is (no rename, no temporary file left), a changed one replaced."""
    monkeypatch.setattr(output, "SLICE", 4)  # pieces gathered and encoded a few characters at a time
    before = os.stat(out / "wsss.json")
    pieces = {name: (lambda text=text: iter(text.partition(" "))) for name, text in NEW.items()}
    output.write_rendered(out, {**pieces, "wsss.json": lambda: iter(["[", "]\n"])})
    after = os.stat(out / "wsss.json")
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert folder(out) == {**{name: text.encode() for name, text in NEW.items()}, "wsss.json": b"[]\n"}
    for text in ("[]\n[", "[", "", "[]\nü"):  # longer, shorter, empty, other bytes: replaced
        output.write_rendered(out, {"wsss.json": lambda text=text: iter([text])})
        assert (out / "wsss.json").read_bytes() == text.encode()


def test_a_writer_failing_half_way_through_its_pieces_touches_no_old_file(out):
    def failing():
        yield "new "
        raise ValueError("the writer failed")

    with pytest.raises(ValueError, match="the writer failed"):
        output.write_rendered(out, {"wsss.bib": lambda: iter(NEW["wsss.bib"]), "wsss.json": failing})
    assert folder(out) == {name: text.encode() for name, text in OLD.items()}
