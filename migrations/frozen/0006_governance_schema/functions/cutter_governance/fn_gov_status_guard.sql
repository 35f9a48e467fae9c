-- BEFORE UPDATE on cut_change_set: only the status may move, and only along an allowed
-- transition; every other column of a change set is immutable.
CREATE FUNCTION cutter_governance.fn_gov_status_guard()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF (pg_catalog.to_jsonb(NEW) - ARRAY['status', 'status_changed_at'])
        IS DISTINCT FROM (pg_catalog.to_jsonb(OLD) - ARRAY['status', 'status_changed_at']) THEN
        RAISE EXCEPTION 'change set % is immutable except for its status', OLD.id
            USING ERRCODE = 'IU010';
    END IF;
    IF NEW.status IS DISTINCT FROM OLD.status AND (OLD.status, NEW.status) NOT IN (
        ('recorded', 'verified'), ('recorded', 'verify_failed'), ('recorded', 'rolled_back'),
        ('verified', 'verified'), ('verified', 'verify_failed'), ('verified', 'enacted'),
        ('verified', 'rolled_back'),
        ('verify_failed', 'verified'), ('verify_failed', 'verify_failed'),
        ('verify_failed', 'rolled_back')
    ) THEN
        RAISE EXCEPTION 'change set % cannot go from % to %', OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'IU003';
    END IF;
    RETURN NEW;
END
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_status_guard() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_status_guard() FROM PUBLIC;
COMMENT ON FUNCTION cutter_governance.fn_gov_status_guard() IS
'Trigger: a change set changes only its status, and only along recorded -> verified / verify_failed -> enacted / rolled_back.';
