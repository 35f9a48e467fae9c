"""Several operators at once, each in its own process: every caller gets a clear outcome and the
database ends in a state some one-after-the-other order of the same commands would leave.

Each operator is a real `iu-cutter ... --json` process: the console script's own body
(`from harness.cli import main; sys.exit(main())`) run by the venv's interpreter, held at a
barrier once `harness.cli` is imported. A race starts its processes, waits until every one is
ready, then releases them all within a millisecond, so their database work overlaps; where an
order matters (one operator already inside its transaction when the other arrives) the second is
released when `pg_locks` shows the first holding the document's lock, which no barrier can see.

A clear outcome is exit 0 with the command's JSON, or a documented refusal (3 precheck, 4
verification failed, 5 refused) whose JSON names an `IU` SQLSTATE or the failed checks: never a
Python traceback, never a raw deadlock (40P01) or serialization failure (40001), never exit 1
(bad input: no input here is bad). Afterwards the database is audited: no unit, version or
lifecycle transition recorded twice, every change set complete, governance chains and the
lifecycle log intact (`fn_gov_chain_check`, `fn_iu_lifecycle_log_check`), every document's
invariants hold (`fn_iu_verify_invariants`), and what the callers reported is what is stored.

A race can break several things at once, so each test collects what went wrong in every round
and fails once, listing all of it. The default size keeps the module short (about 900 units a
document, two rounds); IU_FULL=1 runs bigger documents (9,000 units) and more rounds.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from harness import governance, keys, lifecycle
from harness.cli import enactable_addresses, governed_cut, governed_verify
from harness.cutter import CutManifest, parse_document
from harness.db import connect as harness_connect
from harness.db import lane
from tests.cli.conftest import CLI
from tests.conftest import connect

FULL = os.environ.get("IU_FULL") == "1"
ARTICLES = 3000 if FULL else 300  # three units an article, plus chapters and the root
ROUNDS = 5 if FULL else 2
TIMEOUT = 600 if FULL else 120  # seconds one operator may take before the test gives up on it
PUB = ("--publication-type", "law")
DOCUMENT_LOCK = 7175  # pg_advisory_xact_lock(7175, hashtext(doc_code)): cuts and lifecycle writers
REFUSAL_EXITS = {3: "precheck failed", 4: "verification failed", 5: "refused"}
TRANSIENT = {"40P01": "deadlock", "40001": "serialization failure", "55P03": "lock not available"}

# The iu-cutter console script (.venv/bin/iu-cutter) with a barrier between its import and its
# call: it says it is ready on one pipe and waits for the release on another.
RUNNER = textwrap.dedent(
    """
    import os, sys
    ready, go = int(sys.argv[1]), int(sys.argv[2])
    from harness.cli import main
    os.write(ready, b"+")
    os.close(ready)
    released = os.read(go, 1) == b"+"
    os.close(go)
    if not released:
        sys.exit(99)
    sys.argv = ["iu-cutter", *sys.argv[3:]]
    sys.exit(main())
    """
)


# --- operators: real processes, released together -----------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What one operator's process ended with."""

    who: str
    argv: tuple[str, ...]
    code: int
    stdout: str
    stderr: str

    @property
    def payload(self) -> dict | None:
        """The one JSON object on stdout (--json), or None when stdout is anything else."""
        lines = self.stdout.strip().splitlines()
        if len(lines) != 1:
            return None
        try:
            value = json.loads(lines[0])
        except json.JSONDecodeError:
            return None
        return value if isinstance(value, dict) else None

    @property
    def json(self) -> dict:
        return self.payload or {}

    @property
    def ok(self) -> bool:
        return self.code == 0 and self.payload is not None

    def refused(self, sqlstate: str) -> bool:
        return self.code == 5 and self.json.get("sqlstate") == sqlstate

    def brief(self) -> str:
        stderr = self.stderr.strip()
        return (f"iu-cutter {' '.join(self.argv)} -> exit {self.code}; stdout {self.stdout.strip()[:400]!r}"
                + (f"; stderr ...{stderr[-700:]!r}" if stderr else ""))

    def unclear(self) -> list[str]:
        """Why this outcome is not a clear one for its caller (empty: it is clear)."""
        problems = []
        if "Traceback (most recent call last)" in self.stderr:
            problems.append("a Python traceback reached the caller")
        payload = self.payload
        if payload is None:
            problems.append("stdout is not exactly one JSON object")
        elif self.code != 0:
            sqlstate = payload.get("sqlstate")
            if self.code not in REFUSAL_EXITS:
                documented = ", ".join(f"{code} {meaning}" for code, meaning in REFUSAL_EXITS.items())
                problems.append(f"exit {self.code} is neither success nor a refusal ({documented})")
            if sqlstate in TRANSIENT:
                problems.append(f"a raw {TRANSIENT[sqlstate]} ({sqlstate}) reached the caller")
            elif sqlstate and not sqlstate.startswith("IU"):
                problems.append(f"a raw SQLSTATE {sqlstate} reached the caller")
            if not (payload.get("message") or payload.get("failed")):
                problems.append("nothing says why it failed")
        return [f"{self.who}: {p}: {self.brief()}" for p in problems]


