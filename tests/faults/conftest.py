"""Fault tests run against a PRIVATE PostgreSQL 15 cluster that this session creates (initdb once),
so that they may restart it, fill its disk and hold its locks without touching the shared server
on port 5432. The cluster lives in a temporary directory owned by postgres, listens on a free
port of 127.0.0.1 (and a unix socket in the same directory) with trust authentication, and is
stopped and removed at the end of the session, whatever happened.

Every test gets its own database, cloned from a template migrated once with alembic (the roles
are cluster-wide and created by the migrations). A second template also holds an approval, by
rita, to enact exactly the sample constitution, so that a run of it goes through every step.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest

from tests.conftest import REPO, Server, cloned_database, migrate

PG_BIN = Path("/usr/lib/postgresql/15/bin")
CLI = Path(sys.executable).with_name("iu-cutter")
SAMPLE = REPO / "samples" / "iconia-constitution.md"
SAMPLE_CODE = "ICX-CONST"
FULL = os.environ.get("IU_FULL") == "1"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class PrivateCluster:
    """A PostgreSQL 15 cluster of this test session: initdb, start, restart, stop."""

    root: Path
    port: int = 0
    mounts: list[Path] = field(default_factory=list)

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    @property
    def server(self) -> Server:
        return Server(host="127.0.0.1", port=self.port, user="postgres", password=None)

    def as_postgres(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        """Run a server binary as the postgres user (initdb and pg_ctl refuse to run as root)."""
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        return subprocess.run([*prefix, *args], cwd=self.root, env=env, capture_output=True, text=True,
                              timeout=timeout, check=False)

    def pg_ctl(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        result = self.as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                                  "-w", "-t", "90", *args, timeout=timeout)
        assert result.returncode == 0, (
            f"pg_ctl {' '.join(args)} failed ({result.returncode}): {result.stdout}{result.stderr}\n"
            f"server log tail:\n{self.log_tail()}")
        return result

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def init(self) -> None:
        result = self.as_postgres(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres",
                                  "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
        assert result.returncode == 0, f"initdb failed: {result.stdout}{result.stderr}"

    def configure(self, port: int) -> None:
        self.port = port
        settings = {
            "port": str(port),
            "listen_addresses": "'127.0.0.1'",
            "unix_socket_directories": f"'{self.root}'",
            "shared_buffers": "'64MB'",
            "max_connections": "50",
            "logging_collector": "off",
        }
        with open(self.data / "postgresql.auto.conf", "a", encoding="utf-8") as conf:
            for key, value in settings.items():
                conf.write(f"{key} = {value}\n")

    def start(self) -> None:
        for attempt in range(3):
            self.configure(_free_port())
            result = self.as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                                      "-w", "-t", "90", "start")
            if result.returncode == 0:
                return
            if attempt == 2:
                raise AssertionError(f"the private cluster did not start: {result.stdout}{result.stderr}\n"
                                     f"{self.log_tail()}")

    def running(self) -> bool:
        return self.as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "status").returncode == 0

    def restart(self, mode: str) -> None:
        """pg_ctl restart -m fast|immediate: fast rolls back every session's transaction and shuts down
        cleanly; immediate kills the server, so the start that follows is a crash recovery."""
        self.pg_ctl("-m", mode, "restart")
        self.wait_ready()

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with psycopg.connect(self.server.url("postgres"), connect_timeout=5):
                    return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def mount_tmpfs(self, name: str, size: str, owner: str | None = None) -> Path:
        """A small tmpfs at root/name; skips the test, with mount's own words, where mounting is refused."""
        point = self.root / name
        point.mkdir()
        options = f"size={size},mode=0700"
        if owner:
            entry = pwd.getpwnam(owner)
            options += f",uid={entry.pw_uid},gid={entry.pw_gid}"
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)],
                                capture_output=True, text=True, check=False)
        if result.returncode != 0:
            point.rmdir()
            pytest.skip(f"a full disk cannot be simulated here: `mount -t tmpfs -o {options}` exited "
                        f"{result.returncode}: {(result.stderr or result.stdout).strip()}")
        self.mounts.append(point)
        return point

    def unmount(self, point: Path) -> None:
        if point in self.mounts:
            if subprocess.run(["umount", str(point)], capture_output=True, check=False).returncode != 0:
                subprocess.run(["umount", "-l", str(point)], capture_output=True, check=False)
            self.mounts.remove(point)
            with contextlib.suppress(OSError):
                point.rmdir()

    def destroy(self) -> None:
        if self.data.exists() and (self.data / "postmaster.pid").exists():
            self.as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        for point in list(self.mounts):
            self.unmount(point)
        shutil.rmtree(self.root, ignore_errors=True)


