"""What a heading names in words: terms, construct kinds, modules and types.

Notes headings name Python things the way people write: "Frozen sets", "Context
managers (with)", "Division and Modulo", "Inheritance and MRO", "Custom sort",
"TypedDict".  :func:`read_heading` turns a heading into :class:`Terms`:

* **words** — each word lower-cased, with its stems (``sets`` -> ``set``,
  ``refreshing`` -> ``refresh``, ``dictionaries`` -> ``dictionary``) and the
  compounds of two or three neighbouring words (``frozen sets`` -> ``frozenset``,
  ``named tuple`` -> ``namedtuple``, ``context managers`` -> ``contextmanager``), so
  that a word can be compared with a component of a qualified name
  (``builtins.frozenset``, ``typing.NamedTuple``, ``contextlib.contextmanager``);
* **aliases** — words and phrases that stand for a module or a builtin type
  (``regex`` -> ``re``, ``strings`` -> ``str``, ``dictionaries`` -> ``dict``), added
  as words;
* **kinds** — construct kinds of the vocabulary a phrase names (``walrus``,
  ``decorators``, ``context managers``, ``comprehension``, ``custom sort`` is not one:
  it names ``sorted`` through the word ``sort``);
* **dunders** and **files** — ``__new__`` and ``__init__.py`` written in the heading.

Every word carries a strength.  A *strong* word names its thing unambiguously: a
compound, a CamelCase or all-caps word, a word written in backticks, a module name
that is not also an English word, a technical alias ("walrus", "metaclasses").  A
*weak* word is also an everyday word ("Types", "Operators", "Session", "Sets",
"Custom sort"): the matcher (:mod:`.match`) only trusts it when the section's own
text or the headings above it corroborate it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pygloss.engine.notes.vocabulary import (
    EVERYDAY_MODULES,
    KIND_PHRASES,
    MODULE_PHRASES,
    PHRASES,
    STOPWORDS,
    TOPIC_PHRASES,
    TYPE_WORDS,
)


@dataclass(frozen=True)
class Terms:
    """What one heading names: its words (with strength), kinds, dunders and files."""

    words: dict[str, bool] = field(default_factory=dict)  # term -> strong
    exact: frozenset[str] = frozenset()  # the words as written (lower-cased), no stems
    kinds: dict[str, bool] = field(default_factory=dict)  # kind -> strong
    modules: dict[str, bool] = field(default_factory=dict)  # module -> strong
    types: dict[str, bool] = field(default_factory=dict)  # builtins type -> strong
    dunders: frozenset[str] = frozenset()
    files: frozenset[str] = frozenset()
    code: tuple[str, ...] = ()  # what the heading writes in backticks
    topics: frozenset[str] = frozenset()  # notes-only topics ("argument-passing")
    context: frozenset[str] = frozenset()  # modules its dotted names start with
    written: frozenset[str] = frozenset()  # its words as written, lower-cased
    phrase_words: frozenset[str] = frozenset()  # words of the phrases naming a module

    def names_word(self, word: str) -> bool | None:
        """Whether *word* (a component of a qualified name, any case) is named by the
        heading: True when strongly, False when only weakly, None when not at all."""
        found: bool | None = None
        lower = word.lower()
        joined = lower.replace("_", "")  # most_common: "Most common"
        for candidate in (lower, *stems(lower), *([joined] if joined != lower else [])):
            if candidate not in self.words:
                continue
            if candidate not in (lower, joined) and candidate not in self.exact:
                continue  # a stem of the word must be a word of the heading as written
            found = found or self.words[candidate]
        return found


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")
COMMON_MODULE_ALIASES = {"mock": "unittest.mock", "np": "numpy", "pd": "pandas"}
_BACKTICKS = re.compile(r"`+([^`]+)`+")
_DUNDER = re.compile(r"^__[A-Za-z][A-Za-z0-9_]*__$")
_FILE = re.compile(r"^[\w-]+\.(?:py|pyi|toml|cfg|ini)$")


def stems(word: str) -> set[str]:
    """Plural and -ing/-ed forms reduced (``classes`` -> ``class``, ``committing``
    -> ``commit``, ``expiring`` -> ``expire``); *word* must be lower-case."""
    found: set[str] = set()
    if len(word) > 4 and word.endswith("ies"):
        found.add(word[:-3] + "y")
    if len(word) > 3 and word.endswith("es"):
        found.add(word[:-2])
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        found.add(word[:-1])
    for suffix in ("ing", "ed"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            base = word[: -len(suffix)]
            found.update({base, base + "e"})
            if len(base) > 2 and base[-1] == base[-2]:
                found.add(base[:-1])
    return found


_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def forms(part: str) -> list[str]:
    """A component of a qualified name and its CamelCase tails
    (``AbstractEventLoop`` -> ``AbstractEventLoop``, ``eventloop``, ``loop``)."""
    pieces = _CAMEL.findall(part)
    tails = ["".join(pieces[i:]).lower() for i in range(1, len(pieces))]
    return [part, *tails]


def _strong_word(written: str) -> bool:
    """CamelCase, all caps, snake_case or with digits: not an everyday word."""
    if "_" in written.strip("_") or any(c.isdigit() for c in written):
        return True
    if len(written) >= 2 and written.isupper():
        return True
    return any(c.isupper() for c in written[1:])


def read_heading(heading: str, known_modules: frozenset[str]) -> Terms:
    """The terms of one heading; *known_modules* are the module names it may spell."""
    terms = _Builder(known_modules)
    for span in _BACKTICKS.findall(heading):
        text = span.strip().removeprefix("@").removesuffix("()")
        terms.code.append(text)
    for token in heading.replace("`", " ").split():
        bare = token.strip("()[]{}:,;!?*'\"").removeprefix("@")
        if _DUNDER.match(bare):
            terms.dunders.add(bare)
        elif _FILE.match(bare):
            terms.files.add(bare)
    in_code = {w.lower() for span in terms.code for w in _WORD.findall(span)}
    plain = heading
    for name in (*terms.dunders, *terms.files):
        plain = plain.replace(name, " ")
    for dotted in _DOTTED.findall(plain):  # `asyncio.gather()`: a name, not words
        head = dotted.split(".")[0].lower()
        terms.context.add(COMMON_MODULE_ALIASES.get(head, head))
        plain = plain.replace(dotted, " ")
    written = _WORD.findall(plain)
    sequence = [w.lower() for w in written]
    terms.exact.update(sequence)
    terms.written.update(sequence)
    for original, lower in zip(written, sequence, strict=True):
        terms.word(lower, _strong_word(original) or lower in in_code)
    for size in (2, 3, 4):  # compounds: "frozen sets", "method resolution order"
        for start in range(len(sequence) - size + 1):
            terms.compound(sequence[start : start + size])
    terms.match_kinds(written, sequence, in_code)
    return terms.build()


class _Builder:
    """Collects the terms of one heading (see :func:`read_heading`)."""

    def __init__(self, known_modules: frozenset[str]) -> None:
        self.known_modules = known_modules
        self.words: dict[str, bool] = {}
        self.exact: set[str] = set()
        self.kinds: dict[str, bool] = {}
        self.modules: dict[str, bool] = {}
        self.types: dict[str, bool] = {}
        self.topics: set[str] = set()
        self.dunders: set[str] = set()
        self.files: set[str] = set()
        self.code: list[str] = []
        self.context: set[str] = set()  # modules of dotted names: context only
        self.written: set[str] = set()
        self.phrase_words: set[str] = set()

    def add(self, term: str, strong: bool, written: bool = False) -> None:
        self.words[term] = self.words.get(term, False) or strong
        if written:
            self.exact.add(term)

    def word(self, lower: str, strong: bool) -> None:
        """One word of the heading: its aliases, then (unless a stopword) itself."""
        self.expand(lower, strong)
        if lower in STOPWORDS:
            return
        self.add(lower, strong)
        for stem in stems(lower):
            self.add(stem, strong)
            self.expand(stem, strong)

    def compound(self, parts: list[str]) -> None:
        """Neighbouring words joined: aliases always; a term unless a stopword is in it."""
        joined = "".join(parts)
        variants = [joined, *("".join(parts[:-1]) + stem for stem in stems(parts[-1]))]
        for variant in variants:
            self.expand(variant, True)
        if any(part in STOPWORDS for part in parts):
            return
        self.add(joined, True, written=True)
        for variant in variants[1:]:
            self.add(variant, True)

    def match_kinds(self, written: list[str], sequence: list[str], in_code: set[str]) -> None:
        """Construct kinds and topics the heading names, the longest phrase first:
        "Set comprehension" names set comprehensions only, not every comprehension;
        "Event loop" (asyncio) is not a loop."""
        used = [False] * len(sequence)
        for size in (4, 3, 2, 1):
            for start in range(len(sequence) - size + 1):
                if any(used[start : start + size]):
                    continue
                parts = sequence[start : start + size]
                variants = ["".join(parts), *("".join(parts[:-1]) + s for s in stems(parts[-1]))]
                found = next((v for v in variants if v in PHRASES), None)
                if found is None:
                    continue
                used[start : start + size] = [True] * size
                if found in MODULE_PHRASES:
                    self.phrase_words.update(parts)
                if found in TOPIC_PHRASES:
                    self.topics.add(TOPIC_PHRASES[found])
                if found not in KIND_PHRASES:
                    continue
                named, alias_strong = KIND_PHRASES[found]
                strong = alias_strong or (
                    size == 1 and (_strong_word(written[start]) or parts[0] in in_code)
                )
                for kind in named:
                    self.kinds[kind] = self.kinds.get(kind, False) or strong

    def expand(self, term: str, strong: bool) -> None:
        """What *term* stands for: topics, modules and builtin types (as words)."""
        if term in MODULE_PHRASES:
            named, alias_strong = MODULE_PHRASES[term]
            for module in named:
                self.modules[module] = self.modules.get(module, False) or alias_strong or strong
                self.add(module.rsplit(".", 1)[-1], alias_strong or strong, written=True)
            if alias_strong and term not in STOPWORDS:
                self.add(term, True)
        if term in self.known_modules and term not in STOPWORDS:
            module_strong = strong or term not in EVERYDAY_MODULES
            self.modules[term] = self.modules.get(term, False) or module_strong
            self.add(term, module_strong)
        if term in TYPE_WORDS:
            name = TYPE_WORDS[term]
            compound = term in _COMPOUND_TYPES
            self.types[name] = self.types.get(name, False) or strong or compound
            self.add(name, strong or compound, written=True)

    def build(self) -> Terms:
        return Terms(
            self.words,
            frozenset(self.exact),
            self.kinds,
            self.modules,
            self.types,
            frozenset(self.dunders),
            frozenset(self.files),
            tuple(self.code),
            frozenset(self.topics),
            frozenset(self.context),
            frozenset(self.written),
            frozenset(self.phrase_words),
        )


_COMPOUND_TYPES = frozenset({"frozenset", "frozensets", "memoryview", "floatingpoint", "bytearray"})
