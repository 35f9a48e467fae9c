"""fn_iu_create answers with the hash its version insert computed.

Since revision 0020 the answer hashed every new body a second time (the generated column
unit_version.content_hash had hashed it on insert): at 100,000 units, 100,000 SHA-256 and NFC
checks more than the insert needs. The answer now takes a new version's hash from the insert's
own rows, joined on the new unit id alone, and an unchanged unit's from its stored version
(read only for an unchanged unit), which the conflict check found equal to the given body's
hash. Revision 0015's answer joined the insert's rows and the stored versions in two outer
joins, one with a condition on the input besides the key, and the generic plan made that a
nested loop; this single-key join is planned as a hash join, generic plan included (measured
on the twentieth slice of a 100,000-unit cut: 3 ms for 5,000 rows).

Revision ID: 0029_create_answer_from_insert
Revises: 0028_set_based_tree_checks
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0029_create_answer_from_insert"
down_revision = "0028_set_based_tree_checks"
branch_labels = None
depends_on = None

DROP = """
DROP FUNCTION public.fn_iu_create(text, text, text, text, text, integer);
DROP FUNCTION public.fn_iu_create(text[], text[], text, text[], text, integer[], uuid);
"""


def upgrade() -> None:
    run_sql(DROP)
    run_frozen(revision, "functions/fn_iu_create.sql")


def downgrade() -> None:
    run_sql(DROP)
    run_frozen("0020_create_answer_hash", "functions/fn_iu_create.sql")
