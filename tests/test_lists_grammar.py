"""The shared cell and item grammar: venue + year spellings, link kinds, titles."""

import pytest
from markdown_it import MarkdownIt

from wsss_bib import venues
from wsss_bib.errors import InputError
from wsss_bib.lists import grammar, links, spans, titles, venue_and_year


def item(markdown: str) -> grammar.Facts:
    tokens = MarkdownIt("commonmark").parse(markdown)
    return grammar.read_item(spans.inline(next(t for t in tokens if t.type == "inline")))


@pytest.mark.parametrize("text, name, year, known", [
    ("cvpr21", "cvpr", 2021, "CVPR"),
    ("AAAI21", "AAAI", 2021, "AAAI"),
    ("CVPR'19", "CVPR", 2019, "CVPR"),
    ("ICCV’19", "ICCV", 2019, "ICCV"),
    ("[ECCV' 14]", "ECCV", 2014, "ECCV"),
    ("*CVPR2021*", "CVPR", 2021, "CVPR"),
    ("INFFUS 2025", "INFFUS", 2025, "INFFUS"),
    ("ICASSP 2025", "ICASSP", 2025, "ICASSP"),
    ("TMI", "TMI", None, "TMI"),
    ("Pattern Recognition", "Pattern Recognition", None, "PR"),
    ("EMNLP", "EMNLP", None, "EMNLP"),
    ("ACL 2020", "ACL", 2020, "ACL"),
    ("International Conference on Robotics and Automation (ICRA), May 2024",
     "International Conference on Robotics and Automation (ICRA)", 2024, "ICRA"),
    ("Nature Machine Intelligence, Mar 2025", "Nature Machine Intelligence", 2025, "Nature Machine Intelligence"),
    ("NeurIPS 2021 (Spotlight)", "NeurIPS (Spotlight)", 2021, "NeurIPS"),
    ("17 Nov 2022", "", 2022, None),
    ("2017-06", "", 2017, None),
    ("20201004", "", 2020, None),
    ("FAKECONF 2020", "FAKECONF", 2020, None),
    ("arXiv 2023.08", "arXiv", 2023, "arXiv"),  # a preprint dated to its month, as graph lists write it
    ("*arxiv 2025.01*", "arxiv", 2025, "arXiv"),
    ("CVPR 21", "CVPR", 2021, "CVPR"),  # two digits after a space, as "by Ann Lee et al., ICS 22" writes it
    ("ICS 22", "ICS", 2022, None),
    ("COVID-19", "COVID", None, None),  # a disease, not a venue of 2019
    ("25-02-08", "", 2025, None),  # a Date cell, year first
    ("⚡MICCAI, 2022", "MICCAI", 2022, "MICCAI"),  # a mark before the venue
])
def test_venue_and_year_in_every_spelling(text, name, year, known):
    found = venue_and_year.venue_year(text)
    assert (found.name, found.year) == (name, year)
    assert (found.venue.short if found.venue else None) == known


def test_an_arxiv_id_is_no_year():
    assert venue_and_year.venue_year("arXiv:2005.09163").year is None


