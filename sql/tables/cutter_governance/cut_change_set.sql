-- One row per governed cut. Everything but the status is immutable and hash-chained; the
-- status moves only through fn_gov_set_status along the transitions it allows.
CREATE TABLE cutter_governance.cut_change_set (
    id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
    doc_code text NOT NULL,
    source_sha256 text NOT NULL,
    manifest_sha256 text NOT NULL,
    unit_count integer NOT NULL,
    profile text,
    granularity text,
    publication_type text,
    backup_sha256 text,
    actor text NOT NULL,
    db_login text NOT NULL DEFAULT session_user,
    application_name text,
    opened_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    status text NOT NULL DEFAULT 'recorded',
    status_changed_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    chain_pos bigint NOT NULL,
    prev_hash text,
    row_hash text NOT NULL,
    CONSTRAINT cut_change_set_doc_code CHECK (doc_code ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'),
    CONSTRAINT cut_change_set_source_sha256 CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT cut_change_set_manifest_sha256 CHECK (manifest_sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT cut_change_set_backup_sha256 CHECK (backup_sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT cut_change_set_unit_count CHECK (unit_count >= 1),
    CONSTRAINT cut_change_set_status CHECK (
        status IN ('recorded', 'verified', 'verify_failed', 'enacted', 'rolled_back')
    ),
    CONSTRAINT cut_change_set_chain_pos_key UNIQUE (chain_pos)
);

CREATE INDEX cut_change_set_doc_idx ON cutter_governance.cut_change_set (doc_code, opened_at);
CREATE INDEX cut_change_set_manifest_idx ON cutter_governance.cut_change_set (manifest_sha256);

ALTER TABLE cutter_governance.cut_change_set OWNER TO iu_owner;
REVOKE ALL ON TABLE cutter_governance.cut_change_set FROM PUBLIC;
GRANT SELECT ON TABLE cutter_governance.cut_change_set
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON TABLE cutter_governance.cut_change_set IS
'One governed cut: what was cut (source and manifest digests), by whom, and where it stands (status).';
