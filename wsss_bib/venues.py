"""What the list's short venue names mean: the CSL type and the name a reader expects.

Used twice: to describe an unresolved row from the list alone, and to check that a
Crossref candidate was published where the list says (venue agreement in matching).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Venue:
    csl_type: str
    name: str
    # Lower-case fragments that identify the venue in Crossref's container or event titles.
    aliases: tuple[str, ...]


VENUES: dict[str, Venue] = {
    "cvpr": Venue("paper-conference", "IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)",
                  ("cvpr", "computer vision and pattern recognition")),
    "iccv": Venue("paper-conference", "IEEE/CVF International Conference on Computer Vision (ICCV)",
                  ("iccv", "international conference on computer vision")),
    "eccv": Venue("chapter", "European Conference on Computer Vision (ECCV)",
                  ("eccv", "european conference on computer vision", "computer vision – eccv",
                   "computer vision - eccv")),
    "aaai": Venue("paper-conference", "Proceedings of the AAAI Conference on Artificial Intelligence",
                  ("aaai",)),
    "neurips": Venue("paper-conference", "Advances in Neural Information Processing Systems (NeurIPS)",
                     ("neurips", "nips", "neural information processing systems")),
    "bmvc": Venue("paper-conference", "British Machine Vision Conference (BMVC)",
                  ("bmvc", "british machine vision")),
    "icip": Venue("paper-conference", "IEEE International Conference on Image Processing (ICIP)",
                  ("icip", "international conference on image processing")),
    "icme": Venue("paper-conference", "IEEE International Conference on Multimedia and Expo (ICME)",
                  ("icme", "multimedia and expo")),
    "multimedia": Venue("paper-conference", "ACM International Conference on Multimedia (ACM MM)",
                        ("acm international conference on multimedia", "acm mm", "proceedings of the 29th acm")),
    "tpami": Venue("article-journal", "IEEE Transactions on Pattern Analysis and Machine Intelligence",
                   ("tpami", "pattern analysis and machine intelligence")),
    "ijcv": Venue("article-journal", "International Journal of Computer Vision",
                  ("ijcv", "international journal of computer vision")),
    "arxiv": Venue("article", "arXiv", ("arxiv",)),
    "wacv": Venue("paper-conference", "IEEE/CVF Winter Conference on Applications of Computer Vision (WACV)",
                  ("wacv", "applications of computer vision")),
    "accv": Venue("chapter", "Asian Conference on Computer Vision (ACCV)",
                  ("accv", "asian conference on computer vision")),
    "iclr": Venue("paper-conference", "International Conference on Learning Representations (ICLR)",
                  ("iclr", "learning representations")),
    "icml": Venue("paper-conference", "International Conference on Machine Learning (ICML)",
                  ("icml", "international conference on machine learning")),
    "ijcai": Venue("paper-conference", "International Joint Conference on Artificial Intelligence (IJCAI)",
                   ("ijcai", "international joint conference on artificial intelligence")),
    "miccai": Venue("chapter", "Medical Image Computing and Computer Assisted Intervention (MICCAI)",
                    ("miccai", "medical image computing")),
    "tip": Venue("article-journal", "IEEE Transactions on Image Processing", ("transactions on image processing",)),
    "tmm": Venue("article-journal", "IEEE Transactions on Multimedia", ("transactions on multimedia",)),
    "tcsvt": Venue("article-journal", "IEEE Transactions on Circuits and Systems for Video Technology",
                   ("circuits and systems for video technology",)),
}
VENUES["acm mm"] = VENUES["mm"] = VENUES["multimedia"]
VENUES["nips"] = VENUES["neurips"]
VENUES["pami"] = VENUES["tpami"]


def lookup(listed: str) -> Venue | None:
    """The venue the list's short name stands for, or None for a name we do not know."""
    # "CVPR 2021", "ICCV'19", "ECCV-2020": the year is not part of the name.
    name = re.sub(r"[\s'’-]*(?:(?:19|20)\d\d|['’]\d\d)\b", " ", listed.lower())
    return VENUES.get(" ".join(name.split()))


def agrees(listed: str, *published_names: str) -> bool | None:
    """Whether any published container/event name is the listed venue (None: can't tell)."""
    venue = lookup(listed)
    names = " | ".join(n.lower() for n in published_names if n)
    if venue is None or not names:
        return None
    return any(alias in names for alias in venue.aliases)
