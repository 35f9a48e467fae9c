"""iu-cutter audit-pack: write the audit pack of a change set, or check one offline."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from harness import audit_pack
from harness.cli import _emit_json, _require_uuid, command, err, main, out
from harness.db import connect, ensure_default_database, lane, translated_errors
from harness.errors import EXIT_VERIFY


@main.command("audit-pack")
@click.argument("change_set_id", required=False)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the pack into (new, or empty).")
@click.option("--check", "check_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Check the pack in this folder offline (no database) instead.")
@command
def audit_pack_cmd(change_set_id: str | None, out_dir: Path | None, check_dir: Path | None,
                   as_json: bool) -> dict[str, Any]:
    """Write the audit pack of CHANGE_SET_ID into --out DIR, or (--check DIR) re-verify a pack
    with no database: file digests, the manifest digest, every signature, every row and seal
    hash. Exit 4 when a check fails."""
    if bool(change_set_id) == bool(check_dir):
        raise click.UsageError("give either CHANGE_SET_ID (with --out DIR) or --check DIR")
    if check_dir:
        if out_dir:
            raise click.UsageError("--out goes with CHANGE_SET_ID, not with --check")
        return _check(check_dir, as_json)
    if not out_dir:
        raise click.UsageError("--out DIR is required to write a pack")
    _require_uuid(change_set_id)
    url = ensure_default_database()
    with connect(url) as conn, translated_errors(), lane(conn, "iu_reader"):
        path = audit_pack.write_pack(conn, change_set_id, out_dir)
    if not as_json:
        out.print(f"audit pack of change set {change_set_id} written to {path}", highlight=False)
    return {"path": str(path), "change_set_id": change_set_id}


def _check(folder: Path, as_json: bool) -> dict[str, Any]:
    findings = audit_pack.check_pack(folder)
    failed = [f for f in findings if not f.ok]
    result = {"path": str(folder), "ok": not failed, "checks": [f.to_json() for f in findings],
              "failed": [f.to_json() for f in failed]}
    if not as_json:
        for f in failed:
            err.print(f"[red]fail[/] {f.check} ({f.file}): {f.detail}", highlight=False)
        out.print(f"{len(findings) - len(failed)} of {len(findings)} checks pass: "
                  f"{'the pack is intact' if not failed else 'the pack does not hold'}", highlight=False)
    if failed:
        if as_json:
            _emit_json(result)
        sys.exit(EXIT_VERIFY)
    return result
