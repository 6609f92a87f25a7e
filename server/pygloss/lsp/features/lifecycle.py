"""initialize / initialized, settings, workspace folders and watched files.

Settings come from ``initializationOptions``, then from ``workspace/configuration``
(pulled for the whole workspace and for each folder, when the client supports it)
or from ``workspace/didChangeConfiguration``.  Analysis waits (briefly) for the
first pull so the first diagnostics already follow the folder's settings.

``pyproject.toml`` and Markdown (notes) files are watched through
``workspace/didChangeWatchedFiles``, registered dynamically when the client allows
it; a change re-checks the open documents.  After any change that alters results,
:func:`refresh_views` re-publishes diagnostics (push) or asks the client to pull
again, and asks it to refresh inlay hints and code lenses where it supports that.
"""

from __future__ import annotations

import asyncio
import threading

from lsprotocol import types

from pygloss.lsp.documents import uri_to_path
from pygloss.lsp.features import diagnostics
from pygloss.lsp.server import PyglossServer, guarded
from pygloss.lsp.settings import workspace_trusted

SECTION = "pygloss"
WATCHED = ("**/pyproject.toml", "**/*.md", "**/*.markdown")
CONFIG_TIMEOUT = 2.0  # seconds analysis waits for the first workspace/configuration


def _folders_from(params: types.InitializeParams) -> list[tuple[str, str]]:
    if params.workspace_folders:
        return [(f.uri, f.name) for f in params.workspace_folders]
    if params.root_uri:
        return [(params.root_uri, "root")]
    return []


async def pull_configuration(ls: PyglossServer) -> None:
    """Ask the client for the workspace-wide and per-folder ``pygloss`` settings."""
    if not ls.client_supports("workspace.configuration"):
        return
    folders = ls.folders.uris()
    items = [types.ConfigurationItem(section=SECTION)]
    items += [types.ConfigurationItem(scope_uri=uri, section=SECTION) for uri in folders]
    values = await ls.workspace_configuration_async(types.ConfigurationParams(items=items))
    if not isinstance(values, list | tuple) or len(values) != len(items):
        return
    if values[0] is not None:
        ls.folders.set_global(values[0])
    for uri, value in zip(folders, values[1:], strict=True):
        if value is not None:
            ls.folders.set_scoped(uri, value)


async def _register(ls: PyglossServer) -> None:
    registrations = []
    if ls.client_supports("workspace.did_change_watched_files.dynamic_registration"):
        watchers = [types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED]
        registrations.append(
            types.Registration(
                id="pygloss-watched-files",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
            )
        )
    if ls.client_supports("workspace.did_change_configuration.dynamic_registration"):
        registrations.append(
            types.Registration(
                id="pygloss-configuration", method=types.WORKSPACE_DID_CHANGE_CONFIGURATION
            )
        )
    if registrations:
        await ls.client_register_capability_async(
            types.RegistrationParams(registrations=registrations)
        )


def refresh_views(ls: PyglossServer) -> None:
    """Results may have changed everywhere: re-check open documents, refresh views."""
    diagnostics.refresh_all(ls)
    if ls.client_supports("workspace.inlay_hint.refresh_support"):
        ls.workspace_inlay_hint_refresh(None)
    if ls.client_supports("workspace.code_lens.refresh_support"):
        ls.workspace_code_lens_refresh(None)


async def _start(ls: PyglossServer) -> None:
    # A slow client must not block analysis, but its answer must not be lost either:
    # the pull is never cancelled (pygls would fail on the late response); when it
    # arrives after CONFIG_TIMEOUT, its settings apply from then on.
    pull = asyncio.ensure_future(pull_configuration(ls))
    await asyncio.wait({pull}, timeout=CONFIG_TIMEOUT)
    ls.config_ready.set()
    if pull.done():
        _pulled(ls, pull, late=False)
    else:
        ls.log(
            f"pygloss: workspace/configuration not answered within {CONFIG_TIMEOUT:g} s; "
            "using the settings so far until it is",
            types.MessageType.Warning,
        )
        pull.add_done_callback(lambda task: _pulled(ls, task, late=True))
    try:
        await _register(ls)
    except Exception as exc:  # the client refused; it may still send the notifications
        ls.log(f"pygloss: client/registerCapability failed: {exc!r}", types.MessageType.Warning)


def _pulled(ls: PyglossServer, pull: asyncio.Future[None], late: bool) -> None:
    if pull.cancelled():
        return
    if (exc := pull.exception()) is not None:
        ls.log(f"pygloss: workspace/configuration failed: {exc!r}", types.MessageType.Warning)
    elif late:
        refresh_views(ls)


async def _reconfigure(ls: PyglossServer) -> None:
    await pull_configuration(ls)
    refresh_views(ls)


def _find_pages(ls: PyglossServer, loop: asyncio.AbstractEventLoop) -> None:
    """In the background: link to the knowledge pages an earlier server built, or build
    them and then refresh the views, whose links still point at the topic files."""

    def warn(message: str) -> None:
        loop.call_soon_threadsafe(ls.log, message, types.MessageType.Warning)

    def find_or_build() -> None:
        if ls.pages.base is not None:
            return
        ls.pages.build(ls.engine.kb, warn)
        if ls.pages.base:
            loop.call_soon_threadsafe(_pages_built, ls)

    threading.Thread(target=find_or_build, name="pygloss-pages", daemon=True).start()


def _pages_built(ls: PyglossServer) -> None:
    ls.config_version += 1  # new result ids: diagnostics carry the new code links
    refresh_views(ls)


def register(server: PyglossServer) -> None:
    @server.feature(types.INITIALIZE)
    @guarded(server)
    def initialize(ls: PyglossServer, params: types.InitializeParams) -> None:
        ls.trusted = workspace_trusted(params.initialization_options)
        if not ls.trusted:
            ls.log(
                "pygloss: the workspace is not trusted: notes named in its pyproject.toml "
                "are not read",
                types.MessageType.Info,
            )
        ls.folders.set_initial(params.initialization_options)
        ls.folders.set_folders(_folders_from(params))

    @server.feature(types.INITIALIZED)
    @guarded(server)
    async def initialized(ls: PyglossServer, params: types.InitializedParams) -> None:
        # Load the knowledge base off the event loop so the first hover is fast,
        # then warm jedi's caches for the modules the knowledge base names (jedi's
        # thread), and log when that is done (from the event loop).
        loop = asyncio.get_running_loop()

        def warm_up() -> None:
            done = ls.engine.warm_up()
            loop.call_soon_threadsafe(ls.log, done, types.MessageType.Log)

        threading.Thread(target=warm_up, name="pygloss-warmup", daemon=True).start()
        _find_pages(ls, loop)
        await _start(ls)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    @guarded(server)
    async def did_change_configuration(
        ls: PyglossServer, params: types.DidChangeConfigurationParams
    ) -> None:
        if params.settings is not None:
            ls.update_settings(params.settings)
        await _reconfigure(ls)

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    @guarded(server)
    async def did_change_workspace_folders(
        ls: PyglossServer, params: types.DidChangeWorkspaceFoldersParams
    ) -> None:
        for folder in params.event.removed:
            ls.folders.remove(folder.uri)
        for folder in params.event.added:
            ls.folders.add(folder.uri)
        await _reconfigure(ls)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @guarded(server)
    def did_change_watched_files(
        ls: PyglossServer, params: types.DidChangeWatchedFilesParams
    ) -> None:
        paths = [p for p in (uri_to_path(change.uri) for change in params.changes) if p]
        if ls.engine.files_changed(paths):
            ls.config_version += 1
            refresh_views(ls)
