-- A reviewer's decision on a subject (enacting, superseding or retiring), bound either to a
-- recorded change set or to an exact manifest digest before the cut, so an approval binds to
-- content, not to a promise.
CREATE TABLE cutter_governance.review_decision (
    id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
    subject text NOT NULL,
    change_set_id uuid REFERENCES cutter_governance.cut_change_set (id),
    manifest_sha256 text NOT NULL,
    decision text NOT NULL,
    rationale text NOT NULL,
    decided_by text NOT NULL,
    decided_db_login text NOT NULL DEFAULT session_user,
    decided_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    expires_at timestamptz,
    decision_digest text NOT NULL,
    chain_pos bigint NOT NULL,
    prev_hash text,
    row_hash text NOT NULL,
    CONSTRAINT review_decision_subject CHECK (subject IN ('enact', 'supersede', 'retire')),
    CONSTRAINT review_decision_decision CHECK (decision IN ('approve', 'reject')),
    CONSTRAINT review_decision_manifest_sha256 CHECK (manifest_sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT review_decision_digest CHECK (decision_digest ~ '^[0-9a-f]{64}$'),
    CONSTRAINT review_decision_rationale CHECK (pg_catalog.btrim(rationale) <> ''),
    CONSTRAINT review_decision_expiry CHECK (expires_at > decided_at),
    CONSTRAINT review_decision_chain_pos_key UNIQUE (chain_pos)
);

CREATE INDEX review_decision_change_set_idx ON cutter_governance.review_decision (change_set_id);
CREATE INDEX review_decision_manifest_idx ON cutter_governance.review_decision (manifest_sha256);

ALTER TABLE cutter_governance.review_decision OWNER TO iu_owner;
REVOKE ALL ON TABLE cutter_governance.review_decision FROM PUBLIC;
GRANT SELECT ON TABLE cutter_governance.review_decision
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON TABLE cutter_governance.review_decision IS
'Review decisions (approve / reject) on enacting, superseding or retiring exactly one manifest. Written by fn_gov_record_review.';
