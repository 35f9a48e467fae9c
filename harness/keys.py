"""Ed25519 signing keys, one per actor, created on first use under IU_CUTTER_HOME.

Layout: ``$IU_CUTTER_HOME/keys/<actor-slug>.key`` (PKCS#8 PEM, mode 0600, in a 0700 folder)
and ``.pub`` beside it (the raw 32-byte public key, hex). IU_CUTTER_HOME defaults to
``~/.iu-cutter``. A private key file readable by anyone but its owner is refused, as ssh does.

What is signed is never a bare digest but ``dot-iu-cutter/v1 <lane> <digest>``: a signature
made in one lane (executor, verifier, reviewer) cannot be replayed in another, nor over other
content.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from harness.errors import CutterError

LANES = ("executor", "verifier", "reviewer")


def home() -> Path:
    return Path(os.environ.get("IU_CUTTER_HOME") or Path.home() / ".iu-cutter")


def signed_message(lane: str, digest: str) -> bytes:
    if lane not in LANES:
        raise ValueError(f"unknown lane {lane!r}")
    if not re.fullmatch(r"[0-9a-f]{64}", digest):
        raise ValueError(f"a signed digest is 64 lower-case hex digits, got {digest!r}")
    return f"dot-iu-cutter/v1 {lane} {digest}".encode("ascii")


def key_id(public_key: bytes) -> str:
    return hashlib.sha256(public_key).hexdigest()


@dataclass(frozen=True)
class Signer:
    actor: str
    private_key: Ed25519PrivateKey
    public_key: bytes

    @property
    def key_id(self) -> str:
        return key_id(self.public_key)

    def sign(self, lane: str, digest: str) -> bytes:
        return self.private_key.sign(signed_message(lane, digest))


# The y coordinates (little-endian, the sign bit of x cleared) of the eight points of small order
# (order dividing the cofactor 8), in every encoding a decoder may take for them: 0, 1, p - 1,
# the two of the points of order 8, and the non-canonical 0 + p and 1 + p. No one's public key
# is such a point, and a signature under one binds nothing: OpenSSL, like RFC 8032, accepts
# A = R = the identity with S = 0 for every message. The database holds the same list
# (cutter_governance.fn_gov_ed25519_small_order); tests derive it from the curve.
SMALL_ORDER = frozenset(bytes.fromhex(y) for y in (
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
))


def small_order(point: bytes) -> bool:
    """Whether a 32-byte Ed25519 point encoding names a point of small order (SMALL_ORDER)."""
    point = bytes(point)
    return len(point) == 32 and point[:31] + bytes([point[31] & 0x7F]) in SMALL_ORDER


def verify(public_key: bytes, lane: str, digest: str, signature: bytes) -> bool:
    """True when signature is the holder of public_key signing digest in lane. A public key or
    R of small order verifies nothing (SMALL_ORDER), as in the database."""
    if small_order(public_key) or small_order(bytes(signature)[:32]):
        return False
    try:
        Ed25519PublicKey.from_public_bytes(bytes(public_key)).verify(
            bytes(signature), signed_message(lane, digest)
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def _slug(actor: str) -> str:
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", actor)[:40].strip("._") or "actor"
    return f"{readable}-{hashlib.sha256(actor.encode('utf-8')).hexdigest()[:12]}"


def load_or_create(actor: str, root: Path | None = None) -> Signer:
    """The actor's signing key, created (0600) the first time the actor signs."""
    folder = (root or home()) / "keys"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    private_path = folder / f"{_slug(actor)}.key"
    if not private_path.exists():
        _create_key_file(private_path)
    # The key file exists now: ours, or the one a concurrent first use put there first.
    mode = stat.S_IMODE(private_path.stat().st_mode)
    if mode & 0o077:
        raise CutterError(
            f"private key {private_path} is readable by others (mode {mode:o})",
            hint=f"chmod 600 {private_path}",
        )
    key = serialization.load_pem_private_key(private_path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise CutterError(f"{private_path} is not an Ed25519 private key")
    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    public_path = private_path.with_suffix(".pub")
    if not public_path.exists():
        _publish(public_path, (public.hex() + "\n").encode("ascii"), 0o644)
    return Signer(actor=actor, private_key=key, public_key=public)


def _create_key_file(path: Path) -> None:
    """A new private key at path, atomically: written in full to a private temporary file,
    then linked into place, which fails if another process got there first (its key wins,
    and the caller loads it). Nobody ever reads a half-written key."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    _publish(path, pem, 0o600)


def _publish(path: Path, data: bytes, mode: int) -> None:
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        os.unlink(temporary)
