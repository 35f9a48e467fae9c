-- Ed25519 public keys of the people and services who sign governance records. The key id is
-- the SHA-256 of the raw 32-byte public key, so an id can never name another key.
CREATE TABLE cutter_governance.signer_key (
    key_id text PRIMARY KEY,
    signer text NOT NULL,
    algorithm text NOT NULL DEFAULT 'ed25519',
    public_key bytea NOT NULL,
    registration text NOT NULL,
    registered_by text NOT NULL,
    registered_db_login text NOT NULL DEFAULT session_user,
    registered_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    chain_pos bigint NOT NULL,
    prev_hash text,
    row_hash text NOT NULL,
    CONSTRAINT signer_key_algorithm CHECK (algorithm = 'ed25519'),
    CONSTRAINT signer_key_length CHECK (pg_catalog.octet_length(public_key) = 32),
    CONSTRAINT signer_key_id_is_key_digest CHECK (
        key_id = pg_catalog.encode(pg_catalog.sha256(public_key), 'hex')
    ),
    CONSTRAINT signer_key_registration CHECK (registration IN ('auto', 'admin')),
    CONSTRAINT signer_key_chain_pos_key UNIQUE (chain_pos)
);

CREATE INDEX signer_key_signer_idx ON cutter_governance.signer_key (signer);

ALTER TABLE cutter_governance.signer_key OWNER TO iu_owner;
REVOKE ALL ON TABLE cutter_governance.signer_key FROM PUBLIC;
GRANT SELECT ON TABLE cutter_governance.signer_key
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON TABLE cutter_governance.signer_key IS
'Registered Ed25519 public keys (key_id = sha256 of the key). Written by fn_gov_register_key.';
