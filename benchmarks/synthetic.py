"""Synthetic but realistic data for the benchmark: awesome lists of any length, and the
Crossref works and arXiv entries a simulated service answers with for a list's rows.

Everything is derived from a seed (and each paper from its own title), so runs repeat.
Shapes follow tests/data/crossref/*.json (Crossref work and work-list messages) and
tests/data/arxiv/feed.xml (arXiv's Atom feed).
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field

# -- titles -----------------------------------------------------------------------------------

TASKS = (
    "Weakly Supervised Semantic Segmentation", "Weakly-Supervised Semantic Segmentation",
    "Weakly Supervised Instance Segmentation", "Box-Supervised Instance Segmentation",
    "Scribble-Supervised Semantic Segmentation", "Point-Supervised Semantic Segmentation",
    "Weakly Supervised Object Localization", "Semi-Supervised Semantic Segmentation",
    "Weakly Supervised Medical Image Segmentation", "Weakly Supervised Video Object Segmentation",
    "Weakly and Semi-Supervised Semantic Segmentation", "Image-Level Supervised Semantic Segmentation",
    "Weakly-Supervised Panoptic Segmentation", "Weakly Supervised Salient Object Detection",
)
THINGS = (
    "Class Activation Maps", "Pixel-to-Prototype Contrast", "Affinity Learning", "Saliency Guidance",
    "Adversarial Erasing", "Token Contrast", "Cross-Image Semantic Mining", "Boundary Exploration",
    "Pseudo-Label Refinement", "Vision-Language Pretraining", "Out-of-Distribution Data",
    "Multi-Scale Attention", "Seeded Region Growing", "Equivariant Attention", "Online Attention Accumulation",
    "Information Bottleneck", "Complementary Patches", "Graph Convolutional Networks", "Transformer Attention",
    "Sub-Category Exploration", "Inter-Pixel Relations", "Causal Intervention", "Uncertainty Regularization",
    "Discrepancy and Intersection Loss", "Region Suppression", "Anti-Adversarial Manipulation",
    "Contrastive Prototypes", "Mask Propagation", "Object Co-Occurrence", "Foreground Priors",
    "Self-Training", "Knowledge Distillation", "Feature Decoupling", "Local-to-Global Transfer",
    "Semantic Affinity", "Class Tokens", "Background Modelling", "Random Walk Propagation",
    "Superpixel Pooling", "Language Guidance", "Attention Consistency", "Spatial Structure Constraints",
)
VERBS = (
    "Boosting", "Exploring", "Leveraging", "Revisiting", "Mining", "Exploiting", "Refining", "Unlocking",
    "Learning", "Bridging", "Reducing", "Expanding", "Suppressing", "Propagating", "Calibrating",
    "Rethinking", "Decoupling", "Aligning", "Harnessing", "Regularizing",
)
ADJECTIVES = (
    "Robust", "Efficient", "Discriminative", "Class-Aware", "Uncertainty-Aware", "Boundary-Aware",
    "Context-Aware", "End-to-End", "Single-Stage", "Hierarchical", "Progressive", "Dual-Branch",
    "Self-Supervised", "Adaptive", "Unified", "Holistic",
)
SYLLABLES = ("Re", "Co", "Mu", "Ex", "Sal", "Aff", "Pix", "Seg", "Tok", "Adv", "Puz", "Cl", "Con", "Pro",
             "Mix", "Att", "Sem", "Dyn", "Geo", "Hyp")
SUFFIXES = ("CAM", "Net", "former", "Seg", "Mix", "Match", "Prop", "Lab", "MS", "CL", "-Net", "Former", "GAN")
TEMPLATES = (
    "{acr}: {verb} {thing} for {task}",
    "{verb} {thing} for {task}",
    "{thing} Matters in {task}",
    "{task} via {thing}",
    "{adj} {thing} with {thing2} for {task}",
    "Learning {thing} from {thing2} for {task}",
    "{acr}: {adj} {task} with {thing}",
    "{verb} {thing} and {thing2} for {task}",
    "{adj} {task} by {verb} {thing}",
    "Towards {adj} {task}: {verb} {thing}",
)

# -- people, venues, links -------------------------------------------------------------------

GIVEN = ("Ye", "Lian", "Jungbeom", "Peng-Tao", "Zhaozheng", "Lixiang", "Yude", "Jiwoon", "Nikita", "Guolei",
         "Wanli", "Yunhong", "Qingjie", "Sungroh", "Eunji", "Bo", "Dan", "Yunchao", "Ming-Ming", "Qibin",
         "Xiaolin", "Seungho", "Jooyoung", "Hyunjung", "Luc", "Stefan", "Bernt", "Chen", "Jing", "Ling")
FAMILY = ("Zhang", "Wang", "Li", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu",
          "Hu", "Guo", "He", "Lin", "Luo", "Gao", "Kim", "Lee", "Park", "Choi", "Jiang", "Cheng", "Hou", "Kweon",
          "Ahn", "Kwak", "Araslanov", "Roth", "Schiele", "Dollár", "Müller", "Yoon", "Shin", "Ru", "Du", "Fan")
PARTICLE_NAMES = ("Luc Van Gool", "Joost van de Weijer", "Bernt Schiele", "Laurens van der Maaten")

VENUES = (  # (list name, weight)
    ("CVPR", 30), ("ICCV", 12), ("ECCV", 12), ("AAAI", 8), ("NeurIPS", 6), ("TPAMI", 6), ("arXiv", 8),
    ("IJCV", 3), ("BMVC", 3), ("ICIP", 3), ("ICME", 2), ("Multimedia", 2), ("TIP", 3), ("WACV", 3),
)
SUPERVISION = (("Image", 70), ("Box", 8), ("Scribble", 5), ("Point", 4), ("Image+Language", 6),
               ("Image & Semi", 3), ("~~~~", 4))
YEARS = tuple(range(2015, 2025))


def _weighted(rng: random.Random, pairs):
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def _acronym(rng: random.Random) -> str:
    shape = rng.random()
    if shape < 0.35:
        return "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVW") for _ in range(rng.randint(2, 5)))
    if shape < 0.5:
        return rng.choice("ABCDEFGHKLMNPRST") + str(rng.randint(2, 9)) + rng.choice("ABCDEFGHKLMNPRST")
    return rng.choice(SYLLABLES) + rng.choice(SUFFIXES)


def _title(rng: random.Random) -> str:
    things = rng.sample(THINGS, 2)
    return rng.choice(TEMPLATES).format(acr=_acronym(rng), verb=rng.choice(VERBS), thing=things[0],
                                        thing2=things[1], task=rng.choice(TASKS), adj=rng.choice(ADJECTIVES))


def _fold(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()


@dataclass
class Row:
    title: str
    venue: str
    year: int
    supervision: str
    pdf: str | None
    code: str | None
    quirk: str = ""  # how the row is written: "" or "no-trailing-pipe", "mojibake", "spaces"


def synthetic_rows(n: int, seed: int = 7) -> list[Row]:
    """n distinct papers with realistic titles, venues, links and the list's usual quirks."""
    rng = random.Random(seed)
    seen: set[tuple[str, str]] = set()
    arxiv_seen: set[str] = set()
    rows: list[Row] = []
    while len(rows) < n:
        title = _title(rng)
        venue = _weighted(rng, VENUES)
        if (_fold(title), venue.lower()) in seen:
            continue
        seen.add((_fold(title), venue.lower()))
        year = rng.choices(YEARS, weights=range(1, len(YEARS) + 1))[0]
        kind = rng.random()
        if kind < 0.7 or venue == "arXiv":
            while True:
                arxiv_id = f"{str(year - 1)[2:] if rng.random() < 0.3 else str(year)[2:]}" \
                           f"{rng.randint(1, 12):02d}.{rng.randint(1, 19999):05d}"
                if arxiv_id not in arxiv_seen:
                    arxiv_seen.add(arxiv_id)
                    break
            form = rng.random()
            pdf = (f"https://arxiv.org/abs/{arxiv_id}" if form < 0.3 else
                   f"https://arxiv.org/pdf/{arxiv_id}.pdf" if form < 0.9 else
                   f"https://arxiv.org/pdf/{arxiv_id}v{rng.randint(1, 4)}.pdf")
        elif kind < 0.85:
            slug = "_".join(title.replace(":", "").split()[:8])
            pdf = f"https://openaccess.thecvf.com/content/{venue}{year}/papers/{slug}_{venue}_{year}_paper.pdf"
        elif kind < 0.93:
            pdf = f"https://ieeexplore.ieee.org/abstract/document/{rng.randint(8000000, 9999999)}"
        elif kind < 0.97:
            pdf = f"https://dl.acm.org/doi/pdf/10.1145/{rng.randint(3340000, 3560000)}.{rng.randint(3350000, 3600000)}"
        else:
            pdf = None
        code_kind = rng.random()
        code = (f"https://github.com/{rng.choice(FAMILY).lower()}{rng.randint(1, 999)}/{_acronym(rng)}"
                if code_kind < 0.7 else f"https://{rng.choice(FAMILY).lower()}.github.io/project" if code_kind < 0.75
                else None)
        quirk = rng.choices(["", "no-trailing-pipe", "spaces", "mojibake"], weights=[85, 10, 4, 1])[0]
        rows.append(Row(title, venue, year, _weighted(rng, SUPERVISION), pdf, code, quirk))
    return rows


