-- The outcome of a write-VERIFY: every check with its outcome and detail, the verdict, and
-- the digest the verifier signed.
CREATE TABLE cutter_governance.verify_result (
    id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
    change_set_id uuid NOT NULL REFERENCES cutter_governance.cut_change_set (id),
    verdict text NOT NULL,
    checks jsonb NOT NULL,
    verifier text NOT NULL,
    verifier_db_login text NOT NULL DEFAULT session_user,
    verified_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    result_digest text NOT NULL,
    chain_pos bigint NOT NULL,
    prev_hash text,
    row_hash text NOT NULL,
    CONSTRAINT verify_result_verdict CHECK (verdict IN ('pass', 'fail')),
    CONSTRAINT verify_result_checks_array CHECK (
        pg_catalog.jsonb_typeof(checks) = 'array' AND pg_catalog.jsonb_array_length(checks) > 0
    ),
    CONSTRAINT verify_result_digest CHECK (result_digest ~ '^[0-9a-f]{64}$'),
    CONSTRAINT verify_result_chain_pos_key UNIQUE (chain_pos)
);

CREATE INDEX verify_result_change_set_idx ON cutter_governance.verify_result (change_set_id);

ALTER TABLE cutter_governance.verify_result OWNER TO iu_owner;
REVOKE ALL ON TABLE cutter_governance.verify_result FROM PUBLIC;
GRANT SELECT ON TABLE cutter_governance.verify_result
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON TABLE cutter_governance.verify_result IS
'Write-VERIFY results: verdict and every check (check, outcome, detail). Written by fn_gov_record_verify.';
