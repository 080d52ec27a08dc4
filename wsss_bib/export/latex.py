"""Text as BibTeX field content: LaTeX specials escaped, braces balanced, case protected.

Neither pybtex's writer (escapes `_` everywhere, breaking Springer DOIs) nor bibtexparser's
(writes values raw, so a `%` comments out the rest of the line) gets this right per field,
so it is done here, once.
"""

from __future__ import annotations

import re
import unicodedata

# `{` and `}` are written as commands, not as `\{`, because BibTeX counts every brace,
# escaped or not, when it finds a field's end: text braces must never unbalance a field.
SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
    "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    # `@` is no LaTeX special, but bibtexparser (v2) takes `@word {` anywhere in the file for the
    # start of an entry, and a protected word or an --ascii accent can put a `{` after it
    # ("@x {CAM}"); braced, it is the same `@` to LaTeX and BibTeX and starts no entry.
    "@": "{@}",
}
SPECIAL_CHARS = re.compile("[" + re.escape("".join(SPECIALS)) + "]")
# Accent macros for --ascii: combining mark -> LaTeX accent command.
ACCENTS = {
    "\u0300": "`", "\u0301": "'", "\u0302": "^", "\u0303": "~", "\u0308": '"', "\u0304": "=",
    "\u0307": ".", "\u030b": "H", "\u030c": "v", "\u0306": "u", "\u030a": "r", "\u0327": "c",
    "\u0328": "k", "\u0323": "d",
}
LETTERS = {"ß": r"{\ss}", "ø": r"{\o}", "Ø": r"{\O}", "æ": r"{\ae}", "Æ": r"{\AE}", "œ": r"{\oe}",
           "Œ": r"{\OE}", "ł": r"{\l}", "Ł": r"{\L}", "ı": r"{\i}", "å": r"{\aa}", "Å": r"{\AA}",
           "–": "--", "—": "---", "\u00a0": "~", "“": "``", "”": "''", "‘": "`", "’": "'"}
CLUSTER = re.compile(r".[\u0300-\u036f]*", re.DOTALL)
# A word part to keep as written: a capital after its first letter (CAM, ReCAM) or letters
# mixed with digits (L2G, 3D).
PROTECT = re.compile(r"^.+[A-Z]|[A-Za-z].*\d|\d.*[A-Za-z]")


def escape(text: str, ascii_only: bool = False) -> str:
    """`text` as safe BibTeX field content; with `ascii_only`, accents as LaTeX macros."""
    text = " ".join(text.split())  # newlines and tabs mean nothing in a field
    text = SPECIAL_CHARS.sub(lambda m: SPECIALS[m.group()], unicodedata.normalize("NFC", text))
    return to_ascii(text) if ascii_only else text


def title(text: str, ascii_only: bool = False) -> str:
    """A title with the case of acronyms and mixed-case words brace-protected."""
    words = " ".join(text.split()).split(" ")
    out = []
    for word in words:
        core = word.strip(".,:;!?()[]\"'")
        escaped = escape(word, ascii_only)
        if core and any(PROTECT.search(part) for part in re.split(r"[-/]", core)):
            start = word.index(core)
            escaped = (escape(word[:start], ascii_only) + "{" + escape(core, ascii_only) + "}"
                       + escape(word[start + len(core):], ascii_only))
        out.append(escaped)
    return " ".join(out)


def to_ascii(text: str) -> str:
    """Non-ASCII letters as LaTeX accent macros ('é' -> {\\'e}); others kept as they are."""
    out = []
    # A letter with the combining marks after it, so that a letter with no precomposed form
    # ("q" + U+0301) gets its macro too instead of a bare mark pdflatex cannot typeset.
    for char in CLUSTER.findall(unicodedata.normalize("NFC", text)):
        if len(char) == 1 and ord(char) < 128:
            out.append(char)
        elif char[0] in LETTERS:
            out.append(LETTERS[char[0]] + char[1:])
        else:
            decomposed = unicodedata.normalize("NFD", char)
            base, marks = decomposed[0], list(decomposed[1:])
            if marks and all(mark in ACCENTS for mark in marks) and base.isascii() and base.isalpha():
                if base in "ij":
                    base = "\\" + base  # dotless i/j under an accent
                for mark in marks:
                    # \'e, but \'{\^e} for a second accent (ế, Nguyễn): \'\^e makes \' take \^ alone and
                    # LaTeX stops ("You can't use a prefix with end-group"). Letter accents: \c{c}.
                    single = len(base) == 1 or base in ("\\i", "\\j")
                    base = f"\\{ACCENTS[mark]}{base}" if not ACCENTS[mark].isalpha() and single else \
                        f"\\{ACCENTS[mark]}{{{base}}}"
                out.append("{" + base + "}")
            else:
                out.append(char)  # no macro for it: kept, so nothing is lost
    return "".join(out)
