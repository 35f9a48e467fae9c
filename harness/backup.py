"""Backup and restore of the project's schemas (public and cutter_governance) with the
pg_dump / pg_restore of the server's major version.

A backup is one custom-format archive, written under a temporary name, fsynced and renamed,
with a sha256sum-style sidecar (``<archive>.sha256``); its SHA-256 is computed while pg_dump
streams it. A restore checks that digest before it touches the server, creates the target
database and restores into it in one transaction, stopping at the first error.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from harness.db import connect
from harness.errors import CutterError

SCHEMAS = ("public", "cutter_governance")
CHUNK = 1 << 20


@dataclass(frozen=True)
class Backup:
    path: Path
    sha256: str
    bytes: int
    schemas: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "sha256": self.sha256, "bytes": self.bytes,
                "schemas": list(self.schemas)}


@dataclass(frozen=True)
class Restored:
    database: str
    sha256: str
    tables: int
    rows: int

    def to_json(self) -> dict[str, Any]:
        return {"database": self.database, "sha256": self.sha256, "tables": self.tables,
                "rows": self.rows}


def pg_tool(name: str, conn: psycopg.Connection) -> str:
    """The pg_dump / pg_restore of the server's major version when it is installed here."""
    major = int(conn.execute("SHOW server_version_num").fetchone()[0]) // 10000
    versioned = Path(f"/usr/lib/postgresql/{major}/bin/{name}")
    if versioned.is_file() and os.access(versioned, os.X_OK):
        return str(versioned)
    found = shutil.which(name)
    if found is None:
        raise CutterError(f"{name} is not installed",
                          hint=f"install the PostgreSQL {major} client tools (postgresql-client-{major})")
    return found


def _tool_env(url: str) -> tuple[str, dict[str, str]]:
    """The connection string for a client tool, its password moved out of argv into PGPASSWORD."""
    params = conninfo_to_dict(url)
    env = dict(os.environ)
    password = params.pop("password", None)
    if password:
        env["PGPASSWORD"] = password
    return make_conninfo("", **params), env


LOCK_WAIT_MS = 60_000  # how long pg_dump waits for a table lock when the session sets no lock_timeout


def backup(url: str, out_dir: Path) -> Backup:
    """pg_dump --format=custom of the project's schemas, schema and data, into out_dir."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with connect(url) as conn:
        tool = pg_tool("pg_dump", conn)
        dbname = conn.info.dbname
        lock_timeout = conn.execute("SELECT setting::integer FROM pg_settings WHERE name = 'lock_timeout'"
                                    ).fetchone()[0]
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    final = out_dir / f"{dbname}-{stamp}.pgdump"
    dsn, env = _tool_env(url)
    # pg_dump sets its own lock_timeout to 0: without a bound it would wait for ever behind a
    # session holding a table lock. The session's lock_timeout when one is set, else the default.
    wait_ms = lock_timeout or LOCK_WAIT_MS
    args = [tool, "--format=custom", "--no-password", f"--dbname={dsn}", f"--lock-wait-timeout={wait_ms}",
            *(f"--schema={s}" for s in SCHEMAS)]
    digest, size = hashlib.sha256(), 0
    fd, tmp_name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".partial", dir=out_dir)
    tmp = Path(tmp_name)
    try:
        with (os.fdopen(fd, "wb") as sink, tempfile.TemporaryFile() as stderr,
              subprocess.Popen(args, stdout=subprocess.PIPE, stderr=stderr, env=env) as process):
            while chunk := process.stdout.read(CHUNK):
                digest.update(chunk)
                sink.write(chunk)
                size += len(chunk)
            if process.wait() != 0:
                stderr.seek(0)
                raise CutterError(f"pg_dump of {dbname} failed (exit {process.returncode})",
                                  detail=stderr.read().decode("utf-8", "replace").strip())
            sink.flush()
            os.fsync(sink.fileno())
        os.replace(tmp, final)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise CutterError(f"cannot write the backup into {out_dir}: {exc.strerror or exc}",
                          hint="free space there or name another --backup-dir; nothing was cut") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    sha = digest.hexdigest()
    _write_durably(final.with_name(final.name + ".sha256"), f"{sha}  {final.name}\n".encode("ascii"))
    _fsync_dir(out_dir)
    return Backup(final, sha, size, SCHEMAS)


def _write_durably(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def expected_digest(path: Path, given: str | None) -> str:
    """The digest the archive must have: the one given, else its sidecar's."""
    if given:
        return given.strip().lower()
    sidecar = path.with_name(path.name + ".sha256")
    if not sidecar.is_file():
        raise CutterError(f"no SHA-256 to check {path} against: {sidecar.name} is missing",
                          hint="pass the digest recorded when the backup was taken (--sha256)")
    return sidecar.read_text(encoding="ascii").split()[0].lower()


