"""Fixtures for the cutter tests: the shared corpus and the hand-written documents."""

from __future__ import annotations

from pathlib import Path

import pytest

DOCUMENTS = Path(__file__).resolve().parent / "documents"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

# file name -> document code used in the tests
CORPUS_FILES = {
    "vn_hien_phap_2013.txt": "VN-HP-2013",
    "gdpr.txt": "GDPR",
    "us_constitution.md": "US-CONST",
}


def corpus_bytes(name: str) -> bytes:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"shared corpus file {path} is absent (the corpus lives outside the repo)")
    return path.read_bytes()


def document_bytes(name: str) -> bytes:
    return (DOCUMENTS / name).read_bytes()


@pytest.fixture(scope="session")
def vn_constitution() -> bytes:
    return corpus_bytes("vn_hien_phap_2013.txt")


@pytest.fixture(scope="session")
def gdpr() -> bytes:
    return corpus_bytes("gdpr.txt")


@pytest.fixture(scope="session")
def us_constitution() -> bytes:
    return corpus_bytes("us_constitution.md")
