"""The enactment benchmark runs end to end at a small size (the full size is a manual command in
README §Benchmarks): every run cuts, verifies, approves and enacts in a database of its own,
measures the raw baseline beside it, and the figures it reports agree with each other."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import psycopg

from tests.conftest import REPO

UNITS = 1_500


def test_the_enactment_benchmark_measures_each_run_against_the_raw_baseline(server, tmp_path):
    out = tmp_path / "bench_enact.json"
    env = dict(os.environ, DATABASE_URL=server.uri("postgres"))
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "bench_enact.py"), "--units", str(UNITS), "--runs", "2",
         "--max-ratio", "1000", "--json", str(out)],
        capture_output=True, text=True, env=env, timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(out.read_text())
    assert figures["units"] == UNITS and figures["runs"] == 2
    for key in ("raw_seconds", "governed_seconds"):
        spread = figures[key]
        assert 0 < spread["min"] <= spread["median"] <= spread["max"], key
    assert figures["ratio_median"] <= figures["ratio_max"]
    assert figures["governed_units_per_second"] == UNITS / figures["governed_seconds"]["median"]
    assert result.stdout.count("run ") >= 2 and "target <= 1000.0: met" in result.stdout

    # Asked for a ratio no run can reach, it says so and exits 1.
    failing = subprocess.run(
        [sys.executable, str(REPO / "bench" / "bench_enact.py"), "--units", "200", "--runs", "1",
         "--max-ratio", "0.01"],
        capture_output=True, text=True, env=env, timeout=900,
    )
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "NOT met" in failing.stdout

    with psycopg.connect(server.url("postgres"), autocommit=True) as admin:
        left = admin.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE 'iu_bench_enact%'"
        ).fetchall()
    assert left == [], "the benchmark drops its databases"
