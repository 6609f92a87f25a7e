"""The knowledge base and the rule registry as a static site (``pygloss pages build``).

One page per topic (a rule's topic is its rule page: What it does / Why is this bad? /
Example / Use instead / Fix safety, with the registry's facts), an index by area, the
rule table, and a search that runs in the page (no server: it works from ``file://``).

Why a small renderer over markdown-it-py rather than MkDocs or Sphinx: the pages are
made from the same parsed topics the language server loads (front matter, rule
registry, See also ids), not from Markdown files a generator would have to be fed;
the whole build is a function the server can run into a cache folder to give
diagnostics a local page to link to; it needs one small, well-kept pure-Python
dependency instead of a theme and plugin stack; and the output is plain relative
HTML that works opened from disk as well as served.  See ``docs/pages.md``.

Layers: ``pages`` reads ``kb`` and ``rules``; ``cli`` and ``lsp`` call it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pygloss.pages.site import BuildReport, SiteError, build_site

__all__ = ["BuildReport", "SiteError", "build_site"]


def __getattr__(name: str) -> Any:
    """The site builder, imported on first use: ``pygloss rule`` and ``kb show`` use
    :mod:`pygloss.pages.content` alone and need not load markdown-it."""
    if name in __all__:
        from pygloss.pages import site

        return getattr(site, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
