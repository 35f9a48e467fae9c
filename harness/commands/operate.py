"""Operator commands around a change set: rollback (CONTRACT §7) and status."""

from __future__ import annotations

from typing import Any

import click
from rich.table import Table

from harness import governance, lifecycle
from harness.cli import _require_uuid, command, main, out
from harness.db import connect, ensure_default_database, lane, translated_errors
from harness.errors import CutterError, UnitNotFound

G = "cutter_governance"


@main.command("rollback")
@click.argument("change_set_id")
@click.option("--actor", required=True, help="Who rolls the cut back (recorded with the rollback).")
@click.option("--reason", help="Why (recorded; default names the change set).")
@command
def rollback_cmd(change_set_id: str, actor: str, reason: str | None, as_json: bool) -> dict[str, Any]:
    """Remove a cut that is not enacted, all or nothing (fn_iu_rollback), recorded against its
    change set. An enacted change set is refused (exit 5): enacted units are retired."""
    _require_uuid(change_set_id)
    url = ensure_default_database()
    with connect(url) as conn, translated_errors():
        with conn.transaction(), lane(conn, "cutter_exec"):
            row = lifecycle.rollback(conn, change_set_id, actor, reason)
        with lane(conn, "cutter_exec"):
            cs = governance.change_set(conn, change_set_id)
            left = conn.execute(
                "SELECT count(*) FROM public.information_unit WHERE created_change_set_id = %s::uuid",
                (change_set_id,),
            ).fetchone()[0]
    if cs.status != "rolled_back" or left:
        raise CutterError(f"read-back after the rollback failed: change set is {cs.status}, "
                          f"{left} unit(s) left")
    result = {
        "change_set_id": change_set_id,
        "action": row.action,
        "removed": row.removed_units,
        "removed_versions": row.removed_versions,
        "removed_digest": row.removed_digest,
        "rollback_id": str(row.rollback_id),
        "status": cs.status,
    }
    if not as_json:
        if row.action == "already_rolled_back":
            out.print(f"change set {change_set_id} was already rolled back: nothing removed", highlight=False)
        else:
            out.print(f"rolled back {change_set_id}: {row.removed_units} unit(s), {row.removed_versions} "
                      f"version(s) removed; digest {row.removed_digest}", highlight=False)
    return result


