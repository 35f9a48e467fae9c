"""The audit pack of a change set (issue 6 item 5): the governance records, the lifecycle log
and the units, as JSON files and a self-contained HTML report, with a pack.json listing every
file's SHA-256, and an offline check that needs no database.

The offline check recomputes what the database computed, with the SQL's own formulas:

* ``fn_gov_manifest_digest``: sha256 of the ``address<TAB>content_hash<LF>`` lines in order;
* ``fn_gov_row_hash`` over ``fn_gov_chain_payload(to_jsonb(row))``: the jsonb text of the row
  (keys ordered by byte length, then bytes; ``", "`` and ``": "`` separators) under UTC;
* ``fn_gov_verify_digest`` and ``fn_gov_review_digest``: what the verifier and reviewer sign;
* Ed25519 over ``keys.signed_message(lane, digest)``, as the harness signs;
* ``fn_iu_lifecycle_entry_hash`` / ``fn_iu_lifecycle_seal_hash``: ``quote_nullable`` of every
  column and ``date_part('epoch', performed_at)::text`` (float8 text: shortest round-trip
  digits), and each seal's digest of its rows' hashes and link to the previous seal.

Rows are stored as the database renders them to JSON (``row_to_json`` with TimeZone UTC), so
every value the formulas read is in the pack verbatim; numbers are read back as exact decimals.

A pack of a large cut holds hundreds of thousands of rows (the manifest's entries, the lifecycle
log, the units), so neither side ever holds them whole: the writer streams them from server-side
cursors into their files, and the check reads those files a row at a time, gathering only what
its checks need of them (counts, digests, problems).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import hashlib
import html
import itertools
import json
import math
import queue
import re
import shutil
import tempfile
import threading
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import IO, Any

import psycopg

from harness import __version__, keys
from harness.errors import CutterError, UnitNotFound

FORMAT = "dot-iu-cutter/audit-pack/v1"
G = "cutter_governance"
CHAINED = {  # pack file -> governance table whose rows it holds (row_hash, prev_hash, chain_pos)
    "change_set.json": "cut_change_set",
    "manifest.json": "manifest_envelope",
    "review_decisions.json": "review_decision",
    "verify_results.json": "verify_result",
    "signatures.json": "dot_pair_signature",
    "public_keys.json": "signer_key",
    "rollbacks.json": "rollback_record",
}
REQUIRED = (*CHAINED, "lifecycle_log.json", "units.json", "report.html")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
UNHASHED = ("prev_hash", "row_hash", "status", "status_changed_at")  # fn_gov_chain_payload


# ---- PostgreSQL's text forms, offline -----------------------------------------------------

_encode_basestring = json.encoder.encode_basestring


def _json_string(text: str) -> str:
    """escape_json(): the few named escapes, other control characters as \\u00xx, the rest raw.
    The standard library's encoder with ensure_ascii=False escapes exactly that set, in C."""
    return _encode_basestring(text)


