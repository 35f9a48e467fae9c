"""The governed path, step by step, for database tests: each lane in its own role, as the CLI
runs it. Shared by the governance and lifecycle tests."""

from __future__ import annotations

import contextlib
import hashlib
import unicodedata
from collections.abc import Iterator

from harness import gateway, governance, lifecycle
from tests.conftest import SAMPLE, as_role


@contextlib.contextmanager
def signatures_unchecked_on_insert(conn) -> Iterator[None]:
    """A database as it was before revision 0016 (or written around the writers): signature rows
    are recorded without being verified. Only a superuser can do this; the tests use it to prove
    that what reads the rows later still refuses them."""
    trigger = "trg_ab_dot_pair_signature_authentic"
    conn.execute(f"ALTER TABLE cutter_governance.dot_pair_signature DISABLE TRIGGER {trigger}")
    try:
        yield
    finally:
        conn.execute(f"ALTER TABLE cutter_governance.dot_pair_signature ENABLE TRIGGER {trigger}")


def content_hash(body: str) -> str:
    return hashlib.sha256(unicodedata.normalize("NFC", body).encode()).hexdigest()


def digest(units) -> str:
    lines = "".join(f"{a}\t{content_hash(b)}\n" for a, b in units)
    return hashlib.sha256(lines.encode()).hexdigest()


def hashes(units):
    return [content_hash(b) for _, b in units]


def cut(conn, signer, units=SAMPLE, *, sign=True, record=True, manifest=None):
    """The executor lane's transaction: open, create, record the manifest, sign."""
    manifest = manifest or digest(units)
    with conn.transaction(), as_role(conn, "cutter_exec"):
        governance.register_key(conn, signer)
        cs = governance.open_change_set(
            conn, doc_code=units[0][0].split("/")[0], source_sha256="a" * 64,
            manifest_sha256=manifest, unit_count=len(units), actor=signer.actor, profile="en",
            granularity="point", publication_type="law")
        gateway.create(conn, [gateway.UnitInput(a, b) for a, b in units], signer.actor, "law", cs)
        if record:
            governance.record_manifest(conn, cs, [a for a, _ in units], hashes(units), signer.actor)
        if sign:
            governance.sign_executor(conn, cs, signer, manifest)
    return cs


def revise(conn, signer, units):
    """A revision change set: changed enacted units get new draft versions."""
    with conn.transaction(), as_role(conn, "cutter_exec"):
        governance.register_key(conn, signer)
        cs = governance.open_change_set(
            conn, doc_code=units[0][0].split("/")[0], source_sha256="b" * 64,
            manifest_sha256=digest(units), unit_count=len(units), actor=signer.actor, profile="en",
            granularity="point", publication_type="law")
        rows = lifecycle.revise(conn, [a for a, _ in units], [b for _, b in units], signer.actor, cs)
        governance.record_manifest(conn, cs, [a for a, _ in units], hashes(units), signer.actor)
        governance.sign_executor(conn, cs, signer, digest(units))
    return cs, rows


def verify(conn, cs, signer):
    with as_role(conn, "cutter_verifier"):
        checks = governance.structural_checks(conn, cs) + governance.signature_checks(conn, cs)
    with conn.transaction(), as_role(conn, "cutter_verifier"):
        governance.register_key(conn, signer)
        return governance.record_verify(conn, cs, signer, checks), checks


def review(conn, signer, *, change_set_id=None, manifest_sha256=None, subject="enact", decision="approve",
           expires_at=None):
    if change_set_id and not manifest_sha256:
        with as_role(conn, "cutter_reviewer"):
            manifest_sha256 = governance.change_set(conn, change_set_id).manifest_sha256
    with conn.transaction(), as_role(conn, "cutter_reviewer"):
        governance.register_key(conn, signer)
        return governance.record_review(
            conn, signer, subject=subject, decision=decision, rationale=f"{signer.actor} decides {subject}",
            change_set_id=change_set_id, manifest_sha256=manifest_sha256, expires_at=expires_at)


def cut_verified_approved(conn, signers, units=SAMPLE):
    """alice cuts, victor verifies, rita approves enactment: what fn_iu_enact needs."""
    cs = cut(conn, signers["alice"], units)
    verify(conn, cs, signers["victor"])
    return cs, review(conn, signers["rita"], change_set_id=cs)


def enact(conn, addresses, review_decision_id, actor="alice"):
    with conn.transaction(), as_role(conn, "cutter_exec"):
        return lifecycle.enact(conn, addresses, actor, review_decision_id)
