"""iu-cutter run (CONTRACT §8): backup -> drift precheck -> GRANT precheck -> cut -> governed
recording -> VERIFY -> enactment (only under an approved review by someone else for exactly
this content) -> audit pack. Each step is a gate: the first failure stops the run, says which
gate failed and what to do next, and exits with CONTRACT §7's code. Every step that writes
commits on its own and is read back (lesson L2), so a run killed at any moment leaves either no
trace of its cut or a complete, consistent one, and a rerun carries on from there.

--rehearse runs the same steps for real inside one transaction that is rolled back at the end,
then proves the database is as it was before."""

from __future__ import annotations

import contextlib
import json
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
import psycopg
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from harness import audit_pack, governance, keys, lifecycle
from harness import backup as backups
from harness import survey as surveys
from harness.cli import (
    _Clock,
    _load,
    command,
    err,
    governed_cut,
    governed_verify,
    main,
    out,
    with_source_options,
)
from harness.db import connect, ensure_default_database, lane, translated_errors
from harness.errors import (
    EXIT_PRECHECK,
    EXIT_VERIFY,
    RERUN,
    CutterError,
    ReviewDecisionInvalid,
    from_database,
)

G = "cutter_governance"

# What each lane must be able to execute for a run to get through (the GRANT precheck).
LANE_FUNCTIONS = {
    "cutter_exec": (
        "public.fn_iu_create(text[], text[], text, text[], text, integer[], uuid)",
        "public.fn_iu_create_plan(text[], text[], text[], text, integer[])",
        "public.fn_iu_enact_batch(text[], text, uuid, text)",
        "public.fn_iu_rollback(uuid, text, text)",
        f"{G}.fn_gov_open_change_set(text, text, text, integer, text, text, text, text, text)",
        f"{G}.fn_gov_record_manifest(uuid, text[], text[], text)",
        f"{G}.fn_gov_sign_executor(uuid, text, text, bytea)",
    ),
    "cutter_verifier": (
        f"{G}.fn_gov_verify_change_set(uuid)",
        f"{G}.fn_gov_record_verify(uuid, text, text, jsonb, text, bytea)",
    ),
}


class GateFailed(CutterError):
    """A gate of the run refused to let it go on: which gate, why, what to do next."""

    def __init__(self, gate: str, message: str, *, exit_code: int, hint: str, detail: str | None = None,
                 sqlstate: str | None = None, steps: list[dict] | None = None) -> None:
        super().__init__(message, detail=detail, hint=hint, sqlstate=sqlstate)
        self.gate = gate
        self.exit_code = exit_code
        self.steps = steps or []

    def to_json(self) -> dict:
        return {**super().to_json(), "gate": self.gate, "steps": self.steps}


class Run:
    """The steps of one run: timing, outcome and detail of each, shown as they finish."""

    def __init__(self, as_json: bool, log_json: bool) -> None:
        self.as_json, self.log_json = as_json, log_json
        self.steps: list[dict[str, Any]] = []
        self.extra: dict[str, Any] = {}

    def step(self, name: str, action: Callable[[], tuple[str, str, Any]],
             on_error: tuple[int, str] | None = None, *, counted: bool = False) -> Any:
        """Run one step. action returns (outcome, detail, value). A CutterError stops the run at
        this gate; on_error = (exit code, what to do next) overrides the error's own. A counted
        step draws its own progress bar (Run.counter) instead of the spinner."""
        start = time.perf_counter()
        self.extra = {}
        try:
            if self.as_json or counted:
                outcome, detail, value = action()
            else:
                with err.status(f"{name} ..."):
                    outcome, detail, value = action()
        except GateFailed as exc:
            self._record(name, "failed", exc.message, start)
            exc.steps = self.steps
            raise
        except (psycopg.Error, OSError) as exc:
            # The moment failed, not the input (a lost connection, a timeout, a full disk): the
            # error keeps its own code and says a rerun is safe; on_error is for the step's
            # own refusals and would misname these.
            error = from_database(exc) if isinstance(exc, psycopg.Error) else CutterError(
                f"{exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}", hint=RERUN)
            self._record(name, "failed", error.message, start)
            raise GateFailed(name, f"{name} failed: {error.message}", exit_code=error.exit_code,
                             hint=error.hint or RERUN, detail=error.detail, sqlstate=error.sqlstate,
                             steps=self.steps) from exc
        except CutterError as exc:
            self._record(name, "failed", exc.message, start)
            code, hint = on_error if on_error else (exc.exit_code, exc.hint or "")
            raise GateFailed(name, f"{name} failed: {exc.message}", exit_code=code, hint=hint,
                             detail=exc.detail, sqlstate=exc.sqlstate, steps=self.steps) from exc
        self._record(name, outcome, detail, start)
        return value

    def _record(self, name: str, outcome: str, detail: str, start: float) -> None:
        seconds = time.perf_counter() - start
        entry = {"step": name, "outcome": outcome, "seconds": round(seconds, 3), "detail": detail,
                 **self.extra,
                 "max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
        if entry.get("units") and seconds > 0:
            entry["units_per_second"] = round(entry["units"] / seconds)
        self.extra = {}
        self.steps.append(entry)
        if self.log_json:
            sys.stderr.write(json.dumps({"at": datetime.now(UTC).isoformat(), **entry}) + "\n")
        elif not self.as_json:
            colour = {"ok": "green", "failed": "red"}.get(outcome, "yellow")
            err.print(f"[{colour}]{outcome:>9}[/] {name:<16} {entry['seconds']:>8.2f} s  {detail}",
                      highlight=False)


    @contextlib.contextmanager
    def counter(self, label: str, total: int) -> Iterator[Callable[[int, int], None] | None]:
        """A progress bar with the count, the rate and the time left, on stderr; none with
        --json or --log-json (their output is for programs)."""
        if self.as_json or self.log_json:
            yield None
            return
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]} units/s"), TimeElapsedColumn(), TimeRemainingColumn())
        with Progress(*columns, console=err, transient=True) as bar:
            task = bar.add_task(label, total=total, rate="-")
            started = time.perf_counter()

            def advance(done: int, of: int) -> None:
                elapsed = time.perf_counter() - started
                bar.update(task, completed=done, total=of,
                           rate=f"{done / elapsed:,.0f}" if elapsed > 0 else "-")

            yield advance


