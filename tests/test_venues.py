import pytest

from wsss_bib.venues import agrees, lookup


@pytest.mark.parametrize("listed", ["CVPR", "cvpr", " CVPR 2021 ", "CVPR'21", "CVPR-2021", "CVPR’21"])
def test_a_year_or_case_in_the_listed_name_does_not_hide_the_venue(listed):
    assert lookup(listed) is lookup("CVPR") is not None


def test_aliases_share_one_venue():
    assert lookup("NeurIPS") is lookup("NIPS") and lookup("ACM MM 2021") is lookup("Multimedia")


def test_unknown_venue_is_none_not_a_guess():
    assert lookup("Workshop on Something") is None and lookup("") is None


def test_agreement_reads_published_names_and_says_when_it_cannot_tell():
    assert agrees("ICCV 2019", "2019 IEEE/CVF International Conference on Computer Vision (ICCV)") is True
    assert agrees("ICCV", "IEEE Transactions on Pattern Analysis and Machine Intelligence") is False
    assert agrees("Unknown venue", "Anything") is None
    assert agrees("CVPR") is None
