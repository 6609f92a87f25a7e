"""Your own notes in the hover, through a real client (pytest-lsp, VS Code's
capabilities): the section and its link, a notes-only hover, a notes file changed on
disk (watched files, didSave), bad notes logged once, and the ``pygloss.notes``
setting from initializationOptions and didChangeConfiguration."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from tests.e2e.helpers import open_doc, position_of, server_config

NOTES = """\
# Team notes

## `asyncio.gather()`

Run the calls at once; results come back in argument order.
One slow call makes the whole gather slow.

```python
import asyncio

async def main():
    await asyncio.gather(a(), b())
```

## Our retry helper
<!-- pygloss: myteam.retry -->

Wrap flaky network calls; it backs off twice.
"""
CODE = """\
import asyncio

from myteam import retry


async def main():
    await asyncio.gather(load(), save())
    retry(load)
"""


def _workspace(root: Path, notes_setting: str = "docs/notes.md") -> None:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "notes.md").write_text(NOTES, encoding="utf-8")
    (root / "pyproject.toml").write_text(
        f'[tool.pygloss]\nnotes = ["{notes_setting}", "missing.md"]\n', encoding="utf-8"
    )
    (root / "app.py").write_text(CODE, encoding="utf-8")


@pytest_lsp.fixture(config=server_config(), scope="module")
async def client(lsp_client: LanguageClient, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("notes-ws")
    _workspace(root)
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="ws")],
        )
    )
    lsp_client.root = root  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def _hover(client: LanguageClient, needle: str, delta: int = 0) -> str | None:
    root: Path = client.root  # type: ignore[attr-defined]
    uri = open_doc(client, root / "app.py", CODE)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position_of(CODE, needle, delta),
        )
    )
    if hover is None:
        return None
    assert isinstance(hover.contents, types.MarkupContent)
    return hover.contents.value


def _link(root: Path, line: int) -> str:
    return f"[notes.md:{line}]({(root / 'docs' / 'notes.md').resolve().as_uri()}#L{line})"


async def test_the_hover_adds_the_section_with_an_excerpt_and_a_link(
    client: LanguageClient,
) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    value = await _hover(client, "gather(load", 1)
    assert value is not None
    explanation, notes = value.split("\n\n---\n\n")
    assert explanation.startswith("**asyncio.gather()")
    assert notes == (
        "**From your notes — `asyncio.gather()`**\n\n"
        "Run the calls at once; results come back in argument order.\n"
        "One slow call makes the whole gather slow.\n\n" + _link(root, 3)
    )


async def test_a_name_only_the_notes_know_gets_a_notes_only_hover(client: LanguageClient) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    assert await _hover(client, "retry(load", 1) == (
        "**From your notes — Our retry helper**\n\n"
        "Wrap flaky network calls; it backs off twice.\n\n" + _link(root, 15)
    )


async def test_a_missing_notes_file_is_logged_once_and_hovers_keep_working(
    client: LanguageClient,
) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    for _ in range(2):
        assert await _hover(client, "gather(load", 1) is not None
    missing = [m.message for m in client.log_messages if "missing.md" in m.message]
    assert missing == [f"notes: {root / 'missing.md'}: no such file; skipped"]


async def test_a_changed_notes_file_is_read_again(client: LanguageClient) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    notes = root / "docs" / "notes.md"
    notes.write_text(NOTES.replace("## Our retry helper", "## Retrying"), encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=notes.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    value = await _hover(client, "retry(load", 1)
    assert value is not None and value.startswith("**From your notes — Retrying**")
    # saved from the editor: didSave
    notes.write_text(NOTES.replace("## Our retry helper", "## Retry, saved"), encoding="utf-8")
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(notes.as_uri()))
    )
    value = await _hover(client, "retry(load", 1)
    assert value is not None and value.startswith("**From your notes — Retry, saved**")


@pytest_lsp.fixture(config=server_config())
async def configured(lsp_client: LanguageClient, tmp_path: Path):  # type: ignore[no-untyped-def]
    _workspace(tmp_path, notes_setting="nothing-here.md")
    (tmp_path / "wiki").mkdir()
    (tmp_path / "wiki" / "a.md").write_text("# Wiki A\n\n`asyncio.gather()` in A.\n")
    (tmp_path / "wiki" / "b.md").write_text(
        "# Wiki B\n\n`asyncio.gather()` in B, twice: `asyncio.gather`.\n"
    )
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=tmp_path.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="ws")],
            initialization_options={"pygloss": {"notes": ["docs/notes.md"]}},
        )
    )
    lsp_client.root = tmp_path  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def test_the_setting_wins_and_follows_did_change_configuration(
    configured: LanguageClient,
) -> None:
    client = configured
    value = await _hover(client, "gather(load", 1)
    assert value is not None and "From your notes — `asyncio.gather()`" in value
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"pygloss": {"notes": ["wiki/*.md"]}})
    )
    value = await _hover(client, "gather(load", 1)
    assert value is not None
    headings = [line for line in value.splitlines() if line.startswith("**From your notes")]
    assert headings == ["**From your notes — Wiki B**", "**From your notes — Wiki A**"]
    assert not any("nothing-here.md" in m.message for m in client.log_messages)


@pytest_lsp.fixture(config=server_config())
async def per_folder(lsp_client: LanguageClient, tmp_path: Path):  # type: ignore[no-untyped-def]
    _workspace(tmp_path)
    (tmp_path / "wiki").mkdir()
    (tmp_path / "wiki" / "a.md").write_text("# Folder wiki\n\n`asyncio.gather()` here.\n")
    lsp_client.set_configuration({"pygloss": {"notes": ["wiki/*.md"]}}, scope_uri=tmp_path.as_uri())
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=tmp_path.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="ws")],
        )
    )
    lsp_client.root = tmp_path  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def test_the_folder_setting_pulled_with_workspace_configuration(
    per_folder: LanguageClient,
) -> None:
    value = await _hover(per_folder, "gather(load", 1)
    assert value is not None
    headings = [line for line in value.splitlines() if line.startswith("**From your notes")]
    assert headings == ["**From your notes — Folder wiki**"]
