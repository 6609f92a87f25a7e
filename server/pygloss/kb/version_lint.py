"""Version-sensitive statements must say which Python they hold for (``kb check``).

pygloss supports Python :data:`OLDEST` and later, and a topic is read by people on
any of those versions, so a statement that is true only on some of them must say
which.  Two checks, on the title, summary and prose of the body (code blocks and
code spans are not prose):

- **a newer version needs its What's New**: a sentence naming Python 3.N newer than
  :data:`OLDEST` ("since 3.12", "3.13+") is in a topic that links What's New in
  3.N (``docs.python.org/3/whatsnew/3.N.html``, or the changelog for a bug-fix
  release), so a reader can check the claim;
- **version-sensitive wording names a version**: a sentence with wording whose
  truth changed between versions (:data:`SENSITIVE`: "deprecated", "no longer",
  annotations being evaluated, mock's silent non-assertions, ``wraps=`` with
  autospec, ...) names the version it is about.

A topic with a ``python`` front-matter field states its range once, for all of its
sentences, and is exempt.
"""

from __future__ import annotations

import re

from pygloss.kb.model import KbProblem, Topic
from pygloss.kb.versions import _paragraphs, sentences

OLDEST = (3, 11)
"""The oldest Python pygloss supports (``requires-python`` in ``pyproject.toml``)."""

SENSITIVE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (why, re.compile(pattern, re.I | re.S))
    for why, pattern in [
        ("deprecations happen in a version", r"\bdeprecated\b"),
        (
            "'no longer' changed in a version",
            r"\bno longer (?:works|supported|exists|available|holds|accepted|allowed)\b",
        ),
        ("removals happen in a version", r"\b(?:was|were|been|got) removed\b|\bremoved in\b"),
        ("'now' means since some version", r"\bnow (?:raises|warns|returns|fails|works)\b"),
        ("annotation evaluation changed in 3.14 (PEP 649)", r"\bannotations?\b.*\bevaluat"),
        (
            "mock's unknown assertions raise AttributeError since 3.12",
            r"\b(?:called_once_with|called_with|has_calls|not_called|any_call)\b"
            r".*\b(?:checks nothing|asserts nothing|without error|silently|passes)\b",
        ),
        (
            "wraps= with autospec forwards since 3.12.3",
            r"\bwraps=.*\bautospec|\bautospec.*\bwraps=",
        ),
        ("get_event_loop() changed in 3.12 and 3.14", r"\bget_event_loop\b"),
        ("free-threaded builds exist since 3.13", r"\bfree-threaded\b"),
        ("GIL changes since 3.12 (PEP 684, PEP 703)", r"\bPEP (?:684|703)\b"),
        ("type parameter syntax is new in 3.12/3.13", r"\bPEP (?:695|696)\b"),
        ("f-string grammar changed in 3.12", r"\bPEP 701\b"),
        ("lazy annotations are new in 3.14", r"\bPEP (?:649|749)\b"),
    ]
)

_VERSION_MENTION = re.compile(r"(?<![\w.])(?:Python\s+)?3\.(\d+)(?:\.\d+)?(?![\w])", re.I)
# Python's own (3.12, Python 2) or a library's (SQLAlchemy 2.0, pydantic v1)
_ANY_VERSION = re.compile(r"(?<![\w.])(?:\d+\.\d+|v\d+|Python 2)\b", re.I)
_CODE_SPAN = re.compile(r"`+[^`]*`+")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+")
_WHATSNEW = re.compile(r"docs\.python\.org/3(?:\.\d+)?/whatsnew/(3\.\d+|changelog)\.html")


def _prose(topic: Topic) -> list[tuple[int, str]]:
    """``(file line, sentence)`` for the title, the summary and the body's prose."""
    found = [(topic.field_line("title"), topic.title)]
    found += [(topic.field_line("summary"), s) for s in sentences(topic.summary)]
    offset = 0
    body = topic.body.strip("\n")
    lead = len(topic.body) - len(topic.body.lstrip("\n"))
    for paragraph, is_code in _paragraphs(body):
        at = body.find(paragraph, offset)
        offset = at + len(paragraph)
        if is_code or paragraph.lstrip().startswith("#"):
            continue
        line = topic.body_line + lead + body.count("\n", 0, at)
        text = _LINK_TARGET.sub("]", paragraph)
        flat = " ".join(part.strip() for part in text.splitlines())
        found += [(line, s) for s in sentences(flat)]
    return found


def linked_whatsnew(topic: Topic) -> frozenset[str]:
    """The What's New pages a topic links (``"3.12"``, ``"changelog"``)."""
    text = " ".join(topic.docs) + " " + topic.body
    return frozenset(m.group(1) for m in _WHATSNEW.finditer(text))


def version_problems(topic: Topic) -> list[KbProblem]:
    """Statements of *topic* that depend on the Python version without saying so."""
    if topic.python:
        return []
    problems: list[KbProblem] = []
    linked = linked_whatsnew(topic)
    for line, sentence in _prose(topic):
        prose = _CODE_SPAN.sub("`code`", sentence)
        mentioned = {int(m.group(1)) for m in _VERSION_MENTION.finditer(prose)}
        newer = sorted(mentioned - set(range(OLDEST[1] + 1)))
        for minor in newer:
            if f"3.{minor}" not in linked and "changelog" not in linked:
                message = (
                    f"mentions Python 3.{minor} but links no What's New "
                    f"(https://docs.python.org/3/whatsnew/3.{minor}.html): {_short(sentence)}"
                )
                problems.append(KbProblem(topic.path, line, message))
        if _ANY_VERSION.search(prose):
            continue
        for why, pattern in SENSITIVE:
            if pattern.search(sentence):
                message = f"version-sensitive wording names no version ({why}): {_short(sentence)}"
                problems.append(KbProblem(topic.path, line, message))
                break
    return problems


def _short(sentence: str, width: int = 90) -> str:
    return sentence if len(sentence) <= width else sentence[: width - 1] + "…"
