"""Faults, as an operator meets them: the server restarted mid-cut and mid-enactment, the connection
terminated at each step of `iu-cutter run`, a statement timeout and a lock timeout, a full disk.

Each test runs the real iu-cutter in a subprocess against its own database on a private cluster
(tests/faults/conftest.py), makes the fault happen at a known point, and then proves three things:

* nothing is partial: either no trace of the cut (no units, no change set, no verify result, no
  lifecycle row, no backup or audit pack file half-written) or one complete, consistent change set
  whose structural VERIFY passes and whose chains check, at a status that matches its units;
* the operator is told: the CONTRACT exit code (1 for an error such as these), one JSON object on
  stdout naming the step that failed (`gate`) with what to do next (`hint`), the `--log-json`
  line of that step saying `failed`, and no Python traceback;
* the same command run again, the fault gone, completes (exit 0, `enacted` or `awaiting_review`).

Faults are made deterministic by parking the CLI where the fault must hit: another session holds a
lock that one statement of the step needs (pg_dump's table locks for the backup, the survey's
advisory lock for the drift precheck; a SHARE lock on a table the step's writing transaction reaches
late: the manifest envelope, after every unit of the cut; the verify result, after verify's checks;
the lifecycle log seal, after every unit moved to enacted and its log row; for the audit pack a lock
on a table only the pack still reads), the test waits in pg_stat_activity until the CLI's backend is
waiting there, mid-transaction with uncommitted rows where it writes, then strikes. The grant
precheck runs no statement that can wait, so the CLI is parked instead on its own `--log-json` line:
the test fills the stderr pipe the CLI writes to, so its write of the drift precheck line blocks
until the test reads again.

IU_FULL=1 runs bigger documents and every restart mode and variant (also a restart that lands while
fn_iu_create is running, not parked).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

from harness.audit_pack import check_pack
from tests.faults.conftest import CLI, FULL, SAMPLE, SAMPLE_CODE, PrivateCluster, fill

RUN = ("--actor", "alice", "--verifier", "victor")
ARTICLES = 3000 if FULL else 1000  # 3 units an article, plus chapters: 9,031 or 3,011 units
F_SETPIPE_SZ = 1031


def big_document(path: Path, articles: int) -> Path:
    """A generated law: chapters of 100 articles, each with two clauses (the approach of test_cli_run)."""
    lines = ["# Generated Law of Endurance", ""]
    for chapter in range(1, articles // 100 + 1):
        lines += [f"## Chapter {chapter}. Part {chapter}", ""]
        for a in range((chapter - 1) * 100 + 1, chapter * 100 + 1):
            lines += [f"### Article {a}. Matter {a}", "", f"1. Everyone has right number {a}.",
                      f"2. The law on matter {a} governs how it is exercised.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


# ---- the CLI as a subprocess ---------------------------------------------------------------------

@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    hung: float | None = None  # killed after this many seconds: it never ended on its own

    def __str__(self) -> str:
        state = f"HUNG, killed after {self.hung:g} s" if self.hung else f"exit {self.code}"
        return f"{state}\nstdout: {self.stdout[-3000:]}\nstderr: {self.stderr[-3000:]}"

    @property
    def payload(self) -> dict[str, Any]:
        lines = self.stdout.strip().splitlines()
        assert len(lines) == 1, f"--json prints exactly one JSON object on stdout:\n{self}"
        return json.loads(lines[0])

    @property
    def steps(self) -> list[dict[str, Any]]:
        """The --log-json lines (one per step) the CLI wrote on stderr."""
        found = []
        for line in self.stderr.splitlines():
            with contextlib.suppress(ValueError):
                entry = json.loads(line)
                if isinstance(entry, dict) and "step" in entry:
                    found.append(entry)
        return found


class Running:
    """iu-cutter running in a subprocess. Its stderr is a pipe read line by line by a thread;
    hold() fills that pipe, so the CLI stops at its next write to stderr (a --log-json line) until
    release()."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self._read, write = os.pipe()
        with contextlib.suppress(OSError):
            fcntl.fcntl(write, F_SETPIPE_SZ, 4096)
        # A second, non-blocking description of the same pipe, for the filler: the CLI's own stays
        # blocking, so its writes wait instead of failing.
        self._filler = os.open(f"/proc/self/fd/{write}", os.O_WRONLY | os.O_NONBLOCK)
        self._stdout = tempfile.TemporaryFile()  # noqa: SIM115 (closed in finish)
        self.proc = subprocess.Popen([str(CLI), *args], env=env, stdin=subprocess.DEVNULL,
                                     stdout=self._stdout, stderr=write)
        os.close(write)
        self._chunks: list[bytes] = []
        self._hold, self._parked, self._go = threading.Event(), threading.Event(), threading.Event()
        self._pump = threading.Thread(target=self._read_stderr, daemon=True)
        self._pump.start()

    def _read_stderr(self) -> None:
        while True:
            if self._hold.is_set():
                self._parked.set()
                self._go.wait()
                self._go.clear()
                self._parked.clear()
            chunk = os.read(self._read, 65536)
            if not chunk:
                return
            self._chunks.append(chunk)

    def hold(self) -> None:
        """Fill the CLI's stderr pipe: its next write there blocks until release()."""
        self._hold.set()
        os.write(self._filler, b"\n")  # wakes the reader, which then parks
        assert self._parked.wait(10), "the stderr reader did not park"
        with contextlib.suppress(BlockingIOError):
            while True:
                os.write(self._filler, b"\n" * 512)
        with contextlib.suppress(BlockingIOError):
            while True:
                os.write(self._filler, b"\n")

    def release(self) -> None:
        self._hold.clear()
        self._go.set()

    def blocked_writing_stderr(self, timeout: float = 30) -> None:
        """Wait until the CLI is blocked in write(2, ...) on the full pipe."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"the CLI ended instead of writing: {self.finish()}"
            with contextlib.suppress(OSError):
                wchan = Path(f"/proc/{self.proc.pid}/wchan").read_text()
                syscall = Path(f"/proc/{self.proc.pid}/syscall").read_text()
                if "pipe_write" in wchan or syscall.startswith("1 0x2 "):
                    return
            time.sleep(0.01)
        raise AssertionError("the CLI never blocked on its stderr pipe")

    def finish(self, timeout: float = 180) -> Outcome:
        self.release()
        hung = None
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code, hung = self.proc.wait(), timeout
        with contextlib.suppress(OSError):
            os.close(self._filler)
        self._pump.join(timeout=30)
        with contextlib.suppress(OSError):
            os.close(self._read)
        self._stdout.seek(0)
        stdout = self._stdout.read().decode("utf-8", "replace")
        self._stdout.close()
        stderr = b"".join(self._chunks).decode("utf-8", "replace")
        return Outcome(code, stdout, "\n".join(line for line in stderr.splitlines() if line.strip()), hung)


class Cli:
    """iu-cutter against one database of the private cluster, with the test's own key home."""

    def __init__(self, cluster: PrivateCluster, db: str, home: Path) -> None:
        self.env = {k: v for k, v in os.environ.items() if k != "PGOPTIONS"}
        self.env.update(DATABASE_URL=cluster.server.uri(db), IU_CUTTER_HOME=str(home))

    def start(self, *args: str, pgoptions: str | None = None) -> Running:
        env = dict(self.env, PGOPTIONS=pgoptions) if pgoptions else self.env
        return Running([*args, "--json"], env)

    def __call__(self, *args: str, pgoptions: str | None = None, timeout: float = 180) -> Outcome:
        return self.start(*args, pgoptions=pgoptions).finish(timeout)

    def ok(self, *args: str) -> dict[str, Any]:
        outcome = self(*args)
        assert outcome.code == 0 and "Traceback" not in outcome.stderr, str(outcome)
        return outcome.payload