def grant_precheck(conn: psycopg.Connection) -> list[str]:
    """What the connecting login lacks to run the flow: lane membership and EXECUTE grants."""
    problems = []
    for role, functions in LANE_FUNCTIONS.items():
        member = conn.execute("SELECT pg_has_role(session_user, %s, 'MEMBER')", (role,)).fetchone()[0]
        if not member:
            problems.append(f"login {conn.info.user} is not a member of {role}")
        for fn in functions:
            ok = conn.execute("SELECT has_function_privilege(%s, %s, 'EXECUTE')", (role, fn)).fetchone()[0]
            if not ok:
                problems.append(f"{role} cannot execute {fn}")
    return problems


def approved_decision(conn: psycopg.Connection, manifest_sha256: str, actor: str,
                      executor: str) -> str | None:
    """The newest approval to enact exactly this content, by someone other than the actor and
    the executor, not expired, not followed by a rejection and signed by its reviewer (the
    signature verifies under the reviewer's key over the decision's digest); the database
    re-checks it all when it enacts. An approval failing any of these is not a reason to stop:
    the run waits for a real one."""
    row = conn.execute(
        f"SELECT a.id FROM {G}.review_decision AS a"
        f" JOIN {G}.dot_pair_signature AS s ON s.review_decision_id = a.id AND s.lane = 'reviewer'"
        "   AND s.signer = a.decided_by AND s.signed_digest = a.decision_digest"
        " WHERE a.manifest_sha256 = %s AND a.subject = 'enact' AND a.decision = 'approve'"
        "   AND a.decided_by NOT IN (%s, %s) AND (a.expires_at IS NULL OR a.expires_at > now())"
        f"   AND NOT EXISTS (SELECT 1 FROM {G}.review_decision AS r"
        "     WHERE r.manifest_sha256 = a.manifest_sha256"
        "     AND r.subject = 'enact' AND r.decision = 'reject' AND r.chain_pos > a.chain_pos)"
        f"   AND {G}.fn_gov_signature_verifies(s.key_id, s.lane, s.signed_digest, s.signature)"
        " ORDER BY a.chain_pos DESC LIMIT 1",
        (manifest_sha256, actor, executor),
    ).fetchone()
    return str(row[0]) if row else None


def footprint(conn: psycopg.Connection) -> dict[str, int]:
    """Row counts of every table a run writes: what a rehearsal must leave unchanged."""
    tables = ("public.information_unit", "public.unit_version", "public.iu_lifecycle_log",
              f"{G}.signer_key", f"{G}.cut_change_set", f"{G}.manifest_envelope", f"{G}.manifest_entry",
              f"{G}.verify_result", f"{G}.dot_pair_signature", f"{G}.review_decision")
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


