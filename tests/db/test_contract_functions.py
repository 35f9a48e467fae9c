"""Contract: every gateway function's signature, owner, SECURITY DEFINER flag, pinned
search_path and EXECUTE privileges, checked against the catalog of a database at head."""

from __future__ import annotations

import pytest

from tests.db.expected import FUNCTIONS, ROLES


def _proc(catalog, signature: str):
    return catalog.execute(
        """
        SELECT p.oid, r.rolname AS owner, p.prosecdef, p.proconfig, p.provolatile, l.lanname
        FROM pg_proc AS p
        JOIN pg_roles AS r ON r.oid = p.proowner
        JOIN pg_language AS l ON l.oid = p.prolang
        WHERE p.oid = to_regprocedure(%s)
        """,
        (signature,),
    ).fetchone()


@pytest.mark.parametrize("signature", sorted(FUNCTIONS))
def test_function_exists_owned_by_iu_owner(catalog, signature):
    row = _proc(catalog, signature)
    assert row is not None, f"{signature} is missing"
    assert row[1] == "iu_owner"


@pytest.mark.parametrize("signature", sorted(FUNCTIONS))
def test_function_security_definer_flag_is_as_designed(catalog, signature):
    assert _proc(catalog, signature)[2] is FUNCTIONS[signature][0]


@pytest.mark.parametrize(
    "signature", sorted(s for s, (definer, _) in FUNCTIONS.items() if definer)
)
def test_security_definer_function_pins_search_path_ending_in_pg_temp(catalog, signature):
    config = _proc(catalog, signature)[3] or []
    paths = [c.split("=", 1)[1] for c in config if c.startswith("search_path=")]
    assert paths, f"{signature} does not pin search_path"
    entries = [e.strip().strip('"') for e in paths[0].split(",")]
    assert entries[-1] == "pg_temp"
    assert "public" not in entries, "public on a definer's search_path can be hijacked"


@pytest.mark.parametrize("signature", sorted(FUNCTIONS))
def test_function_is_not_executable_by_public(catalog, signature):
    oid = _proc(catalog, signature)[0]
    public_grants = catalog.execute(
        "SELECT count(*) FROM pg_proc AS p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) AS a"
        " WHERE p.oid = %s AND a.grantee = 0",
        (oid,),
    ).fetchone()[0]
    assert public_grants == 0


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("signature", sorted(FUNCTIONS))
def test_execute_privilege_matrix_cell(catalog, signature, role):
    oid = _proc(catalog, signature)[0]
    allowed = catalog.execute(
        "SELECT has_function_privilege(%s, %s::oid, 'EXECUTE')", (role, oid)
    ).fetchone()[0]
    expected = role == "iu_owner" or role in FUNCTIONS[signature][1]
    assert allowed is expected


def test_no_function_in_our_schemas_beyond_the_contract(catalog):
    rows = catalog.execute(
        "SELECT p.oid::regprocedure::text FROM pg_proc AS p"
        " WHERE p.pronamespace IN ('public'::regnamespace, 'cutter_governance'::regnamespace)"
        "   AND p.oid <> ALL (SELECT to_regprocedure(s) FROM unnest(%s::text[]) AS s)",
        (sorted(FUNCTIONS),),
    ).fetchall()
    assert rows == [], "functions in our schemas that the contract does not list"


def test_every_contract_signature_resolves(catalog):
    missing = [s for s in FUNCTIONS if catalog.execute(
        "SELECT to_regprocedure(%s)", (s,)).fetchone()[0] is None]
    assert missing == []


def test_plan_is_stable_so_the_engine_refuses_any_write_from_it(catalog):
    for signature in FUNCTIONS:
        if signature.startswith(("public.fn_iu_create_plan", "public.fn_iu_preflight",
                                 "public.fn_iu_classify_existing", "public.fn_iu_verify_invariants")):
            assert _proc(catalog, signature)[4] == "s", signature


def test_content_hash_is_immutable_and_inlinable(catalog):
    row = _proc(catalog, "public.fn_iu_content_hash(text)")
    assert row[4] == "i"
    assert row[5] == "sql"
    assert row[3] is None, "a SET clause would stop the generated column's function from inlining"
