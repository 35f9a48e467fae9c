-- Governance policy, seeded idempotently.
INSERT INTO public.dot_config AS c (key, value, value_pattern, description)
VALUES
(
    'cutter_governance.key_registration', 'auto', '^(auto|admin)$',
    'auto: a lane registers its own actor''s first Ed25519 key on first use (a new install needs no '
    || 'ceremony); admin: only the DB team registers keys. A second key for a signer always needs an admin.'
),
(
    'cutter_governance.separation_of_duties', 'actor', '^(actor|strict)$',
    'Who may not verify or review their own cut. actor: the actor names differ; strict: the actor '
    || 'names, the database logins and the signing keys all differ.'
)
ON CONFLICT (key) DO UPDATE
    SET
        value = excluded.value,
        value_pattern = excluded.value_pattern,
        description = excluded.description,
        updated_at = pg_catalog.now(),
        updated_by = session_user;
