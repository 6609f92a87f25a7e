"""``unittest.mock.patch`` decorators read from syntax: which parameter gets which mock.

Shared by the hover explainer (``engine/explainers/mock_patch.py``) and the rules
(PG201), so both layers agree on the facts:

* stacked patch decorators apply bottom-up, so the decorator nearest the ``def``
  supplies the first mock parameter (after ``self``/``cls`` in a method);
* a patch given a replacement (``new=`` or the positional ``new`` argument, unless
  it is ``DEFAULT``, the default spelled out), ``patch.dict`` and ``patch.multiple``
  supply no positional parameter;
* a patch given ``new_callable=X`` passes what ``X()`` returns, not a mock; the
  words for what a parameter receives (:func:`received`) are shared too, so the
  hover, the inlay hint and PG201 say it alike;
* a parameter named ``mock_exists`` (or ``exists_mock``, ``mocked_exists``...)
  is meant for a patch whose target ends in ``exists`` (or ``path.exists``...).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from pygloss.syntax.names import ImportMap, qualify

PATCH = "unittest.mock.patch"
PATCH_KINDS = {
    PATCH: 1,  # positional index of `new`
    PATCH + ".object": 2,
    PATCH + ".dict": -1,  # never injects
    PATCH + ".multiple": -1,
}
# the third-party backport spells the same API `mock.patch`
BACKPORT_ALIASES = {"mock." + kind[len("unittest.mock.") :]: kind for kind in PATCH_KINDS}
_DEFAULTS = frozenset({"unittest.mock.DEFAULT", "mock.DEFAULT"})

Function = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class PatchDecorator:
    node: ast.expr
    kind: str
    target: str
    injects: bool
    opaque: bool = False
    """Given ``**options`` that may hold ``new``: whether it passes an argument, and
    so which parameter each decorator above it feeds, is not in the code."""


def patch_kind(func: ast.expr, imports: ImportMap) -> str | None:
    """``unittest.mock.patch[.object|.dict|.multiple]`` when *func* names one, else None."""
    kind = qualify(func, imports)
    if kind is None:
        return None
    kind = BACKPORT_ALIASES.get(kind, kind)
    return kind if kind in PATCH_KINDS else None


def patch_decorator(node: ast.expr, imports: ImportMap) -> PatchDecorator | None:
    """Describe *node* when it is a ``@patch(...)``-family decorator."""
    if not isinstance(node, ast.Call):
        return None
    kind = patch_kind(node.func, imports)
    if kind is None:
        return None
    injects = PATCH_KINDS[kind] >= 0 and not given_new(node, kind, imports)
    opaque = injects and any(k.arg is None for k in node.keywords)
    return PatchDecorator(node, kind, target_text(node, kind), injects, opaque)


def given_new(node: ast.Call, kind: str, imports: ImportMap) -> bool:
    """The patch call *node* of *kind* is given its replacement (``new``, by keyword
    or position); ``new=DEFAULT`` is the default spelled out: patch still makes it."""
    new_index = PATCH_KINDS[kind]
    given = [k.value for k in node.keywords if k.arg == "new"]
    if new_index >= 0 and len(node.args) > new_index:
        given.append(node.args[new_index])
    return any(qualify(value, imports) not in _DEFAULTS for value in given)


def target_text(node: ast.Call, kind: str) -> str:
    """The patched target as text: ``pkg.mod.name`` or ``Owner.attribute``."""
    args = node.args
    if kind == PATCH + ".object" and len(args) >= 2:
        owner = ast.unparse(args[0])
        attribute = args[1]
        if isinstance(attribute, ast.Constant) and isinstance(attribute.value, str):
            return f"{owner}.{attribute.value}"
        return f"{owner}.<{ast.unparse(attribute)}>"
    if args:
        first = args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
        return ast.unparse(first)
    return "?"


def new_callable(decorator: PatchDecorator) -> str | None:
    """The decorator's ``new_callable`` as written; None when it gives none (or gives
    ``None``, the default: patch then makes the mock itself)."""
    node = decorator.node
    given = new_callable_given(node) if isinstance(node, ast.Call) else None
    return None if given is None else ast.unparse(given)


def new_callable_given(call: ast.Call) -> ast.expr | None:
    """The ``new_callable`` a patch call gives; None for none (or ``None``, the default)."""
    given = next((k.value for k in call.keywords if k.arg == "new_callable"), None)
    if given is None or (isinstance(given, ast.Constant) and given.value is None):
        return None
    return given


def makes_own_mock(decorator: PatchDecorator) -> bool:
    """Patch itself makes what it passes (a MagicMock, an AsyncMock, an autospec): no
    ``new_callable``, and no ``**kwargs`` that could hold one."""
    node = decorator.node
    if isinstance(node, ast.Call) and any(k.arg is None for k in node.keywords):
        return False
    return new_callable(decorator) is None


def received(decorator: PatchDecorator, where: str = "") -> str:
    """What the parameter fed by *decorator* receives, in words: ``the mock of `T```
    when patch makes it, else ``the replacement of `T` (what `X()` returns)``.  *where*
    (``bottom decorator``...) goes first in the parentheses."""
    notes = [where] if where else []
    made = new_callable(decorator)
    if made is not None:
        notes.append(f"what `{made}()` returns")
    words = "the mock of" if makes_own_mock(decorator) else "the replacement of"
    text = f"{words} `{decorator.target}`"
    return f"{text} ({'; '.join(notes)})" if notes else text


def name_hint(param: str) -> str:
    """A parameter name without its mock prefix/suffix: ``mock_exists`` -> ``exists``."""
    lowered = param.lower()
    for prefix in ("mock_", "mocked_", "patched_", "fake_", "m_"):
        if lowered.startswith(prefix):
            lowered = lowered[len(prefix) :]
            break
    for suffix in ("_mock", "_patch"):
        if lowered.endswith(suffix):
            lowered = lowered[: -len(suffix)]
    return lowered


def target_keys(target: str) -> set[str]:
    """Spellings a parameter name could use for a patch target."""
    parts = [p.lower() for p in target.replace("<", "").replace(">", "").split(".") if p]
    keys = set()
    for n in range(1, min(3, len(parts)) + 1):
        keys.add("_".join(parts[-n:]))
    return keys


def param_matches(param: str, target: str) -> bool:
    return name_hint(param) in target_keys(target)


def mock_parameters(func: Function, in_class: bool) -> list[ast.arg]:
    """Positional parameters that can receive mocks (``self``/``cls`` dropped in a class)."""
    params = [*func.args.posonlyargs, *func.args.args]
    if in_class and params and params[0].arg in ("self", "cls"):
        params = params[1:]
    return params


def assignments(
    func: Function, imports: ImportMap, in_class: bool
) -> list[tuple[PatchDecorator, ast.arg | None]]:
    """Patch decorators bottom-up, each with the parameter that receives its mock
    (None from the first opaque decorator up: see :func:`unknown_from`)."""
    decorators = [patch_decorator(d, imports) for d in reversed(func.decorator_list)]
    params = iter(mock_parameters(func, in_class))
    pairs: list[tuple[PatchDecorator, ast.arg | None]] = []
    lost = False
    for decorator in decorators:
        if decorator is None:
            continue
        lost = lost or decorator.opaque
        fed = decorator.injects and not lost
        pairs.append((decorator, next(params, None) if fed else None))
    return pairs


def unknown_from(pairs: list[tuple[PatchDecorator, ast.arg | None]]) -> int:
    """The index in *pairs* of the first opaque decorator (``len(pairs)`` when none):
    from there up, which parameter a decorator feeds is not in the code."""
    return next((i for i, (d, _) in enumerate(pairs) if d.opaque), len(pairs))
