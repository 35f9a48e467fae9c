"""fn_iu_verify_invariants: none for a healthy unit, one row per violation otherwise."""

from __future__ import annotations

from tests.conftest import SAMPLE, as_role, create_units, plans_with_any_jit


def violations(conn, address, descendants=False):
    with as_role(conn, "cutter_verifier"):
        return conn.execute(
            "SELECT canonical_address, invariant FROM fn_iu_verify_invariants(%s, %s)",
            (address, descendants),
        ).fetchall()


def tamper(conn, *statements):
    """Write behind the gateway's back the way an attacker with superuser would."""
    with conn.transaction():
        conn.execute("SET LOCAL session_replication_role = replica")  # disables triggers and FKs
        for sql in statements:
            conn.execute(sql)


def test_healthy_document_has_no_violations(conn):
    create_units(conn, SAMPLE)
    assert violations(conn, "ICX-CONST", descendants=True) == []


def test_unknown_address_is_reported(conn):
    assert violations(conn, "ICX-CONST/chp_9") == [("ICX-CONST/chp_9", "unit_exists")]


def test_lifecycle_mismatch_between_unit_and_version_is_reported(conn):
    create_units(conn, SAMPLE)
    tamper(conn, "UPDATE information_unit SET lifecycle_status = 'enacted', enacted_at = now(),"
                 " enacted_by = 'mallory' WHERE canonical_address = 'ICX-CONST/chp_1'")
    assert violations(conn, "ICX-CONST/chp_1") == [("ICX-CONST/chp_1", "lifecycle_consistent")]


def test_child_ordered_before_its_parent_is_reported(conn):
    create_units(conn, SAMPLE)
    tamper(conn, "UPDATE information_unit SET doc_order = 0"
                 " WHERE canonical_address = 'ICX-CONST/chp_1/art_1'")
    assert ("ICX-CONST/chp_1/art_1", "parent_precedes_child") in violations(conn, "ICX-CONST", True)


def test_parent_pointer_disagreeing_with_the_address_is_reported(conn):
    create_units(conn, SAMPLE)
    tamper(conn, "UPDATE information_unit SET parent_id = (SELECT id FROM information_unit"
                 " WHERE canonical_address = 'ICX-CONST') WHERE canonical_address = 'ICX-CONST/chp_1/art_1'")
    assert ("ICX-CONST/chp_1/art_1", "parent_consistent") in violations(conn, "ICX-CONST/chp_1/art_1")


def test_current_version_of_another_unit_is_reported(conn):
    create_units(conn, SAMPLE)
    tamper(conn, "UPDATE information_unit SET current_version_id = (SELECT current_version_id"
                 " FROM information_unit WHERE canonical_address = 'ICX-CONST')"
                 " WHERE canonical_address = 'ICX-CONST/chp_1'")
    assert ("ICX-CONST/chp_1", "current_version_owned") in violations(conn, "ICX-CONST/chp_1")


def test_descendants_are_checked_only_when_asked(conn):
    create_units(conn, SAMPLE)
    tamper(conn, "UPDATE information_unit SET lifecycle_status = 'retired', retired_at = now(),"
                 " retired_by = 'mallory' WHERE canonical_address = 'ICX-CONST/chp_1/art_2/para_1'")
    assert violations(conn, "ICX-CONST") == []
    assert violations(conn, "ICX-CONST", True) == [("ICX-CONST/chp_1/art_2/para_1", "lifecycle_consistent")]


def test_the_probe_is_never_jit_compiled(conn):
    """fn_iu_verify_invariants runs with jit off (revision 0041): with statistics on a document
    of 250,000 units its statement was priced over the thresholds for inlining and
    optimisation, and compiling it took 1.1 s of a statement that runs in about 2 s without.
    With every threshold at zero, the probe's statement is not compiled."""
    create_units(conn, SAMPLE)
    with plans_with_any_jit(conn) as plans:
        assert violations(conn, "ICX-CONST", descendants=True) == []
    probe = [p for p in plans if "WITH target AS MATERIALIZED" in p]
    assert len(probe) == 1
    assert "JIT:" not in probe[0]
