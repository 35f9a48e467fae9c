-- The content hash of CONTRACT §3: lower-case hex SHA-256 of the body's UTF-8 bytes after
-- Unicode NFC normalisation. Declared IMMUTABLE so unit_version.content_hash can be a
-- generated column: the database encoding is UTF8 (checked by the first revision) and never
-- changes, so convert_to(..., 'UTF8') is a pure function of its input here. Every name is
-- schema-qualified, so the body is safe to inline under any search_path. A body already in NFC
-- (every stored body: unit_version_body_nfc) is hashed as it is: the IS NFC NORMALIZED test,
-- a quick check for most text, is about a third of the cost of normalize(), whose result
-- would be the same string.
CREATE FUNCTION public.fn_iu_content_hash(p_body text)
RETURNS text
LANGUAGE sql
IMMUTABLE
STRICT
PARALLEL SAFE
AS $fn$
    SELECT pg_catalog.encode(
        pg_catalog.sha256(pg_catalog.convert_to(
            CASE WHEN p_body IS NFC NORMALIZED THEN p_body ELSE pg_catalog.normalize(p_body, 'NFC') END,
            'UTF8')),
        'hex'
    )
$fn$;

ALTER FUNCTION public.fn_iu_content_hash(text) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_content_hash(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_content_hash(text)
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON FUNCTION public.fn_iu_content_hash(text) IS
'Lower-case hex SHA-256 of the NFC-normalised UTF-8 body (CONTRACT §3). Composed and decomposed forms of the same text hash the same.';
