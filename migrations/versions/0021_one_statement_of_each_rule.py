"""One statement of each rule: signature authenticity and the change set's unit limit.

What makes a signature authentic (it verifies under its registered key over "dot-iu-cutter/v1
<lane> <digest>") was written three times by revision 0016: in the insert trigger of
dot_pair_signature, in the review gate and in the run's search for an approval. It is now
fn_gov_signature_verifies, which all three ask. The unit limit of a change set was refused by
fn_gov_open_change_set and, word for word, by the CLI before it parsed a source; it is now
fn_gov_check_unit_count, which returns the limit and makes the refusal (IU009, IU005) for
both. Behaviour is unchanged.

Revision ID: 0021_one_statement_of_each_rule
Revises: 0020_create_answer_hash
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0021_one_statement_of_each_rule"
down_revision = "0020_create_answer_hash"
branch_labels = None
depends_on = None

NEW = (
    "functions/cutter_governance/fn_gov_signature_verifies.sql",
    "functions/cutter_governance/fn_gov_check_unit_count.sql",
)
CHANGED = (
    "functions/cutter_governance/fn_gov_signature_authentic.sql",
    "functions/fn_iu_review_check.sql",
    "functions/cutter_governance/fn_gov_open_change_set.sql",
)
TRIGGER = "triggers/cutter_governance/dot_pair_signature_authentic.sql"

DROP = """
DROP TRIGGER trg_ab_dot_pair_signature_authentic ON cutter_governance.dot_pair_signature;
DROP FUNCTION cutter_governance.fn_gov_signature_authentic();
DROP FUNCTION public.fn_iu_review_check(uuid, text, text);
DROP FUNCTION cutter_governance.fn_gov_open_change_set(
    text, text, text, integer, text, text, text, text, text
);
"""


def upgrade() -> None:
    run_frozen(revision, *NEW)
    run_sql(DROP)
    run_frozen(revision, *CHANGED)
    run_frozen("0016_authentic_signatures", TRIGGER)


def downgrade() -> None:
    run_sql(DROP)
    run_frozen("0016_authentic_signatures", "functions/cutter_governance/fn_gov_signature_authentic.sql",
               "functions/fn_iu_review_check.sql")
    run_frozen("0008_governance_functions", "functions/cutter_governance/fn_gov_open_change_set.sql")
    run_frozen("0016_authentic_signatures", TRIGGER)
    run_sql("""
DROP FUNCTION cutter_governance.fn_gov_check_unit_count(integer);
DROP FUNCTION cutter_governance.fn_gov_signature_verifies(text, text, text, bytea);
""")