@pytest.fixture
def cli_for(cluster, tmp_path):
    return lambda db: Cli(cluster, db, tmp_path / "home")


# ---- the database, seen from another session -----------------------------------------------------

def connect(cluster: PrivateCluster, db: str) -> psycopg.Connection:
    return psycopg.connect(cluster.server.url(db), autocommit=True)


@contextlib.contextmanager
def holding(cluster: PrivateCluster, db: str, *statements: str):
    """Another session that holds what statements take (locks) in an open transaction until the
    block ends, or until the test calls .rollback() on it."""
    conn = psycopg.connect(cluster.server.url(db))
    try:
        for statement in statements:
            conn.execute(statement)
        yield conn
    finally:
        with contextlib.suppress(psycopg.Error):
            conn.rollback()
        with contextlib.suppress(psycopg.Error):
            conn.close()


def wait_for_backend(cluster: PrivateCluster, db: str, running: Running, *, app: str = "iu-cutter",
                     query: str | None = None, wait_event_type: str | None = None,
                     wait_event: str | None = None, writing: bool = False, active: bool = False,
                     timeout: float = 90) -> int:
    """Poll pg_stat_activity until the CLI's backend is at the point described; its pid."""
    sql = "SELECT pid FROM pg_stat_activity WHERE datname = %s AND application_name = %s"
    params: list[Any] = [db, app]
    if query:
        sql += " AND query LIKE %s"
        params.append(f"%{query}%")
    if wait_event_type:
        sql += " AND wait_event_type = %s"
        params.append(wait_event_type)
    if wait_event:
        sql += " AND wait_event = %s"
        params.append(wait_event)
    if writing:  # the transaction has written: it holds uncommitted rows
        sql += " AND backend_xid IS NOT NULL"
    if active:
        sql += " AND state = 'active'"
    deadline = time.monotonic() + timeout
    with connect(cluster, db) as monitor:
        while time.monotonic() < deadline:
            row = monitor.execute(sql, params).fetchone()
            if row:
                return row[0]
            if running.proc.poll() is not None:
                raise AssertionError(f"the CLI ended before reaching the fault point: {running.finish()}")
            time.sleep(0.005)
    raise AssertionError(f"the CLI's backend never got there ({query}, {wait_event_type}); "
                         f"{running.finish()}")


