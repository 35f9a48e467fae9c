-- The canonical manifest digest (the same formula as harness.cutter.manifest_digest):
-- sha256 over the UTF-8 lines "<canonical_address>\t<content_hash>\n" in document order.
CREATE FUNCTION cutter_governance.fn_gov_manifest_digest(p_canonical_addresses text[], p_content_hashes text[])
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
        coalesce(pg_catalog.string_agg(t.addr || E'\t' || t.hash || E'\n', '' ORDER BY t.ord), ''),
        'UTF8')), 'hex')
    FROM unnest(p_canonical_addresses, p_content_hashes) WITH ORDINALITY AS t (addr, hash, ord)
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_manifest_digest(text[], text[]) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_manifest_digest(text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cutter_governance.fn_gov_manifest_digest(text[], text[])
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON FUNCTION cutter_governance.fn_gov_manifest_digest(text[], text[]) IS
'sha256 of the ordered lines "address<TAB>content_hash<LF>": the digest a reviewer approves and the executor signs.';