@pytest.mark.parametrize("url, label, role, kind, source, rank", [
    ("https://arxiv.org/abs/2101.00001", "", None, "paper", "arxiv", 1),
    ("https://arxiv.org/pdf/2101.00001v2.pdf", "pdf", None, "paper", "arxiv", 0),
    ("https://doi.org/10.1109/CVPR.2019.00001", "", None, "paper", "doi", 1),
    ("https://openaccess.thecvf.com/content/CVPR2021/papers/X_paper.pdf", "cvpr21", None, "paper", "cvf", 1),
    ("https://www.ecva.net/papers/eccv_2020/papers_ECCV/papers/1.pdf", "", None, "paper", "ecva", 1),
    ("https://dl.acm.org/doi/10.1145/3474085.3475402", "", None, "paper", "acm", 1),
    ("https://ieeexplore.ieee.org/document/9760057", "", None, "paper", "ieee", 1),
    ("https://openreview.net/forum?id=abc", "", None, "paper", "openreview", 1),
    ("https://proceedings.neurips.cc/paper/2020/file/x-Paper.pdf", "", None, "paper", "neurips", 1),
    ("https://github.com/example/repo", "Pytorch", None, "code", "github", 9),
    ("https://gitlab.com/example/repo", "", None, "code", "gitlab", 9),
    ("https://example.github.io/project/", "", None, "project", "page", 9),
    ("https://example.org/x", "Website", None, "project", "page", 9),
    ("https://example.org/x", "paper", None, "paper", "page", 0),
    ("https://example.org/x", "", "title", "paper", "page", 2),
    ("https://example.org/x", "", "code", "project", "page", 9),
    ("https://nips.cc/virtual/2022/tutorial/1", "", None, "other", "page", 9),
    # labels with emoji or words (issue 24): the paper, the project page, the code, a video
    ("https://arxiv.org/pdf/2401.00301", "📄 Paper", None, "paper", "arxiv", 0),
    ("https://example.org/worldmodel", "🌐 Project Page", None, "project", "page", 9),
    ("https://example.org/worldmodel-src", "💻 Code", None, "project", "page", 9),
    ("https://example.org/worldmodel.mp4", "🎥 Video", None, "other", "page", 9),
    # a site's home page, a talk on a video site, or a blog in a PDF column is never the paper
    ("https://arxiv.org/", "ArXiv", None, "other", "page", 9),
    ("https://youtu.be/madeup", "link", None, "other", "video", 9),
    # a bare "[[Link]]" to a site that holds no papers is that site's page; in a PDF column it stays the paper
    ("https://cvgl.example.edu/madeup-dataset/", "[Link]", None, "project", "page", 9),
    ("https://cvgl.example.edu/madeup-dataset/", "[Link]", "paper", "paper", "page", 0),
    ("https://arxiv.org/abs/2101.00001", "[Link]", None, "paper", "arxiv", 0),
    ("https://example.org/blog/post", "blog", "paper", "project", "page", 9),
    # a PDF on a code host, said to be the paper
    ("https://github.com/example/report/blob/main/report.pdf", "pdf", "paper", "paper", "pdf", 1),
    ("https://github.com/example/report/blob/main/report.pdf", "", None, "code", "github", 9),
])
def test_every_link_is_classified_by_what_it_points_to(url, label, role, kind, source, rank):
    found = links.classify(url, label, role)
    assert found is not None
    assert (found[1].kind, found[1].source, found[0]) == (kind, source, rank)


@pytest.mark.parametrize("href", ["htp:/nowhere", "./citations/x.txt", "#contents", ""])
def test_a_link_that_is_no_http_url_is_not_used(href):
    assert links.classify(href, "paper") is None


@pytest.mark.parametrize("label, kind", [
    ("[Paper]", "paper"), ("`[official code - caffe]`", "code"), ("Pytorch Code", "code"),
    ("Project Page", "project"), ("bibtex", "other"),
    ("Scaling Instruction-Finetuned Language Models", None), ("GPT-4 Technical Report", None),
    ("📄 Paper (Low Resolution)", "paper"), ("💻 Code (not yet)", "code"), ("🎥 Short Presentation", "other"),
])
def test_link_labels_say_what_a_link_is_only_when_short(label, kind):
    assert links.label_kind(label) == kind


def test_emoji_and_shortcodes_leave_the_title():
    assert titles.clean_title(":fire: :fire: Robust Single Image Method ⭐") == "Robust Single Image Method"
    assert item("- :fire: :fire: A Robust Method [[paper](https://arxiv.org/abs/2001.00001)]").title == \
        "A Robust Method"


def test_mojibake_is_repaired():
    assert titles.clean_title("CIAN: Cross-Image AfÔ¨Ånity Net") == "CIAN: Cross-Image Affinity Net"


