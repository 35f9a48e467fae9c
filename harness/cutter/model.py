"""The cut manifest: what a parse produces and what a reviewer approves.

Everything here is plain data plus the two hashing rules that the database side
recomputes in SQL (`content_hash`, `manifest_digest`). Keep those two formulas
exactly as written: a manifest digest approved by a reviewer must match the one
PostgreSQL computes for the same units.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

#: CONTRACT §5: upper-case letters and digits, groups joined by single hyphens.
DOC_CODE_RE = re.compile(r"[A-Z0-9]+(?:-[A-Z0-9]+)*")
#: CONTRACT §5 and the database CHECK on `information_unit.canonical_address`.
ADDRESS_RE = re.compile(r"[A-Z0-9]+(?:-[A-Z0-9]+)*(?:/[a-z]+_[a-z0-9]+)*")
#: One address segment below the document code: `<kind>_<number>`.
SEGMENT_RE = re.compile(r"(?P<kind>[a-z]+)_(?P<number>[a-z0-9]+)")

GRANULARITIES = ("article", "clause", "point")
PROFILES = ("auto", "vn", "en")


class CutterInputError(ValueError):
    """The source (or a manifest) cannot be cut into trustworthy units.

    `line` is the 1-based source line at fault when there is one; the message
    then starts with ``line N:`` so that an operator sees where to look.
    """

    def __init__(self, message: str, *, line: int | None = None, source_name: str | None = None) -> None:
        self.line = line
        self.reason = message
        self.source_name = source_name
        super().__init__(f"line {line}: {message}" if line is not None else message)


class UnitLimitExceeded(CutterInputError):
    """The source cuts into more units than the caller allows (``parse_document(max_units=)``).

    `count` is the exact number of units the cut would have produced, the document root
    included; `limit` is the `max_units` it exceeds. Raised only after the whole source was
    read, so every other `CutterInputError` of the source still comes first; the units beyond
    the limit were counted, never built.
    """

    def __init__(self, count: int, limit: int, *, source_name: str | None = None) -> None:
        self.count = count
        self.limit = limit
        super().__init__(f"the source cuts into {count} units, more than the limit of {limit}",
                         source_name=source_name)


def content_hash(body: str) -> str:
    """Lower-case hex SHA-256 of the UTF-8 bytes of the NFC form of `body` (CONTRACT §3)."""
    return hashlib.sha256(unicodedata.normalize("NFC", body).encode("utf-8")).hexdigest()


def manifest_digest(units: Iterable[Unit]) -> str:
    """SHA-256 hex of one ``address<TAB>content_hash<LF>`` line per unit, in order.

    This is the digest a reviewer approves; the database computes the same
    formula over the same (address, hash) pairs.
    """
    text = "".join(f"{u.canonical_address}\t{u.content_hash}\n" for u in units)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_valid_doc_code(doc_code: str) -> bool:
    return DOC_CODE_RE.fullmatch(doc_code) is not None


def is_valid_address(address: str) -> bool:
    return ADDRESS_RE.fullmatch(address) is not None


def parent_of(address: str) -> str | None:
    """The address minus its last segment; None only for the document root (``DOC-CODE``)."""
    head, sep, _ = address.rpartition("/")
    return head if sep else None


class Unit(NamedTuple):
    """One Information Unit: an addressable piece of the source, with its own text only.

    A named tuple rather than a frozen dataclass, like the parser's tokens: a cut builds one per
    unit, and a frozen dataclass sets each of its eleven fields through object.__setattr__
    (1.7 microseconds a unit, 0.17 s of a 100,000-unit parse, against 0.04 s).
    """

    canonical_address: str
    unit_kind: str
    number: str
    label: str
    title: str | None
    body: str
    content_hash: str
    parent_address: str | None
    ordinal: int
    line_start: int
    line_end: int

    def to_json(self) -> dict[str, Any]:
        return {
            "canonical_address": self.canonical_address,
            "unit_kind": self.unit_kind,
            "number": self.number,
            "label": self.label,
            "title": self.title,
            "body": self.body,
            "content_hash": self.content_hash,
            "parent_address": self.parent_address,
            "ordinal": self.ordinal,
            "line_start": self.line_start,
            "line_end": self.line_end,
        }


@dataclass(frozen=True, slots=True)
class Dropped:
    """A source line kept in no unit, and why (running header, page number, ...)."""

    line: int
    text: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """Something a reviewer should look at; the cut is still trustworthy."""

    line: int
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "message": self.message}


@dataclass(frozen=True, slots=True)
class CutManifest:
    """The result of a cut: units in document order, plus everything left out of them."""

    doc_code: str
    profile: str
    granularity: str
    source_sha256: str
    units: tuple[Unit, ...]
    dropped: tuple[Dropped, ...]
    warnings: tuple[ParseWarning, ...]
    manifest_sha256: str

    def counts_by_kind(self) -> dict[str, int]:
        """Number of units per kind, kinds in order of first appearance."""
        counts: dict[str, int] = {}
        for unit in self.units:
            counts[unit.unit_kind] = counts.get(unit.unit_kind, 0) + 1
        return counts

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_code": self.doc_code,
            "profile": self.profile,
            "granularity": self.granularity,
            "source_sha256": self.source_sha256,
            "manifest_sha256": self.manifest_sha256,
            "counts": self.counts_by_kind(),
            "units": [u.to_json() for u in self.units],
            "dropped": [d.to_json() for d in self.dropped],
            "warnings": [w.to_json() for w in self.warnings],
        }