class Operator:
    """One `iu-cutter ... --json` process, started and held at the barrier until released."""

    def __init__(self, who: str, argv: Iterable[str], env: dict[str, str], folder: Path) -> None:
        self.who, self.argv = who, (*argv, "--json")
        ready_r, ready_w = os.pipe()
        go_r, go_w = os.pipe()
        self._stdout, self._stderr = folder / "stdout", folder / "stderr"
        with open(self._stdout, "w") as stdout, open(self._stderr, "w") as stderr:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", RUNNER, str(ready_w), str(go_r), *self.argv],
                env=env, cwd=folder, stdout=stdout, stderr=stderr, pass_fds=(ready_w, go_r))
        os.close(ready_w)
        os.close(go_r)
        self._ready: int | None = ready_r
        self._go: int | None = go_w

    def wait_ready(self) -> None:
        assert self._ready is not None, "wait_ready() once"
        ready = os.read(self._ready, 1) == b"+"
        os.close(self._ready)
        self._ready = None
        if not ready:
            self.proc.wait(timeout=TIMEOUT)
            raise AssertionError(f"{self.who} died before the barrier: {self._stderr.read_text()[-2000:]}")

    def release(self) -> None:
        assert self._go is not None, "release() once"
        with contextlib.suppress(BrokenPipeError):  # it died meanwhile: finish() reports how
            os.write(self._go, b"+")
        os.close(self._go)
        self._go = None

    @property
    def running(self) -> bool:
        return self.proc.poll() is None

    def finish(self) -> Outcome:
        try:
            code = self.proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"{self.who} ({' '.join(self.argv)}) did not finish in {TIMEOUT} s: "
                                 "a lock wait that never ends?") from None
        return Outcome(self.who, self.argv, code, self._stdout.read_text(), self._stderr.read_text())

    def kill(self) -> None:
        """Clean-up after a failed test: end this operator's own process, close its pipes."""
        if self.running:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._ready, self._go):
            if fd is not None:
                os.close(fd)
        self._ready = self._go = None


def race(*operators: Operator) -> list[Outcome]:
    """Wait until every operator is ready, release them all at once, collect every outcome."""
    for op in operators:
        op.wait_ready()
    for op in operators:
        op.release()
    return [op.finish() for op in operators]


def staggered(desk: Desk, first: Operator, second: Operator, until: Callable[[psycopg.Connection], bool],
              what: str) -> list[Outcome]:
    """Release first; release second once the database shows `until` (first is then inside its
    transaction, holding what it holds). The wait polls the catalog; it is not a sleep."""
    first.wait_ready()
    second.wait_ready()
    with desk.connect() as conn:
        first.release()
        deadline = time.monotonic() + TIMEOUT
        while not until(conn):
            if not first.running or time.monotonic() > deadline:
                second.release()
                outcomes = [first.finish(), second.finish()]
                raise AssertionError(f"the race did not happen: {first.who} never showed that {what}; "
                                     + "; ".join(o.brief() for o in outcomes))
            time.sleep(0.002)
        second.release()
    return [first.finish(), second.finish()]


# --- the operators' desk: one database, one IU_CUTTER_HOME ------------------------------------------


def law_text(title: str, articles: int, amended: frozenset[int] = frozenset()) -> str:
    """A generated law: chapters of 100 articles, each article with two numbered paragraphs.
    Articles in `amended` carry a different first paragraph (a revision of the same law)."""
    lines = [f"# {title}", ""]
    for a in range(1, articles + 1):
        if (a - 1) % 100 == 0:
            chapter = (a - 1) // 100 + 1
            lines += [f"## Chapter {chapter}. Part {chapter}", ""]
        first = f"1. Everyone has right number {a}" + (", as amended." if a in amended else ".")
        lines += [f"### Article {a}. Matter {a}", "", first,
                  f"2. The law on matter {a} governs how it is exercised.", ""]
    return "\n".join(lines)


