"""textDocument/codeLens: "Explain" above metaclass classes, dataclass-like classes
and decorator stacks (:mod:`pygloss.engine.lenses`), when the ``pygloss.codeLens``
setting turns lenses on (off by default).  Each lens runs ``pygloss.explain`` with
``{uri, position}`` of the construct it is about."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from pygloss.lsp.documents import Document
from pygloss.lsp.features.commands import EXPLAIN_COMMAND
from pygloss.lsp.server import PyglossServer, guarded

if TYPE_CHECKING:  # the engine is imported on first use (initialize does not wait)
    from pygloss.engine.lenses import Lens


def to_code_lens(doc: Document, lens: Lens, encoding: str) -> types.CodeLens:
    position = doc.to_range(lens.offset, lens.offset, encoding).start
    argument = {
        "uri": doc.uri,
        "position": {"line": position.line, "character": position.character},
    }
    return types.CodeLens(
        range=doc.to_range(lens.start, lens.start, encoding),
        command=types.Command(title=lens.title, command=EXPLAIN_COMMAND, arguments=[argument]),
    )


def register(server: PyglossServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_CODE_LENS, types.CodeLensOptions(resolve_provider=False))
    @guarded(server, default=[])
    async def code_lens(ls: PyglossServer, params: types.CodeLensParams) -> list[types.CodeLens]:
        uri = params.text_document.uri
        doc, settings = ls.store.get(uri), ls.settings_for(uri)
        if doc is None or not settings.code_lens or ls.too_large(doc):
            return []
        key, source = (doc.revision, ls.generation), doc.source
        cached = doc.cache.get("lenses")
        if cached is None or cached[0] != key:
            cached = (key, await ls.run_slow(ls.engine.code_lenses, source, settings.mute))
            doc.cache["lenses"] = cached
        lenses: list[Lens] = cached[1]
        return [to_code_lens(doc, x, ls.encoding) for x in lenses if doc.owns(x.start, x.start)]
