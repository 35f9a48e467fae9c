-- Supersedes one unit: fn_iu_supersede_batch with one address. Returns 'superseded' or
-- 'already_superseded'.
CREATE FUNCTION public.fn_iu_supersede(p_canonical_address text, p_actor text, p_review_decision_id uuid)
RETURNS text
LANGUAGE sql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT s.action
    FROM public.fn_iu_supersede_batch(
        p_canonical_addresses => ARRAY[p_canonical_address],
        p_actor => p_actor,
        p_review_decision_id => p_review_decision_id
    ) AS s
$fn$;

ALTER FUNCTION public.fn_iu_supersede(text, text, uuid) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_supersede(text, text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_supersede(text, text, uuid) TO cutter_exec;
COMMENT ON FUNCTION public.fn_iu_supersede(text, text, uuid) IS
'Supersedes one enacted unit by its pending revision under an approved supersede decision: superseded or already_superseded.';
