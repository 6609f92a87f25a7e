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

# words that never name anything (the glue of a heading)
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "in",
        "on",
        "to",
        "for",
        "vs",
        "versus",
        "by",
        "from",
        "is",
        "are",
        "be",
        "how",
        "what",
        "why",
        "when",
        "not",
        "no",
        "use",
        "using",
        "your",
        "my",
        "do",
        "does",
        "instead",
        "into",
        "about",
        "more",
        "some",
        "other",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "you",
        "we",
        "our",
        "their",
        "can",
        "should",
        "vs.",
        "e.g",
        "i.e",
        "example",
        "examples",
        "tip",
        "tips",
        "note",
        "notes",
        "pitfall",
        "pitfalls",
        "basic",
        "basics",
        "advanced",
        "quick",
    ]
)
# construct kinds named by words and phrases: term -> (kinds, strong)
_KIND_PHRASES: dict[str, tuple[tuple[str, ...], bool]] = {}


def _kinds(phrases: str, kinds: str, strong: bool = True) -> None:
    for phrase in phrases.split("|"):
        _KIND_PHRASES[_compound(phrase)] = (tuple(kinds.split()), strong)


def _compound(phrase: str) -> str:
    return re.sub(r"[^a-z0-9_]", "", phrase.lower())


_kinds("decorator|decorators|decorate|decorating", "decorator decorator-stack")
_kinds("decorator stack|stacked decorators|decorator order", "decorator-stack")
# decorators *on* classes, or (in many notes) staticmethod & co: no one construct
_kinds("class decorator|class decorators", "")
_kinds("async|asynchronous|async await|asyncawait", "async-def await async-with async-for")
_kinds("coroutine|coroutines|coroutine function|coroutine functions", "async-def await")
_kinds("await|awaiting|awaitable|awaitables", "await")
_kinds("async with", "async-with")
_kinds("async for|async iterator|async iterators", "async-for")
_kinds("yield", "yield")
_kinds("yield from", "yield-from")
_kinds("generator|generators", "yield generator-expression yield-from")
_kinds("generator expression|generator expressions|genexp", "generator-expression")
_kinds(
    "comprehension|comprehensions",
    "list-comprehension dict-comprehension set-comprehension generator-expression",
)
_kinds("list comprehension|list comprehensions", "list-comprehension")
_kinds("dict comprehension|dict comprehensions|dictionary comprehension", "dict-comprehension")
_kinds("set comprehension|set comprehensions", "set-comprehension")
_kinds("lambda|lambdas|anonymous function|anonymous functions", "lambda")
_kinds("context manager|context managers|with statement", "with async-with")
_kinds("with", "with", strong=False)
_kinds("try|try except|except|exception|exceptions|errors", "try except", strong=False)
_kinds("catch|catching|catch exceptions|catching exceptions|catch and reraise", "except")
_kinds(
    "error handling|exception handling|handling exceptions|try statement|full try statement",
    "try except finally else-clause",
)
_kinds("finally", "finally", strong=False)
_kinds("raise from|exception chaining|chained exceptions|reraising|re raising", "raise-from")
_kinds("global|globals", "global")
_kinds("nonlocal|non local", "nonlocal")
_kinds("scope|scopes|scoping|name resolution|legb", "global nonlocal")
_kinds("closure|closures", "nonlocal", strong=False)
_kinds("args", "star-args", strong=False)
_kinds("star args|variadic|variadic arguments", "star-args")
_kinds("kwargs", "star-kwargs", strong=False)
_kinds("star kwargs|keyword arguments", "star-kwargs")
_kinds("args and kwargs|args kwargs", "star-args star-kwargs")
_kinds("unpacking|unpack|star unpacking|collection unpacking", "star-unpacking")
_kinds("splat|splat operator|splat operators", "star-unpacking star-args star-kwargs")
_kinds("walrus|walrus operator|assignment expression|assignment expressions", "walrus")
_kinds("identity|is vs", "compare-is")
_kinds("chained comparison|chained comparisons|comparison chaining", "chained-comparison")
_kinds("slice|slices|slicing", "slice")
_kinds("augmented assignment|in place|inplace", "augmented-assign")
_kinds("modulo|modulus|floor division|divmod|remainder|integer division", "floor-div-mod")
_kinds("division", "floor-div-mod", strong=False)
_kinds("short circuit|short circuiting|shortcircuit|shortcircuiting", "bool-op-default")
_kinds("and or", "bool-op-default", strong=False)
_kinds("f string|f strings|fstring|fstrings|formatted string literal", "f-string")
_kinds("format|formatting|string formatting", "f-string", strong=False)
_kinds(
    "inheritance|inherit|mro|method resolution order|subclass|subclasses|subclassing|"
    "base class|base classes|multiple inheritance",
    "class-bases super-call",
)
_kinds("metaclass|metaclasses|meta class|meta classes", "metaclass-keyword")
_kinds(
    "custom exception|custom exceptions|user defined exception|user defined exceptions|"
    "exception class|exception classes",
    "class-bases",
)
_kinds(
    "dunder|dunders|dunder method|dunder methods|magic method|magic methods|"
    "special method|special methods",
    "dunder-method",
)
_kinds("super", "super-call")
_kinds("property|properties", "property", strong=False)
_kinds("staticmethod|static method|static methods", "staticmethod")
_kinds("classmethod|class method|class methods", "classmethod")
_kinds("abstractmethod|abstract method|abstract methods", "abstractmethod")
_kinds(
    "abstract base class|abstract base classes|abstract class|abstract classes", "abstractmethod"
)
_kinds("main guard|name main|python m|pythonm", "main-guard")
_kinds("main", "main-guard", strong=False)
_kinds("mutable default|mutable defaults|default argument|default arguments", "mutable-default")
_kinds("pattern matching|structural pattern matching|match statement|match case", "match")
_kinds("match", "match", strong=False)
_kinds("generic|generics|type parameter|type parameters", "type-params")
_kinds("del|del statement", "del")
_kinds("assert|assertion|assertions", "assert", strong=False)
_kinds("import|imports|importing", "import", strong=False)
_kinds("module|modules|package|packages|library|libraries", "import")
_kinds("for else|while else|else clause", "else-clause")

