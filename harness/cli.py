"""iu-cutter: the operator's command line (CONTRACT §7).

Every subcommand takes --json (one JSON object on stdout and nothing else there) and exits
0 success, 1 error, 2 usage, 3 precheck / drift, 4 verification failed, 5 refused.
"""

from __future__ import annotations

import functools
import json
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import psycopg
from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from harness import gateway, governance, keys, lifecycle
from harness.config import database_url
from harness.cutter import (
    CutManifest,
    CutterInputError,
    UnitLimitExceeded,
    load_manifest_json,
    parse_document,
)
from harness.db import connect, ensure_default_database, lane, translated_errors
from harness.errors import (
    EXIT_ERROR,
    EXIT_VERIFY,
    CutterError,
    UnitNotFound,
    from_database,
)
from harness.survey import DOCUMENT_LOCK, SURVEY_LOCK

err = Console(stderr=True)
out = Console()


def _emit_json(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, default=str) + "\n")


def command(fn: Callable[..., dict[str, Any]]) -> Callable[..., None]:
    """Wrap a subcommand: --json, and every error turned into its message and exit code."""

    @click.option("--json", "as_json", is_flag=True, help="Print one JSON object on stdout.")
    @functools.wraps(fn)
    def wrapper(*args: Any, as_json: bool, **kwargs: Any) -> None:
        try:
            result = fn(*args, as_json=as_json, **kwargs)
        except CutterInputError as exc:
            _fail(as_json, EXIT_ERROR, {"error": "CutterInputError", "message": str(exc),
                                        "line": exc.line})
        except CutterError as exc:
            _fail(as_json, exc.exit_code, exc.to_json())
        if as_json:
            _emit_json(result)

    return wrapper


def _fail(as_json: bool, code: int, payload: dict[str, Any]) -> None:
    if as_json:
        _emit_json(payload)
    else:
        err.print(f"[bold red]error[/]: {payload.get('message')}", highlight=False)
        for key in ("detail", "hint"):
            if payload.get(key):
                err.print(f"  {key}: {payload[key]}", highlight=False)
        if payload.get("sqlstate"):
            err.print(f"  sqlstate: {payload['sqlstate']}", highlight=False)
    sys.exit(code)


def _load(source: Path, doc_code: str, profile: str, granularity: str) -> CutManifest:
    """The cut manifest of SOURCE, refused with IU009 (exit 5) when the file is larger than the
    policy allows, before it is read, or when it has more units than a change set may hold. Both
    limits are asked before the source is opened and the parser stops building units past the
    second, so refusing a document costs memory in proportion to its size, which the first
    bounds, and not to its units. The database states the limits and makes the refusals
    (fn_gov_check_source_bytes; fn_gov_check_unit_count, which fn_gov_open_change_set asks too)."""
    max_bytes, max_units = _limits()
    data = _read_source(source, max_bytes)
    if source.suffix.lower() == ".json":
        try:
            document = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CutterInputError(f"{source}: not a JSON cut manifest: {exc}") from exc
        del data
        manifest = load_manifest_json(document, doc_code=doc_code)
        if max_units is not None and len(manifest.units) > max_units:
            _refuse("fn_gov_check_unit_count", len(manifest.units))
        return manifest
    try:
        return parse_document(data, doc_code=doc_code, profile=profile,
                              granularity=granularity, source_name=str(source), max_units=max_units)
    except UnitLimitExceeded as exc:
        _refuse("fn_gov_check_unit_count", exc.count)
        raise  # the database accepted the count after all (its policy changed meanwhile)


def _read_source(source: Path, max_bytes: int | None) -> bytes:
    """SOURCE's bytes, read only when its size is within `max_bytes`. A source is a regular
    file: a device or a pipe has no size to check first, and /dev/zero never ends."""
    if not source.is_file():
        raise CutterInputError(f"{source} is not a regular file: a source is a document on disk")
    if max_bytes is None:
        return source.read_bytes()
    size = source.stat().st_size
    if size <= max_bytes:
        with source.open("rb") as handle:
            data = handle.read(max_bytes + 1)
        if len(data) <= max_bytes:
            return data
        size = max(len(data), source.stat().st_size)  # it grew after it was measured
    _refuse("fn_gov_check_source_bytes", size)
    raise CutterError(f"{source} is {size} bytes, over the {max_bytes} the policy allowed when this command"
                      " started; run it again")


