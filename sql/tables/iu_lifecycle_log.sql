-- The lifecycle audit log (seed 004 §7, UUID-keyed): one row per transition of a unit or a
-- version, saying what moved, from which status to which, under which review decision and
-- change set, by which actor, database login and application. Rows are written set-based, one
-- seal per writer call: each row carries the hash of its own content, the seal carries the
-- digest of its rows in order and links to the previous seal, so an edited, deleted or
-- inserted row or seal is detected by fn_iu_lifecycle_log_check. Append-only for every role.
CREATE TABLE public.iu_lifecycle_log_seal (
    id uuid PRIMARY KEY,
    chain_pos bigint NOT NULL,
    transition_type text NOT NULL,
    change_set_id uuid REFERENCES cutter_governance.cut_change_set (id),
    review_decision_id uuid REFERENCES cutter_governance.review_decision (id),
    performed_by text NOT NULL,
    performed_at timestamptz NOT NULL,
    db_login text NOT NULL DEFAULT session_user,
    entry_count integer NOT NULL,
    entries_digest text NOT NULL,
    prev_hash text,
    seal_hash text NOT NULL,
    CONSTRAINT iu_lifecycle_log_seal_chain_pos_key UNIQUE (chain_pos),
    CONSTRAINT iu_lifecycle_log_seal_entry_count CHECK (entry_count >= 1),
    CONSTRAINT iu_lifecycle_log_seal_digests CHECK (
        entries_digest ~ '^[0-9a-f]{64}$' AND seal_hash ~ '^[0-9a-f]{64}$'
        AND (prev_hash IS NULL) = (chain_pos = 1)
    )
);

CREATE INDEX iu_lifecycle_log_seal_change_set_idx ON public.iu_lifecycle_log_seal (change_set_id);

CREATE TABLE public.iu_lifecycle_log (
    id uuid PRIMARY KEY,
    seal_id uuid NOT NULL REFERENCES public.iu_lifecycle_log_seal (id),
    seal_ordinal integer NOT NULL,
    entity_collection text NOT NULL,
    entity_id uuid NOT NULL,
    canonical_address text NOT NULL,
    from_status text NOT NULL,
    to_status text NOT NULL,
    transition_type text NOT NULL,
    reason text NOT NULL,
    performed_by text NOT NULL,
    performed_at timestamptz NOT NULL,
    metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    review_decision_id uuid,
    change_set_id uuid,
    db_login text NOT NULL DEFAULT session_user,
    application_name text,
    entry_hash text NOT NULL,
    CONSTRAINT iu_lifecycle_log_seal_ordinal_key UNIQUE (seal_id, seal_ordinal),
    CONSTRAINT iu_lifecycle_log_transition_fk FOREIGN KEY (from_status, to_status, transition_type)
    REFERENCES public.iu_lifecycle_transition (from_status, to_status, transition_type),
    CONSTRAINT iu_lifecycle_log_entity_collection CHECK (entity_collection IN ('information_unit', 'unit_version')),
    CONSTRAINT iu_lifecycle_log_reason CHECK (pg_catalog.btrim(reason) <> ''),
    CONSTRAINT iu_lifecycle_log_entry_hash CHECK (entry_hash ~ '^[0-9a-f]{64}$')
);

CREATE INDEX iu_lifecycle_log_entity_idx ON public.iu_lifecycle_log (entity_id);

ALTER TABLE public.iu_lifecycle_log_seal OWNER TO iu_owner;
ALTER TABLE public.iu_lifecycle_log OWNER TO iu_owner;
REVOKE ALL ON TABLE public.iu_lifecycle_log_seal FROM PUBLIC;
REVOKE ALL ON TABLE public.iu_lifecycle_log FROM PUBLIC;
GRANT SELECT ON TABLE public.iu_lifecycle_log_seal
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
GRANT SELECT ON TABLE public.iu_lifecycle_log
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON TABLE public.iu_lifecycle_log IS
'Audit of every lifecycle transition (seed 004 §7), append-only; entry_hash covers the row, its seal covers the rows in order.';
COMMENT ON TABLE public.iu_lifecycle_log_seal IS
'One seal per lifecycle writer call: the digest of its log rows in order, hash-chained to the previous seal.';
COMMENT ON COLUMN public.iu_lifecycle_log.metadata IS
'What the transition touched beyond the entity: version ids and numbers, content hash, the replaced or replacing version.';