def jsonb_text(value: Any) -> str:
    """The text output of a jsonb value (JsonbToCString), from its parsed JSON form."""
    scalar = _SCALARS.get(type(value))
    if scalar is not None:  # the common case, by type lookup; subclasses go the long way below
        return scalar(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, str):
        return _json_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(jsonb_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join([head + jsonb_text(value[k]) for k, head in _jsonb_keys(tuple(value))]) + "}"
    raise TypeError(f"not a JSON value: {value!r}")


@functools.lru_cache(maxsize=1024)
def _jsonb_keys(keys: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """An object's keys in jsonb's order (by length in bytes, then bytewise), each with the text
    before its value. Cached: the rows of a table share their keys."""
    ordered = sorted(keys, key=lambda k: (len(k.encode("utf-8")), k.encode("utf-8")))
    return tuple((k, f"{_json_string(k)}: ") for k in ordered)


_SCALARS: dict[type, Callable[[Any], str]] = {  # JSON scalars' text, in jsonb's and in the pack's files
    str: _encode_basestring, int: str, type(None): lambda _: "null",
    bool: lambda v: "true" if v else "false", Decimal: lambda v: format(v, "f"),
}


def _shortest_digits(x: float) -> tuple[str, int]:
    """The digits PostgreSQL's Ryu prints for x > 0, and the power of ten of the first: the
    fewest digits strictly inside x's rounding interval (a decimal exactly halfway to the next
    double is not taken, where Python's repr takes it), the nearest x, ties to even."""
    exact, below, above = Fraction(x), math.nextafter(x, 0.0), math.nextafter(x, math.inf)
    low = (exact + Fraction(below)) / 2
    high = (exact + Fraction(above)) / 2 if math.isfinite(above) else exact + (exact - low)
    # Python's repr is the shortest round-trip, nearest x; strictly inside the interval it is
    # also Ryu's answer. Only a repr on the interval's edge needs the search below.
    shortest = Decimal(repr(x))
    if low < Fraction(shortest) < high:
        _, digits, exponent = shortest.as_tuple()
        text = "".join(map(str, digits)).rstrip("0") or "0"
        return text, exponent + len(digits) - 1
    top = Decimal(x).adjusted()
    for length in range(1, 18):
        unit = Fraction(10) ** (top - length + 1)
        nearest = round(exact / unit)
        inside = [n for n in (nearest - 1, nearest, nearest + 1) if low < n * unit < high]
        if inside:
            best = str(min(inside, key=lambda n: (abs(n * unit - exact), n % 2)))
            return best.rstrip("0"), top - length + len(best)
    raise AssertionError(f"no 17-digit decimal round-trips {x!r}")


def float8_text(x: float) -> str:
    """float8out with extra_float_digits > 0 (the default): the shortest digits that read back
    as x, fixed notation for a leading power of ten from -4 to 14, else d.ddde+XX."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "-0" if math.copysign(1.0, x) < 0 else "0"
    digits, power = _shortest_digits(abs(x))
    if -4 <= power < 15:
        point = power + 1  # digits before the decimal point
        if point >= len(digits):
            body = digits + "0" * (point - len(digits))
        elif point > 0:
            body = f"{digits[:point]}.{digits[point:]}"
        else:
            body = "0." + "0" * -point + digits
    else:
        mantissa = digits[0] + (f".{digits[1:]}" if len(digits) > 1 else "")
        body = f"{mantissa}e{'-' if power < 0 else '+'}{abs(power):02d}"
    return ("-" if x < 0 else "") + body


@functools.lru_cache(maxsize=4096)
def epoch_text(timestamp: str) -> str:
    """date_part('epoch', ts)::text for a timestamptz in its JSON form: the microseconds since
    1970 as float8, divided by 1000000.0, as PostgreSQL does."""
    micros = (datetime.fromisoformat(timestamp) - EPOCH) // timedelta(microseconds=1)
    return float8_text(float(micros) / 1000000.0)


def quote_nullable(value: str | None) -> str:
    """quote_nullable(text): NULL, or quote_literal (E'' when there is a backslash)."""
    if value is None:
        return "NULL"
    quoted = "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"
    return "E" + quoted if "\\" in value else quoted


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _bytea(value: str) -> bytes:
    if not value.startswith("\\x"):
        raise ValueError(f"not a bytea in hex output format: {value[:12]!r}")
    return bytes.fromhex(value[2:])


# ---- the SQL formulas, offline ----------------------------------------------------------------

def manifest_digest(entries: list[dict]) -> str:
    lines = sorted(entries, key=lambda e: e["ordinal"])
    return sha256_hex("".join(f"{e['canonical_address']}\t{e['content_hash']}\n" for e in lines))


def gov_row_hash(row: dict) -> str:
    payload = {k: v for k, v in row.items() if k not in UNHASHED}
    return sha256_hex((row["prev_hash"] or "") + "|" + jsonb_text(payload))


def verify_digest(change_set: dict, result: dict) -> str:
    return sha256_hex(f"verify|{change_set['id']}|{change_set['manifest_sha256']}|{result['verdict']}|"
                      + jsonb_text(result["checks"]))


def review_digest(decision: dict) -> str:
    expires = decision["expires_at"]
    expiry = (datetime.fromisoformat(expires).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
              if expires else "")
    d = decision
    return sha256_hex(f"review|{d['subject']}|{d['decision']}|{d['change_set_id'] or ''}|"
                      f"{d['manifest_sha256']}|{expiry}|{d['rationale']}")


def _quoted(values: list[Any]) -> str:
    """quote_nullable of each value's text, comma-separated: the input of the lifecycle hashes.
    (quote_nullable inlined for the common text with no quote and no backslash: the check runs
    this for every row of the log.)"""
    quoted = []
    for value in values:
        if value is None:
            quoted.append("NULL")
        elif "'" in (text := str(value)) or "\\" in text:
            quoted.append(quote_nullable(text))
        else:
            quoted.append(f"'{text}'")
    return ",".join(quoted)


def entry_hash(row: dict) -> str:
    return sha256_hex(_quoted([
        row["id"], row["seal_id"], row["seal_ordinal"], row["entity_collection"], row["entity_id"],
        row["canonical_address"], row["from_status"], row["to_status"], row["transition_type"], row["reason"],
        row["performed_by"], epoch_text(row["performed_at"]), jsonb_text(row["metadata"]),
        row["review_decision_id"], row["change_set_id"], row["db_login"], row["application_name"],
    ]))


def entries_digest(rows: list[dict]) -> str:
    return sha256_hex("".join(r["entry_hash"] for r in sorted(rows, key=lambda r: r["seal_ordinal"])))


def seal_hash(seal: dict) -> str:
    return sha256_hex(_quoted([
        seal["prev_hash"], seal["chain_pos"], seal["id"], seal["transition_type"], seal["change_set_id"],
        seal["review_decision_id"], seal["performed_by"], epoch_text(seal["performed_at"]), seal["db_login"],
        seal["entry_count"], seal["entries_digest"],
    ]))


def signature_problem(sig: dict, pack: dict[str, Any]) -> str | None:
    """Why a signature does not hold over the pack's content, or None when it does: the key is
    in the pack and is the signer's, the signed digest is the one the lane signs (recomputed),
    and the Ed25519 signature verifies over keys.signed_message(lane, digest)."""
    key = next((k for k in pack["public_keys.json"] if k["key_id"] == sig["key_id"]), None)
    if key is None:
        return f"key {sig['key_id'][:12]} is not in public_keys.json"
    if key["signer"] != sig["signer"]:
        return f"key {sig['key_id'][:12]} belongs to {key['signer']}, not {sig['signer']}"
    change_set = pack["change_set.json"]
    if sig["lane"] == "executor":
        entries = pack["manifest.json"]["entries"]
        expected = entries.digest() if isinstance(entries, _ManifestEntries) else manifest_digest(entries)
        subject = sig["change_set_id"] == change_set["id"]
    elif sig["lane"] == "verifier":
        result = next((r for r in pack["verify_results.json"] if r["id"] == sig["verify_result_id"]), None)
        expected, subject = (verify_digest(change_set, result), True) if result else (None, False)
    else:
        decision = next((d for d in pack["review_decisions.json"] if d["id"] == sig["review_decision_id"]),
                        None)
        expected, subject = (review_digest(decision), True) if decision else (None, False)
    if not subject:
        return f"signs a {sig['lane']} subject that is not in the pack"
    if sig["signed_digest"] != expected:
        return f"signs {sig['signed_digest'][:12]}, the pack's content digests to {expected[:12]}"
    if not keys.verify(_bytea(key["public_key"]), sig["lane"], sig["signed_digest"],
                       _bytea(sig["signature"])):
        return "the Ed25519 signature does not verify against the signer's public key"
    return None


# ---- writing ------------------------------------------------------------------------------------

BATCH = 2000  # rows fetched from a server-side cursor and parsed at a time


def _rows(conn: psycopg.Connection, query: str, params: tuple = ()) -> list[dict]:
    """The query's rows (one JSON text each), parsed with one decoder call: for the few
    governance rows of a change set."""
    texts = [r[0] for r in conn.execute(query, params)]
    return json.loads("[" + ",".join(texts) + "]", parse_float=Decimal)


def _streamed(conn: psycopg.Connection, cursors: contextlib.ExitStack, query: str,
              params: tuple) -> Iterator[dict]:
    """The query's rows (one JSON text each), read from a server-side cursor as the iterator is
    consumed: a batch at a time, fetched ahead (see _fetched_ahead), one decoder call per batch.
    The cursor is closed with ``cursors``, whether or not every row was read."""
    cursor = cursors.enter_context(conn.cursor(name=f"pack_{uuid.uuid4().hex}"))

    def rows() -> Iterator[dict]:
        cursor.execute(query, params)
        with contextlib.closing(_fetched_ahead(lambda: cursor.fetchmany(BATCH))) as batches:
            for batch in batches:
                yield from json.loads("[" + ",".join(r[0] for r in batch) + "]", parse_float=Decimal)

    streamed = rows()
    cursors.callback(streamed.close)  # first (stops its fetching), then the cursor closes
    return streamed


def _fetched_ahead(fetch: Callable[[], list], depth: int = 2) -> Iterator[list]:
    """fetch()'s batches until an empty one, fetched by a thread up to ``depth`` batches ahead
    of the caller: the database reads and renders the next rows while the caller writes these.
    The thread is the only user of the cursor until it has stopped, which it has when this
    iterator is exhausted or closed."""
    batches: queue.Queue[list | BaseException] = queue.Queue(depth)
    stop = threading.Event()

    def fetch_all() -> None:
        try:
            while not stop.is_set():
                batch = fetch()
                batches.put(batch)
                if not batch:
                    return
        except BaseException as exc:  # raised in the caller's thread
            batches.put(exc)

    worker = threading.Thread(target=fetch_all, name="audit-pack-fetch", daemon=True)
    worker.start()
    try:
        while batch := batches.get():
            if isinstance(batch, BaseException):
                raise batch
            yield batch
    finally:
        stop.set()
        while worker.is_alive():  # it may be waiting to hand over a batch: take it
            with contextlib.suppress(queue.Empty):
                batches.get_nowait()
            worker.join(0.01)


def _json(value: Any) -> Any:
    """A caller's dict as plain JSON values (dates and paths as text, numbers exact)."""
    return json.loads(json.dumps(value, default=str, ensure_ascii=False), parse_float=Decimal)


@contextlib.contextmanager
def pack_data(conn: psycopg.Connection, change_set_id: str) -> Iterator[dict[str, Any]]:
    """Every row the pack holds, read in one snapshot with timestamps rendered in UTC: the
    governance rows and the seals as values; the manifest's entries, the lifecycle log's rows
    and the units (a row per unit of the cut) as iterators, to be consumed in the block, that
    read them from the database as they go."""
    fresh = conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    with conn.transaction(), contextlib.ExitStack() as cursors:
        if fresh:
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        conn.execute("SET LOCAL TimeZone = 'UTC'")
        found = _rows(conn, f"SELECT row_to_json(t)::text FROM {G}.cut_change_set AS t WHERE t.id = %s::uuid",
                      (change_set_id,))
        if not found:
            raise UnitNotFound(f"change set {change_set_id} does not exist")
        cs = found[0]
        envelope = _rows(conn, f"SELECT row_to_json(t)::text FROM {G}.manifest_envelope AS t"
                               " WHERE t.change_set_id = %s::uuid", (cs["id"],))
        if not envelope:
            raise CutterError(f"change set {change_set_id} has no manifest")
        entries = _streamed(conn, cursors,
                            f"SELECT row_to_json(t)::text FROM {G}.manifest_entry AS t"
                            " WHERE t.envelope_id = %s::uuid ORDER BY t.ordinal", (envelope[0]["id"],))
        decisions = _rows(conn, f"SELECT row_to_json(t)::text FROM {G}.review_decision AS t"
                                " WHERE t.change_set_id = %s::uuid"
                                " OR (t.change_set_id IS NULL AND t.manifest_sha256 = %s)"
                                " ORDER BY t.chain_pos",
                          (cs["id"], cs["manifest_sha256"]))
        decision_ids = [d["id"] for d in decisions]
        results = _rows(conn, f"SELECT row_to_json(t)::text FROM {G}.verify_result AS t"
                              " WHERE t.change_set_id = %s::uuid ORDER BY t.chain_pos", (cs["id"],))
        signatures = _rows(conn, f"SELECT row_to_json(t)::text FROM {G}.dot_pair_signature AS t"
                                 " WHERE t.change_set_id = %s::uuid OR t.verify_result_id = ANY(%s::uuid[])"
                                 " OR t.review_decision_id = ANY(%s::uuid[]) ORDER BY t.chain_pos",
                           (cs["id"], [r["id"] for r in results], decision_ids))
        rollbacks = _rows(conn, f"SELECT row_to_json(t)::text FROM {G}.rollback_record AS t"
                                " WHERE t.change_set_id = %s::uuid ORDER BY t.chain_pos", (cs["id"],))
        people = {cs["actor"], *(s["signer"] for s in signatures), *(r["verifier"] for r in results),
                  *(d["decided_by"] for d in decisions)}
        public_keys = _rows(conn, f"SELECT row_to_json(t)::text FROM {G}.signer_key AS t"
                                  " WHERE t.key_id = ANY(%s::text[]) OR t.signer = ANY(%s::text[])"
                                  " ORDER BY t.chain_pos",
                            ([s["key_id"] for s in signatures], sorted(people)))
        # The seals of this change set's log rows, and every seal between them, so that the
        # chain can be followed link by link; the rows of the change set's own seals.
        seals = _rows(conn, "WITH own AS (SELECT min(s.chain_pos) AS lo, max(s.chain_pos) AS hi"
                            " FROM public.iu_lifecycle_log_seal AS s WHERE s.change_set_id = %s::uuid"
                            " OR s.review_decision_id = ANY(%s::uuid[]))"
                            " SELECT row_to_json(t)::text FROM public.iu_lifecycle_log_seal AS t, own"
                            " WHERE t.chain_pos BETWEEN own.lo AND own.hi ORDER BY t.chain_pos",
                      (cs["id"], decision_ids))
        # The rows of those seals that are this change set's, seal by seal in chain order, each
        # seal's in seal_ordinal order: (seal_id, seal_ordinal) is an index, so the database
        # streams them as they are fetched instead of sorting the whole log first.
        own_seals = [r[0] for r in conn.execute(
            "SELECT s.id FROM public.iu_lifecycle_log_seal AS s"
            " WHERE s.change_set_id = %s::uuid OR s.review_decision_id = ANY(%s::uuid[])"
            " ORDER BY s.chain_pos", (cs["id"], decision_ids))]
        log = itertools.chain.from_iterable(
            _streamed(conn, cursors, "SELECT row_to_json(t)::text FROM public.iu_lifecycle_log AS t"
                                     " WHERE t.seal_id = %s ORDER BY t.seal_ordinal", (seal_id,))
            for seal_id in own_seals)
        units = _streamed(conn, cursors,
                          "SELECT json_build_object("
                          " 'ordinal', m.ordinal, 'canonical_address', m.canonical_address,"
                          " 'parent_address', iu.parent_address, 'unit_kind', iu.unit_kind,"
                          " 'title', iu.title,"
                          " 'lifecycle_status', iu.lifecycle_status, 'version_no', v.version_no,"
                          " 'content_hash', v.content_hash, 'manifest_content_hash', m.content_hash,"
                          " 'manifest_action', m.action, 'enacted_at', iu.enacted_at,"
                          " 'enacted_by', iu.enacted_by, 'retired_at', iu.retired_at)::text"
                          f" FROM {G}.manifest_entry AS m"
                          " LEFT JOIN public.information_unit AS iu"
                          "  ON iu.canonical_address = m.canonical_address"
                          " LEFT JOIN public.unit_version AS v ON v.id = iu.current_version_id"
                          " WHERE m.envelope_id = %s::uuid ORDER BY m.ordinal", (envelope[0]["id"],))
        yield {
            "change_set.json": cs,
            "manifest.json": {"envelope": envelope[0], "entries": entries},
            "review_decisions.json": decisions,
            "signatures.json": signatures,
            "public_keys.json": public_keys,
            "verify_results.json": results,
            "rollbacks.json": rollbacks,
            "lifecycle_log.json": {"seals": seals, "entries": log},
            "units.json": units,
        }


class _HashingFile(list):
    """A file written in pieces, UTF-8, digested on the way: the writer appends its pieces to
    this list (a plain list.append: the writer's hot path), and spill() joins, encodes, digests
    and writes them once there are enough, so that a pack of a large cut is written without
    ever holding a whole file in memory."""

    FLUSH = 16384  # pieces held before they are joined and written

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path, self.sha256, self.bytes = path, hashlib.sha256(), 0

    def __enter__(self) -> _HashingFile:
        self.file = open(self.path, "wb")  # closed in __exit__
        return self

    def spill(self, *, everything: bool = False) -> None:
        if everything or len(self) >= self.FLUSH:
            blob = "".join(self).encode("utf-8")
            self.clear()
            self.file.write(blob)
            self.sha256.update(blob)
            self.bytes += len(blob)

    def __exit__(self, *exc: object) -> None:
        try:
            if exc[0] is None:
                self.spill(everything=True)
        finally:
            self.file.close()


def _spill(parts: list[str]) -> None:
    """Write out the pieces gathered so far, when they go to a file and there are enough."""
    if isinstance(parts, _HashingFile):
        parts.spill()


def _dumps(value: Any, indent: str = "") -> str:
    """Indented JSON that keeps exact decimals as numbers (a pack holds millions of values for
    a large cut: scalars are written by type lookup, everything goes into one list)."""
    parts: list[str] = []
    _dump_into(parts, value, indent)
    return "".join(parts)


@functools.lru_cache(maxsize=256)
def _heads(keys: tuple[str, ...], indent: str) -> tuple[str, ...]:
    """What precedes each value of an object with these keys at this indent (cached: the rows
    of a file share their keys)."""
    inner = indent + "  "
    return tuple(f"{',' if i else '{'}\n{inner}{_encode_basestring(k)}: " for i, k in enumerate(keys))


def _dump_into(parts: list[str], value: Any, indent: str) -> None:
    """The pieces of ``value``'s indented JSON. An iterator is written as a list, item by item
    as it yields them, and the pieces are spilled into their file as they accumulate."""
    scalar = _SCALARS.get(type(value))
    if scalar is not None:
        parts.append(scalar(value))
    elif isinstance(value, dict) and value:
        inner = indent + "  "
        for head, v in zip(_heads(tuple(value), indent), value.values(), strict=True):
            scalar = _SCALARS.get(type(v))
            if scalar is not None:
                parts.append(head + scalar(v))
            else:
                parts.append(head)
                _dump_into(parts, v, inner)
        parts.append(f"\n{indent}}}")
    elif isinstance(value, list | Iterator) and value:  # an iterator: rows streamed from the database
        inner = indent + "  "
        opener = "[\n"
        for v in value:
            parts.append(opener + inner)
            _dump_into(parts, v, inner)
            opener = ",\n"
            _spill(parts)
        parts.append("[]" if opener == "[\n" else f"\n{indent}]")  # an iterator may have had no rows
    else:
        parts.append(jsonb_text(value))


def _tapped(rows: Iterable[dict], tap: Callable[[dict], None]) -> Iterator[dict]:
    """The rows, each shown to ``tap`` on its way."""
    for row in rows:
        tap(row)
        yield row


def files_digest(listing: list[dict]) -> str:
    """sha256 of the listing's lines as sha256sum prints them: "<sha256>  <name>\\n"."""
    return sha256_hex("".join(f"{f['sha256']}  {f['name']}\n" for f in listing))


def write_pack(conn: psycopg.Connection, change_set_id: str, out_dir: Path, *,
               survey_snapshot: dict | None = None, backup: dict | None = None) -> Path:
    """Write the audit pack of a change set into out_dir (new, or an empty folder)."""
    folder = Path(out_dir)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise CutterError(f"{folder} exists and is not an empty folder: refusing to write a pack into it",
                          hint="name a new folder for the pack")
    extras = {}
    if survey_snapshot is not None:
        extras["survey.json"] = _json(survey_snapshot)
    if backup is not None:
        extras["backup.json"] = _json(backup)
    with pack_data(conn, str(change_set_id)) as data:
        # Written into a hidden sibling folder and renamed into place when complete: a pack that
        # could not be finished (a full disk) leaves nothing behind, and a rerun may use the name.
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
        staging.chmod(0o755)  # a pack is for reading: mkdtemp makes it private
        try:
            _write_files(staging, data | extras)
            if folder.exists():
                folder.rmdir()
            staging.rename(folder)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise CutterError(f"cannot write the audit pack into {folder.parent}: {exc.strerror or exc}",
                              hint="free space there or name another folder; the cut itself is recorded, "
                                   "write the pack again with iu-cutter audit-pack") from exc
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return folder


def _write_file(path: Path, fill: Callable[[list[str]], None]) -> dict[str, Any]:
    """Write a file of the pack with ``fill(pieces)``; its entry in pack.json's listing."""
    with _HashingFile(path) as sink:
        fill(sink)
    return {"name": path.name, "sha256": sink.sha256.hexdigest(), "bytes": sink.bytes}


def _write_json(value: Any) -> Callable[[list[str]], None]:
    def fill(sink: list[str]) -> None:
        _dump_into(sink, value, "")
        sink.append("\n")
    return fill


def _write_files(folder: Path, data: dict[str, Any]) -> None:
    """Every file of the pack, then pack.json listing them. The manifest's entries, the log and
    the units go from the database into their files as they are read; what the report needs of
    them (the manifest's digest, the units' statuses and tree) is gathered on the way, and the
    report is written last."""
    manifest = data["manifest.json"]
    entries = _ManifestEntries(manifest, reread=lambda: _file_rows(folder / "manifest.json",
                                                                   *BIG["manifest.json"], head=False))
    units = _UnitTree()
    written = {**data, "manifest.json": {**manifest, "entries": _tapped(manifest["entries"], entries.add)},
               "units.json": _tapped(data["units.json"], units.add)}
    listing = {name: _write_file(folder / name, _write_json(value)) for name, value in written.items()}
    report = {**data, "manifest.json": {**manifest, "entries": entries}, "units.json": units}
    listing["report.html"] = _write_file(folder / "report.html", lambda sink: _write_report(sink, report))
    files = [listing[name] for name in sorted(listing)]
    index = {
        "format": FORMAT,
        "change_set_id": data["change_set.json"]["id"],
        "doc_code": data["change_set.json"]["doc_code"],
        "generated_at": datetime.now(UTC).isoformat(),
        "generated_by": f"iu-cutter {__version__}",
        "files": files,
        "files_digest": files_digest(files),
    }
    (folder / "pack.json").write_text(_dumps(index) + "\n", encoding="utf-8")


# ---- checking, offline --------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    check: str
    file: str
    ok: bool
    detail: str

    def to_json(self) -> dict[str, Any]:
        return {"check": self.check, "file": self.file, "outcome": "pass" if self.ok else "fail",
                "detail": self.detail}


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


def _file_sha256(path: Path) -> tuple[str, int]:
    """The SHA-256 and size of a file, read a piece at a time."""
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as file:
        while piece := file.read(1 << 16):
            digest.update(piece)
            size += len(piece)
    return digest.hexdigest(), size


def _check_files(folder: Path, index: dict) -> list[Finding]:
    findings = []
    listing = index["files"]
    for entry in listing:
        name = entry["name"]
        path = folder / name
        if Path(name).name != name or name == "pack.json":
            findings.append(Finding("file_sha256", name, False, "not a file name a pack may list"))
        elif not path.is_file():
            findings.append(Finding("file_sha256", name, False, "listed in pack.json but missing"))
        else:
            have, size = _file_sha256(path)
            findings.append(Finding(
                "file_sha256", name, have == entry["sha256"] and size == entry["bytes"],
                f"sha256 {have}" if have == entry["sha256"] else
                f"pack.json lists sha256 {entry['sha256']}, the file digests to {have}"))
    listed = {e["name"] for e in listing}
    extra = sorted(p.name for p in folder.iterdir() if p.name not in listed | {"pack.json"})
    missing = [name for name in REQUIRED if name not in listed]
    complete = not extra and not missing
    findings.append(Finding("files_listed", "pack.json", complete,
                            "every file is listed and every required file is there" if complete
                            else f"unlisted: {extra}; required but not listed: {missing}"))
    digest, recorded = files_digest(listing), index["files_digest"]
    findings.append(Finding("files_digest", "pack.json", digest == recorded,
                            f"the listing digests to {digest}"
                            + ("" if digest == recorded else f", pack.json says {recorded}")))
    return findings


# -- the big files, a row at a time

BIG = {  # file -> the members before its rows, and the member holding them (None: the file is the array)
    "manifest.json": (("envelope",), "entries"),
    "lifecycle_log.json": (("seals",), "entries"),
    "units.json": ((), None),
}


class _NotAsWritten(Exception):
    """A big file not laid out as write_pack lays it out: it is then read whole."""


_WHITESPACE = re.compile(r"[ \t\n\r]*")  # JSON's
_SEPARATOR = re.compile(r"[ \t\n\r]*,[ \t\n\r]*")  # between the values of an array
_DECODER = json.JSONDecoder(parse_float=Decimal)


class _JsonReader:
    """JSON text read from a file a piece at a time: the structure around a big file's rows is
    walked here, and each value (a row) is parsed whole by the standard library's decoder."""

    PIECE = 1 << 20  # characters read at a time

    def __init__(self, file: IO[str]) -> None:
        self.file, self.text, self.at, self.ended = file, "", 0, False

    def _read(self, size: int) -> None:
        piece = self.file.read(size)
        self.text, self.at, self.ended = self.text[self.at:] + piece, 0, not piece

    def next(self) -> str:
        """The next character after whitespace ('' at the end of the file)."""
        while True:
            self.at = _WHITESPACE.match(self.text, self.at).end()
            if self.at < len(self.text) or self.ended:
                return self.text[self.at:self.at + 1]
            self._read(self.PIECE)

    def take(self, char: str) -> None:
        if self.next() != char:
            raise _NotAsWritten(f"expected {char!r} at character {self.at}")
        self.at += 1

    def value(self) -> Any:
        self.next()
        return self._decode()

    def _decode(self) -> Any:
        """The value that starts right here."""
        size = self.PIECE
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.at)
            except json.JSONDecodeError:
                if self.ended:
                    raise
            else:  # a number that ends where the text read so far ends may go on in the next piece
                if len(self.text) - end > 2 or self.ended:
                    self.at = end
                    return value
            self._read(size)  # the value goes on in the next piece (or is not JSON: read on to know)
            size *= 2

    def array(self) -> Iterator[Any]:
        """The values of the array that comes next, one at a time."""
        self.take("[")
        if self.next() == "]":
            self.at += 1
            return
        while True:
            yield self._decode()
            separator = _SEPARATOR.match(self.text, self.at)
            if separator and separator.end() < len(self.text):  # the usual case: the next value is here
                self.at = separator.end()
                continue
            following = self.next()
            self.at += 1
            if following == "]":
                return
            if following != ",":
                raise _NotAsWritten(f"expected ',' or ']' at character {self.at}")
            self.next()


def _file_rows(path: Path, before: tuple[str, ...] = (), key: str | None = None, *,
               head: bool = True) -> Iterator[Any]:
    """A big file's rows, read a piece at a time, laid out as write_pack lays it out: the file
    is the array of rows (key None), or an object whose members are ``before``, in that order,
    and then the array of rows under ``key``. Yields first (unless head is False) a dict of the
    members before the rows, then the rows one by one. Raises _NotAsWritten or ValueError (part
    way through, possibly) when the file is laid out otherwise or is not JSON."""
    with open(path, encoding="utf-8") as file:
        reader = _JsonReader(file)
        members = {}
        if key is not None:
            reader.take("{")
            for name in (*before, key):
                if reader.value() != name:
                    raise _NotAsWritten(f"expected the member {name!r}")
                reader.take(":")
                if name != key:
                    members[name] = reader.value()
                    reader.take(",")
        if head:
            yield members
        yield from reader.array()
        if key is not None:
            reader.take("}")
        if reader.next():
            raise _NotAsWritten("more after the document")


def _read_big(folder: Path, name: str, pack: dict) -> Any:
    """A big file as the checks see it: the file's JSON, with its rows replaced by what the
    checks need of them, gathered as they are read (see _Gathered). A file not laid out as
    write_pack lays it out is read whole instead, as any other file."""
    before, key = BIG[name]
    gather = _GATHER[name]
    path = folder / name
    try:
        rows = _file_rows(path, before, key)
        members = next(rows)
        gathered = gather(members, pack, lambda: _file_rows(path, before, key, head=False))
        for row in rows:
            gathered.add(row)
        return {**members, key: gathered} if key else gathered
    except (OSError, ValueError, _NotAsWritten):
        pass  # read it whole: the rows as they are, or the error that says why it cannot be read
    value = _load(path)
    if key is None:
        return gather({}, pack, lambda: value).add_all(value)
    if isinstance(value, dict) and key in value:
        rows = value[key]
        value[key] = gather(value, pack, lambda: rows).add_all(rows)
    return value


class _Gathered:
    """What the checks need of a big file's rows, gathered a row at a time as the file is read
    (add), so that the file is never held whole. It has parts, each going on by itself: a part
    that cannot read a row (a key missing, a wrong type) stops there, and its error is raised to
    the check that asks for it (_result), which then cannot check, as when it ran over the rows
    all at once."""

    PARTS: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.errors: dict[str, Exception] = {}

    def _do(self, part: str, step: Callable[..., None], *args: Any) -> None:
        if part not in self.errors:
            try:
                step(*args)
            except Exception as exc:  # a damaged file: the part cannot read this row
                self.errors[part] = exc

    def _result(self, part: str) -> None:
        if part in self.errors:
            raise self.errors[part]

    def add(self, row: Any) -> None:
        raise NotImplementedError

    def add_all(self, rows: Any) -> _Gathered:
        try:
            for row in rows:
                self.add(row)
        except TypeError as exc:  # not an array at all: no part can check
            self.errors = dict.fromkeys(self.PARTS, exc)
        return self


_FIRST = object()  # "no row yet", where an ordinal may be any JSON value, null included


def _pair(first: Any, second: Any) -> bytes:
    """A pair of JSON values as an unambiguous line: equal lines are equal values, so long lists
    of pairs compare by their digests."""
    if type(first) is str and type(second) is str:
        line = f"{_json_string(first)}\t{_json_string(second)}\n"
    else:
        line = jsonb_text([first, second]) + "\n"
    return line.encode("utf-8", "surrogatepass")


class _ManifestEntries(_Gathered):
    """The manifest's entries as the checks need them, taken in ordinal order: the
    fn_gov_manifest_digest of their lines, whether their ordinals are 1..n, their count,
    whether one names another envelope than the manifest's, and a digest of their (address,
    content hash) pairs, for the units to be compared with. write_pack writes them in ordinal
    order; entries in another order are read again and sorted in memory."""

    PARTS = ("ordered", "envelope")

    def __init__(self, manifest: dict, pack: dict | None = None,
                 reread: Callable[[], Iterable[dict]] | None = None) -> None:
        super().__init__()
        self.manifest, self.reread = manifest, reread
        self.count, self.last, self.in_order, self.one_to_n, self.foreign = 0, _FIRST, True, True, False
        self.lines, self.pairs = hashlib.sha256(), hashlib.sha256()
        self.finished = False

    def add(self, entry: dict) -> None:
        self.count += 1
        self._do("ordered", self._add_in_order, entry)
        self._do("envelope", self._add_envelope, entry)

    def _add_in_order(self, entry: dict) -> None:
        ordinal = entry["ordinal"]
        if not self.in_order or (self.last is not _FIRST and ordinal < self.last):
            self.in_order = False  # sorted when asked for
            return
        self.last = ordinal
        self.one_to_n = self.one_to_n and ordinal == self.count
        address, content_hash = entry["canonical_address"], entry["content_hash"]
        self.lines.update(f"{address}\t{content_hash}\n".encode())
        self.pairs.update(_pair(address, content_hash))

    def _add_envelope(self, entry: dict) -> None:
        if entry["envelope_id"] != self.manifest["envelope"]["id"]:
            self.foreign = True

    def _ordered(self) -> None:
        if not self.finished:
            self.finished = True
            if not self.in_order:
                self._do("ordered", self._sort)
        self._result("ordered")

    def _sort(self) -> None:
        again = _ManifestEntries(self.manifest).add_all(sorted(self.reread(), key=lambda e: e["ordinal"]))
        again._result("ordered")
        self.lines, self.pairs, self.one_to_n = again.lines, again.pairs, again.one_to_n

    def digest(self) -> str:
        """fn_gov_manifest_digest of the entries."""
        self._ordered()
        return self.lines.hexdigest()

    def ordinals_are_one_to_n(self) -> bool:
        self._ordered()
        return self.one_to_n

    def pairs_digest(self) -> tuple[int, str]:
        """The count and the digest of the entries' (address, content hash) pairs."""
        self._ordered()
        return self.count, self.pairs.hexdigest()

    def name_another_envelope(self) -> bool:
        self._result("envelope")
        return self.foreign


class _UnitRows(_Gathered):
    """The units as the units check needs them: the count and the digest of their (address,
    manifest content hash) pairs, in the file's order."""

    PARTS = ("pairs",)

    def __init__(self, members: dict | None = None, pack: dict | None = None,
                 reread: Callable[[], Iterable[dict]] | None = None) -> None:
        super().__init__()
        self.count, self.pairs = 0, hashlib.sha256()

    def add(self, unit: dict) -> None:
        self.count += 1
        self._do("pairs", self._add_pair, unit)

    def _add_pair(self, unit: dict) -> None:
        self.pairs.update(_pair(unit["canonical_address"], unit["manifest_content_hash"]))

    def pairs_digest(self) -> tuple[int, str]:
        self._result("pairs")
        return self.count, self.pairs.hexdigest()


class _SealRows:
    """The rows of one seal as its entries_digest reads them: their count, and the digest of
    their entry hashes in seal_ordinal order, kept as they come while they come in that order
    (a seal whose rows do not is digested again, sorted: see _LogRows)."""

    def __init__(self) -> None:
        self.count, self.last, self.in_order, self.hashes = 0, _FIRST, True, hashlib.sha256()
        self.sorted_digest: str | None = None

    def add(self, ordinal: Any, hash_text: Any) -> None:
        self.count += 1
        if self.in_order and (self.last is _FIRST or not ordinal < self.last):
            if not isinstance(hash_text, str):  # as "".join says it
                kind = type(hash_text)
                name = f"{kind.__module__}.{kind.__name__}".removeprefix("builtins.")
                raise TypeError(f"sequence item {self.count - 1}: expected str instance, {name} found")
            self.last = ordinal
            self.hashes.update(hash_text.encode())
        else:
            self.in_order = False

    def digest(self) -> str:
        return self.hashes.hexdigest() if self.sorted_digest is None else self.sorted_digest


class _LogRows(_Gathered):
    """The lifecycle log's rows as the entry_hash and seal_digest checks need them: the rows
    that do not re-hash; the rows outside this change set's seals or disagreeing with their
    seal about the change set or review decision; and, for each seal of this change set, its
    rows' count and digest (see _SealRows; the rows of a seal that came out of seal order are
    read again and sorted)."""

    PARTS = ("entry_hash", "seal_digest")

    def __init__(self, log: dict, pack: dict, reread: Callable[[], Iterable[dict]]) -> None:
        super().__init__()
        self.log, self.reread = log, reread
        self.bad_hashes: list[str] = []
        self.outside: list[str] = []
        self.disagreeing: list[str] = []
        self.finished = False
        self._do("seal_digest", self._start, pack)

    def _start(self, pack: dict) -> None:
        self.seals = {s["id"]: s for s in self.log["seals"]}
        self.own = {seal_id for seal_id, s in self.seals.items() if _own_seal(s, pack)}
        self.rows = {s["id"]: _SealRows() for s in self.log["seals"] if _own_seal(s, pack)}

    def add(self, row: dict) -> None:
        self._do("entry_hash", self._add_hash, row)
        self._do("seal_digest", self._add_to_seal, row)

    def _add_hash(self, row: dict) -> None:
        if (recomputed := entry_hash(row)) != row["entry_hash"]:
            self.bad_hashes.append(f"log row {row['id']} ({row['canonical_address']}): recomputed "
                                   f"{recomputed[:12]}, recorded {row['entry_hash'][:12]}")

    def _add_to_seal(self, row: dict) -> None:
        seal_id = row["seal_id"]
        seal = self.seals.get(seal_id)
        if seal is None or seal_id not in self.own:
            self.outside.append(f"log row {row['id']} belongs to no seal of this change set in the pack")
        if seal is not None and ((row["change_set_id"], row["review_decision_id"])
                                 != (seal["change_set_id"], seal["review_decision_id"])):
            self.disagreeing.append(f"log row {row['id']} disagrees with its seal about the change set or "
                                    "review decision")
        if seal_id in self.rows:
            self.rows[seal_id].add(row["seal_ordinal"], row["entry_hash"])

    def _sort(self, seal_ids: set[str]) -> None:
        rows: dict[str, list[dict]] = defaultdict(list)
        for row in self.reread():
            if row["seal_id"] in seal_ids:
                rows[row["seal_id"]].append({k: row[k] for k in ("seal_ordinal", "entry_hash")})
        for seal_id in seal_ids:
            self.rows[seal_id].sorted_digest = entries_digest(rows[seal_id])

    def entry_problems(self) -> list[str]:
        self._result("entry_hash")
        return self.bad_hashes

    def seal_problems(self, pack: dict) -> list[str]:
        if not self.finished and "seal_digest" not in self.errors:
            self.finished = True
            if unsorted := {seal_id for seal_id, rows in self.rows.items() if not rows.in_order}:
                self._do("seal_digest", self._sort, unsorted)
        self._result("seal_digest")
        problems = self.outside + self.disagreeing
        decisions = {d["id"] for d in pack["review_decisions.json"]}
        seals = self.log["seals"]
        problems += [f"seal #{s['chain_pos']} was written under review decision {s['review_decision_id']}, "
                     "which is not in the pack" for s in seals if _own_seal(s, pack)
                     and s["review_decision_id"] is not None and s["review_decision_id"] not in decisions]
        for seal in seals:
            if _own_seal(seal, pack):
                mine = self.rows[seal["id"]]
                if mine.count != seal["entry_count"] or mine.digest() != seal["entries_digest"]:
                    problems.append(f"seal #{seal['chain_pos']}: covers {seal['entry_count']} row(s) "
                                    f"digesting to {seal['entries_digest'][:12]}; the pack holds "
                                    f"{mine.count} digesting to {mine.digest()[:12]}")
        return problems


_GATHER: dict[str, Callable[..., _Gathered]] = {
    "manifest.json": _ManifestEntries, "lifecycle_log.json": _LogRows, "units.json": _UnitRows}


# -- the checks

def _row_hash_problems(rows: list[dict]) -> list[str]:
    problems = []
    by_pos = {r["chain_pos"]: r for r in rows}
    for row in rows:
        name = f"#{row['chain_pos']} ({row.get('id') or row.get('key_id')})"
        if (recomputed := gov_row_hash(row)) != row["row_hash"]:
            problems.append(f"row {name} re-hashes to {recomputed[:12]}, recorded {row['row_hash'][:12]}")
        before = by_pos.get(row["chain_pos"] - 1)
        if before is not None and row["prev_hash"] != before["row_hash"]:
            problems.append(f"row {name} links to {str(row['prev_hash'])[:12]}, the row before hashes to "
                            f"{before['row_hash'][:12]}")
        if row["chain_pos"] == 1 and row["prev_hash"] is not None:
            problems.append(f"row {name} is first in its chain but names a predecessor")
    return problems


def _rows_of(pack: dict, name: str) -> list[dict]:
    value = pack[name]
    return [value["envelope"]] if name == "manifest.json" else [value] if name == "change_set.json" else value


def _manifest_problems(pack: dict) -> list[str]:
    cs, manifest = pack["change_set.json"], pack["manifest.json"]
    envelope, entries = manifest["envelope"], manifest["entries"]
    digest = entries.digest()
    problems = [f"the entries digest to {digest}, {where} records {recorded}"
                for where, recorded in (("the envelope", envelope["manifest_sha256"]),
                                        ("the change set", cs["manifest_sha256"])) if digest != recorded]
    if not entries.ordinals_are_one_to_n():
        problems.append("the entry ordinals are not 1..n")
    if not entries.count == envelope["unit_count"] == cs["unit_count"]:
        problems.append(f"{entries.count} entries; the envelope declares {envelope['unit_count']}, "
                        f"the change set {cs['unit_count']}")
    if envelope["change_set_id"] != cs["id"] or entries.name_another_envelope():
        problems.append("the envelope or an entry belongs to another change set")
    return problems


def _key_problems(pack: dict) -> list[str]:
    return [f"key {k['key_id'][:12]} of {k['signer']}: the key id is not the SHA-256 of the key"
            for k in pack["public_keys.json"]
            if k["algorithm"] != "ed25519"
            or hashlib.sha256(_bytea(k["public_key"])).hexdigest() != k["key_id"]]


def _verify_digest_problems(pack: dict) -> list[str]:
    cs = pack["change_set.json"]
    return [f"verify result {r['id']}: recomputed {verify_digest(cs, r)[:12]}, "
            f"recorded {r['result_digest'][:12]}"
            for r in pack["verify_results.json"]
            if r["change_set_id"] != cs["id"] or verify_digest(cs, r) != r["result_digest"]]


def _review_digest_problems(pack: dict) -> list[str]:
    cs = pack["change_set.json"]
    return [f"review decision {d['id']}: recomputed {review_digest(d)[:12]}, "
            f"recorded {d['decision_digest'][:12]}"
            for d in pack["review_decisions.json"]
            if review_digest(d) != d["decision_digest"]
            or d["change_set_id"] not in (cs["id"], None) or d["manifest_sha256"] != cs["manifest_sha256"]]


def _signature_problems(pack: dict) -> list[str]:
    signatures = pack["signatures.json"]
    problems = [f"{s['lane']} signature {s['id']} by {s['signer']}: {problem}"
                for s in signatures if (problem := signature_problem(s, pack))]
    lanes = Counter((s["lane"], s["change_set_id"] if s["lane"] == "executor" else
                     s["verify_result_id"] or s["review_decision_id"]) for s in signatures)
    cs = pack["change_set.json"]
    wanted = [("executor", cs["id"])] + [("verifier", r["id"]) for r in pack["verify_results.json"]] + [
        ("reviewer", d["id"]) for d in pack["review_decisions.json"]]
    problems += [f"{lane} of {subject}: {lanes[(lane, subject)]} signature(s) in the pack, one expected"
                 for lane, subject in wanted if lanes[(lane, subject)] != 1]
    return problems


def _own_seal(seal: dict, pack: dict) -> bool:
    return (seal["change_set_id"] == pack["change_set.json"]["id"]
            or seal["review_decision_id"] in {d["id"] for d in pack["review_decisions.json"]})


def _entry_problems(pack: dict) -> list[str]:
    return pack["lifecycle_log.json"]["entries"].entry_problems()


def _seal_digest_problems(pack: dict) -> list[str]:
    return pack["lifecycle_log.json"]["entries"].seal_problems(pack)


def _seal_hash_problems(pack: dict) -> list[str]:
    return [f"seal #{s['chain_pos']} ({s['id']}): recomputed {seal_hash(s)[:12]}, "
            f"recorded {s['seal_hash'][:12]}"
            for s in pack["lifecycle_log.json"]["seals"] if seal_hash(s) != s["seal_hash"]]


def _seal_chain_problems(pack: dict) -> list[str]:
    seals = sorted(pack["lifecycle_log.json"]["seals"], key=lambda s: s["chain_pos"])
    problems = []
    for before, seal in zip([None, *seals], seals, strict=False):
        if before is None:
            if seal["chain_pos"] == 1 and seal["prev_hash"] is not None:
                problems.append("seal #1 names a predecessor")
        elif seal["chain_pos"] != before["chain_pos"] + 1:
            problems.append(f"gap: seal #{seal['chain_pos']} follows #{before['chain_pos']}")
        elif seal["prev_hash"] != before["seal_hash"]:
            problems.append(f"seal #{seal['chain_pos']} links to {str(seal['prev_hash'])[:12]}, "
                            f"seal #{before['chain_pos']} hashes to {before['seal_hash'][:12]}")
    return problems


def _unit_problems(pack: dict) -> list[str]:
    wanted = pack["manifest.json"]["entries"].pairs_digest()
    listed = pack["units.json"].pairs_digest()
    return [] if listed == wanted else ["the units are not the manifest's entries in manifest order"]


Check = tuple[str, str, str, Callable[[dict], list[str]]]
CONTENT_CHECKS: list[Check] = [
    ("manifest_digest", "manifest.json",
     "the entries re-digest (fn_gov_manifest_digest) to the envelope's and the change set's manifest_sha256",
     _manifest_problems),
    *(("row_hash", name, f"every {table} row re-hashes (fn_gov_row_hash) and links to the row before it",
       lambda pack, name=name: _row_hash_problems(_rows_of(pack, name)))
      for name, table in CHAINED.items()),
    ("key_ids", "public_keys.json", "every key id is the SHA-256 of its Ed25519 public key", _key_problems),
    ("verify_digest", "verify_results.json", "every verify result re-digests (fn_gov_verify_digest)",
     _verify_digest_problems),
    ("review_digest", "review_decisions.json",
     "every review decision is bound to this change set or its manifest digest and re-digests"
     " (fn_gov_review_digest)",
     _review_digest_problems),
    ("signatures", "signatures.json",
     "every Ed25519 signature verifies, over the digest its lane signs, with its signer's key;"
     " one per subject",
     _signature_problems),
    ("entry_hash", "lifecycle_log.json", "every lifecycle log row re-hashes (fn_iu_lifecycle_entry_hash)",
     _entry_problems),
    ("seal_digest", "lifecycle_log.json", "every seal of this change set digests exactly its rows in order",
     _seal_digest_problems),
    ("seal_hash", "lifecycle_log.json", "every seal re-hashes (fn_iu_lifecycle_seal_hash)",
     _seal_hash_problems),
    ("seal_chain", "lifecycle_log.json", "the seals link to one another without a gap", _seal_chain_problems),
    ("units", "units.json", "the units are the manifest's entries, in order", _unit_problems),
]


class _Pack(dict):
    def __missing__(self, name: str) -> Any:
        raise LookupError(f"{name} is missing or unreadable")


def check_pack(folder: Path) -> list[Finding]:
    """Re-verify a pack with no database: every check, passed or failed."""
    folder = Path(folder)
    try:
        index = _load(folder / "pack.json")
    except (OSError, ValueError) as exc:
        return [Finding("pack_index", "pack.json", False, f"pack.json is unreadable: {exc!r}")]
    # The files are digested in a thread while their content is read here (reading and hashing
    # let go of the GIL); the digests' findings come first, as they are the first check.
    with concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="audit-pack-digest") as digests:
        files = digests.submit(_check_files, folder, index)
        pack, unreadable = _Pack(), []
        for name in (*CHAINED, "lifecycle_log.json", "units.json"):
            try:
                pack[name] = _read_big(folder, name, pack) if name in BIG else _load(folder / name)
            except (OSError, ValueError) as exc:
                unreadable.append(Finding("json", name, False, f"not readable as JSON: {exc}"))
        try:
            findings = files.result() + unreadable
        except (OSError, ValueError, KeyError, TypeError) as exc:
            return [Finding("pack_index", "pack.json", False, f"pack.json is unreadable: {exc!r}")]
    for check, name, description, run in CONTENT_CHECKS:
        try:
            problems = run(pack)
        except Exception as exc:  # a damaged file: a missing key, a wrong type, bad hex
            problems = [f"cannot check: {type(exc).__name__}: {exc}"]
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        findings.append(Finding(check, name, not problems, "; ".join(problems[:5]) + more or description))
    return findings


