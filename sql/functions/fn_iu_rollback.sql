-- Rollback (issue 6): removes a cut that is not enacted, all or nothing. Removes the units the
-- change set created and every version it wrote (a revision's pending drafts included; the
-- enacted versions they would have replaced stay), records who, when, why and the digest of
-- what went in cutter_governance.rollback_record, and moves the change set to rolled_back.
-- Refused with IU002 when anything the change set wrote is enacted, superseded or retired
-- (enacted content is never removed: retire it), IU006 when a unit of another change set hangs
-- under a unit it would remove or another live change set's manifest lists one (roll that one
-- back first), IU007 for an unknown change set. Rolling back a rolled-back
-- change set removes nothing and answers already_rolled_back.
CREATE FUNCTION public.fn_iu_rollback(p_change_set_id uuid, p_actor text, p_reason text DEFAULT NULL)
RETURNS TABLE (
    rollback_id uuid, action text, removed_units integer, removed_versions integer, removed_digest text
)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
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
$fn$;

ALTER FUNCTION public.fn_iu_rollback(uuid, text, text) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_rollback(uuid, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_rollback(uuid, text, text) TO cutter_exec;
COMMENT ON FUNCTION public.fn_iu_rollback(uuid, text, text) IS
'Removes a change set''s cut that is not enacted, all or nothing, recorded in rollback_record. IU002 enacted, IU006 dependants, IU007 unknown.';
