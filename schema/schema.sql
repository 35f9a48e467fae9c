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
        pg_catalog.sha256(pg_catalog.convert_to(pg_catalog.normalize(p_body, 'NFC'), 'UTF8')),
        'hex'
    )
$$;

ALTER FUNCTION public.fn_iu_content_hash(p_body text) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_content_hash(p_body text); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_content_hash(p_body text) IS 'Lower-case hex SHA-256 of the NFC-normalised UTF-8 body (CONTRACT §3). Composed and decomposed forms of the same text hash the same.';

--
-- Name: fn_iu_create(text[], text[], text, text[], text, integer[]); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_create(p_canonical_addresses text[], p_bodies text[], p_actor text, p_titles text[] DEFAULT NULL::text[], p_publication_type text DEFAULT NULL::text, p_doc_orders integer[] DEFAULT NULL::integer[]) RETURNS TABLE(ordinal integer, canonical_address text, iu_id uuid, version_id uuid, content_hash text, action text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    v_problem record;
    v_first record;
    v_errors integer := 0;
    v_conflicts bigint;
    v_first_conflict record;
    v_pub text := public.fn_iu_resolve_default('publication_type', p_publication_type);
    v_ticket bigint;
BEGIN
    PERFORM public.fn_iu_check_actor(p_actor);

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

    SELECT c.* INTO v_first_conflict
    FROM public.fn_iu_classify_existing(p_canonical_addresses, p_bodies) AS c
    WHERE c.action = 'conflict'
    ORDER BY c.ordinal
    LIMIT 1;
    IF FOUND THEN
        SELECT count(*) INTO v_conflicts
        FROM public.fn_iu_classify_existing(p_canonical_addresses, p_bodies) AS c
        WHERE c.action = 'conflict';
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
            pg_catalog.normalize(t.body, 'NFC') AS body,
            nullif(pg_catalog.btrim(t.title), '') AS title,
            t.doc_order,
            pg_catalog.split_part(t.addr, '/', 1) AS doc_code,
            CASE
                WHEN pg_catalog.strpos(t.addr, '/') > 0
                    THEN pg_catalog.regexp_replace(t.addr, '/[^/]+$', '')
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
            current_version_id, created_by, updated_by
        )
        SELECT
            n.new_iu_id,
            n.addr,
            coalesce(ep.id, bp.new_iu_id),
            coalesce(n.doc_order, o.base + n.ord - 1),
            n.title,
            v_pub,
            n.new_version_id,
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
        INSERT INTO public.unit_version (id, iu_id, version_no, body, created_by, updated_by)
        SELECT n.new_version_id, n.new_iu_id, 1, n.body, p_actor, p_actor
        FROM input AS n
        WHERE n.existing_iu_id IS NULL
        ORDER BY n.ord
        RETURNING 1
    )
    SELECT
        n.ord,
        n.addr,
        coalesce(n.existing_iu_id, n.new_iu_id),
        coalesce(n.existing_version_id, n.new_version_id),
        public.fn_iu_content_hash(n.body),
        CASE WHEN n.existing_iu_id IS NULL THEN 'created' ELSE 'unchanged' END
    FROM input AS n
    ORDER BY n.ord;

    PERFORM public.fn_iu_gateway_close(v_ticket);
END
$_$;

ALTER FUNCTION public.fn_iu_create(p_canonical_addresses text[], p_bodies text[], p_actor text, p_titles text[], p_publication_type text, p_doc_orders integer[]) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_create(p_canonical_addresses text[], p_bodies text[], p_actor text, p_titles text[], p_publication_type text, p_doc_orders integer[]); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_create(p_canonical_addresses text[], p_bodies text[], p_actor text, p_titles text[], p_publication_type text, p_doc_orders integer[]) IS 'Canonical set-based creation: many units, one INSERT per table, all or nothing. Returns created / unchanged per unit; IU005/IU009 invalid input, IU006 conflict.';

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
    )
    SELECT * FROM call_level
    UNION ALL
    SELECT * FROM (SELECT * FROM units ORDER BY ordinal) AS u
$_$;

