-- Internal: the role a SECURITY DEFINER function was called as (its SET ROLE, or the login).
CREATE FUNCTION cutter_governance.fn_gov_invoker()
RETURNS text
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT CASE
        WHEN pg_catalog.current_setting('role') = 'none' THEN session_user::text
        ELSE pg_catalog.current_setting('role')
    END
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_invoker() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_invoker() FROM PUBLIC;
COMMENT ON FUNCTION cutter_governance.fn_gov_invoker() IS
'Internal: the role a definer function was invoked as (the SET ROLE value, else the session user).';
