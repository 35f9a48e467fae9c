"""Hand-written documents (tests/cutter/documents/), one family of traps each."""

from __future__ import annotations

import hashlib
import re
import unicodedata

import pytest

from harness.cutter import CutManifest, parse_document

from .conftest import DOCUMENTS, document_bytes
from .invariants import assert_sound

ALL_DOCUMENTS = sorted(path.name for path in DOCUMENTS.iterdir())


def cut(name: str, granularity: str = "point") -> CutManifest:
    return parse_document(document_bytes(name), doc_code="T", granularity=granularity)


def cut_text(text: str, **options: str) -> CutManifest:
    return parse_document(text.encode(), doc_code="T", **options)


def addresses(manifest: CutManifest) -> list[str]:
    """The addresses below the document root (checked to come first), without ``T/``."""
    root, *units = manifest.units
    assert (root.canonical_address, root.unit_kind, root.ordinal) == ("T", "doc", 1)
    return [u.canonical_address.removeprefix("T/") for u in units]


def unit(manifest: CutManifest, address: str):
    return next(u for u in manifest.units if u.canonical_address == f"T/{address}")


def root(manifest: CutManifest) -> tuple[str, str | None, int, int]:
    """(body, title, line_start, line_end) of the document root."""
    first = manifest.units[0]
    assert (first.canonical_address, first.unit_kind, first.parent_address) == ("T", "doc", None)
    return first.body, first.title, first.line_start, first.line_end


def dropped(manifest: CutManifest) -> list[tuple[int, str]]:
    return [(d.line, d.reason) for d in manifest.dropped]


@pytest.mark.parametrize("granularity", ["article", "clause", "point"])
@pytest.mark.parametrize("name", ALL_DOCUMENTS)
def test_every_hand_written_document_cuts_losslessly(name: str, granularity: str) -> None:
    source = document_bytes(name)
    assert_sound(parse_document(source, doc_code="T", granularity=granularity), source, "T")


# -- vn_structure.txt: headings, titles, numbering, hard wraps, cross-references -----------


def test_vn_structure_addresses() -> None:
    manifest = cut("vn_structure.txt")
    points = [f"part_1/chp_1/sec_2/art_3/para_2/point_{p}" for p in ("a", "b", "c", "d", "dd", "e")]
    assert addresses(manifest) == [
        "preamble_1",
        "part_1",
        "part_1/chp_1",
        "part_1/chp_1/sec_1",
        "part_1/chp_1/sec_1/art_1",
        "part_1/chp_1/sec_1/art_2",
        "part_1/chp_1/sec_2",
        "part_1/chp_1/sec_2/art_3",
        "part_1/chp_1/sec_2/art_3/para_1",
        "part_1/chp_1/sec_2/art_3/para_1a",
        "part_1/chp_1/sec_2/art_3/para_2",
        *points,
        "part_1/chp_2",
        "part_1/chp_2/sec_1",
        "part_1/chp_2/sec_1/art_4",
        "part_2",
        "part_2/chp_3",
        "part_2/chp_3/art_5",
    ]
    assert manifest.warnings == ()


def test_vn_titles_inline_on_the_next_line_or_wrapped() -> None:
    manifest = cut("vn_structure.txt")
    titles = {u.canonical_address.removeprefix("T/"): u.title for u in manifest.units}
    assert titles["part_1"] == "QUY ĐỊNH CHUNG"
    assert titles["part_1/chp_1"] == "NHỮNG QUY ĐỊNH CƠ BẢN"  # wrapped over two lines
    assert titles["part_1/chp_1/sec_1"] == "PHẠM VI"  # "Mục 1. PHẠM VI"
    assert titles["part_1/chp_1/sec_2"] == "ĐỐI TƯỢNG"  # "Mục 2 - ĐỐI TƯỢNG"
    assert titles["part_1/chp_1/sec_2/art_3"] == "Đối tượng áp dụng"  # no separator
    assert titles["part_1/chp_1/sec_1/art_2"] is None  # "Điều 2" then a sentence
    assert titles["part_2"] == "ĐIỀU KHOẢN THI HÀNH"  # starts like a heading, is a title
    assert titles["part_2/chp_3"] == "HIỆU LỰC"


def test_vn_heading_with_trailing_spaces_keeps_a_clean_body() -> None:
    article = unit(cut("vn_structure.txt"), "part_1/chp_2/sec_1/art_4")
    assert article.body == "Điều 4.\nMọi người có quyền được cắt văn bản đúng."


