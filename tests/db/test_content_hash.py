"""fn_iu_content_hash (CONTRACT §3): SHA-256 of the NFC form's UTF-8 bytes.

Revision 0022 made it skip normalize() for a body the quick check finds already in NFC. These
tests hold it to the definition: against Python's NFC and SHA-256, and against the
always-normalising expression of revision 0002 evaluated by the same server, on composed,
decomposed and mixed text.
"""

from __future__ import annotations

import hashlib
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import create_units

# Characters PostgreSQL 15 and Python 3.11 both know (Unicode 14): Latin with and without
# accents, combining marks in canonical and non-canonical order, Vietnamese stacked
# diacritics, Hangul syllables and jamo, Greek, compatibility characters NFC keeps (ﬁ, Ⅳ),
# singletons NFC replaces (Ω ohm sign, Å angstrom sign), whitespace and ASCII punctuation.
ALPHABET = (
    "aeiouyAEIOUYdDnNcC xyz.,;:'\"\\\t\n"
    "\u00e9\u00c5\u1ec7\u01a1\u01b0\u0111\u1ea5\u1edf"
    "\u0301\u0300\u0302\u0303\u0309\u0323\u0306\u031b\u0327\u030a"
    "\uac00\ud55c\u1100\u1161\u11a8"
    "\u03b1\u0391\u1f00\ufb01\u2163\u2126\u212b"
)

OLD_DEFINITION = (
    "SELECT pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to("
    "pg_catalog.normalize(%(body)s, 'NFC'), 'UTF8')), 'hex')"
)


def python_hash(body: str) -> str:
    return hashlib.sha256(unicodedata.normalize("NFC", body).encode("utf-8")).hexdigest()


def db_hash(catalog, body: str) -> str:
    return catalog.execute("SELECT public.fn_iu_content_hash(%s)", (body,)).fetchone()[0]


def test_known_forms_hash_alike(catalog):
    composed = "Quy\u1ec1n con ng\u01b0\u1eddi"  # Quyền con người
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert db_hash(catalog, composed) == db_hash(catalog, decomposed) == python_hash(composed)
    # A singleton and its canonical equivalent: the ohm sign normalises to omega.
    assert db_hash(catalog, "\u2126") == db_hash(catalog, "\u03a9") == python_hash("\u03a9")
    # NFC keeps compatibility characters: ﬁ is not fi.
    assert db_hash(catalog, "\ufb01") != db_hash(catalog, "fi")


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    body=st.text(alphabet=ALPHABET, min_size=1, max_size=60),
    form=st.sampled_from(["as drawn", "NFC", "NFD"]),
)
def test_hash_is_sha256_of_the_nfc_form(catalog, body, form):
    if form != "as drawn":
        body = unicodedata.normalize(form, body)
    stored = db_hash(catalog, body)
    assert stored == python_hash(body)
    assert stored == catalog.execute(OLD_DEFINITION, {"body": body}).fetchone()[0]


def test_generated_column_stores_the_same_hash(conn):
    """unit_version.content_hash, generated from the replaced function, is the hash of the body."""
    bodies = ["Article 1. Plain ASCII.", "\u0110i\u1ec1u 2. Qu\u1ed1c h\u1ed9i", unicodedata.normalize(
        "NFD", "\u0110i\u1ec1u 3. Ch\u00ednh ph\u1ee7"), "Article 4. \ufb01nal \u2163"]
    units = [("HASH-DOC", "Root.")] + [(f"HASH-DOC/art_{i}", b) for i, b in enumerate(bodies, 1)]
    create_units(conn, units)
    stored = dict(conn.execute(
        "SELECT iu.canonical_address, uv.content_hash FROM unit_version AS uv"
        " JOIN information_unit AS iu ON iu.id = uv.iu_id"
    ).fetchall())
    assert stored == {address: python_hash(body) for address, body in units}
