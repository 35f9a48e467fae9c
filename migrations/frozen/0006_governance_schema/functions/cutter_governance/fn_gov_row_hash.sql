-- The hash that links a governance row to its predecessor in the same table:
-- sha256 of the predecessor's hash (empty for the first row), a '|', and the row's immutable
-- columns as jsonb text. jsonb text is canonical (keys sorted), and the chain functions render
-- timestamps in UTC, so anyone holding the rows can recompute it (the audit pack does).
CREATE FUNCTION cutter_governance.fn_gov_row_hash(p_prev_hash text, p_row jsonb)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT pg_catalog.encode(
        pg_catalog.sha256(pg_catalog.convert_to(coalesce(p_prev_hash, '') || '|' || p_row::text, 'UTF8')),
        'hex'
    )
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_row_hash(text, jsonb) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_row_hash(text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cutter_governance.fn_gov_row_hash(text, jsonb)
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON FUNCTION cutter_governance.fn_gov_row_hash(text, jsonb) IS
'sha256(prev_hash || ''|'' || row jsonb text): the link of a governance record to its predecessor.';
