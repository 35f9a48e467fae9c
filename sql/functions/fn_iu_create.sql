-- The canonical creation path (Pack 22 P2), complete or nothing. The set-based form creates
-- many units in one call with one INSERT per table; the scalar form is that same call with a
-- single unit. Identical content at an existing address is 'unchanged' (idempotent re-cut);
-- other content there is IU006. Nothing is written unless every unit passes. A governed cut
-- passes the change set it opened in the same transaction; the new units and versions carry it.
-- Without JIT: the planner prices the insert of 100,000 units far above the JIT thresholds
-- (one correlated subquery priced once per row), and compiling it cost 0.9-1.1 s of a call
-- that runs in 4.5 s without; nothing in the statement runs long enough to repay that.
CREATE FUNCTION public.fn_iu_create(
    p_canonical_addresses text[],
    p_bodies text[],
    p_actor text,
    p_titles text[] DEFAULT NULL,
    p_publication_type text DEFAULT NULL,
    p_doc_orders integer[] DEFAULT NULL,
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
SET work_mem = '64MB'
SET jit = off
AS $fn$
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
$fn$;

ALTER FUNCTION public.fn_iu_create(text[], text[], text, text[], text, integer[], uuid) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_create(text[], text[], text, text[], text, integer[], uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_create(text[], text[], text, text[], text, integer[], uuid)
TO cutter_exec;
COMMENT ON FUNCTION public.fn_iu_create(text[], text[], text, text[], text, integer[], uuid) IS
'Canonical set-based creation: many units, one INSERT per table, all or nothing. Returns created / unchanged per unit; IU005/IU009 invalid input, IU006 conflict.';

CREATE FUNCTION public.fn_iu_create(
    p_canonical_address text,
    p_body text,
    p_actor text,
    p_title text DEFAULT NULL,
    p_publication_type text DEFAULT NULL,
    p_doc_order integer DEFAULT NULL
)
RETURNS uuid
LANGUAGE sql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT c.iu_id
    FROM public.fn_iu_create(
        p_canonical_addresses => ARRAY[p_canonical_address],
        p_bodies => ARRAY[p_body],
        p_actor => p_actor,
        p_titles => ARRAY[p_title],
        p_publication_type => p_publication_type,
        p_doc_orders => CASE WHEN p_doc_order IS NOT NULL THEN ARRAY[p_doc_order] END
    ) AS c
$fn$;

ALTER FUNCTION public.fn_iu_create(text, text, text, text, text, integer) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_create(text, text, text, text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_create(text, text, text, text, text, integer) TO cutter_exec;
COMMENT ON FUNCTION public.fn_iu_create(text, text, text, text, text, integer) IS
'Canonical creation of one unit (the set-based fn_iu_create with one element). Returns the unit id, new or, for identical content, existing.';
