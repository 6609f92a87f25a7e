"""Index one notes file: each section with what it names and what its text uses.

:func:`index_notes` is pure (text in, :class:`NotesFile` out).  For each section:

* its heading's **terms** (:mod:`.words`): the words, construct kinds, modules,
  types, dunders and files it names — compared with what is under the cursor by
  :mod:`.match`;
* its **evidence**: the keys its *own* text uses (the lines before its first
  subsection), each counted per origin — ``code`` (a python/py/untagged code block),
  ``inline`` (inline code and list labels), ``heading`` (a dotted name, dunder or
  file name written in the heading) and ``marker`` (``<!-- pygloss: name, kind -->``)
  — with the line of its first use, for the excerpt.  What subsections add is kept
  apart (``inherited``): a broad section ("Python Testing") is listed under
  everything below it but matched on its own text only.

Unqualified names are resolved against the section's :class:`~.context.Context`:
the modules and types its heading and its ancestors' headings name (and the file's
front matter title).  Keys are ``("name", qualified)``, ``("kind", kind)``,
``("dunder", "__new__")``, ``("fixture", "tmp_path")`` and ``("file", "__init__.py")``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from pygloss.engine.notes.context import Context, fill_placeholders, heading_types
from pygloss.engine.notes.excerpt import heading_excerpt
from pygloss.engine.notes.markdown import CodeBlock, Document, RawSection, parse_markdown
from pygloss.engine.notes.names import (
    STDLIB,
    WELL_KNOWN,
    base_imports,
    fragment_uses,
    inline_uses,
    learned_bindings,
    marker_name,
    strip_prompts,
    text_names,
)
from pygloss.engine.notes.usage import PYTEST_FIXTURES, Uses, code_uses
from pygloss.engine.notes.words import Terms, read_heading
from pygloss.kb.constructs import is_construct
from pygloss.syntax.names import ImportMap
from pygloss.syntax.source import Source

PYTHON_LANGS = frozenset({"", "python", "py", "python3", "py3", "pycon", "ipython"})
ORIGINS = ("heading", "marker", "code", "inline")
KNOWN_MODULES = STDLIB | WELL_KNOWN
Key = tuple[str, str]  # ("name", "asyncio.gather"), ("kind", "await"), ("dunder", "__new__")
Evidence = Mapping[Key, Mapping[str, int]]  # key -> origin -> count
KindsOf = Callable[[Source, ImportMap], Mapping[str, int]]
_K = TypeVar("_K")


@dataclass(frozen=True)
class Section:
    """One heading of a notes file, what it names and what its own text uses."""

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
    terms: Terms = field(default_factory=Terms)
    first: Mapping[Key, int] = field(default_factory=dict)  # key -> line of its first use
    guessed: frozenset[Key] = frozenset()  # names qualified by guessing the module
    body: int = 0  # first line after the heading
    own_end: int = 0  # last line of its own text
    trail: tuple[str, ...] = ()  # the headings above it, outermost first (no file title)

    @property
    def length(self) -> int:
        return self.end - self.line + 1


@dataclass(frozen=True)
class NotesFile:
    path: str
    sections: tuple[Section, ...]
    warnings: tuple[str, ...] = ()
    by_key: Mapping[Key, tuple[int, ...]] = field(default_factory=dict)
    by_word: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # heading words
    by_kind: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # kinds headings name
    by_loose: Mapping[tuple[str, str], tuple[int, ...]] = field(default_factory=dict)
    lines: tuple[str, ...] = ()
    title: Terms = field(default_factory=Terms)  # the front matter's title
    title_section: int | None = None  # a lone level-1 heading over the whole file

    def ancestors(self, index: int) -> list[int]:
        found: list[int] = []
        parent = self.sections[index].parent
        while parent is not None:
            found.append(parent)
            parent = self.sections[parent].parent
        return found

    def chain(self, index: int) -> list[Terms]:
        """The terms of a section's heading, its ancestors' and the file title's."""
        return [self.sections[i].terms for i in (index, *self.ancestors(index))] + [self.title]


