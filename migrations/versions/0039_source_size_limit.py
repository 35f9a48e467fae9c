"""The largest source document the CLI reads: policy cutter_governance.max_source_bytes.

iu-cutter read a whole source (or JSON cut manifest) before it counted its units, so a
document of ten million units cost gigabytes to refuse. The policy key (64 MiB shipped) and
cutter_governance.fn_gov_check_source_bytes, which states it and refuses a larger size with
IU009, let the CLI refuse an oversized document before reading it.

Revision ID: 0039_source_size_limit
Revises: 0038_drop_redundant_keys
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0039_source_size_limit"
down_revision = "0038_drop_redundant_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_frozen(
        revision,
        "policy_seeds/cutter_source.sql",
        "functions/cutter_governance/fn_gov_check_source_bytes.sql",
    )


def downgrade() -> None:
    run_sql("""
DROP FUNCTION cutter_governance.fn_gov_check_source_bytes(bigint);
DELETE FROM public.dot_config WHERE key = 'cutter_governance.max_source_bytes';
""")
