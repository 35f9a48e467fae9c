-- Trigger on information_unit and unit_version: the change set a row names (the column given as
-- the trigger's argument: created_change_set_id or change_set_id) exists. It replaces the
-- declared foreign keys to cutter_governance.cut_change_set, which checked every row on its own:
-- a cut of 100,000 units made 200,000 index probes of the one change set they all name.
--   * After INSERT, once per statement: the statement's distinct change sets, one probe each.
--   * After UPDATE of the column, per row, and only for a row whose change set changed (the
--     trigger's WHEN; no writer changes it, so this costs nothing in practice).
-- A change set that does not exist is refused with 23503, as the key did. Change sets are
-- append-only for every role (fn_gov_write_guard refuses DELETE and TRUNCATE), so one that a
-- row names cannot go away later.
CREATE FUNCTION public.fn_iu_change_set_known()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
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
$fn$;

ALTER FUNCTION public.fn_iu_change_set_known() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_change_set_known() FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_change_set_known() IS
'Trigger (statement after INSERT, row after UPDATE of the column): the change set named in column TG_ARGV[0] exists (23503).';
