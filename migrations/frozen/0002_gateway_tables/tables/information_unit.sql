-- One row per Information Unit. The address is the identity; kind, document code and parent
-- address are derived from it by the database, so they can never disagree with it.
CREATE TABLE public.information_unit (
    id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
    canonical_address text NOT NULL,
    doc_code text GENERATED ALWAYS AS (pg_catalog.split_part(canonical_address, '/', 1)) STORED,
    unit_kind text GENERATED ALWAYS AS (
        CASE
            WHEN pg_catalog.strpos(canonical_address, '/') = 0 THEN 'doc'
            ELSE pg_catalog.regexp_replace(canonical_address, '^.*/([a-z]+)_[a-z0-9]+$', '\1')
        END
    ) STORED,
    unit_number text GENERATED ALWAYS AS (
        CASE
            WHEN pg_catalog.strpos(canonical_address, '/') > 0
                THEN pg_catalog.regexp_replace(canonical_address, '^.*/[a-z]+_([a-z0-9]+)$', '\1')
        END
    ) STORED,
    parent_address text GENERATED ALWAYS AS (
        CASE
            WHEN pg_catalog.strpos(canonical_address, '/') > 0
                THEN pg_catalog.regexp_replace(canonical_address, '/[^/]+$', '')
        END
    ) STORED,
    parent_id uuid,
    doc_order integer NOT NULL,
    title text,
    publication_type text,
    lifecycle_status text NOT NULL DEFAULT 'draft',
    current_version_id uuid NOT NULL,
    created_change_set_id uuid,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    created_by text NOT NULL,
    created_db_user text NOT NULL DEFAULT session_user,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_by text NOT NULL,
    CONSTRAINT information_unit_canonical_address_key UNIQUE (canonical_address),
    CONSTRAINT information_unit_id_address_key UNIQUE (id, canonical_address),
    CONSTRAINT information_unit_address_grammar CHECK (
        canonical_address ~ '^[A-Z0-9]+(-[A-Z0-9]+)*(/[a-z]+_[a-z0-9]+)*$'
        AND pg_catalog.octet_length(canonical_address) <= 1024
    ),
    CONSTRAINT information_unit_parent_fk
    FOREIGN KEY (parent_id, parent_address)
    REFERENCES public.information_unit (id, canonical_address),
    CONSTRAINT information_unit_parent_pair CHECK ((parent_id IS NULL) = (parent_address IS NULL)),
    CONSTRAINT information_unit_doc_order_nonnegative CHECK (doc_order >= 0),
    CONSTRAINT information_unit_lifecycle_status CHECK (
        lifecycle_status IN ('draft', 'enacted', 'superseded', 'retired')
    ),
    CONSTRAINT information_unit_title_length CHECK (pg_catalog.char_length(title) <= 4000),
    CONSTRAINT information_unit_publication_type_format CHECK (publication_type ~ '^[a-z][a-z_]{0,62}$'),
    CONSTRAINT information_unit_created_by_present CHECK (pg_catalog.btrim(created_by) <> ''),
    CONSTRAINT information_unit_updated_by_present CHECK (pg_catalog.btrim(updated_by) <> '')
);

CREATE INDEX information_unit_parent_id_idx ON public.information_unit (parent_id);
CREATE INDEX information_unit_doc_order_idx ON public.information_unit (doc_code, doc_order);

ALTER TABLE public.information_unit OWNER TO iu_owner;
REVOKE ALL ON TABLE public.information_unit FROM PUBLIC;
GRANT SELECT ON TABLE public.information_unit
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON TABLE public.information_unit IS
'One row per Information Unit. Written only through the gateway functions (fn_iu_create, fn_iu_apply_edit_draft, ...).';
COMMENT ON COLUMN public.information_unit.canonical_address IS
'DOC-CODE then /-separated <kind>_<number> segments (CONTRACT §5).';
COMMENT ON COLUMN public.information_unit.parent_id IS
'The unit whose address is this address minus its last segment; the composite foreign key keeps id and address in step.';
COMMENT ON COLUMN public.information_unit.doc_order IS
'Position in document order within the document (0 for the document root).';
COMMENT ON COLUMN public.information_unit.created_change_set_id IS
'The governed cut (cutter_governance.cut_change_set) that created this unit, if any.';
COMMENT ON COLUMN public.information_unit.current_version_id IS
'The version that carries this unit''s content now; always one of its own versions.';