def test_vn_hard_wrapped_clause_number_and_cross_reference_stay_in_the_clause() -> None:
    clause = unit(cut("vn_structure.txt"), "part_1/chp_1/sec_2/art_3/para_1")
    assert clause.body == (
        "1. Luật này áp dụng đối với cơ quan, tổ chức theo quy định tại khoản\n"
        "2. Điều 5 và tại\n"
        "Điều 9 của Luật này."
    )


def test_vn_point_dd_never_collides_with_d() -> None:
    manifest = cut("vn_structure.txt")
    point_d = unit(manifest, "part_1/chp_1/sec_2/art_3/para_2/point_d")
    point_dd = unit(manifest, "part_1/chp_1/sec_2/art_3/para_2/point_dd")
    assert (point_d.label, point_dd.label, point_dd.number) == ("d", "đ", "dd")


def test_vn_front_matter_is_the_root_formula_and_signature_are_dropped() -> None:
    manifest = cut("vn_structure.txt")
    assert root(manifest) == (
        "QUỐC HỘI\nLuật số: 99/2099/QH99\n\nLUẬT\nTHỬ NGHIỆM CẮT VĂN BẢN",
        "QUỐC HỘI Luật số: 99/2099/QH99 LUẬT THỬ NGHIỆM CẮT VĂN BẢN",
        1,
        6,
    )  # the separator on line 2, inside the title block, stays dropped for its own reason
    assert unit(manifest, "preamble_1").parent_address == "T"
    assert unit(manifest, "part_1").parent_address == "T"
    assert dropped(manifest) == [
        (2, "separator"),
        (9, "enacting formula"),
        (57, "signature block"),
        (59, "signature block"),
        (60, "signature block"),
    ]


def test_vn_clause_granularity_keeps_points_in_their_clause() -> None:
    manifest = cut("vn_structure.txt", "clause")
    assert not any(u.unit_kind == "point" for u in manifest.units)
    clause = unit(manifest, "part_1/chp_1/sec_2/art_3/para_2")
    assert clause.body.endswith("đ) trường hợp thứ năm;\ne) trường hợp thứ sáu.")


# -- vn_amending_quotes.txt ------------------------------------------------------------------


def test_quoted_articles_belong_to_the_amending_clause() -> None:
    manifest = cut("vn_amending_quotes.txt")
    assert addresses(manifest) == ["art_1", "art_1/para_1", "art_1/para_2", "art_1/para_3", "art_2"]
    quoting = unit(manifest, "art_1/para_1")
    assert quoting.body.splitlines()[1] == "“Điều 32. Quyền sở hữu"
    assert quoting.body.endswith("b) quyền thừa kế.”")
    assert unit(manifest, "art_1/para_2").body.endswith("Quyền thừa kế được pháp luật bảo hộ.”;")
    assert manifest.warnings == ()


def test_an_unclosed_quotation_is_read_as_text_with_a_warning() -> None:
    manifest = cut_text(
        "Điều 1. Sửa đổi\n1. Điều 5 được sửa đổi như sau:\n“Điều 5. Nội dung mới\n"
        "Điều 2. Hiệu lực\nLuật này có hiệu lực.\n"
    )
    assert addresses(manifest) == ["art_1", "art_1/para_1", "art_2"]
    assert [w.line for w in manifest.warnings] == [3]
    assert "never closed" in manifest.warnings[0].message


# -- vn_page_artifacts.txt / en_oj_artifacts.txt: page furniture inside articles ----------


def test_vn_running_headers_and_page_numbers_inside_an_article_are_dropped() -> None:
    manifest = cut("vn_page_artifacts.txt")
    assert addresses(manifest) == [
        "art_1", "art_1/point_a", "art_1/point_b",
        "art_2", "art_2/para_1", "art_2/para_2", "art_3",
    ]  # fmt: skip
    assert unit(manifest, "art_1").body == (
        "Điều 1. Phạm vi điều chỉnh\n"
        "Nghị định này quy định chi tiết việc thử nghiệm cắt văn bản, bao gồm\n"
        "các trường hợp sau đây:"
    )
    assert (unit(manifest, "art_1").line_start, unit(manifest, "art_1").line_end) == (6, 10)
    assert unit(manifest, "art_2/para_1").body == "1. Cơ quan nhà nước."
    assert root(manifest) == (
        "CHÍNH PHỦ\n\nNGHỊ ĐỊNH\nQUY ĐỊNH CHI TIẾT THỬ NGHIỆM",
        "CHÍNH PHỦ NGHỊ ĐỊNH QUY ĐỊNH CHI TIẾT THỬ NGHIỆM",
        1,
        4,
    )
    assert dropped(manifest) == [
        (8, "running header"),
        (9, "page number"),
        (16, "page number"),
        (18, "running header"),
        (22, "running header"),
        (23, "page number"),
        *[(line, "signature block") for line in (25, 26, 27, 29, 30, 31)],
    ]


