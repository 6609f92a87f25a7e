"""PG205: ``import mock`` / ``from mock import ...`` — the third-party backport of
``unittest.mock``, which the standard library has had since Python 3.3.

Not flagged: imports inside ``try``/``except ImportError`` (a deliberate fallback),
under an ``if`` on the Python version, or when a ``mock`` module of the project sits
next to the file.  The fix switches to ``unittest.mock`` only when every name used
from the backport exists in this Python's ``unittest.mock``.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path

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


@functools.cache
def stdlib_names() -> frozenset[str]:
    """The public names of this Python's ``unittest.mock`` (imported on first use: it
    pulls in ``asyncio``, which a run that never meets the backport should not pay for)."""
    import unittest.mock

    return frozenset(n for n in dir(unittest.mock) if not n.startswith("_"))


_FROM = re.compile(r"from\s+(mock(?:\.mock)?)\s+import\b")
_GUARDS = frozenset({"ImportError", "ModuleNotFoundError", "Exception"})


class MockBackportImport(Rule):
    code = "PG205"
    name = "mock-backport-import"
    message = "The `mock` backport: the standard library has `unittest.mock`"
    fix_title = "Import from unittest.mock"
    fix_safety = FixSafety.UNSAFE
    severity = Severity.HINT
    topic = "pg205-mock-backport-import"
    stubs = False  # a stub file never runs
    nodes = (ast.Import, ast.ImportFrom)
    requires = ("mock",)

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Import | ast.ImportFrom)
        if isinstance(node, ast.Import):
            if not any(a.name == "mock" or a.name.startswith("mock.") for a in node.names):
                return
        elif node.level or node.module not in ("mock", "mock.mock"):
            return
        if _guarded(node, ctx) or _local_mock_module(ctx.path):
            return
        yield self.finding(
            ctx,
            node,
            "`mock` is the third-party backport of `unittest.mock` (in the standard library "
            "since Python 3.3): one dependency less with `from unittest import mock`",
        )

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        node: ast.stmt | None = ctx.find_node(finding.start, finding.end, ast.Import)
        if node is None:
            node = ctx.find_node(finding.start, finding.end, ast.ImportFrom)
        if not isinstance(node, ast.Import | ast.ImportFrom):
            return None
        if isinstance(node, ast.Import):
            if len(node.names) != 1 or node.names[0].name != "mock":
                return None
            local = node.names[0].asname or "mock"
            if not _attributes_exist(ctx, local):
                return None
            alias = f" as {local}" if node.names[0].asname else ""
            text = f"from unittest import mock{alias}"
        else:
            names = [a.name for a in node.names]
            if names == ["mock"] and node.module == "mock":
                asname = node.names[0].asname
                text = "from unittest import mock" + (f" as {asname}" if asname else "")
            elif "*" in names or not set(names) <= stdlib_names():
                return None
            else:
                match = _FROM.match(ctx.source.segment(node))
                if match is None:
                    return None
                start = finding.start + match.start(1)
                return Fix(
                    self.fix_title or "",
                    FixSafety.UNSAFE,
                    (Edit(start, finding.start + match.end(1), "unittest.mock"),),
                )
        return Fix(
            self.fix_title or "", FixSafety.UNSAFE, (Edit(finding.start, finding.end, text),)
        )

    VALID = [
        Valid("from unittest import mock\nfrom unittest.mock import ANY, call\n"),
        Valid(
            "try:\n    from unittest import mock\nexcept ImportError:  # Python 2\n"
            "    import mock\n"
        ),
        Valid(
            "import sys\n\nif sys.version_info < (3, 3):\n    import mock\n"
            "else:\n    from unittest import mock\n"
        ),
        Valid("from .mock import FakeClock\nimport mockito\n"),
        Valid("import pytest_mock\nfrom pytest_mock import MockerFixture\n"),
    ]
    INVALID = [
        Invalid(
            "import unittest\n\nimport mock\n\n\nclass T(unittest.TestCase):\n"
            '    @mock.patch("shop.api.fetch")\n    def test_fetch(self, mock_fetch):\n'
            "        mock_fetch.return_value = mock.sentinel.page\n",
            fixed="import unittest\n\nfrom unittest import mock\n\n\nclass T(unittest.TestCase):\n"
            '    @mock.patch("shop.api.fetch")\n    def test_fetch(self, mock_fetch):\n'
            "        mock_fetch.return_value = mock.sentinel.page\n",
        ),
        Invalid(
            "from mock import ANY, MagicMock, call, patch\n\n\ndef test_calls():\n"
            "    m = MagicMock()\n    m(1)\n    m.assert_has_calls([call(ANY)])\n",
            fixed="from unittest.mock import ANY, MagicMock, call, patch\n\n\ndef test_calls():\n"
            "    m = MagicMock()\n    m(1)\n    m.assert_has_calls([call(ANY)])\n",
        ),
        Invalid(
            "import mock as mk\n\n\ndef test_sleep():\n"
            '    with mk.patch("time.sleep") as sleep:\n        nap()\n'
            "    sleep.assert_called_once()\n",
            fixed="from unittest import mock as mk\n\n\ndef test_sleep():\n"
            '    with mk.patch("time.sleep") as sleep:\n        nap()\n'
            "    sleep.assert_called_once()\n",
        ),
        Invalid(
            "from mock import mock\n\n\ndef test_x():\n    assert mock.Mock()\n",
            fixed="from unittest import mock\n\n\ndef test_x():\n    assert mock.Mock()\n",
        ),
        Invalid("import mock\n\n\ndef test_threads():\n    m = mock.NotInTheStdlibMock()\n"),
    ]


def _guarded(node: ast.AST, ctx: RuleContext) -> bool:
    """Inside ``try: ... except ImportError`` or ``if <version check>:``."""
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.Try | ast.TryStar):
            for handler in ancestor.handlers:
                caught = handler.type
                names = (
                    [caught]
                    if caught is None or not isinstance(caught, ast.Tuple)
                    else list(caught.elts)
                )
                for name in names:
                    if name is None or (isinstance(name, ast.Name) and name.id in _GUARDS):
                        return True
        elif isinstance(ancestor, ast.If):
            test = ast.unparse(ancestor.test)
            if "version_info" in test or "PY2" in test or "PY3" in test:
                return True
    return False


def _local_mock_module(path: str | None) -> bool:
    """A ``mock.py`` or ``mock/`` package next to the file shadows the backport."""
    if not path:
        return False
    try:
        folder = Path(path).absolute().parent
        return (folder / "mock.py").exists() or (folder / "mock" / "__init__.py").exists()
    except OSError:
        return False


def _attributes_exist(ctx: RuleContext, local: str) -> bool:
    """Every ``<local>.<name>`` used in the module exists in ``unittest.mock``."""
    return all(
        node.attr in stdlib_names()
        for node in ctx.source.walk()
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == local
    )