class Desk:
    """What the operators of one test share: the test's database and one IU_CUTTER_HOME (each
    actor's signing key lives there, as on a shared operations host). The set-up before a race
    (cut, verify, approve, enact) runs in this process through the CLI's own code paths; only the
    racing commands are separate processes."""

    def __init__(self, server, db: str, folder: Path) -> None:
        self.server, self.db, self.folder = server, db, folder
        self.home = folder / "home"
        self.env = dict(os.environ, DATABASE_URL=server.uri(db), IU_CUTTER_HOME=str(self.home))
        self.operators: list[Operator] = []

    def connect(self) -> psycopg.Connection:
        return connect(self.server, self.db)

    def operator(self, who: str, *argv: str, home: Path | None = None) -> Operator:
        """An operator process for `iu-cutter *argv`, held at the barrier (home: another
        IU_CUTTER_HOME than the desk's)."""
        folder = self.folder / f"operator-{len(self.operators) + 1:03d}"
        folder.mkdir()
        env = self.env if home is None else {**self.env, "IU_CUTTER_HOME": str(home)}
        op = Operator(who, argv, env, folder)
        self.operators.append(op)
        return op

    def law(self, code: str, articles: int = ARTICLES,
            amended: Iterable[int] = ()) -> tuple[Path, CutManifest]:
        """Write a generated law for doc code `code`; return it with its manifest as the cutter
        reads it (the reference for what a cut must store)."""
        text = law_text(f"Generated Law {code}", articles, frozenset(amended))
        path = self.folder / f"{code}{'-amended' if amended else ''}.md"
        path.write_text(text, encoding="utf-8")
        return path, parse_document(text.encode(), doc_code=code, source_name=str(path))

    @contextlib.contextmanager
    def _harness(self) -> Iterator[psycopg.Connection]:
        with harness_connect(self.server.uri(self.db), application_name="iu-cutter-set-up") as conn:
            yield conn

    def enrol(self, **lanes: str) -> None:
        """Create each actor's key under IU_CUTTER_HOME and register it in its lane, as its first
        command would, so that a race is about the work and not about first use."""
        with self._harness() as conn:
            for actor, role in lanes.items():
                with conn.transaction(), lane(conn, role):
                    governance.register_key(conn, keys.load_or_create(actor, self.home))

    def cut(self, manifest: CutManifest, actor: str = "alice") -> str:
        """`iu-cutter cut` (its governed_cut): the change set id."""
        with self._harness() as conn:
            return governed_cut(conn, manifest, actor, "law")["change_set_id"]

    def verify(self, change_set_id: str, actor: str = "victor") -> None:
        """`iu-cutter verify` (its governed_verify); the verdict must be pass."""
        with self._harness() as conn:
            _, verdict, checks = governed_verify(conn, change_set_id, actor)
        assert verdict == "pass", [c for c in checks if c.outcome != "pass"]

    def approve(self, manifest_sha256: str, change_set_id: str | None = None, actor: str = "rita") -> str:
        """`iu-cutter review --decision approve` (subject enact): the review decision id."""
        signer = keys.load_or_create(actor, self.home)
        with self._harness() as conn, conn.transaction(), lane(conn, "cutter_reviewer"):
            governance.register_key(conn, signer)
            return str(governance.record_review(
                conn, signer, subject="enact", decision="approve", rationale=f"{actor} approves",
                change_set_id=change_set_id, manifest_sha256=manifest_sha256, expires_at=None))

    def enact(self, change_set_id: str, decision: str, actor: str = "alice") -> None:
        """`iu-cutter enact`: every unit of the change set enacted."""
        with self._harness() as conn:
            with lane(conn, "cutter_exec"):
                addresses, _ = enactable_addresses(conn, change_set_id)
            with conn.transaction(), lane(conn, "cutter_exec"):
                lifecycle.enact(conn, addresses, actor, decision)

    def cut_verified_approved(self, manifest: CutManifest) -> tuple[str, str]:
        """alice cuts, victor verifies, rita approves enacting it: (change set, review decision)."""
        change_set_id = self.cut(manifest)
        self.verify(change_set_id)
        return change_set_id, self.approve(manifest.manifest_sha256, change_set_id)


@pytest.fixture
def desk(server, db, tmp_path, monkeypatch) -> Iterator[Desk]:
    desk = Desk(server, db, tmp_path)
    monkeypatch.setenv("IU_CUTTER_HOME", str(desk.home))  # the set-up's keys, in this process
    yield desk
    for op in desk.operators:  # a failed test leaves no operator of its own behind
        op.kill()


# --- what the database must look like afterwards -------------------------------------------------------


class Findings(list):
    """What went wrong, in every round: a race may break several things at once."""

    def expect(self, ok: bool, what: str) -> None:
        if not ok:
            self.append(what)

    def outcomes(self, outcomes: list[Outcome]) -> bool:
        """Record every unclear outcome; True when all of them are clear."""
        unclear = [p for o in outcomes for p in o.unclear()]
        self.extend(unclear)
        return not unclear

    def enacted_once(self, state: DocumentState, n: int, where: str) -> None:
        """Every one of the document's n units enacted, with exactly one enact log row each."""
        self.expect(state.units == Counter(enacted=n),
                    f"{where}: units {dict(state.units)}, {n} enacted expected")
        self.expect(state.enact_log_rows == n,
                    f"{where}: {state.enact_log_rows} enact log rows for {n} units")

    def report(self) -> str:
        return f"{len(self)} finding(s):\n- " + "\n- ".join(self)


