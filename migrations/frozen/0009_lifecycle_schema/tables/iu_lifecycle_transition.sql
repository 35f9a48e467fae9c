-- The allowed lifecycle transitions, as data. The lifecycle triggers refuse any status change
-- not listed here (IU003), and every iu_lifecycle_log row names one of these rows.
CREATE TABLE public.iu_lifecycle_transition (
    from_status text NOT NULL REFERENCES public.iu_lifecycle_vocab (code),
    to_status text NOT NULL REFERENCES public.iu_lifecycle_vocab (code),
    transition_type text NOT NULL,
    review_subject text,
    description text NOT NULL,
    PRIMARY KEY (from_status, to_status),
    CONSTRAINT iu_lifecycle_transition_full_key UNIQUE (from_status, to_status, transition_type),
    CONSTRAINT iu_lifecycle_transition_moves CHECK (from_status <> to_status),
    CONSTRAINT iu_lifecycle_transition_type_format CHECK (transition_type ~ '^[a-z][a-z_]*$'),
    CONSTRAINT iu_lifecycle_transition_subject CHECK (review_subject IN ('enact', 'supersede', 'retire'))
);

INSERT INTO public.iu_lifecycle_transition (from_status, to_status, transition_type, review_subject, description)
VALUES
('draft', 'enacted', 'enact', 'enact', 'A draft is enacted under an approved review decision (fn_iu_enact).'),
(
    'enacted', 'superseded', 'supersede', 'supersede',
    'An enacted version is replaced by a newly enacted version of the same unit (fn_iu_supersede).'
),
(
    'enacted',
    'retired',
    'retire',
    'retire',
    'An enacted unit is retired under an approved review decision (fn_iu_retire).'
),
('draft', 'retired', 'withdraw', NULL, 'A draft that was never enacted is withdrawn (fn_iu_retire).');

ALTER TABLE public.iu_lifecycle_transition OWNER TO iu_owner;
REVOKE ALL ON TABLE public.iu_lifecycle_transition FROM PUBLIC;
GRANT SELECT ON TABLE public.iu_lifecycle_transition
TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON TABLE public.iu_lifecycle_transition IS
'Allowed lifecycle transitions (from, to, type, the review subject that authorises it). Any other status change is IU003.';
