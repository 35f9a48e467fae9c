"""iu-cutter backup and restore, as an operator runs them (real CLI in a subprocess, --json)."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.backup import row_digests
from tests.conftest import REPO, connect, unique_dbname

SAMPLE = REPO / "samples" / "iconia-constitution.md"


@pytest.fixture
def target(server):
    name = unique_dbname("iu_restore")
    yield name
    server.janitor(name).drop()


def test_backup_and_restore_round_trip(run, server, db, target, tmp_path):
    run("cut", str(SAMPLE), "--doc-code", "ICX-CONST", "--actor", "alice")
    taken = run("backup")
    path = Path(taken["path"])
    assert path.parent == tmp_path / "home" / "backups"
    assert path.stat().st_size == taken["bytes"] and len(taken["sha256"]) == 64

    restored = run("restore", taken["path"], "--target-db", target, "--sha256", taken["sha256"])
    with connect(server, db) as source, connect(server, target) as copy:
        digests = row_digests(source)
        assert row_digests(copy) == digests
    assert restored["database"] == target
    assert (restored["tables"], restored["rows"]) == (len(digests), sum(n for n, _ in digests.values()))
    assert digests["cutter_governance.manifest_entry"][0] > 0

    refused = run("restore", taken["path"], "--target-db", target, expect=1)
    assert "already exists" in refused["message"]


def test_restore_refuses_an_altered_archive(run, target, tmp_path):
    taken = run("backup", "--out", str(tmp_path / "elsewhere"))
    path = Path(taken["path"])
    assert path.parent == tmp_path / "elsewhere"
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    refused = run("restore", taken["path"], "--target-db", target, expect=1)
    assert "does not match its SHA-256" in refused["message"]
    assert taken["sha256"] in refused["detail"]
