-- Pack 22 helper: the value a caller gave, or the policy default iu_create.default.<param>
-- when it gave none (blank counts as none), or NULL when no default is configured.
CREATE FUNCTION public.fn_iu_resolve_default(p_param text, p_value text)
RETURNS text
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT coalesce(
        nullif(pg_catalog.btrim(p_value), ''),
        (SELECT c.value FROM public.dot_config AS c WHERE c.key = 'iu_create.default.' || p_param)
    )
$fn$;

ALTER FUNCTION public.fn_iu_resolve_default(text, text) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_resolve_default(text, text) FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_resolve_default(text, text) IS
'Internal (Pack 22 helper): the given value, else dot_config iu_create.default.<param>, else NULL.';
