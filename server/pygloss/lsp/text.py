"""Text for the places an editor shows as plain text, never as Markdown.

Diagnostic messages, quick-fix and command titles, picker entries and information
messages are shown as written by every client pygloss is tested with (VS Code,
Neovim, Emacs), so a backtick there is noise.  Rule messages, fix titles and topic
titles are plain text that may hold code spans (`` `[]` ``): :func:`plain_title`
drops the backticks and keeps the code as written (``*args and **kwargs`` stays).
Summaries are Markdown: :func:`plain_markdown` (the plain-text hover's rendering).
Hovers keep their Markdown wherever the client renders it.
"""

from __future__ import annotations

import re

from pygloss.engine.render import to_plaintext

# a CommonMark code span: a run of backticks, the code, the same run (one space of
# padding on each side is not part of the code)
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)


def _code(match: re.Match[str]) -> str:
    code = match.group(2)
    if code.startswith(" ") and code.endswith(" ") and code.strip():
        code = code[1:-1]
    return code


def plain_title(text: str) -> str:
    """*text* (plain text with code spans) without the code spans' backticks."""
    return _CODE_SPAN.sub(_code, text)


def plain_markdown(markdown: str) -> str:
    """*markdown* (a summary, a short explanation) as plain text, on one line."""
    return " ".join(to_plaintext(markdown).split())


def sort_key(shown: str) -> tuple[str, str]:
    """Order entries by what the picker shows, ignoring case and the leading
    punctuation of names (``@property``, ``__slots__``, ``*args`` sort by their word)."""
    return shown.lstrip("@_*.`'\"(").casefold(), shown
