"""Cutting a legal document into Information Units.

The cut runs in four linear passes:

1. **decode** (`source.py`): strict UTF-8, NFC, lines right-stripped;
2. **tokenize**: each line on its own → a `rules.Token` or ordinary text, plus the
   running page headers (short lines that repeat with changing numbers);
3. **structure** (`_Cutter`): a state machine over the tokens that decides which
   tokens really open a unit (sequence, hierarchy, hard wraps, quotations) and which
   stretches of the source belong to no unit (front matter, signature blocks,
   trailing metadata);
4. **assemble**: every unit's body is its own contiguous source lines, minus the
   lines dropped inside it (page numbers, running headers, footnotes); every
   non-blank line ends up in exactly one unit body or one `Dropped` entry.

Blank lines are never recorded as dropped: inside a unit they stay in the body
(paragraph breaks), before and after a unit's text they belong to nobody.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from . import rules as r
from .model import (
    GRANULARITIES,
    PROFILES,
    CutManifest,
    CutterInputError,
    Dropped,
    ParseWarning,
    Unit,
    UnitLimitExceeded,
    is_valid_doc_code,
    manifest_digest,
)
from .numbering import letter_token
from .source import decode_source

# Roles are unit kinds plus the context they were found in: an "isec" is a section
# inside an article or amendment (US Constitution), a "sec" one that groups articles.
_RANK = {
    "preamble": 0, "rct": 0, "part": 10, "title": 20, "chp": 30, "sec": 40, "subsec": 50,
    "art": 60, "amd": 60, "isec": 70, "para": 80, "point": 90, "subpoint": 100,
}  # fmt: skip
_KIND = {role: ("sec" if role == "isec" else role) for role in _RANK}
#: Every unit kind the parser can emit (the last segment's `<kind>`).
UNIT_KINDS: tuple[str, ...] = tuple(dict.fromkeys(_KIND.values()))
_NOUN = {
    "preamble": "preamble", "rct": "recital", "part": "part", "title": "title",
    "chp": "chapter", "sec": "section", "subsec": "subsection", "art": "article",
    "amd": "amendment", "isec": "section", "para": "paragraph", "point": "point",
    "subpoint": "sub-point",
}  # fmt: skip
_DIVISIONS = frozenset({"part", "title", "chp", "sec", "subsec"})
_ARTICLE_LEVEL = frozenset({"preamble", "rct", "art", "amd"})
_ROLES_BY_GRANULARITY = {
    "article": _DIVISIONS | _ARTICLE_LEVEL,
    "clause": _DIVISIONS | _ARTICLE_LEVEL | {"para", "isec"},
    "point": _DIVISIONS | _ARTICLE_LEVEL | {"para", "isec", "point", "subpoint"},
}
_ENACTING_TERMS = _DIVISIONS | {"art", "amd"}  # units after the preamble and recitals
_FRONT_UNITS = frozenset({"preamble", "rct"})  # top-level units that contain no headings
_PARA_CONTAINERS = frozenset({"art", "isec", "sec", "subsec"})
_POINT_CONTAINERS = frozenset({"art", "isec", "sec", "subsec", "para"})
_TITLE_LINES = {"art": 2, "part": 3, "title": 3, "chp": 3, "sec": 3, "subsec": 3}
# Lines that read as a title when they follow a bare heading ("Chương VI." then
# "CHỦ TỊCH NƯỚC" is a title, not a signature block).
_TITLE_LOOKALIKES = frozenset({r.SIGNATURE, r.ENACTING, r.PREAMBLE_OPENER})
# Lines after which a new unit may start whatever they end with.
_BARE_STRUCTURE = frozenset({r.HEADING, r.PREAMBLE_HEADING, r.GROUP})

# Zones: stretches of the source that belong to no unit.
_FRONT = "front"
_SIGNATURE = "signature"
_GROUP = "group"
_TRAILER = "trailer"
_ZONE_REASON = {
    _FRONT: r.REASON_TITLE,
    _SIGNATURE: r.REASON_SIGNATURE,
    _GROUP: r.REASON_UNATTACHED,
    _TRAILER: r.REASON_TRAILER,
}

# Sequence verdicts.
_EXPECTED = "expected"
_GAP = "gap"
_BACK = "back"

_HEADER_TOKEN = r.Token(r.DROP, r.REASON_HEADER)
_QUOTE_CLOSE = {closer: re.compile(re.escape(closer) + r"[\s.;,:)\]/]*\Z") for closer in '”»’"'}


@dataclass(slots=True)
class _Draft:
    """A unit being cut: its address and where it hangs; its lines are its segment's."""

    role: str
    number: str
    label: str
    title: str | None
    address: str
    parent: _Draft | None
    style: str = ""  # points: "letter" | "roman" | "numeric"
    value: int = 0  # points: position in their list
    list_section: bool = False  # a section written as a numbered list item


