-- Retirement, set-based and all or nothing. Enacted units (and their current versions) move
-- enacted -> retired under an approved 'retire' decision whose digest is exactly these units
-- with their current content (fn_iu_units_digest; IU004 otherwise); drafts are withdrawn
-- (draft -> retired) with a reason and no decision; a pending revision of a retired unit is
-- withdrawn with it. A unit is retired with or after its children (IU003). Returns retired /
-- withdrawn / already_retired per unit.
CREATE FUNCTION public.fn_iu_retire_batch(
    p_canonical_addresses text[],
    p_actor text,
    p_review_decision_id uuid DEFAULT NULL,
    p_reason text DEFAULT NULL
)
RETURNS TABLE (canonical_address text, iu_id uuid, action text)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
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
$fn$;

ALTER FUNCTION public.fn_iu_retire_batch(text[], text, uuid, text) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_retire_batch(text[], text, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_retire_batch(text[], text, uuid, text) TO cutter_exec;
COMMENT ON FUNCTION public.fn_iu_retire_batch(text[], text, uuid, text) IS
'Set-based retirement: enacted units retired under an approved retire decision for exactly them, drafts withdrawn; retired / withdrawn / already_retired per unit.';
