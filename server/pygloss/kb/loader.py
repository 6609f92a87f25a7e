"""Load and validate knowledge topics from Markdown files with TOML front matter.

``load_topics(dirs)`` reads every ``*.md`` file under the given directories (except
``README.md`` files), validates each one and returns the topics that are sound plus
a :class:`KbProblem` (file and line) for each that is not.  A bad topic never stops
the others from loading.

What is checked: the front matter exists and is valid TOML; required fields are
present and of the right type; no unknown fields; the id is kebab-case, unique and
matches the file name; ``python`` is a version specifier (``"<3.12"``); ``names``
are dotted (fully qualified) names and ``docs`` are http(s) URLs; construct kinds
belong to the vocabulary; ``see_also`` ids and ``rules`` codes exist; ``notes``
headings are listed in ``notes-headings.txt``.
Hover-size checks (summary, lead, examples) live in :mod:`pygloss.kb.style`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal, overload

from pygloss.kb.constructs import is_construct
from pygloss.kb.frontmatter import quick_loads
from pygloss.kb.model import KbProblem, LoadResult, Topic
from pygloss.kb.versions import parse_range

FENCE = "+++"
REQUIRED = ("id", "title", "summary")
LIST_FIELDS = ("names", "constructs", "notes", "docs", "see_also", "rules")
OPTIONAL = ("python",)
KNOWN_FIELDS = frozenset(REQUIRED + LIST_FIELDS + OPTIONAL)
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_RULE_CODE = re.compile(r"^PG\d{3}$")
_QUALIFIED = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$")
_URL = re.compile(r"^https?://\S+$")
_TOML_LINE = re.compile(r"at line (\d+)")
HEADINGS_FILE = "notes-headings.txt"


def builtin_knowledge_dir() -> Path:
    """The knowledge folder shipped with pygloss.

    In an installed wheel it sits inside the package (``pygloss/knowledge``); in a
    source checkout (editable install or ``PYTHONPATH=server``) it is the top-level
    ``knowledge/`` folder two levels above the package.
    """
    package = Path(__file__).resolve().parent.parent
    inside = package / "knowledge"
    if inside.is_dir():
        return inside
    return package.parent.parent / "knowledge"


@overload
def read_headings(path: Path) -> frozenset[str]: ...
@overload
def read_headings(path: Path, *, ordered: Literal[True]) -> list[str]: ...
def read_headings(path: Path, *, ordered: bool = False) -> frozenset[str] | list[str]:
    """The note headings listed one per line in *path* (blank lines ignored).

    A set by default; the list in file order with ``ordered=True``.  A missing or
    unreadable file gives no headings.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return [] if ordered else frozenset()
    listed = [line.strip() for line in text.splitlines() if line.strip()]
    return listed if ordered else frozenset(listed)


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Split ``+++`` TOML front matter from the body.

    Returns ``(toml_text, body, body_line)`` where *body_line* is the 1-based line
    the body starts on, or None when the text does not start with a ``+++`` block.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() == FENCE:
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), i + 2
    return None


def _problem(path: Path, line: int, message: str) -> KbProblem:
    return KbProblem(path=path, line=line, message=message)


_KEY = re.compile(r"\s*([A-Za-z0-9_-]+)\s*=")


def _field_lines(toml_text: str) -> dict[str, int]:
    """1-based file line of each top-level key in the front matter (first wins)."""
    found: dict[str, int] = {}
    for i, line in enumerate(toml_text.splitlines()):
        match = _KEY.match(line)
        if match:
            found.setdefault(match.group(1), i + 2)
    return found