@pytest.mark.parametrize("markdown, title, venue, year", [
    ('* **SLIP**: "A Quoted Title", ECCV, 2022 (*Lab*). [[Paper](https://arxiv.org/abs/2112.00001)]',
     "A Quoted Title", "ECCV", 2022),
    ("- A Piped Title | **[CVPR' 20]** | [pdf](https://arxiv.org/abs/2001.00001)", "A Piped Title", "CVPR", 2020),
    ("- A Plain Title. CVPR'2021 [[paper]](https://arxiv.org/abs/2101.00001)", "A Plain Title", "CVPR", 2021),
    ("- [A Linked Title](https://example.org/p). Doe, J. and Roe, R. (**ECCV**, 2018)", "A Linked Title", "ECCV", 2018),
    ("- [[CVPR](https://example.org/p)] A Title After Its Venue.", "A Title After Its Venue", "CVPR", None),
    ("- A Title With Italic Venue *CVPR2021*", "A Title With Italic Venue", "CVPR", 2021),
    ("1. <span>**[ACR]**</span> | **CVPR'17** | A Title Between Pipes | [pdf](https://arxiv.org/abs/1703.00001)",
     "A Title Between Pipes", "CVPR", 2017),
    ("- Fast Human _Pose Estimation_. Zhang, Feng et al. CVPR 2019", "Fast Human Pose Estimation", "CVPR", 2019),
    ("- A Title In The Knowledge Style. Sabuncu, Mert R. NeurIPS 2020", "A Title In The Knowledge Style",
     "NeurIPS", 2020),
    ("- **TIP**: \"An Acronym That Is A Journal\", *arXiv, Jun 2023*.", "An Acronym That Is A Journal", "arXiv", 2023),
    # authors first: a person or people, a stop, then the linked or italic title; people before a colon
    ("3. Ann Lee. [A Made-Up Network For Sentences](https://arxiv.org/abs/1408.00001). EMNLP, 2014.",
     "A Made-Up Network For Sentences", "EMNLP", 2014),
    ("* Ann B. Lee, [A Made-Up Review of Recurrent Networks](https://arxiv.org/abs/1506.00001)",
     "A Made-Up Review of Recurrent Networks", "", None),
    ("* Ann Lee, *Made-Up Dialog Learning*, ICLR 2017", "Made-Up Dialog Learning", "ICLR", 2017),
    ("* Ann Lee, et al.: Made-Up Classification of Documents using EM. Machine Learning, 1999.",
     "Made-Up Classification of Documents using EM", "Machine Learning", 1999),
    ("* Ann Lee, Bo Chen, and Cy Diaz: Made-Up Convolutions for Text, NIPS 2015.", "Made-Up Convolutions for Text",
     "NIPS", 2015),
    # … and titles that open like people: words joined by "and" or commas, before a colon, or a venue in italics
    ("* Detach and Adapt: Made-Up Disentangled Representations, CVPR 2018.",
     "Detach and Adapt: Made-Up Disentangled Representations", "CVPR", 2018),
    ("* Think Small, Act Big: Made-Up Prompt Learning, CVPR 2025.", "Think Small, Act Big: Made-Up Prompt Learning",
     "CVPR", 2025),
    ("- Contrastive Multiview Coding. *ECCV 2019* [[paper]](https://arxiv.org/abs/1906.00001)",
     "Contrastive Multiview Coding", "ECCV", 2019),
    ("6. Evaluating Made-Up Evaluation. _Ann Lee_ arXiv 2023. [[paper](https://arxiv.org/abs/2305.00001)]",
     "Evaluating Made-Up Evaluation", "arXiv", 2023),
])
def test_item_grammar(markdown, title, venue, year):
    facts = item(markdown)
    assert (facts.title, facts.venue, facts.year) == (title, venue, year)


def test_a_title_after_its_people_may_open_in_lower_case_as_a_name_and_its_subtitle():
    facts = item("- Dong et al. metapath2vec: Made-Up Learning for Networks. [Paper link](https://example.org/p)")
    assert (facts.title, facts.authors) == ("metapath2vec: Made-Up Learning for Networks", ("Dong et al",))
    # "arXiv: 1911.00001" after the people is no title
    facts = item("19. Stagewise Made-Up Distillation. Kulkarni, Ann et al. arXiv: 1911.00001")
    assert facts.title == "Stagewise Made-Up Distillation"


def test_labs_working_together_and_datasets_are_no_title():
    assert not item("* Made-Up Lab + Example Univ. + Sample Institute [[Paper](https://arxiv.org/abs/1502.00001)]").evidence()
    assert not item("* Zhejiang Univ. + Example Tech. [[Paper](https://arxiv.org/abs/1502.00003)]").evidence()
    assert not item("* The Made-Up Questions dataset - [[Paper](https://arxiv.org/abs/1506.00001)]").evidence()
    assert item("* [The Made-Up Dataset for Urban Scene Understanding](https://arxiv.org/abs/1604.00001)").evidence()
    assert item("* [A Made-Up C++ Compiler For Tensors](https://arxiv.org/abs/1502.00002)").evidence()


