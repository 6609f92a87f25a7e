"""The vocabulary headings are read with (:mod:`.words`): glue words, construct kinds
named by words and phrases, notes-only topics, module and type aliases, and the module
names that are also everyday words."""

from __future__ import annotations

import re

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
KIND_PHRASES: dict[str, tuple[tuple[str, ...], bool]] = {}


def _kinds(phrases: str, kinds: str, strong: bool = True) -> None:
    for phrase in phrases.split("|"):
        KIND_PHRASES[_compound(phrase)] = (tuple(kinds.split()), strong)


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
TOPIC_PHRASES = {
    _compound(phrase): topic for topic, phrases in TOPICS.items() for phrase in phrases.split("|")
}

# words and phrases that stand for a module: term -> (modules, strong)
MODULE_PHRASES: dict[str, tuple[tuple[str, ...], bool]] = {}


def _modules(phrases: str, modules: str, strong: bool = True) -> None:
    for phrase in phrases.split("|"):
        MODULE_PHRASES[_compound(phrase)] = (tuple(modules.split()), strong)


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

PHRASES = (
    frozenset(KIND_PHRASES)
    | frozenset(TOPIC_PHRASES)
    | {phrase for phrase in MODULE_PHRASES if len(phrase) > 6}
)

# words for builtin types: term -> type name
TYPE_WORDS = {
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
