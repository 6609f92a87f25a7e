"""textDocument/inlayHint: the engine's hints (:mod:`pygloss.engine.hints`) for the
requested range, when the ``pygloss.inlayHints`` setting enables them (off by
default).  Hints are computed once per document version and enabled kinds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from pygloss.lsp.documents import Document
from pygloss.lsp.server import PyglossServer, guarded

if TYPE_CHECKING:  # the engine is imported on first use (initialize does not wait)
    from pygloss.engine.hints import Hint


def to_inlay_hint(doc: Document, hint: Hint, encoding: str) -> types.InlayHint:
    from pygloss.engine.hints import PATCH_TARGET

    return types.InlayHint(
        position=doc.to_range(hint.offset, hint.offset, encoding).start,
        label=hint.label,
        kind=types.InlayHintKind.Parameter if hint.kind == PATCH_TARGET else None,
        tooltip=hint.tooltip or None,
        padding_left=True,
    )


def register(server: PyglossServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_INLAY_HINT, types.InlayHintOptions(resolve_provider=False))
    @guarded(server, default=[])
    async def inlay_hint(ls: PyglossServer, params: types.InlayHintParams) -> list[types.InlayHint]:
        doc = ls.store.get(params.text_document.uri)
        kinds = ls.settings_for(params.text_document.uri).inlay_hints
        if doc is None or not kinds or ls.too_large(doc):
            return []
        key, source = (doc.revision, kinds), doc.source
        cached = doc.cache.get("hints")
        if cached is None or cached[0] != key:
            cached = (key, await ls.run_in_pool(ls.engine.inlay_hints, source, kinds))
            doc.cache["hints"] = cached
        start, end = doc.to_offsets(params.range, ls.encoding)
        hints: list[Hint] = cached[1]
        return [
            to_inlay_hint(doc, h, ls.encoding)
            for h in hints
            if start <= h.offset <= end and doc.owns(h.offset, h.offset)
        ]
