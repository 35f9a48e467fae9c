"""fn_iu_create: complete-or-nothing creation, set-based and scalar."""

from __future__ import annotations

import hashlib
import threading
import unicodedata

import psycopg
import pytest

from harness import gateway
from tests.conftest import (
    SAMPLE,
    as_role,
    captured_notices,
    connect,
    counts,
    create_units,
    plans_with_any_jit,
    raises_sqlstate,
    set_policy,
)


def py_hash(body: str) -> str:
    return hashlib.sha256(unicodedata.normalize("NFC", body).encode("utf-8")).hexdigest()


def test_scalar_form_needs_only_address_body_and_actor(conn):
    with as_role(conn, "cutter_exec"):
        iu_id = conn.execute(
            "SELECT fn_iu_create(p_canonical_address => %s, p_body => %s, p_actor => %s)",
            ("ICX-CONST", "Constitution of Iconia", "alice"),
        ).fetchone()[0]
    row = conn.execute(
        "SELECT u.id, u.unit_kind, u.lifecycle_status, u.created_by, v.version_no, v.lifecycle_status"
        " FROM information_unit AS u JOIN unit_version AS v ON v.id = u.current_version_id"
    ).fetchone()
    assert row == (iu_id, "doc", "draft", "alice", 1, "draft")


def test_set_based_form_creates_a_tree_with_derived_hierarchy(conn):
    rows = create_units(conn, SAMPLE)
    assert [(r[1], r[5]) for r in rows] == [(a, "created") for a, _ in SAMPLE]
    tree = conn.execute(
        "SELECT u.canonical_address, u.unit_kind, u.unit_number, p.canonical_address, u.doc_order"
        " FROM information_unit AS u LEFT JOIN information_unit AS p ON p.id = u.parent_id"
        " ORDER BY u.doc_order"
    ).fetchall()
    assert tree == [
        ("ICX-CONST", "doc", None, None, 0),
        ("ICX-CONST/chp_1", "chp", "1", "ICX-CONST", 1),
        ("ICX-CONST/chp_1/art_1", "art", "1", "ICX-CONST/chp_1", 2),
        ("ICX-CONST/chp_1/art_2", "art", "2", "ICX-CONST/chp_1", 3),
        ("ICX-CONST/chp_1/art_2/para_1", "para", "1", "ICX-CONST/chp_1/art_2", 4),
    ]


def test_content_hash_is_sha256_of_the_nfc_utf8_body(conn):
    rows = create_units(conn, [("VN-HP", "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam")])
    assert rows[0][4] == py_hash("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam")
    stored = conn.execute("SELECT content_hash FROM unit_version").fetchone()[0]
    assert stored == rows[0][4]


def test_recreating_identical_content_is_unchanged_and_writes_nothing(conn):
    first = create_units(conn, SAMPLE)
    second = create_units(conn, SAMPLE, actor="bob")
    assert [r[5] for r in second] == ["unchanged"] * len(SAMPLE)
    assert [r[2] for r in second] == [r[2] for r in first]
    # each answers with its own body's hash: a new version's from its insert, an unchanged one's stored
    assert [r[4] for r in first] == [r[4] for r in second] == [py_hash(b) for _, b in SAMPLE]
    assert counts(conn) == (len(SAMPLE), len(SAMPLE))
    assert conn.execute("SELECT DISTINCT created_by FROM information_unit").fetchall() == [("alice",)]


def test_the_cut_reads_only_the_created_ordinals_and_they_match_the_full_answer(conn):
    """harness.gateway.create_created (the cut's call) reduces the answer in the server to the
    ordinals of the created units; they are exactly the rows the full answer says 'created'."""
    create_units(conn, SAMPLE[:2])
    units = [gateway.UnitInput(a, b) for a, b in SAMPLE]
    with conn.transaction():
        with as_role(conn, "cutter_exec"):
            full = gateway.create(conn, units, "alice", "law")
        raise psycopg.Rollback()
    with as_role(conn, "cutter_exec"):
        ordinals = gateway.create_created(conn, units, "alice", "law")
    assert ordinals == [r.ordinal for r in full if r.action == "created"] == list(range(3, len(SAMPLE) + 1))
    assert counts(conn) == (len(SAMPLE), len(SAMPLE))


