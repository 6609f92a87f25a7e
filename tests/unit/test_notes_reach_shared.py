"""Every section of the shared ``python-notes.md`` that is about Python code is shown
by a hover on code a person would have open (issue #16, reachability).

One case per section: the section's path and a snippet with a ``‸`` cursor; the
sections that are not about Python code are listed with why.  The notes live in
``../shared`` beside the clone (CI has them); without them the test is skipped.
"""

from __future__ import annotations

import pytest

from tests.notes_reach import (
    NO_SHARED,
    SHARED_NOTES,
    case_params,
    check_table,
    indexed,
    shown,
)

T = "Python Testing › unittest (mock, patch, MagicMock)"
NOT_ABOUT_CODE = {
    "Python": "the file's title: its text is a table of contents (links to headings)",
    "Cheat Sheets": "a link to another cheat sheet",
    "Operators": "no text of its own; its subsections are the answer",
    "Types": "its text is an image",
    "Sequences": "no text of its own; its subsections are the answer",
    "Data structures › Data Classes": "no text of its own; its subsections are the answer",
    "CPython": "its text is an image",
    "Wheels": "links to wheel archives",
    "Virtualenv": "a shell command",
    "Versioning": "a link",
    "Organize Python code": "links",
    "Python Testing": "no text of its own; its subsections are the answer",
    "SQLAlchemy › Recap": (
        "prose only: it names expire, refresh, flush, commit and merge in plain words, "
        "and words in prose never match (in backticks they would)"
    ),
}
CASES = [
    ("Identity vs equality", "def same(node, other):\n    return node i‸s other\n"),
    (
        "Shallow and Deep Copy",
        "import copy\n\ndef snapshot(state):\n    return copy.deep‸copy(state)\n",
    ),
    ("Name resolution", "counter = 0\n\ndef bump():\n    glob‸al counter\n    counter += 1\n"),
    ("Operators › Division and Modulo", "def clock(total):\n    return total /‸/ 3600\n"),
    ("Operators › Short-circuiting", "def greet(name=None):\n    name = name o‸r 'guest'\n"),
    ("Unpacking", "def parse(line):\n    command, ‸*args = line.split()\n    return args\n"),
    (
        "Error handling",
        "def to_int(text):\n    tr‸y:\n        return int(text)\n    except ValueError:\n"
        "        return 0\n",
    ),
    (
        "Pass by value or reference?",
        "def add_tag(tags, tag):\n    ta‸gs.append(tag)\n",
    ),
    ("Library, Packages, Modules", "imp‸ort json\n"),
    (
        "Library, Packages, Modules › python -m",
        "def main():\n    pass\n\nif __name__ == '__ma‸in__':\n    main()\n",
    ),
    (
        "Library, Packages, Modules › `__init__.py`",
        "# file: shop/__init__.py\nfrom .cart import ‸Cart\n\n__all__ = ['Cart']\n",
    ),
    (
        "Library, Packages, Modules › `__main__.py`",
        "# file: shop/__main__.py\nfrom shop.cli import main\n\nma‸in()\n",
    ),
    (
        "Types › overload",
        "from typing import overload\n\n@overl‸oad\ndef scale(x: int) -> int: ...\n",
    ),
    (
        "Types › Use object instead of Any",
        "from typing import Any\n\ndef dump(value: A‸ny) -> str:\n    return repr(value)\n",
    ),
    ("Types › Generics and TypeVar", "from typing import TypeVar\n\nK = TypeV‸ar('K')\n"),
    ("Types › Constants", "from typing import Final\n\nMAX_RETRIES: Fin‸al = 5\n"),
    (
        "Sequences › Filter Map Reduce",
        "from functools import reduce\nimport operator\n\n"
        "product = red‸uce(operator.mul, factors, 1)\n",
    ),
    ("Sequences › Comprehension lists/dicts", "squares = [n * n for n i‸n numbers]\n"),
    ("Sequences › Custom sort", "by_age = sor‸ted(people, key=lambda p: p.age)\n"),
    ("Sequences › Custom max", "longest = ma‸x(words, key=len)\n"),
    ("Itertools", "from itertools import islice\n\nhead = list(isl‸ice(stream, 10))\n"),
    (
        "Generators, Iterators",
        "def read_chunks(f):\n    while chunk := f.read(4096):\n        yie‸ld chunk\n",
    ),
    (
        "Generators, Iterators › yield from",
        "def walk(node):\n    if node:\n        yield fr‸om walk(node.left)\n",
    ),
    ("Data structures", "from collections import deque\n\nrecent = de‸que(maxlen=10)\n"),
    ("Data structures › Lists", "names = []\nfor row in rows:\n    names.app‸end(row[0])\n"),
    ("Data structures › Dicts", "counts = {}\nfor w in words:\n    counts.setdef‸ault(w, 0)\n"),
    ("Data structures › Sets", "seen = set()\nfor item in items:\n    seen.a‸dd(item)\n"),
    ("Data structures › Frozen sets", "TAGS = frozen‸set(['a', 'b'])\n"),
    (
        "Data structures › String",
        "def clean(line: str) -> str:\n    return line.stri‸p()\n",
    ),
    (
        "Data structures › Enum",
        "from enum import Enum\n\nclass Status(En‸um):\n    OPEN = 1\n",
    ),
    (
        "Data structures › Data Classes › Namedtuple",
        "from collections import namedtuple\n\nPoint = namedt‸uple('Point', 'x y')\n",
    ),
    (
        "Data structures › Data Classes › TypedDict",
        "from typing import TypedDict\n\nclass Movie(TypedD‸ict):\n    title: str\n",
    ),
    (
        "Data structures › Data Classes › attrs",
        "import attrs\n\n@attrs.def‸ine\nclass Point:\n    x: int\n",
    ),
    (
        "Data structures › Data Classes › Dataclasses",
        "from dataclasses import dataclass\n\n@datac‸lass\nclass Card:\n    rank: str\n",
    ),
    (
        "Data structures › Data Classes › Pydantinc",
        "from pydantic import BaseModel\n\nclass User(BaseMo‸del):\n    name: str\n",
    ),
    ("Decorators", "@‸timed\ndef handler(request):\n    return request\n"),
    ("Context managers (with)", "wi‸th open(path) as fh:\n    data = fh.read()\n"),
    (
        "Classes",
        "class Account:\n    def __re‸pr__(self):\n        return f'Account({self.id})'\n",
    ),
    (
        "Classes › Inheritance and MRO: Method Resolution Order",
        "class Admin(User):\n    def save(self):\n        sup‸er().save()\n",
    ),
    (
        "Classes › ABC: Abstract Base Classes",
        "from abc import ABC, abstractmethod\n\nclass Store(A‸BC):\n    pass\n",
    ),
    (
        "Classes › Class Decorators",
        "class Temperature:\n    @static‸method\n    def from_f(f):\n"
        "        return (f - 32) / 1.8\n",
    ),
    (
        "Classes › `__new__`",
        "class Registry:\n    def __ne‸w__(cls, *args):\n        return super().__new__(cls)\n",
    ),
    ("Classes › Metaclasses", "class Model(metacl‸ass=ModelMeta):\n    pass\n"),
    ("Classes › Metaclasses › Example", "class Config(metacl‸ass=Singleton):\n    debug = False\n"),
    ("Numpy", "import numpy as np\n\nends = np.ta‸ke(matrix, [0, -1], axis=0)\n"),
    (
        "GIL",
        "import threading\n\nworker = threading.Thre‸ad(target=crunch)\nworker.start()\n",
    ),
    ("Python ooooopssiieess", "def add(item, bucket=[‸]):\n    bucket.append(item)\n"),
    ("Timing code", "import timeit\n\nprint(timeit.tim‸eit(build, number=1000))\n"),
    ("Logging", "import logging\n\nlog = logging.getLog‸ger(__name__)\n"),
    (
        "Python Testing › Fixtures",
        "import pytest\n\n@pytest.fixt‸ure\ndef client():\n    return make_client()\n",
    ),
    (
        "Python Testing › Compare floats",
        "import pytest\n\ndef test_total():\n    assert total() == pytest.appr‸ox(0.3)\n",
    ),
    (T, "from unittest import mo‸ck\n"),
    (f"{T} › Mock", "from unittest.mock import Mock\n\nrepo = Mo‸ck()\n"),
    (
        f"{T} › return_value",
        "from unittest import mock\n\ndef test_fetch(mock_get):\n"
        "    mock_get.return_val‸ue = {'ok': True}\n",
    ),
    (
        f"{T} › side_effect",
        "from unittest import mock\n\ndef test_retry(mock_send):\n"
        "    mock_send.side_eff‸ect = TimeoutError()\n",
    ),
    (
        f"{T} › Mock useful functions",
        "from unittest import mock\n\ndef test_save(mock_save):\n"
        "    mock_save.assert_called_once_w‸ith(order)\n",
    ),
    (f"{T} › spec", "from unittest.mock import Mock\n\nrepo = Mock(sp‸ec=Repository)\n"),
    (
        f"{T} › create_autospec",
        "from unittest import mock\n\nfake = mock.create_autos‸pec(Mailer)\n",
    ),
    (f"{T} › MagicMock", "from unittest.mock import MagicMock\n\nclient = MagicMo‸ck()\n"),
    (
        f"{T} › @mock.patch",
        "from unittest import mock\n\n@mock.pat‸ch('shop.billing.charge')\n"
        "def test_pay(charge):\n    pass\n",
    ),
    (
        f"{T} › Where to patch?",
        "from unittest.mock import patch\n\ndef test_mail():\n"
        "    with pat‸ch('orders.views.send_receipt'):\n        checkout()\n",
    ),
    (
        f"{T} › @mock.patch pitfall: decorator order",
        "from unittest import mock\n\n@mock.patch('shop.billing.charge')\n"
        "‸@mock.patch('shop.billing.refund')\ndef test_pay(refund, charge):\n    pass\n",
    ),
    (
        f"{T} › @mock.patch.object",
        "from unittest import mock\n\n@mock.patch.obj‸ect(Client, 'send')\n"
        "def test_send(send):\n    pass\n",
    ),
    (
        f"{T} › Patch dictionnaries",
        "import os\nfrom unittest import mock\n\n"
        "with mock.patch.di‸ct(os.environ, {'DEBUG': '1'}):\n    run()\n",
    ),
    (
        f"{T} › Property mocking",
        "from unittest.mock import PropertyMock, patch\n\n"
        "@patch.object(Invoice, 'total', new_callable=PropertyM‸ock)\n"
        "def test_total(total):\n    pass\n",
    ),
    (
        f"{T} › Patch constant",
        "from unittest.mock import patch\n\n@patch('app.settings.TIMEOUT', ne‸w=1)\n"
        "def test_timeout():\n    pass\n",
    ),
    (f"{T} › wraps", "from unittest.mock import MagicMock\n\nspy = MagicMock(wra‸ps=send)\n"),
    (
        "Python Testing › pytest monkeypatch fixture",
        "def test_env(monkeypatch):\n    monkeypatch.sete‸nv('DEBUG', '1')\n",
    ),
    (
        "Python Testing › pytest-mock plugin mocker fixture",
        "def test_pay(mocker):\n    charge = mocker.pat‸ch('shop.billing.charge')\n",
    ),
    (
        "Async await",
        "async def fetch(client, url):\n    response = awa‸it client.get(url)\n"
        "    return response\n",
    ),
    (
        "Async await › Event loop",
        "import asyncio\n\nloop = asyncio.new_event_loop()\nloop.run_until_compl‸ete(main())\n",
    ),
    (
        "Async await › `asyncio.gather()`",
        "import asyncio\n\nasync def main():\n    await asyncio.gat‸her(*jobs)\n",
    ),
    (
        "Async await › `asyncio.create_task()`",
        "import asyncio\n\nasync def main():\n    task = asyncio.create_t‸ask(poll())\n",
    ),
    (
        "Async await › `asyncio.as_completed()`",
        "import asyncio\n\nasync def main():\n    for job in asyncio.as_compl‸eted(jobs):\n"
        "        print(await job)\n",
    ),
    ("FastApi", "from fastapi import FastAPI\n\napp = FastA‸PI()\n"),
    (
        "FastApi › HTTP methods",
        "from fastapi import FastAPI\n\napp = FastAPI()\n\n@app.p‸ut('/items/{item_id}')\n"
        "def update(item_id: int):\n    pass\n",
    ),
    (
        "FastApi › Order matters",
        "from fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get('/users/{user_id}')\n"
        "def user(user_id: int):\n    pass\n\n@app.g‸et('/users/me')\ndef me():\n    pass\n",
    ),
    (
        "FastApi › Parameters",
        "from typing import Optional\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n"
        "@app.get('/items/')\ndef items(q: Opti‸onal[str] = None):\n    pass\n",
    ),
    ("SQLAlchemy", "from sqlalchemy import sel‸ect\n\nquery = select(User)\n"),
    (
        "SQLAlchemy › Session",
        "from sqlalchemy.orm import Session\n\nwith Sess‸ion(engine) as session:\n    pass\n",
    ),
    (
        "SQLAlchemy › Expiring objects",
        "from sqlalchemy.orm import Session\n\ndef reset(session: Session, user):\n"
        "    session.exp‸ire(user)\n",
    ),
    (
        "SQLAlchemy › Refreshing objects",
        "from sqlalchemy.orm import Session\n\ndef reload(session: Session, order):\n"
        "    session.refr‸esh(order)\n",
    ),
    (
        "SQLAlchemy › Expire vs Refresh",
        "from sqlalchemy.orm import Session\n\ndef reload(session: Session, order):\n"
        "    session.refr‸esh(order)\n",
    ),
    (
        "SQLAlchemy › Flusing objects",
        "from sqlalchemy.orm import Session\n\ndef add(session: Session, user):\n"
        "    session.add(user)\n    session.flu‸sh()\n",
    ),
    (
        "SQLAlchemy › Committing objects",
        "from sqlalchemy.orm import Session\n\ndef save(session: Session):\n"
        "    session.comm‸it()\n",
    ),
    (
        "SQLAlchemy › Pitfalls",
        "from sqlalchemy import Column, String\n\nname = Column(String, nulla‸ble=False)\n",
    ),
    (
        "SQLAlchemy › Tips",
        "from sqlalchemy import create_engine\n\nengine = create_engine(URL, ec‸ho=True)\n",
    ),
]


@pytest.fixture(scope="module")
def notes():  # type: ignore[no-untyped-def]
    if not SHARED_NOTES.is_file():
        pytest.skip(NO_SHARED)
    return indexed(SHARED_NOTES)


def test_every_section_is_a_case_or_not_about_code(notes) -> None:  # type: ignore[no-untyped-def]
    failures = check_table(notes, CASES, NOT_ABOUT_CODE)
    assert not failures, "\n".join(f"{s}: shows {got}" for s, _, got in failures)


@pytest.mark.parametrize(("section", "code"), case_params(CASES))
def test_the_section_is_shown(notes, section: str, code: str) -> None:  # type: ignore[no-untyped-def]
    assert section in shown(notes, code)
