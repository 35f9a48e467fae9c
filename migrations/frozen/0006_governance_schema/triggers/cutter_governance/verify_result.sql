-- Triggers of cutter_governance.verify_result: the append-only guard (first, statement level)
-- and the hash chain (row level).
CREATE TRIGGER trg_aa_verify_result_guard
BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cutter_governance.verify_result
FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.fn_gov_write_guard('fn_gov_record_verify');

COMMENT ON TRIGGER trg_aa_verify_result_guard ON cutter_governance.verify_result IS
'Append-only: INSERT only by fn_gov_record_verify, never UPDATE, DELETE or TRUNCATE.';

CREATE TRIGGER trg_ab_verify_result_chain
BEFORE INSERT ON cutter_governance.verify_result
FOR EACH ROW EXECUTE FUNCTION cutter_governance.fn_gov_chain();

COMMENT ON TRIGGER trg_ab_verify_result_chain ON cutter_governance.verify_result IS
'Numbers the row and links it to its predecessor (chain_pos, prev_hash, row_hash).';
