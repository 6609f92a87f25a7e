"""Reachability on a third sheet that the matcher finds hard: MichaelCurrin's
dev-cheatsheets (MIT, tests/fixtures/notes/michaelcurrin/SOURCE). Its files split one
API into many small sibling sections (pathlib.md has a dozen on ``Path``, logging.md
several on the same logger calls), so the two sections shown often come from the right
file but not the right subsection. Measured 58 %; this test keeps that floor so that a
change that loses it is seen, and docs/notes.md reports it as a limitation."""

from tests.notes_reach import check_table, notes_folder
from tests.unit.test_notes_reach_others import LINKS

FLOOR = 0.55


M = {
    "async": "async.md: ",
    "counter": "counter.md: ",
    "dc": "dataclass.md: ",
    "dd": "default-dict.md: ",
    "dict": "dictionary.md: ",
    "list": "list.md: ",
    "nt": "named-tuple.md: ",
    "set": "set.md: ",
    "enum": "enum.md: ",
    "enumerate": "enumerate.md: ",
    "copy": "copy.md: ",
    "exc": "exceptions.md: ",
    "path": "pathlib.md: ",
    "sa": "sqlalchemy.md: ",
    "pyd": "pydantic.md: ",
    "log": "logging.md: ",
    "sort": "sorting.md: ",
    "pytest": "pytest.md: ",
    "unit": "unittest.md: ",
}
NO_TEXT = "no text of its own"
MICHAELCURRIN_NOT_CASES = {
    f"{M['async']}Async": "a link to the asyncio docs",
    f"{M['async']}Basic concepts": NO_TEXT,
    f"{M['async']}Key functions": NO_TEXT,
    f"{M['async']}Concurrency": NO_TEXT,
    f"{M['async']}Asyncio REPL": "a shell session",
    f"{M['async']}Async Web Scraping": NO_TEXT,
    f"{M['counter']}Resources": LINKS,
    f"{M['counter']}Update": NO_TEXT,
    f"{M['counter']}View": NO_TEXT,
    f"{M['dc']}Data class": "a link to the docs",
    f"{M['dc']}About": "prose: what data classes are for",
    f"{M['dc']}Usage": NO_TEXT,
    f"{M['dd']}Default dict": "prose and a link",
    f"{M['dd']}Examples": NO_TEXT,
    f"{M['dict']}Dictionary": "prose: what a dict is",
    f"{M['dict']}Related": LINKS,
    f"{M['list']}List": NO_TEXT,
    f"{M['list']}Resources": LINKS,
    f"{M['list']}Create": NO_TEXT,
    f"{M['list']}Copy": "a link to the copy notes",
    f"{M['set']}Set": "prose: what a set is",
    f"{M['set']}Resources": LINKS,
    f"{M['set']}Create": NO_TEXT,
    f"{M['set']}Update": NO_TEXT,
    f"{M['set']}Operations": "prose: operators or methods",
    f"{M['enum']}Enum": "a link and a quotation",
    f"{M['enum']}Definition": NO_TEXT,
    f"{M['enumerate']}Enumerate": "one sentence",
    f"{M['copy']}Resources": LINKS,
    f"{M['copy']}Shallow copies": "a quotation",
    f"{M['exc']}Exceptions": NO_TEXT,
    f"{M['exc']}Resources": LINKS,
    f"{M['exc']}Catch and re-raise": NO_TEXT,
    f"{M['exc']}Custom exception": "prose",
    f"{M['path']}Resources": LINKS,
    f"{M['path']}Basics": NO_TEXT,
    f"{M['path']}Directories": NO_TEXT,
    f"{M['path']}Practical examples": "one sentence",
    f"{M['sa']}Features": "a link",
    f"{M['sa']}Features › DB types": "a list of databases",
    f"{M['sa']}Features › Both raw SQL and ORM support": "prose",
    f"{M['sa']}Examples": NO_TEXT,
    f"{M['pyd']}Resources": LINKS,
    f"{M['pyd']}Installation": "a shell command",
    f"{M['pyd']}Advanced Features": "one sentence",
    f"{M['pyd']}Use Cases": "prose",
    f"{M['log']}Logging": NO_TEXT,
    f"{M['log']}Links": LINKS,
    f"{M['log']}Configuration": "prose",
    f"{M['log']}Levels": NO_TEXT,
    f"{M['sort']}Sorting": NO_TEXT,
    f"{M['sort']}Resources": LINKS,
    f"{M['sort']}Iterables": NO_TEXT,
    f"{M['sort']}Sort functions": "one sentence",
    f"{M['sort']}Reverse": NO_TEXT,
    f"{M['pytest']}PyTest": "a link",
    f"{M['pytest']}Install": "a shell command",
    f"{M['pytest']}Run tests": "shell commands",
    f"{M['pytest']}CLI": "shell usage",
    f"{M['unit']}Unittest": "a link",
    f"{M['unit']}Run": "shell commands",
    f"{M['unit']}Mocking and patching": "a link",
}
MICHAELCURRIN = [
    (
        f"{M['async']}Basic concepts › Coroutines",
        "asy‸nc def poll(url):\n    return url\n",
    ),
    (
        f"{M['async']}Basic concepts › Event Loop",
        "import asyncio\n\nloop = asyncio.get_event_lo‸op()\n",
    ),
    (f"{M['async']}Key functions › asyncio.run()", "import asyncio\n\nasyncio.r‸un(main())\n"),
    (
        f"{M['async']}Key functions › await",
        "async def main():\n    data = awa‸it fetch()\n",
    ),
    (
        f"{M['async']}Concurrency › asyncio.gather()",
        "import asyncio\n\nasync def main():\n    await asyncio.gath‸er(a(), b())\n",
    ),
    (
        f"{M['async']}Concurrency › asyncio.create_task()",
        "import asyncio\n\nasync def main():\n    job = asyncio.create_ta‸sk(tick())\n",
    ),
    (
        f"{M['async']}Async Context Managers",
        "async def main(lock):\n    async wi‸th lock:\n        pass\n",
    ),
    (
        f"{M['async']}Async Iterators",
        "async def main(rows):\n    async fo‸r row in rows:\n        print(row)\n",
    ),
    (
        f"{M['async']}Error Handling",
        "async def main():\n    tr‸y:\n        await fetch()\n    except ValueError:\n"
        "        pass\n",
    ),
    (
        f"{M['async']}Async Web Scraping › Scraping Multiple Webpages Concurrently",
        "import aiohttp\n\nasync def main():\n    async with aiohttp.ClientSes‸sion() as s:\n"
        "        pass\n",
    ),
    (
        f"{M['async']}Web server example",
        "from flask_asyncio import AsyncFlask\n\napp = AsyncFlask(__name__)\n\n@app.rou‸te('/')\n"
        "async def index():\n    return 'ok'\n",
    ),
    (f"{M['counter']}Create", "from collections import Counter\n\nc = Coun‸ter(words)\n"),
    (
        f"{M['counter']}Update › Single",
        "from collections import Counter\n\nc = Counter()\nc.upda‸te('a')\n",
    ),
    (
        f"{M['counter']}Update › Multiple",
        "from collections import Counter\n\nc = Counter()\nc.upda‸te(words)\n",
    ),
    (
        f"{M['counter']}View › Elements",
        "from collections import Counter\n\nc = Counter()\nbag = sorted(c.elemen‸ts())\n",
    ),
    (
        f"{M['counter']}View › Most common",
        "from collections import Counter\n\ntop = Counter(words).most_comm‸on(3)\n",
    ),
    (
        f"{M['counter']}View › Dict properties",
        "from collections import Counter\n\nc = Counter()\nfor word in c.ke‸ys():\n    pass\n",
    ),
    (
        f"{M['counter']}Example",
        "from collections import Counter\n\nc = Counter()\nfor letter in text:\n"
        "    c.upd‸ate(letter)\n",
    ),
    (
        f"{M['counter']}Grouping",
        "import collections\n\ngroups = collections.default‸dict(int)\n",
    ),
    (
        f"{M['dc']}Usage › Define",
        "from dataclasses import dataclass\n\n@datacl‸ass\nclass Item:\n    name: str\n",
    ),
    (
        f"{M['dc']}Usage › Use instance",
        "item = Item('Foo', 1.5)\nprint(item.__di‸ct__)\n",
    ),
    (
        f"{M['dc']}Parameters",
        "from dataclasses import dataclass\n\n@dataclass(fro‸zen=True)\nclass Point:\n    x: int\n",
    ),
    (
        f"{M['dc']}Validation",
        "from dataclasses import dataclass, field\n\n@dataclass\nclass App:\n"
        "    plugins: list = fie‸ld(default_factory=list)\n",
    ),
    (f"{M['dd']}Setup", "from collections import default‸dict\n"),
    (
        f"{M['dd']}Syntax",
        "from collections import defaultdict\n\ncounts = default‸dict(int)\n",
    ),
    (
        f"{M['dd']}Examples › Overview",
        "from collections import defaultdict\n\nx = defaultdict(int)\nn = x[‸'missing']\n",
    ),
    (
        f"{M['dd']}Examples › Display",
        "from collections import defaultdict\n\nx = defaultdict(int)\nplain = di‸ct(x)\n",
    ),
    (
        f"{M['dd']}Examples › Number",
        "from collections import defaultdict\n\nhits = defaultdict(int)\nhits['a'] +‸= 1\n",
    ),
    (
        f"{M['dd']}List",
        "from collections import defaultdict\n\nby_key = defaultdict(list)\n"
        "by_key['a'].appe‸nd(2)\n",
    ),
    (
        f"{M['dd']}List › Dictionary of lists",
        "from collections import defaultdict\n\ntree = defaultdict(lambda: defaultdict(list))\n"
        "tree[year][category].appe‸nd(value)\n",
    ),
    (
        f"{M['dd']}Remove item",
        "from collections import defaultdict\n\nx = defaultdict(int)\nx.po‸p('abc')\n",
    ),
    (f"{M['dict']}Create", "options = di‸ct(verbose=True)\n"),
    (f"{M['dict']}Get", "options = {}\nlevel = options.ge‸t('level')\n"),
    (f"{M['dict']}Set", "options = {}\noptions.upda‸te(other)\n"),
    (f"{M['dict']}Delete", "options = {}\nd‸el options['level']\n"),
    (f"{M['dict']}Iterate", "options = {}\nfor k, v in options.ite‸ms():\n    pass\n"),
    (f"{M['list']}The list keyword", "if isinstance(value, li‸st):\n    pass\n"),
    (f"{M['list']}Methods", "names = []\nnames.exte‸nd(more)\n"),
    (f"{M['list']}Create › Empty array", "names = li‸st()\n"),
    (f"{M['list']}Create › Null list", "slots = [None] ‸* 10\n"),
    (f"{M['list']}Create › With values", "numbers = li‸st(range(3))\n"),
    (f"{M['list']}Slices and index", "names = []\nfirst_two = names[0‸:2]\n"),
    (f"{M['list']}Cast to list", "values = li‸st(unique_values)\n"),
    (
        f"{M['nt']}Example",
        "from collections import namedtuple\n\nPoint = namedtu‸ple('Point', ['x', 'y'])\n",
    ),
    (f"{M['set']}Create › Using keyword", "tags = se‸t(['a', 'b'])\n"),
    (f"{M['set']}Create › Using braces", "tags = {'a', 'b'}\nfirst = tags.p‸op()\n"),
    (f"{M['set']}Membership testing", "tags = set()\nif 'a' i‸n tags:\n    pass\n"),
    (f"{M['set']}Update › Add element", "tags = set()\ntags.a‸dd('c')\n"),
    (f"{M['set']}Update › Add elements", "tags = set()\ntags.upda‸te(more)\n"),
    (f"{M['set']}Update › Remove elements", "tags = set()\ntags -‸= stale\n"),
    (f"{M['set']}Operations › Intersection", "a = set()\nshared = a.intersecti‸on(b)\n"),
    (f"{M['set']}Operations › Union", "a = set()\nboth = a.uni‸on(b)\n"),
    (f"{M['set']}Operations › Difference", "a = set()\nonly_a = a.differe‸nce(b)\n"),
    (
        f"{M['set']}Operations › Symmetric difference",
        "a = set()\nodd = a.symmetric_differen‸ce(b)\n",
    ),
    (f"{M['set']}Set comprehension", "vowels = {c f‸or c in word if c in 'aeiou'}\n"),
    (
        f"{M['enum']}Definition › Explicit",
        "from enum import Enum\n\nclass Color(En‸um):\n    RED = 1\n",
    ),
    (
        f"{M['enum']}Definition › Auto enumerate",
        "from enum import Enum, auto\n\nclass Color(Enum):\n    RED = au‸to()\n",
    ),
    (
        f"{M['enum']}Definition › String values",
        "from enum import Enum\n\nclass Mode(En‸um):\n    READ = 'read'\n",
    ),
    (f"{M['enum']}Get item", "from enum import Enum\n\nmember = Color[‸'RED']\n"),
    (f"{M['enumerate']}List", "for i, name in enumer‸ate(names):\n    print(i, name)\n"),
    (
        f"{M['enumerate']}Dictionary",
        "for i, (k, v) in enumer‸ate(options.items()):\n    print(i, k, v)\n",
    ),
    (f"{M['copy']}Reference", "def add(items, item):\n    ite‸ms.append(item)\n"),
    (f"{M['copy']}Shallow copies › list", "names = []\nbackup = names.co‸py()\n"),
    (f"{M['copy']}Shallow copies › dictionary", "options = {}\nsaved = options.co‸py()\n"),
    (
        f"{M['copy']}Shallow copies › Why shallow copies can be bad",
        "rows = [[1], [2]]\nsnapshot = rows.co‸py()\n",
    ),
    (
        f"{M['copy']}Shallow copies › Use copy library",
        "import copy\n\nsaved = copy.co‸py(config)\n",
    ),
    (f"{M['copy']}Deep copies", "import copy\n\nsaved = copy.deepco‸py(config)\n"),
    (f"{M['exc']}Raise", "rai‸se ValueError('bad value')\n"),
    (f"{M['exc']}Catch", "try:\n    load()\nexce‸pt ValueError:\n    pass\n"),
    (f"{M['exc']}Catch › Bare", "try:\n    load()\nexce‸pt:\n    pass\n"),
    (f"{M['exc']}Catch › Broad", "try:\n    load()\nexcept Excep‸tion:\n    pass\n"),
    (f"{M['exc']}Catch › Specific", "try:\n    load()\nexcept KeyErr‸or:\n    pass\n"),
    (
        f"{M['exc']}Catch › Chained",
        "try:\n    load()\nexcept KeyError:\n    pass\nexce‸pt ValueError:\n    pass\n",
    ),
    (
        f"{M['exc']}Catch and re-raise › Implicit",
        "try:\n    load()\nexcept Exception:\n    log()\n    rai‸se\n",
    ),
    (
        f"{M['exc']}Catch and re-raise › Explicit",
        "try:\n    load()\nexcept Exception as e:\n    raise Exception(f'failed: {e}') fr‸om e\n",
    ),
    (
        f"{M['exc']}Base classes",
        "try:\n    load()\nexcept Exception as e:\n    print(st‸r(e))\n",
    ),
    (f"{M['exc']}Custom exception › Basic", "class QuotaError(RuntimeErr‸or):\n    pass\n"),
    (
        f"{M['exc']}Custom exception › Override init",
        "class NetworkError(RuntimeError):\n    def __ini‸t__(self, msg):\n"
        "        self.msg = msg\n",
    ),
    (f"{M['path']}Set up", "from pathlib import Pa‸th\n"),
    (f"{M['path']}Basics › Working directory", "from pathlib import Path\n\nhere = Pa‸th('.')\n"),
    (
        f"{M['path']}Basics › Path to current script",
        "from pathlib import Path\n\nme = Path(__fi‸le__)\n",
    ),
    (
        f"{M['path']}Basics › Parent path",
        "from pathlib import Path\n\nroot = Path(__file__).resolve().pare‸nt\n",
    ),
    (
        f"{M['path']}Basics › Build a path",
        "from pathlib import Path\n\nroot = Path('.')\nconfig = root ‸/ 'conf' / 'app.toml'\n",
    ),
    (
        f"{M['path']}Basics › List subdirectories",
        "from pathlib import Path\n\nroot = Path('.')\n"
        "dirs = [p for p in root.iterd‸ir() if p.is_dir()]\n",
    ),
    (
        f"{M['path']}Basics › Glob",
        "from pathlib import Path\n\nroot = Path('.')\nsources = list(root.glo‸b('*/*.py'))\n",
    ),
    (
        f"{M['path']}Basics › Opening a file",
        "from pathlib import Path\n\nconfig = Path('app.toml')\nwith config.op‸en() as fh:\n"
        "    text = fh.read()\n",
    ),
    (
        f"{M['path']}Path relative to current script",
        "from pathlib import Path\n\nDATA = Path(__file__).parent ‸/ 'data' / 'rows.csv'\n",
    ),
    (f"{M['path']}Home", "from pathlib import Path\n\ncache = Path.ho‸me() / '.cache'\n"),
    (
        f"{M['path']}Path properties",
        "from pathlib import Path\n\np = Path('a/b.txt')\nstem = p.st‸em\n",
    ),
    (
        f"{M['path']}Check path properties",
        "from pathlib import Path\n\np = Path('a/b.txt')\nif p.exis‸ts():\n    pass\n",
    ),
    (f"{M['path']}Resolve", "from pathlib import Path\n\nfull = Path('a').resol‸ve()\n"),
    (
        f"{M['path']}Path joining",
        "from pathlib import Path\n\nlog = Path('/var') ‸/ 'log' / 'app.log'\n",
    ),
    (
        f"{M['path']}Relative to",
        "from pathlib import Path\n\np = Path('a/b.txt')\nshort = p.relative_‸to(base)\n",
    ),
    (
        f"{M['path']}Directories › Create with mkdir",
        "from pathlib import Path\n\nout = Path('build')\n"
        "out.mkd‸ir(parents=True, exist_ok=True)\n",
    ),
    (
        f"{M['path']}Practical examples › Absolute path to app directory",
        "from pathlib import Path\n\nAPP_DIR = Path(__file__).reso‸lve().parent\n",
    ),
    (
        f"{M['path']}Practical examples › Path to var directory",
        "from pathlib import Path\n\nVAR_DIR = APP_DIR ‸/ 'var'\n",
    ),
    (
        f"{M['sa']}Examples › Create instance",
        "from sqlalchemy import create_engine\n\nengine = create_eng‸ine('sqlite:///app.db')\n",
    ),
    (
        f"{M['sa']}Examples › Raw SQL",
        "from sqlalchemy import create_engine\n\nengine = create_engine(URL)\n"
        "with engine.connect() as conn:\n    rows = conn.exec‸ute(query)\n",
    ),
    (
        f"{M['sa']}Examples › ORM",
        "from sqlalchemy import Column, Integer, MetaData, Table\n\nmetadata = MetaData()\n"
        "users = Ta‸ble('user', metadata, Column('id', Integer))\n",
    ),
    (
        f"{M['sa']}Examples › SQL Expression language",
        "from sqlalchemy import select\n\nstmt = select(users).whe‸re(users.c.id == 5)\n",
    ),
    (
        f"{M['sa']}Examples › Stringify query",
        "from sqlalchemy import select\n\nprint(st‸r(select(users)))\n",
    ),
    (
        f"{M['sa']}Examples › Set up and fetch",
        "from sqlalchemy import create_engine\n\ndef get_connection():\n"
        "    return create_engine(URL).conne‸ct()\n",
    ),
    (
        f"{M['pyd']}Defining Data Models",
        "from pydantic import BaseModel\n\nclass User(BaseMod‸el):\n    name: str\n",
    ),
    (
        f"{M['pyd']}Validating Data",
        "from pydantic import ValidationError\n\ntry:\n    user = User(**data)\n"
        "except ValidationErr‸or as e:\n    print(e)\n",
    ),
    (
        f"{M['pyd']}Advanced Features › Field Validation",
        "from pydantic import BaseModel, EmailStr\n\nclass User(BaseModel):\n"
        "    email: EmailSt‸r\n",
    ),
    (
        f"{M['pyd']}Advanced Features › Recursive Models",
        "from typing import List\nfrom pydantic import BaseModel\n\nclass Team(BaseModel):\n"
        "    members: Li‸st[User]\n",
    ),
    (
        f"{M['pyd']}Advanced Features › Data Conversion",
        "from datetime import datetime\nfrom pydantic import BaseModel\n\n"
        "class Event(BaseModel):\n    start: datet‸ime\n",
    ),
    (
        f"{M['pyd']}Advanced Features › Settings Management",
        "from pydantic import BaseSettings\n\nclass Settings(BaseSetti‸ngs):\n"
        "    database_url: str\n",
    ),
    (f"{M['log']}Log levels", "import logging\n\nlogging.warni‸ng('disk almost full')\n"),
    (
        f"{M['log']}Log levels › Note",
        "import logging\n\nlogger = logging.getLogger(__name__)\nlogger.setLev‸el(logging.INFO)\n",
    ),
    (
        f"{M['log']}Configuration › Configure and use the library directly",
        "import logging\n\nlogging.basicCon‸fig(level=logging.DEBUG)\n",
    ),
    (
        f"{M['log']}Configuration › Configure and use a logger variable",
        "import logging\n\nlogger = logging.getLog‸ger(__name__)\n",
    ),
    (
        f"{M['log']}Variable substitution",
        "import logging\n\nlogging.in‸fo('Hello %s', name)\n",
    ),
    (
        f"{M['log']}Variable substitution › Built-in variables",
        "import logging\n\nlogging.basicConfig(form‸at='%(funcName)s %(message)s')\n",
    ),
    (
        f"{M['log']}Levels › Basic",
        "import logging\n\nlogger = logging.getLogger(__name__)\nlogger.deb‸ug('start')\n",
    ),
    (
        f"{M['log']}Levels › Add error trace",
        "import logging\n\nlogger = logging.getLogger(__name__)\nlogger.exceptio‸n('failed')\n",
    ),
    (f"{M['sort']}Iterables › Sorted function", "ordered = sor‸ted(scores)\n"),
    (f"{M['sort']}Iterables › Sort method", "scores = []\nscores.so‸rt()\n"),
    (
        f"{M['sort']}Iterables › List of dictionaries",
        "people = []\nby_age = sorted(people, k‸ey=lambda p: p['age'])\n",
    ),
    (f"{M['sort']}Dictionaries", "options = {}\nfor key in sor‸ted(options):\n    pass\n"),
    (
        f"{M['sort']}Sort functions › Key functions",
        "names = sorted(words, ke‸y=str.lower)\n",
    ),
    (
        f"{M['sort']}Sort functions › Operator module functions",
        "from operator import itemgetter\n\nrows = sorted(rows, key=itemget‸ter(2))\n",
    ),
    (f"{M['sort']}Reverse › Reverse function", "backwards = list(revers‸ed(names))\n"),
    (f"{M['sort']}Reverse › Reversed method", "names = []\nnames.rever‸se()\n"),
    (
        f"{M['pytest']}Sample test",
        "def inc(x):\n    return x + 1\n\ndef test_inc():\n    ass‸ert inc(3) == 4\n",
    ),
    (
        f"{M['pytest']}Run tests › Parametrized tests",
        "import pytest\n\n@pytest.mark.parametr‸ize('a, b', [(1, 2)])\ndef test_add(a, b):\n"
        "    pass\n",
    ),
    (
        f"{M['unit']}Syntax",
        "import unittest\n\nclass TestParse(unittest.TestCa‸se):\n    pass\n",
    ),
    (
        f"{M['unit']}Sample tests",
        "import unittest\n\nclass TestParse(unittest.TestCase):\n    def test_ok(self):\n"
        "        self.assertEq‸ual(parse('1'), 1)\n",
    ),
    (
        f"{M['unit']}Mocking and patching › Mock return value",
        "from unittest.mock import MagicMock\n\nclient.get = MagicMock(return_val‸ue=3)\n",
    ),
    (
        f"{M['unit']}Mocking and patching › Patch a class",
        "from unittest.mock import patch\n\n@pat‸ch('app.models.Client')\n"
        "def test_client(MockClient):\n    pass\n",
    ),
    (
        f"{M['unit']}Mocking and patching › Patch a function",
        "from unittest.mock import patch\n\n@pat‸ch('app.mail.send')\ndef test_send(mock_send):\n"
        "    pass\n",
    ),
    (
        f"{M['unit']}Mocking and patching › Patch a method",
        "from unittest.mock import patch\n\nwith patch.obj‸ect(Client, 'send') as send:\n"
        "    pass\n",
    ),
    (
        f"{M['unit']}Patch with a decorator vs inline",
        "from unittest import mock\n\ndef test_send():\n    with mock.pat‸ch('app.mail.send'):\n"
        "        pass\n",
    ),
]


def test_michaelcurrin_notes_keep_their_floor() -> None:
    failures = check_table(notes_folder("michaelcurrin"), MICHAELCURRIN, MICHAELCURRIN_NOT_CASES)
    rate = 1 - len(failures) / len(MICHAELCURRIN)
    report = "\n".join(f"  {s}: shows {got}" for s, _, got in failures)
    assert len(MICHAELCURRIN) >= 40
    assert rate >= FLOOR, f"{rate:.0%} shown; not shown:\n{report}"
