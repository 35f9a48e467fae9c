-- Whether a 32-byte Ed25519 point encoding names a point of small order: one of the eight
-- points whose order divides the curve's cofactor 8, in any encoding a decoder may take for
-- it. Listed by y coordinate with the sign bit of x cleared: 0 and 1, p - 1, the y of the four
-- points of order 8 (two values), and the second, non-canonical encodings 0 + p and 1 + p.
-- No one's public key is such a point (a key is a multiple of the base point, of prime order),
-- and a signature under one binds nothing: with A and R the identity and S = 0, the cofactorless
-- equation [S]B = R + [k]A holds for every message. tests/db/test_ed25519.py derives the list
-- from the curve; harness.keys.SMALL_ORDER holds the same one.
CREATE FUNCTION cutter_governance.fn_gov_ed25519_small_order(p_point bytea)
RETURNS boolean
LANGUAGE sql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT CASE
        WHEN pg_catalog.octet_length(p_point) <> 32 THEN false
        ELSE pg_catalog.set_byte(p_point, 31, pg_catalog.get_byte(p_point, 31) & 127) = ANY (ARRAY[
            '\x0000000000000000000000000000000000000000000000000000000000000000',
            '\x0100000000000000000000000000000000000000000000000000000000000000',
            '\xecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
            '\x26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
            '\xc7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
            '\xedffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
            '\xeeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'
        ]::bytea[])
    END
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_ed25519_small_order(bytea) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_ed25519_small_order(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cutter_governance.fn_gov_ed25519_small_order(bytea)
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON FUNCTION cutter_governance.fn_gov_ed25519_small_order(bytea) IS
'Whether an Ed25519 point encoding names a point of small order (order dividing 8), in any encoding a decoder may take: no one''s key, and no signature binds under it.';
