-- The iu_enact.* policy keys (seed 004 §2.4 step 4), seeded idempotently like the gateway
-- family, and the lifecycle writers added to the gateway's allowed markers (step 2): appended
-- when missing, whatever else the list holds.
INSERT INTO public.dot_config AS c (key, value, value_pattern, description)
VALUES
(
    'iu_enact.mode', 'enabled', '^(enabled|frozen)$',
    'enabled: the lifecycle writers (enact, supersede, retire) run; frozen: every lifecycle change is '
    || 'refused with IU003 (a change freeze), cuts and draft edits still work.'
),
(
    'iu_enact.require_distinct_reviewer', 'true', '^(true|false)$',
    'true: a review decision is refused (IU004) when decided by the actor who enacts, supersedes or '
    || 'retires, or by the executor of the cut. false only for a single-person sandbox.'
),
(
    'iu_enact.require_verified_change_set', 'true', '^(true|false)$',
    'true: units are enacted or superseded only from a change set whose VERIFY passed (IU003 otherwise).'
),
(
    'iu_enact.review_max_age_days', '90', '^([1-9][0-9]{0,2}|[1-3][0-9]{3})$',
    'A review decision older than this many days no longer authorises a lifecycle change (IU004), '
    || 'whatever its own expiry.'
),
(
    'iu_enact.max_units_per_call', '250000', '^[1-9][0-9]{0,8}$',
    'Most units one fn_iu_enact_batch, fn_iu_supersede_batch or fn_iu_retire_batch call accepts (IU009 above it).'
)
ON CONFLICT (key) DO UPDATE
    SET
        value = excluded.value,
        value_pattern = excluded.value_pattern,
        description = excluded.description,
        updated_at = pg_catalog.now(),
        updated_by = session_user;

UPDATE public.dot_config AS c
SET
    value = c.value || (
        SELECT pg_catalog.string_agg(',' || w.marker, '' ORDER BY w.ord)
        FROM
            unnest(ARRAY['fn_iu_enact', 'fn_iu_revise', 'fn_iu_supersede', 'fn_iu_retire'])
            WITH ORDINALITY AS w (marker, ord)
        WHERE NOT w.marker = any(pg_catalog.string_to_array(c.value, ','))
    ),
    updated_at = pg_catalog.now(),
    updated_by = session_user
WHERE
    c.key = 'iu_create.gateway.allowed_marker_values'
    AND EXISTS (
        SELECT 1
        FROM unnest(ARRAY['fn_iu_enact', 'fn_iu_revise', 'fn_iu_supersede', 'fn_iu_retire']) AS w (marker)
        WHERE NOT w.marker = any(pg_catalog.string_to_array(c.value, ','))
    );
