"""Small text helpers that fixes share: indentation, line breaks, insertion points,
and adding an import.

These work on offsets of a :class:`~pygloss.syntax.source.Source` and never parse
(fixes that must rewrite an expression use :mod:`pygloss.rules._cst`).
"""

from __future__ import annotations

import ast

from pygloss.rules._imports import add_member, new_import
from pygloss.rules._scopes import bound_names
from pygloss.rules.base import Edit, RuleContext
from pygloss.syntax.names import ImportMap
from pygloss.syntax.source import Source


def line_indent(source: Source, offset: int) -> str:
    """Leading whitespace of the line holding *offset*."""
    text = source.line_text(source.line_of(offset))
    return text[: len(text) - len(text.lstrip(" \t"))]


def starts_line(source: Source, offset: int) -> bool:
    """True when only whitespace precedes *offset* on its line."""
    line = source.line_of(offset)
    return not source.text[source.line_starts[line] : offset].strip()


def newline_of(source: Source, offset: int) -> str:
    """The line break used by the line holding *offset* (``\\n`` when there is none)."""
    line = source.line_of(offset)
    if line + 1 < len(source.line_starts):
        end = source.line_starts[line + 1]
        return "\r\n" if source.text[end - 2 : end] == "\r\n" else source.text[end - 1]
    return "\r\n" if "\r\n" in source.text else "\n"


def line_end(source: Source, offset: int) -> int:
    """Offset just before the line break of the line holding *offset*."""
    line = source.line_of(offset)
    return source.line_starts[line] + len(source.line_text(line))


def indent_unit(source: Source, outer: str, inner: str | None) -> str:
    """The file's indentation step: *inner* minus *outer* when known, else 4 spaces."""
    if inner is not None and inner.startswith(outer) and len(inner) > len(outer):
        return inner[len(outer) :]
    return "\t" if outer.startswith("\t") else "    "


def statement_alone(source: Source, start: int, end: int) -> bool:
    """True when the text from *start* to *end* has its lines to itself.

    Only whitespace before it on its first line, and only whitespace or a comment
    after it on its last line (no ``;`` neighbours, not the body of ``if x: ...``).
    """
    if not starts_line(source, start):
        return False
    rest = source.text[end : line_end(source, end)].strip()
    return not rest or rest.startswith("#")


def may_be_caught(node: ast.AST, ctx: RuleContext) -> bool:
    """True when *node* runs inside a ``try`` with an ``except`` clause or inside a
    ``with`` block, in its own function (or module) body.

    A fix that is safe because the original always raises at *node* is not safe
    there: the handler (or a context manager such as ``pytest.raises`` or
    ``contextlib.suppress``) may swallow that exception, so the original ran without
    error and the fixed program takes another path.  A handler in a caller is not
    seen; each such fix says so in its safety argument.
    """
    child: ast.AST = node
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return False
        in_body = any(child is statement for statement in getattr(ancestor, "body", ()))
        if isinstance(ancestor, ast.Try | ast.TryStar) and in_body and ancestor.handlers:
            return True
        if isinstance(ancestor, ast.With | ast.AsyncWith) and in_body:
            return True
        child = ancestor
    return False


def rebinds_module_name(ctx: RuleContext, name: str) -> bool:
    """Whether something the module-level bindings do not show may rebind *name* at
    module level: a ``global name`` declaration in a function, or a star import
    (which may bind any name)."""
    found: tuple[bool, frozenset[str]] | None = ctx.cache.get("fixkit-rebinds")
    if found is None:  # one walk per document, however many fixes ask
        star, declared = False, set()
        for node in ctx.source.walk():
            if isinstance(node, ast.Global):
                declared.update(node.names)
            elif isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
                star = True
        found = star, frozenset(declared)
        ctx.cache["fixkit-rebinds"] = found
    return found[0] or name in found[1]


def import_name(
    source: Source,
    imports: ImportMap,
    module: str,
    name: str,
    *,
    style: str = "from",
    path: str | None = None,
) -> tuple[str, Edit | None]:
    """How to spell ``module.name`` here, and the edit that imports it when needed.

    An existing import is reused: ``from module import name [as x]`` gives ``x``;
    ``import module [as m]`` gives ``m.name``.  Otherwise *style* decides: ``"from"``
    adds ``name`` to an existing ``from module import ...`` or a new such line;
    ``"module"`` adds ``import module`` and spells ``module.name``.  A new name that
    is already used for something else at module level falls back to the other style.
    A new import goes where isort and Ruff put it (:mod:`pygloss.rules._imports`;
    *path*, the file's, tells first-party modules from third-party ones).
    """
    path = path if path is not None else source.path
    qualified = f"{module}.{name}"
    spellings = sorted(imports.local_names_for(qualified), key=len)
    if spellings:
        return spellings[0], None
    taken = bound_names(source.statements)
    use_from = style == "from" and name not in taken
    if not use_from and module.split(".")[0] in taken:
        use_from = name not in taken
        if not use_from:
            raise ValueError(f"cannot import {qualified}: both names are taken")
    if use_from:
        for statement in source.statements:
            if (
                isinstance(statement, ast.ImportFrom)
                and statement.module == module
                and not statement.level
                and statement.names[-1].name != "*"
            ):
                return name, add_member(source, statement, name)
        return name, new_import(source, path, f"from {module} import {name}", module)
    return qualified, new_import(source, path, f"import {module}", module)