def terminate_cli_backends(cluster: PrivateCluster, db: str) -> int:
    """pg_terminate_backend on every backend of the CLI (its own and pg_dump's), waiting until each
    has gone, so that nothing the test releases afterwards can let them carry on."""
    with connect(cluster, db) as admin:
        pids = [r[0] for r in admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s"
            " AND application_name IN ('iu-cutter', 'pg_dump')", (db,)).fetchall()]
        for pid in pids:
            admin.execute("SELECT pg_terminate_backend(%s, 10000)", (pid,))
    assert pids, "the CLI had no backend to terminate"
    return len(pids)


def standing(cluster: PrivateCluster, db: str, doc_code: str) -> str:
    """Assert that nothing of the document is partial; return 'none' (no trace of a cut) or the
    status of its one complete change set."""
    with connect(cluster, db) as conn:
        sets = conn.execute(
            "SELECT id, unit_count, status FROM cutter_governance.cut_change_set WHERE doc_code = %s",
            (doc_code,)).fetchall()
        units, versions, statuses = conn.execute(
            "SELECT count(DISTINCT iu.id), count(uv.id),"
            " coalesce(array_agg(DISTINCT iu.lifecycle_status || '/' || uv.lifecycle_status), '{}')"
            " FROM information_unit AS iu LEFT JOIN unit_version AS uv ON uv.iu_id = iu.id"
            " WHERE iu.doc_code = %s", (doc_code,)).fetchone()
        logged = conn.execute(
            "SELECT count(*) FROM iu_lifecycle_log WHERE canonical_address = %s"
            " OR canonical_address LIKE %s", (doc_code, f"{doc_code}/%")).fetchone()[0]
        tickets = conn.execute("SELECT count(*) FROM iu_gateway_ticket").fetchone()[0]
        chains = conn.execute("SELECT * FROM cutter_governance.fn_gov_chain_check()"
                              " WHERE problem <> 'head'").fetchall()  # 'head' anchors a chain
        log_check = conn.execute("SELECT * FROM fn_iu_lifecycle_log_check()").fetchall()
        assert (tickets, chains, log_check) == (0, [], []), (
            f"open gateway tickets {tickets}, broken governance chains {chains}, lifecycle log {log_check}")
        if not sets:
            assert (units, versions, logged) == (0, 0, 0), (
                f"no change set, yet {units} units, {versions} versions, {logged} lifecycle rows")
            return "none"
        assert len(sets) == 1, f"one change set for one cut, found {sets}"
        cs, count, status = sets[0]
        entries, signatures, results = conn.execute(
            "SELECT (SELECT count(*) FROM cutter_governance.manifest_entry AS m"
            "        JOIN cutter_governance.manifest_envelope AS e ON e.id = m.envelope_id"
            "        WHERE e.change_set_id = %(cs)s),"
            " (SELECT count(*) FROM cutter_governance.dot_pair_signature"
            "  WHERE change_set_id = %(cs)s AND lane = 'executor'),"
            " (SELECT coalesce(array_agg(verdict), '{}') FROM cutter_governance.verify_result"
            "  WHERE change_set_id = %(cs)s)", {"cs": cs}).fetchone()
        assert (units, versions, entries, signatures) == (count, count, count, 1), (
            f"an incomplete cut: {count} declared, {units} units, {versions} versions, {entries} manifest "
            f"entries, {signatures} executor signatures")
        checks = conn.execute(
            "SELECT check_name, outcome, detail FROM cutter_governance.fn_gov_verify_change_set(%s)",
            (cs,)).fetchall()
        assert checks and all(c[1] == "pass" for c in checks), f"structural VERIFY fails: {checks}"
        expected = {
            "recorded": ([], ["draft/draft"], 0),
            "verified": (["pass"], ["draft/draft"], 0),
            "enacted": (["pass"], ["enacted/enacted"], count),
        }
        assert status in expected, f"change set {cs} is {status}"
        assert (results, sorted(statuses), logged) == expected[status], (
            f"change set {cs} is {status} but its verify results are {results}, its units "
            f"{sorted(statuses)}, its lifecycle rows {logged}")
        return status


