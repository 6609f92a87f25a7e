"""Data model of the knowledge base: a topic and a loader problem.

A topic is one Markdown file under ``knowledge/<area>/<id>.md``: a TOML front-matter
block between ``+++`` lines, then a Markdown body.  Line numbers are 1-based.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from pygloss.kb.versions import PythonRange, parse_range, pick

_SECTION = re.compile(r"^## +(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Topic:
    """One knowledge topic, validated by :mod:`pygloss.kb.loader`."""

    id: str
    title: str
    summary: str
    area: str
    path: Path
    body: str = ""
    body_line: int = 1
    names: tuple[str, ...] = ()
    constructs: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    docs: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    python: str = ""
    """The Python versions the topic's statements hold on (``"<3.12"``); empty: all."""
    field_lines: tuple[tuple[str, int], ...] = field(default=(), compare=False, repr=False)
    """``(field, file line)`` for each front-matter field, for error messages."""

    def field_line(self, key: str) -> int:
        """The 1-based file line of front-matter field *key* (2 when unknown)."""
        return dict(self.field_lines).get(key, 2)

    def fits(self, target: PythonRange) -> bool:
        """True when the topic can hold for a project whose Python is *target*."""
        return not self.python or parse_range(self.python).overlaps(target)

    def for_python(self, target: PythonRange) -> Topic:
        """This topic without the sentences whose leading version clause ("Since
        Python 3.12, ...") cannot hold for *target* (see :func:`~pygloss.kb.versions.pick`)."""
        return _for_python(self, target)

    @property
    def uri(self) -> str:
        """A ``file://`` URI of the topic file (what "Learn more" opens)."""
        return self.path.resolve().as_uri()

    @property
    def page(self) -> str:
        """The topic's page in the rendered site, relative to the site's root
        (``rules/pg101-mutable-default.html``; :mod:`pygloss.pages` builds it)."""
        return f"{self.area}/{self.id}.html" if self.area else f"{self.id}.html"

    def link(self, pages: str = "") -> str:
        """The topic's page under the site at *pages* (a base URL ending in ``/``), or
        its file when there is no site."""
        return f"{pages}{self.page}" if pages else self.uri

    @property
    def lead(self) -> str:
        """The body before the first ``##`` heading: the short explanation."""
        match = _SECTION.search(self.body)
        return (self.body[: match.start()] if match else self.body).strip()

    def section(self, heading: str) -> str | None:
        """The text of the ``## heading`` section, or None when it is absent."""
        sections = self.sections()
        return sections.get(heading)

    def sections(self) -> dict[str, str]:
        """All ``##`` sections of the body, in order, heading -> text."""
        found: dict[str, str] = {}
        matches = list(_SECTION.finditer(self.body))
        for i, match in enumerate(matches):
            end = matches[i + 1].start() if i + 1 < len(matches) else len(self.body)
            found[match.group(1)] = self.body[match.end() : end].strip()
        return found

    def markdown(self) -> str:
        """The whole topic as Markdown: title, summary and body."""
        return f"# {self.title}\n\n{self.summary}\n\n{self.body.strip()}\n"


@functools.lru_cache(maxsize=1024)
def _for_python(topic: Topic, target: PythonRange) -> Topic:
    if not _MAY_PICK.search(topic.summary) and not _MAY_PICK.search(topic.body):
        return topic  # no sentence can start with a version clause
    summary, body = pick(topic.summary, target), pick(topic.body, target)
    if summary == topic.summary and body.strip() == topic.body.strip():
        return topic
    return replace(topic, summary=summary, body=body + "\n")


_MAY_PICK = re.compile(r"\b3\.\d")


@dataclass(frozen=True)
class KbProblem:
    """A reason a topic file was rejected, pointing at its file and line."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class LoadResult:
    """Topics that loaded, and problems with the ones that did not."""

    topics: list[Topic] = field(default_factory=list)
    problems: list[KbProblem] = field(default_factory=list)