def test_a_topic_whose_papers_are_numbered_links_is_no_paper():
    """"[Topic](its list on GitHub) ([1](a paper), [2](another))": several papers, none of them the item's own;
    a linked title with numbered links beside it stays a paper."""
    topic = item("* [Made-Up Learning with Adversaries](https://github.com/example/list) "
                 "([1](https://proceedings.neurips.cc/paper/2020/hash/0001-Abstract.html), "
                 "[2](https://proceedings.neurips.cc/paper/2020/hash/0002-Abstract.html)) (NeurIPS 2020)")
    assert not topic.evidence()
    assert item("* [A Made-Up Paper On Noise](https://arxiv.org/abs/2001.00001) "
                "([1](https://arxiv.org/abs/2001.00002), [2](https://arxiv.org/abs/2001.00003))").evidence()


def test_authors_where_given():
    assert item("- A Title. Roe, John et al. CVPR 2019").authors == ("Roe, John et al",)
    assert item("1. **A Title.** ICML 2019.\n\n    *Jane Doe, John Roe.*").authors == ()  # another paragraph
    facts = item("- [A Title](https://example.org), Doe et al., BMVC 2021")
    assert facts.authors == ("Doe et al",)
    # letters with a stroke are letters of a name, as accented ones are
    assert item("- **A Made-Up Title** *Ema Vuk, Ivo Đurić, Ana Łukasik, Bo Øster*").authors == (
        "Ema Vuk", "Ivo Đurić", "Ana Łukasik", "Bo Øster")


@pytest.mark.parametrize("markdown", [
    "- [Contents](#contents)",
    "- [FastTool](https://github.com/example/fasttool) - A fast tool for everything.",
    "- [Some-Model-7B](https://arxiv.org/abs/2405.00001)",
    "- [2024-05] We added 20 papers from [CVPR 2024](https://example.org)",
    "- A Challenge On Thyroid Nodules [(TN-SCUI 2020)](https://example.org/challenge)",
    "- [News] The updated version is available on [arXiv](https://arxiv.org/abs/2310.00001).",
    # calls for papers (as the event-camera list's headings announce them), whatever they link
    '## <a href="https://example.org/journal/si">Made-Up Letters Special Issue on "Event Cameras"</a>, 2026.',
    '## <a href="https://madeup-workshop.example.org">MUW: Made-Up Vision at CVPR 2026</a>. Paper submission until '
    "March 15, 2026.",
    "- [Made-Up Sensing Meets Robots Forum](https://example.org/forum/) - Virtual, 2022.",
    # a lab and where it is: places are no authors (the event-camera list's companies and labs)
    "- [Made-Up Institute Of Microelectronics](http://example.org/imse), Seville, Spain.",
    # the venue of a talk about it is not a paper's venue
    "- [Made-Up Labs](https://example.org/labs/), [Video CVPRW 2019](https://youtu.be/madeup)",
])
def test_items_that_name_no_paper(markdown):
    assert not item(markdown).evidence()


def test_a_date_cell_with_a_dot_gives_its_year_and_an_arxiv_id_does_not():
    assert venue_and_year.year_of("2024.06") == 2024
    assert venue_and_year.year_of("2019.1") == 2019
    assert venue_and_year.year_of("2406.00401") is None  # an arXiv id, not June 2406
    assert venue_and_year.year_of("2012.01234") is None  # an arXiv id of December 2020, not a date in 2012


def test_the_makers_after_a_title_leave_it():
    assert titles.clean_title("MadeKV: A Made-Up Cache(@Nowhere Lab)") == "MadeKV: A Made-Up Cache"
    assert titles.clean_title("A Made-Up Cache (@Univ etc)") == "A Made-Up Cache"