ALTER FUNCTION public.fn_iu_create_plan(p_canonical_addresses text[], p_bodies text[], p_titles text[], p_publication_type text, p_doc_orders integer[]) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_create_plan(p_canonical_addresses text[], p_bodies text[], p_titles text[], p_publication_type text, p_doc_orders integer[]); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_create_plan(p_canonical_addresses text[], p_bodies text[], p_titles text[], p_publication_type text, p_doc_orders integer[]) IS 'Dry run of fn_iu_create: create / unchanged / conflict / invalid per unit, plus call-level refusals and warnings. STABLE: writes nothing.';

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
            INSERT INTO public.iu_gateway_event (
                verdict, table_name, operation, marker, exemption_ticket, set_role,
                application_name, client_addr, backend_pid, xact_id, statement
            )
            VALUES (
                'exempted', TG_TABLE_NAME, TG_OP, v_marker, v_exemption,
                pg_catalog.current_setting('role'),
                pg_catalog.current_setting('application_name'),
                pg_catalog.inet_client_addr(), pg_catalog.pg_backend_pid(),
                pg_catalog.pg_current_xact_id(),
                pg_catalog.left(pg_catalog.current_query(), 4000)
            );
            RETURN NULL;
        END IF;
        v_verdict := 'invalid_exemption';
        v_reason := pg_catalog.format(
            'exemption %L is not registered, revoked, expired, or does not cover %s on %s',
            v_exemption, TG_OP, TG_TABLE_NAME
        );
        v_hint := 'a DBA registers a narrow exemption with fn_iu_gateway_exemption_grant (ticket, reason, expiry)';
    ELSIF NOT v_marker = ANY (pg_catalog.string_to_array(coalesce(v_allowed, ''), ',')) THEN
        v_verdict := 'unknown_marker';
        v_reason := pg_catalog.format('marker %L is not an allowed canonical writer', v_marker);
        v_hint := 'see dot_config iu_create.gateway.allowed_marker_values';
    ELSIF EXISTS (
        SELECT 1
        FROM public.iu_gateway_ticket AS t
        WHERE t.backend_pid = pg_catalog.pg_backend_pid()
          AND t.xact_id = pg_catalog.pg_current_xact_id()
          AND t.marker = v_marker
    ) THEN
        RETURN NULL;
    ELSE
        v_verdict := 'forged_marker';
        v_reason := pg_catalog.format(
            'marker %L was set outside its canonical function (no open gateway ticket)', v_marker
        );
        v_hint := 'the marker is a speed bump, not an authorisation: call the canonical function itself';
        PERFORM pg_catalog.nextval('public.iu_gateway_forged_marker_seq');
    END IF;

    IF v_mode = 'pilot' THEN
        RAISE WARNING 'iu gateway (pilot mode) allowed % on %: %', TG_OP, TG_TABLE_NAME, v_reason
            USING HINT = 'in enforced mode this write is refused with IU001; ' || v_hint;
        INSERT INTO public.iu_gateway_event (
            verdict, table_name, operation, marker, set_role,
            application_name, client_addr, backend_pid, xact_id, statement
        )
        VALUES (
            'pilot_' || v_verdict, TG_TABLE_NAME, TG_OP, v_marker,
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
            CASE
                WHEN pg_catalog.strpos(t.addr, '/') > 0
                    THEN pg_catalog.regexp_replace(t.addr, '/[^/]+$', '')
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
        SELECT i.ord, i.addr, 'IU009', pg_catalog.format(
            'body is %s bytes; the policy limit is %s (iu_create.gateway.max_body_bytes)',
            pg_catalog.octet_length(i.body), v_max_body)
        FROM input AS i WHERE pg_catalog.octet_length(i.body) > v_max_body
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
-- Name: fn_iu_verify_invariants(text, boolean); Type: FUNCTION; Schema: public; Owner: iu_owner
--

CREATE FUNCTION public.fn_iu_verify_invariants(p_canonical_address text, p_include_descendants boolean DEFAULT false) RETURNS TABLE(canonical_address text, invariant text, detail text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
    WITH target AS MATERIALIZED (
        SELECT iu.*
        FROM public.information_unit AS iu
        WHERE iu.canonical_address = p_canonical_address
           OR (p_include_descendants AND pg_catalog.starts_with(iu.canonical_address, p_canonical_address || '/'))
    ),
    checks AS (
        SELECT p_canonical_address AS addr, 'unit_exists' AS invariant,
            'no unit has this address' AS detail
        WHERE NOT EXISTS (SELECT 1 FROM target AS t WHERE t.canonical_address = p_canonical_address)
        UNION ALL
        SELECT t.canonical_address, 'address_grammar', 'address does not follow DOC-CODE(/kind_number)*'
        FROM target AS t
        WHERE t.canonical_address !~ '^[A-Z0-9]+(-[A-Z0-9]+)*(/[a-z]+_[a-z0-9]+)*$'
        UNION ALL
        SELECT t.canonical_address, 'parent_consistent', CASE
            WHEN p.id IS NULL THEN pg_catalog.format('parent %s does not exist', t.parent_address)
            ELSE pg_catalog.format('parent_id points at %s, the address names %s', p.canonical_address, t.parent_address)
        END
        FROM target AS t
        LEFT JOIN public.information_unit AS p ON p.id = t.parent_id
        WHERE t.parent_address IS NOT NULL AND p.canonical_address IS DISTINCT FROM t.parent_address
        UNION ALL
        SELECT t.canonical_address, 'root_has_no_parent', 'a document root carries a parent_id'
        FROM target AS t
        WHERE t.parent_address IS NULL AND t.parent_id IS NOT NULL
        UNION ALL
        SELECT t.canonical_address, 'parent_precedes_child', pg_catalog.format(
            'doc_order %s is not after its parent''s %s', t.doc_order, p.doc_order)
        FROM target AS t
        JOIN public.information_unit AS p ON p.id = t.parent_id
        WHERE t.doc_order <= p.doc_order
        UNION ALL
        SELECT t.canonical_address, 'current_version_owned', CASE
            WHEN v.id IS NULL THEN 'current version does not exist'
            ELSE pg_catalog.format('current version %s belongs to unit %s', v.id, v.iu_id)
        END
        FROM target AS t
        LEFT JOIN public.unit_version AS v ON v.id = t.current_version_id
        WHERE v.id IS NULL OR v.iu_id <> t.id
        UNION ALL
        SELECT t.canonical_address, 'lifecycle_consistent', pg_catalog.format(
            'unit is %s, its current version is %s', t.lifecycle_status, v.lifecycle_status)
        FROM target AS t
        JOIN public.unit_version AS v ON v.id = t.current_version_id
        WHERE v.lifecycle_status <> t.lifecycle_status
        UNION ALL
        SELECT t.canonical_address, 'body_valid', pg_catalog.format(
            'version %s: body is %s', v.version_no,
            CASE WHEN v.body !~ '[^[:space:]]' THEN 'blank' ELSE 'not NFC-normalised' END)
        FROM target AS t
        JOIN public.unit_version AS v ON v.iu_id = t.id
        WHERE v.body !~ '[^[:space:]]' OR v.body IS NOT NFC NORMALIZED
        UNION ALL
        SELECT t.canonical_address, 'content_hash_matches', pg_catalog.format(
            'version %s: stored hash %s, body hashes to %s', v.version_no, v.content_hash,
            public.fn_iu_content_hash(v.body))
        FROM target AS t
        JOIN public.unit_version AS v ON v.iu_id = t.id
        WHERE v.content_hash IS DISTINCT FROM public.fn_iu_content_hash(v.body)
        UNION ALL
        SELECT t.canonical_address, 'single_open_version', pg_catalog.format(
            '%s versions are %s', count(*), v.lifecycle_status)
        FROM target AS t
        JOIN public.unit_version AS v ON v.iu_id = t.id
        WHERE v.lifecycle_status IN ('draft', 'enacted')
        GROUP BY t.canonical_address, v.lifecycle_status
        HAVING count(*) > 1
    )
    SELECT c.addr, c.invariant, c.detail FROM checks AS c ORDER BY c.addr, c.invariant
$_$;

ALTER FUNCTION public.fn_iu_verify_invariants(p_canonical_address text, p_include_descendants boolean) OWNER TO iu_owner;

--
-- Name: FUNCTION fn_iu_verify_invariants(p_canonical_address text, p_include_descendants boolean); Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON FUNCTION public.fn_iu_verify_invariants(p_canonical_address text, p_include_descendants boolean) IS 'Invariant probe: one row per violation for the unit (or, with p_include_descendants, its subtree); none = healthy.';

SET default_tablespace = '';

SET default_table_access_method = heap;

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
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    created_by text NOT NULL,
    created_db_user text DEFAULT SESSION_USER NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_by text NOT NULL,
    CONSTRAINT information_unit_address_grammar CHECK (((canonical_address ~ '^[A-Z0-9]+(-[A-Z0-9]+)*(/[a-z]+_[a-z0-9]+)*$'::text) AND (octet_length(canonical_address) <= 1024))),
    CONSTRAINT information_unit_created_by_present CHECK ((btrim(created_by) <> ''::text)),
    CONSTRAINT information_unit_doc_order_nonnegative CHECK ((doc_order >= 0)),
    CONSTRAINT information_unit_lifecycle_status CHECK ((lifecycle_status = ANY (ARRAY['draft'::text, 'enacted'::text, 'superseded'::text, 'retired'::text]))),
    CONSTRAINT information_unit_parent_pair CHECK (((parent_id IS NULL) = (parent_address IS NULL))),
    CONSTRAINT information_unit_publication_type_format CHECK ((publication_type ~ '^[a-z][a-z_]{0,62}$'::text)),
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

COMMENT ON COLUMN public.information_unit.parent_id IS 'The unit whose address is this address minus its last segment; the composite foreign key keeps id and address in step.';

--
-- Name: COLUMN information_unit.doc_order; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON COLUMN public.information_unit.doc_order IS 'Position in document order within the document (0 for the document root).';

--
-- Name: COLUMN information_unit.current_version_id; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON COLUMN public.information_unit.current_version_id IS 'The version that carries this unit''s content now; always one of its own versions.';

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
-- Name: unit_version; Type: TABLE; Schema: public; Owner: iu_owner
--

CREATE TABLE public.unit_version (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    iu_id uuid NOT NULL,
    version_no integer NOT NULL,
    body text NOT NULL,
    content_hash text GENERATED ALWAYS AS (public.fn_iu_content_hash(body)) STORED,
    lifecycle_status text DEFAULT 'draft'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    created_by text NOT NULL,
    created_db_user text DEFAULT SESSION_USER NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_by text NOT NULL,
    CONSTRAINT unit_version_body_nfc CHECK ((body IS NFC NORMALIZED)),
    CONSTRAINT unit_version_body_not_blank CHECK ((body ~ '[^[:space:]]'::text)),
    CONSTRAINT unit_version_created_by_present CHECK ((btrim(created_by) <> ''::text)),
    CONSTRAINT unit_version_lifecycle_status CHECK ((lifecycle_status = ANY (ARRAY['draft'::text, 'enacted'::text, 'superseded'::text, 'retired'::text]))),
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
-- Name: information_unit information_unit_id_address_key; Type: CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.information_unit
    ADD CONSTRAINT information_unit_id_address_key UNIQUE (id, canonical_address);

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
-- Name: unit_version unit_version_id_iu_key; Type: CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.unit_version
    ADD CONSTRAINT unit_version_id_iu_key UNIQUE (id, iu_id);

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
-- Name: unit_version_one_draft_per_iu; Type: INDEX; Schema: public; Owner: iu_owner
--

CREATE UNIQUE INDEX unit_version_one_draft_per_iu ON public.unit_version USING btree (iu_id) WHERE (lifecycle_status = 'draft'::text);

--
-- Name: unit_version_one_enacted_per_iu; Type: INDEX; Schema: public; Owner: iu_owner
--

CREATE UNIQUE INDEX unit_version_one_enacted_per_iu ON public.unit_version USING btree (iu_id) WHERE (lifecycle_status = 'enacted'::text);

--
-- Name: information_unit trg_aa_iu_gateway_write_guard; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_aa_iu_gateway_write_guard BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.information_unit FOR EACH STATEMENT EXECUTE FUNCTION public.fn_iu_gateway_write_guard();

--
-- Name: TRIGGER trg_aa_iu_gateway_write_guard ON information_unit; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_aa_iu_gateway_write_guard ON public.information_unit IS 'Gateway guard: only canonical writers (with an open ticket) or a valid migration exemption may write.';

--
-- Name: unit_version trg_aa_uv_gateway_write_guard; Type: TRIGGER; Schema: public; Owner: iu_owner
--

CREATE TRIGGER trg_aa_uv_gateway_write_guard BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.unit_version FOR EACH STATEMENT EXECUTE FUNCTION public.fn_iu_gateway_write_guard();

--
-- Name: TRIGGER trg_aa_uv_gateway_write_guard ON unit_version; Type: COMMENT; Schema: public; Owner: iu_owner
--

COMMENT ON TRIGGER trg_aa_uv_gateway_write_guard ON public.unit_version IS 'Gateway guard: only canonical writers (with an open ticket) or a valid migration exemption may write.';

--
-- Name: information_unit information_unit_current_version_fk; Type: FK CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.information_unit
    ADD CONSTRAINT information_unit_current_version_fk FOREIGN KEY (current_version_id, id) REFERENCES public.unit_version(id, iu_id);

--
-- Name: information_unit information_unit_parent_fk; Type: FK CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.information_unit
    ADD CONSTRAINT information_unit_parent_fk FOREIGN KEY (parent_id, parent_address) REFERENCES public.information_unit(id, canonical_address);

--
-- Name: iu_gateway_event iu_gateway_event_exemption_ticket_fkey; Type: FK CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.iu_gateway_event
    ADD CONSTRAINT iu_gateway_event_exemption_ticket_fkey FOREIGN KEY (exemption_ticket) REFERENCES public.iu_gateway_exemption(ticket);

--
-- Name: unit_version unit_version_iu_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: iu_owner
--

ALTER TABLE ONLY public.unit_version
    ADD CONSTRAINT unit_version_iu_id_fkey FOREIGN KEY (iu_id) REFERENCES public.information_unit(id);

--
-- Name: FUNCTION fn_iu_apply_edit_draft(p_canonical_address text, p_body text, p_actor text, p_title text, p_expected_content_hash text); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_apply_edit_draft(p_canonical_address text, p_body text, p_actor text, p_title text, p_expected_content_hash text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_apply_edit_draft(p_canonical_address text, p_body text, p_actor text, p_title text, p_expected_content_hash text) TO cutter_exec;

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
-- Name: FUNCTION fn_iu_create(p_canonical_addresses text[], p_bodies text[], p_actor text, p_titles text[], p_publication_type text, p_doc_orders integer[]); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_create(p_canonical_addresses text[], p_bodies text[], p_actor text, p_titles text[], p_publication_type text, p_doc_orders integer[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_create(p_canonical_addresses text[], p_bodies text[], p_actor text, p_titles text[], p_publication_type text, p_doc_orders integer[]) TO cutter_exec;

--
-- Name: FUNCTION fn_iu_create(p_canonical_address text, p_body text, p_actor text, p_title text, p_publication_type text, p_doc_order integer); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_create(p_canonical_address text, p_body text, p_actor text, p_title text, p_publication_type text, p_doc_order integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_create(p_canonical_address text, p_body text, p_actor text, p_title text, p_publication_type text, p_doc_order integer) TO cutter_exec;

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
-- Name: FUNCTION fn_iu_gateway_write_guard(); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_gateway_write_guard() FROM PUBLIC;

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
-- Name: FUNCTION fn_iu_verify_invariants(p_canonical_address text, p_include_descendants boolean); Type: ACL; Schema: public; Owner: iu_owner
--

REVOKE ALL ON FUNCTION public.fn_iu_verify_invariants(p_canonical_address text, p_include_descendants boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.fn_iu_verify_invariants(p_canonical_address text, p_include_descendants boolean) TO cutter_exec;
GRANT ALL ON FUNCTION public.fn_iu_verify_invariants(p_canonical_address text, p_include_descendants boolean) TO cutter_verifier;
GRANT ALL ON FUNCTION public.fn_iu_verify_invariants(p_canonical_address text, p_include_descendants boolean) TO iu_reader;

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
-- Name: TABLE unit_version; Type: ACL; Schema: public; Owner: iu_owner
--

GRANT SELECT ON TABLE public.unit_version TO cutter_exec;
GRANT SELECT ON TABLE public.unit_version TO cutter_verifier;
GRANT SELECT ON TABLE public.unit_version TO cutter_reviewer;
GRANT SELECT ON TABLE public.unit_version TO iu_reader;

--
-- PostgreSQL database dump complete
--
