-- Strict RFC 8032 Ed25519 signature verification in PL/pgSQL. PostgreSQL 15 has no Ed25519,
-- and the database must be able to check the signatures it records itself. Field elements are
-- numeric integers mod p = 2^255 - 19; the check is the cofactorless [S]B = R + [k]A (as in
-- OpenSSL), computed as one joint double-and-add in extended coordinates without inversions.
-- A public key or R of small order is refused first (fn_gov_ed25519_small_order): RFC 8032 and
-- OpenSSL accept A = R = the identity with S = 0 for every message, a signature that binds
-- nothing.
CREATE FUNCTION cutter_governance.fn_gov_ed25519_verify(p_public_key bytea, p_message bytea, p_signature bytea)
RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    -- p, d, 2d, sqrt(-1) = 2^((p-1)/4), the group order L, and the base point B as cached
    -- addends (y - x, y + x, 2d*x*y); B's z is 1.
    c_p CONSTANT numeric := 57896044618658097711785492504343953926634992332820282019728792003956564819949;
    c_d CONSTANT numeric := 37095705934669439343138083508754565189542113879843219016388785533085940283555;
    c_d2 CONSTANT numeric := 16295367250680780974490674513165176452449235426866156013048779062215315747161;
    c_sqrt_m1 CONSTANT numeric := 19681161376707505956807079304988542015446066515923890162744021073123829784752;
    c_l CONSTANT numeric := 7237005577332262213973186563042994240857116359379907606001950938285454250989;
    c_b_ymx CONSTANT numeric := 31204614345391077396927242593886631629853981173214368409736920319215404093758;
    c_b_ypx CONSTANT numeric := 3533012425803781230144052908719740726127014226477800802100354883158534798213;
    c_b_t2d CONSTANT numeric := 50237614328228664512531835696112167678046477356841409204013502641986506238568;
    c_zero CONSTANT numeric := 0::numeric;
    c_one CONSTANT numeric := 1::numeric;
    c_two CONSTANT numeric := 2::numeric;
    v_r bytea := pg_catalog.substring(p_signature, 1, 32);
    v_s_bytes bytea := pg_catalog.substring(p_signature, 33, 32);
    v_k_bytes bytea;
    v_enc bytea;
    v_sel integer;
    v_sign integer;
    v_s numeric;
    v_k numeric;
    v_y numeric;
    v_u numeric;
    v_v numeric;
    v_v3 numeric;
    v_w numeric;
    v_x numeric;
    v_t numeric;
    v_z2 numeric;
    v_z9 numeric;
    v_e5 numeric;
    v_e10 numeric;
    v_e20 numeric;
    v_e50 numeric;
    v_e100 numeric;
    v_ax numeric;
    v_ay numeric;
    v_rx numeric;
    v_ry numeric;
    -- -A and B - A as cached addends (y - x, y + x, 2d*t, 2z).
    v_na1 numeric;
    v_na2 numeric;
    v_na3 numeric;
    v_ba1 numeric;
    v_ba2 numeric;
    v_ba3 numeric;
    v_ba4 numeric;
    v_c1 numeric;
    v_c2 numeric;
    v_c3 numeric;
    v_c4 numeric;
    -- The accumulator Q in extended coordinates (X : Y : Z : T), x = X/Z, y = Y/Z, x*y = T/Z.
    v_qx numeric;
    v_qy numeric;
    v_qz numeric;
    v_qt numeric;
    v_a numeric;
    v_b numeric;
    v_c numeric;
    v_dd numeric;
    v_e numeric;
    v_f numeric;
    v_g numeric;
    v_h numeric;
