"""Bad input fails with CutterInputError naming the line; doubtful input warns."""

from __future__ import annotations

import pytest

from harness.cutter import CutterInputError, parse_document


def cut(source: bytes | str, **options: str):
    return parse_document(source, doc_code="T", **options)


def error_for(source: bytes | str, **options: str) -> CutterInputError:
    with pytest.raises(CutterInputError) as caught:
        cut(source, **options)
    return caught.value


def test_non_utf8_bytes_name_the_line_of_the_first_bad_byte() -> None:
    error = error_for(b"Article 1\n\nGood text.\nBad \xff byte \xfe here.\n")
    assert error.line == 4
    assert str(error).startswith("line 4: not UTF-8: byte 0xff at column 5")


def test_a_truncated_multibyte_sequence_is_not_utf8() -> None:
    error = error_for("Điều 1.\nNội dung".encode()[:-1] + b"\xe1\xbb")
    assert error.line == 2


@pytest.mark.parametrize("source", [b"", b"   \n\t\n  ", "\ufeff".encode(), "", " \u3000 "])
def test_empty_or_whitespace_only_sources_are_refused(source: bytes | str) -> None:
    error = error_for(source)
    assert error.line is None
    assert "empty" in str(error)


def test_text_without_structure_is_refused() -> None:
    error = error_for(b"Just a letter to a friend.\nNothing legal in it.\n")
    assert "no recognisable structure" in str(error)


def test_nul_characters_are_refused_with_their_line() -> None:
    assert error_for(b"Article 1\nText\x00 here\n").line == 2


def test_a_lone_surrogate_in_a_str_source_is_refused_with_its_line() -> None:
    assert error_for("Article 1\n\nText \ud800\n").line == 3


@pytest.mark.parametrize("doc_code", ["", "vn-hp", "VN_HP", "VN--HP", "-VN", "VN-", "VN HP", "ĐIỀU"])
def test_invalid_document_codes_are_refused(doc_code: str) -> None:
    with pytest.raises(CutterInputError, match="document code"):
        parse_document(b"Article 1\n\nText.\n", doc_code=doc_code)


def test_unknown_profile_or_granularity_is_refused() -> None:
    with pytest.raises(CutterInputError, match="profile"):
        cut(b"Article 1\n", profile="fr")
    with pytest.raises(CutterInputError, match="granularity"):
        cut(b"Article 1\n", granularity="sentence")


def test_a_repeated_article_names_both_lines() -> None:
    error = error_for("Điều 1.\nMột.\nĐiều 2.\nHai.\nĐiều 1.\nBa.\n".encode())
    assert error.line == 5
    assert str(error) == "line 5: article 1 would repeat address T/art_1, already cut from line 1"


def test_an_earlier_article_number_in_the_same_chapter_is_a_duplicate() -> None:
    error = error_for("Điều 5.\nA.\nĐiều 6.\nB.\nĐiều 7.\nC.\nĐiều 5.\nD.\n")
    assert (error.line, "already cut from line 1" in str(error)) == (7, True)


def test_a_repeated_clause_is_a_duplicate() -> None:
    error = error_for("Điều 1.\n1. Một.\n2. Hai.\n1. Lại một.\n")
    assert error.line == 4
    assert "T/art_1/para_1" in str(error)


def test_a_gap_in_article_numbers_is_a_warning() -> None:
    manifest = cut("Điều 1. Một\nNội dung.\nĐiều 3. Ba\nNội dung.\n")
    assert [u.canonical_address for u in manifest.units] == ["T", "T/art_1", "T/art_3"]
    assert [(w.line, w.message) for w in manifest.warnings] == [
        (3, "line 3: article 3 follows article 1: numbering gap")
    ]


def test_an_article_out_of_sequence_with_a_distinct_address_is_a_warning() -> None:
    manifest = cut("Chương I\nMỘT\nĐiều 1.\nA.\nĐiều 2.\nB.\nĐiều 3.\nC.\nChương II\nHAI\nĐiều 2.\nD.\n")
    assert [u.canonical_address for u in manifest.units][-1] == "T/chp_2/art_2"
    assert [w.message for w in manifest.warnings] == [
        "line 11: article 2 comes after article 3: out of sequence"
    ]


def test_a_first_article_other_than_1_is_a_warning() -> None:
    manifest = cut("Điều 7.\nA.\nĐiều 8.\nB.\n")
    assert [w.message for w in manifest.warnings] == ["line 1: article 7 does not start its numbering at 1"]


def test_errors_carry_the_source_name() -> None:
    with pytest.raises(CutterInputError) as caught:
        parse_document(b"\xff", doc_code="T", source_name="law.txt")
    assert caught.value.source_name == "law.txt"