def test_en_running_headers_page_numbers_and_footnotes_inside_articles_are_dropped() -> None:
    manifest = cut("en_oj_artifacts.txt")
    assert addresses(manifest) == [
        "preamble_1", "rct_1", "rct_2", "art_1", "art_1/para_1", "art_1/para_2",
        "art_1/para_2/point_a", "art_1/para_2/point_b", "art_2",
    ]  # fmt: skip
    assert unit(manifest, "art_1/para_1").body == (
        "1.   The cutter shall drop running headers that interrupt a\nsentence in the middle of a paragraph."
    )
    assert unit(manifest, "art_2").body.endswith(
        "following its publication².\nThis Regulation shall be binding in its entirety."
    )
    assert unit(manifest, "rct_2").body == "(2) Footnote markers¹ stay in the text."
    reasons = dict(dropped(manifest))
    assert reasons[18] == reasons[32] == reasons[35] == "running header"
    assert reasons[22] == reasons[33] == "page number"
    assert reasons[25] == reasons[42] == "footnote"
    assert reasons[11] == "enacting formula"


# -- en_eu_points.txt: points, sub-points, recitals, sections ----------------------------------


def test_eu_point_letters_that_look_roman_are_decided_by_sequence() -> None:
    found = set(addresses(cut("en_eu_points.txt")))
    article_1 = "chp_1/art_1/para_1"
    assert {f"{article_1}/point_{p}" for p in "abcdefghij"} <= found
    assert {f"{article_1}/point_b/subpoint_i", f"{article_1}/point_b/subpoint_ii"} <= found
    list_1 = "chp_2/sec_2/art_4/para_1"
    assert {f"{list_1}/point_{p}" for p in "abcdefghijklmnopqrstuvwx"} <= found
    assert {f"{list_1}/point_u/subpoint_{r}" for r in ("i", "ii", "iii", "iv")} <= found
    assert f"{list_1}/point_u/subpoint_v" not in found  # (w) follows: (v) is a letter
    list_2 = "chp_2/sec_2/art_4/para_2"
    romans = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi")
    assert {f"{list_2}/point_a/subpoint_{r}" for r in romans} <= found
    assert f"{list_2}/point_x" not in found  # (x) follows (ix): roman
    assert f"{list_2}/point_b" in found


def test_eu_numbered_definitions_take_lettered_sub_points() -> None:
    found = addresses(cut("en_eu_points.txt"))
    definitions = [a for a in found if a.startswith("chp_1/art_2/")]
    assert definitions == [
        "chp_1/art_2/point_1",
        "chp_1/art_2/point_2",
        "chp_1/art_2/point_2/subpoint_a",
        "chp_1/art_2/point_2/subpoint_b",
        "chp_1/art_2/point_3",
    ]


def test_eu_cross_references_and_hard_wrapped_labels_are_text() -> None:
    manifest = cut("en_eu_points.txt")
    paragraph = unit(manifest, "chp_1/art_1/para_2")
    assert paragraph.body.endswith("Article 16(2) TFEU and in point\n(b) of Article 2.")
    recital = unit(manifest, "rct_2").body
    assert (
        recital
        == "(2)\n\nArticle 16(2) TFEU mandates the European Parliament and the Council to lay down rules."
    )
    assert manifest.warnings == ()


def test_eu_sections_restart_per_chapter_and_group_articles() -> None:
    found = addresses(cut("en_eu_points.txt"))
    assert [a for a in found if re.fullmatch(r"chp_\d+/sec_\d+", a)] == [
        "chp_2/sec_1",
        "chp_2/sec_2",
        "chp_3/sec_1",
    ]
    assert "chp_3/sec_1/art_5" in found


