#!/usr/bin/env python3
"""Throughput of the cutter against the raw cost of reading its input, and its linearity.

Generates a synthetic Vietnamese-style and an English/EU-style legal document of at
least ``--mb`` MB each (default 20; ``--mb 1`` is a quick smoke run) in a temporary
directory, then measures, best of ``--repeat`` runs each:

* raw (baseline 1): read the file + decode UTF-8 + NFC-normalise, the floor any
  parser pays. The 3x target (``--max-ratio``) is parse / this baseline;
* raw + lines + sha256 (baseline 2): baseline 1, then split the text into lines and
  SHA-256 the source bytes: the minimum any line-based cut that must report
  ``source_sha256`` does. parse / this baseline is reported next to the target
  ratio, for information only;
* parse: read the file + ``parse_document`` (which decodes and normalises itself);
* sha256: one SHA-256 over the file's bytes alone, and (raw + sha256) / raw, a floor
  under the parse/raw ratio that no parser beats;
* peak memory of one parse, with tracemalloc (a separate run: tracing slows it down).

The Vietnamese document mixes in decomposed (NFD) lines at the share measured in
the real corpus (45 of the 941 lines of vn_hien_phap_2013.txt); ``--nfd-share 0``
generates a pure NFC one.

Linearity: each generator in `LINEAR_GENERATORS` builds a document that would expose
a quadratic path (a lookahead or look-behind repeated per line, a regex backtracking
on long lines). Each is parsed at size N and 4N (``--linear-n``), best of
``--linear-repeat``; four times the input must take at most ``--max-linear-ratio``
(default 8) times as long: room for timing noise, while a quadratic path (16x) fails.
This replaces the former timed unit test (tests/cutter/test_linear.py): speed is
measured here, never by timed unit tests (they are flaky on a shared CI machine).

Prints a table of both parts, writes the figures as JSON with ``--json PATH`` and
exits 1 when a parse takes more than ``--max-ratio`` (default 3) times its raw pass
(baseline 1) or a generator's 4N/N time ratio exceeds ``--max-linear-ratio``.

    .venv/bin/python bench/bench_parse.py --json out/bench.json
    .venv/bin/python bench/bench_parse.py --mb 1          # smoke run
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import random
import sys
import tempfile
import time
import tracemalloc
import unicodedata
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from harness.cutter import CutManifest, parse_document
from harness.cutter.numbering import VN_LETTERS, int_to_roman

CORPUS_NFD_SHARE = 45 / 941

_VN_WORDS = str.split(
    "Nhà nước công dân quyền nghĩa vụ pháp luật Hiến pháp Quốc hội Chính phủ cơ quan tổ chức "
    "cá nhân bảo đảm thực hiện quy định theo của và các được có trong việc đối với người lao động "
    "xã hội kinh tế văn hóa giáo dục khoa học công nghệ môi trường quốc phòng an ninh Tòa án "
    "nhân dân Viện kiểm sát địa phương trung ương bảo vệ phát triển quản lý giám sát"
)
_EN_WORDS = str.split(
    "the controller processor personal data subject shall Member State Union law processing "
    "of and to in for with by on where which supervisory authority right measures appropriate "
    "security purposes lawful consent information Commission Board necessary pursuant to "
    "Article Regulation including without prejudice provided that such as relevant"
)


def _sentence(rng: random.Random, words: list[str], end: str = ".") -> str:
    text = " ".join(rng.choices(words, k=rng.randint(18, 55)))
    return text[0].upper() + text[1:] + end


def vn_document(target_bytes: int, nfd_share: float, seed: int = 2013) -> str:
    """Hiến pháp-like text: LỜI NÓI ĐẦU, Chương, Điều N., khoản N., điểm a)."""
    rng = random.Random(seed)
    lines = ["HIẾN PHÁP THỬ NGHIỆM", "", "LỜI NÓI ĐẦU", "", _sentence(rng, _VN_WORDS), ""]
    size, chapter, article = 0, 0, 0
    while size < target_bytes:
        chapter += 1
        block = [f"Chương {int_to_roman(chapter)}.", "", _sentence(rng, _VN_WORDS, "").upper()[:60], ""]
        for _ in range(rng.randint(6, 14)):
            article += 1
            block += [f"Điều {article}.", ""]
            if rng.random() < 0.3:
                block += [_sentence(rng, _VN_WORDS), ""]
                continue
            for clause in range(1, rng.randint(2, 6)):
                block += [f"{clause}. {_sentence(rng, _VN_WORDS, ':' if rng.random() < 0.2 else '.')}", ""]
                if block[-2].endswith(":"):
                    block += [f"{p}) {_sentence(rng, _VN_WORDS, ';')}" for p in VN_LETTERS[:5]]
                    block.append("")
        block = [unicodedata.normalize("NFD", line) if rng.random() < nfd_share else line for line in block]
        text = "\n".join(block)
        size += len(text.encode()) + 1
        lines.append(text)
    return "\n".join(lines) + "\n"


def en_document(target_bytes: int, seed: int = 2016) -> str:
    """GDPR-like text: citations, recitals, CHAPTER/Section/Article, paragraphs, points."""
    rng = random.Random(seed)
    lines = [
        "REGULATION (EU) 2099/1 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL",
        "",
        "THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,",
        "",
        "Having regard to the Treaty on the Functioning of the European Union,",
        "",
        "Whereas:",
        "",
    ]
    for recital in range(1, 200):
        lines += [f"({recital})", "", _sentence(rng, _EN_WORDS), ""]
    lines += ["HAVE ADOPTED THIS REGULATION:", ""]
    size, chapter, article = sum(len(line) + 1 for line in lines), 0, 0
    while size < target_bytes:
        chapter += 1
        block = [f"CHAPTER {int_to_roman(chapter)}", "", _sentence(rng, _EN_WORDS, "")[:70], ""]
        sections = rng.random() < 0.4
        for section in range(1, rng.randint(2, 5) if sections else 2):
            if sections:
                block += [f"Section {section}", "", _sentence(rng, _EN_WORDS, "")[:60], ""]
            for _ in range(rng.randint(3, 8)):
                article += 1
                block += [f"Article {article}", "", _sentence(rng, _EN_WORDS, "")[:80], ""]
                for paragraph in range(1, rng.randint(2, 6)):
                    intro = rng.random() < 0.25
                    block += [f"{paragraph}.   {_sentence(rng, _EN_WORDS, ':' if intro else '.')}", ""]
                    if intro:
                        for point in "abcdefgh"[: rng.randint(2, 8)]:
                            block += [f"({point})", "", _sentence(rng, _EN_WORDS, ";"), ""]
        text = "\n".join(block)
        size += len(text) + 1
        lines.append(text)
    return "\n".join(lines) + "\n"


# -- linearity: documents that would expose a quadratic path ---------------------------------


def _articles(n: int) -> str:
    return "".join(f"Điều {k}. Tiêu đề\n1. Khoản một;\na) điểm a;\nb) điểm b.\n" for k in range(1, n + 1))


def _unclosed_quotes(n: int) -> str:
    return "".join(f"Điều {k}.\n1. Sửa đổi như sau:\n“Điều {k}a. Không đóng ngoặc\n" for k in range(1, n + 1))


def _page_furniture(n: int) -> str:
    furniture = "".join(f"{p}\nCÔNG BÁO/Số {p}/Ngày 1-1-2014\n\n" for p in range(20))
    return "".join(f"Article {k}\n{furniture}(a)\n{furniture}text;\n" for k in range(1, n + 1))


def _long_lines(n: int) -> str:
    line = "## [" * 50 + "(" * 50 + " - - -" * 200 + "x"
    return "Article 1\n\n" + "\n".join(line for _ in range(n)) + "\n"


def _one_huge_line(n: int) -> str:
    return "Điều 1.\n" + "Điều 9 của " * (n * 40) + "\n"


def _labels(n: int) -> str:
    romans = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
    block = "".join(f"({r}) sub-point;\n" for r in romans)
    return "".join(f"Article {k}\n1.   Intro:\n(a) point:\n{block}(b) point.\n" for k in range(1, n + 1))


LINEAR_GENERATORS: dict[str, Callable[[int], str]] = {
    "articles": _articles,
    "unclosed quotations": _unclosed_quotes,
    "page furniture": _page_furniture,
    "long lines": _long_lines,
    "one huge line": _one_huge_line,
    "label lists": _labels,
}


def measure_linearity(n: int, repeat: int, max_ratio: float) -> dict[str, dict[str, object]]:
    """Parse time at N and 4N for every generator, and whether 4N stays within `max_ratio` x N."""
    results: dict[str, dict[str, object]] = {}
    for name, generate in LINEAR_GENERATORS.items():
        small = generate(n).encode()
        large = generate(4 * n).encode()
        assert len(large) >= 3.5 * len(small), f"{name}: 4N is not about four times the input"
        small_seconds = _best_of(repeat, lambda source=small: parse_document(source, doc_code="LIN"))
        large_seconds = _best_of(repeat, lambda source=large: parse_document(source, doc_code="LIN"))
        ratio = large_seconds / small_seconds
        results[name] = {
            "n": n,
            "small_bytes": len(small),
            "large_bytes": len(large),
            "size_ratio": round(len(large) / len(small), 2),
            "small_seconds": round(small_seconds, 5),
            "large_seconds": round(large_seconds, 5),
            "ratio": round(ratio, 2),
            "passed": ratio <= max_ratio,
        }
    return results


# -- throughput ---------------------------------------------------------------------------------


def _best_of(repeat: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def measure(path: Path, doc_code: str, repeat: int) -> dict[str, object]:
    size = path.stat().st_size
    mb = size / 1_000_000

    def raw() -> str:
        return unicodedata.normalize("NFC", path.read_bytes().decode("utf-8"))

    def lines_sha256() -> tuple[str, list[str]]:
        data = path.read_bytes()
        text = unicodedata.normalize("NFC", data.decode("utf-8"))
        return hashlib.sha256(data).hexdigest(), text.split("\n")

    def parse() -> CutManifest:
        return parse_document(path.read_bytes(), doc_code=doc_code)

    raw_seconds = _best_of(repeat, raw)
    lines_sha256_seconds = _best_of(repeat, lines_sha256)
    sha256_seconds = _best_of(repeat, lambda: hashlib.sha256(path.read_bytes()).hexdigest())
    parse_seconds = _best_of(repeat, parse)
    tracemalloc.start()
    manifest = parse()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "file_bytes": size,
        "lines": raw().count("\n"),
        "units": len(manifest.units),
        "counts": manifest.counts_by_kind(),
        "dropped": len(manifest.dropped),
        "raw_seconds": round(raw_seconds, 4),
        "lines_sha256_seconds": round(lines_sha256_seconds, 4),
        "sha256_seconds": round(sha256_seconds, 4),
        "parse_seconds": round(parse_seconds, 4),
        "raw_mb_per_s": round(mb / raw_seconds, 1),
        "lines_sha256_mb_per_s": round(mb / lines_sha256_seconds, 1),
        "parse_mb_per_s": round(mb / parse_seconds, 1),
        # parse / baseline 1 (read + decode + NFC): the ratio the 3x target is about
        "ratio": round(parse_seconds / raw_seconds, 2),
        # parse / baseline 2 (read + decode + NFC + split into lines + sha256): information
        "ratio_vs_lines_sha256": round(parse_seconds / lines_sha256_seconds, 2),
        "ratio_floor": round((raw_seconds + sha256_seconds) / raw_seconds, 2),
        "parse_peak_mib": round(peak / 2**20, 1),
        "peak_per_source_byte": round(peak / size, 2),
    }


BASELINES = {
    "raw": "baseline 1: read + decode UTF-8 + NFC (the 3x target's baseline)",
    "lines_sha256": "baseline 2: read + decode UTF-8 + NFC + split into lines + sha256 of the source",
}


def _print_throughput(results: dict[str, dict[str, object]], max_ratio: float) -> None:
    print(f"Throughput (best of repeats; parse/B1 is the ratio the {max_ratio:g}x target is about)")
    for key, label in BASELINES.items():
        print(f"  B{1 if key == 'raw' else 2} = {label}")
    header = (
        f"{'doc':<4} {'MB':>6} {'lines':>9} {'units':>8} | {'B1 s':>8} {'B1 MB/s':>8} | "
        f"{'B2 s':>8} {'B2 MB/s':>8} | {'parse s':>8} {'MB/s':>6} | {'parse/B1':>8} {'parse/B2':>8} | "
        f"{'sha256 s':>8} {'(B1+sha)/B1':>11} | {'peak MiB':>8}"
    )
    print(header)
    print("-" * len(header))
    for name, f in results.items():
        print(
            f"{name:<4} {f['file_bytes'] / 1e6:>6.1f} {f['lines']:>9} {f['units']:>8} | "  # type: ignore[operator]
            f"{f['raw_seconds']:>8} {f['raw_mb_per_s']:>8} | "
            f"{f['lines_sha256_seconds']:>8} {f['lines_sha256_mb_per_s']:>8} | "
            f"{f['parse_seconds']:>8} {f['parse_mb_per_s']:>6} | "
            f"{str(f['ratio']) + 'x':>8} {str(f['ratio_vs_lines_sha256']) + 'x':>8} | "
            f"{f['sha256_seconds']:>8} {str(f['ratio_floor']) + 'x':>11} | {f['parse_peak_mib']:>8}"
        )


def _print_linearity(results: dict[str, dict[str, object]], max_ratio: float) -> None:
    print(f"Linearity (parse at N and 4N, best of repeats; fails above {max_ratio:g}x)")
    header = (
        f"{'generator':<20} {'N':>6} {'N bytes':>10} {'4N bytes':>10} | "
        f"{'N s':>9} {'4N s':>9} | {'4N/N':>6} {'':>4}"
    )
    print(header)
    print("-" * len(header))
    for name, f in results.items():
        print(
            f"{name:<20} {f['n']:>6} {f['small_bytes']:>10} {f['large_bytes']:>10} | "
            f"{f['small_seconds']:>9} {f['large_seconds']:>9} | {str(f['ratio']) + 'x':>6} "
            f"{'ok' if f['passed'] else 'FAIL':>4}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--mb",
        type=float,
        default=20.0,
        help="minimum size of each document in MB (default 20; 1 for a smoke run)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (best is kept)")
    parser.add_argument("--nfd-share", type=float, default=CORPUS_NFD_SHARE)
    parser.add_argument(
        "--max-ratio",
        type=float,
        default=3.0,
        help="fail when parse takes more than this times baseline 1 (default 3)",
    )
    parser.add_argument(
        "--linear-n",
        type=int,
        default=400,
        help="size N of the linearity documents (parsed at N and 4N; default 400)",
    )
    parser.add_argument("--linear-repeat", type=int, default=3, help="timed runs per linearity size")
    parser.add_argument(
        "--max-linear-ratio",
        type=float,
        default=8.0,
        help="fail when 4N takes more than this times N (default 8; quadratic is 16)",
    )
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--keep", type=Path, help="write the documents here instead of a temp dir")
    args = parser.parse_args(argv)

    target = int(args.mb * 1_000_000)
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-parse-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        documents = {
            "vn": (vn_document(target, args.nfd_share), "BENCH-VN"),
            "en": (en_document(target), "BENCH-EN"),
        }
        for name, (text, doc_code) in documents.items():
            path = folder / f"synthetic_{name}.txt"
            path.write_text(text, encoding="utf-8")
            results[name] = measure(path, doc_code, args.repeat)
    linearity = measure_linearity(args.linear_n, args.linear_repeat, args.max_linear_ratio)

    _print_throughput(results, args.max_ratio)
    print()
    _print_linearity(linearity, args.max_linear_ratio)
    print()
    slow = [name for name, f in results.items() if float(f["ratio"]) > args.max_ratio]  # type: ignore[arg-type]
    quadratic = [name for name, f in linearity.items() if not f["passed"]]
    report = {
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "mb": args.mb,
        "nfd_share": round(args.nfd_share, 4),
        "baselines": BASELINES,
        "max_ratio": args.max_ratio,
        "max_ratio_baseline": "raw",
        "documents": results,
        "max_linear_ratio": args.max_linear_ratio,
        "linearity": linearity,
        "passed": not slow and not quadratic,
    }
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    if slow:
        print(f"FAIL: parse took more than {args.max_ratio:g}x baseline 1 (read + decode + NFC) for: "
              f"{', '.join(slow)}")  # fmt: skip
    else:
        print(f"OK: every parse within {args.max_ratio:g}x baseline 1 (read + decode + NFC)")
    if quadratic:
        print(f"FAIL: not linear (4x the input took more than {args.max_linear_ratio:g}x the time) for: "
              f"{', '.join(quadratic)}")  # fmt: skip
    else:
        print(f"OK: every linearity generator within {args.max_linear_ratio:g}x for 4x the input")
    return 1 if slow or quadratic else 0


if __name__ == "__main__":
    sys.exit(main())
