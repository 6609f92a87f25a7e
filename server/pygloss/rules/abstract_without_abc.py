"""PG109: ``@abstractmethod`` in a class that is not an ABC: nothing is enforced.

``abstractmethod`` only marks the function; ``ABCMeta`` (the metaclass of ``ABC``)
is what refuses to instantiate a class with unimplemented abstract methods.  The
rule judges a class only when all its bases are defined in the same file (or are
``object``) and none has a metaclass keyword, and reports at the topmost class of
such a hierarchy that declares abstract methods.

Severity follows what the file shows.  A warning when the missing enforcement is
used: the class itself, or a class of this file derived from it that leaves an
abstract method unimplemented, is instantiated here (``Shape()``).  Otherwise a
hint: such a class is often a base meant for subclasses that all implement the
method, with the mark there for readers and type checkers, and whether some caller
instantiates an incomplete class is not in the file (ecosystem: 1 of 5 such bases
worth acting on).  A mix-in (a class named ``...Mixin``) is left alone: inheriting
``abc.ABC`` there would impose ``ABCMeta`` on every class that uses it (and clash
with their own metaclasses), and a missing method fails as soon as it is called.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._decorators import def_name_span
from pygloss.rules._fixkit import import_name
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

_ABSTRACT = frozenset(
    {
        "abc.abstractmethod",
        "abc.abstractproperty",
        "abc.abstractclassmethod",
        "abc.abstractstaticmethod",
    }
)
_ENFORCING = frozenset({"abc.ABC", "abc.ABCMeta"})


def abstract_methods(ctx: RuleContext, klass: ast.ClassDef) -> list[str]:
    names = []
    for statement in klass.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef) and any(
            ctx.qualified(d) in _ABSTRACT for d in statement.decorator_list
        ):
            names.append(statement.name)
    return names


def _ancestors(ctx: RuleContext, klass: ast.ClassDef) -> list[ast.ClassDef] | None:
    """In-file ancestors of *klass*; None when one is unknown, enforcing or has keywords."""
    found: list[ast.ClassDef] = []
    stack = list(klass.bases)
    while stack:
        base = stack.pop()
        if ctx.qualified(base) in _ENFORCING:
            return None
        if isinstance(base, ast.Name) and base.id == "object":
            continue
        parent = ctx.module_classes.get(base.id) if isinstance(base, ast.Name) else None
        if parent is None or parent.keywords or parent is klass:
            return None
        if parent not in found:
            found.append(parent)
            stack.extend(parent.bases)
    return found


def _defined(klass: ast.ClassDef) -> set[str]:
    """Names the class body defines (methods, attributes)."""
    names: set[str] = set()
    for statement in klass.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(statement.name)
        elif isinstance(statement, ast.Assign):
            names.update(t.id for t in statement.targets if isinstance(t, ast.Name))
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            names.add(statement.target.id)
    return names


def _incomplete_instance(
    ctx: RuleContext, klass: ast.ClassDef, methods: list[str]
) -> tuple[str, str, ast.Call] | None:
    """``(class, method, call)``: a class of this file (*klass* or one derived from
    it) that lacks an abstract method of *klass*, instantiated by *call* here."""
    family = {klass.name: klass}
    changed = True
    while changed:
        changed = False
        for other in ctx.module_classes.values():
            if other.name not in family and any(
                isinstance(b, ast.Name) and b.id in family for b in other.bases
            ):
                family[other.name] = other
                changed = True
    missing: dict[str, str] = {}
    for name, member in family.items():
        ancestors = _ancestors(ctx, member) if member is not klass else []
        if ancestors is None:
            continue  # a base from elsewhere may implement it
        defined = set().union(*(_defined(a) for a in ancestors if a is not klass))
        defined |= _defined(member) if member is not klass else set()
        lacking = [m for m in methods if m not in defined]
        if lacking:
            missing[name] = lacking[0]
    for node in ctx.source.walk():
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in missing
        ):
            return node.func.id, missing[node.func.id], node
    return None


class AbstractWithoutABC(Rule):
    code = "PG109"
    name = "abstractmethod-without-abc"
    message = "`@abstractmethod` in a class that is not an ABC: nothing is enforced"
    fix_title = "Inherit from `abc.ABC`"
    fix_safety = FixSafety.UNSAFE
    topic = "pg109-abstractmethod-without-abc"
    stubs = False  # a stub file never runs
    nodes = (ast.ClassDef,)
    requires = ("abstract",)

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.ClassDef)
        if node.keywords or getattr(node, "type_params", None):
            return
        methods = abstract_methods(ctx, node)
        if not methods:
            return
        ancestors = _ancestors(ctx, node)
        if ancestors is None or any(abstract_methods(ctx, a) for a in ancestors):
            return
        if node.name.lower().endswith("mixin"):
            return  # ABCMeta would be forced on every class that mixes it in
        start, end = def_name_span(ctx, node)
        message = (
            f"`{node.name}` marks `{methods[0]}` abstract but is not an ABC: nothing stops "
            "an instance of it, or of a subclass without the method"
        )
        used = _incomplete_instance(ctx, node, methods)
        if used is None:
            message += "; inherit from `abc.ABC` to have Python check it"
            yield Finding(self.code, message, start, end, Severity.HINT)
            return
        name, method, call = used
        where = ctx.source.line_label(ctx.span(call)[0])
        lacks = "" if name == node.name else f", which lacks `{method}`"
        message += f", and this file creates a `{name}` ({where}){lacks}; inherit from `abc.ABC`"
        yield Finding(self.code, message, start, end, self.severity)

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        definition = ctx.definition_at(finding.start)
        klass = next(
            (
                n
                for n in [definition]
                if isinstance(n, ast.ClassDef)
                and def_name_span(ctx, n) == (finding.start, finding.end)
            ),
            None,
        )
        if klass is None:
            return None
        spelling, import_edit = import_name(ctx.source, ctx.imports, "abc", "ABC", path=ctx.path)
        text = ctx.source.text
        objects = [b for b in klass.bases if isinstance(b, ast.Name) and b.id == "object"]
        if objects:
            start, end = ctx.span(objects[0])
            edit = Edit(start, end, spelling)
        elif klass.bases:
            end = ctx.span(klass.bases[-1])[1]
            edit = Edit(end, end, f", {spelling}")
        else:
            after = finding.end
            while after < len(text) and text[after] in " \t":
                after += 1
            if text[after : after + 1] == "(":
                close = text.find(")", after)
                if close < 0 or text[after + 1 : close].strip():
                    return None
                edit = Edit(after + 1, close, spelling)
            else:
                edit = Edit(finding.end, finding.end, f"({spelling})")
        edits = (import_edit, edit) if import_edit else (edit,)
        return Fix(self.fix_title or "", FixSafety.UNSAFE, edits)

    VALID = [
        Valid(
            "from abc import ABC, abstractmethod\n\nclass Shape(ABC):\n    @abstractmethod\n"
            "    def area(self): ...\n",
        ),
        Valid(
            "import abc\n\nclass Shape(metaclass=abc.ABCMeta):\n    @abc.abstractmethod\n"
            "    def area(self): ...\n",
        ),
        Valid(
            "from abc import ABC, abstractmethod\n\nclass Base(ABC):\n    pass\n\n"
            "class Shape(Base):\n    @abstractmethod\n    def area(self): ...\n",
        ),
        Valid(
            "from abc import abstractmethod\nfrom typing import Protocol\n\n"
            "class Shape(Protocol):\n    @abstractmethod\n    def area(self): ...\n",
        ),
        Valid(
            "from abc import abstractmethod\nfrom models import Base\n\nclass Shape(Base):\n"
            "    @abstractmethod\n    def area(self): ...\n",
        ),
        Valid("class Shape:\n    def area(self):\n        raise NotImplementedError\n"),
        # a mix-in: ABCMeta would be imposed on every class that uses it, and a missing
        # method fails when called (ecosystem: anyio's ContextManagerMixin)
        Valid(
            "from abc import abstractmethod\n\nclass ContextManagerMixin:\n"
            "    @abstractmethod\n    def __contextmanager__(self): ...\n\n"
            "    def __enter__(self):\n        return self.__contextmanager__().__enter__()\n",
        ),
        # a stub mirrors a runtime class that is not an ABC (typeshed's `tzinfo`)
        Valid(
            "from abc import abstractmethod\n\nclass tzinfo:\n"
            "    @abstractmethod\n    def tzname(self, dt): ...\n",
            path="datetime.pyi",
        ),
    ]
    INVALID = [
        Invalid(
            "from abc import abstractmethod\n\nclass Shape:\n    @abstractmethod\n"
            "    def area(self): ...\n",
            fixed="from abc import ABC, abstractmethod\n\nclass Shape(ABC):\n    @abstractmethod\n"
            "    def area(self): ...\n",
            severity="hint",
        ),
        Invalid(
            "import abc\n\nclass Shape(object):\n    @abc.abstractmethod\n"
            "    def area(self): ...\n",
            fixed="import abc\n\nclass Shape(abc.ABC):\n    @abc.abstractmethod\n"
            "    def area(self): ...\n",
            severity="hint",
        ),
        Invalid(
            "from abc import abstractmethod\n\nclass Mixin:\n    pass\n\n"
            "class Shape(Mixin):\n    @property\n    @abstractmethod\n    def area(self): ...\n",
            fixed="from abc import ABC, abstractmethod\n\nclass Mixin:\n    pass\n\n"
            "class Shape(Mixin, ABC):\n    @property\n    @abstractmethod\n"
            "    def area(self): ...\n",
            severity="hint",
        ),
        Invalid(
            "from abc import abstractmethod\n\nclass Shape():\n    @abstractmethod\n"
            "    def area(self): ...\n\nclass Square(Shape):\n    @abstractmethod\n"
            "    def side(self): ...\n",
            fixed="from abc import ABC, abstractmethod\n\nclass Shape(ABC):\n    @abstractmethod\n"
            "    def area(self): ...\n\nclass Square(Shape):\n    @abstractmethod\n"
            "    def side(self): ...\n",
            severity="hint",
        ),
        # the missing enforcement is used in this file: warnings
        Invalid(
            "from abc import abstractmethod\n\nclass Exporter:\n    @abstractmethod\n"
            "    def export(self, rows): ...\n\nclass CsvExporter(Exporter):\n"
            "    def header(self): ...\n\nexporter = CsvExporter()\n",
            fixed="from abc import ABC, abstractmethod\n\nclass Exporter(ABC):\n"
            "    @abstractmethod\n"
            "    def export(self, rows): ...\n\nclass CsvExporter(Exporter):\n"
            "    def header(self): ...\n\nexporter = CsvExporter()\n",
        ),
        Invalid(
            "import abc\n\nclass Plugin:\n    @abc.abstractmethod\n    def run(self): ...\n\n"
            "def default_plugin():\n    return Plugin()\n",
            fixed="import abc\n\nclass Plugin(abc.ABC):\n    @abc.abstractmethod\n"
            "    def run(self): ...\n\n"
            "def default_plugin():\n    return Plugin()\n",
        ),
    ]
