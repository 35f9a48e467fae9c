"""The lifecycle writers as seen from Python (seed 004): enact, revise, supersede, retire and
the point-in-time readers. One function per SQL call; every rule lives in the database.
Arrays go in binary and batch rows are read as tuples, as in harness.gateway."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import psycopg
from psycopg.rows import class_row


@dataclass(frozen=True)
class EnactRow:
    canonical_address: str
    iu_id: UUID
    version_id: UUID
    content_hash: str
    action: str  # enacted | already_enacted


@dataclass(frozen=True)
class SupersedeRow:
    canonical_address: str
    iu_id: UUID
    version_id: UUID
    superseded_version_id: UUID | None
    content_hash: str
    action: str  # superseded | already_superseded


@dataclass(frozen=True)
class RetireRow:
    canonical_address: str
    iu_id: UUID
    action: str  # retired | withdrawn | already_retired


@dataclass(frozen=True)
class ReviseRow:
    ordinal: int
    canonical_address: str
    iu_id: UUID
    version_id: UUID
    content_hash: str
    action: str  # revised | unchanged


@dataclass(frozen=True)
class InForce:
    doc_order: int
    canonical_address: str
    unit_kind: str
    parent_address: str | None
    title: str | None
    iu_id: UUID
    version_id: UUID
    version_no: int
    body: str
    content_hash: str
    in_force_from: datetime
    in_force_until: datetime | None


# The enactment call, answered row by row (enact) or as two counts (enact_counts).
_ENACT_BATCH = (
    "public.fn_iu_enact_batch(p_canonical_addresses => %b::text[], p_actor => %s::text,"
    " p_review_decision_id => %s::uuid, p_reason => %s::text)"
)


def enact(conn: psycopg.Connection, addresses: Sequence[str], actor: str,
          review_decision_id: UUID | str, reason: str | None = None) -> list[EnactRow]:
    with conn.cursor() as cur:
        cur.execute(
            f"SELECT canonical_address, iu_id, version_id, content_hash, action FROM {_ENACT_BATCH}",
            (list(addresses), actor, _uuid(review_decision_id), reason),
        )
        return [EnactRow(*row) for row in cur]


def enact_counts(conn: psycopg.Connection, addresses: Sequence[str], actor: str,
                 review_decision_id: UUID | str, reason: str | None = None) -> tuple[int, int]:
    """fn_iu_enact_batch, answered as (enacted, already_enacted) counted in the server: for a
    caller that reports counts only, 100,000 answer rows are not built in Python."""
    return conn.execute(
        "SELECT count(*) FILTER (WHERE action = 'enacted'), count(*) FILTER (WHERE action <> 'enacted')"
        f" FROM {_ENACT_BATCH}",
        (list(addresses), actor, _uuid(review_decision_id), reason),
    ).fetchone()


def enact_change_set_counts(conn: psycopg.Connection, change_set_id: UUID | str, actor: str,
                            review_decision_id: UUID | str, reason: str | None = None) -> tuple[int, int]:
    """enact_counts of the units a change set's manifest created or left unchanged (a revised
    unit waits for supersede), in manifest order: the list is read in the same statement, so
    100,000 addresses do not travel to the client and back (iu-cutter run)."""
    return conn.execute(
        "SELECT count(*) FILTER (WHERE b.action = 'enacted'), count(*) FILTER (WHERE b.action <> 'enacted')"
        " FROM public.fn_iu_enact_batch(p_canonical_addresses => ("
        "   SELECT coalesce(array_agg(m.canonical_address ORDER BY m.ordinal), '{}')"
        "   FROM cutter_governance.manifest_entry AS m"
        "   JOIN cutter_governance.manifest_envelope AS e ON e.id = m.envelope_id"
        "   WHERE e.change_set_id = %s::uuid AND m.action <> 'revised'),"
        " p_actor => %s::text, p_review_decision_id => %s::uuid, p_reason => %s::text) AS b",
        (str(change_set_id), actor, _uuid(review_decision_id), reason),
    ).fetchone()


def _uuid(value: UUID | str | None) -> str | None:
    return str(value) if value is not None else None


def revise(conn: psycopg.Connection, addresses: Sequence[str], bodies: Sequence[str], actor: str,
           change_set_id: UUID | None) -> list[ReviseRow]:
    with conn.cursor() as cur:
        cur.execute(
            "SELECT ordinal, canonical_address, iu_id, version_id, content_hash, action"
            " FROM public.fn_iu_revise("
            " p_canonical_addresses => %b::text[], p_bodies => %b::text[], p_actor => %s::text,"
            " p_change_set_id => %s::uuid)",
            (list(addresses), list(bodies), actor, change_set_id),
        )
        return [ReviseRow(*row) for row in cur]


def supersede(conn: psycopg.Connection, addresses: Sequence[str], actor: str,
              review_decision_id: UUID | str, reason: str | None = None) -> list[SupersedeRow]:
    with conn.cursor() as cur:
        cur.execute(
            "SELECT canonical_address, iu_id, version_id, superseded_version_id, content_hash, action"
            " FROM public.fn_iu_supersede_batch(p_canonical_addresses => %b::text[], p_actor => %s::text,"
            " p_review_decision_id => %s::uuid, p_reason => %s::text)",
            (list(addresses), actor, _uuid(review_decision_id), reason),
        )
        return [SupersedeRow(*row) for row in cur]


def retire(conn: psycopg.Connection, addresses: Sequence[str], actor: str,
           review_decision_id: UUID | str | None, reason: str) -> list[RetireRow]:
    with conn.cursor() as cur:
        cur.execute(
            "SELECT canonical_address, iu_id, action FROM public.fn_iu_retire_batch("
            " p_canonical_addresses => %b::text[], p_actor => %s::text,"
            " p_review_decision_id => %s::uuid, p_reason => %s::text)",
            (list(addresses), actor, _uuid(review_decision_id), reason),
        )
        return [RetireRow(*row) for row in cur]


@dataclass(frozen=True)
class RollbackRow:
    rollback_id: UUID
    action: str
    removed_units: int
    removed_versions: int
    removed_digest: str


def rollback(conn: psycopg.Connection, change_set_id: UUID | str, actor: str,
             reason: str | None = None) -> RollbackRow:
    """Remove a cut that is not enacted (fn_iu_rollback): rolled_back or already_rolled_back."""
    with conn.cursor(row_factory=class_row(RollbackRow)) as cur:
        cur.execute(
            "SELECT rollback_id, action, removed_units, removed_versions, removed_digest"
            " FROM public.fn_iu_rollback(p_change_set_id => %s::uuid, p_actor => %s::text,"
            " p_reason => %s::text)",
            (_uuid(change_set_id), actor, reason),
        )
        return cur.fetchone()


def units_digest(conn: psycopg.Connection, addresses: Sequence[str]) -> str | None:
    """The digest a retirement decision approves (fn_iu_units_digest)."""
    return conn.execute(
        "SELECT public.fn_iu_units_digest(p_canonical_addresses => %b::text[])", (list(addresses),)
    ).fetchone()[0]


def manifest_units(conn: psycopg.Connection, change_set_id: UUID | str) -> list[tuple[str, str]]:
    """(address, action) of a change set's manifest, in manifest order."""
    return [
        (r[0], r[1]) for r in conn.execute(
            "SELECT m.canonical_address, m.action FROM cutter_governance.manifest_entry AS m"
            " JOIN cutter_governance.manifest_envelope AS e ON e.id = m.envelope_id"
            " WHERE e.change_set_id = %s::uuid ORDER BY m.ordinal",
            (str(change_set_id),),
        )
    ]