@main.command("run")
@with_source_options
@click.option("--actor", required=True, help="The executor: cuts, signs the manifest and enacts.")
@click.option("--verifier", required=True, help="Who verifies (must not be the actor).")
@click.option("--backup-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where the backup goes (default: $IU_CUTTER_HOME/backups).")
@click.option("--pack-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where the audit pack goes (default: $IU_CUTTER_HOME/packs/<change set>-<time>).")
@click.option("--rehearse", is_flag=True,
              help="Run every step for real in one transaction, roll it back, prove nothing is left.")
@click.option("--log-json", is_flag=True, help="One JSON line per step on stderr.")
@command
def run_cmd(source: Path, doc_code: str, profile: str, granularity: str, publication_type: str | None,
            actor: str, verifier: str, backup_dir: Path | None, pack_dir: Path | None, rehearse: bool,
            log_json: bool, as_json: bool) -> dict[str, Any]:
    """The whole flow in one command (CONTRACT §8); ends enacted, or awaiting_review when no
    approval by someone else exists yet for exactly this content (iu-cutter enact finishes it)."""
    if actor == verifier:
        raise click.UsageError("--verifier must be another person than --actor")
    run = Run(as_json, log_json)
    def parse() -> tuple[str, str, Any]:
        m = _load(source, doc_code, profile, granularity)
        run.extra = {"units": len(m.units)}
        return "ok", f"{len(m.units)} units, manifest {m.manifest_sha256[:12]}", m

    manifest = run.step("parse", parse)
    url = ensure_default_database()
    home = keys.home()
    with connect(url) as conn, translated_errors():
        backup, report = _prechecks(run, conn, url, None if rehearse else backup_dir or home / "backups")
        if rehearse:
            before = footprint(conn)
            with conn.transaction(force_rollback=True):
                result = _writes(run, conn, manifest, actor, verifier, publication_type, backup, report,
                                 Path(tempfile.mkdtemp(prefix="iu-rehearsal-pack-")))
            after = footprint(conn)
            changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
            if changed:
                raise CutterError(f"the rehearsal left rows behind: {changed}")
            result["left_behind"] = changed
        else:
            result = _writes(run, conn, manifest, actor, verifier, publication_type, backup, report, pack_dir)
        result["rehearsal"] = rehearse
    result["steps"] = run.steps
    if not as_json:
        _summary(result)
    return result


def _prechecks(run: Run, conn: psycopg.Connection, url: str, backup_dir: Path | None):
    """Backup (none in a rehearsal, which writes nothing), drift survey, GRANT precheck."""
    backup = None
    if backup_dir is None:
        run._record("backup", "skipped", "rehearsal: nothing is written, nothing to restore",
                    time.perf_counter())
    else:
        def take_backup() -> tuple[str, str, Any]:
            b = backups.backup(url, backup_dir)
            return "ok", f"{b.path.name} sha256 {b.sha256[:12]} ({b.bytes} bytes)", b

        backup = run.step("backup", take_backup,
                          on_error=(1, "check disk space and that pg_dump matches the server; "
                                       "nothing was cut"))

    def drift() -> tuple[str, str, Any]:
        report = surveys.survey(conn)
        if report.drift:
            raise GateFailed(
                "drift precheck", f"the database differs from revision {report.expected_revision}: "
                f"{len(report.drift)} drift(s)", exit_code=EXIT_PRECHECK,
                detail="; ".join(f"{d.kind} {d.object}" for d in report.drift[:10]),
                hint="iu-cutter survey shows each drift with its repair; nothing was cut",
                steps=run.steps)
        return "ok", f"revision {report.revision}: {sum(report.checked.values())} objects match", report

    report = run.step("drift precheck", drift)

    def grants() -> tuple[str, str, Any]:
        problems = grant_precheck(conn)
        if problems:
            raise CutterError("; ".join(problems))
        return "ok", f"{sum(map(len, LANE_FUNCTIONS.values()))} lane grants present", None

    run.step("grant precheck", grants,
             on_error=(EXIT_PRECHECK, "the DB team grants the lane roles "
                                      "(alembic upgrade head restores them)"))

    return backup, report


