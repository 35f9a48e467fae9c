"""The gateway functions: Pack 22 helpers, the canonical writers and the guard function.

Helpers: fn_iu_preflight, fn_iu_verify_invariants, fn_iu_classify_existing,
fn_iu_resolve_default (fn_iu_content_hash came with the tables). Canonical writers:
fn_iu_create (set-based and scalar) with its dry run fn_iu_create_plan, and
fn_iu_apply_edit_draft. The detector's ticket functions, the guard trigger function, the
migration exemption functions and the detector report.

Revision ID: 0004_gateway_functions
Revises: 0003_gateway_policy
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0004_gateway_functions"
down_revision = "0003_gateway_policy"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_frozen(
        revision,
        "functions/fn_iu_policy.sql",
        "functions/fn_iu_resolve_default.sql",
        "functions/fn_iu_check_actor.sql",
        "functions/fn_iu_gateway_open.sql",
        "functions/fn_iu_gateway_close.sql",
        "functions/fn_iu_gateway_ticket_held.sql",
        "functions/fn_iu_gateway_write_guard.sql",
        "functions/fn_iu_preflight.sql",
        "functions/fn_iu_classify_existing.sql",
        "functions/fn_iu_verify_invariants.sql",
        "functions/fn_iu_create_plan.sql",
        "functions/fn_iu_create.sql",
        "functions/fn_iu_apply_edit_draft.sql",
        "functions/fn_iu_gateway_exemption_grant.sql",
        "functions/fn_iu_gateway_detector_report.sql",
    )


def downgrade() -> None:
    run_sql(
        """
        DROP FUNCTION public.fn_iu_gateway_detector_report();
        DROP FUNCTION public.fn_iu_gateway_exemption_revoke(text, text);
        DROP FUNCTION public.fn_iu_gateway_exemption_grant(text, text, interval, text, text[], text[]);
        DROP FUNCTION public.fn_iu_apply_edit_draft(text, text, text, text, text);
        DROP FUNCTION public.fn_iu_create(text, text, text, text, text, integer);
        DROP FUNCTION public.fn_iu_create(text[], text[], text, text[], text, integer[]);
        DROP FUNCTION public.fn_iu_create_plan(text, text, text, text);
        DROP FUNCTION public.fn_iu_create_plan(text[], text[], text[], text, integer[]);
        DROP FUNCTION public.fn_iu_verify_invariants(text, boolean);
        DROP FUNCTION public.fn_iu_classify_existing(text[], text[]);
        DROP FUNCTION public.fn_iu_preflight(text[], text[], text[], text, integer[]);
        DROP FUNCTION public.fn_iu_gateway_write_guard();
        DROP FUNCTION public.fn_iu_gateway_ticket_held(text);
        DROP FUNCTION public.fn_iu_gateway_close(bigint);
        DROP FUNCTION public.fn_iu_gateway_open(text);
        DROP FUNCTION public.fn_iu_check_actor(text);
        DROP FUNCTION public.fn_iu_resolve_default(text, text);
        DROP FUNCTION public.fn_iu_policy(text);
        """
    )
