"""Per-profile line rules: what a single source line looks like, before any context.

`ProfileRules.classify(line)` turns one (right-stripped, NFC) line into a `Token`
or None (ordinary text). It looks at nothing but the line: whether a token
really starts a unit (sequence, hierarchy, hard wraps, quotations) is the parser's
decision. Rules are dispatched on the line's first character, so an ordinary line
costs one dictionary lookup and usually no regular expression at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from .numbering import (
    EN_ALPHABET,
    VN_ALPHABET,
    Alphabet,
    arabic_token,
    en_ordinal_to_int,
    lower_roman_value,
    roman_to_int,
    vn_ordinal_to_int,
)

# Token categories.
HEADING = "heading"  # Phần/Chương/Mục/Điều, Part/Chapter/Section/Article/Amendment
PREAMBLE_HEADING = "preamble_heading"  # LỜI NÓI ĐẦU, Preamble
PREAMBLE_OPENER = "preamble_opener"  # Căn cứ ..., Having regard to ..., THE EUROPEAN ...,
PARA = "para"  # 1. / 1a. / 1.   (GDPR)
LABEL = "label"  # (a) a) đ) (ii) (16): point, sub-point, recital or footnote by context
DROP = "drop"  # page numbers, separators, images, footnote lines: never unit text
ENACTING = "enacting"  # HAVE ADOPTED THIS REGULATION: / Quốc hội ban hành Luật ...
SIGNATURE = "signature"  # Done at Brussels, ... / Nơi nhận: / TM. CHÍNH PHỦ
QUOTE = "quote"  # a line opening a quotation that does not close on the same line
GROUP = "group"  # a Markdown heading that names no unit (## Amendments)


# Drop reasons (the vocabulary of `Dropped.reason`).
REASON_TITLE = "document title"
REASON_PAGE = "page number"
REASON_HEADER = "running header"
REASON_SEPARATOR = "separator"
REASON_IMAGE = "image"
REASON_FOOTNOTE = "footnote"
REASON_SIGNATURE = "signature block"
REASON_ENACTING = "enacting formula"
REASON_TRAILER = "trailing metadata"
REASON_GROUP = "group heading"
REASON_UNATTACHED = "unattached text"

_TITLE_MAX = 200
# A line "ends a sentence" when it ends with terminal punctuation (possibly inside
# closing quotes, brackets or Markdown emphasis), or with a list joiner ("; or").
_TERMINAL = re.compile(r"(?:[.;:!?…]|[;,]\s*(?:or|and|and/or|hoặc|và))[\"”’»)\]*_]*\Z")
_NOT_TITLE_END = re.compile(r"[.;:,][\"”’»)\]*_]*\Z")


class Token(NamedTuple):
    """What one line says on its own. Fields not relevant to `cat` keep their defaults.

    A named tuple rather than a dataclass: one is built for most lines of a
    document, and tuple construction is several times cheaper.
    """

    cat: str
    kind: str = ""  # unit kind for HEADING; drop reason for DROP
    label: str = ""  # the number as printed ("IV", "1a", "đ")
    number: str = ""  # the address token ("4", "1a", "dd")
    seq: tuple[int, str] = (0, "")  # ordering key of the number
    title: str | None = None
    weak: bool = False  # heading without separator: accepted only when its number is expected
    alone: bool = False  # label or number alone on its line (its text follows)
    inline_text: bool = False  # heading line that goes on with body text, not a title
    spaced: bool = False  # "(N)" followed by two or more spaces: the OJ footnote layout
    markdown: bool = False
    closer: str = ""  # QUOTE: the closing quotation mark to look for


def ends_sentence(line: str) -> bool:
    """True when `line` ends with terminal punctuation or a list joiner such as "; or"."""
    return line[-1] in ".;:!?…" or _TERMINAL.search(line[-24:]) is not None


def is_title_like(text: str) -> bool:
    """Short and not ending like a sentence: a heading's title rather than body text."""
    return 0 < len(text) <= _TITLE_MAX and _NOT_TITLE_END.search(text[-12:]) is None


# ---------------------------------------------------------------------------------------
# Shared patterns

_NUM_ARABIC = r"(?P<arabic>[0-9]{1,6}[a-z]?)"
_NUM_ROMAN = r"(?P<roman>[IVXLCDM]{1,12})"
_REST_SEP = re.compile(r"(?:[.:]\s+|\s*[-–—]\s*)(?P<text>\S.*)")
_REST_WEAK = re.compile(r"\s+(?P<text>\S.*)")
_REST_BARE = re.compile(r"\s*[.:\-–—]?\s*")

