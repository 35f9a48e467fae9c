"""Akoma Ntoso eIds ↔ our address segments (docs/addressing.md has the full table).

An AKN eId joins components with ``__`` (``art_2__list_1__point_a``); ours joins
segments with ``/`` under the document code (``DOC/art_2/point_a``). Both use the
same kind abbreviations for the hierarchy, so the mapping is mostly renaming:

* hierarchy components map one to one (``chp``, ``sec``, ``art``, ``para``,
  ``point``, ...), ``rec`` becomes ``rct`` and a point inside a point ``subpoint``;
* wrappers that carry no text of their own vanish (``list``, ``recs``, ``cits``);
* numbers lose printed brackets and dots, roman numerals of divisions and articles
  become arabic (``chp_I`` → ``chp_1``) and ``đ`` becomes ``dd``;
* anything else (``heading``, ``intro``, ``content``, ``subparagraph``, ``al``,
  ``ref``, ...) is not an Information Unit of its own: the eId is refused, or, with
  ``enclosing=True``, mapped to the unit that holds that text.
"""

from __future__ import annotations

import re

from .model import CutterInputError
from .numbering import arabic_token, letter_token, roman_to_int

_UNIT_KINDS = {
    "part": "part", "title": "title", "chp": "chp", "sec": "sec", "subsec": "subsec",
    "art": "art", "para": "para", "point": "point", "rec": "rct", "preamble": "preamble",
}  # fmt: skip
_WRAPPERS = frozenset({"list", "recs", "cits"})
_ROMAN_KINDS = frozenset({"part", "title", "chp", "sec", "subsec", "art"})
_PRINTED = re.compile(r"[()\[\].\s]")
_TOKEN = re.compile(r"[a-z0-9]+")
_ARABIC = re.compile(r"[0-9]+[a-z]*")


def akn_eid_to_segments(eid: str, *, enclosing: bool = False) -> list[str]:
    """Our address segments for an AKN eId: ``art_2__list_1__point_a`` → ``[art_2, point_a]``.

    Raises `CutterInputError` (a ValueError) when the eId names something that is
    not an Information Unit, unless `enclosing` is set: then the segments of the
    innermost unit that holds it are returned (``art_1__para_2__content`` →
    ``[art_1, para_2]``), and only an eId outside every unit is refused.
    """
    segments: list[str] = []
    components = eid.split("__")
    for component in components:
        name, _, number = component.partition("_")
        if name in _WRAPPERS:
            if component is components[-1] and not enclosing:
                raise CutterInputError(f"AKN eId {eid!r}: {component!r} is a wrapper, not a unit")
            continue
        kind = _UNIT_KINDS.get(name)
        if kind is None:
            if enclosing and segments:
                return segments
            raise CutterInputError(f"AKN eId {eid!r}: {component!r} is not an Information Unit")
        if kind == "point" and segments and segments[-1].startswith("point_"):
            kind = "subpoint"
        segments.append(f"{kind}_{_number_token(eid, kind, number)}")
    if not segments:
        raise CutterInputError(f"AKN eId {eid!r} names no Information Unit")
    return segments


def _number_token(eid: str, kind: str, number: str) -> str:
    printed = _PRINTED.sub("", number)
    if not printed:
        if kind == "preamble":
            return "1"
        raise CutterInputError(f"AKN eId {eid!r}: {kind} without a number")
    if kind in _ROMAN_KINDS:
        value = roman_to_int(printed)
        if value is not None:
            return str(value)
    token = letter_token(printed.lower())
    if _ARABIC.fullmatch(token):
        return arabic_token(token)[0]
    if _TOKEN.fullmatch(token) is None:
        raise CutterInputError(f"AKN eId {eid!r}: number {number!r} has no ASCII address token")
    return token
