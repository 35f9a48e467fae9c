"""Property tests: whatever comes in, the cutter returns a sound manifest or refuses it.

"Sound" is `invariants.assert_sound`: one document root, first; valid unique
addresses, parents before children, correct hashes and digest, lossless accounting
of every source line.
The only exception allowed out of `parse_document` is `CutterInputError`.
"""

from __future__ import annotations

import os
import unicodedata

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from harness.cutter import CutManifest, CutterInputError, parse_document

from .conftest import CORPUS, CORPUS_FILES, DOCUMENTS
from .invariants import assert_sound

# CUTTER_PROPERTY_SCALE=20 runs twenty times the examples (a longer bug hunt).
SCALE = float(os.environ.get("CUTTER_PROPERTY_SCALE", "1"))


def examples(count: int) -> settings:
    return settings(
        max_examples=max(1, int(count * SCALE)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )


_ROMANS = ["I", "II", "III", "IV", "V", "IX", "X", "XIV"]
_LABELS = ["a", "b", "c", "d", "đ", "e", "h", "i", "ii", "iii", "iv", "v", "vi", "x", "ix", "u", "w"]
_TEMPLATES = [
    "Điều {n}.", "Điều {n}. Tiêu đề", "Điều {n}", "Điều {n} của Luật này", "ĐIỀU {n}:",
    "Chương {r}", "Chương {r}.", "CHƯƠNG {n}. TIÊU ĐỀ", "Mục {n}", "Tiểu mục {n}",
    "Phần thứ nhất", "Phần thứ hai", "{n}. Nội dung khoản {n};", "{n}a. Khoản bổ sung.",
    "{l}) điểm {l};", "({l})", "({l}) point text; or", "({n})", "({n})   OJ C {n}, p. 1.",
    "({n}) Recital text.", "{n}.   The paragraph text:", "{n}.", "LỜI NÓI ĐẦU",
    "Căn cứ Hiến pháp;", "Quốc hội ban hành Luật này.", "“Điều {n}. Trích dẫn",
    "nội dung trích dẫn.”", "CÔNG BÁO/Số {n}/Ngày 1-1-2014", "{n}", "- {n} -", "Nơi nhận:",
    "CHỦ TỊCH QUỐC HỘI", "Luật này đã được Quốc hội thông qua ngày 1.", "Article {n}",
    "Article {r}", "Article {n}(2) TFEU mandates", "ARTICLE {n} - Title", "CHAPTER {r}",
    "Section {n}", "Section {n}. Text of the section.", "§ {n}.", "PART {r}", "TITLE {r}",
    "Amendment {r}", "## {n}. [Article {r}](https://e.org/{n})",
    "### {n}. **{r}** [First Amendment](https://e.org/x)", "## [Preamble](u)", "## Amendments",
    "# Title", "PREAMBLE", "Whereas:", "Having regard to the Treaty,",
    "THE EUROPEAN PARLIAMENT AND THE COUNCIL,", "HAVE ADOPTED THIS REGULATION:",
    "Done at Brussels, {n} May 2016.", "In witness whereof", "---", "***", "![](x.png)",
    "¹ OJ L {n}, p. 1.", "[{n}] Footnote.", "L {n}/2 EN Official Journal 4.5.2016",
    "Date | Event | Version", "> quoted line", "* bullet", "   indented 1. text",
    "General provisions", "A sentence that ends properly.", "a sentence that runs on and",
    "", "", "",
]  # fmt: skip


@st.composite
def structured_line(draw: st.DrawFn) -> str:
    template = draw(st.sampled_from(_TEMPLATES))
    return template.format(
        n=draw(st.integers(min_value=0, max_value=12)),
        r=draw(st.sampled_from(_ROMANS)),
        l=draw(st.sampled_from(_LABELS)),
    )


_NOISE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
_LINES = st.lists(st.one_of(structured_line(), structured_line(), _NOISE), max_size=60)


def parse_or_refuse(source: bytes | str, granularity: str = "point") -> CutManifest | None:
    """The manifest, after checking it; None when the cutter refused the input."""
    try:
        manifest = parse_document(source, doc_code="PROP-1", granularity=granularity)
    except CutterInputError as error:
        assert error.line is None or error.line >= 1
        event(f"refused: {error.reason.split(':')[0][:40]}")
        return None
    assert_sound(manifest, source, "PROP-1")
    event("cut")
    return manifest


def _outline(manifest: CutManifest) -> list[str]:
    """Addresses of everything above clause level (what every granularity must agree on)."""
    kinds = {u.canonical_address: u.unit_kind for u in manifest.units}
    return [
        u.canonical_address
        for u in manifest.units
        if u.unit_kind not in ("para", "point", "subpoint")
        and not (u.unit_kind == "sec" and kinds.get(u.parent_address or "") in ("art", "amd"))
    ]


@examples(1500)
@given(lines=_LINES, line_end=st.sampled_from(["\n", "\r\n"]))
def test_structured_random_text_cuts_soundly_at_every_granularity(lines: list[str], line_end: str) -> None:
    text = line_end.join(lines)
    results = {g: parse_or_refuse(text.encode(), g) for g in ("article", "clause", "point")}
    cut = [m for m in results.values() if m is not None]
    if len(cut) == 3:
        assert len({tuple(_outline(m)) for m in cut}) == 1
        assert len({m.dropped for m in cut}) == 1
        assert len({m.units[0] for m in cut}) == 1  # the document root (title block)
    point = results["point"]
    if point is not None:
        decomposed = unicodedata.normalize("NFD", text)
        again = parse_or_refuse(decomposed)
        assert again is not None and again.units == point.units


@examples(600)
@given(text=st.text(max_size=400))
def test_arbitrary_text_including_surrogates_is_cut_or_refused(text: str) -> None:
    parse_or_refuse(text)


@examples(600)
@given(data=st.binary(max_size=600))
def test_arbitrary_bytes_are_cut_or_refused(data: bytes) -> None:
    parse_or_refuse(data)


def _base_documents() -> list[bytes]:
    documents = [path.read_bytes() for path in sorted(DOCUMENTS.iterdir())]
    documents += [(CORPUS / name).read_bytes() for name in CORPUS_FILES if (CORPUS / name).is_file()]
    return documents


BASE_DOCUMENTS = _base_documents()
_INJECTED = [
    "CÔNG BÁO/Số {n} + {n}/Ngày 28-12-2013", "L {n}/1 EN Official Journal of the European Union",
    "{n}", "- {n} -", "Page {n}", "---", "Điều {n}.", "Article {n}", "({n})", "1. Chèn.",
]  # fmt: skip


@st.composite
def mutated_document(draw: st.DrawFn) -> bytes:
    lines = draw(st.sampled_from(BASE_DOCUMENTS)).decode().split("\n")
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        if not lines:
            break
        i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "shuffle", "nfd", "inject", "move"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(draw(st.integers(0, len(lines))), lines[i])
        elif action == "shuffle":
            window = lines[i : i + draw(st.integers(2, 12))]
            lines[i : i + len(window)] = draw(st.permutations(window))
        elif action == "nfd":
            lines[i] = unicodedata.normalize("NFD", lines[i])
        elif action == "inject":
            template = draw(st.sampled_from(_INJECTED))
            lines.insert(i, template.format(n=draw(st.integers(1, 400))))
        else:
            lines.insert(draw(st.integers(0, len(lines) - 1)), lines.pop(i))
    return "\n".join(lines).encode()


@examples(400)
@given(source=mutated_document(), granularity=st.sampled_from(["article", "clause", "point"]))
def test_mutated_documents_are_cut_soundly_or_refused(source: bytes, granularity: str) -> None:
    parse_or_refuse(source, granularity)
