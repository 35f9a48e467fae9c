"""Living SQL and frozen revisions: every object under sql/ is installed by some revision,
and the newest frozen copy of each equals its living file, so they cannot drift apart."""

from __future__ import annotations

import pytest
from alembic.script import ScriptDirectory

from tests.conftest import REPO, alembic_config

SQL = REPO / "sql"
FROZEN = REPO / "migrations" / "frozen"


def _revision_order() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config(""))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


LIVING = sorted(p.relative_to(SQL).as_posix() for p in SQL.rglob("*.sql"))


@pytest.mark.parametrize("relative", LIVING)
def test_newest_frozen_copy_equals_the_living_file(relative):
    copies = [rev for rev in _revision_order() if (FROZEN / rev / relative).exists()]
    assert copies, f"sql/{relative} is installed by no revision (scripts/freeze-sql)"
    newest = FROZEN / copies[-1] / relative
    assert newest.read_bytes() == (SQL / relative).read_bytes(), (
        f"sql/{relative} changed after {copies[-1]} froze it: add a revision that freezes the new body"
    )


def test_every_frozen_folder_is_a_revision_and_every_copy_is_run_by_it():
    revisions = set(_revision_order())
    for folder in FROZEN.iterdir():
        assert folder.name in revisions, f"{folder} belongs to no revision"
        source = next((REPO / "migrations" / "versions").glob(f"{folder.name}_*.py"), None)
        source = source or next((REPO / "migrations" / "versions").glob(f"{folder.name}.py"))
        text = source.read_text()
        for copy in folder.rglob("*.sql"):
            assert f'"{copy.relative_to(folder).as_posix()}"' in text, f"{copy} is never run"


def test_frozen_copies_match_the_lock_file():
    """A revision that has shipped never changes: its frozen copies are pinned by SHA-256 in
    migrations/frozen.sha256 (written by scripts/freeze-sql). Change an object by adding a
    revision, never by editing an old copy."""
    import hashlib

    lock = REPO / "migrations" / "frozen.sha256"
    pinned = {}
    for line in lock.read_text().splitlines():
        digest, path = line.split("  ", 1)
        pinned[path] = digest
    on_disk = {p.relative_to(REPO).as_posix() for p in FROZEN.rglob("*.sql")}
    assert set(pinned) == on_disk, "every frozen copy is in the lock file and nothing else is"
    changed = [path for path, digest in pinned.items()
               if hashlib.sha256((REPO / path).read_bytes()).hexdigest() != digest]
    assert changed == [], f"shipped frozen copies were edited: {changed}"
