"""Governed recording (leg B) and write-VERIFY, as seen from Python: one function per SQL
call, named arguments, typed rows. What may be recorded, by whom, and whether it is complete
is decided by the cutter_governance functions; this module signs and passes values."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import psycopg
from psycopg.rows import class_row

from harness import keys

G = "cutter_governance"


def register_key(conn: psycopg.Connection, signer: keys.Signer) -> str:
    return conn.execute(
        f"SELECT {G}.fn_gov_register_key(p_signer => %s::text, p_public_key => %s::bytea,"
        " p_actor => %s::text)",
        (signer.actor, signer.public_key, signer.actor),
    ).fetchone()[0]


def open_change_set(conn: psycopg.Connection, *, doc_code: str, source_sha256: str,
                    manifest_sha256: str, unit_count: int, actor: str, profile: str | None,
                    granularity: str | None, publication_type: str | None,
                    backup_sha256: str | None = None) -> UUID:
    return conn.execute(
        f"SELECT {G}.fn_gov_open_change_set("
        " p_doc_code => %s::text, p_source_sha256 => %s::text, p_manifest_sha256 => %s::text,"
        " p_unit_count => %s::integer, p_actor => %s::text, p_profile => %s::text,"
        " p_granularity => %s::text, p_publication_type => %s::text, p_backup_sha256 => %s::text)",
        (doc_code, source_sha256, manifest_sha256, unit_count, actor, profile, granularity,
         publication_type, backup_sha256),
    ).fetchone()[0]


def record_manifest(conn: psycopg.Connection, change_set_id: UUID, addresses: Sequence[str],
                    hashes: Sequence[str], actor: str) -> UUID:
    return conn.execute(
        f"SELECT {G}.fn_gov_record_manifest(p_change_set_id => %s::uuid,"
        " p_canonical_addresses => %b::text[], p_content_hashes => %b::text[], p_actor => %s::text)",
        (change_set_id, list(addresses), list(hashes), actor),
    ).fetchone()[0]


def sign_executor(conn: psycopg.Connection, change_set_id: UUID, signer: keys.Signer,
                  manifest_sha256: str) -> UUID:
    return conn.execute(
        f"SELECT {G}.fn_gov_sign_executor(p_change_set_id => %s::uuid, p_signer => %s::text,"
        " p_key_id => %s::text, p_signature => %s::bytea)",
        (change_set_id, signer.actor, signer.key_id, signer.sign("executor", manifest_sha256)),
    ).fetchone()[0]


@dataclass(frozen=True)
class ChangeSet:
    id: UUID
    doc_code: str
    manifest_sha256: str
    source_sha256: str
    unit_count: int
    actor: str
    db_login: str
    status: str
    opened_at: datetime


def change_set(conn: psycopg.Connection, change_set_id: UUID | str) -> ChangeSet | None:
    with conn.cursor(row_factory=class_row(ChangeSet)) as cur:
        cur.execute(
            f"SELECT id, doc_code, manifest_sha256, source_sha256, unit_count, actor, db_login,"
            f" status, opened_at FROM {G}.cut_change_set WHERE id = %s::uuid",
            (str(change_set_id),),
        )
        return cur.fetchone()


def live_change_set_for(conn: psycopg.Connection, doc_code: str,
                        manifest_sha256: str) -> ChangeSet | None:
    """The newest change set that recorded exactly this content and was not rolled back."""
    with conn.cursor(row_factory=class_row(ChangeSet)) as cur:
        cur.execute(
            f"SELECT id, doc_code, manifest_sha256, source_sha256, unit_count, actor, db_login,"
            f" status, opened_at FROM {G}.cut_change_set"
            " WHERE doc_code = %s AND manifest_sha256 = %s AND status <> 'rolled_back'"
            " ORDER BY chain_pos DESC LIMIT 1",
            (doc_code, manifest_sha256),
        )
        return cur.fetchone()


@dataclass(frozen=True)
class Check:
    check: str
    outcome: str  # pass | fail
    detail: str

    def to_json(self) -> dict[str, str]:
        return {"check": self.check, "outcome": self.outcome, "detail": self.detail}


def structural_checks(conn: psycopg.Connection, change_set_id: UUID | str) -> list[Check]:
    """fn_gov_verify_change_set: the database's read-only structural VERIFY."""
    with conn.cursor(row_factory=class_row(Check)) as cur:
        cur.execute(
            f"SELECT check_name AS check, outcome, detail FROM {G}.fn_gov_verify_change_set("
            " p_change_set_id => %s::uuid)",
            (str(change_set_id),),
        )
        return cur.fetchall()


