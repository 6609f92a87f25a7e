"""Notebooks through a real LSP client (pytest-lsp): ``notebookDocument/*`` sync, then
hover, diagnostics (pushed to VS Code's recorded client, pulled by Neovim's),
relatedInformation across cells, quick fixes, fix-all, inlay hints and code lenses
in cells -- once per client, so every position is checked in UTF-16 and in UTF-8.

Cells are addressed the way VS Code addresses them (``vscode-notebook-cell:`` URIs
with a fragment); positions are computed the client's way (``helpers.position_at``)
on cell text with emoji and CJK before the constructs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from tests.conftest import ROOT
from tests.e2e.helpers import (
    apply_text_edits,
    code_actions,
    position_at,
    position_of,
    pulls_diagnostics,
    range_of,
    server_config,
    wait_for_diagnostics,
)

CLIENTS = {"visual-studio-code": "utf-16", "neovim": "utf-8"}
# PG116 (off by default: Ruff's C408) is the simplest rule with a safe fix
OPTIONS = {
    "pygloss": {
        "diagnostics": {"debounceMs": 20},
        "inlayHints": True,
        "codeLens": True,
        "extendSelect": ["PG116"],
    }
}

IMPORTS = "%matplotlib inline\nfrom unittest import mock\nimport os\n"
ROUTES = (
    'title = "用户 😀"\n'
    "from fastapi import FastAPI\n"
    "app = FastAPI()\n"
    "\n"
    '@app.get("/users/{user_id}")\n'
    "def read_user(user_id: str):\n"
    "    return user_id\n"
)
MAGICS = 'files = !ls *.csv\n!pip install numpy\nos.path.join?\nlabel = "漢字 😀"; items = list()\n'
PATCHED = (
    '@mock.patch("os.remove")\n'
    '@mock.patch("os.path.exists")\n'
    "def test_cleanup(mock_exists, mock_remove):\n"
    "    pass\n"
)
SHADOWED = '@app.get("/users/me")\ndef read_me():\n    return "😀 me"\n'
BASH = "%%bash\nx = 1 is 1\n"


@dataclass
class Notebook:
    """The client's side of an open notebook: its cells (URI, kind, text, version)."""

    uri: str
    version: int = 1
    cells: list[list[object]] = field(default_factory=list)  # [uri, kind, text, version]

    def uri_of(self, index: int) -> str:
        return str(self.cells[index][0])

    def text_of(self, index: int) -> str:
        return str(self.cells[index][2])


def _cell_uri(notebook: str, name: str) -> str:
    return (
        f"vscode-notebook-cell:{notebook.removeprefix('file://').removeprefix('untitled:')}#{name}"
    )


def _item(uri: str, kind: str, text: str) -> types.TextDocumentItem:
    language = "python" if kind == "code" else "markdown"
    return types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)


def _kind(kind: str) -> types.NotebookCellKind:
    return types.NotebookCellKind.Code if kind == "code" else types.NotebookCellKind.Markup


def open_notebook(
    client: LanguageClient, name: str, cells: list[tuple[str, str]], uri: str = ""
) -> Notebook:
    uri = uri or (ROOT / f"scratch_{name}_{client.name}.ipynb").as_uri()  # type: ignore[attr-defined]
    notebook = Notebook(uri)
    for number, (kind, text) in enumerate(cells):
        notebook.cells.append([_cell_uri(uri, f"W{number}sZmlsZQ%3D%3D"), kind, text, 1])
    client.notebook_document_did_open(
        types.DidOpenNotebookDocumentParams(
            notebook_document=types.NotebookDocument(
                uri=uri,
                notebook_type="jupyter-notebook",
                version=1,
                cells=[
                    types.NotebookCell(kind=_kind(k), document=u) for u, k, _, _ in notebook.cells
                ],  # type: ignore[arg-type]
            ),
            cell_text_documents=[_item(u, k, t) for u, k, t, _ in notebook.cells],  # type: ignore[arg-type]
        )
    )
    return notebook


def _change(
    client: LanguageClient, notebook: Notebook, cells: types.NotebookDocumentCellChanges
) -> None:
    notebook.version += 1
    for cell in notebook.cells:  # wait for what is published after this change
        client.published.pop(cell[0], None)  # type: ignore[attr-defined]
    client.notebook_document_did_change(
        types.DidChangeNotebookDocumentParams(
            notebook_document=types.VersionedNotebookDocumentIdentifier(
                uri=notebook.uri, version=notebook.version
            ),
            change=types.NotebookDocumentChangeEvent(cells=cells),
        )
    )


