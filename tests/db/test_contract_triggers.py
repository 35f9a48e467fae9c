"""Contract: the gateway guard triggers are present, enabled, fire first, before every
INSERT, UPDATE, DELETE and TRUNCATE statement, and call the guard function."""

from __future__ import annotations

import pytest

from tests.db.expected import LIFECYCLE_TRIGGERS, TRIGGERS

# pg_trigger.tgtype bits
ROW, BEFORE, INSERT, DELETE, UPDATE, TRUNCATE = 1, 2, 4, 8, 16, 32


@pytest.mark.parametrize(("table", "trigger"), sorted(TRIGGERS))
def test_guard_trigger_is_enabled_before_every_write_statement(catalog, table, trigger):
    row = catalog.execute(
        """
        SELECT t.tgenabled, t.tgtype, p.proname
        FROM pg_trigger AS t JOIN pg_proc AS p ON p.oid = t.tgfoid
        WHERE t.tgrelid = %s::regclass AND t.tgname = %s
        """,
        (table, trigger),
    ).fetchone()
    assert row is not None, f"{trigger} is missing on {table}"
    enabled, tgtype, function = row
    assert enabled == "O", "the trigger must be enabled in origin mode"
    assert tgtype & BEFORE
    assert not tgtype & ROW, "the guard judges statements: one check however many rows"
    for event in (INSERT, UPDATE, DELETE, TRUNCATE):
        assert tgtype & event
    assert function == TRIGGERS[(table, trigger)]


@pytest.mark.parametrize(("table", "trigger"), sorted(TRIGGERS))
def test_guard_trigger_sorts_first_on_its_table(catalog, table, trigger):
    names = [
        r[0]
        for r in catalog.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal"
            " ORDER BY tgname",
            (table,),
        )
    ]
    assert names[0] == trigger


EVENT_BITS = {"INSERT": INSERT, "DELETE": DELETE, "UPDATE": UPDATE, "TRUNCATE": TRUNCATE}


@pytest.mark.parametrize(("table", "trigger"), sorted(LIFECYCLE_TRIGGERS))
def test_lifecycle_trigger_is_enabled_with_its_events(catalog, table, trigger):
    function, events, row_level = LIFECYCLE_TRIGGERS[(table, trigger)]
    row = catalog.execute(
        """
        SELECT t.tgenabled, t.tgtype, p.proname, t.tgqual IS NOT NULL, t.tgnewtable IS NOT NULL
        FROM pg_trigger AS t JOIN pg_proc AS p ON p.oid = t.tgfoid
        WHERE t.tgrelid = %s::regclass AND t.tgname = %s
        """,
        (table, trigger),
    ).fetchone()
    assert row is not None, f"{trigger} is missing on {table}"
    enabled, tgtype, proname, has_when, has_transition_tables = row
    assert enabled == "O"
    assert bool(tgtype & ROW) == row_level
    assert {name for name, bit in EVENT_BITS.items() if tgtype & bit} == events
    assert proname == function
    if row_level:
        # a WHEN clause: writes that keep drafts drafts call no function; no row trigger runs
        # BEFORE an UPDATE (PostgreSQL would then recompute every generated column of every
        # updated row), while the INSERT and DELETE checks refuse before anything else does
        assert has_when
        assert bool(tgtype & BEFORE) == ("UPDATE" not in events)
    elif events == {"UPDATE"}:
        # one set-based check per statement over its transition tables, after the rows moved
        assert not tgtype & BEFORE and has_transition_tables
