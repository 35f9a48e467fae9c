-- The manifest of a change set: the ordered address -> content_hash list (manifest_entry) and
-- its digest, recomputed by the database from the entries when they are recorded.
CREATE TABLE cutter_governance.manifest_envelope (
    id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
    change_set_id uuid NOT NULL REFERENCES cutter_governance.cut_change_set (id),
    manifest_sha256 text NOT NULL,
    unit_count integer NOT NULL,
    created_count integer NOT NULL,
    unchanged_count integer NOT NULL,
    recorded_by text NOT NULL,
    recorded_db_login text NOT NULL DEFAULT session_user,
    recorded_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    chain_pos bigint NOT NULL,
    prev_hash text,
    row_hash text NOT NULL,
    CONSTRAINT manifest_envelope_change_set_key UNIQUE (change_set_id),
    CONSTRAINT manifest_envelope_sha256 CHECK (manifest_sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT manifest_envelope_counts CHECK (
        unit_count >= 1 AND created_count >= 0 AND unchanged_count >= 0
        AND created_count + unchanged_count = unit_count
    ),
    CONSTRAINT manifest_envelope_chain_pos_key UNIQUE (chain_pos)
);

CREATE TABLE cutter_governance.manifest_entry (
    envelope_id uuid NOT NULL REFERENCES cutter_governance.manifest_envelope (id),
    ordinal integer NOT NULL,
    canonical_address text NOT NULL,
    content_hash text NOT NULL,
    action text NOT NULL,
    PRIMARY KEY (envelope_id, ordinal),
    CONSTRAINT manifest_entry_address_key UNIQUE (envelope_id, canonical_address),
    CONSTRAINT manifest_entry_ordinal CHECK (ordinal >= 1),
    CONSTRAINT manifest_entry_content_hash CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT manifest_entry_action CHECK (action IN ('created', 'unchanged'))
);

ALTER TABLE cutter_governance.manifest_envelope OWNER TO iu_owner;
ALTER TABLE cutter_governance.manifest_entry OWNER TO iu_owner;
REVOKE ALL ON TABLE cutter_governance.manifest_envelope FROM PUBLIC;
REVOKE ALL ON TABLE cutter_governance.manifest_entry FROM PUBLIC;
GRANT SELECT ON TABLE cutter_governance.manifest_envelope
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
GRANT SELECT ON TABLE cutter_governance.manifest_entry
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON TABLE cutter_governance.manifest_envelope IS
'The manifest of a change set and its digest (sha256 of the ordered "address<TAB>content_hash<LF>" lines).';
COMMENT ON TABLE cutter_governance.manifest_entry IS
'One manifest line: a unit''s address and content hash in document order, and whether the cut created it.';
