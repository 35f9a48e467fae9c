-- Drafts new versions of enacted units (the first half of a supersede), set-based and all or
-- nothing. Enacted content never changes: each changed unit gets a new draft version beside
-- its enacted one, which fn_iu_supersede later enacts. 'unchanged' when the content is what is
-- enacted or already pending. IU007 unknown unit (cut new units with fn_iu_create), IU003 a
-- draft (edit it in place) or a retired unit, IU006 another revision already pending.
CREATE FUNCTION public.fn_iu_revise(
    p_canonical_addresses text[],
    p_bodies text[],
    p_actor text,
    p_change_set_id uuid DEFAULT NULL
)
RETURNS TABLE (
    ordinal integer,
    canonical_address text,
    iu_id uuid,
    version_id uuid,
    content_hash text,
    action text
)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
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
$fn$;

ALTER FUNCTION public.fn_iu_revise(text[], text[], text, uuid) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_revise(text[], text[], text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_revise(text[], text[], text, uuid) TO cutter_exec;
COMMENT ON FUNCTION public.fn_iu_revise(text[], text[], text, uuid) IS
'Drafts new versions of enacted units beside the enacted ones (supersede, step 1): revised / unchanged per unit. IU007, IU003, IU006, IU005, IU009.';