def parse_topic(path: Path, text: str, area: str) -> tuple[Topic | None, list[KbProblem]]:
    """Parse one topic file's text; return the topic (or None) and its own problems.

    Checks that need other topics (duplicate ids, ``see_also``) are done by
    :func:`load_topics`.
    """
    split = split_front_matter(text)
    if split is None:
        return None, [_problem(path, 1, "missing '+++' TOML front matter block")]
    toml_text, body, body_line = split
    try:
        data: dict[str, Any] = quick_loads(toml_text) or tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) + 1 if match else 1
        return None, [_problem(path, line, f"bad TOML in front matter: {exc}")]

    field_lines = _field_lines(toml_text)

    problems: list[KbProblem] = []
    for key in sorted(set(data) - KNOWN_FIELDS):
        problems.append(_problem(path, field_lines.get(key, 2), f"unknown field {key!r}"))
    for key in REQUIRED:
        value = data.get(key)
        if value is None:
            problems.append(_problem(path, 1, f"missing required field {key!r}"))
        elif not isinstance(value, str) or not value.strip():
            line = field_lines.get(key, 2)
            problems.append(_problem(path, line, f"field {key!r} must be a non-empty string"))
    python = data.get("python", "")
    if not isinstance(python, str):
        problems.append(
            _problem(path, field_lines.get("python", 2), "field 'python' must be a string")
        )
    elif python:
        try:
            parse_range(python)
        except ValueError as exc:
            problems.append(_problem(path, field_lines.get("python", 2), f"field 'python': {exc}"))
    lists: dict[str, tuple[str, ...]] = {}
    for key in LIST_FIELDS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            line = field_lines.get(key, 2)
            problems.append(_problem(path, line, f"field {key!r} must be a list of strings"))
            value = []
        lists[key] = tuple(value)
    if problems:
        return None, problems

    topic_id = str(data["id"])
    if not _ID.match(topic_id):
        line = field_lines.get("id", 2)
        problems.append(_problem(path, line, f"id {topic_id!r} is not kebab-case"))
    elif path.stem != topic_id:
        line = field_lines.get("id", 2)
        problems.append(_problem(path, line, f"id {topic_id!r} does not match file name"))
    for kind in lists["constructs"]:
        if not is_construct(kind):
            line = field_lines.get("constructs", 2)
            problems.append(_problem(path, line, f"unknown construct kind {kind!r}"))
    for code in lists["rules"]:
        if not _RULE_CODE.match(code):
            line = field_lines.get("rules", 2)
            problems.append(_problem(path, line, f"rule code {code!r} is not like 'PG101'"))
    for name in lists["names"]:
        if not _QUALIFIED.match(name):
            line = field_lines.get("names", 2)
            message = f"name {name!r} is not fully qualified (like 'functools.wraps')"
            problems.append(_problem(path, line, message))
    for url in lists["docs"]:
        if not _URL.match(url):
            line = field_lines.get("docs", 2)
            problems.append(_problem(path, line, f"docs entry {url!r} is not an http(s) URL"))
    if problems:
        return None, problems

    topic = Topic(
        id=topic_id,
        title=str(data["title"]).strip(),
        summary=" ".join(str(data["summary"]).split()),
        area=area,
        path=path,
        body=body,
        body_line=body_line,
        field_lines=tuple(field_lines.items()),
        python=str(data.get("python", "")).strip(),
        **lists,
    )
    return topic, []


def _topic_files(directory: Path) -> Iterable[Path]:
    for path in sorted(directory.rglob("*.md")):
        if path.name.lower() != "readme.md" and path.is_file():
            yield path


def load_topics(
    dirs: Sequence[Path],
    *,
    known_rules: frozenset[str] | None = None,
    headings: frozenset[str] | None = None,
) -> LoadResult:
    """Load every topic under *dirs*; later directories may not redefine ids.

    *known_rules*: rule codes that exist (``rules`` entries must be among them).
    *headings*: the notes' headings; when None they are read from the first
    directory's ``notes-headings.txt`` if it exists (no check when it does not).
    """
    result = LoadResult()
    if headings is None and dirs and (dirs[0] / HEADINGS_FILE).is_file():
        headings = read_headings(dirs[0] / HEADINGS_FILE)
    by_id: dict[str, Topic] = {}
    for directory in dirs:
        if not directory.is_dir():
            result.problems.append(_problem(directory, 1, "knowledge directory not found"))
            continue
        for path in _topic_files(directory):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                result.problems.append(_problem(path, 1, f"cannot read topic: {exc}"))
                continue
            area = path.parent.relative_to(directory).as_posix()
            topic, problems = parse_topic(path, text, "" if area == "." else area)
            result.problems.extend(problems)
            if topic is None:
                continue
            if topic.id in by_id:
                first = by_id[topic.id].path
                result.problems.append(
                    _problem(path, 2, f"duplicate id {topic.id!r} (first defined in {first})")
                )
                continue
            by_id[topic.id] = topic

    known_ids = frozenset(by_id)  # before any removal, so one bad topic does not cascade
    for topic in list(by_id.values()):
        problems = _cross_check(topic, known_ids, known_rules, headings)
        if problems:
            result.problems.extend(problems)
            del by_id[topic.id]
    result.topics = list(by_id.values())
    return result


def _cross_check(
    topic: Topic,
    known_ids: frozenset[str],
    known_rules: frozenset[str] | None,
    headings: frozenset[str] | None,
) -> list[KbProblem]:
    problems: list[KbProblem] = []
    for ref in topic.see_also:
        if ref not in known_ids:
            line = topic.field_line("see_also")
            problems.append(_problem(topic.path, line, f"see_also points nowhere: {ref!r}"))
    if known_rules is not None:
        for code in topic.rules:
            if code not in known_rules:
                line = topic.field_line("rules")
                problems.append(_problem(topic.path, line, f"rules points nowhere: {code!r}"))
    if headings is not None:
        for heading in topic.notes:
            if heading not in headings:
                line = topic.field_line("notes")
                problems.append(
                    _problem(topic.path, line, f"notes heading not in {HEADINGS_FILE}: {heading!r}")
                )
    return problems