def _limits() -> tuple[int | None, int | None]:
    """The largest source the CLI reads (bytes) and the most units a change set may hold, asked
    in the executor lane. (None, None) when they cannot be asked (database unreachable, lane not
    held): the command then goes on exactly as without these early checks, and fails where it
    always did."""
    try:
        with connect(database_url()) as conn, translated_errors(), lane(conn, "cutter_exec"):
            return conn.execute("SELECT cutter_governance.fn_gov_check_source_bytes(0),"
                                " cutter_governance.fn_gov_check_unit_count(1)").fetchone()
    except CutterError:
        return None, None


def _refuse(check: str, value: int) -> None:
    """The database's refusal of this size or count (IU009, raised as the CLI's error for it)."""
    with connect(database_url()) as conn, translated_errors(), lane(conn, "cutter_exec"):
        conn.execute(f"SELECT cutter_governance.{check}(%s)", (value,))


def _unit_arrays(manifest: CutManifest) -> gateway.UnitArrays:
    """The manifest's units as the gateway's arrays, numbered in source order."""
    units = manifest.units
    return gateway.UnitArrays([u.canonical_address for u in units], [u.body for u in units],
                              [u.title for u in units], [u.ordinal for u in units])


source_options = [
    click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path)),
    click.option("--doc-code", required=True, help="Document code, e.g. VN-HP-2013."),
    click.option("--profile", type=click.Choice(["auto", "vn", "en"]), default="auto",
                 show_default=True, help="Drafting tradition; auto-detected by default."),
    click.option("--granularity", type=click.Choice(["article", "clause", "point"]),
                 default="point", show_default=True, help="Deepest unit kind to cut."),
    click.option("--publication-type", default=None,
                 help="Publication type for the birth gate (constitution, law, ...)."),
]


def with_source_options(fn: Callable) -> Callable:
    for option in reversed(source_options):
        fn = option(fn)
    return fn


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dot-iu-cutter")
def main() -> None:
    """Cut legal documents into Information Units through the governed IU gateway."""


@main.command("plan")
@with_source_options
@command
def plan_cmd(source: Path, doc_code: str, profile: str, granularity: str,
             publication_type: str | None, as_json: bool) -> dict[str, Any]:
    """Parse SOURCE and dry-run the cut (fn_iu_create_plan). Writes nothing."""
    manifest = _load(source, doc_code, profile, granularity)
    url = ensure_default_database()
    with connect(url) as conn, translated_errors(), lane(conn, "cutter_exec"):
        rows = gateway.plan(conn, _unit_arrays(manifest), publication_type)
    per_unit = {r.ordinal: r for r in rows if r.ordinal is not None}
    call_level = [r for r in rows if r.ordinal is None]
    units = []
    for index, unit in enumerate(manifest.units, start=1):
        row = per_unit.get(index)
        units.append({
            **unit.to_json(),
            "action": row.action if row else "refused",
            "problem": row.message if row and row.code else None,
        })
    result = {
        **manifest.to_json(),
        "units": units,
        "actions": dict(Counter(u["action"] for u in units)),
        "refusals": [{"code": r.code, "message": r.message} for r in call_level
                     if r.action == "refused"],
        "policy_warnings": [{"code": r.code, "message": r.message} for r in call_level
                            if r.action == "warning"],
    }
    if not as_json:
        _print_plan(manifest, units, result)
    return result


@main.command("cut")
@with_source_options
@click.option("--actor", required=True, help="Who runs the cut (the executor; signs the manifest).")
@command
def cut_cmd(source: Path, doc_code: str, profile: str, granularity: str,
            publication_type: str | None, actor: str, as_json: bool) -> dict[str, Any]:
    """Cut SOURCE: open a change set, create the units, record the manifest and sign it, all in
    one transaction (governed recording, leg B); then read it back."""
    manifest = _load(source, doc_code, profile, granularity)
    url = ensure_default_database()
    with connect(url) as conn, translated_errors():
        outcome = governed_cut(conn, manifest, actor, publication_type)
    if not as_json:
        for address in outcome["created_units"]:
            out.print(f"[green]created[/] {address}", highlight=False)
        note = " (identical content already recorded: nothing new)" if outcome["reused"] else ""
        out.print(f"{doc_code}: {outcome['created']} created, {outcome['unchanged']} unchanged{note}",
                  highlight=False)
        out.print(f"change set {outcome['change_set_id']}  manifest_sha256 {manifest.manifest_sha256}",
                  highlight=False)
    return {k: v for k, v in outcome.items() if k != "created_units"}


