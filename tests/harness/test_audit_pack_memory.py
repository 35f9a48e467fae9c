"""The audit pack of a large cut in bounded memory (harness.audit_pack): the writer streams the
manifest's entries, the lifecycle log and the units from the database into their files, and the
check reads those files back a row at a time, so that neither holds a big file whole. Streaming
changes nothing: the same bytes and the same findings whatever the batch and read sizes, and a
pack whose big files are laid out otherwise is checked as before."""

from __future__ import annotations

import hashlib
import json
import random
import tracemalloc
from decimal import Decimal

import pytest

from harness import audit_pack
from harness.audit_pack import check_pack, write_pack
from tests.db.governed import cut, enact, review, verify

CHAPTERS, ARTICLES = 30, 49
UNITS = [("MEM-LAW", "Law of Memory")]
for c in range(1, CHAPTERS + 1):
    UNITS.append((f"MEM-LAW/chp_{c}", f"Chapter {c}. Part {c}"))
    UNITS += [(f"MEM-LAW/chp_{c}/art_{a}", f"Article {a}. Everyone has right number {c}.{a}.")
              for a in range(1, ARTICLES + 1)]
BIG = ("manifest.json", "lifecycle_log.json", "units.json")


@pytest.fixture
def large(conn, signers):
    """1,501 units cut, verified, approved and enacted in two halves: two seals of log rows."""
    cs = cut(conn, signers["alice"], UNITS)
    verify(conn, cs, signers["victor"])
    decision = review(conn, signers["rita"], change_set_id=cs)
    addresses = [a for a, _ in UNITS]
    enact(conn, addresses[:700], decision)
    enact(conn, addresses[700:], decision)
    return cs


def outcomes(findings) -> list[tuple[str, str, bool, str]]:
    return [(f.check, f.file, f.ok, f.detail) for f in findings]


def files(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name != "pack.json"}


def rehash(folder) -> None:
    """pack.json rewritten to list the files as they now are: the content checks must catch it."""
    index = json.loads((folder / "pack.json").read_text())
    for entry in index["files"]:
        blob = (folder / entry["name"]).read_bytes()
        entry["sha256"], entry["bytes"] = hashlib.sha256(blob).hexdigest(), len(blob)
    index["files_digest"] = audit_pack.files_digest(index["files"])
    (folder / "pack.json").write_text(json.dumps(index))


def test_the_pack_is_the_same_whatever_the_batch_flush_and_read_sizes(conn, large, tmp_path, monkeypatch):
    reference = write_pack(conn, large, tmp_path / "reference")
    expected = outcomes(check_pack(reference))
    assert all(ok for _, _, ok, _ in expected)
    log = json.loads((reference / "lifecycle_log.json").read_text())
    assert len(log["seals"]) == 2 and len(log["entries"]) == len(UNITS)

    monkeypatch.setattr(audit_pack, "BATCH", 7)  # many batches, fetched ahead, across two seals
    monkeypatch.setattr(audit_pack._HashingFile, "FLUSH", 3)
    monkeypatch.setattr(audit_pack._JsonReader, "PIECE", 5)  # values and separators across pieces
    small = write_pack(conn, large, tmp_path / "small")
    assert files(small) == files(reference)
    index, again = (json.loads((f / "pack.json").read_text()) for f in (reference, small))
    assert {k: v for k, v in index.items() if k != "generated_at"} == {
        k: v for k, v in again.items() if k != "generated_at"}
    assert outcomes(check_pack(small)) == expected


def test_neither_the_writer_nor_the_check_holds_a_big_file_whole(conn, large, tmp_path, monkeypatch):
    """With small batches and pieces, what the writer and the check hold at once is a small part
    of the big files: a few rows, the digests, and (the writer) a line of the report per unit."""
    monkeypatch.setattr(audit_pack, "BATCH", 50)
    monkeypatch.setattr(audit_pack._HashingFile, "FLUSH", 256)
    monkeypatch.setattr(audit_pack._JsonReader, "PIECE", 16384)
    check_pack(write_pack(conn, large, tmp_path / "warm-up"))  # modules imported on first use, caches
    tracemalloc.start()
    try:
        folder = write_pack(conn, large, tmp_path / "pack")
        writing = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        assert all(f.ok for f in check_pack(folder))
        checking = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    big = sum((folder / name).stat().st_size for name in BIG)
    assert big > 2_000_000
    assert writing < big / 2, (writing, big)  # holding them whole would take more than their size
    assert checking < big / 8, (checking, big)


