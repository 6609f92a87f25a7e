"""PG111: a dataclass field with a mutable default (``items: list = []``).

``@dataclass`` refuses unhashable defaults (lists, dicts, sets, unfrozen dataclass
instances...) with ``ValueError: mutable default ... is not allowed`` when the class
is created; each instance needs its own object from ``field(default_factory=...)``.
``ClassVar`` and ``InitVar`` annotations are not fields and are left alone.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._fixkit import import_name, may_be_caught, rebinds_module_name
from pygloss.rules._values import MUTABLE_DISPLAYS, is_mutable
from pygloss.rules.base import Edit, Finding, Fix, FixSafety, Invalid, Rule, RuleContext, Valid

_NOT_FIELDS = frozenset({"typing.ClassVar", "dataclasses.InitVar", "typing_extensions.ClassVar"})
_FACTORIES = {ast.List: "list", ast.Dict: "dict", ast.Set: "set"}


def dataclass_options(ctx: RuleContext, klass: ast.ClassDef) -> dict[str, object] | None:
    """The keyword options of a ``@dataclass`` decorator (``{}`` when bare), else None."""
    for decorator in klass.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if ctx.qualified(target) == "dataclasses.dataclass":
            if not isinstance(decorator, ast.Call):
                return {}
            return {
                k.arg: k.value.value
                for k in decorator.keywords
                if k.arg and isinstance(k.value, ast.Constant)
            }
    return None


def _unhashable_instance(ctx: RuleContext, value: ast.expr) -> bool:
    """A call creating an instance of an unfrozen ``@dataclass`` of this file."""
    if not isinstance(value, ast.Call) or not isinstance(value.func, ast.Name):
        return False
    klass = ctx.module_classes.get(value.func.id)
    options = dataclass_options(ctx, klass) if klass is not None else None
    if options is None:
        return False
    return not (options.get("frozen") or options.get("unsafe_hash") or options.get("eq") is False)


def _is_field_call(ctx: RuleContext, value: ast.expr) -> bool:
    return isinstance(value, ast.Call) and ctx.qualified(value.func) == "dataclasses.field"


def _not_a_field(ctx: RuleContext, annotation: ast.expr) -> bool:
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        return annotation.value.strip().startswith(("ClassVar", "typing.ClassVar", "InitVar"))
    target = annotation.value if isinstance(annotation, ast.Subscript) else annotation
    return ctx.qualified(target) in _NOT_FIELDS


def mutable_default(ctx: RuleContext, value: ast.expr) -> ast.expr | None:
    """The mutable default expression of a field's value (inside ``field(default=...)``)."""
    if _is_field_call(ctx, value):
        assert isinstance(value, ast.Call)
        for keyword in value.keywords:
            if keyword.arg == "default":
                return mutable_default(ctx, keyword.value)
        return None
    if is_mutable(value, ctx) or _unhashable_instance(ctx, value):
        return value
    return None


_ALWAYS_REFUSED = frozenset({"builtins.list", "builtins.dict", "builtins.set"})


def _always_refused(ctx: RuleContext, default: ast.expr) -> bool:
    """Whether every Python ``@dataclass`` refuses *default* at class creation, where
    nothing in the same body can catch the ValueError (the basis of the safe fix).

    Lists, dicts and sets are refused by every version; other unhashable values
    (``deque()``, ``bytearray()``, dataclass instances) only since Python 3.11, so
    on an older Python the original ran, sharing one object, and the fix changes it.
    """
    if isinstance(default, ast.Call):
        name = default.func.id if isinstance(default.func, ast.Name) else None
        if ctx.qualified(default.func) not in _ALWAYS_REFUSED or name is None:
            return False
        if rebinds_module_name(ctx, name):
            return False
    elif not isinstance(default, MUTABLE_DISPLAYS):
        return False
    return not may_be_caught(default, ctx)


