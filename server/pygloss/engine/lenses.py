"""Code lenses: "Explain" above definitions whose behaviour is generated or hidden.

Three kinds of definition get a lens:

- a class with ``metaclass=``;
- a dataclass-like class: decorated with ``@dataclass`` (or attrs / pydantic
  dataclasses), or derived from ``BaseModel``, ``NamedTuple``, ``TypedDict`` ...;
- a function or class with two or more decorators (a decorator stack).

A lens is offered only where the knowledge base explains what it is about — the
construct (``metaclass-keyword``, ``decorator-stack``) or the fully qualified
decorator or base class — and sits at the ``offset`` where the hover explains
that thing, so clicking it (``pygloss.explain`` at that offset) always shows it.
The check is a few dictionary lookups per definition: lenses never run the hover
pipeline (whose name resolution walks the file) once per candidate.  Offsets are
code points.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from pygloss.kb.index import KnowledgeBase
from pygloss.kb.model import Topic
from pygloss.syntax.names import ImportMap, qualify
from pygloss.syntax.source import Source

DATACLASS_DECORATORS = frozenset(
    {
        "dataclasses.dataclass",
        "pydantic.dataclasses.dataclass",
        "attr.s",
        "attr.attrs",
        "attr.define",
        "attr.frozen",
        "attr.mutable",
        "attrs.define",
        "attrs.frozen",
        "attrs.mutable",
    }
)
DATACLASS_BASES = frozenset(
    {
        "pydantic.BaseModel",
        "pydantic_settings.BaseSettings",
        "typing.NamedTuple",
        "typing.TypedDict",
        "typing_extensions.NamedTuple",
        "typing_extensions.TypedDict",
        "msgspec.Struct",
    }
)

Definition = ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class Lens:
    """A lens shown above the definition starting at *start*; explains at *offset*."""

    start: int
    offset: int
    title: str
    topics: tuple[str, ...]


def code_lenses(
    source: Source, kb: KnowledgeBase, mute: frozenset[str] = frozenset()
) -> list[Lens]:
    """Lenses for *source*, in document order (topics in *mute* do not count)."""
    imports = ImportMap.from_statements(source.statements)
    lenses: list[Lens] = []
    for node in source.walk():
        if not isinstance(node, Definition):
            continue
        start = _line_start(
            source, source.span(node.decorator_list[0] if node.decorator_list else node)[0]
        )
        for title, offset, topics in _candidates(source, node, imports, kb):
            shown = tuple(t.id for t in topics if t.id not in mute)
            if shown:
                lenses.append(Lens(start, offset, title, shown))
    return lenses


def _candidates(
    source: Source, node: Definition, imports: ImportMap, kb: KnowledgeBase
) -> Iterator[tuple[str, int, list[Topic]]]:
    """``(title, offset, topics)`` for each reason *node* may deserve a lens."""
    if isinstance(node, ast.ClassDef):
        for keyword in node.keywords:
            if keyword.arg == "metaclass":
                title = f"Explain metaclass={source.segment(keyword.value)}"
                yield title, source.span(keyword)[0], kb.for_construct("metaclass-keyword")
        for decorator in node.decorator_list:
            func = decorator.func if isinstance(decorator, ast.Call) else decorator
            name = qualify(func, imports)
            if name in DATACLASS_DECORATORS:
                title = f"Explain @{source.segment(func)}"
                yield title, _name_offset(source, func), kb.for_name(name)
        for base in node.bases:
            name = qualify(base, imports)
            if name in DATACLASS_BASES:
                title = f"Explain {source.segment(base)} class"
                yield title, _name_offset(source, base), kb.for_name(name)
    if len(node.decorator_list) >= 2:
        at = _at_sign(source, source.span(node.decorator_list[0])[0])
        if at is not None:
            title = f"Explain {len(node.decorator_list)} stacked decorators"
            yield title, at, kb.for_construct("decorator-stack")


def _line_start(source: Source, offset: int) -> int:
    """The first non-blank character of *offset*'s line (where a lens is anchored)."""
    line = source.line_of(offset)
    text = source.line_text(line)
    return source.line_starts[line] + len(text) - len(text.lstrip())


def _name_offset(source: Source, node: ast.expr) -> int:
    """Where the last part of a (dotted) name starts: ``dataclass`` in ``dataclasses.dataclass``."""
    start, end = source.span(node)
    if isinstance(node, ast.Attribute):
        return end - len(node.attr)
    return start


def _at_sign(source: Source, expression_start: int) -> int | None:
    """The offset of the ``@`` before a decorator expression, if it is on that line."""
    line_start = source.line_starts[source.line_of(expression_start)]
    before = source.text[line_start:expression_start].rstrip()
    return line_start + len(before) - 1 if before.endswith("@") else None
