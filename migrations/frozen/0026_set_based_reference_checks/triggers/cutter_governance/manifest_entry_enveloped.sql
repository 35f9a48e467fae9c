-- Every statement that adds manifest entries is checked against their envelopes, set-based
-- (fn_gov_manifest_entries_check). It runs after the statement, after the append-only guard.
CREATE TRIGGER trg_ab_manifest_entry_enveloped
AFTER INSERT ON cutter_governance.manifest_entry
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT
EXECUTE FUNCTION cutter_governance.fn_gov_manifest_entries_check();

COMMENT ON TRIGGER trg_ab_manifest_entry_enveloped ON cutter_governance.manifest_entry IS
'The statement''s entries name existing envelopes and are all of each envelope''s entries, numbered 1..unit_count.';
