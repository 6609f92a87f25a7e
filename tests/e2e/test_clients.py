"""The main LSP scenarios, run once per recorded client (VS Code, Neovim, Emacs).

Each client's capabilities (shipped by pytest-lsp) change how the server answers:
VS Code 1.65 offers only UTF-16 positions and gets pushed diagnostics; Neovim 0.11
offers UTF-8 first and pulls diagnostics; Emacs (eglot) offers UTF-32 first and
gets pushed diagnostics.  Every position below is computed the client's way (see
``helpers.position_at``) on text with emoji (2 UTF-16 units, 4 UTF-8 bytes), CJK
(3 UTF-8 bytes) and combining characters before and inside the constructs.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient

from pygloss.engine.api import load_knowledge
from pygloss.lsp.documents import uri_to_path
from pygloss.pages.site import topic_text
from tests.conftest import ROOT
from tests.e2e.helpers import (
    apply_text_edits,
    change_doc,
    close_doc,
    code_actions,
    initialize,
    open_doc,
    position_of,
    pulls_diagnostics,
    range_of,
    server_config,
    wait_for_diagnostics,
)

CLIENTS = {  # recorded client -> (position encoding it gets, pulls diagnostics)
    "visual-studio-code": ("utf-16", False),
    "neovim": ("utf-8", True),
    "emacs": ("utf-32", False),
}
OPTIONS = {"pygloss": {"diagnostics": {"debounceMs": 20}, "inlayHints": True, "codeLens": True}}

UNICODE = '''\
greeting = "héllo 😀 漢字 e\u0301"; tags = {"🎉": 1}


def tag(label="😀 漢字", bucket=["e\u0301", "🎉"]):
    """Add one."""
    bucket.append(label)
    return bucket
'''
FIXED = '''\
greeting = "héllo 😀 漢字 e\u0301"; tags = {"🎉": 1}


def tag(label="😀 漢字", bucket=None):
    """Add one."""
    if bucket is None:
        bucket = ["e\u0301", "🎉"]
    bucket.append(label)
    return bucket
'''
PATCHES = """\
from abc import ABCMeta
from unittest import mock


class 設定(metaclass=ABCMeta):
    pass


@mock.patch("os.remove")
@mock.patch("os.path.exists")
def test_削除(mock_exists, mock_remove, 名前="😀", seen={"e\u0301"}):
    s = "漢字😀"; p = mock.patch("os.getcwd")
    return seen


async def 取得():
    return "😀"


async def main():
    取得(); label = "😀 漢字"
