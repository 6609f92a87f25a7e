"""Code lenses: "Explain" above definitions whose behaviour is generated or hidden.

Three kinds of definition get a lens:

- a class with ``metaclass=``;
- a dataclass-like class: decorated with ``@dataclass`` (or attrs / pydantic
  dataclasses), or derived from ``BaseModel``, ``NamedTuple``, ``TypedDict`` ...;
- a function or class with two or more decorators (a decorator stack).

A lens is offered only where :func:`pygloss.engine.explain.explain` has something
to say at its ``offset`` (the construct the lens is about), so clicking it always
explains something; the editor runs ``pygloss.explain`` at that offset (without
jedi: lenses never wait for it).  Offsets are code points.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from pygloss.engine.explain import explain
from pygloss.engine.render import RenderOptions
from pygloss.kb.index import KnowledgeBase
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
    options = RenderOptions(verbosity="brief", mute=mute)
    lenses: list[Lens] = []
    for node in source.walk():
        if not isinstance(node, Definition):
            continue
        start = _line_start(
            source, source.span(node.decorator_list[0] if node.decorator_list else node)[0]
        )
        for title, offsets in _candidates(source, node, imports):
            for offset in offsets:
                found = explain(source, offset, kb, options)
                if found is not None:
                    lenses.append(Lens(start, offset, title, tuple(t.id for t in found.topics)))
                    break
    return lenses


def _candidates(
    source: Source, node: Definition, imports: ImportMap
) -> Iterator[tuple[str, list[int]]]:
    """``(title, offsets to try in order)`` for each reason *node* deserves a lens."""
    if isinstance(node, ast.ClassDef):
        for keyword in node.keywords:
            if keyword.arg == "metaclass":
                yield (
                    f"Explain metaclass={source.segment(keyword.value)}",
                    [
                        source.span(keyword)[0],
                        _name_offset(source, keyword.value),
                    ],
                )
        for decorator in node.decorator_list:
            func = decorator.func if isinstance(decorator, ast.Call) else decorator
            if qualify(func, imports) in DATACLASS_DECORATORS:
                yield f"Explain @{source.segment(func)}", [_name_offset(source, func)]
        for base in node.bases:
            if qualify(base, imports) in DATACLASS_BASES:
                yield f"Explain {source.segment(base)} class", [_name_offset(source, base)]
    if len(node.decorator_list) >= 2:
        top = node.decorator_list[0]
        func = top.func if isinstance(top, ast.Call) else top
        at = _at_sign(source, source.span(top)[0])
        offsets = [at] if at is not None else []
        count = len(node.decorator_list)
        yield f"Explain {count} stacked decorators", [*offsets, _name_offset(source, func)]


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