@pytest.mark.parametrize("markdown, title, venue, year", [
    # a bold title that ends in its venue and year: the title without them
    ("- **A Made-Up Pooling For Graph Nets (AAAI 2020)**", "A Made-Up Pooling For Graph Nets", "AAAI", 2020),
    ("- **A Made-Up Pooling For Graph Nets (ArXiV 2020)**", "A Made-Up Pooling For Graph Nets", "ArXiV", 2020),
    # a bracketed venue is read whole, stops and all
    ("- A Made-Up Ranking Of Links [ACM Trans. Web 2023] [[paper]](https://example.org/a.pdf)",
     "A Made-Up Ranking Of Links", "ACM Trans. Web", 2023),
    ("- A Made-Up Citation Model [NCA 2023] [[paper]](https://example.org/b.pdf)",
     "A Made-Up Citation Model", "NCA", 2023),
])
def test_venues_inside_a_bold_title_or_in_brackets(markdown, title, venue, year):
    facts = item(markdown)
    assert (facts.title, facts.venue, facts.year) == (title, venue, year)
    assert venues.lookup(facts.venue) is not None


def test_authors_said_so_by_a_label():
    facts = item("A Made-Up Title | **Authors**: Ada Quill, Ben Rook | [paper](https://arxiv.org/abs/2101.00001)")
    assert facts.authors == ("Ada Quill", "Ben Rook")


def test_a_preprint_server_named_alone_is_no_paper():
    assert not item("- To cite papers, check out [ArXiv](https://arxiv.org/) or [Scholar](https://example.org/)"
                    ).evidence()


@pytest.mark.parametrize("written, names", [
    ("Bengio, Yoshua, Ian J. Goodfellow, and Aaron Courville",
     ("Yoshua Bengio", "Ian J. Goodfellow", "Aaron Courville")),
    ("Sui, Y., Gotovos, A., and Krause, A.", ("Y. Sui", "A. Gotovos", "A. Krause")),
    ("Ann Lee, Bo Chen, and Cy Diaz", ("Ann Lee", "Bo Chen", "Cy Diaz")),
    ("Liu, Chen, Wang", ("Liu", "Chen", "Wang")),  # surnames alone: nothing to turn round
])
def test_names_written_surname_first_are_turned_round(written, names):
    assert titles.authors_of(written) == names


def test_a_doi_link_is_the_paper_whatever_its_label_could_name():
    """"[Web Things](https://doi.org/…)": "web" could label a project page, but a DOI names a paper, and
    the link opening the item is its title when nothing else can be."""
    facts = item("- [Web Things](https://doi.org/10.5555/madeup.web) [ACM Trans. Web 2023]")
    assert (facts.title, facts.venue, facts.year) == ("Web Things", "ACM Trans. Web", 2023)
    assert facts.links.paper() is not None and facts.links.paper().source == "doi" and facts.evidence()
    assert not item("- [Project Page](https://example.org/madeup/) [CVPR 2023]").title  # a label, no title


@pytest.mark.parametrize("markdown, year", [
    ("- Lee, A., Chen, B.,  \n*[A Made-Up Recognition](https://doi.org/10.5555/madeup.1)*,  \n"
     "IEEE Trans. Made-Up Intell. (TMI), 37(10):2028-2040, 2015.", 2015),
    ("- Lee, A., Chen, B., *[A Made-Up Categorization](https://doi.org/10.5555/madeup.2)*, Made-Up Letters, "
     "pp. 1963-1978, 2014.", 2014),
])
def test_pages_are_no_year(markdown, year):
    assert item(markdown).year == year


def test_a_title_with_a_year_in_it_after_its_authors():
    facts = item("- Lee, A., Chen, B., et al.  \n*[Made-Up Eye Tracking. AIS 2024 Challenge Survey]"
                 "(https://arxiv.org/abs/2101.00401)*,\nIEEE Conf. Computer Vision and Pattern Recognition Workshops"
                 " (CVPRW), 2024.")
    assert (facts.title, facts.year) == ("Made-Up Eye Tracking. AIS 2024 Challenge Survey", 2024)