def test_unit_arrays_are_the_calls_arrays_and_slice_as_lists(conn):
    """gateway.UnitArrays (what the cut builds once from its manifest) passes the same four
    arrays as a list of UnitInput, numbered or not, and a slice is the same units' arrays."""
    units = [gateway.UnitInput(a, b, f"title {i}" if i % 2 else None, doc_order=i * 10)
             for i, (a, b) in enumerate(SAMPLE)]
    arrays = gateway.UnitArrays.of(units)
    assert len(arrays) == len(SAMPLE)
    assert arrays.addresses == [a for a, _ in SAMPLE] and arrays.bodies == [b for _, b in SAMPLE]
    assert arrays.titles == [u.title for u in units] and arrays.orders == [i * 10 for i in range(len(SAMPLE))]
    assert gateway.UnitArrays.of([gateway.UnitInput(a, b) for a, b in SAMPLE]).orders is None
    assert gateway.UnitArrays.of([*units[:2], gateway.UnitInput("X", "y")]).orders is None
    part = arrays.slice(1, 3)
    assert part == gateway.UnitArrays.of(units[1:3])
    assert arrays.slice(0, 100) == arrays
    with conn.transaction():
        with as_role(conn, "cutter_exec"):
            from_inputs = gateway.create(conn, units, "alice", "law")
        raise psycopg.Rollback()
    with as_role(conn, "cutter_exec"):
        from_arrays = gateway.create(conn, arrays, "alice", "law")
    assert [(r.ordinal, r.canonical_address, r.content_hash, r.action) for r in from_arrays] == [
        (r.ordinal, r.canonical_address, r.content_hash, r.action) for r in from_inputs]
    stored = conn.execute("SELECT canonical_address, title, doc_order FROM information_unit ORDER BY 3")
    assert stored.fetchall() == [(u.canonical_address, u.title, u.doc_order) for u in units]


def test_its_statements_are_never_jit_compiled(conn):
    """fn_iu_create runs with jit off (revision 0040): a 100,000-unit call was priced over the
    JIT thresholds and compiled for about a second. With every threshold at zero, none of the
    statements the call runs (its insert, its preflight, the tree-check trigger) is compiled."""
    with plans_with_any_jit(conn) as plans:
        create_units(conn, SAMPLE)
    inside = [p for p in plans if "INSERT INTO public.information_unit" in p or "FROM new_rows" in p
              or "does not follow DOC-CODE" in p]
    assert len(inside) >= 3
    assert not any("JIT:" in p for p in inside)


def test_composed_and_decomposed_text_hash_the_same_and_store_nfc(conn):
    composed = "Điều 1. Nước Cộng hòa xã hội chủ nghĩa Việt Nam"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    first = create_units(conn, [("VN-HP", decomposed)])
    second = create_units(conn, [("VN-HP", composed)])
    assert first[0][4] == second[0][4] == py_hash(composed)
    assert second[0][5] == "unchanged"
    assert conn.execute("SELECT body FROM unit_version").fetchone()[0] == composed


def test_different_content_at_an_existing_address_is_iu006_and_nothing_is_written(conn):
    create_units(conn, SAMPLE)
    batch = [*SAMPLE, ("ICX-CONST/chp_1/art_3", "Article 3. New.")]
    batch[2] = ("ICX-CONST/chp_1/art_1", "Article 1. Iconia is a kingdom.")
    with raises_sqlstate("IU006") as info:
        create_units(conn, batch)
    assert "ICX-CONST/chp_1/art_1" in info.value.diag.message_primary
    assert "nothing was written" in info.value.diag.message_detail
    assert counts(conn) == (len(SAMPLE), len(SAMPLE))


@pytest.mark.parametrize(
    "address",
    [
        "icx-const", "ICX-CONST/", "ICX-CONST//art_1", "ICX-CONST/Art_1", "ICX-CONST/art-1",
        "ICX-CONST/art_1a/", "ICX CONST", "ICX-CONST/điểm_đ", "ICX-CONST/point_đ", "-ICX",
        "ICX--CONST", "ICX-CONST/art_", "ICX-CONST/_1", "",
    ],
)
def test_address_outside_the_grammar_is_iu005(conn, address):
    with raises_sqlstate("IU005"):
        create_units(conn, [(address, "text")])
    assert counts(conn) == (0, 0)


