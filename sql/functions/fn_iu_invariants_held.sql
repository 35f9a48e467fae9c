-- The invariants of the probe (fn_iu_verify_invariants) that the database holds for every row
-- by itself, and whether what holds each one is in place as this revision made it:
--   address_grammar, root_has_no_parent, body_valid: validated CHECK constraints;
--   single_open_version: two valid unique partial indexes;
--   content_hash_matches: the generated column unit_version.content_hash, computed by the
--     definition of fn_iu_content_hash every stored hash was computed with (its digest is
--     certified here: a revision that changes the hash must re-hash every version and certify
--     the new digest).
-- A CHECK constraint and a unique index cannot be switched off (session_replication_role
-- switches off triggers and foreign keys, not these); they can only be dropped, replaced or
-- added unvalidated, and each of those shows here as held = false. The invariant gate probes
-- only what is not held; the probe itself still checks everything.
CREATE FUNCTION public.fn_iu_invariants_held()
RETURNS TABLE (invariant text, held boolean, held_by text)
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
    WITH expected (invariant, kind, target, name, definition) AS (
        VALUES
        ('address_grammar', 'check', 'public.information_unit', 'information_unit_address_grammar',
            'CHECK (((canonical_address ~ ''^[A-Z0-9]+(-[A-Z0-9]+)*(/[a-z]+_[a-z0-9]+)*$''::text)'
            || ' AND (octet_length(canonical_address) <= 1024)))'),
        ('root_has_no_parent', 'check', 'public.information_unit', 'information_unit_parent_pair',
            'CHECK (((parent_id IS NULL) = (parent_address IS NULL)))'),
        ('body_valid', 'check', 'public.unit_version', 'unit_version_body_nfc',
            'CHECK ((body IS NFC NORMALIZED))'),
        ('body_valid', 'check', 'public.unit_version', 'unit_version_body_not_blank',
            'CHECK ((body ~ ''[^[:space:]]''::text))'),
        ('single_open_version', 'unique index', 'public.unit_version', 'unit_version_one_draft_per_iu',
            'CREATE UNIQUE INDEX unit_version_one_draft_per_iu ON public.unit_version USING btree (iu_id)'
            || ' WHERE (lifecycle_status = ''draft''::text)'),
        ('single_open_version', 'unique index', 'public.unit_version', 'unit_version_one_enacted_per_iu',
            'CREATE UNIQUE INDEX unit_version_one_enacted_per_iu ON public.unit_version USING btree (iu_id)'
            || ' WHERE (lifecycle_status = ''enacted''::text)'),
        ('content_hash_matches', 'generated column', 'public.unit_version', 'content_hash',
            'public.fn_iu_content_hash(body)'),
        ('content_hash_matches', 'certified function', 'public.fn_iu_content_hash(text)', 'fn_iu_content_hash',
            '2cdfb785c003734413bf668bd5a4223b4425ecf4e8d454645f648c476af0d5f0')
    ),
    found AS (
        SELECT e.invariant, e.kind || ' ' || e.name AS what, CASE e.kind
            WHEN 'check' THEN (
                SELECT c.convalidated AND pg_catalog.pg_get_constraintdef(c.oid) = e.definition
                FROM pg_catalog.pg_constraint AS c
                WHERE c.conrelid = pg_catalog.to_regclass(e.target) AND c.conname = e.name AND c.contype = 'c')
            WHEN 'unique index' THEN (
                SELECT i.indisvalid AND i.indisunique AND pg_catalog.pg_get_indexdef(i.indexrelid) = e.definition
                FROM pg_catalog.pg_index AS i
                JOIN pg_catalog.pg_class AS x ON x.oid = i.indexrelid
                WHERE i.indrelid = pg_catalog.to_regclass(e.target) AND x.relname = e.name)
            WHEN 'generated column' THEN (
                SELECT a.attgenerated = 's' AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) = e.definition
                FROM pg_catalog.pg_attribute AS a
                JOIN pg_catalog.pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE a.attrelid = pg_catalog.to_regclass(e.target) AND a.attname = e.name AND NOT a.attisdropped)
            WHEN 'certified function' THEN (
                SELECT pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(pg_catalog.concat_ws(E'\n',
                    l.lanname, p.provolatile::text, p.proisstrict::text, p.prorettype::pg_catalog.regtype::text,
                    coalesce(pg_catalog.array_to_string(p.proconfig, E'\n'), ''), p.prosrc), 'UTF8')), 'hex')
                    = e.definition
                FROM pg_catalog.pg_proc AS p
                JOIN pg_catalog.pg_language AS l ON l.oid = p.prolang
                WHERE p.oid = pg_catalog.to_regprocedure(e.target))
        END AS ok
        FROM expected AS e
    )
    SELECT f.invariant, pg_catalog.bool_and(coalesce(f.ok, false)), pg_catalog.string_agg(f.what, ', ' ORDER BY f.what)
    FROM found AS f
    GROUP BY f.invariant
    ORDER BY f.invariant
$fn$;

ALTER FUNCTION public.fn_iu_invariants_held() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_invariants_held() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_invariants_held() TO cutter_exec, cutter_verifier, iu_reader;
COMMENT ON FUNCTION public.fn_iu_invariants_held() IS
'The probe''s invariants a constraint, unique index or generated column holds for every row, and whether that holder is in place as defined (held = false when dropped, altered or unvalidated).';
