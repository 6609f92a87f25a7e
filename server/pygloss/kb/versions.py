"""Python versions in the knowledge base: ranges, version-qualified sentences, picking.

A statement may hold only on some Python versions.  The knowledge base says so in
one of two ways:

- a topic's front matter ``python = "<3.12"`` (a ``requires-python``-style
  specifier): the whole topic holds on those versions only;
- a sentence that *starts* with a version clause — "Since Python 3.12, ...",
  "Before 3.12.3, ...", "Up to Python 3.13, ...", "On Python 3.11, ...",
  "On 3.12+, ..." — holds on the versions the clause names.

:func:`pick` keeps the sentences of a text that can hold for a project's Python
(a :class:`PythonRange`, from ``requires-python`` or the running interpreter) and
drops the others; sentences without a leading clause always stay.  Version
numbers are ``(major, minor, micro)`` tuples; ranges are half-open ``[low, high)``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

Version = tuple[int, int, int]


@dataclass(frozen=True)
class PythonRange:
    """Python versions ``low <= v < high``; None means unbounded on that side."""

    low: Version | None = None
    high: Version | None = None

    def overlaps(self, other: PythonRange) -> bool:
        """True when some version is in both ranges."""
        low = max(self.low or (0, 0, 0), other.low or (0, 0, 0))
        highs = [h for h in (self.high, other.high) if h is not None]
        return not highs or low < min(highs)

    def contains(self, version: Version) -> bool:
        return (self.low is None or version >= self.low) and (
            self.high is None or version < self.high
        )

    def __str__(self) -> str:
        parts = []
        if self.low is not None:
            parts.append(f">={_dotted(self.low)}")
        if self.high is not None:
            parts.append(f"<{_dotted(self.high)}")
        return ",".join(parts) or "any"


EVERY = PythonRange()


def _dotted(version: Version) -> str:
    return ".".join(str(p) for p in (version if version[2] else version[:2]))


_CLAUSE = re.compile(
    r"^(?P<op>~=|==|!=|>=|<=|>|<)\s*(?P<version>\d+(?:\.\d+){0,2})(?P<star>\.\*)?$"
)


def _version(text: str) -> Version:
    parts = [int(p) for p in text.split(".")]
    parts += [0] * (3 - len(parts))
    return parts[0], parts[1], parts[2]


def _next(text: str) -> Version:
    """The first version after every release that *text* (a prefix) names."""
    parts = [int(p) for p in text.split(".")]
    if len(parts) == 1:
        return parts[0] + 1, 0, 0
    if len(parts) == 2:
        return parts[0], parts[1] + 1, 0
    return parts[0], parts[1], parts[2] + 1


def parse_range(spec: str) -> PythonRange:
    """The range of a specifier such as ``>=3.11``, ``<3.12``, ``>=3.11,<3.14``, ``~=3.12``
    or ``==3.11.*``.  ``!=`` clauses are ignored (the range stays wider, never
    narrower).  Raises :class:`ValueError` on anything else."""
    low: Version | None = None
    high: Version | None = None
    clauses = [c.strip() for c in spec.split(",")]
    if not spec.strip() or not all(clauses):
        raise ValueError(f"not a Python version specifier: {spec!r}")
    for clause in clauses:
        match = _CLAUSE.match(clause)
        if match is None:
            raise ValueError(f"not a Python version specifier: {clause!r}")
        op, text = match.group("op"), match.group("version")
        new_low: Version | None = None
        new_high: Version | None = None
        if op == ">=":
            new_low = _version(text)
        elif op == ">":
            new_low = _next(text)
        elif op == "<":
            new_high = _version(text)
        elif op == "<=":
            new_high = _next(text)
        elif op == "==":
            new_low, new_high = _version(text), _next(text)
        elif op == "~=":
            parts = text.split(".")
            if len(parts) < 2:
                raise ValueError(f"'~=' needs at least two version parts: {clause!r}")
            new_low, new_high = _version(text), _next(".".join(parts[:-1]))
        if new_low is not None and (low is None or new_low > low):
            low = new_low
        if new_high is not None and (high is None or new_high < high):
            high = new_high
    return PythonRange(low, high)


def interpreter_range(info: tuple[int, ...] | None = None) -> PythonRange:
    """The one version of the running interpreter (or of *info*) as a range."""
    major, minor, micro = (
        info or (sys.version_info.major, sys.version_info.minor, sys.version_info.micro)
    )[:3]
    return PythonRange((major, minor, micro), (major, minor, micro + 1))


_VERSION = r"(?:Python\s+)?(?P<v>3\.\d+(?:\.\d+)?)"
_LEADING: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^(?:since|from|as of|starting with)\s+{_VERSION}\b(?!\.\d)", re.I), ">="),
    (re.compile(rf"^(?:on|with|in)\s+{_VERSION}(?:\+|\s+and\s+(?:later|newer|up))", re.I), ">="),
    (re.compile(rf"^{_VERSION}(?:\+|\s+and\s+(?:later|newer))\s*[:,]", re.I), ">="),
    (re.compile(rf"^(?:before|until|prior to)\s+{_VERSION}\b(?!\.\d)", re.I), "<"),
    (re.compile(rf"^(?:up to|through)\s+{_VERSION}\b(?!\.\d)", re.I), "<="),
    (
        re.compile(rf"^(?:on|with|in)\s+{_VERSION}\s+and\s+(?:older|earlier|below)", re.I),
        "<=",
    ),
    (re.compile(rf"^(?:on|with)\s+{_VERSION}\b(?![.+\d])(?!\s+and\s)", re.I), "=="),
]
_EMPHASIS = re.compile(r"^[*_]+")


def leading_range(sentence: str) -> PythonRange | None:
    """The versions a sentence's leading clause names ("Since Python 3.12, ..."), or
    None when it does not start with one."""
    text = _EMPHASIS.sub("", sentence.lstrip())
    for pattern, op in _LEADING:
        match = pattern.match(text)
        if match:
            return parse_range(f"{op}{match.group('v')}")
    return None


# A sentence ends at . ! or ? followed by whitespace and a capital, a backtick, a
# parenthesis or emphasis; dots inside code spans and e.g./i.e. never end one.
_CODE_SPAN = re.compile(r"`+[^`]*`+")
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z`(*_\[])")
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|vs|cf)\.$", re.I)


def sentences(text: str) -> list[str]:
    """*text* (one paragraph) split into sentences, each with its own words."""
    masked = _CODE_SPAN.sub(lambda m: "X" * len(m.group()), text)
    found: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(masked):
        if _ABBREVIATION.search(masked[start : match.start()]):
            continue
        found.append(text[start : match.start()])
        start = match.end()
    found.append(text[start:])
    return [s.strip() for s in found if s.strip()]


def pick(text: str, target: PythonRange) -> str:
    """*text* without the sentences whose leading version clause cannot hold for
    *target*, and without the code blocks marked for other versions (```` ```python
    version: >=3.12 ````); a paragraph is rewritten (joined on one line) only when it
    loses a sentence."""
    out: list[str] = []
    for paragraph, is_code in _paragraphs(text):
        if is_code:
            spec = _FENCE_VERSION.search(paragraph.split("\n", 1)[0])
            if spec is None or parse_range(spec.group(1)).overlaps(target):
                out.append(paragraph)
            continue
        if paragraph.lstrip().startswith(("#", "|", "- ", "* ", ">")):
            out.append(paragraph)
            continue
        flat = " ".join(line.strip() for line in paragraph.splitlines())
        parts = sentences(flat)
        kept = [s for s in parts if (r := leading_range(s)) is None or r.overlaps(target)]
        if len(kept) == len(parts):
            out.append(paragraph)
        elif kept:
            out.append(" ".join(kept))
    return "\n\n".join(out)


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_FENCE_VERSION = re.compile(r"\bversion:\s*(\S+)\s*$")


def _paragraphs(text: str) -> list[tuple[str, bool]]:
    """Blank-line separated paragraphs of *text*, code fences kept whole: (text, is_code)."""
    found: list[tuple[str, bool]] = []
    current: list[str] = []
    fence: str | None = None
    for line in text.strip("\n").splitlines():
        match = _FENCE.match(line)
        if fence is None and match:
            if current:
                found.append(("\n".join(current), False))
            current, fence = [line], match.group(1)
            continue
        if fence is not None:
            current.append(line)
            if line.strip().startswith(fence) and line.strip().strip(fence[0]) == "":
                found.append(("\n".join(current), True))
                current, fence = [], None
            continue
        if line.strip():
            current.append(line)
        elif current:
            found.append(("\n".join(current), False))
            current = []
    if current:
        found.append(("\n".join(current), fence is not None))
    return found
