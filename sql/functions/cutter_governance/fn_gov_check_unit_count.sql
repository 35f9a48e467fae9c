-- How many units a change set may hold (policy iu_create.gateway.max_units_per_call): returns
-- the limit, or refuses the count, IU009 over it and IU005 under one. fn_gov_open_change_set
-- asks it; so does the CLI before it parses a source (it passes 1 to learn the limit) and when
-- the source turns out longer, so an over-limit document is refused in these words wherever.
CREATE FUNCTION cutter_governance.fn_gov_check_unit_count(p_unit_count integer)
RETURNS integer
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_max integer := public.fn_iu_policy('iu_create.gateway.max_units_per_call')::integer;
BEGIN
    IF p_unit_count IS NULL OR p_unit_count < 1 OR p_unit_count > v_max THEN
        RAISE EXCEPTION 'a change set holds 1 to % units, not %', v_max, p_unit_count
            USING ERRCODE = CASE WHEN p_unit_count > v_max THEN 'IU009' ELSE 'IU005' END,
                  HINT = CASE WHEN p_unit_count > v_max
                      THEN 'cut the document in parts of at most that many units, or ask the DB team about the policy'
                      ELSE 'a change set records at least one unit'
                  END;
    END IF;
    RETURN v_max;
END
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_check_unit_count(integer) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_check_unit_count(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cutter_governance.fn_gov_check_unit_count(integer) TO cutter_exec;
COMMENT ON FUNCTION cutter_governance.fn_gov_check_unit_count(integer) IS
'The most units a change set may hold; IU009 for a count over it, IU005 under one.';
