"""Workspace folders and the editor settings that apply to each document.

A multi-root workspace has several folders; each may have its own settings (from
``workspace/configuration`` with the folder as ``scopeUri``) as well as its own
``pyproject.toml`` (found by the engine from the file's path).  Settings for a
document are layered, later winning key by key:

1. ``initializationOptions``;
2. the client's global settings (``workspace/didChangeConfiguration`` or a
   ``workspace/configuration`` request without scope);
3. the settings of the folder holding the document (the innermost folder when
   folders are nested).

Topics muted with the ``pygloss.muteTopic`` command are added on top.  Parsed
settings are cached until a layer changes.  Thread-safe: handlers running in the
worker pools read settings while the event loop updates them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from pygloss.lsp.documents import uri_to_path
from pygloss.lsp.settings import Settings, merge_raw, parse_settings


def _folder_key(path: str) -> str:
    return path.rstrip("/") + "/"


class Folders:
    """The workspace folders and the layered settings of each."""

    def __init__(self, warn: Callable[[str], None] | None = None) -> None:
        self._warn = warn or (lambda message: None)
        self._lock = threading.Lock()
        self._folders: dict[str, str] = {}  # folder uri -> path
        self._init: Any = None
        self._global: Any = None
        self._scoped: dict[str, Any] = {}  # folder uri -> raw settings
        self._muted: frozenset[str] = frozenset()
        self._cache: dict[str | None, Settings] = {}
        self.version = 0  # bumped by every change (diagnostic result ids include it)

    def _changed(self) -> None:  # call with the lock held
        self._cache.clear()
        self.version += 1

    # -- folders -------------------------------------------------------------------
    def set_folders(self, folders: Iterable[tuple[str, str]]) -> None:
        """Replace the folders with ``(uri, name)`` pairs (non-file URIs are kept out)."""
        with self._lock:
            self._folders = {}
            for uri, _name in folders:
                path = uri_to_path(uri)
                if path is not None:
                    self._folders[uri] = path
            self._scoped = {u: v for u, v in self._scoped.items() if u in self._folders}
            self._changed()

    def add(self, uri: str) -> None:
        path = uri_to_path(uri)
        if path is not None:
            with self._lock:
                self._folders[uri] = path
                self._changed()

    def remove(self, uri: str) -> None:
        with self._lock:
            self._folders.pop(uri, None)
            self._scoped.pop(uri, None)
            self._changed()

    def uris(self) -> list[str]:
        with self._lock:
            return list(self._folders)

    def folder_of(self, uri: str) -> str | None:
        """The URI of the innermost folder holding document *uri* (None if outside all)."""
        path = uri_to_path(uri)
        if path is None:
            return None
        best: tuple[int, str] | None = None
        with self._lock:
            for folder_uri, folder_path in self._folders.items():
                key = _folder_key(folder_path)
                if (path + "/").startswith(key) and (best is None or len(key) > best[0]):
                    best = (len(key), folder_uri)
        return best[1] if best else None

    def folder_path_of(self, uri: str) -> str | None:
        """The file-system path of the folder holding *uri* (relative notes resolve here)."""
        folder = self.folder_of(uri)
        with self._lock:
            return self._folders.get(folder) if folder else None

    # -- settings layers -------------------------------------------------------------
    def set_initial(self, raw: Any) -> None:
        with self._lock:
            self._init = raw
            self._changed()

    def set_global(self, raw: Any) -> None:
        with self._lock:
            self._global = raw
            self._changed()

    def set_scoped(self, folder_uri: str, raw: Any) -> None:
        with self._lock:
            self._scoped[folder_uri] = raw
            self._changed()

    def mute(self, topic_id: str) -> bool:
        """Mute a topic everywhere for this session; False when it already was."""
        with self._lock:
            if topic_id in self._muted:
                return False
            self._muted = self._muted | {topic_id}
            self._changed()
            return True

    def settings_for(self, uri: str | None = None) -> Settings:
        """Settings for document *uri* (None: the workspace-wide settings)."""
        folder = self.folder_of(uri) if uri else None
        with self._lock:
            cached = self._cache.get(folder)
            if cached is not None:
                return cached
            raw = merge_raw(self._init, self._global, self._scoped.get(folder) if folder else None)
            muted = self._muted
        settings, warnings = parse_settings(raw)
        settings = settings.with_mute(muted)
        for warning in warnings:
            self._warn(warning)
        with self._lock:
            self._cache[folder] = settings
        return settings
