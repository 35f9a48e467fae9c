"""Akoma Ntoso eIds map into our address grammar (docs/addressing.md)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from harness.cutter import CutterInputError, akn_eid_to_segments
from harness.cutter.parser import UNIT_KINDS

from .conftest import corpus_bytes
from .invariants import ADDRESS

AKN_FILES = ("akn_example_1.xml", "akn_example_2.xml")
UNIT_ELEMENTS = {
    "part", "title", "chapter", "section", "subsection", "article", "paragraph", "point",
    "recital", "preamble",
}  # fmt: skip
ADDRESSING_DOC = Path(__file__).resolve().parents[2] / "docs" / "addressing.md"


def elements_with_eids(name: str) -> list[tuple[ET.Element, str, ET.Element | None]]:
    """(element, eId, nearest unit ancestor) for every element that has an eId."""
    root = ET.fromstring(corpus_bytes(name))
    found: list[tuple[ET.Element, str, ET.Element | None]] = []

    def walk(element: ET.Element, unit: ET.Element | None) -> None:
        eid = element.get("eId")
        if eid is not None:
            found.append((element, eid, unit))
        inner = element if local_name(element) in UNIT_ELEMENTS else unit
        for child in element:
            walk(child, inner)

    walk(root, None)
    return found


def local_name(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


@pytest.mark.parametrize("name", AKN_FILES)
def test_every_unit_eid_maps_into_our_address_grammar(name: str) -> None:
    units = [eid for e, eid, _ in elements_with_eids(name) if local_name(e) in UNIT_ELEMENTS]
    assert len(units) > 10
    for eid in units:
        segments = akn_eid_to_segments(eid)
        assert ADDRESS.match("AKN/" + "/".join(segments)), eid
        assert segments[-1].split("_")[0] in UNIT_KINDS, eid
        wrappers = sum(part.split("_")[0] in ("list", "recs", "cits") for part in eid.split("__"))
        assert len(segments) == len(eid.split("__")) - wrappers, eid


def test_text_inside_a_unit_maps_to_that_unit_only_when_asked() -> None:
    checked = 0
    everything = [found for name in AKN_FILES for found in elements_with_eids(name)]
    for element, eid, unit in everything:
        if local_name(element) in UNIT_ELEMENTS or unit is None:
            continue
        unit_eid = unit.get("eId")
        if unit_eid is None or not eid.startswith(unit_eid + "__"):
            continue
        with pytest.raises(CutterInputError):
            akn_eid_to_segments(eid)
        assert akn_eid_to_segments(eid, enclosing=True) == akn_eid_to_segments(unit_eid), eid
        checked += 1
    assert checked > 0


@pytest.mark.parametrize(
    ("eid", "segments"),
    [
        ("art_1__para_1", ["art_1", "para_1"]),
        ("art_2__list_1__point_a", ["art_2", "point_a"]),
        ("art_6__para_2__list_1__point_h", ["art_6", "para_2", "point_h"]),
        ("sec_303__subsec_a", ["sec_303", "subsec_a"]),
        ("sec_305__para_1", ["sec_305", "para_1"]),
        ("chp_I", ["chp_1"]),
        ("chp_3", ["chp_3"]),
        ("recs_1__rec_12", ["rct_12"]),
        ("preamble", ["preamble_1"]),
        ("art_4__point_16__list_1__point_a", ["art_4", "point_16", "subpoint_a"]),
        ("art_3__para_2__point_(đ)", ["art_3", "para_2", "point_dd"]),
        ("art_12a__para_1.", ["art_12a", "para_1"]),
    ],
)
def test_documented_mappings(eid: str, segments: list[str]) -> None:
    assert akn_eid_to_segments(eid) == segments


@pytest.mark.parametrize("eid", ["tblock_2.2__list_1__item_1", "recs_1__intro", "cits_1__cit_1", "art_"])
def test_eids_outside_every_unit_are_refused(eid: str) -> None:
    with pytest.raises(CutterInputError):
        akn_eid_to_segments(eid, enclosing=True)


def test_the_addressing_doc_names_every_unit_kind() -> None:
    text = ADDRESSING_DOC.read_text(encoding="utf-8")
    for kind in (*UNIT_KINDS, "doc"):  # "doc": the document root, address = the document code
        assert re.search(rf"`{kind}(_N)?`", text), f"docs/addressing.md does not document {kind}"
