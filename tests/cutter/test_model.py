"""Hashes, digests, the JSON shape, and rebuilding a manifest from JSON."""

from __future__ import annotations

import copy
import hashlib
import json
import unicodedata

import pytest

from harness.cutter import (
    CutManifest,
    CutterInputError,
    Unit,
    content_hash,
    load_manifest_json,
    manifest_digest,
    parse_document,
)
from harness.cutter.model import parent_of

from .conftest import document_bytes

SOURCE = document_bytes("vn_structure.txt")


@pytest.fixture(scope="module")
def manifest() -> CutManifest:
    return parse_document(SOURCE, doc_code="VN-TEST", source_name="vn_structure.txt")


def test_content_hash_is_sha256_of_the_nfc_utf8_bytes() -> None:
    composed = "Điều 1. Quyền con người"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    expected = hashlib.sha256(composed.encode("utf-8")).hexdigest()
    assert content_hash(composed) == content_hash(decomposed) == expected


def test_manifest_digest_is_the_documented_formula(manifest: CutManifest) -> None:
    lines = "".join(f"{u.canonical_address}\t{u.content_hash}\n" for u in manifest.units)
    assert manifest_digest(manifest.units) == hashlib.sha256(lines.encode()).hexdigest()
    assert manifest.manifest_sha256 == manifest_digest(manifest.units)
    assert manifest.source_sha256 == hashlib.sha256(SOURCE).hexdigest()


def test_to_json_has_the_keys_the_cli_and_db_rely_on(manifest: CutManifest) -> None:
    data = json.loads(json.dumps(manifest.to_json(), ensure_ascii=False))
    assert {"doc_code", "profile", "granularity", "source_sha256", "manifest_sha256",
            "units", "dropped", "warnings", "counts"} <= set(data)  # fmt: skip
    assert set(data["units"][0]) >= {
        "canonical_address", "unit_kind", "body", "content_hash", "title",
        "parent_address", "ordinal", "line_start", "line_end",
    }  # fmt: skip
    assert set(data["dropped"][0]) == {"line", "text", "reason"}
    assert data["counts"] == manifest.counts_by_kind()
    assert data["counts"] == {
        "doc": 1, "preamble": 1, "part": 2, "chp": 3, "sec": 3, "art": 5, "para": 3, "point": 6,
    }  # fmt: skip
    assert data["units"][0]["canonical_address"] == "VN-TEST"
    assert (data["units"][0]["unit_kind"], data["units"][0]["parent_address"]) == ("doc", None)


def test_parent_of_is_the_address_minus_its_last_segment() -> None:
    assert parent_of("DOC/chp_1/art_2") == "DOC/chp_1"
    assert parent_of("DOC/chp_1") == "DOC"
    assert parent_of("VN-HP-2013/preamble_1") == "VN-HP-2013"
    assert parent_of("DOC") is None


def test_a_manifest_round_trips_through_json(manifest: CutManifest) -> None:
    data = json.loads(json.dumps(manifest.to_json()))
    assert load_manifest_json(data, doc_code="VN-TEST") == manifest
    assert load_manifest_json(data) == manifest
    assert load_manifest_json(manifest.to_json()) == manifest


@pytest.mark.parametrize(
    "source",
    [
        "Điều 1.\nNội dung.\n",  # no title: the synthetic root (lines 0, no title)
        "LUẬT\nTHỬ NGHIỆM\n\n---\n\nĐiều 1. Phạm vi\n1. Khoản một.\n",
        "# [Title](https://e.org)\n\n## [Preamble](u)\n\nWe the People.\n\n## 1. [Article I](u)\n\nText.\n",
    ],
)
def test_every_manifest_round_trips_exactly_root_included(source: str) -> None:
    manifest = parse_document(source, doc_code="RT-1")
    for data in (manifest.to_json(), json.loads(json.dumps(manifest.to_json(), ensure_ascii=False))):
        loaded = load_manifest_json(data)
        assert loaded == manifest
        assert loaded.units == manifest.units
        assert loaded.manifest_sha256 == manifest.manifest_sha256
        assert loaded.units[0].canonical_address == "RT-1"