def render_list(rows: list[Row]) -> str:
    """The awesome list's markdown: a `## YEAR` heading and a table per year, newest first."""
    out = ["# Awesome-Weakly-Supervised-Semantic-Segmentation-Papers (synthetic benchmark list)",
           "*NOTE:*  generated by benchmarks/synthetic.py", ""]
    for year in sorted({r.year for r in rows}, reverse=True):
        out += [f"## {year}", "| Title | Venue | Supervision | PDF | CODE |", "| :-----|:-----:|:---:|:---:|:----:|"]
        for row in (r for r in rows if r.year == year):
            title = row.title
            if row.quirk == "mojibake" and "fi" in title:
                title = title.replace("fi", "Ô¨Å", 1)
            pdf = f"[PDF]({row.pdf})" if row.pdf else "PDF"
            code = f"[CODE]({row.code})" if row.code else "CODE"
            line = f"| {title} | {row.venue} | {row.supervision} | {pdf} | {code} |"
            if row.quirk == "no-trailing-pipe":
                line = line[:-2]
            elif row.quirk == "spaces":
                line = line.replace("| ", "|  ", 1)
            out.append(line)
        out.append("")
    return "\n".join(out)


# -- what the services know about a list's papers ---------------------------------------------

CONTAINERS = {  # venue -> (crossref type, container-title format, short title, publisher, DOI format)
    "cvpr": ("proceedings-article", "{year} IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)",
             "", "IEEE", "10.1109/CVPR{y2}.{year}.{n:05d}"),
    "iccv": ("proceedings-article", "{year} IEEE/CVF International Conference on Computer Vision (ICCV)", "",
             "IEEE", "10.1109/ICCV{y2}.{year}.{n:05d}"),
    "eccv": ("book-chapter", "Computer Vision – ECCV {year}|Lecture Notes in Computer Science", "",
             "Springer International Publishing", "10.1007/978-3-030-{n:05d}-5_{m}"),
    "aaai": ("journal-article", "Proceedings of the AAAI Conference on Artificial Intelligence", "AAAI",
             "Association for the Advancement of Artificial Intelligence (AAAI)", "10.1609/aaai.v{v}i{m}.{n}"),
    "tpami": ("journal-article", "IEEE Transactions on Pattern Analysis and Machine Intelligence",
              "IEEE Trans. Pattern Anal. Mach. Intell.", "IEEE", "10.1109/TPAMI.{year}.{n:07d}"),
    "pami": None,
    "ijcv": ("journal-article", "International Journal of Computer Vision", "Int J Comput Vis",
             "Springer Science and Business Media LLC", "10.1007/s11263-0{y2}-0{n:04d}-{m}"),
    "icip": ("proceedings-article", "{year} IEEE International Conference on Image Processing (ICIP)", "", "IEEE",
             "10.1109/ICIP{y2}.{year}.{n:07d}"),
    "icme": ("proceedings-article", "{year} IEEE International Conference on Multimedia and Expo (ICME)", "",
             "IEEE", "10.1109/ICME{y2}.{year}.{n:07d}"),
    "multimedia": ("proceedings-article", "Proceedings of the {m}th ACM International Conference on Multimedia", "",
                   "ACM", "10.1145/{n:07d}.{m}"),
    "tip": ("journal-article", "IEEE Transactions on Image Processing", "IEEE Trans. on Image Process.", "IEEE",
            "10.1109/TIP.{year}.{n:07d}"),
    "wacv": ("proceedings-article", "{year} IEEE/CVF Winter Conference on Applications of Computer Vision (WACV)",
             "", "IEEE", "10.1109/WACV{y2}.{year}.{n:05d}"),
}
CONTAINERS["pami"] = CONTAINERS["tpami"]
# NeurIPS, BMVC and arXiv-only papers have no Crossref record (as in reality, mostly).
NOISE_TITLES = (
    "Fully Convolutional Networks for Semantic Segmentation", "Semantic Image Segmentation with Deep Convolutional "
    "Nets and Fully Connected CRFs", "Learning Deep Features for Discriminative Localization",
    "Grad-CAM: Visual Explanations from Deep Networks via Gradient-Based Localization",
    "Encoder-Decoder with Atrous Separable Convolution for Semantic Image Segmentation",
    "Pyramid Scene Parsing Network", "Mask R-CNN", "Segment Anything", "Masked-attention Mask Transformer for "
    "Universal Image Segmentation", "A Survey on Label-Efficient Deep Image Segmentation",
    "Weak Supervision for Remote Sensing Image Segmentation: A Review", "Semantic Segmentation of Crop Fields "
    "from Weak Labels", "Weakly Supervised Segmentation of Histopathology Images with Class Activation Maps",
)