INTEGRITY = {
    "a canonical address held by more than one unit":
        "SELECT canonical_address, count(*) FROM information_unit GROUP BY 1 HAVING count(*) > 1",
    "a version number held twice by one unit":
        "SELECT iu_id, version_no, count(*) FROM unit_version GROUP BY 1, 2 HAVING count(*) > 1",
    "a unit with more than one enacted version":
        "SELECT iu_id, count(*) FROM unit_version WHERE lifecycle_status = 'enacted'"
        " GROUP BY 1 HAVING count(*) > 1",
    "a lifecycle transition logged twice for one entity":
        "SELECT entity_collection, canonical_address, transition_type, count(*) FROM iu_lifecycle_log"
        " GROUP BY entity_collection, entity_id, canonical_address, transition_type HAVING count(*) > 1",
    "a governance chain that does not re-hash or link (fn_gov_chain_check)":
        "SELECT table_name, chain_pos, problem FROM cutter_governance.fn_gov_chain_check()"
        " WHERE problem <> 'head'",
    "a lifecycle log row or seal that does not check (fn_iu_lifecycle_log_check)":
        "SELECT chain_pos, seal_id, problem FROM fn_iu_lifecycle_log_check()",
    "a unit invariant violated (fn_iu_verify_invariants)":
        "SELECT v.canonical_address, v.invariant, v.detail FROM information_unit AS r"
        " CROSS JOIN LATERAL fn_iu_verify_invariants(r.canonical_address, true) AS v"
        " WHERE r.parent_id IS NULL",
    "a change set without exactly one envelope listing its units and one executor signature":
        "SELECT c.id, c.doc_code, c.unit_count, e.n AS envelopes, e.entries, s.n AS signatures"
        " FROM cutter_governance.cut_change_set AS c"
        " CROSS JOIN LATERAL (SELECT count(DISTINCT v.id) AS n, count(m.*) AS entries"
        "   FROM cutter_governance.manifest_envelope AS v"
        "   LEFT JOIN cutter_governance.manifest_entry AS m ON m.envelope_id = v.id"
        "   WHERE v.change_set_id = c.id) AS e"
        " CROSS JOIN LATERAL (SELECT count(*) AS n FROM cutter_governance.dot_pair_signature AS g"
        "   WHERE g.change_set_id = c.id AND g.lane = 'executor') AS s"
        " WHERE e.n <> 1 OR e.entries <> c.unit_count OR s.n <> 1",
    "an enacted change set whose manifest content was never enacted":
        "SELECT c.id, m.canonical_address FROM cutter_governance.cut_change_set AS c"
        " JOIN cutter_governance.manifest_envelope AS e ON e.change_set_id = c.id"
        " JOIN cutter_governance.manifest_entry AS m ON m.envelope_id = e.id"
        " WHERE c.status = 'enacted' AND NOT EXISTS (SELECT 1 FROM unit_version AS uv"
        "   JOIN information_unit AS iu ON iu.id = uv.iu_id"
        "   WHERE iu.canonical_address = m.canonical_address AND uv.content_hash = m.content_hash"
        "   AND uv.lifecycle_status IN ('enacted', 'superseded'))",
    "a rolled-back change set with units left, or a rollback record that does not match the status":
        "SELECT c.id, c.status, r.n AS rollback_records, u.n AS units_left"
        " FROM cutter_governance.cut_change_set AS c"
        " CROSS JOIN LATERAL (SELECT count(*) AS n FROM cutter_governance.rollback_record AS x"
        "   WHERE x.change_set_id = c.id) AS r"
        " CROSS JOIN LATERAL (SELECT count(*) AS n FROM information_unit AS iu"
        "   WHERE iu.created_change_set_id = c.id) AS u"
        " WHERE r.n <> (c.status = 'rolled_back')::integer OR (c.status = 'rolled_back' AND u.n > 0)",
}


def integrity(findings: Findings, desk: Desk) -> None:
    """The whole database, after every round: each query lists what must not exist."""
    with desk.connect() as conn:
        for what, sql in INTEGRITY.items():
            rows = conn.execute(sql).fetchall()
            findings.expect(not rows, f"{what}: {rows[:5]}")


@dataclass(frozen=True)
class DocumentState:
    units: Counter  # lifecycle status -> units
    change_sets: dict[str, str]  # change set id -> status
    enact_log_rows: int
    created_by: Counter  # change set id -> units it created


def document_state(desk: Desk, code: str) -> DocumentState:
    with desk.connect() as conn:
        units = Counter(dict(conn.execute(
            "SELECT lifecycle_status, count(*) FROM information_unit WHERE doc_code = %s GROUP BY 1",
            (code,)).fetchall()))
        change_sets = {str(i): s for i, s in conn.execute(
            "SELECT id, status FROM cutter_governance.cut_change_set WHERE doc_code = %s ORDER BY chain_pos",
            (code,))}
        enact_log_rows = conn.execute(
            "SELECT count(*) FROM iu_lifecycle_log WHERE transition_type = 'enact'"
            " AND split_part(canonical_address, '/', 1) = %s", (code,)).fetchone()[0]
        created_by = Counter({str(i): n for i, n in conn.execute(
            "SELECT created_change_set_id, count(*) FROM information_unit WHERE doc_code = %s GROUP BY 1",
            (code,))})
    return DocumentState(units, change_sets, enact_log_rows, created_by)


def holds_document_lock(code: str) -> Callable[[psycopg.Connection], bool]:
    """True once an iu-cutter session holds the document's lock, i.e. is inside the transaction
    of a cut, enactment, revision or rollback of that document."""
    def check(conn: psycopg.Connection) -> bool:
        return conn.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_locks AS l JOIN pg_stat_activity AS a ON a.pid = l.pid"
            " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %s AND l.objsubid = 2"
            " AND l.objid::text::bigint = (hashtext(%s)::bigint & 4294967295)"
            " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            " AND a.application_name = 'iu-cutter')",
            (DOCUMENT_LOCK, code),
        ).fetchone()[0]
    return check


def test_each_operator_runs_exactly_what_the_installed_iu_cutter_runs():
    """The held runner is the console script plus a barrier: the installed `iu-cutter` calls
    `harness.cli.main` and nothing else, so a racing operator is a real `iu-cutter` process."""
    script = CLI.read_text(encoding="utf-8")
    assert "from harness.cli import main" in script and "sys.exit(main())" in script, script


# --- 1. two cuts of the same document at once ---------------------------------------------------------


