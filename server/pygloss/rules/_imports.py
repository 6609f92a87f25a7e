"""Imports added and removed by fixes, laid out the way isort and Ruff's ``I001`` want.

A new import goes into its section (``__future__``, standard library, third party,
first party, relative: Ruff's defaults), in sorted position: ``import x`` lines before
``from x import y`` lines, modules in case-insensitive natural order; a new section
gets blank lines around it.  A name added to an existing ``from m import ...`` takes
its place among the others (constants, then classes, then the rest), and the line is
wrapped, one name per line with a trailing comma, when it would pass 88 characters.
First party means what Ruff's default ``src = [".", "src"]`` finds: a package or module
of that name at the project root (the nearest folder with a ``pyproject.toml``,
``setup.py`` or ``setup.cfg``) or in its ``src`` folder.
When the file was sorted before the fix, ``ruff check --select I`` still passes after
it (``tests/unit/test_fix_imports.py``); in a file that was not, the import goes where
it would sort against its neighbours.

Removing an import a fix made unused is :mod:`pygloss.rules._unused_imports`.
"""

from __future__ import annotations

import ast
import functools
import re
import sys
from pathlib import Path

from pygloss.rules.base import Edit
from pygloss.syntax.source import Source

FUTURE, STDLIB, THIRD_PARTY, FIRST_PARTY, LOCAL = range(5)
LINE_LENGTH = 88  # Ruff's default; a wrapped import with a trailing comma suits any
_ROOT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg")
Import = ast.Import | ast.ImportFrom


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """Case-insensitive natural order (``a2`` before ``a10``)."""
    parts = re.split(r"(\d+)", text.lower())
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts if p)


def member_key(name: str) -> tuple[int, tuple[tuple[int, int | str], ...]]:
    """Ruff's order of names in ``from m import ...``: constants, classes, the rest."""
    kind = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return kind, _natural(name)


def _statement_key(statement: Import) -> tuple[int, tuple[tuple[int, int | str], ...]]:
    if isinstance(statement, ast.Import):
        return 0, _natural(statement.names[0].name)
    return 1, _natural(statement.module or "")


@functools.lru_cache(maxsize=256)
def _project_root(folder: str) -> Path | None:
    for candidate in (Path(folder), *Path(folder).parents):
        if any((candidate / marker).is_file() for marker in _ROOT_MARKERS):
            return candidate
    return None


def _first_party(top: str, path: str | None) -> bool:
    if not path:
        return False
    root = _project_root(str(Path(path).absolute().parent))
    if root is None:
        return False
    return any(
        (base / top).is_dir() or (base / f"{top}.py").is_file() for base in (root, root / "src")
    )


def section(module: str, level: int, path: str | None) -> int:
    """The isort section of an import of *module* (*level* dots) in the file at *path*."""
    if level:
        return LOCAL
    top = module.split(".")[0]
    if top == "__future__":
        return FUTURE
    if top in sys.stdlib_module_names:
        return STDLIB
    return FIRST_PARTY if _first_party(top, path) else THIRD_PARTY


def _section_of(statement: Import, path: str | None) -> int:
    if isinstance(statement, ast.Import):
        return section(statement.names[0].name, 0, path)
    return section(statement.module or "", statement.level or 0, path)


def _leading_imports(source: Source) -> list[Import]:
    found: list[Import] = []
    for index, statement in enumerate(source.statements):
        if index == 0 and is_docstring(statement):
            continue
        if not isinstance(statement, ast.Import | ast.ImportFrom):
            break
        found.append(statement)
    return found


def is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _runs(source: Source, statements: list[Import]) -> list[list[Import]]:
    """*statements* split where a blank line separates two of them (isort's sections)."""
    runs: list[list[Import]] = []
    previous_end = -1
    for statement in statements:
        start, end = source.span(statement)
        between = source.text[previous_end:start] if previous_end >= 0 else ""
        blank = any(not line.strip() for line in between.splitlines()[1:])
        if runs and not blank:
            runs[-1].append(statement)
        else:
            runs.append([statement])
        previous_end = end
    return runs


def line_start(source: Source, offset: int) -> int:
    return source.line_starts[source.line_of(offset)]


def next_line_start(source: Source, offset: int) -> int:
    line = source.line_of(offset)
    return source.line_starts[line + 1] if line + 1 < len(source.line_starts) else len(source.text)


def _newline(source: Source) -> str:
    return "\r\n" if "\r\n" in source.text else "\n"


def _above_comments(source: Source, offset: int) -> int:
    """The start of the comment lines directly above the line of *offset*."""
    line = source.line_of(offset)
    while line > 0 and source.line_text(line - 1).lstrip().startswith("#"):
        line -= 1
    return source.line_starts[line]


