"""Topic Markdown as HTML, with markdown-it-py (CommonMark plus tables).

What it adds to plain CommonMark: headings get ``id`` anchors (``## Use instead`` ->
``id="use-instead"``), and fenced code blocks show what the knowledge base's info
strings mean: ```` ```output ```` is the output of the example before it,
```` ```python norun: reason ```` was not run (the reason is shown), ```` ```python
pytest ```` runs as a pytest file.  Raw HTML in a topic is escaped, never passed on.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

_SLUG_DROP = re.compile(r"[^\w\- ]+")


def slug(text: str) -> str:
    """An anchor id for a heading: lower case, punctuation dropped, spaces -> ``-``."""
    return "-".join(_SLUG_DROP.sub("", text.lower()).split()) or "section"


def _fence_label(info: str) -> tuple[str, str | None]:
    """``(language, label)`` for a fence's info string."""
    lang, _, rest = info.strip().partition(" ")
    rest = rest.strip()
    if lang == "output":
        return "output", "Output"
    if rest.startswith("norun:"):
        return lang, f"Not run: {rest.removeprefix('norun:').strip()}"
    rest, _, version = rest.partition("version:")
    holds = f"holds on Python {version.strip()}" if version.strip() else ""
    if rest.strip() == "pytest":
        return lang, "Runs as a pytest test file" + (f"; {holds}" if holds else "")
    return lang, (holds[:1].upper() + holds[1:]) or None


def _fence(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    lang, label = _fence_label(token.info)
    css = "output" if lang == "output" else f"code language-{html.escape(lang or 'text')}"
    caption = f'<div class="code-label">{html.escape(label)}</div>' if label else ""
    code = html.escape(token.content)
    return f'<figure class="{css}">{caption}<pre><code>{code}</code></pre></figure>\n'


def _heading_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    inline = tokens[idx + 1]
    anchor = slug(inline.content)
    seen: dict[str, int] = env.setdefault("anchors", {})
    count = seen.get(anchor, 0)
    seen[anchor] = count + 1
    if count:
        anchor = f"{anchor}-{count}"
    return f'<{token.tag} id="{anchor}">'


def renderer() -> MarkdownIt:
    """A markdown-it instance for topic bodies (HTML input escaped, tables on)."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.add_render_rule("fence", _fence)
    md.add_render_rule("heading_open", _heading_open)
    return md


_MD = renderer()


def to_html(markdown: str, shift: int = 0) -> str:
    """*markdown* as an HTML fragment; headings move *shift* levels down (max h6)."""
    tokens = _MD.parse(markdown)
    for token in tokens:
        if token.type in ("heading_open", "heading_close") and shift:
            level = min(6, int(token.tag[1]) + shift)
            token.tag = f"h{level}"
    return str(_MD.renderer.render(tokens, _MD.options, {}))


def inline_html(markdown: str) -> str:
    """One line of Markdown (a title, a summary) as inline HTML, without ``<p>``."""
    return str(_MD.renderInline(markdown))


def plain(markdown: str) -> str:
    """The text of *markdown* without its markup (for search and page titles)."""
    out: list[str] = []
    for token in _MD.parse(markdown):
        if token.type == "inline":
            children = token.children or ()
            out.append("".join(" " if c.type.endswith("break") else c.content for c in children))
        elif token.type in ("fence", "code_block"):
            out.append(token.content)
    return " ".join(" ".join(out).split())