@dataclass(frozen=True)
class SignatureRow:
    id: UUID
    lane: str
    signer: str
    key_id: str
    signed_digest: str
    signature: bytes
    public_key: bytes
    key_signer: str


def signatures_of(conn: psycopg.Connection, change_set_id: UUID | str) -> list[SignatureRow]:
    """Every signature recorded for the change set (and its reviews), with the signer's key."""
    with conn.cursor(row_factory=class_row(SignatureRow)) as cur:
        cur.execute(
            f"SELECT s.id, s.lane, s.signer, s.key_id, s.signed_digest, s.signature,"
            f" k.public_key, k.signer AS key_signer"
            f" FROM {G}.dot_pair_signature AS s JOIN {G}.signer_key AS k ON k.key_id = s.key_id"
            " WHERE s.change_set_id = %s::uuid ORDER BY s.chain_pos",
            (str(change_set_id),),
        )
        return cur.fetchall()


def signature_checks(conn: psycopg.Connection, change_set_id: UUID | str) -> list[Check]:
    """The Ed25519 checks the database cannot do: every recorded signature verifies."""
    rows = signatures_of(conn, change_set_id)
    executor = [r for r in rows if r.lane == "executor"]
    bad = [r for r in rows if not keys.verify(r.public_key, r.lane, r.signed_digest, r.signature)]
    checks = [
        Check(
            "executor_signature_valid",
            "pass" if executor and all(r not in bad for r in executor) else "fail",
            (f"Ed25519 signature of {executor[0].signer} over the manifest digest verifies"
             if executor and executor[0] not in bad
             else "no executor signature" if not executor
             else "the executor signature does not verify against the registered key"),
        ),
        Check(
            "all_signatures_valid",
            "pass" if not bad else "fail",
            f"{len(rows)} signature(s) verify" if not bad else
            "signatures that do not verify: " + ", ".join(f"{r.lane} {r.signer} ({r.id})" for r in bad),
        ),
    ]
    return checks


def checks_json(checks: Sequence[Check]) -> str:
    return json.dumps([c.to_json() for c in checks], ensure_ascii=False)


def record_verify(conn: psycopg.Connection, change_set_id: UUID | str, signer: keys.Signer,
                  checks: Sequence[Check]) -> tuple[UUID, str]:
    verdict = "pass" if all(c.outcome == "pass" for c in checks) else "fail"
    payload = checks_json(checks)
    digest = conn.execute(
        f"SELECT {G}.fn_gov_verify_digest(p_change_set_id => %s::uuid, p_verdict => %s::text,"
        " p_checks => %s::jsonb)",
        (str(change_set_id), verdict, payload),
    ).fetchone()[0]
    result_id = conn.execute(
        f"SELECT {G}.fn_gov_record_verify(p_change_set_id => %s::uuid, p_verifier => %s::text,"
        " p_verdict => %s::text, p_checks => %s::jsonb, p_key_id => %s::text,"
        " p_signature => %s::bytea)",
        (str(change_set_id), signer.actor, verdict, payload, signer.key_id,
         signer.sign("verifier", digest)),
    ).fetchone()[0]
    return result_id, verdict


def record_review(conn: psycopg.Connection, signer: keys.Signer, *, subject: str, decision: str,
                  rationale: str, change_set_id: UUID | str | None, manifest_sha256: str,
                  expires_at: datetime | None) -> UUID:
    cs = str(change_set_id) if change_set_id else None
    digest = conn.execute(
        f"SELECT {G}.fn_gov_review_digest(p_subject => %s::text, p_decision => %s::text,"
        " p_change_set_id => %s::uuid, p_manifest_sha256 => %s::text,"
        " p_expires_at => %s::timestamptz, p_rationale => %s::text)",
        (subject, decision, cs, manifest_sha256, expires_at, rationale),
    ).fetchone()[0]
    return conn.execute(
        f"SELECT {G}.fn_gov_record_review(p_subject => %s::text, p_decision => %s::text,"
        " p_actor => %s::text, p_rationale => %s::text, p_key_id => %s::text,"
        " p_signature => %s::bytea, p_change_set_id => %s::uuid, p_manifest_sha256 => %s::text,"
        " p_expires_at => %s::timestamptz)",
        (subject, decision, signer.actor, rationale, signer.key_id,
         signer.sign("reviewer", digest), cs, manifest_sha256, expires_at),
    ).fetchone()[0]
