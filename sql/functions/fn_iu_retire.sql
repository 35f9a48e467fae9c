-- Retires one unit (or withdraws one draft): fn_iu_retire_batch with one address. Returns
-- 'retired', 'withdrawn' or 'already_retired'.
CREATE FUNCTION public.fn_iu_retire(
    p_canonical_address text,
    p_actor text,
    p_review_decision_id uuid,
    p_reason text
)
RETURNS text
LANGUAGE sql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT r.action
    FROM public.fn_iu_retire_batch(
        p_canonical_addresses => ARRAY[p_canonical_address],
        p_actor => p_actor,
        p_review_decision_id => p_review_decision_id,
        p_reason => p_reason
    ) AS r
$fn$;

ALTER FUNCTION public.fn_iu_retire(text, text, uuid, text) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_retire(text, text, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_retire(text, text, uuid, text) TO cutter_exec;
COMMENT ON FUNCTION public.fn_iu_retire(text, text, uuid, text) IS
'Retires one enacted unit under an approved retire decision for it, or withdraws a draft: retired / withdrawn / already_retired.';
