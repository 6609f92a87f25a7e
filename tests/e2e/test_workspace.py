"""Multi-root workspaces, settings pulled with ``workspace/configuration``, and
watched ``pyproject.toml`` files — with each recorded client's capabilities.

The workspace has two folders: ``alpha`` (its pyproject ignores PG101) and
``beta`` (its pyproject selects everything; its folder settings turn inlay hints
on).  Each folder's configuration must apply to its own files only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from tests.e2e.helpers import (
    close_doc,
    open_doc,
    pulls_diagnostics,
    server_config,
    wait_for_diagnostics,
)

BAD = "def f(x=[]):\n    return x\n"
NOTES = "# Notes\n\n## {folder} retry\n<!-- pygloss: myteam.retry -->\n\nOur retry helper.\n"
USES_RETRY = "from myteam import retry\n\nretry(print)\n"
ALL = types.Range(
    start=types.Position(line=0, character=0), end=types.Position(line=9, character=0)
)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest_lsp.fixture(
    config=server_config(), params=["visual-studio-code", "neovim", "emacs"], scope="module"
)
async def client(  # type: ignore[no-untyped-def]
    lsp_client: LanguageClient,
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
):
    root = tmp_path_factory.mktemp(f"ws-{request.param}")
    _write(
        root / "alpha" / "pyproject.toml",
        '[tool.pygloss]\nignore = ["PG101"]\nnotes = ["notes.md"]\n',
    )
    _write(root / "alpha" / "notes.md", NOTES.format(folder="Alpha"))
    _write(root / "beta" / "wiki.md", NOTES.format(folder="Beta"))
    _write(root / "beta" / "pyproject.toml", "[tool.pygloss]\n")
    _write(root / "gamma" / "pyproject.toml", "[tool.pygloss]\n")
    folders = {name: (root / name).as_uri() for name in ("alpha", "beta", "gamma")}
    lsp_client.set_configuration({"pygloss": {"diagnostics": {"debounceMs": 0}}})
    lsp_client.set_configuration(
        {"pygloss": {"inlayHints": True, "notes": ["wiki.md"]}}, scope_uri=folders["beta"]
    )
    lsp_client.set_configuration({"pygloss": {"inlayHints": True}}, scope_uri=folders["gamma"])
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(request.param),
            root_uri=root.as_uri(),
            workspace_folders=[
                types.WorkspaceFolder(uri=folders[n], name=n) for n in ("alpha", "beta")
            ],
        )
    )
    lsp_client.name = request.param  # type: ignore[attr-defined]
    lsp_client.root = root  # type: ignore[attr-defined]
    lsp_client.folders = folders  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


def _root(client: LanguageClient) -> Path:
    return client.root  # type: ignore[no-any-return, attr-defined]


async def _hints(client: LanguageClient, uri: str) -> list[str]:
    hints = await client.text_document_inlay_hint_async(
        types.InlayHintParams(text_document=types.TextDocumentIdentifier(uri=uri), range=ALL)
    )
    return [h.label if isinstance(h.label, str) else "?" for h in hints or []]


async def _until(check: Any, attempts: int = 200) -> Any:
    """Ask again (each attempt is a request round trip, no sleeping) until *check*
    gives a truthy answer; the settings pull the server makes runs meanwhile."""
    for _ in range(attempts):
        if result := await check():
            return result
    raise AssertionError("the server never applied the change")


async def test_each_folder_applies_its_own_pyproject(client: LanguageClient) -> None:
    alpha = open_doc(client, _root(client) / "alpha" / "a.py", BAD)
    beta = open_doc(client, _root(client) / "beta" / "b.py", BAD)
    assert await wait_for_diagnostics(client, alpha, 1) == []
    assert [d.code for d in await wait_for_diagnostics(client, beta, 1)] == ["PG101"]
    close_doc(client, alpha)
    close_doc(client, beta)


async def test_each_folder_applies_its_own_settings(client: LanguageClient) -> None:
    alpha = open_doc(client, _root(client) / "alpha" / "a2.py", BAD)
    beta = open_doc(client, _root(client) / "beta" / "b2.py", BAD)
    assert await _hints(client, alpha) == []
    assert await _hints(client, beta) == ["evaluated once"]
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=beta))
    )
    assert list(lenses) == []  # code lenses stay off unless a setting turns them on
    close_doc(client, alpha)
    close_doc(client, beta)


async def test_dynamic_registrations_follow_the_client(client: LanguageClient) -> None:
    registrations = {r.method: r for r in client.registrations}  # type: ignore[attr-defined]
    caps = client.capabilities
    watch = caps.workspace.did_change_watched_files if caps and caps.workspace else None
    if watch and watch.dynamic_registration:
        options = registrations[types.WORKSPACE_DID_CHANGE_WATCHED_FILES].register_options
        assert [w["globPattern"] for w in options["watchers"]] == [
            "**/pyproject.toml",
            "**/*.md",
            "**/*.markdown",
        ]
    else:
        assert types.WORKSPACE_DID_CHANGE_WATCHED_FILES not in registrations
    # every recorded client here supports workspace/configuration: asked for the
    # workspace and for each folder
    (first, *_) = client.configuration_requests  # type: ignore[attr-defined]
    assert [(i.section, i.scope_uri) for i in first.items] == [
        ("pygloss", None),
        ("pygloss", client.folders["alpha"]),  # type: ignore[attr-defined]
        ("pygloss", client.folders["beta"]),  # type: ignore[attr-defined]
    ]
    config = caps.workspace.did_change_configuration if caps and caps.workspace else None
    dynamic_config = bool(config and config.dynamic_registration)
    assert (types.WORKSPACE_DID_CHANGE_CONFIGURATION in registrations) is dynamic_config


async def test_did_change_configuration_pulls_the_settings_again(client: LanguageClient) -> None:
    alpha = open_doc(client, _root(client) / "alpha" / "a3.py", BAD)
    assert await _hints(client, alpha) == []
    folders = client.folders  # type: ignore[attr-defined]
    client.set_configuration({"pygloss": {"inlayHints": True}}, scope_uri=folders["alpha"])
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    assert await _until(lambda: _hints(client, alpha)) == ["evaluated once"]
    client.set_configuration({"pygloss": {}}, scope_uri=folders["alpha"])
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    assert await _until(lambda: _negate(_hints(client, alpha)))
    close_doc(client, alpha)


async def _negate(answer: Any) -> bool:
    return not await answer


async def test_added_folder_gets_its_settings(client: LanguageClient) -> None:
    gamma = open_doc(client, _root(client) / "gamma" / "c.py", BAD)
    assert await _hints(client, gamma) == []  # outside every folder: workspace settings
    folder = types.WorkspaceFolder(uri=client.folders["gamma"], name="gamma")  # type: ignore[attr-defined]
    client.workspace_did_change_workspace_folders(
        types.DidChangeWorkspaceFoldersParams(
            event=types.WorkspaceFoldersChangeEvent(added=[folder], removed=[])
        )
    )
    assert await _until(lambda: _hints(client, gamma)) == ["evaluated once"]
    close_doc(client, gamma)


async def test_each_folder_reads_its_own_notes(client: LanguageClient) -> None:
    """alpha's notes come from its pyproject, beta's from its folder settings."""
    headings = {}
    for folder in ("alpha", "beta"):
        uri = open_doc(client, _root(client) / folder / "retrying.py", USES_RETRY)
        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=2, character=1),
            )
        )
        assert hover is not None, folder
        value = hover.contents.value
        headings[folder] = [line for line in value.splitlines() if "From your notes" in line]
        close_doc(client, uri)
    assert headings == {
        "alpha": ["**From your notes — Alpha retry**"],
        "beta": ["**From your notes — Beta retry**"],
    }


async def test_watched_pyproject_change_rechecks_open_documents(client: LanguageClient) -> None:
    pyproject = _root(client) / "alpha" / "pyproject.toml"
    alpha = open_doc(client, _root(client) / "alpha" / "a4.py", BAD, version=7)
    assert await wait_for_diagnostics(client, alpha, 7) == []
    previous = None
    if pulls_diagnostics(client):
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=alpha))
        )
        previous = report.result_id
    client.published.pop(alpha, None)  # type: ignore[attr-defined]
    pyproject.write_text("[tool.pygloss]\nignore = []\n")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=pyproject.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    if pulls_diagnostics(client):
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(
                text_document=types.TextDocumentIdentifier(uri=alpha), previous_result_id=previous
            )
        )
        assert report.kind == "full" and [d.code for d in report.items] == ["PG101"]
    else:  # re-published without any edit
        assert [d.code for d in await wait_for_diagnostics(client, alpha, 7)] == ["PG101"]
    close_doc(client, alpha)
