-- A revision change set records new versions of enacted units: its manifest entries say
-- 'revised'. The envelope's created_count counts new content (new units and new versions).
ALTER TABLE cutter_governance.manifest_entry
DROP CONSTRAINT manifest_entry_action,
ADD CONSTRAINT manifest_entry_action CHECK (action IN ('created', 'revised', 'unchanged'));

COMMENT ON COLUMN cutter_governance.manifest_entry.action IS
'created: a new unit; revised: a new draft version of an enacted unit; unchanged: content already stored.';
