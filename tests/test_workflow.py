"""The list repository's CI: the GitHub Action (action.yml) run step by step as the runner runs it,
and the pre-commit hook (.pre-commit-hooks.yaml) checked by pre-commit's own manifest validation."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import DATA, ROOT
from pre_commit.clientlib import InvalidManifestError, load_config, load_manifest

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}")


class Runner:
    """What the GitHub runner does for a composite action's `run` steps: `${{ … }}` expressions
    substituted, INPUT_* set, each script run by `bash --noprofile --norc -eo pipefail FILE` in the
    workspace, lines appended to $GITHUB_PATH put on PATH for the next steps, $GITHUB_STEP_SUMMARY kept."""

    def __init__(self, temp: Path) -> None:
        self.temp = temp
        self.path_file = temp / "github_path"
        self.path_file.touch()
        self.steps = 0

    def run_step(self, step: dict, inputs: dict[str, str], workspace: Path) -> tuple[int, str, str]:
        assert step["shell"] == "bash" and "uses" not in step
        values = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()} | inputs
        contexts = {"inputs": values, "github": {"action_path": str(ROOT), "workspace": str(workspace)},
                    "runner": {"temp": str(self.temp)}}

        def evaluate(found: re.Match) -> str:
            scope, _, name = found.group(1).partition(".")
            return contexts[scope][name]

        summary = self.temp / f"summary-{self.steps}.md"
        self.steps += 1
        env = dict(os.environ)
        added = self.path_file.read_text().splitlines()
        env["PATH"] = os.pathsep.join([*reversed(added), env["PATH"]])
        env |= {f"INPUT_{name.upper()}": value for name, value in values.items()}
        env |= {"GITHUB_ACTION_PATH": str(ROOT), "GITHUB_WORKSPACE": str(workspace), "RUNNER_TEMP": str(self.temp),
                "GITHUB_PATH": str(self.path_file), "GITHUB_STEP_SUMMARY": str(summary)}
        env |= {name: EXPRESSION.sub(evaluate, str(value)) for name, value in (step.get("env") or {}).items()}
        script = self.temp / f"step-{self.steps}.sh"
        script.write_text(EXPRESSION.sub(evaluate, step["run"]))
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=workspace,
                                env=env, capture_output=True, text=True)
        return result.returncode, result.stdout + result.stderr, summary.read_text() if summary.exists() else ""


@pytest.fixture(scope="module")
def runner(tmp_path_factory):
    """The action's first step, run once: wsss-bib installed from the action's folder into a venv."""
    runner = Runner(tmp_path_factory.mktemp("runner"))
    install = ACTION["runs"]["steps"][0]
    code, output, _ = runner.run_step(install, {"python": sys.executable}, runner.temp)
    assert code == 0, output
    assert (runner.temp / "wsss-bib" / "bin" / "wsss-bib").exists()
    return runner


def check_step(runner: Runner, workspace: Path, **inputs: str) -> tuple[int, str, str]:
    return runner.run_step(ACTION["runs"]["steps"][1], inputs, workspace)


@pytest.fixture
def workspace(tmp_path):
    """A list's repository: the list and nothing else yet."""
    shutil.copy(DATA / "add" / "items.md", tmp_path / "papers.md")
    return tmp_path


def test_the_action_exports_then_checks_and_reports_stale_files_in_the_job_summary(runner, workspace):
    code, output, summary = check_step(runner, workspace, list="papers.md", out="bib", mode="export",
                                       mailto="maintainer@example.org")
    assert code == 0, output
    assert sorted(p.name for p in (workspace / "bib").iterdir()) == [
        "README.md", "index.html", "papers-biblatex.bib", "papers-zotero.json", "papers.bib", "papers.json",
        "papers.lock.json", "papers.ris"]
    assert "written to `bib`" in summary and "wrote " in summary
    # The installed tool ran: the action's venv, not this test's environment.
    assert str(runner.temp / "wsss-bib" / "bin") in runner.path_file.read_text()

    code, output, summary = check_step(runner, workspace, list="papers.md", out="bib")
    assert code == 0, output
    assert "is up to date" in summary and "up to date (4 entries)" in summary

    listed = workspace / "papers.md"
    lines = listed.read_text().splitlines(keepends=True)
    listed.write_text("".join(line for line in lines if "2203.02664" not in line))
    code, output, summary = check_step(runner, workspace, list="papers.md", out="bib")
    assert code == 1
    assert "is stale" in summary and "wsss-bib export --format all --list papers.md --out bib" in summary
    assert (workspace / "bib" / "papers.bib").read_text().count("@") == 4  # --check wrote nothing


