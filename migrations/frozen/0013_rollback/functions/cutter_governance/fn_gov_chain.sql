-- BEFORE INSERT on every chained governance table: take the table's chain lock (held to the
-- end of the transaction, so chains never fork), then number the row and link it to the last
-- committed one. Timestamps are hashed as UTC text whatever the session's TimeZone.
CREATE FUNCTION cutter_governance.fn_gov_chain()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET timezone = 'UTC'
AS $fn$
DECLARE
    v_pos bigint;
    v_hash text;
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock(7176, TG_RELID::integer);
    IF TG_TABLE_NAME = 'signer_key' THEN
        SELECT t.chain_pos, t.row_hash INTO v_pos, v_hash
        FROM cutter_governance.signer_key AS t ORDER BY t.chain_pos DESC LIMIT 1;
    ELSIF TG_TABLE_NAME = 'cut_change_set' THEN
        SELECT t.chain_pos, t.row_hash INTO v_pos, v_hash
        FROM cutter_governance.cut_change_set AS t ORDER BY t.chain_pos DESC LIMIT 1;
    ELSIF TG_TABLE_NAME = 'manifest_envelope' THEN
        SELECT t.chain_pos, t.row_hash INTO v_pos, v_hash
        FROM cutter_governance.manifest_envelope AS t ORDER BY t.chain_pos DESC LIMIT 1;
    ELSIF TG_TABLE_NAME = 'review_decision' THEN
        SELECT t.chain_pos, t.row_hash INTO v_pos, v_hash
        FROM cutter_governance.review_decision AS t ORDER BY t.chain_pos DESC LIMIT 1;
    ELSIF TG_TABLE_NAME = 'verify_result' THEN
        SELECT t.chain_pos, t.row_hash INTO v_pos, v_hash
        FROM cutter_governance.verify_result AS t ORDER BY t.chain_pos DESC LIMIT 1;
    ELSIF TG_TABLE_NAME = 'dot_pair_signature' THEN
        SELECT t.chain_pos, t.row_hash INTO v_pos, v_hash
        FROM cutter_governance.dot_pair_signature AS t ORDER BY t.chain_pos DESC LIMIT 1;
    ELSIF TG_TABLE_NAME = 'rollback_record' THEN
        SELECT t.chain_pos, t.row_hash INTO v_pos, v_hash
        FROM cutter_governance.rollback_record AS t ORDER BY t.chain_pos DESC LIMIT 1;
    ELSE
        RAISE EXCEPTION 'fn_gov_chain is not attached to %.%', TG_TABLE_SCHEMA, TG_TABLE_NAME;
    END IF;
    NEW.chain_pos := coalesce(v_pos, 0) + 1;
    NEW.prev_hash := v_hash;
    NEW.row_hash := cutter_governance.fn_gov_row_hash(
        NEW.prev_hash, cutter_governance.fn_gov_chain_payload(pg_catalog.to_jsonb(NEW))
    );
    RETURN NEW;
END
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_chain() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_chain() FROM PUBLIC;
COMMENT ON FUNCTION cutter_governance.fn_gov_chain() IS
'Trigger: numbers a governance row (chain_pos) and links it to its predecessor (prev_hash, row_hash).';
