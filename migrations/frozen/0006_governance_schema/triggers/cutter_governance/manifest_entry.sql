-- Triggers of cutter_governance.manifest_entry: the append-only guard (first, statement level)
-- (entries are covered by their envelope's digest, not chained one by one).
CREATE TRIGGER trg_aa_manifest_entry_guard
BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON cutter_governance.manifest_entry
FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.fn_gov_write_guard('fn_gov_record_manifest');

COMMENT ON TRIGGER trg_aa_manifest_entry_guard ON cutter_governance.manifest_entry IS
'Append-only: INSERT only by fn_gov_record_manifest, never UPDATE, DELETE or TRUNCATE.';
