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

RUNS = re.compile(r"`super\(\)\.(\w+)` in `([\w.]+)` (?:runs|finds|runs is) (.*) \(MRO")
WHAT = re.compile(r"What `super\(\)\.(\w+)` in `([\w.]+)` runs is not known: (.*) \(MRO")
FOR = re.compile(r"For a `([\w.]+)` instance it runs (.*) instead\.")
OVERRIDES = re.compile(r"`[\w.]+\.(\w+)` overrides (.*); `super\(\)")
NONE_OVERRIDE = re.compile(r"`[\w.]+\.(\w+)` overrides (`[^`]+`, which is `None`)")
NOT_KNOWN = re.compile(
    r"(?:Which `(\w+)` `[\w.]+` overrides|Whether `[\w.]+\.(\w+)` overrides another `\w+`) "
    r"is not known: (.*)"
)


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
                    match = (
                        OVERRIDES.search(block)
                        or NONE_OVERRIDE.search(block)
                        or NOT_KNOWN.search(block)
                    )
                    if match:
                        name, answer = match.group(1), match.group(match.re.groups)
                        if match.re is NOT_KNOWN:
                            name, answer = name or match.group(2), "not known: " + answer
                        found.append({**base, "line": method.lineno, "method": name,
                                      "owner": qualname, "answer": answer})  # fmt: skip
            for call, attribute in _super_calls(method):
                context = hover(source, source.span(call)[0]) or ()
                for block in context:
                    for line in block.split("\n\n"):
                        unknown = WHAT.search(line)
                        here = unknown or RUNS.search(line)
                        if here:
                            answer = (
                                here.group(3) if unknown is None else "not known: " + here.group(3)
                            )
                            found.append({**base, "line": call.lineno, "method": here.group(1),
                                          "owner": qualname, "answer": answer})  # fmt: skip
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
    answer = str(claim["answer"])
    return _judge_answer(claim, answer, method, mro, start, found, module)


def _judge_answer(claim: dict[str, Any], answer: str, method: str, mro: list[type],
                  start: int, found: int | None, module: Any) -> dict[str, Any]:  # fmt: skip
    """*answer* forms (``Lookup`` in engine/explainers/mro.py): "`D.m` next",
    "`D.m`, unless `X` or a class between them has its own", "no `m`"/"nothing",
    "a class after `K`, not known here", "not known: ... `X` may hold ...".
    """
    truth = "nothing" if found is None else f"{mro[found].__module__}.{mro[found].__qualname__}"

    def position(name: str) -> int | None:
        return next((i for i in range(start - 1, len(mro)) if means(name, mro[i], module)), None)

    if answer.startswith(("no `", "nothing")):
        ok = found is None
        return verdict(claim, "agreed" if ok else "disagreed", f"said nothing; is {truth}")
    names = CODE.findall(answer)
    if answer.startswith("`") and names and names[0].endswith("." + method):
        definer = position(names[0][: -len(method) - 1])
        if definer is None:
            return verdict(claim, "disagreed", f"{names[0]} not in the MRO")
        said_none = "which is `None`" in answer
        if said_none and (found is None or vars(mro[found]).get(method, 0) is not None):
            return verdict(claim, "disagreed", f"said {names[0]} is None; is {truth}")
        if ", unless `" not in answer:
            ok = found == definer
            return verdict(claim, "agreed" if ok else "disagreed", f"said {names[0]}; is {truth}")
        doubt = position(names[1])
        ok = doubt is not None and found is not None and doubt <= found <= definer
        detail = f"said {names[0]} unless {names[1]}; is {truth}"
        return verdict(claim, "said-unknown" if ok else "disagreed", detail, why="unless X")
    if "not known" in answer or "a class after" in answer:
        return _judge_not_known(claim, answer, found, truth, position, start)
    if "bases are not known" in answer or "or a class after it" in answer:
        return verdict(claim, "said-unknown", why="X or a class after it")
    return verdict(claim, "disagreed", f"cannot read {answer!r}")


# what stops a search that found nothing certain, as ``Lookup.searched`` says it:
# the class itself may hold the method (X is not known, X may hold), or only a
# class after it may (the MRO is not known after X, a class after X)
_AT = re.compile(r"`([^`]+)` (?:is not known here|may hold methods|or a class after it)")
_AFTER = re.compile(r"(?:the MRO is not known after|a class after) `([^`]+)`")
_READ = re.compile(r"(?:none of (.*?) defines `\w+`|(`[^`]+`) does not define `\w+`) in its source")


def _judge_not_known(claim: dict[str, Any], answer: str, found: int | None, truth: str,
                     position: Any, start: int) -> dict[str, Any]:  # fmt: skip
    """A search that stopped: the classes it read do not hold the method, none before
    where it stopped does, and the fallback ``object.m`` (when named) exists."""
    text, _, fallback = answer.partition("; it is `object.")
    if fallback and found is None:
        return verdict(claim, "disagreed", f"said object has it; is {truth}")
    for group in _READ.findall(text):
        for name in CODE.findall(" ".join(group)):
            if name != "…" and found is not None and position(name) == found:
                return verdict(claim, "disagreed", f"said {name} does not define it")
    bounds = [p for p in (position(n) for n in _AT.findall(text)) if p is not None]
    bounds += [p + 1 for p in (position(n) for n in _AFTER.findall(text)) if p is not None]
    bound = min(bounds) if bounds else start
    ok = found is None or found >= bound
    why = re.sub(r"`[^`]*`", "X", answer.split(": ", 1)[-1])[:80]
    return verdict(claim, "said-unknown" if ok else "disagreed", f"{answer}; is {truth}", why=why)


def judge_all(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [judge(claim) for claim in claims]
