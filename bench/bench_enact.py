#!/usr/bin/env python3
"""Enactment against the physical limit: fn_iu_enact_batch versus a raw set-based UPDATE plus
log INSERT of the same rows, side by side in one database per run.

For each of ``--runs`` runs (default 3) the benchmark cuts a generated document of ``--units``
units (default 100,000: a root and that many articles minus one) through the governed path
(change set, fn_iu_create, manifest, executor signature), verifies it as a second actor and
approves it as a third, then times:

* governed: one ``fn_iu_enact_batch`` call over every unit, as cutter_exec, committed: review
  gate, coverage of every unit by the approved manifest, parent rule, invariant probe,
  guarded updates of units and versions, one log row per unit with its hash, the seal. Its
  answer (a row per unit) is counted in the server, as the raw statements return nothing:
  turning 100,000 answer rows into Python objects is the harness's cost, not enactment's
  (the flow benchmark's enact step includes it);
* raw: the same rows copied into plain tables of the same shape (``LIKE ... INCLUDING ALL``:
  same columns, indexes and CHECKs, no triggers, no foreign keys), then ``UPDATE`` of the
  versions, ``UPDATE`` of the units and ``INSERT`` of one log row per unit, committed.

Each timed step starts after a CHECKPOINT, so neither pays for writing out the pages the
other (or the setup) left dirty, and the two take turns going first. Prints the median of
each with the spread, and the ratio governed / raw; exits 1 when the median ratio exceeds
``--max-ratio`` (default 2, issue 5's target). Writes the figures as JSON with ``--json
PATH``. A template database migrated to head is created on the server of DATABASE_URL (or
the local default); each run works in a fresh clone of it, dropped at the end of the run
unless ``--keep``.

    .venv/bin/python bench/bench_enact.py --json out/bench_enact.json
    .venv/bin/python bench/bench_enact.py --units 10000 --runs 1     # smoke run
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import raw_baseline  # beside this script

from harness import gateway, governance, keys
from harness.config import database_url
from harness.db import lane, migrate_to_head


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def document(doc_code: str, n: int) -> list[tuple[str, str]]:
    units = [(doc_code, f"Generated law {doc_code}")]
    units += [
        (
            f"{doc_code}/art_{i}",
            f"Article {i}. Everyone has the right number {i} under this law, "
            f"exercised as the law on rights of kind {i % 97} provides.",
        )
        for i in range(1, n)
    ]
    return units


def governed_cut(conn, units, signers) -> tuple[str, str]:
    doc = units[0][0]
    addresses = [a for a, _ in units]
    hashes = [sha(b) for _, b in units]
    manifest = hashlib.sha256(
        "".join(f"{a}\t{h}\n" for a, h in zip(addresses, hashes, strict=True)).encode()
    ).hexdigest()
    alice, victor, rita = signers
    with conn.transaction(), lane(conn, "cutter_exec"):
        governance.register_key(conn, alice)
        cs = governance.open_change_set(
            conn,
            doc_code=doc,
            source_sha256="0" * 64,
            manifest_sha256=manifest,
            unit_count=len(units),
            actor="alice",
            profile="en",
            granularity="article",
            publication_type="law",
        )
        gateway.create(
            conn, [gateway.UnitInput(a, b, doc_order=i) for i, (a, b) in enumerate(units)], "alice", "law", cs
        )
        governance.record_manifest(conn, cs, addresses, hashes, "alice")
        governance.sign_executor(conn, cs, alice, manifest)
    with lane(conn, "cutter_verifier"):
        checks = governance.structural_checks(conn, cs) + governance.signature_checks(conn, cs)
    with conn.transaction(), lane(conn, "cutter_verifier"):
        governance.register_key(conn, victor)
        _, verdict = governance.record_verify(conn, cs, victor, checks)
    assert verdict == "pass", [c for c in checks if c.outcome != "pass"]
    with conn.transaction(), lane(conn, "cutter_reviewer"):
        governance.register_key(conn, rita)
        decision = governance.record_review(
            conn,
            rita,
            subject="enact",
            decision="approve",
            rationale="benchmark approval",
            change_set_id=cs,
            manifest_sha256=manifest,
            expires_at=None,
        )
    return cs, decision


def raw_tables(conn, doc: str, run: int) -> tuple[str, str, str]:
    names = (f"bench_iu_{run}", f"bench_uv_{run}", f"bench_log_{run}")
    with conn.transaction():
        for name, like in zip(names, ("information_unit", "unit_version", "iu_lifecycle_log"), strict=True):
            conn.execute(
                sql.SQL("CREATE TABLE {} (LIKE public.{} INCLUDING ALL)").format(
                    sql.Identifier(name), sql.Identifier(like)
                )
            )
        conn.execute(
            sql.SQL(
                "INSERT INTO {} (id, canonical_address, parent_id, doc_order, title,"
                " publication_type, lifecycle_status,"
                " current_version_id, created_change_set_id, created_by, updated_by)"
                " SELECT id, canonical_address, parent_id, doc_order, title, publication_type,"
                " lifecycle_status,"
                " current_version_id, created_change_set_id, created_by, updated_by FROM"
                " public.information_unit"
                " WHERE doc_code = %s"
            ).format(sql.Identifier(names[0])),
            (doc,),
        )
        conn.execute(
            sql.SQL(
                "INSERT INTO {} (id, iu_id, version_no, body, lifecycle_status, change_set_id,"
                " created_by, updated_by)"
                " SELECT v.id, v.iu_id, v.version_no, v.body, v.lifecycle_status, v.change_set_id,"
                " v.created_by,"
                " v.updated_by FROM public.unit_version AS v JOIN public.information_unit AS u ON"
                " u.id = v.iu_id"
                " WHERE u.doc_code = %s"
            ).format(sql.Identifier(names[1])),
            (doc,),
        )
    conn.execute(sql.SQL("VACUUM ANALYZE {}").format(sql.Identifier(names[0])))
    conn.execute(sql.SQL("VACUUM ANALYZE {}").format(sql.Identifier(names[1])))
    return names


def governed_enact(conn, units, decision) -> float:
    start = time.perf_counter()
    with conn.transaction(), lane(conn, "cutter_exec"):
        enacted, answered = conn.execute(
            "SELECT count(*) FILTER (WHERE action = 'enacted'), count(*)"
            " FROM public.fn_iu_enact_batch(%s::text[], 'alice', %s::uuid)",
            ([a for a, _ in units], decision),
        ).fetchone()
    elapsed = time.perf_counter() - start
    assert enacted == answered == len(units), (enacted, answered)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--max-ratio", type=float, default=2.0)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep each run's database")
    args = parser.parse_args()

    template = "iu_bench_enact_tpl"
    parts = urlsplit(database_url())
    admin = psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)
    admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(template)))
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(template)))
    migrate_to_head(urlunsplit(parts._replace(path=f"/{template}")))
    home = Path(tempfile.mkdtemp(prefix="iu-bench-keys-"))
    signers = [keys.load_or_create(name, home) for name in ("alice", "victor", "rita")]
    governed, raw = [], []
    try:
        for run in range(args.runs):
            # Every run in a database of its own, cloned from the migrated template: the runs
            # repeat one measurement instead of enacting into tables that earlier runs filled
            # while the raw tables start empty each time.
            dbname = f"iu_bench_enact_{run + 1}"
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname)))
            admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(dbname), sql.Identifier(template)))
            with psycopg.connect(urlunsplit(parts._replace(path=f"/{dbname}")), autocommit=True) as conn:
                doc = f"BENCH-{run + 1}"
                units = document(doc, args.units)
                t0 = time.perf_counter()
                _, decision = governed_cut(conn, units, signers)
                setup = time.perf_counter() - t0
                names = raw_tables(conn, doc, run)
                conn.execute("VACUUM ANALYZE information_unit")
                conn.execute("VACUUM ANALYZE unit_version")
                # The two take turns going first, so neither always finds the other's pages
                # in the buffer cache.
                order = ("raw", "governed") if run % 2 == 0 else ("governed", "raw")
                for step in order:
                    conn.execute("CHECKPOINT")
                    if step == "raw":
                        raw.append(raw_baseline.enact(conn, *(sql.Identifier(n) for n in names)))
                    else:
                        governed.append(governed_enact(conn, units, decision))
                print(
                    f"run {run + 1}: cut+verify+review {setup:.2f} s, raw {raw[-1]:.3f} s, "
                    f"governed {governed[-1]:.3f} s, ratio {governed[-1] / raw[-1]:.2f}",
                    flush=True,
                )
            if not args.keep:
                admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(dbname)))
    finally:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(template)))
        admin.close()

    ratios = [g / r for g, r in zip(governed, raw, strict=True)]
    figures = {
        "units": args.units,
        "runs": args.runs,
        "raw_seconds": {"median": statistics.median(raw), "min": min(raw), "max": max(raw)},
        "governed_seconds": {
            "median": statistics.median(governed),
            "min": min(governed),
            "max": max(governed),
        },
        "ratio_median": statistics.median(ratios),
        "ratio_max": max(ratios),
        "max_ratio": args.max_ratio,
        "governed_units_per_second": args.units / statistics.median(governed),
        "machine": {"python": platform.python_version(), "processor": platform.machine()},
    }
    print(f"\n{'step':<34}{'median s':>10}{'min s':>9}{'max s':>9}")
    print(
        f"{'raw UPDATE x2 + INSERT log':<34}{statistics.median(raw):>10.3f}{min(raw):>9.3f}{max(raw):>9.3f}"
    )
    print(
        f"{'fn_iu_enact_batch':<34}{statistics.median(governed):>10.3f}{min(governed):>9.3f}"
        f"{max(governed):>9.3f}"
    )
    ok = figures["ratio_median"] <= args.max_ratio
    print(
        f"\nratio governed / raw: median {figures['ratio_median']:.2f} (max {figures['ratio_max']:.2f}), "
        f"target <= {args.max_ratio}: {'met' if ok else 'NOT met'}"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
