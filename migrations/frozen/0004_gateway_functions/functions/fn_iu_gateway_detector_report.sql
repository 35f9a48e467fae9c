-- What an auditor reads: how many writes the guard refused and how many carried a hand-set
-- marker (both durable across rollbacks), and the writes it let through without a canonical
-- writer, by verdict.
CREATE FUNCTION public.fn_iu_gateway_detector_report()
RETURNS TABLE (measure text, value bigint, last_seen timestamptz)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT 'refused_writes'::text,
        CASE WHEN s.is_called THEN s.last_value ELSE 0 END, NULL::timestamptz
    FROM public.iu_gateway_refusal_seq AS s
    UNION ALL
    SELECT 'forged_markers',
        CASE WHEN s.is_called THEN s.last_value ELSE 0 END, NULL::timestamptz
    FROM public.iu_gateway_forged_marker_seq AS s
    UNION ALL
    SELECT e.verdict, count(*), max(e.occurred_at)
    FROM public.iu_gateway_event AS e
    GROUP BY e.verdict
$fn$;

ALTER FUNCTION public.fn_iu_gateway_detector_report() OWNER TO iu_owner;
REVOKE ALL ON FUNCTION public.fn_iu_gateway_detector_report() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.fn_iu_gateway_detector_report() TO cutter_verifier, iu_reader;
COMMENT ON FUNCTION public.fn_iu_gateway_detector_report() IS
'Detector counters for auditors: refused writes and hand-set markers (sequences: survive rollback), and allowed non-canonical writes by verdict.';