@dataclass
class Paper:
    """One row's paper as the services know it."""

    row: int
    title: str
    year: int
    authors: list[tuple[str, str]]  # (given, family)
    arxiv_id: str | None
    arxiv_doi: str | None = None
    journal_ref: str | None = None
    works: list[dict] = field(default_factory=list)  # Crossref items: published version, extension, preprint
    arxiv_unlisted: str | None = None  # on arXiv, though the list links no preprint (found by title search)
    dblp: list[dict] = field(default_factory=list)  # dblp `info` objects: the paper, its CoRR record, distractors
    arxiv_published: str | None = None  # the preprint's date as arXiv gives it (else derived from the title)


def rng_for(text: str) -> random.Random:
    return random.Random(int.from_bytes(hashlib.sha1(text.encode()).digest()[:8], "big"))


def _authors(rng: random.Random) -> list[tuple[str, str]]:
    people = []
    for _ in range(rng.randint(2, 7)):
        if rng.random() < 0.05:
            given, family = rng.choice(PARTICLE_NAMES).split(" ", 1)
        else:
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        people.append((given, family))
    return people


def _date(year: int, month: int, day: int | None = None) -> dict:
    return {"date-parts": [[year, month] + ([day] if day else [])]}


def crossref_item(doi: str, kind: str, title: str, container: list[str], short: list[str], publisher: str,
                  authors: list[tuple[str, str]], year: int, month: int, rng: random.Random,
                  event: str | None = None) -> dict:
    """A Crossref work in the API's shape (the fields tests/data/crossref/*.json carry, and a few more)."""
    first_page = rng.randint(1, 9000)
    item = {
        "indexed": {"date-parts": [[2025, 1, 5]], "date-time": "2025-01-05T10:00:00Z", "timestamp": 1736071200000},
        "reference-count": rng.randint(20, 90),
        "publisher": publisher,
        "license": [{"start": {"date-parts": [[year, month, 1]], "date-time": f"{year}-{month:02d}-01T00:00:00Z",
                               "timestamp": 0}, "content-version": "vor", "delay-in-days": 0,
                     "URL": "https://doi.org/10.15223/policy-029"}],
        "content-domain": {"domain": [], "crossmark-restriction": False},
        "short-container-title": short,
        "DOI": doi,
        "type": kind,
        "created": {"date-parts": [[year, month, 1]], "date-time": f"{year}-{month:02d}-01T00:00:00Z", "timestamp": 0},
        "source": "Crossref",
        "is-referenced-by-count": rng.randint(0, 400),
        "title": [title],
        "prefix": doi.split("/", 1)[0],
        "member": str(rng.choice((263, 297, 311, 320, 9382))),
        "container-title": container,
        "original-title": [],
        "link": [{"URL": f"http://xplorestaging.ieee.org/ielx7/{rng.randint(9000000, 9999999)}.pdf",
                  "content-type": "unspecified", "content-version": "vor",
                  "intended-application": "similarity-checking"}],
        "deposited": {"date-parts": [[2024, 3, 1]], "date-time": "2024-03-01T00:00:00Z", "timestamp": 0},
        "score": 0.0,
        "resource": {"primary": {"URL": f"https://example.org/{doi}"}},
        "subtitle": [],
        "issued": _date(year, month),
        "references-count": rng.randint(20, 90),
        "URL": f"http://dx.doi.org/{doi}",
        "relation": {},
        "subject": [],
        "published": _date(year, month),
        "author": [{"given": g, "family": f, "sequence": "first" if i == 0 else "additional", "affiliation": []}
                   for i, (g, f) in enumerate(authors)],
    }
    if kind != "posted-content":
        item["page"] = f"{first_page}-{first_page + rng.randint(7, 14)}"
        item["published-print"] = _date(year, month)
    if kind == "journal-article":
        item["volume"] = str(rng.randint(20, 46))
        item["issue"] = str(rng.randint(1, 12))
    if event:
        item["event"] = {"name": event, "location": rng.choice(("New Orleans, LA, USA", "Montreal, QC, Canada",
                                                                "Tel Aviv, Israel", "Paris, France"))}
    return item