# ---- what the operator is told --------------------------------------------------------------------

def assert_stopped_at(outcome: Outcome, step: str, *, code: int = 1, cause: str | None = None,
                      sqlstate: str | None = None) -> dict[str, Any]:
    """The run stopped at step: the CONTRACT exit code, no traceback, the JSON names the gate and
    what to do next, and the step's --log-json line says it failed."""
    assert not outcome.hung, f"the command never stopped on its own:\n{outcome}"
    assert "Traceback" not in outcome.stderr, f"a Python traceback instead of a message:\n{outcome}"
    assert outcome.code == code, f"expected exit {code} (CONTRACT §7):\n{outcome}"
    payload = outcome.payload
    assert payload.get("gate") == step, f"the error must name the step {step!r} in `gate`:\n{outcome}"
    assert step in (payload.get("message") or ""), f"the message must name the step {step!r}:\n{outcome}"
    assert payload.get("hint"), f"the error must say what to do next (`hint`):\n{outcome}"
    failed = [s["step"] for s in outcome.steps if s.get("outcome") == "failed"]
    assert failed == [step], f"--log-json must show {step!r} failed (and nothing else):\n{outcome}"
    if sqlstate:
        assert payload.get("sqlstate") == sqlstate, f"expected SQLSTATE {sqlstate}:\n{outcome}"
    if cause:
        said = " ".join(str(payload.get(k) or "") for k in ("message", "detail")).lower()
        assert cause.lower() in said, f"the message must say why ({cause!r}):\n{outcome}"
    return payload


def assert_clear_error(outcome: Outcome, *, code: int = 1) -> dict[str, Any]:
    """A single command (cut, enact) failed: its exit code, one JSON error with a message and what to
    do next, no traceback."""
    assert not outcome.hung, f"the command never stopped on its own:\n{outcome}"
    assert "Traceback" not in outcome.stderr, f"a Python traceback instead of a message:\n{outcome}"
    assert outcome.code == code, f"expected exit {code} (CONTRACT §7):\n{outcome}"
    payload = outcome.payload
    assert payload.get("message") and payload.get("hint"), f"a message and a hint:\n{outcome}"
    return payload


def assert_completes(payload: dict[str, Any], status: str, steps: dict[str, str] | None = None) -> None:
    assert payload["status"] == status, payload
    outcomes = {s["step"]: s["outcome"] for s in payload["steps"]}
    assert list(outcomes) == ["parse", "backup", "drift precheck", "grant precheck", "cut", "verify",
                              "enact", "audit pack"], outcomes
    for step, outcome in (steps or {}).items():
        assert outcomes[step] == outcome, (step, outcomes)
    findings = [f for f in check_pack(Path(payload["audit_pack"])) if not f.ok]
    assert findings == [], findings


def no_partial_pack(home: Path) -> None:
    """No audit pack folder without its pack.json (a pack half-written)."""
    packs = home / "packs"
    half = [p for p in packs.iterdir() if not (p / "pack.json").is_file()] if packs.is_dir() else []
    assert half == [], f"audit pack folders left half-written: {half}"


def no_partial_backup(folder: Path) -> None:
    left = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    assert not [n for n in left if n.endswith(".partial")], f"a half-written backup was left: {left}"


