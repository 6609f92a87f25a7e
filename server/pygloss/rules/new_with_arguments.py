"""PG108: ``super().__new__(cls, *args)`` where the next ``__new__`` is ``object.__new__``.

``object.__new__`` accepts only the class once ``__new__`` is overridden; any other
argument raises ``TypeError`` as soon as a caller passes one.  Judged only when
every base class is defined in this file (or is ``object``), so ``tuple``, ``int``,
``type`` and imported bases, whose ``__new__`` does take arguments, stay silent.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._fixkit import may_be_caught
from pygloss.rules.base import Edit, Finding, Fix, FixSafety, Invalid, Rule, RuleContext, Valid


def _is_super_new(func: ast.expr) -> str | None:
    """``"super"`` / ``"object"`` for ``super().__new__`` / ``object.__new__``, else None."""
    if not isinstance(func, ast.Attribute) or func.attr != "__new__":
        return None
    target = func.value
    if isinstance(target, ast.Name) and target.id == "object":
        return "object"
    if (
        isinstance(target, ast.Call)
        and isinstance(target.func, ast.Name)
        and target.func.id == "super"
        and len(target.args) in (0, 2)
    ):
        return "super"
    return None


def _takes_arguments(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    args = function.args
    return bool(
        len(args.posonlyargs) + len(args.args) > 1 or args.vararg or args.kwarg or args.kwonlyargs
    )


def bases_new_takes_arguments(ctx: RuleContext, klass: ast.ClassDef) -> bool | None:
    """Whether a ``__new__`` up the bases takes arguments; None when a base is unknown."""
    seen: set[str] = set()
    stack = list(klass.bases)
    if klass.keywords:
        return None  # a metaclass or __init_subclass__ keywords: not judged
    while stack:
        base = stack.pop()
        if not isinstance(base, ast.Name):
            return None
        if base.id == "object" and "object" not in ctx.module_classes:
            continue
        parent = ctx.module_classes.get(base.id)
        if parent is None or parent.keywords:
            return None
        if base.id in seen:
            continue
        seen.add(base.id)
        for statement in parent.body:
            if (
                isinstance(statement, ast.FunctionDef)
                and statement.name == "__new__"
                and _takes_arguments(statement)
            ):
                return True
        stack.extend(parent.bases)
    return False


class NewWithArguments(Rule):
    code = "PG108"
    name = "object-new-with-arguments"
    message = "`object.__new__` takes only the class: extra arguments raise TypeError"
    fix_title = "Pass only the class to `__new__`"
    fix_safety = FixSafety.SAFE
    topic = "pg108-object-new-with-arguments"
    stubs = False  # a stub file never runs
    nodes = (ast.Call,)
    requires = ("__new__",)
    calls = frozenset({"__new__"})

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Call)
        kind = _is_super_new(node.func)
        if kind is None or (len(node.args) <= 1 and not node.keywords):
            return
        method = ctx.enclosing_function(node)
        klass = ctx.enclosing_class(node)
        if not isinstance(method, ast.FunctionDef) or method.name != "__new__" or klass is None:
            return
        if kind == "super" and bases_new_takes_arguments(ctx, klass) is not False:
            return
        outer = ctx.enclosing_function(klass)
        if isinstance(outer, ast.FunctionDef | ast.AsyncFunctionDef) and outer.name.startswith(
            "test"
        ):
            return  # a class made inside a test, to check exactly this TypeError
        spelled = "super().__new__" if kind == "super" else "object.__new__"
        message = (
            f"`{spelled}` here is `object.__new__`, which takes only the class: passing it "
            "the constructor's arguments raises TypeError as soon as one is given"
        )
        yield self.finding(ctx, node, message)

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        call = ctx.find_node(finding.start, finding.end, ast.Call)
        if call is None or not call.args or isinstance(call.args[0], ast.Starred):
            return None
        rest = [*call.args[1:], *call.keywords]
        start = ctx.span(call.args[0])[1]
        end = max(ctx.span(item)[1] for item in rest)
        # `object.__new__(cls, x)` raises whenever it runs with an argument, so only a
        # run that raised changes; `super().__new__` reaches another class's `__new__`
        # when a subclass (maybe in another module) adds a base: `class C(Single, int)`
        safe = _is_super_new(call.func) == "object" and not may_be_caught(call, ctx)
        safety = FixSafety.SAFE if safe else FixSafety.UNSAFE
        return Fix(self.fix_title or "", safety, (Edit(start, end, ""),))

    VALID = [
        Valid(
            "class Single:\n    _it = None\n\n    def __new__(cls, *args, **kwargs):\n"
            "        if cls._it is None:\n            cls._it = super().__new__(cls)\n"
            "        return cls._it\n",
        ),
        Valid(
            "class Point(tuple):\n    def __new__(cls, x, y):\n"
            "        return super().__new__(cls, (x, y))\n",
        ),
        Valid(
            "class Meta(type):\n    def __new__(mcls, name, bases, ns):\n"
            "        return super().__new__(mcls, name, bases, ns)\n",
        ),
        Valid(
            "class Base:\n    def __new__(cls, value):\n        return object.__new__(cls)\n\n"
            "class Child(Base):\n    def __new__(cls, value):\n"
            "        return super().__new__(cls, value)\n",
        ),
        Valid(
            "from lib import Model\n\nclass User(Model):\n    def __new__(cls, *a):\n"
            "        return super().__new__(cls, *a)\n",
        ),
        Valid("def make(cls, x):\n    return object.__new__(cls)\n"),
    ]
    INVALID = [
        Invalid(
            "class Single:\n    _it = None\n\n    def __new__(cls, *args, **kwargs):\n"
            "        if cls._it is None:\n"
            "            cls._it = super().__new__(cls, *args, **kwargs)\n"
            "        return cls._it\n",
            fixed="class Single:\n    _it = None\n\n    def __new__(cls, *args, **kwargs):\n"
            "        if cls._it is None:\n            cls._it = super().__new__(cls)\n"
            "        return cls._it\n",
        ),
        Invalid(
            "class Money(object):\n    def __new__(cls, amount):\n"
            "        return object.__new__(cls, amount)\n",
            fixed="class Money(object):\n    def __new__(cls, amount):\n"
            "        return object.__new__(cls)\n",
        ),
        Invalid(
            "class Base:\n    pass\n\nclass Cached(Base):\n    def __new__(cls, key, *, ttl=1):\n"
            "        return super(Cached, cls).__new__(cls, key, ttl=ttl)\n",
            fixed="class Base:\n    pass\n\nclass Cached(Base):\n"
            "    def __new__(cls, key, *, ttl=1):\n"
            "        return super(Cached, cls).__new__(cls)\n",
        ),
        Invalid(
            "class Node:\n    def __new__(cls, *args):\n        self = super().__new__(\n"
            "            cls,\n            *args,\n        )\n        return self\n",
            fixed="class Node:\n    def __new__(cls, *args):\n        self = super().__new__(\n"
            "            cls,\n        )\n        return self\n",
        ),
    ]