def edit_cell(
    client: LanguageClient, notebook: Notebook, index: int, old: str, new: str, encoding: str
) -> None:
    """Replace the first *old* in cell *index* by *new*, as an incremental change."""
    cell = notebook.cells[index]
    text = str(cell[2])
    rng = range_of(text, old, encoding)
    cell[2], cell[3] = text.replace(old, new, 1), int(cell[3]) + 1  # type: ignore[call-overload]
    _change(
        client,
        notebook,
        types.NotebookDocumentCellChanges(
            text_content=[
                types.NotebookDocumentCellContentChanges(
                    document=types.VersionedTextDocumentIdentifier(
                        uri=str(cell[0]),
                        version=int(cell[3]),  # type: ignore[call-overload]
                    ),
                    changes=[types.TextDocumentContentChangePartial(range=rng, text=new)],
                )
            ]
        ),
    )


def insert_cell(client: LanguageClient, notebook: Notebook, at: int, name: str, text: str) -> None:
    uri = _cell_uri(notebook.uri, name)
    notebook.cells.insert(at, [uri, "code", text, 1])
    _change(
        client,
        notebook,
        types.NotebookDocumentCellChanges(
            structure=types.NotebookDocumentCellChangeStructure(
                array=types.NotebookCellArrayChange(
                    start=at,
                    delete_count=0,
                    cells=[types.NotebookCell(kind=types.NotebookCellKind.Code, document=uri)],
                ),
                did_open=[_item(uri, "code", text)],
            )
        ),
    )


def remove_cell(client: LanguageClient, notebook: Notebook, at: int) -> None:
    uri = notebook.uri_of(at)
    del notebook.cells[at]
    _change(
        client,
        notebook,
        types.NotebookDocumentCellChanges(
            structure=types.NotebookDocumentCellChangeStructure(
                array=types.NotebookCellArrayChange(start=at, delete_count=1, cells=[]),
                did_close=[types.TextDocumentIdentifier(uri=uri)],
            )
        ),
    )


def move_cell(client: LanguageClient, notebook: Notebook, source: int, target: int) -> None:
    """Move a cell as VS Code reports it: the changed stretch deleted and re-inserted."""
    low, high = min(source, target), max(source, target)
    cell = notebook.cells.pop(source)
    notebook.cells.insert(target, cell)
    _change(
        client,
        notebook,
        types.NotebookDocumentCellChanges(
            structure=types.NotebookDocumentCellChangeStructure(
                array=types.NotebookCellArrayChange(
                    start=low,
                    delete_count=high - low + 1,
                    cells=[
                        types.NotebookCell(kind=_kind(str(c[1])), document=str(c[0]))
                        for c in notebook.cells[low : high + 1]
                    ],
                ),
            )
        ),
    )


def close_notebook(client: LanguageClient, notebook: Notebook) -> None:
    client.notebook_document_did_close(
        types.DidCloseNotebookDocumentParams(
            notebook_document=types.NotebookDocumentIdentifier(uri=notebook.uri),
            cell_text_documents=[
                types.TextDocumentIdentifier(uri=str(c[0])) for c in notebook.cells
            ],
        )
    )


@pytest_lsp.fixture(config=server_config(), params=list(CLIENTS), scope="module")
async def client(lsp_client: LanguageClient, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    # the recorded clients predate notebook sync (VS Code 1.65): add what today's say
    capabilities = client_capabilities(request.param)
    capabilities.notebook_document = types.NotebookDocumentClientCapabilities(
        synchronization=types.NotebookDocumentSyncClientCapabilities(execution_summary_support=True)
    )
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities, root_uri=ROOT.as_uri(), initialization_options=OPTIONS
        )
    )
    lsp_client.name = request.param  # type: ignore[attr-defined]
    lsp_client.init_result = result  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


def _enc(client: LanguageClient) -> str:
    return CLIENTS[client.name]  # type: ignore[attr-defined]


def _doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


async def _codes(client: LanguageClient, notebook: Notebook) -> list[list[str]]:
    """The diagnostic codes of each code cell, in cell order."""
    found = []
    for uri, kind, _, _ in notebook.cells:
        if kind == "code":
            diagnostics = await wait_for_diagnostics(client, str(uri))
            found.append(sorted(str(d.code) for d in diagnostics))
    return found


def _standard(client: LanguageClient, name: str) -> Notebook:
    return open_notebook(
        client,
        name,
        [
            ("markdown", "# Users API\nSome *notes*."),
            ("code", IMPORTS),
            ("code", ROUTES),
            ("code", MAGICS),
            ("code", PATCHED),
            ("code", SHADOWED),
            ("code", BASH),
        ],
    )


