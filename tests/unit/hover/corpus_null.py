"""Places where pygloss has nothing to add: the hover must be ``null``."""

from __future__ import annotations

from tests.unit.hover.case import case

PLAIN = '''\
import os
import json as j

TIMEOUT = 30  # seconds; try not to change


def load(path, *, strict=False):
    """Load the file; is it there?"""
    with open(path, encoding="utf-8") as fh:
        data = j.load(fh)
    if strict and not data:
        raise ValueError(f"empty: {path}")
    total = sum(item["n"] for item in data)
    return {"total": total, "cwd": os.getcwd()}


class Loader:
    retries = 3

    def run(self, paths):
        out = []
        for p in paths:
            out.append(load(p))
        return out
'''

CASES = [
    case("blank-line", PLAIN, "\n\n\ndef load", None, delta=1),
    case("constant-name", PLAIN, "TIMEOUT", None),
    case("number", PLAIN, "30", None),
    case("comment-words", PLAIN, "try not", None),
    case("docstring-words", PLAIN, "is it there", None),
    case("def-keyword", PLAIN, "def load", None),
    case("function-name", PLAIN, "load(path", None),
    case("parameter", PLAIN, "path, *", None),
    case("keyword-only-star-null", PLAIN, "*, strict", None, delta=3),
    case("default-false", PLAIN, "False", None),
    case("open-call", PLAIN, "open(path", None),
    case("encoding-kwarg", PLAIN, "encoding=", None),
    case("aliased-module-call", PLAIN, "j.load", None, delta=2),
    case("if-keyword", PLAIN, "if strict", None),
    case("and-keyword", PLAIN, "and not", None),
    case("not-keyword", PLAIN, "not data", None),
    case("value-error", PLAIN, "ValueError", None),
    case("loop-variable", PLAIN, 'item["n"]', None),
    case("subscript-key", PLAIN, '["n"]', None, delta=2),
    case("return-keyword", PLAIN, "return {", None),
    case("dict-key", PLAIN, '"total"', None, delta=2),
    case("os-getcwd", PLAIN, "os.getcwd", None, delta=3),
    case("class-no-bases", PLAIN, "class Loader", None),
    case("class-attribute", PLAIN, "retries = 3", None),
    case("method-name", PLAIN, "def run", None, delta=4),
    case("self-param", PLAIN, "self, paths", None),
    case("empty-list", PLAIN, "out = []", None, delta=6),
    case("for-loop-keyword", PLAIN, "for p in paths", None),
    case("in-keyword", PLAIN, "in paths", None),
    case("end-of-file", PLAIN, "return out\n", None, delta=11),
]
