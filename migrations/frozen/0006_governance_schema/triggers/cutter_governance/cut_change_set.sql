-- Triggers of cutter_governance.cut_change_set: the append-only guard (first, statement level)
-- and the hash chain (row level).
CREATE TRIGGER trg_aa_cut_change_set_guard
BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cutter_governance.cut_change_set
FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.fn_gov_write_guard('fn_gov_open_change_set');

COMMENT ON TRIGGER trg_aa_cut_change_set_guard ON cutter_governance.cut_change_set IS
'Append-only: INSERT only by fn_gov_open_change_set, UPDATE only of the status by fn_gov_set_status, never DELETE or TRUNCATE.';

CREATE TRIGGER trg_ab_cut_change_set_chain
BEFORE INSERT ON cutter_governance.cut_change_set
FOR EACH ROW EXECUTE FUNCTION cutter_governance.fn_gov_chain();

COMMENT ON TRIGGER trg_ab_cut_change_set_chain ON cutter_governance.cut_change_set IS
'Numbers the row and links it to its predecessor (chain_pos, prev_hash, row_hash).';

CREATE TRIGGER trg_ac_cut_change_set_status
BEFORE UPDATE ON cutter_governance.cut_change_set
FOR EACH ROW EXECUTE FUNCTION cutter_governance.fn_gov_status_guard();

COMMENT ON TRIGGER trg_ac_cut_change_set_status ON cutter_governance.cut_change_set IS
'Only the status of a change set moves, and only along an allowed transition.';

CREATE CONSTRAINT TRIGGER trg_zz_cut_change_set_complete
AFTER INSERT ON cutter_governance.cut_change_set
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION cutter_governance.fn_gov_change_set_complete();

COMMENT ON TRIGGER trg_zz_cut_change_set_complete ON cutter_governance.cut_change_set IS
'At COMMIT: the change set has its manifest envelope and executor signature (IU013 otherwise).';
