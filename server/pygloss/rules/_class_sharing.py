"""PG112's signs that a class attribute is shared on purpose.

Silent: a name (``cache``, ``registry``...) or a comment above the attribute that
says so.  A hint: the way the class changes it (a memo table, a fixed table).
"""

from __future__ import annotations

import ast

from pygloss.rules.base import RuleContext

# names that say the sharing is the point
SHARED_HINTS = ("cache", "registry", "instances", "memo", "_active", "pool")
# words in the comment right above (or beside) the attribute that say it is shared
_SHARED_WORDS = (
    *("cache", "shared", "share ", "global", "registry", "all instances"),
    *("every instance", "class-level", "class level", "strong reference"),
)


def commented_as_shared(ctx: RuleContext, statement: ast.stmt) -> bool:
    """Whether the comment block just above *statement*, or its own line's comment,
    says the object is shared on purpose (``# Cached values for ...``)."""
    lines: list[str] = ctx.cache.setdefault("PG112-lines", ctx.source.text.splitlines())
    number = statement.lineno - 1
    comments = [lines[number].partition("#")[2]] if "#" in lines[number] else []
    above = number - 1
    while above >= 0 and lines[above].lstrip().startswith("#"):
        comments.append(lines[above].lstrip()[1:])
        above -= 1
    text = " ".join(comments).lower()
    return any(word in text for word in _SHARED_WORDS)


def kept_on_purpose(
    klass: ast.ClassDef, statement: ast.stmt, name: str, changes: list[ast.AST]
) -> str | None:
    """Why the changes of the class attribute *name* look like its intended use."""
    stores = [c for c in changes if isinstance(c, ast.Subscript) and isinstance(c.ctx, ast.Store)]
    if len(stores) != len(changes):
        return None
    value = statement.value if isinstance(statement, ast.Assign | ast.AnnAssign) else None
    if isinstance(value, ast.Dict) and value.keys:
        keys = {k.value for k in value.keys if isinstance(k, ast.Constant)}
        if all(isinstance(c.slice, ast.Constant) and c.slice.value in keys for c in stores):
            return "only the keys it is created with are replaced, as in a fixed table"
    if any(isinstance(c.slice, ast.Constant) for c in stores):
        return None
    for node in ast.walk(klass):
        read = (
            isinstance(node, ast.Subscript)
            and isinstance(node.ctx, ast.Load)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == name
        ) or (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and isinstance(node.func.value, ast.Attribute)
            and node.func.value.attr == name
        )
        if read:
            return "items are stored and read back by key, as in a memo table"
    return None
