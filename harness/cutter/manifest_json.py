"""Rebuilding a `CutManifest` from a ``.json`` cut manifest (`iu-cutter plan SOURCE.json`).

The JSON is either what `CutManifest.to_json` wrote or a minimal hand-made one::

    {"doc_code": "ICX-CONST",
     "units": [{"canonical_address": "ICX-CONST/chp_1", "unit_kind": "chp",
                "body": "Chương I. ...", "title": "..."}, ...]}

Like a parse, the result always starts with the document root (address = the document
code, kind ``doc``): the one the JSON lists, or, when it lists none, the root of a
source without a title block (body = the document code, lines 0, no title).

Nothing in it is trusted: addresses are checked against the grammar, parents must
come before their children (a top-level unit's parent is the root), hashes and the
manifest digest are recomputed from the bodies, and a hash or digest the file does
state must match what it recomputes. Errors name a unit by its position in the
JSON ``units`` list.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from .model import (
    ADDRESS_RE,
    GRANULARITIES,
    SEGMENT_RE,
    CutManifest,
    CutterInputError,
    Dropped,
    ParseWarning,
    Unit,
    content_hash,
    is_valid_doc_code,
    manifest_digest,
    parent_of,
)

_SHA256 = re.compile(r"[0-9a-f]{64}")
#: The unit kind of the document root, whose address is the bare document code.
ROOT_KIND = "doc"


def load_manifest_json(
    data: Mapping[str, Any],
    *,
    doc_code: str | None = None,
    source_sha256: str | None = None,
) -> CutManifest:
    """A validated `CutManifest` from parsed manifest JSON.

    `doc_code` defaults to the manifest's own ``doc_code`` (and must agree with it
    when both are given). `source_sha256` is the SHA-256 of the manifest file as
    read; without it the manifest's stated ``source_sha256`` is kept, or else the
    digest of the manifest's canonical JSON encoding is used.
    Raises `CutterInputError` naming the offending unit.
    """
    if not isinstance(data, Mapping):
        raise CutterInputError("a cut manifest must be a JSON object")
    raw_units = data.get("units")
    if not isinstance(raw_units, list) or not raw_units:
        raise CutterInputError("a cut manifest needs a non-empty 'units' list")
    code = _doc_code(data, doc_code, raw_units)
    units: list[Unit] = []
    seen: dict[str, int] = {}  # address -> position in the JSON list
    if not any(isinstance(item, Mapping) and item.get("canonical_address") == code for item in raw_units):
        units.append(_synthetic_root(code))
        seen[code] = 0
    for position, item in enumerate(raw_units, start=1):
        unit = _unit(item, position, len(units) + 1, code, seen)
        seen[unit.canonical_address] = position
        units.append(unit)
    digest = manifest_digest(units)
    stated = data.get("manifest_sha256")
    if stated is not None and stated != digest:
        raise CutterInputError(f"manifest_sha256 {stated!r} does not match the units (recomputed {digest})")
    granularity = data.get("granularity")
    return CutManifest(
        doc_code=code,
        profile=_text(data.get("profile"), "manifest"),
        granularity=granularity if granularity in GRANULARITIES else "point",
        source_sha256=source_sha256 or _source_sha256(data),
        units=tuple(units),
        dropped=tuple(_dropped(data.get("dropped"))),
        warnings=tuple(_warnings(data.get("warnings"))),
        manifest_sha256=digest,
    )


def _doc_code(data: Mapping[str, Any], doc_code: str | None, raw_units: list[Any]) -> str:
    stated = data.get("doc_code")
    if doc_code is not None and stated is not None and stated != doc_code:
        raise CutterInputError(f"the manifest is for document {stated!r}, not {doc_code!r}")
    code = doc_code or stated
    if code is None:
        first = raw_units[0]
        address = first.get("canonical_address") if isinstance(first, Mapping) else None
        code = address.split("/", 1)[0] if isinstance(address, str) else None
    if not isinstance(code, str) or not is_valid_doc_code(code):
        raise CutterInputError(f"document code {code!r} is not valid (e.g. VN-HP-2013)")
    return code


def _synthetic_root(code: str) -> Unit:
    """The root of a document whose manifest lists none: what a parse gives a source
    without a title block (body = the document code, from no source line)."""
    return Unit(
        canonical_address=code,
        unit_kind=ROOT_KIND,
        number="",
        label=code,
        title=None,
        body=code,
        content_hash=content_hash(code),
        parent_address=None,
        ordinal=1,
        line_start=0,
        line_end=0,
    )


def _unit(item: Any, position: int, ordinal: int, code: str, seen: dict[str, int]) -> Unit:
    """The unit listed at `position` (1-based) of the JSON list, `ordinal` in the manifest."""
    where = f"unit {position}"
    if not isinstance(item, Mapping):
        raise CutterInputError(f"{where}: must be a JSON object")
    address = item.get("canonical_address")
    if not isinstance(address, str) or ADDRESS_RE.fullmatch(address) is None:
        raise CutterInputError(f"{where}: canonical_address {address!r} is not a valid address")
    where = f"unit {position} ({address})"
    if address == code:
        kind, number, parent = ROOT_KIND, "", None
    elif address.startswith(code + "/"):
        segment = SEGMENT_RE.fullmatch(address.rsplit("/", 1)[1])
        assert segment is not None  # guaranteed by ADDRESS_RE
        kind, number, parent = segment["kind"], segment["number"], parent_of(address)
        if kind == ROOT_KIND:
            raise CutterInputError(f"{where}: unit kind {ROOT_KIND!r} is the document root's alone")
    else:
        raise CutterInputError(f"{where}: address is not a unit of document {code}")
    if item.get("unit_kind", kind) != kind:
        raise CutterInputError(
            f"{where}: unit_kind {item.get('unit_kind')!r} disagrees with the address ({kind})"
        )
    if address in seen:
        raise CutterInputError(f"{where}: repeats the address of unit {seen[address]}")
    if parent is not None and parent not in seen:
        raise CutterInputError(f"{where}: parent {parent} is not listed before it")
    body = item.get("body")
    if not isinstance(body, str) or not body.strip():
        raise CutterInputError(f"{where}: body must be non-empty text")
    _plain_text(body, "body", where)
    body = unicodedata.normalize("NFC", body)
    digest = content_hash(body)
    stated = item.get("content_hash")
    if stated is not None and stated != digest:
        raise CutterInputError(f"{where}: content_hash does not match its body ({digest})")
    title = item.get("title")
    if title is not None and not isinstance(title, str):
        raise CutterInputError(f"{where}: title must be text or null")
    if title is not None:
        _plain_text(title, "title", where)
    return Unit(
        canonical_address=address,
        unit_kind=kind,
        number=number,
        label=item["label"] if isinstance(item.get("label"), str) else (number or code),
        title=title,
        body=body,
        content_hash=digest,
        parent_address=parent,
        ordinal=ordinal,
        line_start=_line(item.get("line_start"), where),
        line_end=_line(item.get("line_end"), where),
    )


def _line(value: Any, where: str) -> int:
    """A stated source line, or 0 when the manifest does not say."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CutterInputError(f"{where}: line numbers must be non-negative integers")
    return value


