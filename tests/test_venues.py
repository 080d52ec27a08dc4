import pytest

from wsss_bib.venues import agrees, lookup


@pytest.mark.parametrize("listed", ["CVPR", "cvpr", " CVPR 2021 ", "CVPR'21", "CVPR-2021", "CVPR’21"])
def test_a_year_or_case_in_the_listed_name_does_not_hide_the_venue(listed):
    assert lookup(listed) is lookup("CVPR") is not None


def test_aliases_share_one_venue():
    assert lookup("NeurIPS") is lookup("NIPS") and lookup("ACM MM 2021") is lookup("Multimedia")


def test_unknown_venue_is_none_not_a_guess():
    assert lookup("Workshop on Something") is None and lookup("") is None


@pytest.mark.parametrize("listed, short", [
    ("NeuIPS", "NeurIPS"),  # a letter dropped
    ("NeurlPS", "NeurIPS"),  # a letter changed (l for I)
    ("NAALC 2022", "NAACL"),  # two letters swapped
    ("SIGGRAF", "SIGGRAPH"),  # two edits in a long acronym
])
def test_a_typo_of_an_acronym_is_its_venue(listed, short):
    venue = lookup(listed)
    assert venue is not None and venue.short == short


@pytest.mark.parametrize("listed", [
    "ICMLW",  # letters added to ICML: another venue, not a typo
    "AISTAT",  # a prefix of AISTATS: not guessed either
    "ICASP",  # as near ICASSP as ICAPS: no guess between two
    "Nuerips",  # not written as an acronym
    "Sensor", "Prior",  # words, not acronyms
    "ICLM",  # four letters: ICML, ICLR and ICPR are too close to each other to guess
    "NCVPR", "AICML",  # a letter added before a four-letter acronym: too short to guess from
])
def test_a_name_that_is_not_a_clear_typo_stays_unknown(listed):
    assert lookup(listed) is None


def test_a_workshop_of_a_known_venue_is_its_own_venue():
    kdd = lookup("KDD 2019 Workshop")
    assert kdd is not None and (kdd.short, kdd.csl_type) == ("KDDW", "paper-conference")
    assert kdd.name == "ACM SIGKDD Conference on Knowledge Discovery and Data Mining Workshops (KDDW)"
    assert lookup("ICML Workshops").short == "ICMLW"
    assert lookup("CVPR Workshop") is lookup("CVPRW")  # a workshop the vocabulary names stays itself
    assert lookup("Nature Workshop") is None  # a journal holds no workshops
    # "2015-ICLR_W - Title" (subeeshvasu/Awesome-Learning-with-Label-Noise): a "_W" tag is a workshop too
    assert lookup("ICLR_W").short == "ICLRW" and lookup("NIPS W").short == "NeurIPSW"
    assert lookup("Law") is None and lookup("Nature_W") is None
    assert lookup("IEEE-TIFS").short == "TIFS"  # "2017-IEEE-TIFS - Title": publisher and name hyphenated


@pytest.mark.parametrize("listed, short", [
    ("NCA", "NCA"), ("Neural Computing and Applications", "NCA"), ("ACM Trans. Web", "TWEB"),
    ("Openreview", "OpenReview"),
    ("RoboSoft 2024", "RoboSoft"),
    ("Humanoid 2006", "Humanoids"), ("IEEE Transactions on Human-Machine Systems", "THMS"),  # robot-papers
    ("NeurIPS 2023 Dataset", "NeurIPS"), ("NeurIPS Datasets and Benchmarks", "NeurIPS"),  # its datasets track
])
def test_venues_met_in_the_third_round_of_lists(listed, short):
    venue = lookup(listed)
    assert venue is not None and venue.short == short


def test_agreement_reads_published_names_and_says_when_it_cannot_tell():
    assert agrees("ICCV 2019", "2019 IEEE/CVF International Conference on Computer Vision (ICCV)") is True
    assert agrees("ICCV", "IEEE Transactions on Pattern Analysis and Machine Intelligence") is False
    assert agrees("Unknown venue", "Anything") is None
    assert agrees("CVPR") is None


# -- the vocabulary is data: wsss_bib/data/venues.yaml --------------------------------------------

import yaml  # noqa: E402

from wsss_bib.errors import InputError  # noqa: E402
from wsss_bib.venues import CSL_TYPES, load_vocabulary, strip_year, vocabulary_file  # noqa: E402


@pytest.mark.parametrize("listed, short", [
    ("cvpr21", "CVPR"), ("CVPR'19", "CVPR"), ("ICCV’19", "ICCV"), ("CVPR2021", "CVPR"),
    ("INFFUS", "INFFUS"), ("Information Fusion", "INFFUS"), ("ICASSP", "ICASSP"), ("TMI", "TMI"),
    ("IEEE TMI", "TMI"), ("Pattern Recognition", "PR"), ("EMNLP", "EMNLP"), ("ACL", "ACL"),
    ("Conference on Robot Learning (CoRL)", "CoRL"), ("IEEE Transactions on Image Processing", "TIP"),
    ("NeurIPS 2021 Spotlight", "NeurIPS"), ("CVPR Workshop", "CVPRW"), ("MICCAI", "MICCAI"),
    ("Interspeech", "INTERSPEECH"), ("ICRA", "ICRA"), ("ACM MM", "ACM MM"),
])
def test_the_main_venues_of_each_field_are_known(listed, short):
    venue = lookup(listed)
    assert venue is not None and venue.short == short


