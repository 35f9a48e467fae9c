-- Statement trigger on iu_lifecycle_vocab and iu_lifecycle_transition: fixed data, changed
-- only by a migration (which drops and recreates this trigger around its change).
CREATE FUNCTION public.fn_iu_lifecycle_data_guard()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    RAISE EXCEPTION '%.% is fixed lifecycle data: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'IU010',
              HINT = 'the lifecycle vocabulary and transitions change only through an Alembic revision';
END
$fn$;

ALTER FUNCTION public.fn_iu_lifecycle_data_guard() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_data_guard() FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_lifecycle_data_guard() IS
'Trigger: the lifecycle vocabulary and transition tables refuse every write (IU010); a migration changes them.';