def test_big_files_laid_out_otherwise_are_checked_as_before(conn, large, tmp_path):
    """Entries out of ordinal order, log rows out of seal order and compact JSON are read whole
    or sorted again, and check as the pack they hold; a changed entry hash still fails."""
    folder = write_pack(conn, large, tmp_path / "pack")
    rng = random.Random(6)
    manifest = json.loads((folder / "manifest.json").read_text(), parse_float=Decimal)
    rng.shuffle(manifest["entries"])
    (folder / "manifest.json").write_text(audit_pack._dumps(manifest) + "\n")
    log = json.loads((folder / "lifecycle_log.json").read_text(), parse_float=Decimal)
    log["entries"].reverse()
    (folder / "lifecycle_log.json").write_text(audit_pack._dumps(log) + "\n")
    units = json.loads((folder / "units.json").read_text(), parse_float=Decimal)
    (folder / "units.json").write_text(json.dumps(units, default=str, separators=(",", ":")))
    rehash(folder)
    assert [f for f in check_pack(folder) if not f.ok] == []

    a, b = log["entries"][10], log["entries"][11]
    a["entry_hash"], b["entry_hash"] = b["entry_hash"], a["entry_hash"]
    (folder / "lifecycle_log.json").write_text(audit_pack._dumps(log) + "\n")
    rehash(folder)
    failed = {(f.check, f.file) for f in check_pack(folder) if not f.ok}
    assert failed == {("entry_hash", "lifecycle_log.json"), ("seal_digest", "lifecycle_log.json")}


ROWS = [{"i": i, "n": Decimal("12345.678") * i, "big": -10 ** 30, "s": "x\n\"\\\u00e9\U0001f600" * (i % 4),
         "none": None, "nested": [1, [], {}, {"a": True}], "f": False} for i in range(6)]


@pytest.mark.parametrize(("document", "before", "key"), [
    ({"envelope": {"id": "e", "k": [1, Decimal("2.5E+3")]}, "entries": ROWS}, ("envelope",), "entries"),
    ({"seals": [], "entries": ROWS[:1]}, ("seals",), "entries"),
    ({"seals": [1], "entries": []}, ("seals",), "entries"),
    (ROWS, (), None),
    ([], (), None),
])
@pytest.mark.parametrize("layout", ["pack", "compact", "spaced"])
def test_the_reader_reads_the_rows_at_any_piece_size(tmp_path, monkeypatch, document, before, key, layout):
    text = {"pack": audit_pack._dumps(document) + "\n",
            "compact": json.dumps(document, default=str, separators=(",", ":")),
            "spaced": json.dumps(document, default=str, indent=3).replace("\n", "\r\n \t")}[layout]
    path = tmp_path / "big.json"
    path.write_text(text, encoding="utf-8")
    whole = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    for piece in (1, 2, 3, 7, 64, 1 << 20):
        monkeypatch.setattr(audit_pack._JsonReader, "PIECE", piece)
        rows = audit_pack._file_rows(path, before, key)
        head = next(rows)
        assert list(rows) == (whole[key] if key else whole)
        assert head == {name: whole[name] for name in before}


@pytest.mark.parametrize("text", ['{"envelope": 1, "entries": [1, 2,]}', '{"envelope": 1, "entries": [1]} x',
                                  '{"entries": [], "envelope": 1}', '{"envelope": 1, "entries": [1], "z": 2}',
                                  '{"envelope": 1, "entries": [1'])
def test_the_reader_refuses_what_write_pack_does_not_write(tmp_path, text):
    """Not JSON, or not laid out as written: the check then reads the file whole, as before."""
    path = tmp_path / "big.json"
    path.write_text(text)
    with pytest.raises((ValueError, audit_pack._NotAsWritten)):
        list(audit_pack._file_rows(path, ("envelope",), "entries"))
