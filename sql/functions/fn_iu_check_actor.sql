-- Internal: refuses an actor name that is blank, too long or carries control characters.
CREATE FUNCTION public.fn_iu_check_actor(p_actor text)
RETURNS void
LANGUAGE plpgsql
IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF p_actor IS NULL OR pg_catalog.btrim(p_actor) = '' THEN
        RAISE EXCEPTION 'actor is missing'
            USING ERRCODE = 'IU005', HINT = 'pass p_actor: the person or service on whose behalf this runs';
    END IF;
    IF pg_catalog.char_length(p_actor) > 128 OR p_actor ~ '[[:cntrl:]]' OR p_actor <> pg_catalog.btrim(p_actor) THEN
        RAISE EXCEPTION 'actor % is not a valid name', pg_catalog.quote_literal(pg_catalog.left(p_actor, 64))
            USING ERRCODE = 'IU005',
                  DETAIL = 'an actor is 1-128 characters, without control characters or surrounding spaces';
    END IF;
END
$fn$;

ALTER FUNCTION public.fn_iu_check_actor(text) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_check_actor(text) FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_check_actor(text) IS
'Internal: IU005 unless the actor is a 1-128 character name without control characters or surrounding spaces.';