def test_the_action_takes_its_inputs_as_data_never_as_commands(runner, workspace):
    code, output, summary = check_step(runner, workspace, list='papers.md"; touch pwned; echo "', out="$(touch pwned2)")
    assert code == 2 and "wsss-bib failed (exit code 2)" in summary
    assert not (workspace / "pwned").exists() and not (workspace / "pwned2").exists()
    code, output, _ = check_step(runner, workspace, list="papers.md", mode="commit")
    assert code == 2 and "mode is check or export" in output


HOOKS = ROOT / ".pre-commit-hooks.yaml"


def test_the_hook_manifest_passes_pre_commits_own_validation(tmp_path):
    [hook] = load_manifest(str(HOOKS))
    assert hook["id"] == "wsss-bib-check" and hook["pass_filenames"] is False
    broken = tmp_path / "hooks.yaml"
    broken.write_text(HOOKS.read_text().replace("  entry:", "  entrypoint:"))
    with pytest.raises(InvalidManifestError):
        load_manifest(str(broken))


@pytest.mark.parametrize("path, runs", [
    ("README.md", True), ("lists/papers.md", True), ("overrides/doe2021fake.yaml", True),
    ("overrides/doe2021fake.bib", True), ("output/wsss.bib", True), ("bib/output/wsss.json", True),
    ("papers-bibliography/papers.bib", True),
    ("src/tool.py", False), ("images/logo.png", False),
])
def test_the_hook_runs_when_the_list_overrides_or_output_change(path, runs):
    [hook] = load_manifest(str(HOOKS))
    assert bool(re.search(hook["files"], path)) is runs


def test_the_hook_passes_on_a_current_bibliography_and_fails_on_a_stale_one(run, workspace):
    # The list's own folder, papers-bibliography/ beside it, as the hook's --check finds it by default.
    assert run("export", "--format", "all", "--list", workspace / "papers.md", "--offline", "--quiet").exit_code == 0
    [hook] = load_manifest(str(HOOKS))
    command = [str(Path(sys.executable).parent / shlex.split(hook["entry"])[0]), *shlex.split(hook["entry"])[1:],
               *hook["args"], "--list", "papers.md"]
    fresh = subprocess.run(command, cwd=workspace, capture_output=True, text=True)
    assert fresh.returncode == 0, fresh.stderr
    (workspace / "papers.md").write_text((workspace / "papers.md").read_text().replace("NeurIPS 2021", "ICLR 2021"))
    stale = subprocess.run(command, cwd=workspace, capture_output=True, text=True)
    assert stale.returncode == 1 and "stale" in stale.stderr


def readme_block(language: str, containing: str) -> str:
    blocks = re.findall(rf"```{language}\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL)
    return next(block for block in blocks if containing in block)


def test_the_readme_snippets_are_what_the_action_and_pre_commit_take(tmp_path):
    workflow = yaml.safe_load(readme_block("yaml", "uses: wsss-bib/wsss-bib"))
    [step] = [s for s in workflow["jobs"]["check"]["steps"] if "wsss-bib" in s.get("uses", "")]
    assert set(step["with"]) <= set(ACTION["inputs"])
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(readme_block("yaml", "id: wsss-bib-check"))
    [repo] = load_config(str(config))["repos"]
    [hook] = repo["hooks"]
    assert hook["id"] == load_manifest(str(HOOKS))[0]["id"]
    assert re.search(hook["files"], "bibliography/wsss.bib") and re.search(hook["files"], "README.md")
