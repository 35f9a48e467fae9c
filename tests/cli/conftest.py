"""The operator's view: `run` invokes the real iu-cutter in a subprocess against the test's
database, with --json, and checks the exit code and that stdout is exactly one JSON object."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CLI = Path(sys.executable).with_name("iu-cutter")


@pytest.fixture
def run(server, db, tmp_path):
    def invoke(*args: str, expect: int = 0) -> dict:
        env = dict(os.environ, DATABASE_URL=server.uri(db), IU_CUTTER_HOME=str(tmp_path / "home"))
        result = subprocess.run([str(CLI), *args, "--json"], capture_output=True, text=True, env=env,
                                timeout=120)
        assert result.returncode == expect, (result.returncode, result.stdout, result.stderr)
        lines = result.stdout.strip().splitlines()
        assert len(lines) == 1, f"--json prints exactly one object: {result.stdout!r}"
        return json.loads(lines[0])
    return invoke
