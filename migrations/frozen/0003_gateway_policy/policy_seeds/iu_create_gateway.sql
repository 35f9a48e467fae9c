-- The nine iu_create.gateway.* policy keys (Pack 22-P3-P1), seeded idempotently. A re-run
-- restores the shipped value, pattern and description; iu-cutter survey reports any
-- difference between these rows and the live table.
INSERT INTO public.dot_config AS c (key, value, value_pattern, description)
VALUES
(
    'iu_create.gateway.mode', 'enforced', '^(enforced|pilot)$',
    'enforced: the guard refuses a write without a valid canonical marker (IU001); pilot: it allows '
    || 'the write with a WARNING and records an iu_gateway_event row.'
),
(
    'iu_create.gateway.allowed_marker_values', 'fn_iu_create,fn_iu_apply_edit_draft',
    '^[a-z_][a-z0-9_]*(,[a-z_][a-z0-9_]*)*$',
    'Comma list of canonical writers whose marker the guard accepts, each only with an open ticket '
    || 'from that writer (the detector).'
),
(
    'iu_create.gateway.exemption_prefix', 'migration:', '^[a-z]+:$',
    'Marker prefix of a migration exemption (seed 004 §2.3): <prefix><ticket> is accepted only while '
    || 'iu_gateway_exemption holds that ticket, unrevoked and unexpired.'
),
(
    'iu_create.gateway.exemption_max_days', '14', '^([1-9]|[1-8][0-9]|90)$',
    'Longest validity, in days, that fn_iu_gateway_exemption_grant accepts for one exemption (1-90).'
),
(
    'iu_create.gateway.pub1_mode', 'warn', '^(off|warn|block)$',
    'Birth gate P-pub1 (lesson L4): a cut without a publication type. warn raises a WARNING; block refuses with IU005.'
),
(
    'iu_create.gateway.pub2_mode', 'warn', '^(off|warn|block)$',
    'Birth gate P-pub2 (lesson L4): a publication type outside iu_create.gateway.publication_types. '
    || 'warn raises a WARNING; block refuses with IU005.'
),
(
    'iu_create.gateway.publication_types',
    'constitution,law,code,ordinance,decree,resolution,regulation,directive,decision,circular,treaty',
    '^[a-z][a-z_]*(,[a-z][a-z_]*)*$',
    'Publication types the birth gate P-pub2 recognises.'
),
(
    'iu_create.gateway.max_units_per_call', '250000', '^[1-9][0-9]{0,8}$',
    'Most units one fn_iu_create call accepts; a larger manifest is refused with IU009 before anything is read.'
),
(
    'iu_create.gateway.max_body_bytes', '1048576', '^[1-9][0-9]{0,9}$',
    'Largest unit body in UTF-8 bytes that fn_iu_create and fn_iu_apply_edit_draft accept (IU009 above it).'
)
ON CONFLICT (key) DO UPDATE
    SET
        value = excluded.value,
        value_pattern = excluded.value_pattern,
        description = excluded.description,
        updated_at = pg_catalog.now(),
        updated_by = session_user;
