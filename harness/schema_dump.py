"""The committed schema dump at head (schema/schema.sql) and how it is produced.

Reviewers read the effective state of the database here rather than the sum of revisions;
tests/db/test_schema_dump.py fails when the committed file no longer matches a fresh
``alembic upgrade head``. Regenerate with ``scripts/dump-schema``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

from psycopg.conninfo import conninfo_to_dict

# Lines that vary between runs or between minor versions of pg_dump / the server, and say
# nothing about the schema: the version banner and the per-run \restrict key.
_VOLATILE = re.compile(r"^(-- Dumped (from|by) .*|\\(un)?restrict .*)$")


def normalise(dump: str) -> str:
    lines = [line for line in dump.splitlines() if not _VOLATILE.match(line)]
    text = "\n".join(lines).strip() + "\n"
    return re.sub(r"\n{3,}", "\n\n", text)


def dump_schema(url: str) -> str:
    """pg_dump --schema-only of the database at url (a libpq URI), normalised."""
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise RuntimeError("pg_dump is not on PATH (install postgresql-client)")
    env = dict(os.environ)
    password = conninfo_to_dict(url).get("password")
    if password:
        env["PGPASSWORD"] = password
    result = subprocess.run(
        [pg_dump, "--schema-only", "--dbname", url],
        check=True, capture_output=True, text=True, env=env,
    )
    return normalise(result.stdout)


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: python -m harness.schema_dump DATABASE_URI", file=sys.stderr)
        return 2
    sys.stdout.write(dump_schema(sys.argv[1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
