"""Oracle check ``slots``: whether instances of a class that sets ``__slots__`` still
get a ``__dict__``, as the hover on ``__slots__`` says, vs ``cls.__dictoffset__``
(non-zero when instances have one).  Said-unknown: the hover says it cannot tell."""

from __future__ import annotations

import ast
from typing import Any

from oracle_common import hover, is_final, reach_class, reachable_classes, read_source, verdict


def claims(module: str, path: str) -> list[dict[str, Any]]:
    source = read_source(path)
    found = []
    for qualname, node, _ in reachable_classes(list(source.statements)):
        for statement in node.body:
            targets = statement.targets if isinstance(statement, ast.Assign) else []
            slot = next(
                (t for t in targets if isinstance(t, ast.Name) and t.id == "__slots__"), None
            )
            if slot is None:
                continue
            context = hover(source, source.span(slot)[0]) or ()
            said = next((b for b in context if b.startswith(("Instances of", "Whether"))), "")
            found.append({"module": module, "qualname": qualname, "line": node.lineno,
                          "path": path, "said": said,
                          "ambiguous": not is_final(source, module, qualname, node)})  # fmt: skip
    return found


def judge(claim: dict[str, Any]) -> dict[str, Any]:
    klass = reach_class(claim)
    if klass is None:
        return verdict(claim, "unreachable")
    said = str(claim["said"])
    has_dict = klass.__dictoffset__ != 0
    if said.startswith("Whether"):
        return verdict(claim, "said-unknown", why="not known")
    if "still get a `__dict__`" in said:
        return verdict(claim, "agreed" if has_dict else "disagreed", said[:120])
    if "have no `__dict__`" in said:
        return verdict(claim, "disagreed" if has_dict else "agreed", said[:120])
    return verdict(claim, "silent", "no slots context")


def judge_all(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [judge(claim) for claim in claims]
