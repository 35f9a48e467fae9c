-- Enacts one unit (CONTRACT §3, seed 004 OPT-E1): fn_iu_enact_batch with one address.
-- Returns 'enacted', or 'already_enacted' (and writes nothing) when it was enacted before.
CREATE FUNCTION public.fn_iu_enact(p_canonical_address text, p_actor text, p_review_decision_id uuid)
RETURNS text
LANGUAGE sql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT e.action
    FROM public.fn_iu_enact_batch(
        p_canonical_addresses => ARRAY[p_canonical_address],
        p_actor => p_actor,
        p_review_decision_id => p_review_decision_id
    ) AS e
$fn$;

ALTER FUNCTION public.fn_iu_enact(text, text, uuid) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_enact(text, text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_enact(text, text, uuid) TO cutter_exec;
COMMENT ON FUNCTION public.fn_iu_enact(text, text, uuid) IS
'Enacts one draft unit under an approved review decision by someone else: enacted, or already_enacted. IU004/IU003/IU007/IU006 as fn_iu_enact_batch.';
