"""parse_document pauses Python's cyclic garbage collector while it cuts and hands it back with no
collection due: the objects of the cut go to the oldest generation, not through a collection
that would scan each of them and find it alive."""

from __future__ import annotations

import gc
from collections.abc import Callable

import pytest

from harness.cutter import CutterInputError, UnitLimitExceeded, parse_document


def _law(articles: int) -> bytes:
    lines = ["# Law of the Collector", ""]
    for a in range(1, articles + 1):
        if a % 100 == 1:
            lines += [f"## Chapter {a // 100 + 1}. Part {a // 100 + 1}", ""]
        lines += [f"### Article {a}. Matter {a}", "", f"1. Everyone has right number {a}.",
                  f"2. The law on matter {a} governs how it is exercised.", ""]
    return "\n".join(lines).encode("utf-8")


def _collections_during(action: Callable[[], None]) -> list[int]:
    """The generations of the collections that start while `action` runs."""
    started: list[int] = []

    def watch(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.collect()  # no count left over from before: what starts below, the action brought on
    gc.callbacks.append(watch)
    try:
        action()
    finally:
        gc.callbacks.remove(watch)
    return started


def test_a_parse_runs_no_collection_and_leaves_none_due() -> None:
    source = _law(3000)
    parsed = []

    def parse_then_allocate() -> None:
        parsed.append(parse_document(source, doc_code="GC"))
        for _ in range(20):  # tracked objects: the first would start a collection that was due
            parsed.append([[]])

    assert gc.isenabled()
    assert _collections_during(parse_then_allocate) == []
    assert gc.isenabled()
    assert len(parsed[0].units) == 1 + 30 + 3000 * 3


def test_a_refused_source_hands_the_collector_back_too() -> None:
    with pytest.raises(UnitLimitExceeded):
        parse_document(_law(50), doc_code="GC", max_units=10)
    assert gc.isenabled()
    with pytest.raises(CutterInputError):
        parse_document(b"\xff\xfe not UTF-8 \xc3", doc_code="GC")
    assert gc.isenabled()


def test_a_caller_that_paused_the_collector_finds_it_paused() -> None:
    gc.disable()
    try:
        parse_document(_law(20), doc_code="GC")
        assert not gc.isenabled()
    finally:
        gc.enable()