# ---- 1. the server restarted mid-cut and mid-enactment ----------------------------------------------

RESTART_CUT = [("run", "fast", "parked"), ("cut", "immediate", "parked")]
RESTART_ENACT = [("run", "immediate"), ("enact", "fast")]
if FULL:
    RESTART_CUT = [(c, m, p) for c in ("run", "cut") for m in ("fast", "immediate")
                   for p in ("parked", "running")]
    RESTART_ENACT = [(c, m) for c in ("run", "enact") for m in ("fast", "immediate")]


@pytest.mark.parametrize(("command", "mode", "how"), RESTART_CUT)
def test_a_server_restart_mid_cut_leaves_no_trace_and_a_rerun_completes(
        cluster, fault_db, cli_for, tmp_path, command, mode, how):
    source = big_document(tmp_path / "endurance.md", ARTICLES)
    cli = cli_for(fault_db)
    args = [command, str(source), "--doc-code", "GEN-LAW", "--actor", "alice"]
    if command == "run":
        args += ["--verifier", "victor", "--log-json"]
    if how == "parked":
        # fn_iu_create has written every unit; the transaction waits to record its manifest.
        with holding(cluster, fault_db, "LOCK TABLE cutter_governance.manifest_envelope IN SHARE MODE"):
            running = cli.start(*args)
            wait_for_backend(cluster, fault_db, running, query="fn_gov_record_manifest",
                             wait_event_type="Lock", writing=True)
            cluster.restart(mode)
    else:  # the restart lands while fn_iu_create itself is running
        running = cli.start(*args)
        wait_for_backend(cluster, fault_db, running, query="fn_iu_create(", active=True, writing=True)
        cluster.restart(mode)
    outcome = running.finish()

    if command == "run":
        assert_stopped_at(outcome, "cut")
    else:
        assert_clear_error(outcome)
    assert standing(cluster, fault_db, "GEN-LAW") == "none"

    again = cli.ok(*args)
    assert again["created"] > 3000 and again["unchanged"] == 0
    if command == "run":
        assert_completes(again, "awaiting_review")
    assert standing(cluster, fault_db, "GEN-LAW") == ("verified" if command == "run" else "recorded")


@pytest.mark.parametrize(("command", "mode"), RESTART_ENACT)
def test_a_server_restart_mid_enactment_enacts_nothing_and_a_rerun_enacts_everything(
        cluster, fault_db, cli_for, tmp_path, command, mode):
    source = big_document(tmp_path / "endurance.md", ARTICLES)
    cli = cli_for(fault_db)
    first = cli.ok("cut", str(source), "--doc-code", "GEN-LAW", "--actor", "alice")
    cs = first["change_set_id"]
    assert cli.ok("verify", cs, "--actor", "victor")["verdict"] == "pass"
    decision = cli.ok("review", cs, "--decision", "approve", "--actor", "rita")["review_decision_id"]
    args = (["run", str(source), "--doc-code", "GEN-LAW", *RUN, "--log-json"] if command == "run" else
            ["enact", cs, "--review-decision", decision, "--actor", "alice"])

    # Every unit and version has moved to enacted and the log rows are written; the transaction
    # waits to seal the log.
    with holding(cluster, fault_db, "LOCK TABLE public.iu_lifecycle_log_seal IN SHARE MODE"):
        running = cli.start(*args)
        wait_for_backend(cluster, fault_db, running, query="fn_iu_enact_batch", wait_event_type="Lock",
                         writing=True)
        cluster.restart(mode)
    outcome = running.finish()

    if command == "run":
        assert_stopped_at(outcome, "enact")
    else:
        assert_clear_error(outcome)
    assert standing(cluster, fault_db, "GEN-LAW") == "verified"

    again = cli.ok(*args)
    if command == "run":
        assert again["change_set_id"] == cs and again["reused"] is True
        assert_completes(again, "enacted", {"verify": "skipped", "enact": "ok"})
        assert again["enacted"] == first["created"]
    else:
        assert (again["enacted"], again["already_enacted"]) == (first["created"], 0)
    assert standing(cluster, fault_db, "GEN-LAW") == "enacted"


# ---- 2. the connection terminated at each step of run ------------------------------------------------