def _writes(run: Run, conn: psycopg.Connection, manifest, actor: str, verifier: str,
            publication_type: str | None, backup, report, pack_dir: Path | None) -> dict[str, Any]:
    """Cut, VERIFY, enactment when approved, audit pack: each commits and is read back."""

    def do_cut() -> tuple[str, str, Any]:
        parts: dict[str, float] = {}
        with run.counter("cut", len(manifest.units)) as progress:
            c = governed_cut(conn, manifest, actor, publication_type, backup.sha256 if backup else None,
                             progress=progress, timings=parts)
        run.extra = {"units": len(manifest.units), "parts": parts}
        detail = ("identical content already recorded: nothing new" if c["reused"] else
                  f"{c['created']} created, {c['unchanged']} unchanged")
        return "ok", detail, c

    cut = run.step("cut", do_cut, counted=True)
    cs = cut["change_set_id"]

    def verify() -> tuple[str, str, Any]:
        with lane(conn, "cutter_verifier"):
            status = governance.change_set(conn, cs).status
        if status in ("verified", "enacted"):
            return "skipped", f"change set already {status}", status
        _, verdict, checks = governed_verify(conn, cs, verifier)
        with lane(conn, "cutter_verifier"):
            status = governance.change_set(conn, cs).status
        if verdict != "pass":
            failed = [f"{c.check}: {c.detail}" for c in checks if c.outcome != "pass"]
            raise GateFailed("verify", f"verify failed: {len(failed)} check(s)", exit_code=EXIT_VERIFY,
                             detail="; ".join(failed[:10]),
                             hint=f"read iu-cutter status {cs}; roll the cut back with "
                                  f"iu-cutter rollback {cs}",
                             steps=run.steps)
        return "ok", f"{len(checks)} checks pass; change set {status}", status

    run.step("verify", verify)

    def enact() -> tuple[str, str, Any]:
        parts: dict[str, float] = {}
        clock = _Clock(parts)
        with lane(conn, "cutter_exec"):
            current = governance.change_set(conn, cs)
            if current.status == "enacted":
                return "skipped", "change set already enacted", (current.status, None, 0)
            decision = approved_decision(conn, manifest.manifest_sha256, actor, current.actor)
            if decision is None:
                return "waiting", "no approval by someone else for this manifest yet", (
                    "awaiting_review", None, 0)
        clock.lap("read")
        try:
            with conn.transaction(), lane(conn, "cutter_exec"):
                enacted, already = lifecycle.enact_change_set_counts(conn, cs, actor, decision)
        except ReviewDecisionInvalid as exc:
            return "waiting", f"review decision {decision} does not authorise it: {exc.message}", (
                "awaiting_review", decision, 0)
        clock.lap("enact batch")
        with lane(conn, "cutter_exec"):
            final = governance.change_set(conn, cs).status
        clock.lap("read back")
        run.extra = {"units": enacted + already, "parts": parts}
        return "ok", f"{enacted} enacted under review decision {decision}; change set {final}", (
            "enacted" if final == "enacted" else "awaiting_review", decision, enacted)

    status, decision, enacted = run.step("enact", enact)

    def pack() -> tuple[str, str, Any]:
        target = pack_dir or keys.home() / "packs" / f"{cs}-{datetime.now(UTC):%Y%m%dT%H%M%S.%fZ}"
        with lane(conn, "cutter_exec"):
            path = audit_pack.write_pack(conn, cs, target, survey_snapshot=report.to_json(),
                                         backup=backup.to_json() if backup else None)
        findings = [f for f in audit_pack.check_pack(path) if not f.ok]
        if findings:
            raise CutterError(f"the audit pack does not check: {findings[0]}")
        return "ok", str(path), path

    path = run.step("audit pack", pack,
                    on_error=(1, f"write it again with iu-cutter audit-pack {cs} --out DIR"))
    return {
        "change_set_id": cs,
        "status": status,
        "doc_code": manifest.doc_code,
        "manifest_sha256": manifest.manifest_sha256,
        "created": cut["created"],
        "unchanged": cut["unchanged"],
        "reused": cut["reused"],
        "verify": "pass",
        "review_decision_id": decision,
        "enacted": enacted,
        "backup": backup.to_json() if backup else None,
        "audit_pack": str(path),
        "next": None if status == "enacted" else (
            f"a reviewer: iu-cutter review --manifest-sha256 {manifest.manifest_sha256} --decision approve "
            f"--actor <reviewer>; then iu-cutter enact {cs} --review-decision <id> --actor {actor}"),
    }


def _summary(result: dict[str, Any]) -> None:
    table = Table(title=("rehearsal (rolled back): " if result["rehearsal"] else "") +
                  f"{result['doc_code']} -> {result['status']}")
    table.add_column("")
    table.add_column("")
    for key in ("change_set_id", "manifest_sha256", "created", "unchanged", "review_decision_id", "enacted",
                "audit_pack"):
        table.add_row(key, str(result[key]))
    if result["backup"]:
        table.add_row("backup", f"{result['backup']['path']} (sha256 {result['backup']['sha256'][:16]}...)")
    out.print(table)
    if result["next"]:
        out.print(f"next: {result['next']}", highlight=False)