def loose_key(name: str) -> tuple[str, str] | None:
    """``(top package, last component)`` of a name outside the builtins."""
    top, _, rest = name.partition(".")
    if not rest or top == "builtins":
        return None
    return top, name.rsplit(".", 1)[-1]


class _Collector:
    """Evidence per section, filed under the innermost section holding each line."""

    def __init__(self, sections: list[RawSection], line_count: int) -> None:
        self.owner = [-1] * (line_count + 2)
        for index, section in enumerate(sections):
            own_end = min([sections[c].line - 1 for c in section.children] or [section.end])
            for line in range(section.line, own_end + 1):
                self.owner[line] = index
        self.evidence: list[dict[Key, Counter[str]]] = [{} for _ in sections]
        self.first: list[dict[Key, int]] = [{} for _ in sections]
        self.guessed: list[set[Key]] = [set() for _ in sections]

    def section_of(self, line: int) -> int:
        return self.owner[line] if 0 <= line < len(self.owner) else -1

    def add(self, line: int, key: Key, origin: str, count: int = 1, guessed: bool = False) -> None:
        index = self.section_of(line)
        if index < 0 or count <= 0:
            return
        self.evidence[index].setdefault(key, Counter())[origin] += count
        if origin != "heading":
            first = self.first[index]
            first[key] = min(first.get(key, line), line)
        if guessed:
            self.guessed[index].add(key)

    def add_uses(self, uses: Uses, origin: str) -> None:
        for key, count in uses.counts.items():
            self.add(uses.lines[key], key, origin, count, key in uses.guessed)


def index_notes(text: str, path: str, kinds_of: KindsOf | None = None) -> NotesFile:
    """Sections of *text* with their terms and evidence; *kinds_of* finds construct
    kinds in code."""
    doc = parse_markdown(text)
    warnings: list[str] = []
    if doc.unterminated is not None:
        warnings.append(
            f"{path}:{doc.unterminated}: code fence is never closed; it runs to the end of the file"
        )
    collector = _Collector(doc.sections, len(doc.lines))
    blocks = [b for b in doc.blocks if b.lang in PYTHON_LANGS]
    prepared = [strip_prompts(fill_placeholders(b.code)) for b in blocks]
    sources = [Source(code, path) for code, _ in prepared]
    learned: dict[str, str] = {}
    for source in sources:
        if source.parse.complete:
            learned.update(learned_bindings(source.parse.module))
    base = base_imports(learned)
    terms = [read_heading(s.heading, KNOWN_MODULES) for s in doc.sections]
    title = read_heading(doc.title, KNOWN_MODULES) if doc.title else Terms()
    imported = {target.split(".")[0] for target in learned.values()}
    contexts = _contexts(doc.sections, terms, title, imported)
    code = _Code(collector, base, contexts, kinds_of)
    broken: list[int] = []
    for block, (_, kept), source in zip(blocks, prepared, sources, strict=True):
        if not code.index(block, source, kept):
            broken.append(block.line)
    if broken:
        where = ", ".join(str(line) for line in broken[:5]) + (" ..." if len(broken) > 5 else "")
        warnings.append(
            f"{path}: {len(broken)} python code block(s) do not parse (line {where}); "
            "indexed by the dotted names they contain"
        )
    _index_text(collector, doc, terms, contexts, base, path, warnings)
    return _build(doc, path, collector, terms, title, warnings)


