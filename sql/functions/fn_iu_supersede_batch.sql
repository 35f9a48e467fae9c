-- Supersede (step 2), set-based and all or nothing: for each enacted unit with a pending
-- revision, the enacted version becomes superseded and the revision enacted, at the same
-- instant, and the unit's current version moves to it. Needs an approved 'supersede' decision
-- whose manifest lists each unit as revised, with the revision's exact content (IU004). A unit
-- whose approved revision is already in force is 'already_superseded'. IU003 when a unit is not
-- enacted or has no pending revision, IU007 unknown, IU006 changed meanwhile.
CREATE FUNCTION public.fn_iu_supersede_batch(
    p_canonical_addresses text[],
    p_actor text,
    p_review_decision_id uuid,
    p_reason text DEFAULT NULL
)
RETURNS TABLE (
    canonical_address text,
    iu_id uuid,
    version_id uuid,
    superseded_version_id uuid,
    content_hash text,
    action text
)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
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
$fn$;

ALTER FUNCTION public.fn_iu_supersede_batch(text[], text, uuid, text) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_supersede_batch(text[], text, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_supersede_batch(text[], text, uuid, text) TO cutter_exec;
COMMENT ON FUNCTION public.fn_iu_supersede_batch(text[], text, uuid, text) IS
'Set-based supersede under one review decision: the pending revision is enacted and the enacted version superseded at the same instant. superseded / already_superseded per unit.';