CUT_CHUNK = 5000  # units per fn_iu_create call inside the cut's one transaction


def governed_cut(conn, manifest: CutManifest, actor: str, publication_type: str | None,
                 backup_sha256: str | None = None, *,
                 progress: Callable[[int, int], None] | None = None,
                 timings: dict[str, float] | None = None) -> dict[str, Any]:
    """The cut of CONTRACT §7 in one transaction, read back after the commit (lesson L2). The
    transaction holds the survey lock shared, so a survey never sees a cut half-done.

    fn_iu_create is called on consecutive slices of CUT_CHUNK units, all in that one
    transaction (parents come before children, so every slice finds its parents stored):
    progress(done, total) reports after each slice; nothing commits until the manifest and
    the executor signature are recorded. timings, when given, receives the seconds of each part.
    """
    clock = _Clock(timings)
    units = _unit_arrays(manifest)
    addresses = units.addresses
    hashes = [u.content_hash for u in manifest.units]
    with lane(conn, "cutter_exec"):
        reuse = _recorded_already(conn, manifest, units, publication_type)
    clock.lap("plan")
    if reuse:
        return reuse

    signer = keys.load_or_create(actor)
    created: list[str] = []
    with conn.transaction(), lane(conn, "cutter_exec"):
        conn.execute("SELECT pg_advisory_xact_lock_shared(%s, %s)", SURVEY_LOCK)
        # The document's lock (fn_iu_create and the lifecycle writers take the same one), then
        # the same question again: an identical cut that committed while this one waited is
        # reused, not recorded a second time.
        conn.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (DOCUMENT_LOCK, manifest.doc_code))
        reuse = _recorded_already(conn, manifest, units, publication_type)
        if reuse:
            clock.lap("plan")
            return reuse
        governance.register_key(conn, signer)
        change_set_id = governance.open_change_set(
            conn, doc_code=manifest.doc_code, source_sha256=manifest.source_sha256,
            manifest_sha256=manifest.manifest_sha256, unit_count=len(units), actor=actor,
            profile=manifest.profile, granularity=manifest.granularity,
            publication_type=publication_type, backup_sha256=backup_sha256,
        )
        for first in range(0, len(units), CUT_CHUNK):
            chunk = units.slice(first, first + CUT_CHUNK)
            try:
                ordinals = gateway.create_created(conn, chunk, actor, publication_type, change_set_id)
            except psycopg.Error as exc:
                raise _in_slice(from_database(exc), first, len(chunk), len(units)) from exc
            created += [chunk.addresses[o - 1] for o in ordinals]
            if progress:
                progress(first + len(chunk), len(units))
        clock.lap("create")
        governance.record_manifest(conn, change_set_id, addresses, hashes, actor)
        governance.sign_executor(conn, change_set_id, signer, manifest.manifest_sha256)
    clock.lap("record")

    with lane(conn, "cutter_exec"):
        recorded = governance.change_set(conn, change_set_id)
        missing = gateway.stored_differently(conn, addresses, hashes)
    clock.lap("read back")
    if recorded is None or missing:
        raise CutterError(
            f"read-back after commit failed: change set {'found' if recorded else 'missing'}, "
            f"{len(missing)} unit(s) not stored as cut {missing[:5]}",
            hint="run iu-cutter verify on the change set, and iu-cutter plan on the same source",
        )
    return _cut_result(manifest, change_set_id, created=created,
                       unchanged=len(units) - len(created), reused=False)


def _recorded_already(conn, manifest: CutManifest, units: gateway.UnitArrays,
                      publication_type: str | None) -> dict[str, Any] | None:
    """The cut's result when a live change set already recorded exactly this content and every
    unit is stored as cut: a rerun writes nothing new."""
    existing = governance.live_change_set_for(conn, manifest.doc_code, manifest.manifest_sha256)
    if not existing:
        return None
    per_unit = [r for r in gateway.plan(conn, units, publication_type) if r.ordinal is not None]
    if not per_unit or any(r.action != "unchanged" for r in per_unit):
        return None
    return _cut_result(manifest, existing.id, created=[], unchanged=len(per_unit), reused=True)


