-- Internal: separation of duties. The second actor (verifier, reviewer) must not be the
-- change set's executor. Policy cutter_governance.separation_of_duties chooses what is
-- compared: 'actor' compares actor names; 'strict' also compares database logins and keys.
CREATE FUNCTION cutter_governance.fn_gov_check_duties(
    p_change_set_id uuid, p_lane text, p_actor text, p_key_id text
)
RETURNS void
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_mode text := public.fn_iu_policy('cutter_governance.separation_of_duties');
    v_cs record;
    v_exec_key text;
BEGIN
    SELECT c.actor, c.db_login INTO v_cs FROM cutter_governance.cut_change_set AS c WHERE c.id = p_change_set_id;
    IF v_cs.actor = p_actor THEN
        RAISE EXCEPTION 'the % of change set % must not be its executor (%)', p_lane, p_change_set_id, p_actor
            USING ERRCODE = 'IU012', HINT = 'another person runs this step';
    END IF;
    IF v_mode = 'strict' THEN
        IF v_cs.db_login = session_user THEN
            RAISE EXCEPTION 'the % of change set % uses the executor''s database login %', p_lane,
                p_change_set_id, session_user
                USING ERRCODE = 'IU012',
                      HINT = 'strict separation of duties: each lane connects with its own login';
        END IF;
        SELECT s.key_id INTO v_exec_key
        FROM cutter_governance.dot_pair_signature AS s
        WHERE s.change_set_id = p_change_set_id AND s.lane = 'executor';
        IF v_exec_key = p_key_id THEN
            RAISE EXCEPTION 'the % of change set % signs with the executor''s key', p_lane, p_change_set_id
                USING ERRCODE = 'IU012';
        END IF;
    END IF;
END
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_check_duties(uuid, text, text, text) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_check_duties(uuid, text, text, text) FROM PUBLIC;
COMMENT ON FUNCTION cutter_governance.fn_gov_check_duties(uuid, text, text, text) IS
'Internal: IU012 when a verifier or reviewer is the change set''s executor (actor; in strict mode also login and key).';
