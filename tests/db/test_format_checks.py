"""The format checks revision 0033 rewrote without a bounded repetition hold exactly the rows
the earlier regular expressions held: each check's expression, read from the catalog at head,
is evaluated by the server against the earlier expression on the same value, for chosen edge
cases and for generated strings around the bound (NUL aside, which text cannot hold)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import raises_sqlstate

HEX, NEAR_HEX = "0123456789abcdef", "ABCFg \n\u00e9"
# constraint -> (table, column, the expression it replaced, its class, characters outside it)
CHECKS = {
    "manifest_entry_content_hash": (
        "cutter_governance.manifest_entry", "content_hash", "^[0-9a-f]{64}$", HEX, NEAR_HEX),
    "iu_lifecycle_log_entry_hash": (
        "public.iu_lifecycle_log", "entry_hash", "^[0-9a-f]{64}$", HEX, NEAR_HEX),
    "information_unit_publication_type_format": (
        "public.information_unit", "publication_type", "^[a-z][a-z_]{0,62}$", "abz_", "AZ0- \n\u00e9"),
}

EDGES = [
    None, "", "a", "_", "a_", "\n", "a" * 62, "a" * 63, "a" * 64, "a" * 65, "0" * 64, "f" * 64,
    "0" * 63, "0" * 65, "F" * 64, "0" * 63 + "\n", "\n" + "0" * 63, "0" * 62 + "\u00e9",
    "0" * 63 + "g", "_" + "a" * 10, "a" * 62 + "_", "law", "constitution", "a" * 61 + "\u00e9",
]


def agree(conn, name: str, value: str | None) -> None:
    table, column, old, _, _ = CHECKS[name]
    expression = conn.execute(
        "SELECT pg_get_expr(conbin, conrelid) FROM pg_constraint"
        " WHERE conname = %s AND conrelid = %s::regclass",
        (name, table),
    ).fetchone()[0]
    now, before = conn.execute(
        f"SELECT {expression}, s.{column} ~ %s FROM (SELECT %s::text AS {column}) AS s", (old, value)
    ).fetchone()
    # A CHECK refuses a row only when its expression is false: NULL passes both.
    assert (now is not False) == (before is not False), (name, value, now, before)


def test_the_checks_are_the_rewritten_ones(catalog):
    for name, (table, _, _, _, _) in CHECKS.items():
        definition = catalog.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE conname = %s AND conrelid = %s::regclass",
            (name, table),
        ).fetchone()[0]
        assert "octet_length" in definition and "{" not in definition, definition


@pytest.mark.parametrize("name", CHECKS)
def test_edge_cases_pass_and_fail_as_before(catalog, name):
    for value in EDGES:
        agree(catalog, name, value)


@pytest.mark.parametrize("name", CHECKS)
def test_generated_strings_pass_and_fail_as_before(catalog, name):
    inside, outside = CHECKS[name][3:]

    @settings(max_examples=150, deadline=None)
    @given(st.one_of(
        st.text(alphabet=inside, min_size=0, max_size=70),
        st.text(alphabet=inside + outside, min_size=60, max_size=66),
    ))
    def check(value):
        agree(catalog, name, value)

    check()


def test_a_bad_hash_is_still_refused_with_the_constraint_name(catalog):
    with catalog.transaction(force_rollback=True):
        catalog.execute("ALTER TABLE cutter_governance.manifest_entry DISABLE TRIGGER USER")
        with raises_sqlstate("23514") as info:
            catalog.execute(
                "INSERT INTO cutter_governance.manifest_entry"
                " (envelope_id, ordinal, canonical_address, content_hash, action)"
                " VALUES (gen_random_uuid(), 1, 'ICX-CONST', %s, 'created')", ("0" * 63 + "g",))
        assert info.value.diag.constraint_name == "manifest_entry_content_hash"
