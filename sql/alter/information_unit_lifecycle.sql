-- Lifecycle columns of information_unit: the status references the vocabulary (replacing the
-- CHECK of revision 0002), and enactment and retirement are stamped with when and by whom.
ALTER TABLE public.information_unit
DROP CONSTRAINT information_unit_lifecycle_status,
ADD COLUMN enacted_at timestamptz,
ADD COLUMN enacted_by text,
ADD COLUMN retired_at timestamptz,
ADD COLUMN retired_by text,
ADD CONSTRAINT information_unit_lifecycle_status_fk
FOREIGN KEY (lifecycle_status) REFERENCES public.iu_lifecycle_vocab (code),
ADD CONSTRAINT information_unit_enacted_stamp CHECK (
    (enacted_at IS NULL) = (enacted_by IS NULL)
    AND (lifecycle_status <> 'enacted' OR enacted_at IS NOT NULL)
),
ADD CONSTRAINT information_unit_retired_stamp CHECK (
    (retired_at IS NULL) = (retired_by IS NULL)
    AND (lifecycle_status = 'retired') = (retired_at IS NOT NULL)
);

COMMENT ON COLUMN public.information_unit.lifecycle_status IS
'draft, enacted or retired (iu_lifecycle_vocab); moved only by the lifecycle writers along iu_lifecycle_transition.';
COMMENT ON COLUMN public.information_unit.enacted_at IS
'When the unit was first enacted (fn_iu_enact); a supersede keeps it and stamps the versions.';
COMMENT ON COLUMN public.information_unit.retired_at IS
'When the unit was retired, or withdrawn as a draft (fn_iu_retire).';
