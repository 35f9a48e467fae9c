-- Statement trigger before TRUNCATE of information_unit or unit_version: a table holding
-- anything that is no longer a draft cannot be emptied (IU002), whoever asks.
CREATE FUNCTION public.fn_iu_enacted_truncate_guard()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_found boolean;
BEGIN
    IF TG_TABLE_NAME = 'information_unit' THEN
        v_found := EXISTS (SELECT 1 FROM public.information_unit AS t WHERE t.lifecycle_status <> 'draft');
    ELSE
        v_found := EXISTS (SELECT 1 FROM public.unit_version AS t WHERE t.lifecycle_status <> 'draft');
    END IF;
    IF v_found THEN
        RAISE EXCEPTION 'TRUNCATE of % refused: it holds enacted, superseded or retired rows', TG_TABLE_NAME
            USING ERRCODE = 'IU002';
    END IF;
    RETURN NULL;
END
$fn$;

ALTER FUNCTION public.fn_iu_enacted_truncate_guard() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_enacted_truncate_guard() FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_enacted_truncate_guard() IS
'Trigger: TRUNCATE of information_unit or unit_version is IU002 while any row is enacted, superseded or retired.';