def test_eu_preamble_recitals_formula_signature_and_footnote() -> None:
    manifest = cut("en_eu_points.txt")
    assert addresses(manifest)[:3] == ["preamble_1", "rct_1", "rct_2"]
    preamble = unit(manifest, "preamble_1")
    assert preamble.body.startswith("THE EUROPEAN PARLIAMENT AND THE COUNCIL")
    assert preamble.body.endswith("Whereas:")
    reasons = dropped(manifest)
    assert (23, "enacting formula") in reasons
    assert reasons[-1] == (202, "footnote")
    assert [line for line, why in reasons if why == "signature block"] == [194, 196, 198, 200]


# -- en_us_markdown.md ------------------------------------------------------------------------


def test_markdown_constitution_addresses_and_dropped_lines() -> None:
    manifest = cut("en_us_markdown.md")
    assert addresses(manifest) == [
        "preamble_1", "art_1", "art_1/sec_1", "art_1/sec_2", "art_2",
        "amd_1", "amd_2", "amd_2/sec_1", "amd_2/sec_2",
    ]  # fmt: skip
    assert root(manifest) == (
        "# [Test Constitution](https://example.org/constitution)",
        "[Test Constitution](https://example.org/constitution)",
        1,
        1,
    )
    assert dropped(manifest) == [
        (3, "separator"),
        (27, "signature block"),
        (29, "signature block"),
        (30, "signature block"),
        (32, "group heading"),
        (44, "trailing metadata"),
        (46, "trailing metadata"),
        (47, "trailing metadata"),
        (48, "trailing metadata"),
    ]
    assert unit(manifest, "art_1/sec_2").body.endswith("* To count Units.")


def test_markdown_list_numbering_is_not_the_article_number() -> None:
    manifest = cut_text("## 7. [Article I](https://e.org/a)\n\nText one.\n\n## 3. Article II\n\nTwo.\n")
    assert addresses(manifest) == ["art_1", "art_2"]


def test_article_granularity_folds_sections_into_their_article() -> None:
    manifest = cut("en_us_markdown.md", "article")
    assert addresses(manifest) == ["preamble_1", "art_1", "art_2", "amd_1", "amd_2"]
    assert "### Section 2" in unit(manifest, "art_1").body


# -- vn_nfc_nfd_mixed.txt -----------------------------------------------------------------------


def test_mixed_nfc_nfd_document_cuts_as_its_nfc_form() -> None:
    raw = document_bytes("vn_nfc_nfd_mixed.txt")
    lines = raw.decode().split("\n")
    decomposed = [n for n, line in enumerate(lines, 1) if unicodedata.normalize("NFC", line) != line]
    assert decomposed == [5, 15, 19, 21, 29, 31]  # the file really mixes the two forms
    assert len(re.findall(r"^Điều \d+\.$".encode(), raw, re.MULTILINE)) == 2
    mixed = parse_document(raw, doc_code="T")
    composed = parse_document(unicodedata.normalize("NFC", raw.decode()).encode(), doc_code="T")
    assert addresses(mixed) == [
        "preamble_1", "chp_1", "chp_1/art_1", "chp_1/art_2", "chp_1/art_2/para_1",
        "chp_1/art_2/para_2", "chp_2", "chp_2/art_3", "chp_2/art_4", "chp_2/art_4/para_1",
        "chp_2/art_4/para_2",
    ]  # fmt: skip
    assert mixed.manifest_sha256 == composed.manifest_sha256
    assert mixed.units == composed.units


# -- small inline documents ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    [
        "Điều 1", "Điều 1.", "Điều 1. ", "Điều 1:", "ĐIỀU 1.", "Điều 1 - Phạm vi",
        "Điều 1. Phạm vi điều chỉnh", "  Điều 1.", "Điều\u00a01.\u00a0Phạm vi", "\tĐIỀU 1",
    ],
)  # fmt: skip
def test_vn_heading_variants_are_all_article_1(heading: str) -> None:
    manifest = cut_text(f"{heading}\nNội dung của điều.\nĐiều 2.\nNội dung khác.\n")
    assert addresses(manifest) == ["art_1", "art_2"]


