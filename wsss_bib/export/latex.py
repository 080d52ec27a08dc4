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
# --ascii: what has no accent macro. Math in \ensuremath (typeset in text or math alike), text
# symbols as the LaTeX kernel's commands (no package needed), the rest spelled in ASCII. Each macro
# braced whole (`{\\S}`), as an accent is: bibtex's case change leaves its name alone (`\\S{}` became `\\s{}`).
_GREEK = ("alpha beta gamma delta varepsilon zeta eta theta iota kappa lambda mu nu xi - pi rho varsigma sigma "
          "tau upsilon varphi chi psi omega").split()  # omicron (-) is an o
_MATH = {
    **{chr(0x3B1 + n): name for n, name in enumerate(_GREEK) if name != "-"},
    "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi", "Π": "Pi", "Σ": "Sigma", "Υ": "Upsilon",
    "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega", "ϵ": "epsilon", "ϑ": "vartheta", "ϕ": "phi", "ϖ": "varpi", "ϱ": "varrho",
    "µ": "mu", "×": "times", "÷": "div", "±": "pm", "∓": "mp", "≤": "leq", "≥": "geq", "≠": "neq", "≈": "approx",
    "≡": "equiv", "∼": "sim", "≃": "simeq", "∝": "propto", "∞": "infty", "∈": "in", "∉": "notin", "∋": "ni",
    "⊂": "subset", "⊆": "subseteq", "⊃": "supset", "⊇": "supseteq", "∪": "cup", "∩": "cap", "∅": "emptyset",
    "∀": "forall", "∃": "exists", "∇": "nabla", "∂": "partial", "∑": "sum", "∏": "prod", "∫": "int",
    "√": "surd", "→": "rightarrow", "←": "leftarrow", "↔": "leftrightarrow", "⇒": "Rightarrow",
    "⇐": "Leftarrow", "⇔": "Leftrightarrow", "↑": "uparrow", "↓": "downarrow", "↦": "mapsto", "·": "cdot",
    "⋅": "cdot", "∘": "circ", "∗": "ast", "⊕": "oplus", "⊗": "otimes", "⊙": "odot", "ℓ": "ell", "¬": "neg",
    "∧": "wedge", "∨": "vee", "⟨": "langle", "⟩": "rangle", "∥": "parallel", "⊥": "perp", "ℵ": "aleph",
    "≪": "ll", "≫": "gg", "≺": "prec", "≻": "succ", "′": "prime", "∖": "setminus", "⋆": "star",
}
_GREEK_LIKE_LATIN = dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΧ", "ABEZHIKMNOPTX"))
SYMBOLS = {
    # braced whole, as an accent macro is: one character to bibtex's purify$ and case changes
    **{char: "{\\ensuremath{\\" + name + "}}" for char, name in _MATH.items()},
    **{char: "{\\ensuremath{^{" + digit + "}}}" for char, digit in zip("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")},
    **{char: "{\\ensuremath{_{" + digit + "}}}" for char, digit in zip("₀₁₂₃₄₅₆₇₈₉", "0123456789")},
    "°": "{\\ensuremath{^\\circ}}", "−": "{\\ensuremath{-}}", "ο": "o", "Ο": "O",
    "…": "{\\ldots}", "•": "{\\textbullet}",
    "©": "{\\copyright}", "§": "{\\S}", "¶": "{\\P}", "†": "{\\dag}", "‡": "{\\ddag}", "£": "{\\pounds}",
    "¿": "?`", "¡": "!`", "«": "<<", "»": ">>", "‹": "<", "›": ">", "„": ",,", "‚": ",", "‐": "-", "‑": "-",
    "‒": "-", "―": "---", "Ð": "D", "Đ": "D", "đ": "d", "ð": "d", "Þ": "Th", "þ": "th", "ħ": "h", "Ħ": "H",
    **_GREEK_LIKE_LATIN,
}
UNKNOWN = "?"  # a character with no ASCII spelling at all (中, 😀): iconv's stand-in
CLUSTER = re.compile(r".[\u0300-\u036f]*", re.DOTALL)
# A word part to keep as written: a capital after its first letter (CAM, ReCAM) or letters
# mixed with digits (L2G, 3D).
PROTECT = re.compile(r"^.+[A-Z]|[A-Za-z].*\d|\d.*[A-Za-z]")


def escape(text: str, ascii_only: bool = False) -> str:
    """`text` as safe BibTeX field content; with `ascii_only`, accents as LaTeX macros."""
    text = " ".join(text.split())  # newlines and tabs mean nothing in a field
    text = SPECIAL_CHARS.sub(lambda m: SPECIALS[m.group()], unicodedata.normalize("NFC", text))
    # --ascii: a zero-width character or lone mark becomes nothing, so whitespace is collapsed again
    return " ".join(to_ascii(text).split()) if ascii_only else text


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
    return " ".join(word for word in out if word) if ascii_only else " ".join(out)


def to_ascii(text: str) -> str:
    """`text` in ASCII only: non-ASCII letters as LaTeX accent macros ('é' -> {\\'e}), math as
    \\ensuremath{...}, other symbols as kernel commands or an ASCII spelling (NFKC: 'ﬁ' -> fi,
    fullwidth forms), and what has none as `?`."""
    # A letter with the combining marks after it, so that a letter with no precomposed form
    # ("q" + U+0301) gets its macro too instead of a bare mark pdflatex cannot typeset.
    return "".join(_cluster(char) for char in CLUSTER.findall(unicodedata.normalize("NFC", text)))


def _cluster(char: str, compatible: bool = True) -> str:
    if len(char) == 1 and ord(char) < 128:
        return char
    if char[0] in LETTERS:
        return LETTERS[char[0]] + "".join(_cluster(mark, False) for mark in char[1:])
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], [mark for mark in decomposed[1:] if mark in ACCENTS]
    if base.isascii() and base.isalpha():
        return _accented(base, marks) if marks else base  # a mark with no macro is left off
    if base.isascii():
        return base  # a mark over a brace of an escape (`{` + U+0301) or a digit: the mark is left off
    if base in SYMBOLS:
        return SYMBOLS[base]  # ά: α without its tonos
    category = unicodedata.category(base)
    if category == "Zs" or base in "\u2028\u2029":
        return " "
    if category in ("Mn", "Me", "Cf"):
        return ""  # a lone combining mark, a zero-width joiner or soft hyphen: nothing to typeset
    spelled = unicodedata.normalize("NFKC", char).replace("\u2044", "/")
    if compatible and spelled != char:  # ﬁ, fullwidth Ａ, ½, ㎏: their compatibility spelling
        written = "".join(_special(part[0]) if part[0].isascii() and not part[0].isalpha() else _cluster(part, False)
                          for part in CLUSTER.findall(spelled))
        return written if written.strip() else UNKNOWN  # a spacing accent (¸ is " " + U+0327): no letter
    return UNKNOWN


def _special(char: str) -> str:
    return SPECIALS.get(char, char)


def _accented(base: str, marks: list[str]) -> str:
    if base in "ij":
        base = "\\" + base  # dotless i/j under an accent
    for mark in marks:
        # \'e, but \'{\^e} for a second accent (ế, Nguyễn): \'\^e makes \' take \^ alone and
        # LaTeX stops ("You can't use a prefix with end-group"). Letter accents: \c{c}.
        single = len(base) == 1 or base in ("\\i", "\\j")
        base = f"\\{ACCENTS[mark]}{base}" if not ACCENTS[mark].isalpha() and single else \
            f"\\{ACCENTS[mark]}{{{base}}}"
    return "{" + base + "}"