class _Clock:
    """Seconds per part of a step, into a caller's dict (or nowhere)."""

    def __init__(self, into: dict[str, float] | None) -> None:
        self.into = into
        self.last = time.perf_counter()

    def lap(self, part: str) -> None:
        now = time.perf_counter()
        if self.into is not None:
            self.into[part] = round(self.into.get(part, 0.0) + now - self.last, 3)
        self.last = now


def _in_slice(error: CutterError, first: int, size: int, total: int) -> CutterError:
    """A refusal of one slice of the cut: the ordinal in the database's message counts within
    the slice, so say which slice; the transaction rolls back, nothing was written."""
    if size == total:
        return error
    where = (f"in units {first + 1}-{first + size} of {total} (a unit number in the message counts "
             f"from unit {first + 1}); nothing was written")
    error.detail = f"{error.detail}; {where}" if error.detail else where
    return error


def _cut_result(manifest: CutManifest, change_set_id, *, created: list[str], unchanged: int,
                reused: bool) -> dict[str, Any]:
    return {
        "change_set_id": str(change_set_id),
        "doc_code": manifest.doc_code,
        "manifest_sha256": manifest.manifest_sha256,
        "source_sha256": manifest.source_sha256,
        "created": len(created),
        "unchanged": unchanged,
        "reused": reused,
        "created_units": created,
        "warnings": [w.to_json() for w in manifest.warnings],
    }


@main.command("verify")
@click.argument("change_set_id")
@click.option("--actor", required=True, help="The verifier (must not be the change set's executor).")
@command
def verify_cmd(change_set_id: str, actor: str, as_json: bool) -> dict[str, Any]:
    """Structural VERIFY of a change set, then write-VERIFY: the result and the verifier's
    signature, recorded in one transaction. Exit 4 when a check fails."""
    _require_uuid(change_set_id)
    url = ensure_default_database()
    with connect(url) as conn, translated_errors():
        result_id, verdict, checks = governed_verify(conn, change_set_id, actor)
    result = {
        "verify_result_id": str(result_id),
        "change_set_id": change_set_id,
        "verdict": verdict,
        "checks": [c.to_json() for c in checks],
        "failed": [c.check for c in checks if c.outcome != "pass"],
    }
    if not as_json:
        table = Table(title=f"verify {change_set_id}")
        for column in ("check", "outcome", "detail"):
            table.add_column(column)
        for c in checks:
            table.add_row(c.check, "[green]pass[/]" if c.outcome == "pass" else "[red]fail[/]",
                          c.detail)
        out.print(table)
        out.print(f"verdict [bold]{verdict}[/], recorded as {result_id}", highlight=False)
    if verdict != "pass":
        if as_json:
            _emit_json(result)
        sys.exit(EXIT_VERIFY)
    return result


def governed_verify(conn, change_set_id: str, actor: str) -> tuple[Any, str, list[governance.Check]]:
    """Structural VERIFY in the verifier lane, then write-VERIFY (result and signature) in one
    transaction: (verify_result_id, verdict, checks)."""
    signer = keys.load_or_create(actor)
    with lane(conn, "cutter_verifier"):
        if governance.change_set(conn, change_set_id) is None:
            raise UnitNotFound(f"change set {change_set_id} does not exist")
        checks = governance.structural_checks(conn, change_set_id)
        checks += governance.signature_checks(conn, change_set_id)
    with conn.transaction(), lane(conn, "cutter_verifier"):
        governance.register_key(conn, signer)
        result_id, verdict = governance.record_verify(conn, change_set_id, signer, checks)
    return result_id, verdict, checks


def enactable_addresses(conn, change_set_id: str) -> tuple[list[str], list[str]]:
    """A change set's manifest split into units enact moves (created or unchanged drafts) and
    revised units, which wait for supersede."""
    entries = _manifest_of(conn, change_set_id)
    return ([a for a, action in entries if action != "revised"],
            [a for a, action in entries if action == "revised"])