@pytest.mark.parametrize(
    "heading",
    ["Article 1", "Article 1.", "ARTICLE 1", "Article 1 - Scope", "Article 1: Scope", "Article I"],
)
def test_en_heading_variants_are_all_article_1(heading: str) -> None:
    manifest = cut_text(f"{heading}\n\nThe text.\n\nArticle 2\n\nMore text.\n")
    assert addresses(manifest) == ["art_1", "art_2"]


def test_a_hard_wrapped_reference_that_looks_like_a_heading_is_text() -> None:
    manifest = cut_text(
        "Điều 1. Phạm vi\nTrường hợp này được quy định tại\nĐiều 9.\nĐiều 2. Đối tượng\nNội dung.\n"
    )
    assert addresses(manifest) == ["art_1", "art_2"]
    assert unit(manifest, "art_1").body.endswith("quy định tại\nĐiều 9.")


def test_sections_inside_plain_text_articles_are_article_sections() -> None:
    manifest = cut_text(
        "Article I\n\nSection 1. The first section of the article.\n\n"
        "Section 2. The second section.\n\nArticle II\n\nSection 1. Another first section.\n"
    )
    assert addresses(manifest) == ["art_1", "art_1/sec_1", "art_1/sec_2", "art_2", "art_2/sec_1"]


def test_numbering_restarts_per_chapter_for_vn_sections() -> None:
    manifest = cut_text(
        "Chương I\nQUY ĐỊNH CHUNG\nMục 1\nPHẠM VI\nĐiều 1. A\nNội dung.\n"
        "Chương II\nTHI HÀNH\nMục 1\nHIỆU LỰC\nĐiều 2. B\nNội dung.\n"
    )
    assert addresses(manifest) == [
        "chp_1", "chp_1/sec_1", "chp_1/sec_1/art_1",
        "chp_2", "chp_2/sec_1", "chp_2/sec_1/art_2",
    ]  # fmt: skip
    assert manifest.warnings == ()


# -- the document root -----------------------------------------------------------------------


def test_a_title_block_becomes_the_root_and_is_not_dropped() -> None:
    source = "# Luật Thử Nghiệm\n![](logo.png)\nSố: 12/2099/QH99\n\n---\n\nĐiều 1. Phạm vi\nNội dung.\n"
    manifest = cut_text(source)
    assert root(manifest) == ("# Luật Thử Nghiệm\nSố: 12/2099/QH99", "Luật Thử Nghiệm Số: 12/2099/QH99", 1, 3)
    assert dropped(manifest) == [(2, "image"), (5, "separator")]
    assert addresses(manifest) == ["art_1"]
    article = unit(manifest, "art_1")
    assert (article.parent_address, article.ordinal) == ("T", 2)
    assert manifest.counts_by_kind() == {"doc": 1, "art": 1}
    assert_sound(manifest, source.encode(), "T")


def test_blank_lines_inside_the_title_block_are_kept_and_around_it_are_not() -> None:
    source = "\n\n## Title\n\n   \n\n## Sub\nArticle 1\n\nText.\n"
    manifest = cut_text(source)
    assert root(manifest) == ("## Title\n\n\n\n## Sub", "Title Sub", 3, 7)
    assert manifest.dropped == ()
    assert_sound(manifest, source.encode(), "T")


@pytest.mark.parametrize(
    ("source", "expected_dropped"),
    [
        ("Điều 1.\nNội dung.\n", []),
        ("\n\nArticle 1\n\nText.\n", []),
        ("![](logo.png)\n\n---\n\nArticle 1\n\nText.\n", [(1, "image"), (3, "separator")]),
    ],
)
def test_a_document_without_a_title_gets_the_synthetic_root(
    source: str, expected_dropped: list[tuple[int, str]]
) -> None:
    manifest = cut_text(source)
    assert root(manifest) == ("T", None, 0, 0)
    first = manifest.units[0]
    assert (first.number, first.label, first.ordinal) == ("", "T", 1)
    assert first.content_hash == hashlib.sha256(b"T").hexdigest()
    assert dropped(manifest) == expected_dropped
    assert addresses(manifest) == ["art_1"]
    assert unit(manifest, "art_1").parent_address == "T"
    assert_sound(manifest, source.encode(), "T")


@pytest.mark.parametrize("granularity", ["article", "clause", "point"])
def test_the_root_is_the_same_at_every_granularity(granularity: str) -> None:
    coarse = cut("vn_structure.txt", "article").units[0]
    assert cut("vn_structure.txt", granularity).units[0] == coarse