def test_overlong_address_is_iu005(conn):
    address = "ICX-CONST" + "/art_1" * 200
    with raises_sqlstate("IU005"):
        create_units(conn, [(address, "text")])


def test_missing_parent_is_iu005(conn):
    with raises_sqlstate("IU005") as info:
        create_units(conn, [("ICX-CONST", "root"), ("ICX-CONST/chp_1/art_1", "orphan")])
    assert "parent 'ICX-CONST/chp_1' does not exist" in info.value.diag.message_primary
    assert counts(conn) == (0, 0)


def test_parent_after_its_child_is_iu005(conn):
    with raises_sqlstate("IU005") as info:
        create_units(conn, [("ICX-CONST", "root"), ("ICX-CONST/chp_1/art_1", "child"),
                            ("ICX-CONST/chp_1", "parent")])
    assert "comes after its child" in info.value.diag.message_primary


def test_existing_parent_in_the_database_is_found(conn):
    create_units(conn, SAMPLE[:2])
    rows = create_units(conn, [("ICX-CONST/chp_1/art_1", "Article 1.")])
    parent = conn.execute(
        "SELECT p.canonical_address FROM information_unit AS u JOIN information_unit AS p"
        " ON p.id = u.parent_id WHERE u.id = %s", (rows[0][2],)
    ).fetchone()
    assert parent == ("ICX-CONST/chp_1",)


@pytest.mark.parametrize("body", ["", "   ", "\n\t \n", None])
def test_empty_or_blank_body_is_iu005(conn, body):
    with raises_sqlstate("IU005"):
        create_units(conn, [("ICX-CONST", body)])


def test_duplicate_address_in_one_call_is_iu005(conn):
    with raises_sqlstate("IU005") as info:
        create_units(conn, [("ICX-CONST", "a"), ("ICX-CONST", "a")])
    assert "given twice" in info.value.diag.message_primary


def test_array_length_mismatch_is_iu005(conn):
    with as_role(conn, "cutter_exec"), raises_sqlstate("IU005"):
        conn.execute(
            "SELECT * FROM fn_iu_create(%s, %s, 'alice')", (["ICX-CONST", "ICX-CONST/chp_1"], ["x"])
        )


def test_no_units_is_iu005(conn):
    with as_role(conn, "cutter_exec"), raises_sqlstate("IU005"):
        conn.execute("SELECT * FROM fn_iu_create(%s::text[], %s::text[], 'alice')", ([], []))


@pytest.mark.parametrize("actor", [None, "", "   ", " alice", "al\nice", "a" * 129])
def test_missing_or_malformed_actor_is_iu005(conn, actor):
    with raises_sqlstate("IU005"):
        create_units(conn, SAMPLE[:1], actor=actor)


def test_unit_count_over_the_policy_limit_is_iu009(conn):
    set_policy(conn, "iu_create.gateway.max_units_per_call", "3")
    with raises_sqlstate("IU009"):
        create_units(conn, SAMPLE)
    assert counts(conn) == (0, 0)


def test_body_over_the_policy_limit_is_iu009(conn):
    set_policy(conn, "iu_create.gateway.max_body_bytes", "10")
    with raises_sqlstate("IU009"):
        create_units(conn, [("ICX-CONST", "x" * 11)])


def test_an_error_deep_in_a_large_batch_leaves_zero_rows(conn):
    units = [("BIG-DOC", "root")] + [(f"BIG-DOC/art_{i}", f"Article {i}.") for i in range(1, 2000)]
    units[1500] = ("BIG-DOC/art_1500", " ")
    with raises_sqlstate("IU005") as info:
        create_units(conn, units)
    assert "unit 1501" in info.value.diag.message_primary
    assert counts(conn) == (0, 0)


def test_a_failure_inside_the_insert_itself_leaves_zero_rows_and_no_marker(conn):
    # A constraint only the INSERT can trip (preflight cannot see it): the statement fails
    # after rows were written inside it, and the whole call must vanish.
    conn.execute("ALTER TABLE unit_version ADD CONSTRAINT test_poison CHECK (body <> 'poison')")
    units = [("BIG-DOC", "root")] + [(f"BIG-DOC/art_{i}", f"Article {i}.") for i in range(1, 500)]
    units[400] = ("BIG-DOC/art_400", "poison")
    with conn.transaction():
        with raises_sqlstate("23514"), conn.transaction():
            create_units(conn, units)
        assert counts(conn) == (0, 0)
        marker = conn.execute("SELECT current_setting('app.canonical_writer', true)").fetchone()[0]
        assert marker in ("", None)
        assert conn.execute("SELECT count(*) FROM iu_gateway_ticket").fetchone() == (0,)


