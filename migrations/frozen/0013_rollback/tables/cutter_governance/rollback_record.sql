-- One row per rolled-back change set: who removed the cut, when, why, and exactly what went
-- (counts and the digest of the removed versions' "address<TAB>version_no<TAB>content_hash<LF>"
-- lines in document order). Written by fn_iu_rollback in the transaction that removes the
-- rows; hash-chained and append-only like every governance record.
CREATE TABLE cutter_governance.rollback_record (
    id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
    change_set_id uuid NOT NULL REFERENCES cutter_governance.cut_change_set (id),
    performed_by text NOT NULL,
    performed_db_login text NOT NULL DEFAULT session_user,
    performed_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    reason text NOT NULL,
    removed_units integer NOT NULL,
    removed_versions integer NOT NULL,
    removed_digest text NOT NULL,
    chain_pos bigint NOT NULL,
    prev_hash text,
    row_hash text NOT NULL,
    CONSTRAINT rollback_record_change_set_key UNIQUE (change_set_id),
    CONSTRAINT rollback_record_chain_pos_key UNIQUE (chain_pos),
    CONSTRAINT rollback_record_counts CHECK (removed_units >= 0 AND removed_versions >= removed_units),
    CONSTRAINT rollback_record_digest CHECK (removed_digest ~ '^[0-9a-f]{64}$'),
    CONSTRAINT rollback_record_reason CHECK (pg_catalog.btrim(reason) <> '')
);

ALTER TABLE cutter_governance.rollback_record OWNER TO iu_owner;
REVOKE ALL ON TABLE cutter_governance.rollback_record FROM PUBLIC;
GRANT SELECT ON TABLE cutter_governance.rollback_record
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON TABLE cutter_governance.rollback_record IS
'A rolled-back change set: who, when, why, and the digest of the removed versions. Written by fn_iu_rollback.';
