-- Statement trigger after UPDATE of information_unit or unit_version: every status change in
-- the statement must be listed in iu_lifecycle_transition (IU003 otherwise). One set-based
-- check over the statement's transition tables, however many rows moved: enacting 100,000
-- units costs one hash join here, not 100,000 function calls, and the join carries the key and
-- the two statuses only. Nested loops are off so that a join over transition tables (which
-- have no statistics) never turns quadratic.
CREATE FUNCTION public.fn_iu_lifecycle_transition_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_nestloop = off
AS $fn$
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
$fn$;

ALTER FUNCTION public.fn_iu_lifecycle_transition_check() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_transition_check() FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_lifecycle_transition_check() IS
'Trigger (statement, transition tables): every status change of the statement is listed in iu_lifecycle_transition (IU003).';
