"""How figures are set in print: which dash a range takes, where a line may not break, which case a heading has.

A range of figures ("10–25 engineers", "weeks 1–5") is set with an en dash, whoever wrote it: the
content pack's text is normalised when it is loaded, and the planner's own words build their ranges
here. Only text we own goes through this; a candidate's words print as they were typed.
"""

from __future__ import annotations

import re

RANGE_DASH = "\u2013"  # en dash

# A hyphen between two figures, with or without spaces around it: "10-25", "2-4", "$100K - $2M". A range is
# closed up (10–25, $100K–$2M); before an approximate figure ("35% - ~100 hours") the dash keeps its spaces.
# A hyphenated word ("12-person", "L6-level") has a letter beside the hyphen and is left alone, and so is
# an ISO date (2026-12-01), which is a date and not a range.
_HYPHEN_RANGE = re.compile(r"(?<=\d)([%KMB]?) ?- ?(?=(~?)[$]?\d)")
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# A hyphen set between spaces in running text ("a higher level - instead") is a dash: a spaced en dash.
_SPACED_HYPHEN = re.compile(r"(?<=\S) - (?=\S)")


def number_range(low: object, high: object) -> str:
    """"10", "25" → "10–25"."""
    return f"{low}{RANGE_DASH}{high}"


def en_dash_ranges(text: str) -> str:
    """Every hyphen that stands for "to" between two figures, and every spaced hyphen between words, becomes
    an en dash; dates and hyphenated words stay as they are."""
    if "-" not in text:
        return text
    dates = [(m.start(), m.end()) for m in _ISO_DATE.finditer(text)]

    def dash(match: re.Match) -> str:
        if any(start <= match.start() < end for start, end in dates):
            return match.group()
        return f"{match[1]} {RANGE_DASH} " if match[2] else f"{match[1]}{RANGE_DASH}"

    return _SPACED_HYPHEN.sub(f" {RANGE_DASH} ", _HYPHEN_RANGE.sub(dash, text))


# A comparison sign keeps its figure on its line: "Security incidents = 0" must not end a line on "=".
_SIGN_BEFORE_FIGURE = re.compile(r"(?<=\s)([<>=≤≥]) (?=[$~]?\d)")


def typeset(text: str) -> str:
    """The content pack's text as print sets it: ranges with en dashes, a sign bound to its figure."""
    return _SIGN_BEFORE_FIGURE.sub("\\1\u00a0", en_dash_ranges(text))


# -- case ------------------------------------------------------------------------------------------
# The prep plan's headings are in sentence case, its own and those it quotes from the playbook (which
# writes Title Case): one level of heading reads one way. The book keeps the playbook's own case.
_CAPITALISED = re.compile(r"[A-Z][a-z]+")  # "Impact": lowered; "ML", "L6", "PR/FAQ", "iOS" are kept
_SMALL_WORDS = frozenset("a an and as at by for in of on or the to vs with".split())
KEPT_NAMES = ("Amazon", "Leadership Principles")


def sentence_case(text: str) -> str:
    """"L6 vs L7 Impact Comparison" → "L6 vs L7 impact comparison"; the first word and the word after a
    colon keep their capital, and so do acronyms, level names and KEPT_NAMES."""
    kept = {}
    for index, name in enumerate(KEPT_NAMES):
        token = f"\0{index}\0"
        kept[token] = name
        text = text.replace(name, token)
    words = text.split(" ")
    out = []
    for position, word in enumerate(words):
        starts = position == 0 or (out and out[-1].endswith(":"))
        parts = word.split("-")
        out.append("-".join(part if (starts and n == 0) or not _CAPITALISED.fullmatch(part) else part.lower()
                            for n, part in enumerate(parts)))
    result = " ".join(out)
    for token, name in kept.items():
        result = result.replace(token, name)
    return result


def title_case(text: str) -> str:
    """"influence and collaboration" → "Influence and Collaboration", as the playbook writes its headings."""
    words = []
    for position, word in enumerate(text.split(" ")):
        if word and not (position and word.lower() in _SMALL_WORDS):
            word = word[0].upper() + word[1:]
        words.append(word)
    return " ".join(words)


def counted(count: int, singular: str, plural: str) -> str:
    """3, "story", "stories" → "3 stories": the number with its noun, so no template spells a plural."""
    return f"{number(count)} {singular if count == 1 else plural}"


def number(value: float) -> str:
    """12 → "12", 7.5 → "7.5", 1234 → "1,234"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"