def _text(value: Any, default: str) -> str:
    return value if isinstance(value, str) and value else default


def _dropped(raw: Any) -> list[Dropped]:
    entries = []
    for index, item in enumerate(_list(raw, "dropped"), start=1):
        if not (
            isinstance(item, Mapping)
            and isinstance(item.get("text"), str)
            and isinstance(item.get("reason"), str)
        ):
            raise CutterInputError(f"dropped entry {index} needs line, text and reason")
        entries.append(Dropped(_line(item.get("line"), f"dropped entry {index}"),
                               item["text"], item["reason"]))  # fmt: skip
    return entries


def _warnings(raw: Any) -> list[ParseWarning]:
    entries = []
    for index, item in enumerate(_list(raw, "warnings"), start=1):
        if not (isinstance(item, Mapping) and isinstance(item.get("message"), str)):
            raise CutterInputError(f"warning {index} needs line and message")
        entries.append(ParseWarning(_line(item.get("line"), f"warning {index}"), item["message"]))
    return entries


def _list(raw: Any, name: str) -> list[Any]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise CutterInputError(f"'{name}' must be a list")
    return raw


def _source_sha256(data: Mapping[str, Any]) -> str:
    stated = data.get("source_sha256")
    if isinstance(stated, str) and _SHA256.fullmatch(stated):
        return stated
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def _plain_text(text: str, field: str, where: str) -> None:
    """Text PostgreSQL can store: valid Unicode (no lone surrogate) and no NUL character."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise CutterInputError(f"{where}: {field} is not valid Unicode text") from None
    if "\x00" in text:
        raise CutterInputError(f"{where}: {field} contains a NUL character")
