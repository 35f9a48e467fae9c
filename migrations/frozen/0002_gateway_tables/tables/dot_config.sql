-- Policy keys. Every key describes itself and carries the pattern its value must match, so a
-- bad value is refused by the table, not discovered by the function that reads it.
CREATE TABLE public.dot_config (
    key text PRIMARY KEY,
    value text NOT NULL,
    value_pattern text NOT NULL,
    description text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_by text NOT NULL DEFAULT session_user,
    CONSTRAINT dot_config_key_format CHECK (key ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
    CONSTRAINT dot_config_value_matches_pattern CHECK (value ~ value_pattern),
    CONSTRAINT dot_config_description_present CHECK (pg_catalog.btrim(description) <> '')
);

ALTER TABLE public.dot_config OWNER TO iu_owner;
REVOKE ALL ON TABLE public.dot_config FROM PUBLIC;
GRANT SELECT ON TABLE public.dot_config
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON TABLE public.dot_config IS
'Policy keys read by the gateway and the lifecycle functions. Only iu_owner writes (migrations).';
COMMENT ON COLUMN public.dot_config.value_pattern IS
'Regular expression the value must match; the table refuses any other value.';
