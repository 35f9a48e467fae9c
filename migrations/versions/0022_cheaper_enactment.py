"""Cheaper enactment: hashing, the batch check and the units pass of fn_iu_enact_batch.

fn_iu_content_hash hashes a body that is already in NFC as it is, instead of normalising it
again: IS NFC NORMALIZED is a quick check for most text and costs about a third of
normalize(), whose result would be the same string, so every hash is the same as before. It is
replaced in place (the generated column unit_version.content_hash depends on it). The shared
input check of the lifecycle batches finds a missing or repeated address with one hashed
grouping instead of a window over the sorted batch; it names the same address at the same
position. fn_iu_enact_batch reads every unit once in the order given and takes the drafts
from those arrays (all of them, usually, as they are), instead of sorting each column twice.

Revision ID: 0022_cheaper_enactment
Revises: 0021_one_statement_of_each_rule
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_frozen_in_place, run_sql

revision = "0022_cheaper_enactment"
down_revision = "0021_one_statement_of_each_rule"
branch_labels = None
depends_on = None

HASH = "functions/fn_iu_content_hash.sql"
BATCH_CHECK = "functions/fn_iu_lifecycle_batch_check.sql"
ENACT_BATCH = "functions/fn_iu_enact_batch.sql"
DROP = """
DROP FUNCTION public.fn_iu_lifecycle_batch_check(text[], text, text);
DROP FUNCTION public.fn_iu_enact_batch(text[], text, uuid, text);
"""


def upgrade() -> None:
    run_frozen_in_place(revision, HASH)
    run_sql(DROP)
    run_frozen(revision, BATCH_CHECK, ENACT_BATCH)


def downgrade() -> None:
    run_frozen_in_place("0002_gateway_tables", HASH)
    run_sql(DROP)
    run_frozen("0011_lifecycle_functions", BATCH_CHECK)
    run_frozen("0019_generic_array_plans", ENACT_BATCH)
