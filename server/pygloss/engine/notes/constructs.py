"""Construct kinds shown by a code block, found by the hover's own recognisers.

There is no second recogniser here: :func:`kinds_in` tokenizes the block once and
asks :func:`pygloss.engine.constructs.recognize` what is at the start of the
tokens that can spell a construct, exactly as a hover on that token would.  Each
construct is counted once (recognisers report one construct from several tokens).

Which tokens can spell a construct (:func:`spells_construct`): keywords and soft
keywords (but ``def``, ``return``, ``pass``, ``None``...), operators other than
closing brackets and punctuation, f-strings,
dunder names, ``super``/``metaclass``/``type``, and the name that starts a
default value or keyword argument (``x=set()``).  Running the recognisers on the
other tokens (plain names, ``.``, ``,``, ``(``, strings) finds nothing more and
would cost four times as much; a test compares both on a corpus so that a new
recogniser cannot be missed silently.
"""

from __future__ import annotations

import io
import keyword
import tokenize
from collections import Counter

from pygloss.engine.constructs import recognize
from pygloss.engine.cursor import Cursor, Token, node_path
from pygloss.syntax.names import ImportMap
from pygloss.syntax.source import Source

_SKIP = frozenset(
    {
        tokenize.NEWLINE,
        tokenize.NL,
        tokenize.INDENT,
        tokenize.DEDENT,
        tokenize.COMMENT,
        tokenize.ENDMARKER,
        tokenize.NUMBER,
    }
)


def tokens(source: Source) -> list[Token]:
    """The tokens of *source* with code-point offsets; those before a tokenizer error."""
    found: list[Token] = []
    starts = source.line_starts
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source.text).readline):
            if tok.type in _SKIP:
                continue
            (row, col), (end_row, end_col) = tok.start, tok.end
            if end_row - 1 >= len(starts):
                break
            found.append(
                Token(tok.type, tok.string, starts[row - 1] + col, starts[end_row - 1] + end_col)
            )
    except (tokenize.TokenError, SyntaxError, ValueError):
        pass
    return found


_QUIET_OPS = frozenset({".", ",", "(", ")", "]", "}", ";", "=", "->", ":"})
_NAMES = frozenset({"super", "metaclass", "type"})
# keywords no recogniser fires on (``async def`` is found on ``async``)
_QUIET_KEYWORDS = frozenset(
    {"def", "return", "pass", "None", "True", "False", "elif", "while", "break", "continue"}
)
_F_PREFIX = ("f", "F", "rf", "fr", "Rf", "fR", "rF", "Fr", "RF", "FR")


def spells_construct(token: Token, previous: Token | None) -> bool:
    """Whether a recogniser can fire on *token* (see the module docstring)."""
    kind, text = token.type, token.string
    if kind == tokenize.NAME:
        return (
            (keyword.iskeyword(text) and text not in _QUIET_KEYWORDS)
            or keyword.issoftkeyword(text)
            or (text.startswith("__") and text.endswith("__"))
            or text in _NAMES
            or (previous is not None and previous.string == "=")
        )
    if kind == tokenize.OP:
        return text not in _QUIET_OPS
    if kind == tokenize.STRING:
        return text.startswith(_F_PREFIX)
    return kind not in (tokenize.NUMBER, tokenize.ERRORTOKEN)  # FSTRING_START (3.12+)


def kinds_in(source: Source, imports: ImportMap, every_token: bool = False) -> Counter[str]:
    """Every construct kind in *source*, with how many constructs of each.

    With *every_token*, the recognisers run at every token (slow; for tests)."""
    counts: Counter[str] = Counter()
    seen: set[tuple[str, int]] = set()  # (kind, id of the construct's node)
    if not source.statements:
        return counts
    previous: Token | None = None
    for token in tokens(source):
        before, previous = previous, token
        if not every_token and not spells_construct(token, before):
            continue
        path = node_path(source, token.start)
        if not path:
            continue
        for found in recognize(Cursor(source, token.start, path, token), imports):
            key = (found.kind, id(found.node))
            if key not in seen:
                seen.add(key)
                counts[found.kind] += 1
    return counts
