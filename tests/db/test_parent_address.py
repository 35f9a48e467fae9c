"""The parent address fn_iu_preflight and fn_iu_create compute for each unit (revision 0034:
cut at the last '/' without a regular expression) is the one information_unit's generated
column parent_address stores for the same address, for every text: the create joins a unit to
its parent on it and the tree check compares it with the stored column. The expression is read
from each function's definition at head and evaluated by the server beside the column's."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

FUNCTIONS = (
    "public.fn_iu_preflight(text[], text[], text[], text, integer[])",
    "public.fn_iu_create(text[], text[], text, text[], text, integer[], uuid)",
)
PARENT = re.compile(
    r"(CASE\s+WHEN pg_catalog\.strpos\(t\.addr, '/'\) > 0 THEN CASE.*?END\s+END) AS parent_addr", re.S)

EDGES = [
    None, "", "/", "//", "a/", "/a", "A/b", "A/b/", "A/b//", "A//b", "DOC", "DOC/chp_1",
    "DOC/chp_1/art_2/para_1", "DOC/chp_1/art_2/", "A/\u00e9", "\u00e9/\u00e9/x", "A/b\n", "A\n/b",
    "A/b\n/c", "A/b/\n", "\n", "a/b/c/d/e/f", "/" * 10, "x" * 300 + "/y",
]


@pytest.fixture(scope="module")
def expression(catalog) -> str:
    found = set()
    for name in FUNCTIONS:
        (definition,) = catalog.execute("SELECT pg_get_functiondef(%s::regprocedure)", (name,)).fetchone()
        match = PARENT.search(definition)
        assert match, f"{name}: no parent_addr expression"
        found.add(" ".join(match.group(1).split()))
    assert len(found) == 1, found
    (text,) = found
    assert "regexp" not in text, text
    return text


def stored_parent(catalog, expression: str, address: str | None) -> tuple[str | None, str | None]:
    # The generated column's expression, read from the catalog, on the same address.
    (column,) = catalog.execute(
        "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef AS d"
        " JOIN pg_attribute AS a ON a.attrelid = d.adrelid AND a.attnum = d.adnum"
        " WHERE d.adrelid = 'public.information_unit'::regclass AND a.attname = 'parent_address'"
    ).fetchone()
    return catalog.execute(
        f"SELECT {expression}, {column} FROM (SELECT %s::text AS addr, %s::text AS canonical_address) AS t",
        (address, address),
    ).fetchone()


def test_edge_cases_give_the_stored_parent(catalog, expression):
    for address in EDGES:
        computed, stored = stored_parent(catalog, expression, address)
        assert computed == stored, (address, computed, stored)


def test_generated_addresses_give_the_stored_parent(catalog, expression):
    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet="/aZ_1\n \u00e9\u4e2d", max_size=24))
    def check(address):
        computed, stored = stored_parent(catalog, expression, address)
        assert computed == stored, (address, computed, stored)

    check()
