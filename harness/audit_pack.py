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
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import math
import shutil
import tempfile
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

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
        ordered = sorted(value, key=lambda k: (len(k.encode("utf-8")), k.encode("utf-8")))
        return "{" + ", ".join(f"{_json_string(k)}: {jsonb_text(value[k])}" for k in ordered) + "}"
    raise TypeError(f"not a JSON value: {value!r}")


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
    return ",".join(quote_nullable(None if v is None else str(v)) for v in values)


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
        expected = manifest_digest(pack["manifest.json"]["entries"])
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

def _rows(conn: psycopg.Connection, query: str, params: tuple = ()) -> list[dict]:
    """The query's rows (one JSON text each), read through a server-side cursor in batches and
    parsed one batch at a time: one decoder call per batch, and never the whole result twice."""
    rows: list[dict] = []
    with conn.transaction(), conn.cursor(name=f"pack_{uuid.uuid4().hex}") as cur:
        cur.execute(query, params)
        while batch := cur.fetchmany(5000):
            rows += json.loads("[" + ",".join(r[0] for r in batch) + "]", parse_float=Decimal)
    return rows


def _json(value: Any) -> Any:
    """A caller's dict as plain JSON values (dates and paths as text, numbers exact)."""
    return json.loads(json.dumps(value, default=str, ensure_ascii=False), parse_float=Decimal)


