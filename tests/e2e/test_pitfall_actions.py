"""End to end for the PG1xx rules: diagnostic fields, safe vs unsafe quick fixes,
"Explain" and "Ignore" actions, ``source.fixAll.pygloss`` (safe fixes only, resolved
lazily), and the hover on a rule code inside a ``# noqa`` comment."""

from __future__ import annotations

import ast

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from pygloss.lsp.features.code_actions import UNSAFE
from tests.conftest import ROOT
from tests.e2e.helpers import (
    apply_text_edits,
    change_doc,
    close_doc,
    code_actions,
    initialize,
    open_doc,
    position_of,
    resolved,
    server_config,
    wait_for_diagnostics,
)

TEXT = "def collect(out=[]):\n    seen = list()\n    return out == None, seen, out\n"


@pytest_lsp.fixture(config=server_config())
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    # PG116 (off by default: Ruff's C408) is the simplest rule with a safe fix, PG103 (off
    # by default: Ruff's E711) the simplest warning with an unsafe one
    extend = ["PG103", "PG116"]
    options = {"pygloss": {"diagnostics": {"debounceMs": 50}, "extendSelect": extend}}
    await initialize(lsp_client, options=options)
    yield
    await lsp_client.shutdown_session()


async def test_diagnostics_carry_code_source_link_and_fix_data(
    client: LanguageClient, local_pages: str
) -> None:
    uri = open_doc(client, ROOT / "scratch_pitfalls.py", TEXT)
    diagnostics = await wait_for_diagnostics(client, uri, 1)
    assert [(d.code, d.severity) for d in diagnostics] == [
        ("PG101", types.DiagnosticSeverity.Hint),  # `out` is only compared, never changed
        ("PG116", types.DiagnosticSeverity.Hint),
        ("PG103", types.DiagnosticSeverity.Warning),
    ]
    for diagnostic in diagnostics:
        assert diagnostic.source == "pygloss"
        href = diagnostic.code_description.href  # the rule's page in the local site
        assert href.startswith(f"{local_pages}rules/pg1") and href.endswith(".html")
        assert diagnostic.data["fixable"] is True
    close_doc(client, uri)


async def test_a_safe_fix_is_preferred_and_an_unsafe_one_is_not(client: LanguageClient) -> None:
    uri = open_doc(client, ROOT / "scratch_pitfalls2.py", TEXT)
    diagnostics = await wait_for_diagnostics(client, uri, 1)
    by_code = {d.code: d for d in diagnostics}
    safe = await code_actions(
        client, uri, by_code["PG116"].range, diagnostics, [types.CodeActionKind.QuickFix]
    )
    # lsprotocol's client-side converter reads any action that carries a `command` as a
    # bare Command (its _code_action_hook checks only for the key): compare titles and
    # preference with getattr; the server's JSON is a CodeAction with kind and diagnostics
    assert [(a.title, getattr(a, "is_preferred", None)) for a in safe] == [
        ("Use the literal ([], {}, ())", True),
        ("Ignore PG116 on this line", None),
        ("Explain PG116", None),
    ]
    # VS Code resolves code actions lazily: the fix comes without its edit, with the
    # finding in `data`, and codeAction/resolve computes the edit
    assert safe[0].edit is None and safe[0].data["code"] == "PG116"
    fixed = apply_text_edits(TEXT, (await resolved(client, safe[0])).edit.changes[uri])
    assert fixed == TEXT.replace("list()", "[]")
    assert "pygloss.explain" in str(safe[2].command)
    assert "pg116-empty-collection-call" in str(safe[2].command)

    unsafe = await code_actions(
        client, uri, by_code["PG103"].range, diagnostics, [types.CodeActionKind.QuickFix]
    )
    assert unsafe[0].title == "Compare with is / is not" + UNSAFE
    assert not unsafe[0].is_preferred
    fixed = apply_text_edits(TEXT, (await resolved(client, unsafe[0])).edit.changes[uri])
    assert "return out is None, seen, out" in fixed

    ignored = apply_text_edits(TEXT, safe[1].edit.changes[uri])
    assert ignored.splitlines()[1] == "    seen = list()  # pygloss: ignore[PG116]"
    change_doc(client, uri, 2, ignored)
    assert [d.code for d in await wait_for_diagnostics(client, uri, 2)] == ["PG101", "PG103"]
    close_doc(client, uri)


