-- Registers a signer's Ed25519 public key. Policy cutter_governance.key_registration:
-- 'auto' (a new install's default: a lane registers its own actor's first key, so a fresh
-- machine needs no ceremony) or 'admin' (only the DB team registers keys). Registering the
-- same key again returns its id; a second, different key for a signer always needs an admin.
-- A key of small order is refused for everyone (IU011): it binds no signature to its content.
CREATE FUNCTION cutter_governance.fn_gov_register_key(p_signer text, p_public_key bytea, p_actor text)
RETURNS text
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_mode text := public.fn_iu_policy('cutter_governance.key_registration');
    v_invoker text := cutter_governance.fn_gov_invoker();
    v_admin boolean;
    v_key_id text;
    v_existing record;
    v_ticket bigint;
BEGIN
    PERFORM public.fn_iu_check_actor(p_actor);
    PERFORM public.fn_iu_check_actor(p_signer);
    IF p_public_key IS NULL OR pg_catalog.octet_length(p_public_key) <> 32 THEN
        RAISE EXCEPTION 'an Ed25519 public key is 32 bytes, got %', coalesce(pg_catalog.octet_length(p_public_key), 0)
            USING ERRCODE = 'IU011';
    END IF;
    v_key_id := pg_catalog.encode(pg_catalog.sha256(p_public_key), 'hex');
    IF cutter_governance.fn_gov_ed25519_small_order(p_public_key) THEN
        RAISE EXCEPTION 'key % is a point of small order: no one holds it, and a signature under it binds nothing', v_key_id
            USING ERRCODE = 'IU011',
                  HINT = 'register the public key of the signer''s own Ed25519 key pair (iu-cutter creates one on first use)';
    END IF;
    -- One registration per signer at a time: a signer's first cuts or reviews at once wait
    -- here, and the later one finds the key the first registered instead of inserting it twice.
    PERFORM pg_catalog.pg_advisory_xact_lock(7178, pg_catalog.hashtext(p_signer));
    SELECT k.signer INTO v_existing FROM cutter_governance.signer_key AS k WHERE k.key_id = v_key_id;
    IF FOUND THEN
        IF v_existing.signer <> p_signer THEN
            RAISE EXCEPTION 'key % is already registered to %', v_key_id, v_existing.signer
                USING ERRCODE = 'IU011';
        END IF;
        RETURN v_key_id;
    END IF;

    SELECT r.rolsuper OR pg_catalog.pg_has_role(v_invoker, 'iu_owner', 'MEMBER') INTO v_admin
    FROM pg_catalog.pg_roles AS r WHERE r.rolname = v_invoker;
    IF NOT coalesce(v_admin, false) THEN
        IF v_mode <> 'auto' THEN
            RAISE EXCEPTION 'key registration needs an administrator (policy cutter_governance.key_registration = %)', v_mode
                USING ERRCODE = 'IU011',
                      HINT = pg_catalog.format('ask the DB team to register key %s for %s', v_key_id, p_signer);
        END IF;
        IF p_signer <> p_actor THEN
            RAISE EXCEPTION '% may register only their own key, not %''s', p_actor, p_signer
                USING ERRCODE = 'IU011';
        END IF;
        IF EXISTS (SELECT 1 FROM cutter_governance.signer_key AS k WHERE k.signer = p_signer) THEN
            RAISE EXCEPTION '% already has a registered key; another key needs an administrator', p_signer
                USING ERRCODE = 'IU011',
                      HINT = pg_catalog.format('ask the DB team to register key %s for %s', v_key_id, p_signer);
        END IF;
    END IF;

    v_ticket := public.fn_iu_gateway_open('fn_gov_register_key');
    INSERT INTO cutter_governance.signer_key (key_id, signer, public_key, registration, registered_by)
    VALUES (v_key_id, p_signer, p_public_key, CASE WHEN v_admin THEN 'admin' ELSE 'auto' END, p_actor);
    PERFORM public.fn_iu_gateway_close(v_ticket);
    RETURN v_key_id;
END
$fn$;

ALTER FUNCTION cutter_governance.fn_gov_register_key(text, bytea, text) OWNER TO iu_owner;
REVOKE ALL ON FUNCTION cutter_governance.fn_gov_register_key(text, bytea, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cutter_governance.fn_gov_register_key(text, bytea, text)
TO cutter_exec, cutter_verifier, cutter_reviewer;
COMMENT ON FUNCTION cutter_governance.fn_gov_register_key(text, bytea, text) IS
'Registers an Ed25519 public key for a signer (auto: own first key; admin: any). Returns the key id (sha256 of the key).';