_PARA = re.compile(r"(?P<num>[0-9]{1,3}[a-z]?)\.(?:\s+(?P<text>\S.*))?")
_PAREN_LABEL = re.compile(r"\((?P<lab>[a-zđ]{1,6}|[0-9]{1,3})\)(?:(?P<sp>\s+)(?P<text>\S.*))?")
_CLOSE_LABEL = re.compile(r"(?P<lab>[a-zđ]{1,2})\)(?:\s+(?P<text>\S.*))?")
_PAGE_NUMBER = re.compile(
    r"[-–—]?\s*(?:(?:Page|PAGE|Trang|TRANG)\s+)?[0-9]{1,4}"
    r"(?:\s*(?:/|of|trên)\s*[0-9]{1,4})?\s*[-–—]?"
)
_SEPARATOR = re.compile(r"(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|(?:=\s*){3,}")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_FOOTNOTE = re.compile(r"(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[[0-9]{1,3}\])\s*\S")
_MD_HEADING = re.compile(r"(?P<hashes>#{1,6})\s+(?P<text>\S.*)")
_MD_LINK = re.compile(r"\[(?P<text>[^\[\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_MD_LIST_NUMBER = re.compile(r"[0-9]{1,4}\.\s+")
_MD_HEADING_MAX = 600
_DIGITS = re.compile(r"[0-9]+")
_HAS_LETTER = re.compile(r"[^\W\d_]")

_QUOTE_CLOSERS = {"“": "”", "«": "»", "„": "”", "‘": "’", '"': '"'}


@dataclass(frozen=True, slots=True)
class KeywordPattern:
    """A regular expression that starts with one of a few literal keywords.

    Keeping the keywords apart from the regex lets the dispatch table know which
    first characters can start a match without parsing regex syntax.
    """

    keywords: tuple[str, ...]
    regex: re.Pattern[str]

    @classmethod
    def of(cls, keywords: tuple[str, ...], tail: str = "") -> KeywordPattern:
        alternatives = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keywords)
        return cls(keywords, re.compile(f"(?:{alternatives}){tail}"))

    @property
    def first_chars(self) -> str:
        return "".join(sorted({k[0] for k in self.keywords}))


@dataclass(frozen=True, slots=True)
class _HeadingRule:
    kind: str
    pattern: KeywordPattern


def _heading_rule(kind: str, keywords: tuple[str, ...], numbers: str) -> _HeadingRule:
    return _HeadingRule(kind, KeywordPattern.of(keywords, rf"\s+(?:{numbers})(?P<rest>.*)"))


Rule = Callable[[str], Token | None]


