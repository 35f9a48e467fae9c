-- The log's reference to its seal is checked once per statement by trg_iu_lifecycle_log_sealed
-- (which also checks each seal's count and numbering) instead of row by row by a foreign key.
ALTER TABLE public.iu_lifecycle_log
DROP CONSTRAINT iu_lifecycle_log_seal_id_fkey;

COMMENT ON COLUMN public.iu_lifecycle_log.seal_id IS
'The seal written with this row (iu_lifecycle_log_seal.id), checked per statement by trg_iu_lifecycle_log_sealed.';
