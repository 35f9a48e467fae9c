"""Backup and restore (harness.backup): a database holding an enacted cut is dumped, restored
into a new database and compared row for row; an altered archive is refused before the
server is touched."""

from __future__ import annotations

import hashlib
import os

import pytest

from harness.backup import backup, restore, row_digests
from harness.errors import CutterError
from tests.conftest import SAMPLE, connect, set_policy, unique_dbname
from tests.db.governed import cut_verified_approved, enact


@pytest.fixture
def target(server):
    """The name of a database a test restores into; dropped afterwards whatever happened."""
    name = unique_dbname("iu_restore")
    yield name
    server.janitor(name).drop()


@pytest.fixture
def enacted_db(conn, signers):
    cs, decision = cut_verified_approved(conn, signers)
    enact(conn, [a for a, _ in SAMPLE], decision)
    return cs


def test_a_restored_backup_holds_exactly_the_rows_of_the_source(conn, server, db, enacted_db, target,
                                                                tmp_path):
    folder = tmp_path / "backups"
    taken = backup(server.url(db), folder)
    assert taken.path.parent == folder and taken.path.name.startswith(f"{db}-")
    assert taken.sha256 == hashlib.sha256(taken.path.read_bytes()).hexdigest()
    assert taken.bytes == taken.path.stat().st_size
    assert (folder / f"{taken.path.name}.sha256").read_text() == f"{taken.sha256}  {taken.path.name}\n"
    assert sorted(p.name for p in folder.iterdir()) == [taken.path.name, f"{taken.path.name}.sha256"]

    restored = restore(server.url("postgres"), taken.path, target)
    source = row_digests(conn)
    assert source["cutter_governance.cut_change_set"][0] == 1
    assert source["public.iu_lifecycle_log"][0] == len(SAMPLE)
    with connect(server, target) as copy:
        assert row_digests(copy) == source
        assert (restored.database, restored.tables) == (target, len(source))
        assert restored.rows == sum(count for count, _ in source.values())
        assert copy.execute(
            "SELECT count(*) FROM cutter_governance.fn_gov_chain_check() WHERE problem <> 'head'"
        ).fetchone() == (0,)
        assert copy.execute("SELECT count(*) FROM fn_iu_lifecycle_log_check()").fetchone() == (0,)
        # The digests see a changed row: the comparison above could have failed.
        set_policy(copy, "iu_enact.review_max_age_days", "7")
        changed = {t for t, d in row_digests(copy).items() if d != source[t]}
    assert changed == {"public.dot_config"}


def test_an_archive_with_one_byte_changed_is_refused(server, db, enacted_db, target, tmp_path):
    taken = backup(server.url(db), tmp_path)
    data = bytearray(taken.path.read_bytes())
    data[len(data) // 2] ^= 0x01
    taken.path.write_bytes(bytes(data))
    with pytest.raises(CutterError, match="does not match its SHA-256") as refused:
        restore(server.url("postgres"), taken.path, target)
    assert taken.sha256 in refused.value.detail
    with pytest.raises(CutterError, match="does not match its SHA-256"):
        restore(server.url("postgres"), taken.path, target, expected_sha256=taken.sha256)
    with connect(server, "postgres") as admin:
        assert admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (target,)).fetchone() is None


def test_an_existing_database_is_not_restored_over_unless_replaced(conn, server, db, target, tmp_path):
    taken = backup(server.url(db), tmp_path)
    with pytest.raises(CutterError, match="already exists"):
        restore(server.url("postgres"), taken.path, db)
    restore(server.url("postgres"), taken.path, target, taken.sha256)
    with connect(server, target) as copy:
        set_policy(copy, "iu_enact.review_max_age_days", "7")
    restore(server.url("postgres"), taken.path, target, replace=True)
    with connect(server, target) as copy:
        assert row_digests(copy) == row_digests(conn)


def test_pg_dump_errors_surface_with_its_stderr(conn, server, db, tmp_path):
    role = unique_dbname("iu_nobody")
    conn.execute(f'CREATE ROLE "{role}" LOGIN')
    try:
        url = server.url(db).replace(f"user={server.user}", f"user={role}")
        assert f"user={role}" in url
        with pytest.raises(CutterError, match=r"pg_dump of \S+ failed") as failed:
            backup(url, tmp_path / "out")
        assert "permission denied" in failed.value.detail
        assert os.listdir(tmp_path / "out") == []
    finally:
        conn.execute(f'DROP ROLE "{role}"')
