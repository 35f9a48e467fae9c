-- The rollback writer added to the gateway's allowed markers (issue 6): appended when missing,
-- whatever else the list holds.
UPDATE public.dot_config AS c
SET
    value = c.value || ',fn_iu_rollback',
    updated_at = pg_catalog.now(),
    updated_by = session_user
WHERE
    c.key = 'iu_create.gateway.allowed_marker_values'
    AND NOT 'fn_iu_rollback' = any(pg_catalog.string_to_array(c.value, ','));
