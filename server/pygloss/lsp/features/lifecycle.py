"""initialize / initialized / configuration changes / shutdown."""

from __future__ import annotations

import threading

from lsprotocol import types

from pygloss.lsp.server import PyglossServer, guarded


def register(server: PyglossServer) -> None:
    @server.feature(types.INITIALIZE)
    @guarded(server)
    def initialize(ls: PyglossServer, params: types.InitializeParams) -> None:
        ls.update_settings(params.initialization_options)

    @server.feature(types.INITIALIZED)
    @guarded(server)
    def initialized(ls: PyglossServer, params: types.InitializedParams) -> None:
        # Load the knowledge base off the event loop so the first hover is fast.
        threading.Thread(target=lambda: ls.engine, name="pygloss-warmup", daemon=True).start()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    @guarded(server)
    def did_change_configuration(
        ls: PyglossServer, params: types.DidChangeConfigurationParams
    ) -> None:
        if params.settings is not None:
            ls.update_settings(params.settings)
        from pygloss.lsp.features.diagnostics import refresh_all

        refresh_all(ls)
