"""The three real documents against their known structure (shared/corpus/SOURCES.md).

Counts that SOURCES.md states are asserted as stated. Counts it does not state
(GDPR paragraphs and points, US amendment sections) were measured, checked by eye,
and are cross-checked here against an independent line count of the raw text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest

from harness.cutter import CutManifest, parse_document

from .conftest import CORPUS_FILES, corpus_bytes
from .invariants import assert_sound

GRANULARITIES = ("article", "clause", "point")

EXPECTED_COUNTS = {
    ("vn_hien_phap_2013.txt", "article"): {"doc": 1, "preamble": 1, "chp": 11, "art": 120},
    ("vn_hien_phap_2013.txt", "clause"): {"doc": 1, "preamble": 1, "chp": 11, "art": 120, "para": 244},
    ("vn_hien_phap_2013.txt", "point"): {"doc": 1, "preamble": 1, "chp": 11, "art": 120, "para": 244},
    ("gdpr.txt", "article"): {"doc": 1, "preamble": 1, "rct": 173, "chp": 11, "sec": 15, "art": 99},
    ("gdpr.txt", "clause"): {
        "doc": 1, "preamble": 1, "rct": 173, "chp": 11, "sec": 15, "art": 99, "para": 372,
    },
    ("gdpr.txt", "point"): {
        "doc": 1, "preamble": 1, "rct": 173, "chp": 11, "sec": 15, "art": 99, "para": 372,
        "point": 378, "subpoint": 7,
    },
    ("us_constitution.md", "article"): {"doc": 1, "preamble": 1, "art": 7, "amd": 27},
    ("us_constitution.md", "clause"): {"doc": 1, "preamble": 1, "art": 7, "sec": 54, "amd": 27},
    ("us_constitution.md", "point"): {"doc": 1, "preamble": 1, "art": 7, "sec": 54, "amd": 27},
}  # fmt: skip


def cut(name: str, granularity: str = "point") -> CutManifest:
    return parse_document(
        corpus_bytes(name), doc_code=CORPUS_FILES[name], granularity=granularity, source_name=name
    )


def addresses(manifest: CutManifest) -> set[str]:
    return {u.canonical_address for u in manifest.units}


def unit(manifest: CutManifest, address: str):
    return next(u for u in manifest.units if u.canonical_address == address)


@pytest.mark.parametrize("granularity", GRANULARITIES)
@pytest.mark.parametrize("name", sorted(CORPUS_FILES))
def test_every_corpus_document_cuts_to_its_known_counts(name: str, granularity: str) -> None:
    manifest = cut(name, granularity)
    assert manifest.counts_by_kind() == EXPECTED_COUNTS[(name, granularity)]
    assert manifest.warnings == ()


@pytest.mark.parametrize("granularity", GRANULARITIES)
@pytest.mark.parametrize("name", sorted(CORPUS_FILES))
def test_every_corpus_cut_is_lossless_and_well_formed(name: str, granularity: str) -> None:
    source = corpus_bytes(name)
    manifest = parse_document(source, doc_code=CORPUS_FILES[name], granularity=granularity)
    assert_sound(manifest, source, CORPUS_FILES[name])


@pytest.mark.parametrize("name", sorted(CORPUS_FILES))
def test_the_same_text_always_gives_the_same_manifest(name: str) -> None:
    first, second = cut(name), cut(name)
    assert first == second
    assert first.to_json() == second.to_json()


@pytest.mark.parametrize("name", sorted(CORPUS_FILES))
def test_profile_detection_matches_the_forced_profile(name: str) -> None:
    forced = "vn" if name.startswith("vn") else "en"
    detected = cut(name)
    assert detected.profile == forced
    source = corpus_bytes(name)
    again = parse_document(source, doc_code=CORPUS_FILES[name], profile=forced)
    assert again.manifest_sha256 == detected.manifest_sha256


# The document root of each corpus file: its title block, verbatim from the front matter
# (checked by eye against the files), with (line_start, line_end).
US_TITLE = "[United States Constitution](https://en.wikipedia.org/wiki/Constitution_of_the_United_States#Original_frame)"
GDPR_TITLE_LINES = (
    "REGULATION (EU) 2016/679 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL",
    "of 27 April 2016",
    "on the protection of natural persons with regard to the processing of personal data and on "
    "the free movement of such data, and repealing Directive 95/46/EC (General Data Protection "
    "Regulation)",
    "(Text with EEA relevance)",
)
ROOTS = {
    "vn_hien_phap_2013.txt": (
        "HIẾN PHÁP\n\nNƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "HIẾN PHÁP NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        (1, 3),
    ),
    "gdpr.txt": ("\n\n".join(GDPR_TITLE_LINES), " ".join(GDPR_TITLE_LINES), (1, 7)),
    "us_constitution.md": (f"# {US_TITLE}", US_TITLE, (3, 3)),
}


@pytest.mark.parametrize("granularity", GRANULARITIES)
@pytest.mark.parametrize("name", sorted(CORPUS_FILES))
def test_every_corpus_document_has_its_title_block_as_the_root(name: str, granularity: str) -> None:
    manifest = cut(name, granularity)
    code = CORPUS_FILES[name]
    root = manifest.units[0]
    body, title, lines = ROOTS[name]
    assert (root.canonical_address, root.unit_kind, root.number, root.label) == (code, "doc", "", code)
    assert (root.body, root.title, (root.line_start, root.line_end)) == (body, title, lines)
    assert (root.parent_address, root.ordinal) == (None, 1)
    assert [u.ordinal for u in manifest.units] == list(range(1, len(manifest.units) + 1))
    top_level = [u for u in manifest.units[1:] if u.canonical_address.count("/") == 1]
    assert top_level and all(u.parent_address == code for u in top_level)
    assert manifest.units[1].canonical_address == f"{code}/preamble_1"
    assert manifest.units[1].ordinal == 2


# -- Vietnamese Constitution 2013 ----------------------------------------------------------


def test_vn_byte_level_matching_misses_the_nfd_articles_that_the_nfc_parse_finds(
    vn_constitution: bytes,
) -> None:
    heading = re.compile(r"^Điều \d+\.$".encode(), re.MULTILINE)
    assert len(heading.findall(vn_constitution)) == 113
    nfd_lines = [
        line for line in vn_constitution.decode().split("\n") if unicodedata.normalize("NFC", line) != line
    ]
    assert len(nfd_lines) == 45
    assert cut("vn_hien_phap_2013.txt").counts_by_kind()["art"] == 120


def test_vn_a_fully_decomposed_copy_cuts_to_the_same_manifest(vn_constitution: bytes) -> None:
    decomposed = unicodedata.normalize("NFD", vn_constitution.decode()).encode()
    assert decomposed != vn_constitution
    nfd = parse_document(decomposed, doc_code="VN-HP-2013")
    nfc = cut("vn_hien_phap_2013.txt")
    assert nfd.manifest_sha256 == nfc.manifest_sha256
    assert nfd.source_sha256 != nfc.source_sha256


def test_vn_addresses_nest_chapter_article_clause() -> None:
    manifest = cut("vn_hien_phap_2013.txt")
    articles = [u.canonical_address for u in manifest.units if u.unit_kind == "art"]
    assert articles[0] == "VN-HP-2013/chp_1/art_1"
    assert articles[-1] == "VN-HP-2013/chp_11/art_120"
    assert [int(a.rsplit("_", 1)[1]) for a in articles] == list(range(1, 121))
    assert {
        "VN-HP-2013/preamble_1",
        "VN-HP-2013/chp_1/art_3",
        "VN-HP-2013/chp_1/art_2/para_2",
        "VN-HP-2013/chp_5/art_70/para_14",
    } <= addresses(manifest)


def test_vn_unit_bodies_hold_their_own_text_only() -> None:
    manifest = cut("vn_hien_phap_2013.txt")
    preamble = unit(manifest, "VN-HP-2013/preamble_1")
    assert preamble.title == "LỜI NÓI ĐẦU"
    assert preamble.body.startswith("LỜI NÓI ĐẦU\n\nTrải qua mấy nghìn năm lịch sử")
    chapter = unit(manifest, "VN-HP-2013/chp_1")
    assert (chapter.title, chapter.body) == ("CHẾ ĐỘ CHÍNH TRỊ", "Chương I.\n\nCHẾ ĐỘ CHÍNH TRỊ")
    assert unit(manifest, "VN-HP-2013/chp_1/art_2").body == "Điều 2."
    clause = unit(manifest, "VN-HP-2013/chp_1/art_2/para_1")
    assert clause.body.startswith("1. Nhà nước Cộng hòa xã hội chủ nghĩa Việt Nam là nhà nước")
    assert (clause.label, clause.line_start, clause.line_end) == ("1", 24, 24)
    # a clause keeps its unnumbered continuation paragraph
    assert unit(manifest, "VN-HP-2013/chp_1/art_9/para_1").body.count("\n\n") == 1


def test_vn_chapter_title_that_looks_like_a_signature_is_a_title() -> None:
    chapter = unit(cut("vn_hien_phap_2013.txt"), "VN-HP-2013/chp_6")
    assert chapter.title == "CHỦ TỊCH NƯỚC"


def test_vn_article_granularity_keeps_clauses_inside_the_article() -> None:
    article = unit(cut("vn_hien_phap_2013.txt", "article"), "VN-HP-2013/chp_1/art_2")
    assert article.body.startswith("Điều 2.\n\n1. Nhà nước")
    assert "\n\n3. Quyền lực nhà nước là thống nhất" in article.body


def test_vn_front_matter_is_the_root_and_nothing_is_dropped() -> None:
    manifest = cut("vn_hien_phap_2013.txt")
    assert manifest.dropped == ()
    root = unit(manifest, "VN-HP-2013")
    assert root.body == "HIẾN PHÁP\n\nNƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert root.title == "HIẾN PHÁP NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert unit(manifest, "VN-HP-2013/preamble_1").parent_address == "VN-HP-2013"
    assert unit(manifest, "VN-HP-2013/chp_1").parent_address == "VN-HP-2013"


# -- GDPR ----------------------------------------------------------------------------------


def test_gdpr_paragraph_and_point_counts_match_an_independent_line_count(gdpr: bytes) -> None:
    text = gdpr.decode()
    enacting = text.index("HAVE ADOPTED THIS REGULATION:")
    footnotes = text.index("Done at Brussels")
    body = text[enacting:footnotes]
    paragraphs = re.findall(r"^\d+\. {3}", body, re.MULTILINE)
    labels = re.findall(r"^\((?:[a-z]+|\d+)\)$", body, re.MULTILINE)
    counts = cut("gdpr.txt").counts_by_kind()
    assert counts["para"] == len(paragraphs) == 372
    assert counts["point"] + counts["subpoint"] == len(labels) == 385


def test_gdpr_addresses_nest_chapter_section_article_paragraph_point() -> None:
    manifest = cut("gdpr.txt")
    assert {
        "GDPR/preamble_1",
        "GDPR/rct_1",
        "GDPR/rct_173",
        "GDPR/chp_1/art_1/para_1",
        "GDPR/chp_2/art_6/para_1/point_a",
        "GDPR/chp_4/sec_1/art_24/para_1",
        "GDPR/chp_11/art_99/para_2",
    } <= addresses(manifest)
    sections = [u.canonical_address for u in manifest.units if u.unit_kind == "sec"]
    assert sections[:6] == [f"GDPR/chp_3/sec_{n}" for n in range(1, 6)] + ["GDPR/chp_4/sec_1"]
    assert unit(manifest, "GDPR/chp_4/sec_1").title == "General obligations"


def test_gdpr_articles_carry_their_titles_from_the_next_line() -> None:
    manifest = cut("gdpr.txt")
    article = unit(manifest, "GDPR/chp_1/art_1")
    assert article.title == "Subject-matter and objectives"
    assert article.body == "Article 1\n\nSubject-matter and objectives"
    assert all(u.title for u in manifest.units if u.unit_kind == "art")


def test_gdpr_roman_looking_points_are_letters_in_sequence() -> None:
    manifest = cut("gdpr.txt")
    assert {
        "GDPR/chp_2/art_9/para_2/point_h",
        "GDPR/chp_2/art_9/para_2/point_i",
        "GDPR/chp_2/art_9/para_2/point_j",
        "GDPR/chp_6/sec_2/art_57/para_1/point_v",
        "GDPR/chp_7/sec_3/art_70/para_1/point_x",
    } <= addresses(manifest)


def test_gdpr_definitions_are_numbered_points_with_lettered_sub_points() -> None:
    found = addresses(cut("gdpr.txt"))
    assert {f"GDPR/chp_1/art_4/point_{n}" for n in range(1, 27)} <= found
    sub_points = sorted(a for a in found if "/subpoint_" in a)
    assert sub_points == [
        "GDPR/chp_1/art_4/point_16/subpoint_a",
        "GDPR/chp_1/art_4/point_16/subpoint_b",
        "GDPR/chp_1/art_4/point_22/subpoint_a",
        "GDPR/chp_1/art_4/point_22/subpoint_b",
        "GDPR/chp_1/art_4/point_22/subpoint_c",
        "GDPR/chp_1/art_4/point_23/subpoint_a",
        "GDPR/chp_1/art_4/point_23/subpoint_b",
    ]


def test_gdpr_recital_citing_article_16_tfeu_is_no_heading() -> None:
    manifest = cut("gdpr.txt")
    recital = unit(manifest, "GDPR/rct_12")
    assert recital.body.startswith("(12)\n\nArticle 16(2) TFEU mandates")
    first_article = next(u for u in manifest.units if u.unit_kind == "art")
    assert first_article.canonical_address == "GDPR/chp_1/art_1"


def test_gdpr_drops_formula_signature_and_footnotes_but_not_its_title() -> None:
    manifest = cut("gdpr.txt")
    reasons = Counter(d.reason for d in manifest.dropped)
    assert reasons == {
        "enacting formula": 1,
        "signature block": 7,
        "footnote": 21,
    }
    footnotes = [d for d in manifest.dropped if d.reason == "footnote"]
    assert footnotes[0].text == "(1)   OJ C 229, 31.7.2012, p. 90."
    preamble = unit(manifest, "GDPR/preamble_1")
    assert preamble.body.startswith("THE EUROPEAN PARLIAMENT AND THE COUNCIL")
    assert preamble.body.endswith("Whereas:")


# -- US Constitution ------------------------------------------------------------------------


def test_us_sections_per_article_match_the_ground_truth() -> None:
    manifest = cut("us_constitution.md")
    per_article = Counter(
        u.parent_address for u in manifest.units if u.unit_kind == "sec" and "/art_" in u.canonical_address
    )
    assert per_article == {
        "US-CONST/art_1": 10,
        "US-CONST/art_2": 4,
        "US-CONST/art_3": 3,
        "US-CONST/art_4": 4,
    }


def test_us_amendment_sections_are_its_markdown_list_items(us_constitution: bytes) -> None:
    text = us_constitution.decode()
    amendments = text[text.index("## Amendments") : text.index("Date | Event")]
    list_items = re.findall(r"^\d+\. ", amendments, re.MULTILINE)
    manifest = cut("us_constitution.md")
    amendment_sections = [u for u in manifest.units if "/amd_" in u.canonical_address]
    assert len(amendment_sections) - 27 == len(list_items) == 33
    assert {
        "US-CONST/preamble_1",
        "US-CONST/art_1/sec_8",
        "US-CONST/amd_14/sec_1",
        "US-CONST/amd_14/sec_5",
        "US-CONST/amd_27",
    } <= addresses(manifest)


def test_us_headings_take_the_number_from_the_link_text_not_the_list_number() -> None:
    manifest = cut("us_constitution.md")
    article = unit(manifest, "US-CONST/art_4")
    assert (article.label, article.number) == ("IV", "4")
    amendment = unit(manifest, "US-CONST/amd_14")
    assert (amendment.label, amendment.title) == ("XIV", "Fourteenth Amendment")
    assert unit(manifest, "US-CONST/preamble_1").body.endswith(
        "Constitution for the United States of America."
    )


def test_us_signatures_and_version_table_are_dropped() -> None:
    manifest = cut("us_constitution.md")
    reasons = Counter(d.reason for d in manifest.dropped)
    assert reasons == {
        "image": 1,
        "separator": 1,
        "signature block": 25,
        "group heading": 1,
        "trailing metadata": 24,
    }
    assert [(d.line, d.reason) for d in manifest.dropped[:2]] == [(1, "image"), (5, "separator")]
    trailer = [d.line for d in manifest.dropped if d.reason == "trailing metadata"]
    assert trailer[0] == 435 and trailer[-1] == 459
    assert manifest.units[-1].canonical_address == "US-CONST/amd_27"
    assert manifest.units[-1].line_end == 432
