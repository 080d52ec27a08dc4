"""The README's design picture as a test: the package's imports point down its layers, with no cycle.

Every `import` of a `wsss_bib` module in the package's source is read with `ast` (module level,
inside functions, and under `TYPE_CHECKING`: a lazy or typing-only import is still a dependency),
resolved to the module it names, and checked against `LAYERS`: a module may import its own
layer and the layers below it, never one above. A second check finds import cycles among
the modules, counting every import but the typing-only ones (they never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "wsss_bib"

# Bottom first. A module belongs to the first layer with a pattern it matches: its own name, or
# a package's name followed by ".*" for every module in that package.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("wsss_bib", "wsss_bib.errors", "wsss_bib.characters", "wsss_bib.identifiers", "wsss_bib.nesting",
              "wsss_bib.normalise", "wsss_bib.lists.model")),
    ("model", ("wsss_bib.venues", "wsss_bib.record", "wsss_bib.keys", "wsss_bib.identity")),
    ("lists", ("wsss_bib.lists", "wsss_bib.lists.*")),
    ("overrides", ("wsss_bib.override", "wsss_bib.overrides", "wsss_bib.bib_overrides")),
    ("resolve", ("wsss_bib.resolve", "wsss_bib.resolve.*")),
    ("export", ("wsss_bib.export", "wsss_bib.export.*")),
    ("pipeline", ("wsss_bib.pipeline", "wsss_bib.bundle", "wsss_bib.output", "wsss_bib.report", "wsss_bib.list_cache",
                  "wsss_bib.rendered")),
    ("commands", ("wsss_bib.add", "wsss_bib.cli", "wsss_bib.__main__")),
]

# Imports that point up today, each with why it is left: (importer, imported).
KNOWN_UPWARD: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    for index, (_, patterns) in enumerate(LAYERS):
        for pattern in patterns:
            if module == pattern or pattern.endswith(".*") and module.startswith(pattern[:-1]):
                return index
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def _typing_only(tree: ast.Module) -> set[int]:
    """The ids of the import nodes under `if TYPE_CHECKING:`."""
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            ids |= {id(inner) for stmt in node.body for inner in ast.walk(stmt)}
    return ids


def imports(module: str) -> list[tuple[str, bool]]:
    """(imported wsss_bib module, typing only) for every import in `module`'s source."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = _typing_only(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # `from . import lock` names a module; `from .record import Record` a name in one.
            names = [f"{target}.{alias.name}" if f"{target}.{alias.name}" in MODULES else target
                     for alias in node.names]
        else:
            continue
        found += [(name, id(node) in typing_only) for name in names if name.split(".")[0] == "wsss_bib"]
    return found


def test_every_import_names_a_module_of_the_package():
    for module in MODULES:
        for imported, _ in imports(module):
            assert imported in MODULES, f"{module} imports {imported}, which is not a module"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_module_imports_only_its_own_layer_and_those_below(module):
    own = layer_of(module)
    upward = sorted({(imported, LAYERS[layer_of(imported)][0]) for imported, _ in imports(module)
                     if layer_of(imported) > own and (module, imported) not in KNOWN_UPWARD})
    assert not upward, f"{module} (layer {LAYERS[own][0]}) imports upward: {upward}"


def test_the_known_upward_imports_are_still_there():
    # A known exception that is fixed must leave the list, so the list says what is left.
    for importer, imported in KNOWN_UPWARD:
        assert (imported, False) in imports(importer) or (imported, True) in imports(importer), (importer, imported)


def test_no_import_cycle():
    graph = {module: sorted({imported for imported, typing_only in imports(module) if not typing_only})
             for module in MODULES}
    state: dict[str, str] = {}  # "open" while on the path, "done" after
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for imported in graph[module]:
            if state.get(imported) == "open":
                cycles.append(path[path.index(imported):] + [imported])
            elif imported not in state:
                visit(imported, [*path, imported])
        state[module] = "done"

    for module in graph:
        if module not in state:
            visit(module, [module])
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(cycle) for cycle in cycles)


def test_the_checks_catch_an_upward_import_and_a_cycle(tmp_path, monkeypatch):
    # The walk itself: a model module importing the CLI, and two modules importing each other.
    fake = tmp_path / "wsss_bib"
    fake.mkdir()
    (fake / "__init__.py").write_text("")
    (fake / "record.py").write_text("from .cli import main\n")
    (fake / "cli.py").write_text("def main():\n    from . import record\n")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", fake)
    monkeypatch.setattr(__import__(__name__), "MODULES", {module_name(p): p for p in sorted(fake.rglob("*.py"))})
    with pytest.raises(AssertionError, match="imports upward"):
        test_a_module_imports_only_its_own_layer_and_those_below("wsss_bib.record")
    with pytest.raises(AssertionError, match="import cycles: wsss_bib.cli -> wsss_bib.record -> wsss_bib.cli"):
        test_no_import_cycle()
