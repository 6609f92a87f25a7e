"""Oracle check ``mro``: the MRO a class header's hover states vs ``cls.__mro__``.

Agreed: the same classes in the same order.  Said-unknown: the hover stops
("→ …") and every class it lists is the class at that position of ``__mro__``, and
the classes it says come later do come later.  Anything else is disagreed, and so
is a hover that reports an inconsistent MRO for a class that exists.
"""

from __future__ import annotations

import re
from typing import Any

from oracle_common import (
    CODE,
    hover,
    is_final,
    means,
    reach_class,
    reachable_classes,
    read_source,
    resolve_display,
    verdict,
)

LATER = re.compile(r"Later come (.*) \(in an order")


def claims(module: str, path: str) -> list[dict[str, Any]]:
    source = read_source(path)
    found = []
    for qualname, node, _ in reachable_classes(list(source.statements)):
        if not node.bases:
            continue
        context = hover(source, source.span(node)[0])
        claim: dict[str, Any] = {"module": module, "qualname": qualname, "line": node.lineno,
                                 "path": path}  # fmt: skip
        claim["ambiguous"] = not is_final(source, module, qualname, node)
        block = next((b for b in context or () if b.startswith(("MRO of", "⚠ No consistent"))), "")
        if block.startswith("⚠"):
            claim["inconsistent"] = True
        elif block:
            first = block.split("\n", 1)[0]
            chain = first.split("(C3): ", 1)[1]
            claim["chain"] = CODE.findall(chain)
            claim["stop"] = chain.endswith("→ …")
            later = LATER.search(block)
            claim["later"] = CODE.findall(later.group(1)) if later else []
            claim["why"] = block.split("the order is not known: ", 1)[-1].split("\n\n")[0]
            claim["why"] = claim["why"].split(". Later")[0]
        found.append(claim)
    return found


def judge(claim: dict[str, Any]) -> dict[str, Any]:
    klass = reach_class(claim)
    if klass is None:
        return verdict(claim, "unreachable")
    if claim.get("inconsistent"):
        return verdict(claim, "disagreed", "reported an inconsistent MRO")
    if "chain" not in claim:
        return verdict(claim, "silent", "no MRO in the hover")
    module = __import__("sys").modules.get(str(claim["module"]))
    truth = list(klass.__mro__)
    expected = [f"{k.__module__}.{k.__qualname__}" for k in truth]
    names = list(claim["chain"])
    fits = [i < len(truth) and means(n, truth[i], module) for i, n in enumerate(names)]
    if all(fits) and len(names) == len(truth) and not claim["stop"]:
        return verdict(claim, "agreed")
    if claim["stop"] and not fits[-1] and resolve_display(names[-1], module) is None:
        fits[-1] = len(names) <= len(truth)  # the unknown base, as written (`namedtuple(...)`)
    if claim["stop"] and all(fits):
        later = [resolve_display(name, module) for name in claim["later"]]
        if all(k in truth[len(names) :] for k in later):
            return verdict(claim, "said-unknown", why=_kind_of(claim["why"]))
    return verdict(claim, "disagreed", f"hover {names} stop={claim['stop']}; __mro__ {expected}")


def _kind_of(why: str) -> str:
    """The reason, with the names taken out (to count reasons)."""
    return re.sub(r"`[^`]*`", "X", why)


def judge_all(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [judge(claim) for claim in claims]
