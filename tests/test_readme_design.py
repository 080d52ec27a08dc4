"""The README's design picture is the layers of the code: each of its rows is a layer of
`test_layers.LAYERS` (top first, all of them), and each name in a row is a file of the package
that belongs to that layer."""

from __future__ import annotations

import re

from conftest import ROOT
from test_layers import LAYERS, MODULES, PACKAGE, layer_of, module_name


def picture() -> list[tuple[str, list[str]]]:
    """(layer, file names) per row of the first code block under "## Design"; a row that starts
    with spaces goes on the row above it."""
    design = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## Design\n", 1)[1]
    block = design.split("```\n", 2)[1]
    rows: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        words = line.split()
        if line[:1].isspace():
            rows[-1][1].extend(words)
        elif words:
            rows.append((words[0], words[1:]))
    return rows


def test_the_pictures_rows_are_the_layers_top_first():
    assert [layer for layer, _ in picture()] == [name for name, _ in reversed(LAYERS)]


def test_each_name_in_the_picture_is_a_file_of_its_layer():
    for layer, names in picture():
        for name in names:
            assert re.fullmatch(r"[\w/]+\.py", name), f"{name!r} in the row {layer} is no file name"
            path = PACKAGE / name
            assert path.is_file(), f"the README's picture names {name}, which is not a file of wsss_bib/"
            module = module_name(path)
            assert module in MODULES and LAYERS[layer_of(module)][0] == layer, \
                f"the README's picture puts {name} in {layer}; tests/test_layers.py in {LAYERS[layer_of(module)][0]}"