def document_at(conn: psycopg.Connection, doc_code: str, at: datetime | None = None) -> list[InForce]:
    with conn.cursor(row_factory=class_row(InForce)) as cur:
        cur.execute(
            "SELECT doc_order, canonical_address, unit_kind, parent_address, title, iu_id, version_id,"
            " version_no, body, content_hash, in_force_from, in_force_until"
            " FROM public.fn_iu_document_at(p_doc_code => %s::text,"
            " p_at => coalesce(%s::timestamptz, now()))",
            (doc_code, at),
        )
        return cur.fetchall()


def standing(conn: psycopg.Connection, addresses: Sequence[str]) -> dict[str, tuple[str, str]]:
    """address -> (status, content hash of its pending revision or else its current version)."""
    rows = conn.execute(
        "SELECT iu.canonical_address, iu.lifecycle_status, coalesce(p.content_hash, v.content_hash)"
        " FROM public.information_unit AS iu"
        " JOIN public.unit_version AS v ON v.id = iu.current_version_id"
        " LEFT JOIN public.unit_version AS p ON p.iu_id = iu.id AND p.lifecycle_status = 'draft'"
        "  AND p.id <> iu.current_version_id"
        " WHERE iu.canonical_address = ANY(%b::text[])",
        (list(addresses),),
    ).fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}