def _park_backup(cluster, db, cli, args):
    # pg_dump waits for its ACCESS SHARE lock on every table it dumps; the parse before it reads
    # dot_config (the unit limit), so the table held is one only pg_dump reads this early.
    with holding(cluster, db, "LOCK TABLE cutter_governance.rollback_record IN ACCESS EXCLUSIVE MODE"):
        running = cli.start(*args)
        wait_for_backend(cluster, db, running, app="pg_dump", wait_event_type="Lock")
        terminate_cli_backends(cluster, db)
    return running


def _park_drift(cluster, db, cli, args):
    # The survey waits for its advisory lock (held exclusively while it reads the catalog).
    with holding(cluster, db, "SELECT pg_advisory_xact_lock(7177, 0)"):
        running = cli.start(*args)
        wait_for_backend(cluster, db, running, wait_event_type="Lock", wait_event="advisory")
        terminate_cli_backends(cluster, db)
    return running


def _park_grants(cluster, db, cli, args):
    # The grant precheck runs catalog functions that never wait: stop the CLI on its own
    # --log-json line of the drift precheck, the last thing it does before the grant precheck.
    with holding(cluster, db, "SELECT pg_advisory_xact_lock(7177, 0)") as survey_lock:
        running = cli.start(*args)
        wait_for_backend(cluster, db, running, wait_event_type="Lock", wait_event="advisory")
        running.hold()
        survey_lock.rollback()
        running.blocked_writing_stderr()
    terminate_cli_backends(cluster, db)
    running.release()
    return running


def _park_cut(cluster, db, cli, args):
    # Units written, change set opened; the cut's transaction waits to record its manifest.
    with holding(cluster, db, "LOCK TABLE cutter_governance.manifest_envelope IN SHARE MODE"):
        running = cli.start(*args)
        wait_for_backend(cluster, db, running, query="fn_gov_record_manifest", wait_event_type="Lock",
                         writing=True)
        terminate_cli_backends(cluster, db)
    return running


def _park_verify(cluster, db, cli, args):
    # The checks are done; write-VERIFY waits to record the result.
    with holding(cluster, db, "LOCK TABLE cutter_governance.verify_result IN SHARE MODE"):
        running = cli.start(*args)
        wait_for_backend(cluster, db, running, query="fn_gov_record_verify", wait_event_type="Lock",
                         writing=True)
        terminate_cli_backends(cluster, db)
    return running


def _park_enact(cluster, db, cli, args):
    # Units enacted and logged, uncommitted; the batch waits to seal the log.
    with holding(cluster, db, "LOCK TABLE public.iu_lifecycle_log_seal IN SHARE MODE"):
        running = cli.start(*args)
        wait_for_backend(cluster, db, running, query="fn_iu_enact_batch", wait_event_type="Lock",
                         writing=True)
        terminate_cli_backends(cluster, db)
    return running


def _park_pack(cluster, db, cli, args):
    # Park the enactment, queue a lock on rollback_record (which only verify's chain check, already
    # done, and the audit pack read), let the enactment commit: the pack waits on its read.
    with holding(cluster, db, "LOCK TABLE public.iu_lifecycle_log_seal IN SHARE MODE") as enact_lock:
        running = cli.start(*args)
        wait_for_backend(cluster, db, running, query="fn_iu_enact_batch", wait_event_type="Lock")
        with holding(cluster, db, "SET LOCAL lock_timeout = '20s'",
                     "LOCK TABLE cutter_governance.rollback_record IN ACCESS EXCLUSIVE MODE"):
            enact_lock.rollback()
            wait_for_backend(cluster, db, running, query="rollback_record", wait_event_type="Lock")
            terminate_cli_backends(cluster, db)
    return running


STEPS = {
    # step: (how to strike it, where the document stands afterwards, what the rerun does there)
    "backup": (_park_backup, "none", {}),
    "drift precheck": (_park_drift, "none", {}),
    "grant precheck": (_park_grants, "none", {}),
    "cut": (_park_cut, "none", {}),
    "verify": (_park_verify, "recorded", {"verify": "ok"}),
    "enact": (_park_enact, "verified", {"verify": "skipped", "enact": "ok"}),
    "audit pack": (_park_pack, "enacted", {"verify": "skipped", "enact": "skipped"}),
}