def _contexts(
    sections: list[RawSection], terms: list[Terms], title: Terms, imported: set[str]
) -> list[Context]:
    """Each section's context: what its heading, its ancestors' and the title name."""
    contexts: list[Context] = []
    for index, section in enumerate(sections):
        chain = [terms[index]]
        parent = section.parent
        while parent is not None:
            chain.append(terms[parent])
            parent = sections[parent].parent
        chain.append(title)
        modules = [m for t in chain for m in (*t.modules, *sorted(t.context))]
        # guesses go to packages the headings name, or that the title spells out
        strong = [m for t in chain[:-1] for m, is_strong in t.modules.items() if is_strong]
        strong += [m for m in title.modules if m in title.written]
        words = [w for t in chain for w in t.exact if w in t.words]
        # a type named in an everyday word ("Set" may be a verb) comes after the others,
        # and the section's own such word after its ancestors'
        named = [(ty, t.types[ty], level) for level, t in enumerate(chain) for ty in t.types]
        named.sort(key=lambda item: (not item[1], item[1] or item[2] == 0))
        types = heading_types([ty for ty, _, _ in named], words, modules)
        contexts.append(Context.build(modules, types, imported, strong))
    return contexts


class _Code:
    """Indexes code blocks: names (with their section's context) and kinds."""

    def __init__(
        self,
        collector: _Collector,
        base: ImportMap,
        contexts: list[Context],
        kinds_of: KindsOf | None,
    ) -> None:
        self.collector = collector
        self.base = base
        self.contexts = contexts
        self.kinds_of = kinds_of

    def index(self, block: CodeBlock, source: Source, kept: list[int]) -> bool:
        """Index one block; False when it is a tagged python block that does not parse."""
        if not source.text.strip():
            return True
        section = self.collector.section_of(block.line)
        context = self.contexts[section] if section >= 0 else Context()
        parse = source.parse
        if parse.complete:
            uses = code_uses(parse.statements, self.base, context)
        else:
            uses = fragment_uses(source.text, self.base, context)
        for key, line in uses.lines.items():  # block lines -> notes lines
            uses.lines[key] = block.first_line + (kept[line - 1] if 0 < line <= len(kept) else 0)
        self.collector.add_uses(uses, "code")
        # an untagged block that does not parse is usually not Python at all
        if self.kinds_of is not None and (parse.complete or block.lang):
            imports = ImportMap(self.base.bindings)
            imports.add_statements(parse.statements)
            for kind, count in self.kinds_of(source, imports).items():
                self.collector.add(block.line, ("kind", kind), "code", count)
        return parse.complete or not block.lang


def _index_text(
    collector: _Collector,
    doc: Document,
    terms: list[Terms],
    contexts: list[Context],
    base: ImportMap,
    path: str,
    warnings: list[str],
) -> None:
    heading_lines = {s.line for s in doc.sections}
    for index, section in enumerate(doc.sections):
        context = contexts[index]
        named = dict(text_names(section.heading, base, context=context))
        for code in terms[index].code:
            for name, guessed in text_names(code, base, single=True, context=context):
                named.setdefault(name, guessed)
        for name, guessed in named.items():
            collector.add(section.line, ("name", name), "heading", guessed=guessed)
        for dunder in terms[index].dunders:
            collector.add(section.line, ("dunder", dunder), "heading")
        for file in terms[index].files:
            collector.add(section.line, ("file", file), "heading")
    for span in [*doc.inline, *doc.labels]:
        if span.line in heading_lines:
            continue
        owner = collector.section_of(span.line)
        context = contexts[owner] if owner >= 0 else Context()
        _index_inline(collector, span.text, span.line, base, context)
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


