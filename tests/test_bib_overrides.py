"""BibTeX overrides (overrides/*.bib): dblp- and Scholar-shaped entries mapped onto the record's
fields, merged with the same precedence and provenance as YAML ones, and every error named by
file and line."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from conftest import DATA

from wsss_bib import pipeline
from wsss_bib.errors import InputError
from wsss_bib.overrides import load_overrides

BIB = DATA / "overrides_bib"
ROWS = BIB / "rows.md"


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def by_key():
    return {o.key: o for o in load_overrides(BIB)}


def test_dblp_entry_maps_every_field_and_decodes_latex(by_key):
    xu = by_key["xu2022multi"]  # one entry in the file: the file names the paper, not DBLP:conf/...
    assert xu.match == {"arxiv": "2203.02891"}
    assert xu.line == 18  # errors about matching point at `match`
    record = xu.record
    assert record["type"] == "paper-conference"
    assert [(a["family"], a["given"]) for a in record["author"]] == [
        ("Xu", "Lian"), ("Ouyang", "Wanli"), ("Bennamoun", "Mohammed"), ("Boussaïd", "Farid"), ("Xu", "Dan")]
    assert record["title"] == "Multi-class Token Transformer for Weakly Supervised Semantic Segmentation"
    # `{IEEE/CVF}`, `{CVPR}`, `{{IEEE}}`: protection braces dropped; dblp's line break collapsed.
    assert record["container-title"] == "IEEE/CVF Conference on Computer Vision and Pattern Recognition, CVPR 2022"
    assert record["publisher"] == "IEEE"
    assert record["page"] == "4300-4309"
    assert record["issued"] == {"date-parts": [[2022, 6]]}  # year + month = jun
    assert record["DOI"] == "10.1109/CVPR52688.2022.00427"
    assert record["URL"] == "https://doi.org/10.1109/CVPR52688.2022.00427"
    # Two lines of `source`, then dblp's biburl; timestamp and bibsource are not kept.
    assert record["custom"]["sources"] == [
        "overrides/xu2022multi.yaml (its sources: the IEEE version's library record, CVF open access)",
        "test fixture in dblp's shape", "https://dblp.org/rec/conf/cvpr/XuOBBX22.bib"]
    assert set(record) == {"type", "author", "title", "container-title", "publisher", "page", "issued", "DOI",
                           "URL", "custom"}


def test_scholar_entries_one_file_each_key_its_paper(by_key):
    puzzle = by_key["jo2021puzzle"]
    assert puzzle.match == {} and puzzle.line == 3  # found by its key, like a YAML file without match:
    record = puzzle.record
    assert record["title"] == "Puzzle-CAM: Improved localization via matching partial and full features"
    assert [(a["family"], a["given"]) for a in record["author"]] == [("Jo", "Sanghyun"), ("Yu", "In-Jae")]
    assert record["publisher"] == "IEEE"  # Scholar's organization={IEEE}
    assert record["container-title"] == "2021 IEEE International Conference on Image Processing (ICIP)"
    assert record["custom"]["doi-reason"] == "no DOI in the source read"
    assert record["custom"]["code"] == "https://github.com/OFRIN/PuzzleCAM"
    # Scholar's arXiv-only paper: @article with journal "arXiv preprint arXiv:ID" is a preprint.
    preprint = by_key["chen2022class"].record
    assert preprint["type"] == "article" and preprint["publisher"] == "arXiv"
    assert preprint["number"] == "2203.00962" and preprint["custom"]["arxiv"] == "2203.00962"
    assert preprint["container-title"] is None  # removes whatever a service said the container was


@pytest.mark.parametrize("bibtex, field, expected", [
    ('title = {Segmentation {\\`a} la {M}ode: {\\O}re, {\\ss} \\& 50\\% {\\"U}ber}', "title",
     "Segmentation à la Mode: Øre, ß & 50% Über"),
    ("title = {The --- dash {\\textendash} and~tie}", "title", "The — dash – and tie"),
    ("journal = {IJCV}, volume = {129}, number = {2}", "issue", "2"),
    ("series = {Lecture Notes in Computer Science}, volume = 12347", "collection-title",
     "Lecture Notes in Computer Science"),
    ("series = {LNCS}, volume = 12347", "volume", "12347"),
    ("address = {Glasgow, {UK}}", "publisher-place", "Glasgow, UK"),
    ("note = {Oral}, keywords = {Image}", "keyword", "Image"),
    ("note = {Oral}", "note", "Oral"),
    ("isbn = {978-3-030-58535-8}", "ISBN", "978-3-030-58535-8"),
    ("issn = {0920-5691}", "ISSN", "0920-5691"),
    ("date = {2021-10-17}", "issued", {"date-parts": [[2021, 10, 17]]}),
    ("year = 2020, month = {9}, day = {3}", "issued", {"date-parts": [[2020, 9, 3]]}),
    ("url = {https://example.org/a%20b_c}", "URL", "https://example.org/a%20b_c"),  # verbatim, no LaTeX
    ("doi = {10.1007/978-3-030-58536-5_21}", "DOI", "10.1007/978-3-030-58536-5_21"),
    ("doi = {}, doi-reason = {none registered}", "DOI", None),
    ("eprint = {2007.01947}, archiveprefix = {arXiv}, primaryclass = {cs.CV}", "arxiv", "2007.01947"),
    ("eprint = {hal-0123}, eprinttype = {hal}", "arxiv", "absent"),
    ("project = {https://example.org/p}", "project", "https://example.org/p"),
    ("page-reason = {not paginated}, author-reason = {anonymous}", "author-reason", "anonymous"),
    ("list-says = {venue: arXiv}", "list-says", "venue: arXiv"),
    ("author = {Van Gool, Luc and de Souza, Jr., Ana and {The WSSS Team} and Piotr Doll{\\'a}r}", "author",
     [{"family": "Van Gool", "given": "Luc"},
      {"family": "Souza", "non-dropping-particle": "de", "suffix": "Jr.", "given": "Ana"},
      {"literal": "The WSSS Team"}, {"family": "Dollár", "given": "Piotr"}]),
])
def test_each_field_maps_onto_the_record(tmp_path, bibtex, field, expected):
    write(tmp_path / "o", "key2020one.bib", f"@inproceedings{{x,\n  {bibtex},\n  source = {{test}}\n}}\n")
    (override,) = load_overrides(tmp_path / "o")
    record = override.record
    found = record["custom"].get(field, "absent") if field in ("arxiv", "project", "author-reason", "list-says") \
        else record.get(field, "absent")
    assert found == expected


@pytest.mark.parametrize("kind, csl", [("inproceedings", "paper-conference"), ("incollection", "chapter"),
                                       ("article", "article-journal"), ("misc", "article"),
                                       ("techreport", "report"), ("phdthesis", "thesis")])
def test_entry_types_map_to_csl_types(tmp_path, kind, csl):
    write(tmp_path / "o", "key2020one.bib", f"@{kind}{{x, title = {{T}}, source = {{test}}}}\n")
    assert load_overrides(tmp_path / "o")[0].record["type"] == csl


@pytest.mark.parametrize("text, line, message", [
    # Syntax: an unclosed brace runs into the next entry; the error names the broken entry's line.
    ("@misc{ok, title = {A}, source = {s}}\n\n@inproceedings{x,\n  title = {Unclosed,\n  source = {s}\n}\n"
     "@misc{y, title = {B}, source = {s}}\n", 3, "invalid BibTeX"),
    ("@inproceedings{x,\n  title = {A}\n  year = {2020},\n  source = {s}\n}\n", 2, "missing comma"),
    ("@inproceedings{x,\n  title = {A},\n  title = {B},\n  source = {s}\n}\n", 3, "Duplicate field"),
    ("@inproceedings{x,\n  source = {s},\n  titel = {Typo}\n}\n", 3, "unknown field 'titel'"),
    ("@inproceedings{x,\n  source = {s},\n\n  doi = {doi.org/10.1/x}\n}\n", 4, "not a whole DOI"),
    ("@inproceedings{x,\n  title = {No source}\n}\n", 1, "source"),
    ("@inproceedings{x,\n  source = {s},\n  year = {2020},\n  month = {Brumaire}\n}\n", 4, "not a month"),
    ("@inproceedings{x,\n  source = {s},\n  year = {soon}\n}\n", 3, "issued"),
    ("@inproceedings{x,\n  source = {s},\n  match = {row: 3}\n}\n", 3, "`match` takes one of"),
    ("@booklet{x,\n  source = {s}\n}\n", 1, "entry type @booklet"),
    ("just prose, no entry\n", 1, "no BibTeX entry"),
    # Several entries in one file: each key is a paper's key, so a dblp key cannot stand there.
    ("@misc{a2020x, source = {s}}\n\n@misc{DBLP:conf/cvpr/DuFLW22,\n source = {s}}\n", 3, "not a usable citation key"),
    ("@misc{a2020x, source = {s}}\n@misc{a2020x, source = {t}}\n", 2, "a second entry with the key"),
])
def test_bad_bib_override_names_file_and_line(tmp_path, text, line, message):
    path = write(tmp_path / "o", "key2020bad.bib", text)
    with pytest.raises(InputError) as err:
        load_overrides(tmp_path / "o")
    assert str(err.value).startswith(f"{path}:{line}:"), str(err.value)
    assert message in str(err.value)


AUTHORS = {  # what a service would say: the authors the provisional keys are made of
    "2203.00962": [{"family": "Chen", "given": "Zhaozheng"}],
    "2203.02891": [{"family": "Xu", "given": "Lian"}],
    "2101.11253": [{"family": "Jo", "given": "Sanghyun"}],
}


def resolver(entries, named_dois):
    return [pipeline.Resolution([("arxiv", {"author": AUTHORS[e.arxiv_id],
                                            "page": "1-2", "DOI": "10.48550/arXiv." + e.arxiv_id})])
            for e in entries]


def test_bib_overrides_merge_like_yaml_ones_with_provenance():
    bib = pipeline.build(ROWS, BIB, resolver)
    records = {r["id"]: r for r in bib.records}
    assert list(records) == ["chen2022class", "xu2022multi", "jo2021puzzle"]
    xu = records["xu2022multi"]
    assert xu["title"] == "Multi-class Token Transformer for Weakly Supervised Semantic Segmentation"
    assert xu["page"] == "4300-4309" and xu["DOI"] == "10.1109/CVPR52688.2022.00427"
    assert xu["custom"]["provenance"]["page"] == "override" and xu["custom"]["provenance"]["keyword"] == "list"
    assert xu["custom"]["sources"][-1] == "https://dblp.org/rec/conf/cvpr/XuOBBX22.bib"
    assert xu["custom"]["code"] == "https://github.com/xulianuwa/MCTformer"  # the list's, kept
    puzzle = records["jo2021puzzle"]  # found by its key; its fields beat the service's, the rest stays
    assert puzzle["page"] == "639-643" and puzzle["custom"]["provenance"]["page"] == "override"
    assert puzzle["title"].startswith("Puzzle-CAM") and puzzle["custom"]["provenance"]["title"] == "override"
    assert puzzle["DOI"] == "10.48550/arXiv.2101.11253" and puzzle["custom"]["provenance"]["DOI"] == "arxiv"
    chen = records["chen2022class"]
    assert chen["type"] == "article" and "container-title" not in chen and chen["publisher"] == "arXiv"


def test_a_yaml_and_a_bib_override_for_one_paper_stop_the_run(tmp_path):
    folder = tmp_path / "o"
    folder.mkdir()
    for source in BIB.glob("*.bib"):
        (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    write(folder, "jo2021puzzle.yaml", 'match:\n  arxiv: "2101.11253"\nsource: test\n')
    with pytest.raises(InputError) as err:
        pipeline.build(ROWS, folder, resolver)
    assert str(err.value).startswith(f"{folder / 'scholar.bib'}:3:")
    assert "a second override for the paper of jo2021puzzle.yaml" in str(err.value)


@pytest.mark.parametrize("value, expected", [
    ("{arxiv: 2203.02891}", {"arxiv": "2203.02891"}),
    ("{doi: 10.1007/978-3-030-58536-5_21}", {"doi": "10.1007/978-3-030-58536-5_21"}),  # `_` kept
    ("{title: Mining Cross-Image Semantics for {W}eakly {S}upervised Semantic Segmentation}",
     {"title": "Mining Cross-Image Semantics for Weakly Supervised Semantic Segmentation"}),
    ('{title: Boussa{\\"{\\i}}d and {\\&} more}', {"title": "Boussaïd and & more"}),
])
def test_match_values(tmp_path, value, expected):
    write(tmp_path / "o", "key2020one.bib", f"@misc{{x,\n  match = {value},\n  source = {{s}}\n}}\n")
    (override,) = load_overrides(tmp_path / "o")
    assert override.match == expected and override.line == 2


def test_a_file_that_is_not_utf8_names_its_line(tmp_path):
    folder = tmp_path / "o"
    folder.mkdir()
    path = folder / "key2020one.bib"
    path.write_bytes(b"@misc{x,\n  source = {s},\n  title = {Caf\xe9}\n}\n")
    with pytest.raises(InputError) as err:
        load_overrides(folder)
    assert str(err.value).startswith(f"{path}:3: not UTF-8")


def test_two_entries_for_one_row(tmp_path):
    path = write(tmp_path / "o", "two.bib", "@misc{xu2022multi, match = {arxiv: 2203.02891}, source = {s}}\n\n"
                                            "@misc{xu2022other,\n  match = {arxiv: 2203.02891},\n  source = {s}}\n")
    with pytest.raises(InputError) as err:
        pipeline.build(ROWS, tmp_path / "o", resolver)
    assert str(err.value).startswith(f"{path}:4:") and "a second override for the paper of two.bib" in str(err.value)


def test_an_entry_matching_no_row(tmp_path):
    path = write(tmp_path / "o", "none.bib", "@misc{xu2022multi, match = {arxiv: 2203.02891}, source = {s}}\n\n"
                                             "@misc{b2020y,\n  source = {s},\n  match = {title: Not In The List}}\n")
    with pytest.raises(InputError) as err:
        pipeline.build(ROWS, tmp_path / "o", resolver)
    assert str(err.value).startswith(f"{path}:5:") and "'b2020y' matches no row" in str(err.value)


def test_a_syntax_error_is_said_once_and_bibtexparsers_log_is_left_as_it_was(tmp_path, caplog):
    write(tmp_path / "o", "key2020bad.bib", "@misc{x,\n  title = {Unclosed,\n  source = {s}\n")
    with pytest.raises(InputError):
        load_overrides(tmp_path / "o")
    assert [r for r in caplog.records if r.name.startswith("bibtexparser")] == []
    assert logging.getLogger("bibtexparser.splitter").filters == []  # nothing outlives the call


@pytest.mark.parametrize("text, line, message", [
    ("@inproceedings{x,\n  source = {s},\n  title = {" + "{" * 3000 + "a" + "}" * 3000 + "}\n}\n", 3, "nested"),
    ("@inproceedings{x,\n  source = {s},\n  title = {$" + "\\sqrt" * 3000 + " x$}\n}\n", 3, "characters (at most"),
    ("@inproceedings{x,\n  source = {s},\n  title = {$" + "\\sqrt{" * 3000 + "x" + "}" * 3000 + "$}\n}\n", 3,
     "nested"),
    ("@inproceedings{x,\n  source = {s},\n  author = {" + "{" * 3000 + "Du" + "}" * 3000 + ", Ye}\n}\n", 3,
     "nested"),
], ids=["3000-braces", "3000-sqrt", "3000-braced-sqrt", "author-3000-braces"])
def test_a_bib_override_nested_too_deep_names_file_and_line(tmp_path, text, line, message):
    """Item 11: RecursionError in the LaTeX decoder before."""
    path = write(tmp_path / "o", "key2020bad.bib", text)
    with pytest.raises(InputError) as err:
        load_overrides(tmp_path / "o")
    assert str(err.value).startswith(f"{path}:{line}:") and message in str(err.value), str(err.value)