BEGIN
    IF pg_catalog.octet_length(p_public_key) <> 32 OR pg_catalog.octet_length(p_signature) <> 64 THEN
        RETURN false;
    END IF;
    IF cutter_governance.fn_gov_ed25519_small_order(p_public_key)
        OR cutter_governance.fn_gov_ed25519_small_order(v_r) THEN
        RETURN false;
    END IF;

    -- S, little-endian; a non-canonical S (S >= L) is rejected.
    v_s := c_zero;
    FOR v_i IN REVERSE 31..0 LOOP
        v_s := v_s * 256 + pg_catalog.get_byte(v_s_bytes, v_i);
    END LOOP;
    IF v_s >= c_l THEN
        RETURN false;
    END IF;

    -- Decode A (v_i = 0) and R (v_i = 1): y is the low 255 bits, the top bit is the sign of x;
    -- x = u v^3 (u v^7)^((p-5)/8) with u = y^2 - 1, v = d y^2 + 1 (RFC 8032 5.1.3).
    FOR v_i IN 0..1 LOOP
        v_enc := CASE WHEN v_i = 0 THEN p_public_key ELSE v_r END;
        v_sign := pg_catalog.get_byte(v_enc, 31) >> 7;
        v_y := (pg_catalog.get_byte(v_enc, 31) & 127)::numeric;
        FOR v_j IN REVERSE 30..0 LOOP
            v_y := v_y * 256 + pg_catalog.get_byte(v_enc, v_j);
        END LOOP;
        IF v_y >= c_p THEN
            RETURN false;
        END IF;
        v_t := pg_catalog.mod(v_y * v_y, c_p);
        v_u := v_t - 1;
        v_v := pg_catalog.mod(c_d * v_t, c_p) + 1;
        v_v3 := pg_catalog.mod(v_v * v_v * v_v, c_p);
        v_w := pg_catalog.mod(v_u * pg_catalog.mod(v_v3 * v_v3, c_p) * v_v, c_p);
        -- v_w^(2^252 - 3) by the addition chain of ref10 (2^250 - 1 first).
        v_z2 := pg_catalog.mod(v_w * v_w, c_p);
        v_t := pg_catalog.mod(v_z2 * v_z2, c_p);
        v_t := pg_catalog.mod(v_t * v_t, c_p);
        v_z9 := pg_catalog.mod(v_t * v_w, c_p);
        v_t := pg_catalog.mod(v_z9 * v_z2, c_p);
        v_e5 := pg_catalog.mod(v_t * v_t * v_z9, c_p);
        v_t := v_e5;
        FOR v_j IN 1..5 LOOP
            v_t := pg_catalog.mod(v_t * v_t, c_p);
        END LOOP;
        v_e10 := pg_catalog.mod(v_t * v_e5, c_p);
        v_t := v_e10;
        FOR v_j IN 1..10 LOOP
            v_t := pg_catalog.mod(v_t * v_t, c_p);
        END LOOP;
        v_e20 := pg_catalog.mod(v_t * v_e10, c_p);
        v_t := v_e20;
        FOR v_j IN 1..20 LOOP
            v_t := pg_catalog.mod(v_t * v_t, c_p);
        END LOOP;
        v_t := pg_catalog.mod(v_t * v_e20, c_p);
        FOR v_j IN 1..10 LOOP
            v_t := pg_catalog.mod(v_t * v_t, c_p);
        END LOOP;
        v_e50 := pg_catalog.mod(v_t * v_e10, c_p);
        v_t := v_e50;
        FOR v_j IN 1..50 LOOP
            v_t := pg_catalog.mod(v_t * v_t, c_p);
        END LOOP;
        v_e100 := pg_catalog.mod(v_t * v_e50, c_p);
        v_t := v_e100;
        FOR v_j IN 1..100 LOOP
            v_t := pg_catalog.mod(v_t * v_t, c_p);
        END LOOP;
        v_t := pg_catalog.mod(v_t * v_e100, c_p);
        FOR v_j IN 1..50 LOOP
            v_t := pg_catalog.mod(v_t * v_t, c_p);
        END LOOP;
        v_t := pg_catalog.mod(v_t * v_e50, c_p);
        v_t := pg_catalog.mod(v_t * v_t, c_p);
        v_t := pg_catalog.mod(v_t * v_t * v_w, c_p);
        v_x := pg_catalog.mod(v_u * v_v3 * v_t, c_p);
        IF pg_catalog.mod(v_v * v_x * v_x - v_u, c_p) <> c_zero THEN
            IF pg_catalog.mod(v_v * v_x * v_x + v_u, c_p) <> c_zero THEN
                RETURN false;
            END IF;
            v_x := pg_catalog.mod(v_x * c_sqrt_m1, c_p);
        END IF;
        IF v_x < c_zero THEN
            v_x := v_x + c_p;
        END IF;
        IF v_x = c_zero AND v_sign = 1 THEN
            RETURN false;
        END IF;
        IF pg_catalog.mod(v_x, c_two) <> v_sign THEN
            v_x := c_p - v_x;
        END IF;
        IF v_i = 0 THEN
            v_ax := v_x;
            v_ay := v_y;
        ELSE
            v_rx := v_x;
            v_ry := v_y;
        END IF;
    END LOOP;

    -- k = SHA-512(R || A || M), little-endian, mod L; then back to 32 little-endian bytes.
    v_enc := pg_catalog.sha512(v_r || p_public_key || p_message);
    v_k := c_zero;
    FOR v_i IN REVERSE 63..0 LOOP
        v_k := v_k * 256 + pg_catalog.get_byte(v_enc, v_i);
    END LOOP;
    v_k := pg_catalog.mod(v_k, c_l);
    v_k_bytes := pg_catalog.substring(v_enc, 1, 32);
    FOR v_i IN 0..31 LOOP
        v_k_bytes := pg_catalog.set_byte(v_k_bytes, v_i, pg_catalog.mod(v_k, 256)::integer);
        v_k := pg_catalog.div(v_k, 256);
    END LOOP;

    -- -A = (-x, y) as a cached addend, and B - A (extended addition of B and -A) cached too.
    v_na1 := v_ay + v_ax;
    v_na2 := v_ay - v_ax;
    v_na3 := pg_catalog.mod(c_d2 * pg_catalog.mod(-v_ax * v_ay, c_p), c_p);
    v_a := pg_catalog.mod(c_b_ymx * v_na1, c_p);
    v_b := pg_catalog.mod(c_b_ypx * v_na2, c_p);
    v_c := pg_catalog.mod(c_b_t2d * pg_catalog.mod(-v_ax * v_ay, c_p), c_p);
    v_e := v_b - v_a;
    v_f := c_two - v_c;
    v_g := c_two + v_c;
    v_h := v_b + v_a;
    v_qx := pg_catalog.mod(v_e * v_f, c_p);
    v_qy := pg_catalog.mod(v_g * v_h, c_p);
    v_ba1 := v_qy - v_qx;
    v_ba2 := v_qy + v_qx;
    v_ba3 := pg_catalog.mod(c_d2 * pg_catalog.mod(v_e * v_h, c_p), c_p);
    v_ba4 := pg_catalog.mod(c_two * v_f * v_g, c_p);

    -- Q = [S]B + [k](-A), bits high to low (S, k < L < 2^253): double, then add B, -A or B - A.
    v_qx := c_zero;
    v_qy := c_one;
    v_qz := c_one;
    FOR v_i IN REVERSE 252..0 LOOP
        v_sel := pg_catalog.get_bit(v_s_bytes, v_i) + 2 * pg_catalog.get_bit(v_k_bytes, v_i);
        v_a := pg_catalog.mod(v_qx * v_qx, c_p);
        v_b := pg_catalog.mod(v_qy * v_qy, c_p);
        v_h := v_a + v_b;
        v_e := v_h - pg_catalog.mod((v_qx + v_qy) * (v_qx + v_qy), c_p);
        v_g := v_a - v_b;
        v_f := pg_catalog.mod(c_two * v_qz * v_qz, c_p) + v_g;
        v_qx := pg_catalog.mod(v_e * v_f, c_p);
        v_qy := pg_catalog.mod(v_g * v_h, c_p);
        v_qz := pg_catalog.mod(v_f * v_g, c_p);
        IF v_sel <> 0 THEN
            v_qt := pg_catalog.mod(v_e * v_h, c_p);
            IF v_sel = 1 THEN
                v_c1 := c_b_ymx;
                v_c2 := c_b_ypx;
                v_c3 := c_b_t2d;
                v_c4 := c_two;
            ELSIF v_sel = 2 THEN
                v_c1 := v_na1;
                v_c2 := v_na2;
                v_c3 := v_na3;
                v_c4 := c_two;
            ELSE
                v_c1 := v_ba1;
                v_c2 := v_ba2;
                v_c3 := v_ba3;
                v_c4 := v_ba4;
            END IF;
            v_a := pg_catalog.mod((v_qy - v_qx) * v_c1, c_p);
            v_b := pg_catalog.mod((v_qy + v_qx) * v_c2, c_p);
            v_c := pg_catalog.mod(v_qt * v_c3, c_p);
            v_dd := pg_catalog.mod(v_qz * v_c4, c_p);
            v_e := v_b - v_a;
            v_f := v_dd - v_c;
            v_g := v_dd + v_c;
            v_h := v_b + v_a;
            v_qx := pg_catalog.mod(v_e * v_f, c_p);
            v_qy := pg_catalog.mod(v_g * v_h, c_p);
            v_qz := pg_catalog.mod(v_f * v_g, c_p);
        END IF;
    END LOOP;

    -- Q = R, compared projectively (Q's z is never 0: the addition law is complete).
    RETURN pg_catalog.mod(v_qx - v_rx * v_qz, c_p) = c_zero
        AND pg_catalog.mod(v_qy - v_ry * v_qz, c_p) = c_zero;
END
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_ed25519_verify(bytea, bytea, bytea) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_ed25519_verify(bytea, bytea, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cutter_governance.fn_gov_ed25519_verify(bytea, bytea, bytea)
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON FUNCTION cutter_governance.fn_gov_ed25519_verify(bytea, bytea, bytea) IS
'Strict RFC 8032 Ed25519 verification (canonical S and points, cofactorless; no point of small order): true iff the signature is valid.';