class DataclassMutableDefault(Rule):
    code = "PG111"
    name = "dataclass-mutable-default"
    message = "Mutable default for a dataclass field: raises ValueError when the class is created"
    fix_title = "Use `field(default_factory=...)`"
    fix_safety = FixSafety.SAFE
    topic = "pg111-dataclass-mutable-default"
    stubs = False  # a stub file never runs
    nodes = (ast.ClassDef,)
    requires = ("dataclass",)
    statement_local = True  # audited: its class, module_classes headers, qualified()

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.ClassDef)
        if dataclass_options(ctx, node) is None:
            return
        for statement in node.body:
            if not isinstance(statement, ast.AnnAssign) or statement.value is None:
                continue
            if not isinstance(statement.target, ast.Name) or _not_a_field(
                ctx, statement.annotation
            ):
                continue
            default = mutable_default(ctx, statement.value)
            if default is None:
                continue
            text = ctx.source.segment(default)
            shown = text if len(text) <= 30 and "\n" not in text else "..."
            message = (
                f"Mutable default `{shown}` for dataclass field `{statement.target.id}`: "
                "`@dataclass` raises ValueError at class creation (and one object would be "
                "shared by all instances); use `field(default_factory=...)`"
            )
            yield self.finding(ctx, statement.value, message)

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        value = ctx.find_node(finding.start, finding.end, ast.expr)
        if value is None:
            return None
        default = mutable_default(ctx, value)
        if default is None:
            return None
        factory = self._factory(ctx, default)
        safety = FixSafety.SAFE if _always_refused(ctx, default) else FixSafety.UNSAFE
        if _is_field_call(ctx, value):
            assert isinstance(value, ast.Call)
            keyword = next(k for k in value.keywords if k.arg == "default")
            start, end = ctx.span(keyword)
            return Fix(
                self.fix_title or "", safety, (Edit(start, end, f"default_factory={factory}"),)
            )
        spelling, import_edit = import_name(
            ctx.source, ctx.imports, "dataclasses", "field", path=ctx.path
        )
        edit = Edit(finding.start, finding.end, f"{spelling}(default_factory={factory})")
        return Fix(self.fix_title or "", safety, (import_edit, edit) if import_edit else (edit,))

    def _factory(self, ctx: RuleContext, default: ast.expr) -> str:
        empty = type(default) in _FACTORIES and not (
            getattr(default, "elts", None) or getattr(default, "keys", None)
        )
        if empty:
            return _FACTORIES[type(default)]
        if isinstance(default, ast.Call) and not default.args and not default.keywords:
            return ctx.source.segment(default.func)
        return f"lambda: {ctx.source.segment(default)}"

    VALID = [
        Valid(
            "from dataclasses import dataclass, field\n\n@dataclass\nclass Cart:\n"
            "    items: list[str] = field(default_factory=list)\n",
        ),
        Valid(
            "from dataclasses import dataclass\nfrom typing import ClassVar\n\n@dataclass\n"
            "class Cart:\n    registry: ClassVar[dict[str, int]] = {}\n",
        ),
        Valid(
            "from dataclasses import dataclass\n\n@dataclass(frozen=True)\nclass Point:\n"
            "    x: int = 0\n\n@dataclass\nclass Line:\n    start: Point = Point()\n",
        ),
        Valid("class Plain:\n    items: list = []\n"),
        Valid(
            "from dataclasses import dataclass\n\n@dataclass\nclass Cart:\n"
            "    tags: tuple[str, ...] = ()\n    name: str = 'cart'\n",
        ),
        Valid("from pydantic import BaseModel\n\nclass Cart(BaseModel):\n    items: list = []\n"),
    ]
    INVALID = [
        Invalid(
            "from dataclasses import dataclass\n\n@dataclass\nclass Cart:\n"
            "    items: list[str] = []\n",
            fixed="from dataclasses import dataclass, field\n\n@dataclass\nclass Cart:\n"
            "    items: list[str] = field(default_factory=list)\n",
        ),
        Invalid(
            "import dataclasses\n\n@dataclasses.dataclass(order=True)\nclass Index:\n"
            "    pages: dict = {}\n    seen: set = set()\n",
            fixed="import dataclasses\n\n@dataclasses.dataclass(order=True)\nclass Index:\n"
            "    pages: dict = dataclasses.field(default_factory=dict)\n"
            "    seen: set = dataclasses.field(default_factory=set)\n",
        ),
        Invalid(
            "from dataclasses import dataclass, field\n\n@dataclass\nclass Cart:\n"
            "    items: list = field(default=[1, 2], repr=False)\n",
            fixed="from dataclasses import dataclass, field\n\n@dataclass\nclass Cart:\n"
            "    items: list = field(default_factory=lambda: [1, 2], repr=False)\n",
        ),
        Invalid(
            "from collections import deque\nfrom dataclasses import dataclass\n\n@dataclass\n"
            "class Queue:\n    waiting: deque = deque()\n",
            fixed="from collections import deque\nfrom dataclasses import dataclass, field\n\n"
            "@dataclass\nclass Queue:\n    waiting: deque = field(default_factory=deque)\n",
        ),
        Invalid(
            "from dataclasses import dataclass\n\n@dataclass\nclass Point:\n    x: int = 0\n\n"
            "@dataclass\nclass Line:\n    start: Point = Point()\n",
            fixed="from dataclasses import dataclass, field\n\n@dataclass\nclass Point:\n"
            "    x: int = 0\n\n@dataclass\nclass Line:\n"
            "    start: Point = field(default_factory=Point)\n",
        ),
    ]
