-- Triggers of cutter_governance.manifest_envelope: the append-only guard (first, statement level)
-- and the hash chain (row level).
CREATE TRIGGER trg_aa_manifest_envelope_guard
BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cutter_governance.manifest_envelope
FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.fn_gov_write_guard('fn_gov_record_manifest');

COMMENT ON TRIGGER trg_aa_manifest_envelope_guard ON cutter_governance.manifest_envelope IS
'Append-only: INSERT only by fn_gov_record_manifest, never UPDATE, DELETE or TRUNCATE.';

CREATE TRIGGER trg_ab_manifest_envelope_chain
BEFORE INSERT ON cutter_governance.manifest_envelope
FOR EACH ROW EXECUTE FUNCTION cutter_governance.fn_gov_chain();

COMMENT ON TRIGGER trg_ab_manifest_envelope_chain ON cutter_governance.manifest_envelope IS
'Numbers the row and links it to its predecessor (chain_pos, prev_hash, row_hash).';