DOCUMENTS = ["sample", "generated"] if FULL else ["sample"]


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("step", list(STEPS))
def test_a_connection_terminated_at_each_step_of_run_stops_there_with_nothing_partial_and_a_rerun_completes(
        cluster, approved_db, cli_for, tmp_path, step, document):
    strike, left, rerun_steps = STEPS[step]
    cli = cli_for(approved_db)
    source, code = SAMPLE, SAMPLE_CODE  # approved in the template
    if document == "generated":
        source, code = big_document(tmp_path / "endurance.md", ARTICLES), "GEN-LAW"
        digest = cli.ok("plan", str(source), "--doc-code", code)["manifest_sha256"]
        # rita's key lives in the template's home: another reviewer signs this approval
        cli.ok("review", "--manifest-sha256", digest, "--decision", "approve", "--actor", "rosa")
    backups = tmp_path / "backups"
    args = ["run", str(source), "--doc-code", code, *RUN, "--backup-dir", str(backups), "--log-json"]

    outcome = strike(cluster, approved_db, cli, args).finish()

    assert_stopped_at(outcome, step)
    assert standing(cluster, approved_db, code) == left
    no_partial_backup(backups)
    no_partial_pack(tmp_path / "home")

    again = cli.ok(*args)
    assert_completes(again, "enacted", rerun_steps)
    if left != "none":
        assert again["reused"] is True
    assert standing(cluster, approved_db, code) == "enacted"


# ---- 3. a statement timeout and a lock timeout ---------------------------------------------------------

@pytest.mark.parametrize(("step", "lock", "writer", "left"), [
    ("cut", "cutter_governance.manifest_envelope", "fn_gov_record_manifest", "none"),
    ("enact", "public.iu_lifecycle_log_seal", "fn_iu_enact_batch", "verified"),
])
def test_a_statement_timeout_mid_step_rolls_the_step_back_and_a_rerun_completes(
        cluster, approved_db, cli_for, step, lock, writer, left):
    """statement_timeout (PGOPTIONS, as an operator's environment sets it): the writer of the step
    outlasts it, kept waiting by a lock another session holds, so it is the one statement cancelled."""
    cli = cli_for(approved_db)
    args = ["run", str(SAMPLE), "--doc-code", SAMPLE_CODE, *RUN, "--log-json"]
    with holding(cluster, approved_db, f"LOCK TABLE {lock} IN SHARE MODE"):
        running = cli.start(*args, pgoptions="-c statement_timeout=1000")
        wait_for_backend(cluster, approved_db, running, query=writer, wait_event_type="Lock")
        outcome = running.finish()

    assert_stopped_at(outcome, step, sqlstate="57014", cause="statement timeout")
    assert standing(cluster, approved_db, SAMPLE_CODE) == left
    assert_completes(cli.ok(*args), "enacted")
    assert standing(cluster, approved_db, SAMPLE_CODE) == "enacted"


def test_a_lock_timeout_on_a_table_the_cut_writes_stops_the_run_at_cut_and_a_rerun_completes(
        cluster, approved_db, cli_for):
    cli = cli_for(approved_db)
    args = ["run", str(SAMPLE), "--doc-code", SAMPLE_CODE, *RUN, "--log-json"]
    # Readers pass (pg_dump, the survey, the plan); the cut's INSERT into information_unit waits.
    with holding(cluster, approved_db, "LOCK TABLE public.information_unit IN SHARE MODE"):
        outcome = cli(*args, pgoptions="-c lock_timeout=1000")

    assert_stopped_at(outcome, "cut", sqlstate="55P03", cause="lock timeout")
    assert standing(cluster, approved_db, SAMPLE_CODE) == "none"
    assert_completes(cli.ok(*args), "enacted")


def test_a_lock_timeout_behind_a_table_lock_stops_the_run_at_backup_before_anything_is_cut(
        cluster, approved_db, cli_for, tmp_path):
    cli = cli_for(approved_db)
    backups = tmp_path / "backups"
    args = ["run", str(SAMPLE), "--doc-code", SAMPLE_CODE, *RUN, "--backup-dir", str(backups), "--log-json"]
    # A DBA's ALTER TABLE in progress: pg_dump cannot take its lock within lock_timeout. (pg_dump
    # sets its own session's lock_timeout to 0: only --lock-wait-timeout bounds its wait.)
    with holding(cluster, approved_db, "LOCK TABLE public.information_unit IN ACCESS EXCLUSIVE MODE"):
        outcome = cli(*args, pgoptions="-c lock_timeout=1000", timeout=15)

    assert_stopped_at(outcome, "backup", cause="lock")
    assert standing(cluster, approved_db, SAMPLE_CODE) == "none"
    assert not backups.is_dir() or not any(backups.iterdir()), "no backup was taken, none half-written"
    assert_completes(cli.ok(*args), "enacted")