# notes-only topics: what code shows that the construct vocabulary has no kind for,
# and the phrases of headings that name it
TOPICS = {
    "argument-passing": "pass by value|pass by reference|pass by assignment|passed by reference|"
    "passed by value|call by value|call by reference|call by assignment|call by sharing|"
    "argument passing|parameter passing|by value or reference",
    "subscript": "subscript|subscripts|subscript operator|subscription|indexing|indexes|"
    "negative index|negative indexes|index operator|square brackets|getitem|item access",
    "for-loop": "for loop|for loops|loop|loops|looping|iterate|iterating|iteration|"
    "for statement|loop over",
    "membership": "membership|membership test|membership testing|in operator|not in|"
    "in and not in|in and not in operators|contains",
    "raise": "raise|raising|raise exception|raise exceptions|raising exceptions|throw|throwing",
    "conditional-expression": "conditional expression|conditional exp|conditional expressions|"
    "ternary|ternary operator|inline if|if else expression",
    "multiple-assignment": "multiple assignment|multiple assignment trick|tuple unpacking|"
    "unpacking|destructuring|unpack|tuple assignment",
    "name-mangling": "name mangling|mangling|encapsulation|private attribute|"
    "private attributes|private variable|private variables|private method|private methods",
}
_TOPIC_PHRASES = {
    _compound(phrase): topic for topic, phrases in TOPICS.items() for phrase in phrases.split("|")
}

# words and phrases that stand for a module: term -> (modules, strong)
_MODULE_PHRASES: dict[str, tuple[tuple[str, ...], bool]] = {}


def _modules(phrases: str, modules: str, strong: bool = True) -> None:
    for phrase in phrases.split("|"):
        _MODULE_PHRASES[_compound(phrase)] = (tuple(modules.split()), strong)


_modules("regex|regexp|regular expression|regular expressions", "re")
_modules("sqlite", "sqlite3")
_modules("thread|threads|threading|multithreading", "threading concurrent.futures", strong=False)
_modules("path|paths|file path|file paths|filesystem", "pathlib os.path", strong=False)
_modules("mock|mocks|mocking|unittest mock", "unittest.mock")
_modules("test|tests|testing|unit test|unit tests", "pytest unittest", strong=False)
_modules(
    "type hint|type hints|type annotation|type annotations|typing|type checking|type checker",
    "typing",
)
_modules("types", "typing types", strong=False)
_modules("data class|data classes|dataclass|dataclasses", "dataclasses")
_modules("date|dates|datetime|datetimes|date time", "datetime", strong=False)
_modules("event loop|coroutine|coroutines|async|asynchronous|async await", "asyncio")
_modules("logger|loggers|log|logs", "logging", strong=False)
_modules("context manager|context managers", "contextlib")
_modules("abstract base class|abstract base classes", "abc")
_modules("iterator tools", "itertools")
_modules("virtual environment|virtual environments|virtualenv", "venv")
_modules("subprocesses|shell command|shell commands|os commands", "subprocess os", strong=False)
_modules("json", "json")
_modules("gil|global interpreter lock", "threading")
_modules("enum|enums|enumeration|enumerations", "enum")

