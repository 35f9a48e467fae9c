-- Statement trigger after INSERT on manifest_entry: the statement's entries and their envelopes
-- agree. Every envelope the entries name exists, and the statement wrote all of its entries,
-- numbered 1 to its unit_count, of which created_count created or revised something: an
-- envelope's entries are written with it, in one statement (fn_gov_record_manifest), and
-- nothing is added to a recorded manifest later. One grouping of the statement's entries and one
-- join with the envelopes: it replaces the declared foreign key envelope_id ->
-- manifest_envelope, whose row-by-row check cost 100,000 index probes of the one envelope when a
-- cut of 100,000 units was recorded, and says more than it did (the count, the numbering and
-- the created count). Both tables are append-only for every role, so an envelope, once named,
-- cannot go away.
CREATE FUNCTION cutter_governance.fn_gov_manifest_entries_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_nestloop = off
AS $fn$
DECLARE
    v_bad record;
BEGIN
    SELECT r.envelope_id, r.n, r.first_ordinal, r.last_ordinal, r.new_content, e.id IS NOT NULL AS recorded,
        e.unit_count, e.created_count
    INTO v_bad
    FROM (
        SELECT n.envelope_id, count(*) AS n, pg_catalog.min(n.ordinal) AS first_ordinal,
            pg_catalog.max(n.ordinal) AS last_ordinal, count(*) FILTER (WHERE n.action <> 'unchanged') AS new_content
        FROM new_rows AS n
        GROUP BY n.envelope_id
    ) AS r
    LEFT JOIN cutter_governance.manifest_envelope AS e ON e.id = r.envelope_id
    WHERE e.id IS NULL OR e.unit_count <> r.n OR r.first_ordinal <> 1 OR r.last_ordinal <> r.n
       OR e.created_count <> r.new_content
    LIMIT 1;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF NOT v_bad.recorded THEN
        RAISE EXCEPTION 'manifest entries name envelope %, which does not exist', v_bad.envelope_id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'manifest_entry_enveloped',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                  DETAIL = pg_catalog.format('%s entry(ies) of this statement; nothing was written', v_bad.n),
                  HINT = 'a manifest''s entries are written with its envelope, by fn_gov_record_manifest';
    END IF;
    RAISE EXCEPTION 'manifest envelope % lists % unit(s), % of them new content; this statement wrote % entry(ies) for it, numbered % to %, % of them new content',
        v_bad.envelope_id, v_bad.unit_count, v_bad.created_count, v_bad.n, v_bad.first_ordinal,
        v_bad.last_ordinal, v_bad.new_content
        USING ERRCODE = 'IU010', CONSTRAINT = 'manifest_entry_enveloped',
              TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
              HINT = 'a manifest''s entries are written with its envelope, numbered from 1; nothing is added later';
END
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_manifest_entries_check() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_manifest_entries_check() FROM PUBLIC;
COMMENT ON FUNCTION cutter_governance.fn_gov_manifest_entries_check() IS
'Trigger (statement, transition table): the statement''s manifest entries name existing envelopes and are all of each envelope''s entries, numbered 1..unit_count, created_count of them new content (23503 / IU010).';
