"""Oracle check ``init``: the generated ``__init__`` the hover shows for a dataclass,
attrs, pydantic, NamedTuple or TypedDict class vs ``inspect.signature(cls)``.

Compared: the parameter names in order, which are keyword-only, which have a
default, and a default's value when the hover shows a literal.  A TypedDict's call
is ``dict``'s at run time, so its keys are compared with ``__annotations__`` instead
(and which are required with ``__required_keys__``).  Said-unknown: the hover says
the fields are not all known.
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import re
from typing import Any

from oracle_common import hover, is_final, reach_class, reachable_classes, read_source, verdict

LABEL = re.compile(r"^`[\w.]+` — (a dataclass|an attrs class.*?|a pydantic model|a NamedTuple"
                   r"|a TypedDict)[.:]")  # fmt: skip
INLINE = re.compile(r"^`[\w.]+` — [^:`]+: `(.*)`$")
FACTORY = re.compile(r"<factory [^>]*>|<optional>")


def claims(module: str, path: str) -> list[dict[str, Any]]:
    source = read_source(path)
    found = []
    for qualname, node, _ in reachable_classes(list(source.statements)):
        if not node.bases and not node.decorator_list:
            continue
        context = hover(source, _header(source, node))
        block = next((b for b in context or () if LABEL.match(b)), "")
        if not block:
            continue
        final = is_final(source, module, qualname, node)
        found.append({"module": module, "qualname": qualname, "line": node.lineno, "path": path,
                      "block": block, "ambiguous": not final})  # fmt: skip
    return found


def _header(source: Any, node: ast.ClassDef) -> int:
    """The offset of the ``class`` keyword (after any decorators)."""
    line_start = source.line_starts[node.lineno - 1]
    return int(line_start + node.col_offset)


def signature_of(block: str) -> str | None:
    """The signature text the hover shows (inline, or the code block)."""
    first = block.split("\n\n", 1)[0]
    inline = INLINE.match(first)
    if inline:
        return inline.group(1)
    code = re.search(r"```python\n(.*?)\n```", block, re.DOTALL)
    if code is None:
        return None
    lines = [line.strip() for line in code.group(1).splitlines()]
    more = [line for line in lines if line.startswith("# ...")]
    lines = [line for line in lines if not line.startswith("# ...")]
    text = lines[0] + " ".join(lines[1:-1]).rstrip(",") + lines[-1]
    return text + (f"#{more[0].split()[3]}" if more else "")  # "#N": N more not shown


def parameters(signature: str) -> list[tuple[str, str, str | None]] | None:
    """``(name, kind, default)`` from the hover's signature."""
    text = FACTORY.sub("__factory__", signature)
    try:
        function = ast.parse(f"def {text}: pass").body[0]
    except SyntaxError:
        return None
    assert isinstance(function, ast.FunctionDef)
    args = function.args
    found: list[tuple[str, str, str | None]] = []
    positional = [*args.posonlyargs, *args.args]
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    for arg, default in zip(positional, defaults, strict=True):
        found.append((arg.arg, "positional", None if default is None else ast.unparse(default)))
    for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        found.append((arg.arg, "keyword", None if default is None else ast.unparse(default)))
    if args.vararg is not None:
        found.insert(len(positional), (args.vararg.arg, "*", None))
    if args.kwarg is not None:
        found.append((args.kwarg.arg, "**", None))
    return [p for p in found if p[0] != "self"]


def judge(claim: dict[str, Any]) -> dict[str, Any]:
    klass = reach_class(claim)
    if klass is None:
        return verdict(claim, "unreachable")
    block = str(claim["block"])
    signature = signature_of(block)
    if any(p in block for p in ("which pygloss cannot read", "none is generated",
                                "no `__init__` is generated")):  # fmt: skip
        return verdict(claim, "said-unknown", why="fields of a base not read, or its own __init__")
    if signature is None:
        return verdict(claim, "said-unknown", why="signature shortened or not shown")
    signature, _, more = signature.partition("#")
    shown = parameters(signature)
    if shown is None:
        return verdict(claim, "disagreed", f"cannot read {signature!r}")
    hidden = int(more) if more else 0
    if "a TypedDict" in block.split("\n", 1)[0]:
        keys = list(getattr(klass, "__annotations__", {}))
        names = {n for n, _, _ in shown}  # keyword-only: the order does not matter
        ok = names <= set(keys) and len(keys) == len(shown) + hidden
        return verdict(claim, "agreed" if ok else "disagreed", f"{shown} vs keys {keys}")
    if hasattr(klass, "model_rebuild"):  # a pydantic model whose forward references
        with contextlib.suppress(Exception):  # were not resolved at import time
            klass.model_rebuild()
    try:
        truth = list(inspect.signature(klass).parameters.values())
    except (TypeError, ValueError):
        return verdict(claim, "unreachable")
    expected = [(p.name, _kind(p), p.default is not inspect.Parameter.empty) for p in truth]
    said = [(n, k, d is not None) for n, k, d in shown]
    if len(expected) != len(said) + hidden or said != expected[: len(said)]:
        return verdict(claim, "disagreed", f"hover {said} (+{hidden}); signature {expected}")
    for (name, _, default), parameter in zip(shown, truth[: len(shown)], strict=True):
        if default is None or default == "__factory__":
            continue
        try:
            value = ast.literal_eval(default)
        except (ValueError, SyntaxError):
            continue
        if value != parameter.default:
            return verdict(claim, "disagreed", f"{name} default {default} vs {parameter.default!r}")
    return verdict(claim, "agreed")


def _kind(parameter: inspect.Parameter) -> str:
    kinds = {inspect.Parameter.KEYWORD_ONLY: "keyword", inspect.Parameter.VAR_KEYWORD: "**",
             inspect.Parameter.VAR_POSITIONAL: "*"}  # fmt: skip
    return kinds.get(parameter.kind, "positional")


def judge_all(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [judge(claim) for claim in claims]
