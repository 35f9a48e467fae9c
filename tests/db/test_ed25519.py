"""cutter_governance.fn_gov_ed25519_verify: strict RFC 8032 Ed25519 verification in PL/pgSQL,
checked against the RFC's test vectors, tampered copies of them, malformed inputs, and random
signatures made by the `cryptography` package."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import NamedTuple

import psycopg
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from hypothesis import given, settings
from hypothesis import strategies as st

from harness import keys
from tests.conftest import REPO, as_role, connect

SQL_FILE = REPO / "sql" / "functions" / "cutter_governance" / "fn_gov_ed25519_verify.sql"
SMALL_ORDER_FILE = SQL_FILE.with_name("fn_gov_ed25519_small_order.sql")
SIGNATURE = "cutter_governance.fn_gov_ed25519_verify(bytea,bytea,bytea)"
SMALL_ORDER = "cutter_governance.fn_gov_ed25519_small_order(bytea)"
VERIFY = "SELECT cutter_governance.fn_gov_ed25519_verify(%s::bytea, %s::bytea, %s::bytea)"

P = 2**255 - 19
D = -121665 * pow(121666, P - 2, P) % P
L = 2**252 + 27742317777372353535851937790883648493


class Vector(NamedTuple):
    name: str
    secret: bytes
    public: bytes
    message: bytes
    signature: bytes


def _vector(name: str, secret: str, public: str, message: str, signature: str) -> Vector:
    return Vector(
        name, bytes.fromhex(secret), bytes.fromhex(public), bytes.fromhex(message), bytes.fromhex(signature)
    )


# RFC 8032 section 7.1.
RFC8032 = [
    _vector(
        "TEST 1",
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
        "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    ),
    _vector(
        "TEST 2",
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
        "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
    ),
    _vector(
        "TEST 3",
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
        "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
    ),
    _vector(
        "TEST 1024",
        "f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5",
        "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
        "08b8b2b733424243760fe426a4b54908632110a66c2f6591eabd3345e3e4eb98fa6e264bf09efe12ee50f8f54e9f77b1"
        "e355f6c50544e23fb1433ddf73be84d879de7c0046dc4996d9e773f4bc9efe5738829adb26c81b37c93a1b270b20329d"
        "658675fc6ea534e0810a4432826bf58c941efb65d57a338bbd2e26640f89ffbc1a858efcb8550ee3a5e1998bd177e93a"
        "7363c344fe6b199ee5d02e82d522c4feba15452f80288a821a579116ec6dad2b3b310da903401aa62100ab5d1a36553e"
        "06203b33890cc9b832f79ef80560ccb9a39ce767967ed628c6ad573cb116dbefefd75499da96bd68a8a97b928a8bbc10"
        "3b6621fcde2beca1231d206be6cd9ec7aff6f6c94fcd7204ed3455c68c83f4a41da4af2b74ef5c53f1d8ac70bdcb7ed1"
        "85ce81bd84359d44254d95629e9855a94a7c1958d1f8ada5d0532ed8a5aa3fb2d17ba70eb6248e594e1a2297acbbb39d"
        "502f1a8c6eb6f1ce22b3de1a1f40cc24554119a831a9aad6079cad88425de6bde1a9187ebb6092cf67bf2b13fd65f270"
        "88d78b7e883c8759d2c4f5c65adb7553878ad575f9fad878e80a0c9ba63bcbcc2732e69485bbc9c90bfbd62481d9089b"
        "eccf80cfe2df16a2cf65bd92dd597b0707e0917af48bbb75fed413d238f5555a7a569d80c3414a8d0859dc65a46128ba"
        "b27af87a71314f318c782b23ebfe808b82b0ce26401d2e22f04d83d1255dc51addd3b75a2b1ae0784504df543af8969b"
        "e3ea7082ff7fc9888c144da2af58429ec96031dbcad3dad9af0dcbaaaf268cb8fcffead94f3c7ca495e056a9b47acdb7"
        "51fb73e666c6c655ade8297297d07ad1ba5e43f1bca32301651339e22904cc8c42f58c30c04aafdb038dda0847dd988d"
        "cda6f3bfd15c4b4c4525004aa06eeff8ca61783aacec57fb3d1f92b0fe2fd1a85f6724517b65e614ad6808d6f6ee34df"
        "f7310fdc82aebfd904b01e1dc54b2927094b2db68d6f903b68401adebf5a7e08d78ff4ef5d63653a65040cf9bfd4aca7"
        "984a74d37145986780fc0b16ac451649de6188a7dbdf191f64b5fc5e2ab47b57f7f7276cd419c17a3ca8e1b939ae49e4"
        "88acba6b965610b5480109c8b17b80e1b7b750dfc7598d5d5011fd2dcc5600a32ef5b52a1ecc820e308aa342721aac09"
        "43bf6686b64b2579376504ccc493d97e6aed3fb0f9cd71a43dd497f01f17c0e2cb3797aa2a2f256656168e6c496afc5f"
        "b93246f6b1116398a346f1a641f3b041e989f7914f90cc2c7fff357876e506b50d334ba77c225bc307ba537152f3f161"
        "0e4eafe595f6d9d90d11faa933a15ef1369546868a7f3a45a96768d40fd9d03412c091c6315cf4fde7cb68606937380d"
        "b2eaaa707b4c4185c32eddcdd306705e4dc1ffc872eeee475a64dfac86aba41c0618983f8741c5ef68d3a101e8a3b8ca"
        "c60c905c15fc910840b94c00a0b9d0",
        "0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350"
        "aa5371b1508f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03",
    ),
    _vector(
        "TEST SHA(abc)",
        "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
        "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
        "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
        "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589"
        "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704",
    ),
]
IDS = [v.name for v in RFC8032]


def reference(public: bytes, message: bytes, signature: bytes) -> bool:
    """The `cryptography` package's (OpenSSL's) verdict."""
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def public_of(secret: bytes) -> bytes:
    return (
        Ed25519PrivateKey.from_private_bytes(secret)
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )


def flip(data: bytes, bit: int) -> bytes:
    out = bytearray(data)
    out[bit // 8] ^= 1 << (bit % 8)
    return bytes(out)


def le32(n: int) -> bytes:
    return n.to_bytes(32, "little")


def x_squared(y: int) -> int:
    """x^2 = (y^2 - 1) / (d y^2 + 1) mod p, the curve equation solved for x^2."""
    return (y * y - 1) * pow(D * y * y + 1, P - 2, P) % P


def has_x(y: int) -> bool:
    """Whether x^2 has a root mod p (Euler's criterion)."""
    x2 = x_squared(y)
    return x2 == 0 or pow(x2, (P - 1) // 2, P) == 1


@pytest.fixture(scope="module")
def verifier(server, module_db) -> Iterator[psycopg.Connection]:
    """A connection to the module's database, where the verify function and the small-order
    list it calls exist (each created from its living file unless a migration installed it)."""
    with connect(server, module_db) as conn:
        for signature, path in ((SMALL_ORDER, SMALL_ORDER_FILE), (SIGNATURE, SQL_FILE)):
            if conn.execute("SELECT to_regprocedure(%s) IS NULL", (signature,)).fetchone()[0]:
                conn.execute(path.read_text())
        yield conn


def verify(
    conn: psycopg.Connection, public: bytes | None, message: bytes | None, signature: bytes | None
) -> bool | None:
    return conn.execute(VERIFY, (public, message, signature)).fetchone()[0]


# --- The RFC 8032 vectors -----------------------------------------------------------------------


@pytest.mark.parametrize("vector", RFC8032, ids=IDS)
def test_the_vectors_are_typed_right(vector):
    """A typo in a vector fails here, not as a mystery in the database."""
    assert public_of(vector.secret) == vector.public
    assert Ed25519PrivateKey.from_private_bytes(vector.secret).sign(vector.message) == vector.signature
    assert reference(vector.public, vector.message, vector.signature)


def test_the_sha_abc_vector_signs_sha512_of_abc():
    assert RFC8032[-1].message == hashlib.sha512(b"abc").digest()
    assert len(RFC8032[3].message) == 1023


@pytest.mark.parametrize("vector", RFC8032, ids=IDS)
def test_rfc8032_vectors_verify(verifier, vector):
    assert verify(verifier, vector.public, vector.message, vector.signature) is True


# --- Tampering: one flipped bit anywhere fails ----------------------------------------------------


def _tampered(vector: Vector, part: str, where: str) -> tuple[bytes, bytes, bytes]:
    public, message, signature = vector.public, vector.message, vector.signature
    if part == "message":
        if not message:  # nothing to flip in TEST 1's empty message: a one-byte message instead
            return public, bytes([0 if where == "low" else 0x80]), signature
        return public, flip(message, 0 if where == "low" else 8 * len(message) - 1), signature
    if part == "R":
        return public, message, flip(signature[:32], 0 if where == "low" else 255) + signature[32:]
    if part == "S":
        return public, message, signature[:32] + flip(signature[32:], 0 if where == "low" else 251)
    return flip(public, 0 if where == "low" else 255), message, signature


@pytest.mark.parametrize("where", ["low", "high"])
@pytest.mark.parametrize("part", ["message", "R", "S", "public key"])
@pytest.mark.parametrize("vector", RFC8032, ids=IDS)
def test_one_flipped_bit_fails(verifier, vector, part, where):
    public, message, signature = _tampered(vector, part, where)
    assert not reference(public, message, signature)
    assert verify(verifier, public, message, signature) is False


# --- Malformed input ----------------------------------------------------------------------------


@pytest.mark.parametrize("vector", RFC8032, ids=IDS)
def test_non_canonical_s_fails(verifier, vector):
    s = int.from_bytes(vector.signature[32:], "little")
    forged = vector.signature[:32] + le32(s + L)
    assert not reference(vector.public, vector.message, forged)
    assert verify(verifier, vector.public, vector.message, forged) is False


def test_s_equal_to_l_fails(verifier):
    vector = RFC8032[1]
    assert verify(verifier, vector.public, vector.message, vector.signature[:32] + le32(L)) is False


@pytest.mark.parametrize(
    ("public_len", "signature_len"),
    [(0, 64), (31, 64), (33, 64), (64, 64), (32, 0), (32, 63), (32, 65), (32, 128)],
)
def test_wrong_lengths_fail(verifier, public_len, signature_len):
    vector = RFC8032[2]
    public = (vector.public * 2)[:public_len]
    signature = (vector.signature * 2)[:signature_len]
    assert verify(verifier, public, vector.message, signature) is False


def _not_on_curve() -> int:
    return next(y for y in range(2, 100) if not has_x(y))


@pytest.mark.parametrize(
    "encoded",
    [
        le32(P),  # y = p: not canonical
        le32(P + 1),  # y = p + 1 (the identity's y, plus p): not canonical
        le32(2**255 - 1),  # the largest 255-bit y
        le32(1 | 1 << 255),  # y = 1, so x = 0, with the sign bit set
        le32((P - 1) | 1 << 255),  # y = -1, so x = 0, with the sign bit set
        le32(_not_on_curve()),  # x^2 has no square root
        le32(_not_on_curve() | 1 << 255),
    ],
    ids=["y=p", "y=p+1", "y=2^255-1", "x=0 signed (y=1)", "x=0 signed (y=-1)", "no root", "no root signed"],
)
def test_public_key_or_r_that_does_not_decode_fails(verifier, encoded):
    """RFC 8032 5.1.3 decoding is strict: OpenSSL accepts some of these (it reduces y mod p and
    ignores a sign bit on x = 0), the database never does. The other point is the identity and
    S = 0, so an encoding of the identity that slipped through decoding would verify."""
    identity = le32(1)
    message = b"anything"
    for public, signature in [(encoded, identity + bytes(32)), (identity, encoded + bytes(32))]:
        assert verify(verifier, public, message, signature) is False


# --- Points of small order -----------------------------------------------------------------------


def _add(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    """Affine addition on -x^2 + y^2 = 1 + d x^2 y^2 (complete: the denominators never vanish)."""
    t = D * a[0] * b[0] * a[1] * b[1] % P
    return ((a[0] * b[1] + a[1] * b[0]) * pow(1 + t, P - 2, P) % P,
            (a[1] * b[1] + a[0] * b[0]) * pow(1 - t, P - 2, P) % P)


def _times(k: int, point: tuple[int, int]) -> tuple[int, int]:
    result = (0, 1)
    while k:
        if k & 1:
            result = _add(result, point)
        point, k = _add(point, point), k >> 1
    return result


def _x_of(y: int) -> int:
    x2 = x_squared(y)
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P:
        x = x * pow(2, (P - 1) // 4, P) % P
    assert (x * x - x2) % P == 0
    return x


def torsion() -> set[tuple[int, int]]:
    """The eight points of order dividing 8: the multiples of [L]Q for a point Q of order 8L."""
    y = 2
    while True:
        if has_x(y):
            t = _times(L, (_x_of(y), y))
            if _times(4, t) != (0, 1):
                break
        y += 1
    points, q = set(), (0, 1)
    for _ in range(8):
        points.add(q)
        q = _add(q, t)
    assert len(points) == 8 and all(_times(8, p) == (0, 1) for p in points)
    return points


def small_order_encodings() -> tuple[set[bytes], set[bytes]]:
    """(the canonical encodings of the eight points; every 32-byte string a lax decoder, which
    reduces y mod p and ignores the sign bit of x = 0, takes for one of them)."""
    canonical, lax = set(), set()
    for x, y in torsion():
        canonical.add(le32(y | (x & 1) << 255))
        for y_enc in (y, y + P):
            if y_enc < 2**255:
                lax |= {le32(y_enc), le32(y_enc | 1 << 255)}
    return canonical, lax


def test_the_small_order_list_is_the_curve_s(verifier):
    """The list in the database and in harness.keys is exactly the y coordinates of the eight
    points (sign bit cleared), the non-canonical encodings included; every encoding of them is
    recognised, and no real key or other point is."""
    canonical, lax = small_order_encodings()
    assert len(canonical) == 8 and canonical <= lax and len(lax) == 14
    assert {e[:31] + bytes([e[31] & 0x7F]) for e in lax} == keys.SMALL_ORDER
    check = "SELECT cutter_governance.fn_gov_ed25519_small_order(%s::bytea)"
    for encoded in lax:
        assert verifier.execute(check, (encoded,)).fetchone()[0] is True, encoded.hex()
        assert keys.small_order(encoded)
    others = [v.public for v in RFC8032] + [le32(2), le32(P - 2), le32(3 | 1 << 255), b"", b"\x01" * 31]
    for encoded in others:
        assert verifier.execute(check, (encoded,)).fetchone()[0] is False, encoded.hex()
        assert not keys.small_order(encoded)
    assert verifier.execute(check, (None,)).fetchone()[0] is None


@pytest.mark.parametrize("message", [b"", b"any message", b"dot-iu-cutter/v1 reviewer " + b"0" * 64])
def test_a_public_key_or_r_of_small_order_verifies_nothing(verifier, message):
    """OpenSSL accepts A = R = the identity with S = 0 for any message (the cofactorless equation
    holds); the database and harness.keys refuse a key or R of small order, for each of them."""
    canonical, _ = small_order_encodings()
    identity = le32(1)
    assert reference(identity, message, identity + bytes(32))
    for point in canonical:
        for public, r in ((point, identity), (identity, point), (point, point)):
            assert verify(verifier, public, message, r + bytes(32)) is False, (public.hex(), r.hex())
    secret = hashlib.sha256(b"small order").digest()
    genuine = Ed25519PrivateKey.from_private_bytes(secret).sign(message)
    assert verify(verifier, public_of(secret), message, genuine) is True
    if message.startswith(b"dot-iu-cutter/v1 reviewer "):
        digest = message.split(b" ")[-1].decode()
        assert keys.verify(identity, "reviewer", digest, identity + bytes(32)) is False


@pytest.mark.parametrize("null_at", [0, 1, 2])
def test_null_input_gives_null(verifier, null_at):
    args = [RFC8032[1].public, RFC8032[1].message, RFC8032[1].signature]
    args[null_at] = None
    assert verify(verifier, *args) is None


# --- What the product signs, and random signatures ------------------------------------------------


def test_a_reviewer_signature_as_the_product_makes_it_verifies(verifier):
    secret = hashlib.sha256(b"dot-iu-cutter test reviewer").digest()
    digest = hashlib.sha256(b"a manifest").hexdigest()
    message = keys.signed_message("reviewer", digest)
    assert message == b"dot-iu-cutter/v1 reviewer " + digest.encode("ascii")
    signature = Ed25519PrivateKey.from_private_bytes(secret).sign(message)
    public = public_of(secret)
    assert verify(verifier, public, message, signature) is True
    assert verify(verifier, public, keys.signed_message("executor", digest), signature) is False


@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    secret=st.binary(min_size=32, max_size=32),
    message=st.binary(max_size=300),
    other=st.binary(max_size=300),
)
def test_random_signatures_verify_and_do_not_transfer(verifier, secret, message, other):
    if other == message:
        other = message + b"\x00"
    signature = Ed25519PrivateKey.from_private_bytes(secret).sign(message)
    public = public_of(secret)
    row = verifier.execute(
        "SELECT cutter_governance.fn_gov_ed25519_verify(%(a)s, %(m)s, %(s)s),"
        " cutter_governance.fn_gov_ed25519_verify(%(a)s, %(o)s, %(s)s)",
        {"a": public, "m": message, "o": other, "s": signature},
    ).fetchone()
    assert row == (True, False)


# --- Declaration and privileges -----------------------------------------------------------------


@pytest.mark.parametrize("signature", [SIGNATURE, SMALL_ORDER])
def test_declared_immutable_strict_parallel_safe_with_a_fixed_search_path(verifier, signature):
    row = verifier.execute(
        "SELECT p.provolatile, p.proisstrict, p.proparallel, p.prosecdef, p.proconfig,"
        " p.proowner::regrole::text FROM pg_proc AS p WHERE p.oid = to_regprocedure(%s)",
        (signature,),
    ).fetchone()
    assert row == ("i", True, "s", False, ["search_path=pg_catalog, pg_temp"], "iu_owner")


@pytest.mark.parametrize("role", ["cutter_exec", "cutter_verifier", "cutter_reviewer", "iu_reader"])
def test_the_lanes_and_readers_may_verify(verifier, role):
    vector = RFC8032[2]
    with as_role(verifier, role):
        assert verify(verifier, vector.public, vector.message, vector.signature) is True


@pytest.mark.parametrize("signature", [SIGNATURE, SMALL_ORDER])
def test_public_may_not_execute(verifier, signature):
    granted = verifier.execute(
        "SELECT has_function_privilege('public', to_regprocedure(%s), 'EXECUTE')", (signature,)
    ).fetchone()[0]
    assert granted is False
