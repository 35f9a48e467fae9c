-- Row trigger before INSERT on information_unit and unit_version, for rows that are not drafts
-- (the trigger's WHEN clause): a unit and a version are born draft (IU003).
CREATE FUNCTION public.fn_iu_lifecycle_born_draft()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    RAISE EXCEPTION '% row cannot be born %: new rows are draft', TG_TABLE_NAME, NEW.lifecycle_status
        USING ERRCODE = 'IU003',
              HINT = 'create drafts with fn_iu_create, then enact them with fn_iu_enact';
END
$fn$;

ALTER FUNCTION public.fn_iu_lifecycle_born_draft() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_born_draft() FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_lifecycle_born_draft() IS
'Trigger: new units and versions are drafts (IU003).';
