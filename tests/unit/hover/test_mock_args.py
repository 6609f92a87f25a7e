"""The mock table of stacked ``@patch`` decorators, checked against the interpreter.

Each test function below is run for real: a recorder sees what every parameter
(and every item of ``*args``, and ``**kwargs``) receives while the patches are
active, and the hover's table must name the same target for each.  Mocks past the
named parameters go into ``*args`` as its items, bottom-up (review of fresh
projects, defect A: Django's ``def test_skip_checks(self, mocked_check,
*mocked_objects)`` was said to get nothing for two patches).
"""

from __future__ import annotations

import inspect
import os
import re
from typing import Any

import pytest

from pygloss.engine.explain import explain
from pygloss.syntax.source import Source
from tests.unit.hover.kb import hover_kb

SOURCE = """\
import os
from io import StringIO
from unittest import mock
from unittest.mock import DEFAULT, patch


class T:
    @mock.patch("os.getcwd")
    @mock.patch("os.getpid")
    @mock.patch("os.getppid")
    def test_star_after_named(self, mocked_ppid, *mocked_objects):
        record(mocked_ppid=mocked_ppid, mocked_objects=mocked_objects)

    @mock.patch("os.sep", new_callable=StringIO)
    @mock.patch("os.linesep", new_callable=StringIO)
    def test_star_only(self, *mocked_objects):
        record(mocked_objects=mocked_objects)

    @mock.patch.object(os, "getpid", return_value=False)
    def test_object_star(self, *mocked_objects):
        record(mocked_objects=mocked_objects)

    @mock.patch("os.getcwd", return_value="/x")
    @mock.patch("os.sep", new="!")
    @mock.patch("os.getpid")
    @mock.patch.dict(os.environ, {"PYGLOSS_T": "1"})
    @mock.patch("os.getppid", new_callable=StringIO)
    def test_mixed(self, pid, *rest):
        record(pid=pid, rest=rest)

    @patch.multiple("os", getuid=DEFAULT, sep="!")
    @patch("os.getpid")
    def test_multiple(self, pid, *rest, **kw):
        record(pid=pid, rest=rest, kw=kw)

    @patch("os.getcwd")
    @patch("os.getpid")
    def test_named(self, mock_getpid, mock_getcwd):
        record(mock_getpid=mock_getpid, mock_getcwd=mock_getcwd)
"""
ROW = re.compile(r"^\| (?:`([^`]+)`|—) \| `([^`]+)` \((.*)\) \|$")
PATCHED = ("getcwd", "getpid", "getppid", "getuid", "sep", "linesep")


def table(name: str) -> list[tuple[str | None, str, str]]:
    """(parameter or None, target, note) per row of the hover on *name*'s bottom decorator."""
    decorator = SOURCE.rindex("    @", 0, SOURCE.index(f"def {name}("))
    explanation = explain(Source(SOURCE), decorator + 6, hover_kb())
    assert explanation is not None
    rows = []
    for line in "\n".join(explanation.context).splitlines():
        if line.startswith("| ") and not line.startswith("| parameter"):
            match = ROW.match(line)
            assert match, line
            rows.append((match.group(1), match.group(2), match.group(3)))
    return rows


def received(name: str) -> dict[str, str]:
    """What *name* receives when run, as the ``os`` attribute each object replaced:
    parameter (or ``args[i]``, ``kw[key]``) -> ``os.<attribute>``."""
    seen: dict[str, Any] = {}

    def record(**values: Any) -> None:
        seen.update(values)
        seen["<os>"] = {attr: getattr(os, attr) for attr in PATCHED}  # while patched

    namespace: dict[str, Any] = {"record": record}
    exec(compile(SOURCE, "<mock-args>", "exec"), namespace)
    method = getattr(namespace["T"](), name)
    method()
    during = seen.pop("<os>")

    def replaced(value: Any) -> str:
        return next(f"os.{attr}" for attr, now in during.items() if now is value)

    flat: dict[str, str] = {}
    for key, value in seen.items():
        kind = inspect.signature(method).parameters[key].kind
        if kind is inspect.Parameter.VAR_POSITIONAL:
            flat.update({f"{key}[{i}]": replaced(item) for i, item in enumerate(value)})
        elif kind is inspect.Parameter.VAR_KEYWORD:
            flat.update({f"{key}[{k!r}]": replaced(item) for k, item in value.items()})
        else:
            flat[key] = replaced(value)
    return flat


@pytest.mark.parametrize(
    "name",
    ["test_star_after_named", "test_star_only", "test_object_star", "test_mixed", "test_named"],
)
def test_every_positional_mock_is_where_the_hover_says(name: str) -> None:
    rows = table(name)
    said = {param: target for param, target, _ in rows if param is not None}
    assert said == received(name)
    # a row without a parameter is a patch that passes nothing: new=, patch.dict
    for param, _target, note in rows:
        if param is None:
            assert note.split("; ")[1] in ("none: a replacement is given", "none: patch.dict")