async def test_notebook_sync_is_advertised(client: LanguageClient) -> None:
    caps = client.init_result.capabilities  # type: ignore[attr-defined]
    sync = caps.notebook_document_sync
    assert sync.save is True
    ((selector),) = sync.notebook_selector
    assert (selector.notebook, [c.language for c in selector.cells]) == ("*", ["python"])
    assert caps.position_encoding == _enc(client)


async def test_diagnostics_in_cells_with_the_cause_in_another_cell(client: LanguageClient) -> None:
    notebook = _standard(client, "routes")
    assert await _codes(client, notebook) == [[], [], ["PG116"], [], ["PG401"], []]
    shadowed = await wait_for_diagnostics(client, notebook.uri_of(5))
    (diagnostic,) = shadowed
    assert diagnostic.range == range_of(SHADOWED, '"/users/me"', _enc(client))
    assert diagnostic.message.startswith(
        "GET /users/me is unreachable: /users/{user_id} (cell 3, line 5), registered"
    )
    (related,) = diagnostic.related_information or ()
    if not pulls_diagnostics(client):  # the recorded VS Code client shows related places
        assert related.location == types.Location(
            uri=notebook.uri_of(2), range=range_of(ROUTES, '"/users/{user_id}"', _enc(client))
        )
    (items,) = await wait_for_diagnostics(client, notebook.uri_of(3))
    assert items.range == range_of(MAGICS, "list()", _enc(client))
    close_notebook(client, notebook)


async def test_hover_in_a_cell_resolves_imports_of_earlier_cells(client: LanguageClient) -> None:
    notebook = _standard(client, "hover")
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=_doc(notebook.uri_of(4)),
            position=position_of(PATCHED, "patch", 1, _enc(client)),
        )
    )
    assert hover is not None
    assert hover.contents.value.startswith(
        "**unittest.mock.patch — replace a name while a test runs**"
    )
    assert "| `mock_exists` | `os.path.exists` (bottom decorator) |" in hover.contents.value
    assert hover.range == range_of(PATCHED, "mock.patch", _enc(client))
    # IPython syntax is masked: no hover there; the Python after emoji is exact
    for text, needle in [
        (MAGICS, "!pip"),
        (MAGICS, "ls *.csv"),
        (MAGICS, "join?"),
        (IMPORTS, "%mat"),
    ]:
        cell = 3 if text is MAGICS else 1
        nothing = await client.text_document_hover_async(
            types.HoverParams(
                text_document=_doc(notebook.uri_of(cell)),
                position=position_of(text, needle, 1, _enc(client)),
            )
        )
        assert nothing is None, needle
    # the empty line after a cell's last line break is not the next cell's first line
    after = await client.text_document_hover_async(
        types.HoverParams(
            text_document=_doc(notebook.uri_of(3)),
            position=position_at(MAGICS, len(MAGICS), _enc(client)),
        )
    )
    assert after is None
    # a %%bash cell is not Python: nothing there either
    bash = await client.text_document_hover_async(
        types.HoverParams(
            text_document=_doc(notebook.uri_of(6)),
            position=position_of(BASH, "is", 0, _enc(client)),
        )
    )
    assert bash is None
    close_notebook(client, notebook)


async def test_editing_one_cell_rechecks_the_others(client: LanguageClient) -> None:
    notebook = _standard(client, "edits")
    assert await _codes(client, notebook) == [[], [], ["PG116"], [], ["PG401"], []]
    # the shadowing route becomes /items/{item_id}: cell 6's diagnostic goes away
    edit_cell(client, notebook, 2, "/users/{user_id}", "/items/{user_id}", _enc(client))
    assert await _codes(client, notebook) == [[], [], ["PG116"], [], [], []]
    # and comes back when it is undone
    edit_cell(client, notebook, 2, "/items/{user_id}", "/users/{user_id}", _enc(client))
    assert await _codes(client, notebook) == [[], [], ["PG116"], [], ["PG401"], []]
    # an edit after the emoji on the same line, in the client's encoding
    edit_cell(client, notebook, 3, "list()", "dict()", _enc(client))
    (changed,) = await wait_for_diagnostics(client, notebook.uri_of(3))
    assert changed.range == range_of(notebook.text_of(3), "dict()", _enc(client))
    # a save re-checks every cell (push: each is published again)
    for cell in notebook.cells:
        client.published.pop(cell[0], None)  # type: ignore[attr-defined]
    client.notebook_document_did_save(
        types.DidSaveNotebookDocumentParams(
            notebook_document=types.NotebookDocumentIdentifier(uri=notebook.uri)
        )
    )
    assert await _codes(client, notebook) == [[], [], ["PG116"], [], ["PG401"], []]
    close_notebook(client, notebook)


