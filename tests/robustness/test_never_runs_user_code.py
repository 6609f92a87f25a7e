"""pygloss never runs the user's code.

A workspace whose every module writes a marker file when it is imported: a package
(``__init__.py`` and a module), ``conftest.py``, ``setup.py``, ``sitecustomize.py``,
``usercustomize.py``, a ``.pth`` file, modules named like the ones pygloss imports
lazily (``jedi.py``, ``tomllib.py``, ``fnmatch.py``), and a sourceless ``.pyc`` (which
jedi would import to introspect, having no source to read).  The server is started
*in* that workspace, as editors do, and every file is hovered at every token,
diagnosed, and every code action (including fix-all) is resolved; then ``pygloss
check``, ``pygloss explain`` and ``--fix``-free CLI runs go over it too.  No marker
may appear.
"""

from __future__ import annotations

import io
import py_compile
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.e2e.helpers import make_client, next_publish, open_doc, position_at
from tests.robustness.common import (
    TEST_ENV,
    code_actions,
    end_position,
    hover,
    logged_errors,
    within,
)

MODULES = {
    "pkg/__init__.py": "",
    "pkg/mod.py": "def helper(x=[]):\n    return x\n",
    "conftest.py": "import pytest\n\n@pytest.fixture\ndef thing():\n    return 1\n",
    "setup.py": "from setuptools import setup\n\nsetup(name='victim')\n",
    "sitecustomize.py": "",
    "usercustomize.py": "",
    "jedi.py": "",
    "tomllib.py": "",
    "fnmatch.py": "",
    "gi.py": "",
}
MAIN = """\
import asyncio
import gi
import pkg
import pkg.mod
import sitecustomize
import conftest
import compiled
from pkg.mod import helper
from compiled import secret
from unittest import mock


@mock.patch("pkg.mod.helper")
def test_it(mock_helper, items=[]):
    helper()
    secret()
    compiled.secret()
    pkg.mod.helper(items)
    items.append(0)
    asyncio.sleep(1)
    return conftest.thing, sitecustomize, gi


async def main():
    asyncio.sleep(1)
"""


def marker_code(markers: Path, name: str) -> str:
    target = markers / name.replace("/", "_")
    return f"open({str(target)!r}, 'w').write('ran')\n"


def make_workspace(root: Path) -> tuple[Path, Path]:
    workspace, markers = root / "workspace", root / "markers"
    markers.mkdir()
    (workspace / "pkg").mkdir(parents=True)
    for name, body in MODULES.items():
        (workspace / name).write_text(marker_code(markers, name) + body, encoding="utf-8")
    (workspace / "evil.pth").write_text(
        "import os; " + marker_code(markers, "evil.pth"), encoding="utf-8"
    )
    source = root / "compiled_src.py"
    source.write_text(marker_code(markers, "compiled.pyc") + "def secret(): pass\n")
    py_compile.compile(str(source), cfile=str(workspace / "compiled.pyc"), doraise=True)
    (workspace / "main.py").write_text(MAIN, encoding="utf-8")
    (workspace / "pyproject.toml").write_text("[tool.pygloss]\n", encoding="utf-8")
    return workspace, markers


def token_positions(text: str) -> list[int]:
    """Code-point offsets of the start and middle of every token of *text*."""
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    offsets: list[int] = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            (row, col), (end_row, end_col) = tok.start, tok.end
            if tok.type in (tokenize.ENDMARKER, tokenize.DEDENT) or row > len(starts) - 1:
                continue
            begin = starts[row - 1] + col
            offsets += [begin, begin + max(0, (end_col - col) // 2 if row == end_row else 0)]
    except (tokenize.TokenError, SyntaxError):
        pass
    return sorted(set(offsets))


def in_workspace(workspace: Path) -> ClientServerConfig:
    """``python -P -m pygloss serve`` started with the workspace as its current directory."""
    import os

    script = 'cd "$1" && exec "$2" -P -m pygloss serve'
    return ClientServerConfig(
        server_command=["sh", "-c", script, "sh", str(workspace), sys.executable],
        client_factory=make_client,
        server_env={**os.environ, **TEST_ENV},
    )


async def test_server_never_imports_workspace_code(tmp_path: Path) -> None:
    workspace, markers = make_workspace(tmp_path)
    client: LanguageClient = await in_workspace(workspace).start()  # type: ignore[assignment]
    try:
        await client.initialize_session(
            types.InitializeParams(
                capabilities=client_capabilities("visual-studio-code"),
                root_uri=workspace.as_uri(),
                workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="ws")],
            )
        )
        for path in sorted(workspace.rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            uri = open_doc(client, path, text)
            for offset in token_positions(text):
                await hover(client, uri, position_at(text, offset))
            whole = types.Range(start=types.Position(line=0, character=0), end=end_position())
            for action in await code_actions(client, uri, whole):
                if isinstance(action, types.CodeAction) and action.data is not None:
                    await within(client.code_action_resolve_async(action))
            for action in await code_actions(client, uri, whole, ["source.fixAll.pygloss"]):
                assert isinstance(action, types.CodeAction)
                await within(client.code_action_resolve_async(action))
            await within(
                client.workspace_execute_command_async(
                    types.ExecuteCommandParams(
                        command="pygloss.explain",
                        arguments=[{"uri": uri, "position": {"line": 0, "character": 7}}],
                    )
                )
            )
        # the push client got PG101 for main.py: the server analysed the workspace
        main_uri = (workspace / "main.py").as_uri()
        assert "PG101" in {d.code for d in await _pushed(client, main_uri)}
        assert logged_errors(client) == []
    finally:
        await client.shutdown_session()
    assert sorted(p.name for p in markers.iterdir()) == []


async def _pushed(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    for _ in range(50):
        following = next_publish(client)  # registered before looking: none is missed
        params = client.published.get(uri)  # type: ignore[attr-defined]
        if params is not None:
            return list(params.diagnostics)
        await within(following)
    return []


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["check", "."], id="check"),
        pytest.param(["check", "--format", "json", "main.py", "pkg"], id="check-json"),
        pytest.param(["explain", "main.py:8:20"], id="explain-import"),
        pytest.param(["explain", "main.py:17:5"], id="explain-call"),
    ],
)
def test_cli_never_imports_workspace_code(tmp_path: Path, args: list[str]) -> None:
    workspace, markers = make_workspace(tmp_path)
    done = subprocess.run(
        [sys.executable, "-P", "-m", "pygloss", *args],
        cwd=workspace,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode in (0, 1), done.stderr
    assert sorted(p.name for p in markers.iterdir()) == []


def test_jedi_does_not_import_a_sourceless_module_on_sys_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even with the workspace on ``sys.path`` (``PYTHONPATH=.``), jedi gets no chance
    to import the ``.pyc`` it has no source for: pygloss refuses that import."""
    import jedi  # noqa: F401  (the real one: the workspace also has a jedi.py)

    from pygloss.engine.jedi_resolver import JediResolver

    workspace, markers = make_workspace(tmp_path)
    monkeypatch.syspath_prepend(str(workspace))
    resolver = JediResolver(budget=60)
    text = "import compiled\nimport gi\ncompiled.secret\ngi.x\n"
    for line, column in ((1, 8), (2, 8), (3, 10), (4, 3)):
        resolver.goto(text, str(workspace / "main.py"), line, column)
        resolver.mro(text, str(workspace / "main.py"), line, column)
    assert sorted(p.name for p in markers.iterdir()) == []
    assert "compiled" not in sys.modules and "gi" not in sys.modules
