"""``patch("...")`` targets: the kind of what is patched comes from the code on the
file's import path (issue #21, case 3), and the ⚠ about a name this file imported
directly is PG202's own finding (case 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pygloss.engine.explain import explain
from pygloss.engine.lint import lint
from pygloss.syntax.source import Source
from tests.unit.hover.kb import hover_kb


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("")
    package = tmp_path / "pkg"
    (package / "backends").mkdir(parents=True)
    for init in (package / "__init__.py", package / "backends" / "__init__.py"):
        init.write_text("")
    (package / "backends" / "gcs.py").write_text(
        "class GroupResult:\n    def restore(self):\n        pass\n\n\n"
        "def upload(blob):\n    return blob\n"
    )
    (package / "rdb.py").write_text(
        "def debugger():\n    return 'real'\n\n\ndef set_trace():\n    return debugger()\n"
    )
    (tmp_path / "tests").mkdir()
    return tmp_path


def context(project: Path, text: str, needle: str) -> str:
    source = Source(text, str(project / "tests" / "test_it.py"))
    explanation = explain(source, text.index(needle), hover_kb())
    assert explanation is not None
    return "\n".join(explanation.context)


def test_a_method_of_a_class_is_said_to_be_on_the_class(project: Path) -> None:
    text = (
        "from unittest.mock import patch\n\n\n"
        '@patch("pkg.backends.gcs.GroupResult.restore")\ndef test_it(mock_restore):\n    pass\n'
    )
    found = context(project, text, '"pkg.')
    assert (
        "Replaces `restore` on class `GroupResult` of module `pkg.backends.gcs` while the "
        "patch is active: lookups of `restore` on the class and on its instances" in found
    )
    assert "in module `pkg.backends.gcs.GroupResult`" not in found


def test_a_module_function_and_a_missing_name(project: Path) -> None:
    text = (
        "from unittest.mock import patch\n\n\n"
        'def test_it():\n    with patch("pkg.backends.gcs.upload"):\n        pass\n'
        '    with patch("pkg.backends.gcs.download"):\n        pass\n'
        '    with patch("pkg.backends.gcs.download", create=True):\n        pass\n'
    )
    upload = context(project, text, '"pkg.backends.gcs.upload"')
    assert upload.startswith("Replaces `upload` in module `pkg.backends.gcs` while")
    assert "⚠" not in upload
    missing = context(project, text, '"pkg.backends.gcs.download"')
    assert "⚠ `pkg.backends.gcs` does not define `download`: the patch raises" in missing
    created = context(project, text, '"pkg.backends.gcs.download", create')
    assert "⚠" not in created


def test_an_unknown_owner_gets_no_kind(project: Path) -> None:
    text = (
        "from unittest.mock import patch\n\n\n"
        '@patch("elsewhere.mod.thing")\ndef test_x(m):\n    pass\n'
    )
    found = context(project, text, '"elsewhere')
    assert found.endswith(
        "Replaces `thing` on `elsewhere.mod` while the patch is active: code that looks it "
        "up there when it runs sees the mock. Whether `elsewhere.mod` is a module or a "
        "class is not known here: no module `elsewhere` is found on this file's import path."
    )


TEST_CALLS_THE_MODULE = """\
from unittest.mock import patch

from pkg import rdb
from pkg.rdb import debugger


@patch("pkg.rdb.debugger")
def test_set_trace(mock_debugger):
    rdb.set_trace()
    mock_debugger.assert_called_once()
"""
TEST_CALLS_ITS_COPY = TEST_CALLS_THE_MODULE.replace("    rdb.set_trace()", "    debugger()")


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        pytest.param(TEST_CALLS_THE_MODULE, False, id="calls-through-the-module"),
        pytest.param(TEST_CALLS_ITS_COPY, True, id="calls-its-own-copy"),
    ],
)
def test_the_hover_warns_exactly_where_pg202_reports(
    project: Path, text: str, warned: bool
) -> None:
    path = str(project / "tests" / "test_it.py")
    found = context(project, text, '"pkg.rdb.debugger"')
    findings = [f.code for f in lint(Source(text, path), None, path).findings]
    assert ("⚠ This file did `from pkg.rdb import debugger`" in found) is warned
    assert ("PG202" in findings) is warned
    if not warned:
        assert (
            "Note: this file's own `debugger` (from `from pkg.rdb import debugger`) is not" in found
        )


def test_a_class_registered_with_an_abc_is_still_a_class(project: Path) -> None:
    (project / "pkg" / "results.py").write_text(
        "import abc\n\n\nclass Thenable(abc.ABC):\n    pass\n\n\n"
        "@Thenable.register\nclass GroupResult:\n    def restore(self):\n        pass\n\n\n"
        "@unknown_decorator\nclass Other:\n    pass\n"
    )
    text = (
        "from unittest.mock import patch\n\n\n"
        '@patch("pkg.results.GroupResult.restore")\n@patch("pkg.results.Other.x")\n'
        "def test_it(mock_x, mock_restore):\n    pass\n"
    )
    assert "on class `GroupResult` of module `pkg.results`" in context(
        project, text, '"pkg.results.GroupResult'
    )
    assert "`Other` is bound to what its decorator `@unknown_decorator` returns" in context(
        project, text, '"pkg.results.Other'
    )


def test_a_name_imported_from_a_module_not_found_is_still_defined(project: Path) -> None:
    # uvicorn's watchfilesreload does `from watchfiles import watch`; without watchfiles
    # on the import path the name is still bound there (or the module would not import)
    (project / "pkg" / "reload.py").write_text("from not_installed_here import watch\n")
    text = (
        "from unittest.mock import patch\n\n\n"
        'def test_it(mocker):\n    mocker.patch("pkg.reload.watch")\n'
        '    with patch("pkg.reload.other"):\n        pass\n'
    )
    found = context(project, text, '"pkg.reload.watch"')
    assert found.startswith("Replaces `watch` in module `pkg.reload` while")
    assert "⚠" not in found and "does not define" not in found
    assert "⚠ `pkg.reload` does not define `other`" in context(project, text, '"pkg.reload.other"')


def test_a_given_replacement_is_named_instead_of_a_mock(project: Path) -> None:
    text = (
        "from unittest import mock\n\n\n"
        "def fake():\n    pass\n\n\n"
        "def test_it(session):\n"
        '    with mock.patch.object(session.conn, "create", fake):\n        pass\n'
        '    with mock.patch("pkg.rdb.debugger", new=fake):\n        pass\n'
        '    with mock.patch("pkg.rdb.set_trace", new_callable=mock.PropertyMock):\n'
        "        pass\n"
        '    with mock.patch.object(session.conn, "close"):\n        pass\n'
    )
    assert context(project, text, '"create"').endswith(
        "every caller that looks up `session.conn.create` sees `fake`, the replacement it is given."
    )
    assert "`pkg.rdb.debugger` when it runs sees `fake`, the replacement it is given." in (
        context(project, text, '"pkg.rdb.debugger"')
    )
    assert "sees what `mock.PropertyMock()` returns." in context(project, text, '"pkg.rdb.set_')
    assert context(project, text, '"close"').endswith("sees the mock.")
