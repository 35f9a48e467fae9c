-- Row trigger on information_unit and unit_version: a row is born draft, and its status moves
-- only along a transition listed in iu_lifecycle_transition (IU003 otherwise). It fires only
-- when the status changes (the trigger's WHEN clause), so edits and inserts of drafts never
-- call it.
CREATE FUNCTION public.fn_iu_lifecycle_transition_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_allowed text;
    v_what text;
BEGIN
    v_what := CASE TG_TABLE_NAME
        WHEN 'information_unit' THEN 'unit ' || (pg_catalog.to_jsonb(NEW) ->> 'canonical_address')
        ELSE pg_catalog.format('version %s of unit %s', pg_catalog.to_jsonb(NEW) ->> 'version_no',
            pg_catalog.to_jsonb(NEW) ->> 'iu_id')
    END;
    IF TG_OP = 'INSERT' THEN
        RAISE EXCEPTION '% cannot be born %: new rows are draft', v_what, NEW.lifecycle_status
            USING ERRCODE = 'IU003',
                  HINT = 'create drafts with fn_iu_create, then enact them with fn_iu_enact';
    END IF;
    IF EXISTS (
        SELECT 1 FROM public.iu_lifecycle_transition AS t
        WHERE t.from_status = OLD.lifecycle_status AND t.to_status = NEW.lifecycle_status
    ) THEN
        RETURN NEW;
    END IF;
    SELECT pg_catalog.string_agg(t.to_status, ', ' ORDER BY v.sort_order) INTO v_allowed
    FROM public.iu_lifecycle_transition AS t
    JOIN public.iu_lifecycle_vocab AS v ON v.code = t.to_status
    WHERE t.from_status = OLD.lifecycle_status;
    RAISE EXCEPTION '% cannot go from % to %', v_what, OLD.lifecycle_status, NEW.lifecycle_status
        USING ERRCODE = 'IU003',
              DETAIL = pg_catalog.format('allowed from %s: %s (iu_lifecycle_transition)', OLD.lifecycle_status,
                  coalesce(v_allowed, 'nothing, it is final')),
              HINT = 'statuses move only through fn_iu_enact, fn_iu_supersede and fn_iu_retire';
END
$fn$;

ALTER FUNCTION public.fn_iu_lifecycle_transition_check() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_transition_check() FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_lifecycle_transition_check() IS
'Trigger: rows are born draft and change status only along iu_lifecycle_transition (IU003).';
