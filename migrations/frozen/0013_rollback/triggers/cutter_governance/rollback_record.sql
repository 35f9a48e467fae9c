-- Triggers of cutter_governance.rollback_record: the append-only guard (first, statement level)
-- and the hash chain (row level).
CREATE TRIGGER trg_aa_rollback_record_guard
BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cutter_governance.rollback_record
FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.fn_gov_write_guard('fn_iu_rollback');

COMMENT ON TRIGGER trg_aa_rollback_record_guard ON cutter_governance.rollback_record IS
'Append-only: INSERT only by fn_iu_rollback, never UPDATE, DELETE or TRUNCATE.';

CREATE TRIGGER trg_ab_rollback_record_chain
BEFORE INSERT ON cutter_governance.rollback_record
FOR EACH ROW EXECUTE FUNCTION cutter_governance.fn_gov_chain();

COMMENT ON TRIGGER trg_ab_rollback_record_chain ON cutter_governance.rollback_record IS
'Numbers the row and links it to its predecessor (chain_pos, prev_hash, row_hash).';
