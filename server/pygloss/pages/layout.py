"""The HTML frame every page shares: head, top bar with the search box, footer.

Pages link to each other and to their assets with relative URLs (``../style.css``),
so the site works the same opened from disk (``file://``), from the wheel's cache
folder or from a web server under any path.  The search index is a script
(``search-index.js``), not a JSON file fetched at run time: browsers refuse
``fetch`` on ``file://``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

SITE_NAME = "pygloss"


@dataclass(frozen=True)
class Page:
    """One page to write: its path under the site root, title and main HTML."""

    path: str
    title: str
    main: str
    description: str = ""

    @property
    def root(self) -> str:
        """The relative URL of the site root from this page (``""`` or ``"../"``)."""
        return "../" * self.path.count("/")


def frame(page: Page, version: str) -> str:
    """The whole HTML document for *page*."""
    root = page.root
    title = html.escape(page.title)
    description = html.escape(page.description)
    head_title = title if page.path == "index.html" else f"{title} · {SITE_NAME}"
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{head_title}</title>
<meta name="description" content="{description}">
<link rel="stylesheet" href="{root}style.css">
<script defer src="{root}search-index.js"></script>
<script defer src="{root}search.js"></script>
</head>
<body data-root="{root}">
<header class="top">
<a class="brand" href="{root}index.html">{SITE_NAME}</a>
<nav><a href="{root}index.html">Topics</a><a href="{root}rules.html">Rules</a></nav>
<div class="search">
<input id="search" type="search" placeholder="Search topics, names, rules" \
aria-label="Search topics, names and rules" autocomplete="off">
<ol id="search-results" class="search-results" hidden></ol>
</div>
</header>
<main>
{page.main}
</main>
<footer>pygloss {html.escape(version)} · built from the knowledge base and the rule registry \
· <code>pygloss kb show ID</code> and <code>pygloss rule CODE</code> print these pages \
in a terminal</footer>
</body>
</html>
"""