def papers_for(entries) -> tuple[list[Paper], list[dict]]:
    """What arXiv and Crossref know about a list's rows (wsss_bib ListEntry objects), and noise works."""
    papers: list[Paper] = []
    counter = 0
    for i, entry in enumerate(entries):
        rng = rng_for(entry.title + "|" + entry.venue)
        year = entry.year or 2021
        paper = Paper(i, entry.title, year, _authors(rng), entry.arxiv_id)
        spec = CONTAINERS.get(entry.venue.strip().lower())
        if spec and rng.random() < 0.93:  # a few published papers are missing from Crossref
            kind, container, short, publisher, doi_format = spec
            counter += 1
            doi = entry.link_doi or doi_format.format(year=year, y2=str(year)[2:], n=rng.randint(1, 99999),
                                                      m=rng.randint(1, 40), v=year - 1986)
            containers = container.format(year=year, m=year - 1992).split("|")
            event = containers[-1] if kind == "proceedings-article" else None
            title = entry.title if rng.random() < 0.85 else entry.title.replace("Weakly Supervised",
                                                                                "Weakly-Supervised")
            paper.works.append(crossref_item(doi, kind, title, containers, [short] if short else [], publisher,
                                             paper.authors, year, rng.choice((6, 10, 2)), rng, event))
            if paper.arxiv_id and rng.random() < 0.35:
                paper.arxiv_doi = doi
                paper.journal_ref = f"{entry.venue} {year}"
            if kind == "proceedings-article" and rng.random() < 0.1:  # a journal extension, same title
                ext_doi = f"10.1109/TPAMI.{year + 1}.{rng.randint(1000000, 9999999)}"
                paper.works.append(crossref_item(
                    ext_doi, "journal-article", entry.title, ["IEEE Transactions on Pattern Analysis and Machine "
                                                              "Intelligence"], ["IEEE Trans. Pattern Anal. Mach. "
                                                                                "Intell."], "IEEE",
                    paper.authors, year + 1, 3, rng))
        if rng.random() < 0.1:  # the same paper as a preprint on another server (posted-content)
            paper.works.append(crossref_item(f"10.2139/ssrn.{rng.randint(3000000, 4999999)}", "posted-content",
                                             entry.title, ["SSRN Electronic Journal"], [], "Elsevier BV",
                                             paper.authors, year, 1, rng))
        _real_quirks(paper, entry)
        paper.dblp = dblp_records(paper, entry.venue, rng)
        papers.append(paper)
    rng = random.Random(3)
    noise = [crossref_item(f"10.1109/NOISE.{j:05d}", "proceedings-article", title,
                           ["2017 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)"], [], "IEEE",
                           _authors(rng), 2015 + j % 9, 6, rng) for j, title in enumerate(NOISE_TITLES)]
    return papers, noise


