"""PG116: ``list()`` / ``dict()`` / ``tuple()`` with no arguments: use the literal.

``[]``, ``{}`` and ``()`` build the same empty object without looking up a name
and calling it (about twice as fast), and cannot be fooled by a shadowed name.
Left alone: shadowed names, defaults of parameters (PG101's business) and calls
inside f-string replacement fields (``f"{dict()}"`` cannot become ``f"{{}}"``).
Off by default: it is style, and Ruff's C408 (``unnecessary-collection-call``)
reports the same calls.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._fixkit import rebinds_module_name
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
)

_LITERALS = {"builtins.list": "[]", "builtins.dict": "{}", "builtins.tuple": "()"}


class EmptyCollectionCall(Rule):
    code = "PG116"
    name = "empty-collection-call"
    message = "Empty collection built by a call: the literal is faster and clearer"
    fix_title = "Use the literal (`[]`, `{}`, `()`)"
    fix_safety = FixSafety.SAFE
    topic = "pg116-empty-collection-call"
    stubs = False  # a stub file never runs
    severity = Severity.HINT
    # style, and Ruff's C408 already reports it: users run Ruff beside pygloss
    default_enabled = False
    nodes = (ast.Call,)
    statement_local = True  # audited: reads only its own statement, imports, qualified()
    requires = tuple(f"{name}({gap}" for name in ("list", "dict", "tuple") for gap in ")\n \t")
    calls = frozenset({"list", "dict", "tuple"})

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Call)
        if node.args or node.keywords or not isinstance(node.func, ast.Name):
            return
        if node.func.id not in ("list", "dict", "tuple"):
            return
        literal = _LITERALS.get(ctx.qualified(node.func) or "")
        if literal is None:
            return
        for ancestor in ctx.ancestors(node):
            if isinstance(ancestor, ast.arguments | ast.FormattedValue):
                return
            if isinstance(ancestor, ast.stmt):
                break
        message = f"`{node.func.id}()` builds an empty {node.func.id}: write `{literal}`"
        yield self.finding(ctx, node, message, literal=literal)

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        literal = finding.data.get("literal")
        call = ctx.find_node(finding.start, finding.end, ast.Call)
        if literal not in ("[]", "{}", "()") or call is None:
            return None
        assert isinstance(literal, str) and isinstance(call.func, ast.Name)
        # a comment between the parentheses stays, inside the brackets
        func_start, func_end = ctx.span(call.func)
        opening = ctx.source.text.index("(", func_end)
        inside = ctx.source.text[opening + 1 : finding.end - 1]
        edits: tuple[Edit, ...]
        if inside.strip():
            edits = (
                Edit(func_start, opening + 1, literal[0]),
                Edit(finding.end - 1, finding.end, literal[1]),
            )
        else:
            edits = (Edit(finding.start, finding.end, literal),)
        # a star import or a `global` assignment can rebind the name where the
        # module-level bindings do not show it
        safe = not rebinds_module_name(ctx, call.func.id)
        return Fix(self.fix_title or "", FixSafety.SAFE if safe else FixSafety.UNSAFE, edits)

    VALID = [
        Valid("items = []\nindex = {}\nempty = ()\n"),
        Valid("copy = list(items)\nd = dict(a=1)\nt = tuple(x for x in y)\n"),
        Valid("def list():\n    return 1\n\nx = list()\n"),
        Valid("from collections import defaultdict\n\ncounts = defaultdict(list)\n"),
        Valid("s = set()\nf = frozenset()\n"),
        Valid("print(f'{dict()}')\n"),
        Valid("def f(x=list()):\n    return x\n"),
    ]
    INVALID = [
        Invalid("items = list()\n", fixed="items = []\n"),
        Invalid("index = dict()\nempty = tuple()\n", fixed="index = {}\nempty = ()\n"),
        Invalid(
            "def f():\n    seen = dict()\n    return seen\n",
            fixed="def f():\n    seen = {}\n    return seen\n",
        ),
        Invalid(
            "result = {'a': list(), 'b': dict( )}\n",
            fixed="result = {'a': [], 'b': {}}\n",
        ),
        Invalid("x = (list(), 1)\n", fixed="x = ([], 1)\n"),
    ]