def test_two_cuts_of_the_same_document_at_once_record_it_once(desk):
    """Two `iu-cutter cut` of one document, released together, end as one cut after the other
    would: both exit 0, one creates every unit, the other finds that identical content recorded
    and reports the same change set (`reused`, nothing new written), so the document has its units
    once and one change set. Then the flow goes on as operators would (victor verifies every change
    set a caller was given, rita approves the content's digest, alice enacts the cut that created
    the units) and every change set a caller was given ends `enacted`. Proves cuts of a document
    serialise on its lock with no duplicate unit, no raw error, no second change set for identical
    content, and nothing that leaves a caller's change set stuck afterwards."""
    desk.enrol(alice="cutter_exec", victor="cutter_verifier", rita="cutter_reviewer")
    findings = Findings()
    for r in range(ROUNDS):
        code = f"SAME-{r}"
        source, manifest = desk.law(code)
        n = len(manifest.units)
        outcomes = race(*(desk.operator(f"round {r} cut {i}", "cut", str(source), "--doc-code", code,
                                        "--actor", "alice", *PUB) for i in (1, 2)))
        state = document_state(desk, code)
        findings.expect(sum(state.units.values()) == n,
                        f"round {r}: {sum(state.units.values())} units, expected {n}")
        findings.expect(len(state.change_sets) == 1,
                        f"round {r}: {len(state.change_sets)} change sets recorded for one identical "
                        f"content: {state.change_sets}, units created by {dict(state.created_by)}")
        if not findings.outcomes(outcomes) or not all(o.ok for o in outcomes):
            findings.append(f"round {r}: a cut of identical content failed: "
                            + "; ".join(o.brief() for o in outcomes))
            continue
        results = [o.json for o in outcomes]
        told = [(x.get("change_set_id"), x.get("created"), x.get("reused")) for x in results]
        findings.expect(sorted(x.get("created") for x in results) == [0, n],
                        f"round {r}: (change set, created, reused) {told}: one should create {n}, one 0")
        findings.expect(len({x.get("change_set_id") for x in results}) == 1,
                        f"round {r}: the callers were given different change sets for identical content "
                        f"{told}; a sequential re-cut reports the first one, reused")

        named = sorted({x["change_set_id"] for x in results}, key=lambda cs: -state.created_by[cs])
        try:
            for cs in named:
                desk.verify(cs)
            desk.enact(named[0], desk.approve(manifest.manifest_sha256))
        except (psycopg.Error, AssertionError) as exc:
            findings.append(f"round {r}: verify, approve and enact after the race failed: {exc!r}")
            continue
        after = document_state(desk, code).change_sets
        findings.expect(all(after[cs] == "enacted" for cs in named),
                        f"round {r}: after enacting {named[0]}, which created every unit, the change sets "
                        f"the callers were given are {after}: a change set left 'verified' with all its "
                        "units enacted never settles (iu-cutter status keeps asking to enact it)")
    integrity(findings, desk)
    assert not findings, findings.report()


def test_two_runs_of_the_same_approved_document_at_once_enact_it_once(desk):
    """Two `iu-cutter run` of one document approved in advance (rita approved its digest),
    released together: both exit 0 reporting `enacted`, every unit is enacted exactly once (one
    enact log row each, the enacted counts the callers report add up to the units), and every change
    set a caller names is `enacted` as it reported. Proves the whole flow (backup, survey, cut,
    verify, enact, audit pack) survives a twin run with no lost update and no stuck status."""
    desk.enrol(alice="cutter_exec", victor="cutter_verifier", rita="cutter_reviewer")
    findings = Findings()
    for r in range(ROUNDS):
        code = f"RUN-{r}"
        source, manifest = desk.law(code)
        n = len(manifest.units)
        desk.approve(manifest.manifest_sha256)
        outcomes = race(*(desk.operator(f"round {r} run {i}", "run", str(source), "--doc-code", code,
                                        "--actor", "alice", "--verifier", "victor", *PUB) for i in (1, 2)))
        state = document_state(desk, code)
        if findings.outcomes(outcomes):
            results = [o.json for o in outcomes]
            brief = [(x.get("change_set_id"), x.get("status"), x.get("created"), x.get("enacted"))
                     for x in results]
            findings.expect([x.get("status") for x in results] == ["enacted", "enacted"],
                            f"round {r}: approved runs reported {brief}; both should end enacted")
            findings.expect(sum(x.get("enacted") or 0 for x in results) == n,
                            f"round {r}: the callers enacted {brief}, {n} units in all expected")
            for x in results:
                stored = state.change_sets.get(x.get("change_set_id"))
                findings.expect(stored == "enacted" or x.get("status") != "enacted",
                                f"round {r}: a caller reported change set {x.get('change_set_id')} enacted, "
                                f"it is {stored}")
                findings.expect(stored != "verified" or x.get("enacted", 0) == 0,
                                f"round {r}: change set {x.get('change_set_id')} enacted {x.get('enacted')} "
                                f"units, the caller said {x.get('status')}, and it is stuck at verified")
        findings.enacted_once(state, n, f"round {r}")
        findings.expect(len(state.change_sets) == 1,
                        f"round {r}: {len(state.change_sets)} change sets for one identical content: "
                        f"{state.change_sets}, units created by {dict(state.created_by)}")
    integrity(findings, desk)
    assert not findings, findings.report()


