-- Row trigger on information_unit for rows that are no longer drafts (the trigger's WHEN
-- clause): an enacted unit keeps its identity and content; only its status (along an allowed
-- transition), its current version (a supersede), its retirement stamp and the update stamp
-- may change (generated columns are compared through the columns they derive
-- from: a BEFORE trigger sees them before they are computed). A retired unit does not change at all, and no such row is ever deleted (IU002),
-- whoever asks, the owner included.
CREATE FUNCTION public.fn_iu_enacted_immut()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_changed text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'unit % is % and cannot be deleted', OLD.canonical_address, OLD.lifecycle_status
            USING ERRCODE = 'IU002',
                  HINT = 'retire it with fn_iu_retire under an approved review decision';
    END IF;
    IF NEW.lifecycle_status IS DISTINCT FROM OLD.lifecycle_status THEN
        PERFORM public.fn_iu_lifecycle_transition_refuse('unit ' || OLD.canonical_address, OLD.lifecycle_status, NEW.lifecycle_status);
    END IF;
    SELECT pg_catalog.string_agg(o.key, ', ' ORDER BY o.key) INTO v_changed
    FROM pg_catalog.jsonb_each(pg_catalog.to_jsonb(OLD)) AS o
    JOIN pg_catalog.jsonb_each(pg_catalog.to_jsonb(NEW)) AS n ON n.key = o.key
    WHERE o.value IS DISTINCT FROM n.value
      AND o.key NOT IN ('doc_code', 'unit_kind', 'unit_number', 'parent_address')
      AND (OLD.lifecycle_status <> 'enacted' OR o.key NOT IN (
          'lifecycle_status', 'current_version_id', 'retired_at', 'retired_by', 'updated_at', 'updated_by'
      ));
    IF v_changed IS NOT NULL THEN
        RAISE EXCEPTION 'unit % is % and its % cannot change', OLD.canonical_address, OLD.lifecycle_status,
            v_changed
            USING ERRCODE = 'IU002',
                  HINT = CASE OLD.lifecycle_status
                      WHEN 'enacted' THEN 'draft a new version (iu-cutter revise) and supersede'
                      ELSE 'a retired unit is part of the record; cut a new unit instead'
                  END;
    END IF;
    RETURN NEW;
END
$fn$;

ALTER FUNCTION public.fn_iu_enacted_immut() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_enacted_immut() FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_enacted_immut() IS
'Trigger: an enacted unit changes only status, current version and stamps; a retired unit never; neither is deleted (IU002).';
