"""Editor settings (parsing, layering, per-folder lookup) and the encoding choice,
tested without a server."""

from __future__ import annotations

import pytest
from lsprotocol import types
from pytest_lsp import client_capabilities

from pygloss.lsp.convert import choose_position_encoding
from pygloss.lsp.folders import Folders
from pygloss.lsp.settings import Settings, merge_raw, parse_settings


@pytest.mark.parametrize(
    ("offered", "chosen"),
    [
        pytest.param(None, "utf-16", id="nothing-offered"),
        pytest.param(["utf-16"], "utf-16", id="utf16-only"),
        pytest.param(["utf-16", "utf-8"], "utf-8", id="utf8-after-utf16"),
        pytest.param(["utf-16", "utf-32", "utf-8"], "utf-32", id="first-of-8-or-32"),
        pytest.param(["utf-8", "utf-32"], "utf-8", id="client-order-among-8-32"),
        pytest.param(["latin-1"], "utf-16", id="unknown-only"),
    ],
)
def test_position_encoding_prefers_utf8_or_utf32(offered: list[str] | None, chosen: str) -> None:
    caps = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=offered)
    )
    assert choose_position_encoding(caps) == chosen


@pytest.mark.parametrize(
    ("client", "chosen"),
    [("visual-studio-code", "utf-16"), ("neovim", "utf-8"), ("emacs", "utf-32")],
)
def test_position_encoding_of_recorded_clients(client: str, chosen: str) -> None:
    assert choose_position_encoding(client_capabilities(client)) == chosen


def test_defaults_turn_hints_and_lenses_off() -> None:
    settings, warnings = parse_settings({})
    assert settings == Settings() and warnings == []
    assert settings.inlay_hints == frozenset() and settings.code_lens is False


@pytest.mark.parametrize(
    ("raw", "kinds"),
    [
        pytest.param(True, {"patch-target", "mutable-default", "unawaited-coroutine"}, id="true"),
        pytest.param({"enable": False, "patchTargets": True}, set(), id="disabled"),
        pytest.param({"mutableDefaults": False}, {"patch-target", "unawaited-coroutine"}, id="obj"),
        pytest.param(
            {"enable": True, "patchTargets": False, "unawaitedCoroutines": False},
            {"mutable-default"},
            id="one-kind",
        ),
    ],
)
def test_inlay_hint_settings(raw: object, kinds: set[str]) -> None:
    settings, warnings = parse_settings({"pygloss": {"inlayHints": raw}})
    assert settings.inlay_hints == frozenset(kinds) and warnings == []


def test_bad_hint_and_lens_values_warn_and_keep_defaults() -> None:
    settings, warnings = parse_settings(
        {"inlayHints": {"patchTargets": "yes", "colour": 1}, "codeLens": "on"}
    )
    assert settings.code_lens is False
    assert settings.inlay_hints == {"patch-target", "mutable-default", "unawaited-coroutine"}
    assert warnings == [
        "settings: inlayHints.patchTargets must be true or false; ignored",
        "settings: unknown key inlayHints.colour; ignored",
        "settings: codeLens must be true, false or {enable: bool}; ignored",
    ]


def test_code_lens_accepts_bool_or_object() -> None:
    assert parse_settings({"codeLens": True})[0].code_lens is True
    assert parse_settings({"codeLens": {"enable": True}})[0].code_lens is True
    assert parse_settings({"codeLens": {"enable": False}})[0].code_lens is False


def test_merge_raw_layers_win_key_by_key() -> None:
    merged = merge_raw(
        {"pygloss": {"hover": {"verbosity": "brief", "mute": ["a"]}, "select": ["PG1"]}},
        None,
        {"hover": {"mute": ["b"]}, "codeLens": True},
    )
    assert merged == {
        "hover": {"verbosity": "brief", "mute": ["b"]},
        "select": ["PG1"],
        "codeLens": True,
    }
    assert merge_raw(None, None) is None
    assert merge_raw({"a": 1}, "oops") == "oops"  # reported by parse_settings


def test_folders_give_each_document_its_folder_settings() -> None:
    warnings: list[str] = []
    folders = Folders(warn=warnings.append)
    folders.set_folders(
        [("file:///w/a", "a"), ("file:///w/a/inner", "inner"), ("file:///w/b", "b")]
    )
    folders.set_initial({"hover": {"verbosity": "brief"}})
    folders.set_global({"pygloss": {"codeLens": True}})
    folders.set_scoped("file:///w/b", {"codeLens": False, "hover": {"verbosity": "full"}})
    folders.set_scoped("file:///w/a/inner", {"inlayHints": True})

    a = folders.settings_for("file:///w/a/x.py")
    b = folders.settings_for("file:///w/b/pkg/y.py")
    inner = folders.settings_for("file:///w/a/inner/z.py")
    outside = folders.settings_for("file:///elsewhere/q.py")
    assert (a.verbosity, a.code_lens, a.inlay_hints) == ("brief", True, frozenset())
    assert (b.verbosity, b.code_lens) == ("full", False)
    assert inner.code_lens and inner.inlay_hints
    assert outside == folders.settings_for(None) == a
    assert folders.folder_of("file:///w/ab/x.py") is None  # a prefix is not a parent
    assert folders.folder_path_of("file:///w/a/inner/z.py") == "/w/a/inner"
    assert warnings == []


def test_folders_settings_change_version_and_mute() -> None:
    folders = Folders()
    before = folders.version
    assert folders.settings_for(None).mute == frozenset()
    assert folders.mute("mock-patch") is True
    assert folders.mute("mock-patch") is False
    assert folders.settings_for("file:///x.py").mute == {"mock-patch"}
    folders.set_global({"hover": {"mute": ["lambda"]}})
    assert folders.settings_for(None).mute == {"mock-patch", "lambda"}
    assert folders.version > before


def test_bad_settings_warn_once_per_parse() -> None:
    warnings: list[str] = []
    folders = Folders(warn=warnings.append)
    folders.set_global({"codeLens": 3})
    folders.settings_for(None)
    folders.settings_for(None)  # cached: not parsed (nor warned) again
    assert warnings == ["settings: codeLens must be true, false or {enable: bool}; ignored"]
