"""Oracle check ``super``: which class's method ``super().m`` runs next, and which
method a special method overrides, vs the first class after it in ``__mro__`` whose
``__dict__`` holds the name.

A certain answer (``X.m`` or "nothing") must name that class; a partial one ("`X` or
a class after it", "a class after `X`") must not pass it: X is at or before it.
Also checked: the "For a `D` instance it runs ..." lines for subclasses of the file.
"""

from __future__ import annotations

import ast
import re
import sys
from typing import Any

from oracle_common import (
    CODE,
    FUNCS,
    get_path,
    hover,
    is_final,
    means,
    reach_class,
    reachable_classes,
    read_source,
    verdict,
)

RUNS = re.compile(r"`super\(\)\.(\w+)` in `([\w.]+)` runs (.*) next \(MRO")
FOR = re.compile(r"For a `([\w.]+)` instance it runs (.*) instead\.")
OVERRIDES = re.compile(r"`[\w.]+\.(\w+)` overrides (.*); `super\(\)")


def claims(module: str, path: str) -> list[dict[str, Any]]:
    source = read_source(path)
    found: list[dict[str, Any]] = []
    for qualname, node, _ in reachable_classes(list(source.statements)):
        if not node.bases:
            continue
        final = is_final(source, module, qualname, node)
        base = {"module": module, "qualname": qualname, "path": path, "ambiguous": not final}
        for method in node.body:
            if not isinstance(method, FUNCS):
                continue
            if method.name.startswith("__") and method.name.endswith("__"):
                start = source.span(method)[0]
                offset = source.text.index(method.name, start)
                for block in hover(source, offset) or ():
                    match = OVERRIDES.search(block)
                    if match:
                        found.append({**base, "line": method.lineno, "method": match.group(1),
                                      "owner": qualname, "answer": match.group(2)})  # fmt: skip
            for call, attribute in _super_calls(method):
                context = hover(source, source.span(call)[0]) or ()
                for block in context:
                    for line in block.split("\n\n"):
                        here = RUNS.search(line)
                        if here:
                            found.append({**base, "line": call.lineno, "method": here.group(1),
                                          "owner": qualname, "answer": here.group(3)})  # fmt: skip
                        other = FOR.search(line)
                        if other and here is None:
                            found.append({**base, "line": call.lineno, "owner": qualname,
                                          "method": attribute, "instance": other.group(1),
                                          "answer": other.group(2)})  # fmt: skip
    return found


def _super_calls(method: ast.AST) -> list[tuple[ast.Call, str]]:
    """Each ``super().name`` in *method* (not in nested defs), with the name."""
    calls: list[tuple[ast.Call, str]] = []
    stack = list(ast.iter_child_nodes(method))
    while stack:
        node = stack.pop()
        if isinstance(node, (*FUNCS, ast.ClassDef, ast.Lambda)):
            continue
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name)
            and node.value.func.id == "super"
            and not node.value.args
        ):
            calls.append((node.value, node.attr))
        stack.extend(ast.iter_child_nodes(node))
    return sorted(calls, key=lambda c: (c[0].lineno, c[0].col_offset))


def judge(claim: dict[str, Any]) -> dict[str, Any]:
    owner = reach_class(claim)
    if owner is None:
        return verdict(claim, "unreachable")
    module = sys.modules.get(str(claim["module"]))
    klass = owner
    if "instance" in claim:
        klass = get_path(module, str(claim["instance"]))
        if not isinstance(klass, type):
            return verdict(claim, "unreachable")
    mro = list(klass.__mro__)
    if owner not in mro:
        return verdict(claim, "disagreed", f"{klass} does not inherit from {owner}")
    start = mro.index(owner) + 1
    method = str(claim["method"])
    found = next((i for i in range(start, len(mro)) if method in vars(mro[i])), None)
    truth = "nothing" if found is None else f"{mro[found].__module__}.{mro[found].__qualname__}"
    answer = str(claim["answer"])
    names = CODE.findall(answer)
    if answer.startswith("nothing"):
        ok = found is None
        return verdict(claim, "agreed" if ok else "disagreed", f"said nothing; is {truth}")
    if not names:
        return verdict(claim, "disagreed", f"cannot read {answer!r}")
    shown = names[0]
    if " or a class after it" in answer or answer.startswith("a class after"):
        after = answer.startswith("a class after")
        first = start - 1 if after else start
        position = next((i for i in range(first, len(mro)) if means(shown, mro[i], module)), None)
        if position is None and "bases are not known" in answer:
            position = start  # an unknown base as written (`namedtuple(...)`): not checkable
        if position is None:
            return verdict(claim, "disagreed", f"{shown} not in the MRO; {answer}")
        limit = position + 1 if after else position
        if found is not None and found < limit:
            return verdict(claim, "disagreed", f"{answer}; but {truth} defines it")
        return verdict(claim, "said-unknown", why=re.sub(r"`[^`]*`", "X", answer))
    if not shown.endswith("." + method):
        return verdict(claim, "disagreed", f"cannot read {answer!r}")
    definer = shown[: -len(method) - 1]
    if found is not None and means(definer, mro[found], module):
        return verdict(claim, "agreed")
    return verdict(claim, "disagreed", f"said {shown}; is {truth}.{method}")


def judge_all(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [judge(claim) for claim in claims]
