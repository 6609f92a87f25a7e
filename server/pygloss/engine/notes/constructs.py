"""Construct kinds shown by a code block, found by the hover's own recognisers.

There is no second recogniser here: :func:`kinds_in` asks
:func:`pygloss.engine.constructs.recognize` what is at the start of each token
that can spell a construct, exactly as a hover on that token would.  Each
construct is counted once (recognisers report one construct from several tokens).

Which tokens can spell a construct (:func:`spells_construct`): keywords and soft
keywords (but ``def``, ``return``, ``pass``, ``None``...), operators other than
closing brackets and punctuation, f-strings, dunder names,
``super``/``metaclass``/``type``, and the name that starts a default value or keyword
argument (``x=set()``).  They are found by :func:`scan`, one regular expression
over the block (the stdlib tokenizer costs a third of the indexing time).  With
``every_token=True`` the recognisers run on every token of the stdlib tokenizer
instead: a test compares both on a corpus, so that neither a new recogniser nor a
scanner mistake can go unnoticed.
"""

from __future__ import annotations

import io
import keyword
import re
import tokenize
from collections import Counter
from collections.abc import Iterable

from pygloss.engine.constructs import recognize
from pygloss.engine.cursor import Cursor, Token, node_path
from pygloss.syntax.names import ImportMap
from pygloss.syntax.source import Source

_QUIET_OPS = frozenset({".", ",", "(", ")", "]", "}", ";", "=", "->", ":"})
_NAMES = frozenset({"super", "metaclass", "type"})
# keywords no recogniser fires on (``async def`` is found on ``async``)
_QUIET_KEYWORDS = frozenset(
    {"def", "return", "pass", "None", "True", "False", "elif", "while", "break", "continue"}
)
_F_PREFIX = ("f", "F", "rf", "fr", "Rf", "fR", "rF", "Fr", "RF", "FR")
_SCAN = re.compile(
    r"""
    (?P<comment>\#[^\r\n]*)
  | (?P<string>(?:[rR][bBfF]?|[bBfF][rR]?|[uU])?
        (?:'''(?:\\.|[^\\])*?'''|\"\"\"(?:\\.|[^\\])*?\"\"\"
          |'(?:\\.|[^'\\\r\n])*'|"(?:\\.|[^"\\\r\n])*"))
  | (?P<name>[^\W\d]\w*)
  | (?P<number>(?:\d|\.\d)[\w.]*)
  | (?P<op>\*\*=|//=|>>=|<<=|\.\.\.|->|:=|!=|[-+*/%@&|^<>=]=|\*\*|//|<<|>>
        |[-+*/%@&|^~<>()\[\]{},:;.=])
    """,
    re.VERBOSE,
)
_TYPES = {
    "comment": tokenize.COMMENT,
    "string": tokenize.STRING,
    "name": tokenize.NAME,
    "number": tokenize.NUMBER,
    "op": tokenize.OP,
}


def scan(text: str) -> list[Token]:
    """Names, operators, strings and numbers of *text* with code-point offsets
    (comments left out); unterminated strings are skipped, not raised."""
    found: list[Token] = []
    for match in _SCAN.finditer(text):
        kind = match.lastgroup
        if kind is None or kind == "comment":
            continue
        found.append(Token(_TYPES[kind], match.group(), match.start(), match.end()))
    return found


def tokens(source: Source) -> list[Token]:
    """The stdlib tokenizer's tokens of *source* (code-point offsets), up to an error."""
    skip = {tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}
    found: list[Token] = []
    starts = source.line_starts
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source.text).readline):
            (row, col), (end_row, end_col) = tok.start, tok.end
            if tok.type in skip or tok.type == tokenize.COMMENT or end_row - 1 >= len(starts):
                continue
            found.append(
                Token(tok.type, tok.string, starts[row - 1] + col, starts[end_row - 1] + end_col)
            )
    except (tokenize.TokenError, SyntaxError, ValueError):
        pass
    return found


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


def _candidates(source: Source) -> Iterable[Token]:
    previous: Token | None = None
    for token in scan(source.text):
        before, previous = previous, token
        if spells_construct(token, before):
            yield token


def kinds_in(source: Source, imports: ImportMap, every_token: bool = False) -> Counter[str]:
    """Every construct kind in *source*, with how many constructs of each.

    With *every_token*, the recognisers run at every token of the stdlib tokenizer
    (slow; the reference the fast path is tested against)."""
    counts: Counter[str] = Counter()
    seen: set[tuple[str, int]] = set()  # (kind, id of the construct's node)
    if not source.statements:
        return counts
    for token in tokens(source) if every_token else _candidates(source):
        path = node_path(source, token.start)
        if not path:
            continue
        for found in recognize(Cursor(source, token.start, path, token), imports):
            key = (found.kind, id(found.node))
            if key not in seen:
                seen.add(key)
                counts[found.kind] += 1
    return counts
