"""The cutter: legal documents in, Information Units out (pure Python, stdlib only).

``parse_document`` cuts a Markdown or plain-text legal document into units with
canonical addresses (CONTRACT §5); ``load_manifest_json`` rebuilds the same
manifest from a ``.json`` cut manifest. docs/addressing.md documents the address
grammar, the unit kinds and how they map to Akoma Ntoso eIds.
"""

from .akn import akn_eid_to_segments
from .manifest_json import load_manifest_json
from .model import (
    GRANULARITIES,
    PROFILES,
    CutManifest,
    CutterInputError,
    Dropped,
    ParseWarning,
    Unit,
    UnitLimitExceeded,
    content_hash,
    manifest_digest,
)
from .parser import UNIT_KINDS, parse_document

__all__ = [
    "GRANULARITIES",
    "PROFILES",
    "UNIT_KINDS",
    "CutManifest",
    "CutterInputError",
    "Dropped",
    "ParseWarning",
    "Unit",
    "UnitLimitExceeded",
    "akn_eid_to_segments",
    "content_hash",
    "load_manifest_json",
    "manifest_digest",
    "parse_document",
]
