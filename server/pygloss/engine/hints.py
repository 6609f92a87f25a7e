"""Inlay hints: short labels after code whose run-time meaning is easy to miss.

Kinds (names used by the ``pygloss.inlayHints`` setting):

- ``patch-target``: after each parameter fed by a stacked ``@patch``, the target
  whose mock (or ``new_callable`` replacement) it receives
  (``mock_exists ← os.path.exists``).  The pairing is
  :func:`pygloss.syntax.patches.assignments`, the one the hover and PG201 use.
- ``mutable-default``: after a mutable default, ``evaluated once`` — where rule
  PG101 reports it.
- ``unawaited-coroutine``: after a coroutine call nobody awaits, ``coroutine — not
  awaited`` — where rule PG301 reports it (no hint while that rule is not
  registered).

Hints come from the rules' own detection, so they follow the rules exactly,
including ``# noqa`` / ``# pygloss: ignore[...]`` comments; they do not depend on
``select`` / ``ignore``, which choose diagnostics.  Offsets are code points.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from pygloss.engine.lint import lint
from pygloss.rules import get_rule
from pygloss.syntax.names import ImportMap
from pygloss.syntax.patches import assignments, received
from pygloss.syntax.source import Source

PATCH_TARGET = "patch-target"
MUTABLE_DEFAULT = "mutable-default"
UNAWAITED_COROUTINE = "unawaited-coroutine"
ALL_KINDS = frozenset({PATCH_TARGET, MUTABLE_DEFAULT, UNAWAITED_COROUTINE})
RULE_HINTS = {  # rule code -> (kind, label placed after the finding)
    "PG101": (MUTABLE_DEFAULT, "evaluated once"),
    "PG301": (UNAWAITED_COROUTINE, "coroutine — not awaited"),
}

Function = ast.FunctionDef | ast.AsyncFunctionDef
_BODIES = (ast.stmt, ast.excepthandler, ast.match_case)  # where a def can be nested


@dataclass(frozen=True)
class Hint:
    """A label shown at *offset* (after the code it annotates)."""

    offset: int
    label: str
    kind: str
    tooltip: str = ""


def inlay_hints(source: Source, kinds: frozenset[str] = ALL_KINDS) -> list[Hint]:
    """Every hint of the enabled *kinds* in *source*, sorted by offset."""
    hints: list[Hint] = []
    if PATCH_TARGET in kinds:
        hints.extend(patch_target_hints(source))
    wanted = [code for code, (kind, _) in RULE_HINTS.items() if kind in kinds]
    hints.extend(rule_hints(source, wanted))
    return sorted(hints, key=lambda h: (h.offset, h.kind))


def patch_target_hints(source: Source) -> Iterator[Hint]:
    imports = ImportMap.from_statements(source.statements)
    for func, in_class in _functions(source):
        if not func.decorator_list:
            continue
        pairs = assignments(func, imports, in_class)
        for position, (decorator, param) in enumerate(pairs):
            if param is None:
                continue
            where = (
                "bottom decorator" if position == 0 else f"decorator {position + 1} from the bottom"
            )
            start = source.offset(param.lineno, param.col_offset)
            yield Hint(
                offset=start + len(param.arg),
                label=f"← {decorator.target}",
                kind=PATCH_TARGET,
                tooltip=f"`{param.arg}` receives {received(decorator, where)}",
            )


def rule_hints(source: Source, codes: list[str]) -> Iterator[Hint]:
    """A hint after each finding of the rules *codes* (rules not registered are skipped)."""
    rules = [rule() for code in codes if (rule := get_rule(code)) is not None]
    if not rules:
        return
    for finding in lint(source, rules=rules).findings:
        kind, label = RULE_HINTS[finding.code]
        yield Hint(offset=finding.end, label=label, kind=kind, tooltip=finding.message)


def _functions(source: Source) -> Iterator[tuple[Function, bool]]:
    """Every def in *source*, with whether it sits directly in a class body."""
    stack: list[tuple[ast.AST, bool]] = [(s, False) for s in reversed(source.statements)]
    while stack:
        node, in_class = stack.pop()
        if isinstance(node, Function):
            yield node, in_class
        is_class = isinstance(node, ast.ClassDef)
        children = [(c, is_class) for c in ast.iter_child_nodes(node) if isinstance(c, _BODIES)]
        stack.extend(reversed(children))
