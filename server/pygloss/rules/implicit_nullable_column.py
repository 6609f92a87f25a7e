"""PG405 (opt-in): a SQLAlchemy ``Column(...)`` that says neither ``nullable=`` nor
``primary_key=True`` — it accepts NULL, whether or not that was meant.

Also an untyped ``x = mapped_column(...)`` (no annotation).  Not flagged:
``mapped_column`` with a ``Mapped[...]`` annotation, whose nullability follows the
annotation (``Mapped[str]`` is NOT NULL, ``Mapped[str | None]`` allows NULL), a
``mapped_column`` inside ``composite(...)`` (it follows the composite's field
types), and calls with ``**options``.  A ``Column(...)`` stays nullable even under
a ``Mapped[str]`` annotation, so it is flagged there too.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._flow import qualified_in
from pygloss.rules.base import Finding, Invalid, Rule, RuleContext, Severity, Valid
from pygloss.syntax.names import dotted_name

COLUMNS = frozenset(
    {"sqlalchemy.Column", "sqlalchemy.schema.Column", "sqlalchemy.sql.schema.Column"}
)
MAPPED_COLUMNS = frozenset({"sqlalchemy.orm.mapped_column"})
_FLASK_DB = frozenset({"flask_sqlalchemy.SQLAlchemy"})


class ImplicitNullableColumn(Rule):
    code = "PG405"
    name = "implicit-nullable-column"
    message = "Column is nullable by default: say nullable=False (or nullable=True) explicitly"
    severity = Severity.HINT
    default_enabled = False
    topic = "pg405-implicit-nullable-column"
    stubs = False  # a stub file never runs
    nodes = (ast.Call,)
    requires = ("sqlalchemy",)  # Column / mapped_column / flask_sqlalchemy
    statement_local = True  # audited: its statement, imports, top-level assignments

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Call)
        if not isinstance(node.func, ast.Name | ast.Attribute):
            return
        short = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
        if short not in ("Column", "mapped_column"):
            return
        kind = self._kind(node.func, ctx)
        if kind is None or _explicit(node):
            return
        if kind in MAPPED_COLUMNS and not _untyped_attribute(node, ctx):
            return
        yield self.finding(
            ctx,
            node.func,
            f"`{dotted_name(node.func)}(...)` without `nullable=` accepts NULL (columns are "
            "nullable by default unless they are a primary key); write `nullable=False` if a "
            "value is required, or `nullable=True` to say NULL is fine",
        )

    def _kind(self, func: ast.expr, ctx: RuleContext) -> str | None:
        found = qualified_in(func, ctx, COLUMNS | MAPPED_COLUMNS)
        if found is not None:
            return found
        if isinstance(func, ast.Attribute) and func.attr == "Column":
            owner = func.value
            if isinstance(owner, ast.Name) and _is_flask_db(owner.id, ctx):
                return "flask_sqlalchemy.Column"
        return None

    VALID = [
        Valid(
            "from sqlalchemy import Column, Integer, String\n"
            "from sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n\n\n"
            "class User(Base):\n    __tablename__ = 'users'\n"
            "    id = Column(Integer, primary_key=True)\n"
            "    email = Column(String(255), nullable=False, unique=True)\n"
            "    nickname = Column(String(50), nullable=True)\n"
        ),
        Valid(
            "from sqlalchemy import ForeignKey, String\n"
            "from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\n\n\n"
            "class Base(DeclarativeBase):\n    pass\n\n\n"
            "class Order(Base):\n    __tablename__ = 'orders'\n"
            "    id: Mapped[int] = mapped_column(primary_key=True)\n"
            "    reference: Mapped[str] = mapped_column(String(32))\n"
            "    note: Mapped[str | None] = mapped_column(String(200))\n"
            "    user_id: Mapped[int] = mapped_column(ForeignKey('users.id'))\n"
        ),
        Valid(
            "import sqlalchemy as sa\n\n\ndef upgrade(op):\n"
            "    op.add_column('users', sa.Column('age', sa.Integer(), nullable=True))\n"
        ),
        Valid(
            "from sqlalchemy import Column\n\n\ndef column(*args, **options):\n"
            "    return Column(*args, **options)\n"
        ),
        Valid("from pandas import Column\n\ncol = Column('price')\n"),
    ]
    INVALID = [
        Invalid(
            "from sqlalchemy import Column, Integer, String\n"
            "from sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n\n\n"
            "class User(Base):\n    __tablename__ = 'users'\n"
            "    id = Column(Integer, primary_key=True)\n    email = Column(String(255))\n"
        ),
        Invalid(
            "import sqlalchemy as sa\n\nmetadata = sa.MetaData()\n\n"
            "invoices = sa.Table(\n    'invoices',\n    metadata,\n"
            "    sa.Column('id', sa.Integer, primary_key=True),\n"
            "    sa.Column('total', sa.Numeric(10, 2), default=0),\n)\n"
        ),
        Invalid(
            "from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n\n\n"
            "class Post(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n"
            "    title = db.Column(db.String(120), unique=True)\n"
        ),
        Invalid(
            "from sqlalchemy import Column, String\nfrom sqlalchemy.orm import Mapped\n\n\n"
            "class Account(Base):\n    __tablename__ = 'accounts'\n"
            "    iban: Mapped[str] = Column(String(34))\n"
        ),
        Invalid(
            "from sqlalchemy import String\nfrom sqlalchemy.orm import mapped_column\n\n\n"
            "class Product(Base):\n    __tablename__ = 'products'\n"
            "    id = mapped_column(primary_key=True)\n    sku = mapped_column(String(20))\n"
        ),
    ]


def _explicit(call: ast.Call) -> bool:
    """``nullable=`` given, a ``primary_key=`` other than False, ``**options``, or an
    ``Identity(...)`` argument (identity columns default to NOT NULL)."""
    if any(
        isinstance(a, ast.Call) and (dotted_name(a.func) or "").rsplit(".", 1)[-1] == "Identity"
        for a in call.args
    ):
        return True
    for keyword in call.keywords:
        if keyword.arg is None or keyword.arg == "nullable":
            return True
        if keyword.arg == "primary_key":
            value = keyword.value
            return not (isinstance(value, ast.Constant) and not value.value)
    return any(isinstance(a, ast.Starred) for a in call.args)


def _untyped_attribute(call: ast.Call, ctx: RuleContext) -> bool:
    """``name = mapped_column(...)`` with no annotation, in a class body: the one
    ``mapped_column`` form that is nullable by default.  Annotated (``Mapped[...]``)
    ones follow the type, those inside ``composite(...)`` follow the composite
    class's field types, and a local variable may end up under an annotation later."""
    parent = ctx.parent(call)
    return (
        isinstance(parent, ast.Assign)
        and parent.value is call
        and isinstance(ctx.parent(parent), ast.ClassDef)
    )


def _is_flask_db(name: str, ctx: RuleContext) -> bool:
    """*name* is bound at module level from ``flask_sqlalchemy.SQLAlchemy(...)``."""
    for statement in ctx.source.statements:
        if (
            isinstance(statement, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == name for t in statement.targets)
            and isinstance(statement.value, ast.Call)
        ):
            return ctx.imports.resolve(dotted_name(statement.value.func) or "") in _FLASK_DB
    return False
