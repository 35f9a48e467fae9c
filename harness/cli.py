"""iu-cutter: the operator's command line (CONTRACT §7).

Every subcommand takes --json (one JSON object on stdout and nothing else there) and exits
0 success, 1 error, 2 usage, 3 precheck / drift, 4 verification failed, 5 refused.
"""

from __future__ import annotations

import functools
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from harness import gateway
from harness.cutter import CutManifest, CutterInputError, load_manifest_json, parse_document
from harness.db import connect, ensure_default_database, lane, translated_errors
from harness.errors import EXIT_ERROR, CutterError

err = Console(stderr=True)
out = Console()


def _emit_json(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, default=str) + "\n")


def command(fn: Callable[..., dict[str, Any]]) -> Callable[..., None]:
    """Wrap a subcommand: --json, and every error turned into its message and exit code."""

    @click.option("--json", "as_json", is_flag=True, help="Print one JSON object on stdout.")
    @functools.wraps(fn)
    def wrapper(*args: Any, as_json: bool, **kwargs: Any) -> None:
        try:
            result = fn(*args, as_json=as_json, **kwargs)
        except CutterInputError as exc:
            _fail(as_json, EXIT_ERROR, {"error": "CutterInputError", "message": str(exc),
                                        "line": exc.line})
        except CutterError as exc:
            _fail(as_json, exc.exit_code, exc.to_json())
        if as_json:
            _emit_json(result)

    return wrapper


def _fail(as_json: bool, code: int, payload: dict[str, Any]) -> None:
    if as_json:
        _emit_json(payload)
    else:
        err.print(f"[bold red]error[/]: {payload.get('message')}", highlight=False)
        for key in ("detail", "hint"):
            if payload.get(key):
                err.print(f"  {key}: {payload[key]}", highlight=False)
        if payload.get("sqlstate"):
            err.print(f"  sqlstate: {payload['sqlstate']}", highlight=False)
    sys.exit(code)


def _load(source: Path, doc_code: str, profile: str, granularity: str) -> CutManifest:
    if source.suffix.lower() == ".json":
        try:
            data = json.loads(source.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CutterInputError(f"{source}: not a JSON cut manifest: {exc}") from exc
        return load_manifest_json(data, doc_code=doc_code)
    return parse_document(source.read_bytes(), doc_code=doc_code, profile=profile,
                          granularity=granularity, source_name=str(source))


def _unit_inputs(manifest: CutManifest) -> list[gateway.UnitInput]:
    return [
        gateway.UnitInput(u.canonical_address, u.body, u.title, doc_order=u.ordinal)
        for u in manifest.units
    ]


source_options = [
    click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path)),
    click.option("--doc-code", required=True, help="Document code, e.g. VN-HP-2013."),
    click.option("--profile", type=click.Choice(["auto", "vn", "en"]), default="auto",
                 show_default=True, help="Drafting tradition; auto-detected by default."),
    click.option("--granularity", type=click.Choice(["article", "clause", "point"]),
                 default="point", show_default=True, help="Deepest unit kind to cut."),
    click.option("--publication-type", default=None,
                 help="Publication type for the birth gate (constitution, law, ...)."),
]


def with_source_options(fn: Callable) -> Callable:
    for option in reversed(source_options):
        fn = option(fn)
    return fn


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dot-iu-cutter")
def main() -> None:
    """Cut legal documents into Information Units through the governed IU gateway."""


@main.command("plan")
@with_source_options
@command
def plan_cmd(source: Path, doc_code: str, profile: str, granularity: str,
             publication_type: str | None, as_json: bool) -> dict[str, Any]:
    """Parse SOURCE and dry-run the cut (fn_iu_create_plan). Writes nothing."""
    manifest = _load(source, doc_code, profile, granularity)
    url = ensure_default_database()
    with connect(url) as conn, translated_errors(), lane(conn, "cutter_exec"):
        rows = gateway.plan(conn, _unit_inputs(manifest), publication_type)
    per_unit = {r.ordinal: r for r in rows if r.ordinal is not None}
    call_level = [r for r in rows if r.ordinal is None]
    units = []
    for index, unit in enumerate(manifest.units, start=1):
        row = per_unit.get(index)
        units.append({
            **unit.to_json(),
            "action": row.action if row else "refused",
            "problem": row.message if row and row.code else None,
        })
    result = {
        **manifest.to_json(),
        "units": units,
        "actions": dict(Counter(u["action"] for u in units)),
        "refusals": [{"code": r.code, "message": r.message} for r in call_level
                     if r.action == "refused"],
        "policy_warnings": [{"code": r.code, "message": r.message} for r in call_level
                            if r.action == "warning"],
    }
    if not as_json:
        _print_plan(manifest, units, result)
    return result


