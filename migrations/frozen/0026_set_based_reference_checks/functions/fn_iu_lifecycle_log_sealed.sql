-- Statement trigger after INSERT on iu_lifecycle_log: the rows of the statement and their seals
-- agree. Every seal the rows name exists, and the statement wrote all of that seal's rows,
-- numbered 1 to its entry_count: a seal's rows are written with it, in one statement
-- (fn_iu_lifecycle_record), and nothing is added to a sealed set later. One grouping of the
-- statement's rows and one join with the seals, however many rows: it replaces the declared
-- foreign key seal_id -> iu_lifecycle_log_seal, whose row-by-row check cost 100,000 index
-- probes when 100,000 units are enacted, and says more than it did (the count and the
-- numbering, not only that the seal exists). Both tables are append-only for every role, so a
-- seal, once referenced, cannot go away. Each row's transition (from, to, type) is one that
-- iu_lifecycle_transition lists, checked once per distinct transition of the statement: this
-- replaces the foreign key iu_lifecycle_log_transition_fk, which probed the transitions once per
-- row; the transitions are fixed lifecycle data, so a listed one cannot go away.
CREATE FUNCTION public.fn_iu_lifecycle_log_sealed()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_nestloop = off
AS $fn$
DECLARE
    v_unlisted record;
    v_bad record;
BEGIN
    SELECT r.from_status, r.to_status, r.transition_type, r.n
    INTO v_unlisted
    FROM (
        SELECT n.from_status, n.to_status, n.transition_type, count(*) AS n
        FROM new_rows AS n
        GROUP BY n.from_status, n.to_status, n.transition_type
    ) AS r
    LEFT JOIN public.iu_lifecycle_transition AS t
        ON t.from_status = r.from_status AND t.to_status = r.to_status AND t.transition_type = r.transition_type
    WHERE t.from_status IS NULL
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'lifecycle log rows record % -> % (%), which iu_lifecycle_transition does not list',
            v_unlisted.from_status, v_unlisted.to_status, v_unlisted.transition_type
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'iu_lifecycle_log_transition',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                  DETAIL = pg_catalog.format('%s row(s) of this statement; nothing was written', v_unlisted.n),
                  HINT = 'log rows record the transitions the lifecycle writers made';
    END IF;

    SELECT r.seal_id, r.n, r.first_ordinal, r.last_ordinal, s.id IS NOT NULL AS sealed, s.entry_count
    INTO v_bad
    FROM (
        SELECT n.seal_id, count(*) AS n, pg_catalog.min(n.seal_ordinal) AS first_ordinal,
            pg_catalog.max(n.seal_ordinal) AS last_ordinal
        FROM new_rows AS n
        GROUP BY n.seal_id
    ) AS r
    LEFT JOIN public.iu_lifecycle_log_seal AS s ON s.id = r.seal_id
    WHERE s.id IS NULL OR s.entry_count <> r.n OR r.first_ordinal <> 1 OR r.last_ordinal <> r.n
    LIMIT 1;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF NOT v_bad.sealed THEN
        RAISE EXCEPTION 'lifecycle log rows name seal %, which does not exist', v_bad.seal_id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'iu_lifecycle_log_sealed',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                  DETAIL = pg_catalog.format('%s row(s) of this statement; nothing was written', v_bad.n),
                  HINT = 'log rows are written with their seal, by fn_iu_lifecycle_record';
    END IF;
    RAISE EXCEPTION 'seal % lists % lifecycle log row(s); this statement wrote % for it, numbered % to %',
        v_bad.seal_id, v_bad.entry_count, v_bad.n, v_bad.first_ordinal, v_bad.last_ordinal
        USING ERRCODE = 'IU010', CONSTRAINT = 'iu_lifecycle_log_sealed',
              TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
              HINT = 'a seal''s rows are written with it, numbered from 1; nothing is added to a sealed set';
END
$fn$;

ALTER FUNCTION public.fn_iu_lifecycle_log_sealed() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_lifecycle_log_sealed() FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_lifecycle_log_sealed() IS
'Trigger (statement, transition table): the statement''s log rows record listed transitions and name existing seals, and are all of each seal''s rows, numbered 1..entry_count (23503 / IU010).';
