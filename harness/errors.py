"""One exception type per refusal, mapped from SQLSTATE; the CLI maps each to an exit code.

Exit codes (CONTRACT §7): 0 success, 1 error, 2 usage, 3 precheck or drift survey failed,
4 verification failed, 5 the gateway or governance refused.
"""

from __future__ import annotations

import psycopg

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PRECHECK, EXIT_VERIFY, EXIT_REFUSED = 0, 1, 2, 3, 4, 5


class CutterError(Exception):
    """An error the operator can act on. Carries the exit code and, when it came from the
    database, the SQLSTATE, DETAIL and HINT."""

    exit_code = EXIT_ERROR
    sqlstate: str | None = None

    def __init__(self, message: str, *, detail: str | None = None, hint: str | None = None,
                 sqlstate: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail
        self.hint = hint
        if sqlstate is not None:
            self.sqlstate = sqlstate

    def to_json(self) -> dict:
        return {
            "error": type(self).__name__,
            "sqlstate": self.sqlstate,
            "message": self.message,
            "detail": self.detail,
            "hint": self.hint,
        }


class GatewayRefused(CutterError):
    exit_code, sqlstate = EXIT_REFUSED, "IU001"


class EnactedImmutable(CutterError):
    exit_code, sqlstate = EXIT_REFUSED, "IU002"


class TransitionNotAllowed(CutterError):
    exit_code, sqlstate = EXIT_REFUSED, "IU003"


class ReviewDecisionInvalid(CutterError):
    exit_code, sqlstate = EXIT_REFUSED, "IU004"


class InvalidInput(CutterError):
    exit_code, sqlstate = EXIT_ERROR, "IU005"


class ContentConflict(CutterError):
    exit_code, sqlstate = EXIT_REFUSED, "IU006"


class UnitNotFound(CutterError):
    exit_code, sqlstate = EXIT_ERROR, "IU007"


class PolicyMissing(CutterError):
    exit_code, sqlstate = EXIT_PRECHECK, "IU008"


class PolicyLimitExceeded(CutterError):
    exit_code, sqlstate = EXIT_REFUSED, "IU009"


class RecordAppendOnly(CutterError):
    exit_code, sqlstate = EXIT_REFUSED, "IU010"


class SignerKeyRefused(CutterError):
    exit_code, sqlstate = EXIT_REFUSED, "IU011"


class SeparationOfDuties(CutterError):
    exit_code, sqlstate = EXIT_REFUSED, "IU012"


class RecordingIncomplete(CutterError):
    exit_code, sqlstate = EXIT_REFUSED, "IU013"


class PrivilegeRefused(CutterError):
    exit_code, sqlstate = EXIT_REFUSED, "42501"


class DatabaseUnavailable(CutterError):
    exit_code = EXIT_ERROR


BY_SQLSTATE: dict[str, type[CutterError]] = {
    cls.sqlstate: cls
    for cls in (GatewayRefused, EnactedImmutable, TransitionNotAllowed, ReviewDecisionInvalid,
                InvalidInput, ContentConflict, UnitNotFound, PolicyMissing, PolicyLimitExceeded,
                RecordAppendOnly, SignerKeyRefused, SeparationOfDuties, RecordingIncomplete,
                PrivilegeRefused)
}


class Contention(CutterError):
    """Another session held what this transaction needed (deadlock, serialization failure,
    lock timeout): the database rolled this transaction back whole."""

    exit_code = EXIT_ERROR


class Cancelled(CutterError):
    """A statement cancelled by statement_timeout or by an administrator."""

    exit_code = EXIT_ERROR


RERUN = "nothing of the transaction that failed was written; run the same command again (a rerun carries on)"

# Failures that are about the moment, not the input: each says what happened and that a rerun is safe.
TRANSIENT: dict[str, tuple[type[CutterError], str]] = {
    "40P01": (Contention, "another operator's transaction locked what this one needed (deadlock)"),
    "40001": (Contention, "another operator's transaction changed what this one read (serialization)"),
    "55P03": (Contention, "a lock was not granted within lock_timeout: another session holds it"),
    "57014": (Cancelled, "the statement was cancelled (statement_timeout, or an administrator)"),
    "57P01": (DatabaseUnavailable, "the server ended this session (administrator command or shutdown)"),
    "57P02": (DatabaseUnavailable, "the server is restarting after a crash"),
    "57P03": (DatabaseUnavailable, "the server is starting up or shutting down"),
}


def from_database(exc: psycopg.Error) -> CutterError:
    """The CutterError for a database error, keeping its SQLSTATE, DETAIL and HINT."""
    diag = exc.diag
    cls = BY_SQLSTATE.get(exc.sqlstate or "", CutterError)
    message = diag.message_primary or str(exc).strip()
    if exc.sqlstate in TRANSIENT:
        cls, what = TRANSIENT[exc.sqlstate]
        return cls(f"{what}: {message}", detail=diag.message_detail, hint=RERUN, sqlstate=exc.sqlstate)
    lost = isinstance(exc, psycopg.OperationalError) and exc.sqlstate is None
    if lost or (exc.sqlstate or "").startswith("08"):
        return DatabaseUnavailable(f"lost the connection to the database: {message}",
                                   hint="check DATABASE_URL and that PostgreSQL is running; " + RERUN)
    return cls(message, detail=diag.message_detail, hint=diag.message_hint, sqlstate=exc.sqlstate)
