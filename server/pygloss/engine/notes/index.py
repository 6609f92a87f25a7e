"""Index one notes file: each section with the names and construct kinds it shows.

:func:`index_notes` is pure (text in, :class:`NotesFile` out).  A section's *own*
evidence comes from the lines it owns before its first subsection; what its
subsections add is kept apart (``inherited``), so a broad section ("Python
Testing") is listed under everything below it but matched on its own text only —
its subsections are the more specific answer.

Evidence is a count per origin: ``code`` (a python/py/untagged code block),
``inline`` (inline code), ``heading`` (a dotted name in the heading) and ``marker``
(``<!-- pygloss: name, kind -->``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from pygloss.engine.notes.markdown import CodeBlock, Document, RawSection, parse_markdown
from pygloss.engine.notes.names import (
    base_imports,
    code_names,
    fragment_names,
    inline_names,
    learned_bindings,
    marker_name,
    strip_prompts,
    text_names,
)
from pygloss.kb.constructs import is_construct
from pygloss.syntax.names import ImportMap
from pygloss.syntax.source import Source

PYTHON_LANGS = frozenset({"", "python", "py", "python3", "py3", "pycon", "ipython"})
ORIGINS = ("heading", "marker", "code", "inline")
Key = tuple[str, str]  # ("name", "asyncio.gather") or ("kind", "await")
Evidence = Mapping[Key, Mapping[str, int]]  # key -> origin -> count
KindsOf = Callable[[Source, ImportMap], Mapping[str, int]]


@dataclass(frozen=True)
class Section:
    """One heading of a notes file and what it is indexed under."""

    path: str
    index: int  # position in the file's sections
    line: int  # 1-based line of the heading
    level: int
    heading: str
    end: int  # last line it owns (subsections included)
    parent: int | None
    own: Evidence
    inherited: frozenset[Key]
    excerpt: tuple[str, ...]

    @property
    def length(self) -> int:
        return self.end - self.line + 1


@dataclass(frozen=True)
class NotesFile:
    path: str
    sections: tuple[Section, ...]
    warnings: tuple[str, ...] = ()
    by_key: Mapping[Key, tuple[int, ...]] = field(default_factory=dict)

    def ancestors(self, index: int) -> list[int]:
        found: list[int] = []
        parent = self.sections[index].parent
        while parent is not None:
            found.append(parent)
            parent = self.sections[parent].parent
        return found


class _Collector:
    """Evidence per section, filed under the innermost section holding each line."""

    def __init__(self, sections: list[RawSection], line_count: int) -> None:
        self.owner = [-1] * (line_count + 2)
        for index, section in enumerate(sections):
            own_end = min([sections[c].line - 1 for c in section.children] or [section.end])
            for line in range(section.line, own_end + 1):
                self.owner[line] = index
        self.evidence: list[dict[Key, Counter[str]]] = [{} for _ in sections]

    def add(self, line: int, key: Key, origin: str, count: int = 1) -> None:
        index = self.owner[line] if 0 <= line < len(self.owner) else -1
        if index >= 0 and count > 0:
            self.evidence[index].setdefault(key, Counter())[origin] += count


def index_notes(text: str, path: str, kinds_of: KindsOf | None = None) -> NotesFile:
    """Sections of *text* with their evidence; *kinds_of* finds construct kinds in code."""
    doc = parse_markdown(text)
    warnings: list[str] = []
    if doc.unterminated is not None:
        warnings.append(
            f"{path}:{doc.unterminated}: code fence is never closed; it runs to the end of the file"
        )
    collector = _Collector(doc.sections, len(doc.lines))
    blocks = [b for b in doc.blocks if b.lang in PYTHON_LANGS]
    sources = [Source(strip_prompts(b.code), path) for b in blocks]
    learned: dict[str, str] = {}
    for source in sources:
        if source.parse.complete:
            learned.update(learned_bindings(source.parse.module))
    base = base_imports(learned)
    broken = _index_code(collector, blocks, sources, base, kinds_of)
    if broken:
        where = ", ".join(str(line) for line in broken[:5]) + (" ..." if len(broken) > 5 else "")
        warnings.append(
            f"{path}: {len(broken)} python code block(s) do not parse (line {where}); "
            "indexed by the dotted names they contain"
        )
    _index_text(collector, doc, base, path, warnings)
    return _build(doc, path, collector, warnings)


def _index_code(
    collector: _Collector,
    blocks: list[CodeBlock],
    sources: list[Source],
    base: ImportMap,
    kinds_of: KindsOf | None,
) -> list[int]:
    broken: list[int] = []
    for block, source in zip(blocks, sources, strict=True):
        if not source.text.strip():
            continue
        parse = source.parse
        if parse.complete:
            names = code_names(parse.statements, base)
        else:
            # an untagged block that does not parse is usually not Python at all
            if block.lang:
                broken.append(block.line)
            names = fragment_names(source.text, base)
        for name, count in names.items():
            collector.add(block.line, ("name", name), "code", count)
        if kinds_of is not None and (parse.complete or block.lang):
            imports = ImportMap(base.bindings)
            imports.add_statements(parse.statements)
            for kind, count in kinds_of(source, imports).items():
                collector.add(block.line, ("kind", kind), "code", count)
    return broken


def _index_text(
    collector: _Collector, doc: Document, base: ImportMap, path: str, warnings: list[str]
) -> None:
    heading_lines = {s.line for s in doc.sections}
    for section in doc.sections:
        for name in text_names(section.heading, base):
            collector.add(section.line, ("name", name), "heading")
    for span in doc.inline:
        if span.line not in heading_lines:
            for name in inline_names(span.text, base):
                collector.add(span.line, ("name", name), "inline")
    for span in doc.markers:
        for entry in (e.strip() for e in span.text.split(",")):
            if not entry:
                continue
            if is_construct(entry):
                collector.add(span.line, ("kind", entry), "marker")
            elif (marked := marker_name(entry, base)) is not None:
                collector.add(span.line, ("name", marked), "marker")
            else:
                warnings.append(
                    f"{path}:{span.line}: pygloss marker entry {entry!r} is neither a "
                    "construct kind nor a dotted name; ignored"
                )


def _build(doc: Document, path: str, collector: _Collector, warnings: list[str]) -> NotesFile:
    raw = doc.sections
    inherited: list[set[Key]] = [set() for _ in raw]
    for index in range(len(raw) - 1, -1, -1):  # children come after their parent
        parent = raw[index].parent
        if parent is not None:
            inherited[parent] |= inherited[index] | set(collector.evidence[index])
    sections: list[Section] = []
    by_key: dict[Key, list[int]] = {}
    for index, section in enumerate(raw):
        own = {
            key: {o: origins[o] for o in ORIGINS if origins.get(o)}
            for key, origins in collector.evidence[index].items()
        }
        for key in own:
            by_key.setdefault(key, []).append(index)
        sections.append(
            Section(
                path=path,
                index=index,
                line=section.line,
                level=section.level,
                heading=section.heading,
                end=section.end,
                parent=section.parent,
                own=own,
                inherited=frozenset(inherited[index] - set(own)),
                excerpt=excerpt(doc.lines, section, raw),
            )
        )
    keys = {key: tuple(indexes) for key, indexes in by_key.items()}
    return NotesFile(path, tuple(sections), tuple(warnings), keys)


def excerpt(
    lines: list[str], section: RawSection, sections: list[RawSection], limit: int = 4
) -> tuple[str, ...]:
    """The first lines of a section's own text, at most *limit* lines of content:
    its first paragraphs, and the start of a code block (fenced again, without its
    imports and blank lines) when the section has less than two lines of prose
    before it."""
    own_end = min([sections[c].line - 1 for c in section.children] or [section.end])
    out: list[str] = []
    content = 0
    fence: str | None = None
    for line in lines[section.body - 1 : own_end]:
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence):
                break
            if not stripped or _IMPORT.match(stripped):  # boilerplate, not the point
                continue
            out.append(_clip(line.rstrip()))
            content += 1
            if content >= limit:
                break
            continue
        if stripped.startswith(("```", "~~~")):
            if content >= 2:
                break
            fence = stripped[:3]
            info = stripped.lstrip("`~").split()
            out.append("```" + (info[0] if info else ""))
            continue
        if not stripped:
            if content >= 2:
                break
            continue
        if stripped.startswith("<!--") or _is_setext_line(stripped) or _TOC_LINE.match(stripped):
            continue
        out.append(_clip(stripped))
        content += 1
        if content >= limit:
            break
    if fence is not None:
        if out and out[-1].startswith("```"):  # the block held nothing but imports
            out.pop()
        else:
            out.append("```")
    return tuple(out)


_IMPORT = re.compile(r"^(?:import\s|from\s+\S+\s+import\s)")
_TOC_LINE = re.compile(r"^(?:[-*+]|\d+[.)])?\s*\[[^\]]*\]\(#[^)]*\)\s*$")


def _is_setext_line(stripped: str) -> bool:
    return bool(stripped) and set(stripped) <= {"=", "-"}


def _clip(line: str, width: int = 160) -> str:
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"