def test_a_mock_with_no_parameter_left_is_said_so() -> None:
    text = (
        "from unittest.mock import patch\n\n\nclass T:\n"
        '    @patch("os.getcwd")\n    @patch("os.getpid")\n'
        "    def test_it(self, pid):\n        pass\n"
    )
    explanation = explain(Source(text), text.index("@patch") + 2, hover_kb())
    assert explanation is not None
    context = "\n".join(explanation.context)
    assert "| `pid` | `os.getpid` (bottom decorator) |" in context
    assert (
        "| — | `os.getcwd` (decorator 2 from the bottom; passed, but no parameter is left) |"
    ) in context
    namespace: dict[str, Any] = {}
    exec(compile(text, "<no-room>", "exec"), namespace)
    with pytest.raises(TypeError, match="positional"):
        namespace["T"]().test_it()


def test_patch_multiple_passes_by_keyword() -> None:
    rows = table("test_multiple")
    assert rows[0][:2] == ("pid", "os.getpid")
    assert rows[1][0] is None
    assert "patch.multiple passes its mocks by keyword" in rows[1][2]
    assert received("test_multiple") == {"pid": "os.getpid", "kw['getuid']": "os.getuid"}


def test_new_callable_hands_over_what_it_makes_not_a_mock() -> None:
    """``new_callable=StringIO``: the parameter gets a ``StringIO``, and the table says
    so instead of calling it a mock (helper review of the new_callable rows)."""
    rows = table("test_star_only")
    assert all("what `StringIO()` returns" in note for _, _, note in rows), rows
    decorator = SOURCE.rindex("    @", 0, SOURCE.index("def test_star_only("))
    explanation = explain(Source(SOURCE), decorator + 6, hover_kb())
    assert explanation is not None
    assert "| parameter | receives the replacement of |" in "\n".join(explanation.context)
    assert "| parameter | receives the mock of |" in "\n".join(
        explain(Source(SOURCE), SOURCE.index("def test_named(") - 20, hover_kb()).context  # type: ignore[union-attr]
    )
    seen: dict[str, Any] = {}
    namespace: dict[str, Any] = {"record": lambda **values: seen.update(values)}
    exec(compile(SOURCE, "<mock-args>", "exec"), namespace)
    namespace["T"]().test_star_only()
    assert all(type(item).__name__ == "StringIO" for item in seen["mocked_objects"])


SWAPPED = """\
import os
from io import StringIO
from unittest.mock import patch


class T:
    @patch("os.getcwd")
    @patch("os.sep", new_callable=StringIO)
    def test_made(self, mock_getcwd, mock_sep):
        record(mock_getcwd=mock_getcwd, mock_sep=mock_sep)

    @patch("os.getcwd", new_callable=StringIO)
    @patch("os.sep")
    def test_plain(self, mock_getcwd, mock_sep):
        record(mock_getcwd=mock_getcwd, mock_sep=mock_sep)
"""


@pytest.mark.parametrize(
    ("name", "warning", "kind"),
    [
        pytest.param(
            "test_made",
            "⚠ `mock_getcwd` receives the replacement of `os.sep` (what `StringIO()` returns), "
            "but its name suggests `os.getcwd`: stacked patches hand mocks bottom-up.",
            "StringIO",
            id="new-callable-feeds-it",
        ),
        pytest.param(
            "test_plain",
            "⚠ `mock_getcwd` receives the mock of `os.sep`, "
            "but its name suggests `os.getcwd`: stacked patches hand mocks bottom-up.",
            "MagicMock",
            id="plain-patch-feeds-it",
        ),
    ],
)
def test_swapped_name_warning_says_what_the_parameter_gets(
    name: str, warning: str, kind: str
) -> None:
    """The ⚠ calls it a mock only when patch makes one: with ``new_callable=StringIO`` the
    parameter gets a ``StringIO`` (checked by running the test function)."""
    decorator = SWAPPED.rindex("    @", 0, SWAPPED.index(f"def {name}("))
    explanation = explain(Source(SWAPPED), decorator + 6, hover_kb())
    assert explanation is not None
    assert warning in "\n".join(explanation.context).splitlines()
    seen: dict[str, Any] = {}
    namespace: dict[str, Any] = {"record": lambda **values: seen.update(values)}
    exec(compile(SWAPPED, "<swapped>", "exec"), namespace)
    getattr(namespace["T"](), name)()
    assert type(seen["mock_getcwd"]).__name__ == kind