@dataclass(frozen=True, slots=True)
class _PointPlan:
    role: str
    parent: _Draft
    keep: int  # stack entries that stay open below the new unit
    style: str
    value: int
    verdict: str


def parse_document(
    source: bytes | str,
    *,
    doc_code: str,
    profile: str = "auto",
    granularity: str = "point",
    source_name: str = "<input>",
    max_units: int | None = None,
) -> CutManifest:
    """Cut `source` (a Markdown or plain-text legal document) into units.

    `profile` is ``vn`` (Vietnamese: Phần, Chương, Mục, Điều, khoản, điểm), ``en``
    (English/EU/US: Part, Chapter, Section, Article, Amendment, paragraphs, points,
    recitals) or ``auto``. `granularity` is the finest unit cut: ``article``,
    ``clause`` (paragraphs, and sections written inside articles/amendments) or
    ``point``. Raises `CutterInputError` for input that cannot be cut trustworthily.

    `max_units` (the document root included) bounds what a refusal costs: once the cut
    has that many units the parser goes on reading the source to count the rest, but
    builds nothing more for them (no segments, warnings, bodies or `Unit`s), and at the
    end raises `UnitLimitExceeded` with the exact count, unless the source fails with
    another `CutterInputError` first, as it would without the bound. Within the bound
    the result is exactly the unbounded one.
    """
    if not isinstance(doc_code, str) or not is_valid_doc_code(doc_code):
        raise CutterInputError(
            f"document code {doc_code!r} must be upper-case letters and digits "
            "joined by single hyphens (e.g. VN-HP-2013)"
        )
    if profile not in PROFILES:
        raise CutterInputError(f"profile must be one of {', '.join(PROFILES)}; got {profile!r}")
    if granularity not in GRANULARITIES:
        raise CutterInputError(f"granularity must be one of {', '.join(GRANULARITIES)}; got {granularity!r}")
    if max_units is not None and (type(max_units) is not int or max_units < 1):
        raise CutterInputError(f"max_units must be a positive integer or None; got {max_units!r}")
    try:
        with _cyclic_gc_paused():
            source_sha256, text, lines = decode_source(source)
            rules = r.PROFILES[r.detect_profile(text) if profile == "auto" else profile]
            del text
            cutter = _Cutter(lines, rules, granularity, doc_code, max_units)
            cutter.run()
            if cutter.counting_only:
                assert max_units is not None
                raise UnitLimitExceeded(cutter.unit_count, max_units)
            units, dropped, warnings = cutter.assemble()
    except CutterInputError as error:
        error.source_name = source_name
        raise
    return CutManifest(
        doc_code=doc_code,
        profile=rules.name,
        granularity=granularity,
        source_sha256=source_sha256,
        units=units,
        dropped=dropped,
        warnings=warnings,
        manifest_sha256=manifest_digest(units),
    )


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the duration of a cut.

    A cut allocates a token per structural line and several objects per unit, all
    alive until the end, and creates no reference cycles: the collector would only
    rescan them again and again (about 15% of the parse time on a 20 MB document).
    Reference counting still frees everything as usual.

    The collector's allocation count keeps running while it is paused, so re-enabling it
    alone would start a collection at the next allocation that scans every object of the cut
    and finds them all alive (0.1 s of a 100,000-unit parse). gc.freeze() resets that count;
    gc.unfreeze() then hands every object to the oldest generation, where the next full
    collection, when one is due, looks at them as at any long-lived object. That is every
    object of the process, the caller's included: a long-running caller that parses often
    leaves its own young cycles to full collections.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def _tokenize(lines: list[str], rules: r.ProfileRules) -> tuple[list[r.Token | None], list[int]]:
    """Tokens by line index, and the indices that carry one, running headers included."""
    tokens: list[r.Token | None] = [None] * len(lines)
    order: list[int] = []
    header_candidates: dict[str, list[int]] = {}
    classify = rules.classify
    header_key = r.running_header_key
    for i, line in enumerate(lines):
        if not line:
            continue
        token = classify(line)
        if token is not None:
            tokens[i] = token
            order.append(i)
        elif len(line) <= 120:
            key = header_key(line)
            if key is not None:
                header_candidates.setdefault(key, []).append(i)
    headers = [i for found in header_candidates.values() if len(found) >= 3 for i in found]
    if headers:
        for i in headers:
            tokens[i] = _HEADER_TOKEN
        order = sorted(order + headers)
    return tokens, order