def test_many_units_in_one_call(conn):
    units = [("BIG-DOC", "root")]
    for c in range(1, 11):
        units.append((f"BIG-DOC/chp_{c}", f"Chapter {c}"))
        for a in range(1, 101):
            units.append((f"BIG-DOC/chp_{c}/art_{a}", f"Article {c}.{a}"))
    rows = create_units(conn, units)
    assert len(rows) == len(units) == 1011
    assert counts(conn) == (1011, 1011)
    assert conn.execute("SELECT count(*) FROM fn_iu_verify_invariants('BIG-DOC', true)").fetchone() == (0,)


def test_birth_gate_p_pub1_warns_in_warn_mode(conn):
    with captured_notices(conn) as notices:
        create_units(conn, SAMPLE[:1], publication_type=None)
    assert [n.severity for n in notices] == ["WARNING"]
    assert notices[0].message.startswith("P-pub1")


def test_birth_gate_p_pub1_blocks_in_block_mode(conn):
    set_policy(conn, "iu_create.gateway.pub1_mode", "block")
    with raises_sqlstate("IU005"):
        create_units(conn, SAMPLE[:1], publication_type=None)
    create_units(conn, SAMPLE[:1], publication_type="constitution")
    assert counts(conn) == (1, 1)


def test_birth_gate_p_pub2_warns_on_an_unknown_publication_type(conn):
    with captured_notices(conn) as notices:
        create_units(conn, SAMPLE[:1], publication_type="memo")
    assert notices[0].message.startswith("P-pub2")


def test_policy_default_publication_type_satisfies_the_birth_gate(conn):
    with as_role(conn, "iu_owner"):
        conn.execute(
            "INSERT INTO dot_config (key, value, value_pattern, description) VALUES"
            " ('iu_create.default.publication_type', 'law', '^[a-z_]+$', 'default publication type')"
        )
    with captured_notices(conn) as notices:
        create_units(conn, SAMPLE[:1], publication_type=None)
    assert notices == []
    assert conn.execute("SELECT publication_type FROM information_unit").fetchone() == ("law",)


def test_publication_type_outside_its_format_is_refused(conn):
    with raises_sqlstate("IU005"):
        create_units(conn, SAMPLE[:1], publication_type="Law; DROP TABLE x")


def test_concurrent_cuts_of_the_same_document_create_each_unit_once(server, db):
    with connect(server, db) as first, connect(server, db) as second:
        results = {}
        with first.transaction():
            results["first"] = create_units(first, SAMPLE)

            def other():
                results["second"] = create_units(second, SAMPLE, actor="bob")

            thread = threading.Thread(target=other)
            thread.start()
            thread.join(0.5)
            assert thread.is_alive(), "the second cut must wait for the first's document lock"
        thread.join(10)
        assert [r[5] for r in results["second"]] == ["unchanged"] * len(SAMPLE)
        assert counts(first) == (len(SAMPLE), len(SAMPLE))


def test_exec_role_cannot_bypass_by_calling_internal_helpers(conn):
    with as_role(conn, "cutter_exec"):
        for call in ("SELECT fn_iu_gateway_close(1)", "SELECT fn_iu_policy('x')",
                     "SELECT fn_iu_check_actor('x')"):
            with raises_sqlstate("42501"):
                conn.execute(call)


def test_verifier_and_reader_cannot_create(conn):
    for role in ("cutter_verifier", "cutter_reviewer", "iu_reader"):
        with as_role(conn, role), pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT fn_iu_create(p_canonical_address => 'X', p_body => 'x', p_actor => 'a')")


def test_a_missing_policy_key_is_iu008_and_nothing_is_written(conn):
    with as_role(conn, "iu_owner"):
        conn.execute("DELETE FROM dot_config WHERE key = 'iu_create.gateway.max_units_per_call'")
    with raises_sqlstate("IU008") as info:
        create_units(conn, SAMPLE)
    assert "iu_create.gateway.max_units_per_call" in info.value.diag.message_primary
    assert counts(conn) == (0, 0)