async def test_fix_all_applies_safe_fixes_only(client: LanguageClient) -> None:
    text = TEXT + "names = dict()\nif names is 1:\n    pass\n"
    uri = open_doc(client, ROOT / "scratch_pitfalls3.py", text)
    diagnostics = await wait_for_diagnostics(client, uri, 1)
    whole = types.Range(start=types.Position(line=0, character=0), end=position_of(text, "pass"))
    actions = await code_actions(client, uri, whole, diagnostics, ["source.fixAll"])
    assert [(a.title, a.kind) for a in actions] == [
        ("pygloss: fix all safe fixes", "source.fixAll.pygloss")
    ]
    assert actions[0].edit is None  # computed in codeAction/resolve
    action = await resolved(client, actions[0])
    fixed = apply_text_edits(text, action.edit.changes[uri])
    assert fixed == (
        "def collect(out=[]):\n    seen = []\n    return out == None, seen, out\n"
        "names = {}\nif names is 1:\n    pass\n"
    )  # PG101, PG103 and PG102 (`is 1` → `== 1`: a numpy operand would raise) are unsafe
    ast.parse(fixed)
    close_doc(client, uri)


async def test_hover_on_a_code_in_a_noqa_comment(client: LanguageClient) -> None:
    text = "seen = list()  # noqa: E501, PG116\n"
    uri = open_doc(client, ROOT / "scratch_pitfalls4.py", text)
    assert await wait_for_diagnostics(client, uri, 1) == []
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position_of(text, "PG116", 2),
        )
    )
    assert hover is not None
    assert hover.contents.value.startswith("**PG116 `list()` / `dict()` / `tuple()`")
    assert hover.range == types.Range(
        start=position_of(text, "PG116"), end=position_of(text, "PG116", 5)
    )
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position_of(text, "E501", 1),
        )
    )
    assert nothing is None
    close_doc(client, uri)


async def test_a_safe_rule_labels_the_fix_it_builds_unsafe(client: LanguageClient) -> None:
    # PG108's fix is safe for object.__new__(cls, x), unsafe for super().__new__(cls, x)
    text = (
        "class Single:\n    def __new__(cls, *args):\n        return super().__new__(cls, *args)\n"
        "\n\nclass Money:\n    def __new__(cls, amount):\n"
        "        return object.__new__(cls, amount)\n"
    )
    uri = open_doc(client, ROOT / "scratch_pitfalls6.py", text)
    diagnostics = await wait_for_diagnostics(client, uri, 1)
    assert [d.code for d in diagnostics] == ["PG108", "PG108"]
    labels = []
    for diagnostic in diagnostics:
        actions = await code_actions(
            client, uri, diagnostic.range, [diagnostic], [types.CodeActionKind.QuickFix]
        )
        labels.append((actions[0].title, actions[0].is_preferred))
    assert labels == [
        ("Pass only the class to __new__" + UNSAFE, False),
        ("Pass only the class to __new__", True),
    ]
    fix_all = await code_actions(client, uri, diagnostics[1].range, diagnostics, ["source.fixAll"])
    fixed = apply_text_edits(text, (await resolved(client, fix_all[0])).edit.changes[uri])
    assert "super().__new__(cls, *args)" in fixed and "object.__new__(cls)\n" in fixed
    close_doc(client, uri)


async def test_another_linters_code_silences_and_hovers_the_pygloss_rule(
    client: LanguageClient,
) -> None:
    text = "seen = dict()  # noqa: C408\n"
    uri = open_doc(client, ROOT / "scratch_pitfalls5.py", text)
    assert await wait_for_diagnostics(client, uri, 1) == []  # PG116 is C408's pitfall
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position_of(text, "C408", 1),
        )
    )
    assert hover is not None
    assert hover.contents.value.startswith(
        "`C408` is `unnecessary-collection-call` from flake8-comprehensions (also in Ruff). "
        "pygloss reports the same pitfall as **PG116**"
    )
    close_doc(client, uri)


async def test_no_quick_fix_is_offered_for_a_finding_its_rule_cannot_fix(
    client: LanguageClient,
) -> None:
    # PG106 inserts `return` before the wrapper's last statement when that statement is
    # the call; here the call is not last, so the lazily resolved fix would be empty
    text = (
        "import functools\n\n\ndef log(func):\n    @functools.wraps(func)\n"
        "    def wrapper(*args, **kwargs):\n"
        "        func(*args, **kwargs)\n        print('done')\n    return wrapper\n\n\n"
        "@log\ndef greet():\n    return 'hi'\n"
    )
    uri = open_doc(client, ROOT / "scratch_pitfalls_nofix.py", text)
    diagnostics = await wait_for_diagnostics(client, uri, 1)
    [diagnostic] = [d for d in diagnostics if d.code == "PG106"]
    assert diagnostic.data["fixable"] is False
    actions = await code_actions(client, uri, diagnostic.range, diagnostics)
    assert [a.title for a in actions] == ["Ignore PG106 on this line", "Explain PG106"]
    close_doc(client, uri)
