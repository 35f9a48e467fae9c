"""The IU store and the gateway's own tables.

information_unit, unit_version, dot_config; the detector's ticket table, the migration
exemption registry, the event log and the refusal counters; the content hash function that
unit_version.content_hash is generated from.

Revision ID: 0002_gateway_tables
Revises: 0001_roles
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_sql

revision = "0002_gateway_tables"
down_revision = "0001_roles"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_frozen(
        revision,
        "functions/fn_iu_content_hash.sql",
        "tables/dot_config.sql",
        "tables/information_unit.sql",
        "tables/unit_version.sql",
        "tables/iu_gateway_ticket.sql",
        "tables/iu_gateway_exemption.sql",
        "tables/iu_gateway_event.sql",
    )


def downgrade() -> None:
    run_sql(
        """
        DROP SEQUENCE public.iu_gateway_forged_marker_seq;
        DROP SEQUENCE public.iu_gateway_refusal_seq;
        DROP TABLE public.iu_gateway_event;
        DROP TABLE public.iu_gateway_exemption;
        DROP TABLE public.iu_gateway_ticket;
        ALTER TABLE public.information_unit DROP CONSTRAINT information_unit_current_version_fk;
        DROP TABLE public.unit_version;
        DROP TABLE public.information_unit;
        DROP TABLE public.dot_config;
        DROP FUNCTION public.fn_iu_content_hash(text);
        """
    )
