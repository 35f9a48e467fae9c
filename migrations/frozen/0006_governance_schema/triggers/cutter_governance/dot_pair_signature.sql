-- Triggers of cutter_governance.dot_pair_signature: the append-only guard (first, statement level)
-- and the hash chain (row level).
CREATE TRIGGER trg_aa_dot_pair_signature_guard
BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cutter_governance.dot_pair_signature
FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.fn_gov_write_guard(
    'fn_gov_sign_executor', 'fn_gov_record_verify', 'fn_gov_record_review'
);

COMMENT ON TRIGGER trg_aa_dot_pair_signature_guard ON cutter_governance.dot_pair_signature IS
'Append-only: INSERT only by fn_gov_sign_executor, fn_gov_record_verify, fn_gov_record_review, never UPDATE, DELETE or TRUNCATE.';

CREATE TRIGGER trg_ab_dot_pair_signature_chain
BEFORE INSERT ON cutter_governance.dot_pair_signature
FOR EACH ROW EXECUTE FUNCTION cutter_governance.fn_gov_chain();

COMMENT ON TRIGGER trg_ab_dot_pair_signature_chain ON cutter_governance.dot_pair_signature IS
'Numbers the row and links it to its predecessor (chain_pos, prev_hash, row_hash).';
