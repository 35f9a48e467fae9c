"""Drop two unique keys nothing references any more.

information_unit (id, canonical_address) and unit_version (id, iu_id) were the targets of the
tree's composite foreign keys, which revision 0028 replaced with statement-level checks that
look rows up by their primary keys. Both are unique by construction (their first column is
the primary key) and referenced by no constraint, yet every insert and every non-HOT update
maintains them. Alternating on cloned databases, a 100,000-unit enactment took 8.0-8.5 s
without them against 9.3-10.2 s with them; the raw enactment of plain copies of the tables
(which copy every index) 5.3-5.5 s against 6.7 s.

Revision ID: 0038_drop_redundant_keys
Revises: 0037_verify_names_a_gap_once
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0038_drop_redundant_keys"
down_revision = "0037_verify_names_a_gap_once"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_frozen(revision, "alter/drop_redundant_keys.sql")


def downgrade() -> None:
    run_sql("""
ALTER TABLE public.information_unit
ADD CONSTRAINT information_unit_id_address_key UNIQUE (id, canonical_address);
ALTER TABLE public.unit_version
ADD CONSTRAINT unit_version_id_iu_key UNIQUE (id, iu_id);
""")