async def test_cells_added_removed_and_moved(client: LanguageClient) -> None:
    notebook = _standard(client, "structure")
    assert await _codes(client, notebook) == [[], [], ["PG116"], [], ["PG401"], []]
    insert_cell(client, notebook, 2, "Xnew", "def add(x, seen=[]):\n    return seen\n")
    assert await _codes(client, notebook) == [[], ["PG101"], [], ["PG116"], [], ["PG401"], []]
    removed = notebook.uri_of(2)
    remove_cell(client, notebook, 2)
    assert await _codes(client, notebook) == [[], [], ["PG116"], [], ["PG401"], []]
    if not pulls_diagnostics(client):  # the removed cell's diagnostics were cleared
        assert not client.published[removed].diagnostics  # type: ignore[attr-defined]
    # the /users/me route moved above the /users/{user_id} one: nothing is shadowed
    move_cell(client, notebook, 5, 2)
    assert notebook.text_of(2) == SHADOWED
    assert await _codes(client, notebook) == [[], [], [], ["PG116"], [], []]
    for cell in notebook.cells:
        client.published.pop(cell[0], None)  # type: ignore[attr-defined]
    close_notebook(client, notebook)
    for uri, kind, _, _ in notebook.cells:  # closed: nothing is left shown in any cell
        if kind == "code":
            assert await wait_for_diagnostics(client, str(uri)) == []


async def test_quick_fix_and_fix_all_in_a_cell(client: LanguageClient) -> None:
    notebook = _standard(client, "fixes")
    (diagnostic,) = await wait_for_diagnostics(client, notebook.uri_of(3))
    actions = await code_actions(client, notebook.uri_of(3), diagnostic.range, [diagnostic])
    fix = next(a for a in actions if a.title.startswith("Use the literal"))
    if fix.edit is None:
        fix = await client.code_action_resolve_async(fix)
    assert list(fix.edit.changes) == [notebook.uri_of(3)]
    fixed = apply_text_edits(MAGICS, fix.edit.changes[notebook.uri_of(3)], _enc(client))
    assert fixed == MAGICS.replace("list()", "[]")
    ignore = next(a for a in actions if a.title == "Ignore PG116 on this line")
    assert apply_text_edits(MAGICS, ignore.edit.changes[notebook.uri_of(3)], _enc(client)) == (
        MAGICS.replace("list()\n", "list()  # pygloss: ignore[PG116]\n")
    )
    whole = types.Range(start=position_at(MAGICS, 0), end=position_at(MAGICS, len(MAGICS)))
    (fix_all,) = await code_actions(
        client, notebook.uri_of(3), whole, [], only=["source.fixAll.pygloss"]
    )
    if fix_all.edit is None:
        fix_all = await client.code_action_resolve_async(fix_all)
    assert apply_text_edits(
        MAGICS, fix_all.edit.changes[notebook.uri_of(3)], _enc(client)
    ) == MAGICS.replace("list()", "[]")
    close_notebook(client, notebook)


async def test_inlay_hints_and_code_lenses_in_cells(client: LanguageClient) -> None:
    notebook = _standard(client, "views")
    whole = types.Range(start=position_at(PATCHED, 0), end=position_at(PATCHED, len(PATCHED)))
    hints = await client.text_document_inlay_hint_async(
        types.InlayHintParams(text_document=_doc(notebook.uri_of(4)), range=whole)
    )
    assert [(h.label, h.position) for h in hints or ()] == [
        ("← os.path.exists", position_of(PATCHED, ", mock_remove", 0, _enc(client))),
        ("← os.remove", position_of(PATCHED, "):\n    pass", 0, _enc(client))),
    ]
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=_doc(notebook.uri_of(4)))
    )
    assert [(lens.command.title, lens.range.start) for lens in lenses or ()] == [
        ("Explain 2 stacked decorators", types.Position(line=0, character=0))
    ]
    elsewhere = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=_doc(notebook.uri_of(3)))
    )
    assert not elsewhere
    close_notebook(client, notebook)


async def test_an_untitled_notebook_with_crlf_cells(client: LanguageClient) -> None:
    cell = 'note = "😀"\r\ndef add(x, seen=[]):\r\n    return seen\r\n'
    notebook = open_notebook(
        client,
        "untitled",
        [("code", "%load_ext autoreload\r\nimport os\r\n"), ("code", cell)],
        uri=f"untitled:Untitled-{client.name}.ipynb",  # type: ignore[attr-defined]
    )
    (diagnostic,) = await wait_for_diagnostics(client, notebook.uri_of(1))
    assert (diagnostic.code, diagnostic.range) == ("PG101", range_of(cell, "[]", _enc(client)))
    assert await wait_for_diagnostics(client, notebook.uri_of(0)) == []
    close_notebook(client, notebook)
