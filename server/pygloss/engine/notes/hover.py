"""The notes part of a hover: what is under the cursor, and the sections about it.

:func:`keys_from` turns what ``explain`` found at the cursor into lookup keys: the
qualified name under the cursor (from the file's imports and bindings, as the hover
resolves it, whether or not the knowledge base knows it, plus any name the hover
resolved through jedi) and every construct kind there.  When nothing matches the
name itself, the enclosing attribute is tried (``mock`` in ``mock.patch`` ->
``unittest.mock.patch``).  :func:`notes_extra` is the hook passed to ``explain``;
:func:`keys_at` computes the same keys without the knowledge base or jedi, for
``pygloss notes which``.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass

from pygloss.engine.constructs import recognize
from pygloss.engine.cursor import Cursor, cursor_at
from pygloss.engine.explain import imports_for
from pygloss.engine.explainers import Target
from pygloss.engine.extras import Addition, Extra, ExtraEnv
from pygloss.engine.names import resolve_syntax
from pygloss.engine.notes.index import Key, NotesFile
from pygloss.engine.notes.match import LIMIT, Match, best_matches, candidates, render_matches
from pygloss.engine.notes.store import NotesIndex, NotesSpec
from pygloss.engine.tolerant import recovered_view
from pygloss.syntax.names import ImportMap
from pygloss.syntax.source import Source


@dataclass(frozen=True)
class CursorKeys:
    """Lookup keys at a cursor; *fallback* is tried when *keys* match nothing by name."""

    keys: tuple[Key, ...]
    fallback: tuple[Key, ...]
    spans: dict[Key, tuple[int, int]]

    def all(self) -> tuple[Key, ...]:
        return (*self.keys, *self.fallback)


def _syntax_names(cursor: Cursor, imports: ImportMap) -> list[tuple[str, tuple[int, int]]]:
    """The name under the cursor, then the attribute it is the value of, qualified."""
    node = cursor.node
    if node is None:
        return []
    path = cursor.path
    if isinstance(node, ast.alias) and len(path) > 1:
        statement = path[-2]
        if isinstance(statement, ast.ImportFrom) and statement.module and not statement.level:
            return [(f"{statement.module}.{node.name}", cursor.span(statement))]
        if isinstance(statement, ast.Import):
            return [(node.name, cursor.span(statement))]
        return []
    if not isinstance(node, ast.Name | ast.Attribute):
        return []
    chain: list[ast.AST] = [node]
    parent = cursor.parent_of(node)
    if isinstance(parent, ast.Attribute) and parent.value is node:
        chain.append(parent)
    line = cursor.source.line_of(cursor.offset) + 1
    found: list[tuple[str, tuple[int, int]]] = []
    for candidate in chain:
        resolved = resolve_syntax(candidate, cursor.source, path, imports, line)
        if resolved is not None:
            found.append((resolved.name, cursor.span(candidate)))
    return found


def keys_from(cursor: Cursor, imports: ImportMap, targets: Sequence[Target]) -> CursorKeys:
    keys: list[Key] = []
    fallback: list[Key] = []
    spans: dict[Key, tuple[int, int]] = {}
    names = _syntax_names(cursor, imports)
    for index, (name, span) in enumerate(names):
        key: Key = ("name", name)
        (keys if index == 0 else fallback).append(key)
        spans.setdefault(key, span)
    for target in targets:
        if target.kind != "name":
            key = ("kind", target.kind)
        elif target.name:
            key = ("name", target.name)
        else:
            continue
        if key not in keys:
            keys.append(key)
            spans.setdefault(key, (target.start, target.end))
    fallback = [k for k in fallback if k not in keys]
    return CursorKeys(tuple(keys), tuple(fallback), spans)


def keys_at(source: Source, offset: int) -> CursorKeys:
    """The keys a hover at *offset* looks up (without the knowledge base or jedi)."""
    view = recovered_view(source, offset) or source
    cursor = cursor_at(view, offset)
    imports = imports_for(view)
    targets = [
        Target(found.kind, found.start, found.end, found.node, cursor.path)
        for found in recognize(cursor, imports)
    ]
    return keys_from(cursor, imports, targets)


def _by_name(matches: Sequence[Match]) -> bool:
    return any(m.key[0] == "name" for m in matches)


def ranked(files: Sequence[NotesFile], keys: CursorKeys) -> list[Match]:
    """Every matching section, best first (the fallback name when the name itself
    matches nothing)."""
    matches = candidates(files, keys.keys)
    if keys.fallback and not _by_name(matches):
        matches = candidates(files, [*keys.fallback, *keys.keys])
    return matches


def best(files: Sequence[NotesFile], keys: CursorKeys, limit: int = LIMIT) -> list[Match]:
    """The sections a hover shows."""
    matches = best_matches(files, keys.keys, limit)
    if keys.fallback and not _by_name(matches):
        matches = best_matches(files, [*keys.fallback, *keys.keys], limit)
    return matches


def notes_extra(index: NotesIndex, spec: NotesSpec) -> Extra:
    """The ``explain`` hook adding "From your notes" for the notes of *spec*."""

    def from_your_notes(env: ExtraEnv) -> Addition | None:
        files = index.files(spec)
        if not files:
            return None
        keys = keys_from(env.cursor, env.imports, env.targets)
        if not keys.all():
            return None
        brief = env.options.verbosity == "brief"
        matches = best(files, keys, 1 if brief else LIMIT)
        if not matches:
            return None
        start, end = keys.spans.get(matches[0].key, (env.cursor.offset, env.cursor.offset))
        text = render_matches(matches, excerpts=not brief, markdown=env.options.markdown)
        return Addition(text, start, end)

    return from_your_notes
