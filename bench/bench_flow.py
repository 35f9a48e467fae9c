#!/usr/bin/env python3
"""The whole flow against the physical limit, side by side on one database per run.

For each size N (default 10,000 and 100,000 units) and each of ``--runs`` runs (default 3),
in a fresh database cloned from a migrated template:

* governed: a reviewer approves the document's manifest digest in advance, then
  ``iu-cutter run SOURCE --log-json`` (a real subprocess, as an operator runs it) does parse,
  backup, drift precheck, GRANT precheck, cut (plan, create, record, read back), verify,
  enactment and the audit pack; each step's seconds and the process's peak resident memory
  come from its JSON log lines;
* raw COPY: the same units and versions (ids, addresses, parents, order, bodies) copied with
  ``COPY`` into plain tables of the same shape (``LIKE ... INCLUDING ALL``: same columns,
  generated columns, indexes and CHECKs; no triggers, no foreign keys): the physical limit;
* raw enactment: ``UPDATE`` of those versions and units plus ``INSERT`` of one log row each.

Each side starts just after a CHECKPOINT, and the table reports the WAL each side wrote and
how many checkpoints the server started while it ran (0 and 0 when neither was interrupted).

Prints a table of medians with the spread and the ratios the targets are stated in, writes
JSON with ``--json PATH``, and exits 1 when a target is not met (``--no-targets`` reports
only). Targets (issues 6 and 7): governed cut (parse + cut) at least 40% of the raw COPY's
throughput; enactment at least 70% of the raw update's; ``run`` end to end at most 3x the
raw COPY; peak memory under 500 MiB at every size.

    .venv/bin/python bench/bench_flow.py --json out/bench_flow.json
    .venv/bin/python bench/bench_flow.py --sizes 2000 --runs 1 --no-targets   # smoke run
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import raw_baseline  # noqa: E402  (beside this script)

from harness.config import database_url  # noqa: E402
from harness.cutter import parse_document  # noqa: E402
from harness.db import migrate_to_head  # noqa: E402

CLI = Path(sys.executable).with_name("iu-cutter")
TEMPLATE = "iu_bench_flow_tpl"
TARGETS = {"cut_throughput_vs_copy": 0.40, "enact_throughput_vs_raw": 0.70, "run_vs_copy": 3.0,
           "peak_mib": 500.0}


def document(path: Path, units: int) -> Path:
    """A generated law of about ``units`` units: chapters of 100 articles of two clauses."""
    articles = max(1, (units - 1) * 100 // 301)
    lines = ["# Generated Law of Endurance", ""]
    for chapter in range(1, (articles + 99) // 100 + 1):
        lines += [f"## Chapter {chapter}. Part {chapter}", ""]
        for a in range((chapter - 1) * 100 + 1, min(chapter * 100, articles) + 1):
            lines += [f"### Article {a}. Matter {a}", "", f"1. Everyone has right number {a}.",
                      f"2. The law on matter {a} governs how it is exercised.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def url_for(dbname: str) -> str:
    return urlunsplit(urlsplit(database_url())._replace(path=f"/{dbname}"))


def cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run([str(CLI), *args], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(f"iu-cutter {args[0]} exited {result.returncode}: {result.stdout}{result.stderr}")
    return result


def governed_run(source: Path, doc: str, manifest_sha256: str, env: dict[str, str]) -> dict:
    cli(["review", "--manifest-sha256", manifest_sha256, "--decision", "approve", "--actor", "rita",
         "--json"], env)
    start = time.perf_counter()
    result = cli(["run", str(source), "--doc-code", doc, "--actor", "alice", "--verifier", "victor",
                  "--log-json", "--json"], env)
    wall = time.perf_counter() - start
    outcome = json.loads(result.stdout)
    if outcome["status"] != "enacted":
        raise SystemExit(f"the governed run ended {outcome['status']}, not enacted")
    steps = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    return {"wall": wall, "steps": {s["step"]: s for s in steps}, "created": outcome["created"]}


def raw_copy(conn: psycopg.Connection, manifest) -> float:
    """COPY the cut's units and versions into plain tables of the same shape."""
    with conn.transaction():
        conn.execute("CREATE SCHEMA bench_raw")
        for name, like in (("iu", "information_unit"), ("uv", "unit_version"), ("log", "iu_lifecycle_log")):
            conn.execute(sql.SQL("CREATE TABLE bench_raw.{} (LIKE public.{} INCLUDING ALL)").format(
                sql.Identifier(name), sql.Identifier(like)))
    ids: dict[str, uuid.UUID] = {}
    start = time.perf_counter()
    with conn.transaction(), conn.cursor() as cur:
        with cur.copy("COPY bench_raw.iu (id, canonical_address, parent_id, doc_order, title,"
                      " lifecycle_status, current_version_id, created_by, updated_by) FROM STDIN") as copy:
            versions = []
            for u in manifest.units:
                unit_id, version_id = uuid.uuid4(), uuid.uuid4()
                ids[u.canonical_address] = unit_id
                parent = ids.get(u.canonical_address.rpartition("/")[0])
                copy.write_row((unit_id, u.canonical_address, parent, u.ordinal, u.title, "draft", version_id,
                                "alice", "alice"))
                versions.append((version_id, unit_id, u.body))
        with cur.copy("COPY bench_raw.uv (id, iu_id, version_no, body, lifecycle_status, created_by,"
                      " updated_by) FROM STDIN") as copy:
            for version_id, unit_id, body in versions:
                copy.write_row((version_id, unit_id, 1, body, "draft", "alice", "alice"))
    return time.perf_counter() - start


