-- Internal: IU003 unless p_from -> p_to is listed in iu_lifecycle_transition, naming what moved
-- and what the table allows from p_from. Shared by the transition trigger and the immutability
-- triggers, so every disallowed move reads the same whichever trigger meets it first.
CREATE FUNCTION public.fn_iu_lifecycle_transition_refuse(p_what text, p_from text, p_to text)
RETURNS void
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_allowed text;
BEGIN
    IF EXISTS (
        SELECT 1 FROM public.iu_lifecycle_transition AS t WHERE t.from_status = p_from AND t.to_status = p_to
    ) THEN
        RETURN;
    END IF;
    SELECT pg_catalog.string_agg(t.to_status, ', ' ORDER BY v.sort_order) INTO v_allowed
    FROM public.iu_lifecycle_transition AS t
    JOIN public.iu_lifecycle_vocab AS v ON v.code = t.to_status
    WHERE t.from_status = p_from;
    RAISE EXCEPTION '% cannot go from % to %', p_what, p_from, p_to
        USING ERRCODE = 'IU003',
              DETAIL = pg_catalog.format('allowed from %s: %s (iu_lifecycle_transition)', p_from,
                  coalesce(v_allowed, 'nothing, it is final')),
              HINT = 'statuses move only through fn_iu_enact, fn_iu_supersede and fn_iu_retire';
END
$fn$;

ALTER FUNCTION public.fn_iu_lifecycle_transition_refuse(text, text, text) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_transition_refuse(text, text, text) FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_lifecycle_transition_refuse(text, text, text) IS
'Internal: IU003 unless the move is listed in iu_lifecycle_transition (DETAIL names what is allowed).';
