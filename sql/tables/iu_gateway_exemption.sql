-- The narrow exemption of seed 004 §2.3: a marker migration:<ticket> is accepted only while a
-- row for that ticket exists, has a reason, covers the table and operation, is not revoked
-- and has not expired.
CREATE TABLE public.iu_gateway_exemption (
    ticket text PRIMARY KEY,
    reason text NOT NULL,
    tables text[] NOT NULL DEFAULT ARRAY['information_unit', 'unit_version'],
    operations text[] NOT NULL DEFAULT ARRAY['INSERT', 'UPDATE'],
    expires_at timestamptz NOT NULL,
    granted_by text NOT NULL,
    granted_db_user text NOT NULL DEFAULT session_user,
    granted_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    revoked_at timestamptz,
    revoked_by text,
    CONSTRAINT iu_gateway_exemption_ticket_format CHECK (ticket ~ '^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$'),
    CONSTRAINT iu_gateway_exemption_reason_present CHECK (pg_catalog.char_length(pg_catalog.btrim(reason)) >= 10),
    CONSTRAINT iu_gateway_exemption_expiry_after_grant CHECK (expires_at > granted_at),
    CONSTRAINT iu_gateway_exemption_tables_known CHECK (
        tables <@ ARRAY['information_unit', 'unit_version'] AND pg_catalog.cardinality(tables) > 0
    ),
    CONSTRAINT iu_gateway_exemption_operations_known CHECK (
        operations <@ ARRAY['INSERT', 'UPDATE', 'DELETE'] AND pg_catalog.cardinality(operations) > 0
    ),
    CONSTRAINT iu_gateway_exemption_revocation_pair CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);

ALTER TABLE public.iu_gateway_exemption OWNER TO iu_owner;
REVOKE ALL ON TABLE public.iu_gateway_exemption FROM PUBLIC;
GRANT SELECT ON TABLE public.iu_gateway_exemption TO cutter_verifier, iu_reader;
COMMENT ON TABLE public.iu_gateway_exemption IS
'Registered migration exemptions (seed 004 §2.3): narrow, with a reason and an expiry. Written by fn_iu_gateway_exemption_grant/revoke.';
