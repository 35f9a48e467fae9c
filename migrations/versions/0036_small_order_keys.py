"""An Ed25519 public key or R of small order verifies nothing, and such a key cannot be
registered.

The database's verifier, like RFC 8032's cofactorless check and OpenSSL, accepted A = R = the
identity with S = 0 as a valid signature of every message: [S]B = R + [k]A holds whatever k
is. Any 32-byte value could be registered as a signer's key, so under 'auto' registration a
lane could register the identity for an actor that has no key yet, and from then on anyone
could sign as that actor, for any content, with no secret at all.

cutter_governance.fn_gov_ed25519_small_order names the encodings of the eight points whose
order divides the cofactor 8 (by y coordinate, the sign bit cleared, the non-canonical
encodings included). fn_gov_ed25519_verify returns false when the public key or R is one of
them; fn_gov_register_key refuses such a key with IU011 for everyone, administrators included.
A signature recorded earlier under such a key now fails verify's signature checks, which is
what it deserves.

Revision ID: 0036_small_order_keys
Revises: 0035_nfc_quick_check
Create Date: 2026-11-21
"""

from harness.migration_sql import run_frozen, run_frozen_in_place, run_sql

revision = "0036_small_order_keys"
down_revision = "0035_nfc_quick_check"
branch_labels = None
depends_on = None

SMALL_ORDER = "functions/cutter_governance/fn_gov_ed25519_small_order.sql"
# Replaced in place (triggers and other functions call them); and the revision each came from.
IN_PLACE = {
    "functions/cutter_governance/fn_gov_ed25519_verify.sql": "0016_authentic_signatures",
    "functions/cutter_governance/fn_gov_register_key.sql": "0014_concurrency",
}


def upgrade() -> None:
    run_frozen(revision, SMALL_ORDER)
    for relative in IN_PLACE:
        run_frozen_in_place(revision, relative)


def downgrade() -> None:
    for relative, previous in IN_PLACE.items():
        run_frozen_in_place(previous, relative)
    run_sql("DROP FUNCTION cutter_governance.fn_gov_ed25519_small_order(bytea);")
