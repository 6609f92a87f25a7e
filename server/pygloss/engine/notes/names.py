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

from pygloss.engine.notes.context import Context
from pygloss.engine.notes.usage import Uses, code_uses, imported_names
from pygloss.syntax.names import BUILTIN_NAMES, ImportMap
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


def strip_prompts(code: str) -> tuple[str, list[int]]:
    """The statements of a doctest-style block (``>>>``/``...`` lines) and, for each
    line kept, its 0-based line in *code*; *code* itself when it has no prompts."""
    lines = code.splitlines()
    if not any(line.lstrip().startswith(">>>") for line in lines[:3]):
        return code, list(range(len(lines)))
    kept = [(i, _unprompt(line)) for i, line in enumerate(lines) if _PROMPT.match(line)]
    return "\n".join(text for _, text in kept) + "\n", [i for i, _ in kept]


def _unprompt(line: str) -> str:
    """A ``>>>`` line starts a statement (any space after the prompt is a typo); a
    ``...`` line keeps its indentation."""
    text = _PROMPT.sub("", line, count=1)
    return text.lstrip() if line.lstrip().startswith(">>>") else text


def learned_bindings(tree: ast.Module) -> dict[str, str]:
    """Bindings made by the imports of a parsed block (module level only)."""
    imports = ImportMap.from_statements(tree.body)
    return imports.bindings


def code_names(
    statements: Iterable[ast.stmt], base: ImportMap, context: Context | None = None
) -> Counter[str]:
    """Qualified names a parsed block uses, with how often (:func:`.usage.code_uses`)."""
    return _names(code_uses(statements, base, context or Context()))


def _names(uses: Uses) -> Counter[str]:
    return Counter({value: n for (kind, value), n in uses.counts.items() if kind == "name"})


def _qualify(
    dotted: str, block: ImportMap, local: set[str], base: ImportMap, context: Context
) -> tuple[str, bool] | None:
    """Through the block's imports, else (unless the block binds the head) the base
    map, else the context; ``(name, guessed)``."""
    head, _, rest = dotted.partition(".")
    if head in block.bindings:
        resolved = block.resolve(dotted)
        return (resolved, False) if resolved else None
    if head in local:
        typed = context.type_of(head)
        return (f"{typed}.{rest}", False) if typed and rest else None
    resolved = base.resolve(dotted)
    if resolved is not None:
        return resolved, False
    return context.resolve(dotted)


def fragment_names(code: str, base: ImportMap) -> Counter[str]:
    """Names in a block that does not parse (:func:`fragment_uses`), counted."""
    return _names(fragment_uses(code, base, Context()))


def fragment_uses(code: str, base: ImportMap, context: Context, first_line: int = 1) -> Uses:
    """Names in a block that does not parse: what its import lines import, then its
    dotted names and the names those imports bind (strings and comments blanked
    out), qualified like :func:`.usage.code_uses` (without the types of bindings);
    lines count from *first_line*."""
    block_imports = ImportMap()
    uses = Uses()
    for match in _IMPORT_LINE.finditer(code):
        line = first_line + code.count("\n", 0, match.start())
        try:
            statements = ast.parse(match.group().strip()).body
        except PARSE_ERRORS:
            continue
        for node in statements:
            if isinstance(node, ast.Import | ast.ImportFrom):
                block_imports.add(node)
                for name in imported_names(node):
                    uses.add(("name", name), line)
    text = _IMPORT_LINE.sub(_blank, _COMMENT.sub(_blank, _STRINGS.sub(_blank_string, code)))
    local = set(_ASSIGNED.findall(text))
    for match in _DOTTED.finditer(text):
        dotted = re.sub(r"\s+", "", match.group(1))
        found = _qualify(dotted, block_imports, local, base, context)
        if found:
            line = first_line + text.count("\n", 0, match.start())
            uses.add(("name", found[0]), line, guessed=found[1])
    for name, target in block_imports.bindings.items():
        for match in re.finditer(rf"(?<![\w.]){re.escape(name)}(?![\w.]|\s*\.)", text):
            uses.add(("name", target), first_line + text.count("\n", 0, match.start()))
    return uses


def _blank(match: re.Match[str]) -> str:
    """The match replaced by its line breaks only (later lines keep their numbers)."""
    return "\n" * match.group().count("\n")


def _blank_string(match: re.Match[str]) -> str:
    return '""' + _blank(match)


def text_names(
    text: str, base: ImportMap, single: bool = False, context: Context | None = None
) -> list[tuple[str, bool]]:
    """Qualified dotted names in inline code or a heading (``asyncio.gather()``),
    each with whether it was guessed; with *single*, also a lone ``name``/``name()``
    that the map, the builtins or the *context* know."""
    found: dict[str, bool] = {}
    context = context or Context()
    for match in _DOTTED.finditer(text):
        dotted = re.sub(r"\s+", "", match.group(1))
        qualified = base.resolve(dotted)
        if qualified is not None:
            found.setdefault(qualified, False)
        elif (resolved := context.resolve(dotted)) is not None:
            found.setdefault(*resolved)
    if single and not found:
        lone = _SINGLE.match(text.strip())
        if lone:
            name = lone.group(1)
            if name in base.bindings or name in BUILTIN_NAMES:
                qualified = base.resolve(name)
                if qualified:
                    found[qualified] = False
            elif (resolved := context.resolve(name)) is not None:
                found.setdefault(*resolved)
    return list(found.items())


def inline_uses(text: str, base: ImportMap, context: Context, line: int) -> Uses:
    """What inline code uses: like a code block when it parses (`` `from copy import
    deepcopy` ``, `` `s.add(x)` ``), else its dotted names (:func:`text_names`)."""
    try:
        statements = ast.parse(text.strip()).body
    except PARSE_ERRORS:
        uses = Uses()
        for name, guessed in text_names(text, base, single=True, context=context):
            uses.add(("name", name), line, guessed=guessed)
        return uses
    return code_uses(statements, base, context, line)


def inline_names(text: str, base: ImportMap) -> list[str]:
    """Names in inline code (:func:`inline_uses`, without context)."""
    return list(_names(inline_uses(text, base, Context(), 1)))


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