@pytest.mark.parametrize("markdown, title, venue, year, authors", [
    # Common citation styles, not taken from a measured list: the people first, then a stop, then the title
    ("- Ann Lee, Bo Chen. A Made-Up Detector For Loud Objects. ICML 2019.",
     "A Made-Up Detector For Loud Objects", "ICML", 2019, ("Ann Lee", "Bo Chen")),
    ("- Lee, A. & Chen, B. (2020). A Made-Up Detector For Brown Objects. *Made-Up Letters*, 12(3), 45-67. "
     "https://doi.org/10.5555/madeup.30", "A Made-Up Detector For Brown Objects", "Made-Up Letters", 2020, ()),
    ("+ A Made-Up Detector For Slow Objects. In CVPR, 2019. [[Paper]](https://openaccess.thecvf.com/madeup.html)",
     "A Made-Up Detector For Slow Objects", "CVPR", 2019, ()),
    ("- **A Made-Up Detector For Small Objects** - Ann Lee, Bo Chen. [[paper]](https://arxiv.org/abs/2101.00601)",
     "A Made-Up Detector For Small Objects", "", None, ("Ann Lee", "Bo Chen")),
    ("- A Made-Up Parser For Fruits (NAACL)", "A Made-Up Parser For Fruits", "NAACL", None, ()),
    ("- Ann Lee, Bo Chen: [A Made-Up Colon Title](https://arxiv.org/abs/2101.01501), ICML 2020",
     "A Made-Up Colon Title", "ICML", 2020, ("Ann Lee", "Bo Chen")),
    # the usual citation styles: IEEE, ACM (the year after the people), Nature ("&"), Vancouver
    ('1. A. Lee and B. Chen, "A Made-Up IEEE Style Title," *IEEE Trans. Made-Up Anal.*, vol. 1, no. 2, '
     "pp. 3-4, 2020.", "A Made-Up IEEE Style Title", "IEEE Trans. Made-Up Anal", 2020, ("A. Lee", "B. Chen")),
    ("2. Ann Lee and Bo Chen. 2020. A Made-Up ACM Style Title. In Proceedings of the Made-Up Conference "
     "(MUC '20). 1–10.", "A Made-Up ACM Style Title", "MUC", 2020, ("Ann Lee", "Bo Chen")),
    ("3. Lee, A. & Chen, B. A made-up Nature style title. *Nature* **580**, 1–5 (2020).",
     "A made-up Nature style title", "Nature", 2020, ("A. Lee", "B. Chen")),
    ("4. Lee A, Chen B. A made-up Vancouver style title. Made Up J. 2020;12(3):45-67.",
     "A made-up Vancouver style title", "Made Up J", 2020, ("Lee A", "Chen B")),
    # "Title, Surname, Given, Other Name, and Other Name. arXiv:…", as a well-known distillation list writes
    ("- A Made-Up Distillation Of Knowledge, Lee, Ann, Bo Chen, and Cy Diaz. arXiv:2101.01203",
     "A Made-Up Distillation Of Knowledge", "arXiv", None, ("Ann Lee", "Bo Chen", "Cy Diaz")),
    ("- Look, Listen, Learn Made-Up Things. CVPR 2017.", "Look, Listen, Learn Made-Up Things", "CVPR", 2017, ()),
    # the list's maintainer sets a name in bold among the authors: the title stays the plain text before it
    ("- A Made-Up Tracker For Fish. **Ann Lee**, Bo Chen. *CVPR 2023*. [[Paper](https://arxiv.org/abs/2101.00811)]",
     "A Made-Up Tracker For Fish", "CVPR", 2023, ("Ann Lee", "Bo Chen")),
])
def test_citations_with_the_people_before_or_after_the_title(markdown, title, venue, year, authors):
    facts = item(markdown)
    assert (facts.title, facts.venue, facts.year, facts.authors) == (title, venue, year, authors)
    assert facts.evidence()


def test_a_date_before_a_linked_title_dates_the_paper():
    facts = item("- [2023/05] [A Made-Up Detector For Hot Objects](https://arxiv.org/abs/2101.00602)")
    assert (facts.title, facts.year) == ("A Made-Up Detector For Hot Objects", 2023) and facts.evidence()
    assert not item("- [2024/05] [We released the made-up code](https://arxiv.org/abs/2101.00603)").evidence()