"""


@pytest_lsp.fixture(config=server_config(), params=list(CLIENTS), scope="module")
async def client(lsp_client: LanguageClient, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    result = await initialize(lsp_client, capabilities=request.param, options=OPTIONS)
    lsp_client.name = request.param  # type: ignore[attr-defined]
    lsp_client.encoding = result.capabilities.position_encoding  # type: ignore[attr-defined]
    lsp_client.init_result = result  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


def _enc(client: LanguageClient) -> str:
    return str(client.encoding)  # type: ignore[attr-defined]


def _doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


def _scratch(client: LanguageClient, name: str) -> str:
    return str(ROOT / f"scratch_{client.name}_{name}.py")  # type: ignore[attr-defined]


async def test_initialize_negotiates_the_encoding_and_the_diagnostic_model(
    client: LanguageClient,
) -> None:
    encoding, pulls = CLIENTS[client.name]  # type: ignore[attr-defined]
    caps = client.init_result.capabilities  # type: ignore[attr-defined]
    assert caps.position_encoding == encoding
    assert pulls_diagnostics(client) is pulls
    if pulls:
        assert caps.diagnostic_provider == types.DiagnosticOptions(
            identifier="pygloss", inter_file_dependencies=True, workspace_diagnostics=True
        )
    else:
        assert caps.diagnostic_provider is None
    assert caps.inlay_hint_provider == types.InlayHintOptions(resolve_provider=False)
    assert caps.code_lens_provider == types.CodeLensOptions(resolve_provider=False)
    assert set(caps.execute_command_provider.commands) >= {
        "pygloss.explain",
        "pygloss.reloadKnowledge",
        "pygloss.muteTopic",
    }


async def test_diagnostic_ranges_after_emoji_cjk_and_combining_marks(
    client: LanguageClient,
) -> None:
    uri = open_doc(client, _scratch(client, "diag"), UNICODE, version=1)
    (diagnostic,) = await wait_for_diagnostics(client, uri, 1)
    assert diagnostic.code == "PG101"
    assert diagnostic.range == range_of(UNICODE, '["e\u0301", "🎉"]', _enc(client))
    edited = UNICODE.replace('label="😀 漢字"', 'label="😀😀 漢字漢字"')
    change_doc(client, uri, 2, edited)
    (diagnostic,) = await wait_for_diagnostics(client, uri, 2)
    assert diagnostic.range == range_of(edited, '["e\u0301", "🎉"]', _enc(client))
    # an incremental edit whose range is in the client's encoding, after the emoji
    edit = types.TextDocumentContentChangePartial(
        range=range_of(edited, '"😀😀 漢字漢字"', _enc(client)), text='"e\u0301🎉"'
    )
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
            content_changes=[edit],
        )
    )
    final = edited.replace('"😀😀 漢字漢字"', '"e\u0301🎉"')
    (diagnostic,) = await wait_for_diagnostics(client, uri, 3)
    assert diagnostic.range == range_of(final, '["e\u0301", "🎉"]', _enc(client))
    close_doc(client, uri)


async def test_pull_or_push_never_both(client: LanguageClient) -> None:
    uri = open_doc(client, _scratch(client, "model"), "def f(x=[]):\n    return x\n", 3)
    diagnostics = await wait_for_diagnostics(client, uri, 3)
    assert [d.code for d in diagnostics] == ["PG101"]
    if pulls_diagnostics(client):
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=_doc(uri))
        )
        again = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(
                text_document=_doc(uri), previous_result_id=report.result_id
            )
        )
        assert again == types.RelatedUnchangedDocumentDiagnosticReport(result_id=report.result_id)
        workspace = await client.workspace_diagnostic_async(
            types.WorkspaceDiagnosticParams(previous_result_ids=[])
        )
        (mine,) = [r for r in workspace.items if r.uri == uri]
        assert (mine.kind, mine.version, [d.code for d in mine.items]) == ("full", 3, ["PG101"])
        # nothing new: the next workspace pull is held until a document changes
        previous = [types.PreviousResultId(uri=r.uri, value=r.result_id) for r in workspace.items]
        held = asyncio.ensure_future(
            client.workspace_diagnostic_async(
                types.WorkspaceDiagnosticParams(previous_result_ids=previous)
            )
        )
        await client.text_document_hover_async(
            types.HoverParams(text_document=_doc(uri), position=types.Position(line=0, character=0))
        )
        assert not held.done()
        change_doc(client, uri, 4, "def f(x=None, y={}):\n    return x, y\n")
        (mine,) = [r for r in (await held).items if r.uri == uri]
        assert (mine.kind, mine.version, [d.code for d in mine.items]) == ("full", 4, ["PG101"])
        # a hover round trip later, still nothing was pushed for any document
        await client.text_document_hover_async(
            types.HoverParams(text_document=_doc(uri), position=types.Position(line=0, character=0))
        )
        assert client.published == {}  # type: ignore[attr-defined]
    else:
        assert client.published[uri].version == 3  # type: ignore[attr-defined]
    close_doc(client, uri)


async def test_hover_range_after_unicode_on_the_same_line(client: LanguageClient) -> None:
    uri = open_doc(client, _scratch(client, "hover"), PATCHES)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=_doc(uri),
            position=position_of(PATCHES, 'mock.patch("os.getcwd")', 6, _enc(client)),
        )
    )
    assert hover is not None
    assert hover.contents.value.startswith("**unittest.mock.patch")
    assert hover.range == range_of(PATCHES, "mock.patch", _enc(client), after="p = ")
    close_doc(client, uri)


async def test_quick_fix_edits_apply_in_the_client_encoding(client: LanguageClient) -> None:
    uri = open_doc(client, _scratch(client, "fix"), UNICODE, version=1)
    (diagnostic,) = await wait_for_diagnostics(client, uri, 1)
    actions = await code_actions(client, uri, diagnostic.range, [diagnostic])
    fix = actions[0]
    if fix.edit is None:
        fix = await client.code_action_resolve_async(fix)
    assert apply_text_edits(UNICODE, fix.edit.changes[uri], _enc(client)) == FIXED
    close_doc(client, uri)


async def test_inlay_hints_sit_after_their_code(client: LanguageClient) -> None:
    uri = open_doc(client, _scratch(client, "hints"), PATCHES)
    everything = types.Range(
        start=types.Position(line=0, character=0), end=types.Position(line=99, character=0)
    )
    hints = await client.text_document_inlay_hint_async(
        types.InlayHintParams(text_document=_doc(uri), range=everything)
    )
    enc = _enc(client)
    assert [(h.label, h.position) for h in hints] == [
        ("← os.path.exists", position_of(PATCHES, "mock_exists", 11, enc)),
        ("← os.remove", position_of(PATCHES, "mock_remove", 11, enc)),
        ("evaluated once", position_of(PATCHES, '{"e\u0301"}', 6, enc)),
        ("coroutine — not awaited", position_of(PATCHES, "取得();", 4, enc)),
    ]
    assert hints[0].kind == types.InlayHintKind.Parameter and hints[0].padding_left
    # only the hints inside the requested range
    line = position_of(PATCHES, "seen=").line
    window = types.Range(
        start=position_of(PATCHES, "seen=", 0, enc), end=types.Position(line=line, character=999)
    )
    hints = await client.text_document_inlay_hint_async(
        types.InlayHintParams(text_document=_doc(uri), range=window)
    )
    assert [h.label for h in hints] == ["evaluated once"]
    close_doc(client, uri)


async def test_code_lens_runs_explain_at_the_construct(client: LanguageClient) -> None:
    uri = open_doc(client, _scratch(client, "lens"), PATCHES)
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=_doc(uri))
    )
    enc = _enc(client)
    assert [(lens.range.start, lens.command.title) for lens in lenses] == [
        (position_of(PATCHES, "class 設定"), "Explain metaclass=ABCMeta"),
        (position_of(PATCHES, '@mock.patch("os.remove")'), "Explain 2 stacked decorators"),
    ]
    argument: dict[str, Any] = lenses[0].command.arguments[0]
    assert argument == {
        "uri": uri,
        # the lens's first choice: the `metaclass=` keyword, which the hover explains
        "position": _as_dict(position_of(PATCHES, "metaclass=ABCMeta", 0, enc)),
    }
    result = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(
            command=lenses[1].command.command, arguments=lenses[1].command.arguments
        )
    )
    assert result["topics"][0]["id"] == "mock-patch"  # then "See also"
    assert "| `mock_exists` | `os.path.exists` (bottom decorator) |" in result["markdown"]
    close_doc(client, uri)


def _as_dict(position: types.Position) -> dict[str, int]:
    return {"line": position.line, "character": position.character}


async def test_explain_command_accepts_a_topic_or_a_position(client: LanguageClient) -> None:
    uri = open_doc(client, _scratch(client, "explain"), PATCHES)
    enc = _enc(client)
    at = position_of(PATCHES, 'mock.patch("os.getcwd")', 5, enc)
    shown_before, said_before = len(client.shown_documents), len(client.messages)
    kb = load_knowledge()
    patch_topic = kb.get("mock-patch")
    assert patch_topic is not None

    def run(*arguments: object) -> Any:
        return client.workspace_execute_command_async(
            types.ExecuteCommandParams(command="pygloss.explain", arguments=list(arguments))
        )

    by_id = await run("mock-patch")
    by_object = await run({"uri": uri, "position": _as_dict(at)})
    by_list = await run(uri, at.line, at.character)
    assert by_id["topics"] == [{"id": "mock-patch", "title": by_id["topics"][0]["title"]}]
    assert by_id["markdown"].startswith("# unittest.mock.patch")
    assert by_object == by_list
    assert [t["id"] for t in by_object["topics"]] == ["mock-patch"]
    assert await run("no-such-topic") is None
    assert await run({"uri": uri}) is None
    assert await run(uri, at.line, at.character + 200) is None  # end of line: nothing there
    # the topic is shown where the client drops the result: its page's text opened in
    # the editor (never a browser); Emacs 29's eglot has no showDocument: a message
    supports = client.name != "emacs"  # type: ignore[attr-defined]
    shown = client.shown_documents[shown_before:]
    assert len(shown) == (3 if supports else 0)
    for document in shown:
        assert document.uri.endswith("/testing/mock-patch.md")
        assert (document.external, document.take_focus) == (False, True)
        text = Path(str(uri_to_path(document.uri))).read_text(encoding="utf-8")
        assert text == topic_text(patch_topic, kb) and not text.startswith("+++")
    if not supports:
        said = [m.message for m in client.messages[said_before:] if "show mock-patch" in m.message]
        assert len(said) == 3 and said[0].startswith("unittest.mock.patch — ")
    close_doc(client, uri)


async def test_reload_knowledge_and_mute_topic(client: LanguageClient) -> None:
    """Runs last for each client: muting lasts for the session."""
    reloaded = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="pygloss.reloadKnowledge", arguments=[])
    )
    assert reloaded["topics"] > 50 and reloaded["problems"] == []
    uri = open_doc(client, _scratch(client, "mute"), PATCHES)
    params = types.HoverParams(
        text_document=_doc(uri),
        position=position_of(PATCHES, 'mock.patch("os.getcwd")', 6, _enc(client)),
    )
    assert await client.text_document_hover_async(params) is not None
    muted = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="pygloss.muteTopic", arguments=["mock-patch"])
    )
    assert muted == {"muted": ["mock-patch"]}
    assert await client.text_document_hover_async(params) is None
    with pytest.raises(JsonRpcException):
        await client.workspace_execute_command_async(
            types.ExecuteCommandParams(command="pygloss.noSuchCommand", arguments=[])
        )
    close_doc(client, uri)