def change_set_standing(conn, change_set_id: str) -> dict[str, Any]:
    """Where a change set stands: its status, units by lifecycle status, verify results, review
    decisions for its content, rollback, and what to do next."""
    cs = governance.change_set(conn, change_set_id)
    if cs is None:
        raise UnitNotFound(f"change set {change_set_id} does not exist")
    units = dict(conn.execute(
        "SELECT coalesce(uv.lifecycle_status, 'removed'), count(*)"
        f" FROM {G}.manifest_envelope AS e JOIN {G}.manifest_entry AS m ON m.envelope_id = e.id"
        " LEFT JOIN public.information_unit AS iu ON iu.canonical_address = m.canonical_address"
        " LEFT JOIN public.unit_version AS uv ON uv.iu_id = iu.id AND uv.content_hash = m.content_hash"
        "  AND uv.lifecycle_status <> 'superseded'"
        " WHERE e.change_set_id = %s::uuid GROUP BY 1 ORDER BY 1",
        (change_set_id,),
    ).fetchall())
    verifies = [
        {"verify_result_id": str(r[0]), "verdict": r[1], "verifier": r[2], "verified_at": r[3].isoformat()}
        for r in conn.execute(
            f"SELECT id, verdict, verifier, verified_at FROM {G}.verify_result"
            " WHERE change_set_id = %s::uuid ORDER BY chain_pos", (change_set_id,))
    ]
    reviews = [
        {"review_decision_id": str(r[0]), "subject": r[1], "decision": r[2], "decided_by": r[3],
         "decided_at": r[4].isoformat(), "expires_at": r[5].isoformat() if r[5] else None}
        for r in conn.execute(
            f"SELECT id, subject, decision, decided_by, decided_at, expires_at FROM {G}.review_decision"
            " WHERE manifest_sha256 = %s AND (change_set_id IS NULL OR change_set_id = %s::uuid)"
            " ORDER BY chain_pos", (cs.manifest_sha256, change_set_id))
    ]
    rollback = conn.execute(
        f"SELECT performed_by, performed_at, reason FROM {G}.rollback_record WHERE change_set_id = %s::uuid",
        (change_set_id,),
    ).fetchone()
    approved = [r for r in reviews if r["decision"] == "approve" and r["subject"] == "enact"
                and r["decided_by"] != cs.actor]
    next_step = {
        "recorded": f"iu-cutter verify {change_set_id} --actor <verifier>",
        "verify_failed": f"read the failed checks (iu-cutter verify {change_set_id}), then "
                         "iu-cutter rollback",
        "verified": (f"iu-cutter enact {change_set_id} --review-decision {approved[-1]['review_decision_id']}"
                     " --actor <name>" if approved else
                     f"iu-cutter review {change_set_id} --decision approve --actor <reviewer>"),
        "enacted": "nothing: the change set is enacted",
        "rolled_back": "nothing: the cut was rolled back",
    }[cs.status]
    return {
        "change_set_id": str(cs.id),
        "doc_code": cs.doc_code,
        "status": cs.status,
        "manifest_sha256": cs.manifest_sha256,
        "executor": cs.actor,
        "opened_at": cs.opened_at.isoformat(),
        "unit_count": cs.unit_count,
        "units": units,
        "verify_results": verifies,
        "review_decisions": reviews,
        "rollback": ({"performed_by": rollback[0], "performed_at": rollback[1].isoformat(),
                      "reason": rollback[2]} if rollback else None),
        "next": next_step,
    }


@main.command("status")
@click.argument("change_set_id", required=False)
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True,
              help="Without CHANGE_SET_ID: how many recent change sets to list.")
@command
def status_cmd(change_set_id: str | None, limit: int, as_json: bool) -> dict[str, Any]:
    """Where a change set stands (status, units, verify results, review decisions, next step);
    without CHANGE_SET_ID, the most recent change sets."""
    url = ensure_default_database()
    with connect(url) as conn, translated_errors(), lane(conn, "cutter_exec"):
        if change_set_id:
            _require_uuid(change_set_id)
            result = change_set_standing(conn, change_set_id)
        else:
            rows = conn.execute(
                f"SELECT id, doc_code, status, unit_count, actor, opened_at FROM {G}.cut_change_set"
                " ORDER BY chain_pos DESC LIMIT %s", (limit,)).fetchall()
            result = {"change_sets": [
                {"change_set_id": str(r[0]), "doc_code": r[1], "status": r[2], "unit_count": r[3],
                 "executor": r[4], "opened_at": r[5].isoformat()} for r in rows]}
    if not as_json:
        if change_set_id:
            out.print(f"change set {result['change_set_id']} ({result['doc_code']}): "
                      f"[bold]{result['status']}[/]", highlight=False)
            out.print("units: " + ", ".join(f"{k} {v}" for k, v in result["units"].items()), highlight=False)
            for v in result["verify_results"]:
                out.print(f"verify {v['verdict']} by {v['verifier']} at {v['verified_at']}", highlight=False)
            for r in result["review_decisions"]:
                out.print(f"review {r['subject']} {r['decision']} by {r['decided_by']} at {r['decided_at']}",
                          highlight=False)
            out.print(f"next: {result['next']}", highlight=False)
        else:
            table = Table(title="recent change sets")
            for column in ("change set", "document", "status", "units", "executor", "opened"):
                table.add_column(column)
            for r in result["change_sets"]:
                table.add_row(r["change_set_id"], r["doc_code"], r["status"], str(r["unit_count"]),
                              r["executor"], r["opened_at"])
            out.print(table)
    return result
