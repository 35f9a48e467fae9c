-- Content versions of an IU. The hash is derived from the body by the database; the body is
-- stored NFC-normalised and never blank.
CREATE TABLE public.unit_version (
    id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
    iu_id uuid NOT NULL REFERENCES public.information_unit (id),
    version_no integer NOT NULL,
    body text NOT NULL,
    content_hash text GENERATED ALWAYS AS (public.fn_iu_content_hash(body)) STORED,
    lifecycle_status text NOT NULL DEFAULT 'draft',
    change_set_id uuid,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    created_by text NOT NULL,
    created_db_user text NOT NULL DEFAULT session_user,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_by text NOT NULL,
    CONSTRAINT unit_version_iu_version_key UNIQUE (iu_id, version_no),
    CONSTRAINT unit_version_id_iu_key UNIQUE (id, iu_id),
    CONSTRAINT unit_version_version_no_positive CHECK (version_no >= 1),
    CONSTRAINT unit_version_body_not_blank CHECK (body ~ '[^[:space:]]'),
    CONSTRAINT unit_version_body_nfc CHECK (body IS NFC NORMALIZED),
    CONSTRAINT unit_version_lifecycle_status CHECK (
        lifecycle_status IN ('draft', 'enacted', 'superseded', 'retired')
    ),
    CONSTRAINT unit_version_created_by_present CHECK (pg_catalog.btrim(created_by) <> ''),
    CONSTRAINT unit_version_updated_by_present CHECK (pg_catalog.btrim(updated_by) <> '')
);

-- At most one draft and one enacted version per unit (a supersede drafts beside the enacted one).
CREATE UNIQUE INDEX unit_version_one_draft_per_iu
ON public.unit_version (iu_id) WHERE lifecycle_status = 'draft';
CREATE UNIQUE INDEX unit_version_one_enacted_per_iu
ON public.unit_version (iu_id) WHERE lifecycle_status = 'enacted';

ALTER TABLE public.information_unit
ADD CONSTRAINT information_unit_current_version_fk
FOREIGN KEY (current_version_id, id) REFERENCES public.unit_version (id, iu_id);

ALTER TABLE public.unit_version OWNER TO iu_owner;
REVOKE ALL ON TABLE public.unit_version FROM PUBLIC;
GRANT SELECT ON TABLE public.unit_version
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON TABLE public.unit_version IS
'Content versions of an IU. Written only through the gateway functions.';
COMMENT ON COLUMN public.unit_version.change_set_id IS
'The governed cut that created this version, if any.';
COMMENT ON COLUMN public.unit_version.content_hash IS
'fn_iu_content_hash(body): SHA-256 of the NFC body, computed by the database.';