def test_a_listed_root_is_kept_as_the_document_root() -> None:
    data = {
        "units": [
            {"canonical_address": "T", "unit_kind": "doc", "body": "LUẬT\n\nTHỬ NGHIỆM",
             "title": "LUẬT THỬ NGHIỆM", "line_start": 1, "line_end": 3},
            {"canonical_address": "T/art_1", "body": "Điều 1."},
        ]
    }  # fmt: skip
    loaded = load_manifest_json(data)
    assert loaded.doc_code == "T"
    assert loaded.units[0] == Unit(
        "T", "doc", "", "T", "LUẬT THỬ NGHIỆM", "LUẬT\n\nTHỬ NGHIỆM",
        content_hash("LUẬT\n\nTHỬ NGHIỆM"), None, 1, 1, 3,
    )  # fmt: skip
    assert (loaded.units[1].parent_address, loaded.units[1].ordinal) == ("T", 2)
    assert loaded.counts_by_kind() == {"doc": 1, "art": 1}


def test_a_minimal_manifest_is_rebuilt_with_recomputed_hashes() -> None:
    body = unicodedata.normalize("NFD", "Điều 1. Phạm vi")
    data = {
        "units": [
            {"canonical_address": "ICX-CONST/chp_1", "unit_kind": "chp", "body": "Chương I",
             "title": "CHUNG"},
            {"canonical_address": "ICX-CONST/chp_1/art_1", "unit_kind": "art", "body": body},
        ]
    }  # fmt: skip
    loaded = load_manifest_json(data, doc_code=None)
    assert loaded.doc_code == "ICX-CONST"
    assert loaded.units[0] == Unit(
        "ICX-CONST", "doc", "", "ICX-CONST", None, "ICX-CONST",
        hashlib.sha256(b"ICX-CONST").hexdigest(), None, 1, 0, 0,
    )  # fmt: skip  # the synthetic root: no title block listed
    chapter, article = loaded.units[1:]
    assert (chapter.parent_address, chapter.ordinal, chapter.title) == ("ICX-CONST", 2, "CHUNG")
    assert article.body == unicodedata.normalize("NFC", body)
    assert article.content_hash == content_hash(body)
    assert (article.parent_address, article.number, article.ordinal) == ("ICX-CONST/chp_1", "1", 3)
    assert loaded.manifest_sha256 == manifest_digest(loaded.units)
    assert loaded.counts_by_kind() == {"doc": 1, "chp": 1, "art": 1}


