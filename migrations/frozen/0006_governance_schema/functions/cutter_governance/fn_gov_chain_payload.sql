-- The columns a row hash leaves out: the chain fields themselves and the status fields of a
-- change set, which move after the row is written.
CREATE FUNCTION cutter_governance.fn_gov_chain_payload(p_row jsonb)
RETURNS jsonb
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT p_row - ARRAY['prev_hash', 'row_hash', 'status', 'status_changed_at']
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_chain_payload(jsonb) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_chain_payload(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cutter_governance.fn_gov_chain_payload(jsonb)
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON FUNCTION cutter_governance.fn_gov_chain_payload(jsonb) IS
'The part of a governance row its hash covers: all columns but prev_hash, row_hash, status and status_changed_at.';