def test_the_first_cuts_of_a_new_signer_at_once_register_one_key(desk):
    """A fresh operator host: a new actor's first two cuts (of two different documents) start
    together, neither with a key yet. Both exit 0, the actor ends with exactly one key file under
    IU_CUTTER_HOME and that one key registered, and both change sets are signed with it. Proves
    key creation on first use (`harness.keys` and `fn_gov_register_key`, which the README promises
    needs no ceremony on a fresh machine) is safe when two commands do it at once."""
    findings = Findings()
    for r in range(ROUNDS):
        home, actor = desk.folder / f"fresh-home-{r}", f"newcomer{r}"
        ops = []
        for i in (1, 2):
            code = f"FIRST-{r}-{i}"
            source, _ = desk.law(code, articles=max(ARTICLES // 4, 50))
            ops.append(desk.operator(f"round {r} first cut {i}", "cut", str(source), "--doc-code", code,
                                     "--actor", actor, *PUB, home=home))
        outcomes = race(*ops)
        findings.outcomes(outcomes)
        findings.expect(all(o.ok for o in outcomes), f"round {r}: a first cut failed: "
                        + "; ".join(o.brief() for o in outcomes if not o.ok))
        key_files = sorted((home / "keys").glob("*.key"))
        findings.expect(len(key_files) == 1, f"round {r}: key files {key_files}")
        try:
            on_disk = keys.load_or_create(actor, home).key_id
        except Exception as exc:  # a half-written or unreadable key file is a finding too
            on_disk = f"unreadable: {exc!r}"
        with desk.connect() as conn:
            registered = conn.execute(
                "SELECT key_id FROM cutter_governance.signer_key WHERE signer = %s", (actor,)).fetchall()
            signed = conn.execute(
                "SELECT DISTINCT key_id FROM cutter_governance.dot_pair_signature"
                " WHERE signer = %s AND lane = 'executor'", (actor,)).fetchall()
        findings.expect(registered == [(on_disk,)], f"round {r}: registered {registered}, on disk {on_disk}")
        findings.expect(signed == registered, f"round {r}: signed with {signed}, registered {registered}")
    integrity(findings, desk)
    assert not findings, findings.report()


def test_the_first_reviews_of_a_new_reviewer_at_once_share_one_key(desk):
    """A fresh host again, where the key file itself is the race: a new reviewer's first four
    `iu-cutter review --manifest-sha256` (four different digests) start together, and `review`
    loads or creates the reviewer's key before anything else. All four exit 0, the reviewer ends
    with one key file, that key registered, and every decision signed with it. Proves first-use
    key creation under IU_CUTTER_HOME is atomic: no process sees the file half-written or
    trips over another creating it."""
    findings = Findings()
    for r in range(ROUNDS):
        home, actor = desk.folder / f"fresh-reviewer-home-{r}", f"reviewer{r}"
        digests = [hashlib.sha256(f"content {r}.{i}".encode()).hexdigest() for i in range(4)]
        outcomes = race(*(desk.operator(f"round {r} first review {i}", "review", "--manifest-sha256", digest,
                                        "--decision", "approve", "--actor", actor, home=home)
                          for i, digest in enumerate(digests)))
        findings.outcomes(outcomes)
        findings.expect(all(o.ok for o in outcomes), f"round {r}: a first review failed: "
                        + "; ".join(o.brief() for o in outcomes if not o.ok))
        key_files = sorted((home / "keys").glob("*.key"))
        findings.expect(len(key_files) == 1, f"round {r}: key files {key_files}")
        try:
            on_disk = keys.load_or_create(actor, home).key_id
        except Exception as exc:  # a half-written or unreadable key file is a finding too
            on_disk = f"unreadable: {exc!r}"
        with desk.connect() as conn:
            registered = conn.execute(
                "SELECT key_id FROM cutter_governance.signer_key WHERE signer = %s", (actor,)).fetchall()
            signed = conn.execute(
                "SELECT DISTINCT key_id FROM cutter_governance.dot_pair_signature"
                " WHERE signer = %s AND lane = 'reviewer'", (actor,)).fetchall()
        findings.expect(registered == [(on_disk,)], f"round {r}: registered {registered}, on disk {on_disk}")
        findings.expect(signed == registered, f"round {r}: signed with {signed}, registered {registered}")
    integrity(findings, desk)
    assert not findings, findings.report()


# --- 2. two cuts of different documents at once ----------------------------------------------------


def test_cuts_of_different_documents_at_once_both_complete(desk):
    """alice and bob cut two different documents, released together: both exit 0 with every unit
    created, each under its own change set with a complete manifest and signature, nothing of one
    document in the other's change set, every chain intact. Proves unrelated cuts never block
    each other into an error and never interleave their governance records."""
    desk.enrol(alice="cutter_exec", bob="cutter_exec")
    findings = Findings()
    for r in range(ROUNDS):
        docs = {actor: desk.law(f"APART-{r}-{actor.upper()}") for actor in ("alice", "bob")}
        outcomes = race(*(desk.operator(f"round {r} {actor}", "cut", str(source), "--doc-code",
                                        manifest.doc_code, "--actor", actor, *PUB)
                          for actor, (source, manifest) in docs.items()))
        if not findings.outcomes(outcomes):
            continue
        for o, (_, manifest) in zip(outcomes, docs.values(), strict=True):
            n, cs = len(manifest.units), o.json.get("change_set_id")
            findings.expect(o.ok and (o.json.get("created"), o.json.get("reused")) == (n, False),
                            f"round {r}: {o.brief()}; expected {n} created")
            state = document_state(desk, manifest.doc_code)
            findings.expect(state.created_by == Counter({cs: n}),
                            f"round {r}: {manifest.doc_code} units created by {dict(state.created_by)}")
            findings.expect(state.change_sets == {cs: "recorded"},
                            f"round {r}: {manifest.doc_code} change sets {state.change_sets}")
    integrity(findings, desk)
    assert not findings, findings.report()


# --- 3. enact racing enact -------------------------------------------------------------------------


def test_two_enactments_of_the_same_change_set_at_once_enact_each_unit_once(desk):
    """alice and bob `iu-cutter enact` one verified change set under the same approval, released
    together: both exit 0, one reports every unit `enacted`, the other every unit
    `already_enacted`, both see the change set `enacted`; each unit has one enact log row and the
    enactment one seal. Proves the document lock serialises enactments with no duplicate log row
    and no lost update."""
    desk.enrol(alice="cutter_exec", bob="cutter_exec", victor="cutter_verifier", rita="cutter_reviewer")
    findings = Findings()
    for r in range(ROUNDS):
        code = f"ENACT-{r}"
        _, manifest = desk.law(code)
        n = len(manifest.units)
        cs, decision = desk.cut_verified_approved(manifest)
        outcomes = race(*(desk.operator(f"round {r} enact by {actor}", "enact", cs, "--review-decision",
                                        decision, "--actor", actor) for actor in ("alice", "bob")))
        if findings.outcomes(outcomes):
            told = [(o.json.get("enacted"), o.json.get("already_enacted"), o.json.get("change_set_status"))
                    for o in outcomes]
            expected = [(0, n, "enacted"), (n, 0, "enacted")]
            findings.expect(all(o.ok for o in outcomes) and sorted(told) == expected,
                            f"round {r}: (enacted, already_enacted, change set) {told}, expected {expected}")
        state = document_state(desk, code)
        findings.enacted_once(state, n, f"round {r}")
        findings.expect(state.change_sets == {cs: "enacted"}, f"round {r}: change sets {state.change_sets}")
        with desk.connect() as conn:
            seals = conn.execute("SELECT count(*) FROM iu_lifecycle_log_seal WHERE change_set_id = %s",
                                 (cs,)).fetchone()[0]
        findings.expect(seals == 1, f"round {r}: {seals} log seals for one enactment")
    integrity(findings, desk)
    assert not findings, findings.report()


# --- 4. enact racing rollback ----------------------------------------------------------------------


@pytest.mark.parametrize("order", ["together", "enact first", "rollback first"])
def test_enact_racing_rollback_of_the_same_change_set_has_one_clear_winner(desk, order):
    """`iu-cutter enact` and `iu-cutter rollback` of one verified, approved change set, released
    together or the second once the first holds the document's lock (it is then inside its
    transaction). Exactly one wins: either the enactment (exit 0, every unit enacted once, change
    set `enacted`) and the rollback is refused with IU002 (exit 5: enacted, retire it instead); or
    the rollback (exit 0, every unit removed, change set `rolled_back`, one rollback record) and the
    enactment is refused with IU004 (exit 5: no recorded change set carries the approved content
    any more). When one already holds the lock, it wins. Never a deadlock, never half of each."""
    desk.enrol(alice="cutter_exec", victor="cutter_verifier", rita="cutter_reviewer")
    findings = Findings()
    for r in range(ROUNDS if order == "together" else 1):
        code = f"UNDO-{r}"
        _, manifest = desk.law(code)
        n = len(manifest.units)
        cs, decision = desk.cut_verified_approved(manifest)
        enact = desk.operator(f"round {r} enact", "enact", cs, "--review-decision", decision,
                              "--actor", "alice")
        rollback = desk.operator(f"round {r} rollback", "rollback", cs, "--actor", "alice",
                                 "--reason", "withdrawn while it was being enacted")
        if order == "together":
            enacted, rolled = race(enact, rollback)
        elif order == "enact first":
            enacted, rolled = staggered(desk, enact, rollback, holds_document_lock(code),
                                        "it holds the document lock")
        else:
            rolled, enacted = staggered(desk, rollback, enact, holds_document_lock(code),
                                        "it holds the document lock")
        findings.outcomes([enacted, rolled])
        state = document_state(desk, code)
        with desk.connect() as conn:
            records = conn.execute("SELECT count(*) FROM cutter_governance.rollback_record"
                                   " WHERE change_set_id = %s", (cs,)).fetchone()[0]
        enact_won = (enacted.ok and enacted.json.get("enacted") == n and rolled.refused("IU002")
                     and state.units == Counter(enacted=n) and state.change_sets == {cs: "enacted"}
                     and state.enact_log_rows == n and records == 0)
        rollback_won = (rolled.ok and rolled.json.get("removed") == n and enacted.refused("IU004")
                        and not state.units and state.change_sets == {cs: "rolled_back"}
                        and state.enact_log_rows == 0 and records == 1)
        findings.expect(enact_won or rollback_won,
                        f"round {r} ({order}): no clear winner: {enacted.brief()} | {rolled.brief()} | "
                        f"units {dict(state.units)}, change sets {state.change_sets}, "
                        f"{state.enact_log_rows} enact log rows, {records} rollback records")
        if order != "together":
            findings.expect(enact_won if order == "enact first" else rollback_won,
                            f"round {r}: the {order.split()[0]} held the document lock first and did not win")
    integrity(findings, desk)
    assert not findings, findings.report()


# --- 5. verify racing a cut ------------------------------------------------------------------------------


@pytest.mark.parametrize("order", ["together", "cut first"])
def test_verify_while_another_document_is_cut_passes_and_both_complete(desk, order):
    """victor verifies change set A while alice cuts another document B (released together, or
    once B's cut holds its document lock): the verify exits 0 with verdict `pass` (every check,
    the governance chains included, reads a consistent state while B's records are being written),
    A becomes `verified` with the one result its caller was given, and B's cut completes. Proves
    verify never trips over a cut in progress, nor blocks it into an error."""
    desk.enrol(alice="cutter_exec", victor="cutter_verifier")
    findings = Findings()
    for r in range(ROUNDS if order == "together" else 1):
        _, manifest_a = desk.law(f"CALM-{r}", articles=max(ARTICLES // 2, 50))
        source_b, manifest_b = desk.law(f"BUSY-{r}")
        cs_a = desk.cut(manifest_a)
        cut = desk.operator(f"round {r} cut of B", "cut", str(source_b), "--doc-code", manifest_b.doc_code,
                            "--actor", "alice", *PUB)
        verify = desk.operator(f"round {r} verify of A", "verify", cs_a, "--actor", "victor")
        if order == "together":
            verified, cut_b = race(verify, cut)
        else:
            cut_b, verified = staggered(desk, cut, verify, holds_document_lock(manifest_b.doc_code),
                                        "its cut holds the document lock")
        if findings.outcomes([verified, cut_b]):
            findings.expect(verified.ok and verified.json.get("verdict") == "pass",
                            f"round {r}: verify of A during B's cut: {verified.brief()}")
            findings.expect(cut_b.ok and cut_b.json.get("created") == len(manifest_b.units),
                            f"round {r}: cut of B: {cut_b.brief()}")
        with desk.connect() as conn:
            stored = conn.execute("SELECT id::text, verdict FROM cutter_governance.verify_result"
                                  " WHERE change_set_id = %s", (cs_a,)).fetchall()
        told = (verified.json.get("verify_result_id"), verified.json.get("verdict"))
        findings.expect(stored == [told],
                        f"round {r}: verify results stored {stored}, the caller was told {told}")
        a, b = document_state(desk, manifest_a.doc_code), document_state(desk, manifest_b.doc_code)
        findings.expect(a.change_sets == {cs_a: "verified"}, f"round {r}: A's change sets {a.change_sets}")
        findings.expect(list(b.change_sets.values()) == ["recorded"],
                        f"round {r}: B's change sets {b.change_sets}")
    integrity(findings, desk)
    assert not findings, findings.report()


@pytest.mark.parametrize("order", ["together", "revision first"])
def test_verify_while_its_document_gets_a_revision_reports_what_it_read(desk, order):
    """A is enacted; victor verifies A while alice records a revision of A's document (`iu-cutter
    revise`, one article in seven amended). Both callers get a clear outcome: the revision exits 0
    with exactly the amended units revised; the verify exits 0 `pass` when it read before the
    revision committed, or exit 4 with `content_hashes_match` as the only failed check, counting
    exactly the amended units, when it read after (as a verify run after the revision does). The
    verify result stored is the one its caller was given, A stays `enacted` with every unit
    enacted once. Proves verify reads one consistent state while its document changes under it."""
    desk.enrol(alice="cutter_exec", victor="cutter_verifier", rita="cutter_reviewer")
    findings = Findings()
    for r in range(ROUNDS if order == "together" else 1):
        code = f"REVISED-{r}"
        _, manifest = desk.law(code)
        revision, revised_manifest = desk.law(code, amended=range(1, ARTICLES + 1, 7))
        before = {u.canonical_address: u.content_hash for u in manifest.units}
        changed = [u for u in revised_manifest.units if before.get(u.canonical_address) != u.content_hash]
        cs, decision = desk.cut_verified_approved(manifest)
        desk.enact(cs, decision)
        revise = desk.operator(f"round {r} revise", "revise", str(revision), "--doc-code", code,
                               "--actor", "alice", *PUB)
        verify = desk.operator(f"round {r} verify", "verify", cs, "--actor", "victor")
        if order == "together":
            verified, revised = race(verify, revise)
        else:
            revised, verified = staggered(desk, revise, verify, holds_document_lock(code),
                                          "the revision holds the document lock")
        if findings.outcomes([verified, revised]):
            findings.expect(revised.ok and revised.json.get("revised") == len(changed),
                            f"round {r}: revise: {revised.brief()}; {len(changed)} units amended")
            result = verified.json
            details = {c["check"]: c["detail"] for c in result.get("checks", [])}
            read_before = (verified.code == 0 and result.get("verdict") == "pass"
                           and result.get("failed") == [])
            read_after = (verified.code == 4 and result.get("verdict") == "fail"
                          and result.get("failed") == ["content_hashes_match"]
                          and details["content_hashes_match"].startswith(f"{len(changed)} changed:"))
            findings.expect(read_before or read_after,
                            f"round {r}: verify during the revision: {verified.brief()}")
        with desk.connect() as conn:
            stored = conn.execute("SELECT id::text, verdict FROM cutter_governance.verify_result"
                                  " WHERE change_set_id = %s ORDER BY chain_pos", (cs,)).fetchall()
        told = (verified.json.get("verify_result_id"), verified.json.get("verdict"))
        findings.expect(stored[-1:] == [told],
                        f"round {r}: the last verify result stored is {stored[-1:]}, "
                        f"the caller was told {told}")
        state = document_state(desk, code)
        findings.enacted_once(state, len(manifest.units), f"round {r}")
        findings.expect(state.change_sets.get(cs) == "enacted" and len(state.change_sets) == 2,
                        f"round {r}: change sets {state.change_sets}, A is {cs}")
    integrity(findings, desk)
    assert not findings, findings.report()
