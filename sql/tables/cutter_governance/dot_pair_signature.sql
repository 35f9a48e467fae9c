-- Ed25519 signatures, one lane each: the executor signs a change set's manifest digest, the
-- verifier its verify result, the reviewer its decision. The signed message is
-- "dot-iu-cutter/v1 <lane> <signed_digest>", so a signature cannot be replayed in another
-- lane or over other content. The database checks the key and the shape; the harness and
-- the audit pack check the signature itself.
CREATE TABLE cutter_governance.dot_pair_signature (
    id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
    lane text NOT NULL,
    change_set_id uuid REFERENCES cutter_governance.cut_change_set (id),
    verify_result_id uuid REFERENCES cutter_governance.verify_result (id),
    review_decision_id uuid REFERENCES cutter_governance.review_decision (id),
    signer text NOT NULL,
    key_id text NOT NULL REFERENCES cutter_governance.signer_key (key_id),
    signed_digest text NOT NULL,
    signature bytea NOT NULL,
    signed_db_login text NOT NULL DEFAULT session_user,
    signed_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    chain_pos bigint NOT NULL,
    prev_hash text,
    row_hash text NOT NULL,
    CONSTRAINT dot_pair_signature_lane CHECK (lane IN ('executor', 'verifier', 'reviewer')),
    CONSTRAINT dot_pair_signature_subject CHECK (
        CASE lane
            WHEN 'executor'
                THEN
                    change_set_id IS NOT NULL AND verify_result_id IS NULL
                    AND review_decision_id IS NULL
            WHEN 'verifier'
                THEN
                    change_set_id IS NOT NULL AND verify_result_id IS NOT NULL
                    AND review_decision_id IS NULL
            WHEN 'reviewer' THEN verify_result_id IS NULL AND review_decision_id IS NOT NULL
        END
    ),
    CONSTRAINT dot_pair_signature_digest CHECK (signed_digest ~ '^[0-9a-f]{64}$'),
    CONSTRAINT dot_pair_signature_length CHECK (pg_catalog.octet_length(signature) = 64),
    CONSTRAINT dot_pair_signature_chain_pos_key UNIQUE (chain_pos)
);

CREATE UNIQUE INDEX dot_pair_signature_one_executor
ON cutter_governance.dot_pair_signature (change_set_id) WHERE lane = 'executor';
CREATE UNIQUE INDEX dot_pair_signature_one_per_result
ON cutter_governance.dot_pair_signature (verify_result_id) WHERE lane = 'verifier';
CREATE UNIQUE INDEX dot_pair_signature_one_per_decision
ON cutter_governance.dot_pair_signature (review_decision_id) WHERE lane = 'reviewer';

ALTER TABLE cutter_governance.dot_pair_signature OWNER TO iu_owner;
REVOKE ALL ON TABLE cutter_governance.dot_pair_signature FROM PUBLIC;
GRANT SELECT ON TABLE cutter_governance.dot_pair_signature
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON TABLE cutter_governance.dot_pair_signature IS
'Executor, verifier and reviewer Ed25519 signatures over "dot-iu-cutter/v1 <lane> <signed_digest>".';