def new_import(source: Source, path: str | None, text: str, module: str) -> Edit:
    """The edit that adds the import statement *text* (of *module*) in its place."""
    newline = _newline(source)
    leading = _leading_imports(source)
    if not leading:
        return _before_code(source, text, newline)
    is_from = text.startswith("from ")
    wanted = section(module, 0, path)
    key = (1 if is_from else 0, _natural(module))
    runs = _runs(source, leading)
    for run in runs:
        same = [s for s in run if _section_of(s, path) == wanted]
        if not same:
            continue
        for position, statement in enumerate(same):
            if key < _statement_key(statement):
                start = source.span(statement)[0]
                at = _above_comments(source, start) if position else line_start(source, start)
                return Edit(at, at, text + newline)
        at = next_line_start(source, source.span(same[-1])[1])
        if at == len(source.text) and not source.text.endswith(("\n", "\r")):
            return Edit(at, at, newline + text)
        return Edit(at, at, text + newline)
    for run in runs:
        if min(_section_of(s, path) for s in run) > wanted:
            at = _above_comments(source, source.span(run[0])[0])
            return Edit(at, at, text + newline + newline)
    at = next_line_start(source, source.span(runs[-1][-1])[1])
    if at == len(source.text) and not source.text.endswith(("\n", "\r")):
        return Edit(at, at, newline + newline + text)
    return Edit(at, at, newline + text + newline)


def _before_code(source: Source, text: str, newline: str) -> Edit:
    """A first import: after the module docstring (else before the first statement,
    after any leading comments), followed by exactly the blank lines Ruff wants: two
    before a def or class, one before anything else."""
    statements = source.statements
    doc = statements[0] if statements and is_docstring(statements[0]) else None
    body = statements[1:] if doc is not None else statements
    if not body:
        at = len(source.text) if doc is None else next_line_start(source, source.span(doc)[1])
        ends_line = not source.text[:at] or source.text[:at].endswith(("\n", "\r"))
        return Edit(at, at, ("" if ends_line else newline) + text + newline)
    following = body[0]
    definition = isinstance(following, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    blank_lines = newline * (2 if definition else 1)
    decorators = getattr(following, "decorator_list", None)
    code = line_start(source, source.span(decorators[0] if decorators else following)[0])
    if doc is None:
        return Edit(code, code, text + newline + blank_lines)
    after_doc = next_line_start(source, source.span(doc)[1])
    upto = _above_comments(source, code)
    if source.text[after_doc:upto].strip():
        upto = after_doc  # something else between: keep it
    gap = newline if after_doc < upto else ""  # the docstring's own blank line stays
    return Edit(after_doc, upto, gap + text + newline + blank_lines)


def add_member(source: Source, statement: ast.ImportFrom, name: str) -> Edit:
    """The edit that adds *name* to ``from m import ...`` in Ruff's order."""
    newline = _newline(source)
    aliases = statement.names
    start, end = source.span(statement)
    key = member_key(name)
    spans = [source.span(alias) for alias in aliases]
    multiline = source.line_of(start) != source.line_of(end - 1)
    if not multiline:
        names = sorted([*(source.text[a:b] for a, b in spans), name], key=_alias_key)
        single = f"from {'.' * (statement.level or 0)}{statement.module or ''} import "
        indent = source.line_text(source.line_of(start))
        indent = indent[: len(indent) - len(indent.lstrip())]
        if len(indent) + len(single) + len(", ".join(names)) > LINE_LENGTH:
            body = "".join(f"{indent}    {n},{newline}" for n in names)
            return Edit(start, end, f"{single}({newline}{body}{indent})")
    for (alias_start, _), alias in zip(spans, aliases, strict=True):
        if key < member_key(alias.name):
            if multiline and not source.text[line_start(source, alias_start) : alias_start].strip():
                indent = source.text[line_start(source, alias_start) : alias_start]
                return Edit(alias_start, alias_start, f"{name},{newline}{indent}")
            return Edit(alias_start, alias_start, f"{name}, ")
    last_end = spans[-1][1]
    rest = source.text[last_end:end]
    if multiline and rest.lstrip().startswith(","):
        comma = last_end + rest.index(",") + 1
        indent = source.text[line_start(source, spans[-1][0]) : spans[-1][0]]
        return Edit(comma, comma, f"{newline}{indent}{name},")
    return Edit(last_end, last_end, f", {name}")


def _alias_key(text: str) -> tuple[int, tuple[tuple[int, int | str], ...]]:
    return member_key(text.split(" as ")[0].strip())
