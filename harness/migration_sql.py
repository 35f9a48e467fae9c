"""Running a revision's frozen SQL, identically online and offline.

A revision never reads the living files under ``sql/``: it installs the frozen copies kept
beside it in ``migrations/frozen/<revision>/`` (tests/db/test_frozen_sql.py proves the newest
copy of every object equals its living file).

Offline (``alembic upgrade head --sql``) the SQL is written to the script verbatim; online it
is sent to the server as one simple-protocol query with no parameters. Neither path runs the
text through SQLAlchemy's bind-parameter parsing, so ``:name``, ``::cast`` and ``%`` reach
PostgreSQL exactly as written (tests/db/test_migrations.py compares both catalogs).
"""

from __future__ import annotations

from pathlib import Path

from alembic import context, op

FROZEN_ROOT = Path(__file__).resolve().parent.parent / "migrations" / "frozen"


def frozen_path(revision: str, relative: str) -> Path:
    return FROZEN_ROOT / revision / relative


def run_sql(sql: str) -> None:
    """Execute (online) or emit (offline) a block of SQL exactly as written."""
    sql = sql.strip()
    if not sql:
        return
    if context.is_offline_mode():
        op.get_context().impl.static_output(sql + "\n")
    else:
        op.get_bind().exec_driver_sql(sql, execution_options={"no_parameters": True})


def run_frozen(revision: str, *relatives: str) -> None:
    """Run the frozen copies ``migrations/frozen/<revision>/<relative>`` in the order given."""
    for relative in relatives:
        path = frozen_path(revision, relative)
        run_sql(f"-- {revision}: {relative}\n" + path.read_text(encoding="utf-8"))


def run_frozen_in_place(revision: str, relative: str) -> None:
    """Run a frozen function file as CREATE OR REPLACE: for a function that cannot be dropped
    because other objects depend on it (triggers, a generated column). The living file keeps
    CREATE FUNCTION (pgspot refuses OR REPLACE in a source file; here the function exists and
    is ours), so the file must create exactly one function."""
    text = frozen_path(revision, relative).read_text(encoding="utf-8")
    head = "CREATE FUNCTION "
    assert text.count(head) == 1, f"{revision}/{relative}: expected one {head.strip()}"
    replaced = text.replace(head, "CREATE OR REPLACE FUNCTION ")
    run_sql(f"-- {revision}: {relative}, replaced in place\n" + replaced)
