-- Six declared foreign keys, each checked row by row against one row that every row of a cut or
-- an enactment shares, give way to checks made once per statement. Nothing they refused is
-- accepted:
--   * the statuses of units and versions: a new row is a draft (trg_*_born_draft, IU003) and a
--     status moves only along iu_lifecycle_transition (trg_*_allowed_transition, IU003), whose
--     rows reference the vocabulary; the vocabulary and the transitions are fixed data;
--   * the change set that units and versions name: trg_iu_change_set_known and
--     trg_uv_change_set_known (23503);
--   * the transition a log row records: trg_iu_lifecycle_log_sealed (23503);
--   * the envelope of manifest entries: trg_ab_manifest_entry_enveloped (23503), which also
--     checks each envelope's count, numbering and created count (IU010).
-- The triggers are created before this file runs.
ALTER TABLE public.information_unit
DROP CONSTRAINT information_unit_lifecycle_status_fk,
DROP CONSTRAINT information_unit_created_change_set_fk;

ALTER TABLE public.unit_version
DROP CONSTRAINT unit_version_lifecycle_status_fk,
DROP CONSTRAINT unit_version_change_set_fk;

ALTER TABLE public.iu_lifecycle_log
DROP CONSTRAINT iu_lifecycle_log_transition_fk;

ALTER TABLE cutter_governance.manifest_entry
DROP CONSTRAINT manifest_entry_envelope_id_fkey;

COMMENT ON COLUMN public.information_unit.lifecycle_status IS
'draft, enacted or retired (iu_lifecycle_vocab): born draft (trg_iu_born_draft), moved only by the lifecycle writers along iu_lifecycle_transition (trg_iu_allowed_transition).';
COMMENT ON COLUMN public.unit_version.lifecycle_status IS
'draft, enacted, superseded or retired (iu_lifecycle_vocab): born draft (trg_uv_born_draft), moved only along iu_lifecycle_transition (trg_uv_allowed_transition).';
COMMENT ON COLUMN public.information_unit.created_change_set_id IS
'The governed cut (cutter_governance.cut_change_set) that created this unit, if any; checked per statement by trg_iu_change_set_known.';
COMMENT ON COLUMN public.unit_version.change_set_id IS
'The governed cut (cutter_governance.cut_change_set) that created this version, if any; checked per statement by trg_uv_change_set_known.';
COMMENT ON COLUMN cutter_governance.manifest_entry.envelope_id IS
'The envelope recorded with this entry (manifest_envelope.id), checked per statement by trg_ab_manifest_entry_enveloped.';
COMMENT ON TRIGGER trg_iu_lifecycle_log_sealed ON public.iu_lifecycle_log IS
'The statement''s rows record listed transitions, name existing seals and are all of each seal''s rows, numbered 1..entry_count.';
