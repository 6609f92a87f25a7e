"""Oracle check ``metaclass``: which of a metaclass's methods run when, as the hover on
``metaclass=M`` states it, checked by running instrumented metaclasses.

The metaclasses are generated here (every combination of a few hooks and special
methods; our own code, not the user's): each method records its call, then the
judge builds the class, a subclass and two instances and applies the operations the
hover names.  Each row of the hover is one claim: ``__prepare__`` before the body,
``__new__``/``__init__`` once per class statement, ``__call__`` at each
instantiation, a ``__call__`` without ``super().__call__`` skipping ``C.__init__``,
special methods serving ``str(C)``... on the class and not on its instances, ordinary
methods callable on the class and not on instances, and subclasses sharing the hooks.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from typing import Any

from oracle_common import hover, verdict

HOOKS = {
    "__prepare__": "    @classmethod\n    def __prepare__(mcs, name, bases, **kw):\n"
    "        LOG.append('prepare')\n        return {}\n",
    "__new__": "    def __new__(mcs, name, bases, ns, **kw):\n        LOG.append('new')\n"
    "        return super().__new__(mcs, name, bases, ns)\n",
    "__init__": "    def __init__(cls, name, bases, ns, **kw):\n        LOG.append('init')\n"
    "        super().__init__(name, bases, ns)\n",
    "__call__": "    def __call__(cls, *args, **kw):\n        LOG.append('call')\n"
    "        return super().__call__(*args, **kw)\n",
    "__call__-no-super": "    def __call__(cls, *args, **kw):\n        LOG.append('call')\n"
    "        return object.__new__(cls)\n",
}
SPECIAL = {
    "__str__": ("return 'S'", "str({c})"),
    "__repr__": ("return 'R'", "repr({c})"),
    "__len__": ("return 3", "len({c})"),
    "__iter__": ("return iter(())", "iter({c})"),
    "__contains__": ("return True", "1 in {c}"),
    "__getitem__": ("return 1", "{c}[0]"),
    "__bool__": ("return False", "bool({c})"),
    "__instancecheck__": ("return True", "isinstance(1, {c})"),
    "__getattr__": ("return 1", "{c}.missing_name"),
    "__or__": ("return 1", "{c} | 1"),
}
PLAIN = "    def register(cls, x=None):\n        LOG.append('register')\n        return x\n"


def select(targets: list[Any]) -> list[tuple[str, str]]:
    return [("generated", "")]


def variants() -> list[tuple[str, str]]:
    """``(id, source)`` for each generated metaclass."""
    found = []
    hook_sets = [c for n in range(0, 3) for c in itertools.combinations(HOOKS, n)
                 if not ("__call__" in c and "__call__-no-super" in c)]  # fmt: skip
    specials = list(SPECIAL)
    for index, hooks in enumerate(hook_sets):
        special = [specials[(index + k) % len(specials)] for k in range(2)]
        body = "".join(HOOKS[h] for h in hooks)
        for name in special:
            code = SPECIAL[name][0]
            args = "cls, instance" if name == "__instancecheck__" else "cls, *a"
            body += f"    def {name}({args}):\n        LOG.append('{name}')\n        {code}\n"
        if index % 2:
            body += PLAIN
        source = (
            "LOG = []\n\n\nclass Meta(type):\n" + (body or "    pass\n") + "\n\n"
            "class Step(metaclass=Meta):\n    LOG.append('body')\n\n"
            "    def __init__(self):\n        LOG.append('Step.__init__')\n"
        )
        found.append(("+".join([*hooks, *special]) or "empty", source))
    return found


def claims(module: str, path: str) -> list[dict[str, Any]]:
    from pygloss.syntax.source import Source

    found = []
    for ident, text in variants():
        context = hover(Source(text), text.index("metaclass=Meta"))
        block = next((b for b in context or () if b.startswith("`Meta` builds")), "")
        for row in block.splitlines()[1:]:
            found.append({"module": "generated", "qualname": ident, "line": 0, "row": row,
                          "source": text})  # fmt: skip
        if not block:
            found.append({"module": "generated", "qualname": ident, "line": 0, "row": "",
                          "source": text})  # fmt: skip
    return found


def run(source: str) -> dict[str, Any]:
    """Build the class, a subclass and two instances, logging what runs when."""
    namespace: dict[str, Any] = {}
    exec(compile(source, "<metaclass>", "exec"), namespace)  # our generated code
    log: list[str] = namespace["LOG"]
    at_class = list(log)
    step = namespace["Step"]
    del log[:]
    step()
    step()
    at_calls = list(log)
    del log[:]
    sub = type(step)("Sub", (step,), {})
    at_subclass = list(log)
    return {"class": at_class, "calls": at_calls, "subclass": at_subclass, "Step": step,
            "Sub": sub, "log": log}  # fmt: skip


def judge(claim: dict[str, Any]) -> dict[str, Any]:
    row = str(claim["row"])
    if not row:
        return verdict(claim, "silent", "no metaclass context")
    seen = run(str(claim["source"]))
    step, log = seen["Step"], seen["log"]
    names = re.findall(r"`([^`]+)`", row)
    ok = True
    if row.startswith("- `__prepare__`"):
        ok = seen["class"][:2] == ["prepare", "body"]
    elif row.startswith("- `__new__`"):
        ok = seen["class"].count("new") == 1 and "new" not in seen["calls"]
    elif row.startswith("- `__init__`"):
        ok = seen["class"].count("init") == 1 and "init" not in seen["calls"]
        ok = ok and (
            "new" not in seen["class"] or seen["class"].index("new") < seen["class"].index("init")
        )
    elif row.startswith("- `__call__`"):
        ok = seen["calls"].count("call") == 2
    elif row.startswith("⚠ `Meta.__call__` never calls"):
        ok = "Step.__init__" not in seen["calls"]
    elif "serve" in row:
        for method in [n for n in names if n.startswith("__")]:
            operation = SPECIAL[method][1]
            del log[:]
            eval(operation.format(c="Step"), {"Step": step})  # our generated code
            on_class = method in log
            del log[:]
            with contextlib.suppress(Exception):  # isinstance(1, Step()) raises
                eval(operation.format(c="Step()"), {"Step": step})
            ok = ok and on_class and method not in log
    elif "callable on the class" in row:
        ok = hasattr(step, "register") and not hasattr(step(), "register")
    elif row.startswith("Subclasses of"):
        hooks = [h for h in ("new", "init") if h in seen["class"]]
        ok = type(seen["Sub"]) is type(step) and all(h in seen["subclass"] for h in hooks)
    elif row.startswith("- none of"):
        ok = not any(h in seen["class"] for h in ("new", "init")) and "call" not in seen["calls"]
    else:
        return verdict({**claim, "qualname": claim["qualname"]}, "disagreed", f"unread row {row!r}")
    return verdict(claim, "agreed" if ok else "disagreed", row)


def judge_all(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [judge(claim) for claim in claims]
