"""Hovers in files with a syntax error: elsewhere in the file, and inside the broken
statement itself (recovered through parso)."""

from __future__ import annotations

from tests.unit.hover.case import case
from tests.unit.hover.corpus_async import SERVICE
from tests.unit.hover.corpus_data import RECORDS
from tests.unit.hover.corpus_testing import BILLING_TESTS

HALF_TYPED = "\n\ndef half_typed(user, \n    return user\n"
BROKEN_TESTS = BILLING_TESTS.replace("\n\nif __name__", HALF_TYPED + "\n\nif __name__")
BROKEN_SERVICE = SERVICE + "\n\nasync def unfinished(client:\n    await fetch(client, '/x')\n"
BROKEN_RECORDS = "import functools\nclass Half(:\n    pass\n" + RECORDS
INSIDE = """\
import asyncio
from unittest import mock


async def sync_all(client, urls:
    for url in urls:
        await client.get(url)
    if client.state is 200:
        return [u for u in urls]
    with mock.patch("app.client.get") as fake:
        pass
"""

CASES = [
    case(
        "patch-stack",
        BROKEN_TESTS,
        'mock.patch("billing.invoices.charge_card")',
        "mock-patch",
        "| `mock_charge_card` | `billing.invoices.charge_card` (bottom decorator) |",
        delta=6,
    ),
    case(
        "patch-swapped",
        BROKEN_TESTS,
        '@patch("billing.invoices.charge_card")',
        "mock-patch",
        "⚠ `mock_send_email` receives the mock",
        delta=2,
    ),
    case(
        "patch-direct-import",
        BROKEN_TESTS,
        'patch("billing.gateway.charge_card")',
        "mock-patch",
        "⚠ This file did `from billing.gateway import charge_card`",
        delta=1,
    ),
    case("main-guard", BROKEN_TESTS, "if __name__", "main-guard"),
    case("listcomp", BROKEN_TESTS, "for x in range(3)", "comprehensions"),
    case("string-null", BROKEN_TESTS, '"a@example.com"', None, delta=3),
    case(
        "await-in-for", BROKEN_SERVICE, "await fetch(client, url)", "async-await", "in a `for` loop"
    ),
    case("gather", BROKEN_SERVICE, "asyncio.gather", "asyncio-gather", delta=9),
    case("unawaited", BROKEN_SERVICE, 'fetch(client, "/ping")', "async-await", "never awaited"),
    case(
        "consecutive",
        BROKEN_SERVICE,
        "await fetch(client, token)",
        "async-await",
        "uses an earlier result",
    ),
    case("except", BROKEN_SERVICE, "except asyncio.CancelledError", "exceptions"),
    case("logger-null", BROKEN_SERVICE, "response.json()", None, delta=10),
    case(
        "dataclass",
        BROKEN_RECORDS,
        "@dataclass\nclass Config",
        "dataclasses",
        "`Config` — a dataclass",
        delta=1,
    ),
    case("deco-no-wraps", BROKEN_RECORDS, "@noisy", "decorators", "without `@functools.wraps(fn)`"),
    case(
        "namedtuple",
        BROKEN_RECORDS,
        "class Pair(NamedTuple)",
        "namedtuple",
        "a `tuple` subclass",
        delta=11,
    ),
    case("star-rest", BROKEN_RECORDS, "*rest =", "unpacking"),
    case("print-null", BROKEN_RECORDS, 'print("calling")', None, delta=7),
    case("inside-await-in-for", INSIDE, "await client", "async-await", "in a `for` loop"),
    case("inside-is-literal", INSIDE, "is 200", "identity-vs-equality", "`200` is a small int"),
    case("inside-listcomp", INSIDE, "for u in urls]", "comprehensions"),
    case(
        "inside-patch-cm",
        INSIDE,
        'mock.patch("app.client.get")',
        "mock-patch",
        "Replaces `get` on `app.client` while the patch is active",
        delta=6,
    ),
    case("inside-with", INSIDE, "with mock", "context-managers"),
    case("inside-def-null", INSIDE, "def sync_all", None),
    case("inside-url-null", INSIDE, "url in urls", None),
]