@main.command("review")
@click.argument("change_set_id", required=False)
@click.option("--manifest-sha256", help="Approve exact content before it is cut.")
@click.option("--decision", type=click.Choice(["approve", "reject"]), required=True)
@click.option("--actor", required=True, help="The reviewer (must not be the executor).")
@click.option("--subject", type=click.Choice(["enact", "supersede", "retire"]), default="enact",
              show_default=True, help="What the decision is about.")
@click.option("--rationale", help="Why (recorded and signed with the decision).")
@click.option("--expires-in-days", type=click.IntRange(1, 3650),
              help="The decision lapses after this many days.")
@click.option("--unit", "units", multiple=True,
              help="With --subject retire: a unit to retire (repeat it); the tool binds the decision "
                   "to exactly these units and their current content.")
@command
def review_cmd(change_set_id: str | None, manifest_sha256: str | None, decision: str, actor: str,
               subject: str, rationale: str | None, expires_in_days: int | None,
               units: tuple[str, ...], as_json: bool) -> dict[str, Any]:
    """Record a signed review decision for a change set, or for an exact manifest digest
    before the cut (so approval binds to content, not to a promise), or, to retire units,
    for exactly those units (--unit)."""
    if sum(map(bool, (change_set_id, manifest_sha256, units))) != 1:
        raise click.UsageError("give exactly one of CHANGE_SET_ID, --manifest-sha256 or --unit")
    if units and subject != "retire":
        raise click.UsageError("--unit binds a retirement decision: use it with --subject retire")
    if change_set_id:
        _require_uuid(change_set_id)
    url = ensure_default_database()
    signer = keys.load_or_create(actor)
    with connect(url) as conn, translated_errors():
        with lane(conn, "cutter_reviewer"):
            if units:
                manifest_sha256 = lifecycle.units_digest(conn, units)
                if manifest_sha256 is None:
                    raise CutterError("none of these units is enacted: nothing to approve for retirement",
                                      hint="drafts are withdrawn with iu-cutter retire, without a decision")
            if change_set_id:
                cs = governance.change_set(conn, change_set_id)
                if cs is None:
                    raise UnitNotFound(f"change set {change_set_id} does not exist")
                manifest_sha256 = cs.manifest_sha256
            expires_at = conn.execute(
                "SELECT now() + make_interval(days => %s)", (expires_in_days,)
            ).fetchone()[0] if expires_in_days else None
        reason = rationale or (f"{actor} {'approves' if decision == 'approve' else 'rejects'} "
                               f"{subject} of manifest {manifest_sha256}")
        with conn.transaction(), lane(conn, "cutter_reviewer"):
            governance.register_key(conn, signer)
            decision_id = governance.record_review(
                conn, signer, subject=subject, decision=decision, rationale=reason,
                change_set_id=change_set_id, manifest_sha256=manifest_sha256,
                expires_at=expires_at,
            )
    result = {
        "review_decision_id": str(decision_id),
        "decision": decision,
        "subject": subject,
        "change_set_id": change_set_id,
        "manifest_sha256": manifest_sha256,
        "units": list(units),
        "expires_at": expires_at.isoformat() if expires_at else None,
    }
    if not as_json:
        out.print(f"{decision} ({subject}) recorded as {decision_id} for manifest {manifest_sha256}",
                  highlight=False)
    return result


@main.command("enact")
@click.argument("change_set_id")
@click.option("--review-decision", "review_decision_id", required=True,
              help="The approved 'enact' decision (iu-cutter review), by someone else.")
