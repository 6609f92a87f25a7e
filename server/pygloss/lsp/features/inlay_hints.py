"""textDocument/inlayHint: the engine's hints (:mod:`pygloss.engine.hints`) for the
requested range, when the ``pygloss.inlayHints`` setting enables them (off by
default).  Hints are computed once per document version and enabled kinds."""

from __future__ import annotations

from lsprotocol import types

from pygloss.engine.hints import PATCH_TARGET, Hint
from pygloss.lsp.convert import to_offsets, to_position
from pygloss.lsp.server import PyglossServer, guarded
from pygloss.syntax.source import Source


def to_inlay_hint(source: Source, hint: Hint, encoding: str) -> types.InlayHint:
    return types.InlayHint(
        position=to_position(source, hint.offset, encoding),
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
        key, source = (doc.version, kinds), doc.source
        cached = doc.cache.get("hints")
        if cached is None or cached[0] != key:
            cached = (key, await ls.run_in_pool(ls.engine.inlay_hints, source, kinds))
            doc.cache["hints"] = cached
        start, end = to_offsets(source, params.range, ls.encoding)
        hints: list[Hint] = cached[1]
        return [to_inlay_hint(source, h, ls.encoding) for h in hints if start <= h.offset <= end]
