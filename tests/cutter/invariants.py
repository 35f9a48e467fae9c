"""Checks every manifest must pass, written independently of the parser's code.

`assert_sound(manifest, source, doc_code)` re-derives from the raw source what the
manifest claims: the address grammar (the database CHECK, copied here on purpose),
exactly one document root, first, parents before children, the hash formulas, and
lossless accounting: every non-blank source line is in exactly one unit body or one
dropped entry, each body is its source lines verbatim (blank lines included, dropped
lines excluded), and the bodies and dropped texts in source order spell the NFC
source, whitespace aside. The one unit not taken from the source is a root with no
title block (line_start = line_end = 0, body = the document code): it contributes no
source text and stays out of the accounting.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from harness.cutter import CutManifest, Unit

# CONTRACT §5 / the database CHECK on information_unit.canonical_address.
ADDRESS = re.compile(r"^[A-Z0-9]+(-[A-Z0-9]+)*(/[a-z]+_[a-z0-9]+)*$")
DOC_CODE = re.compile(r"^[A-Z0-9]+(-[A-Z0-9]+)*$")


def nfc_lines(source: bytes | str) -> list[str]:
    """The source as the cutter must see it: NFC, split on LF, right-stripped."""
    text = source.decode("utf-8") if isinstance(source, bytes) else source
    text = unicodedata.normalize("NFC", text.removeprefix("\ufeff"))
    return [line.rstrip() for line in text.split("\n")]


def non_whitespace(text: str) -> str:
    return "".join(text.split())


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_synthetic_root(unit: Unit) -> bool:
    """The root of a source without a title block: taken from no source line."""
    return unit.unit_kind == "doc" and unit.line_start == 0


def assert_sound(manifest: CutManifest, source: bytes | str, doc_code: str) -> None:
    assert manifest.doc_code == doc_code and DOC_CODE.match(doc_code)
    raw = source if isinstance(source, bytes) else source.encode("utf-8")
    assert manifest.source_sha256 == hashlib.sha256(raw).hexdigest()
    _assert_root(manifest, doc_code)
    _assert_addresses(manifest, doc_code)
    _assert_hashes(manifest)
    _assert_lossless(manifest, nfc_lines(source))


def _assert_root(manifest: CutManifest, doc_code: str) -> None:
    """Exactly one root, first: the document itself, parent of every top-level unit."""
    roots = [u for u in manifest.units if u.canonical_address == doc_code or u.unit_kind == "doc"]
    assert roots == [manifest.units[0]], "exactly one document root, first"
    root = roots[0]
    assert (root.canonical_address, root.unit_kind, root.number) == (doc_code, "doc", "")
    assert (root.label, root.parent_address, root.ordinal) == (doc_code, None, 1)
    if is_synthetic_root(root):
        assert (root.body, root.title, root.line_end) == (doc_code, None, 0)
    else:
        title_lines = [line for line in root.body.split("\n") if line.strip()]
        pieces = (line.strip().lstrip("#").strip() for line in title_lines)
        title = " ".join(piece for piece in pieces if piece)
        assert root.title == (title or None)
        assert 1 <= root.line_start <= root.line_end
    assert all(d.reason != "document title" for d in manifest.dropped), "the title block is the root's"


def _assert_addresses(manifest: CutManifest, doc_code: str) -> None:
    seen = {doc_code}
    for ordinal, unit in enumerate(manifest.units[1:], start=2):
        address = unit.canonical_address
        assert ADDRESS.match(address), address
        assert address.startswith(doc_code + "/"), address
        assert address not in seen, f"duplicate {address}"
        head, last = address.rsplit("/", 1)
        kind, number = last.split("_", 1)
        assert (unit.unit_kind, unit.number) == (kind, number), address
        assert kind != "doc", address
        assert unit.parent_address == head, address
        assert head in seen, f"{address} before its parent"
        assert unit.ordinal == ordinal
        assert 1 <= unit.line_start <= unit.line_end, address
        seen.add(address)
    counts = manifest.counts_by_kind()
    assert sum(counts.values()) == len(manifest.units)
    assert counts["doc"] == 1


def _assert_hashes(manifest: CutManifest) -> None:
    for unit in manifest.units:
        assert unit.body == unicodedata.normalize("NFC", unit.body)
        assert unit.content_hash == sha256_hex(unicodedata.normalize("NFC", unit.body))
    digest_input = "".join(f"{u.canonical_address}\t{u.content_hash}\n" for u in manifest.units)
    assert manifest.manifest_sha256 == sha256_hex(digest_input)


def _assert_lossless(manifest: CutManifest, lines: list[str]) -> None:
    dropped_at: dict[int, str] = {}
    pieces: list[tuple[int, str]] = []
    for entry in manifest.dropped:
        assert entry.line not in dropped_at, f"line {entry.line} dropped twice"
        assert entry.text == lines[entry.line - 1] and entry.text.strip(), entry
        assert entry.reason
        dropped_at[entry.line] = entry.reason
        pieces.append((entry.line, entry.text))
    previous_end = 0
    for unit in manifest.units:
        if is_synthetic_root(unit):
            continue  # its body is the document code, from no source line
        assert unit.line_start > previous_end, f"{unit.canonical_address} overlaps its predecessor"
        owned = [
            n
            for n in range(unit.line_start, unit.line_end + 1)
            if n not in dropped_at and lines[n - 1].strip()
        ]
        body_lines = [line for line in unit.body.split("\n") if line.strip()]
        assert body_lines == [lines[n - 1] for n in owned], unit.canonical_address
        verbatim = [lines[n - 1] for n in range(unit.line_start, unit.line_end + 1) if n not in dropped_at]
        assert unit.body == "\n".join(verbatim), f"{unit.canonical_address}: body is not its source lines"
        assert unit.line_start in owned and unit.line_end in owned, unit.canonical_address
        pieces.extend(zip(owned, body_lines, strict=True))
        previous_end = unit.line_end
    covered = sorted(n for n, _ in pieces)
    assert covered == [n for n, line in enumerate(lines, start=1) if line.strip()]
    in_order = "".join(text for _, text in sorted(pieces))
    assert non_whitespace(in_order) == non_whitespace("\n".join(lines))
