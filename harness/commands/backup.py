"""iu-cutter backup / restore: a checked pg_dump of the project's schemas, and its restore
into a new database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from harness import backup as backups
from harness import keys
from harness.cli import command, main, out
from harness.config import database_url
from harness.db import ensure_default_database


@main.command("backup")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the archive (default: $IU_CUTTER_HOME/backups).")
@command
def backup_cmd(out_dir: Path | None, as_json: bool) -> dict[str, Any]:
    """pg_dump (custom format) of schemas public and cutter_governance, schema and data, with
    its SHA-256 beside it (<archive>.sha256)."""
    taken = backups.backup(ensure_default_database(), out_dir or keys.home() / "backups")
    if not as_json:
        out.print(f"backup {taken.path} ({taken.bytes} bytes)\nsha256 {taken.sha256}", highlight=False)
    return taken.to_json()


@main.command("restore")
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--target-db", required=True, help="The database to create and restore into.")
@click.option("--sha256", "sha256", help="The archive's expected SHA-256 (default: its .sha256 sidecar).")
@click.option("--replace", is_flag=True, help="Drop TARGET_DB first if it exists.")
@command
def restore_cmd(backup_file: Path, target_db: str, sha256: str | None, replace: bool,
                as_json: bool) -> dict[str, Any]:
    """Check the archive's SHA-256, create TARGET_DB on the server of DATABASE_URL and restore
    into it in one transaction (stops at the first error)."""
    restored = backups.restore(database_url(), backup_file, target_db, sha256, replace=replace)
    if not as_json:
        out.print(f"restored {backup_file} into {restored.database}: {restored.tables} tables, "
                  f"{restored.rows} rows", highlight=False)
    return restored.to_json()