@click.option("--actor", required=True, help="Who enacts (not the reviewer).")
@click.option("--reason", help="Recorded in the lifecycle log (default: names the decision).")
@command
def enact_cmd(change_set_id: str, review_decision_id: str, actor: str, reason: str | None,
              as_json: bool) -> dict[str, Any]:
    """Enact the units of a verified change set (draft -> enacted) under an approved review
    decision, all or nothing (fn_iu_enact_batch). Units already enacted are left alone."""
    _require_uuid(change_set_id)
    _require_uuid(review_decision_id, "review decision id")
    url = ensure_default_database()
    with connect(url) as conn, translated_errors():
        with lane(conn, "cutter_exec"):
            addresses, revised = enactable_addresses(conn, change_set_id)
        rows: list[lifecycle.EnactRow] = []
        if addresses:
            with conn.transaction(), lane(conn, "cutter_exec"):
                rows = lifecycle.enact(conn, addresses, actor, review_decision_id, reason)
        with lane(conn, "cutter_exec"):
            status = governance.change_set(conn, change_set_id).status
    enacted = [r.canonical_address for r in rows if r.action == "enacted"]
    result = {
        "change_set_id": change_set_id,
        "review_decision_id": review_decision_id,
        "enacted": len(enacted),
        "already_enacted": len(rows) - len(enacted),
        "pending_revisions": len(revised),
        "change_set_status": status,
        "units": [{"canonical_address": r.canonical_address, "action": r.action} for r in rows],
    }
    if not as_json:
        out.print(f"{len(enacted)} enacted, {result['already_enacted']} already enacted; "
                  f"change set {change_set_id} is {status}", highlight=False)
        if revised:
            out.print(f"{len(revised)} revised unit(s) wait for iu-cutter supersede", highlight=False)
    return result


@main.command("revise")
@with_source_options
@click.option("--actor", required=True, help="Who drafts the revision (the executor; signs the manifest).")
@command
def revise_cmd(source: Path, doc_code: str, profile: str, granularity: str,
               publication_type: str | None, actor: str, as_json: bool) -> dict[str, Any]:
    """Record a new version of a document whose units are enacted: changed enacted units get a
    new draft version (fn_iu_revise), new units are created, all in one governed change set.
    Enacted content itself never changes; iu-cutter supersede enacts the revision."""
    manifest = _load(source, doc_code, profile, granularity)
    url = ensure_default_database()
    with connect(url) as conn, translated_errors():
        outcome = governed_revision(conn, manifest, actor, publication_type)
    if not as_json:
        out.print(f"{doc_code}: {outcome['revised']} revised, {outcome['created']} created, "
                  f"{outcome['unchanged']} unchanged" + (" (nothing new)" if outcome["reused"] else ""),
                  highlight=False)
        out.print(f"change set {outcome['change_set_id']}  manifest_sha256 {manifest.manifest_sha256}",
                  highlight=False)
    return outcome


def governed_revision(conn, manifest: CutManifest, actor: str,
                      publication_type: str | None) -> dict[str, Any]:
    addresses = [u.canonical_address for u in manifest.units]
    hashes = [u.content_hash for u in manifest.units]
    with lane(conn, "cutter_exec"):
        standing = lifecycle.standing(conn, addresses)
        existing = governance.live_change_set_for(conn, manifest.doc_code, manifest.manifest_sha256)
    nothing_new = all(standing.get(a, (None, None))[1] == h
                      for a, h in zip(addresses, hashes, strict=True))
    if existing and nothing_new:
        return _revision_result(manifest, existing.id, created=0, revised=0, reused=True)
    retired = [a for a in addresses if standing.get(a, ("",))[0] == "retired"]
    if retired:
        raise CutterError(f"unit {retired[0]} is retired and cannot be revised",
                          hint="cut the new text under a new address")
    enacted = {a for a in addresses if standing.get(a, ("",))[0] == "enacted"}
    to_create = [gateway.UnitInput(u.canonical_address, u.body, u.title, doc_order=u.ordinal)
                 for u in manifest.units if u.canonical_address not in enacted]
    to_revise = [u for u in manifest.units if u.canonical_address in enacted]
    if not to_revise:
        raise CutterError(f"no unit of {manifest.doc_code} is enacted: nothing to revise",
                          hint="cut drafts with iu-cutter cut; edit a draft in place")
    signer = keys.load_or_create(actor)
    with conn.transaction(), lane(conn, "cutter_exec"):
        governance.register_key(conn, signer)
        change_set_id = governance.open_change_set(
            conn, doc_code=manifest.doc_code, source_sha256=manifest.source_sha256,
            manifest_sha256=manifest.manifest_sha256, unit_count=len(addresses), actor=actor,
            profile=manifest.profile, granularity=manifest.granularity,
            publication_type=publication_type,
        )
        created = gateway.create(conn, to_create, actor, publication_type, change_set_id) if to_create else []
        revised = lifecycle.revise(conn, [u.canonical_address for u in to_revise],
                                   [u.body for u in to_revise], actor, change_set_id)
        governance.record_manifest(conn, change_set_id, addresses, hashes, actor)
        governance.sign_executor(conn, change_set_id, signer, manifest.manifest_sha256)
    with lane(conn, "cutter_exec"):
        check = lifecycle.standing(conn, addresses)
    wrong = [a for a, h in zip(addresses, hashes, strict=True) if check.get(a, (None, None))[1] != h]
    if wrong:
        raise CutterError(f"read-back after commit failed: {len(wrong)} unit(s) not stored as revised "
                          f"{wrong[:5]}", hint="run iu-cutter verify on the change set")
    return _revision_result(
        manifest, change_set_id, created=sum(r.action == "created" for r in created),
        revised=sum(r.action == "revised" for r in revised), reused=False)