def _units(*addresses: str) -> dict:
    return {"units": [{"canonical_address": a, "body": f"text of {a}"} for a in addresses]}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_units("T/art_1", "T/art_1/para_x!"), "unit 2: canonical_address"),
        (_units("T/art_1/para_1"), "unit 1 (T/art_1/para_1): parent T/art_1 is not listed"),
        (_units("T/art_1/para_1", "T/art_1"), "parent T/art_1 is not listed before it"),
        (_units("T/art_1", "T/art_1"), "unit 2 (T/art_1): repeats the address of unit 1"),
        (_units("T/art_1", "U/art_2"), "unit 2 (U/art_2): address is not a unit of document T"),
        ({"units": [{"canonical_address": "T/art_1", "unit_kind": "chp", "body": "x"}]},
         "unit_kind 'chp' disagrees"),
        ({"units": [{"canonical_address": "T/art_1", "body": "  "}]}, "body must be non-empty"),
        ({"units": [{"canonical_address": "T/art_1", "body": "x", "content_hash": "0" * 64}]},
         "content_hash does not match"),
        ({**_units("T/art_1"), "manifest_sha256": "0" * 64}, "manifest_sha256"),
        ({**_units("T/art_1"), "doc_code": "U"}, "the manifest is for document 'U', not 'T'"),
        ({"units": []}, "non-empty 'units'"),
        ({"units": ["T/art_1"]}, "unit 1: must be a JSON object"),
        (_units("T/art_1", "T"), "unit 1 (T/art_1): parent T is not listed before it"),
        (_units("T", "T/art_1", "T"), "unit 3 (T): repeats the address of unit 1"),
        ({"units": [{"canonical_address": "T", "unit_kind": "art", "body": "x"}]},
         "unit 1 (T): unit_kind 'art' disagrees with the address (doc)"),
        (_units("T", "T/doc_1"), "unit 2 (T/doc_1): unit kind 'doc' is the document root's alone"),
        ({"units": [{"canonical_address": "T", "body": " "}]}, "unit 1 (T): body must be non-empty"),
    ],
)  # fmt: skip
def test_invalid_manifests_are_refused_naming_the_unit(data: dict, message: str) -> None:
    with pytest.raises(CutterInputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_manifest_json(data, doc_code="T")


def test_a_tampered_body_is_caught_by_the_stated_hash(manifest: CutManifest) -> None:
    data = copy.deepcopy(manifest.to_json())
    data["units"][5]["body"] += " (sửa)"
    with pytest.raises(CutterInputError, match=r"unit 6 \(VN-TEST/part_1/chp_1/sec_1/art_1\)"):
        load_manifest_json(data, doc_code="VN-TEST")


def test_a_tampered_root_body_is_caught_by_the_stated_hash(manifest: CutManifest) -> None:
    data = copy.deepcopy(manifest.to_json())
    data["units"][0]["body"] += " (sửa)"
    with pytest.raises(CutterInputError, match=r"unit 1 \(VN-TEST\): content_hash does not match"):
        load_manifest_json(data, doc_code="VN-TEST")


def test_the_manifest_digest_covers_the_root(manifest: CutManifest) -> None:
    root = manifest.units[0]
    assert root.canonical_address == "VN-TEST"
    lines = "".join(f"{u.canonical_address}\t{u.content_hash}\n" for u in manifest.units)
    assert lines.startswith(f"VN-TEST\t{root.content_hash}\n")
    assert manifest.manifest_sha256 == hashlib.sha256(lines.encode()).hexdigest()
    assert manifest.manifest_sha256 != manifest_digest(manifest.units[1:])
    # a different title block changes the root alone, and so the digest
    retitled = SOURCE.replace("THỬ NGHIỆM CẮT VĂN BẢN".encode(), "THỬ NGHIỆM KHÁC".encode(), 1)
    other = parse_document(retitled, doc_code="VN-TEST")
    assert other.units[1:] == manifest.units[1:]
    assert other.units[0].body != root.body
    assert other.manifest_sha256 != manifest.manifest_sha256
    # a stated digest that leaves the root out is refused
    data = copy.deepcopy(manifest.to_json())
    data["manifest_sha256"] = manifest_digest(manifest.units[1:])
    with pytest.raises(CutterInputError, match="manifest_sha256"):
        load_manifest_json(data)


def test_a_synthetic_root_counts_in_the_digest_of_a_minimal_manifest() -> None:
    data = _units("T/art_1")
    loaded = load_manifest_json(data)
    assert [u.canonical_address for u in loaded.units] == ["T", "T/art_1"]
    assert loaded.manifest_sha256 == manifest_digest(loaded.units) != manifest_digest(loaded.units[1:])
    with pytest.raises(CutterInputError, match="manifest_sha256"):
        load_manifest_json({**data, "manifest_sha256": manifest_digest(loaded.units[1:])})
    stated = load_manifest_json({**data, "manifest_sha256": loaded.manifest_sha256})
    assert (stated.units, stated.manifest_sha256) == (loaded.units, loaded.manifest_sha256)


def test_a_manifest_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(CutterInputError, match="JSON object"):
        load_manifest_json(["T/art_1"], doc_code="T")  # type: ignore[arg-type]


def test_a_title_block_of_bare_heading_marks_gives_a_root_without_a_title() -> None:
    manifest = parse_document(b"#\n\n##\n\nArticle 1\n\nText.\n", doc_code="T")
    root = manifest.units[0]
    assert (root.body, root.title, root.line_start, root.line_end) == ("#\n\n##", None, 1, 3)