def one_run(admin: psycopg.Connection, n: int, run: int, source: Path, keep: bool) -> dict:
    dbname = f"iu_bench_flow_{n}_{run}"
    admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname)))
    admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(dbname),
                                                                  sql.Identifier(TEMPLATE)))
    home = Path(tempfile.mkdtemp(prefix="iu-bench-flow-"))
    env = dict(os.environ, DATABASE_URL=url_for(dbname), IU_CUTTER_HOME=str(home))
    doc = f"BENCH-{run}"
    manifest = parse_document(source.read_bytes(), doc_code=doc, source_name=str(source))
    try:
        # Each side starts just after a checkpoint, so that neither is interrupted by one that
        # the other's writes (or an earlier run's) brought on: the server starts a checkpoint
        # after about 540 MB of WAL here (max_wal_size 1 GB), a governed run at 100,000 units
        # writes less than that, and so does the raw side. Within each side the pages it
        # writes and then updates are written in one checkpoint cycle, as in production.
        admin.execute("CHECKPOINT")
        mark = server_mark(admin)
        governed = governed_run(source, doc, manifest.manifest_sha256, env)
        governed_server = since(admin, mark)
        with psycopg.connect(url_for(dbname), autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
            conn.execute("CHECKPOINT")
            mark = server_mark(admin)
            copy_s = raw_copy(conn, manifest)
            conn.execute("VACUUM ANALYZE bench_raw.iu")
            conn.execute("VACUUM ANALYZE bench_raw.uv")
            tables = (sql.Identifier("bench_raw", name) for name in ("iu", "uv", "log"))
            enact_s = raw_baseline.enact(conn, *tables)
            raw_server = since(admin, mark)
    finally:
        if not keep:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname)))
    steps = governed["steps"]
    seconds = {name: s["seconds"] for name, s in steps.items()}
    parts = {name: s["parts"] for name, s in steps.items() if s.get("parts")}
    return {
        "units": len(manifest.units),
        "created": governed["created"],
        "raw_copy": copy_s,
        "raw_enact": enact_s,
        "run_wall": governed["wall"],
        "steps": seconds,
        "step_parts": parts,
        "peak_mib": {name: s["max_rss_mib"] for name, s in steps.items()},
        "governed_cut": seconds["parse"] + seconds["cut"],
        "server": {"governed": governed_server, "raw": raw_server},
    }


