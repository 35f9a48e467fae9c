"""Numbers as printed in legal texts, and the address tokens they become.

Headings carry arabic numbers (``Điều 12``, ``Article 5a``), upper-case roman
numerals (``Chương IV``, ``Article IV``: converted to arabic) or ordinal words
(``Phần thứ hai``, ``Fourteenth Amendment``). Points carry letters (Vietnamese
points skip f, j, w, z and insert ``đ`` after ``d``), lower-case roman numerals
or numbers. Whether ``(i)`` is the letter after ``(h)`` or the first roman
sub-point is decided by sequence in the parser, not here.
"""

from __future__ import annotations

import re

_ROMAN_RE = re.compile(r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}

VN_LETTERS: tuple[str, ...] = tuple("abcdđeghiklmnopqrstuvxy")  # no f, j, w, z; đ after d
EN_LETTERS: tuple[str, ...] = tuple("abcdefghijklmnopqrstuvwxyz")

_EN_ORDINAL_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
}
_EN_ORDINAL_TEENS = {
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_EN_TENS_ORDINAL = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50}

_VN_ORDINAL_UNITS = {
    "nhất": 1,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "tư": 4,
    "bốn": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
}


def roman_to_int(text: str) -> int | None:
    """Value of a canonical upper-case roman numeral (``IV`` → 4); None if it is not one."""
    if not text or _ROMAN_RE.fullmatch(text) is None:
        return None
    total = 0
    for i, char in enumerate(text):
        value = _ROMAN_VALUES[char]
        if i + 1 < len(text) and _ROMAN_VALUES[text[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def int_to_roman(value: int) -> str:
    """Canonical upper-case roman numeral for 1..4999."""
    parts = []
    for number, symbol in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, value = divmod(value, number)
        parts.append(symbol * count)
    return "".join(parts)


def lower_roman_value(label: str) -> int | None:
    """Value of a lower-case roman label such as ``iv``; None if it is not one."""
    return roman_to_int(label.upper()) if label.islower() else None


def en_ordinal_to_int(word: str) -> int | None:
    """``First`` → 1, ``Twenty-seventh`` → 27; None for anything else."""
    word = word.lower()
    for table in (_EN_ORDINAL_UNITS, _EN_ORDINAL_TEENS, _EN_TENS_ORDINAL):
        if word in table:
            return table[word]
    tens, sep, unit = word.partition("-")
    if sep and tens in _EN_TENS and unit in _EN_ORDINAL_UNITS:
        return _EN_TENS[tens] + _EN_ORDINAL_UNITS[unit]
    return None


def vn_ordinal_to_int(words: str) -> int | None:
    """``nhất`` → 1, ``tư`` → 4, ``mười một`` → 11 (the word after ``thứ``)."""
    parts = words.lower().split()
    if len(parts) == 1:
        if parts[0] == "mười":
            return 10
        return 1 if parts[0] == "nhất" else _VN_ORDINAL_UNITS.get(parts[0])
    if len(parts) == 2 and parts[0] == "mười" and parts[1] in _VN_ORDINAL_UNITS:
        return 10 + _VN_ORDINAL_UNITS[parts[1]]
    return None


def arabic_token(text: str) -> tuple[str, tuple[int, str]]:
    """``"012a"`` → (``"12a"``, (12, "a")): leading zeros go, a letter suffix stays."""
    digits = text.rstrip("abcdefghijklmnopqrstuvwxyz")
    suffix = text[len(digits) :]
    value = int(digits)
    return f"{value}{suffix}", (value, suffix)


def letter_token(label: str) -> str:
    """Address token of a point letter: ASCII letters stay, ``đ`` becomes ``dd``."""
    return label.replace("đ", "dd")


class Alphabet:
    """The letter sequence of one profile's points.

    English lists continue with doubled letters after ``z`` (``aa``, ``bb``, ...).
    Vietnamese lists do not: ``dd`` is the address token of ``đ`` and must never
    also name a doubled ``d``.
    """

    def __init__(self, letters: tuple[str, ...], *, doubled: bool) -> None:
        self.letters = letters
        self._index = {letter: i for i, letter in enumerate(letters)}
        if doubled:
            size = len(letters)
            for i, letter in enumerate(letters):
                self._index.setdefault(letter * 2, size + i)

    def index(self, label: str) -> int | None:
        """0-based position of a letter label (``aa`` follows the last single letter)."""
        return self._index.get(label)


VN_ALPHABET = Alphabet(VN_LETTERS, doubled=False)
EN_ALPHABET = Alphabet(EN_LETTERS, doubled=True)
