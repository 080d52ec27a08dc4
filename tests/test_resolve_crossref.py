import json

from wsss_bib.resolve.crossref import to_record


def items(data, name):
    return json.loads((data / "crossref" / name).read_text())["message"]["items"]


def test_proceedings_article_becomes_a_conference_paper(data):
    preprint, paper, _ = items(data, "works-weakly-supervised-semantic-segmentation-by-pixel-to-prototype.json")
    record = to_record(paper)
    assert record["type"] == "paper-conference" and record["DOI"] == "10.5555/fixture.pixel"
    assert record["author"][0] == {"family": "Du", "given": "Ye"} and record["page"] == "4310-4319"
    assert record["issued"] == {"date-parts": [[2022, 6]]} and record["event-title"].startswith("2022 IEEE/CVF")
    assert to_record(preprint)["type"] == "article"
    assert to_record(preprint)["custom"]["crossref-type"] == "posted-content"


def test_journal_article_keeps_volume_issue_and_short_title(data):
    oaa = items(data, "works-online-attention-accumulation-for-weakly-supervised-semantic.json")[0]
    record = to_record(oaa)
    assert (record["type"], record["volume"], record["issue"]) == ("article-journal", "44", "10")
    assert record["custom"]["short-container-title"] == "IEEE Trans. Pattern Anal. Mach. Intell."


def test_missing_parts_are_absent_not_errors():
    record = to_record({"DOI": "10.5555/x", "type": "book-chapter", "title": [],
                        "container-title": ["Computer Vision – ECCV 2020", "Lecture Notes in Computer Science"],
                        "author": [{"name": "The Consortium"}, {"given": "No family"}]})
    assert "title" not in record and record["author"] == [{"literal": "The Consortium"}]
    assert record["collection-title"] == "Lecture Notes in Computer Science"
    assert to_record({"title": ["<i>Markup</i> &amp; entities"]})["title"] == "Markup & entities"


def test_a_subtitle_completes_the_title(data):
    work = json.loads((data / "crossref" / "work-10.5555-fixture.subtitle.json").read_text())["message"]
    assert to_record(work)["title"] == "Splitting Apart: Mining Regions with a Fictional Loss"
    already_joined = {**work, "title": ["Splitting Apart: Mining Regions with a Fictional Loss"]}
    assert to_record(already_joined)["title"] == "Splitting Apart: Mining Regions with a Fictional Loss"
    question = {**work, "title": ["Does It Split?"]}
    assert to_record(question)["title"] == "Does It Split? Mining Regions with a Fictional Loss"