def _revision_result(manifest: CutManifest, change_set_id, *, created: int, revised: int,
                     reused: bool) -> dict[str, Any]:
    return {
        "change_set_id": str(change_set_id),
        "doc_code": manifest.doc_code,
        "manifest_sha256": manifest.manifest_sha256,
        "revised": revised,
        "created": created,
        "unchanged": len(manifest.units) - created - revised,
        "reused": reused,
    }


@main.command("supersede")
@click.argument("change_set_id")
@click.option("--review-decision", "review_decision_id", required=True,
              help="The approved 'supersede' decision on the revision's change set.")
@click.option("--actor", required=True, help="Who supersedes (not the reviewer).")
@click.option("--reason", help="Recorded in the lifecycle log.")
@command
def supersede_cmd(change_set_id: str, review_decision_id: str, actor: str, reason: str | None,
                  as_json: bool) -> dict[str, Any]:
    """Enact the revised units of a revision change set: each enacted version becomes
    superseded and its revision enacted at the same instant (fn_iu_supersede_batch)."""
    _require_uuid(change_set_id)
    _require_uuid(review_decision_id, "review decision id")
    url = ensure_default_database()
    with connect(url) as conn, translated_errors():
        with lane(conn, "cutter_exec"):
            entries = _manifest_of(conn, change_set_id)
        revised = [a for a, action in entries if action == "revised"]
        if not revised:
            raise CutterError(f"change set {change_set_id} revises no enacted unit",
                              hint="enact a cut's drafts with iu-cutter enact")
        with conn.transaction(), lane(conn, "cutter_exec"):
            rows = lifecycle.supersede(conn, revised, actor, review_decision_id, reason)
        with lane(conn, "cutter_exec"):
            status = governance.change_set(conn, change_set_id).status
    done = [r for r in rows if r.action == "superseded"]
    result = {
        "change_set_id": change_set_id,
        "review_decision_id": review_decision_id,
        "superseded": len(done),
        "already_superseded": len(rows) - len(done),
        "change_set_status": status,
        "units": [{"canonical_address": r.canonical_address, "action": r.action,
                   "version_id": str(r.version_id),
                   "superseded_version_id": str(r.superseded_version_id) if r.superseded_version_id else None}
                  for r in rows],
    }
    if not as_json:
        out.print(f"{len(done)} superseded, {result['already_superseded']} already superseded; "
                  f"change set {change_set_id} is {status}", highlight=False)
    return result


@main.command("retire")
@click.argument("addresses", nargs=-1, required=True)
@click.option("--actor", required=True, help="Who retires (not the reviewer).")
@click.option("--reason", required=True, help="Why (recorded in the lifecycle log).")
@click.option("--review-decision", "review_decision_id",
              help="The approved 'retire' decision for exactly these units (not needed to withdraw drafts).")
@command
def retire_cmd(addresses: tuple[str, ...], actor: str, reason: str, review_decision_id: str | None,
               as_json: bool) -> dict[str, Any]:
    """Retire enacted units under an approved decision for exactly them, or withdraw drafts
    (fn_iu_retire_batch). A unit goes with or after its children."""
    if review_decision_id:
        _require_uuid(review_decision_id, "review decision id")
    url = ensure_default_database()
    with connect(url) as conn, translated_errors(), conn.transaction(), lane(conn, "cutter_exec"):
        rows = lifecycle.retire(conn, list(addresses), actor, review_decision_id, reason)
    counts = Counter(r.action for r in rows)
    result = {
        "retired": counts.get("retired", 0),
        "withdrawn": counts.get("withdrawn", 0),
        "already_retired": counts.get("already_retired", 0),
        "units": [{"canonical_address": r.canonical_address, "action": r.action} for r in rows],
    }
    if not as_json:
        out.print(f"{result['retired']} retired, {result['withdrawn']} withdrawn, "
                  f"{result['already_retired']} already retired", highlight=False)
    return result


