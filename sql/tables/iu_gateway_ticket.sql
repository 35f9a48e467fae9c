-- The detector's proof of origin. A canonical writer opens a ticket (as iu_owner) before it
-- writes and closes it before it returns; the guard accepts a marker only when this backend's
-- current transaction holds an open ticket for exactly that marker. Nobody but iu_owner may
-- write here, so a role that can set GUCs can claim a marker but cannot prove it.
CREATE UNLOGGED TABLE public.iu_gateway_ticket (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    backend_pid integer NOT NULL,
    xact_id xid8 NOT NULL,
    marker text NOT NULL,
    previous_marker text,
    opened_at timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp()
);

CREATE INDEX iu_gateway_ticket_backend_idx ON public.iu_gateway_ticket (backend_pid, xact_id);

ALTER TABLE public.iu_gateway_ticket OWNER TO iu_owner;
REVOKE ALL ON TABLE public.iu_gateway_ticket FROM PUBLIC;
COMMENT ON TABLE public.iu_gateway_ticket IS
'Open canonical-writer tickets (one per running gateway call). Written only by fn_iu_gateway_open/close as iu_owner; empty between calls.';
