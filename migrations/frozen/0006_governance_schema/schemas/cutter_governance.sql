-- The governance records of every cut (seed 000 §2, macros M1 and M2): change sets, manifest
-- envelopes, review decisions, signatures, verify results and the signer key registry.
CREATE SCHEMA cutter_governance AUTHORIZATION iu_owner;

REVOKE ALL ON SCHEMA cutter_governance FROM PUBLIC;
GRANT USAGE ON SCHEMA cutter_governance TO cutter_exec, cutter_verifier, cutter_reviewer, iu_reader;
COMMENT ON SCHEMA cutter_governance IS
'Append-only, hash-chained governance records of every cut; written only through the fn_gov_* recording functions.';