def read_pack_data(conn: psycopg.Connection, change_set_id: str) -> dict[str, Any]:
    """Every row the pack holds, read in one snapshot with timestamps rendered in UTC."""
    fresh = conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    with conn.transaction():
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
        entries = _rows(conn, f"SELECT row_to_json(t)::text FROM {G}.manifest_entry AS t"
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
        log = _rows(conn, "SELECT row_to_json(t)::text FROM public.iu_lifecycle_log AS t"
                          " JOIN public.iu_lifecycle_log_seal AS s ON s.id = t.seal_id"
                          " WHERE s.change_set_id = %s::uuid OR s.review_decision_id = ANY(%s::uuid[])"
                          " ORDER BY s.chain_pos, t.seal_ordinal", (cs["id"], decision_ids))
        units = _rows(conn, "SELECT json_build_object("
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
    return {
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


_SCALARS: dict[type, Callable[[Any], str]] = {
    str: _encode_basestring, int: str, type(None): lambda _: "null",
    bool: lambda v: "true" if v else "false", Decimal: lambda v: format(v, "f"),
}


class _HashingFile:
    """A file written in pieces, UTF-8, digested on the way: a pack of a large cut is written
    without ever holding a whole file in memory. Quacks like the list _dump_into fills."""

    FLUSH = 65536  # pieces held before they are joined and written

    def __init__(self, path: Path) -> None:
        self.path, self.pieces, self.sha256, self.bytes = path, [], hashlib.sha256(), 0

    def __enter__(self) -> _HashingFile:
        self.file = open(self.path, "wb")  # closed in __exit__
        return self

    def append(self, piece: str) -> None:
        self.pieces.append(piece)
        if len(self.pieces) >= self.FLUSH:
            self.flush()

    def flush(self) -> None:
        blob = "".join(self.pieces).encode("utf-8")
        self.pieces.clear()
        self.file.write(blob)
        self.sha256.update(blob)
        self.bytes += len(blob)

    def __exit__(self, *exc: object) -> None:
        try:
            if exc[0] is None:
                self.flush()
        finally:
            self.file.close()


def _dumps(value: Any, indent: str = "") -> str:
    """Indented JSON that keeps exact decimals as numbers (a pack holds millions of values for
    a large cut: scalars are written by type lookup, everything goes into one list)."""
    parts: list[str] = []
    _dump_into(parts, value, indent)
    return "".join(parts)


def _dump_into(parts: list[str] | _HashingFile, value: Any, indent: str) -> None:
    scalar = _SCALARS.get(type(value))
    if scalar is not None:
        parts.append(scalar(value))
    elif isinstance(value, dict) and value:
        inner = indent + "  "
        opener = "{\n"
        for k, v in value.items():
            scalar = _SCALARS.get(type(v))
            if scalar is not None:
                parts.append(f"{opener}{inner}{_encode_basestring(k)}: {scalar(v)}")
            else:
                parts.append(f"{opener}{inner}{_encode_basestring(k)}: ")
                _dump_into(parts, v, inner)
            opener = ",\n"
        parts.append(f"\n{indent}}}")
    elif isinstance(value, list) and value:
        inner = indent + "  "
        opener = "[\n"
        for v in value:
            parts.append(opener + inner)
            _dump_into(parts, v, inner)
            opener = ",\n"
        parts.append(f"\n{indent}]")
    else:
        parts.append(jsonb_text(value))


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
    data = read_pack_data(conn, str(change_set_id))
    if survey_snapshot is not None:
        data["survey.json"] = _json(survey_snapshot)
    if backup is not None:
        data["backup.json"] = _json(backup)
    # Written into a hidden sibling folder and renamed into place when complete: a pack that
    # could not be finished (a full disk) leaves nothing behind, and a rerun may use the name.
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    staging.chmod(0o755)  # a pack is for reading: mkdtemp makes it private
    try:
        _write_files(staging, data)
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


def _write_files(folder: Path, data: dict[str, Any]) -> None:
    listing = []
    for name in sorted([*data, "report.html"]):
        with _HashingFile(folder / name) as sink:
            if name == "report.html":
                sink.append(render_report(data))
            else:
                _dump_into(sink, data[name], "")
                sink.append("\n")
        listing.append({"name": name, "sha256": sink.sha256.hexdigest(), "bytes": sink.bytes})
    index = {
        "format": FORMAT,
        "change_set_id": data["change_set.json"]["id"],
        "doc_code": data["change_set.json"]["doc_code"],
        "generated_at": datetime.now(UTC).isoformat(),
        "generated_by": f"iu-cutter {__version__}",
        "files": listing,
        "files_digest": files_digest(listing),
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
            blob = path.read_bytes()
            have = hashlib.sha256(blob).hexdigest()
            findings.append(Finding(
                "file_sha256", name, have == entry["sha256"] and len(blob) == entry["bytes"],
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
    digest = manifest_digest(entries)
    problems = [f"the entries digest to {digest}, {where} records {recorded}"
                for where, recorded in (("the envelope", envelope["manifest_sha256"]),
                                        ("the change set", cs["manifest_sha256"])) if digest != recorded]
    if sorted(e["ordinal"] for e in entries) != list(range(1, len(entries) + 1)):
        problems.append("the entry ordinals are not 1..n")
    if not len(entries) == envelope["unit_count"] == cs["unit_count"]:
        problems.append(f"{len(entries)} entries; the envelope declares {envelope['unit_count']}, "
                        f"the change set {cs['unit_count']}")
    if envelope["change_set_id"] != cs["id"] or any(e["envelope_id"] != envelope["id"] for e in entries):
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
    return [f"log row {r['id']} ({r['canonical_address']}): recomputed {entry_hash(r)[:12]}, "
            f"recorded {r['entry_hash'][:12]}"
            for r in pack["lifecycle_log.json"]["entries"] if entry_hash(r) != r["entry_hash"]]


def _seal_digest_problems(pack: dict) -> list[str]:
    log = pack["lifecycle_log.json"]
    rows: dict[str, list[dict]] = defaultdict(list)
    for row in log["entries"]:
        rows[row["seal_id"]].append(row)
    seals = {s["id"]: s for s in log["seals"]}
    problems = [f"log row {r['id']} belongs to no seal of this change set in the pack"
                for r in log["entries"]
                if r["seal_id"] not in seals or not _own_seal(seals[r["seal_id"]], pack)]
    problems += [f"log row {r['id']} disagrees with its seal about the change set or review decision"
                 for r in log["entries"] if r["seal_id"] in seals and (
                     (r["change_set_id"], r["review_decision_id"])
                     != (seals[r["seal_id"]]["change_set_id"], seals[r["seal_id"]]["review_decision_id"]))]
    decisions = {d["id"] for d in pack["review_decisions.json"]}
    problems += [f"seal #{s['chain_pos']} was written under review decision {s['review_decision_id']}, "
                 "which is not in the pack" for s in log["seals"] if _own_seal(s, pack)
                 and s["review_decision_id"] is not None and s["review_decision_id"] not in decisions]
    for seal in log["seals"]:
        mine = rows.get(seal["id"], [])
        if _own_seal(seal, pack) and (len(mine) != seal["entry_count"]
                                      or entries_digest(mine) != seal["entries_digest"]):
            problems.append(f"seal #{seal['chain_pos']}: covers {seal['entry_count']} row(s) digesting to "
                            f"{seal['entries_digest'][:12]}; the pack holds {len(mine)} digesting to "
                            f"{entries_digest(mine)[:12]}")
    return problems


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
    entries = sorted(pack["manifest.json"]["entries"], key=lambda e: e["ordinal"])
    listed = [(u["canonical_address"], u["manifest_content_hash"]) for u in pack["units.json"]]
    wanted = [(e["canonical_address"], e["content_hash"]) for e in entries]
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
        findings = _check_files(folder, index)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [Finding("pack_index", "pack.json", False, f"pack.json is unreadable: {exc!r}")]
    pack = _Pack()
    for name in (*CHAINED, "lifecycle_log.json", "units.json"):
        try:
            pack[name] = _load(folder / name)
        except (OSError, ValueError) as exc:
            findings.append(Finding("json", name, False, f"not readable as JSON: {exc}"))
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


def _code(text: Any) -> str:
    return f"<code>{_e(text)}</code>"


def _table(headers: list[str] | None, rows: list[list[str]]) -> str:
    head = "<tr>" + "".join(f"<th>{_e(h)}</th>" for h in headers) + "</tr>" if headers else ""
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table>{head}{body}</table>"


def _tree(units: list[dict]) -> str:
    children: dict[str | None, list[dict]] = defaultdict(list)
    addresses = {u["canonical_address"] for u in units}
    for unit in units:
        parent = unit["parent_address"] if unit["parent_address"] in addresses else None
        children[parent].append(unit)

    def branch(parent: str | None) -> str:
        items = []
        for u in children.get(parent, []):
            status = u["lifecycle_status"] or "absent"
            title = f" — {_e(u['title'])}" if u["title"] else ""
            items.append(f"<li>{_code(u['canonical_address'])}{title} {_badge(status)} "
                         f"{_code((u['content_hash'] or '')[:16])}{branch(u['canonical_address'])}</li>")
        return f"<ul class=\"tree\">{''.join(items)}</ul>" if items else ""

    return branch(None)


def render_report(pack: dict[str, Any]) -> str:
    cs, manifest, units = pack["change_set.json"], pack["manifest.json"], pack["units.json"]
    results, decisions = pack["verify_results.json"], pack["review_decisions.json"]
    seals = [s for s in pack["lifecycle_log.json"]["seals"] if _own_seal(s, pack)]
    envelope = manifest["envelope"]
    statuses = Counter(u["lifecycle_status"] or "absent" for u in units)
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
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Audit pack {_e(cs['doc_code'])} {_e(cs['id'])}</title>
<style>{CSS}</style></head><body>
<h1>Audit pack: {_e(cs['doc_code'])}, change set <code>{_e(cs['id'])}</code></h1>
<h2>Summary</h2>
{_table(None, [[f"<b>{_e(k)}</b>", _e(v)] for k, v in summary])}
<h2>Who did what, when (UTC)</h2>
{_table(["when", "who", "what"], [[_e(t), _e(who), _e(what)] for t, who, what in events])}
<h2>Units</h2>
{_tree(units)}
<h2>Verify checks</h2>
{checks}
<h2>Signatures</h2>
{signatures}
<p>Every file of this pack, this report included, is listed with its SHA-256 in pack.json. Check the
pack offline with <code>iu-cutter audit-pack --check DIR</code>.</p>
</body></html>
"""