def fill(folder: Path, leave: int) -> Path:
    """Fill the filesystem of folder until only about `leave` bytes are free; returns the filler file
    (delete it to give the space back)."""
    filler = folder / "filler.bin"
    chunk = b"\xa5" * (1 << 20)
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        size = 0
        with contextlib.suppress(OSError):
            while True:  # os.write writes what fits and raises ENOSPC only when nothing does
                size += os.write(fd, chunk)
        os.ftruncate(fd, max(0, size - leave))
    finally:
        os.close(fd)
    assert os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize <= leave + (64 << 10)
    return filler


@pytest.fixture(scope="session")
def cluster() -> Iterator[PrivateCluster]:
    if not (PG_BIN / "initdb").is_file():
        pytest.skip(f"PostgreSQL 15 server binaries are not installed in {PG_BIN}")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("runuser is needed to run initdb/pg_ctl as postgres")
    root = Path(tempfile.mkdtemp(prefix="iu-faults-"))
    private = PrivateCluster(root)
    try:
        if os.geteuid() == 0:
            entry = pwd.getpwnam("postgres")
            os.chown(root, entry.pw_uid, entry.pw_gid)
        root.chmod(0o700)
        private.init()
        private.start()
        private.wait_ready()
        yield private
    finally:
        private.destroy()


@pytest.fixture(autouse=True)
def _cluster_is_up(request) -> None:
    """A test that failed half-way through a restart must not take the next ones down with it."""
    if "cluster" in request.fixturenames:
        private = request.getfixturevalue("cluster")
        if not private.running():
            private.pg_ctl("start")
            private.wait_ready()


def _template(cluster: PrivateCluster, name: str, prepare: Callable[[str], None] | None = None) -> str:
    with psycopg.connect(cluster.server.url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    migrate(cluster.server.uri(name))
    if prepare:
        prepare(name)
    with psycopg.connect(cluster.server.url("postgres"), autocommit=True) as admin:
        admin.execute(f'ALTER DATABASE "{name}" WITH is_template true')
    return name


@pytest.fixture(scope="session")
def fault_template(cluster: PrivateCluster) -> str:
    """A database migrated to head on the private cluster, template of the per-test databases."""
    return _template(cluster, "iu_fault_tpl")


@pytest.fixture(scope="session")
def approved_template(cluster: PrivateCluster, tmp_path_factory) -> str:
    """Migrated, plus rita's signed approval to enact exactly the sample constitution: a run of the
    sample goes through every step, enact included."""
    home = tmp_path_factory.mktemp("rita")

    def approve(name: str) -> None:
        env = dict(os.environ, DATABASE_URL=cluster.server.uri(name), IU_CUTTER_HOME=str(home))
        env.pop("PGOPTIONS", None)
        plan = subprocess.run([str(CLI), "plan", str(SAMPLE), "--doc-code", SAMPLE_CODE, "--json"],
                              env=env, capture_output=True, text=True, timeout=120, check=True)
        digest = json.loads(plan.stdout)["manifest_sha256"]
        subprocess.run([str(CLI), "review", "--manifest-sha256", digest, "--decision", "approve",
                        "--actor", "rita", "--json"], env=env, capture_output=True, text=True,
                       timeout=120, check=True)

    return _template(cluster, "iu_fault_tpl_approved", approve)


@pytest.fixture
def fault_db(cluster: PrivateCluster, fault_template: str) -> Iterator[str]:
    with cloned_database(cluster.server, fault_template, prefix="iu_f") as name:
        yield name


@pytest.fixture
def approved_db(cluster: PrivateCluster, approved_template: str) -> Iterator[str]:
    with cloned_database(cluster.server, approved_template, prefix="iu_fa") as name:
        yield name


@pytest.fixture
def tmpfs(cluster: PrivateCluster) -> Iterator[Callable[..., Path]]:
    """mount(name, size, owner=None) -> a tmpfs mounted inside the cluster's directory, unmounted
    after the test."""
    mine: list[Path] = []

    def mount(name: str, size: str, owner: str | None = None) -> Path:
        point = cluster.mount_tmpfs(f"{name}-{os.getpid()}-{len(cluster.mounts)}", size, owner)
        mine.append(point)
        return point

    yield mount
    for point in reversed(mine):
        cluster.unmount(point)
