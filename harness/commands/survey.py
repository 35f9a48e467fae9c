"""iu-cutter survey: the live drift survey (seed lesson L1), the DB team's view of the database
against what the migrations define. Exit 3 when anything drifted."""

from __future__ import annotations

import re
from typing import Any

import click
from rich.table import Table

from harness import survey as live_survey
from harness.cli import command, main, out
from harness.db import connect, ensure_default_database, translated_errors
from harness.errors import EXIT_PRECHECK, CutterError


class DriftFound(CutterError):
    """The survey found drift; carries the whole report, printed once as the JSON object."""

    exit_code = EXIT_PRECHECK

    def __init__(self, report: live_survey.SurveyReport) -> None:
        super().__init__(
            f"drift: {len(report.drift)} difference(s) from revision {report.expected_revision}",
            hint="repair each item as listed, then run iu-cutter survey again",
        )
        self.report = report

    def to_json(self) -> dict[str, Any]:
        return {**self.report.to_json(), **super().to_json()}


@main.command("survey")
@click.option("--wait", "wait_seconds", type=click.FloatRange(min=0.001), default=30.0,
              show_default=True, help="Seconds to wait for a cut in progress to commit.")
@command
def survey_cmd(wait_seconds: float, as_json: bool) -> dict[str, Any]:
    """Survey the live database (functions, triggers, policy keys, privileges, fixed data, table
    shapes) against the fingerprint of its migration revision. Exit 3 on any drift."""
    url = ensure_default_database()
    with connect(url) as conn, translated_errors():
        report = live_survey.survey(conn, wait_seconds=wait_seconds)
    if not as_json:
        _print(report)
    if report.drift:
        raise DriftFound(report)
    return report.to_json()


def _print(report: live_survey.SurveyReport) -> None:
    checked = ", ".join(f"{n} {what.replace('_', ' ')}" for what, n in report.checked.items())
    if report.adoption:
        a = report.adoption
        out.print(f"no alembic_version: exact match [bold]{a['matches'] or 'none'}[/], closest "
                  f"{a['closest']}", highlight=False)
    if not report.drift:
        out.print(f"[green]no drift[/]: {checked} match revision {report.expected_revision}",
                  highlight=False)
        return
    table = Table(title=f"drift against revision {report.expected_revision} "
                        f"(database at {report.revision or 'no recorded revision'})", show_lines=True)
    for column in ("what", "expected", "found", "how to repair"):
        table.add_column(column, overflow="fold")
    for d in report.drift:
        table.add_row(f"[bold]{d.kind}[/]\n{d.message}", _short(d.expected), _short(d.found), d.repair)
    out.print(table)
    out.print(f"checked: {checked}", highlight=False)


def _short(value: Any) -> str:
    """A cell: digests cut to 12 characters (the JSON output keeps them whole)."""
    if value is None:
        return "-"
    if isinstance(value, dict):
        return "\n".join(f"{k}: {_short(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "(none)"
    text = str(value)
    return text[:12] + "…" if re.fullmatch(r"[0-9a-f]{64}", text) else text