def restore(url: str, backup_path: Path, target_db: str, expected_sha256: str | None = None,
            *, replace: bool = False) -> Restored:
    """Restore a backup into a new database target_db on the server at url.

    The archive's SHA-256 is checked first (against expected_sha256, else its sidecar); an
    existing target is refused unless replace is set (then it is dropped first). pg_restore
    runs in one transaction and stops at the first error; a failed restore drops the database
    it created.
    """
    backup_path = Path(backup_path)
    if not backup_path.is_file():
        raise CutterError(f"backup {backup_path} does not exist")
    want = expected_digest(backup_path, expected_sha256)
    have = file_sha256(backup_path)
    if have != want:
        raise CutterError(f"backup {backup_path} does not match its SHA-256: refusing to restore it",
                          detail=f"expected {want}, the file digests to {have}",
                          hint="the file was altered or truncated; restore another copy")
    server_url = make_conninfo(url, dbname="postgres")
    with connect(server_url) as admin:
        tool = pg_tool("pg_restore", admin)
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (target_db,)).fetchone()
        if exists and not replace:
            raise CutterError(f"database {target_db} already exists: refusing to restore over it",
                              hint="name a new database, or replace it explicitly (--replace)")
        if exists:
            _drop_database(admin, target_db)
        admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(
            sql.Identifier(target_db)))
    target_url = make_conninfo(url, dbname=target_db)
    dsn, env = _tool_env(target_url)
    with tempfile.NamedTemporaryFile("w", suffix=".list") as listing:
        listing.write(_restore_list(tool, backup_path))
        listing.flush()
        result = subprocess.run(
            [tool, "--single-transaction", "--exit-on-error", "--no-password", f"--dbname={dsn}",
             f"--use-list={listing.name}", str(backup_path)],
            capture_output=True, env=env, check=False,
        )
    if result.returncode != 0:
        with connect(server_url) as admin:
            _drop_database(admin, target_db)
        raise CutterError(f"pg_restore into {target_db} failed (exit {result.returncode}); "
                          "the database was dropped again",
                          detail=result.stderr.decode("utf-8", "replace").strip())
    with connect(target_url) as conn:
        digests = row_digests(conn)
    return Restored(target_db, have, len(digests), sum(count for count, _ in digests.values()))


def _restore_list(tool: str, backup_path: Path) -> str:
    """The archive's table of contents without CREATE SCHEMA public: a dump that names the
    public schema (--schema=public) recreates it, and every new database already has it."""
    listed = subprocess.run([tool, "--list", str(backup_path)], capture_output=True, check=False)
    if listed.returncode != 0:
        raise CutterError(f"pg_restore cannot read {backup_path}",
                          detail=listed.stderr.decode("utf-8", "replace").strip())
    lines = listed.stdout.decode("utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not re.match(r"^\d+; \d+ \d+ SCHEMA - public ", line))


def _drop_database(admin: psycopg.Connection, name: str) -> None:
    admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def row_digests(conn: psycopg.Connection) -> dict[str, tuple[int, str]]:
    """schema.table -> (row count, SHA-256 of the rows' text in primary-key order) for every
    table of the project's schemas; tables without a primary key are ordered by row text."""
    tables = conn.execute(
        "SELECT n.nspname, c.relname,"
        " (SELECT array_agg(a.attname ORDER BY k.ord)"
        "    FROM pg_index AS i CROSS JOIN unnest(i.indkey) WITH ORDINALITY AS k (attnum, ord)"
        "    JOIN pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
        "   WHERE i.indrelid = c.oid AND i.indisprimary)"
        " FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace"
        " WHERE n.nspname = ANY(%s) AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
        " ORDER BY 1, 2",
        (list(SCHEMAS),),
    ).fetchall()
    result: dict[str, tuple[int, str]] = {}
    for schema, table, key in tables:
        order = (sql.SQL(", ").join(sql.Identifier("t", k) for k in key) if key
                 else sql.SQL("t::text"))
        query = sql.SQL("SELECT t::text FROM {}.{} AS t ORDER BY {}").format(
            sql.Identifier(schema), sql.Identifier(table), order)
        digest, count = hashlib.sha256(), 0
        with conn.cursor() as cur:
            for (text,) in cur.stream(query):
                digest.update(text.encode("utf-8") + b"\n")
                count += 1
        result[f"{schema}.{table}"] = (count, digest.hexdigest())
    return result
