-- Reads one policy key. A missing key is a configuration error (IU008), never a silent default:
-- the gateway fails closed.
CREATE FUNCTION public.fn_iu_policy(p_key text)
RETURNS text
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_value text;
BEGIN
    SELECT c.value INTO v_value FROM public.dot_config AS c WHERE c.key = p_key;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'policy key % is missing from dot_config', p_key
            USING ERRCODE = 'IU008',
                  HINT = 'run alembic upgrade head, or restore the key from sql/policy_seeds';
    END IF;
    RETURN v_value;
END
$fn$;

ALTER FUNCTION public.fn_iu_policy(text) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_policy(text) FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_policy(text) IS
'Internal: the value of a dot_config key, or IU008 when the key is missing. Executable by iu_owner only.';