def server_mark(admin: psycopg.Connection) -> tuple:
    return admin.execute(
        "SELECT pg_current_wal_lsn(), checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter").fetchone()


def since(admin: psycopg.Connection, mark: tuple) -> dict[str, float]:
    """WAL written and checkpoints started since a server_mark (any database's)."""
    wal, checkpoints = admin.execute(
        "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), %s::pg_lsn),"
        " checkpoints_timed + checkpoints_req - %s FROM pg_stat_bgwriter", (str(mark[0]), mark[1])).fetchone()
    return {"wal_mib": float(wal) / 2**20, "checkpoints": int(checkpoints)}


def spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def summarise(n: int, runs: list[dict]) -> dict:
    def col(get) -> dict[str, float]:
        return spread([get(r) for r in runs])

    step_names = list(runs[0]["steps"])
    summary = {
        "size": n,
        "units": runs[0]["units"],
        "runs": len(runs),
        "raw_copy_seconds": col(lambda r: r["raw_copy"]),
        "raw_enact_seconds": col(lambda r: r["raw_enact"]),
        "governed_cut_seconds": col(lambda r: r["governed_cut"]),
        "run_seconds": col(lambda r: r["run_wall"]),
        "steps_seconds": {s: col(lambda r, s=s: r["steps"][s]) for s in step_names},
        "step_parts_seconds": {s: {p: col(lambda r, s=s, p=p: r["step_parts"][s][p]) for p in parts}
                               for s, parts in runs[0]["step_parts"].items()},
        "peak_mib_after_step": {s: max(r["peak_mib"][s] for r in runs) for s in step_names},
        "wal_mib": {side: col(lambda r, side=side: r["server"][side]["wal_mib"])
                    for side in ("governed", "raw")},
        "checkpoints_during": {side: max(r["server"][side]["checkpoints"] for r in runs)
                               for side in ("governed", "raw")},
        "ratios": {
            "cut_throughput_vs_copy": statistics.median(r["raw_copy"] / r["governed_cut"] for r in runs),
            "enact_throughput_vs_raw": statistics.median(r["raw_enact"] / r["steps"]["enact"] for r in runs),
            "run_vs_copy": statistics.median(r["run_wall"] / r["raw_copy"] for r in runs),
            "run_without_enact_vs_copy": statistics.median(
                (r["run_wall"] - r["steps"]["enact"]) / r["raw_copy"] for r in runs),
        },
    }
    summary["peak_mib"] = max(summary["peak_mib_after_step"].values())
    return summary


def verdicts(summaries: list[dict]) -> dict[str, bool]:
    worst = {
        "cut_throughput_vs_copy": min(s["ratios"]["cut_throughput_vs_copy"] for s in summaries),
        "enact_throughput_vs_raw": min(s["ratios"]["enact_throughput_vs_raw"] for s in summaries),
        "run_vs_copy": max(s["ratios"]["run_vs_copy"] for s in summaries),
        "peak_mib": max(s["peak_mib"] for s in summaries),
    }
    return {
        "cut_throughput_vs_copy": worst["cut_throughput_vs_copy"] >= TARGETS["cut_throughput_vs_copy"],
        "enact_throughput_vs_raw": worst["enact_throughput_vs_raw"] >= TARGETS["enact_throughput_vs_raw"],
        "run_vs_copy": worst["run_vs_copy"] <= TARGETS["run_vs_copy"],
        "peak_mib": worst["peak_mib"] < TARGETS["peak_mib"],
    }


def fmt(s: dict[str, float]) -> str:
    return f"{s['median']:.2f} ({s['min']:.2f}-{s['max']:.2f})"


