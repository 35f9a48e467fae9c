-- The largest source document iu-cutter reads (issue 7: a document of ten million units is
-- refused by a documented limit, not by running out of memory). Seeded idempotently; a re-run
-- restores the shipped value, pattern and description.
INSERT INTO public.dot_config AS c (key, value, value_pattern, description)
VALUES
(
    'cutter_governance.max_source_bytes', '67108864', '^[1-9][0-9]{0,9}$',
    'Largest source document (Markdown, text, Akoma Ntoso XML or JSON cut manifest), in bytes, that '
    || 'iu-cutter reads; a larger one is refused with IU009 before it is read. Cutting holds about 30 '
    || 'to 55 bytes of client memory per source byte, so this bounds what any cut can cost.'
)
ON CONFLICT (key) DO UPDATE
    SET
        value = excluded.value,
        value_pattern = excluded.value_pattern,
        description = excluded.description,
        updated_at = pg_catalog.now(),
        updated_by = session_user;