class ProfileRules:
    """The line rules of one profile (``vn`` or ``en``)."""

    def __init__(
        self,
        name: str,
        *,
        alphabet: Alphabet,
        headings: tuple[_HeadingRule, ...],
        preamble_heading: KeywordPattern,
        preamble_openers: tuple[KeywordPattern, ...],
        enacting: tuple[KeywordPattern, ...],
        signature: tuple[KeywordPattern, ...],
        amendment: re.Pattern[str] | None,
    ) -> None:
        self.name = name
        self.alphabet = alphabet
        self._headings = headings
        self._preamble_heading = preamble_heading
        self._preamble_openers = preamble_openers
        self._enacting = enacting
        self._signature = signature
        self._amendment = amendment
        self._dispatch = self._build_dispatch()
        self._styles: dict[str, tuple[int | None, int | None, int | None]] = {}

    # -- public ----------------------------------------------------------------------

    def classify(self, line: str) -> Token | None:
        """The token `line` forms on its own, or None for ordinary text."""
        if line[0].isspace():
            line = line.lstrip()
        rules = self._dispatch.get(line[0])
        if rules is None:
            return None
        for rule in rules:
            token = rule(line)
            if token is not None:
                return token
        return None

    def label_style(self, label: str) -> tuple[int | None, int | None, int | None]:
        """(letter position, roman value, number) a point label can stand for (None: cannot).

        Letter positions and values are 1-based: ``(a)`` is letter 1, ``(i)`` is letter 9
        (English) and roman 1. Labels are few, so the answers are cached.
        """
        style = self._styles.get(label)
        if style is None:
            if label.isdigit():
                style = (None, None, int(label))
            else:
                index = self.alphabet.index(label)
                style = (index + 1 if index is not None else None, lower_roman_value(label), None)
            self._styles[label] = style
        return style

    # -- rule table ------------------------------------------------------------------

    def _build_dispatch(self) -> dict[str, tuple[Rule, ...]]:
        table: dict[str, list[Rule]] = {}

        def add(first_chars: str, rule: Rule) -> None:
            for char in first_chars:
                table.setdefault(char, []).append(rule)

        digits = "0123456789"
        add(digits, self._para)
        add(digits + "-–—PT", self._page_number)
        add("-*_=", self._separator)
        add("!", self._image)
        add("¹²³⁴⁵⁶⁷⁸⁹⁰[", self._footnote)
        add("#", self._markdown_heading)
        add("(", self._paren_label)
        add("abcdefghijklmnopqrstuvwxyzđ", self._close_label)
        add("".join(_QUOTE_CLOSERS), self._quote)
        for rule in self._headings:
            add(rule.pattern.first_chars, self._make_heading_rule(rule))
        add(self._preamble_heading.first_chars, self._preamble_heading_rule)
        for patterns, token in (
            (self._preamble_openers, Token(PREAMBLE_OPENER)),
            (self._enacting, Token(ENACTING)),
            (self._signature, Token(SIGNATURE)),
        ):
            for pattern in patterns:
                add(pattern.first_chars, _constant_rule(pattern.regex, token))
        return {char: tuple(rules) for char, rules in table.items()}

    # -- individual rules ------------------------------------------------------------

    def _para(self, line: str) -> Token | None:
        match = _PARA.fullmatch(line)
        if match is None:
            return None
        number, seq = arabic_token(match["num"])
        return Token(PARA, label=match["num"], number=number, seq=seq, alone=match["text"] is None)

    def _paren_label(self, line: str) -> Token | None:
        match = _PAREN_LABEL.fullmatch(line)
        if match is None or not self._is_label(match["lab"]):
            return None
        spaced = match["sp"] is not None and len(match["sp"]) >= 2
        return Token(LABEL, label=match["lab"], alone=match["text"] is None, spaced=spaced)

    def _close_label(self, line: str) -> Token | None:
        match = _CLOSE_LABEL.fullmatch(line)
        if match is None or not self._is_label(match["lab"]):
            return None
        return Token(LABEL, label=match["lab"], alone=match["text"] is None)

    def _is_label(self, label: str) -> bool:
        return label.isdigit() or any(value is not None for value in self.label_style(label))

    def _make_heading_rule(self, rule: _HeadingRule) -> Rule:
        def heading(line: str) -> Token | None:
            match = rule.pattern.regex.match(line)
            return None if match is None else self._heading_token(rule.kind, match, markdown=False)

        return heading

    def _heading_token(self, kind: str, match: re.Match[str], *, markdown: bool) -> Token | None:
        number = _heading_number(match)
        if number is None:
            return None
        label, token, seq = number
        rest = match["rest"]
        if _REST_BARE.fullmatch(rest):
            return Token(HEADING, kind, label, token, seq, markdown=markdown)
        sep = _REST_SEP.fullmatch(rest)
        if sep is not None:
            text = sep["text"]
            if markdown or is_title_like(text):
                return Token(HEADING, kind, label, token, seq, title=text, markdown=markdown)
            return Token(HEADING, kind, label, token, seq, inline_text=True)
        weak = _REST_WEAK.fullmatch(rest)
        if weak is None:
            return None  # "Article 16(2) TFEU", "Điều 12abc": a reference, not a heading
        text = weak["text"]
        if markdown:
            return Token(HEADING, kind, label, token, seq, title=text, markdown=True)
        if not (text[0].isupper() and is_title_like(text)):
            return None  # "Điều 9 của Luật này ...": a cross-reference
        return Token(HEADING, kind, label, token, seq, title=text, weak=True)

    def _preamble_heading_rule(self, line: str) -> Token | None:
        if self._preamble_heading.regex.fullmatch(line) is None:
            return None
        return Token(PREAMBLE_HEADING, title=line.strip().rstrip(":").strip())

    def _page_number(self, line: str) -> Token | None:
        return Token(DROP, REASON_PAGE) if _PAGE_NUMBER.fullmatch(line) else None

    def _separator(self, line: str) -> Token | None:
        return Token(DROP, REASON_SEPARATOR) if _SEPARATOR.fullmatch(line) else None

    def _image(self, line: str) -> Token | None:
        return Token(DROP, REASON_IMAGE) if _IMAGE.fullmatch(line) else None

    def _footnote(self, line: str) -> Token | None:
        return Token(DROP, REASON_FOOTNOTE) if _FOOTNOTE.match(line) else None

    def _quote(self, line: str) -> Token | None:
        opener = line[0]
        closer = _QUOTE_CLOSERS[opener]
        rest = line[1:]
        closed = rest.count('"') % 2 == 1 if opener == '"' else closer in rest
        return None if closed else Token(QUOTE, closer=closer)

    def _markdown_heading(self, line: str) -> Token | None:
        match = _MD_HEADING.fullmatch(line)
        if match is None:
            return None
        text = _strip_closing_hashes(match["text"])
        if len(text) > _MD_HEADING_MAX:
            return Token(GROUP, title=None, markdown=True)
        text = clean_markdown(text)
        numbered = _MD_LIST_NUMBER.match(text)
        if numbered is not None:  # "## 1. [Article I](...)": list numbering, not the number
            text = text[numbered.end() :]
        if not text:
            return Token(GROUP, markdown=True)
        if self._preamble_heading.regex.fullmatch(text):
            return Token(PREAMBLE_HEADING, title=text, markdown=True)
        if self._amendment is not None:
            amendment = self._amendment_token(text)
            if amendment is not None:
                return amendment
        for rule in self._headings:
            heading = rule.pattern.regex.match(text)
            if heading is not None:
                token = self._heading_token(rule.kind, heading, markdown=True)
                if token is not None:
                    return token
        return Token(GROUP, title=text, markdown=True)

    def _amendment_token(self, text: str) -> Token | None:
        """``XIV Fourteenth Amendment`` (after Markdown cleaning) → amendment 14."""
        assert self._amendment is not None
        match = self._amendment.fullmatch(text)
        if match is None:
            return None
        by_roman = roman_to_int(match["roman"]) if match["roman"] else None
        by_word = en_ordinal_to_int(match["word"])
        value = by_roman if by_roman is not None else by_word
        if value is None or (by_roman is not None and by_word is not None and by_roman != by_word):
            return None
        label = match["roman"] or str(value)
        title = f"{match['word']} {match['noun']}"
        return Token(HEADING, "amd", label, str(value), (value, ""), title=title, markdown=True)


