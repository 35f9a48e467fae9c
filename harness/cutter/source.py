"""From raw source bytes to the NFC lines the cutter reads."""

from __future__ import annotations

import hashlib
import unicodedata

from .model import CutterInputError


def decode_source(source: bytes | str) -> tuple[str, str, list[str]]:
    """(SHA-256 of the raw bytes, NFC text, NFC lines right-stripped).

    Bytes must be strict UTF-8 (a leading BOM is ignored); a `str` is hashed as its
    UTF-8 encoding. Lines are split on LF only, so line numbers match what editors,
    ``grep -n`` and ``sed -n`` show; a CR before the LF is trailing whitespace.
    Lines are right-stripped: trailing whitespace is never part of a unit body.
    """
    if isinstance(source, str):
        try:
            raw = source.encode("utf-8")
        except UnicodeEncodeError as error:
            line = source.count("\n", 0, error.start) + 1
            raise CutterInputError(
                f"character U+{ord(source[error.start]):04X} cannot be encoded as UTF-8",
                line=line,
            ) from None
        text = source
    elif isinstance(source, bytes | bytearray | memoryview):
        raw = bytes(source)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            line = raw.count(b"\n", 0, error.start) + 1
            column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
            raise CutterInputError(
                f"not UTF-8: byte 0x{raw[error.start]:02x} at column {column} (byte offset {error.start})",
                line=line,
            ) from None
    else:
        raise CutterInputError(f"source must be bytes or str, not {type(source).__name__}")
    sha256 = hashlib.sha256(raw).hexdigest()
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text or text.isspace():
        raise CutterInputError("source is empty or contains only whitespace")
    nul = text.find("\x00")
    if nul >= 0:
        raise CutterInputError(
            "NUL character in text (PostgreSQL text cannot store it)",
            line=text.count("\n", 0, nul) + 1,
        )
    text = unicodedata.normalize("NFC", text)
    return sha256, text, [line.rstrip() for line in text.split("\n")]