# ---- the human-readable report --------------------------------------------------------------

CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:2em}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.3em .5em;text-align:left;
vertical-align:top}th{background:#f4f4f4}code{font:12px ui-monospace,monospace;word-break:break-all}
.pass,.enacted,.valid{color:#176317;font-weight:600}.fail,.invalid,.retired{color:#a31515;font-weight:600}
.draft,.superseded{color:#8a5a00;font-weight:600}ul.tree{list-style:none;padding-left:1.2em}
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _badge(word: Any) -> str:
    return f'<span class="{_e(word)}">{_e(word)}</span>'


_status_badge = functools.lru_cache(maxsize=64)(_badge)  # a unit's lifecycle status: a few words


def _code(text: Any) -> str:
    return f"<code>{_e(text)}</code>"


def _table(headers: list[str] | None, rows: list[list[str]]) -> str:
    head = "<tr>" + "".join(f"<th>{_e(h)}</th>" for h in headers) + "</tr>" if headers else ""
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table>{head}{body}</table>"


class _UnitTree:
    """What the report shows of the units, gathered as they stream into units.json: how many
    are in each lifecycle status, and each unit's line of the tree, under its parent (a parent
    that is not a unit of the pack puts the unit at the top)."""

    def __init__(self) -> None:
        self.statuses: Counter[str] = Counter()
        self.units: list[tuple[str, str | None, str]] = []  # address, parent address, its <li> line

    def add(self, unit: dict) -> None:
        status = unit["lifecycle_status"] or "absent"
        self.statuses[status] += 1
        title = f" — {_e(unit['title'])}" if unit["title"] else ""
        self.units.append((unit["canonical_address"], unit["parent_address"],
                           f"<li>{_code(unit['canonical_address'])}{title} {_status_badge(status)} "
                           f"{_code((unit['content_hash'] or '')[:16])}"))

    def write(self, parts: list[str]) -> None:
        """The nested lists of the tree, depth first, each unit's children in manifest order."""
        addresses = {address for address, _, _ in self.units}
        children: dict[str | None, list[int]] = defaultdict(list)
        for i, (_, parent, _) in enumerate(self.units):
            children[parent if parent in addresses else None].append(i)
        open_lists: list[Iterator[int]] = []  # the children still to write, of each open list

        def open_list(parent: str | None) -> bool:
            if parent not in children:
                return False
            if len(open_lists) > len(self.units):
                raise CutterError("the units' parents go round in a circle")
            parts.append('<ul class="tree">')
            open_lists.append(iter(children[parent]))
            return True

        open_list(None)
        while open_lists:
            i = next(open_lists[-1], None)
            if i is None:
                open_lists.pop()
                parts.append("</ul></li>" if open_lists else "</ul>")
                continue
            address, _, line = self.units[i]
            parts.append(line)
            if not open_list(address):
                parts.append("</li>")
            _spill(parts)


def _write_report(parts: list[str], pack: dict[str, Any]) -> None:
    """report.html, from the pack's rows (the units: a _UnitTree)."""
    cs, manifest, units = pack["change_set.json"], pack["manifest.json"], pack["units.json"]
    results, decisions = pack["verify_results.json"], pack["review_decisions.json"]
    seals = [s for s in pack["lifecycle_log.json"]["seals"] if _own_seal(s, pack)]
    envelope = manifest["envelope"]
    statuses = units.statuses
    verdict = results[-1]["verdict"] if results else "not verified"
    events = [(cs["opened_at"], cs["actor"], f"opened the change set (database login {cs['db_login']})"),
              (envelope["recorded_at"], envelope["recorded_by"],
               f"recorded the manifest of {envelope['unit_count']} units")]
    events += [(s["signed_at"], s["signer"], f"signed as {s['lane']}") for s in pack["signatures.json"]]
    events += [(r["verified_at"], r["verifier"], f"verified: {r['verdict']}") for r in results]
    events += [(d["decided_at"], d["decided_by"], f"{d['decision']} ({d['subject']}): {d['rationale']}")
               for d in decisions]
    events += [(s["performed_at"], s["performed_by"],
                f"{s['transition_type']}: {s['entry_count']} log row(s)") for s in seals]
    events += [(r["performed_at"], r["performed_by"],
                f"rolled back: {r['removed_units']} unit(s), {r['removed_versions']} version(s) removed "
                f"({r['reason']})") for r in pack["rollbacks.json"]]
    events.sort(key=lambda event: event[0])  # UTC ISO texts sort as times; ties keep their order
    summary = [
        ("document", cs["doc_code"]), ("change set", cs["id"]), ("status (at pack time)", cs["status"]),
        ("manifest sha256", cs["manifest_sha256"]), ("source sha256", cs["source_sha256"]),
        ("units", f"{envelope['unit_count']} ({envelope['created_count']} created, "
                  f"{envelope['unchanged_count']} not created by this change set)"),
        ("units by status now", ", ".join(f"{k} {v}" for k, v in sorted(statuses.items()))),
        ("verdict", verdict),
        ("rolled back", "; ".join(f"by {r['performed_by']} at {r['performed_at']}: {r['reason']}"
                                  for r in pack["rollbacks.json"]) or "no"),
        ("review decisions",
         ", ".join(f"{d['decision']} {d['subject']} by {d['decided_by']}" for d in decisions) or "none"),
    ]
    checks = "".join(
        f"<h3>verify result {_e(r['id'])} by {_e(r['verifier'])} at {_e(r['verified_at'])}: "
        f"{_badge(r['verdict'])}</h3>"
        + _table(["check", "outcome", "detail"],
                 [[_e(c.get("check")), _badge(c.get("outcome")), _e(c.get("detail"))] for c in r["checks"]])
        for r in results) or "<p>No verify result recorded.</p>"
    signatures = _table(["lane", "signer", "key id", "signed digest", "signed at", "valid at pack time"], [
        [_e(s["lane"]), _e(s["signer"]), _code(s["key_id"]), _code(s["signed_digest"]), _e(s["signed_at"]),
         _badge("valid") if (problem := signature_problem(s, pack)) is None
         else f"{_badge('invalid')}: {_e(problem)}"]
        for s in pack["signatures.json"]])
    parts.append(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Audit pack {_e(cs['doc_code'])} {_e(cs['id'])}</title>
<style>{CSS}</style></head><body>
<h1>Audit pack: {_e(cs['doc_code'])}, change set <code>{_e(cs['id'])}</code></h1>
<h2>Summary</h2>
{_table(None, [[f"<b>{_e(k)}</b>", _e(v)] for k, v in summary])}
<h2>Who did what, when (UTC)</h2>
{_table(["when", "who", "what"], [[_e(t), _e(who), _e(what)] for t, who, what in events])}
<h2>Units</h2>
""")
    units.write(parts)
    parts.append(f"""
<h2>Verify checks</h2>
{checks}
<h2>Signatures</h2>
{signatures}
<p>Every file of this pack, this report included, is listed with its SHA-256 in pack.json. Check the
pack offline with <code>iu-cutter audit-pack --check DIR</code>.</p>
</body></html>
""")