# dblp's short names of the venues above where they are not the list's ("TPAMI", "Multimedia")
DBLP_VENUES = {"tpami": "IEEE Trans. Pattern Anal. Mach. Intell.", "pami": "IEEE Trans. Pattern Anal. Mach. Intell.",
               "ijcv": "Int. J. Comput. Vis.", "tip": "IEEE Trans. Image Process.", "multimedia": "ACM Multimedia"}


def dblp_info(title: str, authors: list[tuple[str, str]], venue: str, year: int, kind: str, key: str,
              pages: str | None = None, volume: str | None = None, number: str | None = None,
              doi: str | None = None) -> dict:
    """One publication as dblp's search API gives it (tests/data/dblp: strings only, absent fields left out)."""
    people = [{"text": f"{given} {family}"} for given, family in authors]
    info: dict = {"authors": {"author": people[0] if len(people) == 1 else people}, "title": title.rstrip(".") + ".",
                  "venue": venue, "volume": volume, "number": number, "pages": pages, "year": str(year),
                  "type": kind, "key": key, "doi": doi.upper() if doi else None,
                  "ee": f"https://doi.org/{doi}" if doi else None}
    if not people:
        del info["authors"]
    return {k: v for k, v in info.items() if v is not None}


def corr_info(title: str, authors: list[tuple[str, str]], arxiv_id: str, key: str) -> dict:
    """A preprint's CoRR record: venue CoRR, volume abs/ID, the arXiv DataCite DOI."""
    year = 2000 + int(arxiv_id[:2]) if re.match(r"\d{4}\.", arxiv_id) else 2020
    return {**dblp_info(title, authors, "CoRR", year, "Informal and Other Publications", key,
                        volume=f"abs/{arxiv_id}"), "doi": f"10.48550/ARXIV.{arxiv_id}", "access": "open",
            "ee": f"https://doi.org/10.48550/arXiv.{arxiv_id}"}