def _successor(draft: _Draft | None, readings: dict[str, int]) -> tuple[str, int] | None:
    """(style, value) when the label read as `readings` comes right after point `draft`."""
    if draft is not None and readings.get(draft.style) == draft.value + 1:
        return draft.style, draft.value + 1
    return None


def _successor_of(current: tuple[str, int], readings: dict[str, int]) -> bool:
    return readings.get(current[0]) == current[1] + 1


def _list_start(readings: dict[str, int]) -> tuple[str, int] | None:
    """The list a label can open: ``(1)``, ``(a)`` or ``(i)`` (read as roman one)."""
    for style in ("numeric", "letter", "roman"):
        if readings.get(style) == 1:
            return style, 1
    return None


def _follows(previous: tuple[int, str], current: tuple[int, str]) -> bool:
    """Whether `current` is the number right after `previous` (5 → 6, 5 → 5a, 5a → 5b)."""
    if current == (previous[0] + 1, ""):
        return True
    if current[0] != previous[0] or len(current[1]) != 1:
        return False
    expected = "a" if not previous[1] else chr(ord(previous[1][-1]) + 1)
    return current[1] == expected


class _Cutter:
    """The structure pass: tokens in, drafts and dropped lines out."""

    def __init__(self, lines: list[str], rules: r.ProfileRules, granularity: str, doc_code: str,
                 max_units: int | None = None) -> None:
        self.lines = lines
        self.rules = rules
        self.roles = _ROLES_BY_GRANULARITY[granularity]
        self.doc_code = doc_code
        self.tokens, self.order = _tokenize(lines, rules)
        self.stack: list[_Draft] = []
        self.segments: list[tuple[int, _Draft | str]] = [(0, _FRONT)]
        self.zone: str | None = _FRONT
        self.explicit: dict[int, str] = {}  # line index -> drop reason
        self.warnings: list[ParseWarning] = []
        self.seen: dict[str, int] = {}  # address -> line index
        self.last_in_parent: dict[tuple[str, str], tuple[tuple[int, str], str]] = {}
        self.last_global: dict[str, tuple[tuple[int, str], str]] = {}
        self.title_lines: set[int] = set()
        self.preamble: _Draft | None = None
        self.body_started = False
        self.skip_until = -1
        self.position = 0
        self._quote_memo: dict[str, tuple[int, int | None]] = {}
        self._reading_cache: dict[str, dict[str, int]] = {}
        # Units kept below the root; past it the pass only counts (see parse_document).
        self.max_drafts = max_units - 1 if max_units is not None else None
        self.counting_only = False

    @property
    def unit_count(self) -> int:
        """Units cut so far, the document root included."""
        return 1 + len(self.seen)

    # -- the pass --------------------------------------------------------------------

    def run(self) -> None:
        tokens = self.tokens
        trailer = self._trailer_start()
        for position, i in enumerate(self.order):
            token = tokens[i]
            assert token is not None
            if trailer is not None and i >= trailer:
                break
            if token.cat == r.DROP:
                self._drop(i, token.kind)
                continue
            if i <= self.skip_until or i in self.title_lines:
                continue  # inside a quotation, or a heading's title: not structure
            self.position = position
            _HANDLERS[token.cat](self, i, token)
        if trailer is not None:
            self._start_zone(trailer, _TRAILER)
        if not self.seen:
            raise CutterInputError(
                "no recognisable structure: found no preamble, part, chapter, section, "
                "article, amendment or recital heading"
            )

    def _trailer_start(self) -> int | None:
        """The first separator after the last heading: what follows it is metadata.

        Decided on tokens alone, before the structure pass, so that every granularity
        drops the same lines (the US file's closing version table).
        """
        last_heading = None
        for i in reversed(self.order):
            token = self.tokens[i]
            assert token is not None
            if token.cat == r.HEADING:
                last_heading = i
                break
        if last_heading is None:
            return None
        for i in self.order:
            token = self.tokens[i]
            assert token is not None
            if i > last_heading and token.cat == r.DROP and token.kind == r.REASON_SEPARATOR:
                return i
        return None

    # -- token handlers ----------------------------------------------------------------

    def _on_heading(self, i: int, token: r.Token) -> None:
        role = token.kind
        if role == "sec" and self.rules.name == "en":
            role = self._section_role(i, token)
        if role not in self.roles:
            return  # cut coarser than this heading: its lines stay in the enclosing unit
        keep = self._keep_below(_RANK[role])
        parent = self.stack[keep - 1] if keep else None
        verdict = self._judge(parent, role, token.seq)
        if verdict != _EXPECTED:
            if token.weak:
                return  # "Article 5 Title" only counts when 5 is the number due here
            if not token.markdown and not any(self._boundary(i)):
                return  # "... quy định tại\nĐiều 9." is a hard-wrapped reference
            self._report(i, parent, role, token.label, verdict)
        title = token.title
        if title is None and not token.markdown and role in _TITLE_LINES:
            title = self._title_after(i, _TITLE_LINES[role])
        self._open(i, role, token.number, token.label, title, parent, keep, seq=token.seq)

    def _on_preamble_heading(self, i: int, token: r.Token) -> None:
        if self.preamble is None and not self.body_started:
            self.preamble = self._open(i, "preamble", "1", "", token.title, None, 0)

    def _on_preamble_opener(self, i: int, token: r.Token) -> None:
        if self.preamble is None and not self.body_started and self.zone == _FRONT:
            self.preamble = self._open(i, "preamble", "1", "", None, None, 0)

    def _on_enacting(self, i: int, token: r.Token) -> None:
        if not self.body_started:
            self._drop(i, r.REASON_ENACTING)

    def _on_signature(self, i: int, token: r.Token) -> None:
        if self.zone is None and self.body_started:
            self._start_zone(i, _SIGNATURE)

    def _on_group(self, i: int, token: r.Token) -> None:
        if self.zone == _FRONT:
            return  # a Markdown title before the first unit: front matter
        self._drop(i, r.REASON_GROUP)
        if self.zone is None:
            self._start_zone(i, _GROUP)

    def _on_quote(self, i: int, token: r.Token) -> None:
        if self.zone is not None:
            return
        end = self._quote_end(i, token.closer)
        if end is None:
            self._warn(i, "quotation opened here is never closed; its lines are read as text")
        else:
            self.skip_until = end

    def _on_para(self, i: int, token: r.Token) -> None:
        if "para" not in self.roles or self.zone is not None:
            return
        plan = self._clause_plan()
        if plan is None:
            return
        role, parent, keep = plan
        verdict = self._judge(parent, role, token.seq)
        if not self._accept(i, token, verdict):
            return
        self._report(i, parent, role, token.label, verdict)
        self._open(
            i, role, token.number, token.label, None, parent, keep,
            seq=token.seq, list_section=role == "isec",
        )  # fmt: skip

    def _on_label(self, i: int, token: r.Token) -> None:
        numeric = token.label.isdigit()
        if self.zone not in (None, _FRONT):
            if numeric and token.spaced:
                self._drop(i, r.REASON_FOOTNOTE)
            return
        if numeric and not self.body_started:
            self._on_recital(i, token)
            return
        if self.zone is not None or "point" not in self.roles:
            return
        plan = self._point_plan(token)
        if plan is None or not self._accept(i, token, plan.verdict):
            return
        if plan.verdict != _EXPECTED:
            self._warn(i, f"{_NOUN[plan.role]} ({token.label}) is out of sequence")
        number = str(int(token.label)) if numeric else letter_token(token.label)
        draft = self._open(i, plan.role, number, token.label, None, plan.parent, plan.keep)
        draft.style, draft.value = plan.style, plan.value

    def _on_recital(self, i: int, token: r.Token) -> None:
        seq = (int(token.label), "")
        verdict = self._judge(None, "rct", seq)
        if token.spaced and verdict != _EXPECTED:
            self._drop(i, r.REASON_FOOTNOTE)
            return
        if not self._accept(i, token, verdict):
            return
        self._report(i, None, "rct", token.label, verdict)
        self._open(i, "rct", str(seq[0]), token.label, None, None, 0, seq=seq)

    # -- hierarchy ---------------------------------------------------------------------

    def _keep_below(self, rank: int) -> int:
        """How many stack entries stay open under a new unit of `rank`."""
        keep = len(self.stack)
        while keep and (
            _RANK[self.stack[keep - 1].role] >= rank or self.stack[keep - 1].role in _FRONT_UNITS
        ):
            keep -= 1
        return keep

    def _clause_plan(self) -> tuple[str, _Draft, int] | None:
        """(role, parent, keep) of a numbered line ``N.`` in the current context."""
        for keep in range(len(self.stack), 0, -1):
            draft = self.stack[keep - 1]
            if draft.role in ("para", "point", "subpoint"):
                continue
            if draft.role == "isec" and draft.list_section and draft.parent is not None:
                return "isec", draft.parent, keep - 1
            if draft.role == "amd":
                return "isec", draft, keep
            if draft.role in _PARA_CONTAINERS:
                return "para", draft, keep
            return None
        return None

    def _point_plan(self, token: r.Token) -> _PointPlan | None:
        """Where a label such as ``(i)`` goes: next point, first sub-point, or nowhere."""
        container = point_keep = 0
        point: _Draft | None = None
        sub: _Draft | None = None
        for keep in range(len(self.stack), 0, -1):
            draft = self.stack[keep - 1]
            if draft.role == "subpoint":
                sub = draft
            elif draft.role == "point":
                point, point_keep = draft, keep
            elif draft.role in _POINT_CONTAINERS:
                container = keep
                break
            else:
                break
        if not container:
            return None
        choice = self._choose_list(token.label, point, sub)
        if choice is None:
            return None
        level, style, value, verdict = choice
        if level == "subpoint":
            assert point is not None
            return _PointPlan("subpoint", point, point_keep, style, value, verdict)
        return _PointPlan("point", self.stack[container - 1], container, style, value, verdict)

    def _choose_list(
        self, label: str, point: _Draft | None, sub: _Draft | None
    ) -> tuple[str, str, int, str] | None:
        """(level, list style, value, verdict) of a label, given the open point and sub-point.

        Sequence decides: a label continues the innermost list it can continue; when
        it could continue both ("(v)" after sub-point "(iv)" of point "(u)") or could
        equally open a roman sub-list ("(i)" after "(h)"), the next label decides.
        """
        readings = self._readings(label)
        sub_next = _successor(sub, readings)
        point_next = _successor(point, readings)
        start = _list_start(readings)
        if sub_next is not None and point_next is not None:
            follower = self._next_label()
            if follower is not None and _successor_of(point_next, self._readings(follower)):
                return ("point", *point_next, _EXPECTED)
            return ("subpoint", *sub_next, _EXPECTED)
        if sub_next is not None:
            return ("subpoint", *sub_next, _EXPECTED)
        if point_next is not None:
            assert point is not None
            if (
                start is not None
                and start[0] != point.style
                and self._next_label() == self._second_label(start[0])
            ):
                return ("subpoint", *start, _EXPECTED)  # "(i)" then "(ii)": a roman sub-list
            return ("point", *point_next, _EXPECTED)
        if start is not None:
            opens_sub_list = point is not None and start[0] != point.style
            return ("subpoint" if opens_sub_list else "point", *start, _EXPECTED)
        for level, draft in (("subpoint", sub), ("point", point)):
            if draft is not None and readings.get(draft.style, 0) > draft.value:
                return (level, draft.style, readings[draft.style], _GAP)
        if point is None and readings:
            style, value = next(iter(readings.items()))
            return ("point", style, value, _GAP)
        return None

    def _readings(self, label: str) -> dict[str, int]:
        """The list styles a label can belong to, with its value in each (cached, read-only)."""
        readings = self._reading_cache.get(label)
        if readings is None:
            letter, roman, number = self.rules.label_style(label)
            readings = {}
            if number is not None:
                readings["numeric"] = number
            if letter is not None:
                readings["letter"] = letter
            if roman is not None:
                readings["roman"] = roman
            self._reading_cache[label] = readings
        return readings

    def _second_label(self, style: str) -> str:
        return {"numeric": "2", "letter": self.rules.alphabet.letters[1], "roman": "ii"}[style]

    def _next_label(self) -> str | None:
        """The next label token, unless another structural token comes first."""
        order, tokens = self.order, self.tokens
        for position in range(self.position + 1, len(order)):
            token = tokens[order[position]]
            assert token is not None
            if token.cat != r.DROP:
                return token.label if token.cat == r.LABEL else None
        return None

    def _section_role(self, i: int, token: r.Token) -> str:
        """``sec`` when a Section groups articles (EU), ``isec`` when it divides one (US).

        A Section groups articles when nothing but its title stands between it and
        the next Article heading; one that carries text of its own, inside an open
        article or amendment, is a section of that article.
        """
        inside_article = any(draft.role in ("art", "amd") for draft in self.stack)
        if token.inline_text and inside_article:
            return "isec"
        j = self._next_content(i)
        for _ in range(3):
            if j is None or self.tokens[j] is not None:
                break
            if not r.is_title_like(self.lines[j].strip()):
                break
            j = self._next_content(j)
        if j is not None:
            token = self.tokens[j]
            if token is not None and token.cat == r.HEADING and token.kind in ("art", "subsec"):
                return "sec"
        return "isec" if inside_article else "sec"

    # -- sequence ------------------------------------------------------------------------

    def _judge(self, parent: _Draft | None, role: str, seq: tuple[int, str]) -> str:
        """Whether `seq` is the number due next under `parent` (or continues the document)."""
        last = self.last_in_parent.get((parent.address if parent is not None else "", role))
        if last is None:
            previous = self.last_global.get(role)
            if seq == (1, "") or (previous is not None and _follows(previous[0], seq)):
                return _EXPECTED
            return _BACK if previous is not None and seq <= previous[0] else _GAP
        if _follows(last[0], seq):
            return _EXPECTED
        return _GAP if seq > last[0] else _BACK

    def _report(self, i: int, parent: _Draft | None, role: str, label: str, verdict: str) -> None:
        if verdict == _EXPECTED:
            return
        noun = _NOUN[role]
        last = self.last_in_parent.get((parent.address if parent is not None else "", role))
        if last is None:
            last = self.last_global.get(role)
        if last is None:
            self._warn(i, f"{noun} {label} does not start its numbering at 1")
        elif verdict == _GAP:
            self._warn(i, f"{noun} {label} follows {noun} {last[1]}: numbering gap")
        else:
            self._warn(i, f"{noun} {label} comes after {noun} {last[1]}: out of sequence")

    def _accept(self, i: int, token: r.Token, verdict: str) -> bool:
        """Whether a numbered line starts a unit or continues a hard-wrapped sentence.

        The expected number is accepted when its label stands alone, a blank line
        precedes it or the previous line ends a sentence; any other number only in
        the last case (and a warning says so).
        """
        if verdict == _EXPECTED and (token.alone or (i and not self.lines[i - 1])):
            return True
        clean, blank_before = self._boundary(i)
        return clean or (verdict == _EXPECTED and blank_before)

    def _boundary(self, i: int) -> tuple[bool, bool]:
        """(previous text line ends a sentence or is structure, a blank line comes between)."""
        blank = False
        j = i - 1
        while j >= 0:
            if not self.lines[j]:
                blank = True
            elif j not in self.explicit:
                break
            j -= 1
        if j < 0:
            return True, blank
        token = self.tokens[j]
        if j in self.title_lines or (token is not None and token.cat in _BARE_STRUCTURE):
            return True, blank
        if token is not None and token.cat in (r.PARA, r.LABEL) and token.alone:
            return True, blank
        return r.ends_sentence(self.lines[j]), blank

    # -- helpers ---------------------------------------------------------------------------

    def _open(
        self,
        i: int,
        role: str,
        number: str,
        label: str,
        title: str | None,
        parent: _Draft | None,
        keep: int,
        *,
        seq: tuple[int, str] | None = None,
        list_section: bool = False,
    ) -> _Draft:
        """Start a unit at line `i` under `parent`, closing what `keep` leaves open.

        Addresses are valid by construction: kinds come from `_KIND`, numbers from
        the rules' digit, roman and letter patterns (ASCII once ``đ`` is ``dd``).
        """
        kind = _KIND[role]
        address = f"{parent.address if parent is not None else self.doc_code}/{kind}_{number}"
        first = self.seen.get(address)
        if first is not None:
            raise CutterInputError(
                f"{_NOUN[role]} {label} would repeat address {address}, already cut from line {first + 1}",
                line=i + 1,
            )
        self.seen[address] = i
        draft = _Draft(role, number, label, title, address, parent, list_section=list_section)
        del self.stack[keep:]
        self.stack.append(draft)
        if self.max_drafts is None or len(self.seen) <= self.max_drafts:
            self.segments.append((i, draft))
        elif not self.counting_only:
            self._count_only()
        self.zone = None
        if seq is not None:
            self.last_in_parent[(parent.address if parent is not None else "", role)] = (seq, label)
            self.last_global[role] = (seq, label)
        if role in _ENACTING_TERMS:
            self.body_started = True
        return draft

    def _count_only(self) -> None:
        """Over max_units: from here on the pass only counts. What it holds for assembly goes
        (a draft lives on only while its unit is open); what decides structure stays."""
        self.counting_only = True
        self.segments.clear()
        self.warnings.clear()

    def _start_zone(self, i: int, zone: str) -> None:
        if not self.counting_only:
            self.segments.append((i, zone))
        self.zone = zone
        self.stack.clear()

    def _drop(self, i: int, reason: str) -> None:
        self.explicit.setdefault(i, reason)

    def _warn(self, i: int, message: str) -> None:
        if not self.counting_only:
            self.warnings.append(ParseWarning(i + 1, f"line {i + 1}: {message}"))

    def _next_content(self, i: int) -> int | None:
        """Index of the next line after `i` that is neither blank nor a dropped artefact."""
        lines, tokens = self.lines, self.tokens
        for j in range(i + 1, len(lines)):
            token = tokens[j]
            if lines[j] and (token is None or token.cat != r.DROP):
                return j
        return None

    def _title_after(self, i: int, limit: int) -> str | None:
        """The title printed on the line(s) after a bare heading (``Chương I.`` / ``CHAPTER I``)."""
        parts: list[str] = []
        j = self._next_content(i)
        while j is not None and len(parts) < limit:
            token = self.tokens[j]
            if token is not None and token.cat not in _TITLE_LOOKALIKES:
                break
            text = self.lines[j].strip()
            if not r.is_title_like(text):
                break
            parts.append(text)
            self.title_lines.add(j)
            j = self._next_content(j)
        return " ".join(parts) or None

    def _quote_end(self, i: int, closer: str) -> int | None:
        """The line closing a quotation opened at `i`, found in one linear pass overall."""
        start = i + 1
        memo = self._quote_memo.get(closer)
        if memo is not None and memo[0] <= start and (memo[1] is None or memo[1] >= start):
            return memo[1]
        pattern = _QUOTE_CLOSE[closer]
        found = None
        for j in range(start, len(self.lines)):
            line = self.lines[j]
            if line and pattern.search(line[-16:]):
                found = j
                break
        self._quote_memo[closer] = (start, found)
        return found

    # -- assembly --------------------------------------------------------------------------

    def assemble(self) -> tuple[tuple[Unit, ...], tuple[Dropped, ...], tuple[ParseWarning, ...]]:
        """Units with their bodies and hashes, dropped lines and warnings, in source order."""
        lines, explicit = self.lines, self.explicit
        drops = sorted(explicit)
        drop_count = len(drops)
        dropped: list[Dropped] = []
        warnings = list(self.warnings)
        bounds = [start for start, _ in self.segments] + [len(lines)]
        units: list[Unit] = [self._root(bounds[1])]
        cursor = 0
        for index, (start, owner) in enumerate(self.segments):
            end = bounds[index + 1]
            while cursor < drop_count and drops[cursor] < start:
                cursor += 1
            first_drop = cursor
            while cursor < drop_count and drops[cursor] < end:
                cursor += 1
            if isinstance(owner, str):
                self._drop_zone(owner, start, end, dropped, warnings, title_to_root=index == 0)
                continue
            if cursor > first_drop:
                inner = drops[first_drop:cursor]
                dropped.extend([Dropped(j + 1, lines[j], explicit[j]) for j in inner])
                kept = [j for j in range(start, end) if j not in explicit]
                while not lines[kept[-1]]:
                    kept.pop()
                body = "\n".join([lines[j] for j in kept])
                last = kept[-1]
            else:
                last = end - 1
                while not lines[last]:
                    last -= 1
                body = "\n".join(lines[start : last + 1])
            parent = owner.parent
            units.append(
                Unit(
                    owner.address,
                    _KIND[owner.role],
                    owner.number,
                    owner.label,
                    owner.title,
                    body,
                    hashlib.sha256(body.encode("utf-8")).hexdigest(),
                    parent.address if parent is not None else self.doc_code,
                    len(units) + 1,
                    start + 1,
                    last + 1,
                )
            )
        warnings.sort(key=lambda w: w.line)
        return tuple(units), tuple(dropped), tuple(warnings)

    def _front_title(self, end: int) -> list[int]:
        """Indexes of the document title's lines: the front zone's lines not dropped for a
        reason of their own (an image, a separator, a running header)."""
        return [j for j in range(end) if self.lines[j] and j not in self.explicit]

    def _root(self, front_end: int) -> Unit:
        """The document itself, the root every top-level unit hangs from (``DOC-CODE``).

        Its body is the title block verbatim, from its first line to its last. A source with
        no title gives a root whose body is the document code, marked as taken from no source
        line (line_start = line_end = 0).
        """
        title_lines = self._front_title(front_end)
        if not title_lines:
            return Unit(self.doc_code, "doc", "", self.doc_code, None, self.doc_code,
                        hashlib.sha256(self.doc_code.encode("utf-8")).hexdigest(), None, 1, 0, 0)
        first, last = title_lines[0], title_lines[-1]
        body = "\n".join(
            self.lines[j] for j in range(first, last + 1) if j not in self.explicit
        )
        pieces = (self.lines[j].strip().lstrip("#").strip() for j in title_lines)
        title = " ".join(piece for piece in pieces if piece)
        return Unit(self.doc_code, "doc", "", self.doc_code, title or None, body,
                    hashlib.sha256(body.encode("utf-8")).hexdigest(), None, 1, first + 1, last + 1)

    def _drop_zone(
        self, zone: str, start: int, end: int, dropped: list[Dropped], warnings: list[ParseWarning],
        *, title_to_root: bool = False,
    ) -> None:
        """Every non-blank line of a zone is dropped, with its own reason or the zone's; the
        front zone's title lines go to the document root instead."""
        reason = _ZONE_REASON[zone]
        for j in range(start, end):
            line = self.lines[j]
            if title_to_root and line and j not in self.explicit:
                continue
            if line:
                why = self.explicit.get(j, reason)
                dropped.append(Dropped(j + 1, line, why))
                if why == r.REASON_UNATTACHED:
                    message = f"line {j + 1}: text under a group heading belongs to no unit"
                    warnings.append(ParseWarning(j + 1, message))


_HANDLERS: dict[str, Callable[[_Cutter, int, r.Token], None]] = {
    r.HEADING: _Cutter._on_heading,
    r.PREAMBLE_HEADING: _Cutter._on_preamble_heading,
    r.PREAMBLE_OPENER: _Cutter._on_preamble_opener,
    r.PARA: _Cutter._on_para,
    r.LABEL: _Cutter._on_label,
    r.ENACTING: _Cutter._on_enacting,
    r.SIGNATURE: _Cutter._on_signature,
    r.QUOTE: _Cutter._on_quote,
    r.GROUP: _Cutter._on_group,
}