@main.command("cut")
@with_source_options
@click.option("--actor", required=True, help="Who runs the cut (recorded on every unit).")
@command
def cut_cmd(source: Path, doc_code: str, profile: str, granularity: str,
            publication_type: str | None, actor: str, as_json: bool) -> dict[str, Any]:
    """Parse SOURCE and create its units through fn_iu_create, in one transaction."""
    manifest = _load(source, doc_code, profile, granularity)
    units = _unit_inputs(manifest)
    url = ensure_default_database()
    with connect(url) as conn, translated_errors():
        with conn.transaction(), lane(conn, "cutter_exec"):
            rows = gateway.create(conn, units, actor, publication_type)
        # Lesson L2: read back after the commit and confirm every unit is there, as cut.
        with lane(conn, "cutter_exec"):
            check = gateway.plan(conn, units, publication_type)
    missing = [r.canonical_address for r in check if r.ordinal is not None and r.action != "unchanged"]
    if missing:
        raise CutterError(
            f"read-back after commit found {len(missing)} unit(s) not stored as cut: {missing[:5]}",
            hint="run iu-cutter plan on the same source to see the differences",
        )
    created = [r.canonical_address for r in rows if r.action == "created"]
    result = {
        "doc_code": manifest.doc_code,
        "manifest_sha256": manifest.manifest_sha256,
        "source_sha256": manifest.source_sha256,
        "created": len(created),
        "unchanged": len(rows) - len(created),
        "units": [{"canonical_address": r.canonical_address, "iu_id": str(r.iu_id),
                   "content_hash": r.content_hash, "action": r.action} for r in rows],
        "warnings": [w.to_json() for w in manifest.warnings],
    }
    if not as_json:
        for address in created:
            out.print(f"[green]created[/] {address}", highlight=False)
        out.print(f"{doc_code}: {result['created']} created, {result['unchanged']} unchanged; "
                  f"manifest_sha256 {manifest.manifest_sha256}", highlight=False)
    return result


def _print_plan(manifest: CutManifest, units: list[dict], result: dict) -> None:
    tree = Tree(f"[bold]{manifest.doc_code}[/] ({manifest.profile} profile, "
                f"granularity {manifest.granularity})")
    nodes: dict[str | None, Tree] = {None: tree}
    style = {"create": "green", "unchanged": "dim", "conflict": "red", "invalid": "red"}
    for unit in units:
        label = unit["canonical_address"].split("/")[-1]
        title = f" — {unit['title']}" if unit.get("title") else ""
        colour = style.get(unit["action"], "yellow")
        parent = nodes.get(unit["parent_address"], tree)
        nodes[unit["canonical_address"]] = parent.add(
            f"{label}{title} [{colour}]{unit['action']}[/]", highlight=False
        )
    out.print(tree)
    table = Table(title="units per kind")
    table.add_column("kind")
    table.add_column("count", justify="right")
    for kind, count in manifest.counts_by_kind().items():
        table.add_row(kind, str(count))
    out.print(table)
    out.print("actions: " + ", ".join(f"{k} {v}" for k, v in result["actions"].items()))
    out.print(f"manifest_sha256: {manifest.manifest_sha256}")
    if manifest.dropped:
        reasons = Counter(d.reason for d in manifest.dropped)
        out.print("dropped lines: " + ", ".join(f"{r} {n}" for r, n in reasons.items()))
    for warning in manifest.warnings:
        out.print(f"[yellow]warning[/] line {warning.line}: {warning.message}", highlight=False)
    for item in result["policy_warnings"] + result["refusals"]:
        out.print(f"[yellow]{item['code']}[/] {item['message']}", highlight=False)
    for unit in units:
        if unit["problem"]:
            out.print(f"[red]{unit['action']}[/] {unit['problem']}", highlight=False)


if __name__ == "__main__":
    main()
