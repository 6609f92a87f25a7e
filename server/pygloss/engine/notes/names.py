"""Fully qualified names in notes: from code blocks, inline code, headings, markers.

Names are qualified with :class:`pygloss.syntax.names.ImportMap` over a base map
that notes need because their snippets rarely import what they use:

1. the standard library's top-level modules and a few well-known packages name
   themselves (``asyncio.gather`` -> ``asyncio.gather``);
2. common aliases (``np`` -> ``numpy``, ``pd`` -> ``pandas``, ``mock`` -> ``unittest.mock``);
3. what the file's own code blocks import (``from unittest.mock import patch`` in one
   block lets ``patch(...)`` in a later fragment resolve);
4. the block's own imports, anywhere in the block (they win).

A name the block assigns (``mock = Mock()``) is local and not resolved through the
base map.  Blocks that do not parse fall back to a scan for dotted names (strings
and comments removed) with the same map.
"""

from __future__ import annotations

import ast
import re
import sys
from collections import Counter
from collections.abc import Iterable

from pygloss.syntax.names import BUILTIN_NAMES, ImportMap, dotted_name
from pygloss.syntax.source import PARSE_ERRORS

COMMON_ALIASES = {
    "np": "numpy",
    "pd": "pandas",
    "pl": "polars",
    "plt": "matplotlib.pyplot",
    "mpl": "matplotlib",
    "sns": "seaborn",
    "sp": "scipy",
    "tf": "tensorflow",
    "nx": "networkx",
    "xr": "xarray",
    "sa": "sqlalchemy",
    "mp": "multiprocessing",
    "dt": "datetime",
    "ET": "xml.etree.ElementTree",
    "tk": "tkinter",
    "mock": "unittest.mock",
}
WELL_KNOWN = frozenset(
    [
        "numpy",
        "pandas",
        "polars",
        "scipy",
        "matplotlib",
        "seaborn",
        "requests",
        "httpx",
        "aiohttp",
        "pytest",
        "pytest_mock",
        "hypothesis",
        "fastapi",
        "starlette",
        "pydantic",
        "sqlalchemy",
        "alembic",
        "attrs",
        "attr",
        "django",
        "flask",
        "click",
        "typer",
        "rich",
        "yaml",
        "jinja2",
        "celery",
        "redis",
        "boto3",
        "torch",
        "tensorflow",
        "sklearn",
        "networkx",
        "xarray",
        "anyio",
        "trio",
        "uvicorn",
    ]
)
# stdlib modules whose names are too often local variables in snippets
_AMBIGUOUS = frozenset({"test", "this", "code", "token", "site", "antigravity", "idlelib"})
STDLIB = frozenset(sys.stdlib_module_names) - _AMBIGUOUS

