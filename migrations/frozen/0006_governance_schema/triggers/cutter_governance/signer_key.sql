-- Triggers of cutter_governance.signer_key: the append-only guard (first, statement level)
-- and the hash chain (row level).
CREATE TRIGGER trg_aa_signer_key_guard
BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cutter_governance.signer_key
FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.fn_gov_write_guard('fn_gov_register_key');

COMMENT ON TRIGGER trg_aa_signer_key_guard ON cutter_governance.signer_key IS
'Append-only: INSERT only by fn_gov_register_key, never UPDATE, DELETE or TRUNCATE.';

CREATE TRIGGER trg_ab_signer_key_chain
BEFORE INSERT ON cutter_governance.signer_key
FOR EACH ROW EXECUTE FUNCTION cutter_governance.fn_gov_chain();

COMMENT ON TRIGGER trg_ab_signer_key_chain ON cutter_governance.signer_key IS
'Numbers the row and links it to its predecessor (chain_pos, prev_hash, row_hash).';
