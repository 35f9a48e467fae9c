-- The digest a verifier signs: the change set, its manifest digest, the verdict and every check,
-- as "verify|<change_set_id>|<manifest_sha256>|<verdict>|<checks jsonb text>".
CREATE FUNCTION cutter_governance.fn_gov_verify_digest(p_change_set_id uuid, p_verdict text, p_checks jsonb)
RETURNS text
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
        'verify|' || c.id::text || '|' || c.manifest_sha256 || '|' || p_verdict || '|' || p_checks::text,
        'UTF8')), 'hex')
    FROM cutter_governance.cut_change_set AS c
    WHERE c.id = p_change_set_id
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_verify_digest(uuid, text, jsonb) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_verify_digest(uuid, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cutter_governance.fn_gov_verify_digest(uuid, text, jsonb)
TO cutter_verifier, cutter_exec, iu_reader;
COMMENT ON FUNCTION cutter_governance.fn_gov_verify_digest(uuid, text, jsonb) IS
'sha256 of "verify|<change set>|<manifest_sha256>|<verdict>|<checks>": what the verifier signs.';
