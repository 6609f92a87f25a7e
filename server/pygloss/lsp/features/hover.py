"""textDocument/hover: the explanation of the construct or name under the cursor.

Thin: convert the position, run :meth:`Engine.explain` off the event loop (the parse
is cached per document version by the document store), convert the result.
Markdown unless the client only accepts plain text; ``None`` when pygloss has
nothing to say, so editors show only the other servers' hovers.
"""

from __future__ import annotations

import asyncio
import contextlib

from lsprotocol import types

from pygloss.engine.render import RenderOptions
from pygloss.lsp.convert import to_lsp_range, to_offset
from pygloss.lsp.notes import notes_spec
from pygloss.lsp.server import PyglossServer, guarded


def _markup_kind(ls: PyglossServer) -> types.MarkupKind:
    hover = ls.client_capabilities.text_document and ls.client_capabilities.text_document.hover
    formats = hover.content_format if hover else None
    if formats and types.MarkupKind.Markdown not in formats:
        return types.MarkupKind.PlainText
    return types.MarkupKind.Markdown


def register(server: PyglossServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @guarded(server)
    async def hover(ls: PyglossServer, params: types.HoverParams) -> types.Hover | None:
        doc = ls.store.get(params.text_document.uri)
        if doc is None or ls.too_large(doc):
            return None
        if not ls.config_ready.is_set():  # a hover at start-up: wait for the folder settings
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(ls.config_ready.wait(), 3)
        source, encoding = doc.source, ls.encoding
        offset = to_offset(source, params.position, encoding)
        kind = _markup_kind(ls)
        settings = ls.settings_for(doc.uri)
        options = RenderOptions(
            verbosity=settings.verbosity,
            mute=settings.mute,
            markdown=kind == types.MarkupKind.Markdown,
        )
        notes = notes_spec(ls, doc)
        explanation = await ls.run_slow(ls.engine.explain, source, offset, options, notes)
        if explanation is None:
            return None
        return types.Hover(
            contents=types.MarkupContent(kind=kind, value=explanation.markdown),
            range=to_lsp_range(source, explanation.start, explanation.end, encoding),
        )
