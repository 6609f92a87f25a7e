"""The foundation slice of hover: `patch` in a decorator, in both import styles."""

from __future__ import annotations

from unittest import mock

import pytest

from pygloss.engine.render import RenderOptions
from pygloss.syntax.source import Source
from tests.conftest import split_cursor

MODULE_STYLE = """from unittest import mock


@mock.pa‸tch("app.service.fetch")
@mock.patch("app.service.save")
def test_sync(mock_save, mock_fetch):
    pass
"""
NAME_STYLE = """from unittest.mock import patch


class TestSync:
    @patch("app.service.fetch")
    @pat‸ch("app.service.save")
    def test_sync(self, mock_fetch, mock_save):
        pass
"""


def _explain(engine, marked: str, **options):  # type: ignore[no-untyped-def]
    text, offset = split_cursor(marked)
    return engine.explain(Source(text), offset, RenderOptions(**options)), text


def test_mock_patch_attribute_form(engine) -> None:  # type: ignore[no-untyped-def]
    explanation, text = _explain(engine, MODULE_STYLE)
    # the name topic is shown; the construct topic is "See also"
    assert [t.id for t in explanation.topics] == ["mock-patch", "decorators"]
    assert text[explanation.start : explanation.end] == "mock.patch"
    assert "| `mock_save` | `app.service.save` (bottom decorator) |" in explanation.markdown
    assert "| `mock_fetch` | `app.service.fetch` (decorator 2 from the bottom) |" in (
        explanation.markdown
    )
    assert "⚠" not in explanation.markdown


def test_patch_name_form_in_a_method_flags_swapped_names(engine) -> None:  # type: ignore[no-untyped-def]
    explanation, text = _explain(engine, NAME_STYLE)
    assert text[explanation.start : explanation.end] == "patch"
    assert "| `mock_fetch` | `app.service.save` (bottom decorator) |" in explanation.markdown
    assert "⚠ `mock_fetch` receives the mock of `app.service.save`" in explanation.markdown


def test_new_and_patch_dict_feed_no_parameter(engine) -> None:  # type: ignore[no-untyped-def]
    marked = (
        "from unittest import mock\n\n"
        "@mock.patch.dict('os.environ', {'A': '1'})\n"
        "@mock.patch('app.clock', new=lambda: 0)\n"
        "@mock.pat‸ch('app.db')\n"
        "def test_x(mock_db):\n    pass\n"
    )
    explanation, _ = _explain(engine, marked)
    assert "| `mock_db` | `app.db` (bottom decorator) |" in explanation.markdown
    assert "| — | `app.clock`" in explanation.markdown
    assert "| — | `os.environ`" in explanation.markdown


@pytest.mark.parametrize(
    "spelled",
    ["new=mock.DEFAULT", "mock.DEFAULT", "new=DEFAULT"],
    ids=["keyword", "positional", "imported-name"],
)
def test_new_default_still_feeds_a_mock(engine, spelled: str) -> None:  # type: ignore[no-untyped-def]
    # DEFAULT is patch's own default for `new`: it makes the mock and passes it
    text = (
        "import os\nfrom unittest import mock\nfrom unittest.mock import DEFAULT\n\n"
        f"@mock.patch('os.getcwd', {spelled})\n"
        "def test_x(mock_getcwd):\n    return mock_getcwd\n"
    )
    namespace: dict[str, object] = {}
    exec(compile(text, "<patched>", "exec"), namespace)  # the interpreter's answer
    assert isinstance(namespace["test_x"](), mock.MagicMock)  # type: ignore[operator]
    marked = text.replace("@mock.patch(", "@mock.pat‸ch(")
    explanation, _ = _explain(engine, marked)
    assert "| `mock_getcwd` | `os.getcwd` (bottom decorator) |" in explanation.markdown


def test_options_that_may_hold_new_make_the_pairing_unknown(engine) -> None:  # type: ignore[no-untyped-def]
    text = (
        "from unittest import mock\n\nOPTS = {'new': 3}\n\n"
        "@mock.patch('os.getcwd')\n@mock.patch('os.listdir', **OPTS)\n@mock.patch('os.sep')\n"
        "def test_x(mock_sep, mock_getcwd):\n    return mock_sep, mock_getcwd\n"
    )
    namespace: dict[str, object] = {}
    exec(compile(text, "<patched>", "exec"), namespace)  # the interpreter's answer:
    _, second = namespace["test_x"]()  # type: ignore[operator]
    assert "getcwd" in repr(second)  # **OPTS held `new`: listdir passed nothing
    explanation, _ = _explain(
        engine, text.replace("@mock.patch('os.getcwd')", "@mock.pat‸ch('os.getcwd')")
    )
    rows = [line for line in explanation.markdown.splitlines() if line.startswith("| ")]
    assert rows[1] == "| `mock_sep` | `os.sep` (bottom decorator) |"
    assert rows[2].startswith("| ? | `os.listdir` (decorator 2 from the bottom; its `**` options")
    assert rows[3].startswith("| ? | `os.getcwd` (decorator 3 from the bottom;")
    assert "mock_getcwd" not in explanation.markdown  # neither pairing is stated


@pytest.mark.parametrize(
    "marked",
    [
        "from unittest import mock\n\nx = 1‸\n",
        "import os\n\nos.pa‸th.join('a')\n",
        "‸\n",
    ],
    ids=["plain-assignment", "unknown-name", "empty"],
)
def test_nothing_known_gives_none(engine, marked: str) -> None:  # type: ignore[no-untyped-def]
    explanation, _ = _explain(engine, marked)
    assert explanation is None


def test_mute_and_verbosity(engine) -> None:  # type: ignore[no-untyped-def]
    muted, _ = _explain(engine, MODULE_STYLE, mute=frozenset({"mock-patch"}))
    assert [t.id for t in muted.topics] == ["decorators"]  # the construct is still there
    both = frozenset({"mock-patch", "decorators"})
    assert _explain(engine, MODULE_STYLE, mute=both)[0] is None
    brief, _ = _explain(engine, MODULE_STYLE, verbosity="brief")
    assert "| parameter |" not in brief.markdown and "stacked patches" in brief.markdown


def test_hover_works_with_a_syntax_error_elsewhere(engine) -> None:  # type: ignore[no-untyped-def]
    broken = MODULE_STYLE + "\ndef unfinished(:\n"
    explanation, _ = _explain(engine, broken)
    assert explanation is not None and explanation.topics[0].id == "mock-patch"


def test_a_local_patch_is_only_a_decorator(engine) -> None:  # type: ignore[no-untyped-def]
    marked = "def patch():\n    pass\n\n@pat‸ch\ndef f():\n    pass\n"
    explanation, _ = _explain(engine, marked)
    assert [t.id for t in explanation.topics] == ["decorators"]  # not unittest.mock.patch
