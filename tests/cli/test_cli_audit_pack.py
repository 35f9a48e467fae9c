"""iu-cutter audit-pack, as an operator runs it: the pack of a cut that was verified, approved
and enacted, checked with no database reachable at all; a changed byte is exit 4 naming the
file; usage errors are exit 2."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from tests.cli.conftest import CLI
from tests.conftest import REPO, connect

SAMPLE = REPO / "samples" / "iconia-constitution.md"
NOWHERE = "postgresql://postgres@127.0.0.1:1/no_database_here"


def offline(*args: str, json_out: bool = True) -> subprocess.CompletedProcess:
    """The CLI with DATABASE_URL naming a server that does not exist."""
    env = dict(os.environ, DATABASE_URL=NOWHERE)
    return subprocess.run([str(CLI), *args, *(["--json"] if json_out else [])], capture_output=True,
                          text=True, env=env, timeout=120)


@pytest.fixture
def pack(run, tmp_path):
    cs = run("cut", str(SAMPLE), "--doc-code", "ICX-CONST", "--actor", "alice")["change_set_id"]
    run("verify", cs, "--actor", "victor")
    decision = run("review", cs, "--decision", "approve", "--actor", "rita")["review_decision_id"]
    run("enact", cs, "--review-decision", decision, "--actor", "alice")
    written = run("audit-pack", cs, "--out", str(tmp_path / "pack"))
    assert written["path"] == str(tmp_path / "pack")
    return tmp_path / "pack"


def test_the_pack_of_an_enacted_cut_passes_the_check_without_a_database(pack, server, db):
    result = offline("audit-pack", "--check", str(pack))
    assert result.returncode == 0, result.stderr
    checked = json.loads(result.stdout)
    assert (checked["path"], checked["ok"]) == (str(pack), True)
    assert checked["checks"] and {c["outcome"] for c in checked["checks"]} == {"pass"}
    report = (pack / "report.html").read_text(encoding="utf-8")
    with connect(server, db) as conn:
        addresses = [r[0] for r in conn.execute("SELECT canonical_address FROM information_unit")]
    assert len(addresses) > 5 and all(a in report for a in addresses)
    units = json.loads((pack / "units.json").read_text())
    assert sorted(u["canonical_address"] for u in units) == sorted(addresses)


def test_a_changed_byte_is_exit_4_naming_the_file(pack):
    path = pack / "manifest.json"
    data = bytearray(path.read_bytes())
    at = data.index(b'"content_hash": "') + len(b'"content_hash": "')
    data[at] = ord("0") if data[at] != ord("0") else ord("1")
    path.write_bytes(bytes(data))
    result = offline("audit-pack", "--check", str(pack))
    assert result.returncode == 4, result.stderr
    checked = json.loads(result.stdout)
    assert checked["ok"] is False
    assert {"check": "file_sha256", "file": "manifest.json"}.items() <= checked["failed"][0].items()
    text = offline("audit-pack", "--check", str(pack), json_out=False)
    assert text.returncode == 4 and "file_sha256 (manifest.json)" in text.stderr


@pytest.mark.parametrize("args", [
    [],
    ["00000000-0000-0000-0000-000000000000", "--check", "."],
    ["--check", ".", "--out", "x"],
    ["00000000-0000-0000-0000-000000000000"],
    ["not-a-uuid", "--out", "x"],
])
def test_usage_errors_are_exit_2(args):
    result = offline("audit-pack", *args)
    assert result.returncode == 2, (result.stdout, result.stderr)


def test_a_pack_is_not_written_into_a_folder_that_is_not_empty(run, pack):
    cs = json.loads((pack / "change_set.json").read_text())["id"]
    refused = run("audit-pack", cs, "--out", str(pack), expect=1)
    assert "not an empty folder" in refused["message"]
