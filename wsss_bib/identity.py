"""Which list a bibliography is of: its title, its file stem and the folder its files go to.

Every writer and page names the list through a `ListIdentity`; nothing else names the bundled
list. The bundled list keeps the stem `wsss` (its files are `wsss.bib`, `wsss.json`, ...) and
its folder `output/`. Another list is named after its file (`awesome-nerf.md` -> `awesome-nerf`;
a `README.md` after the folder holding it, as a repository's list is) and titled by its first
heading; its files go to the folder `<stem>-bibliography/` beside the list, so exporting it from
a checkout of this project never touches `output/`. `--name` and `--title` override both.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

BUNDLED_STEM = "wsss"
BUNDLED_OUT = Path("output")
STEM_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
MAX_TITLE = 200


@dataclass(frozen=True)
class ListIdentity:
    """A list's name in every file: `title` for the pages, `stem` for the file names."""

    title: str
    stem: str

    def file_name(self, pattern: str) -> str:
        """A format's file for this list: `{stem}.bib` -> `awesome-nerf.bib`."""
        return pattern.format(stem=self.stem)

    @property
    def lock_name(self) -> str:
        return f"{self.stem}.lock.json"

    def describe(self) -> str:
        return f"{self.stem!r} ({self.title})" if self.title else repr(self.stem)


def identify(list_path: Path, is_bundled: bool, title: str | None = None, name: str | None = None,
             heading: Callable[[Path], str] | None = None) -> ListIdentity:
    """The identity of the list at `list_path` (`title`/`name`: what --title/--name say, if given;
    `heading`: what finds the list's first heading, `first_heading` or a stored one)."""
    if name is not None:
        if not STEM_PATTERN.fullmatch(name):
            raise InputError(name, None, "--name must be lower-case letters, digits, `.`, `_` or `-` "
                                         "(up to 80), starting with a letter or digit")
        stem = name
    else:
        stem = BUNDLED_STEM if is_bundled else stem_of(list_path)
    chosen = " ".join((title or "").split())[:MAX_TITLE] or (heading or first_heading)(list_path) or stem
    return ListIdentity(chosen, stem)


def default_out(list_path: Path, identity: ListIdentity, is_bundled: bool) -> Path:
    """Where the files go without --out: `output/` for the bundled list, else beside the list."""
    return BUNDLED_OUT if is_bundled else list_path.parent / f"{identity.stem}-bibliography"


def stem_of(list_path: Path) -> str:
    """`Awesome NeRF.md` -> `awesome-nerf`; a `README.md` is named after its folder."""
    base = list_path.stem
    if base.lower() in ("readme", "index", "") and list_path.resolve().parent.name:
        base = list_path.resolve().parent.name
    slug = re.sub(r"[^a-z0-9._-]+", "-", base.lower()).strip("-._")[:80]
    return slug or "list"


def first_heading(list_path: Path) -> str:
    """The text of the list's first heading, without markup ("" if it has none or cannot be read)."""
    try:
        text = list_path.read_text(encoding="utf-8", errors="replace").removeprefix("\ufeff")
    except OSError:
        return ""  # the list reader reports an unreadable list with its own message
    from markdown_it import MarkdownIt  # only here: `wsss-bib --help` does not load it

    # Blocks only (a tenth of a full parse): a heading's inline markup is parsed when it is looked at.
    parser = MarkdownIt("commonmark").disable(["inline", "text_join"])
    env: dict[str, object] = {}  # the reference definitions, for a heading that uses one
    tokens = parser.parse(text, env)
    inline_parser = MarkdownIt("commonmark")
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and i + 1 < len(tokens):
            inline = inline_parser.parseInline(tokens[i + 1].content, env)[0]
            words = "".join(child.content for child in inline.children or [] if child.type in ("text", "code_inline"))
            words = " ".join(re.sub(r":[a-z0-9_+-]+:", " ", words).split())  # emoji shortcodes
            if words and " " not in words and re.fullmatch(r"[\w.-]+", words) and "-" in words:
                words = words.replace("-", " ")  # a repository's name as its title: "Awesome-NeRF-Papers"
            if words and not re.fullmatch(r"\d{4}", words):  # "## 2021" names a section, not the list
                return words[:MAX_TITLE]
    return ""