_PHRASES = (
    frozenset(_KIND_PHRASES)
    | frozenset(_TOPIC_PHRASES)
    | {phrase for phrase in _MODULE_PHRASES if len(phrase) > 6}
)

# words for builtin types: term -> type name
_TYPE_WORDS = {
    "list": "list",
    "lists": "list",
    "dict": "dict",
    "dicts": "dict",
    "dictionary": "dict",
    "dictionaries": "dict",
    "set": "set",
    "sets": "set",
    "frozenset": "frozenset",
    "frozensets": "frozenset",
    "frozenset_": "frozenset",
    "tuple": "tuple",
    "tuples": "tuple",
    "str": "str",
    "string": "str",
    "strings": "str",
    "int": "int",
    "ints": "int",
    "integer": "int",
    "integers": "int",
    "float": "float",
    "floats": "float",
    "floatingpoint": "float",
    "bool": "bool",
    "bools": "bool",
    "boolean": "bool",
    "booleans": "bool",
    "bytes": "bytes",
    "bytearray": "bytearray",
    "complex": "complex",
    "range": "range",
    "ranges": "range",
    "memoryview": "memoryview",
    "object": "object",
    "objects": "object",
}
# module names that are also everyday words (weak unless written in backticks)
EVERYDAY_MODULES = frozenset(
    [
        "copy",
        "string",
        "types",
        "time",
        "random",
        "array",
        "struct",
        "operator",
        "queue",
        "select",
        "signal",
        "code",
        "site",
        "token",
        "test",
        "this",
        "math",
        "numbers",
        "keyword",
        "locale",
        "socket",
        "wave",
        "turtle",
        "email",
        "calendar",
        "secrets",
        "platform",
        "inspect",
        "profile",
        "trace",
        "symbol",
        "html",
        "http",
        "cmd",
        "glob",
        "resource",
        "stat",
        "warnings",
        "io",
        "os",
        "re",
        "sys",
        "abc",
        "dis",
        "ast",
        "uuid",
        "base64",
        "heapq",
        "bisect",
        "errno",
        "gc",
        "grp",
        "pwd",
        "pty",
        "tty",
        "shelve",
        "mailbox",
        "chunk",
        "crypt",
        "pipes",
        "imp",
        "nis",
        "spwd",
        "cgi",
        "audioop",
        "sched",
        "graphlib",
        "requests",
        "click",
        "rich",
        "attr",
        "flask",
        "redis",
        "celery",
        "trio",
        "typer",
        "yaml",
    ]
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
                found = next((v for v in variants if v in _PHRASES), None)
                if found is None:
                    continue
                used[start : start + size] = [True] * size
                if found in _MODULE_PHRASES:
                    self.phrase_words.update(parts)
                if found in _TOPIC_PHRASES:
                    self.topics.add(_TOPIC_PHRASES[found])
                if found not in _KIND_PHRASES:
                    continue
                named, alias_strong = _KIND_PHRASES[found]
                strong = alias_strong or (
                    size == 1 and (_strong_word(written[start]) or parts[0] in in_code)
                )
                for kind in named:
                    self.kinds[kind] = self.kinds.get(kind, False) or strong

    def expand(self, term: str, strong: bool) -> None:
        """What *term* stands for: topics, modules and builtin types (as words)."""
        if term in _MODULE_PHRASES:
            named, alias_strong = _MODULE_PHRASES[term]
            for module in named:
                self.modules[module] = self.modules.get(module, False) or alias_strong or strong
                self.add(module.rsplit(".", 1)[-1], alias_strong or strong, written=True)
            if alias_strong and term not in STOPWORDS:
                self.add(term, True)
        if term in self.known_modules and term not in STOPWORDS:
            module_strong = strong or term not in EVERYDAY_MODULES
            self.modules[term] = self.modules.get(term, False) or module_strong
            self.add(term, module_strong)
        if term in _TYPE_WORDS:
            name = _TYPE_WORDS[term]
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