_DOTTED = re.compile(r"(?<![\w.])([A-Za-z_]\w*(?:[ \t]*\.[ \t]*[A-Za-z_]\w*)+)")
_SINGLE = re.compile(r"^@?([A-Za-z_]\w*)(?:\(\))?$")
_STRINGS = re.compile(
    r"""(?s)[rbfuRBFU]{0,2}('''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""
)
_COMMENT = re.compile(r"#[^\n]*")
_ASSIGNED = re.compile(r"(?m)^[ \t]*([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=(?!=)")
_IMPORT_LINE = re.compile(r"(?m)^[ \t]*(?:import|from)[ \t]+[\w.]+.*$")
_PROMPT = re.compile(r"^[ \t]*(>>>|\.\.\.)( |$)")


def base_imports(learned: dict[str, str] | None = None) -> ImportMap:
    """Known modules, common aliases, then *learned* bindings (later wins)."""
    bindings = {name: name for name in STDLIB | WELL_KNOWN}
    bindings.update(COMMON_ALIASES)
    bindings.update(learned or {})
    return ImportMap(bindings)


def strip_prompts(code: str) -> str:
    """The statements of a doctest-style block (``>>>``/``...`` lines); *code* otherwise."""
    lines = code.splitlines()
    if not any(line.lstrip().startswith(">>>") for line in lines[:3]):
        return code
    kept = [_PROMPT.sub("", line, count=1) for line in lines if _PROMPT.match(line)]
    return "\n".join(kept) + "\n"


def learned_bindings(tree: ast.Module) -> dict[str, str]:
    """Bindings made by the imports of a parsed block (module level only)."""
    imports = ImportMap.from_statements(tree.body)
    return imports.bindings


_BINDERS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def code_names(statements: Iterable[ast.stmt], base: ImportMap) -> Counter[str]:
    """Qualified names a parsed block uses, with how often it uses each.

    One walk collects the chains (``mock.patch.object``), the imports (anywhere in
    the block) and the names the block binds itself; then the chains are qualified.
    """
    chains: list[str] = []
    bound: set[str] = set()
    block_imports = ImportMap()
    counts: Counter[str] = Counter()
    stack: list[ast.AST] = list(statements)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Load):
                chains.append(node.id)
            else:
                bound.add(node.id)
            continue
        if isinstance(node, ast.Attribute):
            dotted = dotted_name(node)
            if dotted is not None:
                chains.append(dotted)
                continue
        elif isinstance(node, ast.Import | ast.ImportFrom):
            block_imports.add(node)
            counts.update(_imported_names(node))
            continue
        elif isinstance(node, _BINDERS):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
        for field in node._fields:
            value = getattr(node, field, None)
            if isinstance(value, list):
                stack.extend(v for v in value if isinstance(v, ast.AST))
            elif isinstance(value, ast.AST):
                stack.append(value)
    for dotted in chains:
        if dotted.startswith("__"):  # __name__, __file__: module globals, not topics
            continue
        qualified = _qualify(dotted, block_imports, bound, base)
        if qualified:
            counts[qualified] += 1
    return counts


def _imported_names(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level or not node.module:
        return []
    return [f"{node.module}.{alias.name}" for alias in node.names if alias.name != "*"]


def _qualify(dotted: str, block: ImportMap, local: set[str], base: ImportMap) -> str | None:
    """Through the block's imports, else (unless the block binds the head) the base map."""
    head = dotted.partition(".")[0]
    if head in block.bindings:
        return block.resolve(dotted)
    if head in local:
        return None
    return base.resolve(dotted)


def fragment_names(code: str, base: ImportMap) -> Counter[str]:
    """Names in a block that does not parse: what its import lines import, then its
    dotted names and the names those imports bind (strings and comments removed),
    qualified like :func:`code_names` does."""
    block_imports = ImportMap()
    counts: Counter[str] = Counter()
    for line in _IMPORT_LINE.findall(code):
        try:
            statements = ast.parse(line.strip()).body
        except PARSE_ERRORS:
            continue
        for node in statements:
            if isinstance(node, ast.Import | ast.ImportFrom):
                block_imports.add(node)
                counts.update(_imported_names(node))
    text = _IMPORT_LINE.sub("", _COMMENT.sub("", _STRINGS.sub('""', code)))
    local = set(_ASSIGNED.findall(text))
    for match in _DOTTED.finditer(text):
        qualified = _qualify(re.sub(r"\s+", "", match.group(1)), block_imports, local, base)
        if qualified:
            counts[qualified] += 1
    for name, target in block_imports.bindings.items():
        uses = len(re.findall(rf"(?<![\w.]){re.escape(name)}(?![\w.]|\s*\.)", text))
        if uses:
            counts[target] += uses
    return counts


def text_names(text: str, base: ImportMap, single: bool = False) -> list[str]:
    """Qualified dotted names in inline code or a heading (``asyncio.gather()``);
    with *single*, a lone ``name``/``name()`` that the map or the builtins know."""
    found: list[str] = []
    for match in _DOTTED.finditer(text):
        qualified = base.resolve(re.sub(r"\s+", "", match.group(1)))
        if qualified and qualified not in found:
            found.append(qualified)
    if single and not found:
        lone = _SINGLE.match(text.strip())
        if lone and (lone.group(1) in base.bindings or lone.group(1) in BUILTIN_NAMES):
            qualified = base.resolve(lone.group(1))
            if qualified:
                found.append(qualified)
    return found


def inline_names(text: str, base: ImportMap) -> list[str]:
    """Names in inline code: what the code uses when it parses (`` `from copy import
    deepcopy` ``, `` `asyncio.gather()` ``), else :func:`text_names`."""
    try:
        statements = ast.parse(text.strip()).body
    except PARSE_ERRORS:
        return text_names(text, base, single=True)
    return list(code_names(statements, base))


_IDENTIFIER = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$")


def marker_name(entry: str, base: ImportMap) -> str | None:
    """A marker entry as a qualified name (aliases resolved); None when malformed."""
    entry = entry.strip().removesuffix("()").lstrip("@")
    if not _IDENTIFIER.match(entry):
        return None
    head = entry.partition(".")[0]
    if head in base.bindings and base.bindings[head] != head:
        return base.resolve(entry) or entry
    if head in BUILTIN_NAMES and head not in base.bindings:
        return "builtins." + entry
    return entry
