"""What `serve` keeps from one build for the next, and the fingerprints it is keyed by.

A fingerprint is a digest of a value as the engine's templates and exports receive it
(records, tables, texts): equal fingerprints mean equal values."""
from __future__ import annotations

import dataclasses
import hashlib
from typing import Callable, TypeVar

from pydantic import BaseModel

# A record's digest, by the record: a load reuses the records read before exactly so
# (loading/checker.py), and with them their digests. Each entry holds its record, so that no
# id() is reused while it stands.
_RECORD_DIGESTS: dict[int, tuple[object, bytes]] = {}
_RECORD_DIGESTS_SIZE = 200_000


def fingerprint(value: object) -> bytes:
    """A digest of `value` as templates receive it; a record's part is made once per record."""
    digest = hashlib.blake2b(digest_size=16)
    _feed(digest, value)
    return digest.digest()


def _feed(digest, value: object) -> None:
    if type(value) in _PLAIN or value is None:  # the most of them, first
        text = repr(value).encode("utf-8")
        digest.update(b"V%d:" % len(text) + text)
    elif isinstance(value, (list, tuple)):
        digest.update(b"[%d" % len(value))
        for item in value:
            _feed(digest, item)
    elif isinstance(value, dict):
        digest.update(b"{%d" % len(value))
        for key, item in value.items():
            _feed(digest, key)
            _feed(digest, item)
    elif isinstance(value, BaseModel) or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
        entry = _RECORD_DIGESTS.get(id(value))
        if entry is None or entry[0] is not value:
            if len(_RECORD_DIGESTS) >= _RECORD_DIGESTS_SIZE:
                _RECORD_DIGESTS.clear()
            entry = _RECORD_DIGESTS[id(value)] = (value, hashlib.blake2b(repr(value).encode("utf-8"), digest_size=16).digest())
        digest.update(b"R" + entry[1])
    else:
        text = repr(value).encode("utf-8")
        digest.update(b"V%d:" % len(text) + text)


_PLAIN = {str, int, bool, float}


# --- while serving ------------------------------------------------------------------------
#
# `serve` builds again after every edit, in one process: what was made from inputs that did not
# change is kept and used again (the items of a data file, validated records, record pages, a
# record's row in the open data). A build (`watwerkt build`) makes everything once and keeps
# nothing.

_KEEPING = [False]


def keep_between_builds() -> None:
    """From now on, what a build made is kept for the next (this process is `serve`)."""
    _KEEPING[0] = True


def keeping() -> bool:
    return _KEEPING[0]


T = TypeVar("T")
# What was made from one record (its row in the open data, its words for the text filter): by
# what it is and the record's id() (the entry holds the record), with a fingerprint of the rest.
_PER_RECORD: dict[str, dict[int, tuple[object, bytes, object]]] = {}
_ASKED: dict[str, set[int]] = {}  # what was asked for of each kind since the last build ended


def per_record(what: str, record: object, context: bytes, make: Callable[[], T]) -> T:
    """`make()`, which makes `what` from `record` and what `context` is the fingerprint of.
    While keeping, the value made before for the same record (a load reuses the records read
    before exactly so) and the same context."""
    if not _KEEPING[0]:
        return make()
    made = _PER_RECORD.setdefault(what, {})
    _ASKED.setdefault(what, set()).add(id(record))
    entry = made.get(id(record))
    if entry is not None and entry[0] is record and entry[1] == context:
        return entry[2]
    value = make()
    made[id(record)] = (record, context, value)
    return value


def build_ended() -> None:
    """A build succeeded: of each kind it asked for, forget what it did not ask for (the values
    of records since changed), so that memory holds one site's worth."""
    for what, asked in _ASKED.items():
        made = _PER_RECORD[what]
        for key in [key for key in made if key not in asked]:
            del made[key]
    _ASKED.clear()
