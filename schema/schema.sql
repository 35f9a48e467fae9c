--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: cutter_governance; Type: SCHEMA; Schema: -; Owner: iu_owner
--

CREATE SCHEMA cutter_governance;

ALTER SCHEMA cutter_governance OWNER TO iu_owner;

--
-- Name: SCHEMA cutter_governance; Type: COMMENT; Schema: -; Owner: iu_owner
--

COMMENT ON SCHEMA cutter_governance IS 'Append-only, hash-chained governance records of every cut; written only through the fn_gov_* recording functions.';

--
-- Name: fn_gov_chain(); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_chain() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET "TimeZone" TO 'UTC'
    AS $$
DECLARE
    v_pos bigint;
    v_hash text;
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock(7176, TG_RELID::integer);
    IF TG_TABLE_NAME = 'signer_key' THEN
        SELECT t.chain_pos, t.row_hash INTO v_pos, v_hash
        FROM cutter_governance.signer_key AS t ORDER BY t.chain_pos DESC LIMIT 1;
    ELSIF TG_TABLE_NAME = 'cut_change_set' THEN
        SELECT t.chain_pos, t.row_hash INTO v_pos, v_hash
        FROM cutter_governance.cut_change_set AS t ORDER BY t.chain_pos DESC LIMIT 1;
    ELSIF TG_TABLE_NAME = 'manifest_envelope' THEN
        SELECT t.chain_pos, t.row_hash INTO v_pos, v_hash
        FROM cutter_governance.manifest_envelope AS t ORDER BY t.chain_pos DESC LIMIT 1;
    ELSIF TG_TABLE_NAME = 'review_decision' THEN
        SELECT t.chain_pos, t.row_hash INTO v_pos, v_hash
        FROM cutter_governance.review_decision AS t ORDER BY t.chain_pos DESC LIMIT 1;
    ELSIF TG_TABLE_NAME = 'verify_result' THEN
        SELECT t.chain_pos, t.row_hash INTO v_pos, v_hash
        FROM cutter_governance.verify_result AS t ORDER BY t.chain_pos DESC LIMIT 1;
    ELSIF TG_TABLE_NAME = 'dot_pair_signature' THEN
        SELECT t.chain_pos, t.row_hash INTO v_pos, v_hash
        FROM cutter_governance.dot_pair_signature AS t ORDER BY t.chain_pos DESC LIMIT 1;
    ELSIF TG_TABLE_NAME = 'rollback_record' THEN
        SELECT t.chain_pos, t.row_hash INTO v_pos, v_hash
        FROM cutter_governance.rollback_record AS t ORDER BY t.chain_pos DESC LIMIT 1;
    ELSE
        RAISE EXCEPTION 'fn_gov_chain is not attached to %.%', TG_TABLE_SCHEMA, TG_TABLE_NAME;
    END IF;
    NEW.chain_pos := coalesce(v_pos, 0) + 1;
    NEW.prev_hash := v_hash;
    NEW.row_hash := cutter_governance.fn_gov_row_hash(
        NEW.prev_hash, cutter_governance.fn_gov_chain_payload(pg_catalog.to_jsonb(NEW))
    );
    RETURN NEW;
END
$$;

ALTER FUNCTION cutter_governance.fn_gov_chain() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_chain(); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_chain() IS 'Trigger: numbers a governance row (chain_pos) and links it to its predecessor (prev_hash, row_hash).';

--
-- Name: fn_gov_chain_check(); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_chain_check() RETURNS TABLE(table_name text, chain_pos bigint, problem text, row_hash text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET "TimeZone" TO 'UTC'
    AS $$
    WITH chained AS (
        SELECT 'signer_key' AS table_name, t.chain_pos, t.prev_hash, t.row_hash, pg_catalog.to_jsonb(t) AS doc
        FROM cutter_governance.signer_key AS t
        UNION ALL
        SELECT 'cut_change_set' AS table_name, t.chain_pos, t.prev_hash, t.row_hash, pg_catalog.to_jsonb(t) AS doc
        FROM cutter_governance.cut_change_set AS t
        UNION ALL
        SELECT 'manifest_envelope' AS table_name, t.chain_pos, t.prev_hash, t.row_hash, pg_catalog.to_jsonb(t) AS doc
        FROM cutter_governance.manifest_envelope AS t
        UNION ALL
        SELECT 'review_decision' AS table_name, t.chain_pos, t.prev_hash, t.row_hash, pg_catalog.to_jsonb(t) AS doc
        FROM cutter_governance.review_decision AS t
        UNION ALL
        SELECT 'verify_result' AS table_name, t.chain_pos, t.prev_hash, t.row_hash, pg_catalog.to_jsonb(t) AS doc
        FROM cutter_governance.verify_result AS t
        UNION ALL
        SELECT 'dot_pair_signature' AS table_name, t.chain_pos, t.prev_hash, t.row_hash, pg_catalog.to_jsonb(t) AS doc
        FROM cutter_governance.dot_pair_signature AS t
        UNION ALL
        SELECT 'rollback_record' AS table_name, t.chain_pos, t.prev_hash, t.row_hash, pg_catalog.to_jsonb(t) AS doc
        FROM cutter_governance.rollback_record AS t
    ),
    walked AS (
        SELECT
            c.table_name,
            c.chain_pos,
            c.prev_hash,
            c.row_hash,
            pg_catalog.lag(c.chain_pos) OVER w AS before_pos,
            pg_catalog.lag(c.row_hash) OVER w AS before_hash,
            pg_catalog.row_number() OVER w AS n,
            pg_catalog.count(*) OVER (PARTITION BY c.table_name) AS total,
            cutter_governance.fn_gov_row_hash(c.prev_hash, cutter_governance.fn_gov_chain_payload(c.doc))
                AS recomputed
        FROM chained AS c
        WINDOW w AS (PARTITION BY c.table_name ORDER BY c.chain_pos)
    )
    SELECT w.table_name, w.chain_pos, p.problem, w.row_hash
    FROM walked AS w
    CROSS JOIN LATERAL (
        SELECT 'altered: content no longer matches its hash' AS problem
        WHERE w.recomputed <> w.row_hash
        UNION ALL
        SELECT pg_catalog.format('gap: position %s follows %s', w.chain_pos, coalesce(w.before_pos, 0))
        WHERE w.chain_pos <> coalesce(w.before_pos, 0) + 1
        UNION ALL
        SELECT 'broken link: prev_hash is not the hash of the row before'
        WHERE w.prev_hash IS DISTINCT FROM w.before_hash
        UNION ALL
        SELECT 'head'
        WHERE w.n = w.total
    ) AS p
    ORDER BY w.table_name, w.chain_pos
$$;

ALTER FUNCTION cutter_governance.fn_gov_chain_check() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_chain_check(); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_chain_check() IS 'Walks every governance chain: rows altered, gaps, broken links; and each chain''s head (problem = ''head'').';

--
-- Name: fn_gov_chain_payload(jsonb); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_chain_payload(p_row jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT p_row - ARRAY['prev_hash', 'row_hash', 'status', 'status_changed_at']
$$;

ALTER FUNCTION cutter_governance.fn_gov_chain_payload(p_row jsonb) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_chain_payload(p_row jsonb); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_chain_payload(p_row jsonb) IS 'The part of a governance row its hash covers: all columns but prev_hash, row_hash, status and status_changed_at.';

--
-- Name: fn_gov_change_set_complete(); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_change_set_complete() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM cutter_governance.manifest_envelope AS e WHERE e.change_set_id = NEW.id) THEN
        RAISE EXCEPTION 'change set % has no manifest envelope at commit', NEW.id
            USING ERRCODE = 'IU013',
                  HINT = 'record the manifest (fn_gov_record_manifest) in the same transaction as the cut';
    END IF;
    IF NOT EXISTS (
        SELECT 1 FROM cutter_governance.dot_pair_signature AS s
        WHERE s.change_set_id = NEW.id AND s.lane = 'executor'
    ) THEN
        RAISE EXCEPTION 'change set % has no executor signature at commit', NEW.id
            USING ERRCODE = 'IU013',
                  HINT = 'sign the manifest digest (fn_gov_sign_executor) in the same transaction as the cut';
    END IF;
    RETURN NULL;
END
$$;

ALTER FUNCTION cutter_governance.fn_gov_change_set_complete() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_change_set_complete(); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_change_set_complete() IS 'Deferred constraint trigger: a change set commits only with its manifest envelope and executor signature (IU013).';

--
-- Name: fn_gov_check_duties(uuid, text, text, text); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_check_duties(p_change_set_id uuid, p_lane text, p_actor text, p_key_id text) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_mode text := public.fn_iu_policy('cutter_governance.separation_of_duties');
    v_cs record;
    v_exec_key text;
BEGIN
    SELECT c.actor, c.db_login INTO v_cs FROM cutter_governance.cut_change_set AS c WHERE c.id = p_change_set_id;
    IF v_cs.actor = p_actor THEN
        RAISE EXCEPTION 'the % of change set % must not be its executor (%)', p_lane, p_change_set_id, p_actor
            USING ERRCODE = 'IU012', HINT = 'another person runs this step';
    END IF;
    IF v_mode = 'strict' THEN
        IF v_cs.db_login = session_user THEN
            RAISE EXCEPTION 'the % of change set % uses the executor''s database login %', p_lane,
                p_change_set_id, session_user
                USING ERRCODE = 'IU012',
                      HINT = 'strict separation of duties: each lane connects with its own login';
        END IF;
        SELECT s.key_id INTO v_exec_key
        FROM cutter_governance.dot_pair_signature AS s
        WHERE s.change_set_id = p_change_set_id AND s.lane = 'executor';
        IF v_exec_key = p_key_id THEN
            RAISE EXCEPTION 'the % of change set % signs with the executor''s key', p_lane, p_change_set_id
                USING ERRCODE = 'IU012';
        END IF;
    END IF;
END
$$;

ALTER FUNCTION cutter_governance.fn_gov_check_duties(p_change_set_id uuid, p_lane text, p_actor text, p_key_id text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_check_duties(p_change_set_id uuid, p_lane text, p_actor text, p_key_id text); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_check_duties(p_change_set_id uuid, p_lane text, p_actor text, p_key_id text) IS 'Internal: IU012 when a verifier or reviewer is the change set''s executor (actor; in strict mode also login and key).';

--
-- Name: fn_gov_check_signer(text, text, bytea); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_check_signer(p_signer text, p_key_id text, p_signature bytea) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_owner text;
BEGIN
    SELECT k.signer INTO v_owner FROM cutter_governance.signer_key AS k WHERE k.key_id = p_key_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'signing key % is not registered', p_key_id
            USING ERRCODE = 'IU011', HINT = 'register the public key first (fn_gov_register_key)';
    END IF;
    IF v_owner <> p_signer THEN
        RAISE EXCEPTION 'signing key % belongs to %, not to %', p_key_id, v_owner, p_signer
            USING ERRCODE = 'IU011';
    END IF;
    IF p_signature IS NULL OR pg_catalog.octet_length(p_signature) <> 64 THEN
        RAISE EXCEPTION 'an Ed25519 signature is 64 bytes, got %', coalesce(pg_catalog.octet_length(p_signature), 0)
            USING ERRCODE = 'IU011';
    END IF;
END
$$;

ALTER FUNCTION cutter_governance.fn_gov_check_signer(p_signer text, p_key_id text, p_signature bytea) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_check_signer(p_signer text, p_key_id text, p_signature bytea); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_check_signer(p_signer text, p_key_id text, p_signature bytea) IS 'Internal: IU011 unless the key is registered to the signer and the signature has Ed25519''s 64 bytes.';

--
-- Name: fn_gov_check_source_bytes(bigint); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_check_source_bytes(p_bytes bigint) RETURNS bigint
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_max bigint := public.fn_iu_policy('cutter_governance.max_source_bytes')::bigint;
BEGIN
    IF p_bytes IS NULL OR p_bytes < 0 OR p_bytes > v_max THEN
        RAISE EXCEPTION 'a source document is at most % bytes, not %', v_max, coalesce(p_bytes::text, 'NULL')
            USING ERRCODE = CASE WHEN p_bytes > v_max THEN 'IU009' ELSE 'IU005' END,
                  HINT = CASE WHEN p_bytes > v_max
                      THEN 'cut the document in parts, or ask the DB team about cutter_governance.max_source_bytes'
                      ELSE 'a size is a number of bytes, 0 or more'
                  END;
    END IF;
    RETURN v_max;
END
$$;

ALTER FUNCTION cutter_governance.fn_gov_check_source_bytes(p_bytes bigint) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_check_source_bytes(p_bytes bigint); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_check_source_bytes(p_bytes bigint) IS 'The largest source document the CLI reads, in bytes; IU009 for a size over it, IU005 for a negative one.';

--
-- Name: fn_gov_check_unit_count(integer); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_check_unit_count(p_unit_count integer) RETURNS integer
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_max integer := public.fn_iu_policy('iu_create.gateway.max_units_per_call')::integer;
BEGIN
    IF p_unit_count IS NULL OR p_unit_count < 1 OR p_unit_count > v_max THEN
        RAISE EXCEPTION 'a change set holds 1 to % units, not %', v_max, p_unit_count
            USING ERRCODE = CASE WHEN p_unit_count > v_max THEN 'IU009' ELSE 'IU005' END,
                  HINT = CASE WHEN p_unit_count > v_max
                      THEN 'cut the document in parts of at most that many units, or ask the DB team about the policy'
                      ELSE 'a change set records at least one unit'
                  END;
    END IF;
    RETURN v_max;
END
$$;

ALTER FUNCTION cutter_governance.fn_gov_check_unit_count(p_unit_count integer) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_check_unit_count(p_unit_count integer); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_check_unit_count(p_unit_count integer) IS 'The most units a change set may hold; IU009 for a count over it, IU005 under one.';

--
-- Name: fn_gov_ed25519_small_order(bytea); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_ed25519_small_order(p_point bytea) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
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
$$;

ALTER FUNCTION cutter_governance.fn_gov_ed25519_small_order(p_point bytea) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_ed25519_small_order(p_point bytea); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_ed25519_small_order(p_point bytea) IS 'Whether an Ed25519 point encoding names a point of small order (order dividing 8), in any encoding a decoder may take: no one''s key, and no signature binds under it.';

--
-- Name: fn_gov_ed25519_verify(bytea, bytea, bytea); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_ed25519_verify(p_public_key bytea, p_message bytea, p_signature bytea) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
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
$$;

ALTER FUNCTION cutter_governance.fn_gov_ed25519_verify(p_public_key bytea, p_message bytea, p_signature bytea) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_ed25519_verify(p_public_key bytea, p_message bytea, p_signature bytea); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_ed25519_verify(p_public_key bytea, p_message bytea, p_signature bytea) IS 'Strict RFC 8032 Ed25519 verification (canonical S and points, cofactorless; no point of small order): true iff the signature is valid.';

--
-- Name: fn_gov_invoker(); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_invoker() RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT CASE
        WHEN pg_catalog.current_setting('role') = 'none' THEN session_user::text
        ELSE pg_catalog.current_setting('role')
    END
$$;

ALTER FUNCTION cutter_governance.fn_gov_invoker() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_invoker(); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_invoker() IS 'Internal: the role a definer function was invoked as (the SET ROLE value, else the session user).';

--
-- Name: fn_gov_manifest_digest(text[], text[]); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_manifest_digest(p_canonical_addresses text[], p_content_hashes text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
        coalesce(pg_catalog.string_agg(t.addr || E'\t' || t.hash || E'\n', '' ORDER BY t.ord), ''),
        'UTF8')), 'hex')
    FROM unnest(p_canonical_addresses, p_content_hashes) WITH ORDINALITY AS t (addr, hash, ord)
$$;

ALTER FUNCTION cutter_governance.fn_gov_manifest_digest(p_canonical_addresses text[], p_content_hashes text[]) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_manifest_digest(p_canonical_addresses text[], p_content_hashes text[]); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_manifest_digest(p_canonical_addresses text[], p_content_hashes text[]) IS 'sha256 of the ordered lines "address<TAB>content_hash<LF>": the digest a reviewer approves and the executor signs.';

--
-- Name: fn_gov_manifest_entries_check(); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_manifest_entries_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET enable_nestloop TO 'off'
    AS $$
DECLARE
    v_bad record;
BEGIN
    SELECT r.envelope_id, r.n, r.first_ordinal, r.last_ordinal, r.new_content, e.id IS NOT NULL AS recorded,
        e.unit_count, e.created_count
    INTO v_bad
    FROM (
        SELECT n.envelope_id, count(*) AS n, pg_catalog.min(n.ordinal) AS first_ordinal,
            pg_catalog.max(n.ordinal) AS last_ordinal, count(*) FILTER (WHERE n.action <> 'unchanged') AS new_content
        FROM new_rows AS n
        GROUP BY n.envelope_id
    ) AS r
    LEFT JOIN cutter_governance.manifest_envelope AS e ON e.id = r.envelope_id
    WHERE e.id IS NULL OR e.unit_count <> r.n OR r.first_ordinal <> 1 OR r.last_ordinal <> r.n
       OR e.created_count <> r.new_content
    LIMIT 1;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF NOT v_bad.recorded THEN
        RAISE EXCEPTION 'manifest entries name envelope %, which does not exist', v_bad.envelope_id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'manifest_entry_enveloped',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                  DETAIL = pg_catalog.format('%s entry(ies) of this statement; nothing was written', v_bad.n),
                  HINT = 'a manifest''s entries are written with its envelope, by fn_gov_record_manifest';
    END IF;
    RAISE EXCEPTION 'manifest envelope % lists % unit(s), % of them new content; this statement wrote % entry(ies) for it, numbered % to %, % of them new content',
        v_bad.envelope_id, v_bad.unit_count, v_bad.created_count, v_bad.n, v_bad.first_ordinal,
        v_bad.last_ordinal, v_bad.new_content
        USING ERRCODE = 'IU010', CONSTRAINT = 'manifest_entry_enveloped',
              TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
              HINT = 'a manifest''s entries are written with its envelope, numbered from 1; nothing is added later';
END
$$;

ALTER FUNCTION cutter_governance.fn_gov_manifest_entries_check() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_manifest_entries_check(); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_manifest_entries_check() IS 'Trigger (statement, transition table): the statement''s manifest entries name existing envelopes and are all of each envelope''s entries, numbered 1..unit_count, created_count of them new content (23503 / IU010).';

--
-- Name: fn_gov_open_change_set(text, text, text, integer, text, text, text, text, text); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_open_change_set(p_doc_code text, p_source_sha256 text, p_manifest_sha256 text, p_unit_count integer, p_actor text, p_profile text DEFAULT NULL::text, p_granularity text DEFAULT NULL::text, p_publication_type text DEFAULT NULL::text, p_backup_sha256 text DEFAULT NULL::text) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_id uuid;
    v_ticket bigint;
BEGIN
    PERFORM public.fn_iu_check_actor(p_actor);
    PERFORM cutter_governance.fn_gov_check_unit_count(p_unit_count);
    v_ticket := public.fn_iu_gateway_open('fn_gov_open_change_set');
    INSERT INTO cutter_governance.cut_change_set (
        doc_code, source_sha256, manifest_sha256, unit_count, profile, granularity,
        publication_type, backup_sha256, actor, application_name
    )
    VALUES (
        p_doc_code, p_source_sha256, p_manifest_sha256, p_unit_count, p_profile, p_granularity,
        p_publication_type, p_backup_sha256, p_actor, pg_catalog.current_setting('application_name')
    )
    RETURNING id INTO v_id;
    PERFORM public.fn_iu_gateway_close(v_ticket);
    RETURN v_id;
EXCEPTION
    WHEN check_violation THEN
        RAISE EXCEPTION 'change set refused: %', SQLERRM
            USING ERRCODE = 'IU005', HINT = 'document code and digests: DOC-CODE, 64 lower-case hex digits';
END
$$;

ALTER FUNCTION cutter_governance.fn_gov_open_change_set(p_doc_code text, p_source_sha256 text, p_manifest_sha256 text, p_unit_count integer, p_actor text, p_profile text, p_granularity text, p_publication_type text, p_backup_sha256 text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_open_change_set(p_doc_code text, p_source_sha256 text, p_manifest_sha256 text, p_unit_count integer, p_actor text, p_profile text, p_granularity text, p_publication_type text, p_backup_sha256 text); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_open_change_set(p_doc_code text, p_source_sha256 text, p_manifest_sha256 text, p_unit_count integer, p_actor text, p_profile text, p_granularity text, p_publication_type text, p_backup_sha256 text) IS 'Executor lane: opens the change set of a cut. Its manifest and executor signature must follow in the same transaction.';

--
-- Name: fn_gov_record_manifest(uuid, text[], text[], text); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_record_manifest(p_change_set_id uuid, p_canonical_addresses text[], p_content_hashes text[], p_actor text) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET work_mem TO '64MB'
    AS $$
DECLARE
    v_cs record;
    v_digest text;
    v_units record;
    v_envelope uuid := pg_catalog.gen_random_uuid();
    v_ticket bigint;
BEGIN
    SELECT c.* INTO v_cs FROM cutter_governance.cut_change_set AS c WHERE c.id = p_change_set_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'change set % does not exist', p_change_set_id USING ERRCODE = 'IU007';
    END IF;
    IF v_cs.actor <> p_actor THEN
        RAISE EXCEPTION 'only the executor % records the manifest of change set %', v_cs.actor, p_change_set_id
            USING ERRCODE = 'IU012';
    END IF;
    IF EXISTS (SELECT 1 FROM cutter_governance.manifest_envelope AS e WHERE e.change_set_id = p_change_set_id) THEN
        RAISE EXCEPTION 'change set % already has its manifest', p_change_set_id USING ERRCODE = 'IU010';
    END IF;
    IF coalesce(pg_catalog.cardinality(p_canonical_addresses), 0) <> v_cs.unit_count
        OR coalesce(pg_catalog.cardinality(p_content_hashes), 0) <> v_cs.unit_count THEN
        RAISE EXCEPTION 'change set % declared % units; the manifest lists % addresses and % hashes',
            p_change_set_id, v_cs.unit_count, coalesce(pg_catalog.cardinality(p_canonical_addresses), 0),
            coalesce(pg_catalog.cardinality(p_content_hashes), 0)
            USING ERRCODE = 'IU013';
    END IF;
    v_digest := cutter_governance.fn_gov_manifest_digest(p_canonical_addresses, p_content_hashes);
    IF v_digest <> v_cs.manifest_sha256 THEN
        RAISE EXCEPTION 'the manifest digests to %, change set % declared %', v_digest, p_change_set_id,
            v_cs.manifest_sha256
            USING ERRCODE = 'IU013';
    END IF;

    -- One hashed pass over the units (a LIMIT 1 would plan a nested loop through the indexes
    -- for a row that is usually absent): the first mismatch by ordinal with what it holds, and
    -- what the cut did to each unit, which the entries below take in order without joining the
    -- units again. (The mismatches' aggregates read no row when there is none.)
    SELECT count(*) FILTER (WHERE u.mismatch) AS n,
        (pg_catalog.array_agg(u.ord ORDER BY u.ord) FILTER (WHERE u.mismatch))[1] AS first_ord,
        (pg_catalog.array_agg(u.addr ORDER BY u.ord) FILTER (WHERE u.mismatch))[1] AS first_addr,
        (pg_catalog.array_agg(u.hash ORDER BY u.ord) FILTER (WHERE u.mismatch))[1] AS first_hash,
        (pg_catalog.array_agg(u.stored ORDER BY u.ord) FILTER (WHERE u.mismatch))[1] AS first_stored,
        count(*) FILTER (WHERE u.action <> 'unchanged') AS created,
        pg_catalog.array_agg(u.action ORDER BY u.ord) AS actions
    INTO v_units
    FROM (
        SELECT t.ord, t.addr, t.hash, coalesce(pend.content_hash, uv.content_hash) AS stored,
            coalesce(pend.content_hash, uv.content_hash) IS DISTINCT FROM t.hash
                OR pg_catalog.split_part(t.addr, '/', 1) <> v_cs.doc_code AS mismatch,
            CASE
                WHEN iu.created_change_set_id = p_change_set_id THEN 'created'
                WHEN pend.change_set_id = p_change_set_id THEN 'revised'
                ELSE 'unchanged'
            END AS action
        FROM unnest(p_canonical_addresses, p_content_hashes) WITH ORDINALITY AS t (addr, hash, ord)
        LEFT JOIN public.information_unit AS iu ON iu.canonical_address = t.addr
        LEFT JOIN public.unit_version AS uv ON uv.id = iu.current_version_id
        LEFT JOIN public.unit_version AS pend
            ON pend.iu_id = iu.id AND pend.lifecycle_status = 'draft' AND pend.id <> iu.current_version_id
    ) AS u;
    IF v_units.n > 0 THEN
        RAISE EXCEPTION 'manifest entry % (%) does not match the stored unit', v_units.first_ord, v_units.first_addr
            USING ERRCODE = 'IU013',
                  DETAIL = pg_catalog.format('manifest hash %s, stored hash %s, change set document %s',
                      v_units.first_hash, coalesce(v_units.first_stored, '<no unit>'), v_cs.doc_code);
    END IF;

    v_ticket := public.fn_iu_gateway_open('fn_gov_record_manifest');
    INSERT INTO cutter_governance.manifest_envelope (
        id, change_set_id, manifest_sha256, unit_count, created_count, unchanged_count, recorded_by
    )
    VALUES (v_envelope, p_change_set_id, v_digest, v_cs.unit_count, v_units.created::integer,
            v_cs.unit_count - v_units.created::integer, p_actor);
    INSERT INTO cutter_governance.manifest_entry (envelope_id, ordinal, canonical_address, content_hash, action)
    SELECT v_envelope, t.ord::integer, t.addr, t.hash, t.action
    FROM unnest(p_canonical_addresses, p_content_hashes, v_units.actions) WITH ORDINALITY AS t (addr, hash, action, ord);
    PERFORM public.fn_iu_gateway_close(v_ticket);
    RETURN v_envelope;
END
$$;

ALTER FUNCTION cutter_governance.fn_gov_record_manifest(p_change_set_id uuid, p_canonical_addresses text[], p_content_hashes text[], p_actor text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_record_manifest(p_change_set_id uuid, p_canonical_addresses text[], p_content_hashes text[], p_actor text); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_record_manifest(p_change_set_id uuid, p_canonical_addresses text[], p_content_hashes text[], p_actor text) IS 'Executor lane: records the manifest envelope and entries of a change set; IU013 if the digest or any stored unit disagrees.';

--
-- Name: fn_gov_record_review(text, text, text, text, text, bytea, uuid, text, timestamp with time zone); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_record_review(p_subject text, p_decision text, p_actor text, p_rationale text, p_key_id text, p_signature bytea, p_change_set_id uuid DEFAULT NULL::uuid, p_manifest_sha256 text DEFAULT NULL::text, p_expires_at timestamp with time zone DEFAULT NULL::timestamp with time zone) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    v_cs record;
    v_manifest text := p_manifest_sha256;
    v_id uuid := pg_catalog.gen_random_uuid();
    v_digest text;
    v_ticket bigint;
BEGIN
    PERFORM public.fn_iu_check_actor(p_actor);
    IF p_change_set_id IS NULL AND p_manifest_sha256 IS NULL THEN
        RAISE EXCEPTION 'a review decision is bound to a change set or to a manifest digest' USING ERRCODE = 'IU005';
    END IF;
    IF p_change_set_id IS NOT NULL THEN
        SELECT c.* INTO v_cs FROM cutter_governance.cut_change_set AS c WHERE c.id = p_change_set_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'change set % does not exist', p_change_set_id USING ERRCODE = 'IU007';
        END IF;
        IF p_manifest_sha256 IS NOT NULL AND p_manifest_sha256 <> v_cs.manifest_sha256 THEN
            RAISE EXCEPTION 'change set % has manifest %, not %', p_change_set_id, v_cs.manifest_sha256,
                p_manifest_sha256
                USING ERRCODE = 'IU005';
        END IF;
        IF v_cs.status = 'rolled_back' THEN
            RAISE EXCEPTION 'change set % was rolled back', p_change_set_id USING ERRCODE = 'IU003';
        END IF;
        v_manifest := v_cs.manifest_sha256;
        PERFORM cutter_governance.fn_gov_check_duties(p_change_set_id, 'reviewer', p_actor, p_key_id);
    ELSIF p_manifest_sha256 !~ '^[0-9a-f]{64}$' THEN
        RAISE EXCEPTION 'manifest digest % is not 64 lower-case hex digits', p_manifest_sha256 USING ERRCODE = 'IU005';
    END IF;
    IF p_subject IS NULL OR p_subject NOT IN ('enact', 'supersede', 'retire') THEN
        RAISE EXCEPTION 'review subject is enact, supersede or retire, not %', p_subject USING ERRCODE = 'IU005';
    END IF;
    IF p_decision IS NULL OR p_decision NOT IN ('approve', 'reject') THEN
        RAISE EXCEPTION 'a decision is approve or reject, not %', p_decision USING ERRCODE = 'IU005';
    END IF;
    IF p_rationale IS NULL OR pg_catalog.btrim(p_rationale) = '' THEN
        RAISE EXCEPTION 'a review decision needs a rationale' USING ERRCODE = 'IU005';
    END IF;
    IF p_expires_at IS NOT NULL AND p_expires_at <= pg_catalog.now() THEN
        RAISE EXCEPTION 'expiry % is not in the future', p_expires_at USING ERRCODE = 'IU005';
    END IF;
    PERFORM cutter_governance.fn_gov_check_signer(p_actor, p_key_id, p_signature);
    v_digest := cutter_governance.fn_gov_review_digest(
        p_subject, p_decision, p_change_set_id, v_manifest, p_expires_at, p_rationale);

    v_ticket := public.fn_iu_gateway_open('fn_gov_record_review');
    INSERT INTO cutter_governance.review_decision (
        id, subject, change_set_id, manifest_sha256, decision, rationale, decided_by, expires_at, decision_digest
    )
    VALUES (v_id, p_subject, p_change_set_id, v_manifest, p_decision, p_rationale, p_actor, p_expires_at, v_digest);
    INSERT INTO cutter_governance.dot_pair_signature (
        lane, change_set_id, review_decision_id, signer, key_id, signed_digest, signature
    )
    VALUES ('reviewer', p_change_set_id, v_id, p_actor, p_key_id, v_digest, p_signature);
    PERFORM public.fn_iu_gateway_close(v_ticket);
    RETURN v_id;
END
$_$;

ALTER FUNCTION cutter_governance.fn_gov_record_review(p_subject text, p_decision text, p_actor text, p_rationale text, p_key_id text, p_signature bytea, p_change_set_id uuid, p_manifest_sha256 text, p_expires_at timestamp with time zone) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_record_review(p_subject text, p_decision text, p_actor text, p_rationale text, p_key_id text, p_signature bytea, p_change_set_id uuid, p_manifest_sha256 text, p_expires_at timestamp with time zone); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_record_review(p_subject text, p_decision text, p_actor text, p_rationale text, p_key_id text, p_signature bytea, p_change_set_id uuid, p_manifest_sha256 text, p_expires_at timestamp with time zone) IS 'Reviewer lane: records a signed review decision for a change set or an exact manifest digest; IU012 if the reviewer is the executor.';

--
-- Name: fn_gov_record_verify(uuid, text, text, jsonb, text, bytea); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_record_verify(p_change_set_id uuid, p_verifier text, p_verdict text, p_checks jsonb, p_key_id text, p_signature bytea) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_cs record;
    v_failed bigint;
    v_digest text;
    v_id uuid := pg_catalog.gen_random_uuid();
    v_ticket bigint;
BEGIN
    PERFORM public.fn_iu_check_actor(p_verifier);
    SELECT c.* INTO v_cs FROM cutter_governance.cut_change_set AS c WHERE c.id = p_change_set_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'change set % does not exist', p_change_set_id USING ERRCODE = 'IU007';
    END IF;
    IF v_cs.status = 'rolled_back' THEN
        RAISE EXCEPTION 'change set % is rolled back: there is nothing left to verify', p_change_set_id
            USING ERRCODE = 'IU003', HINT = 'cut the document again for a change set to verify';
    END IF;
    IF p_checks IS NULL OR pg_catalog.jsonb_typeof(p_checks) <> 'array' OR pg_catalog.jsonb_array_length(p_checks) = 0
        OR EXISTS (
            SELECT 1 FROM pg_catalog.jsonb_array_elements(p_checks) AS e (c)
            WHERE pg_catalog.jsonb_typeof(e.c -> 'check') IS DISTINCT FROM 'string'
               OR (e.c ->> 'outcome') IS NULL OR (e.c ->> 'outcome') NOT IN ('pass', 'fail')
        ) THEN
        RAISE EXCEPTION 'checks must be a non-empty array of {check, outcome pass|fail, detail}'
            USING ERRCODE = 'IU005';
    END IF;
    SELECT count(*) INTO v_failed FROM pg_catalog.jsonb_array_elements(p_checks) AS e (c)
    WHERE e.c ->> 'outcome' = 'fail';
    IF p_verdict IS DISTINCT FROM (CASE WHEN v_failed = 0 THEN 'pass' ELSE 'fail' END) THEN
        RAISE EXCEPTION 'verdict % contradicts the checks (% failed)', p_verdict, v_failed USING ERRCODE = 'IU005';
    END IF;
    PERFORM cutter_governance.fn_gov_check_duties(p_change_set_id, 'verifier', p_verifier, p_key_id);
    PERFORM cutter_governance.fn_gov_check_signer(p_verifier, p_key_id, p_signature);
    v_digest := cutter_governance.fn_gov_verify_digest(p_change_set_id, p_verdict, p_checks);

    v_ticket := public.fn_iu_gateway_open('fn_gov_record_verify');
    INSERT INTO cutter_governance.verify_result (id, change_set_id, verdict, checks, verifier, result_digest)
    VALUES (v_id, p_change_set_id, p_verdict, p_checks, p_verifier, v_digest);
    INSERT INTO cutter_governance.dot_pair_signature (
        lane, change_set_id, verify_result_id, signer, key_id, signed_digest, signature
    )
    VALUES ('verifier', p_change_set_id, v_id, p_verifier, p_key_id, v_digest, p_signature);
    PERFORM public.fn_iu_gateway_close(v_ticket);

    IF v_cs.status IN ('recorded', 'verified', 'verify_failed') THEN
        PERFORM cutter_governance.fn_gov_set_status(
            p_change_set_id, CASE p_verdict WHEN 'pass' THEN 'verified' ELSE 'verify_failed' END);
    END IF;
    RETURN v_id;
END
$$;

ALTER FUNCTION cutter_governance.fn_gov_record_verify(p_change_set_id uuid, p_verifier text, p_verdict text, p_checks jsonb, p_key_id text, p_signature bytea) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_record_verify(p_change_set_id uuid, p_verifier text, p_verdict text, p_checks jsonb, p_key_id text, p_signature bytea); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_record_verify(p_change_set_id uuid, p_verifier text, p_verdict text, p_checks jsonb, p_key_id text, p_signature bytea) IS 'Verifier lane: records a verify result and the verifier signature over its digest; IU012 if the verifier is the executor.';

--
-- Name: fn_gov_register_key(text, bytea, text); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_register_key(p_signer text, p_public_key bytea, p_actor text) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_mode text := public.fn_iu_policy('cutter_governance.key_registration');
    v_invoker text := cutter_governance.fn_gov_invoker();
    v_admin boolean;
    v_key_id text;
    v_existing record;
    v_ticket bigint;
BEGIN
    PERFORM public.fn_iu_check_actor(p_actor);
    PERFORM public.fn_iu_check_actor(p_signer);
    IF p_public_key IS NULL OR pg_catalog.octet_length(p_public_key) <> 32 THEN
        RAISE EXCEPTION 'an Ed25519 public key is 32 bytes, got %', coalesce(pg_catalog.octet_length(p_public_key), 0)
            USING ERRCODE = 'IU011';
    END IF;
    v_key_id := pg_catalog.encode(pg_catalog.sha256(p_public_key), 'hex');
    IF cutter_governance.fn_gov_ed25519_small_order(p_public_key) THEN
        RAISE EXCEPTION 'key % is a point of small order: no one holds it, and a signature under it binds nothing', v_key_id
            USING ERRCODE = 'IU011',
                  HINT = 'register the public key of the signer''s own Ed25519 key pair (iu-cutter creates one on first use)';
    END IF;
    -- One registration per signer at a time: a signer's first cuts or reviews at once wait
    -- here, and the later one finds the key the first registered instead of inserting it twice.
    PERFORM pg_catalog.pg_advisory_xact_lock(7178, pg_catalog.hashtext(p_signer));
    SELECT k.signer INTO v_existing FROM cutter_governance.signer_key AS k WHERE k.key_id = v_key_id;
    IF FOUND THEN
        IF v_existing.signer <> p_signer THEN
            RAISE EXCEPTION 'key % is already registered to %', v_key_id, v_existing.signer
                USING ERRCODE = 'IU011';
        END IF;
        RETURN v_key_id;
    END IF;

    SELECT r.rolsuper OR pg_catalog.pg_has_role(v_invoker, 'iu_owner', 'MEMBER') INTO v_admin
    FROM pg_catalog.pg_roles AS r WHERE r.rolname = v_invoker;
    IF NOT coalesce(v_admin, false) THEN
        IF v_mode <> 'auto' THEN
            RAISE EXCEPTION 'key registration needs an administrator (policy cutter_governance.key_registration = %)', v_mode
                USING ERRCODE = 'IU011',
                      HINT = pg_catalog.format('ask the DB team to register key %s for %s', v_key_id, p_signer);
        END IF;
        IF p_signer <> p_actor THEN
            RAISE EXCEPTION '% may register only their own key, not %''s', p_actor, p_signer
                USING ERRCODE = 'IU011';
        END IF;
        IF EXISTS (SELECT 1 FROM cutter_governance.signer_key AS k WHERE k.signer = p_signer) THEN
            RAISE EXCEPTION '% already has a registered key; another key needs an administrator', p_signer
                USING ERRCODE = 'IU011',
                      HINT = pg_catalog.format('ask the DB team to register key %s for %s', v_key_id, p_signer);
        END IF;
    END IF;

    v_ticket := public.fn_iu_gateway_open('fn_gov_register_key');
    INSERT INTO cutter_governance.signer_key (key_id, signer, public_key, registration, registered_by)
    VALUES (v_key_id, p_signer, p_public_key, CASE WHEN v_admin THEN 'admin' ELSE 'auto' END, p_actor);
    PERFORM public.fn_iu_gateway_close(v_ticket);
    RETURN v_key_id;
END
$$;

ALTER FUNCTION cutter_governance.fn_gov_register_key(p_signer text, p_public_key bytea, p_actor text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_register_key(p_signer text, p_public_key bytea, p_actor text); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_register_key(p_signer text, p_public_key bytea, p_actor text) IS 'Registers an Ed25519 public key for a signer (auto: own first key; admin: any). Returns the key id (sha256 of the key).';

--
-- Name: fn_gov_review_digest(text, text, uuid, text, timestamp with time zone, text); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_review_digest(p_subject text, p_decision text, p_change_set_id uuid, p_manifest_sha256 text, p_expires_at timestamp with time zone, p_rationale text) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
        'review|' || p_subject || '|' || p_decision || '|' || coalesce(p_change_set_id::text, '') || '|'
        || p_manifest_sha256 || '|'
        || coalesce(pg_catalog.to_char(p_expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), '')
        || '|' || p_rationale,
        'UTF8')), 'hex')
$$;

ALTER FUNCTION cutter_governance.fn_gov_review_digest(p_subject text, p_decision text, p_change_set_id uuid, p_manifest_sha256 text, p_expires_at timestamp with time zone, p_rationale text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_review_digest(p_subject text, p_decision text, p_change_set_id uuid, p_manifest_sha256 text, p_expires_at timestamp with time zone, p_rationale text); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_review_digest(p_subject text, p_decision text, p_change_set_id uuid, p_manifest_sha256 text, p_expires_at timestamp with time zone, p_rationale text) IS 'sha256 of the review decision''s content: what the reviewer signs.';

--
-- Name: fn_gov_row_hash(text, jsonb); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_row_hash(p_prev_hash text, p_row jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT pg_catalog.encode(
        pg_catalog.sha256(pg_catalog.convert_to(coalesce(p_prev_hash, '') || '|' || p_row::text, 'UTF8')),
        'hex'
    )
$$;

ALTER FUNCTION cutter_governance.fn_gov_row_hash(p_prev_hash text, p_row jsonb) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_row_hash(p_prev_hash text, p_row jsonb); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_row_hash(p_prev_hash text, p_row jsonb) IS 'sha256(prev_hash || ''|'' || row jsonb text): the link of a governance record to its predecessor.';

--
-- Name: fn_gov_set_status(uuid, text); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_set_status(p_change_set_id uuid, p_status text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_ticket bigint := public.fn_iu_gateway_open('fn_gov_set_status');
BEGIN
    UPDATE cutter_governance.cut_change_set AS c
    SET status = p_status, status_changed_at = pg_catalog.now()
    WHERE c.id = p_change_set_id;
    PERFORM public.fn_iu_gateway_close(v_ticket);
END
$$;

ALTER FUNCTION cutter_governance.fn_gov_set_status(p_change_set_id uuid, p_status text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_set_status(p_change_set_id uuid, p_status text); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_set_status(p_change_set_id uuid, p_status text) IS 'Internal: moves a change set''s status (the status guard decides whether the transition is allowed).';

--
-- Name: fn_gov_sign_executor(uuid, text, text, bytea); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_sign_executor(p_change_set_id uuid, p_signer text, p_key_id text, p_signature bytea) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_cs record;
    v_id uuid;
    v_ticket bigint;
BEGIN
    SELECT c.* INTO v_cs FROM cutter_governance.cut_change_set AS c WHERE c.id = p_change_set_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'change set % does not exist', p_change_set_id USING ERRCODE = 'IU007';
    END IF;
    IF v_cs.actor <> p_signer THEN
        RAISE EXCEPTION 'only the executor % signs change set %, not %', v_cs.actor, p_change_set_id, p_signer
            USING ERRCODE = 'IU012';
    END IF;
    PERFORM cutter_governance.fn_gov_check_signer(p_signer, p_key_id, p_signature);
    v_ticket := public.fn_iu_gateway_open('fn_gov_sign_executor');
    INSERT INTO cutter_governance.dot_pair_signature (lane, change_set_id, signer, key_id, signed_digest, signature)
    VALUES ('executor', p_change_set_id, p_signer, p_key_id, v_cs.manifest_sha256, p_signature)
    RETURNING id INTO v_id;
    PERFORM public.fn_iu_gateway_close(v_ticket);
    RETURN v_id;
EXCEPTION
    WHEN unique_violation THEN
        RAISE EXCEPTION 'change set % is already signed by its executor', p_change_set_id USING ERRCODE = 'IU010';
END
$$;

ALTER FUNCTION cutter_governance.fn_gov_sign_executor(p_change_set_id uuid, p_signer text, p_key_id text, p_signature bytea) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_sign_executor(p_change_set_id uuid, p_signer text, p_key_id text, p_signature bytea); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_sign_executor(p_change_set_id uuid, p_signer text, p_key_id text, p_signature bytea) IS 'Executor lane: records the executor signature over "dot-iu-cutter/v1 executor <manifest_sha256>".';

--
-- Name: fn_gov_signature_authentic(); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_signature_authentic() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_authentic boolean := cutter_governance.fn_gov_signature_verifies(
        new.key_id, new.lane, new.signed_digest, new.signature);
BEGIN
    IF v_authentic IS NULL THEN
        RAISE EXCEPTION 'signing key % is not registered', new.key_id
            USING ERRCODE = 'IU011', HINT = 'register the public key first (fn_gov_register_key)';
    END IF;
    IF NOT v_authentic THEN
        RAISE EXCEPTION 'the % signature of % does not verify under key % for digest %', new.lane, new.signer,
            new.key_id, new.signed_digest
            USING ERRCODE = 'IU011',
                  DETAIL = 'Ed25519 over "dot-iu-cutter/v1 ' || new.lane || ' ' || new.signed_digest || '"',
                  HINT = 'sign exactly this record with the signer''s own key; a signature of another record is refused';
    END IF;
    RETURN new;
END
$$;

ALTER FUNCTION cutter_governance.fn_gov_signature_authentic() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_signature_authentic(); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_signature_authentic() IS 'Trigger: IU011 unless the new signature verifies (Ed25519) under its registered key over its lane and digest.';

--
-- Name: fn_gov_signature_verifies(text, text, text, bytea); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_signature_verifies(p_key_id text, p_lane text, p_digest text, p_signature bytea) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
    SELECT p_digest ~ '^[0-9a-f]{64}$' AND cutter_governance.fn_gov_ed25519_verify(
        k.public_key, pg_catalog.convert_to('dot-iu-cutter/v1 ' || p_lane || ' ' || p_digest, 'UTF8'), p_signature
    )
    FROM cutter_governance.signer_key AS k
    WHERE k.key_id = p_key_id
$_$;

ALTER FUNCTION cutter_governance.fn_gov_signature_verifies(p_key_id text, p_lane text, p_digest text, p_signature bytea) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_signature_verifies(p_key_id text, p_lane text, p_digest text, p_signature bytea); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_signature_verifies(p_key_id text, p_lane text, p_digest text, p_signature bytea) IS 'Whether the signature verifies under its registered key over "dot-iu-cutter/v1 <lane> <digest>"; NULL for an unregistered key.';

--
-- Name: fn_gov_status_guard(); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_status_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF (pg_catalog.to_jsonb(NEW) - ARRAY['status', 'status_changed_at'])
        IS DISTINCT FROM (pg_catalog.to_jsonb(OLD) - ARRAY['status', 'status_changed_at']) THEN
        RAISE EXCEPTION 'change set % is immutable except for its status', OLD.id
            USING ERRCODE = 'IU010';
    END IF;
    IF NEW.status IS DISTINCT FROM OLD.status AND (OLD.status, NEW.status) NOT IN (
        ('recorded', 'verified'), ('recorded', 'verify_failed'), ('recorded', 'rolled_back'),
        ('verified', 'verified'), ('verified', 'verify_failed'), ('verified', 'enacted'),
        ('verified', 'rolled_back'),
        ('verify_failed', 'verified'), ('verify_failed', 'verify_failed'),
        ('verify_failed', 'rolled_back')
    ) THEN
        RAISE EXCEPTION 'change set % cannot go from % to %', OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'IU003';
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION cutter_governance.fn_gov_status_guard() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_status_guard(); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_status_guard() IS 'Trigger: a change set changes only its status, and only along recorded -> verified / verify_failed -> enacted / rolled_back.';

--
-- Name: fn_gov_verify_change_set(uuid); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_verify_change_set(p_change_set_id uuid) RETURNS TABLE(check_name text, outcome text, detail text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET "TimeZone" TO 'UTC'
    SET plan_cache_mode TO 'force_custom_plan'
    SET work_mem TO '64MB'
    AS $$
DECLARE
    v_cs record;
    v_env record;
    v_text text;
    v_count bigint;
BEGIN
    SELECT c.* INTO v_cs FROM cutter_governance.cut_change_set AS c WHERE c.id = p_change_set_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'change set % does not exist', p_change_set_id USING ERRCODE = 'IU007';
    END IF;
    SELECT e.* INTO v_env FROM cutter_governance.manifest_envelope AS e WHERE e.change_set_id = p_change_set_id;

    RETURN QUERY SELECT 'manifest_recorded'::text,
        CASE WHEN v_env.id IS NOT NULL AND v_env.unit_count = v_cs.unit_count THEN 'pass' ELSE 'fail' END,
        CASE WHEN v_env.id IS NULL THEN 'no manifest envelope'
             ELSE pg_catalog.format('%s units declared, %s in the envelope', v_cs.unit_count, v_env.unit_count) END;

    SELECT cutter_governance.fn_gov_manifest_digest(
        pg_catalog.array_agg(m.canonical_address ORDER BY m.ordinal),
        pg_catalog.array_agg(m.content_hash ORDER BY m.ordinal)), count(*)
    INTO v_text, v_count
    FROM cutter_governance.manifest_entry AS m WHERE m.envelope_id = v_env.id;
    RETURN QUERY SELECT 'manifest_digest'::text,
        CASE WHEN v_text = v_cs.manifest_sha256 AND v_env.manifest_sha256 = v_cs.manifest_sha256
                  AND v_count = v_cs.unit_count THEN 'pass' ELSE 'fail' END,
        pg_catalog.format('entries digest to %s (%s entries); envelope %s; change set %s',
            v_text, v_count, v_env.manifest_sha256, v_cs.manifest_sha256);

    SELECT count(*), pg_catalog.string_agg(m.canonical_address, ', ' ORDER BY m.ordinal)
    INTO v_count, v_text
    FROM cutter_governance.manifest_entry AS m
    LEFT JOIN public.information_unit AS iu ON iu.canonical_address = m.canonical_address
    WHERE m.envelope_id = v_env.id AND iu.id IS NULL;
    RETURN QUERY SELECT 'units_present'::text, CASE WHEN v_count = 0 THEN 'pass' ELSE 'fail' END,
        CASE WHEN v_count = 0 THEN 'every manifest address exists'
             ELSE pg_catalog.format('%s missing: %s', v_count, pg_catalog.left(v_text, 2000)) END;

    SELECT count(*), pg_catalog.string_agg(
        pg_catalog.format('%s (manifest %s, stored %s)', m.canonical_address, pg_catalog.left(m.content_hash, 12),
            pg_catalog.left(coalesce(pend.content_hash, uv.content_hash), 12)), ', ' ORDER BY m.ordinal)
    INTO v_count, v_text
    FROM cutter_governance.manifest_entry AS m
    JOIN public.information_unit AS iu ON iu.canonical_address = m.canonical_address
    JOIN public.unit_version AS uv ON uv.id = iu.current_version_id
    LEFT JOIN public.unit_version AS pend
        ON pend.iu_id = iu.id AND pend.lifecycle_status = 'draft' AND pend.id <> iu.current_version_id
    WHERE m.envelope_id = v_env.id AND coalesce(pend.content_hash, uv.content_hash) <> m.content_hash;
    RETURN QUERY SELECT 'content_hashes_match'::text, CASE WHEN v_count = 0 THEN 'pass' ELSE 'fail' END,
        CASE WHEN v_count = 0 THEN 'every unit holds the content recorded in the manifest'
             ELSE pg_catalog.format('%s changed: %s', v_count, pg_catalog.left(v_text, 2000)) END;

    -- One probe over the document's whole subtree, kept to the manifest's units: set-based,
    -- not one probe per unit. A unit that does not exist is units_present's finding: the probe
    -- would name a missing document root a second time (unit_exists), so it leaves that out.
    SELECT count(*), pg_catalog.string_agg(v.canonical_address || ': ' || v.invariant, ', ')
    INTO v_count, v_text
    FROM public.fn_iu_verify_invariants(v_cs.doc_code, true, ARRAY['unit_exists']) AS v
    WHERE EXISTS (
        SELECT 1 FROM cutter_governance.manifest_entry AS m
        WHERE m.envelope_id = v_env.id AND m.canonical_address = v.canonical_address
    );
    RETURN QUERY SELECT 'parents_and_order'::text, CASE WHEN v_count = 0 THEN 'pass' ELSE 'fail' END,
        CASE WHEN v_count = 0 THEN 'invariants hold for every unit (parents, order, versions, lifecycle)'
             ELSE pg_catalog.format('%s violations: %s', v_count, pg_catalog.left(v_text, 2000)) END;

    SELECT count(*) INTO v_count
    FROM cutter_governance.manifest_entry AS m
    JOIN public.information_unit AS iu ON iu.canonical_address = m.canonical_address
    JOIN public.unit_version AS uv ON uv.id = iu.current_version_id
    LEFT JOIN public.unit_version AS pend
        ON pend.iu_id = iu.id AND pend.lifecycle_status = 'draft' AND pend.id <> iu.current_version_id
    WHERE m.envelope_id = v_env.id
      AND m.action <> CASE
          WHEN iu.created_change_set_id IS NOT DISTINCT FROM p_change_set_id THEN 'created'
          WHEN coalesce(pend.change_set_id, uv.change_set_id) IS NOT DISTINCT FROM p_change_set_id THEN 'revised'
          ELSE 'unchanged'
      END;
    RETURN QUERY SELECT 'counts_match'::text,
        CASE WHEN v_count = 0 AND v_env.created_count + v_env.unchanged_count = v_cs.unit_count
             THEN 'pass' ELSE 'fail' END,
        pg_catalog.format('%s created or revised, %s unchanged; %s entries disagree with the units about who created them',
            v_env.created_count, v_env.unchanged_count, v_count);

    SELECT count(*) INTO v_count
    FROM cutter_governance.dot_pair_signature AS s
    JOIN cutter_governance.signer_key AS k ON k.key_id = s.key_id
    WHERE s.change_set_id = p_change_set_id AND s.lane = 'executor'
      AND s.signer = v_cs.actor AND k.signer = v_cs.actor AND s.signed_digest = v_cs.manifest_sha256;
    RETURN QUERY SELECT 'executor_signature_recorded'::text, CASE WHEN v_count = 1 THEN 'pass' ELSE 'fail' END,
        CASE WHEN v_count = 1 THEN pg_catalog.format('signed by %s over the manifest digest', v_cs.actor)
             ELSE 'no executor signature by the change set''s actor over its manifest digest' END;

    SELECT pg_catalog.string_agg(x.problem, '; ') INTO v_text FROM (
        SELECT pg_catalog.format('trigger %s on %s is %s', t.want, t.tbl,
            CASE WHEN tg.tgenabled IS NULL THEN 'missing' ELSE 'disabled' END) AS problem
        FROM (VALUES
            ('public.information_unit', 'trg_aa_iu_gateway_write_guard'),
            ('public.unit_version', 'trg_aa_uv_gateway_write_guard'),
            ('public.information_unit', 'trg_iu_allowed_transition'),
            ('public.information_unit', 'trg_iu_enacted_immut'),
            ('public.unit_version', 'trg_uv_allowed_transition'),
            ('public.unit_version', 'trg_uv_enacted_immut'),
            ('public.iu_lifecycle_log', 'trg_aa_iu_lifecycle_log_guard'),
            ('public.iu_lifecycle_log_seal', 'trg_aa_iu_lifecycle_log_seal_guard'),
            ('cutter_governance.cut_change_set', 'trg_aa_cut_change_set_guard'),
            ('cutter_governance.manifest_envelope', 'trg_aa_manifest_envelope_guard'),
            ('cutter_governance.manifest_entry', 'trg_aa_manifest_entry_guard'),
            ('cutter_governance.review_decision', 'trg_aa_review_decision_guard'),
            ('cutter_governance.verify_result', 'trg_aa_verify_result_guard'),
            ('cutter_governance.dot_pair_signature', 'trg_aa_dot_pair_signature_guard'),
            ('cutter_governance.signer_key', 'trg_aa_signer_key_guard')
        ) AS t (tbl, want)
        LEFT JOIN pg_catalog.pg_trigger AS tg
            ON tg.tgrelid = pg_catalog.to_regclass(t.tbl) AND tg.tgname = t.want
        WHERE tg.tgenabled IS DISTINCT FROM 'O'
        UNION ALL
        SELECT pg_catalog.format('policy iu_create.gateway.mode is %s', coalesce(c.value, 'missing'))
        FROM (SELECT 1) AS one
        LEFT JOIN public.dot_config AS c ON c.key = 'iu_create.gateway.mode'
        WHERE c.value IS DISTINCT FROM 'enforced'
        UNION ALL
        SELECT pg_catalog.format('function %s is not SECURITY DEFINER with a pinned search_path', p.oid::regprocedure)
        FROM pg_catalog.pg_proc AS p
        WHERE p.proname IN (
            'fn_iu_create', 'fn_iu_apply_edit_draft', 'fn_iu_gateway_write_guard', 'fn_iu_enact',
            'fn_iu_enact_batch', 'fn_iu_revise', 'fn_iu_supersede', 'fn_iu_supersede_batch', 'fn_iu_retire',
            'fn_iu_retire_batch', 'fn_iu_lifecycle_log_guard'
        )
          AND p.pronamespace = 'public'::regnamespace
          AND NOT (p.prosecdef AND EXISTS (
              SELECT 1 FROM pg_catalog.unnest(p.proconfig) AS cfg (s)
              WHERE cfg.s LIKE 'search_path=%pg_temp'))
    ) AS x;
    RETURN QUERY SELECT 'gateway_intact'::text, CASE WHEN v_text IS NULL THEN 'pass' ELSE 'fail' END,
        coalesce(v_text, 'guard triggers enabled, mode enforced, canonical writers are pinned definers');

    SELECT pg_catalog.string_agg(pg_catalog.format('%s #%s: %s', k.table_name, k.chain_pos, k.problem), '; ')
    INTO v_text
    FROM cutter_governance.fn_gov_chain_check() AS k
    WHERE k.problem <> 'head';
    RETURN QUERY SELECT 'record_chain_intact'::text, CASE WHEN v_text IS NULL THEN 'pass' ELSE 'fail' END,
        coalesce(v_text, 'every governance chain re-hashes and links without a gap');

    SELECT pg_catalog.string_agg(pg_catalog.format('seal #%s: %s', coalesce(k.chain_pos::text, '?'), k.problem), '; ')
    INTO v_text
    FROM public.fn_iu_lifecycle_log_check() AS k;
    RETURN QUERY SELECT 'lifecycle_log_intact'::text, CASE WHEN v_text IS NULL THEN 'pass' ELSE 'fail' END,
        coalesce(v_text, 'every lifecycle log row re-hashes and every seal links without a gap');
END
$$;

ALTER FUNCTION cutter_governance.fn_gov_verify_change_set(p_change_set_id uuid) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_verify_change_set(p_change_set_id uuid); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_verify_change_set(p_change_set_id uuid) IS 'Structural VERIFY of a change set, one row per check: manifest, digest, units, hashes, invariants, counts, executor signature, gateway, chains, lifecycle log.';

--
-- Name: fn_gov_verify_digest(uuid, text, jsonb); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_verify_digest(p_change_set_id uuid, p_verdict text, p_checks jsonb) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
        'verify|' || c.id::text || '|' || c.manifest_sha256 || '|' || p_verdict || '|' || p_checks::text,
        'UTF8')), 'hex')
    FROM cutter_governance.cut_change_set AS c
    WHERE c.id = p_change_set_id
$$;

ALTER FUNCTION cutter_governance.fn_gov_verify_digest(p_change_set_id uuid, p_verdict text, p_checks jsonb) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_verify_digest(p_change_set_id uuid, p_verdict text, p_checks jsonb); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_verify_digest(p_change_set_id uuid, p_verdict text, p_checks jsonb) IS 'sha256 of "verify|<change set>|<manifest_sha256>|<verdict>|<checks>": what the verifier signs.';

--
-- Name: fn_gov_write_guard(); Type: FUNCTION; Schema: cutter_governance; Owner: iu_owner
--

CREATE FUNCTION cutter_governance.fn_gov_write_guard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_marker text := nullif(pg_catalog.current_setting('app.canonical_writer', true), '');
    v_allowed text[] := TG_ARGV::text[];
BEGIN
    IF TG_OP IN ('DELETE', 'TRUNCATE') OR (TG_OP = 'UPDATE' AND TG_TABLE_NAME <> 'cut_change_set') THEN
        PERFORM pg_catalog.nextval('public.iu_gateway_refusal_seq');
        RAISE EXCEPTION 'governance records are append-only: % on cutter_governance.% refused',
            TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'IU010',
                  HINT = 'a record is corrected by a new record, never by changing an old one';
    END IF;
    IF TG_OP = 'UPDATE' THEN
        v_allowed := ARRAY['fn_gov_set_status'];
    END IF;
    IF v_marker IS NOT NULL AND v_marker = ANY (v_allowed) AND public.fn_iu_gateway_ticket_held(v_marker) THEN
        RETURN NULL;
    END IF;
    PERFORM pg_catalog.nextval('public.iu_gateway_refusal_seq');
    IF v_marker IS NOT NULL AND v_marker = ANY (v_allowed) THEN
        PERFORM pg_catalog.nextval('public.iu_gateway_forged_marker_seq');
    END IF;
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'governance records are append-only: only fn_gov_set_status moves a change set''s status'
            USING ERRCODE = 'IU010',
                  HINT = 'a change set''s status follows its verify, enactment or rollback';
    END IF;
    RAISE EXCEPTION 'governance gateway refused % on cutter_governance.%', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'IU001',
              DETAIL = pg_catalog.format('marker=%s; allowed writers: %s', coalesce(v_marker, '<none>'),
                  pg_catalog.array_to_string(v_allowed, ', ')),
              HINT = 'governance records are written only by the fn_gov_* recording functions';
END
$$;

ALTER FUNCTION cutter_governance.fn_gov_write_guard() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_gov_write_guard(); Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON FUNCTION cutter_governance.fn_gov_write_guard() IS 'Governance guard: INSERT only by the recording function named in TG_ARGV (with an open ticket), UPDATE only of a change set status, never DELETE or TRUNCATE (IU010).';

--
-- Name: fn_iu_apply_edit_draft(text, text, text, text, text); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_apply_edit_draft(p_canonical_address text, p_body text, p_actor text, p_title text DEFAULT NULL::text, p_expected_content_hash text DEFAULT NULL::text) RETURNS TABLE(iu_id uuid, version_id uuid, content_hash text, action text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_unit record;
    v_body text;
    v_hash text;
    v_max_body integer := public.fn_iu_policy('iu_create.gateway.max_body_bytes')::integer;
    v_ticket bigint;
BEGIN
    PERFORM public.fn_iu_check_actor(p_actor);
    IF p_body IS NULL OR p_body !~ '[^[:space:]]' THEN
        RAISE EXCEPTION 'unit %: body is empty or blank', p_canonical_address USING ERRCODE = 'IU005';
    END IF;
    IF pg_catalog.octet_length(p_body) > v_max_body THEN
        RAISE EXCEPTION 'unit %: body is % bytes; the policy limit is %', p_canonical_address,
            pg_catalog.octet_length(p_body), v_max_body
            USING ERRCODE = 'IU009', HINT = 'see dot_config iu_create.gateway.max_body_bytes';
    END IF;
    IF pg_catalog.char_length(p_title) > 4000 OR p_title ~ '[[:cntrl:]]' THEN
        RAISE EXCEPTION 'unit %: title is longer than 4000 characters or contains control characters',
            p_canonical_address USING ERRCODE = 'IU005';
    END IF;

    SELECT iu.id, iu.lifecycle_status, iu.title, uv.id AS version_id, uv.lifecycle_status AS version_status,
           uv.content_hash
    INTO v_unit
    FROM public.information_unit AS iu
    JOIN public.unit_version AS uv ON uv.id = iu.current_version_id
    WHERE iu.canonical_address = p_canonical_address
    FOR NO KEY UPDATE OF iu, uv;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unit % does not exist', p_canonical_address
            USING ERRCODE = 'IU007', HINT = 'create it with fn_iu_create';
    END IF;
    IF v_unit.lifecycle_status = 'enacted' THEN
        RAISE EXCEPTION 'unit % is enacted and cannot change', p_canonical_address
            USING ERRCODE = 'IU002',
                  HINT = 'create a new version and enact it (supersede)';
    END IF;
    IF v_unit.lifecycle_status <> 'draft' OR v_unit.version_status <> 'draft' THEN
        RAISE EXCEPTION 'unit % is %; only a draft can be edited', p_canonical_address, v_unit.lifecycle_status
            USING ERRCODE = 'IU003',
                  DETAIL = pg_catalog.format('unit status %s, current version status %s',
                      v_unit.lifecycle_status, v_unit.version_status);
    END IF;
    IF p_expected_content_hash IS NOT NULL AND p_expected_content_hash <> v_unit.content_hash THEN
        RAISE EXCEPTION 'unit % changed since you read it', p_canonical_address
            USING ERRCODE = 'IU006',
                  DETAIL = pg_catalog.format('expected content_hash %s, stored %s',
                      p_expected_content_hash, v_unit.content_hash),
                  HINT = 'read the unit again and reapply the edit';
    END IF;

    v_body := pg_catalog.normalize(p_body, 'NFC');
    v_hash := public.fn_iu_content_hash(v_body);
    IF v_hash = v_unit.content_hash
        AND (p_title IS NULL OR p_title IS NOT DISTINCT FROM v_unit.title) THEN
        RETURN QUERY SELECT v_unit.id, v_unit.version_id, v_hash, 'unchanged'::text;
        RETURN;
    END IF;

    v_ticket := public.fn_iu_gateway_open('fn_iu_apply_edit_draft');
    UPDATE public.unit_version AS uv
    SET body = v_body, updated_at = pg_catalog.now(), updated_by = p_actor
    WHERE uv.id = v_unit.version_id AND uv.body IS DISTINCT FROM v_body;
    UPDATE public.information_unit AS iu
    SET title = coalesce(nullif(pg_catalog.btrim(p_title), ''), iu.title),
        updated_at = pg_catalog.now(),
        updated_by = p_actor
    WHERE iu.id = v_unit.id;
    PERFORM public.fn_iu_gateway_close(v_ticket);

    RETURN QUERY SELECT v_unit.id, v_unit.version_id, v_hash, 'edited'::text;
END
$$;

ALTER FUNCTION public.fn_iu_apply_edit_draft(p_canonical_address text, p_body text, p_actor text, p_title text, p_expected_content_hash text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_apply_edit_draft(p_canonical_address text, p_body text, p_actor text, p_title text, p_expected_content_hash text); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_apply_edit_draft(p_canonical_address text, p_body text, p_actor text, p_title text, p_expected_content_hash text) IS 'Canonical in-place edit of one draft unit. IU007 unknown unit, IU002 enacted (supersede instead), IU003 not a draft, IU006 stale expected hash.';

--
-- Name: fn_iu_change_set_known(); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_change_set_known() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    v_column text := TG_ARGV[0];
    v_missing uuid;
    v_rows bigint := 1::bigint;
BEGIN
    IF TG_LEVEL = 'ROW' THEN
        EXECUTE pg_catalog.format('SELECT ($1).%I', v_column) INTO v_missing USING NEW;
        IF v_missing IS NULL
            OR EXISTS (SELECT 1 FROM cutter_governance.cut_change_set AS c WHERE c.id = v_missing) THEN
            RETURN NULL;
        END IF;
    ELSE
        EXECUTE pg_catalog.format(
            'SELECT r.change_set_id, r.n FROM ('
            ' SELECT n.%1$I AS change_set_id, count(*) AS n FROM new_rows AS n'
            ' WHERE n.%1$I IS NOT NULL GROUP BY n.%1$I) AS r'
            ' WHERE NOT EXISTS (SELECT 1 FROM cutter_governance.cut_change_set AS c WHERE c.id = r.change_set_id)'
            ' LIMIT 1',
            v_column)
        INTO v_missing, v_rows;
        IF v_missing IS NULL THEN
            RETURN NULL;
        END IF;
    END IF;
    RAISE EXCEPTION '%.% names change set %, which does not exist', TG_TABLE_NAME, v_column, v_missing
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_NAME,
              TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
              DETAIL = pg_catalog.format('%s row(s) of this statement name it; nothing was written', v_rows),
              HINT = 'a governed cut opens its change set (fn_gov_open_change_set) before it creates units';
END
$_$;

ALTER FUNCTION public.fn_iu_change_set_known() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_change_set_known(); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_change_set_known() IS 'Trigger (statement after INSERT, row after UPDATE of the column): the change set named in column TG_ARGV[0] exists (23503).';

--
-- Name: fn_iu_change_set_settle(uuid, boolean); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_change_set_settle(p_change_set_id uuid, p_manifest_enacted boolean DEFAULT false) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET work_mem TO '64MB'
    AS $$
BEGIN
    IF p_change_set_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM cutter_governance.cut_change_set AS c WHERE c.id = p_change_set_id AND c.status = 'verified'
    ) THEN
        RETURN false;
    END IF;
    -- p_manifest_enacted: the caller has just proven that every unit of the manifest is enacted
    -- with the manifest's content (fn_iu_enact_batch, when its batch is the whole manifest), so
    -- the manifest is not read again. Otherwise, a count, not EXISTS: the answer is usually
    -- "none", and a fast-start plan looking for the first row walks every unit through the
    -- indexes one by one instead of hashing them.
    IF NOT p_manifest_enacted AND (
        SELECT count(*)
        FROM cutter_governance.manifest_envelope AS e
        JOIN cutter_governance.manifest_entry AS m ON m.envelope_id = e.id
        LEFT JOIN public.information_unit AS iu ON iu.canonical_address = m.canonical_address
        LEFT JOIN public.unit_version AS uv ON uv.id = iu.current_version_id
        WHERE e.change_set_id = p_change_set_id
          AND (uv.lifecycle_status IS DISTINCT FROM 'enacted' OR uv.content_hash IS DISTINCT FROM m.content_hash)
    ) > 0 THEN
        RETURN false;
    END IF;
    PERFORM cutter_governance.fn_gov_set_status(p_change_set_id, 'enacted');
    RETURN true;
END
$$;

ALTER FUNCTION public.fn_iu_change_set_settle(p_change_set_id uuid, p_manifest_enacted boolean) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_change_set_settle(p_change_set_id uuid, p_manifest_enacted boolean); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_change_set_settle(p_change_set_id uuid, p_manifest_enacted boolean) IS 'Internal: moves a verified change set to enacted once all its manifest units are enacted with the manifest content.';

--
-- Name: fn_iu_check_actor(text); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_check_actor(p_actor text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF p_actor IS NULL OR pg_catalog.btrim(p_actor) = '' THEN
        RAISE EXCEPTION 'actor is missing'
            USING ERRCODE = 'IU005', HINT = 'pass p_actor: the person or service on whose behalf this runs';
    END IF;
    IF pg_catalog.char_length(p_actor) > 128 OR p_actor ~ '[[:cntrl:]]' OR p_actor <> pg_catalog.btrim(p_actor) THEN
        RAISE EXCEPTION 'actor % is not a valid name', pg_catalog.quote_literal(pg_catalog.left(p_actor, 64))
            USING ERRCODE = 'IU005',
                  DETAIL = 'an actor is 1-128 characters, without control characters or surrounding spaces';
    END IF;
END
$$;

ALTER FUNCTION public.fn_iu_check_actor(p_actor text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_check_actor(p_actor text); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_check_actor(p_actor text) IS 'Internal: IU005 unless the actor is a 1-128 character name without control characters or surrounding spaces.';

--
-- Name: fn_iu_classify_existing(text[], text[]); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_classify_existing(p_canonical_addresses text[], p_bodies text[]) RETURNS TABLE(ordinal integer, canonical_address text, action text, content_hash text, iu_id uuid, version_id uuid, existing_content_hash text, existing_status text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT
        t.ord::integer,
        t.addr,
        CASE
            WHEN iu.id IS NULL THEN 'create'
            WHEN uv.content_hash = public.fn_iu_content_hash(t.body) THEN 'unchanged'
            ELSE 'conflict'
        END,
        public.fn_iu_content_hash(t.body),
        iu.id,
        uv.id,
        uv.content_hash,
        iu.lifecycle_status
    FROM unnest(p_canonical_addresses, p_bodies) WITH ORDINALITY AS t (addr, body, ord)
    LEFT JOIN public.information_unit AS iu ON iu.canonical_address = t.addr
    LEFT JOIN public.unit_version AS uv ON uv.id = iu.current_version_id
    ORDER BY t.ord
$$;

ALTER FUNCTION public.fn_iu_classify_existing(p_canonical_addresses text[], p_bodies text[]) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_classify_existing(p_canonical_addresses text[], p_bodies text[]); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_classify_existing(p_canonical_addresses text[], p_bodies text[]) IS 'Pack 22 helper: create / unchanged / conflict for each (address, body) against the current versions. Writes nothing.';

--
-- Name: fn_iu_content_hash(text); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_content_hash(p_body text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
    SELECT pg_catalog.encode(
        pg_catalog.sha256(pg_catalog.convert_to(
            CASE WHEN p_body IS NFC NORMALIZED THEN p_body ELSE pg_catalog.normalize(p_body, 'NFC') END,
            'UTF8')),
        'hex'
    )
$$;

ALTER FUNCTION public.fn_iu_content_hash(p_body text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_content_hash(p_body text); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_content_hash(p_body text) IS 'Lower-case hex SHA-256 of the NFC-normalised UTF-8 body (CONTRACT §3). Composed and decomposed forms of the same text hash the same.';

--
-- Name: fn_iu_create(text, text, text, text, text, integer); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_create(p_canonical_address text, p_body text, p_actor text, p_title text DEFAULT NULL::text, p_publication_type text DEFAULT NULL::text, p_doc_order integer DEFAULT NULL::integer) RETURNS uuid
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT c.iu_id
    FROM public.fn_iu_create(
        p_canonical_addresses => ARRAY[p_canonical_address],
        p_bodies => ARRAY[p_body],
        p_actor => p_actor,
        p_titles => ARRAY[p_title],
        p_publication_type => p_publication_type,
        p_doc_orders => CASE WHEN p_doc_order IS NOT NULL THEN ARRAY[p_doc_order] END
    ) AS c
$$;

ALTER FUNCTION public.fn_iu_create(p_canonical_address text, p_body text, p_actor text, p_title text, p_publication_type text, p_doc_order integer) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_create(p_canonical_address text, p_body text, p_actor text, p_title text, p_publication_type text, p_doc_order integer); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_create(p_canonical_address text, p_body text, p_actor text, p_title text, p_publication_type text, p_doc_order integer) IS 'Canonical creation of one unit (the set-based fn_iu_create with one element). Returns the unit id, new or, for identical content, existing.';

--
-- Name: fn_iu_create(text[], text[], text, text[], text, integer[], uuid); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_create(p_canonical_addresses text[], p_bodies text[], p_actor text, p_titles text[] DEFAULT NULL::text[], p_publication_type text DEFAULT NULL::text, p_doc_orders integer[] DEFAULT NULL::integer[], p_change_set_id uuid DEFAULT NULL::uuid) RETURNS TABLE(ordinal integer, canonical_address text, iu_id uuid, version_id uuid, content_hash text, action text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET work_mem TO '64MB'
    SET jit TO 'off'
    AS $_$
DECLARE
    v_problem record;
    v_first record;
    v_errors integer := 0;
    v_conflicts bigint;
    v_first_conflict record;
    v_pub text := public.fn_iu_resolve_default('publication_type', p_publication_type);
    v_ticket bigint;
    v_cs record;
BEGIN
    PERFORM public.fn_iu_check_actor(p_actor);
    IF p_change_set_id IS NOT NULL THEN
        SELECT c.actor, c.doc_code,
            EXISTS (SELECT 1 FROM cutter_governance.manifest_envelope AS e WHERE e.change_set_id = c.id) AS sealed
        INTO v_cs
        FROM cutter_governance.cut_change_set AS c WHERE c.id = p_change_set_id;
        IF NOT FOUND OR v_cs.sealed THEN
            RAISE EXCEPTION 'change set % is not open in this transaction', p_change_set_id
                USING ERRCODE = 'IU013',
                      HINT = 'open a change set (fn_gov_open_change_set) in the same transaction as the cut';
        END IF;
        IF v_cs.actor <> p_actor THEN
            RAISE EXCEPTION 'change set % was opened by %, not %', p_change_set_id, v_cs.actor, p_actor
                USING ERRCODE = 'IU012';
        END IF;
        IF EXISTS (
            SELECT 1 FROM unnest(p_canonical_addresses) AS a (addr)
            WHERE pg_catalog.split_part(a.addr, '/', 1) IS DISTINCT FROM v_cs.doc_code
        ) THEN
            RAISE EXCEPTION 'change set % cuts document %; every address must belong to it', p_change_set_id,
                v_cs.doc_code
                USING ERRCODE = 'IU005';
        END IF;
    END IF;

    FOR v_problem IN
        SELECT * FROM public.fn_iu_preflight(
            p_canonical_addresses, p_bodies, p_titles, p_publication_type, p_doc_orders)
    LOOP
        IF v_problem.severity = 'warning' THEN
            RAISE WARNING '%', v_problem.message
                USING HINT = 'this becomes an error when the policy is set to block (lesson L4)';
        ELSE
            v_errors := v_errors + 1;
            IF v_errors = 1 THEN
                v_first := v_problem;
            END IF;
        END IF;
    END LOOP;
    IF v_errors > 0 THEN
        RAISE EXCEPTION '%', v_first.message
            USING ERRCODE = v_first.code,
                  DETAIL = pg_catalog.format('%s problem(s) in this call; nothing was written', v_errors),
                  HINT = 'run fn_iu_create_plan (iu-cutter plan) to list every problem';
    END IF;

    -- One creator per document at a time: a concurrent cut of the same document waits here and
    -- then sees this one's units as existing.
    PERFORM pg_catalog.pg_advisory_xact_lock(7175, pg_catalog.hashtext(d.doc_code))
    FROM (
        SELECT DISTINCT pg_catalog.split_part(a.addr, '/', 1) AS doc_code
        FROM unnest(p_canonical_addresses) AS a (addr)
        ORDER BY 1
    ) AS d;

    -- Only addresses already in use can conflict: their bodies alone are hashed here. (A count,
    -- not EXISTS: a fast-start plan would probe every address through the index one by one.)
    SELECT count(*) INTO v_conflicts
    FROM unnest(p_canonical_addresses, p_bodies) AS a (addr, body)
    JOIN public.information_unit AS iu ON iu.canonical_address = a.addr
    JOIN public.unit_version AS uv ON uv.id = iu.current_version_id
    WHERE uv.content_hash <> public.fn_iu_content_hash(a.body);
    IF v_conflicts > 0 THEN
        SELECT c.* INTO v_first_conflict
        FROM public.fn_iu_classify_existing(p_canonical_addresses, p_bodies) AS c
        WHERE c.action = 'conflict'
        ORDER BY c.ordinal
        LIMIT 1;
        RAISE EXCEPTION 'unit % (%) exists with different content', v_first_conflict.ordinal,
            v_first_conflict.canonical_address
            USING ERRCODE = 'IU006',
                  DETAIL = pg_catalog.format(
                      'stored content_hash %s (status %s), given %s; %s conflicting unit(s); nothing was written',
                      v_first_conflict.existing_content_hash, v_first_conflict.existing_status,
                      v_first_conflict.content_hash, v_conflicts),
                  HINT = 'edit a draft with fn_iu_apply_edit_draft, or supersede an enacted unit';
    END IF;

    v_ticket := public.fn_iu_gateway_open('fn_iu_create');

    RETURN QUERY
    WITH input AS MATERIALIZED (
        SELECT
            t.ord::integer AS ord,
            t.addr,
            -- The NFC form, which the quick check finds most text already in: normalize() alone
            -- costs three times as much (0.6 s per 100,000 bodies) to return the same text.
            CASE WHEN t.body IS NFC NORMALIZED THEN t.body ELSE pg_catalog.normalize(t.body, 'NFC') END AS body,
            nullif(pg_catalog.btrim(t.title), '') AS title,
            t.doc_order,
            pg_catalog.split_part(t.addr, '/', 1) AS doc_code,
            -- The address up to its last '/' (what regexp_replace(addr, '/[^/]+$', '') leaves,
            -- at a quarter of its cost; an address ending in '/' has no last segment to drop).
            CASE
                WHEN pg_catalog.strpos(t.addr, '/') > 0 THEN CASE
                    WHEN pg_catalog.right(t.addr, 1) = '/' THEN t.addr
                    ELSE pg_catalog.left(t.addr, -pg_catalog.strpos(pg_catalog.reverse(t.addr), '/'))
                END
            END AS parent_addr,
            e.id AS existing_iu_id,
            e.current_version_id AS existing_version_id,
            pg_catalog.gen_random_uuid() AS new_iu_id,
            pg_catalog.gen_random_uuid() AS new_version_id
        FROM unnest(
            p_canonical_addresses, p_bodies,
            coalesce(p_titles, '{}'::text[]), coalesce(p_doc_orders, '{}'::integer[])
        ) WITH ORDINALITY AS t (addr, body, title, doc_order, ord)
        LEFT JOIN public.information_unit AS e ON e.canonical_address = t.addr
    ),
    next_order AS (
        SELECT
            d.doc_code,
            coalesce(
                (SELECT max(iu.doc_order) + 1 FROM public.information_unit AS iu WHERE iu.doc_code = d.doc_code),
                0
            ) AS base
        FROM (SELECT DISTINCT i.doc_code FROM input AS i) AS d
    ),
    ins_iu AS (
        INSERT INTO public.information_unit (
            id, canonical_address, parent_id, doc_order, title, publication_type,
            current_version_id, created_change_set_id, created_by, updated_by
        )
        SELECT
            n.new_iu_id,
            n.addr,
            coalesce(ep.id, bp.new_iu_id),
            coalesce(n.doc_order, o.base + n.ord - 1),
            n.title,
            v_pub,
            n.new_version_id,
            p_change_set_id,
            p_actor,
            p_actor
        FROM input AS n
        JOIN next_order AS o ON o.doc_code = n.doc_code
        LEFT JOIN public.information_unit AS ep ON ep.canonical_address = n.parent_addr
        LEFT JOIN input AS bp ON bp.addr = n.parent_addr
        WHERE n.existing_iu_id IS NULL
        ORDER BY n.ord
        RETURNING 1
    ),
    ins_uv AS (
        INSERT INTO public.unit_version (id, iu_id, version_no, body, change_set_id, created_by, updated_by)
        SELECT n.new_version_id, n.new_iu_id, 1, n.body, p_change_set_id, p_actor, p_actor
        FROM input AS n
        WHERE n.existing_iu_id IS NULL
        ORDER BY n.ord
        RETURNING unit_version.iu_id AS unit_id, unit_version.content_hash AS hash
    )
    -- A new version's hash is the one its generated column computed on insert; an unchanged
    -- unit's is its stored one, which the conflict check above found equal to the given body's.
    -- (The join with the insert's rows is a hash join: it keys on the new unit id alone.)
    SELECT
        n.ord,
        n.addr,
        coalesce(n.existing_iu_id, n.new_iu_id),
        coalesce(n.existing_version_id, n.new_version_id),
        coalesce(h.hash, (SELECT v.content_hash FROM public.unit_version AS v WHERE v.id = n.existing_version_id)),
        CASE WHEN n.existing_iu_id IS NULL THEN 'created' ELSE 'unchanged' END
    FROM input AS n
    LEFT JOIN ins_uv AS h ON h.unit_id = n.new_iu_id
    ORDER BY n.ord;

    PERFORM public.fn_iu_gateway_close(v_ticket);
END
$_$;

ALTER FUNCTION public.fn_iu_create(p_canonical_addresses text[], p_bodies text[], p_actor text, p_titles text[], p_publication_type text, p_doc_orders integer[], p_change_set_id uuid) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_create(p_canonical_addresses text[], p_bodies text[], p_actor text, p_titles text[], p_publication_type text, p_doc_orders integer[], p_change_set_id uuid); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_create(p_canonical_addresses text[], p_bodies text[], p_actor text, p_titles text[], p_publication_type text, p_doc_orders integer[], p_change_set_id uuid) IS 'Canonical set-based creation: many units, one INSERT per table, all or nothing. Returns created / unchanged per unit; IU005/IU009 invalid input, IU006 conflict.';

--
-- Name: fn_iu_create_plan(text, text, text, text); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_create_plan(p_canonical_address text, p_body text, p_title text DEFAULT NULL::text, p_publication_type text DEFAULT NULL::text) RETURNS TABLE(ordinal integer, canonical_address text, unit_kind text, content_hash text, action text, code text, message text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT * FROM public.fn_iu_create_plan(
        p_canonical_addresses => ARRAY[p_canonical_address],
        p_bodies => ARRAY[p_body],
        p_titles => ARRAY[p_title],
        p_publication_type => p_publication_type
    )
$$;

ALTER FUNCTION public.fn_iu_create_plan(p_canonical_address text, p_body text, p_title text, p_publication_type text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_create_plan(p_canonical_address text, p_body text, p_title text, p_publication_type text); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_create_plan(p_canonical_address text, p_body text, p_title text, p_publication_type text) IS 'Dry run of the scalar fn_iu_create for one unit. STABLE: writes nothing.';

--
-- Name: fn_iu_create_plan(text[], text[], text[], text, integer[]); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_create_plan(p_canonical_addresses text[], p_bodies text[], p_titles text[] DEFAULT NULL::text[], p_publication_type text DEFAULT NULL::text, p_doc_orders integer[] DEFAULT NULL::integer[]) RETURNS TABLE(ordinal integer, canonical_address text, unit_kind text, content_hash text, action text, code text, message text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
    WITH problems AS MATERIALIZED (
        SELECT * FROM public.fn_iu_preflight(
            p_canonical_addresses, p_bodies, p_titles, p_publication_type, p_doc_orders)
    ),
    call_level AS (
        SELECT
            NULL::integer AS ordinal,
            NULL::text AS canonical_address,
            NULL::text AS unit_kind,
            NULL::text AS content_hash,
            CASE p.severity WHEN 'error' THEN 'refused' ELSE 'warning' END AS action,
            p.code,
            p.message
        FROM problems AS p
        WHERE p.ordinal IS NULL
    ),
    -- Over-limit bodies are all the preflight reports when there are any: they are listed as
    -- they are, and no body is classified (hashed) against the stored units.
    oversized AS (
        SELECT p.ordinal, p.canonical_address, NULL::text AS unit_kind, NULL::text AS content_hash,
            'invalid'::text AS action, p.code, p.message
        FROM problems AS p
        WHERE p.ordinal IS NOT NULL AND p.code = 'IU009'
    ),
    units AS (
        SELECT
            c.ordinal,
            c.canonical_address,
            CASE
                WHEN c.canonical_address !~ '^[A-Z0-9]+(-[A-Z0-9]+)*(/[a-z]+_[a-z0-9]+)*$' THEN NULL
                WHEN pg_catalog.strpos(c.canonical_address, '/') = 0 THEN 'doc'
                ELSE pg_catalog.regexp_replace(c.canonical_address, '^.*/([a-z]+)_[a-z0-9]+$', '\1')
            END AS unit_kind,
            c.content_hash,
            CASE WHEN e.code IS NOT NULL THEN 'invalid' ELSE c.action END AS action,
            coalesce(e.code, CASE WHEN c.action = 'conflict' THEN 'IU006' END) AS code,
            coalesce(
                e.message,
                CASE
                    WHEN c.action = 'conflict' THEN pg_catalog.format(
                        'unit %s (%s): exists with different content (stored %s, status %s)',
                        c.ordinal, c.canonical_address, c.existing_content_hash, c.existing_status)
                END
            ) AS message
        FROM public.fn_iu_classify_existing(p_canonical_addresses, p_bodies) AS c
        LEFT JOIN LATERAL (
            SELECT
                pg_catalog.string_agg(DISTINCT p.code, ',') AS code,
                pg_catalog.string_agg(p.message, '; ' ORDER BY p.code) AS message
            FROM problems AS p
            WHERE p.ordinal = c.ordinal
            HAVING count(*) > 0
        ) AS e ON true
        WHERE NOT EXISTS (SELECT 1 FROM problems AS p WHERE p.ordinal IS NULL AND p.severity = 'error')
          AND NOT EXISTS (SELECT 1 FROM oversized)
    )
    SELECT * FROM call_level
    UNION ALL
    SELECT * FROM (SELECT * FROM oversized ORDER BY ordinal) AS o
    UNION ALL
    SELECT * FROM (SELECT * FROM units ORDER BY ordinal) AS u
$_$;

ALTER FUNCTION public.fn_iu_create_plan(p_canonical_addresses text[], p_bodies text[], p_titles text[], p_publication_type text, p_doc_orders integer[]) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_create_plan(p_canonical_addresses text[], p_bodies text[], p_titles text[], p_publication_type text, p_doc_orders integer[]); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_create_plan(p_canonical_addresses text[], p_bodies text[], p_titles text[], p_publication_type text, p_doc_orders integer[]) IS 'Dry run of fn_iu_create: create / unchanged / conflict / invalid per unit, plus call-level refusals and warnings. STABLE: writes nothing.';

--
-- Name: fn_iu_document_at(text, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_document_at(p_doc_code text, p_at timestamp with time zone DEFAULT now()) RETURNS TABLE(doc_order integer, canonical_address text, unit_kind text, parent_address text, title text, iu_id uuid, version_id uuid, version_no integer, body text, content_hash text, in_force_from timestamp with time zone, in_force_until timestamp with time zone)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT iu.doc_order, iu.canonical_address, iu.unit_kind, iu.parent_address, iu.title, iu.id, uv.id,
        uv.version_no, uv.body, uv.content_hash, uv.enacted_at, coalesce(uv.superseded_at, uv.retired_at)
    FROM public.information_unit AS iu
    JOIN public.unit_version AS uv ON uv.iu_id = iu.id
    WHERE iu.doc_code = p_doc_code
      AND uv.enacted_at <= p_at
      AND coalesce(uv.superseded_at, uv.retired_at, 'infinity'::timestamptz) > p_at
    ORDER BY iu.doc_order, iu.canonical_address
$$;

ALTER FUNCTION public.fn_iu_document_at(p_doc_code text, p_at timestamp with time zone) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_document_at(p_doc_code text, p_at timestamp with time zone); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_document_at(p_doc_code text, p_at timestamp with time zone) IS 'The document as in force at a point in time: one row per unit with a version in force then, in document order.';

--
-- Name: fn_iu_enact(text, text, uuid); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_enact(p_canonical_address text, p_actor text, p_review_decision_id uuid) RETURNS text
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT e.action
    FROM public.fn_iu_enact_batch(
        p_canonical_addresses => ARRAY[p_canonical_address],
        p_actor => p_actor,
        p_review_decision_id => p_review_decision_id
    ) AS e
$$;

ALTER FUNCTION public.fn_iu_enact(p_canonical_address text, p_actor text, p_review_decision_id uuid) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_enact(p_canonical_address text, p_actor text, p_review_decision_id uuid); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_enact(p_canonical_address text, p_actor text, p_review_decision_id uuid) IS 'Enacts one draft unit under an approved review decision by someone else: enacted, or already_enacted. IU004/IU003/IU007/IU006 as fn_iu_enact_batch.';

--
-- Name: fn_iu_enact_batch(text[], text, uuid, text); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_enact_batch(p_canonical_addresses text[], p_actor text, p_review_decision_id uuid, p_reason text DEFAULT NULL::text) RETURNS TABLE(canonical_address text, iu_id uuid, version_id uuid, content_hash text, action text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET work_mem TO '64MB'
    AS $$
DECLARE
    v_review record;
    v_units record;
    v_ids uuid[];
    v_version_ids uuid[];
    v_addrs text[];
    v_hashes text[];
    v_numbers integer[];
    v_problem record;
    v_broken text[];
    v_at timestamptz := pg_catalog.clock_timestamp();
    v_done integer;
    v_ticket bigint;
BEGIN
    PERFORM public.fn_iu_lifecycle_batch_check(p_canonical_addresses, p_actor, 'enactment');
    SELECT * INTO v_review FROM public.fn_iu_review_check(p_review_decision_id, 'enact', p_actor);
    -- One pass over the units: what exists, in which state, with which content.
    SELECT
        count(*) FILTER (WHERE iu.id IS NULL) AS missing,
        pg_catalog.min(t.addr) FILTER (WHERE iu.id IS NULL) AS first_missing,
        count(*) FILTER (WHERE iu.lifecycle_status NOT IN ('draft', 'enacted')) AS closed,
        pg_catalog.min(t.addr || ' is ' || iu.lifecycle_status)
            FILTER (WHERE iu.lifecycle_status NOT IN ('draft', 'enacted')) AS first_closed,
        count(*) FILTER (WHERE iu.lifecycle_status = 'draft') AS drafts,
        -- Every unit in the order given: the drafts are taken from these, and the answer says
        -- what each one is once the drafts are enacted.
        pg_catalog.array_agg(iu.id ORDER BY t.ord) AS all_ids,
        pg_catalog.array_agg(uv.id ORDER BY t.ord) AS all_version_ids,
        pg_catalog.array_agg(uv.content_hash ORDER BY t.ord) AS all_hashes,
        pg_catalog.array_agg(uv.version_no ORDER BY t.ord) AS all_numbers,
        pg_catalog.array_agg(iu.lifecycle_status = 'draft' ORDER BY t.ord) AS all_drafts,
        -- A unit is enacted together with or after its parent: a draft whose parent is neither
        -- enacted nor in this batch (a parent in the batch that is not a draft is refused above).
        count(*) FILTER (WHERE iu.lifecycle_status = 'draft' AND p.lifecycle_status <> 'enacted'
            AND b.addr IS NULL) AS early,
        pg_catalog.min(ARRAY[t.addr, iu.parent_address]) FILTER (WHERE iu.lifecycle_status = 'draft'
            AND p.lifecycle_status <> 'enacted' AND b.addr IS NULL) AS first_early,
        -- Four invariants of the probe, proven here on the rows this pass joins anyway: a draft's
        -- current version is its own and shares its status, and its parent is the unit its
        -- address names and comes before it ({address, invariant, detail}, the probe's words;
        -- the first by address, then by invariant, as the probe orders them).
        pg_catalog.min(ARRAY[t.addr, 'current_version_owned', CASE
            WHEN uv.id IS NULL THEN 'current version does not exist'
            ELSE pg_catalog.format('current version %s belongs to unit %s', uv.id, uv.iu_id)
        END]) FILTER (WHERE iu.lifecycle_status = 'draft' AND (uv.id IS NULL OR uv.iu_id <> iu.id)) AS unowned,
        pg_catalog.min(ARRAY[t.addr, 'lifecycle_consistent', pg_catalog.format(
            'unit is %s, its current version is %s', iu.lifecycle_status, uv.lifecycle_status)])
            FILTER (WHERE iu.lifecycle_status = 'draft' AND uv.lifecycle_status <> iu.lifecycle_status) AS inconsistent,
        pg_catalog.min(ARRAY[t.addr, 'parent_consistent', CASE
            WHEN p.id IS NULL THEN pg_catalog.format('parent %s does not exist', iu.parent_address)
            ELSE pg_catalog.format('parent_id points at %s, the address names %s', p.canonical_address,
                iu.parent_address)
        END]) FILTER (WHERE iu.lifecycle_status = 'draft' AND iu.parent_address IS NOT NULL
            AND p.canonical_address IS DISTINCT FROM iu.parent_address) AS orphaned,
        pg_catalog.min(ARRAY[t.addr, 'parent_precedes_child', pg_catalog.format(
            'doc_order %s is not after its parent''s %s', iu.doc_order, p.doc_order)])
            FILTER (WHERE iu.lifecycle_status = 'draft' AND iu.doc_order <= p.doc_order) AS misordered
    INTO v_units
    FROM unnest(p_canonical_addresses) WITH ORDINALITY AS t (addr, ord)
    LEFT JOIN public.information_unit AS iu ON iu.canonical_address = t.addr
    LEFT JOIN public.unit_version AS uv ON uv.id = iu.current_version_id
    LEFT JOIN public.information_unit AS p ON p.id = iu.parent_id
    LEFT JOIN unnest(p_canonical_addresses) AS b (addr) ON b.addr = p.canonical_address;
    IF v_units.missing > 0 THEN
        RAISE EXCEPTION 'unit % does not exist', v_units.first_missing
            USING ERRCODE = 'IU007', DETAIL = pg_catalog.format('%s unknown address(es); nothing was enacted', v_units.missing);
    END IF;
    IF v_units.closed > 0 THEN
        RAISE EXCEPTION 'unit % and cannot be enacted', v_units.first_closed
            USING ERRCODE = 'IU003', DETAIL = pg_catalog.format('%s such unit(s); nothing was enacted', v_units.closed);
    END IF;

    -- The drafts, in the order given: usually every unit, and then the arrays serve as they are.
    IF v_units.drafts = pg_catalog.cardinality(p_canonical_addresses) THEN
        v_ids := v_units.all_ids;
        v_version_ids := v_units.all_version_ids;
        v_addrs := p_canonical_addresses;
        v_hashes := v_units.all_hashes;
        v_numbers := v_units.all_numbers;
    ELSIF v_units.drafts > 0 THEN
        SELECT pg_catalog.array_agg(d.id ORDER BY d.ord), pg_catalog.array_agg(d.version_id ORDER BY d.ord),
            pg_catalog.array_agg(d.addr ORDER BY d.ord), pg_catalog.array_agg(d.hash ORDER BY d.ord),
            pg_catalog.array_agg(d.version_no ORDER BY d.ord)
        INTO v_ids, v_version_ids, v_addrs, v_hashes, v_numbers
        FROM unnest(v_units.all_ids, v_units.all_version_ids, p_canonical_addresses, v_units.all_hashes,
            v_units.all_numbers, v_units.all_drafts) WITH ORDINALITY
            AS d (id, version_id, addr, hash, version_no, draft, ord)
        WHERE d.draft;
    END IF;

    IF v_ids IS NOT NULL THEN
        -- The decision covers a draft only if its manifest lists this address with this content.
        -- (Aggregates, not LIMIT 1, here and below: a fast-start plan for a row that is usually
        -- absent would be a nested loop over the batch.)
        SELECT pg_catalog.min(ARRAY[d.addr, d.hash, m.content_hash]) AS first, count(*) AS n INTO v_problem
        FROM unnest(v_addrs, v_hashes) AS d (addr, hash)
        LEFT JOIN cutter_governance.manifest_entry AS m
            ON m.envelope_id = v_review.envelope_id AND m.canonical_address = d.addr
        WHERE m.content_hash IS DISTINCT FROM d.hash;
        IF v_problem.n > 0 THEN
            RAISE EXCEPTION 'review decision % does not cover unit % as it stands', p_review_decision_id,
                v_problem.first[1]
                USING ERRCODE = 'IU004',
                      DETAIL = pg_catalog.format('stored content_hash %s, approved %s; %s unit(s) not covered',
                          v_problem.first[2], coalesce(v_problem.first[3], '<not in the approved manifest>'),
                          v_problem.n),
                      HINT = 'a decision approves exact content: review the change set that holds it';
        END IF;

        IF v_units.early > 0 THEN
            RAISE EXCEPTION 'unit % cannot be enacted before its parent %', v_units.first_early[1],
                v_units.first_early[2]
                USING ERRCODE = 'IU003', HINT = 'enact the parent first or in the same batch';
        END IF;

        -- The invariant probe, less what this function proves itself: a unit exists, its
        -- current version is its own with its status, its parent is consistent and comes first
        -- (the units pass above). The gate leaves out as well what the database holds by
        -- itself, content_hash_matches among them: the stored hash is the generated column's,
        -- computed by the certified hash function, and the UPDATE below moves a version only if
        -- that stored hash is the approved one. What is left of the probe is then usually
        -- nothing, and the gate reads no unit.
        v_broken := LEAST(v_units.unowned, v_units.inconsistent, v_units.orphaned, v_units.misordered);
        IF v_broken IS NOT NULL THEN
            RAISE EXCEPTION 'unit % fails invariant %: %', v_broken[1], v_broken[2], v_broken[3]
                USING ERRCODE = 'IU005', HINT = 'fn_iu_verify_invariants lists every violation; nothing was enacted';
        END IF;
        PERFORM public.fn_iu_invariant_gate(v_addrs, 'enacted',
            ARRAY['unit_exists', 'current_version_owned', 'lifecycle_consistent', 'parent_consistent',
                'parent_precedes_child']);

        v_ticket := public.fn_iu_gateway_open('fn_iu_enact');
        WITH moved AS (
            UPDATE public.unit_version AS uv
            SET lifecycle_status = 'enacted', enacted_at = v_at, enacted_by = p_actor,
                updated_at = v_at, updated_by = p_actor
            FROM unnest(v_version_ids, v_hashes) AS d (id, hash)
            WHERE uv.id = d.id AND uv.lifecycle_status = 'draft' AND uv.content_hash = d.hash
            RETURNING 1
        )
        SELECT count(*)::integer INTO v_done FROM moved;
        IF v_done <> pg_catalog.cardinality(v_ids) THEN
            RAISE EXCEPTION '% of % draft(s) changed while they were being enacted',
                pg_catalog.cardinality(v_ids) - v_done, pg_catalog.cardinality(v_ids)
                USING ERRCODE = 'IU006', HINT = 'the content is no longer what was approved: review it again';
        END IF;
        WITH moved AS (
            UPDATE public.information_unit AS iu
            SET lifecycle_status = 'enacted', enacted_at = v_at, enacted_by = p_actor,
                updated_at = v_at, updated_by = p_actor
            FROM unnest(v_ids, v_version_ids) AS d (id, version_id)
            WHERE iu.id = d.id AND iu.lifecycle_status = 'draft' AND iu.current_version_id = d.version_id
            RETURNING 1
        )
        SELECT count(*)::integer INTO v_done FROM moved;
        IF v_done <> pg_catalog.cardinality(v_ids) THEN
            RAISE EXCEPTION '% of % unit(s) changed while they were being enacted',
                pg_catalog.cardinality(v_ids) - v_done, pg_catalog.cardinality(v_ids)
                USING ERRCODE = 'IU006';
        END IF;
        PERFORM public.fn_iu_lifecycle_record(
            'enact', p_actor,
            coalesce(nullif(pg_catalog.btrim(p_reason), ''), 'enacted under review decision ' || p_review_decision_id),
            p_review_decision_id, v_review.change_set_id, v_at,
            pg_catalog.array_fill('information_unit'::text, ARRAY[pg_catalog.cardinality(v_ids)]),
            v_ids, v_addrs,
            pg_catalog.array_fill('draft'::text, ARRAY[pg_catalog.cardinality(v_ids)]),
            pg_catalog.array_fill('enacted'::text, ARRAY[pg_catalog.cardinality(v_ids)]),
            pg_catalog.array_fill('enact'::text, ARRAY[pg_catalog.cardinality(v_ids)]),
            ARRAY(
                SELECT pg_catalog.jsonb_build_object('version_id', d.version_id, 'version_no', d.version_no,
                    'content_hash', d.hash)
                FROM unnest(v_version_ids, v_numbers, v_hashes) WITH ORDINALITY
                    AS d (version_id, version_no, hash, ord)
                ORDER BY d.ord
            )
        );
        PERFORM public.fn_iu_gateway_close(v_ticket);
    END IF;

    -- Settling reads the whole manifest against the units, unless this batch was the whole
    -- manifest and every unit in it a draft: then every manifest unit is one this call has just
    -- enacted (the batch check refuses a repeated address, the coverage check found each one in
    -- the manifest with its content, the manifest lists an address once, and the counts are
    -- equal), with the manifest's content (the guarded UPDATE), and settling knows it already.
    PERFORM public.fn_iu_change_set_settle(v_review.change_set_id,
        v_units.drafts = pg_catalog.cardinality(p_canonical_addresses)
        AND pg_catalog.cardinality(p_canonical_addresses) = (
            SELECT e.unit_count FROM cutter_governance.manifest_envelope AS e WHERE e.id = v_review.envelope_id));

    RETURN QUERY
    SELECT t.addr, t.id, t.version_id, t.hash, CASE WHEN t.draft THEN 'enacted' ELSE 'already_enacted' END
    FROM unnest(p_canonical_addresses, v_units.all_ids, v_units.all_version_ids, v_units.all_hashes, v_units.all_drafts)
        WITH ORDINALITY AS t (addr, id, version_id, hash, draft, ord)
    ORDER BY t.ord;
END
$$;

ALTER FUNCTION public.fn_iu_enact_batch(p_canonical_addresses text[], p_actor text, p_review_decision_id uuid, p_reason text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_enact_batch(p_canonical_addresses text[], p_actor text, p_review_decision_id uuid, p_reason text); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_enact_batch(p_canonical_addresses text[], p_actor text, p_review_decision_id uuid, p_reason text) IS 'Set-based enactment under one review decision, all or nothing: enacted / already_enacted per unit. IU004 review, IU003 state, IU007 unknown, IU006 changed meanwhile.';

--
-- Name: fn_iu_enacted_immut(); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_enacted_immut() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_changed text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'unit % is % and cannot be deleted', OLD.canonical_address, OLD.lifecycle_status
            USING ERRCODE = 'IU002',
                  HINT = 'retire it with fn_iu_retire under an approved review decision';
    END IF;
    IF NEW.lifecycle_status IS DISTINCT FROM OLD.lifecycle_status THEN
        PERFORM public.fn_iu_lifecycle_transition_refuse('unit ' || OLD.canonical_address, OLD.lifecycle_status, NEW.lifecycle_status);
    END IF;
    SELECT pg_catalog.string_agg(o.key, ', ' ORDER BY o.key) INTO v_changed
    FROM pg_catalog.jsonb_each(pg_catalog.to_jsonb(OLD)) AS o
    JOIN pg_catalog.jsonb_each(pg_catalog.to_jsonb(NEW)) AS n ON n.key = o.key
    WHERE o.value IS DISTINCT FROM n.value
      AND o.key NOT IN ('doc_code', 'unit_kind', 'unit_number', 'parent_address')
      AND (OLD.lifecycle_status <> 'enacted' OR o.key NOT IN (
          'lifecycle_status', 'current_version_id', 'retired_at', 'retired_by', 'updated_at', 'updated_by'
      ));
    IF v_changed IS NOT NULL THEN
        RAISE EXCEPTION 'unit % is % and its % cannot change', OLD.canonical_address, OLD.lifecycle_status,
            v_changed
            USING ERRCODE = 'IU002',
                  HINT = CASE OLD.lifecycle_status
                      WHEN 'enacted' THEN 'draft a new version (iu-cutter revise) and supersede'
                      ELSE 'a retired unit is part of the record; cut a new unit instead'
                  END;
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION public.fn_iu_enacted_immut() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_enacted_immut(); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_enacted_immut() IS 'Trigger: an enacted unit changes only status, current version and stamps; a retired unit never; neither is deleted (IU002).';

--
-- Name: fn_iu_enacted_truncate_guard(); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_enacted_truncate_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_found boolean;
BEGIN
    IF TG_TABLE_NAME = 'information_unit' THEN
        v_found := EXISTS (SELECT 1 FROM public.information_unit AS t WHERE t.lifecycle_status <> 'draft');
    ELSE
        v_found := EXISTS (SELECT 1 FROM public.unit_version AS t WHERE t.lifecycle_status <> 'draft');
    END IF;
    IF v_found THEN
        RAISE EXCEPTION 'TRUNCATE of % refused: it holds enacted, superseded or retired rows', TG_TABLE_NAME
            USING ERRCODE = 'IU002';
    END IF;
    RETURN NULL;
END
$$;

ALTER FUNCTION public.fn_iu_enacted_truncate_guard() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_enacted_truncate_guard(); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_enacted_truncate_guard() IS 'Trigger: TRUNCATE of information_unit or unit_version is IU002 while any row is enacted, superseded or retired.';

--
-- Name: fn_iu_gateway_close(bigint); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_gateway_close(p_ticket bigint) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_previous text;
BEGIN
    DELETE FROM public.iu_gateway_ticket AS t
    WHERE t.id = p_ticket AND t.backend_pid = pg_catalog.pg_backend_pid()
    RETURNING t.previous_marker INTO v_previous;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'gateway ticket % is not open in this session', p_ticket
            USING ERRCODE = 'IU001';
    END IF;
    PERFORM pg_catalog.set_config('app.canonical_writer', coalesce(v_previous, ''), true);
END
$$;

ALTER FUNCTION public.fn_iu_gateway_close(p_ticket bigint) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_gateway_close(p_ticket bigint); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_gateway_close(p_ticket bigint) IS 'Internal: closes a gateway ticket and restores the previous app.canonical_writer value. Executable by iu_owner only.';

--
-- Name: fn_iu_gateway_detector_report(); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_gateway_detector_report() RETURNS TABLE(measure text, value bigint, last_seen timestamp with time zone)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT 'refused_writes'::text,
        CASE WHEN s.is_called THEN s.last_value ELSE 0 END, NULL::timestamptz
    FROM public.iu_gateway_refusal_seq AS s
    UNION ALL
    SELECT 'forged_markers',
        CASE WHEN s.is_called THEN s.last_value ELSE 0 END, NULL::timestamptz
    FROM public.iu_gateway_forged_marker_seq AS s
    UNION ALL
    SELECT e.verdict, count(*), max(e.occurred_at)
    FROM public.iu_gateway_event AS e
    GROUP BY e.verdict
$$;

ALTER FUNCTION public.fn_iu_gateway_detector_report() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_gateway_detector_report(); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_gateway_detector_report() IS 'Detector counters for auditors: refused writes and hand-set markers (sequences: survive rollback), and allowed non-canonical writes by verdict.';

--
-- Name: fn_iu_gateway_exemption_grant(text, text, interval, text, text[], text[]); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_gateway_exemption_grant(p_ticket text, p_reason text, p_valid_for interval, p_actor text, p_tables text[] DEFAULT ARRAY['information_unit'::text, 'unit_version'::text], p_operations text[] DEFAULT ARRAY['INSERT'::text, 'UPDATE'::text]) RETURNS timestamp with time zone
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_max_days integer := public.fn_iu_policy('iu_create.gateway.exemption_max_days')::integer;
    v_expires timestamptz;
BEGIN
    PERFORM public.fn_iu_check_actor(p_actor);
    IF p_valid_for IS NULL OR p_valid_for <= interval '0' OR p_valid_for > pg_catalog.make_interval(days => v_max_days) THEN
        RAISE EXCEPTION 'exemption % must be valid for more than 0 and at most % days', p_ticket, v_max_days
            USING ERRCODE = 'IU005', HINT = 'see dot_config iu_create.gateway.exemption_max_days';
    END IF;
    IF p_reason IS NULL OR pg_catalog.char_length(pg_catalog.btrim(p_reason)) < 10 THEN
        RAISE EXCEPTION 'exemption % needs a reason of at least 10 characters', p_ticket USING ERRCODE = 'IU005';
    END IF;
    v_expires := pg_catalog.now() + p_valid_for;
    INSERT INTO public.iu_gateway_exemption (ticket, reason, tables, operations, expires_at, granted_by)
    VALUES (p_ticket, p_reason, p_tables, p_operations, v_expires, p_actor);
    RETURN v_expires;
EXCEPTION
    WHEN unique_violation THEN
        RAISE EXCEPTION 'exemption % is already registered', p_ticket
            USING ERRCODE = 'IU006', HINT = 'an exemption is never extended: register a new ticket';
    WHEN check_violation THEN
        RAISE EXCEPTION 'exemption % is not narrow enough or malformed: %', p_ticket, SQLERRM
            USING ERRCODE = 'IU005';
END
$$;

ALTER FUNCTION public.fn_iu_gateway_exemption_grant(p_ticket text, p_reason text, p_valid_for interval, p_actor text, p_tables text[], p_operations text[]) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_gateway_exemption_grant(p_ticket text, p_reason text, p_valid_for interval, p_actor text, p_tables text[], p_operations text[]); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_gateway_exemption_grant(p_ticket text, p_reason text, p_valid_for interval, p_actor text, p_tables text[], p_operations text[]) IS 'Registers a narrow migration exemption (ticket, reason, tables, operations, expiry within policy). DB team only: no role is granted EXECUTE.';

--
-- Name: fn_iu_gateway_exemption_revoke(text, text); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_gateway_exemption_revoke(p_ticket text, p_actor text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    PERFORM public.fn_iu_check_actor(p_actor);
    UPDATE public.iu_gateway_exemption AS e
    SET revoked_at = pg_catalog.now(), revoked_by = p_actor
    WHERE e.ticket = p_ticket AND e.revoked_at IS NULL;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'exemption % is not registered or already revoked', p_ticket USING ERRCODE = 'IU007';
    END IF;
END
$$;

ALTER FUNCTION public.fn_iu_gateway_exemption_revoke(p_ticket text, p_actor text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_gateway_exemption_revoke(p_ticket text, p_actor text); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_gateway_exemption_revoke(p_ticket text, p_actor text) IS 'Revokes a migration exemption before its expiry. DB team only: no role is granted EXECUTE.';

--
-- Name: fn_iu_gateway_open(text); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_gateway_open(p_marker text) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_ticket bigint;
BEGIN
    INSERT INTO public.iu_gateway_ticket (backend_pid, xact_id, marker, previous_marker)
    VALUES (
        pg_catalog.pg_backend_pid(),
        pg_catalog.pg_current_xact_id(),
        p_marker,
        nullif(pg_catalog.current_setting('app.canonical_writer', true), '')
    )
    RETURNING id INTO v_ticket;
    PERFORM pg_catalog.set_config('app.canonical_writer', p_marker, true);
    RETURN v_ticket;
END
$$;

ALTER FUNCTION public.fn_iu_gateway_open(p_marker text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_gateway_open(p_marker text); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_gateway_open(p_marker text) IS 'Internal: opens a gateway ticket for a canonical writer and sets app.canonical_writer. Executable by iu_owner only.';

--
-- Name: fn_iu_gateway_ticket_held(text); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_gateway_ticket_held(p_marker text) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT EXISTS (
        SELECT 1
        FROM public.iu_gateway_ticket AS t
        WHERE t.backend_pid = pg_catalog.pg_backend_pid()
          AND t.xact_id = pg_catalog.pg_current_xact_id()
          AND t.marker = p_marker
    )
$$;

ALTER FUNCTION public.fn_iu_gateway_ticket_held(p_marker text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_gateway_ticket_held(p_marker text); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_gateway_ticket_held(p_marker text) IS 'Internal: true when this backend''s current transaction holds an open gateway ticket for the marker.';

--
-- Name: fn_iu_gateway_write_guard(); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_gateway_write_guard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_marker text := nullif(pg_catalog.current_setting('app.canonical_writer', true), '');
    v_mode text;
    v_allowed text;
    v_prefix text;
    v_exemption text;
    v_verdict text;
    v_reason text;
    v_hint text;
BEGIN
    SELECT
        max(c.value) FILTER (WHERE c.key = 'iu_create.gateway.mode'),
        max(c.value) FILTER (WHERE c.key = 'iu_create.gateway.allowed_marker_values'),
        max(c.value) FILTER (WHERE c.key = 'iu_create.gateway.exemption_prefix')
    INTO v_mode, v_allowed, v_prefix
    FROM public.dot_config AS c
    WHERE c.key IN (
        'iu_create.gateway.mode',
        'iu_create.gateway.allowed_marker_values',
        'iu_create.gateway.exemption_prefix'
    );
    v_mode := coalesce(v_mode, 'enforced');

    IF v_marker IS NULL THEN
        v_verdict := 'no_marker';
        v_reason := 'no canonical writer marker is set';
        v_hint := 'write through the gateway functions (fn_iu_create_plan, then fn_iu_create)';
    ELSIF v_prefix IS NOT NULL AND pg_catalog.starts_with(v_marker, v_prefix) THEN
        v_exemption := pg_catalog.substr(v_marker, pg_catalog.length(v_prefix) + 1);
        IF EXISTS (
            SELECT 1
            FROM public.iu_gateway_exemption AS e
            WHERE e.ticket = v_exemption
              AND e.revoked_at IS NULL
              AND e.expires_at > pg_catalog.clock_timestamp()
              AND TG_TABLE_NAME = ANY (e.tables)
              AND TG_OP = ANY (e.operations)
        ) THEN
            v_verdict := 'exempted';
        ELSE
            v_verdict := 'invalid_exemption';
            v_reason := pg_catalog.format(
                'exemption %L is not registered, revoked, expired, or does not cover %s on %s',
                v_exemption, TG_OP, TG_TABLE_NAME
            );
            v_hint := 'a DBA registers a narrow exemption with fn_iu_gateway_exemption_grant (ticket, reason, expiry)';
        END IF;
    ELSIF NOT v_marker = ANY (pg_catalog.string_to_array(coalesce(v_allowed, ''), ',')) THEN
        v_verdict := 'unknown_marker';
        v_reason := pg_catalog.format('marker %L is not an allowed canonical writer', v_marker);
        v_hint := 'see dot_config iu_create.gateway.allowed_marker_values';
    ELSIF public.fn_iu_gateway_ticket_held(v_marker) THEN
        RETURN NULL;
    ELSE
        v_verdict := 'forged_marker';
        v_reason := pg_catalog.format(
            'marker %L was set outside its canonical function (no open gateway ticket)', v_marker
        );
        v_hint := 'the marker is a speed bump, not an authorisation: call the canonical function itself';
        PERFORM pg_catalog.nextval('public.iu_gateway_forged_marker_seq');
    END IF;

    IF v_verdict = 'exempted' OR v_mode = 'pilot' THEN
        IF v_verdict <> 'exempted' THEN
            RAISE WARNING 'iu gateway (pilot mode) allowed % on %: %', TG_OP, TG_TABLE_NAME, v_reason
                USING HINT = 'in enforced mode this write is refused with IU001; ' || v_hint;
            v_verdict := 'pilot_' || v_verdict;
        END IF;
        INSERT INTO public.iu_gateway_event (
            verdict, table_name, operation, marker, exemption_ticket, set_role,
            application_name, client_addr, backend_pid, xact_id, statement
        )
        VALUES (
            v_verdict, TG_TABLE_NAME, TG_OP, v_marker,
            CASE WHEN v_verdict = 'exempted' THEN v_exemption END,
            pg_catalog.current_setting('role'),
            pg_catalog.current_setting('application_name'),
            pg_catalog.inet_client_addr(), pg_catalog.pg_backend_pid(),
            pg_catalog.pg_current_xact_id(),
            pg_catalog.left(pg_catalog.current_query(), 4000)
        );
        RETURN NULL;
    END IF;

    PERFORM pg_catalog.nextval('public.iu_gateway_refusal_seq');
    RAISE LOG 'iu gateway refused % on % (verdict %, marker %, session user %, role %, application %)',
        TG_OP, TG_TABLE_NAME, v_verdict, coalesce(v_marker, '<none>'), session_user,
        pg_catalog.current_setting('role'), pg_catalog.current_setting('application_name');
    RAISE EXCEPTION 'iu gateway refused % on %: %', TG_OP, TG_TABLE_NAME, v_reason
        USING ERRCODE = 'IU001',
              DETAIL = pg_catalog.format('verdict=%s marker=%s', v_verdict, coalesce(v_marker, '<none>')),
              HINT = v_hint;
END
$$;

ALTER FUNCTION public.fn_iu_gateway_write_guard() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_gateway_write_guard(); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_gateway_write_guard() IS 'Statement-level gateway guard on information_unit and unit_version: canonical writer with an open ticket, or a valid migration exemption; otherwise IU001 (enforced) or WARNING + iu_gateway_event (pilot).';

--
-- Name: fn_iu_invariant_gate(text[], text, text[]); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_invariant_gate(p_canonical_addresses text[], p_what text, p_skip_invariants text[] DEFAULT '{}'::text[]) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_single boolean := pg_catalog.cardinality(p_canonical_addresses) = 1;
    v_skip text[] := coalesce(p_skip_invariants, '{}') || ARRAY(
        SELECT h.invariant FROM public.fn_iu_invariants_held() AS h WHERE h.held);
    v_problem record;
BEGIN
    SELECT v.canonical_address, v.invariant, v.detail INTO v_problem
    FROM (
        SELECT DISTINCT pg_catalog.split_part(a.addr, '/', 1) AS doc_code
        FROM unnest(p_canonical_addresses) AS a (addr)
    ) AS d
    CROSS JOIN LATERAL public.fn_iu_verify_invariants(
        CASE WHEN v_single THEN p_canonical_addresses[1] ELSE d.doc_code END, NOT v_single, v_skip) AS v
    JOIN unnest(p_canonical_addresses) AS a (addr) ON a.addr = v.canonical_address
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'unit % fails invariant %: %', v_problem.canonical_address, v_problem.invariant,
            v_problem.detail
            USING ERRCODE = 'IU005',
                  HINT = pg_catalog.format('fn_iu_verify_invariants lists every violation; nothing was %s', p_what);
    END IF;
END
$$;

ALTER FUNCTION public.fn_iu_invariant_gate(p_canonical_addresses text[], p_what text, p_skip_invariants text[]) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_invariant_gate(p_canonical_addresses text[], p_what text, p_skip_invariants text[]); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_invariant_gate(p_canonical_addresses text[], p_what text, p_skip_invariants text[]) IS 'Internal: IU005 naming the first invariant violation among the given units (fn_iu_verify_invariants, one probe per document, less the invariants held by constraints in place).';

--
-- Name: fn_iu_invariants_held(); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_invariants_held() RETURNS TABLE(invariant text, held boolean, held_by text)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
    WITH expected (invariant, kind, target, name, definition) AS (
        VALUES
        ('address_grammar', 'check', 'public.information_unit', 'information_unit_address_grammar',
            'CHECK (((canonical_address ~ ''^[A-Z0-9]+(-[A-Z0-9]+)*(/[a-z]+_[a-z0-9]+)*$''::text)'
            || ' AND (octet_length(canonical_address) <= 1024)))'),
        ('root_has_no_parent', 'check', 'public.information_unit', 'information_unit_parent_pair',
            'CHECK (((parent_id IS NULL) = (parent_address IS NULL)))'),
        ('body_valid', 'check', 'public.unit_version', 'unit_version_body_nfc',
            'CHECK ((body IS NFC NORMALIZED))'),
        ('body_valid', 'check', 'public.unit_version', 'unit_version_body_not_blank',
            'CHECK ((body ~ ''[^[:space:]]''::text))'),
        ('single_open_version', 'unique index', 'public.unit_version', 'unit_version_one_draft_per_iu',
            'CREATE UNIQUE INDEX unit_version_one_draft_per_iu ON public.unit_version USING btree (iu_id)'
            || ' WHERE (lifecycle_status = ''draft''::text)'),
        ('single_open_version', 'unique index', 'public.unit_version', 'unit_version_one_enacted_per_iu',
            'CREATE UNIQUE INDEX unit_version_one_enacted_per_iu ON public.unit_version USING btree (iu_id)'
            || ' WHERE (lifecycle_status = ''enacted''::text)'),
        ('content_hash_matches', 'generated column', 'public.unit_version', 'content_hash',
            'public.fn_iu_content_hash(body)'),
        ('content_hash_matches', 'certified function', 'public.fn_iu_content_hash(text)', 'fn_iu_content_hash',
            '2cdfb785c003734413bf668bd5a4223b4425ecf4e8d454645f648c476af0d5f0')
    ),
    found AS (
        SELECT e.invariant, e.kind || ' ' || e.name AS what, CASE e.kind
            WHEN 'check' THEN (
                SELECT c.convalidated AND pg_catalog.pg_get_constraintdef(c.oid) = e.definition
                FROM pg_catalog.pg_constraint AS c
                WHERE c.conrelid = pg_catalog.to_regclass(e.target) AND c.conname = e.name AND c.contype = 'c')
            WHEN 'unique index' THEN (
                SELECT i.indisvalid AND i.indisunique AND pg_catalog.pg_get_indexdef(i.indexrelid) = e.definition
                FROM pg_catalog.pg_index AS i
                JOIN pg_catalog.pg_class AS x ON x.oid = i.indexrelid
                WHERE i.indrelid = pg_catalog.to_regclass(e.target) AND x.relname = e.name)
            WHEN 'generated column' THEN (
                SELECT a.attgenerated = 's' AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) = e.definition
                FROM pg_catalog.pg_attribute AS a
                JOIN pg_catalog.pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE a.attrelid = pg_catalog.to_regclass(e.target) AND a.attname = e.name AND NOT a.attisdropped)
            WHEN 'certified function' THEN (
                SELECT pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(pg_catalog.concat_ws(E'\n',
                    l.lanname, p.provolatile::text, p.proisstrict::text, p.prorettype::pg_catalog.regtype::text,
                    coalesce(pg_catalog.array_to_string(p.proconfig, E'\n'), ''), p.prosrc), 'UTF8')), 'hex')
                    = e.definition
                FROM pg_catalog.pg_proc AS p
                JOIN pg_catalog.pg_language AS l ON l.oid = p.prolang
                WHERE p.oid = pg_catalog.to_regprocedure(e.target))
        END AS ok
        FROM expected AS e
    )
    SELECT f.invariant, pg_catalog.bool_and(coalesce(f.ok, false)), pg_catalog.string_agg(f.what, ', ' ORDER BY f.what)
    FROM found AS f
    GROUP BY f.invariant
    ORDER BY f.invariant
$_$;

ALTER FUNCTION public.fn_iu_invariants_held() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_invariants_held(); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_invariants_held() IS 'The probe''s invariants a constraint, unique index or generated column holds for every row, and whether that holder is in place as defined (held = false when dropped, altered or unvalidated).';

--
-- Name: fn_iu_lifecycle_batch_check(text[], text, text); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_lifecycle_batch_check(p_canonical_addresses text[], p_actor text, p_what text) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET work_mem TO '64MB'
    AS $$
DECLARE
    v_mode text := public.fn_iu_policy('iu_enact.mode');
    v_max integer := public.fn_iu_policy('iu_enact.max_units_per_call')::integer;
    v_count integer := coalesce(pg_catalog.cardinality(p_canonical_addresses), 0);
    v_bad record;
BEGIN
    PERFORM public.fn_iu_check_actor(p_actor);
    IF v_mode = 'frozen' THEN
        RAISE EXCEPTION 'lifecycle changes are frozen: % refused', p_what
            USING ERRCODE = 'IU003', HINT = 'a DBA sets dot_config iu_enact.mode back to enabled';
    END IF;
    IF v_count = 0 THEN
        RAISE EXCEPTION '% needs at least one address', p_what USING ERRCODE = 'IU005';
    END IF;
    IF v_count > v_max THEN
        RAISE EXCEPTION '% of % units exceeds the policy limit of %', p_what, v_count, v_max
            USING ERRCODE = 'IU009', HINT = 'split the batch, or see dot_config iu_enact.max_units_per_call';
    END IF;
    -- One hashed pass: the groups that are wrong (a missing address, one given twice), then the
    -- one to name: a missing address first, else the most repeated, each at its first position.
    SELECT g.ord, g.addr, g.n INTO v_bad
    FROM (
        SELECT t.addr, count(*) AS n, pg_catalog.min(t.ord) AS ord
        FROM unnest(p_canonical_addresses) WITH ORDINALITY AS t (addr, ord)
        GROUP BY t.addr
        HAVING t.addr IS NULL OR count(*) > 1
    ) AS g
    ORDER BY (g.addr IS NULL) DESC, g.n DESC, g.ord
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% : address % is %', p_what, v_bad.ord,
            CASE WHEN v_bad.addr IS NULL THEN 'missing' ELSE pg_catalog.format('%s, given twice', v_bad.addr) END
            USING ERRCODE = 'IU005';
    END IF;
    PERFORM pg_catalog.pg_advisory_xact_lock(7175, pg_catalog.hashtext(d.doc_code))
    FROM (
        SELECT DISTINCT pg_catalog.split_part(a.addr, '/', 1) AS doc_code
        FROM unnest(p_canonical_addresses) AS a (addr)
        ORDER BY 1
    ) AS d;
    RETURN v_count;
END
$$;

ALTER FUNCTION public.fn_iu_lifecycle_batch_check(p_canonical_addresses text[], p_actor text, p_what text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_lifecycle_batch_check(p_canonical_addresses text[], p_actor text, p_what text); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_lifecycle_batch_check(p_canonical_addresses text[], p_actor text, p_what text) IS 'Internal: shared input checks of the lifecycle writers (IU003 frozen, IU005, IU009) and the per-document locks.';

--
-- Name: fn_iu_lifecycle_born_draft(); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_lifecycle_born_draft() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    RAISE EXCEPTION '% row cannot be born %: new rows are draft', TG_TABLE_NAME, NEW.lifecycle_status
        USING ERRCODE = 'IU003',
              HINT = 'create drafts with fn_iu_create, then enact them with fn_iu_enact';
END
$$;

ALTER FUNCTION public.fn_iu_lifecycle_born_draft() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_lifecycle_born_draft(); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_lifecycle_born_draft() IS 'Trigger: new units and versions are drafts (IU003).';

--
-- Name: fn_iu_lifecycle_data_guard(); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_lifecycle_data_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    RAISE EXCEPTION '%.% is fixed lifecycle data: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'IU010',
              HINT = 'the lifecycle vocabulary and transitions change only through an Alembic revision';
END
$$;

ALTER FUNCTION public.fn_iu_lifecycle_data_guard() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_lifecycle_data_guard(); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_lifecycle_data_guard() IS 'Trigger: the lifecycle vocabulary and transition tables refuse every write (IU010); a migration changes them.';

--
-- Name: fn_iu_lifecycle_entry_hash(uuid, uuid, integer, text, uuid, text, text, text, text, text, text, timestamp with time zone, jsonb, uuid, uuid, text, text); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_lifecycle_entry_hash(p_id uuid, p_seal_id uuid, p_seal_ordinal integer, p_entity_collection text, p_entity_id uuid, p_canonical_address text, p_from_status text, p_to_status text, p_transition_type text, p_reason text, p_performed_by text, p_performed_at timestamp with time zone, p_metadata jsonb, p_review_decision_id uuid, p_change_set_id uuid, p_db_login text, p_application_name text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
        pg_catalog.quote_nullable(p_id::pg_catalog.text) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_seal_id::pg_catalog.text) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_seal_ordinal::pg_catalog.text) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_entity_collection) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_entity_id::pg_catalog.text) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_canonical_address) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_from_status) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_to_status) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_transition_type) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_reason) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_performed_by) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(pg_catalog.date_part('epoch', p_performed_at)::pg_catalog.text) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_metadata::pg_catalog.text) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_review_decision_id::pg_catalog.text) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_change_set_id::pg_catalog.text) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_db_login) OPERATOR(pg_catalog.||) ','
        OPERATOR(pg_catalog.||) pg_catalog.quote_nullable(p_application_name),
        'UTF8'
    )), 'hex')
$$;

ALTER FUNCTION public.fn_iu_lifecycle_entry_hash(p_id uuid, p_seal_id uuid, p_seal_ordinal integer, p_entity_collection text, p_entity_id uuid, p_canonical_address text, p_from_status text, p_to_status text, p_transition_type text, p_reason text, p_performed_by text, p_performed_at timestamp with time zone, p_metadata jsonb, p_review_decision_id uuid, p_change_set_id uuid, p_db_login text, p_application_name text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_lifecycle_entry_hash(p_id uuid, p_seal_id uuid, p_seal_ordinal integer, p_entity_collection text, p_entity_id uuid, p_canonical_address text, p_from_status text, p_to_status text, p_transition_type text, p_reason text, p_performed_by text, p_performed_at timestamp with time zone, p_metadata jsonb, p_review_decision_id uuid, p_change_set_id uuid, p_db_login text, p_application_name text); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_lifecycle_entry_hash(p_id uuid, p_seal_id uuid, p_seal_ordinal integer, p_entity_collection text, p_entity_id uuid, p_canonical_address text, p_from_status text, p_to_status text, p_transition_type text, p_reason text, p_performed_by text, p_performed_at timestamp with time zone, p_metadata jsonb, p_review_decision_id uuid, p_change_set_id uuid, p_db_login text, p_application_name text) IS 'SHA-256 of one lifecycle log row (every column quoted, time as epoch seconds): what its seal digests.';

--
-- Name: fn_iu_lifecycle_log_check(); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_lifecycle_log_check() RETURNS TABLE(chain_pos bigint, seal_id uuid, problem text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    WITH rows_checked AS (
        SELECT
            l.seal_id,
            count(*)::integer AS n,
            pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
                pg_catalog.string_agg(l.entry_hash, '' ORDER BY l.seal_ordinal), 'UTF8')), 'hex') AS digest,
            count(*) FILTER (WHERE l.entry_hash IS DISTINCT FROM public.fn_iu_lifecycle_entry_hash(
                l.id, l.seal_id, l.seal_ordinal, l.entity_collection, l.entity_id, l.canonical_address,
                l.from_status, l.to_status, l.transition_type, l.reason, l.performed_by, l.performed_at,
                l.metadata, l.review_decision_id, l.change_set_id, l.db_login, l.application_name
            )) AS altered,
            pg_catalog.min(l.seal_ordinal) AS first_ordinal,
            pg_catalog.max(l.seal_ordinal) AS last_ordinal
        FROM public.iu_lifecycle_log AS l
        GROUP BY l.seal_id
    ),
    seals AS (
        SELECT
            s.*,
            pg_catalog.lag(s.seal_hash) OVER (ORDER BY s.chain_pos) AS actual_prev,
            pg_catalog.lag(s.chain_pos) OVER (ORDER BY s.chain_pos) AS actual_prev_pos
        FROM public.iu_lifecycle_log_seal AS s
    ),
    problems AS (
        SELECT s.chain_pos, s.id AS seal_id, pg_catalog.format('%s log row(s) no longer hash to their entry_hash', r.altered) AS problem
        FROM seals AS s JOIN rows_checked AS r ON r.seal_id = s.id
        WHERE r.altered > 0
        UNION ALL
        SELECT s.chain_pos, s.id, pg_catalog.format(
            'the seal covers %s row(s) digesting to %s; the log holds %s row(s) (ordinals %s-%s) digesting to %s',
            s.entry_count, pg_catalog.left(s.entries_digest, 12), coalesce(r.n, 0), r.first_ordinal, r.last_ordinal,
            pg_catalog.left(coalesce(r.digest, '-'), 12))
        FROM seals AS s LEFT JOIN rows_checked AS r ON r.seal_id = s.id
        WHERE r.digest IS DISTINCT FROM s.entries_digest OR r.n IS DISTINCT FROM s.entry_count
        UNION ALL
        SELECT s.chain_pos, s.id, 'the seal no longer hashes to its seal_hash'
        FROM seals AS s
        WHERE s.seal_hash IS DISTINCT FROM public.fn_iu_lifecycle_seal_hash(
            s.prev_hash, s.chain_pos, s.id, s.transition_type, s.change_set_id, s.review_decision_id,
            s.performed_by, s.performed_at, s.db_login, s.entry_count, s.entries_digest)
        UNION ALL
        SELECT s.chain_pos, s.id, pg_catalog.format('chain broken: previous seal is #%s with hash %s, this seal links to %s',
            coalesce(s.actual_prev_pos::text, 'none'), pg_catalog.left(coalesce(s.actual_prev, '-'), 12),
            pg_catalog.left(coalesce(s.prev_hash, '-'), 12))
        FROM seals AS s
        WHERE s.prev_hash IS DISTINCT FROM s.actual_prev
           OR s.chain_pos <> coalesce(s.actual_prev_pos, 0) + 1
        UNION ALL
        SELECT NULL::bigint, l.seal_id, pg_catalog.format(
            'log row %s (%s) disagrees with its seal about the review decision or change set', l.id, l.canonical_address)
        FROM public.iu_lifecycle_log AS l
        JOIN public.iu_lifecycle_log_seal AS s ON s.id = l.seal_id
        WHERE l.review_decision_id IS DISTINCT FROM s.review_decision_id
           OR l.change_set_id IS DISTINCT FROM s.change_set_id
    )
    SELECT p.chain_pos, p.seal_id, p.problem FROM problems AS p ORDER BY p.chain_pos NULLS LAST, p.problem
$$;

ALTER FUNCTION public.fn_iu_lifecycle_log_check() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_lifecycle_log_check(); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_lifecycle_log_check() IS 'Tamper check of iu_lifecycle_log: row hashes, seal digests and the seal chain; one row per problem, none = intact.';

--
-- Name: fn_iu_lifecycle_log_guard(); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_lifecycle_log_guard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_marker text := nullif(pg_catalog.current_setting('app.canonical_writer', true), '');
    v_allowed text[] := TG_ARGV::text[];
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM pg_catalog.nextval('public.iu_gateway_refusal_seq');
        RAISE EXCEPTION 'the lifecycle log is append-only: % on %.% refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING ERRCODE = 'IU010',
                  HINT = 'a transition is corrected by a new transition, never by changing the log';
    END IF;
    IF v_marker = ANY (v_allowed) AND public.fn_iu_gateway_ticket_held(v_marker) THEN
        RETURN NULL;
    END IF;
    PERFORM pg_catalog.nextval('public.iu_gateway_refusal_seq');
    IF v_marker = ANY (v_allowed) THEN
        PERFORM pg_catalog.nextval('public.iu_gateway_forged_marker_seq');
    END IF;
    RAISE EXCEPTION 'lifecycle log refused INSERT on %', TG_TABLE_NAME
        USING ERRCODE = 'IU001',
              DETAIL = pg_catalog.format('marker=%s; allowed writers: %s', coalesce(v_marker, '<none>'),
                  pg_catalog.array_to_string(v_allowed, ', ')),
              HINT = 'log rows are written only by the lifecycle writers, with the transition they describe';
END
$$;

ALTER FUNCTION public.fn_iu_lifecycle_log_guard() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_lifecycle_log_guard(); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_lifecycle_log_guard() IS 'Lifecycle log guard: INSERT only by the writers named in TG_ARGV (with an open ticket); never UPDATE, DELETE or TRUNCATE (IU010).';

--
-- Name: fn_iu_lifecycle_log_sealed(); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_lifecycle_log_sealed() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET enable_nestloop TO 'off'
    AS $$
DECLARE
    v_unlisted record;
    v_bad record;
BEGIN
    SELECT r.from_status, r.to_status, r.transition_type, r.n
    INTO v_unlisted
    FROM (
        SELECT n.from_status, n.to_status, n.transition_type, count(*) AS n
        FROM new_rows AS n
        GROUP BY n.from_status, n.to_status, n.transition_type
    ) AS r
    LEFT JOIN public.iu_lifecycle_transition AS t
        ON t.from_status = r.from_status AND t.to_status = r.to_status AND t.transition_type = r.transition_type
    WHERE t.from_status IS NULL
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'lifecycle log rows record % -> % (%), which iu_lifecycle_transition does not list',
            v_unlisted.from_status, v_unlisted.to_status, v_unlisted.transition_type
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'iu_lifecycle_log_transition',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                  DETAIL = pg_catalog.format('%s row(s) of this statement; nothing was written', v_unlisted.n),
                  HINT = 'log rows record the transitions the lifecycle writers made';
    END IF;

    SELECT r.seal_id, r.n, r.first_ordinal, r.last_ordinal, s.id IS NOT NULL AS sealed, s.entry_count
    INTO v_bad
    FROM (
        SELECT n.seal_id, count(*) AS n, pg_catalog.min(n.seal_ordinal) AS first_ordinal,
            pg_catalog.max(n.seal_ordinal) AS last_ordinal
        FROM new_rows AS n
        GROUP BY n.seal_id
    ) AS r
    LEFT JOIN public.iu_lifecycle_log_seal AS s ON s.id = r.seal_id
    WHERE s.id IS NULL OR s.entry_count <> r.n OR r.first_ordinal <> 1 OR r.last_ordinal <> r.n
    LIMIT 1;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF NOT v_bad.sealed THEN
        RAISE EXCEPTION 'lifecycle log rows name seal %, which does not exist', v_bad.seal_id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'iu_lifecycle_log_sealed',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                  DETAIL = pg_catalog.format('%s row(s) of this statement; nothing was written', v_bad.n),
                  HINT = 'log rows are written with their seal, by fn_iu_lifecycle_record';
    END IF;
    RAISE EXCEPTION 'seal % lists % lifecycle log row(s); this statement wrote % for it, numbered % to %',
        v_bad.seal_id, v_bad.entry_count, v_bad.n, v_bad.first_ordinal, v_bad.last_ordinal
        USING ERRCODE = 'IU010', CONSTRAINT = 'iu_lifecycle_log_sealed',
              TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
              HINT = 'a seal''s rows are written with it, numbered from 1; nothing is added to a sealed set';
END
$$;

ALTER FUNCTION public.fn_iu_lifecycle_log_sealed() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_lifecycle_log_sealed(); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_lifecycle_log_sealed() IS 'Trigger (statement, transition table): the statement''s log rows record listed transitions and name existing seals, and are all of each seal''s rows, numbered 1..entry_count (23503 / IU010).';

--
-- Name: fn_iu_lifecycle_record(text, text, text, uuid, uuid, timestamp with time zone, text[], uuid[], text[], text[], text[], text[], jsonb[]); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_lifecycle_record(p_transition_type text, p_actor text, p_reason text, p_review_decision_id uuid, p_change_set_id uuid, p_performed_at timestamp with time zone, p_entity_collections text[], p_entity_ids uuid[], p_canonical_addresses text[], p_from_statuses text[], p_to_statuses text[], p_types text[], p_metadata jsonb[]) RETURNS uuid
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET work_mem TO '64MB'
    AS $$
DECLARE
    v_seal uuid := pg_catalog.gen_random_uuid();
    v_pos bigint;
    v_prev text;
    v_app text := nullif(pg_catalog.current_setting('application_name'), '');
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock(7176, 'public.iu_lifecycle_log_seal'::regclass::oid::integer);
    SELECT s.chain_pos, s.seal_hash INTO v_pos, v_prev
    FROM public.iu_lifecycle_log_seal AS s ORDER BY s.chain_pos DESC LIMIT 1;
    v_pos := coalesce(v_pos, 0) + 1;

    WITH entries AS (
        SELECT
            pg_catalog.gen_random_uuid() AS id, t.ord::integer AS ord, t.coll, t.entity, t.addr,
            t.from_status, t.to_status, t.kind, coalesce(t.meta, '{}'::jsonb) AS meta
        FROM unnest(
            p_entity_collections, p_entity_ids, p_canonical_addresses, p_from_statuses, p_to_statuses,
            p_types, p_metadata
        ) WITH ORDINALITY AS t (coll, entity, addr, from_status, to_status, kind, meta, ord)
    ),
    ins AS (
        INSERT INTO public.iu_lifecycle_log (
            id, seal_id, seal_ordinal, entity_collection, entity_id, canonical_address, from_status,
            to_status, transition_type, reason, performed_by, performed_at, metadata,
            review_decision_id, change_set_id, db_login, application_name, entry_hash
        )
        SELECT
            e.id, v_seal, e.ord, e.coll, e.entity, e.addr, e.from_status, e.to_status, e.kind,
            p_reason, p_actor, p_performed_at, e.meta, p_review_decision_id, p_change_set_id,
            session_user, v_app,
            public.fn_iu_lifecycle_entry_hash(
                e.id, v_seal, e.ord, e.coll, e.entity, e.addr, e.from_status, e.to_status, e.kind,
                p_reason, p_actor, p_performed_at, e.meta, p_review_decision_id, p_change_set_id,
                session_user, v_app
            )
        FROM entries AS e
        RETURNING seal_ordinal, entry_hash
    ),
    digest AS (
        SELECT
            count(*)::integer AS n,
            pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
                pg_catalog.string_agg(i.entry_hash, '' ORDER BY i.seal_ordinal), 'UTF8')), 'hex') AS d
        FROM ins AS i
    )
    INSERT INTO public.iu_lifecycle_log_seal (
        id, chain_pos, transition_type, change_set_id, review_decision_id, performed_by, performed_at,
        db_login, entry_count, entries_digest, prev_hash, seal_hash
    )
    SELECT
        v_seal, v_pos, p_transition_type, p_change_set_id, p_review_decision_id, p_actor, p_performed_at,
        session_user, g.n, g.d, v_prev,
        public.fn_iu_lifecycle_seal_hash(
            v_prev, v_pos, v_seal, p_transition_type, p_change_set_id, p_review_decision_id, p_actor,
            p_performed_at, session_user, g.n, g.d
        )
    FROM digest AS g;
    RETURN v_seal;
END
$$;

ALTER FUNCTION public.fn_iu_lifecycle_record(p_transition_type text, p_actor text, p_reason text, p_review_decision_id uuid, p_change_set_id uuid, p_performed_at timestamp with time zone, p_entity_collections text[], p_entity_ids uuid[], p_canonical_addresses text[], p_from_statuses text[], p_to_statuses text[], p_types text[], p_metadata jsonb[]) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_lifecycle_record(p_transition_type text, p_actor text, p_reason text, p_review_decision_id uuid, p_change_set_id uuid, p_performed_at timestamp with time zone, p_entity_collections text[], p_entity_ids uuid[], p_canonical_addresses text[], p_from_statuses text[], p_to_statuses text[], p_types text[], p_metadata jsonb[]); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_lifecycle_record(p_transition_type text, p_actor text, p_reason text, p_review_decision_id uuid, p_change_set_id uuid, p_performed_at timestamp with time zone, p_entity_collections text[], p_entity_ids uuid[], p_canonical_addresses text[], p_from_statuses text[], p_to_statuses text[], p_types text[], p_metadata jsonb[]) IS 'Internal: writes a lifecycle writer call''s log rows and their chained seal in one statement. Executable by iu_owner only.';

--
-- Name: fn_iu_lifecycle_seal_hash(text, bigint, uuid, text, uuid, uuid, text, timestamp with time zone, text, integer, text); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_lifecycle_seal_hash(p_prev_hash text, p_chain_pos bigint, p_id uuid, p_transition_type text, p_change_set_id uuid, p_review_decision_id uuid, p_performed_by text, p_performed_at timestamp with time zone, p_db_login text, p_entry_count integer, p_entries_digest text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
        pg_catalog.quote_nullable(p_prev_hash) || ','
        || pg_catalog.quote_nullable(p_chain_pos::text) || ','
        || pg_catalog.quote_nullable(p_id::text) || ','
        || pg_catalog.quote_nullable(p_transition_type) || ','
        || pg_catalog.quote_nullable(p_change_set_id::text) || ','
        || pg_catalog.quote_nullable(p_review_decision_id::text) || ','
        || pg_catalog.quote_nullable(p_performed_by) || ','
        || pg_catalog.quote_nullable(pg_catalog.date_part('epoch', p_performed_at)::text) || ','
        || pg_catalog.quote_nullable(p_db_login) || ','
        || pg_catalog.quote_nullable(p_entry_count::text) || ','
        || pg_catalog.quote_nullable(p_entries_digest),
        'UTF8'
    )), 'hex')
$$;

ALTER FUNCTION public.fn_iu_lifecycle_seal_hash(p_prev_hash text, p_chain_pos bigint, p_id uuid, p_transition_type text, p_change_set_id uuid, p_review_decision_id uuid, p_performed_by text, p_performed_at timestamp with time zone, p_db_login text, p_entry_count integer, p_entries_digest text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_lifecycle_seal_hash(p_prev_hash text, p_chain_pos bigint, p_id uuid, p_transition_type text, p_change_set_id uuid, p_review_decision_id uuid, p_performed_by text, p_performed_at timestamp with time zone, p_db_login text, p_entry_count integer, p_entries_digest text); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_lifecycle_seal_hash(p_prev_hash text, p_chain_pos bigint, p_id uuid, p_transition_type text, p_change_set_id uuid, p_review_decision_id uuid, p_performed_by text, p_performed_at timestamp with time zone, p_db_login text, p_entry_count integer, p_entries_digest text) IS 'SHA-256 linking a lifecycle log seal to the previous one (chain).';

--
-- Name: fn_iu_lifecycle_transition_check(); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_lifecycle_transition_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET enable_nestloop TO 'off'
    AS $$
DECLARE
    v_bad record;
    v_row jsonb;
BEGIN
    -- The join carries only the key and the statuses; the refused row is read whole afterwards.
    SELECT n.id, o.lifecycle_status AS from_status, n.lifecycle_status AS to_status
    INTO v_bad
    FROM old_rows AS o
    JOIN new_rows AS n ON n.id = o.id
    LEFT JOIN public.iu_lifecycle_transition AS t
        ON t.from_status = o.lifecycle_status AND t.to_status = n.lifecycle_status
    WHERE o.lifecycle_status IS DISTINCT FROM n.lifecycle_status AND t.from_status IS NULL
    LIMIT 1;
    IF FOUND THEN
        SELECT pg_catalog.to_jsonb(n) INTO v_row FROM new_rows AS n WHERE n.id = v_bad.id;
        PERFORM public.fn_iu_lifecycle_transition_refuse(
            CASE TG_TABLE_NAME
                WHEN 'information_unit' THEN 'unit ' || (v_row ->> 'canonical_address')
                ELSE pg_catalog.format('version %s of unit %s', v_row ->> 'version_no', v_row ->> 'iu_id')
            END,
            v_bad.from_status, v_bad.to_status);
    END IF;
    RETURN NULL;
END
$$;

ALTER FUNCTION public.fn_iu_lifecycle_transition_check() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_lifecycle_transition_check(); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_lifecycle_transition_check() IS 'Trigger (statement, transition tables): every status change of the statement is listed in iu_lifecycle_transition (IU003).';

--
-- Name: fn_iu_lifecycle_transition_refuse(text, text, text); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_lifecycle_transition_refuse(p_what text, p_from text, p_to text) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_allowed text;
BEGIN
    IF EXISTS (
        SELECT 1 FROM public.iu_lifecycle_transition AS t WHERE t.from_status = p_from AND t.to_status = p_to
    ) THEN
        RETURN;
    END IF;
    SELECT pg_catalog.string_agg(t.to_status, ', ' ORDER BY v.sort_order) INTO v_allowed
    FROM public.iu_lifecycle_transition AS t
    JOIN public.iu_lifecycle_vocab AS v ON v.code = t.to_status
    WHERE t.from_status = p_from;
    RAISE EXCEPTION '% cannot go from % to %', p_what, p_from, p_to
        USING ERRCODE = 'IU003',
              DETAIL = pg_catalog.format('allowed from %s: %s (iu_lifecycle_transition)', p_from,
                  coalesce(v_allowed, 'nothing, it is final')),
              HINT = 'statuses move only through fn_iu_enact, fn_iu_supersede and fn_iu_retire';
END
$$;

ALTER FUNCTION public.fn_iu_lifecycle_transition_refuse(p_what text, p_from text, p_to text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_lifecycle_transition_refuse(p_what text, p_from text, p_to text); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_lifecycle_transition_refuse(p_what text, p_from text, p_to text) IS 'Internal: IU003 unless the move is listed in iu_lifecycle_transition (DETAIL names what is allowed).';

--
-- Name: fn_iu_policy(text); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_policy(p_key text) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_value text;
BEGIN
    SELECT c.value INTO v_value FROM public.dot_config AS c WHERE c.key = p_key;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'policy key % is missing from dot_config', p_key
            USING ERRCODE = 'IU008',
                  HINT = 'run alembic upgrade head, or restore the key from sql/policy_seeds';
    END IF;
    RETURN v_value;
END
$$;

ALTER FUNCTION public.fn_iu_policy(p_key text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_policy(p_key text); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_policy(p_key text) IS 'Internal: the value of a dot_config key, or IU008 when the key is missing. Executable by iu_owner only.';

--
-- Name: fn_iu_preflight(text[], text[], text[], text, integer[]); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_preflight(p_canonical_addresses text[], p_bodies text[], p_titles text[] DEFAULT NULL::text[], p_publication_type text DEFAULT NULL::text, p_doc_orders integer[] DEFAULT NULL::integer[]) RETURNS TABLE(ordinal integer, canonical_address text, severity text, code text, message text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    v_count integer := coalesce(pg_catalog.cardinality(p_canonical_addresses), 0);
    v_max_units integer := public.fn_iu_policy('iu_create.gateway.max_units_per_call')::integer;
    v_max_body integer := public.fn_iu_policy('iu_create.gateway.max_body_bytes')::integer;
    v_pub text := public.fn_iu_resolve_default('publication_type', p_publication_type);
    v_pub1 text := public.fn_iu_policy('iu_create.gateway.pub1_mode');
    v_pub2 text := public.fn_iu_policy('iu_create.gateway.pub2_mode');
    v_types text[] := pg_catalog.string_to_array(public.fn_iu_policy('iu_create.gateway.publication_types'), ',');
BEGIN
    IF v_count > v_max_units THEN
        RETURN QUERY SELECT NULL::integer, NULL::text, 'error', 'IU009', pg_catalog.format(
            '%s units in one call exceed the policy limit of %s (iu_create.gateway.max_units_per_call)',
            v_count, v_max_units);
        RETURN;
    END IF;
    IF v_count = 0 THEN
        RETURN QUERY SELECT NULL::integer, NULL::text, 'error', 'IU005', 'no units given'::text;
        RETURN;
    END IF;
    IF coalesce(pg_catalog.cardinality(p_bodies), 0) <> v_count
        OR (p_titles IS NOT NULL AND pg_catalog.cardinality(p_titles) <> v_count)
        OR (p_doc_orders IS NOT NULL AND pg_catalog.cardinality(p_doc_orders) <> v_count) THEN
        RETURN QUERY SELECT NULL::integer, NULL::text, 'error', 'IU005', pg_catalog.format(
            'array lengths differ: %s addresses, %s bodies, %s titles, %s doc orders',
            v_count, coalesce(pg_catalog.cardinality(p_bodies), 0),
            coalesce(pg_catalog.cardinality(p_titles)::text, 'no'),
            coalesce(pg_catalog.cardinality(p_doc_orders)::text, 'no'));
        RETURN;
    END IF;

    -- An over-limit body is refused before anything else reads it: the checks below copy and
    -- scan every body several times, which for a body of hundreds of megabytes is what a
    -- refusal by policy must not cost. Only the over-limit bodies are reported then.
    RETURN QUERY
    SELECT t.ord::integer, t.addr, 'error'::text, 'IU009'::text, pg_catalog.format(
        'unit %s (%s): body is %s bytes; the policy limit is %s (iu_create.gateway.max_body_bytes)',
        t.ord, coalesce(t.addr, 'no address'), pg_catalog.octet_length(t.body), v_max_body)
    FROM unnest(p_canonical_addresses, p_bodies) WITH ORDINALITY AS t (addr, body, ord)
    WHERE pg_catalog.octet_length(t.body) > v_max_body
    ORDER BY t.ord;
    IF FOUND THEN
        RETURN;
    END IF;

    IF v_pub !~ '^[a-z][a-z_]{0,62}$' THEN
        RETURN QUERY SELECT NULL::integer, NULL::text, 'error', 'IU005', pg_catalog.format(
            'publication type %L is not a lower-case word (a-z and _)', pg_catalog.left(v_pub, 64));
    ELSIF v_pub IS NULL AND v_pub1 <> 'off' THEN
        RETURN QUERY SELECT NULL::integer, NULL::text,
            CASE v_pub1 WHEN 'block' THEN 'error' ELSE 'warning' END, 'IU005',
            'P-pub1: no publication type given (pass p_publication_type, e.g. ''law'')'::text;
    ELSIF v_pub IS NOT NULL AND v_pub2 <> 'off' AND NOT v_pub = ANY (v_types) THEN
        RETURN QUERY SELECT NULL::integer, NULL::text,
            CASE v_pub2 WHEN 'block' THEN 'error' ELSE 'warning' END, 'IU005',
            pg_catalog.format('P-pub2: publication type %L is not one of %s', v_pub,
                pg_catalog.array_to_string(v_types, ', '));
    END IF;

    RETURN QUERY
    WITH input AS MATERIALIZED (
        SELECT
            t.ord::integer AS ord,
            t.addr,
            t.body,
            t.title,
            t.doc_order,
            -- The address up to its last '/' (what regexp_replace(addr, '/[^/]+$', '') leaves,
            -- at a quarter of its cost; an address ending in '/' has no last segment to drop).
            CASE
                WHEN pg_catalog.strpos(t.addr, '/') > 0 THEN CASE
                    WHEN pg_catalog.right(t.addr, 1) = '/' THEN t.addr
                    ELSE pg_catalog.left(t.addr, -pg_catalog.strpos(pg_catalog.reverse(t.addr), '/'))
                END
            END AS parent_addr
        FROM unnest(
            p_canonical_addresses, p_bodies,
            coalesce(p_titles, '{}'::text[]), coalesce(p_doc_orders, '{}'::integer[])
        ) WITH ORDINALITY AS t (addr, body, title, doc_order, ord)
    ),
    firsts AS (
        SELECT i.addr, min(i.ord) AS first_ord
        FROM input AS i
        WHERE i.addr IS NOT NULL
        GROUP BY i.addr
    ),
    problems AS (
        SELECT i.ord, i.addr, 'IU005' AS code, 'canonical address is missing' AS message
        FROM input AS i WHERE i.addr IS NULL
        UNION ALL
        SELECT i.ord, i.addr, 'IU005', pg_catalog.format(
            'canonical address %L does not follow DOC-CODE(/kind_number)* (ASCII: DOC-CODE upper case, segments lower case)',
            i.addr)
        FROM input AS i
        WHERE i.addr !~ '^[A-Z0-9]+(-[A-Z0-9]+)*(/[a-z]+_[a-z0-9]+)*$'
        UNION ALL
        SELECT i.ord, i.addr, 'IU005', pg_catalog.format(
            'canonical address is %s bytes long; the limit is 1024', pg_catalog.octet_length(i.addr))
        FROM input AS i WHERE pg_catalog.octet_length(i.addr) > 1024
        UNION ALL
        SELECT i.ord, i.addr, 'IU005', 'body is empty or blank'
        FROM input AS i WHERE i.body IS NULL OR i.body !~ '[^[:space:]]'

        UNION ALL
        SELECT i.ord, i.addr, 'IU005', 'title is longer than 4000 characters or contains control characters'
        FROM input AS i
        WHERE pg_catalog.char_length(i.title) > 4000 OR i.title ~ '[[:cntrl:]]'
        UNION ALL
        SELECT i.ord, i.addr, 'IU005', pg_catalog.format('doc order %s is negative', i.doc_order)
        FROM input AS i WHERE i.doc_order < 0
        UNION ALL
        SELECT i.ord, i.addr, 'IU005', pg_catalog.format(
            'address %L is given twice (first as unit %s)', i.addr, f.first_ord)
        FROM input AS i JOIN firsts AS f ON f.addr = i.addr AND f.first_ord < i.ord
        UNION ALL
        SELECT i.ord, i.addr, 'IU005',
            CASE
                WHEN f.first_ord IS NOT NULL THEN pg_catalog.format(
                    'parent %L comes after its child (as unit %s); parents must come first',
                    i.parent_addr, f.first_ord)
                ELSE pg_catalog.format('parent %L does not exist', i.parent_addr)
            END
        FROM input AS i
        LEFT JOIN firsts AS f ON f.addr = i.parent_addr
        WHERE i.parent_addr IS NOT NULL
          AND (f.first_ord IS NULL OR f.first_ord > i.ord)
          AND NOT EXISTS (
              SELECT 1 FROM public.information_unit AS iu WHERE iu.canonical_address = i.parent_addr
          )
    )
    SELECT p.ord, p.addr, 'error'::text, p.code, pg_catalog.format(
        'unit %s (%s): %s', p.ord, coalesce(p.addr, 'no address'), p.message)
    FROM problems AS p
    ORDER BY p.ord, p.code;
END
$_$;

ALTER FUNCTION public.fn_iu_preflight(p_canonical_addresses text[], p_bodies text[], p_titles text[], p_publication_type text, p_doc_orders integer[]) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_preflight(p_canonical_addresses text[], p_bodies text[], p_titles text[], p_publication_type text, p_doc_orders integer[]); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_preflight(p_canonical_addresses text[], p_bodies text[], p_titles text[], p_publication_type text, p_doc_orders integer[]) IS 'Pack 22 helper: every problem with a set of units (address grammar, blank body, limits, duplicates, missing or late parents, birth gate P-pub1/P-pub2), one row each. Writes nothing.';

--
-- Name: fn_iu_resolve_default(text, text); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_resolve_default(p_param text, p_value text) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT coalesce(
        nullif(pg_catalog.btrim(p_value), ''),
        (SELECT c.value FROM public.dot_config AS c WHERE c.key = 'iu_create.default.' || p_param)
    )
$$;

ALTER FUNCTION public.fn_iu_resolve_default(p_param text, p_value text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_resolve_default(p_param text, p_value text); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_resolve_default(p_param text, p_value text) IS 'Internal (Pack 22 helper): the given value, else dot_config iu_create.default.<param>, else NULL.';

--
-- Name: fn_iu_retire(text, text, uuid, text); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_retire(p_canonical_address text, p_actor text, p_review_decision_id uuid, p_reason text) RETURNS text
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT r.action
    FROM public.fn_iu_retire_batch(
        p_canonical_addresses => ARRAY[p_canonical_address],
        p_actor => p_actor,
        p_review_decision_id => p_review_decision_id,
        p_reason => p_reason
    ) AS r
$$;

ALTER FUNCTION public.fn_iu_retire(p_canonical_address text, p_actor text, p_review_decision_id uuid, p_reason text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_retire(p_canonical_address text, p_actor text, p_review_decision_id uuid, p_reason text); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_retire(p_canonical_address text, p_actor text, p_review_decision_id uuid, p_reason text) IS 'Retires one enacted unit under an approved retire decision for it, or withdraws a draft: retired / withdrawn / already_retired.';

--
-- Name: fn_iu_retire_batch(text[], text, uuid, text); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_retire_batch(p_canonical_addresses text[], p_actor text, p_review_decision_id uuid DEFAULT NULL::uuid, p_reason text DEFAULT NULL::text) RETURNS TABLE(canonical_address text, iu_id uuid, action text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_review record;
    v_units record;
    v_problem record;
    v_digest text;
    v_at timestamptz := pg_catalog.clock_timestamp();
    v_done integer;
    v_seal uuid;
    v_ticket bigint;
BEGIN
    PERFORM public.fn_iu_lifecycle_batch_check(p_canonical_addresses, p_actor, 'retirement');
    IF p_reason IS NULL OR pg_catalog.btrim(p_reason) = '' THEN
        RAISE EXCEPTION 'a retirement needs a reason' USING ERRCODE = 'IU005';
    END IF;
    SELECT
        count(*) FILTER (WHERE iu.id IS NULL) AS missing,
        pg_catalog.min(t.addr) FILTER (WHERE iu.id IS NULL) AS first_missing,
        pg_catalog.array_agg(iu.id ORDER BY t.ord) FILTER (WHERE iu.lifecycle_status IN ('draft', 'enacted')) AS ids,
        pg_catalog.array_agg(t.addr ORDER BY t.ord) FILTER (WHERE iu.lifecycle_status IN ('draft', 'enacted')) AS addrs,
        pg_catalog.array_agg(iu.lifecycle_status ORDER BY t.ord)
            FILTER (WHERE iu.lifecycle_status IN ('draft', 'enacted')) AS statuses,
        pg_catalog.array_agg(t.addr ORDER BY t.ord) FILTER (WHERE iu.lifecycle_status = 'enacted') AS enacted_addrs
    INTO v_units
    FROM unnest(p_canonical_addresses) WITH ORDINALITY AS t (addr, ord)
    LEFT JOIN public.information_unit AS iu ON iu.canonical_address = t.addr;
    IF v_units.missing > 0 THEN
        RAISE EXCEPTION 'unit % does not exist', v_units.first_missing
            USING ERRCODE = 'IU007', DETAIL = pg_catalog.format('%s unknown address(es); nothing was retired', v_units.missing);
    END IF;

    IF v_units.enacted_addrs IS NOT NULL THEN
        SELECT * INTO v_review FROM public.fn_iu_review_check(p_review_decision_id, 'retire', p_actor);
        v_digest := public.fn_iu_units_digest(v_units.enacted_addrs);
        IF v_review.manifest_sha256 <> v_digest THEN
            RAISE EXCEPTION 'review decision % approves retiring manifest %, not these units', p_review_decision_id,
                v_review.manifest_sha256
                USING ERRCODE = 'IU004',
                      DETAIL = pg_catalog.format('the %s enacted unit(s) given digest to %s',
                          pg_catalog.cardinality(v_units.enacted_addrs), v_digest),
                      HINT = 'the reviewer approves exactly the units to retire (iu-cutter review --subject retire --unit ...)';
        END IF;
    END IF;

    IF v_units.ids IS NULL THEN
        RETURN QUERY
        SELECT t.addr, iu.id, 'already_retired'::text
        FROM unnest(p_canonical_addresses) WITH ORDINALITY AS t (addr, ord)
        JOIN public.information_unit AS iu ON iu.canonical_address = t.addr
        ORDER BY t.ord;
        RETURN;
    END IF;

    -- An aggregate, not LIMIT 1: a fast-start plan for a row that is usually absent would be a
    -- nested loop over the batch.
    SELECT pg_catalog.min(ARRAY[c.parent_address, c.canonical_address, c.lifecycle_status]) AS first, count(*) AS n
    INTO v_problem
    FROM unnest(v_units.ids) AS d (id)
    JOIN public.information_unit AS c ON c.parent_id = d.id
    LEFT JOIN unnest(v_units.ids) AS b (id) ON b.id = c.id
    WHERE c.lifecycle_status <> 'retired' AND b.id IS NULL;
    IF v_problem.n > 0 THEN
        RAISE EXCEPTION 'unit % cannot be retired while its child % is %', v_problem.first[1],
            v_problem.first[2], v_problem.first[3]
            USING ERRCODE = 'IU003', HINT = 'retire the children first or in the same batch';
    END IF;

    v_ticket := public.fn_iu_gateway_open('fn_iu_retire');
    WITH moved AS (
        UPDATE public.unit_version AS uv
        SET lifecycle_status = 'retired', retired_at = v_at, retired_by = p_actor, updated_at = v_at, updated_by = p_actor
        FROM unnest(v_units.ids) AS d (id)
        WHERE uv.iu_id = d.id AND uv.lifecycle_status IN ('draft', 'enacted')
        RETURNING uv.id, uv.iu_id, uv.version_no, uv.content_hash,
            CASE WHEN uv.enacted_at IS NULL THEN 'draft' ELSE 'enacted' END AS from_status
    ),
    units AS (
        UPDATE public.information_unit AS iu
        SET lifecycle_status = 'retired', retired_at = v_at, retired_by = p_actor, updated_at = v_at, updated_by = p_actor
        FROM unnest(v_units.ids, v_units.statuses) AS d (id, status)
        WHERE iu.id = d.id AND iu.lifecycle_status = d.status
        RETURNING iu.id, iu.canonical_address, d.status AS from_status, iu.current_version_id
    ),
    entries AS (
        SELECT 1 AS grp, u.canonical_address AS addr, 'information_unit'::text AS coll, u.id AS entity,
            u.from_status, CASE u.from_status WHEN 'enacted' THEN 'retire' ELSE 'withdraw' END AS kind,
            pg_catalog.jsonb_build_object('version_id', m.id, 'version_no', m.version_no,
                'content_hash', m.content_hash) AS meta
        FROM units AS u
        LEFT JOIN moved AS m ON m.id = u.current_version_id
        UNION ALL
        SELECT 2, u.canonical_address, 'unit_version', m.id, m.from_status, 'withdraw',
            pg_catalog.jsonb_build_object('iu_id', m.iu_id, 'version_no', m.version_no, 'content_hash', m.content_hash)
        FROM moved AS m
        JOIN units AS u ON u.id = m.iu_id
        WHERE m.id <> u.current_version_id
    )
    SELECT (count(*) FILTER (WHERE e.grp = 1))::integer,
        public.fn_iu_lifecycle_record(
            CASE WHEN v_units.enacted_addrs IS NULL THEN 'withdraw' ELSE 'retire' END, p_actor, p_reason,
            p_review_decision_id, NULL, v_at,
            pg_catalog.array_agg(e.coll ORDER BY e.grp, e.addr),
            pg_catalog.array_agg(e.entity ORDER BY e.grp, e.addr),
            pg_catalog.array_agg(e.addr ORDER BY e.grp, e.addr),
            pg_catalog.array_agg(e.from_status ORDER BY e.grp, e.addr),
            pg_catalog.array_fill('retired'::text, ARRAY[count(*)::integer]),
            pg_catalog.array_agg(e.kind ORDER BY e.grp, e.addr),
            pg_catalog.array_agg(e.meta ORDER BY e.grp, e.addr)
        )
    INTO v_done, v_seal
    FROM entries AS e;
    IF v_done <> pg_catalog.cardinality(v_units.ids) OR v_seal IS NULL THEN
        RAISE EXCEPTION 'units changed while they were being retired'
            USING ERRCODE = 'IU006', HINT = 'read the units again; nothing was retired';
    END IF;
    PERFORM public.fn_iu_gateway_close(v_ticket);

    RETURN QUERY
    SELECT t.addr, iu.id,
        CASE s.status WHEN 'enacted' THEN 'retired' WHEN 'draft' THEN 'withdrawn' ELSE 'already_retired' END
    FROM unnest(p_canonical_addresses) WITH ORDINALITY AS t (addr, ord)
    JOIN public.information_unit AS iu ON iu.canonical_address = t.addr
    LEFT JOIN unnest(v_units.ids, v_units.statuses) AS s (id, status) ON s.id = iu.id
    ORDER BY t.ord;
END
$$;

ALTER FUNCTION public.fn_iu_retire_batch(p_canonical_addresses text[], p_actor text, p_review_decision_id uuid, p_reason text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_retire_batch(p_canonical_addresses text[], p_actor text, p_review_decision_id uuid, p_reason text); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_retire_batch(p_canonical_addresses text[], p_actor text, p_review_decision_id uuid, p_reason text) IS 'Set-based retirement: enacted units retired under an approved retire decision for exactly them, drafts withdrawn; retired / withdrawn / already_retired per unit.';

--
-- Name: fn_iu_review_check(uuid, text, text); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_review_check(p_review_decision_id uuid, p_subject text, p_actor text) RETURNS TABLE(review_decision_id uuid, manifest_sha256 text, decided_by text, change_set_id uuid, envelope_id uuid, change_set_actor text, change_set_status text)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_review record;
    v_cs record;
    v_distinct boolean := public.fn_iu_policy('iu_enact.require_distinct_reviewer')::boolean;
    v_max_age integer := public.fn_iu_policy('iu_enact.review_max_age_days')::integer;
    v_later record;
    v_signature record;
BEGIN
    IF p_review_decision_id IS NULL THEN
        RAISE EXCEPTION 'a review decision is required to %', p_subject
            USING ERRCODE = 'IU004', HINT = 'a reviewer records one with iu-cutter review';
    END IF;
    SELECT r.* INTO v_review FROM cutter_governance.review_decision AS r WHERE r.id = p_review_decision_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'review decision % does not exist', p_review_decision_id USING ERRCODE = 'IU004';
    END IF;
    IF v_review.decision <> 'approve' THEN
        RAISE EXCEPTION 'review decision % is a %, not an approval', p_review_decision_id, v_review.decision
            USING ERRCODE = 'IU004';
    END IF;
    IF v_review.subject <> p_subject THEN
        RAISE EXCEPTION 'review decision % approves %, not %', p_review_decision_id, v_review.subject, p_subject
            USING ERRCODE = 'IU004', HINT = 'each lifecycle act needs a decision for that act';
    END IF;
    IF v_review.expires_at <= pg_catalog.clock_timestamp() THEN
        RAISE EXCEPTION 'review decision % expired at %', p_review_decision_id, v_review.expires_at
            USING ERRCODE = 'IU004', HINT = 'ask for a new review decision';
    END IF;
    IF v_review.decided_at + pg_catalog.make_interval(days => v_max_age) <= pg_catalog.clock_timestamp() THEN
        RAISE EXCEPTION 'review decision % is older than % days', p_review_decision_id, v_max_age
            USING ERRCODE = 'IU004',
                  HINT = 'ask for a new review decision (policy iu_enact.review_max_age_days)';
    END IF;
    -- The approval authorises only if its reviewer's signature verifies now, under the key
    -- registered to the reviewer, over this very decision's digest: a row recorded before
    -- signatures were verified on insert, or written around the writers, authorises nothing.
    SELECT s.id, s.signer, s.signed_digest,
        cutter_governance.fn_gov_signature_verifies(s.key_id, s.lane, s.signed_digest, s.signature) AS authentic
    INTO v_signature
    FROM cutter_governance.dot_pair_signature AS s
    WHERE s.lane = 'reviewer' AND s.review_decision_id = p_review_decision_id;
    IF NOT FOUND OR v_signature.signer <> v_review.decided_by
        OR v_signature.signed_digest <> v_review.decision_digest OR NOT coalesce(v_signature.authentic, false) THEN
        RAISE EXCEPTION 'review decision % carries no authentic signature of %', p_review_decision_id,
            v_review.decided_by
            USING ERRCODE = 'IU004',
                  DETAIL = CASE
                      WHEN v_signature.id IS NULL THEN 'no reviewer signature is recorded for it'
                      ELSE pg_catalog.format('signature %s: signer %s, digest %s, verifies %s', v_signature.id,
                          v_signature.signer, v_signature.signed_digest, v_signature.authentic)
                  END,
                  HINT = 'ask the reviewer for a new, signed decision (iu-cutter review)';
    END IF;
    SELECT r.id, r.decided_by, r.decided_at INTO v_later
    FROM cutter_governance.review_decision AS r
    WHERE r.manifest_sha256 = v_review.manifest_sha256 AND r.subject = v_review.subject
      AND r.decision = 'reject' AND r.chain_pos > v_review.chain_pos
    ORDER BY r.chain_pos DESC LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'review decision % was followed by a rejection of the same content', p_review_decision_id
            USING ERRCODE = 'IU004',
                  DETAIL = pg_catalog.format('rejected by %s at %s (decision %s)', v_later.decided_by,
                      v_later.decided_at, v_later.id);
    END IF;

    SELECT c.id, c.actor, c.status, e.id AS envelope_id INTO v_cs
    FROM cutter_governance.cut_change_set AS c
    JOIN cutter_governance.manifest_envelope AS e ON e.change_set_id = c.id
    WHERE c.manifest_sha256 = v_review.manifest_sha256
      AND (v_review.change_set_id IS NULL OR c.id = v_review.change_set_id)
      AND c.status <> 'rolled_back'
    ORDER BY (c.status IN ('verified', 'enacted')) DESC, c.chain_pos DESC
    LIMIT 1;

    IF v_distinct THEN
        IF v_review.decided_by = p_actor THEN
            RAISE EXCEPTION 'review decision % was decided by % who now acts on it', p_review_decision_id, p_actor
                USING ERRCODE = 'IU004',
                      HINT = 'separation of duties: another person reviews (policy iu_enact.require_distinct_reviewer)';
        END IF;
        IF v_review.decided_by = v_cs.actor THEN
            RAISE EXCEPTION 'review decision % was decided by %, the executor of change set %', p_review_decision_id,
                v_cs.actor, v_cs.id
                USING ERRCODE = 'IU004', HINT = 'the executor of a cut cannot approve it';
        END IF;
    END IF;

    -- Enactment and supersede approve content recorded in a change set, and act only on one
    -- that passed VERIFY; a retirement approves a digest of units as they stand.
    IF p_subject IN ('enact', 'supersede') THEN
        IF v_cs.envelope_id IS NULL THEN
            RAISE EXCEPTION 'review decision % approves manifest %, which no recorded change set carries',
                p_review_decision_id, v_review.manifest_sha256
                USING ERRCODE = 'IU004',
                      HINT = 'record the approved content first (iu-cutter cut, or iu-cutter revise for a supersede)';
        END IF;
        IF v_cs.status NOT IN ('verified', 'enacted')
            AND public.fn_iu_policy('iu_enact.require_verified_change_set')::boolean THEN
            RAISE EXCEPTION 'change set % is %, not verified', v_cs.id, v_cs.status
                USING ERRCODE = 'IU003', HINT = 'a second person runs iu-cutter verify first';
        END IF;
    END IF;

    RETURN QUERY SELECT v_review.id, v_review.manifest_sha256, v_review.decided_by, v_cs.id, v_cs.envelope_id,
        v_cs.actor, v_cs.status;
END
$$;

ALTER FUNCTION public.fn_iu_review_check(p_review_decision_id uuid, p_subject text, p_actor text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_review_check(p_review_decision_id uuid, p_subject text, p_actor text); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_review_check(p_review_decision_id uuid, p_subject text, p_actor text) IS 'Internal: IU004 unless the review decision approves this subject, is unexpired and not later rejected, and (policy) was decided by neither the actor nor the executor.';

--
-- Name: fn_iu_revise(text[], text[], text, uuid); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_revise(p_canonical_addresses text[], p_bodies text[], p_actor text, p_change_set_id uuid DEFAULT NULL::uuid) RETURNS TABLE(ordinal integer, canonical_address text, iu_id uuid, version_id uuid, content_hash text, action text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_max_units integer := public.fn_iu_policy('iu_create.gateway.max_units_per_call')::integer;
    v_max_body integer := public.fn_iu_policy('iu_create.gateway.max_body_bytes')::integer;
    v_count integer := coalesce(pg_catalog.cardinality(p_canonical_addresses), 0);
    v_cs record;
    v_problem record;
    v_ticket bigint;
BEGIN
    PERFORM public.fn_iu_check_actor(p_actor);
    IF v_count = 0 OR v_count <> coalesce(pg_catalog.cardinality(p_bodies), 0) THEN
        RAISE EXCEPTION 'a revision needs as many bodies as addresses (% addresses, % bodies)', v_count,
            coalesce(pg_catalog.cardinality(p_bodies), 0)
            USING ERRCODE = 'IU005';
    END IF;
    IF v_count > v_max_units THEN
        RAISE EXCEPTION 'a revision of % units exceeds the policy limit of %', v_count, v_max_units
            USING ERRCODE = 'IU009', HINT = 'see dot_config iu_create.gateway.max_units_per_call';
    END IF;
    -- Sizes first, alone: an over-limit body is refused before anything scans or copies it.
    SELECT t.ord, t.addr, pg_catalog.octet_length(t.body) AS bytes INTO v_problem
    FROM unnest(p_canonical_addresses, p_bodies) WITH ORDINALITY AS t (addr, body, ord)
    WHERE pg_catalog.octet_length(t.body) > v_max_body
    ORDER BY t.ord LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'revision unit % (%): body is % bytes; the policy limit is %', v_problem.ord,
            coalesce(v_problem.addr, '<no address>'), v_problem.bytes, v_max_body
            USING ERRCODE = 'IU009', HINT = 'see dot_config iu_create.gateway.max_body_bytes';
    END IF;
    SELECT t.ord, t.addr INTO v_problem
    FROM unnest(p_canonical_addresses, p_bodies) WITH ORDINALITY AS t (addr, body, ord)
    WHERE t.addr IS NULL OR t.body IS NULL OR t.body !~ '[^[:space:]]'
    ORDER BY t.ord LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'revision unit % (%): %', v_problem.ord, coalesce(v_problem.addr, '<no address>'),
            CASE WHEN v_problem.addr IS NULL THEN 'address is missing' ELSE 'body is empty or blank' END
            USING ERRCODE = 'IU005';
    END IF;
    SELECT t.addr INTO v_problem
    FROM unnest(p_canonical_addresses) AS t (addr) GROUP BY t.addr HAVING count(*) > 1 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'revision lists % twice', v_problem.addr USING ERRCODE = 'IU005';
    END IF;
    IF p_change_set_id IS NOT NULL THEN
        SELECT c.actor, c.doc_code,
            EXISTS (SELECT 1 FROM cutter_governance.manifest_envelope AS e WHERE e.change_set_id = c.id) AS sealed
        INTO v_cs
        FROM cutter_governance.cut_change_set AS c WHERE c.id = p_change_set_id;
        IF NOT FOUND OR v_cs.sealed THEN
            RAISE EXCEPTION 'change set % is not open in this transaction', p_change_set_id USING ERRCODE = 'IU013';
        END IF;
        IF v_cs.actor <> p_actor THEN
            RAISE EXCEPTION 'change set % was opened by %, not %', p_change_set_id, v_cs.actor, p_actor
                USING ERRCODE = 'IU012';
        END IF;
        IF EXISTS (
            SELECT 1 FROM unnest(p_canonical_addresses) AS a (addr)
            WHERE pg_catalog.split_part(a.addr, '/', 1) <> v_cs.doc_code
        ) THEN
            RAISE EXCEPTION 'change set % cuts document %; every address must belong to it', p_change_set_id,
                v_cs.doc_code
                USING ERRCODE = 'IU005';
        END IF;
    END IF;

    PERFORM pg_catalog.pg_advisory_xact_lock(7175, pg_catalog.hashtext(d.doc_code))
    FROM (
        SELECT DISTINCT pg_catalog.split_part(a.addr, '/', 1) AS doc_code
        FROM unnest(p_canonical_addresses) AS a (addr) ORDER BY 1
    ) AS d;

    SELECT t.ord, t.addr, iu.id AS iu_id, iu.lifecycle_status AS status, pend.content_hash AS pending_hash,
        public.fn_iu_content_hash(t.body) AS hash
    INTO v_problem
    FROM unnest(p_canonical_addresses, p_bodies) WITH ORDINALITY AS t (addr, body, ord)
    LEFT JOIN public.information_unit AS iu ON iu.canonical_address = t.addr
    LEFT JOIN public.unit_version AS pend
        ON pend.iu_id = iu.id AND pend.lifecycle_status = 'draft' AND pend.id <> iu.current_version_id
    WHERE iu.id IS NULL OR iu.lifecycle_status <> 'enacted'
       OR pend.content_hash <> public.fn_iu_content_hash(t.body)
    ORDER BY t.ord LIMIT 1;
    IF FOUND THEN
        IF v_problem.iu_id IS NULL THEN
            RAISE EXCEPTION 'unit % does not exist', v_problem.addr
                USING ERRCODE = 'IU007', HINT = 'new units are cut with fn_iu_create';
        ELSIF v_problem.status = 'draft' THEN
            RAISE EXCEPTION 'unit % is a draft: edit it in place', v_problem.addr
                USING ERRCODE = 'IU003', HINT = 'fn_iu_apply_edit_draft edits a draft; revisions are for enacted units';
        ELSIF v_problem.status <> 'enacted' THEN
            RAISE EXCEPTION 'unit % is % and cannot be revised', v_problem.addr, v_problem.status USING ERRCODE = 'IU003';
        ELSE
            RAISE EXCEPTION 'unit % already has a pending revision with other content', v_problem.addr
                USING ERRCODE = 'IU006',
                      DETAIL = pg_catalog.format('pending content_hash %s, given %s', v_problem.pending_hash, v_problem.hash),
                      HINT = 'supersede or roll back the pending revision first';
        END IF;
    END IF;

    v_ticket := public.fn_iu_gateway_open('fn_iu_revise');
    RETURN QUERY
    WITH input AS MATERIALIZED (
        SELECT t.ord::integer AS ord, t.addr, b.body, public.fn_iu_content_hash(b.body) AS hash,
            iu.id AS iu_id, cur.id AS current_id, cur.content_hash AS current_hash, pend.id AS pending_id,
            (SELECT pg_catalog.max(v.version_no) + 1 FROM public.unit_version AS v WHERE v.iu_id = iu.id) AS next_no
        FROM unnest(p_canonical_addresses, p_bodies) WITH ORDINALITY AS t (addr, body, ord)
        CROSS JOIN LATERAL (
            SELECT CASE WHEN t.body IS NFC NORMALIZED THEN t.body ELSE pg_catalog.normalize(t.body, 'NFC') END AS body
        ) AS b
        JOIN public.information_unit AS iu ON iu.canonical_address = t.addr
        JOIN public.unit_version AS cur ON cur.id = iu.current_version_id
        LEFT JOIN public.unit_version AS pend
            ON pend.iu_id = iu.id AND pend.lifecycle_status = 'draft' AND pend.id <> iu.current_version_id
    ),
    ins AS (
        INSERT INTO public.unit_version (iu_id, version_no, body, change_set_id, created_by, updated_by)
        SELECT i.iu_id, i.next_no, i.body, p_change_set_id, p_actor, p_actor
        FROM input AS i
        WHERE i.pending_id IS NULL AND i.hash <> i.current_hash
        ORDER BY i.ord
        RETURNING unit_version.iu_id, unit_version.id
    )
    SELECT i.ord, i.addr, i.iu_id, coalesce(n.id, i.pending_id, i.current_id), i.hash,
        CASE WHEN n.id IS NOT NULL THEN 'revised' ELSE 'unchanged' END
    FROM input AS i
    LEFT JOIN ins AS n ON n.iu_id = i.iu_id
    ORDER BY i.ord;
    PERFORM public.fn_iu_gateway_close(v_ticket);
END
$$;

ALTER FUNCTION public.fn_iu_revise(p_canonical_addresses text[], p_bodies text[], p_actor text, p_change_set_id uuid) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_revise(p_canonical_addresses text[], p_bodies text[], p_actor text, p_change_set_id uuid); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_revise(p_canonical_addresses text[], p_bodies text[], p_actor text, p_change_set_id uuid) IS 'Drafts new versions of enacted units beside the enacted ones (supersede, step 1): revised / unchanged per unit. IU007, IU003, IU006, IU005, IU009.';

--
-- Name: fn_iu_rollback(uuid, text, text); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_rollback(p_change_set_id uuid, p_actor text, p_reason text DEFAULT NULL::text) RETURNS TABLE(rollback_id uuid, action text, removed_units integer, removed_versions integer, removed_digest text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_cs record;
    v_target record;
    v_problem record;
    v_gone record;
    v_id uuid := pg_catalog.gen_random_uuid();
    v_ticket bigint;
BEGIN
    PERFORM public.fn_iu_check_actor(p_actor);
    -- The per-document lock first, then the change set's row: the order the lifecycle writers
    -- take them in (document lock, then the settle that updates the row), so a rollback racing
    -- an enactment waits for it instead of deadlocking with it.
    PERFORM pg_catalog.pg_advisory_xact_lock(7175, pg_catalog.hashtext(c.doc_code))
    FROM cutter_governance.cut_change_set AS c WHERE c.id = p_change_set_id;
    SELECT c.* INTO v_cs FROM cutter_governance.cut_change_set AS c WHERE c.id = p_change_set_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'change set % does not exist', p_change_set_id USING ERRCODE = 'IU007';
    END IF;
    IF v_cs.status = 'rolled_back' THEN
        RETURN QUERY
        SELECT r.id, 'already_rolled_back'::text, 0, 0, r.removed_digest
        FROM cutter_governance.rollback_record AS r WHERE r.change_set_id = p_change_set_id;
        RETURN;
    END IF;
    IF v_cs.status = 'enacted' THEN
        RAISE EXCEPTION 'change set % is enacted and cannot be rolled back', p_change_set_id
            USING ERRCODE = 'IU002', HINT = 'enacted units are retired, never removed: iu-cutter retire';
    END IF;
    -- What the change set wrote: the units it created, and every version it wrote or that
    -- belongs to those units. Each row is locked, so nothing changes under the checks below.
    WITH units AS (
        SELECT iu.id FROM public.information_unit AS iu
        WHERE iu.created_change_set_id = p_change_set_id
        FOR UPDATE
    ),
    versions AS (
        SELECT uv.id FROM public.unit_version AS uv
        WHERE uv.change_set_id = p_change_set_id OR uv.iu_id IN (SELECT u.id FROM units AS u)
        FOR UPDATE
    )
    SELECT
        (SELECT pg_catalog.array_agg(u.id) FROM units AS u) AS unit_ids,
        (SELECT pg_catalog.array_agg(v.id) FROM versions AS v) AS version_ids
    INTO v_target;

    SELECT iu.canonical_address, uv.version_no, uv.lifecycle_status, count(*) OVER () AS n INTO v_problem
    FROM public.unit_version AS uv
    JOIN public.information_unit AS iu ON iu.id = uv.iu_id
    WHERE uv.id = ANY (v_target.version_ids) AND uv.lifecycle_status <> 'draft'
    ORDER BY iu.doc_order, uv.version_no
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'version % of unit % is %: change set % cannot be rolled back',
            v_problem.version_no, v_problem.canonical_address, v_problem.lifecycle_status, p_change_set_id
            USING ERRCODE = 'IU002',
                  DETAIL = pg_catalog.format('%s version(s) of this change set are no longer drafts; nothing was removed',
                      v_problem.n),
                  HINT = 'enacted units are retired, never removed: iu-cutter retire';
    END IF;

    SELECT c.canonical_address AS child, p.canonical_address AS parent, c.created_change_set_id INTO v_problem
    FROM public.information_unit AS c
    JOIN public.information_unit AS p ON p.id = c.parent_id
    WHERE p.id = ANY (v_target.unit_ids) AND NOT c.id = ANY (v_target.unit_ids)
    ORDER BY c.doc_order
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'unit % of change set % hangs under %, which this rollback would remove',
            v_problem.child, v_problem.created_change_set_id, v_problem.parent
            USING ERRCODE = 'IU006', HINT = 'roll back the later change set first';
    END IF;

    -- Another live change set of the document whose manifest lists one of these units (as
    -- unchanged, or revised by a version of its own) stands on it: removing the unit would
    -- leave that manifest pointing at nothing, and take its revision with it.
    SELECT iu.canonical_address, m.action, c.id AS change_set_id, count(*) OVER () AS n INTO v_problem
    FROM cutter_governance.cut_change_set AS c
    JOIN cutter_governance.manifest_envelope AS e ON e.change_set_id = c.id
    JOIN cutter_governance.manifest_entry AS m ON m.envelope_id = e.id
    JOIN public.information_unit AS iu ON iu.canonical_address = m.canonical_address
    WHERE c.doc_code = v_cs.doc_code AND c.id <> p_change_set_id AND c.status <> 'rolled_back'
      AND iu.created_change_set_id = p_change_set_id
    ORDER BY iu.doc_order, c.opened_at
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'unit % is listed (%) by change set %, which this rollback would leave without it',
            v_problem.canonical_address, v_problem.action, v_problem.change_set_id
            USING ERRCODE = 'IU006',
                  DETAIL = pg_catalog.format('%s manifest entr(ies) of other change sets list units of change set %s; nothing was removed',
                      v_problem.n, p_change_set_id),
                  HINT = 'roll back the later change set first';
    END IF;

    v_ticket := public.fn_iu_gateway_open('fn_iu_rollback');
    WITH digest AS (
        SELECT pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(coalesce(pg_catalog.string_agg(
            iu.canonical_address || E'\t' || uv.version_no || E'\t' || uv.content_hash || E'\n', ''
            ORDER BY iu.doc_order, uv.version_no), ''), 'UTF8')), 'hex') AS d
        FROM public.unit_version AS uv
        JOIN public.information_unit AS iu ON iu.id = uv.iu_id
        WHERE uv.id = ANY (v_target.version_ids)
    ),
    gone_versions AS (
        DELETE FROM public.unit_version AS uv
        WHERE uv.id = ANY (v_target.version_ids) AND uv.lifecycle_status = 'draft'
        RETURNING uv.id
    ),
    gone_units AS (
        DELETE FROM public.information_unit AS iu
        WHERE iu.id = ANY (v_target.unit_ids) AND iu.lifecycle_status = 'draft'
        RETURNING iu.id
    )
    SELECT
        (SELECT count(*)::integer FROM gone_units) AS units,
        (SELECT count(*)::integer FROM gone_versions) AS versions,
        (SELECT g.d FROM digest AS g) AS digest
    INTO v_gone;
    IF v_gone.units <> coalesce(pg_catalog.cardinality(v_target.unit_ids), 0)
        OR v_gone.versions <> coalesce(pg_catalog.cardinality(v_target.version_ids), 0) THEN
        RAISE EXCEPTION 'change set % changed while it was being rolled back', p_change_set_id
            USING ERRCODE = 'IU006', HINT = 'run the rollback again';
    END IF;
    INSERT INTO cutter_governance.rollback_record (
        id, change_set_id, performed_by, reason, removed_units, removed_versions, removed_digest
    )
    VALUES (
        v_id, p_change_set_id, p_actor,
        coalesce(nullif(pg_catalog.btrim(p_reason), ''), 'rollback of change set ' || p_change_set_id),
        v_gone.units, v_gone.versions, v_gone.digest
    );
    PERFORM public.fn_iu_gateway_close(v_ticket);
    PERFORM cutter_governance.fn_gov_set_status(p_change_set_id, 'rolled_back');

    RETURN QUERY SELECT v_id, 'rolled_back'::text, v_gone.units, v_gone.versions, v_gone.digest;
END
$$;

ALTER FUNCTION public.fn_iu_rollback(p_change_set_id uuid, p_actor text, p_reason text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_rollback(p_change_set_id uuid, p_actor text, p_reason text); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_rollback(p_change_set_id uuid, p_actor text, p_reason text) IS 'Removes a change set''s cut that is not enacted, all or nothing, recorded in rollback_record. IU002 enacted, IU006 dependants, IU007 unknown.';

--
-- Name: fn_iu_supersede(text, text, uuid); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_supersede(p_canonical_address text, p_actor text, p_review_decision_id uuid) RETURNS text
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT s.action
    FROM public.fn_iu_supersede_batch(
        p_canonical_addresses => ARRAY[p_canonical_address],
        p_actor => p_actor,
        p_review_decision_id => p_review_decision_id
    ) AS s
$$;

ALTER FUNCTION public.fn_iu_supersede(p_canonical_address text, p_actor text, p_review_decision_id uuid) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_supersede(p_canonical_address text, p_actor text, p_review_decision_id uuid); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_supersede(p_canonical_address text, p_actor text, p_review_decision_id uuid) IS 'Supersedes one enacted unit by its pending revision under an approved supersede decision: superseded or already_superseded.';

--
-- Name: fn_iu_supersede_batch(text[], text, uuid, text); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_supersede_batch(p_canonical_addresses text[], p_actor text, p_review_decision_id uuid, p_reason text DEFAULT NULL::text) RETURNS TABLE(canonical_address text, iu_id uuid, version_id uuid, superseded_version_id uuid, content_hash text, action text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_review record;
    v_units record;
    v_at timestamptz := pg_catalog.clock_timestamp();
    v_done integer;
    v_n integer;
    v_ticket bigint;
BEGIN
    PERFORM public.fn_iu_lifecycle_batch_check(p_canonical_addresses, p_actor, 'supersede');
    SELECT * INTO v_review FROM public.fn_iu_review_check(p_review_decision_id, 'supersede', p_actor);
    SELECT
        count(*) FILTER (WHERE iu.id IS NULL) AS missing,
        pg_catalog.min(t.addr) FILTER (WHERE iu.id IS NULL) AS first_missing,
        count(*) FILTER (WHERE iu.lifecycle_status <> 'enacted'
            OR (pend.id IS NULL AND (m.action IS DISTINCT FROM 'revised' OR cur.content_hash IS DISTINCT FROM m.content_hash))) AS not_ready,
        pg_catalog.min(t.addr || CASE WHEN iu.lifecycle_status <> 'enacted' THEN ' is ' || iu.lifecycle_status
            ELSE ' has no pending revision' END)
            FILTER (WHERE iu.lifecycle_status <> 'enacted'
                OR (pend.id IS NULL AND (m.action IS DISTINCT FROM 'revised' OR cur.content_hash IS DISTINCT FROM m.content_hash))) AS first_not_ready,
        count(*) FILTER (WHERE pend.id IS NOT NULL AND pend.content_hash IS DISTINCT FROM m.content_hash) AS uncovered,
        pg_catalog.min(t.addr) FILTER (
            WHERE pend.id IS NOT NULL AND pend.content_hash IS DISTINCT FROM m.content_hash) AS first_uncovered,
        pg_catalog.array_agg(iu.id ORDER BY t.ord) FILTER (WHERE pend.id IS NOT NULL) AS ids,
        pg_catalog.array_agg(t.addr ORDER BY t.ord) FILTER (WHERE pend.id IS NOT NULL) AS addrs,
        pg_catalog.array_agg(cur.id ORDER BY t.ord) FILTER (WHERE pend.id IS NOT NULL) AS old_ids,
        pg_catalog.array_agg(cur.content_hash ORDER BY t.ord) FILTER (WHERE pend.id IS NOT NULL) AS old_hashes,
        pg_catalog.array_agg(cur.version_no ORDER BY t.ord) FILTER (WHERE pend.id IS NOT NULL) AS old_numbers,
        pg_catalog.array_agg(pend.id ORDER BY t.ord) FILTER (WHERE pend.id IS NOT NULL) AS new_ids,
        pg_catalog.array_agg(pend.content_hash ORDER BY t.ord) FILTER (WHERE pend.id IS NOT NULL) AS new_hashes,
        pg_catalog.array_agg(pend.version_no ORDER BY t.ord) FILTER (WHERE pend.id IS NOT NULL) AS new_numbers
    INTO v_units
    FROM unnest(p_canonical_addresses) WITH ORDINALITY AS t (addr, ord)
    LEFT JOIN public.information_unit AS iu ON iu.canonical_address = t.addr
    LEFT JOIN public.unit_version AS cur ON cur.id = iu.current_version_id
    LEFT JOIN public.unit_version AS pend
        ON pend.iu_id = iu.id AND pend.lifecycle_status = 'draft' AND pend.id <> iu.current_version_id
    LEFT JOIN cutter_governance.manifest_entry AS m
        ON m.envelope_id = v_review.envelope_id AND m.canonical_address = t.addr;
    IF v_units.missing > 0 THEN
        RAISE EXCEPTION 'unit % does not exist', v_units.first_missing
            USING ERRCODE = 'IU007', DETAIL = pg_catalog.format('%s unknown address(es); nothing was superseded', v_units.missing);
    END IF;
    IF v_units.not_ready > 0 THEN
        RAISE EXCEPTION 'unit % and cannot be superseded', v_units.first_not_ready
            USING ERRCODE = 'IU003',
                  DETAIL = pg_catalog.format('%s such unit(s); nothing was superseded', v_units.not_ready),
                  HINT = 'a supersede enacts a pending revision (iu-cutter revise) of an enacted unit';
    END IF;
    IF v_units.uncovered > 0 THEN
        RAISE EXCEPTION 'review decision % does not cover the pending revision of unit %', p_review_decision_id,
            v_units.first_uncovered
            USING ERRCODE = 'IU004',
                  DETAIL = pg_catalog.format('%s unit(s) not covered', v_units.uncovered),
                  HINT = 'a decision approves exact content: review the revision''s change set';
    END IF;

    IF v_units.ids IS NOT NULL THEN
        v_n := pg_catalog.cardinality(v_units.ids);
        PERFORM public.fn_iu_invariant_gate(v_units.addrs, 'superseded');

        v_ticket := public.fn_iu_gateway_open('fn_iu_supersede');
        WITH moved AS (
            UPDATE public.unit_version AS uv
            SET lifecycle_status = 'superseded', superseded_at = v_at, superseded_by = p_actor,
                updated_at = v_at, updated_by = p_actor
            FROM unnest(v_units.old_ids) AS d (id)
            WHERE uv.id = d.id AND uv.lifecycle_status = 'enacted'
            RETURNING 1
        )
        SELECT count(*)::integer INTO v_done FROM moved;
        IF v_done = v_n THEN
            WITH moved AS (
                UPDATE public.unit_version AS uv
                SET lifecycle_status = 'enacted', enacted_at = v_at, enacted_by = p_actor,
                    updated_at = v_at, updated_by = p_actor
                FROM unnest(v_units.new_ids, v_units.new_hashes) AS d (id, hash)
                WHERE uv.id = d.id AND uv.lifecycle_status = 'draft' AND uv.content_hash = d.hash
                RETURNING 1
            )
            SELECT count(*)::integer INTO v_done FROM moved;
        END IF;
        IF v_done = v_n THEN
            WITH moved AS (
                UPDATE public.information_unit AS iu
                SET current_version_id = d.new_id, updated_at = v_at, updated_by = p_actor
                FROM unnest(v_units.ids, v_units.old_ids, v_units.new_ids) AS d (id, old_id, new_id)
                WHERE iu.id = d.id AND iu.current_version_id = d.old_id AND iu.lifecycle_status = 'enacted'
                RETURNING 1
            )
            SELECT count(*)::integer INTO v_done FROM moved;
        END IF;
        IF v_done <> v_n THEN
            RAISE EXCEPTION 'units changed while they were being superseded'
                USING ERRCODE = 'IU006', HINT = 'read the units again; nothing was superseded';
        END IF;
        PERFORM public.fn_iu_lifecycle_record(
            'supersede', p_actor,
            coalesce(nullif(pg_catalog.btrim(p_reason), ''), 'superseded under review decision ' || p_review_decision_id),
            p_review_decision_id, v_review.change_set_id, v_at,
            pg_catalog.array_fill('unit_version'::text, ARRAY[2 * v_n]),
            v_units.old_ids || v_units.new_ids,
            v_units.addrs || v_units.addrs,
            pg_catalog.array_fill('enacted'::text, ARRAY[v_n]) || pg_catalog.array_fill('draft'::text, ARRAY[v_n]),
            pg_catalog.array_fill('superseded'::text, ARRAY[v_n]) || pg_catalog.array_fill('enacted'::text, ARRAY[v_n]),
            pg_catalog.array_fill('supersede'::text, ARRAY[v_n]) || pg_catalog.array_fill('enact'::text, ARRAY[v_n]),
            ARRAY(
                SELECT pg_catalog.jsonb_build_object('iu_id', d.id, 'version_no', d.old_no, 'content_hash', d.old_hash,
                    'superseded_by_version_id', d.new_id)
                FROM unnest(v_units.ids, v_units.old_numbers, v_units.old_hashes, v_units.new_ids)
                    WITH ORDINALITY AS d (id, old_no, old_hash, new_id, ord)
                ORDER BY d.ord
            ) || ARRAY(
                SELECT pg_catalog.jsonb_build_object('iu_id', d.id, 'version_no', d.new_no, 'content_hash', d.new_hash,
                    'supersedes_version_id', d.old_id)
                FROM unnest(v_units.ids, v_units.new_numbers, v_units.new_hashes, v_units.old_ids)
                    WITH ORDINALITY AS d (id, new_no, new_hash, old_id, ord)
                ORDER BY d.ord
            )
        );
        PERFORM public.fn_iu_gateway_close(v_ticket);
    END IF;

    PERFORM public.fn_iu_change_set_settle(v_review.change_set_id);

    RETURN QUERY
    SELECT t.addr, iu.id, iu.current_version_id, s.old_id, uv.content_hash,
        CASE WHEN s.id IS NOT NULL THEN 'superseded' ELSE 'already_superseded' END
    FROM unnest(p_canonical_addresses) WITH ORDINALITY AS t (addr, ord)
    JOIN public.information_unit AS iu ON iu.canonical_address = t.addr
    JOIN public.unit_version AS uv ON uv.id = iu.current_version_id
    LEFT JOIN unnest(v_units.ids, v_units.old_ids) AS s (id, old_id) ON s.id = iu.id
    ORDER BY t.ord;
END
$$;

ALTER FUNCTION public.fn_iu_supersede_batch(p_canonical_addresses text[], p_actor text, p_review_decision_id uuid, p_reason text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_supersede_batch(p_canonical_addresses text[], p_actor text, p_review_decision_id uuid, p_reason text); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_supersede_batch(p_canonical_addresses text[], p_actor text, p_review_decision_id uuid, p_reason text) IS 'Set-based supersede under one review decision: the pending revision is enacted and the enacted version superseded at the same instant. superseded / already_superseded per unit.';

--
-- Name: fn_iu_tree_check(); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_tree_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_me xid := pg_catalog.pg_current_xact_id()::xid;
    -- references to check: (unit address, parent id, parent address), (unit id, address, version id)
    v_child_addrs text[] := '{}'::text[];
    v_parent_ids uuid[] := '{}'::uuid[];
    v_parent_addrs text[] := '{}'::text[];
    v_unit_ids uuid[] := '{}'::uuid[];
    v_unit_addrs text[] := '{}'::text[];
    v_version_ids uuid[] := '{}'::uuid[];
    -- keys that went away: (id, canonical_address)
    v_gone_ids uuid[] := '{}'::uuid[];
    v_gone_addrs text[] := '{}'::text[];
    v_problem record;
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- A parent the same statement writes is checked here, among the new rows; only the
        -- others are looked up in the table.
        SELECT
            coalesce(pg_catalog.array_agg(n.canonical_address) FILTER (WHERE n.parent_id IS NOT NULL AND s.id IS NULL), '{}'),
            coalesce(pg_catalog.array_agg(n.parent_id) FILTER (WHERE n.parent_id IS NOT NULL AND s.id IS NULL), '{}'),
            coalesce(pg_catalog.array_agg(n.parent_address) FILTER (WHERE n.parent_id IS NOT NULL AND s.id IS NULL), '{}'),
            pg_catalog.array_agg(n.id), pg_catalog.array_agg(n.canonical_address),
            pg_catalog.array_agg(n.current_version_id)
        INTO v_child_addrs, v_parent_ids, v_parent_addrs, v_unit_ids, v_unit_addrs, v_version_ids
        FROM new_rows AS n
        LEFT JOIN new_rows AS s ON s.id = n.parent_id AND s.canonical_address = n.parent_address;
    ELSIF TG_OP = 'UPDATE' THEN
        IF NEW.parent_id IS NOT NULL AND (NEW.parent_id, NEW.parent_address) IS DISTINCT FROM (OLD.parent_id, OLD.parent_address) THEN
            v_child_addrs := ARRAY[NEW.canonical_address];
            v_parent_ids := ARRAY[NEW.parent_id];
            v_parent_addrs := ARRAY[NEW.parent_address];
        END IF;
        IF (NEW.id, NEW.current_version_id) IS DISTINCT FROM (OLD.id, OLD.current_version_id) THEN
            v_unit_ids := ARRAY[NEW.id];
            v_unit_addrs := ARRAY[NEW.canonical_address];
            v_version_ids := ARRAY[NEW.current_version_id];
        END IF;
        IF (NEW.id, NEW.canonical_address) IS DISTINCT FROM (OLD.id, OLD.canonical_address) THEN
            v_gone_ids := ARRAY[OLD.id];
            v_gone_addrs := ARRAY[OLD.canonical_address];
        END IF;
    ELSE
        SELECT pg_catalog.array_agg(o.id), pg_catalog.array_agg(o.canonical_address)
        INTO v_gone_ids, v_gone_addrs
        FROM old_rows AS o;
    END IF;

    -- Each reference is looked up once. Rows another transaction wrote are then locked and
    -- looked up again (a second round), so that one deleted meanwhile is seen missing.
    FOR v_round IN 1..2 LOOP
        EXIT WHEN pg_catalog.cardinality(v_parent_ids) = 0;
        SELECT count(*) FILTER (WHERE p.id IS NULL) AS n,
            pg_catalog.min(ARRAY[r.addr, r.parent_addr, r.parent_id::text]) FILTER (WHERE p.id IS NULL) AS first,
            pg_catalog.array_agg(p.id) FILTER (WHERE p.xmin <> v_me) AS others
        INTO v_problem
        FROM unnest(v_child_addrs, v_parent_ids, v_parent_addrs) AS r (addr, parent_id, parent_addr)
        LEFT JOIN public.information_unit AS p ON p.id = r.parent_id AND p.canonical_address = r.parent_addr;
        IF v_problem.n > 0 THEN
            RAISE EXCEPTION 'unit % names parent % (%), which does not exist', v_problem.first[1],
                v_problem.first[2], v_problem.first[3]
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'information_unit_parent_fk',
                      TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                      DETAIL = pg_catalog.format('%s unit(s) of this statement name a missing parent; nothing was written',
                          v_problem.n);
        END IF;
        EXIT WHEN v_problem.others IS NULL OR v_round = 2;
        PERFORM 1 FROM public.information_unit AS p WHERE p.id = ANY (v_problem.others) FOR KEY SHARE OF p;
    END LOOP;

    FOR v_round IN 1..2 LOOP
        EXIT WHEN pg_catalog.cardinality(v_version_ids) = 0;
        SELECT count(*) FILTER (WHERE v.iu_id IS DISTINCT FROM r.id) AS n,
            pg_catalog.min(ARRAY[r.addr, r.version_id::text, v.iu_id::text])
                FILTER (WHERE v.iu_id IS DISTINCT FROM r.id) AS first,
            pg_catalog.array_agg(v.id) FILTER (WHERE v.xmin <> v_me) AS others
        INTO v_problem
        FROM unnest(v_unit_ids, v_unit_addrs, v_version_ids) AS r (id, addr, version_id)
        LEFT JOIN public.unit_version AS v ON v.id = r.version_id;
        IF v_problem.n > 0 THEN
            RAISE EXCEPTION 'unit % names current version %, which %', v_problem.first[1], v_problem.first[2],
                CASE WHEN v_problem.first[3] IS NULL THEN 'does not exist'
                    ELSE 'belongs to unit ' || v_problem.first[3] END
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'information_unit_current_version_fk',
                      TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                      DETAIL = pg_catalog.format('%s unit(s) of this statement name a current version not their own; nothing was written',
                          v_problem.n);
        END IF;
        EXIT WHEN v_problem.others IS NULL OR v_round = 2;
        PERFORM 1 FROM public.unit_version AS v WHERE v.id = ANY (v_problem.others) FOR KEY SHARE OF v;
    END LOOP;

    IF pg_catalog.cardinality(v_gone_ids) > 0 THEN
        IF pg_catalog.current_setting('transaction_isolation') <> 'read committed' THEN
            RAISE EXCEPTION 'units are removed or re-keyed only at READ COMMITTED, not %',
                pg_catalog.upper(pg_catalog.current_setting('transaction_isolation'))
                USING ERRCODE = 'feature_not_supported',
                      HINT = 'the check that nothing still names a removed unit must see every committed row';
        END IF;
        SELECT g.addr, c.canonical_address AS child, count(*) OVER () AS n INTO v_problem
        FROM unnest(v_gone_ids, v_gone_addrs) AS g (id, addr)
        JOIN public.information_unit AS c ON c.parent_id = g.id AND c.parent_address = g.addr
        WHERE NOT EXISTS (
            SELECT 1 FROM public.information_unit AS p WHERE p.id = g.id AND p.canonical_address = g.addr)
        ORDER BY c.canonical_address
        LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'unit % is still the parent of unit %', v_problem.addr, v_problem.child
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'information_unit_parent_fk',
                      TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                      DETAIL = pg_catalog.format('%s unit(s) would be left without their parent; nothing was removed',
                          v_problem.n);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

ALTER FUNCTION public.fn_iu_tree_check() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_tree_check(); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_tree_check() IS 'Trigger on information_unit (statement after INSERT/DELETE, row after a key-changing UPDATE): parents and current versions exist, no unit names a removed unit as parent (23503).';

--
-- Name: fn_iu_units_digest(text[]); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_units_digest(p_canonical_addresses text[]) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT cutter_governance.fn_gov_manifest_digest(
        pg_catalog.array_agg(iu.canonical_address ORDER BY iu.doc_code, iu.doc_order, iu.canonical_address),
        pg_catalog.array_agg(uv.content_hash ORDER BY iu.doc_code, iu.doc_order, iu.canonical_address)
    )
    FROM public.information_unit AS iu
    JOIN public.unit_version AS uv ON uv.id = iu.current_version_id
    JOIN (SELECT DISTINCT a.addr FROM unnest(p_canonical_addresses) AS a (addr)) AS a ON a.addr = iu.canonical_address
    WHERE iu.lifecycle_status = 'enacted'
$$;

ALTER FUNCTION public.fn_iu_units_digest(p_canonical_addresses text[]) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_units_digest(p_canonical_addresses text[]); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_units_digest(p_canonical_addresses text[]) IS 'Manifest digest of the given enacted units in document order with their current content: what a retire decision approves.';

--
-- Name: fn_iu_verify_invariants(text, boolean, text[]); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_verify_invariants(p_canonical_address text, p_include_descendants boolean DEFAULT false, p_skip_invariants text[] DEFAULT '{}'::text[]) RETURNS TABLE(canonical_address text, invariant text, detail text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET plan_cache_mode TO 'force_custom_plan'
    SET work_mem TO '64MB'
    SET jit TO 'off'
    AS $_$
BEGIN
    RETURN QUERY
    WITH target AS MATERIALIZED (
        SELECT iu.*
        FROM public.information_unit AS iu
        WHERE iu.canonical_address = p_canonical_address
           OR (p_include_descendants AND pg_catalog.starts_with(iu.canonical_address, p_canonical_address || '/'))
    ),
    checks AS (
        SELECT p_canonical_address AS addr, 'unit_exists' AS invariant,
            'no unit has this address' AS detail
        WHERE NOT 'unit_exists' = ANY (coalesce(p_skip_invariants, '{}'))
          AND NOT EXISTS (SELECT 1 FROM target AS t WHERE t.canonical_address = p_canonical_address)
        UNION ALL
        SELECT t.canonical_address, 'address_grammar', 'address does not follow DOC-CODE(/kind_number)*'
        FROM target AS t
        WHERE NOT 'address_grammar' = ANY (coalesce(p_skip_invariants, '{}'))
          AND (t.canonical_address !~ '^[A-Z0-9]+(-[A-Z0-9]+)*(/[a-z]+_[a-z0-9]+)*$')
        UNION ALL
        SELECT t.canonical_address, 'parent_consistent', CASE
            WHEN p.id IS NULL THEN pg_catalog.format('parent %s does not exist', t.parent_address)
            ELSE pg_catalog.format('parent_id points at %s, the address names %s', p.canonical_address, t.parent_address)
        END
        FROM target AS t
        LEFT JOIN public.information_unit AS p ON p.id = t.parent_id
        WHERE NOT 'parent_consistent' = ANY (coalesce(p_skip_invariants, '{}'))
          AND (t.parent_address IS NOT NULL AND p.canonical_address IS DISTINCT FROM t.parent_address)
        UNION ALL
        SELECT t.canonical_address, 'root_has_no_parent', 'a document root carries a parent_id'
        FROM target AS t
        WHERE NOT 'root_has_no_parent' = ANY (coalesce(p_skip_invariants, '{}'))
          AND (t.parent_address IS NULL AND t.parent_id IS NOT NULL)
        UNION ALL
        SELECT t.canonical_address, 'parent_precedes_child', pg_catalog.format(
            'doc_order %s is not after its parent''s %s', t.doc_order, p.doc_order)
        FROM target AS t
        JOIN public.information_unit AS p ON p.id = t.parent_id
        WHERE NOT 'parent_precedes_child' = ANY (coalesce(p_skip_invariants, '{}'))
          AND (t.doc_order <= p.doc_order)
        UNION ALL
        SELECT t.canonical_address, 'current_version_owned', CASE
            WHEN v.id IS NULL THEN 'current version does not exist'
            ELSE pg_catalog.format('current version %s belongs to unit %s', v.id, v.iu_id)
        END
        FROM target AS t
        LEFT JOIN public.unit_version AS v ON v.id = t.current_version_id
        WHERE NOT 'current_version_owned' = ANY (coalesce(p_skip_invariants, '{}'))
          AND (v.id IS NULL OR v.iu_id <> t.id)
        UNION ALL
        SELECT t.canonical_address, 'lifecycle_consistent', pg_catalog.format(
            'unit is %s, its current version is %s', t.lifecycle_status, v.lifecycle_status)
        FROM target AS t
        JOIN public.unit_version AS v ON v.id = t.current_version_id
        WHERE NOT 'lifecycle_consistent' = ANY (coalesce(p_skip_invariants, '{}'))
          AND (v.lifecycle_status <> t.lifecycle_status)
        UNION ALL
        SELECT t.canonical_address, 'body_valid', pg_catalog.format(
            'version %s: body is %s', v.version_no,
            CASE WHEN v.body !~ '[^[:space:]]' THEN 'blank' ELSE 'not NFC-normalised' END)
        FROM target AS t
        JOIN public.unit_version AS v ON v.iu_id = t.id
        WHERE NOT 'body_valid' = ANY (coalesce(p_skip_invariants, '{}'))
          AND (v.body !~ '[^[:space:]]' OR v.body IS NOT NFC NORMALIZED)
        UNION ALL
        SELECT t.canonical_address, 'content_hash_matches', pg_catalog.format(
            'version %s: stored hash %s, body hashes to %s', v.version_no, v.content_hash,
            public.fn_iu_content_hash(v.body))
        FROM target AS t
        JOIN public.unit_version AS v ON v.iu_id = t.id
        WHERE NOT 'content_hash_matches' = ANY (coalesce(p_skip_invariants, '{}'))
          AND (v.content_hash IS DISTINCT FROM public.fn_iu_content_hash(v.body))
        UNION ALL
        SELECT t.canonical_address, 'single_open_version', pg_catalog.format(
            '%s versions are %s', count(*), v.lifecycle_status)
        FROM target AS t
        JOIN public.unit_version AS v ON v.iu_id = t.id
        WHERE NOT 'single_open_version' = ANY (coalesce(p_skip_invariants, '{}'))
          AND (v.lifecycle_status IN ('draft', 'enacted'))
        GROUP BY t.canonical_address, v.lifecycle_status
        HAVING count(*) > 1
    )
    SELECT c.addr, c.invariant, c.detail FROM checks AS c ORDER BY c.addr, c.invariant;
END
$_$;

ALTER FUNCTION public.fn_iu_verify_invariants(p_canonical_address text, p_include_descendants boolean, p_skip_invariants text[]) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_verify_invariants(p_canonical_address text, p_include_descendants boolean, p_skip_invariants text[]); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_verify_invariants(p_canonical_address text, p_include_descendants boolean, p_skip_invariants text[]) IS 'Invariant probe: one row per violation for the unit (or, with p_include_descendants, its subtree); none = healthy. p_skip_invariants leaves the named checks out.';

--
-- Name: fn_iu_version_at(text, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_version_at(p_canonical_address text, p_at timestamp with time zone DEFAULT now()) RETURNS TABLE(canonical_address text, iu_id uuid, version_id uuid, version_no integer, body text, content_hash text, in_force_from timestamp with time zone, in_force_until timestamp with time zone)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT iu.canonical_address, iu.id, uv.id, uv.version_no, uv.body, uv.content_hash, uv.enacted_at,
        coalesce(uv.superseded_at, uv.retired_at)
    FROM public.information_unit AS iu
    JOIN public.unit_version AS uv ON uv.iu_id = iu.id
    WHERE iu.canonical_address = p_canonical_address
      AND uv.enacted_at <= p_at
      AND coalesce(uv.superseded_at, uv.retired_at, 'infinity'::timestamptz) > p_at
$$;

ALTER FUNCTION public.fn_iu_version_at(p_canonical_address text, p_at timestamp with time zone) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_version_at(p_canonical_address text, p_at timestamp with time zone); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_version_at(p_canonical_address text, p_at timestamp with time zone) IS 'The version of a unit in force at a point in time (enacted by then, not yet superseded or retired); no row if none.';

--
-- Name: fn_uv_enacted_immut(); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_uv_enacted_immut() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_changed text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'version % of unit % is % and cannot be deleted', OLD.version_no, OLD.iu_id,
            OLD.lifecycle_status
            USING ERRCODE = 'IU002',
                  HINT = 'enacted content stays on record; retire the unit instead';
    END IF;
    IF NEW.lifecycle_status IS DISTINCT FROM OLD.lifecycle_status THEN
        PERFORM public.fn_iu_lifecycle_transition_refuse(pg_catalog.format('version %s of unit %s', OLD.version_no, OLD.iu_id), OLD.lifecycle_status, NEW.lifecycle_status);
    END IF;
    SELECT pg_catalog.string_agg(o.key, ', ' ORDER BY o.key) INTO v_changed
    FROM pg_catalog.jsonb_each(pg_catalog.to_jsonb(OLD)) AS o
    JOIN pg_catalog.jsonb_each(pg_catalog.to_jsonb(NEW)) AS n ON n.key = o.key
    WHERE o.value IS DISTINCT FROM n.value
      AND o.key NOT IN ('content_hash')
      AND (OLD.lifecycle_status <> 'enacted' OR o.key NOT IN (
          'lifecycle_status', 'superseded_at', 'superseded_by', 'retired_at', 'retired_by',
          'updated_at', 'updated_by'
      ));
    IF v_changed IS NOT NULL THEN
        RAISE EXCEPTION 'version % of unit % is % and its % cannot change', OLD.version_no, OLD.iu_id,
            OLD.lifecycle_status, v_changed
            USING ERRCODE = 'IU002',
                  HINT = 'enacted content is immutable: draft a new version (iu-cutter revise) and supersede';
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION public.fn_uv_enacted_immut() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_uv_enacted_immut(); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_uv_enacted_immut() IS 'Trigger: an enacted version changes only its status and closing stamps; superseded and retired versions never; none is deleted (IU002).';

--
-- Name: fn_uv_tree_check(); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_uv_tree_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_gone_ids uuid[] := '{}'::uuid[];
    v_gone_units uuid[] := '{}'::uuid[];
    v_problem record;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        IF EXISTS (SELECT 1 FROM public.information_unit) THEN
            RAISE EXCEPTION 'TRUNCATE of unit_version refused: information_unit still holds units that name their current version'
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'information_unit_current_version_fk',
                      TABLE = 'information_unit', SCHEMA = 'public',
                      HINT = 'truncate both tables in one statement';
        END IF;
        RETURN NULL;
    ELSIF TG_OP = 'UPDATE' THEN
        v_gone_ids := ARRAY[OLD.id];
        v_gone_units := ARRAY[OLD.iu_id];
    ELSE
        SELECT pg_catalog.array_agg(o.id), pg_catalog.array_agg(o.iu_id) INTO v_gone_ids, v_gone_units
        FROM old_rows AS o;
    END IF;

    IF pg_catalog.cardinality(v_gone_ids) > 0 THEN
        IF pg_catalog.current_setting('transaction_isolation') <> 'read committed' THEN
            RAISE EXCEPTION 'versions are removed or re-keyed only at READ COMMITTED, not %',
                pg_catalog.upper(pg_catalog.current_setting('transaction_isolation'))
                USING ERRCODE = 'feature_not_supported',
                      HINT = 'the check that no unit still names a removed version must see every committed row';
        END IF;
        SELECT u.canonical_address, g.id, count(*) OVER () AS n INTO v_problem
        FROM unnest(v_gone_ids, v_gone_units) AS g (id, iu_id)
        JOIN public.information_unit AS u ON u.id = g.iu_id AND u.current_version_id = g.id
        WHERE NOT EXISTS (SELECT 1 FROM public.unit_version AS v WHERE v.id = g.id AND v.iu_id = g.iu_id)
        ORDER BY u.canonical_address
        LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'version % is still the current version of unit %', v_problem.id, v_problem.canonical_address
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'information_unit_current_version_fk',
                      TABLE = 'information_unit', SCHEMA = TG_TABLE_SCHEMA,
                      DETAIL = pg_catalog.format('%s unit(s) would be left without their current version; nothing was removed',
                          v_problem.n);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

ALTER FUNCTION public.fn_uv_tree_check() OWNER TO iu_owner;

--
-- Name: FUNCTION fn_uv_tree_check(); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_uv_tree_check() IS 'Trigger on unit_version (statement after DELETE/TRUNCATE, row after UPDATE of id or iu_id): no unit names a removed or re-keyed version as current (23503).';

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: cut_change_set; Type: TABLE; Schema: cutter_governance; Owner: iu_owner
--

CREATE TABLE cutter_governance.cut_change_set (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    doc_code text NOT NULL,
    source_sha256 text NOT NULL,
    manifest_sha256 text NOT NULL,
    unit_count integer NOT NULL,
    profile text,
    granularity text,
    publication_type text,
    backup_sha256 text,
    actor text NOT NULL,
    db_login text DEFAULT SESSION_USER NOT NULL,
    application_name text,
    opened_at timestamp with time zone DEFAULT now() NOT NULL,
    status text DEFAULT 'recorded'::text NOT NULL,
    status_changed_at timestamp with time zone DEFAULT now() NOT NULL,
    chain_pos bigint NOT NULL,
    prev_hash text,
    row_hash text NOT NULL,
    CONSTRAINT cut_change_set_backup_sha256 CHECK ((backup_sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT cut_change_set_doc_code CHECK ((doc_code ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'::text)),
    CONSTRAINT cut_change_set_manifest_sha256 CHECK ((manifest_sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT cut_change_set_source_sha256 CHECK ((source_sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT cut_change_set_status CHECK ((status = ANY (ARRAY['recorded'::text, 'verified'::text, 'verify_failed'::text, 'enacted'::text, 'rolled_back'::text]))),
    CONSTRAINT cut_change_set_unit_count CHECK ((unit_count >= 1))
);

ALTER TABLE cutter_governance.cut_change_set OWNER TO iu_owner;

--
-- Name: TABLE cut_change_set; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TABLE cutter_governance.cut_change_set IS 'One governed cut: what was cut (source and manifest digests), by whom, and where it stands (status).';

--
-- Name: dot_pair_signature; Type: TABLE; Schema: cutter_governance; Owner: iu_owner
--

CREATE TABLE cutter_governance.dot_pair_signature (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    lane text NOT NULL,
    change_set_id uuid,
    verify_result_id uuid,
    review_decision_id uuid,
    signer text NOT NULL,
    key_id text NOT NULL,
    signed_digest text NOT NULL,
    signature bytea NOT NULL,
    signed_db_login text DEFAULT SESSION_USER NOT NULL,
    signed_at timestamp with time zone DEFAULT now() NOT NULL,
    chain_pos bigint NOT NULL,
    prev_hash text,
    row_hash text NOT NULL,
    CONSTRAINT dot_pair_signature_digest CHECK ((signed_digest ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT dot_pair_signature_lane CHECK ((lane = ANY (ARRAY['executor'::text, 'verifier'::text, 'reviewer'::text]))),
    CONSTRAINT dot_pair_signature_length CHECK ((octet_length(signature) = 64)),
    CONSTRAINT dot_pair_signature_subject CHECK (
CASE lane
    WHEN 'executor'::text THEN ((change_set_id IS NOT NULL) AND (verify_result_id IS NULL) AND (review_decision_id IS NULL))
    WHEN 'verifier'::text THEN ((change_set_id IS NOT NULL) AND (verify_result_id IS NOT NULL) AND (review_decision_id IS NULL))
    WHEN 'reviewer'::text THEN ((verify_result_id IS NULL) AND (review_decision_id IS NOT NULL))
    ELSE NULL::boolean
END)
);

ALTER TABLE cutter_governance.dot_pair_signature OWNER TO iu_owner;

--
-- Name: TABLE dot_pair_signature; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TABLE cutter_governance.dot_pair_signature IS 'Executor, verifier and reviewer Ed25519 signatures over "dot-iu-cutter/v1 <lane> <signed_digest>".';

--
-- Name: manifest_entry; Type: TABLE; Schema: cutter_governance; Owner: iu_owner
--

CREATE TABLE cutter_governance.manifest_entry (
    envelope_id uuid NOT NULL,
    ordinal integer NOT NULL,
    canonical_address text NOT NULL,
    content_hash text NOT NULL,
    action text NOT NULL,
    CONSTRAINT manifest_entry_action CHECK ((action = ANY (ARRAY['created'::text, 'revised'::text, 'unchanged'::text]))),
    CONSTRAINT manifest_entry_content_hash CHECK (((content_hash ~ '^[0-9a-f]+$'::text) AND (octet_length(content_hash) = 64))),
    CONSTRAINT manifest_entry_ordinal CHECK ((ordinal >= 1))
);

ALTER TABLE cutter_governance.manifest_entry OWNER TO iu_owner;

--
-- Name: TABLE manifest_entry; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TABLE cutter_governance.manifest_entry IS 'One manifest line: a unit''s address and content hash in document order, and whether the cut created it.';

--
-- Name: COLUMN manifest_entry.envelope_id; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON COLUMN cutter_governance.manifest_entry.envelope_id IS 'The envelope recorded with this entry (manifest_envelope.id), checked per statement by trg_ab_manifest_entry_enveloped.';

--
-- Name: COLUMN manifest_entry.action; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON COLUMN cutter_governance.manifest_entry.action IS 'created: a new unit; revised: a new draft version of an enacted unit; unchanged: content already stored.';

--
-- Name: manifest_envelope; Type: TABLE; Schema: cutter_governance; Owner: iu_owner
--

CREATE TABLE cutter_governance.manifest_envelope (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    change_set_id uuid NOT NULL,
    manifest_sha256 text NOT NULL,
    unit_count integer NOT NULL,
    created_count integer NOT NULL,
    unchanged_count integer NOT NULL,
    recorded_by text NOT NULL,
    recorded_db_login text DEFAULT SESSION_USER NOT NULL,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    chain_pos bigint NOT NULL,
    prev_hash text,
    row_hash text NOT NULL,
    CONSTRAINT manifest_envelope_counts CHECK (((unit_count >= 1) AND (created_count >= 0) AND (unchanged_count >= 0) AND ((created_count + unchanged_count) = unit_count))),
    CONSTRAINT manifest_envelope_sha256 CHECK ((manifest_sha256 ~ '^[0-9a-f]{64}$'::text))
);

ALTER TABLE cutter_governance.manifest_envelope OWNER TO iu_owner;

--
-- Name: TABLE manifest_envelope; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TABLE cutter_governance.manifest_envelope IS 'The manifest of a change set and its digest (sha256 of the ordered "address<TAB>content_hash<LF>" lines).';

--
-- Name: review_decision; Type: TABLE; Schema: cutter_governance; Owner: iu_owner
--

CREATE TABLE cutter_governance.review_decision (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    subject text NOT NULL,
    change_set_id uuid,
    manifest_sha256 text NOT NULL,
    decision text NOT NULL,
    rationale text NOT NULL,
    decided_by text NOT NULL,
    decided_db_login text DEFAULT SESSION_USER NOT NULL,
    decided_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone,
    decision_digest text NOT NULL,
    chain_pos bigint NOT NULL,
    prev_hash text,
    row_hash text NOT NULL,
    CONSTRAINT review_decision_decision CHECK ((decision = ANY (ARRAY['approve'::text, 'reject'::text]))),
    CONSTRAINT review_decision_digest CHECK ((decision_digest ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT review_decision_expiry CHECK ((expires_at > decided_at)),
    CONSTRAINT review_decision_manifest_sha256 CHECK ((manifest_sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT review_decision_rationale CHECK ((btrim(rationale) <> ''::text)),
    CONSTRAINT review_decision_subject CHECK ((subject = ANY (ARRAY['enact'::text, 'supersede'::text, 'retire'::text])))
);

ALTER TABLE cutter_governance.review_decision OWNER TO iu_owner;

--
-- Name: TABLE review_decision; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TABLE cutter_governance.review_decision IS 'Review decisions (approve / reject) on enacting, superseding or retiring exactly one manifest. Written by fn_gov_record_review.';

--
-- Name: rollback_record; Type: TABLE; Schema: cutter_governance; Owner: iu_owner
--

CREATE TABLE cutter_governance.rollback_record (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    change_set_id uuid NOT NULL,
    performed_by text NOT NULL,
    performed_db_login text DEFAULT SESSION_USER NOT NULL,
    performed_at timestamp with time zone DEFAULT now() NOT NULL,
    reason text NOT NULL,
    removed_units integer NOT NULL,
    removed_versions integer NOT NULL,
    removed_digest text NOT NULL,
    chain_pos bigint NOT NULL,
    prev_hash text,
    row_hash text NOT NULL,
    CONSTRAINT rollback_record_counts CHECK (((removed_units >= 0) AND (removed_versions >= removed_units))),
    CONSTRAINT rollback_record_digest CHECK ((removed_digest ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT rollback_record_reason CHECK ((btrim(reason) <> ''::text))
);

ALTER TABLE cutter_governance.rollback_record OWNER TO iu_owner;

--
-- Name: TABLE rollback_record; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TABLE cutter_governance.rollback_record IS 'A rolled-back change set: who, when, why, and the digest of the removed versions. Written by fn_iu_rollback.';

--
-- Name: signer_key; Type: TABLE; Schema: cutter_governance; Owner: iu_owner
--

CREATE TABLE cutter_governance.signer_key (
    key_id text NOT NULL,
    signer text NOT NULL,
    algorithm text DEFAULT 'ed25519'::text NOT NULL,
    public_key bytea NOT NULL,
    registration text NOT NULL,
    registered_by text NOT NULL,
    registered_db_login text DEFAULT SESSION_USER NOT NULL,
    registered_at timestamp with time zone DEFAULT now() NOT NULL,
    chain_pos bigint NOT NULL,
    prev_hash text,
    row_hash text NOT NULL,
    CONSTRAINT signer_key_algorithm CHECK ((algorithm = 'ed25519'::text)),
    CONSTRAINT signer_key_id_is_key_digest CHECK ((key_id = encode(sha256(public_key), 'hex'::text))),
    CONSTRAINT signer_key_length CHECK ((octet_length(public_key) = 32)),
    CONSTRAINT signer_key_registration CHECK ((registration = ANY (ARRAY['auto'::text, 'admin'::text])))
);

ALTER TABLE cutter_governance.signer_key OWNER TO iu_owner;

--
-- Name: TABLE signer_key; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TABLE cutter_governance.signer_key IS 'Registered Ed25519 public keys (key_id = sha256 of the key). Written by fn_gov_register_key.';

--
-- Name: verify_result; Type: TABLE; Schema: cutter_governance; Owner: iu_owner
--

CREATE TABLE cutter_governance.verify_result (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    change_set_id uuid NOT NULL,
    verdict text NOT NULL,
    checks jsonb NOT NULL,
    verifier text NOT NULL,
    verifier_db_login text DEFAULT SESSION_USER NOT NULL,
    verified_at timestamp with time zone DEFAULT now() NOT NULL,
    result_digest text NOT NULL,
    chain_pos bigint NOT NULL,
    prev_hash text,
    row_hash text NOT NULL,
    CONSTRAINT verify_result_checks_array CHECK (((jsonb_typeof(checks) = 'array'::text) AND (jsonb_array_length(checks) > 0))),
    CONSTRAINT verify_result_digest CHECK ((result_digest ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT verify_result_verdict CHECK ((verdict = ANY (ARRAY['pass'::text, 'fail'::text])))
);

ALTER TABLE cutter_governance.verify_result OWNER TO iu_owner;

--
-- Name: TABLE verify_result; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TABLE cutter_governance.verify_result IS 'Write-VERIFY results: verdict and every check (check, outcome, detail). Written by fn_gov_record_verify.';

--
-- Name: alembic_version; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.alembic_version (
    version_num character varying(32) NOT NULL
);

ALTER TABLE public.alembic_version OWNER TO postgres;

--
-- Name: dot_config; Type: TABLE; Schema: public; Owner: iu_owner
--

CREATE TABLE public.dot_config (
    key text NOT NULL,
    value text NOT NULL,
    value_pattern text NOT NULL,
    description text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_by text DEFAULT SESSION_USER NOT NULL,
    CONSTRAINT dot_config_description_present CHECK ((btrim(description) <> ''::text)),
    CONSTRAINT dot_config_key_format CHECK ((key ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'::text)),
    CONSTRAINT dot_config_value_matches_pattern CHECK ((value ~ value_pattern))
);

ALTER TABLE public.dot_config OWNER TO iu_owner;

--
-- Name: TABLE dot_config; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TABLE public.dot_config IS 'Policy keys read by the gateway and the lifecycle functions. Only iu_owner writes (migrations).';

--
-- Name: COLUMN dot_config.value_pattern; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON COLUMN public.dot_config.value_pattern IS 'Regular expression the value must match; the table refuses any other value.';

--
-- Name: information_unit; Type: TABLE; Schema: public; Owner: iu_owner
--

CREATE TABLE public.information_unit (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    canonical_address text NOT NULL,
    doc_code text GENERATED ALWAYS AS (split_part(canonical_address, '/'::text, 1)) STORED,
    unit_kind text GENERATED ALWAYS AS (
CASE
    WHEN (strpos(canonical_address, '/'::text) = 0) THEN 'doc'::text
    ELSE regexp_replace(canonical_address, '^.*/([a-z]+)_[a-z0-9]+$'::text, '\1'::text)
END) STORED,
    unit_number text GENERATED ALWAYS AS (
CASE
    WHEN (strpos(canonical_address, '/'::text) > 0) THEN regexp_replace(canonical_address, '^.*/[a-z]+_([a-z0-9]+)$'::text, '\1'::text)
    ELSE NULL::text
END) STORED,
    parent_address text GENERATED ALWAYS AS (
CASE
    WHEN (strpos(canonical_address, '/'::text) > 0) THEN regexp_replace(canonical_address, '/[^/]+$'::text, ''::text)
    ELSE NULL::text
END) STORED,
    parent_id uuid,
    doc_order integer NOT NULL,
    title text,
    publication_type text,
    lifecycle_status text DEFAULT 'draft'::text NOT NULL,
    current_version_id uuid NOT NULL,
    created_change_set_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    created_by text NOT NULL,
    created_db_user text DEFAULT SESSION_USER NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_by text NOT NULL,
    enacted_at timestamp with time zone,
    enacted_by text,
    retired_at timestamp with time zone,
    retired_by text,
    CONSTRAINT information_unit_address_grammar CHECK (((canonical_address ~ '^[A-Z0-9]+(-[A-Z0-9]+)*(/[a-z]+_[a-z0-9]+)*$'::text) AND (octet_length(canonical_address) <= 1024))),
    CONSTRAINT information_unit_created_by_present CHECK ((btrim(created_by) <> ''::text)),
    CONSTRAINT information_unit_doc_order_nonnegative CHECK ((doc_order >= 0)),
    CONSTRAINT information_unit_enacted_stamp CHECK ((((enacted_at IS NULL) = (enacted_by IS NULL)) AND ((lifecycle_status <> 'enacted'::text) OR (enacted_at IS NOT NULL)))),
    CONSTRAINT information_unit_parent_pair CHECK (((parent_id IS NULL) = (parent_address IS NULL))),
    CONSTRAINT information_unit_publication_type_format CHECK (((publication_type ~ '^[a-z][a-z_]*$'::text) AND (octet_length(publication_type) <= 63))),
    CONSTRAINT information_unit_retired_stamp CHECK ((((retired_at IS NULL) = (retired_by IS NULL)) AND ((lifecycle_status = 'retired'::text) = (retired_at IS NOT NULL)))),
    CONSTRAINT information_unit_title_length CHECK ((char_length(title) <= 4000)),
    CONSTRAINT information_unit_updated_by_present CHECK ((btrim(updated_by) <> ''::text))
);

ALTER TABLE public.information_unit OWNER TO iu_owner;

--
-- Name: TABLE information_unit; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TABLE public.information_unit IS 'One row per Information Unit. Written only through the gateway functions (fn_iu_create, fn_iu_apply_edit_draft, ...).';

--
-- Name: COLUMN information_unit.canonical_address; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON COLUMN public.information_unit.canonical_address IS 'DOC-CODE then /-separated <kind>_<number> segments (CONTRACT §5).';

--
-- Name: COLUMN information_unit.parent_id; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON COLUMN public.information_unit.parent_id IS 'The unit whose address is this address minus its last segment; trg_iu_tree_check keeps id and address in step (23503 information_unit_parent_fk).';

--
-- Name: COLUMN information_unit.doc_order; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON COLUMN public.information_unit.doc_order IS 'Position in document order within the document (0 for the document root).';

--
-- Name: COLUMN information_unit.lifecycle_status; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON COLUMN public.information_unit.lifecycle_status IS 'draft, enacted or retired (iu_lifecycle_vocab): born draft (trg_iu_born_draft), moved only by the lifecycle writers along iu_lifecycle_transition (trg_iu_allowed_transition).';

--
-- Name: COLUMN information_unit.current_version_id; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON COLUMN public.information_unit.current_version_id IS 'The version that carries this unit''s content now; always one of its own versions (trg_iu_tree_check, 23503 information_unit_current_version_fk).';

--
-- Name: COLUMN information_unit.created_change_set_id; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON COLUMN public.information_unit.created_change_set_id IS 'The governed cut (cutter_governance.cut_change_set) that created this unit, if any; checked per statement by trg_iu_change_set_known.';

--
-- Name: COLUMN information_unit.enacted_at; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON COLUMN public.information_unit.enacted_at IS 'When the unit was first enacted (fn_iu_enact); a supersede keeps it and stamps the versions.';

--
-- Name: COLUMN information_unit.retired_at; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON COLUMN public.information_unit.retired_at IS 'When the unit was retired, or withdrawn as a draft (fn_iu_retire).';

--
-- Name: iu_gateway_event; Type: TABLE; Schema: public; Owner: iu_owner
--

CREATE TABLE public.iu_gateway_event (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    occurred_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    verdict text NOT NULL,
    table_name text NOT NULL,
    operation text NOT NULL,
    marker text,
    exemption_ticket text,
    db_user text DEFAULT SESSION_USER NOT NULL,
    set_role text NOT NULL,
    application_name text,
    client_addr inet,
    backend_pid integer NOT NULL,
    xact_id xid8 NOT NULL,
    statement text,
    CONSTRAINT iu_gateway_event_operation CHECK ((operation = ANY (ARRAY['INSERT'::text, 'UPDATE'::text, 'DELETE'::text, 'TRUNCATE'::text]))),
    CONSTRAINT iu_gateway_event_verdict CHECK ((verdict = ANY (ARRAY['exempted'::text, 'pilot_no_marker'::text, 'pilot_unknown_marker'::text, 'pilot_forged_marker'::text, 'pilot_invalid_exemption'::text])))
);

ALTER TABLE public.iu_gateway_event OWNER TO iu_owner;

--
-- Name: TABLE iu_gateway_event; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TABLE public.iu_gateway_event IS 'Writes the guard allowed without a canonical writer (exemptions, pilot mode), with who and what.';

--
-- Name: iu_gateway_exemption; Type: TABLE; Schema: public; Owner: iu_owner
--

CREATE TABLE public.iu_gateway_exemption (
    ticket text NOT NULL,
    reason text NOT NULL,
    tables text[] DEFAULT ARRAY['information_unit'::text, 'unit_version'::text] NOT NULL,
    operations text[] DEFAULT ARRAY['INSERT'::text, 'UPDATE'::text] NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    granted_by text NOT NULL,
    granted_db_user text DEFAULT SESSION_USER NOT NULL,
    granted_at timestamp with time zone DEFAULT now() NOT NULL,
    revoked_at timestamp with time zone,
    revoked_by text,
    CONSTRAINT iu_gateway_exemption_expiry_after_grant CHECK ((expires_at > granted_at)),
    CONSTRAINT iu_gateway_exemption_operations_known CHECK (((operations <@ ARRAY['INSERT'::text, 'UPDATE'::text, 'DELETE'::text]) AND (cardinality(operations) > 0))),
    CONSTRAINT iu_gateway_exemption_reason_present CHECK ((char_length(btrim(reason)) >= 10)),
    CONSTRAINT iu_gateway_exemption_revocation_pair CHECK (((revoked_at IS NULL) = (revoked_by IS NULL))),
    CONSTRAINT iu_gateway_exemption_tables_known CHECK (((tables <@ ARRAY['information_unit'::text, 'unit_version'::text]) AND (cardinality(tables) > 0))),
    CONSTRAINT iu_gateway_exemption_ticket_format CHECK ((ticket ~ '^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$'::text))
);

ALTER TABLE public.iu_gateway_exemption OWNER TO iu_owner;

--
-- Name: TABLE iu_gateway_exemption; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TABLE public.iu_gateway_exemption IS 'Registered migration exemptions (seed 004 §2.3): narrow, with a reason and an expiry. Written by fn_iu_gateway_exemption_grant/revoke.';

--
-- Name: iu_gateway_forged_marker_seq; Type: SEQUENCE; Schema: public; Owner: iu_owner
--

CREATE SEQUENCE public.iu_gateway_forged_marker_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER TABLE public.iu_gateway_forged_marker_seq OWNER TO iu_owner;

--
-- Name: SEQUENCE iu_gateway_forged_marker_seq; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON SEQUENCE public.iu_gateway_forged_marker_seq IS 'Counts writes that carried a canonical marker with no open ticket (a hand-set marker), refused or, in pilot mode, allowed.';

--
-- Name: iu_gateway_refusal_seq; Type: SEQUENCE; Schema: public; Owner: iu_owner
--

CREATE SEQUENCE public.iu_gateway_refusal_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER TABLE public.iu_gateway_refusal_seq OWNER TO iu_owner;

--
-- Name: SEQUENCE iu_gateway_refusal_seq; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON SEQUENCE public.iu_gateway_refusal_seq IS 'Counts every write the guard refused (IU001). Not transactional: survives the rollback of the refused statement.';

--
-- Name: iu_gateway_ticket; Type: TABLE; Schema: public; Owner: iu_owner
--

CREATE UNLOGGED TABLE public.iu_gateway_ticket (
    id bigint NOT NULL,
    backend_pid integer NOT NULL,
    xact_id xid8 NOT NULL,
    marker text NOT NULL,
    previous_marker text,
    opened_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);

ALTER TABLE public.iu_gateway_ticket OWNER TO iu_owner;

--
-- Name: TABLE iu_gateway_ticket; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TABLE public.iu_gateway_ticket IS 'Open canonical-writer tickets (one per running gateway call). Written only by fn_iu_gateway_open/close as iu_owner; empty between calls.';

--
-- Name: iu_gateway_ticket_id_seq; Type: SEQUENCE; Schema: public; Owner: iu_owner
--

ALTER TABLE public.iu_gateway_ticket ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.iu_gateway_ticket_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: iu_lifecycle_log; Type: TABLE; Schema: public; Owner: iu_owner
--

CREATE TABLE public.iu_lifecycle_log (
    id uuid NOT NULL,
    seal_id uuid NOT NULL,
    seal_ordinal integer NOT NULL,
    entity_collection text NOT NULL,
    entity_id uuid NOT NULL,
    canonical_address text NOT NULL,
    from_status text NOT NULL,
    to_status text NOT NULL,
    transition_type text NOT NULL,
    reason text NOT NULL,
    performed_by text NOT NULL,
    performed_at timestamp with time zone NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    review_decision_id uuid,
    change_set_id uuid,
    db_login text DEFAULT SESSION_USER NOT NULL,
    application_name text,
    entry_hash text NOT NULL,
    CONSTRAINT iu_lifecycle_log_entity_collection CHECK ((entity_collection = ANY (ARRAY['information_unit'::text, 'unit_version'::text]))),
    CONSTRAINT iu_lifecycle_log_entry_hash CHECK (((entry_hash ~ '^[0-9a-f]+$'::text) AND (octet_length(entry_hash) = 64))),
    CONSTRAINT iu_lifecycle_log_reason CHECK ((btrim(reason) <> ''::text))
);

ALTER TABLE public.iu_lifecycle_log OWNER TO iu_owner;

--
-- Name: TABLE iu_lifecycle_log; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TABLE public.iu_lifecycle_log IS 'Audit of every lifecycle transition (seed 004 §7), append-only; entry_hash covers the row, its seal covers the rows in order.';

--
-- Name: COLUMN iu_lifecycle_log.seal_id; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON COLUMN public.iu_lifecycle_log.seal_id IS 'The seal written with this row (iu_lifecycle_log_seal.id), checked per statement by trg_iu_lifecycle_log_sealed.';

--
-- Name: COLUMN iu_lifecycle_log.metadata; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON COLUMN public.iu_lifecycle_log.metadata IS 'What the transition touched beyond the entity: version ids and numbers, content hash, the replaced or replacing version.';

--
-- Name: iu_lifecycle_log_seal; Type: TABLE; Schema: public; Owner: iu_owner
--

CREATE TABLE public.iu_lifecycle_log_seal (
    id uuid NOT NULL,
    chain_pos bigint NOT NULL,
    transition_type text NOT NULL,
    change_set_id uuid,
    review_decision_id uuid,
    performed_by text NOT NULL,
    performed_at timestamp with time zone NOT NULL,
    db_login text DEFAULT SESSION_USER NOT NULL,
    entry_count integer NOT NULL,
    entries_digest text NOT NULL,
    prev_hash text,
    seal_hash text NOT NULL,
    CONSTRAINT iu_lifecycle_log_seal_digests CHECK (((entries_digest ~ '^[0-9a-f]{64}$'::text) AND (seal_hash ~ '^[0-9a-f]{64}$'::text) AND ((prev_hash IS NULL) = (chain_pos = 1)))),
    CONSTRAINT iu_lifecycle_log_seal_entry_count CHECK ((entry_count >= 1))
);

ALTER TABLE public.iu_lifecycle_log_seal OWNER TO iu_owner;

--
-- Name: TABLE iu_lifecycle_log_seal; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TABLE public.iu_lifecycle_log_seal IS 'One seal per lifecycle writer call: the digest of its log rows in order, hash-chained to the previous seal.';

--
-- Name: iu_lifecycle_transition; Type: TABLE; Schema: public; Owner: iu_owner
--

CREATE TABLE public.iu_lifecycle_transition (
    from_status text NOT NULL,
    to_status text NOT NULL,
    transition_type text NOT NULL,
    review_subject text,
    description text NOT NULL,
    CONSTRAINT iu_lifecycle_transition_moves CHECK ((from_status <> to_status)),
    CONSTRAINT iu_lifecycle_transition_subject CHECK ((review_subject = ANY (ARRAY['enact'::text, 'supersede'::text, 'retire'::text]))),
    CONSTRAINT iu_lifecycle_transition_type_format CHECK ((transition_type ~ '^[a-z][a-z_]*$'::text))
);

ALTER TABLE public.iu_lifecycle_transition OWNER TO iu_owner;

--
-- Name: TABLE iu_lifecycle_transition; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TABLE public.iu_lifecycle_transition IS 'Allowed lifecycle transitions (from, to, type, the review subject that authorises it). Any other status change is IU003.';

--
-- Name: iu_lifecycle_vocab; Type: TABLE; Schema: public; Owner: iu_owner
--

CREATE TABLE public.iu_lifecycle_vocab (
    code text NOT NULL,
    name text NOT NULL,
    description text NOT NULL,
    sort_order integer NOT NULL,
    CONSTRAINT iu_lifecycle_vocab_code_format CHECK ((code ~ '^[a-z][a-z_]*$'::text))
);

ALTER TABLE public.iu_lifecycle_vocab OWNER TO iu_owner;

--
-- Name: TABLE iu_lifecycle_vocab; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TABLE public.iu_lifecycle_vocab IS 'The four lifecycle states (draft, enacted, superseded, retired) of TAC seed-G6. Fixed data: only a migration changes it.';

--
-- Name: unit_version; Type: TABLE; Schema: public; Owner: iu_owner
--

CREATE TABLE public.unit_version (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    iu_id uuid NOT NULL,
    version_no integer NOT NULL,
    body text NOT NULL,
    content_hash text GENERATED ALWAYS AS (public.fn_iu_content_hash(body)) STORED,
    lifecycle_status text DEFAULT 'draft'::text NOT NULL,
    change_set_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    created_by text NOT NULL,
    created_db_user text DEFAULT SESSION_USER NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_by text NOT NULL,
    enacted_at timestamp with time zone,
    enacted_by text,
    superseded_at timestamp with time zone,
    superseded_by text,
    retired_at timestamp with time zone,
    retired_by text,
    CONSTRAINT unit_version_body_nfc CHECK ((body IS NFC NORMALIZED)),
    CONSTRAINT unit_version_body_not_blank CHECK ((body ~ '[^[:space:]]'::text)),
    CONSTRAINT unit_version_created_by_present CHECK ((btrim(created_by) <> ''::text)),
    CONSTRAINT unit_version_enacted_stamp CHECK ((((enacted_at IS NULL) = (enacted_by IS NULL)) AND ((lifecycle_status <> ALL (ARRAY['enacted'::text, 'superseded'::text])) OR (enacted_at IS NOT NULL)))),
    CONSTRAINT unit_version_retired_stamp CHECK ((((retired_at IS NULL) = (retired_by IS NULL)) AND ((lifecycle_status = 'retired'::text) = (retired_at IS NOT NULL)))),
    CONSTRAINT unit_version_superseded_stamp CHECK ((((superseded_at IS NULL) = (superseded_by IS NULL)) AND ((lifecycle_status = 'superseded'::text) = (superseded_at IS NOT NULL)) AND ((superseded_at IS NULL) OR (superseded_at >= enacted_at)))),
    CONSTRAINT unit_version_updated_by_present CHECK ((btrim(updated_by) <> ''::text)),
    CONSTRAINT unit_version_version_no_positive CHECK ((version_no >= 1))
);

ALTER TABLE public.unit_version OWNER TO iu_owner;

--
-- Name: TABLE unit_version; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TABLE public.unit_version IS 'Content versions of an IU. Written only through the gateway functions.';

--
-- Name: COLUMN unit_version.content_hash; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON COLUMN public.unit_version.content_hash IS 'fn_iu_content_hash(body): SHA-256 of the NFC body, computed by the database.';

--
-- Name: COLUMN unit_version.lifecycle_status; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON COLUMN public.unit_version.lifecycle_status IS 'draft, enacted, superseded or retired (iu_lifecycle_vocab): born draft (trg_uv_born_draft), moved only along iu_lifecycle_transition (trg_uv_allowed_transition).';

--
-- Name: COLUMN unit_version.change_set_id; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON COLUMN public.unit_version.change_set_id IS 'The governed cut (cutter_governance.cut_change_set) that created this version, if any; checked per statement by trg_uv_change_set_known.';

--
-- Name: COLUMN unit_version.enacted_at; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON COLUMN public.unit_version.enacted_at IS 'Start of the period in which this version is in force.';

--
-- Name: COLUMN unit_version.superseded_at; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON COLUMN public.unit_version.superseded_at IS 'End of that period when a newer version of the unit was enacted (fn_iu_supersede).';

--
-- Name: COLUMN unit_version.retired_at; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON COLUMN public.unit_version.retired_at IS 'End of that period when the unit was retired (fn_iu_retire).';

--
-- Name: cut_change_set cut_change_set_chain_pos_key; Type: CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.cut_change_set
    ADD CONSTRAINT cut_change_set_chain_pos_key UNIQUE (chain_pos);

--
-- Name: cut_change_set cut_change_set_pkey; Type: CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.cut_change_set
    ADD CONSTRAINT cut_change_set_pkey PRIMARY KEY (id);

--
-- Name: dot_pair_signature dot_pair_signature_chain_pos_key; Type: CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.dot_pair_signature
    ADD CONSTRAINT dot_pair_signature_chain_pos_key UNIQUE (chain_pos);

--
-- Name: dot_pair_signature dot_pair_signature_pkey; Type: CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.dot_pair_signature
    ADD CONSTRAINT dot_pair_signature_pkey PRIMARY KEY (id);

--
-- Name: manifest_entry manifest_entry_address_key; Type: CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.manifest_entry
    ADD CONSTRAINT manifest_entry_address_key UNIQUE (envelope_id, canonical_address);

--
-- Name: manifest_entry manifest_entry_pkey; Type: CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.manifest_entry
    ADD CONSTRAINT manifest_entry_pkey PRIMARY KEY (envelope_id, ordinal);

--
-- Name: manifest_envelope manifest_envelope_chain_pos_key; Type: CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.manifest_envelope
    ADD CONSTRAINT manifest_envelope_chain_pos_key UNIQUE (chain_pos);

--
-- Name: manifest_envelope manifest_envelope_change_set_key; Type: CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.manifest_envelope
    ADD CONSTRAINT manifest_envelope_change_set_key UNIQUE (change_set_id);

--
-- Name: manifest_envelope manifest_envelope_pkey; Type: CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.manifest_envelope
    ADD CONSTRAINT manifest_envelope_pkey PRIMARY KEY (id);

--
-- Name: review_decision review_decision_chain_pos_key; Type: CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.review_decision
    ADD CONSTRAINT review_decision_chain_pos_key UNIQUE (chain_pos);

--
-- Name: review_decision review_decision_pkey; Type: CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.review_decision
    ADD CONSTRAINT review_decision_pkey PRIMARY KEY (id);

--
-- Name: rollback_record rollback_record_chain_pos_key; Type: CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.rollback_record
    ADD CONSTRAINT rollback_record_chain_pos_key UNIQUE (chain_pos);

--
-- Name: rollback_record rollback_record_change_set_key; Type: CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.rollback_record
    ADD CONSTRAINT rollback_record_change_set_key UNIQUE (change_set_id);

--
-- Name: rollback_record rollback_record_pkey; Type: CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.rollback_record
    ADD CONSTRAINT rollback_record_pkey PRIMARY KEY (id);

--
-- Name: signer_key signer_key_chain_pos_key; Type: CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.signer_key
    ADD CONSTRAINT signer_key_chain_pos_key UNIQUE (chain_pos);

--
-- Name: signer_key signer_key_pkey; Type: CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.signer_key
    ADD CONSTRAINT signer_key_pkey PRIMARY KEY (key_id);

--
-- Name: verify_result verify_result_chain_pos_key; Type: CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.verify_result
    ADD CONSTRAINT verify_result_chain_pos_key UNIQUE (chain_pos);

--
-- Name: verify_result verify_result_pkey; Type: CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.verify_result
    ADD CONSTRAINT verify_result_pkey PRIMARY KEY (id);

--
-- Name: alembic_version alembic_version_pkc; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.alembic_version
    ADD CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num);

--
-- Name: dot_config dot_config_pkey; Type: CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.dot_config
    ADD CONSTRAINT dot_config_pkey PRIMARY KEY (key);

--
-- Name: information_unit information_unit_canonical_address_key; Type: CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.information_unit
    ADD CONSTRAINT information_unit_canonical_address_key UNIQUE (canonical_address);

--
-- Name: information_unit information_unit_pkey; Type: CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.information_unit
    ADD CONSTRAINT information_unit_pkey PRIMARY KEY (id);

--
-- Name: iu_gateway_event iu_gateway_event_pkey; Type: CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.iu_gateway_event
    ADD CONSTRAINT iu_gateway_event_pkey PRIMARY KEY (id);

--
-- Name: iu_gateway_exemption iu_gateway_exemption_pkey; Type: CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.iu_gateway_exemption
    ADD CONSTRAINT iu_gateway_exemption_pkey PRIMARY KEY (ticket);

--
-- Name: iu_gateway_ticket iu_gateway_ticket_pkey; Type: CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.iu_gateway_ticket
    ADD CONSTRAINT iu_gateway_ticket_pkey PRIMARY KEY (id);

--
-- Name: iu_lifecycle_log iu_lifecycle_log_pkey; Type: CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.iu_lifecycle_log
    ADD CONSTRAINT iu_lifecycle_log_pkey PRIMARY KEY (id);

--
-- Name: iu_lifecycle_log_seal iu_lifecycle_log_seal_chain_pos_key; Type: CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.iu_lifecycle_log_seal
    ADD CONSTRAINT iu_lifecycle_log_seal_chain_pos_key UNIQUE (chain_pos);

--
-- Name: iu_lifecycle_log iu_lifecycle_log_seal_ordinal_key; Type: CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.iu_lifecycle_log
    ADD CONSTRAINT iu_lifecycle_log_seal_ordinal_key UNIQUE (seal_id, seal_ordinal);

--
-- Name: iu_lifecycle_log_seal iu_lifecycle_log_seal_pkey; Type: CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.iu_lifecycle_log_seal
    ADD CONSTRAINT iu_lifecycle_log_seal_pkey PRIMARY KEY (id);

--
-- Name: iu_lifecycle_transition iu_lifecycle_transition_full_key; Type: CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.iu_lifecycle_transition
    ADD CONSTRAINT iu_lifecycle_transition_full_key UNIQUE (from_status, to_status, transition_type);

--
-- Name: iu_lifecycle_transition iu_lifecycle_transition_pkey; Type: CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.iu_lifecycle_transition
    ADD CONSTRAINT iu_lifecycle_transition_pkey PRIMARY KEY (from_status, to_status);

--
-- Name: iu_lifecycle_vocab iu_lifecycle_vocab_pkey; Type: CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.iu_lifecycle_vocab
    ADD CONSTRAINT iu_lifecycle_vocab_pkey PRIMARY KEY (code);

--
-- Name: iu_lifecycle_vocab iu_lifecycle_vocab_sort_order_key; Type: CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.iu_lifecycle_vocab
    ADD CONSTRAINT iu_lifecycle_vocab_sort_order_key UNIQUE (sort_order);

--
-- Name: unit_version unit_version_iu_version_key; Type: CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.unit_version
    ADD CONSTRAINT unit_version_iu_version_key UNIQUE (iu_id, version_no);

--
-- Name: unit_version unit_version_pkey; Type: CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.unit_version
    ADD CONSTRAINT unit_version_pkey PRIMARY KEY (id);

--
-- Name: cut_change_set_doc_idx; Type: INDEX; Schema: cutter_governance; Owner: iu_owner
--

CREATE INDEX cut_change_set_doc_idx ON cutter_governance.cut_change_set USING btree (doc_code, opened_at);

--
-- Name: cut_change_set_manifest_idx; Type: INDEX; Schema: cutter_governance; Owner: iu_owner
--

CREATE INDEX cut_change_set_manifest_idx ON cutter_governance.cut_change_set USING btree (manifest_sha256);

--
-- Name: dot_pair_signature_one_executor; Type: INDEX; Schema: cutter_governance; Owner: iu_owner
--

CREATE UNIQUE INDEX dot_pair_signature_one_executor ON cutter_governance.dot_pair_signature USING btree (change_set_id) WHERE (lane = 'executor'::text);

--
-- Name: dot_pair_signature_one_per_decision; Type: INDEX; Schema: cutter_governance; Owner: iu_owner
--

CREATE UNIQUE INDEX dot_pair_signature_one_per_decision ON cutter_governance.dot_pair_signature USING btree (review_decision_id) WHERE (lane = 'reviewer'::text);

--
-- Name: dot_pair_signature_one_per_result; Type: INDEX; Schema: cutter_governance; Owner: iu_owner
--

CREATE UNIQUE INDEX dot_pair_signature_one_per_result ON cutter_governance.dot_pair_signature USING btree (verify_result_id) WHERE (lane = 'verifier'::text);

--
-- Name: review_decision_change_set_idx; Type: INDEX; Schema: cutter_governance; Owner: iu_owner
--

CREATE INDEX review_decision_change_set_idx ON cutter_governance.review_decision USING btree (change_set_id);

--
-- Name: review_decision_manifest_idx; Type: INDEX; Schema: cutter_governance; Owner: iu_owner
--

CREATE INDEX review_decision_manifest_idx ON cutter_governance.review_decision USING btree (manifest_sha256);

--
-- Name: signer_key_signer_idx; Type: INDEX; Schema: cutter_governance; Owner: iu_owner
--

CREATE INDEX signer_key_signer_idx ON cutter_governance.signer_key USING btree (signer);

--
-- Name: verify_result_change_set_idx; Type: INDEX; Schema: cutter_governance; Owner: iu_owner
--

CREATE INDEX verify_result_change_set_idx ON cutter_governance.verify_result USING btree (change_set_id);

--
-- Name: information_unit_created_change_set_idx; Type: INDEX; Schema: public; Owner: iu_owner
--

CREATE INDEX information_unit_created_change_set_idx ON public.information_unit USING btree (created_change_set_id);

--
-- Name: information_unit_doc_order_idx; Type: INDEX; Schema: public; Owner: iu_owner
--

CREATE INDEX information_unit_doc_order_idx ON public.information_unit USING btree (doc_code, doc_order);

--
-- Name: information_unit_parent_id_idx; Type: INDEX; Schema: public; Owner: iu_owner
--

CREATE INDEX information_unit_parent_id_idx ON public.information_unit USING btree (parent_id);

--
-- Name: iu_gateway_event_occurred_idx; Type: INDEX; Schema: public; Owner: iu_owner
--

CREATE INDEX iu_gateway_event_occurred_idx ON public.iu_gateway_event USING btree (occurred_at);

--
-- Name: iu_gateway_ticket_backend_idx; Type: INDEX; Schema: public; Owner: iu_owner
--

CREATE INDEX iu_gateway_ticket_backend_idx ON public.iu_gateway_ticket USING btree (backend_pid, xact_id);

--
-- Name: iu_lifecycle_log_entity_idx; Type: INDEX; Schema: public; Owner: iu_owner
--

CREATE INDEX iu_lifecycle_log_entity_idx ON public.iu_lifecycle_log USING btree (entity_id);

--
-- Name: iu_lifecycle_log_seal_change_set_idx; Type: INDEX; Schema: public; Owner: iu_owner
--

CREATE INDEX iu_lifecycle_log_seal_change_set_idx ON public.iu_lifecycle_log_seal USING btree (change_set_id);

--
-- Name: unit_version_change_set_idx; Type: INDEX; Schema: public; Owner: iu_owner
--

CREATE INDEX unit_version_change_set_idx ON public.unit_version USING btree (change_set_id);

--
-- Name: unit_version_in_force_idx; Type: INDEX; Schema: public; Owner: iu_owner
--

CREATE INDEX unit_version_in_force_idx ON public.unit_version USING btree (iu_id, enacted_at) WHERE (enacted_at IS NOT NULL);

--
-- Name: unit_version_one_draft_per_iu; Type: INDEX; Schema: public; Owner: iu_owner
--

CREATE UNIQUE INDEX unit_version_one_draft_per_iu ON public.unit_version USING btree (iu_id) WHERE (lifecycle_status = 'draft'::text);

--
-- Name: unit_version_one_enacted_per_iu; Type: INDEX; Schema: public; Owner: iu_owner
--

CREATE UNIQUE INDEX unit_version_one_enacted_per_iu ON public.unit_version USING btree (iu_id) WHERE (lifecycle_status = 'enacted'::text);

--
-- Name: cut_change_set trg_aa_cut_change_set_guard; Type: TRIGGER; Schema: cutter_governance; Owner: iu_owner
--

CREATE TRIGGER trg_aa_cut_change_set_guard BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON cutter_governance.cut_change_set FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.fn_gov_write_guard('fn_gov_open_change_set');

--
-- Name: TRIGGER trg_aa_cut_change_set_guard ON cut_change_set; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TRIGGER trg_aa_cut_change_set_guard ON cutter_governance.cut_change_set IS 'Append-only: INSERT only by fn_gov_open_change_set, UPDATE only of the status by fn_gov_set_status, never DELETE or TRUNCATE.';

--
-- Name: dot_pair_signature trg_aa_dot_pair_signature_guard; Type: TRIGGER; Schema: cutter_governance; Owner: iu_owner
--

CREATE TRIGGER trg_aa_dot_pair_signature_guard BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON cutter_governance.dot_pair_signature FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.fn_gov_write_guard('fn_gov_sign_executor', 'fn_gov_record_verify', 'fn_gov_record_review');

--
-- Name: TRIGGER trg_aa_dot_pair_signature_guard ON dot_pair_signature; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TRIGGER trg_aa_dot_pair_signature_guard ON cutter_governance.dot_pair_signature IS 'Append-only: INSERT only by fn_gov_sign_executor, fn_gov_record_verify, fn_gov_record_review, never UPDATE, DELETE or TRUNCATE.';

--
-- Name: manifest_entry trg_aa_manifest_entry_guard; Type: TRIGGER; Schema: cutter_governance; Owner: iu_owner
--

CREATE TRIGGER trg_aa_manifest_entry_guard BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON cutter_governance.manifest_entry FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.fn_gov_write_guard('fn_gov_record_manifest');

--
-- Name: TRIGGER trg_aa_manifest_entry_guard ON manifest_entry; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TRIGGER trg_aa_manifest_entry_guard ON cutter_governance.manifest_entry IS 'Append-only: INSERT only by fn_gov_record_manifest, never UPDATE, DELETE or TRUNCATE.';

--
-- Name: manifest_envelope trg_aa_manifest_envelope_guard; Type: TRIGGER; Schema: cutter_governance; Owner: iu_owner
--

CREATE TRIGGER trg_aa_manifest_envelope_guard BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON cutter_governance.manifest_envelope FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.fn_gov_write_guard('fn_gov_record_manifest');

--
-- Name: TRIGGER trg_aa_manifest_envelope_guard ON manifest_envelope; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TRIGGER trg_aa_manifest_envelope_guard ON cutter_governance.manifest_envelope IS 'Append-only: INSERT only by fn_gov_record_manifest, never UPDATE, DELETE or TRUNCATE.';

--
-- Name: review_decision trg_aa_review_decision_guard; Type: TRIGGER; Schema: cutter_governance; Owner: iu_owner
--

CREATE TRIGGER trg_aa_review_decision_guard BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON cutter_governance.review_decision FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.fn_gov_write_guard('fn_gov_record_review');

--
-- Name: TRIGGER trg_aa_review_decision_guard ON review_decision; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TRIGGER trg_aa_review_decision_guard ON cutter_governance.review_decision IS 'Append-only: INSERT only by fn_gov_record_review, never UPDATE, DELETE or TRUNCATE.';

--
-- Name: rollback_record trg_aa_rollback_record_guard; Type: TRIGGER; Schema: cutter_governance; Owner: iu_owner
--

CREATE TRIGGER trg_aa_rollback_record_guard BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON cutter_governance.rollback_record FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.fn_gov_write_guard('fn_iu_rollback');

--
-- Name: TRIGGER trg_aa_rollback_record_guard ON rollback_record; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TRIGGER trg_aa_rollback_record_guard ON cutter_governance.rollback_record IS 'Append-only: INSERT only by fn_iu_rollback, never UPDATE, DELETE or TRUNCATE.';

--
-- Name: signer_key trg_aa_signer_key_guard; Type: TRIGGER; Schema: cutter_governance; Owner: iu_owner
--

CREATE TRIGGER trg_aa_signer_key_guard BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON cutter_governance.signer_key FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.fn_gov_write_guard('fn_gov_register_key');

--
-- Name: TRIGGER trg_aa_signer_key_guard ON signer_key; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TRIGGER trg_aa_signer_key_guard ON cutter_governance.signer_key IS 'Append-only: INSERT only by fn_gov_register_key, never UPDATE, DELETE or TRUNCATE.';

--
-- Name: verify_result trg_aa_verify_result_guard; Type: TRIGGER; Schema: cutter_governance; Owner: iu_owner
--

CREATE TRIGGER trg_aa_verify_result_guard BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON cutter_governance.verify_result FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.fn_gov_write_guard('fn_gov_record_verify');

--
-- Name: TRIGGER trg_aa_verify_result_guard ON verify_result; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TRIGGER trg_aa_verify_result_guard ON cutter_governance.verify_result IS 'Append-only: INSERT only by fn_gov_record_verify, never UPDATE, DELETE or TRUNCATE.';

--
-- Name: cut_change_set trg_ab_cut_change_set_chain; Type: TRIGGER; Schema: cutter_governance; Owner: iu_owner
--

CREATE TRIGGER trg_ab_cut_change_set_chain BEFORE INSERT ON cutter_governance.cut_change_set FOR EACH ROW EXECUTE FUNCTION cutter_governance.fn_gov_chain();

--
-- Name: TRIGGER trg_ab_cut_change_set_chain ON cut_change_set; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TRIGGER trg_ab_cut_change_set_chain ON cutter_governance.cut_change_set IS 'Numbers the row and links it to its predecessor (chain_pos, prev_hash, row_hash).';

--
-- Name: dot_pair_signature trg_ab_dot_pair_signature_authentic; Type: TRIGGER; Schema: cutter_governance; Owner: iu_owner
--

CREATE TRIGGER trg_ab_dot_pair_signature_authentic BEFORE INSERT ON cutter_governance.dot_pair_signature FOR EACH ROW EXECUTE FUNCTION cutter_governance.fn_gov_signature_authentic();

--
-- Name: TRIGGER trg_ab_dot_pair_signature_authentic ON dot_pair_signature; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TRIGGER trg_ab_dot_pair_signature_authentic ON cutter_governance.dot_pair_signature IS 'IU011 unless the signature verifies under its registered key over its lane and digest (fn_gov_ed25519_verify).';

--
-- Name: dot_pair_signature trg_ab_dot_pair_signature_chain; Type: TRIGGER; Schema: cutter_governance; Owner: iu_owner
--

CREATE TRIGGER trg_ab_dot_pair_signature_chain BEFORE INSERT ON cutter_governance.dot_pair_signature FOR EACH ROW EXECUTE FUNCTION cutter_governance.fn_gov_chain();

--
-- Name: TRIGGER trg_ab_dot_pair_signature_chain ON dot_pair_signature; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TRIGGER trg_ab_dot_pair_signature_chain ON cutter_governance.dot_pair_signature IS 'Numbers the row and links it to its predecessor (chain_pos, prev_hash, row_hash).';

--
-- Name: manifest_entry trg_ab_manifest_entry_enveloped; Type: TRIGGER; Schema: cutter_governance; Owner: iu_owner
--

CREATE TRIGGER trg_ab_manifest_entry_enveloped AFTER INSERT ON cutter_governance.manifest_entry REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.fn_gov_manifest_entries_check();

--
-- Name: TRIGGER trg_ab_manifest_entry_enveloped ON manifest_entry; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TRIGGER trg_ab_manifest_entry_enveloped ON cutter_governance.manifest_entry IS 'The statement''s entries name existing envelopes and are all of each envelope''s entries, numbered 1..unit_count.';

--
-- Name: manifest_envelope trg_ab_manifest_envelope_chain; Type: TRIGGER; Schema: cutter_governance; Owner: iu_owner
--

CREATE TRIGGER trg_ab_manifest_envelope_chain BEFORE INSERT ON cutter_governance.manifest_envelope FOR EACH ROW EXECUTE FUNCTION cutter_governance.fn_gov_chain();

--
-- Name: TRIGGER trg_ab_manifest_envelope_chain ON manifest_envelope; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TRIGGER trg_ab_manifest_envelope_chain ON cutter_governance.manifest_envelope IS 'Numbers the row and links it to its predecessor (chain_pos, prev_hash, row_hash).';

--
-- Name: review_decision trg_ab_review_decision_chain; Type: TRIGGER; Schema: cutter_governance; Owner: iu_owner
--

CREATE TRIGGER trg_ab_review_decision_chain BEFORE INSERT ON cutter_governance.review_decision FOR EACH ROW EXECUTE FUNCTION cutter_governance.fn_gov_chain();

--
-- Name: TRIGGER trg_ab_review_decision_chain ON review_decision; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TRIGGER trg_ab_review_decision_chain ON cutter_governance.review_decision IS 'Numbers the row and links it to its predecessor (chain_pos, prev_hash, row_hash).';

--
-- Name: rollback_record trg_ab_rollback_record_chain; Type: TRIGGER; Schema: cutter_governance; Owner: iu_owner
--

CREATE TRIGGER trg_ab_rollback_record_chain BEFORE INSERT ON cutter_governance.rollback_record FOR EACH ROW EXECUTE FUNCTION cutter_governance.fn_gov_chain();

--
-- Name: TRIGGER trg_ab_rollback_record_chain ON rollback_record; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TRIGGER trg_ab_rollback_record_chain ON cutter_governance.rollback_record IS 'Numbers the row and links it to its predecessor (chain_pos, prev_hash, row_hash).';

--
-- Name: signer_key trg_ab_signer_key_chain; Type: TRIGGER; Schema: cutter_governance; Owner: iu_owner
--

CREATE TRIGGER trg_ab_signer_key_chain BEFORE INSERT ON cutter_governance.signer_key FOR EACH ROW EXECUTE FUNCTION cutter_governance.fn_gov_chain();

--
-- Name: TRIGGER trg_ab_signer_key_chain ON signer_key; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TRIGGER trg_ab_signer_key_chain ON cutter_governance.signer_key IS 'Numbers the row and links it to its predecessor (chain_pos, prev_hash, row_hash).';

--
-- Name: verify_result trg_ab_verify_result_chain; Type: TRIGGER; Schema: cutter_governance; Owner: iu_owner
--

CREATE TRIGGER trg_ab_verify_result_chain BEFORE INSERT ON cutter_governance.verify_result FOR EACH ROW EXECUTE FUNCTION cutter_governance.fn_gov_chain();

--
-- Name: TRIGGER trg_ab_verify_result_chain ON verify_result; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TRIGGER trg_ab_verify_result_chain ON cutter_governance.verify_result IS 'Numbers the row and links it to its predecessor (chain_pos, prev_hash, row_hash).';

--
-- Name: cut_change_set trg_ac_cut_change_set_status; Type: TRIGGER; Schema: cutter_governance; Owner: iu_owner
--

CREATE TRIGGER trg_ac_cut_change_set_status BEFORE UPDATE ON cutter_governance.cut_change_set FOR EACH ROW EXECUTE FUNCTION cutter_governance.fn_gov_status_guard();

--
-- Name: TRIGGER trg_ac_cut_change_set_status ON cut_change_set; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TRIGGER trg_ac_cut_change_set_status ON cutter_governance.cut_change_set IS 'Only the status of a change set moves, and only along an allowed transition.';

--
-- Name: cut_change_set trg_zz_cut_change_set_complete; Type: TRIGGER; Schema: cutter_governance; Owner: iu_owner
--

CREATE CONSTRAINT TRIGGER trg_zz_cut_change_set_complete AFTER INSERT ON cutter_governance.cut_change_set DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION cutter_governance.fn_gov_change_set_complete();

--
-- Name: TRIGGER trg_zz_cut_change_set_complete ON cut_change_set; Type: COMMENT; Schema: cutter_governance; Owner: iu_owner
--

COMMENT ON TRIGGER trg_zz_cut_change_set_complete ON cutter_governance.cut_change_set IS 'At COMMIT: the change set has its manifest envelope and executor signature (IU013 otherwise).';

--
-- Name: information_unit trg_aa_iu_gateway_write_guard; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_aa_iu_gateway_write_guard BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.information_unit FOR EACH STATEMENT EXECUTE FUNCTION public.fn_iu_gateway_write_guard();

--
-- Name: TRIGGER trg_aa_iu_gateway_write_guard ON information_unit; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_aa_iu_gateway_write_guard ON public.information_unit IS 'Gateway guard: only canonical writers (with an open ticket) or a valid migration exemption may write.';

--
-- Name: iu_lifecycle_log trg_aa_iu_lifecycle_log_guard; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_aa_iu_lifecycle_log_guard BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.iu_lifecycle_log FOR EACH STATEMENT EXECUTE FUNCTION public.fn_iu_lifecycle_log_guard('fn_iu_enact', 'fn_iu_supersede', 'fn_iu_retire');

--
-- Name: TRIGGER trg_aa_iu_lifecycle_log_guard ON iu_lifecycle_log; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_aa_iu_lifecycle_log_guard ON public.iu_lifecycle_log IS 'Append-only: INSERT only by fn_iu_enact, fn_iu_supersede and fn_iu_retire; never UPDATE, DELETE or TRUNCATE.';

--
-- Name: iu_lifecycle_log_seal trg_aa_iu_lifecycle_log_seal_guard; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_aa_iu_lifecycle_log_seal_guard BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.iu_lifecycle_log_seal FOR EACH STATEMENT EXECUTE FUNCTION public.fn_iu_lifecycle_log_guard('fn_iu_enact', 'fn_iu_supersede', 'fn_iu_retire');

--
-- Name: TRIGGER trg_aa_iu_lifecycle_log_seal_guard ON iu_lifecycle_log_seal; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_aa_iu_lifecycle_log_seal_guard ON public.iu_lifecycle_log_seal IS 'Append-only: INSERT only by fn_iu_enact, fn_iu_supersede and fn_iu_retire; never UPDATE, DELETE or TRUNCATE.';

--
-- Name: iu_lifecycle_transition trg_aa_iu_lifecycle_transition_fixed; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_aa_iu_lifecycle_transition_fixed BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.iu_lifecycle_transition FOR EACH STATEMENT EXECUTE FUNCTION public.fn_iu_lifecycle_data_guard();

--
-- Name: TRIGGER trg_aa_iu_lifecycle_transition_fixed ON iu_lifecycle_transition; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_aa_iu_lifecycle_transition_fixed ON public.iu_lifecycle_transition IS 'Fixed data: only a migration changes the allowed transitions.';

--
-- Name: iu_lifecycle_vocab trg_aa_iu_lifecycle_vocab_fixed; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_aa_iu_lifecycle_vocab_fixed BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.iu_lifecycle_vocab FOR EACH STATEMENT EXECUTE FUNCTION public.fn_iu_lifecycle_data_guard();

--
-- Name: TRIGGER trg_aa_iu_lifecycle_vocab_fixed ON iu_lifecycle_vocab; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_aa_iu_lifecycle_vocab_fixed ON public.iu_lifecycle_vocab IS 'Fixed data: only a migration changes the vocabulary.';

--
-- Name: unit_version trg_aa_uv_gateway_write_guard; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_aa_uv_gateway_write_guard BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.unit_version FOR EACH STATEMENT EXECUTE FUNCTION public.fn_iu_gateway_write_guard();

--
-- Name: TRIGGER trg_aa_uv_gateway_write_guard ON unit_version; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_aa_uv_gateway_write_guard ON public.unit_version IS 'Gateway guard: only canonical writers (with an open ticket) or a valid migration exemption may write.';

--
-- Name: information_unit trg_iu_allowed_transition; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_iu_allowed_transition AFTER UPDATE ON public.information_unit REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.fn_iu_lifecycle_transition_check();

--
-- Name: TRIGGER trg_iu_allowed_transition ON information_unit; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_iu_allowed_transition ON public.information_unit IS 'Every status change of the statement must be listed in iu_lifecycle_transition (IU003).';

--
-- Name: information_unit trg_iu_born_draft; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_iu_born_draft BEFORE INSERT ON public.information_unit FOR EACH ROW WHEN ((new.lifecycle_status IS DISTINCT FROM 'draft'::text)) EXECUTE FUNCTION public.fn_iu_lifecycle_born_draft();

--
-- Name: TRIGGER trg_iu_born_draft ON information_unit; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_iu_born_draft ON public.information_unit IS 'New rows are drafts (IU003).';

--
-- Name: information_unit trg_iu_change_set_known; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_iu_change_set_known AFTER INSERT ON public.information_unit REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.fn_iu_change_set_known('created_change_set_id');

--
-- Name: TRIGGER trg_iu_change_set_known ON information_unit; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_iu_change_set_known ON public.information_unit IS 'The change set the statement''s new units name exists (23503).';

--
-- Name: information_unit trg_iu_change_set_known_update; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_iu_change_set_known_update AFTER UPDATE OF created_change_set_id ON public.information_unit FOR EACH ROW WHEN ((old.created_change_set_id IS DISTINCT FROM new.created_change_set_id)) EXECUTE FUNCTION public.fn_iu_change_set_known('created_change_set_id');

--
-- Name: TRIGGER trg_iu_change_set_known_update ON information_unit; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_iu_change_set_known_update ON public.information_unit IS 'A unit''s changed created_change_set_id names an existing change set (23503).';

--
-- Name: information_unit trg_iu_enacted_immut; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_iu_enacted_immut AFTER DELETE OR UPDATE ON public.information_unit FOR EACH ROW WHEN ((old.lifecycle_status <> 'draft'::text)) EXECUTE FUNCTION public.fn_iu_enacted_immut();

--
-- Name: TRIGGER trg_iu_enacted_immut ON information_unit; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_iu_enacted_immut ON public.information_unit IS 'Enacted rows are immutable; superseded and retired rows never change; none is deleted (IU002).';

--
-- Name: information_unit trg_iu_enacted_truncate; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_iu_enacted_truncate BEFORE TRUNCATE ON public.information_unit FOR EACH STATEMENT EXECUTE FUNCTION public.fn_iu_enacted_truncate_guard();

--
-- Name: TRIGGER trg_iu_enacted_truncate ON information_unit; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_iu_enacted_truncate ON public.information_unit IS 'No TRUNCATE while the table holds enacted, superseded or retired rows (IU002).';

--
-- Name: information_unit trg_iu_enacted_undeletable; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_iu_enacted_undeletable BEFORE DELETE ON public.information_unit FOR EACH ROW WHEN ((old.lifecycle_status <> 'draft'::text)) EXECUTE FUNCTION public.fn_iu_enacted_immut();

--
-- Name: TRIGGER trg_iu_enacted_undeletable ON information_unit; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_iu_enacted_undeletable ON public.information_unit IS 'Enacted, superseded and retired rows are never deleted (IU002), refused before any foreign key is checked.';

--
-- Name: iu_lifecycle_log trg_iu_lifecycle_log_sealed; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_iu_lifecycle_log_sealed AFTER INSERT ON public.iu_lifecycle_log REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.fn_iu_lifecycle_log_sealed();

--
-- Name: TRIGGER trg_iu_lifecycle_log_sealed ON iu_lifecycle_log; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_iu_lifecycle_log_sealed ON public.iu_lifecycle_log IS 'The statement''s rows record listed transitions, name existing seals and are all of each seal''s rows, numbered 1..entry_count.';

--
-- Name: information_unit trg_iu_tree_check; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_iu_tree_check AFTER INSERT ON public.information_unit REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.fn_iu_tree_check();

--
-- Name: TRIGGER trg_iu_tree_check ON information_unit; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_iu_tree_check ON public.information_unit IS 'The statement''s new units name an existing parent (with its address) and their own current version (23503).';

--
-- Name: information_unit trg_iu_tree_check_delete; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_iu_tree_check_delete AFTER DELETE ON public.information_unit REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.fn_iu_tree_check();

--
-- Name: TRIGGER trg_iu_tree_check_delete ON information_unit; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_iu_tree_check_delete ON public.information_unit IS 'No remaining unit names a removed unit as its parent (23503).';

--
-- Name: information_unit trg_iu_tree_check_update; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_iu_tree_check_update AFTER UPDATE OF id, canonical_address, parent_id, current_version_id ON public.information_unit FOR EACH ROW WHEN (((old.id IS DISTINCT FROM new.id) OR (old.canonical_address IS DISTINCT FROM new.canonical_address) OR (old.parent_id IS DISTINCT FROM new.parent_id) OR (old.current_version_id IS DISTINCT FROM new.current_version_id))) EXECUTE FUNCTION public.fn_iu_tree_check();

--
-- Name: TRIGGER trg_iu_tree_check_update ON information_unit; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_iu_tree_check_update ON public.information_unit IS 'A unit whose key or references change still names an existing parent and its own current version, and leaves nothing naming its old key (23503).';

--
-- Name: unit_version trg_uv_allowed_transition; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_uv_allowed_transition AFTER UPDATE ON public.unit_version REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.fn_iu_lifecycle_transition_check();

--
-- Name: TRIGGER trg_uv_allowed_transition ON unit_version; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_uv_allowed_transition ON public.unit_version IS 'Every status change of the statement must be listed in iu_lifecycle_transition (IU003).';

--
-- Name: unit_version trg_uv_born_draft; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_uv_born_draft BEFORE INSERT ON public.unit_version FOR EACH ROW WHEN ((new.lifecycle_status IS DISTINCT FROM 'draft'::text)) EXECUTE FUNCTION public.fn_iu_lifecycle_born_draft();

--
-- Name: TRIGGER trg_uv_born_draft ON unit_version; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_uv_born_draft ON public.unit_version IS 'New rows are drafts (IU003).';

--
-- Name: unit_version trg_uv_change_set_known; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_uv_change_set_known AFTER INSERT ON public.unit_version REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.fn_iu_change_set_known('change_set_id');

--
-- Name: TRIGGER trg_uv_change_set_known ON unit_version; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_uv_change_set_known ON public.unit_version IS 'The change set the statement''s new versions name exists (23503).';

--
-- Name: unit_version trg_uv_change_set_known_update; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_uv_change_set_known_update AFTER UPDATE OF change_set_id ON public.unit_version FOR EACH ROW WHEN ((old.change_set_id IS DISTINCT FROM new.change_set_id)) EXECUTE FUNCTION public.fn_iu_change_set_known('change_set_id');

--
-- Name: TRIGGER trg_uv_change_set_known_update ON unit_version; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_uv_change_set_known_update ON public.unit_version IS 'A version''s changed change_set_id names an existing change set (23503).';

--
-- Name: unit_version trg_uv_enacted_immut; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_uv_enacted_immut AFTER DELETE OR UPDATE ON public.unit_version FOR EACH ROW WHEN ((old.lifecycle_status <> 'draft'::text)) EXECUTE FUNCTION public.fn_uv_enacted_immut();

--
-- Name: TRIGGER trg_uv_enacted_immut ON unit_version; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_uv_enacted_immut ON public.unit_version IS 'Enacted rows are immutable; superseded and retired rows never change; none is deleted (IU002).';

--
-- Name: unit_version trg_uv_enacted_truncate; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_uv_enacted_truncate BEFORE TRUNCATE ON public.unit_version FOR EACH STATEMENT EXECUTE FUNCTION public.fn_iu_enacted_truncate_guard();

--
-- Name: TRIGGER trg_uv_enacted_truncate ON unit_version; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_uv_enacted_truncate ON public.unit_version IS 'No TRUNCATE while the table holds enacted, superseded or retired rows (IU002).';

--
-- Name: unit_version trg_uv_enacted_undeletable; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_uv_enacted_undeletable BEFORE DELETE ON public.unit_version FOR EACH ROW WHEN ((old.lifecycle_status <> 'draft'::text)) EXECUTE FUNCTION public.fn_uv_enacted_immut();

--
-- Name: TRIGGER trg_uv_enacted_undeletable ON unit_version; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_uv_enacted_undeletable ON public.unit_version IS 'Enacted, superseded and retired rows are never deleted (IU002), refused before any foreign key is checked.';

--
-- Name: unit_version trg_uv_tree_check_delete; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_uv_tree_check_delete AFTER DELETE ON public.unit_version REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.fn_uv_tree_check();

--
-- Name: TRIGGER trg_uv_tree_check_delete ON unit_version; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_uv_tree_check_delete ON public.unit_version IS 'No remaining unit names a removed version as its current version (23503).';

--
-- Name: unit_version trg_uv_tree_check_truncate; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_uv_tree_check_truncate AFTER TRUNCATE ON public.unit_version FOR EACH STATEMENT EXECUTE FUNCTION public.fn_uv_tree_check();

--
-- Name: TRIGGER trg_uv_tree_check_truncate ON unit_version; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_uv_tree_check_truncate ON public.unit_version IS 'unit_version is emptied only together with information_unit (23503).';

--
-- Name: unit_version trg_uv_tree_check_update; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_uv_tree_check_update AFTER UPDATE OF id, iu_id ON public.unit_version FOR EACH ROW WHEN (((old.id IS DISTINCT FROM new.id) OR (old.iu_id IS DISTINCT FROM new.iu_id))) EXECUTE FUNCTION public.fn_uv_tree_check();

--
-- Name: TRIGGER trg_uv_tree_check_update ON unit_version; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_uv_tree_check_update ON public.unit_version IS 'No unit still names a re-keyed version, as it was, as its current version (23503).';

--
-- Name: dot_pair_signature dot_pair_signature_change_set_id_fkey; Type: FK CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.dot_pair_signature
    ADD CONSTRAINT dot_pair_signature_change_set_id_fkey FOREIGN KEY (change_set_id) REFERENCES cutter_governance.cut_change_set(id);

--
-- Name: dot_pair_signature dot_pair_signature_key_id_fkey; Type: FK CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.dot_pair_signature
    ADD CONSTRAINT dot_pair_signature_key_id_fkey FOREIGN KEY (key_id) REFERENCES cutter_governance.signer_key(key_id);

--
-- Name: dot_pair_signature dot_pair_signature_review_decision_id_fkey; Type: FK CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.dot_pair_signature
    ADD CONSTRAINT dot_pair_signature_review_decision_id_fkey FOREIGN KEY (review_decision_id) REFERENCES cutter_governance.review_decision(id);

--
-- Name: dot_pair_signature dot_pair_signature_verify_result_id_fkey; Type: FK CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.dot_pair_signature
    ADD CONSTRAINT dot_pair_signature_verify_result_id_fkey FOREIGN KEY (verify_result_id) REFERENCES cutter_governance.verify_result(id);

--
-- Name: manifest_envelope manifest_envelope_change_set_id_fkey; Type: FK CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.manifest_envelope
    ADD CONSTRAINT manifest_envelope_change_set_id_fkey FOREIGN KEY (change_set_id) REFERENCES cutter_governance.cut_change_set(id);

--
-- Name: review_decision review_decision_change_set_id_fkey; Type: FK CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.review_decision
    ADD CONSTRAINT review_decision_change_set_id_fkey FOREIGN KEY (change_set_id) REFERENCES cutter_governance.cut_change_set(id);

--
-- Name: rollback_record rollback_record_change_set_id_fkey; Type: FK CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.rollback_record
    ADD CONSTRAINT rollback_record_change_set_id_fkey FOREIGN KEY (change_set_id) REFERENCES cutter_governance.cut_change_set(id);

--
-- Name: verify_result verify_result_change_set_id_fkey; Type: FK CONSTRAINT; Schema: cutter_governance; Owner: iu_owner
--

ALTER TABLE ONLY cutter_governance.verify_result
    ADD CONSTRAINT verify_result_change_set_id_fkey FOREIGN KEY (change_set_id) REFERENCES cutter_governance.cut_change_set(id);

--
-- Name: iu_gateway_event iu_gateway_event_exemption_ticket_fkey; Type: FK CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.iu_gateway_event
    ADD CONSTRAINT iu_gateway_event_exemption_ticket_fkey FOREIGN KEY (exemption_ticket) REFERENCES public.iu_gateway_exemption(ticket);

--
-- Name: iu_lifecycle_log_seal iu_lifecycle_log_seal_change_set_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.iu_lifecycle_log_seal
    ADD CONSTRAINT iu_lifecycle_log_seal_change_set_id_fkey FOREIGN KEY (change_set_id) REFERENCES cutter_governance.cut_change_set(id);

--
-- Name: iu_lifecycle_log_seal iu_lifecycle_log_seal_review_decision_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.iu_lifecycle_log_seal
    ADD CONSTRAINT iu_lifecycle_log_seal_review_decision_id_fkey FOREIGN KEY (review_decision_id) REFERENCES cutter_governance.review_decision(id);

--
-- Name: iu_lifecycle_transition iu_lifecycle_transition_from_status_fkey; Type: FK CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.iu_lifecycle_transition
    ADD CONSTRAINT iu_lifecycle_transition_from_status_fkey FOREIGN KEY (from_status) REFERENCES public.iu_lifecycle_vocab(code);

--
-- Name: iu_lifecycle_transition iu_lifecycle_transition_to_status_fkey; Type: FK CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.iu_lifecycle_transition
    ADD CONSTRAINT iu_lifecycle_transition_to_status_fkey FOREIGN KEY (to_status) REFERENCES public.iu_lifecycle_vocab(code);

--
-- Name: unit_version unit_version_iu_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.unit_version
    ADD CONSTRAINT unit_version_iu_id_fkey FOREIGN KEY (iu_id) REFERENCES public.information_unit(id);

--
-- Name: SCHEMA cutter_governance; Type: ACL; Schema: -; Owner: iu_owner
--

GRANT USAGE ON SCHEMA cutter_governance TO cutter_exec;
GRANT USAGE ON SCHEMA cutter_governance TO cutter_verifier;
GRANT USAGE ON SCHEMA cutter_governance TO cutter_reviewer;
GRANT USAGE ON SCHEMA cutter_governance TO iu_reader;

--
-- Name: FUNCTION fn_gov_chain(); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_chain() FROM PUBLIC;

--
-- Name: FUNCTION fn_gov_chain_check(); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_chain_check() FROM PUBLIC;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_chain_check() TO cutter_exec;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_chain_check() TO cutter_verifier;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_chain_check() TO iu_reader;

--
-- Name: FUNCTION fn_gov_chain_payload(p_row jsonb); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_chain_payload(p_row jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_chain_payload(p_row jsonb) TO cutter_exec;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_chain_payload(p_row jsonb) TO cutter_verifier;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_chain_payload(p_row jsonb) TO cutter_reviewer;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_chain_payload(p_row jsonb) TO iu_reader;

--
-- Name: FUNCTION fn_gov_change_set_complete(); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_change_set_complete() FROM PUBLIC;

--
-- Name: FUNCTION fn_gov_check_duties(p_change_set_id uuid, p_lane text, p_actor text, p_key_id text); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_check_duties(p_change_set_id uuid, p_lane text, p_actor text, p_key_id text) FROM PUBLIC;

--
-- Name: FUNCTION fn_gov_check_signer(p_signer text, p_key_id text, p_signature bytea); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_check_signer(p_signer text, p_key_id text, p_signature bytea) FROM PUBLIC;

--
-- Name: FUNCTION fn_gov_check_source_bytes(p_bytes bigint); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_check_source_bytes(p_bytes bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_check_source_bytes(p_bytes bigint) TO cutter_exec;

--
-- Name: FUNCTION fn_gov_check_unit_count(p_unit_count integer); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_check_unit_count(p_unit_count integer) FROM PUBLIC;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_check_unit_count(p_unit_count integer) TO cutter_exec;

--
-- Name: FUNCTION fn_gov_ed25519_small_order(p_point bytea); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_ed25519_small_order(p_point bytea) FROM PUBLIC;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_ed25519_small_order(p_point bytea) TO cutter_exec;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_ed25519_small_order(p_point bytea) TO cutter_verifier;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_ed25519_small_order(p_point bytea) TO cutter_reviewer;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_ed25519_small_order(p_point bytea) TO iu_reader;

--
-- Name: FUNCTION fn_gov_ed25519_verify(p_public_key bytea, p_message bytea, p_signature bytea); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_ed25519_verify(p_public_key bytea, p_message bytea, p_signature bytea) FROM PUBLIC;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_ed25519_verify(p_public_key bytea, p_message bytea, p_signature bytea) TO cutter_exec;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_ed25519_verify(p_public_key bytea, p_message bytea, p_signature bytea) TO cutter_verifier;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_ed25519_verify(p_public_key bytea, p_message bytea, p_signature bytea) TO cutter_reviewer;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_ed25519_verify(p_public_key bytea, p_message bytea, p_signature bytea) TO iu_reader;

--
-- Name: FUNCTION fn_gov_invoker(); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_invoker() FROM PUBLIC;

--
-- Name: FUNCTION fn_gov_manifest_digest(p_canonical_addresses text[], p_content_hashes text[]); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_manifest_digest(p_canonical_addresses text[], p_content_hashes text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_manifest_digest(p_canonical_addresses text[], p_content_hashes text[]) TO cutter_exec;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_manifest_digest(p_canonical_addresses text[], p_content_hashes text[]) TO cutter_verifier;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_manifest_digest(p_canonical_addresses text[], p_content_hashes text[]) TO cutter_reviewer;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_manifest_digest(p_canonical_addresses text[], p_content_hashes text[]) TO iu_reader;

--
-- Name: FUNCTION fn_gov_manifest_entries_check(); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_manifest_entries_check() FROM PUBLIC;

--
-- Name: FUNCTION fn_gov_open_change_set(p_doc_code text, p_source_sha256 text, p_manifest_sha256 text, p_unit_count integer, p_actor text, p_profile text, p_granularity text, p_publication_type text, p_backup_sha256 text); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_open_change_set(p_doc_code text, p_source_sha256 text, p_manifest_sha256 text, p_unit_count integer, p_actor text, p_profile text, p_granularity text, p_publication_type text, p_backup_sha256 text) FROM PUBLIC;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_open_change_set(p_doc_code text, p_source_sha256 text, p_manifest_sha256 text, p_unit_count integer, p_actor text, p_profile text, p_granularity text, p_publication_type text, p_backup_sha256 text) TO cutter_exec;

--
-- Name: FUNCTION fn_gov_record_manifest(p_change_set_id uuid, p_canonical_addresses text[], p_content_hashes text[], p_actor text); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_record_manifest(p_change_set_id uuid, p_canonical_addresses text[], p_content_hashes text[], p_actor text) FROM PUBLIC;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_record_manifest(p_change_set_id uuid, p_canonical_addresses text[], p_content_hashes text[], p_actor text) TO cutter_exec;

--
-- Name: FUNCTION fn_gov_record_review(p_subject text, p_decision text, p_actor text, p_rationale text, p_key_id text, p_signature bytea, p_change_set_id uuid, p_manifest_sha256 text, p_expires_at timestamp with time zone); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_record_review(p_subject text, p_decision text, p_actor text, p_rationale text, p_key_id text, p_signature bytea, p_change_set_id uuid, p_manifest_sha256 text, p_expires_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_record_review(p_subject text, p_decision text, p_actor text, p_rationale text, p_key_id text, p_signature bytea, p_change_set_id uuid, p_manifest_sha256 text, p_expires_at timestamp with time zone) TO cutter_reviewer;

--
-- Name: FUNCTION fn_gov_record_verify(p_change_set_id uuid, p_verifier text, p_verdict text, p_checks jsonb, p_key_id text, p_signature bytea); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_record_verify(p_change_set_id uuid, p_verifier text, p_verdict text, p_checks jsonb, p_key_id text, p_signature bytea) FROM PUBLIC;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_record_verify(p_change_set_id uuid, p_verifier text, p_verdict text, p_checks jsonb, p_key_id text, p_signature bytea) TO cutter_verifier;

--
-- Name: FUNCTION fn_gov_register_key(p_signer text, p_public_key bytea, p_actor text); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_register_key(p_signer text, p_public_key bytea, p_actor text) FROM PUBLIC;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_register_key(p_signer text, p_public_key bytea, p_actor text) TO cutter_exec;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_register_key(p_signer text, p_public_key bytea, p_actor text) TO cutter_verifier;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_register_key(p_signer text, p_public_key bytea, p_actor text) TO cutter_reviewer;

--
-- Name: FUNCTION fn_gov_review_digest(p_subject text, p_decision text, p_change_set_id uuid, p_manifest_sha256 text, p_expires_at timestamp with time zone, p_rationale text); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_review_digest(p_subject text, p_decision text, p_change_set_id uuid, p_manifest_sha256 text, p_expires_at timestamp with time zone, p_rationale text) FROM PUBLIC;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_review_digest(p_subject text, p_decision text, p_change_set_id uuid, p_manifest_sha256 text, p_expires_at timestamp with time zone, p_rationale text) TO cutter_reviewer;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_review_digest(p_subject text, p_decision text, p_change_set_id uuid, p_manifest_sha256 text, p_expires_at timestamp with time zone, p_rationale text) TO cutter_verifier;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_review_digest(p_subject text, p_decision text, p_change_set_id uuid, p_manifest_sha256 text, p_expires_at timestamp with time zone, p_rationale text) TO cutter_exec;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_review_digest(p_subject text, p_decision text, p_change_set_id uuid, p_manifest_sha256 text, p_expires_at timestamp with time zone, p_rationale text) TO iu_reader;

--
-- Name: FUNCTION fn_gov_row_hash(p_prev_hash text, p_row jsonb); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_row_hash(p_prev_hash text, p_row jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_row_hash(p_prev_hash text, p_row jsonb) TO cutter_exec;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_row_hash(p_prev_hash text, p_row jsonb) TO cutter_verifier;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_row_hash(p_prev_hash text, p_row jsonb) TO cutter_reviewer;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_row_hash(p_prev_hash text, p_row jsonb) TO iu_reader;

--
-- Name: FUNCTION fn_gov_set_status(p_change_set_id uuid, p_status text); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_set_status(p_change_set_id uuid, p_status text) FROM PUBLIC;

--
-- Name: FUNCTION fn_gov_sign_executor(p_change_set_id uuid, p_signer text, p_key_id text, p_signature bytea); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_sign_executor(p_change_set_id uuid, p_signer text, p_key_id text, p_signature bytea) FROM PUBLIC;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_sign_executor(p_change_set_id uuid, p_signer text, p_key_id text, p_signature bytea) TO cutter_exec;

--
-- Name: FUNCTION fn_gov_signature_authentic(); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_signature_authentic() FROM PUBLIC;

--
-- Name: FUNCTION fn_gov_signature_verifies(p_key_id text, p_lane text, p_digest text, p_signature bytea); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_signature_verifies(p_key_id text, p_lane text, p_digest text, p_signature bytea) FROM PUBLIC;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_signature_verifies(p_key_id text, p_lane text, p_digest text, p_signature bytea) TO cutter_exec;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_signature_verifies(p_key_id text, p_lane text, p_digest text, p_signature bytea) TO cutter_verifier;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_signature_verifies(p_key_id text, p_lane text, p_digest text, p_signature bytea) TO cutter_reviewer;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_signature_verifies(p_key_id text, p_lane text, p_digest text, p_signature bytea) TO iu_reader;

--
-- Name: FUNCTION fn_gov_status_guard(); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_status_guard() FROM PUBLIC;

--
-- Name: FUNCTION fn_gov_verify_change_set(p_change_set_id uuid); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_verify_change_set(p_change_set_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_verify_change_set(p_change_set_id uuid) TO cutter_verifier;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_verify_change_set(p_change_set_id uuid) TO cutter_exec;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_verify_change_set(p_change_set_id uuid) TO iu_reader;

--
-- Name: FUNCTION fn_gov_verify_digest(p_change_set_id uuid, p_verdict text, p_checks jsonb); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_verify_digest(p_change_set_id uuid, p_verdict text, p_checks jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_verify_digest(p_change_set_id uuid, p_verdict text, p_checks jsonb) TO cutter_verifier;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_verify_digest(p_change_set_id uuid, p_verdict text, p_checks jsonb) TO cutter_exec;
GRANT ALL ON FUNCTION cutter_governance.fn_gov_verify_digest(p_change_set_id uuid, p_verdict text, p_checks jsonb) TO iu_reader;

--
-- Name: FUNCTION fn_gov_write_guard(); Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

REVOKE ALL ON FUNCTION cutter_governance.fn_gov_write_guard() FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_apply_edit_draft(p_canonical_address text, p_body text, p_actor text, p_title text, p_expected_content_hash text); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_apply_edit_draft(p_canonical_address text, p_body text, p_actor text, p_title text, p_expected_content_hash text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_apply_edit_draft(p_canonical_address text, p_body text, p_actor text, p_title text, p_expected_content_hash text) TO cutter_exec;

--
-- Name: FUNCTION fn_iu_change_set_known(); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_change_set_known() FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_change_set_settle(p_change_set_id uuid, p_manifest_enacted boolean); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_change_set_settle(p_change_set_id uuid, p_manifest_enacted boolean) FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_check_actor(p_actor text); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_check_actor(p_actor text) FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_classify_existing(p_canonical_addresses text[], p_bodies text[]); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_classify_existing(p_canonical_addresses text[], p_bodies text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_classify_existing(p_canonical_addresses text[], p_bodies text[]) TO cutter_exec;
GRANT ALL ON FUNCTION public.fn_iu_classify_existing(p_canonical_addresses text[], p_bodies text[]) TO cutter_verifier;

--
-- Name: FUNCTION fn_iu_content_hash(p_body text); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_content_hash(p_body text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_content_hash(p_body text) TO cutter_exec;
GRANT ALL ON FUNCTION public.fn_iu_content_hash(p_body text) TO cutter_verifier;
GRANT ALL ON FUNCTION public.fn_iu_content_hash(p_body text) TO cutter_reviewer;
GRANT ALL ON FUNCTION public.fn_iu_content_hash(p_body text) TO iu_reader;

--
-- Name: FUNCTION fn_iu_create(p_canonical_address text, p_body text, p_actor text, p_title text, p_publication_type text, p_doc_order integer); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_create(p_canonical_address text, p_body text, p_actor text, p_title text, p_publication_type text, p_doc_order integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_create(p_canonical_address text, p_body text, p_actor text, p_title text, p_publication_type text, p_doc_order integer) TO cutter_exec;

--
-- Name: FUNCTION fn_iu_create(p_canonical_addresses text[], p_bodies text[], p_actor text, p_titles text[], p_publication_type text, p_doc_orders integer[], p_change_set_id uuid); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_create(p_canonical_addresses text[], p_bodies text[], p_actor text, p_titles text[], p_publication_type text, p_doc_orders integer[], p_change_set_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_create(p_canonical_addresses text[], p_bodies text[], p_actor text, p_titles text[], p_publication_type text, p_doc_orders integer[], p_change_set_id uuid) TO cutter_exec;

--
-- Name: FUNCTION fn_iu_create_plan(p_canonical_address text, p_body text, p_title text, p_publication_type text); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_create_plan(p_canonical_address text, p_body text, p_title text, p_publication_type text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_create_plan(p_canonical_address text, p_body text, p_title text, p_publication_type text) TO cutter_exec;
GRANT ALL ON FUNCTION public.fn_iu_create_plan(p_canonical_address text, p_body text, p_title text, p_publication_type text) TO cutter_verifier;

--
-- Name: FUNCTION fn_iu_create_plan(p_canonical_addresses text[], p_bodies text[], p_titles text[], p_publication_type text, p_doc_orders integer[]); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_create_plan(p_canonical_addresses text[], p_bodies text[], p_titles text[], p_publication_type text, p_doc_orders integer[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_create_plan(p_canonical_addresses text[], p_bodies text[], p_titles text[], p_publication_type text, p_doc_orders integer[]) TO cutter_exec;
GRANT ALL ON FUNCTION public.fn_iu_create_plan(p_canonical_addresses text[], p_bodies text[], p_titles text[], p_publication_type text, p_doc_orders integer[]) TO cutter_verifier;

--
-- Name: FUNCTION fn_iu_document_at(p_doc_code text, p_at timestamp with time zone); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_document_at(p_doc_code text, p_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_document_at(p_doc_code text, p_at timestamp with time zone) TO cutter_exec;
GRANT ALL ON FUNCTION public.fn_iu_document_at(p_doc_code text, p_at timestamp with time zone) TO cutter_verifier;
GRANT ALL ON FUNCTION public.fn_iu_document_at(p_doc_code text, p_at timestamp with time zone) TO cutter_reviewer;
GRANT ALL ON FUNCTION public.fn_iu_document_at(p_doc_code text, p_at timestamp with time zone) TO iu_reader;

--
-- Name: FUNCTION fn_iu_enact(p_canonical_address text, p_actor text, p_review_decision_id uuid); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_enact(p_canonical_address text, p_actor text, p_review_decision_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_enact(p_canonical_address text, p_actor text, p_review_decision_id uuid) TO cutter_exec;

--
-- Name: FUNCTION fn_iu_enact_batch(p_canonical_addresses text[], p_actor text, p_review_decision_id uuid, p_reason text); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_enact_batch(p_canonical_addresses text[], p_actor text, p_review_decision_id uuid, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_enact_batch(p_canonical_addresses text[], p_actor text, p_review_decision_id uuid, p_reason text) TO cutter_exec;

--
-- Name: FUNCTION fn_iu_enacted_immut(); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_enacted_immut() FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_enacted_truncate_guard(); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_enacted_truncate_guard() FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_gateway_close(p_ticket bigint); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_gateway_close(p_ticket bigint) FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_gateway_detector_report(); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_gateway_detector_report() FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_gateway_detector_report() TO cutter_verifier;
GRANT ALL ON FUNCTION public.fn_iu_gateway_detector_report() TO iu_reader;

--
-- Name: FUNCTION fn_iu_gateway_exemption_grant(p_ticket text, p_reason text, p_valid_for interval, p_actor text, p_tables text[], p_operations text[]); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_gateway_exemption_grant(p_ticket text, p_reason text, p_valid_for interval, p_actor text, p_tables text[], p_operations text[]) FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_gateway_exemption_revoke(p_ticket text, p_actor text); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_gateway_exemption_revoke(p_ticket text, p_actor text) FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_gateway_open(p_marker text); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_gateway_open(p_marker text) FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_gateway_ticket_held(p_marker text); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_gateway_ticket_held(p_marker text) FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_gateway_write_guard(); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_gateway_write_guard() FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_invariant_gate(p_canonical_addresses text[], p_what text, p_skip_invariants text[]); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_invariant_gate(p_canonical_addresses text[], p_what text, p_skip_invariants text[]) FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_invariants_held(); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_invariants_held() FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_invariants_held() TO cutter_exec;
GRANT ALL ON FUNCTION public.fn_iu_invariants_held() TO cutter_verifier;
GRANT ALL ON FUNCTION public.fn_iu_invariants_held() TO iu_reader;

--
-- Name: FUNCTION fn_iu_lifecycle_batch_check(p_canonical_addresses text[], p_actor text, p_what text); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_batch_check(p_canonical_addresses text[], p_actor text, p_what text) FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_lifecycle_born_draft(); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_born_draft() FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_lifecycle_data_guard(); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_data_guard() FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_lifecycle_entry_hash(p_id uuid, p_seal_id uuid, p_seal_ordinal integer, p_entity_collection text, p_entity_id uuid, p_canonical_address text, p_from_status text, p_to_status text, p_transition_type text, p_reason text, p_performed_by text, p_performed_at timestamp with time zone, p_metadata jsonb, p_review_decision_id uuid, p_change_set_id uuid, p_db_login text, p_application_name text); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_entry_hash(p_id uuid, p_seal_id uuid, p_seal_ordinal integer, p_entity_collection text, p_entity_id uuid, p_canonical_address text, p_from_status text, p_to_status text, p_transition_type text, p_reason text, p_performed_by text, p_performed_at timestamp with time zone, p_metadata jsonb, p_review_decision_id uuid, p_change_set_id uuid, p_db_login text, p_application_name text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_lifecycle_entry_hash(p_id uuid, p_seal_id uuid, p_seal_ordinal integer, p_entity_collection text, p_entity_id uuid, p_canonical_address text, p_from_status text, p_to_status text, p_transition_type text, p_reason text, p_performed_by text, p_performed_at timestamp with time zone, p_metadata jsonb, p_review_decision_id uuid, p_change_set_id uuid, p_db_login text, p_application_name text) TO cutter_exec;
GRANT ALL ON FUNCTION public.fn_iu_lifecycle_entry_hash(p_id uuid, p_seal_id uuid, p_seal_ordinal integer, p_entity_collection text, p_entity_id uuid, p_canonical_address text, p_from_status text, p_to_status text, p_transition_type text, p_reason text, p_performed_by text, p_performed_at timestamp with time zone, p_metadata jsonb, p_review_decision_id uuid, p_change_set_id uuid, p_db_login text, p_application_name text) TO cutter_verifier;
GRANT ALL ON FUNCTION public.fn_iu_lifecycle_entry_hash(p_id uuid, p_seal_id uuid, p_seal_ordinal integer, p_entity_collection text, p_entity_id uuid, p_canonical_address text, p_from_status text, p_to_status text, p_transition_type text, p_reason text, p_performed_by text, p_performed_at timestamp with time zone, p_metadata jsonb, p_review_decision_id uuid, p_change_set_id uuid, p_db_login text, p_application_name text) TO cutter_reviewer;
GRANT ALL ON FUNCTION public.fn_iu_lifecycle_entry_hash(p_id uuid, p_seal_id uuid, p_seal_ordinal integer, p_entity_collection text, p_entity_id uuid, p_canonical_address text, p_from_status text, p_to_status text, p_transition_type text, p_reason text, p_performed_by text, p_performed_at timestamp with time zone, p_metadata jsonb, p_review_decision_id uuid, p_change_set_id uuid, p_db_login text, p_application_name text) TO iu_reader;

--
-- Name: FUNCTION fn_iu_lifecycle_log_check(); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_log_check() FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_lifecycle_log_check() TO cutter_exec;
GRANT ALL ON FUNCTION public.fn_iu_lifecycle_log_check() TO cutter_verifier;
GRANT ALL ON FUNCTION public.fn_iu_lifecycle_log_check() TO iu_reader;

--
-- Name: FUNCTION fn_iu_lifecycle_log_guard(); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_log_guard() FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_lifecycle_log_sealed(); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_log_sealed() FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_lifecycle_record(p_transition_type text, p_actor text, p_reason text, p_review_decision_id uuid, p_change_set_id uuid, p_performed_at timestamp with time zone, p_entity_collections text[], p_entity_ids uuid[], p_canonical_addresses text[], p_from_statuses text[], p_to_statuses text[], p_types text[], p_metadata jsonb[]); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_record(p_transition_type text, p_actor text, p_reason text, p_review_decision_id uuid, p_change_set_id uuid, p_performed_at timestamp with time zone, p_entity_collections text[], p_entity_ids uuid[], p_canonical_addresses text[], p_from_statuses text[], p_to_statuses text[], p_types text[], p_metadata jsonb[]) FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_lifecycle_seal_hash(p_prev_hash text, p_chain_pos bigint, p_id uuid, p_transition_type text, p_change_set_id uuid, p_review_decision_id uuid, p_performed_by text, p_performed_at timestamp with time zone, p_db_login text, p_entry_count integer, p_entries_digest text); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_seal_hash(p_prev_hash text, p_chain_pos bigint, p_id uuid, p_transition_type text, p_change_set_id uuid, p_review_decision_id uuid, p_performed_by text, p_performed_at timestamp with time zone, p_db_login text, p_entry_count integer, p_entries_digest text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_lifecycle_seal_hash(p_prev_hash text, p_chain_pos bigint, p_id uuid, p_transition_type text, p_change_set_id uuid, p_review_decision_id uuid, p_performed_by text, p_performed_at timestamp with time zone, p_db_login text, p_entry_count integer, p_entries_digest text) TO cutter_exec;
GRANT ALL ON FUNCTION public.fn_iu_lifecycle_seal_hash(p_prev_hash text, p_chain_pos bigint, p_id uuid, p_transition_type text, p_change_set_id uuid, p_review_decision_id uuid, p_performed_by text, p_performed_at timestamp with time zone, p_db_login text, p_entry_count integer, p_entries_digest text) TO cutter_verifier;
GRANT ALL ON FUNCTION public.fn_iu_lifecycle_seal_hash(p_prev_hash text, p_chain_pos bigint, p_id uuid, p_transition_type text, p_change_set_id uuid, p_review_decision_id uuid, p_performed_by text, p_performed_at timestamp with time zone, p_db_login text, p_entry_count integer, p_entries_digest text) TO cutter_reviewer;
GRANT ALL ON FUNCTION public.fn_iu_lifecycle_seal_hash(p_prev_hash text, p_chain_pos bigint, p_id uuid, p_transition_type text, p_change_set_id uuid, p_review_decision_id uuid, p_performed_by text, p_performed_at timestamp with time zone, p_db_login text, p_entry_count integer, p_entries_digest text) TO iu_reader;

--
-- Name: FUNCTION fn_iu_lifecycle_transition_check(); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_transition_check() FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_lifecycle_transition_refuse(p_what text, p_from text, p_to text); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_transition_refuse(p_what text, p_from text, p_to text) FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_policy(p_key text); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_policy(p_key text) FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_preflight(p_canonical_addresses text[], p_bodies text[], p_titles text[], p_publication_type text, p_doc_orders integer[]); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_preflight(p_canonical_addresses text[], p_bodies text[], p_titles text[], p_publication_type text, p_doc_orders integer[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_preflight(p_canonical_addresses text[], p_bodies text[], p_titles text[], p_publication_type text, p_doc_orders integer[]) TO cutter_exec;
GRANT ALL ON FUNCTION public.fn_iu_preflight(p_canonical_addresses text[], p_bodies text[], p_titles text[], p_publication_type text, p_doc_orders integer[]) TO cutter_verifier;

--
-- Name: FUNCTION fn_iu_resolve_default(p_param text, p_value text); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_resolve_default(p_param text, p_value text) FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_retire(p_canonical_address text, p_actor text, p_review_decision_id uuid, p_reason text); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_retire(p_canonical_address text, p_actor text, p_review_decision_id uuid, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_retire(p_canonical_address text, p_actor text, p_review_decision_id uuid, p_reason text) TO cutter_exec;

--
-- Name: FUNCTION fn_iu_retire_batch(p_canonical_addresses text[], p_actor text, p_review_decision_id uuid, p_reason text); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_retire_batch(p_canonical_addresses text[], p_actor text, p_review_decision_id uuid, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_retire_batch(p_canonical_addresses text[], p_actor text, p_review_decision_id uuid, p_reason text) TO cutter_exec;

--
-- Name: FUNCTION fn_iu_review_check(p_review_decision_id uuid, p_subject text, p_actor text); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_review_check(p_review_decision_id uuid, p_subject text, p_actor text) FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_revise(p_canonical_addresses text[], p_bodies text[], p_actor text, p_change_set_id uuid); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_revise(p_canonical_addresses text[], p_bodies text[], p_actor text, p_change_set_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_revise(p_canonical_addresses text[], p_bodies text[], p_actor text, p_change_set_id uuid) TO cutter_exec;

--
-- Name: FUNCTION fn_iu_rollback(p_change_set_id uuid, p_actor text, p_reason text); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_rollback(p_change_set_id uuid, p_actor text, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_rollback(p_change_set_id uuid, p_actor text, p_reason text) TO cutter_exec;

--
-- Name: FUNCTION fn_iu_supersede(p_canonical_address text, p_actor text, p_review_decision_id uuid); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_supersede(p_canonical_address text, p_actor text, p_review_decision_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_supersede(p_canonical_address text, p_actor text, p_review_decision_id uuid) TO cutter_exec;

--
-- Name: FUNCTION fn_iu_supersede_batch(p_canonical_addresses text[], p_actor text, p_review_decision_id uuid, p_reason text); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_supersede_batch(p_canonical_addresses text[], p_actor text, p_review_decision_id uuid, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_supersede_batch(p_canonical_addresses text[], p_actor text, p_review_decision_id uuid, p_reason text) TO cutter_exec;

--
-- Name: FUNCTION fn_iu_tree_check(); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_tree_check() FROM PUBLIC;

--
-- Name: FUNCTION fn_iu_units_digest(p_canonical_addresses text[]); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_units_digest(p_canonical_addresses text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_units_digest(p_canonical_addresses text[]) TO cutter_exec;
GRANT ALL ON FUNCTION public.fn_iu_units_digest(p_canonical_addresses text[]) TO cutter_verifier;
GRANT ALL ON FUNCTION public.fn_iu_units_digest(p_canonical_addresses text[]) TO cutter_reviewer;
GRANT ALL ON FUNCTION public.fn_iu_units_digest(p_canonical_addresses text[]) TO iu_reader;

--
-- Name: FUNCTION fn_iu_verify_invariants(p_canonical_address text, p_include_descendants boolean, p_skip_invariants text[]); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_verify_invariants(p_canonical_address text, p_include_descendants boolean, p_skip_invariants text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_verify_invariants(p_canonical_address text, p_include_descendants boolean, p_skip_invariants text[]) TO cutter_exec;
GRANT ALL ON FUNCTION public.fn_iu_verify_invariants(p_canonical_address text, p_include_descendants boolean, p_skip_invariants text[]) TO cutter_verifier;
GRANT ALL ON FUNCTION public.fn_iu_verify_invariants(p_canonical_address text, p_include_descendants boolean, p_skip_invariants text[]) TO iu_reader;

--
-- Name: FUNCTION fn_iu_version_at(p_canonical_address text, p_at timestamp with time zone); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_version_at(p_canonical_address text, p_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_version_at(p_canonical_address text, p_at timestamp with time zone) TO cutter_exec;
GRANT ALL ON FUNCTION public.fn_iu_version_at(p_canonical_address text, p_at timestamp with time zone) TO cutter_verifier;
GRANT ALL ON FUNCTION public.fn_iu_version_at(p_canonical_address text, p_at timestamp with time zone) TO cutter_reviewer;
GRANT ALL ON FUNCTION public.fn_iu_version_at(p_canonical_address text, p_at timestamp with time zone) TO iu_reader;

--
-- Name: FUNCTION fn_uv_enacted_immut(); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_uv_enacted_immut() FROM PUBLIC;

--
-- Name: FUNCTION fn_uv_tree_check(); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_uv_tree_check() FROM PUBLIC;

--
-- Name: TABLE cut_change_set; Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

GRANT SELECT ON TABLE cutter_governance.cut_change_set TO cutter_exec;
GRANT SELECT ON TABLE cutter_governance.cut_change_set TO cutter_verifier;
GRANT SELECT ON TABLE cutter_governance.cut_change_set TO cutter_reviewer;
GRANT SELECT ON TABLE cutter_governance.cut_change_set TO iu_reader;

--
-- Name: TABLE dot_pair_signature; Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

GRANT SELECT ON TABLE cutter_governance.dot_pair_signature TO cutter_exec;
GRANT SELECT ON TABLE cutter_governance.dot_pair_signature TO cutter_verifier;
GRANT SELECT ON TABLE cutter_governance.dot_pair_signature TO cutter_reviewer;
GRANT SELECT ON TABLE cutter_governance.dot_pair_signature TO iu_reader;

--
-- Name: TABLE manifest_entry; Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

GRANT SELECT ON TABLE cutter_governance.manifest_entry TO cutter_exec;
GRANT SELECT ON TABLE cutter_governance.manifest_entry TO cutter_verifier;
GRANT SELECT ON TABLE cutter_governance.manifest_entry TO cutter_reviewer;
GRANT SELECT ON TABLE cutter_governance.manifest_entry TO iu_reader;

--
-- Name: TABLE manifest_envelope; Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

GRANT SELECT ON TABLE cutter_governance.manifest_envelope TO cutter_exec;
GRANT SELECT ON TABLE cutter_governance.manifest_envelope TO cutter_verifier;
GRANT SELECT ON TABLE cutter_governance.manifest_envelope TO cutter_reviewer;
GRANT SELECT ON TABLE cutter_governance.manifest_envelope TO iu_reader;

--
-- Name: TABLE review_decision; Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

GRANT SELECT ON TABLE cutter_governance.review_decision TO cutter_exec;
GRANT SELECT ON TABLE cutter_governance.review_decision TO cutter_verifier;
GRANT SELECT ON TABLE cutter_governance.review_decision TO cutter_reviewer;
GRANT SELECT ON TABLE cutter_governance.review_decision TO iu_reader;

--
-- Name: TABLE rollback_record; Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

GRANT SELECT ON TABLE cutter_governance.rollback_record TO cutter_exec;
GRANT SELECT ON TABLE cutter_governance.rollback_record TO cutter_verifier;
GRANT SELECT ON TABLE cutter_governance.rollback_record TO cutter_reviewer;
GRANT SELECT ON TABLE cutter_governance.rollback_record TO iu_reader;

--
-- Name: TABLE signer_key; Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

GRANT SELECT ON TABLE cutter_governance.signer_key TO cutter_exec;
GRANT SELECT ON TABLE cutter_governance.signer_key TO cutter_verifier;
GRANT SELECT ON TABLE cutter_governance.signer_key TO cutter_reviewer;
GRANT SELECT ON TABLE cutter_governance.signer_key TO iu_reader;

--
-- Name: TABLE verify_result; Type: ACL; Schema: cutter_governance; Owner: iu_owner
--

GRANT SELECT ON TABLE cutter_governance.verify_result TO cutter_exec;
GRANT SELECT ON TABLE cutter_governance.verify_result TO cutter_verifier;
GRANT SELECT ON TABLE cutter_governance.verify_result TO cutter_reviewer;
GRANT SELECT ON TABLE cutter_governance.verify_result TO iu_reader;

--
-- Name: TABLE dot_config; Type: ACL; Schema: public; Owner: iu_owner
--

GRANT SELECT ON TABLE public.dot_config TO cutter_exec;
GRANT SELECT ON TABLE public.dot_config TO cutter_verifier;
GRANT SELECT ON TABLE public.dot_config TO cutter_reviewer;
GRANT SELECT ON TABLE public.dot_config TO iu_reader;

--
-- Name: TABLE information_unit; Type: ACL; Schema: public; Owner: iu_owner
--

GRANT SELECT ON TABLE public.information_unit TO cutter_exec;
GRANT SELECT ON TABLE public.information_unit TO cutter_verifier;
GRANT SELECT ON TABLE public.information_unit TO cutter_reviewer;
GRANT SELECT ON TABLE public.information_unit TO iu_reader;

--
-- Name: TABLE iu_gateway_event; Type: ACL; Schema: public; Owner: iu_owner
--

GRANT SELECT ON TABLE public.iu_gateway_event TO cutter_verifier;
GRANT SELECT ON TABLE public.iu_gateway_event TO iu_reader;

--
-- Name: TABLE iu_gateway_exemption; Type: ACL; Schema: public; Owner: iu_owner
--

GRANT SELECT ON TABLE public.iu_gateway_exemption TO cutter_verifier;
GRANT SELECT ON TABLE public.iu_gateway_exemption TO iu_reader;

--
-- Name: SEQUENCE iu_gateway_forged_marker_seq; Type: ACL; Schema: public; Owner: iu_owner
--

GRANT SELECT ON SEQUENCE public.iu_gateway_forged_marker_seq TO cutter_verifier;
GRANT SELECT ON SEQUENCE public.iu_gateway_forged_marker_seq TO iu_reader;

--
-- Name: SEQUENCE iu_gateway_refusal_seq; Type: ACL; Schema: public; Owner: iu_owner
--

GRANT SELECT ON SEQUENCE public.iu_gateway_refusal_seq TO cutter_verifier;
GRANT SELECT ON SEQUENCE public.iu_gateway_refusal_seq TO iu_reader;

--
-- Name: TABLE iu_lifecycle_log; Type: ACL; Schema: public; Owner: iu_owner
--

GRANT SELECT ON TABLE public.iu_lifecycle_log TO cutter_exec;
GRANT SELECT ON TABLE public.iu_lifecycle_log TO cutter_verifier;
GRANT SELECT ON TABLE public.iu_lifecycle_log TO cutter_reviewer;
GRANT SELECT ON TABLE public.iu_lifecycle_log TO iu_reader;

--
-- Name: TABLE iu_lifecycle_log_seal; Type: ACL; Schema: public; Owner: iu_owner
--

GRANT SELECT ON TABLE public.iu_lifecycle_log_seal TO cutter_exec;
GRANT SELECT ON TABLE public.iu_lifecycle_log_seal TO cutter_verifier;
GRANT SELECT ON TABLE public.iu_lifecycle_log_seal TO cutter_reviewer;
GRANT SELECT ON TABLE public.iu_lifecycle_log_seal TO iu_reader;

--
-- Name: TABLE iu_lifecycle_transition; Type: ACL; Schema: public; Owner: iu_owner
--

GRANT SELECT ON TABLE public.iu_lifecycle_transition TO cutter_exec;
GRANT SELECT ON TABLE public.iu_lifecycle_transition TO cutter_verifier;
GRANT SELECT ON TABLE public.iu_lifecycle_transition TO cutter_reviewer;
GRANT SELECT ON TABLE public.iu_lifecycle_transition TO iu_reader;

--
-- Name: TABLE iu_lifecycle_vocab; Type: ACL; Schema: public; Owner: iu_owner
--

GRANT SELECT ON TABLE public.iu_lifecycle_vocab TO cutter_exec;
GRANT SELECT ON TABLE public.iu_lifecycle_vocab TO cutter_verifier;
GRANT SELECT ON TABLE public.iu_lifecycle_vocab TO cutter_reviewer;
GRANT SELECT ON TABLE public.iu_lifecycle_vocab TO iu_reader;

--
-- Name: TABLE unit_version; Type: ACL; Schema: public; Owner: iu_owner
--

GRANT SELECT ON TABLE public.unit_version TO cutter_exec;
GRANT SELECT ON TABLE public.unit_version TO cutter_verifier;
GRANT SELECT ON TABLE public.unit_version TO cutter_reviewer;
GRANT SELECT ON TABLE public.unit_version TO iu_reader;

--
-- PostgreSQL database dump complete
--