def test_every_bundled_venue_is_well_formed_and_aliases_match_its_name():
    entries = yaml.safe_load(vocabulary_file().read_text(encoding="utf-8"))
    assert len(entries) >= 100
    for entry in entries:
        assert entry["type"] in CSL_TYPES
        assert lookup(entry["short"]).name == entry["name"]
        assert lookup(entry["name"]).short == entry["short"]


def test_the_bundled_venues_keep_their_csl_types():
    types = {short: lookup(short).csl_type for short in ("CVPR", "ECCV", "MICCAI", "TPAMI", "arXiv", "Multimedia")}
    assert types == {"CVPR": "paper-conference", "ECCV": "chapter", "MICCAI": "chapter", "TPAMI": "article-journal",
                     "arXiv": "article", "Multimedia": "paper-conference"}


@pytest.mark.parametrize("content, line, message", [
    ("- {short: X, type: journal, name: X}\n", 1, "type 'journal' is not one of"),
    ("- {short: X, type: article, name: X}\n- {short: Y, type: article, name: Y, also: [X]}\n", 2,
     "spelling 'x' already belongs to X"),
    ("- {short: X, type: article}\n", 1, "short, type and name are required"),
    ("- {short: X, type: article, name: X, aka: [Y]}\n", 1, "unknown field 'aka'"),
    ("- {short: X, type: article, name: [X\n", 2, "invalid YAML: "),  # libyaml and PyYAML word it differently
])
def test_a_bad_venues_file_names_its_line(tmp_path, content, line, message):
    path = tmp_path / "venues.yaml"
    path.write_text(content)
    with pytest.raises(InputError) as err:
        load_vocabulary(path)
    assert str(err.value).startswith(f"{path}:{line}: ") and message in str(err.value)


def test_a_maintainer_adds_a_venue_in_data(tmp_path):
    assert lookup("FAKECONF") is None
    extended = tmp_path / "venues.yaml"
    extended.write_text(vocabulary_file().read_text(encoding="utf-8")
                        + '- {short: FAKECONF, type: paper-conference, name: "Fake Conference"}\n', encoding="utf-8")
    assert load_vocabulary(extended).lookup("FAKECONF 2024").name == "Fake Conference"


@pytest.mark.parametrize("listed, name", [("CVPR'19", "CVPR"), ("INFFUS 2025", "INFFUS"), ("cvpr21", "cvpr"),
                                          ("Pattern Recognition", "Pattern Recognition")])
def test_an_unknown_or_known_name_is_kept_without_its_year(listed, name):
    assert strip_year(listed) == name


@pytest.mark.parametrize("text, name", [("CVPR" + " " * 20_000 + "2021", "CVPR"),
                                        ("ICCV" + " '" * 10_000 + "19", "ICCV")])
def test_a_year_is_only_sought_where_a_run_of_spaces_begins(text, name):
    """An item of 8,000 emphasis runs gave strip_year a run of 16,000 spaces, and a search tried at every
    place inside it took quadratic time (11 s; 50,000 runs past 200 s). A match may begin only where the
    run begins, which finds the same years; asked at the first places inside the run, it finds none."""
    from wsss_bib.venues import YEAR_IN_NAME

    assert [YEAR_IN_NAME.match(text, place) for place in range(5, 50)] == [None] * 45
    assert strip_year(text) == name


@pytest.mark.parametrize("listed, short", [
    ("J. of Machine Learning Research", "JMLR"), ("J. Mach. Learn. Res.", "JMLR"),
    ("IEEE Trans. Pattern Anal. Mach. Intell.", "TPAMI"), ("Int. J. Comput. Vis.", "IJCV"),
    ("IEEE Trans. Neural Netw. Learn. Syst.", "TNNLS"),
])
def test_a_journal_abbreviated_as_citations_do_is_that_journal(listed, short):
    assert lookup(listed) is lookup(short)


def test_an_abbreviation_two_venues_share_names_neither(tmp_path):
    """"Made-Up Journal of Vision" and "Made-Up Journal on Vision" abbreviate alike: the short form is no guess."""
    path = tmp_path / "venues.yaml"
    path.write_text('- {short: MJV, type: article-journal, name: "Made-Up Journal of Vision"}\n'
                    '- {short: MJOV, type: article-journal, name: "Made-Up Journal on Vision"}\n', encoding="utf-8")
    vocabulary = load_vocabulary(path)
    assert vocabulary.lookup("Made-Up J. Vis.") is None
    assert vocabulary.lookup("Made-Up Journal of Vision").short == "MJV"
    assert lookup("Computer Vision") is None  # a field's words, abbreviated or not, are no venue
