-- The digest a reviewer signs: "review|<subject>|<decision>|<change set or empty>|
-- <manifest_sha256>|<expiry as UTC ISO text or empty>|<rationale>".
CREATE FUNCTION cutter_governance.fn_gov_review_digest(
    p_subject text, p_decision text, p_change_set_id uuid, p_manifest_sha256 text,
    p_expires_at timestamptz, p_rationale text
)
RETURNS text
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
        'review|' || p_subject || '|' || p_decision || '|' || coalesce(p_change_set_id::text, '') || '|'
        || p_manifest_sha256 || '|'
        || coalesce(pg_catalog.to_char(p_expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), '')
        || '|' || p_rationale,
        'UTF8')), 'hex')
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_review_digest(text, text, uuid, text, timestamptz, text) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_review_digest(text, text, uuid, text, timestamptz, text)
FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cutter_governance.fn_gov_review_digest(text, text, uuid, text, timestamptz, text)
TO cutter_reviewer, cutter_verifier, cutter_exec, iu_reader;
COMMENT ON FUNCTION cutter_governance.fn_gov_review_digest(text, text, uuid, text, timestamptz, text) IS
'sha256 of the review decision''s content: what the reviewer signs.';
