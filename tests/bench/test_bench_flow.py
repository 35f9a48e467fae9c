"""The flow benchmark runs end to end at a small size (the full sizes are a manual command in
README §Benchmarks): every step is timed, the raw baselines are measured in the same run, and
the figures it reports are consistent with each other."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from unittest.mock import ANY

from tests.conftest import REPO

SIZE = 100_000 if os.environ.get("IU_FULL") == "1" else 1_500
STEPS = ["parse", "backup", "drift precheck", "grant precheck", "cut", "verify", "enact", "audit pack"]


def test_the_flow_benchmark_measures_every_step_against_the_raw_baselines(server, tmp_path):
    out = tmp_path / "bench.json"
    env = dict(os.environ, DATABASE_URL=server.uri("postgres"))
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "bench_flow.py"), "--sizes", str(SIZE), "--runs", "1",
         "--no-targets", "--json", str(out)],
        capture_output=True, text=True, env=env, timeout=1800,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(out.read_text())
    [size] = figures["sizes"]
    assert abs(size["units"] - SIZE) <= SIZE // 100 + 2, "the generated document has about N units"
    assert list(size["steps_seconds"]) == STEPS
    assert size["step_parts_seconds"] == {
        "cut": {"plan": ANY, "create": ANY, "record": ANY, "read back": ANY},
        "enact": {"read": ANY, "enact batch": ANY, "read back": ANY},
    }
    for step, spread in size["steps_seconds"].items():
        assert spread["min"] <= spread["median"] <= spread["max"], step
    assert size["raw_copy_seconds"]["median"] > 0 and size["raw_enact_seconds"]["median"] > 0
    for step, parts in size["step_parts_seconds"].items():
        within = sum(p["median"] for p in parts.values())
        assert within <= size["steps_seconds"][step]["median"] + 0.05, f"the {step}'s parts add up within it"
    steps = sum(s["median"] for s in size["steps_seconds"].values())
    assert steps <= size["run_seconds"]["median"], "the steps happen inside the run's wall time"
    ratios = size["ratios"]
    assert ratios["cut_throughput_vs_copy"] == size["raw_copy_seconds"]["median"] / size[
        "governed_cut_seconds"]["median"]
    assert 0 < size["peak_mib"] < 4096
    assert set(figures["met"]) == {"cut_throughput_vs_copy", "enact_throughput_vs_raw", "run_vs_copy",
                                   "peak_mib"}
    assert "N = " in result.stdout and "raw COPY s" in result.stdout
    with __import__("psycopg").connect(server.url("postgres"), autocommit=True) as admin:
        left = admin.execute("SELECT datname FROM pg_database WHERE datname LIKE 'iu_bench_flow%'").fetchall()
    assert left == [], "the benchmark drops its databases"
