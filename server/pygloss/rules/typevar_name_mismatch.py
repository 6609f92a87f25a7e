"""PG114: ``T = TypeVar("U")``: the name given to TypeVar differs from the variable.

In test code (a test file, or a file under a ``tests`` folder) the finding is a
hint: tests build type variables and NewTypes to exercise them at run time, where
the name shows at most in a repr, and are seldom type-checked (ecosystem: 3 test
findings, none worth acting on; 2 of them a copy-paste slip with no effect).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._decorators import in_test_code
from pygloss.rules.base import (
    Edit,
    Finding,
    Fix,
    FixSafety,
    Invalid,
    Rule,
    RuleContext,
    Severity,
    Valid,
    tail_name,
)

_NAMES = frozenset({"TypeVar", "ParamSpec", "TypeVarTuple", "NewType"})
_FACTORIES = frozenset(
    f"{module}.{name}"
    for module in ("typing", "typing_extensions")
    for name in ("TypeVar", "ParamSpec", "TypeVarTuple", "NewType")
)


class TypeVarNameMismatch(Rule):
    code = "PG114"
    name = "typevar-name-mismatch"
    message = "The name passed to TypeVar differs from the variable it is assigned to"
    fix_title = "Use the variable's name"
    fix_safety = FixSafety.UNSAFE
    topic = "pg114-typevar-name-mismatch"
    nodes = (ast.Assign, ast.AnnAssign)
    statement_local = True  # audited: reads only its own statement, imports, qualified()
    requires = tuple(sorted(_NAMES))

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Assign | ast.AnnAssign)
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        value = node.value
        if len(targets) != 1 or not isinstance(targets[0], ast.Name):
            return
        if not isinstance(value, ast.Call) or not value.args:
            return
        if tail_name(value.func) not in ctx.aliases(_NAMES):
            return
        factory = ctx.qualified(value.func)
        first = value.args[0]
        if factory not in _FACTORIES or not isinstance(first, ast.Constant):
            return
        variable = targets[0].id
        if not isinstance(first.value, str) or first.value == variable:
            return
        if "." in first.value:
            return  # a qualified name on purpose: NewType("Outer.Inner", ...)
        kind = factory.rsplit(".", 1)[-1]
        message = (
            f'`{variable} = {kind}("{first.value}")`: the name must match the variable; type '
            f"checkers reject it and error messages and `repr` show `{first.value}`"
        )
        severity = Severity.HINT if in_test_code(ctx) else None
        yield self.finding(ctx, first, message, severity=severity, name=variable)

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        name = finding.data.get("name")
        text = ctx.source.text[finding.start : finding.end]
        if not isinstance(name, str) or len(text) < 2 or text[0] not in "'\"":
            return None
        quote = text[0]
        if not text.endswith(quote) or text[1:2] == quote:  # prefixes, triple quotes: decline
            return None
        edit = Edit(finding.start, finding.end, f"{quote}{name}{quote}")
        return Fix(self.fix_title or "", FixSafety.UNSAFE, (edit,))

    VALID = [
        Valid('from typing import TypeVar\n\nT = TypeVar("T")\n'),
        Valid('from typing import TypeVar\n\nT_co = TypeVar("T_co", covariant=True)\n'),
        Valid(
            'import typing\n\nP = typing.ParamSpec("P")\nUserId = typing.NewType("UserId", int)\n'
        ),
        Valid('from mylib import TypeVar\n\nT = TypeVar("U")\n'),
        Valid('from typing import TypeVar\n\nA = B = TypeVar("A")\n'),
        Valid('from typing import TypeVar\n\nname = "T"\nT = TypeVar(name)\n'),
    ]
    INVALID = [
        Invalid(
            'from typing import TypeVar\n\nT = TypeVar("U")\n',
            fixed='from typing import TypeVar\n\nT = TypeVar("T")\n',
        ),
        Invalid(
            "import typing\n\nT_co = typing.TypeVar('T', covariant=True)\n",
            fixed="import typing\n\nT_co = typing.TypeVar('T_co', covariant=True)\n",
        ),
        Invalid(
            'from typing_extensions import ParamSpec\n\nP = ParamSpec("Params")\n',
            fixed='from typing_extensions import ParamSpec\n\nP = ParamSpec("P")\n',
        ),
        Invalid(
            'from typing import NewType\n\nUserId = NewType("UserID", int)\n',
            fixed='from typing import NewType\n\nUserId = NewType("UserId", int)\n',
        ),
        Invalid(
            'from typing import TypeVar, TypeAlias\n\nKey: TypeAlias = TypeVar("K", bound=str)\n',
            fixed="from typing import TypeVar, TypeAlias\n\n"
            'Key: TypeAlias = TypeVar("Key", bound=str)\n',
        ),
        # in a test: a hint (CPython's test_types, SQLAlchemy's typed-mapping tests)
        Invalid(
            'from typing import TypeVar\n\n\ndef test_union():\n    TV = TypeVar("T")\n'
            "    assert (TV | int).__args__ == (TV, int)\n",
            fixed='from typing import TypeVar\n\n\ndef test_union():\n    TV = TypeVar("TV")\n'
            "    assert (TV | int).__args__ == (TV, int)\n",
            path="test_types.py",
            severity="hint",
        ),
    ]