# ---- 4. a full disk -------------------------------------------------------------------------------------

def test_a_full_disk_for_the_backup_stops_the_run_at_backup_and_a_rerun_completes_once_space_is_freed(
        cluster, approved_db, cli_for, tmpfs):
    disk = tmpfs("backup-disk", "2m")
    filler = fill(disk, leave=32 << 10)
    backups = disk / "backups"
    cli = cli_for(approved_db)
    args = ["run", str(SAMPLE), "--doc-code", SAMPLE_CODE, *RUN, "--backup-dir", str(backups), "--log-json"]

    outcome = cli(*args)

    assert_stopped_at(outcome, "backup", cause="space")
    assert standing(cluster, approved_db, SAMPLE_CODE) == "none"
    assert not backups.is_dir() or not any(backups.iterdir()), (
        f"a half-written backup was left: {sorted(p.name for p in backups.iterdir())}")

    filler.unlink()
    again = cli.ok(*args)
    assert_completes(again, "enacted")
    assert Path(again["backup"]["path"]).parent == backups


def test_a_full_disk_for_the_audit_pack_stops_the_run_at_audit_pack_and_a_rerun_completes_once_space_is_freed(
        cluster, approved_db, cli_for, tmpfs):
    disk = tmpfs("pack-disk", "2m")
    filler = fill(disk, leave=16 << 10)
    pack = disk / "pack"
    cli = cli_for(approved_db)
    args = ["run", str(SAMPLE), "--doc-code", SAMPLE_CODE, *RUN, "--pack-dir", str(pack), "--log-json"]

    outcome = cli(*args)

    assert_stopped_at(outcome, "audit pack", cause="space")
    assert standing(cluster, approved_db, SAMPLE_CODE) == "enacted"
    assert not pack.exists() or not any(pack.iterdir()), (
        f"a half-written audit pack was left: {sorted(p.name for p in pack.iterdir())}")

    filler.unlink()
    again = cli.ok(*args)
    assert_completes(again, "enacted", {"verify": "skipped", "enact": "skipped"})
    assert Path(again["audit_pack"]) == pack


@pytest.fixture
def tiny_tablespace_db(cluster, fault_template, tmpfs):
    """A database whose tablespace is a small tmpfs: the template's files fit, a cut of a few
    thousand units does not. Yields (database name, tmpfs folder)."""
    disk = tmpfs("tablespace", "48m" if FULL else "24m", owner="postgres")
    name = f"iu_f_tiny_{os.getpid()}"
    with connect(cluster, "postgres") as admin:
        admin.execute(f"CREATE TABLESPACE tiny_{os.getpid()} LOCATION '{disk}'")
        try:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{fault_template}"'
                          f" TABLESPACE tiny_{os.getpid()}")
            try:
                with connect(cluster, name) as conn:  # the relcache init file is written now
                    conn.execute("CHECKPOINT")
                yield name, disk
            finally:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            admin.execute(f"DROP TABLESPACE IF EXISTS tiny_{os.getpid()}")


def test_a_full_tablespace_mid_cut_leaves_no_trace_and_a_rerun_completes_once_space_is_freed(
        cluster, tiny_tablespace_db, cli_for, tmp_path):
    db, disk = tiny_tablespace_db
    filler = fill(disk, leave=256 << 10)
    source = big_document(tmp_path / "endurance.md", ARTICLES)
    cli = cli_for(db)
    args = ["run", str(source), "--doc-code", "GEN-LAW", *RUN, "--log-json"]

    outcome = cli(*args)

    assert_stopped_at(outcome, "cut", sqlstate="53100")
    # Space is freed before looking: a new session on a full tablespace may fail to write its
    # relation cache file. The failed cut's transaction is over either way.
    filler.unlink()
    assert standing(cluster, db, "GEN-LAW") == "none"

    again = cli.ok(*args)
    assert_completes(again, "awaiting_review")
    assert standing(cluster, db, "GEN-LAW") == "verified"


def test_the_private_cluster_is_not_the_shared_server(cluster, fault_db):
    """Guard: every fault above strikes the private cluster, never the server on port 5432."""
    assert cluster.port != 5432
    with connect(cluster, fault_db) as conn:
        assert Path(conn.execute("SHOW data_directory").fetchone()[0]) == cluster.data

