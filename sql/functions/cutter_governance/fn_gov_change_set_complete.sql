-- Deferred to COMMIT: a change set is never committed without its manifest envelope and its
-- executor signature. The cut opens, creates, records and signs in one transaction; this makes
-- "all of it or none of it" a property of the database, not of the client.
CREATE FUNCTION cutter_governance.fn_gov_change_set_complete()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM cutter_governance.manifest_envelope AS e WHERE e.change_set_id = NEW.id) THEN
        RAISE EXCEPTION 'change set % has no manifest envelope at commit', NEW.id
            USING ERRCODE = 'IU013',
                  HINT = 'record the manifest (fn_gov_record_manifest) in the same transaction as the cut';
    END IF;
    IF NOT EXISTS (
        SELECT 1 FROM cutter_governance.dot_pair_signature AS s
        WHERE s.change_set_id = NEW.id AND s.lane = 'executor'
    ) THEN
        RAISE EXCEPTION 'change set % has no executor signature at commit', NEW.id
            USING ERRCODE = 'IU013',
                  HINT = 'sign the manifest digest (fn_gov_sign_executor) in the same transaction as the cut';
    END IF;
    RETURN NULL;
END
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_change_set_complete() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_change_set_complete() FROM PUBLIC;
COMMENT ON FUNCTION cutter_governance.fn_gov_change_set_complete() IS
'Deferred constraint trigger: a change set commits only with its manifest envelope and executor signature (IU013).';
