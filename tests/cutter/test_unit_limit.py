"""parse_document(max_units=...): within the bound the cut is exactly the unbounded one; past
it the parser counts the rest without building it and refuses with the exact count."""

from __future__ import annotations

import contextlib
import tracemalloc

import pytest

from harness.cutter import CutterInputError, UnitLimitExceeded, parse_document

from .conftest import CORPUS_FILES, DOCUMENTS, corpus_bytes, document_bytes

HAND_WRITTEN = sorted(path.name for path in DOCUMENTS.iterdir() if path.is_file())


def _sources() -> list[str]:
    return HAND_WRITTEN + sorted(CORPUS_FILES)  # corpus files skip when the corpus is absent


def _read(name: str) -> bytes:
    return document_bytes(name) if name in HAND_WRITTEN else corpus_bytes(name)


@pytest.mark.parametrize("granularity", ["article", "clause", "point"])
@pytest.mark.parametrize("name", _sources())
def test_the_bound_changes_nothing_within_it_and_counts_exactly_past_it(name: str, granularity: str) -> None:
    source = _read(name)
    unbounded = parse_document(source, doc_code="LIMIT", granularity=granularity)
    count = len(unbounded.units)
    for bound in (count, count + 1, 10 * count):
        assert parse_document(source, doc_code="LIMIT", granularity=granularity, max_units=bound) == unbounded
    for bound in sorted({1, 2, count // 2 or 1, count - 1} - {0, count}):
        with pytest.raises(UnitLimitExceeded) as caught:
            parse_document(source, doc_code="LIMIT", granularity=granularity, max_units=bound,
                           source_name=name)
        error = caught.value
        assert (error.count, error.limit, error.source_name) == (count, bound, name)
        assert isinstance(error, CutterInputError) and error.line is None
        assert str(error) == f"the source cuts into {count} units, more than the limit of {bound}"


def _articles(count: int, *, then: str = "") -> str:
    return "Law\n\n" + "".join(f"Article {i}.\nText {i}.\n\n" for i in range(1, count + 1)) + then


def test_a_source_failing_past_the_bound_fails_as_it_does_without_it() -> None:
    source = _articles(50, then="Article 7.\nAgain.\n")
    with pytest.raises(CutterInputError) as unbounded:
        parse_document(source, doc_code="T")
    with pytest.raises(CutterInputError) as bounded:
        parse_document(source, doc_code="T", max_units=10)
    assert type(bounded.value) is CutterInputError
    assert (str(bounded.value), bounded.value.line) == (str(unbounded.value), unbounded.value.line)
    assert "would repeat address T/art_7" in str(bounded.value)


def test_warnings_past_the_bound_do_not_change_the_count() -> None:
    source = _articles(20) + "".join(f"Article {i}.\nOut of sequence.\n\n" for i in range(40, 60, 2))
    unbounded = parse_document(source, doc_code="T")
    assert unbounded.warnings
    with pytest.raises(UnitLimitExceeded) as caught:
        parse_document(source, doc_code="T", max_units=5)
    assert caught.value.count == len(unbounded.units) == 31


@pytest.mark.parametrize("bound", [0, -1, 1.5, "10", True])
def test_the_bound_must_be_a_positive_integer(bound: object) -> None:
    with pytest.raises(CutterInputError, match="max_units must be a positive integer"):
        parse_document(_articles(3), doc_code="T", max_units=bound)  # type: ignore[arg-type]


def _peak(source: bytes, **options: object) -> int:
    tracemalloc.start()
    try:
        with contextlib.suppress(UnitLimitExceeded):
            parse_document(source, doc_code="T", **options)  # type: ignore[arg-type]
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_units_past_the_bound_are_counted_not_built() -> None:
    source = _articles(5_000).encode()
    assert _peak(source, max_units=100) < 0.75 * _peak(source)
