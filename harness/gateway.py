"""The gateway, as seen from Python: one function per SQL call, named arguments and casts,
typed rows. Business rules live in SQL; this module only passes arrays in and rows out.

Arrays go as binary parameters (%b): the text form quotes and escapes every element on the
client, 0.4 s per 100,000 bodies. Rows of the set-based calls are read as tuples (psycopg builds
those in C) and turned into dataclasses positionally, the SELECT listing the columns in the
dataclass's order: a fifth of the cost of a Python row factory for 100,000 rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

import psycopg
from psycopg.rows import class_row


@dataclass(frozen=True)
class UnitInput:
    canonical_address: str
    body: str
    title: str | None = None
    doc_order: int | None = None


@dataclass(frozen=True)
class PlanRow:
    ordinal: int | None
    canonical_address: str | None
    unit_kind: str | None
    content_hash: str | None
    action: str  # create | unchanged | conflict | invalid, or refused | warning (call level)
    code: str | None
    message: str | None


@dataclass(frozen=True)
class CreateRow:
    ordinal: int
    canonical_address: str
    iu_id: UUID
    version_id: UUID
    content_hash: str
    action: str  # created | unchanged


@dataclass(frozen=True)
class UnitArrays:
    """Units as the four parallel arrays the set-based calls take, built once: a cut of 100,000
    units then makes no object per unit, and its slices are list slices. orders is None when
    the database numbers the units itself."""

    addresses: list[str]
    bodies: list[str]
    titles: list[str | None]
    orders: list[int] | None = None

    @classmethod
    def of(cls, units: Sequence[UnitInput]) -> UnitArrays:
        orders = [u.doc_order for u in units]
        return cls([u.canonical_address for u in units], [u.body for u in units], [u.title for u in units],
                   orders if None not in orders else None)

    def __len__(self) -> int:
        return len(self.addresses)

    def slice(self, start: int, stop: int) -> UnitArrays:
        return UnitArrays(self.addresses[start:stop], self.bodies[start:stop], self.titles[start:stop],
                          self.orders[start:stop] if self.orders is not None else None)


Units = Sequence[UnitInput] | UnitArrays


def _arrays(units: Units) -> dict:
    arrays = units if isinstance(units, UnitArrays) else UnitArrays.of(units)
    return {"addresses": arrays.addresses, "bodies": arrays.bodies, "titles": arrays.titles,
            "orders": arrays.orders}


def plan(conn: psycopg.Connection, units: Units,
         publication_type: str | None) -> list[PlanRow]:
    """fn_iu_create_plan: what creating these units would do. Writes nothing."""
    with conn.cursor() as cur:
        cur.execute(
            "SELECT ordinal, canonical_address, unit_kind, content_hash, action, code, message"
            " FROM public.fn_iu_create_plan("
            " p_canonical_addresses => %(addresses)b::text[],"
            " p_bodies => %(bodies)b::text[],"
            " p_titles => %(titles)b::text[],"
            " p_publication_type => %(publication_type)s::text,"
            " p_doc_orders => %(orders)b::integer[])",
            {**_arrays(units), "publication_type": publication_type},
        )
        return [PlanRow(*row) for row in cur]


_CREATE = (
    " FROM public.fn_iu_create("
    " p_canonical_addresses => %(addresses)b::text[],"
    " p_bodies => %(bodies)b::text[],"
    " p_actor => %(actor)s::text,"
    " p_titles => %(titles)b::text[],"
    " p_publication_type => %(publication_type)s::text,"
    " p_doc_orders => %(orders)b::integer[],"
    " p_change_set_id => %(change_set_id)s::uuid)"
)


def _create_params(units: Units, actor: str, publication_type: str | None,
                   change_set_id: UUID | None) -> dict:
    return {**_arrays(units), "actor": actor, "publication_type": publication_type,
            "change_set_id": change_set_id}


def create(conn: psycopg.Connection, units: Units, actor: str,
           publication_type: str | None, change_set_id: UUID | None = None) -> list[CreateRow]:
    """fn_iu_create (set-based): all units in one call, all or nothing; with a change set,
    the new units and versions are linked to it."""
    with conn.cursor() as cur:
        cur.execute("SELECT ordinal, canonical_address, iu_id, version_id, content_hash, action" + _CREATE,
                    _create_params(units, actor, publication_type, change_set_id))
        return [CreateRow(*row) for row in cur]


def create_created(conn: psycopg.Connection, units: Units, actor: str,
                   publication_type: str | None, change_set_id: UUID | None = None) -> list[int]:
    """fn_iu_create as create() calls it, answering only the ordinals (1-based) of the units it
    created, in order: the answer is reduced in the server, not sent as a row per unit."""
    with conn.cursor() as cur:
        cur.execute("SELECT coalesce(pg_catalog.array_agg(ordinal ORDER BY ordinal)"
                    " FILTER (WHERE action = 'created'), '{}')" + _CREATE,
                    _create_params(units, actor, publication_type, change_set_id))
        row = cur.fetchone()
        return list(row[0]) if row else []


def stored_differently(conn: psycopg.Connection, addresses: Sequence[str],
                       content_hashes: Sequence[str]) -> list[str]:
    """The addresses whose stored current version does not hold the given content hash (or
    that are not stored at all): the read-back after a cut commits. One query, no bodies sent."""
    rows = conn.execute(
        "SELECT t.addr FROM unnest(%b::text[], %b::text[]) WITH ORDINALITY AS t (addr, hash, ord)"
        " LEFT JOIN public.information_unit AS iu ON iu.canonical_address = t.addr"
        " LEFT JOIN public.unit_version AS uv ON uv.id = iu.current_version_id"
        " WHERE uv.content_hash IS DISTINCT FROM t.hash ORDER BY t.ord",
        (list(addresses), list(content_hashes)),
    ).fetchall()
    return [r[0] for r in rows]


@dataclass(frozen=True)
class Violation:
    canonical_address: str
    invariant: str
    detail: str


def verify_invariants(conn: psycopg.Connection, address: str,
                      include_descendants: bool = True) -> list[Violation]:
    with conn.cursor(row_factory=class_row(Violation)) as cur:
        cur.execute(
            "SELECT canonical_address, invariant, detail FROM public.fn_iu_verify_invariants("
            " p_canonical_address => %s::text, p_include_descendants => %s::boolean)",
            (address, include_descendants),
        )
        return cur.fetchall()
