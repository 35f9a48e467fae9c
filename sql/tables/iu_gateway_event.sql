-- What the guard let through without a canonical writer: exempted migration writes and
-- pilot-mode writes. These rows commit with the write they describe. Refusals in enforced
-- mode roll back with their statement, so their durable trace is the pair of counters below
-- (sequences are not transactional) plus a LOG line in the server log.
CREATE TABLE public.iu_gateway_event (
    id uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
    occurred_at timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    verdict text NOT NULL,
    table_name text NOT NULL,
    operation text NOT NULL,
    marker text,
    exemption_ticket text REFERENCES public.iu_gateway_exemption (ticket),
    db_user text NOT NULL DEFAULT session_user,
    set_role text NOT NULL,
    application_name text,
    client_addr inet,
    backend_pid integer NOT NULL,
    xact_id xid8 NOT NULL,
    statement text,
    CONSTRAINT iu_gateway_event_verdict CHECK (
        verdict IN (
            'exempted', 'pilot_no_marker', 'pilot_unknown_marker', 'pilot_forged_marker',
            'pilot_invalid_exemption'
        )
    ),
    CONSTRAINT iu_gateway_event_operation CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'))
);

CREATE INDEX iu_gateway_event_occurred_idx ON public.iu_gateway_event (occurred_at);

CREATE SEQUENCE public.iu_gateway_refusal_seq AS bigint NO CYCLE;
CREATE SEQUENCE public.iu_gateway_forged_marker_seq AS bigint NO CYCLE;

ALTER TABLE public.iu_gateway_event OWNER TO iu_owner;
ALTER SEQUENCE public.iu_gateway_refusal_seq OWNER TO iu_owner;
ALTER SEQUENCE public.iu_gateway_forged_marker_seq OWNER TO iu_owner;
REVOKE ALL ON TABLE public.iu_gateway_event FROM PUBLIC;
REVOKE ALL ON SEQUENCE public.iu_gateway_refusal_seq FROM PUBLIC;
REVOKE ALL ON SEQUENCE public.iu_gateway_forged_marker_seq FROM PUBLIC;
GRANT SELECT ON TABLE public.iu_gateway_event TO cutter_verifier, iu_reader;
GRANT SELECT ON SEQUENCE public.iu_gateway_refusal_seq TO cutter_verifier, iu_reader;
GRANT SELECT ON SEQUENCE public.iu_gateway_forged_marker_seq TO cutter_verifier, iu_reader;
COMMENT ON TABLE public.iu_gateway_event IS
'Writes the guard allowed without a canonical writer (exemptions, pilot mode), with who and what.';
COMMENT ON SEQUENCE public.iu_gateway_refusal_seq IS
'Counts every write the guard refused (IU001). Not transactional: survives the rollback of the refused statement.';
COMMENT ON SEQUENCE public.iu_gateway_forged_marker_seq IS
'Counts writes that carried a canonical marker with no open ticket (a hand-set marker), refused or, in pilot mode, allowed.';
