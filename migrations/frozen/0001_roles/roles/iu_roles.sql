-- The five roles of the IU gateway (CONTRACT §4). Roles are cluster-wide and several
-- databases may share them, so each is created only when missing and never altered if it
-- already exists with other attributes than NOLOGIN (that is reported by iu-cutter survey).
DO $roles$
DECLARE
    v_role text;
BEGIN
    FOREACH v_role IN ARRAY ARRAY[
        'iu_owner', 'cutter_exec', 'cutter_verifier', 'cutter_reviewer', 'iu_reader'
    ] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = v_role) THEN
            EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', v_role);
        END IF;
    END LOOP;
END
$roles$;

COMMENT ON ROLE iu_owner IS
'Owns the IU tables and the SECURITY DEFINER gateway functions. Nobody logs in as it.';
COMMENT ON ROLE cutter_exec IS
'Executor lane: runs the canonical create / edit / enact / rollback functions.';
COMMENT ON ROLE cutter_verifier IS
'Verifier lane: reads everything, records verify results and verifier signatures.';
COMMENT ON ROLE cutter_reviewer IS
'Reviewer lane: records review decisions.';
COMMENT ON ROLE iu_reader IS
'Read-only access to the IU store.';
