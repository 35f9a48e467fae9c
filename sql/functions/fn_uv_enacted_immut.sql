-- Row trigger on unit_version for versions that are no longer drafts (the trigger's WHEN
-- clause): an enacted version's body, hash, unit and number never change; only its status
-- (along an allowed transition) and the stamps that close its period in force may (the
-- generated content_hash is compared through the body it derives from). A
-- superseded or retired version does not change at all, and none is deleted (IU002).
CREATE FUNCTION public.fn_uv_enacted_immut()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_changed text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'version % of unit % is % and cannot be deleted', OLD.version_no, OLD.iu_id,
            OLD.lifecycle_status
            USING ERRCODE = 'IU002',
                  HINT = 'enacted content stays on record; retire the unit instead';
    END IF;
    IF NEW.lifecycle_status IS DISTINCT FROM OLD.lifecycle_status THEN
        PERFORM public.fn_iu_lifecycle_transition_refuse(pg_catalog.format('version %s of unit %s', OLD.version_no, OLD.iu_id), OLD.lifecycle_status, NEW.lifecycle_status);
    END IF;
    SELECT pg_catalog.string_agg(o.key, ', ' ORDER BY o.key) INTO v_changed
    FROM pg_catalog.jsonb_each(pg_catalog.to_jsonb(OLD)) AS o
    JOIN pg_catalog.jsonb_each(pg_catalog.to_jsonb(NEW)) AS n ON n.key = o.key
    WHERE o.value IS DISTINCT FROM n.value
      AND o.key NOT IN ('content_hash')
      AND (OLD.lifecycle_status <> 'enacted' OR o.key NOT IN (
          'lifecycle_status', 'superseded_at', 'superseded_by', 'retired_at', 'retired_by',
          'updated_at', 'updated_by'
      ));
    IF v_changed IS NOT NULL THEN
        RAISE EXCEPTION 'version % of unit % is % and its % cannot change', OLD.version_no, OLD.iu_id,
            OLD.lifecycle_status, v_changed
            USING ERRCODE = 'IU002',
                  HINT = 'enacted content is immutable: draft a new version (iu-cutter revise) and supersede';
    END IF;
    RETURN NEW;
END
$fn$;

ALTER FUNCTION public.fn_uv_enacted_immut() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_uv_enacted_immut() FROM PUBLIC;
COMMENT ON FUNCTION public.fn_uv_enacted_immut() IS
'Trigger: an enacted version changes only its status and closing stamps; superseded and retired versions never; none is deleted (IU002).';
