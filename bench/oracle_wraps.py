"""Oracle check ``wraps``: "`deco` returns `wrapper`, which uses `@functools.wraps(func)`"
(or the warning that it does not), and "never returns its result", vs the decorated
function: whether it has ``__wrapped__``, and what calling it returns.

Checked on module-level functions and methods with one decorator whose ``def`` the
hover reads (the decorated object is fetched from the imported module, a method from
its class's ``__dict__``), and on generated decorators (every combination of a plain
or factory decorator, ``wraps`` spelled three ways or missing, and a wrapper that
returns the result or drops it), which the judge runs.
"""

from __future__ import annotations

import ast
import itertools
from typing import Any

from oracle_common import FUNCS, get_path, hover, import_module, read_source, verdict


def claims(module: str, path: str) -> list[dict[str, Any]]:
    if module == "generated":
        return generated_claims()
    source = read_source(path)
    found = []
    places: list[tuple[str, list[ast.stmt]]] = [("", list(source.statements))]
    places += [(s.name + ".", s.body) for s in source.statements if isinstance(s, ast.ClassDef)]
    for prefix, body in places:
        for node in body:
            if not isinstance(node, FUNCS) or len(node.decorator_list) != 1:
                continue
            decorator = node.decorator_list[0]
            context = hover(source, source.span(decorator)[0]) or ()
            said = next((b for b in context if "functools.wraps(" in b), "")
            for paragraph in said.split("\n\n"):
                if "functools.wraps(" in paragraph:
                    claim = {"module": module, "qualname": prefix + node.name,
                             "line": node.lineno, "path": path, "said": paragraph}  # fmt: skip
                    found.append(claim)
    return found


WRAPS = {
    "functools.wraps": ("import functools\n", "@functools.wraps(func)\n"),
    "wraps": ("from functools import wraps\n", "@wraps(func)\n"),
    "ft.wraps": ("import functools as ft\n", "@ft.wraps(func)\n"),
    "none": ("", ""),
}


def generated() -> list[tuple[str, str]]:
    """``(id, source)``: a decorator and a function it decorates (our own code)."""
    found = []
    for (style, (imports, wraps)), factory, keeps in itertools.product(
        WRAPS.items(), (False, True), (True, False)
    ):
        call = "return func(*args, **kwargs)" if keeps else "func(*args, **kwargs)"
        decorated = f"    {wraps}" if wraps else ""
        inner = (
            f"{decorated}    def wrapper(*args, **kwargs):\n        {call}\n\n    return wrapper\n"
        )
        if factory:
            body = (
                "def deco(times):\n    def outer(func):\n"
                + "".join("    " + line + "\n" for line in inner.splitlines())
                + "    return outer\n"
            )
            use = "@deco(2)"
        else:
            body = "def deco(func):\n" + inner
            use = "@deco"
        source = f"{imports}\n\n{body}\n\n{use}\ndef target():\n    return 42\n"
        found.append((f"{style}-{'factory' if factory else 'plain'}-{keeps}", source))
    return found


def generated_claims() -> list[dict[str, Any]]:
    from pygloss.syntax.source import Source

    found = []
    for ident, text in generated():
        context = hover(Source(text), text.index("@deco") + 1) or ()
        for block in context:
            for paragraph in block.split("\n\n"):
                if "wraps(" in paragraph or "never returns" in paragraph:
                    found.append({"module": "generated", "qualname": ident, "line": 0,
                                  "said": paragraph, "source": text})  # fmt: skip
    return found


def judge_generated(claim: dict[str, Any]) -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    exec(compile(str(claim["source"]), "<decorator>", "exec"), namespace)  # our own code
    target = namespace["target"]
    said = str(claim["said"])
    if "never returns its result" in said:
        return verdict(claim, "agreed" if target() is None else "disagreed", said[:100])
    wrapped = hasattr(target, "__wrapped__") and target.__name__ == "target"
    if said.startswith("⚠"):
        return verdict(claim, "disagreed" if wrapped else "agreed", said[:100])
    return verdict(claim, "agreed" if wrapped else "disagreed", said[:100])


def judge(claim: dict[str, Any]) -> dict[str, Any]:
    if claim["module"] == "generated":
        return judge_generated(claim)
    module = import_module(str(claim["module"]))
    if module is None:
        return verdict(claim, "unreachable")
    owner, _, name = str(claim["qualname"]).rpartition(".")
    holder = get_path(module, owner) if owner else module
    value = vars(holder).get(name) if isinstance(holder, type) else getattr(holder, name, None)
    value = getattr(value, "__func__", value)  # staticmethod / classmethod
    if value is None:
        return verdict(claim, "unreachable")
    wrapped = hasattr(value, "__wrapped__")
    said = str(claim["said"])
    if said.startswith("⚠"):
        return verdict(claim, "disagreed" if wrapped else "agreed", said[:100])
    return verdict(claim, "agreed" if wrapped else "disagreed", said[:100])


def judge_all(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [judge(claim) for claim in claims]


def select(targets: list[Any]) -> list[Any]:
    return [*targets, ("generated", "")]
