-- Trigger on unit_version: a unit's current version does not go away under it; the
-- referenced side of information_unit_current_version_fk, whose referencing side
-- fn_iu_tree_check checks. (A version's own unit is the declared foreign key
-- unit_version_iu_id_fkey, CONTRACT §3.)
--   * After UPDATE, per row, only when id or iu_id changes (the trigger's WHEN): no unit still
--     names the version as it was as its current version.
--   * After DELETE, once per statement: no remaining unit names a removed version as current.
--   * After TRUNCATE: no unit is left, as every unit names a current version.
-- Refusals and the READ COMMITTED rule for removals are those of fn_iu_tree_check.
CREATE FUNCTION public.fn_uv_tree_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
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
$fn$;

ALTER FUNCTION public.fn_uv_tree_check() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_uv_tree_check() FROM PUBLIC;
COMMENT ON FUNCTION public.fn_uv_tree_check() IS
'Trigger on unit_version (statement after DELETE/TRUNCATE, row after UPDATE of id or iu_id): no unit names a removed or re-keyed version as current (23503).';
