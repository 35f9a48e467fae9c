-- Lifecycle columns of unit_version: the status references the vocabulary (replacing the
-- CHECK of revision 0002); a version is in force from enacted_at until it is superseded or
-- retired, which is what the point-in-time functions read.
ALTER TABLE public.unit_version
DROP CONSTRAINT unit_version_lifecycle_status,
ADD COLUMN enacted_at timestamptz,
ADD COLUMN enacted_by text,
ADD COLUMN superseded_at timestamptz,
ADD COLUMN superseded_by text,
ADD COLUMN retired_at timestamptz,
ADD COLUMN retired_by text,
ADD CONSTRAINT unit_version_lifecycle_status_fk
FOREIGN KEY (lifecycle_status) REFERENCES public.iu_lifecycle_vocab (code),
ADD CONSTRAINT unit_version_enacted_stamp CHECK (
    (enacted_at IS NULL) = (enacted_by IS NULL)
    AND (lifecycle_status NOT IN ('enacted', 'superseded') OR enacted_at IS NOT NULL)
),
ADD CONSTRAINT unit_version_superseded_stamp CHECK (
    (superseded_at IS NULL) = (superseded_by IS NULL)
    AND (lifecycle_status = 'superseded') = (superseded_at IS NOT NULL)
    AND (superseded_at IS NULL OR superseded_at >= enacted_at)
),
ADD CONSTRAINT unit_version_retired_stamp CHECK (
    (retired_at IS NULL) = (retired_by IS NULL)
    AND (lifecycle_status = 'retired') = (retired_at IS NOT NULL)
);

CREATE INDEX unit_version_in_force_idx ON public.unit_version (iu_id, enacted_at)
WHERE enacted_at IS NOT NULL;

COMMENT ON COLUMN public.unit_version.enacted_at IS
'Start of the period in which this version is in force.';
COMMENT ON COLUMN public.unit_version.superseded_at IS
'End of that period when a newer version of the unit was enacted (fn_iu_supersede).';
COMMENT ON COLUMN public.unit_version.retired_at IS
'End of that period when the unit was retired (fn_iu_retire).';
