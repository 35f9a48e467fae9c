"""The raw enactment both benchmarks measure against: plain set-based statements on plain
copies of the tables (no triggers, no foreign keys), the physical limit of enacting."""

from __future__ import annotations

import time

import psycopg
from psycopg import sql


def enact(conn: psycopg.Connection, iu: sql.Composable, uv: sql.Composable, log: sql.Composable) -> float:
    """UPDATE the draft versions, UPDATE the draft units, INSERT one log row per unit; one
    committed transaction. Returns its seconds."""
    start = time.perf_counter()
    with conn.transaction():
        for table in (uv, iu):
            conn.execute(sql.SQL(
                "UPDATE {} SET lifecycle_status = 'enacted', enacted_at = now(), enacted_by = 'alice',"
                " updated_at = now(), updated_by = 'alice' WHERE lifecycle_status = 'draft'"
            ).format(table))
        conn.execute(sql.SQL(
            "INSERT INTO {} (id, seal_id, seal_ordinal, entity_collection, entity_id, canonical_address,"
            " from_status, to_status, transition_type, reason, performed_by, performed_at,"
            " metadata, entry_hash)"
            " SELECT gen_random_uuid(), '00000000-0000-0000-0000-000000000000', row_number() OVER (),"
            " 'information_unit', u.id, u.canonical_address, 'draft', 'enacted', 'enact', 'benchmark',"
            " 'alice', now(), jsonb_build_object('version_id', u.current_version_id), repeat('0', 64)"
            " FROM {} AS u"
        ).format(log, iu))
    return time.perf_counter() - start
