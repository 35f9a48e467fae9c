-- Trigger on information_unit: the tree's references, checked once per statement where a
-- statement writes many rows. It replaces the declared foreign keys information_unit_parent_fk
-- (parent_id, parent_address) -> information_unit (id, canonical_address) and
-- information_unit_current_version_fk (current_version_id, id) -> unit_version (id, iu_id),
-- which checked each row with a query of its own: a cut of 100,000 units made 200,000 such
-- queries. (A version's unit stays the declared foreign key unit_version_iu_id_fkey, CONTRACT
-- §3: it also keeps information_unit from being emptied while versions remain.)
--   * After INSERT, once per statement: every new unit's parent exists with that address, and
--     its current version exists and is its own.
--   * After UPDATE, per row, only when the row's keys or references change (the trigger's WHEN;
--     a supersede moves current_version_id, an enactment changes none of them): the same, for
--     what changed, and no unit still names the key the row had as its parent.
--   * After DELETE, once per statement: no remaining unit names a removed unit as its parent.
-- Each refusal is 23503 and names the foreign key it stands for. The references of a statement
-- are looked up in one pass per kind (a parent the same statement writes is found among its
-- new rows, without a lookup). As a foreign key does, a referenced row written by another
-- transaction is locked FOR KEY SHARE until this one ends, so it cannot be deleted meanwhile,
-- and looked up again; a row this transaction wrote needs no lock, as no one else sees it yet.
-- The check of a removal reads the rows committed when it runs, which only READ COMMITTED
-- gives; a removal under REPEATABLE READ or SERIALIZABLE is refused (0A000), as a snapshot
-- there could miss a unit committed meanwhile.
CREATE FUNCTION public.fn_iu_tree_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_me xid := pg_catalog.pg_current_xact_id()::xid;
    -- references to check: (unit address, parent id, parent address), (unit id, address, version id)
    v_child_addrs text[] := '{}'::text[];
    v_parent_ids uuid[] := '{}'::uuid[];
    v_parent_addrs text[] := '{}'::text[];
    v_unit_ids uuid[] := '{}'::uuid[];
    v_unit_addrs text[] := '{}'::text[];
    v_version_ids uuid[] := '{}'::uuid[];
    -- keys that went away: (id, canonical_address)
    v_gone_ids uuid[] := '{}'::uuid[];
    v_gone_addrs text[] := '{}'::text[];
    v_problem record;
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- A parent the same statement writes is checked here, among the new rows; only the
        -- others are looked up in the table.
        SELECT
            coalesce(pg_catalog.array_agg(n.canonical_address) FILTER (WHERE n.parent_id IS NOT NULL AND s.id IS NULL), '{}'),
            coalesce(pg_catalog.array_agg(n.parent_id) FILTER (WHERE n.parent_id IS NOT NULL AND s.id IS NULL), '{}'),
            coalesce(pg_catalog.array_agg(n.parent_address) FILTER (WHERE n.parent_id IS NOT NULL AND s.id IS NULL), '{}'),
            pg_catalog.array_agg(n.id), pg_catalog.array_agg(n.canonical_address),
            pg_catalog.array_agg(n.current_version_id)
        INTO v_child_addrs, v_parent_ids, v_parent_addrs, v_unit_ids, v_unit_addrs, v_version_ids
        FROM new_rows AS n
        LEFT JOIN new_rows AS s ON s.id = n.parent_id AND s.canonical_address = n.parent_address;
    ELSIF TG_OP = 'UPDATE' THEN
        IF NEW.parent_id IS NOT NULL AND (NEW.parent_id, NEW.parent_address) IS DISTINCT FROM (OLD.parent_id, OLD.parent_address) THEN
            v_child_addrs := ARRAY[NEW.canonical_address];
            v_parent_ids := ARRAY[NEW.parent_id];
            v_parent_addrs := ARRAY[NEW.parent_address];
        END IF;
        IF (NEW.id, NEW.current_version_id) IS DISTINCT FROM (OLD.id, OLD.current_version_id) THEN
            v_unit_ids := ARRAY[NEW.id];
            v_unit_addrs := ARRAY[NEW.canonical_address];
            v_version_ids := ARRAY[NEW.current_version_id];
        END IF;
        IF (NEW.id, NEW.canonical_address) IS DISTINCT FROM (OLD.id, OLD.canonical_address) THEN
            v_gone_ids := ARRAY[OLD.id];
            v_gone_addrs := ARRAY[OLD.canonical_address];
        END IF;
    ELSE
        SELECT pg_catalog.array_agg(o.id), pg_catalog.array_agg(o.canonical_address)
        INTO v_gone_ids, v_gone_addrs
        FROM old_rows AS o;
    END IF;

    -- Each reference is looked up once. Rows another transaction wrote are then locked and
    -- looked up again (a second round), so that one deleted meanwhile is seen missing.
    FOR v_round IN 1..2 LOOP
        EXIT WHEN pg_catalog.cardinality(v_parent_ids) = 0;
        SELECT count(*) FILTER (WHERE p.id IS NULL) AS n,
            pg_catalog.min(ARRAY[r.addr, r.parent_addr, r.parent_id::text]) FILTER (WHERE p.id IS NULL) AS first,
            pg_catalog.array_agg(p.id) FILTER (WHERE p.xmin <> v_me) AS others
        INTO v_problem
        FROM unnest(v_child_addrs, v_parent_ids, v_parent_addrs) AS r (addr, parent_id, parent_addr)
        LEFT JOIN public.information_unit AS p ON p.id = r.parent_id AND p.canonical_address = r.parent_addr;
        IF v_problem.n > 0 THEN
            RAISE EXCEPTION 'unit % names parent % (%), which does not exist', v_problem.first[1],
                v_problem.first[2], v_problem.first[3]
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'information_unit_parent_fk',
                      TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                      DETAIL = pg_catalog.format('%s unit(s) of this statement name a missing parent; nothing was written',
                          v_problem.n);
        END IF;
        EXIT WHEN v_problem.others IS NULL OR v_round = 2;
        PERFORM 1 FROM public.information_unit AS p WHERE p.id = ANY (v_problem.others) FOR KEY SHARE OF p;
    END LOOP;

    FOR v_round IN 1..2 LOOP
        EXIT WHEN pg_catalog.cardinality(v_version_ids) = 0;
        SELECT count(*) FILTER (WHERE v.iu_id IS DISTINCT FROM r.id) AS n,
            pg_catalog.min(ARRAY[r.addr, r.version_id::text, v.iu_id::text])
                FILTER (WHERE v.iu_id IS DISTINCT FROM r.id) AS first,
            pg_catalog.array_agg(v.id) FILTER (WHERE v.xmin <> v_me) AS others
        INTO v_problem
        FROM unnest(v_unit_ids, v_unit_addrs, v_version_ids) AS r (id, addr, version_id)
        LEFT JOIN public.unit_version AS v ON v.id = r.version_id;
        IF v_problem.n > 0 THEN
            RAISE EXCEPTION 'unit % names current version %, which %', v_problem.first[1], v_problem.first[2],
                CASE WHEN v_problem.first[3] IS NULL THEN 'does not exist'
                    ELSE 'belongs to unit ' || v_problem.first[3] END
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'information_unit_current_version_fk',
                      TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                      DETAIL = pg_catalog.format('%s unit(s) of this statement name a current version not their own; nothing was written',
                          v_problem.n);
        END IF;
        EXIT WHEN v_problem.others IS NULL OR v_round = 2;
        PERFORM 1 FROM public.unit_version AS v WHERE v.id = ANY (v_problem.others) FOR KEY SHARE OF v;
    END LOOP;

    IF pg_catalog.cardinality(v_gone_ids) > 0 THEN
        IF pg_catalog.current_setting('transaction_isolation') <> 'read committed' THEN
            RAISE EXCEPTION 'units are removed or re-keyed only at READ COMMITTED, not %',
                pg_catalog.upper(pg_catalog.current_setting('transaction_isolation'))
                USING ERRCODE = 'feature_not_supported',
                      HINT = 'the check that nothing still names a removed unit must see every committed row';
        END IF;
        SELECT g.addr, c.canonical_address AS child, count(*) OVER () AS n INTO v_problem
        FROM unnest(v_gone_ids, v_gone_addrs) AS g (id, addr)
        JOIN public.information_unit AS c ON c.parent_id = g.id AND c.parent_address = g.addr
        WHERE NOT EXISTS (
            SELECT 1 FROM public.information_unit AS p WHERE p.id = g.id AND p.canonical_address = g.addr)
        ORDER BY c.canonical_address
        LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'unit % is still the parent of unit %', v_problem.addr, v_problem.child
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'information_unit_parent_fk',
                      TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA,
                      DETAIL = pg_catalog.format('%s unit(s) would be left without their parent; nothing was removed',
                          v_problem.n);
        END IF;
    END IF;
    RETURN NULL;
END
$fn$;

ALTER FUNCTION public.fn_iu_tree_check() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_tree_check() FROM PUBLIC;
COMMENT ON FUNCTION public.fn_iu_tree_check() IS
'Trigger on information_unit (statement after INSERT/DELETE, row after a key-changing UPDATE): parents and current versions exist, no unit names a removed unit as parent (23503).';