def distractors(title: str, authors: list[tuple[str, str]], venue: str, year: int, key: str,
                rng: random.Random) -> list[dict]:
    """Same-title records that are other papers: one of another year by the same people, and (where the
    row's authors can be known) one of the same year by nobody the paper has; each refused by the resolver."""
    out = [dblp_info(title, authors[:2], venue, year - 6, "Conference and Workshop Papers", f"{key}-another-year",
                     pages=f"{rng.randint(1, 900)}-{rng.randint(901, 999)}")]
    out.append(dblp_info(title, [("Ada", "Hand 0002")], venue, year, "Conference and Workshop Papers",
                         f"{key}-stranger", pages=f"{rng.randint(1, 900)}-{rng.randint(901, 999)}"))
    return out


def dblp_records(paper: Paper, venue: str, rng: random.Random) -> list[dict]:
    """What dblp holds for a row's paper: the published version (of every venue but arXiv; NeurIPS and BMVC
    too, which Crossref lacks), its CoRR record, and for a third of the rows same-title distractors."""
    published = next((w for w in paper.works if w["type"] != "posted-content"), None)
    short = DBLP_VENUES.get(venue.strip().lower(), venue.strip())
    key = f"synthetic/{paper.row}"
    out = []
    if venue.strip().lower() != "arxiv":
        journal = published is not None and published["type"] == "journal-article" and "aaai" not in venue.lower()
        first = rng.randint(1, 9000)
        out.append(dblp_info(paper.title, paper.authors, short, paper.year,
                             "Journal Articles" if journal else "Conference and Workshop Papers", key,
                             pages=(published or {}).get("page") or f"{first}-{first + rng.randint(7, 14)}",
                             volume=(published or {}).get("volume") if journal else None,
                             number=(published or {}).get("issue") if journal else None,
                             doi=(published or {}).get("DOI")))
    if paper.arxiv_id or paper.arxiv_unlisted:
        out.append(corr_info(paper.title, paper.authors, paper.arxiv_id or paper.arxiv_unlisted or "", key + "-corr"))
    if rng.random() < 0.33:
        out += distractors(paper.title, paper.authors, short, paper.year, key, rng)
    return out


def _real_quirks(paper: Paper, entry) -> None:
    """What real records do and the plain shapes above do not (each seen in tests/data/crossref/recorded).

    Journals put papers online a year before print (issued is the online date; a list may give
    either year); Springer lists a chapter's series before its book as often as after; and a
    paper the list links no preprint for may still be on arXiv.
    """
    rng = rng_for("quirks|" + entry.title)
    for item in paper.works:
        if item["type"] == "journal-article" and "published-print" in item and rng.random() < 0.5:
            year, month = item["issued"]["date-parts"][0][:2]
            item["published-online"] = _date(year, month)
            item["published-print"] = _date(year + 1, rng.randint(1, 12))
        if item["type"] == "book-chapter" and len(item["container-title"]) == 2 and rng.random() < 0.5:
            item["container-title"] = item["container-title"][::-1]
    if not paper.arxiv_id and rng.random() < 0.6:
        paper.arxiv_unlisted = f"{str(paper.year)[2:]}{rng.randint(1, 12):02d}.{rng.randint(1000, 19999):05d}"


def abstract(rng: random.Random, title: str) -> str:
    words = [w for w in re.split(r"\W+", title) if w] + ["segmentation", "weakly", "supervised", "labels",
                                                         "pseudo", "masks", "we", "propose", "the", "of", "and"]
    return " ".join(rng.choice(words) for _ in range(180)).capitalize() + "."