@main.command("in-force")
@click.argument("doc_code")
@click.option("--at", "at", type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S",
                                                        "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f"]),
              help="Point in time (default: now; local time of the database session).")
@command
def in_force_cmd(doc_code: str, at, as_json: bool) -> dict[str, Any]:
    """The document as in force at a point in time (fn_iu_document_at), in document order."""
    url = ensure_default_database()
    with connect(url) as conn, translated_errors(), lane(conn, "iu_reader"):
        rows = lifecycle.document_at(conn, doc_code, at)
    result = {
        "doc_code": doc_code,
        "at": at.isoformat() if at else None,
        "units": [{"canonical_address": r.canonical_address, "unit_kind": r.unit_kind,
                   "version_no": r.version_no, "content_hash": r.content_hash, "body": r.body,
                   "in_force_from": r.in_force_from.isoformat(),
                   "in_force_until": r.in_force_until.isoformat() if r.in_force_until else None}
                  for r in rows],
    }
    if not as_json:
        table = Table(title=f"{doc_code} in force at {at or 'now'}")
        for column in ("address", "version", "in force from", "text"):
            table.add_column(column)
        for r in rows:
            table.add_row(r.canonical_address, str(r.version_no),
                          r.in_force_from.isoformat(timespec="seconds"), r.body[:60].replace("\n", " "))
        out.print(table)
    return result


def _manifest_of(conn, change_set_id: str) -> list[tuple[str, str]]:
    if governance.change_set(conn, change_set_id) is None:
        raise UnitNotFound(f"change set {change_set_id} does not exist")
    return lifecycle.manifest_units(conn, change_set_id)


def _require_uuid(value: str, what: str = "change set id") -> None:
    try:
        uuid.UUID(value)
    except ValueError as exc:
        raise click.UsageError(f"{value!r} is not a {what} (a UUID)") from exc


def _print_plan(manifest: CutManifest, units: list[dict], result: dict) -> None:
    tree = Tree(f"[bold]{manifest.doc_code}[/] ({manifest.profile} profile, "
                f"granularity {manifest.granularity})")
    nodes: dict[str | None, Tree] = {None: tree}
    style = {"create": "green", "unchanged": "dim", "conflict": "red", "invalid": "red"}
    for unit in units:
        label = unit["canonical_address"].split("/")[-1]
        title = f" — {unit['title']}" if unit.get("title") else ""
        colour = style.get(unit["action"], "yellow")
        parent = nodes.get(unit["parent_address"], tree)
        nodes[unit["canonical_address"]] = parent.add(
            f"{label}{title} [{colour}]{unit['action']}[/]", highlight=False
        )
    out.print(tree)
    table = Table(title="units per kind")
    table.add_column("kind")
    table.add_column("count", justify="right")
    for kind, count in manifest.counts_by_kind().items():
        table.add_row(kind, str(count))
    out.print(table)
    out.print("actions: " + ", ".join(f"{k} {v}" for k, v in result["actions"].items()))
    out.print(f"manifest_sha256: {manifest.manifest_sha256}")
    if manifest.dropped:
        reasons = Counter(d.reason for d in manifest.dropped)
        out.print("dropped lines: " + ", ".join(f"{r} {n}" for r, n in reasons.items()))
    for warning in manifest.warnings:
        out.print(f"[yellow]warning[/] line {warning.line}: {warning.message}", highlight=False)
    for item in result["policy_warnings"] + result["refusals"]:
        out.print(f"[yellow]{item['code']}[/] {item['message']}", highlight=False)
    for unit in units:
        if unit["problem"]:
            out.print(f"[red]{unit['action']}[/] {unit['problem']}", highlight=False)


def _register_command_modules() -> None:
    """Import every module of harness.commands: each registers its subcommands on main."""
    import importlib
    import pkgutil

    from harness import commands

    for module in sorted(m.name for m in pkgutil.iter_modules(commands.__path__)):
        importlib.import_module(f"harness.commands.{module}")


_register_command_modules()

if __name__ == "__main__":
    main()