def test_the_link_vocabulary_is_data_and_a_broken_file_says_so(tmp_path):
    bundled = links.vocabulary()
    assert bundled.paper_sites["arxiv.org"] == "arxiv" and "github.com" in bundled.code_sites
    assert links.is_label_word("pdf") and not links.is_label_word("segmentation")
    broken = tmp_path / "links.yaml"
    broken.write_text("paper_sites:\n  arxiv.org: arxiv\nlabels:\n  code: [code]\n", encoding="utf-8")
    with pytest.raises(InputError, match="labels has the kinds"):
        links.load_links(broken)
    broken.write_text("paper_sites: [arxiv.org\n", encoding="utf-8")
    with pytest.raises(InputError, match="invalid YAML"):
        links.load_links(broken)


def test_ranks_order_what_stands_for_the_paper():
    found = links.Links()
    found.add(links.classify("https://example.org/madeup/", "A Made-Up Title", "title"))
    found.add(links.classify("https://arxiv.org/abs/2101.00001", "arXiv"))
    assert [rank for rank, _ in found.found] == [links.Rank.TITLE, links.Rank.SAID]
    assert found.paper().url == "https://arxiv.org/abs/2101.00001"
    assert found.paper(best=links.Rank.SAID).source == "arxiv"


def test_a_static_badge_says_its_label_and_message():
    """"![](https://img.shields.io/badge/CVPR-2023-blue) Title": lists set a venue or an arXiv id in a
    badge; a star count or a logo says nothing."""
    facts = item("- ![badge](https://img.shields.io/badge/CVPR-2023-blue) A Made-Up Badge Venue Paper "
                 "[[paper]](https://arxiv.org/abs/2101.01306)")
    assert (facts.title, facts.venue, facts.year) == ("A Made-Up Badge Venue Paper", "CVPR", 2023)
    assert spans.badge_text("https://img.shields.io/badge/arXiv-2101.01307-b31b1b.svg") == "arXiv 2101.01307"
    assert spans.badge_text("https://img.shields.io/github/stars/example/repo?style=social") == ""


def test_a_bold_title_in_brackets_is_a_title():
    facts = item("- **[A Made-Up Bracketed Bold Title]** [[Paper](https://arxiv.org/abs/2101.01303)] *CVPR 2023*")
    assert (facts.title, facts.venue, facts.year) == ("A Made-Up Bracketed Bold Title", "CVPR", 2023)


@pytest.mark.parametrize("href, url", [
    ("arxiv.org/pdf/2402.00402.pdf", "https://arxiv.org/pdf/2402.00402.pdf"),
    ("www.example.org/paper", "https://www.example.org/paper"),
    ("paper.pdf", "paper.pdf"), ("docs/notes.md", "docs/notes.md"), ("#contents", "#contents"),
])
def test_a_web_address_written_without_its_scheme_is_a_web_address(href, url):
    assert spans.with_scheme(href) == url


@pytest.mark.parametrize("text, plausible", [
    ("Initial list with first papers", False), ("Security and Communication Networks", True),
    ("IET Image Processing", True), ("Nature Machine Intelligence", True),
    ("Advances in neural information processing systems", True),
])
def test_an_unknown_venue_is_written_as_a_name_not_as_a_sentence(text, plausible):
    assert venue_and_year.VenueYear(text, 2021, None).plausible is plausible


@pytest.mark.parametrize("markdown, address", [
    ("[[PDF]([https://arxiv.org/abs/2205.00901)]", "https://arxiv.org/abs/2205.00901"),  # a stray bracket
    ("[arXiv 2021]((https://arxiv.org/pdf/2106.00902.pdf))", "https://arxiv.org/pdf/2106.00902.pdf"),
    # a link pasted as the address: its target is the one meant
    ("[(paper)]([https://arxiv.org/abs/2208.00903](https://arxiv.org/abs/2303.00904))",
     "https://arxiv.org/abs/2303.00904"),
    ("[Wiki](https://en.wikipedia.org/wiki/Mixup_(machine_learning))",
     "https://en.wikipedia.org/wiki/Mixup_(machine_learning)"),
])
def test_an_address_wrapped_by_a_typo_is_the_address_meant(markdown, address):
    tokens = MarkdownIt("commonmark").parse(markdown)
    found = spans.inline(next(t for t in tokens if t.type == "inline"))
    assert [span.href for span in found.links] == [address]