def _constant_rule(regex: re.Pattern[str], token: Token) -> Rule:
    def rule(line: str) -> Token | None:
        return token if regex.match(line) else None

    return rule


def _heading_number(match: re.Match[str]) -> tuple[str, str, tuple[int, str]] | None:
    """(label as printed, address token, sequence key) of a heading's number."""
    groups = match.groupdict()
    if groups.get("arabic"):
        token, seq = arabic_token(groups["arabic"])
        return groups["arabic"], token, seq
    if groups.get("roman"):
        value = roman_to_int(groups["roman"])
        return None if value is None else (groups["roman"], str(value), (value, ""))
    if groups.get("word"):
        value = vn_ordinal_to_int(groups["word"])
        return None if value is None else (groups["word"], str(value), (value, ""))
    return None


def _strip_closing_hashes(text: str) -> str:
    """Drop an ATX heading's optional closing ``###`` sequence."""
    text = text.rstrip()
    stripped = text.rstrip("#")
    if stripped != text and (not stripped or stripped[-1] in " \t"):
        return stripped.rstrip()
    return text


def clean_markdown(text: str) -> str:
    """Heading text without Markdown: links become their text, emphasis markers go."""
    text = _MD_LINK.sub(lambda m: m["text"], text)
    return " ".join(text.replace("**", "").replace("__", "").replace("*", "").split())


def running_header_key(line: str) -> str | None:
    """Digit-blind key of a line that could be a running page header, else None.

    Running headers repeat with changing page numbers ("L 119/12 ... 4.5.2016"), so
    the key masks digits. Only short lines with a digit and a letter that do not
    end like a sentence qualify; the parser drops a key seen three times or more.
    """
    text = line.strip()
    if len(text) > 120 or not _DIGITS.search(text) or not _HAS_LETTER.search(text):
        return None
    if _NOT_TITLE_END.search(text[-12:]):
        return None
    return _DIGITS.sub("#", text)


# ---------------------------------------------------------------------------------------
# The two profiles

_VN_ORDINAL_WORDS = (
    r"(?P<word>(?i:mười\s+(?:một|mốt|hai|ba|bốn|tư|lăm|năm|sáu|bảy|tám|chín)"
    r"|nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười))"
)

_ARABIC_OR_ROMAN = f"{_NUM_ARABIC}|{_NUM_ROMAN}"

