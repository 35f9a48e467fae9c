-- Enactment (seed 004, OPT-E1), set-based and all or nothing: every listed draft unit and its
-- current version move draft -> enacted under one approved review decision, with one log row
-- per unit and one seal. Already enacted units are reported and left alone. Refused with
-- IU004 when the decision does not approve enacting exactly this content (the unit's address
-- and current content hash in the manifest it approves), IU003 when a unit is retired, its
-- parent stays a draft, or its change set is not verified, IU007 for an unknown address,
-- IU006 when a draft changes while it is being enacted. Runs the invariant probe first (IU005),
-- less the invariants it proves on the rows itself: a draft's unit, current version and parent
-- are read in one pass, which also finds a draft whose parent is not enacted.
CREATE FUNCTION public.fn_iu_enact_batch(
    p_canonical_addresses text[],
    p_actor text,
    p_review_decision_id uuid,
    p_reason text DEFAULT NULL
)
RETURNS TABLE (canonical_address text, iu_id uuid, version_id uuid, content_hash text, action text)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET work_mem = '64MB'
AS $fn$
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
$fn$;

ALTER FUNCTION public.fn_iu_enact_batch(text[], text, uuid, text) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_enact_batch(text[], text, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_enact_batch(text[], text, uuid, text) TO cutter_exec;
COMMENT ON FUNCTION public.fn_iu_enact_batch(text[], text, uuid, text) IS
'Set-based enactment under one review decision, all or nothing: enacted / already_enacted per unit. IU004 review, IU003 state, IU007 unknown, IU006 changed meanwhile.';
