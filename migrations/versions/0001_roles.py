"""Roles of the IU gateway (CONTRACT §4), created when missing.

Revision ID: 0001_roles
Revises:
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0001_roles"
down_revision = None
branch_labels = None
depends_on = None

REQUIRE_UTF8 = """
DO $check$
BEGIN
    IF pg_catalog.getdatabaseencoding() <> 'UTF8' THEN
        RAISE EXCEPTION 'dot-iu-cutter needs a UTF8 database, this one is %',
            pg_catalog.getdatabaseencoding()
            USING HINT = 'create the database with ENCODING ''UTF8''';
    END IF;
END
$check$;
"""

# Roles are cluster-wide: another database may still use them. A role is dropped only when no
# database of the cluster holds an object or a privilege of it any more.
DROP_UNUSED_ROLES = """
DO $roles$
DECLARE
    v_role text;
BEGIN
    FOREACH v_role IN ARRAY ARRAY[
        'iu_reader', 'cutter_reviewer', 'cutter_verifier', 'cutter_exec', 'iu_owner'
    ] LOOP
        CONTINUE WHEN NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = v_role);
        IF EXISTS (
            SELECT 1
            FROM pg_catalog.pg_shdepend AS d
            JOIN pg_catalog.pg_roles AS r ON r.oid = d.refobjid
            WHERE d.refclassid = 'pg_catalog.pg_authid'::pg_catalog.regclass
              AND r.rolname = v_role
        ) THEN
            RAISE NOTICE 'role % kept: another database still uses it', v_role;
        ELSE
            EXECUTE pg_catalog.format('DROP ROLE %I', v_role);
        END IF;
    END LOOP;
END
$roles$;
"""


def upgrade() -> None:
    run_sql(REQUIRE_UTF8)
    run_frozen(revision, "roles/iu_roles.sql")


def downgrade() -> None:
    run_sql(DROP_UNUSED_ROLES)