def _index_inline(
    collector: _Collector, text: str, line: int, base: ImportMap, context: Context
) -> None:
    """One inline code span (or list label): names, dunders, file names, fixtures."""
    stripped = text.strip().removesuffix("()")
    if stripped.startswith("__") and stripped.endswith("__") and stripped.isidentifier():
        collector.add(line, ("dunder", stripped), "inline")
        return
    if stripped in ("__init__.py", "__main__.py"):
        collector.add(line, ("file", stripped), "inline")
        return
    if _DISTRIBUTION.match(stripped):
        return  # `pytest-mock`: a package to install, not `pytest - mock`
    if _STARS.match(stripped):  # `*args, **kwargs`: the constructs, written as code
        for star in re.findall(r"\*+", stripped):
            collector.add(line, ("kind", "star-kwargs" if star == "**" else "star-args"), "inline")
        return
    if stripped in PYTEST_FIXTURES and "pytest" in context.packages:
        collector.add(line, ("fixture", stripped), "inline")
    keyword = _KEYWORD.match(text.strip())
    if (
        keyword is not None and context.modules
    ):  # `echo=True`: an argument of the modules' functions
        for module in context.modules:
            guessed = f"{module}.{keyword.group(1)}"
            collector.add(line, ("name", guessed), "inline", guessed=True)
        return
    collector.add_uses(inline_uses(fill_placeholders(text), base, context, line), "inline")


_STARS = re.compile(r"^\*{1,2}[A-Za-z_]\w*(?:\s*,\s*\*{1,2}[A-Za-z_]\w*)*$")
_DISTRIBUTION = re.compile(r"^[A-Za-z][\w.]*(?:-[A-Za-z][\w.]*)+$")
_KEYWORD = re.compile(r"^([A-Za-z_]\w*)=(?!=)[\w.'\"\[\]{}()-]+$")  # echo=True, no spaces


def _build(
    doc: Document,
    path: str,
    collector: _Collector,
    terms: list[Terms],
    title: Terms,
    warnings: list[str],
) -> NotesFile:
    raw = doc.sections
    inherited: list[set[Key]] = [set() for _ in raw]
    for index in range(len(raw) - 1, -1, -1):  # children come after their parent
        parent = raw[index].parent
        if parent is not None:
            own_keys = {k for k in collector.evidence[index] if k[0] != "bare"}
            inherited[parent] |= inherited[index] | own_keys
    sections: list[Section] = []
    by_key: dict[Key, list[int]] = {}
    by_word: dict[str, list[int]] = {}
    by_kind: dict[str, list[int]] = {}
    by_loose: dict[tuple[str, str], list[int]] = {}
    tops = [s for s in raw if s.parent is None]
    # a lone level-1 heading over the whole file is its title, not part of a trail
    title_index = raw.index(tops[0]) if len(tops) == 1 and tops[0].level == 1 else None
    for index, section in enumerate(raw):
        own = {
            key: {o: origins[o] for o in ORIGINS if origins.get(o)}
            for key, origins in collector.evidence[index].items()
        }
        for key in own:
            by_key.setdefault(key, []).append(index)
            if key[0] == "name" and (loose := loose_key(key[1])) is not None:
                by_loose.setdefault(loose, []).append(index)
        for word in terms[index].words:
            by_word.setdefault(word, []).append(index)
        for kind in terms[index].kinds:
            by_kind.setdefault(kind, []).append(index)
        for topic in terms[index].topics:
            by_kind.setdefault("topic:" + topic, []).append(index)
        own_end = min([raw[c].line - 1 for c in section.children] or [section.end])
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
                excerpt=heading_excerpt(doc.lines, section.body, own_end),
                terms=terms[index],
                first=dict(collector.first[index]),
                guessed=frozenset(collector.guessed[index]),
                body=section.body,
                own_end=own_end,
                trail=_trail(raw, index, title_index),
            )
        )
    return NotesFile(
        path,
        tuple(sections),
        tuple(warnings),
        _frozen(by_key),
        _frozen(by_word),
        _frozen(by_kind),
        _frozen(by_loose),
        tuple(doc.lines),
        title,
        title_index,
    )


def _trail(raw: list[RawSection], index: int, title: int | None) -> tuple[str, ...]:
    found: list[str] = []
    parent = raw[index].parent
    while parent is not None and parent != title:
        found.append(raw[parent].heading)
        parent = raw[parent].parent
    return tuple(reversed(found))


def _frozen(index: dict[_K, list[int]]) -> dict[_K, tuple[int, ...]]:
    return {key: tuple(dict.fromkeys(values)) for key, values in index.items()}