VN_RULES = ProfileRules(
    "vn",
    alphabet=VN_ALPHABET,
    headings=(
        _heading_rule(
            "part",
            ("Phần", "PHẦN"),
            rf"(?:thứ|THỨ)\s+{_VN_ORDINAL_WORDS}|{_ARABIC_OR_ROMAN}",
        ),
        _heading_rule("chp", ("Chương", "CHƯƠNG"), _ARABIC_OR_ROMAN),
        _heading_rule("subsec", ("Tiểu mục", "TIỂU MỤC"), _ARABIC_OR_ROMAN),
        _heading_rule("sec", ("Mục", "MỤC"), _ARABIC_OR_ROMAN),
        _heading_rule("art", ("Điều", "ĐIỀU"), _NUM_ARABIC),
    ),
    preamble_heading=KeywordPattern.of(("LỜI NÓI ĐẦU", "LỜI MỞ ĐẦU", "Lời nói đầu", "Lời mở đầu"), r"\s*:?"),
    preamble_openers=(KeywordPattern.of(("Căn cứ", "CĂN CỨ"), r"\s"),),
    enacting=(
        KeywordPattern.of(
            ("Quốc hội", "Chính phủ", "Ủy ban thường vụ Quốc hội", "Chủ tịch nước"),
            r"\s+ban hành\b",
        ),
    ),
    signature=(
        KeywordPattern.of(("Nơi nhận",), r"\s*:"),
        KeywordPattern.of(("TM.", "KT."), r"\s"),
        KeywordPattern.of(("CHỦ TỊCH", "THỦ TƯỚNG", "BỘ TRƯỞNG"), r"(?:\s|\Z)"),
        KeywordPattern.of(
            ("Hiến pháp", "Luật", "Bộ luật", "Pháp lệnh", "Nghị quyết", "Nghị định"),
            r"\s+này(?:\s+đã)?\s+được\b.*\bthông qua\b",
        ),
    ),
    amendment=None,
)

EN_RULES = ProfileRules(
    "en",
    alphabet=EN_ALPHABET,
    headings=(
        _heading_rule("part", ("Part", "PART"), _ARABIC_OR_ROMAN),
        _heading_rule("title", ("TITLE",), _ARABIC_OR_ROMAN),
        _heading_rule("chp", ("Chapter", "CHAPTER"), _ARABIC_OR_ROMAN),
        _heading_rule("subsec", ("Sub-section", "Subsection", "SUB-SECTION", "SUBSECTION"), _ARABIC_OR_ROMAN),
        _heading_rule("sec", ("Section", "SECTION", "§"), _ARABIC_OR_ROMAN),
        _heading_rule("art", ("Article", "ARTICLE"), _ARABIC_OR_ROMAN),
        _heading_rule("amd", ("Amendment", "AMENDMENT"), _ARABIC_OR_ROMAN),
    ),
    preamble_heading=KeywordPattern.of(("PREAMBLE", "Preamble"), r"\s*:?"),
    preamble_openers=(
        KeywordPattern.of(("Having regard to", "HAVING REGARD TO", "Whereas", "WHEREAS"), r"\b"),
        KeywordPattern.of(("THE ",), r"[A-Z][A-Z ,'’-]*,\Z"),
    ),
    enacting=(KeywordPattern.of(("HAS", "HAVE"), r"\s+(?:ADOPTED|DECIDED)\b"),),
    signature=(
        KeywordPattern.of(
            ("Done at", "Done in", "DONE AT", "In witness whereof", "IN WITNESS WHEREOF"), r"\b"
        ),
    ),
    amendment=re.compile(
        r"(?:(?P<roman>[IVXLCDM]{1,12})\s+)?(?P<word>[A-Za-z]+(?:-[A-Za-z]+)?)\s+"
        r"(?P<noun>Amendment|AMENDMENT)"
    ),
)

PROFILES: dict[str, ProfileRules] = {"vn": VN_RULES, "en": EN_RULES}

_VN_MARKERS = re.compile(r"^(?:Điều|ĐIỀU|Chương|CHƯƠNG|Mục|Phần|PHẦN) [0-9IVXLC]", re.MULTILINE)
_EN_MARKERS = re.compile(
    r"^(?:#{1,6} .*)?(?:Article|ARTICLE|Chapter|CHAPTER|Section|SECTION|Amendment) [0-9IVXLC]",
    re.MULTILINE,
)
_VN_LETTERS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉĩọỏốồổỗộớờởỡợụủũứừửữựỳỵỷỹ]")
_DETECT_SAMPLE = 262_144


def detect_profile(text: str) -> str:
    """``vn`` or ``en``, from heading keywords in the first 256 KiB (then from the letters)."""
    sample = text[:_DETECT_SAMPLE]
    vn = len(_VN_MARKERS.findall(sample))
    en = len(_EN_MARKERS.findall(sample))
    if vn != en:
        return "vn" if vn > en else "en"
    return "vn" if len(_VN_LETTERS.findall(sample)) > len(sample) // 200 else "en"
