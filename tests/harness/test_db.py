"""harness.db: lanes switch roles and always give them back."""

from __future__ import annotations

import psycopg
import pytest

from harness.db import lane
from harness.errors import PrivilegeRefused
from tests.conftest import connect


def test_lanes_can_follow_each_other_inside_and_outside_transactions(server, db):
    with connect(server, db) as conn:
        with conn.transaction(), lane(conn, "cutter_exec"):
            assert conn.execute("SELECT current_user").fetchone() == ("cutter_exec",)
        with lane(conn, "cutter_verifier"):
            assert conn.execute("SELECT current_user").fetchone() == ("cutter_verifier",)
        with conn.transaction(), lane(conn, "cutter_reviewer"):
            assert conn.execute("SELECT current_user").fetchone() == ("cutter_reviewer",)
        assert conn.execute("SELECT current_user").fetchone() == ("postgres",)


def test_a_failed_transaction_gives_the_role_back(server, db):
    with connect(server, db) as conn:
        with pytest.raises(psycopg.errors.DivisionByZero), conn.transaction(), lane(conn, "cutter_exec"):
            conn.execute("SELECT 1 / 0")
        assert conn.execute("SELECT current_user").fetchone() == ("postgres",)


def test_a_login_outside_the_lane_is_refused(server, db):
    with connect(server, db) as conn:
        conn.execute("SET ROLE iu_reader")
        with pytest.raises(PrivilegeRefused):
            lane(conn, "cutter_exec").__enter__()