def print_table(summaries: list[dict]) -> None:
    rows = [("units", lambda s: f"{s['units']:,}"),
            ("raw COPY s", lambda s: fmt(s["raw_copy_seconds"])),
            ("raw enact s", lambda s: fmt(s["raw_enact_seconds"]))]
    for step in summaries[0]["steps_seconds"]:
        rows.append((f"run: {step} s", lambda s, step=step: fmt(s["steps_seconds"][step])))
        for part in summaries[0]["step_parts_seconds"].get(step, {}):
            rows.append((f"  {step}: {part} s",
                         lambda s, step=step, part=part: fmt(s["step_parts_seconds"][step][part])))
    rows += [
        ("run end to end s", lambda s: fmt(s["run_seconds"])),
        ("governed cut (parse+cut) s", lambda s: fmt(s["governed_cut_seconds"])),
        ("cut throughput / COPY", lambda s: f"{s['ratios']['cut_throughput_vs_copy']:.0%}"),
        ("enact throughput / raw", lambda s: f"{s['ratios']['enact_throughput_vs_raw']:.0%}"),
        ("run / COPY", lambda s: f"{s['ratios']['run_vs_copy']:.2f}x"),
        ("run without enact / COPY", lambda s: f"{s['ratios']['run_without_enact_vs_copy']:.2f}x"),
        ("peak RSS MiB (CLI)", lambda s: f"{s['peak_mib']:.0f}"),
        ("WAL MiB governed / raw", lambda s: f"{s['wal_mib']['governed']['median']:.0f} / "
                                           f"{s['wal_mib']['raw']['median']:.0f}"),
        ("checkpoints during (max)", lambda s: f"{s['checkpoints_during']['governed']} / "
                                             f"{s['checkpoints_during']['raw']}"),
    ]
    width = max(len(r[0]) for r in rows) + 2
    print("".join([f"{'':<{width}}"] + [f"{'N = ' + format(s['size'], ','):>26}" for s in summaries]))
    for label, get in rows:
        print("".join([f"{label:<{width}}"] + [f"{get(s):>26}" for s in summaries]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated unit counts")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark databases")
    parser.add_argument("--no-targets", action="store_true", help="report only; exit 0 whatever the ratios")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    admin = psycopg.connect(url_for("postgres"), autocommit=True)
    admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(TEMPLATE)))
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(TEMPLATE)))
    summaries = []
    try:
        migrate_to_head(url_for(TEMPLATE))
        with tempfile.TemporaryDirectory(prefix="iu-bench-flow-doc-") as folder:
            for n in sizes:
                source = document(Path(folder) / f"law-{n}.md", n)
                runs = []
                for run in range(1, args.runs + 1):
                    result = one_run(admin, n, run, source, args.keep)
                    runs.append(result)
                    steps = ", ".join(f"{k} {v:.2f}" for k, v in result["steps"].items())
                    server = result["server"]
                    print(f"N={n:,} run {run}: COPY {result['raw_copy']:.2f} s, "
                          f"run {result['run_wall']:.2f} s ({steps}); WAL governed "
                          f"{server['governed']['wal_mib']:.0f} MiB, raw {server['raw']['wal_mib']:.0f} MiB; "
                          f"checkpoints during them {server['governed']['checkpoints']}, "
                          f"{server['raw']['checkpoints']}", flush=True)
                summaries.append(summarise(n, runs))
    finally:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(TEMPLATE)))
        admin.close()

    print()
    print_table(summaries)
    met = verdicts(summaries)
    print()
    for target, ok in met.items():
        sign = "<" if target == "peak_mib" else "<=" if target == "run_vs_copy" else ">="
        print(f"target {target} {sign} {TARGETS[target]}: {'met' if ok else 'NOT met'}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "sizes": summaries, "targets": TARGETS, "met": met,
            "machine": {"python": platform.python_version(), "processor": platform.machine(),
                        "cpus": os.cpu_count()},
        }, indent=2) + "\n")
    return 0 if args.no_targets or all(met.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
