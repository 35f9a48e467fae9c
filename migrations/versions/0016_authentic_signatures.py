"""Authentic signatures: the database verifies every Ed25519 signature it records.

Until now a signature row was accepted when its key was registered to the signer and it was
64 bytes long: a reviewer's or verifier's signature replayed from another record, or any 64
bytes, authorised what it never signed (an approval, a verify result), and the lie surfaced
only when verify or audit-pack --check re-checked it afterwards. PostgreSQL 15 has no Ed25519,
so fn_gov_ed25519_verify implements RFC 8032 verification in PL/pgSQL; a BEFORE INSERT trigger
on dot_pair_signature refuses (IU011), before the row is chained, any signature that does not
verify under its registered key over "dot-iu-cutter/v1 <lane> <digest>". The refusal aborts the
writer's call, so no decision, verify result or executor signature is left without it.
fn_iu_review_check (the review gate of enactment, supersede and retirement) also verifies the
decision's own signature, over its digest, at the moment it is used: a row recorded before this
revision, or written around the writers, authorises nothing (IU004).

Revision ID: 0016_authentic_signatures
Revises: 0015_batch_plans
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0016_authentic_signatures"
down_revision = "0015_batch_plans"
branch_labels = None
depends_on = None

FILES = (
    "functions/cutter_governance/fn_gov_ed25519_verify.sql",
    "functions/cutter_governance/fn_gov_signature_authentic.sql",
    "triggers/cutter_governance/dot_pair_signature_authentic.sql",
    "functions/fn_iu_review_check.sql",
)


def upgrade() -> None:
    run_sql("DROP FUNCTION public.fn_iu_review_check(uuid, text, text);")
    run_frozen(revision, *FILES)


def downgrade() -> None:
    run_sql("""
DROP TRIGGER trg_ab_dot_pair_signature_authentic ON cutter_governance.dot_pair_signature;
DROP FUNCTION cutter_governance.fn_gov_signature_authentic();
DROP FUNCTION public.fn_iu_review_check(uuid, text, text);
DROP FUNCTION cutter_governance.fn_gov_ed25519_verify(bytea, bytea, bytea);
""")
    run_frozen("0011_lifecycle_functions", "functions/fn_iu_review_check.sql")
