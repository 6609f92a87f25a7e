"""Other people's notes: which of their sections a hover on everyday code shows
(issue #16).  Public, MIT-licensed notes are kept as fixtures, unchanged (source,
commit and licence in each folder's ``SOURCE`` and ``LICENSE``):

* ``tests/fixtures/notes/wilfredinni/`` — pages of the Python Cheatsheet site.

Each is indexed as a notes glob over its folder would index it.  A table lists
cases — a section and a snippet of code a person would have open, with a ``‸``
cursor — for the sections about Python code, and says for the others why they have
none.  Not every case has to succeed: the bar is 90 % shown, and the cases that
fail are listed by the test's message (and in docs/notes.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from pygloss.engine.notes import NotesFile
from tests.notes_reach import check_table, notes_folder

SHOWN_AT_LEAST = 0.9
LINKS = "links to other pages"

W = {
    "args": "args-and-kwargs.md: ",
    "comp": "comprehensions.md: ",
    "cm": "context-manager.md: ",
    "dc": "dataclasses.md: ",
    "deco": "decorators.md: ",
    "dict": "dictionaries.md: ",
    "exc": "exception-handling.md: ",
    "list": "lists-and-tuples.md: ",
    "main": "main.md: ",
    "oop": "oop-basics.md: ",
    "set": "sets.md: ",
}
WILFREDINNI_NOT_CASES = {
    **{f"{prefix}Relevant links": LINKS for prefix in W.values()},
    f"{W['dict']}Removing Items": "no text of its own",
    f"{W['list']}Adding Values": "no text of its own",
    f"{W['list']}Removing Values": "no text of its own",
    f"{W['main']}Advantages": "prose: what the main guard is good for",
}
WILFREDINNI = [
    (f"{W['args']}Args and Kwargs", "def log(*messages, **fields):\n    print(‸*messages)\n"),
    (f"{W['args']}args", "def total(‸*numbers):\n    return sum(numbers)\n"),
    (f"{W['args']}kwargs", "def connect(‸**options):\n    return options\n"),
    (f"{W['comp']}List comprehension", "upper = [n.upper() f‸or n in names]\n"),
    (
        f"{W['comp']}Adding conditionals",
        "cs = [n for n in names i‸f n.startswith('C')]\n",
    ),
    (f"{W['comp']}Set comprehension", "lowered = {w.lower() f‸or w in words}\n"),
    (f"{W['comp']}Dict comprehension", "index = {v: k f‸or k, v in pairs.items()}\n"),
    (f"{W['cm']}The with statement", "wi‸th open(path) as f:\n    text = f.read()\n"),
    (
        f"{W['cm']}Writing your own context manager",
        "import contextlib\n\n@contextlib.contextman‸ager\ndef opened(path):\n"
        "    yield open(path)\n",
    ),
    (
        f"{W['cm']}Class based context manager",
        "class Timer:\n    def __ent‸er__(self):\n        return self\n",
    ),
    (
        f"{W['dc']}Features",
        "from dataclasses import dataclass\n\n@datacl‸ass\nclass Money:\n    amount: int\n",
    ),
    (
        f"{W['dc']}Default values",
        "from dataclasses import dataclass\n\n@datacl‸ass\nclass Product:\n"
        "    name: str\n    count: int = 0\n",
    ),
    (
        f"{W['dc']}Type hints",
        "from dataclasses import dataclass\nfrom typing import Any\n\n@dataclass\n"
        "class Row:\n    value: A‸ny\n",
    ),
    (f"{W['deco']}Bare bone decorator", "@‸trace\ndef handler():\n    pass\n"),
    (
        f"{W['deco']}Decorator for a function with parameters",
        "def trace(func):\n    def wrapper(*args, **kwargs):\n"
        "        return fu‸nc(*args, **kwargs)\n    return wrapper\n",
    ),
    (
        f"{W['deco']}Template for a basic decorator",
        "import functools\n\ndef trace(func):\n    @functools.wr‸aps(func)\n"
        "    def wrapper(*args, **kwargs):\n        return func(*args, **kwargs)\n"
        "    return wrapper\n",
    ),
    (
        f"{W['deco']}Decorator with parameters",
        "‸@retry(times=3)\ndef fetch():\n    pass\n",
    ),
    (
        f"{W['deco']}Class based decorators",
        "class Service:\n    @‸log_errors\n    def run(self):\n        pass\n",
    ),
    (
        f"{W['dict']}Set key, value using subscript operator `[]`",
        "config = {}\nconfig[‸'debug'] = True\n",
    ),
    (
        f"{W['dict']}Get value using subscript operator `[]`",
        "config = {'debug': True}\nflag = config[‸'debug']\n",
    ),
    (f"{W['dict']}values()", "prices = {}\ntotal = sum(prices.val‸ues())\n"),
    (f"{W['dict']}keys()", "prices = {}\nfor name in prices.ke‸ys():\n    print(name)\n"),
    (
        f"{W['dict']}items()",
        "prices = {}\nfor name, cost in prices.ite‸ms():\n    print(name, cost)\n",
    ),
    (f"{W['dict']}get()", "settings = {}\nport = settings.ge‸t('port', 8080)\n"),
    (
        f"{W['dict']}Adding items with setdefault()",
        "groups = {}\ngroups.setdef‸ault(key, []).append(item)\n",
    ),
    (f"{W['dict']}Removing Items › pop()", "cache = {}\nold = cache.po‸p('user')\n"),
    (f"{W['dict']}Removing Items › popitem()", "cache = {}\nkey, value = cache.popit‸em()\n"),
    (f"{W['dict']}Removing Items › del()", "cache = {}\nd‸el cache['user']\n"),
    (f"{W['dict']}Removing Items › clear()", "cache = {}\ncache.cle‸ar()\n"),
    (
        f"{W['dict']}Checking keys in a Dictionary",
        "person = {}\nif 'name' in person.ke‸ys():\n    pass\n",
    ),
    (
        f"{W['dict']}Checking values in a Dictionary",
        "person = {}\nif 'Rose' in person.valu‸es():\n    pass\n",
    ),
    (f"{W['dict']}Pretty Printing", "import pprint\n\npprint.ppr‸int(config)\n"),
    (
        f"{W['dict']}Merge two dictionaries",
        "merged = {**defaults, ‸**overrides}\n",
    ),
    (
        f"{W['exc']}Basic exception handling",
        "def ratio(a, b):\n    tr‸y:\n        return a / b\n    except ZeroDivisionError:\n"
        "        return 0\n",
    ),
    (
        f"{W['exc']}Handling Multiple exceptions using one exception block",
        "try:\n    load()\nexc‸ept (KeyError, ValueError) as err:\n    print(err)\n",
    ),
    (
        f"{W['exc']}Finally code in exception handling",
        "try:\n    run()\nfina‸lly:\n    cleanup()\n",
    ),
    (
        f"{W['exc']}Custom Exceptions",
        "class PaymentError(Excep‸tion):\n    pass\n",
    ),
    (f"{W['list']}Getting values with indexes", "items = []\nfirst = items[‸0]\n"),
    (f"{W['list']}Negative indexes", "items = []\nlast = items[‸-1]\n"),
    (f"{W['list']}Getting sublists with Slices", "middle = items[1‸:3]\n"),
    (f"{W['list']}Getting a list length with len()", "count = le‸n(items)\n"),
    (f"{W['list']}Changing values with indexes", "items = []\nitems[0‸] = 'desk'\n"),
    (f"{W['list']}Concatenation and Replication", "row = [0] ‸* width\n"),
    (f"{W['list']}Using for loops with Lists", "fo‸r item in items:\n    print(item)\n"),
    (
        f"{W['list']}Getting the index in a loop with enumerate()",
        "for i, item in enumer‸ate(items):\n    print(i, item)\n",
    ),
    (
        f"{W['list']}Loop in Multiple Lists with zip()",
        "for name, price in zi‸p(names, prices):\n    print(name, price)\n",
    ),
    (f"{W['list']}The in and not in operators", "if item no‸t in items:\n    pass\n"),
    (f"{W['list']}The Multiple Assignment Trick", "name‸, age = row\n"),
    (f"{W['list']}The index Method", "items = []\nwhere = items.ind‸ex('chair')\n"),
    (f"{W['list']}Adding Values › append()", "items = []\nitems.app‸end('bed')\n"),
    (f"{W['list']}Adding Values › insert()", "items = []\nitems.ins‸ert(0, 'bed')\n"),
    (f"{W['list']}Removing Values › del()", "items = []\nd‸el items[0]\n"),
    (f"{W['list']}Removing Values › remove()", "items = []\nitems.rem‸ove('chair')\n"),
    (f"{W['list']}Removing Values › pop()", "items = []\nlast = items.p‸op()\n"),
    (f"{W['list']}Sorting values with sort()", "names = []\nnames.so‸rt()\n"),
    (f"{W['list']}The Tuple data type", "point = tup‸le(coords)\n"),
    (
        f"{W['list']}Converting between list() and tuple()",
        "frozen = tupl‸e(['cat', 'dog'])\n",
    ),
    (
        f"{W['main']}What is it",
        "def main():\n    pass\n\nif __name__ == '__ma‸in__':\n    main()\n",
    ),
    (
        f"{W['oop']}Encapsulation",
        "class Account:\n    def __init__(self):\n        self.__bal‸ance = 0\n",
    ),
    (f"{W['oop']}Inheritance", "class Dog(Ani‸mal):\n    pass\n"),
    (
        f"{W['oop']}Polymorphism",
        "class Circle(Shape):\n    def ar‸ea(self):\n        return 3.14 * self.r ** 2\n",
    ),
    (
        f"{W['oop']}Abstraction",
        "from abc import ABC, abstractmethod\n\nclass Shape(ABC):\n    @abstractme‸thod\n"
        "    def area(self):\n        pass\n",
    ),
    (f"{W['set']}Initializing a set", "tags = se‸t(['a', 'b'])\n"),
    (f"{W['set']}Unordered collections of unique elements", "unique = se‸t(items)\n"),
    (f"{W['set']}set add and update", "seen = set()\nseen.ad‸d(item)\n"),
    (f"{W['set']}set remove and discard", "seen = set()\nseen.disc‸ard(item)\n"),
    (f"{W['set']}set union", "a = set()\nboth = a.uni‸on(b)\n"),
    (f"{W['set']}set intersection", "a = set()\ncommon = a.intersect‸ion(b)\n"),
    (f"{W['set']}set difference", "a = set()\nonly_a = a.differ‸ence(b)\n"),
    (
        f"{W['set']}set symmetric_difference",
        "a = set()\neither = a.symmetric_differ‸ence(b)\n",
    ),
]


def _shown_rate(files: Sequence[NotesFile], cases, not_cases) -> None:  # type: ignore[no-untyped-def]
    failures = check_table(files, cases, not_cases)
    rate = 1 - len(failures) / len(cases)
    report = "\n".join(f"  {s}: shows {got}" for s, _, got in failures)
    assert len(cases) >= 40
    assert rate >= SHOWN_AT_LEAST, f"{rate:.0%} shown; not shown:\n{report}"


def test_wilfredinni_cheatsheet() -> None:
    _shown_rate(notes_folder("wilfredinni"), WILFREDINNI, WILFREDINNI_NOT_CASES)
