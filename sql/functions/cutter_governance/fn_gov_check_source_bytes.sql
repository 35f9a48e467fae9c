-- How large a source document the CLI may read (policy cutter_governance.max_source_bytes):
-- returns the limit, or refuses the size, IU009 over it and IU005 for a negative one. The CLI
-- asks it with 0 to learn the limit before it opens a source, and with the source's size when
-- that is larger, so an oversized document is refused in these words, unread.
CREATE FUNCTION cutter_governance.fn_gov_check_source_bytes(p_bytes bigint)
RETURNS bigint
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_max bigint := public.fn_iu_policy('cutter_governance.max_source_bytes')::bigint;
BEGIN
    IF p_bytes IS NULL OR p_bytes < 0 OR p_bytes > v_max THEN
        RAISE EXCEPTION 'a source document is at most % bytes, not %', v_max, coalesce(p_bytes::text, 'NULL')
            USING ERRCODE = CASE WHEN p_bytes > v_max THEN 'IU009' ELSE 'IU005' END,
                  HINT = CASE WHEN p_bytes > v_max
                      THEN 'cut the document in parts, or ask the DB team about cutter_governance.max_source_bytes'
                      ELSE 'a size is a number of bytes, 0 or more'
                  END;
    END IF;
    RETURN v_max;
END
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_check_source_bytes(bigint) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_check_source_bytes(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cutter_governance.fn_gov_check_source_bytes(bigint) TO cutter_exec;
COMMENT ON FUNCTION cutter_governance.fn_gov_check_source_bytes(bigint) IS
'The largest source document the CLI reads, in bytes; IU009 for a size over it, IU005 for a negative one.';
