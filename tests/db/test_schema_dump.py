"""schema/schema.sql is the effective schema at head; it must match a fresh upgrade."""

from __future__ import annotations

from harness.schema_dump import dump_schema
from tests.conftest import REPO


def test_committed_schema_dump_is_current(server, template_db):
    committed = (REPO / "schema" / "schema.sql").read_text(encoding="utf-8")
    assert dump_schema(server.uri(template_db)) == committed, (
        "schema/schema.sql is stale: run scripts/dump-schema and commit the result"
    )
